/**
 * Negativity of a permutation-invariant (PI) density matrix, paper Eq. (17), for a bipartition of
 * the N particles into A (the first N_A) and B (the other N_B = N − N_A), WITHOUT forming the
 * d^N × d^N partial transpose (5^7 = 78 125 would need 49 GB). By permutation invariance every
 * choice of the N_A particles gives the same spectrum (paper, after Eq. 17).
 *
 *   𝒩_{A|B}[ρ] = Σ_{λ eigenvalue of ρ^{T_B}, λ < 0} |λ| = (‖ρ^{T_B}‖₁ − Tr ρ)/2          (Eq. 17)
 *   E_N = log₂ ‖ρ^{T_B}‖₁   (logarithmic negativity, base 2; Vidal & Werner, PRA 65, 032314)
 *
 * Input: ρ = Σ_n c_n S_n over the PI basis of piBasis.ts (S_n the UNNORMALISED symmetric sum over
 * the distinct arrangements of the multiset n of labels p = a·d + b, i.e. |a⟩⟨b|), c indexed by
 * PI rank. `piCoefficientsOfSector` converts sector coordinates (steadyState.ts) to c.
 *
 * Construction (derived for this module):
 *  1. Lookup. ⟨x|ρ|y⟩ = c_{n(x,y)} for product states x, y, with n(x,y) the multiset of pairs
 *     (x_i, y_i), because each arrangement occurs once in S_n. Hence
 *         ⟨x_A x_B|ρ^{T_B}|y_A y_B⟩ = ⟨x_A y_B|ρ|y_A x_B⟩ = c_{n(x_A,y_A) + n(x_B,y_B)ᵀ},
 *     where ᵀ swaps (a, b) ↦ (b, a): ρ^{T_B} = Σ_{t_A, t_B} C[t_A, t_B] S_{t_A} ⊗ S_{t_B} with
 *     C[t_A, t_B] = c_{t_A + t_Bᵀ} over the PI elements ("tables") of N_A and N_B particles.
 *  2. Schur–Weyl. ρ^{T_B} commutes with the permutations inside A and inside B, so on
 *     (C^d)^{⊗N_A} ⊗ (C^d)^{⊗N_B} = ⊕ (U(λ_A) ⊗ S^{λ_A}) ⊗ (U(λ_B) ⊗ S^{λ_B}) it is
 *     ⊕_{λ_A, λ_B} M_{λ_A λ_B} ⊗ 1, one Hermitian block of size dim U_d(λ_A)·dim U_d(λ_B)
 *     (hook-content formula) repeated dim S^{λ_A}·dim S^{λ_B} times (hook-length formula)
 *     (Fulton & Harris, "Representation Theory", Lecture 6; Goodman & Wallach §9.1). The block is
 *     the matrix of ρ^{T_B} on u_a ⊗ w_b for orthonormal bases u of one copy of U(λ_A) and w of
 *     one copy of U(λ_B) (schurWeyl.ts: lowest-content eigenvectors of the transposition class
 *     sum on row-symmetric vectors, weight by weight):
 *         M[(a,b),(a',b')] = Σ_{t_A, t_B} ⟨u_a|S_{t_A}|u_a'⟩ C[t_A, t_B] ⟨w_b|S_{t_B}|w_b'⟩,
 *     sparse in the weights: t_A must have row weight wt(u_a) and column weight wt(u_a').
 *     Assembly (assembleBlocks): by pairs of weight pairs ((w_A, w_A'), (w_B, w_B')), upper
 *     triangle only; the C entries of a pair are looked up there and then (C is never stored),
 *     contracted once per λ_B with the B tables, and that contraction serves every λ_A.
 *  3. Π1. If c_n = 0 whenever δ(n) = Σ(a_i − b_i) is odd (every state of the p1 = +1 sectors,
 *     hence every steady state), ρ^{T_B} commutes with (−1)^{Σ_i x_i} (with the B levels
 *     entering through x_B − y_B ≡ x_B + y_B mod 2) and each block splits in two by the parity of
 *     Σ_k k·(w_A + w_B)_k.
 *  4. Frame. With T(ρ) = ρ (p2 = +1; sectors.ts), the local diagonal unitary W = e^{iπJz/4} on
 *     every particle makes ρ real: c_n ↦ e^{iπδ(n)/4} c_n. Local unitaries leave the spectrum of
 *     ρ^{T_B} unchanged ((W_A ⊗ W_B) ρ (…)† has partial transpose (W_A ⊗ W̄_B) ρ^{T_B} (…)†),
 *     so real symmetric blocks are used when that makes c real to 1e-13 (relative); otherwise
 *     complex Hermitian blocks.
 *  5. Each block's eigenvalues by Householder tridiagonalisation + implicit QL
 *     (hermitianEigenvalues.ts), then the spectrum with multiplicities.
 *
 * Why the blocks are not smaller: beyond S_{N_A} × S_{N_B}, ρ^{T_B} inherits only what the
 * model's Z2 × Z2 gives (paper Sec. II): Π1 (step 3) and, from the antiunitary Π2, a real form
 * (step 4). There is no U(1): H ∝ J_+² + J_−² (Eq. 2) changes Σ m by ±2, so weights are conserved
 * only mod 2, which is the Π1 split.
 *
 * Cost: the blocks cost Σ (4/3)·size³ flops (negativityCost) and are all held at once after the
 * assembly (Σ 8·size² bytes: 228 MiB at (N, d) = (7, 5)); the assembly looks up
 * ≈ dim PI(N_A)·dim PI(N_B)/4 coefficients. At (7, 5) the largest block is λ_A = (3,1),
 * λ_B = (2,1): 105·40 = 4 200, two parity halves of 2 100, and the total is 6.2·10¹⁰ flops.
 * Measured on a shared, loaded 2-core machine (CPU time of one core, bench/negativity.bench.ts,
 * 2026-11-30): ≈ 6 s at (7, 5) — ≈ 3.5 s in the tridiagonalisations (WebAssembly SIMD kernels,
 * ≈ 18 GFlop/s; 14 s with scalar JavaScript), ≈ 1.6 s in the assembly, ≈ 0.9 s in the checks,
 * frame and parties — and peak RSS ≈ 0.5 GiB; (7, 4), the largest size of the paper's Fig. 8
 * that the steady-state solver reaches, ≈ 0.65 s (mostly set-up and assembly) and 0.13 GiB.
 * The blocks are independent, so a caller could spread them over workers. Parties need
 * d^{N_A} ≤ 4096 (schurWeyl.ts).
 *
 * Why every block is diagonalised (no positive-definiteness screen): only negative eigenvalues
 * count, so a block whose shifted Cholesky factorisation (M + δI, δ ≈ n·u·tr M) completes could
 * be skipped within a bound multiplicity·n·(δ + its backward error; Higham, "Accuracy and
 * Stability of Numerical Algorithms", Thm 10.7). Measured 2026-11-30 on real steady states
 * (bench/negativityScreen.bench.ts; grids γ_I, γ_C ∈ {0.1, 0.5, 1, 2, 3}, V = 1, at (5, 4) and
 * (7, 3)): wherever γ_I + γ_C ≥ 2 (the dissipation-dominated side of Fig. 8, where 𝒩 is
 * largest) every block is indefinite and nothing could be skipped; nearer the origin, where
 * 𝒩 > 0, 0–26 % of Σ size³ (spin; flat: up to 39 %, at 𝒩 ≈ 3·10⁻⁵); 100 % only where 𝒩 = 0
 * (γ_I = 0.1, γ_C ≤ 0.5).
 * At the Fig. 8 point (0.5, 0.5, 1): 4.3–4.9 % at (7, 4), 14.5 % at (5, 5); at (0.2, 0.1, 1): 38 % at (7, 4)
 * (𝒩 ≈ 10⁻³), 100 % at (5, 5) (𝒩 = 0). A prototype with a scalar up-looking Cholesky
 * (≈ 2.4 GFlop/s, against ≈ 16 for the SIMD tridiagonalisation) changed the (5, 5) and (7, 4)
 * negativities (0.06–0.5 s CPU, mostly set-up and assembly) by less than the timing noise, and
 * made the separable (7, 5) stand-in of bench/negativity.bench.ts slower (6.0 → 7.4–8.5 s CPU)
 * although it skipped every block. A SIMD Cholesky (≈ 0.6 s for all (7, 5) blocks at rank2k's
 * rate) would pay only where 𝒩 = 0, where the steady state's cost dominates anyway.
 * The Schur–Weyl parties are memoised (partyCache), so repeated calls in a worker skip them.
 *
 * Errors: RangeError for N_A outside 1..N−1, wrong array lengths, a non-Hermitian c
 * (c_{nᵀ} ≠ conj c_n beyond 1e-12 relative), or parties too large; Error if an internal
 * consistency check fails (block dimensions not adding up to d^N).
 */
