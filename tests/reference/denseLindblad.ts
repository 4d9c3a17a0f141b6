/**
 * Naive dense reference implementation of the master equation of Pausch et al.,
 * "Dissipative phase transition: from qubits to qudits" (Eqs. 1–6, 15–17), on the FULL
 * Hilbert space of dimension d^N. It exists only to check the fast permutation-invariant
 * engine in tests, so it is written for obviousness, not speed, and imports nothing from
 * the project (only ml-matrix for small dense eigenvalue problems).
 *
 * Conventions (paper Sec. II; DESIGN.md "Physics conventions"):
 *  - d = 2j+1, single-particle level k = 0..d-1 ↔ m = -j+k, A_{j,m} = sqrt((j-m)(j+m+1)),
 *    j_+|m⟩ = A_{j,m}|m+1⟩ (Eq. 1a).
 *  - Full basis |k_0 k_1 … k_{N-1}⟩ ↔ index Σ_i k_i d^{N-1-i} (particle 0 most significant).
 *  - Operators/density matrices are dense row-major dimH×dimH complex arrays (re, im).
 *  - vec convention of refLiouvillian: vec(ρ)[row*dimH + col] = ρ[row, col] (row-major
 *    stacking), so (𝓛 vec ρ)[r*dimH + c] = Σ_{a,b} 𝓛[(r*dimH+c), (a*dimH+b)] ρ[a,b].
 *  - Π1: A ↦ e^{iπJz} A e^{-iπJz};  T (linear stand-in for Π2, DESIGN.md):
 *    A ↦ e^{-iπJz/2} Aᵀ e^{+iπJz/2}.
 *
 * Methods (each the most direct one we could think of):
 *  - 𝓛 is evaluated literally from Eq. (3) on matrices (applyLiouvillianOp); the dense
 *    superoperator (refLiouvillian) is assembled independently from the Kronecker-product
 *    formula A ρ B ↦ (A ⊗ Bᵀ) vec ρ, and the self-tests check the two agree.
 *  - Because 𝓛 preserves hermiticity, it is represented on an orthonormal basis of
 *    Hermitian operators (E_aa, (E_ab+E_ba)/√2, i(E_ab−E_ba)/√2), where it is a REAL matrix.
 *  - Permutation-invariant (PI) operators: the symmetriser S(A) = (1/N!) Σ_π P_π A P_π† is
 *    applied, with explicit index-permutation maps for all N! permutations, to every unit
 *    operator |x⟩⟨y| not yet covered by an earlier result; the normalised results (orbit
 *    sums, mutually orthogonal because their supports are disjoint) span range(S). They are
 *    combined into Hermitian pairs as above.
 *  - Sectors: the projector (1+p1Π1)(1+p2T)/4 is written in the Hermitian PI basis (a real
 *    symmetric matrix since Π1, T are unitary involutions commuting with †) and an
 *    orthonormal basis of its range is found by Gram–Schmidt with column pivoting.
 *  - Steady state: solve 𝓛ρ = 0 with one equation replaced by Tr ρ = 1, by dense LU on the
 *    full Hermitian basis (d^{2N} ≤ 1296) or on the Hermitian PI basis (larger sizes; the
 *    unique steady state is PI because permutations map steady states to steady states).
 *  - Time evolution: ρ(t) on the full space by Taylor series of e^{𝓛h} with steps h such that
 *    h‖𝓛‖ ≤ 1/2 (‖𝓛‖ bounded rigorously via sqrt(‖A‖₁‖A‖_∞) of H and the jump operators),
 *    summed until the terms are < 1e-17 relative. Cost grows ∝ t; N = 3, d = 4 is slow.
 *
 * Limits: d^{2N} ≤ 4096 (RangeError otherwise): N ≤ 6 for d = 2, N ≤ 3 for d = 3, 4,
 * N = 2 for d ≤ 8, N = 1 for d ≤ 64. The dense superoperator at 4096 takes 268 MB.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface RefParams {
  N: number;
  d: number;
  ellRe: number[];
  ellIm?: number[];
  gammaI: number;
  gammaC: number;
  V: number;
}

/** Dense complex square matrix, row-major. */
export interface COp {
  n: number;
  re: Float64Array;
  im: Float64Array;
}

/** Complex sparse matrix as triplets (row, col, value). */
interface SpOp {
  n: number;
  r: Int32Array;
  c: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

export const REF_MAX_SUPEROP_DIM = 4096;
const FULL_STEADY_STATE_MAX = 1296;

// ---------------------------------------------------------------------------------------
// small dense complex helpers

function zeros(n: number): COp {
  return { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
}

function identity(n: number): COp {
  const A = zeros(n);
  for (let i = 0; i < n; i++) A.re[i * n + i] = 1;
  return A;
}

function matmul(A: COp, B: COp): COp {
  const n = A.n;
  const C = zeros(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const ar = A.re[i * n + k];
      const ai = A.im[i * n + k];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < n; j++) {
        const br = B.re[k * n + j];
        const bi = B.im[k * n + j];
        C.re[i * n + j] += ar * br - ai * bi;
        C.im[i * n + j] += ar * bi + ai * br;
      }
    }
  }
  return C;
}

/** Returns a*A + b*B for complex scalars a = [re, im], b = [re, im]. */
function lincomb(a: [number, number], A: COp, b: [number, number], B: COp): COp {
  const C = zeros(A.n);
  for (let s = 0; s < A.re.length; s++) {
    C.re[s] = a[0] * A.re[s] - a[1] * A.im[s] + b[0] * B.re[s] - b[1] * B.im[s];
    C.im[s] = a[0] * A.im[s] + a[1] * A.re[s] + b[0] * B.im[s] + b[1] * B.re[s];
  }
  return C;
}