import { type PiBasis, buildPiBasis, imbalance, transposeRank } from './piBasis.ts';
import type { SectorBasis } from './sectors.ts';
import { buildSectorBasis } from './sectors.ts';
import { type Party, buildParty } from './schurWeyl.ts';
import { hermitianEigenvalues, symmetricEigenvalues } from '../../linalg/hermitianEigenvalues.ts';
import { partitions, weylDimension } from './youngTableaux.ts';
import { type ModelParams } from '../model/model.ts';
import { type SteadyStateOptions, type SteadyStateResult, steadySector, steadyStateOfSector } from './steadyState.ts';
import { buildSectorLiouvillian } from './liouvillian.ts';
import { checkBudget } from './memory.ts';
import { checkInterrupt } from '../../linalg/interrupt.ts';

/** ρ = Σ_n c_n S_n: complex coefficients indexed by the PI rank of n (length b.dim). */
export interface PiCoefficients {
  re: Float64Array;
  /** Imaginary parts; omitted or null for a real c. */
  im?: Float64Array | null;
}

export interface NegativityBlock {
  /** Young diagrams (row lengths) of the A and B irreps. */
  lambdaA: number[];
  lambdaB: number[];
  /** Π1 parity (Σ_k k·w_k mod 2 of the block's product states); null when ρ has no Π1 symmetry. */
  parity: 0 | 1 | null;
  /** dim U_d(λ_A)·dim U_d(λ_B) restricted to the parity: the size of the diagonalised matrix. */
  size: number;
  /** dim S^{λ_A}·dim S^{λ_B}: how often the block repeats in ρ^{T_B}. */
  multiplicity: number;
  /** Smallest eigenvalue of the block. */
  minEigenvalue: number;
  /** The block's share of the negativity: multiplicity · Σ_{λ<0} |λ|. */
  negativity: number;
}