function adjoint(A: COp): COp {
  const n = A.n;
  const C = zeros(n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      C.re[j * n + i] = A.re[i * n + j];
      C.im[j * n + i] = -A.im[i * n + j];
    }
  return C;
}

function frob(A: COp): number {
  let s = 0;
  for (let i = 0; i < A.re.length; i++) s += A.re[i] * A.re[i] + A.im[i] * A.im[i];
  return Math.sqrt(s);
}

function trace(A: COp): [number, number] {
  let r = 0;
  let im = 0;
  for (let i = 0; i < A.n; i++) {
    r += A.re[i * A.n + i];
    im += A.im[i * A.n + i];
  }
  return [r, im];
}

/** Tr(A B) */
function traceProduct(A: COp, B: COp): [number, number] {
  const n = A.n;
  let r = 0;
  let im = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const ar = A.re[i * n + k];
      const ai = A.im[i * n + k];
      const br = B.re[k * n + i];
      const bi = B.im[k * n + i];
      r += ar * br - ai * bi;
      im += ar * bi + ai * br;
    }
  return [r, im];
}

function toSparse(A: COp): SpOp {
  const r: number[] = [];
  const c: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  const n = A.n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = A.re[i * n + j];
      const y = A.im[i * n + j];
      if (x !== 0 || y !== 0) {
        r.push(i);
        c.push(j);
        re.push(x);
        im.push(y);
      }
    }
  return { n, r: Int32Array.from(r), c: Int32Array.from(c), re: Float64Array.from(re), im: Float64Array.from(im) };
}

/** out += coef * (S X) */
function addSpTimesDense(out: COp, coef: [number, number], S: SpOp, X: COp): void {
  const n = X.n;
  for (let t = 0; t < S.r.length; t++) {
    const sr = coef[0] * S.re[t] - coef[1] * S.im[t];
    const si = coef[0] * S.im[t] + coef[1] * S.re[t];
    const row = S.r[t] * n;
    const src = S.c[t] * n;
    for (let j = 0; j < n; j++) {
      const xr = X.re[src + j];
      const xi = X.im[src + j];
      out.re[row + j] += sr * xr - si * xi;
      out.im[row + j] += sr * xi + si * xr;
    }
  }
}

/** out += coef * (X S) */
function addDenseTimesSp(out: COp, coef: [number, number], X: COp, S: SpOp): void {
  const n = X.n;
  for (let t = 0; t < S.r.length; t++) {
    const sr = coef[0] * S.re[t] - coef[1] * S.im[t];
    const si = coef[0] * S.im[t] + coef[1] * S.re[t];
    const b = S.r[t];
    const c = S.c[t];
    for (let i = 0; i < n; i++) {
      const xr = X.re[i * n + b];
      const xi = X.im[i * n + b];
      out.re[i * n + c] += xr * sr - xi * si;
      out.im[i * n + c] += xr * si + xi * sr;
    }
  }
}

function spTimesDense(S: SpOp, X: COp): COp {
  const out = zeros(X.n);
  addSpTimesDense(out, [1, 0], S, X);
  return out;
}

// ---------------------------------------------------------------------------------------
// model (paper Eqs. 1–4)

function checkParams(p: RefParams): void {
  const { N, d } = p;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`N must be a positive integer, got ${N}`);
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`d must be an integer ≥ 2, got ${d}`);
  if (Math.pow(d, 2 * N) > REF_MAX_SUPEROP_DIM)
    throw new RangeError(`d^(2N) = ${Math.pow(d, 2 * N)} exceeds the reference limit ${REF_MAX_SUPEROP_DIM}`);
  if (p.ellRe.length !== d - 1) throw new RangeError(`ellRe must have length d-1 = ${d - 1}`);
  if (p.ellIm && p.ellIm.length !== d - 1) throw new RangeError(`ellIm must have length d-1 = ${d - 1}`);
}

/** ℓ_m, m = -j..j-1: 'spin' → A_{j,m} (Eq. 5), 'flat' → sqrt(2j) (Eq. 6). */
export function refEll(d: number, kind: 'spin' | 'flat'): number[] {
  const j = (d - 1) / 2;
  const out: number[] = [];
  for (let k = 0; k < d - 1; k++) {
    const m = -j + k;
    out.push(kind === 'spin' ? Math.sqrt((j - m) * (j + m + 1)) : Math.sqrt(2 * j));
  }
  return out;
}

/** Single-particle operators as d×d dense matrices, Eq. (1) and Eq. (4). */
function singleParticleOps(d: number, ellRe: number[], ellIm: number[]) {
  const j = (d - 1) / 2;
  const jp = zeros(d);
  const jz = zeros(d);
  const ell = zeros(d);
  for (let k = 0; k < d; k++) jz.re[k * d + k] = -j + k;
  for (let k = 0; k < d - 1; k++) {
    const m = -j + k;
    jp.re[(k + 1) * d + k] = Math.sqrt((j - m) * (j + m + 1)); // A_{j,m} |m+1⟩⟨m|
    ell.re[k * d + (k + 1)] = ellRe[k]; // ℓ_m |m⟩⟨m+1|
    ell.im[k * d + (k + 1)] = ellIm[k];
  }
  const jm = adjoint(jp);
  const jx = lincomb([0.5, 0], jp, [0.5, 0], jm); // (j+ + j-)/2
  const jy = lincomb([0, -0.5], jp, [0, 0.5], jm); // (j+ - j-)/(2i)
  return { j, jp, jm, jx, jy, jz, ell };
}