export interface NegativityResult {
  /** Eq. (17): Σ |λ| over the negative eigenvalues of ρ^{T_B}, with multiplicity. */
  negativity: number;
  /** log₂ ‖ρ^{T_B}‖₁ (base 2). */
  logNegativity: number;
  /** ‖ρ^{T_B}‖₁ = Σ |λ|. */
  traceNorm: number;
  NA: number;
  NB: number;
  /** Tr ρ^{T_B} = Σ λ·multiplicity (equals Tr ρ; 1 for a normalised state). */
  traceCheck: number;
  /** Eigenvalues of ρ^{T_B}, ascending, one entry per block eigenvalue (equal values of different blocks are not merged). */
  spectrum: Array<{ value: number; multiplicity: number }>;
  blocks: NegativityBlock[];
  /** 'real': c was real; 'rotated': real after the local phase e^{iπδ/4}; 'complex': Hermitian blocks. */
  frame: 'real' | 'rotated' | 'complex';
  /** Whether the Π1 split (step 3) was used. */
  paritySplit: boolean;
  /**
   * First-order estimate (not a rigorous bound) of the rounding error of `negativity` (and of
   * traceNorm/2): Σ_blocks multiplicity·√size·ε·((√k + C(N_A,2) + C(N_B,2))·‖M_abs‖_F +
   * size·‖M‖_F), with M_abs the block built from |terms| (the assembly and the tables sum terms
   * that may cancel: exactly-zero blocks come out at ~ε‖M_abs‖ and their multiplicities add up),
   * the basis vectors' error and the Householder backward error, mapped to eigenvalues by
   * Hoffman–Wielandt (Σ|δλ_i| ≤ √size‖δM‖_F). Errors already in c are not counted.
   */
  errorEstimate: number;
  /** Wall time (ms) of the set-up (checks, frame, Schur–Weyl parties, assembly of all blocks) and of the block eigenvalues. */
  timeMs: { setup: number; blocks: number };
}

export interface NegativityOptions {
  /** Called with the fraction of the estimated work done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Skip building `spectrum` (the blocks are diagonalised anyway). */
  spectrum?: boolean;
  /** false: the eigensolver's scalar JavaScript kernels instead of WebAssembly SIMD (for comparisons; default true). */
  simd?: boolean;
}

/**
 * PI coefficients c of ρ = Σ_m x_m h_m given in a sector basis (sectors.ts):
 * h = e^{iθ} S_n + e^{−iθ} S_{nᵀ} (or S_n when n = nᵀ).
 */
export function piCoefficientsOfSector(b: PiBasis, sec: SectorBasis, x: Float64Array): PiCoefficients {
  if (x.length !== sec.dim) throw new RangeError(`sector coordinates have length ${x.length}, the sector dimension is ${sec.dim}`);
  const re = new Float64Array(b.dim), im = new Float64Array(b.dim);
  for (let m = 0; m < sec.dim; m++) {
    const v = x[m];
    if (v === 0) continue;
    const r = sec.rep[m], rT = sec.repT[m];
    if (r === rT) { re[r] += v; continue; }
    const c = Math.cos(sec.theta[m]) * v, s = Math.sin(sec.theta[m]) * v;
    re[r] += c; im[r] += s;
    re[rT] += c; im[rT] -= s;
  }
  return { re, im };
}

/** Memo of the Schur–Weyl party data (deterministic; a few MB at most). */
const partyCache = new Map<string, Party>();
function party(n: number, d: number, transpose: boolean): Party {
  const key = `${n},${d},${transpose}`;
  let p = partyCache.get(key);
  if (!p) {
    p = buildParty(n, d, transpose);
    if (partyCache.size >= 4) partyCache.delete(partyCache.keys().next().value!);
    partyCache.set(key, p);
  }
  return p;
}

/**
 * Predicted size of the computation (before running it), for time and memory estimates shown
 * before a large run (real frame, Π1 split assumed: blocks halved): the bytes of all blocks,
 * which are held at once after the assembly (228 MiB at (7, 5)), the bytes of the largest one
 * (the eigensolver works on a padded copy of it) and the eigenvalue flops Σ (4/3)·size³.
 */
export function negativityCost(N: number, d: number, NA = Math.ceil(N / 2)): { allBlocksBytes: number; blockBytes: number; flops: number; largestBlock: number } {
  checkBipartition(N, NA);
  const NB = N - NA;
  let flops = 0, largest = 0, allBlocksBytes = 0;
  for (const la of partitions(NA, d)) {
    for (const lb of partitions(NB, d)) {
      const s = weylDimension(la, d) * weylDimension(lb, d);
      const h = Math.ceil(s / 2);
      largest = Math.max(largest, h);
      flops += 2 * (4 / 3) * h ** 3;
      allBlocksBytes += 2 * 8 * h * h;
    }
  }
  return { allBlocksBytes, blockBytes: 8 * largest * largest, flops, largestBlock: largest };
}

function checkBipartition(N: number, NA: number): void {
  if (!Number.isInteger(NA) || NA < 1 || NA > N - 1) {
    throw new RangeError(`NA must be an integer with 1 ≤ NA ≤ N − 1 = ${N - 1} (got ${NA})`);
  }
}

/** max_n |c_n − conj(c_{nᵀ})| and max_n |c_n|. */
function hermiticityDefect(b: PiBasis, re: Float64Array, im: Float64Array | null): { defect: number; scale: number } {
  const scratch = new Int32Array(b.D);
  let defect = 0, scale = 0;
  for (let r = 0; r < b.dim; r++) {
    const ar = re[r], ai = im ? im[r] : 0;
    if (ar === 0 && ai === 0) continue; // a non-zero partner c_{nᵀ} is caught from its own side
    scale = Math.max(scale, Math.hypot(ar, ai));
    const t = transposeRank(b, r, scratch);
    if (t < r && (re[t] !== 0 || (im !== null && im[t] !== 0))) continue; // pair seen from t
    const br = re[t], bi = im ? im[t] : 0;
    defect = Math.max(defect, Math.hypot(ar - br, ai + bi));
  }
  return { defect, scale };
}

/**
 * Negativity (Eq. 17), logarithmic negativity and spectrum of ρ^{T_B} for the PI state
 * ρ = Σ c_n S_n, bipartition N_A = NA (default ⌈N/2⌉), N_B = N − NA.
 */