/** Digits k_0..k_{N-1} of a full basis index (particle 0 most significant). */
function digits(x: number, N: number, d: number): number[] {
  const out = new Array<number>(N);
  for (let i = N - 1; i >= 0; i--) {
    out[i] = x % d;
    x = Math.floor(x / d);
  }
  return out;
}

function fromDigits(k: number[], d: number): number {
  let x = 0;
  for (const ki of k) x = x * d + ki;
  return x;
}

/** op acting on particle i: 1 ⊗ … ⊗ op ⊗ … ⊗ 1, built entry by entry. */
function embed(op: COp, i: number, N: number, d: number): COp {
  const dimH = Math.pow(d, N);
  const out = zeros(dimH);
  for (let y = 0; y < dimH; y++) {
    const ky = digits(y, N, d);
    for (let a = 0; a < d; a++) {
      const vr = op.re[a * d + ky[i]];
      const vi = op.im[a * d + ky[i]];
      if (vr === 0 && vi === 0) continue;
      const kx = ky.slice();
      kx[i] = a;
      const x = fromDigits(kx, d);
      out.re[x * dimH + y] += vr;
      out.im[x * dimH + y] += vi;
    }
  }
  return out;
}

function collective(op: COp, N: number, d: number): COp {
  let out = zeros(Math.pow(d, N));
  for (let i = 0; i < N; i++) out = lincomb([1, 0], out, [1, 0], embed(op, i, N, d));
  return out;
}

interface Jump {
  rate: number;
  L: SpOp;
  Ld: SpOp;
  LdL: SpOp;
  Ldense: COp;
}

interface Model {
  N: number;
  d: number;
  j: number;
  dimH: number;
  H: COp;
  Hs: SpOp;
  jumps: Jump[];
  Jx: COp;
  Jy: COp;
  Jz: COp;
  Jp: COp;
  Jm: COp;
}

function makeJump(rate: number, L: COp): Jump {
  const Ld = adjoint(L);
  return { rate, L: toSparse(L), Ld: toSparse(Ld), LdL: toSparse(matmul(Ld, L)), Ldense: L };
}

function buildModel(p: RefParams): Model {
  checkParams(p);
  const { N, d } = p;
  const ellIm = p.ellIm ?? new Array<number>(d - 1).fill(0);
  const sp = singleParticleOps(d, p.ellRe, ellIm);
  const j = sp.j;
  const dimH = Math.pow(d, N);
  const Jx = collective(sp.jx, N, d);
  const Jy = collective(sp.jy, N, d);
  const Jz = collective(sp.jz, N, d);
  const Jp = collective(sp.jp, N, d);
  const Jm = collective(sp.jm, N, d);
  // Eq. (2): H = V/(Nj) (Jx² − Jy²)
  const c = p.V / (N * j);
  const H = lincomb([c, 0], matmul(Jx, Jx), [-c, 0], matmul(Jy, Jy));
  const jumps: Jump[] = [];
  // Eq. (3): (γ_I/j) Σ_i D[L^(i)] + (γ_C/(Nj)) D[L_C], L_C = Σ_i L^(i)
  if (p.gammaI !== 0) for (let i = 0; i < N; i++) jumps.push(makeJump(p.gammaI / j, embed(sp.ell, i, N, d)));
  if (p.gammaC !== 0) jumps.push(makeJump(p.gammaC / (N * j), collective(sp.ell, N, d)));
  return { N, d, j, dimH, H, Hs: toSparse(H), jumps, Jx, Jy, Jz, Jp, Jm };
}

/** Eq. (3) literally: −i[H,ρ] + Σ_k rate_k (L ρ L† − ½ L†L ρ − ½ ρ L†L). */
function applyLiouvillianOp(m: Model, rho: COp): COp {
  const out = zeros(m.dimH);
  addSpTimesDense(out, [0, -1], m.Hs, rho);
  addDenseTimesSp(out, [0, 1], rho, m.Hs);
  for (const J of m.jumps) {
    const Lrho = spTimesDense(J.L, rho);
    addDenseTimesSp(out, [J.rate, 0], Lrho, J.Ld);
    addSpTimesDense(out, [-0.5 * J.rate, 0], J.LdL, rho);
    addDenseTimesSp(out, [-0.5 * J.rate, 0], rho, J.LdL);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// public: Hamiltonian / operators / direct Liouvillian action (for tests)

/** Collective operators and H of the full space (dense dimH×dimH). */
export function refOperators(p: RefParams): { dimH: number; H: COp; Jx: COp; Jy: COp; Jz: COp; Jp: COp; Jm: COp; jumps: Array<{ rate: number; L: COp }> } {
  const m = buildModel(p);
  return { dimH: m.dimH, H: m.H, Jx: m.Jx, Jy: m.Jy, Jz: m.Jz, Jp: m.Jp, Jm: m.Jm, jumps: m.jumps.map((J) => ({ rate: J.rate, L: J.Ldense })) };
}

/** 𝓛(ρ) evaluated literally from Eq. (3) (ρ dense row-major dimH×dimH). */
export function refApplyLiouvillian(p: RefParams, rho: COp): COp {
  const m = buildModel(p);
  if (rho.n !== m.dimH) throw new RangeError('rho has the wrong dimension');
  return applyLiouvillianOp(m, rho);
}

/** Dense superoperator 𝓛 (n = d^{2N}), row-major n×n, acting on vec(ρ)[row*dimH + col]. */
export function refLiouvillian(p: RefParams): { n: number; re: Float64Array; im: Float64Array } {
  const m = buildModel(p);
  const D = m.dimH;
  const n = D * D;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  const I = toSparse(identity(D));
  // ρ ↦ coef · A ρ B contributes coef · A[r,a] B[b,c] at (row (r,c), column (a,b)), i.e. A ⊗ Bᵀ.
  const sandwich = (coef: [number, number], A: SpOp, B: SpOp) => {
    for (let s = 0; s < A.r.length; s++) {
      const ar = coef[0] * A.re[s] - coef[1] * A.im[s];
      const ai = coef[0] * A.im[s] + coef[1] * A.re[s];
      const r = A.r[s];
      const a = A.c[s];
      for (let t = 0; t < B.r.length; t++) {
        const b = B.r[t];
        const c = B.c[t];
        const idx = (r * D + c) * n + (a * D + b);
        re[idx] += ar * B.re[t] - ai * B.im[t];
        im[idx] += ar * B.im[t] + ai * B.re[t];
      }
    }
  };
  sandwich([0, -1], m.Hs, I);
  sandwich([0, 1], I, m.Hs);
  for (const J of m.jumps) {
    sandwich([J.rate, 0], J.L, J.Ld);
    sandwich([-0.5 * J.rate, 0], J.LdL, I);
    sandwich([-0.5 * J.rate, 0], I, J.LdL);
  }
  return { n, re, im };
}

// ---------------------------------------------------------------------------------------
// symmetries Π1, T (linear version of Π2) and permutations

/** Π1(A) = e^{iπJz} A e^{−iπJz}, with e^{iπJz} the diagonal of phases e^{iπ M_x}. */
export function refPi1(N: number, d: number, A: COp): COp {
  const M = totalM(N, d);
  const D = A.n;
  const out = zeros(D);
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      const ph = Math.PI * (M[x] - M[y]);
      const c = Math.cos(ph);
      const s = Math.sin(ph);
      const ar = A.re[x * D + y];
      const ai = A.im[x * D + y];
      out.re[x * D + y] = c * ar - s * ai;
      out.im[x * D + y] = c * ai + s * ar;
    }
  return out;
}

/** T(A) = e^{−iπJz/2} Aᵀ e^{+iπJz/2} (linear stand-in for Π2, DESIGN.md). */
export function refT(N: number, d: number, A: COp): COp {
  const M = totalM(N, d);
  const D = A.n;
  const out = zeros(D);
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      // (U Aᵀ U†)[x,y] = e^{−iπM_x/2} A[y,x] e^{+iπM_y/2}
      const ph = (Math.PI / 2) * (M[y] - M[x]);
      const c = Math.cos(ph);
      const s = Math.sin(ph);
      const ar = A.re[y * D + x];
      const ai = A.im[y * D + x];
      out.re[x * D + y] = c * ar - s * ai;
      out.im[x * D + y] = c * ai + s * ar;
    }
  return out;
}

const totalMCache = new Map<string, Float64Array>();

function totalM(N: number, d: number): Float64Array {
  const key = `${N},${d}`;
  let M = totalMCache.get(key);
  if (!M) {
    M = computeTotalM(N, d);
    totalMCache.set(key, M);
  }
  return M;
}

function computeTotalM(N: number, d: number): Float64Array {
  const j = (d - 1) / 2;
  const D = Math.pow(d, N);
  const M = new Float64Array(D);
  for (let x = 0; x < D; x++) M[x] = digits(x, N, d).reduce((s, k) => s + (-j + k), 0);
  return M;
}

function allPermutations(N: number): number[][] {
  if (N === 1) return [[0]];
  const out: number[][] = [];
  for (const p of allPermutations(N - 1))
    for (let pos = 0; pos <= p.length; pos++) out.push([...p.slice(0, pos), N - 1, ...p.slice(pos)]);
  return out;
}

/** For each permutation π: the map x ↦ index of P_π|x⟩ (particle i's level moved to slot π(i)). */
function permutationIndexMaps(N: number, d: number): Int32Array[] {
  const D = Math.pow(d, N);
  return allPermutations(N).map((perm) => {
    const map = new Int32Array(D);
    for (let x = 0; x < D; x++) {
      const k = digits(x, N, d);
      const kp = new Array<number>(N);
      for (let i = 0; i < N; i++) kp[perm[i]] = k[i];
      map[x] = fromDigits(kp, d);
    }
    return map;
  });
}

/** S(A) = (1/N!) Σ_π P_π A P_π† with explicit permutation maps. */
export function refSymmetrise(N: number, d: number, A: COp): COp {
  const maps = permutationIndexMaps(N, d);
  const D = A.n;
  const out = zeros(D);
  for (const P of maps)
    for (let x = 0; x < D; x++)
      for (let y = 0; y < D; y++) {
        out.re[P[x] * D + P[y]] += A.re[x * D + y] / maps.length;
        out.im[P[x] * D + P[y]] += A.im[x * D + y] / maps.length;
      }
  return out;
}

// ---------------------------------------------------------------------------------------
// orthonormal Hermitian operator bases (sparse vectors over flat indices x*dimH + y)