export function negativity(b: PiBasis, rho: PiCoefficients, NA = Math.ceil(b.N / 2), opts: NegativityOptions = {}): NegativityResult {
  const { N, d } = b;
  checkBipartition(N, NA);
  const NB = N - NA;
  const t0 = performance.now();
  if (rho.re.length !== b.dim || (rho.im && rho.im.length !== b.dim)) {
    throw new RangeError(`PI coefficients must have length C(N+d²−1, N) = ${b.dim}`);
  }
  let re = rho.re;
  let im: Float64Array | null = rho.im ?? null;
  if (im && im.every((v) => v === 0)) im = null;
  const { defect, scale } = hermiticityDefect(b, re, im);
  if (!(defect <= 1e-12 * scale)) throw new RangeError(`ρ is not Hermitian: max |c_n − conj c_nᵀ| = ${defect.toExponential(2)} (max |c_n| = ${scale.toExponential(2)})`);

  // --- frame (step 4) and Π1 (step 3) ---------------------------------------------------
  let frame: NegativityResult['frame'] = 'real';
  const delta = new Int8Array(b.dim); // δ(n) mod 8
  for (let r = 0; r < b.dim; r++) delta[r] = ((imbalance(b, r) % 8) + 8) % 8;
  if (im) {
    const rr = new Float64Array(b.dim), ri = new Float64Array(b.dim);
    let maxIm = 0;
    for (let r = 0; r < b.dim; r++) {
      const ang = (Math.PI * delta[r]) / 4;
      const c = Math.cos(ang), s = Math.sin(ang);
      rr[r] = c * re[r] - s * im[r];
      ri[r] = s * re[r] + c * im[r];
      maxIm = Math.max(maxIm, Math.abs(ri[r]));
    }
    if (maxIm <= 1e-13 * scale) {
      frame = 'rotated';
      re = rr;
      im = null;
    } else frame = 'complex';
  }
  let paritySplit = true;
  for (let r = 0; r < b.dim && paritySplit; r++) {
    if ((delta[r] & 1) === 1 && (re[r] !== 0 || (im !== null && im[r] !== 0))) paritySplit = false;
  }

  const A = party(NA, d, false);
  const B = party(NB, d, true);

  // --- blocks (step 2): one job per (λ_A, λ_B, parity) ------------------------------------
  interface Job { ia: number; ib: number; parity: 0 | 1 | null; size: number }
  const jobs: Job[] = [];
  for (let ia = 0; ia < A.irreps.length; ia++) {
    for (let ib = 0; ib < B.irreps.length; ib++) {
      for (const par of paritySplit ? ([0, 1] as const) : [null]) {
        let size = 0;
        const KA = A.irreps[ia].K, KB = B.irreps[ib].K;
        for (let wa = 0; wa < A.nW; wa++) {
          if (!KA[wa]) continue;
          for (let wb = 0; wb < B.nW; wb++) if (KB[wb] && (par === null || (A.parity[wa] ^ B.parity[wb]) === par)) size += KA[wa] * KB[wb];
        }
        if (size > 0) jobs.push({ ia, ib, parity: par, size });
      }
    }
  }
  let dimCheck = 0;
  for (const j of jobs) dimCheck += j.size * A.irreps[j.ia].dimS * B.irreps[j.ib].dimS;
  if (dimCheck !== Math.pow(d, N)) throw new Error(`internal: blocks cover ${dimCheck} dimensions, d^N = ${Math.pow(d, N)}`);
  const work = jobs.reduce((s, j) => s + j.size ** 3, 0);
  const labels = { A: expandedLabels(A, b.D, true), B: expandedLabels(B, b.D, false) };
  const mats = assembleBlocks(b, A, B, jobs, paritySplit, re, im, labels);
  const t1 = performance.now();
  let done = 0;

  const blocks: NegativityBlock[] = [];
  const spectrum: Array<{ value: number; multiplicity: number }> = [];
  let neg = 0, tnorm = 0, trace = 0, errorEstimate = 0;
  const EPS = 2.220446049250313e-16;
  for (const job of jobs) {
    checkInterrupt();
    const irA = A.irreps[job.ia], irB = B.irreps[job.ib];
    const mult = irA.dimS * irB.dimS;
    const M = mats.shift()!; // in job order; overwritten by the eigensolver, released after it
    let fro = 0;
    const n = job.size;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const x = M.re[i * n + j] ** 2 + (M.im ? M.im[i * n + j] ** 2 : 0);
        fro += i === j ? x : 2 * x;
      }
    }
    const ev = M.im ? hermitianEigenvalues(n, M.re, M.im) : symmetricEigenvalues(n, M.re, undefined, opts.simd !== false);
    let bneg = 0;
    for (let i = 0; i < n; i++) {
      const l = ev[i];
      if (l < 0) bneg -= l;
      tnorm += mult * Math.abs(l);
      trace += mult * l;
      if (opts.spectrum !== false) spectrum.push({ value: l, multiplicity: mult });
    }
    neg += mult * bneg;
    // ‖δM‖_F ≈ ε ((√k + C(N_A,2) + C(N_B,2)) ‖M_abs‖_F + n ‖M‖_F): rounding of the k-term sums
    // of the assembly and of the tables T, the basis vectors' error (eigenvectors of the class sum
    // X, ‖X‖ ≤ C(n,2), eigenvalue gaps ≥ 1), then the Householder backward error;
    // Σ_i |δλ_i| ≤ √n ‖δM‖_F (Hoffman–Wielandt and Cauchy–Schwarz).
    const basisErr = (NA * (NA - 1)) / 2 + (NB * (NB - 1)) / 2;
    errorEstimate += mult * Math.sqrt(n) * EPS * ((Math.sqrt(M.maxTerms) + basisErr) * M.absNorm + n * Math.sqrt(fro));
    blocks.push({ lambdaA: irA.lambda, lambdaB: irB.lambda, parity: job.parity, size: n, multiplicity: mult, minEigenvalue: ev[0], negativity: mult * bneg });
    done += n ** 3;
    opts.onProgress?.(done / work);
  }
  spectrum.sort((x, y) => x.value - y.value);
  return {
    negativity: neg, logNegativity: Math.log2(tnorm), traceNorm: tnorm, NA, NB, traceCheck: trace,
    spectrum, blocks, frame, paritySplit, errorEstimate, timeMs: { setup: t1 - t0, blocks: performance.now() - t1 },
  };
}

/**
 * The labels of every table of party P (every PI rank of P.pi; for the transposed party the
 * labels of t^T) expanded with multiplicity and sorted (P.n values per table), and the dense
 * counts below[t·D + p] = #{labels < p} (strict) or #{labels ≤ p} (with `orEqual`).
 */
function expandedLabels(P: Party, D: number, orEqual: boolean): { seq: Int32Array; below: Int32Array } {
  const n = P.n, dim = P.pi.dim;
  const seq = new Int32Array(dim * n), below = new Int32Array(dim * D);
  for (let g = 0; g < dim; g++) {
    let o = g * n;
    for (let k = P.labPtr[g]; k < P.labPtr[g + 1]; k++) for (let c = 0; c < P.cnt[k]; c++) seq[o++] = P.lab[k];
    for (let q = 0, i = 0; q < D; q++) {
      while (i < n && (orEqual ? seq[g * n + i] <= q : seq[g * n + i] < q)) i++;
      below[g * D + q] = i;
    }
  }
  return { seq, below };
}

/** A dense block under assembly (row-major n × n, upper triangle) with its rounding data. */
interface BlockMatrix { re: Float64Array; im: Float64Array | null; absNorm: number; maxTerms: number }

/**
 * The blocks M_{λ_A λ_B} (step 2) of all jobs as dense row-major matrices; only the upper
 * triangle (row group ≤ column group) is filled, which is all the eigensolvers read. Basis order
 * of a block: groups (w_A, w_B) of vectors u_a ⊗ w_b (restricted to the job's parity), w_A
 * outer, w_B inner; inside a group a outer, b inner.
 *
 * Driven by pairs of weight pairs (P_A, P_B) = ((w_A, w_A'), (w_B, w_B')) in the upper triangle:
 * the coefficients C[t_A, t_B] = c(t_A + t_Bᵀ) of the pair are looked up once (no coefficient
 * tensor is stored), contracted once per λ_B with the B tables,
 *     H[t_A][b b'] = Σ_{t_B} C[t_A, t_B] ⟨w_b|S_{t_B}|w_b'⟩,
 * and H is used for every λ_A:  M[(a,b),(a',b')] += Σ_{t_A} ⟨u_a|S_{t_A}|u_a'⟩ H[t_A][b b'].
 * All blocks are held at once (Σ size² doubles: 230 MiB at (N, d) = (7, 5)).
 *
 * The rank of t_A + t_Bᵀ is the colex rank of piBasis.ts, Σ_q C(l_q + q, q + 1) over the merged
 * sorted labels l (0-based positions q), without merging: an A label a_i (i-th of A) sits at
 * q = i + #{B labels < a_i}, a B label b_j at q = j + #{A labels ≤ b_j} (equal labels: A first),
 * so every term is two table look-ups and the loop has no data-dependent branch.
 */