interface SparseVec {
  idx: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

interface HermBasis {
  dimH: number;
  vecs: SparseVec[];
}

/**
 * Hermitian orthonormal basis of span{O_o}, where the O_o are real orthonormal "orbit"
 * vectors with disjoint supports (given as lists of flat indices with equal weights) and
 * the set of orbits is closed under (x,y) ↦ (y,x).
 */
function hermitianBasisFromOrbits(dimH: number, orbits: number[][]): HermBasis {
  const orbitOf = new Int32Array(dimH * dimH).fill(-1);
  orbits.forEach((o, id) => o.forEach((s) => (orbitOf[s] = id)));
  const vecs: SparseVec[] = [];
  orbits.forEach((o, id) => {
    const s0 = o[0];
    const adjId = orbitOf[(s0 % dimH) * dimH + Math.floor(s0 / dimH)];
    const w = 1 / Math.sqrt(o.length);
    if (adjId === id) {
      vecs.push({ idx: Int32Array.from(o), re: new Float64Array(o.length).fill(w), im: new Float64Array(o.length) });
    } else if (adjId > id) {
      const adj = orbits[adjId];
      const idx = Int32Array.from([...o, ...adj]);
      const w2 = w / Math.SQRT2;
      // (O + O†)/√2
      vecs.push({ idx, re: new Float64Array(idx.length).fill(w2), im: new Float64Array(idx.length) });
      // i(O − O†)/√2
      const im = new Float64Array(idx.length);
      for (let t = 0; t < idx.length; t++) im[t] = t < o.length ? w2 : -w2;
      vecs.push({ idx, re: new Float64Array(idx.length), im });
    }
  });
  return { dimH, vecs };
}

function fullHermitianBasis(dimH: number): HermBasis {
  const orbits: number[][] = [];
  for (let s = 0; s < dimH * dimH; s++) orbits.push([s]);
  return hermitianBasisFromOrbits(dimH, orbits);
}

const piBasisCache = new Map<string, HermBasis>();

/** Hermitian orthonormal basis of the permutation-invariant operators (range of S). */
function piHermitianBasis(N: number, d: number): HermBasis {
  const key = `${N},${d}`;
  const hit = piBasisCache.get(key);
  if (hit) return hit;
  const D = Math.pow(d, N);
  const maps = permutationIndexMaps(N, d);
  const covered = new Uint8Array(D * D);
  const orbits: number[][] = [];
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      if (covered[x * D + y]) continue;
      // S(|x⟩⟨y|) = (1/N!) Σ_π |πx⟩⟨πy| : accumulate the weights explicitly.
      const acc = new Map<number, number>();
      for (const P of maps) {
        const s = P[x] * D + P[y];
        acc.set(s, (acc.get(s) ?? 0) + 1 / maps.length);
      }
      const support = [...acc.keys()].sort((a, b) => a - b);
      // all weights are equal (= stabiliser size / N!), so S(|x⟩⟨y|)/‖·‖ is the orbit
      // indicator / sqrt(size); any earlier S(|x'⟩⟨y'|) has a disjoint support.
      for (const s of support) {
        if (covered[s]) throw new Error('internal: overlapping symmetrised supports');
        covered[s] = 1;
      }
      orbits.push(support);
    }
  const basis = hermitianBasisFromOrbits(D, orbits);
  piBasisCache.set(key, basis);
  return basis;
}

function expand(B: HermBasis, coords: ArrayLike<number>): COp {
  const X = zeros(B.dimH);
  B.vecs.forEach((v, i) => {
    const c = coords[i];
    if (c === 0) return;
    for (let t = 0; t < v.idx.length; t++) {
      X.re[v.idx[t]] += c * v.re[t];
      X.im[v.idx[t]] += c * v.im[t];
    }
  });
  return X;
}

/** Coordinates Re⟨b_i, Y⟩ (exact for Hermitian Y lying in the span). */
function project(B: HermBasis, Y: COp): Float64Array {
  const out = new Float64Array(B.vecs.length);
  B.vecs.forEach((v, i) => {
    let s = 0;
    for (let t = 0; t < v.idx.length; t++) s += v.re[t] * Y.re[v.idx[t]] + v.im[t] * Y.im[v.idx[t]];
    out[i] = s;
  });
  return out;
}

/** Real matrix (row-major) of a hermiticity-preserving linear map in a Hermitian basis. */
function restrictMap(B: HermBasis, f: (X: COp) => COp): Float64Array {
  const D = B.vecs.length;
  const M = new Float64Array(D * D);
  const e = new Float64Array(D);
  for (let k = 0; k < D; k++) {
    e.fill(0);
    e[k] = 1;
    const col = project(B, f(expand(B, e)));
    for (let i = 0; i < D; i++) M[i * D + k] = col[i];
  }
  return M;
}

/** Size of the PI operator space found by the naive symmetriser (= C(N+d²−1, N)). */
export function refPIDimension(N: number, d: number): number {
  checkParams({ N, d, ellRe: new Array<number>(d - 1).fill(1), gammaI: 0, gammaC: 0, V: 0 });
  return piHermitianBasis(N, d).vecs.length;
}

/** The Hermitian PI basis as dense operators (orthonormal in Tr(A†B)). */
export function refPIBasisOperators(N: number, d: number): COp[] {
  refPIDimension(N, d);
  const B = piHermitianBasis(N, d);
  return B.vecs.map((_, i) => {
    const e = new Float64Array(B.vecs.length);
    e[i] = 1;
    return expand(B, e);
  });
}

// ---------------------------------------------------------------------------------------
// dense real linear algebra

/** Solve A x = b (A row-major n×n, overwritten copy) by LU with partial pivoting. */
function solveReal(Ain: Float64Array, bin: Float64Array, n: number): Float64Array {
  const A = Float64Array.from(Ain);
  const b = Float64Array.from(bin);
  for (let k = 0; k < n; k++) {
    let piv = k;
    let best = Math.abs(A[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (best === 0) throw new Error('singular system in reference steady state');
    if (piv !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k * n + j];
        A[k * n + j] = A[piv * n + j];
        A[piv * n + j] = t;
      }
      const t = b[k];
      b[k] = b[piv];
      b[piv] = t;
    }
    const akk = A[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k] / akk;
      if (f === 0) continue;
      A[i * n + k] = 0;
      for (let j = k + 1; j < n; j++) A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[i * n + j] * x[j];
    x[i] = s / A[i * n + i];
  }
  return x;
}