function assembleBlocks(
  b: PiBasis, A: Party, B: Party, jobs: Array<{ ia: number; ib: number; parity: 0 | 1 | null; size: number }>, paritySplit: boolean,
  re: Float64Array, im: Float64Array | null, labels: { A: { seq: Int32Array; below: Int32Array }; B: { seq: Int32Array; below: Int32Array } },
): BlockMatrix[] {
  const nWA = A.nW, nWB = B.nW, NA = A.n, NB = B.n, D = b.D, nIA = A.irreps.length, nIB = B.irreps.length;
  const complex = im !== null;
  // per job: its matrix and the offset of each group (w_A, w_B) (−1: not in the block)
  const out: BlockMatrix[] = [];
  const gOff: Int32Array[] = [];
  const jobOf = new Int32Array(nIA * nIB * 2).fill(-1); // (ia, ib, parity or 0) → job
  jobs.forEach((job, m) => {
    const n = job.size, KA = A.irreps[job.ia].K, KB = B.irreps[job.ib].K;
    out.push({ re: new Float64Array(n * n), im: complex ? new Float64Array(n * n) : null, absNorm: 0, maxTerms: 0 });
    const off = new Int32Array(nWA * nWB).fill(-1);
    let o = 0;
    for (let wa = 0; wa < nWA; wa++) {
      if (!KA[wa]) continue;
      for (let wb = 0; wb < nWB; wb++) {
        if (!KB[wb] || (job.parity !== null && (A.parity[wa] ^ B.parity[wb]) !== job.parity)) continue;
        off[wa * nWB + wb] = o;
        o += KA[wa] * KB[wb];
      }
    }
    if (o !== n) throw new Error(`internal: block of ${n} rows has ${o} basis vectors`);
    gOff.push(off);
    jobOf[(job.ia * nIB + job.ib) * 2 + (job.parity ?? 0)] = m;
  });
  const absNorm2 = new Float64Array(jobs.length);
  const sa = labels.A.seq, leA = labels.A.below, sb = labels.B.seq, ltB = labels.B.below;
  const binom = b.binom, bw = b.N + 1;
  let Cre = new Float64Array(1024), Crank = new Int32Array(1024), Cim = new Float64Array(complex ? 1024 : 0);
  let Hre = new Float64Array(256), Him = new Float64Array(complex ? 256 : 0), habs = new Float64Array(64);
  // the irreps with tables on each weight pair
  const activeAOf: number[][] = [], activeBOf: number[][] = [];
  for (let PA = 0; PA < nWA * nWA; PA++) activeAOf.push(A.pairTables[PA].length ? A.irreps.flatMap((ir, ia) => (ir.T[PA] ? [ia] : [])) : []);
  for (let PB = 0; PB < nWB * nWB; PB++) activeBOf.push(B.pairTables[PB].length ? B.irreps.flatMap((ir, ib) => (ir.T[PB] ? [ib] : [])) : []);
  // Row group (w_A, w_B) outer, column group (w_A', w_B') ≥ it inner: each sub-block lands next
  // to the previous one in the same rows of the blocks (cache-friendly writes).
  for (let wa = 0; wa < nWA; wa++) {
    for (let wb = 0; wb < nWB; wb++) {
      const par = paritySplit ? A.parity[wa] ^ B.parity[wb] : 0;
      for (let wa2 = wa; wa2 < nWA; wa2++) {
        checkInterrupt();
        const PA = wa * nWA + wa2;
        const activeA = activeAOf[PA];
        if (activeA.length === 0) continue;
        const tabA = A.pairTables[PA], nTA = tabA.length;
        const qA = A.parity[wa] ^ A.parity[wa2];
        for (let wb2 = wa === wa2 ? wb : 0; wb2 < nWB; wb2++) {
          const PB = wb * nWB + wb2;
          if (paritySplit && (B.parity[wb] ^ B.parity[wb2]) !== qA) continue; // c(t_A + t_Bᵀ) = 0: δ odd
          const activeB = activeBOf[PB];
          if (activeB.length === 0) continue;
          const tabB = B.pairTables[PB], nTB = tabB.length;
          // C[t_A, t_B] = c(t_A + t_Bᵀ)
          if (Cre.length < nTA * nTB) { Cre = new Float64Array(2 * nTA * nTB); Crank = new Int32Array(2 * nTA * nTB); if (complex) Cim = new Float64Array(2 * nTA * nTB); }
          // ranks first, then the look-ups in a loop of their own: c (21 MB at (7, 5)) is mostly
          // out of cache, and independent loads in a short loop overlap their misses (≈ 2× faster)
          for (let gA = 0; gA < nTA; gA++) {
            const rA = tabA[gA], oa = rA * NA, od = rA * D, row = gA * nTB;
            for (let gB = 0; gB < nTB; gB++) {
              const rB = tabB[gB], ob = rB * NB, odb = rB * D;
              let rank = 0;
              for (let i = 0; i < NA; i++) {
                const l = sa[oa + i], q = i + ltB[odb + l];
                rank += binom[(l + q) * bw + q + 1];
              }
              for (let j = 0; j < NB; j++) {
                const l = sb[ob + j], q = j + leA[od + l];
                rank += binom[(l + q) * bw + q + 1];
              }
              Crank[row + gB] = rank;
            }
          }
          const nC = nTA * nTB;
          for (let x = 0; x < nC; x++) Cre[x] = re[Crank[x]];
          if (complex) for (let x = 0; x < nC; x++) Cim[x] = im![Crank[x]];
          const same = wa === wa2 && wb === wb2;
          for (const ib of activeB) {
            const irB = B.irreps[ib], TB = irB.T[PB]!, nB = irB.Tnorm[PB]!;
            const kb = irB.K[wb], kb2 = irB.K[wb2], kbb = kb * kb2;
            // H[t_A][b b'] = Σ_{t_B} C[t_A, t_B] ⟨w_b|S_{t_B}|w_b'⟩, and Σ_{t_B} |C| ‖terms of T_B[t_B]‖ for the rounding estimate
            if (Hre.length < nTA * kbb) { Hre = new Float64Array(2 * nTA * kbb); if (complex) Him = new Float64Array(2 * nTA * kbb); }
            if (habs.length < nTA) habs = new Float64Array(2 * nTA);
            Hre.fill(0, 0, nTA * kbb);
            if (complex) Him.fill(0, 0, nTA * kbb);
            for (let tA = 0; tA < nTA; tA++) {
              const row = tA * nTB, h = tA * kbb;
              let ha = 0;
              for (let tB = 0; tB < nTB; tB++) {
                const c = Cre[row + tB], ci = complex ? Cim[row + tB] : 0;
                if (c === 0 && ci === 0) continue;
                ha += (Math.abs(c) + Math.abs(ci)) * nB[tB];
                const tb = tB * kbb;
                for (let x = 0; x < kbb; x++) {
                  Hre[h + x] += c * TB[tb + x];
                  if (complex) Him[h + x] += ci * TB[tb + x];
                }
              }
              habs[tA] = ha;
            }
            for (const ia of activeA) {
              const m = jobOf[(ia * nIB + ib) * 2 + par];
              if (m < 0) continue;
              const oR = gOff[m][wa * nWB + wb], oC = gOff[m][wa2 * nWB + wb2];
              if (oR < 0 || oC < 0) continue;
              const irA = A.irreps[ia], TA = irA.T[PA]!, nA = irA.Tnorm[PA]!;
              const ka = irA.K[wa], ka2 = irA.K[wa2], kaa = ka * ka2;
              const blk = out[m], Mre = blk.re, Mim = blk.im, n = jobs[m].size;
              // For the rounding estimate: ‖ Σ |t_A| |c| |t_B| ‖_F over this sub-block (the size of
              // the terms summed into M, which may cancel to far smaller entries), bounded via
              // ‖X ⊗ Y‖_F = ‖X‖_F ‖Y‖_F; the mirrored sub-block counts twice.
              let contrib = 0;
              for (let tA = 0; tA < nTA; tA++) contrib += nA[tA] * habs[tA];
              absNorm2[m] += (same ? 1 : 2) * contrib * contrib;
              if (nTA * nTB > blk.maxTerms) blk.maxTerms = nTA * nTB;
              // M[(a,b),(a',b')] += Σ_{t_A} ⟨u_a|S_{t_A}|u_a'⟩ H[t_A][b b']
              for (let tA = 0; tA < nTA; tA++) {
                const ta = tA * kaa, h = tA * kbb;
                for (let a = 0; a < ka; a++) {
                  for (let a2 = 0; a2 < ka2; a2++) {
                    const t = TA[ta + a * ka2 + a2];
                    if (t === 0) continue;
                    for (let bb = 0; bb < kb; bb++) {
                      const rowIdx = (oR + a * kb + bb) * n + oC + a2 * kb2;
                      const hh = h + bb * kb2;
                      for (let b2 = 0; b2 < kb2; b2++) {
                        Mre[rowIdx + b2] += t * Hre[hh + b2];
                        if (Mim) Mim[rowIdx + b2] += t * Him[hh + b2];
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  out.forEach((blk, m) => { blk.absNorm = Math.sqrt(absNorm2[m]); });
  return out;
}

/**
 * Negativity of a state given by its coordinates x in a sector basis of b
 * (e.g. SteadyStateResult.x with buildSectorBasis(b, steadySector(p))).
 */
export function sectorStateNegativity(b: PiBasis, sec: SectorBasis, x: Float64Array, NA = Math.ceil(b.N / 2), opts: NegativityOptions = {}): NegativityResult {
  return negativity(b, piCoefficientsOfSector(b, sec, x), NA, opts);
}

/**
 * Negativity of the steady state `x` returned by steadyState(N, p) (coordinates in the sector
 * steadySector(p), whose basis is rebuilt here: O(dim PI) extra work).
 */
export function steadyStateXNegativity(N: number, p: ModelParams, x: Float64Array, NA = Math.ceil(N / 2), opts: NegativityOptions = {}): NegativityResult {
  const b = buildPiBasis(N, p.d);
  const sec = buildSectorBasis(b, steadySector(p));
  return sectorStateNegativity(b, sec, x, NA, opts);
}

/**
 * Steady state of Eq. (3) (steadyState.ts, same checks and memory guard) and its negativity
 * for the bipartition NA (default ⌈N/2⌉). Times in milliseconds.
 */
export function steadyStateNegativity(
  N: number, p: ModelParams, NA = Math.ceil(N / 2), opts: SteadyStateOptions & { negativity?: NegativityOptions } = {},
): NegativityResult & { steadyState: SteadyStateResult; steadyStateMs: number; negativityMs: number } {
  checkBipartition(N, NA);
  if (!(p.gammaI > 0)) throw new RangeError('the finite-N steady state is unique only for gammaI > 0 (Section V); got gammaI = ' + p.gammaI);
  const spec = steadySector(p);
  checkBudget(N, p.d, 'steady-state', spec, opts);
  const t0 = performance.now();
  const b = buildPiBasis(N, p.d);
  const L = buildSectorLiouvillian(b, p, spec);
  const { weights: _w, ...ss } = steadyStateOfSector(b, L, opts);
  const t1 = performance.now();
  const r = sectorStateNegativity(b, L.sector, ss.x, NA, opts.negativity);
  const t2 = performance.now();
  return { ...r, steadyState: ss, steadyStateMs: t1 - t0, negativityMs: t2 - t1 };
}