/**
 * Orthonormal basis (columns, as arrays) of the column space of the symmetric projector P,
 * by Gram–Schmidt with column pivoting (largest remaining residual first, twice
 * re-orthogonalised), stopping when the largest residual norm is below tol.
 */
function rangeBasis(P: Float64Array, D: number, tol = 1e-8): Float64Array[] {
  const cols: Float64Array[] = [];
  for (let k = 0; k < D; k++) {
    const c = new Float64Array(D);
    for (let i = 0; i < D; i++) c[i] = P[i * D + k];
    cols.push(c);
  }
  const Q: Float64Array[] = [];
  const alive = new Array<boolean>(D).fill(true);
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < D; i++) s += a[i] * b[i];
    return s;
  };
  // residual norms, recomputed exactly (not downdated) whenever a column changes
  const norms = cols.map((c) => Math.sqrt(dot(c, c)));
  for (;;) {
    let best = -1;
    let bestNorm = tol;
    for (let k = 0; k < D; k++) {
      if (alive[k] && norms[k] > bestNorm) {
        bestNorm = norms[k];
        best = k;
      }
    }
    if (best < 0) break;
    alive[best] = false;
    const q = cols[best];
    for (let pass = 0; pass < 2; pass++)
      for (const u of Q) {
        const a = dot(u, q);
        for (let i = 0; i < D; i++) q[i] -= a * u[i];
      }
    const nq = Math.sqrt(dot(q, q));
    for (let i = 0; i < D; i++) q[i] /= nq;
    Q.push(q);
    for (let k = 0; k < D; k++) {
      if (!alive[k]) continue;
      const ck = cols[k];
      const a = dot(q, ck);
      if (a === 0) continue;
      let s = 0;
      for (let i = 0; i < D; i++) {
        ck[i] -= a * q[i];
        s += ck[i] * ck[i];
      }
      norms[k] = Math.sqrt(s);
    }
  }
  return Q;
}

// ---------------------------------------------------------------------------------------
// steady state and observables

function steadyStateInBasis(m: Model, B: HermBasis): COp {
  const D = B.vecs.length;
  const Lr = restrictMap(B, (X) => applyLiouvillianOp(m, X));
  // trace functional of each basis element
  const tr = new Float64Array(D);
  B.vecs.forEach((v, i) => {
    for (let t = 0; t < v.idx.length; t++) {
      const s = v.idx[t];
      if (Math.floor(s / B.dimH) === s % B.dimH) tr[i] += v.re[t];
    }
  });
  // The equations Σ_k Lr[i,k] x_k = 0 are dependent (Tr 𝓛(ρ) = 0); replace the first one
  // that takes part in that dependency (tr[i] ≠ 0) by Tr ρ = 1.
  let r0 = 0;
  while (tr[r0] === 0) r0++;
  const A = Float64Array.from(Lr);
  for (let k = 0; k < D; k++) A[r0 * D + k] = tr[k];
  const rhs = new Float64Array(D);
  rhs[r0] = 1;
  const x = solveReal(A, rhs, D);
  const rho = expand(B, x);
  // symmetrise against round-off
  const rh = lincomb([0.5, 0], rho, [0.5, 0], adjoint(rho));
  return rh;
}

/**
 * Unique steady state (γ_I > 0) as a dense row-major dimH×dimH matrix with Tr ρ = 1.
 * space 'full': all d^{2N} Hermitian basis operators (default for d^{2N} ≤ 1296);
 * space 'pi': only the permutation-invariant ones (default above that).
 */
export function refSteadyState(p: RefParams, opts: { space?: 'full' | 'pi' } = {}): { dimH: number; re: Float64Array; im: Float64Array } {
  const m = buildModel(p);
  const space = opts.space ?? (m.dimH * m.dimH <= FULL_STEADY_STATE_MAX ? 'full' : 'pi');
  const B = space === 'full' ? fullHermitianBasis(m.dimH) : piHermitianBasis(p.N, p.d);
  const rho = steadyStateInBasis(m, B);
  return { dimH: m.dimH, re: rho.re, im: rho.im };
}

/** Eq. (17): Σ |λ| over negative eigenvalues of ρ^{T_B}, B = last ⌊N/2⌋ particles. */
export function refNegativity(rho: COp, N: number, d: number): number {
  const NB = Math.floor(N / 2);
  if (NB === 0) return 0;
  const D = rho.n;
  const dB = Math.pow(d, NB);
  const pt = zeros(D);
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      const xa = Math.floor(x / dB);
      const xb = x % dB;
      const ya = Math.floor(y / dB);
      const yb = y % dB;
      // ρ^{T_B}[(xa,xb),(ya,yb)] = ρ[(xa,yb),(ya,xb)]
      const src = (xa * dB + yb) * D + (ya * dB + xb);
      pt.re[x * D + y] = rho.re[src];
      pt.im[x * D + y] = rho.im[src];
    }
  // Hermitian A + iB → real symmetric [[A, −B], [B, A]]: same eigenvalues, each twice.
  const big = Matrix.zeros(2 * D, 2 * D);
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      const a = 0.5 * (pt.re[x * D + y] + pt.re[y * D + x]);
      const b = 0.5 * (pt.im[x * D + y] - pt.im[y * D + x]);
      big.set(x, y, a);
      big.set(x + D, y + D, a);
      big.set(x, y + D, -b);
      big.set(x + D, y, b);
    }
  const ev = new EigenvalueDecomposition(big, { assumeSymmetric: true }).realEigenvalues;
  let s = 0;
  for (const l of ev) if (l < 0) s += -l;
  return s / 2;
}

function observablesOf(m: Model, rho: COp) {
  const Nj = m.N * m.j;
  const X = traceProduct(rho, m.Jx)[0] / Nj;
  const Y = traceProduct(rho, m.Jy)[0] / Nj;
  const Z = traceProduct(rho, m.Jz)[0] / Nj;
  const Jz2 = traceProduct(rho, matmul(m.Jz, m.Jz))[0] / (Nj * Nj);
  const purity = traceProduct(rho, rho)[0];
  return { X, Y, Z, Jz2, purity, scaledPurity: Math.pow(m.d, m.N) * purity };
}

/** Steady-state observables: X, Y, Z = ⟨J_α⟩/(Nj), Jz2 = ⟨Jz²⟩/(Nj)², purity, d^N·purity, negativity (Eq. 17). */
export function refObservables(p: RefParams): { X: number; Y: number; Z: number; Jz2: number; purity: number; scaledPurity: number; negativity: number } {
  const m = buildModel(p);
  const ss = refSteadyState(p);
  const rho: COp = { n: ss.dimH, re: ss.re, im: ss.im };
  return { ...observablesOf(m, rho), negativity: refNegativity(rho, p.N, p.d) };
}

// ---------------------------------------------------------------------------------------
// symmetry sectors of the PI Liouvillian

function sectorKey(s: [number, number]): string {
  return `${s[0]},${s[1]}`;
}

const sectorBasisCache = new Map<string, Float64Array[]>();
const symmetryMatrixCache = new Map<string, { P1: Float64Array; T: Float64Array; P1T: Float64Array }>();

/** Orthonormal basis (coordinates in the Hermitian PI basis) of sector (p1, p2). */
function sectorBasis(N: number, d: number, sector: [number, number]): Float64Array[] {
  const [p1, p2] = sector;
  if (Math.abs(p1) !== 1 || Math.abs(p2) !== 1) throw new RangeError('sector parities must be ±1');
  const key = `${N},${d},${sectorKey(sector)}`;
  const hit = sectorBasisCache.get(key);
  if (hit) return hit;
  const B = piHermitianBasis(N, d);
  const D = B.vecs.length;
  const symKey = `${N},${d}`;
  let sym = symmetryMatrixCache.get(symKey);
  if (!sym) {
    sym = {
      P1: restrictMap(B, (X) => refPi1(N, d, X)),
      T: restrictMap(B, (X) => refT(N, d, X)),
      P1T: restrictMap(B, (X) => refPi1(N, d, refT(N, d, X))),
    };
    symmetryMatrixCache.set(symKey, sym);
  }
  const { P1, T, P1T } = sym;
  // (1 + p1 Π1)(1 + p2 T)/4 = (1 + p1 Π1 + p2 T + p1 p2 Π1 T)/4
  const P = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let k = 0; k < D; k++)
      P[i * D + k] = ((i === k ? 1 : 0) + p1 * P1[i * D + k] + p2 * T[i * D + k] + p1 * p2 * P1T[i * D + k]) / 4;
  const Q = rangeBasis(P, D);
  sectorBasisCache.set(key, Q);
  return Q;
}

/** Sector dimensions: rank of the sector projector on the PI operator space. */
export function refSectorDimensions(N: number, d: number): { '+1,+1': number; '+1,-1': number; '-1,+1': number; '-1,-1': number } {
  checkParams({ N, d, ellRe: new Array<number>(d - 1).fill(1), gammaI: 0, gammaC: 0, V: 0 });
  return {
    '+1,+1': sectorBasis(N, d, [1, 1]).length,
    '+1,-1': sectorBasis(N, d, [1, -1]).length,
    '-1,+1': sectorBasis(N, d, [-1, 1]).length,
    '-1,-1': sectorBasis(N, d, [-1, -1]).length,
  };
}

/** Real matrix of 𝓛 restricted to sector (p1,p2) of the PI operators (orthonormal Hermitian basis). */
export function refSectorMatrix(p: RefParams, sector: [number, number]): { dim: number; data: Float64Array } {
  const m = buildModel(p);
  if (p.ellIm && p.ellIm.some((v) => v !== 0))
    throw new RangeError('sectors (p1,p2) need a real dissipator ℓ (Π2 is no symmetry otherwise)');
  const B = piHermitianBasis(p.N, p.d);
  const Q = sectorBasis(p.N, p.d, sector);
  const r = Q.length;
  const data = new Float64Array(r * r);
  for (let k = 0; k < r; k++) {
    const col = project(B, applyLiouvillianOp(m, expand(B, Q[k])));
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let l = 0; l < col.length; l++) s += Q[i][l] * col[l];
      data[i * r + k] = s;
    }
  }
  return { dim: r, data };
}

function sortSpectrum(ev: Array<[number, number]>): Array<[number, number]> {
  return ev.sort((a, b) => {
    const da = Math.abs(a[0]);
    const db = Math.abs(b[0]);
    if (Math.abs(da - db) > 1e-9 * Math.max(1, da, db)) return da - db;
    return a[1] - b[1];
  });
}

function eigenvaluesReal(data: Float64Array, n: number): Array<[number, number]> {
  if (n === 0) return [];
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) M.set(i, k, data[i * n + k]);
  const evd = new EigenvalueDecomposition(M);
  const re = evd.realEigenvalues;
  const im = evd.imaginaryEigenvalues;
  return sortSpectrum(re.map((x, i) => [x, im[i]] as [number, number]));
}

/**
 * All eigenvalues [re, im] of 𝓛 on the PI operators of sector (p1,p2), sorted by |Re|
 * ascending (ties, within 1e-9 relative, by Im ascending).
 */
export function refSectorSpectrum(p: RefParams, sector: [number, number]): Array<[number, number]> {
  const { dim, data } = refSectorMatrix(p, sector);
  return eigenvaluesReal(data, dim);
}

/** All d^{2N} eigenvalues of the full Liouvillian (Hermitian basis, real matrix); small sizes only. */
export function refFullSpectrum(p: RefParams): Array<[number, number]> {
  const m = buildModel(p);
  if (m.dimH * m.dimH > 1024) throw new RangeError('refFullSpectrum: d^(2N) ≤ 1024 only');
  const B = fullHermitianBasis(m.dimH);
  const Lr = restrictMap(B, (X) => applyLiouvillianOp(m, X));
  return eigenvaluesReal(Lr, B.vecs.length);
}

// ---------------------------------------------------------------------------------------
// time evolution

function normBound(A: COp): number {
  const n = A.n;
  let maxRow = 0;
  let maxCol = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    let c = 0;
    for (let k = 0; k < n; k++) {
      r += Math.hypot(A.re[i * n + k], A.im[i * n + k]);
      c += Math.hypot(A.re[k * n + i], A.im[k * n + i]);
    }
    maxRow = Math.max(maxRow, r);
    maxCol = Math.max(maxCol, c);
  }
  return Math.sqrt(maxRow * maxCol);
}

/** ρ(t) for ρ(0) = (|ψ0⟩⟨ψ0|)^{⊗N}; returns the states at the requested times (any order, t ≥ 0). */
export function refTimeEvolveStates(p: RefParams, psi0Re: number[], psi0Im: number[], times: number[]): COp[] {
  const m = buildModel(p);
  const { N, d } = p;
  if (psi0Re.length !== d || psi0Im.length !== d) throw new RangeError('psi0 must have d components');
  if (times.some((t) => !(t >= 0))) throw new RangeError('times must be ≥ 0');
  let nrm = 0;
  for (let k = 0; k < d; k++) nrm += psi0Re[k] * psi0Re[k] + psi0Im[k] * psi0Im[k];
  nrm = Math.sqrt(nrm);
  if (nrm === 0) throw new RangeError('psi0 is zero');
  // |ψ⟩^{⊗N}: amplitude of |k_0…k_{N−1}⟩ is Π_i ψ(k_i)
  const D = m.dimH;
  const pr = new Float64Array(D);
  const pi = new Float64Array(D);
  for (let x = 0; x < D; x++) {
    let ar = 1;
    let ai = 0;
    for (const k of digits(x, N, d)) {
      const br = psi0Re[k] / nrm;
      const bi = psi0Im[k] / nrm;
      const t = ar * br - ai * bi;
      ai = ar * bi + ai * br;
      ar = t;
    }
    pr[x] = ar;
    pi[x] = ai;
  }
  let rho = zeros(D);
  for (let x = 0; x < D; x++)
    for (let y = 0; y < D; y++) {
      rho.re[x * D + y] = pr[x] * pr[y] + pi[x] * pi[y];
      rho.im[x * D + y] = pi[x] * pr[y] - pr[x] * pi[y];
    }
  // ‖𝓛‖ (as a map on Hilbert–Schmidt space) ≤ 2‖H‖ + Σ rate (‖L‖² + ‖L†L‖), with the
  // rigorous spectral-norm bound ‖A‖₂ ≤ sqrt(‖A‖₁ ‖A‖_∞).
  let bound = 2 * normBound(m.H);
  for (const J of m.jumps) {
    const Ln = normBound(J.Ldense);
    bound += Math.abs(J.rate) * (Ln * Ln + normBound(matmul(adjoint(J.Ldense), J.Ldense)));
  }
  const hMax = bound > 0 ? 0.5 / bound : Infinity;
  const step = (r: COp, h: number): COp => {
    // Σ_k (h𝓛)^k r / k!
    let term = r;
    let acc = lincomb([1, 0], r, [0, 0], r);
    const scale = frob(r);
    for (let k = 1; k <= 200; k++) {
      const next = applyLiouvillianOp(m, term);
      term = lincomb([h / k, 0], next, [0, 0], next);
      acc = lincomb([1, 0], acc, [1, 0], term);
      if (frob(term) <= 1e-17 * scale) break;
    }
    return acc;
  };
  const order = times.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array<COp>(times.length);
  let tNow = 0;
  for (const [t, i] of order) {
    while (tNow < t) {
      const h = Math.min(hMax, t - tNow);
      rho = step(rho, h);
      tNow = h === t - tNow ? t : tNow + h;
    }
    out[i] = { n: D, re: Float64Array.from(rho.re), im: Float64Array.from(rho.im) };
  }
  return out;
}

/** X, Y, Z = ⟨J_α⟩/(Nj) along exact dynamics e^{𝓛t} from (|ψ0⟩⟨ψ0|)^{⊗N} (ψ0 in ascending m, normalised here). */
export function refTimeEvolve(p: RefParams, psi0Re: number[], psi0Im: number[], times: number[]): { X: number[]; Y: number[]; Z: number[] } {
  const m = buildModel(p);
  const states = refTimeEvolveStates(p, psi0Re, psi0Im, times);
  const obs = states.map((r) => observablesOf(m, r));
  return { X: obs.map((o) => o.X), Y: obs.map((o) => o.Y), Z: obs.map((o) => o.Z) };
}

/** Observables of an arbitrary dense ρ (for tests). */
export function refObservablesOf(p: RefParams, rho: COp): { X: number; Y: number; Z: number; Jz2: number; purity: number; scaledPurity: number; negativity: number } {
  const m = buildModel(p);
  return { ...observablesOf(m, rho), negativity: refNegativity(rho, p.N, p.d) };
}

export const refInternals = { trace, traceProduct, matmul, adjoint, frob, zeros, lincomb };
