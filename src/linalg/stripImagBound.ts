/**
 * A bound on |Im λ| over the eigenvalues λ of a real square matrix A with Re λ ≥ −R: the
 * height of the strip that the imaginary-axis search of rightmostEigs.ts has to cover.
 *
 * For a unit eigenvector y, Re λ = yᴴHy and Im λ = yᴴKy with H = (A + Aᵀ)/2 and
 * K = (A − Aᵀ)/(2i), both Hermitian (the field of values). If Re λ ≥ −R then for every t ≥ 0
 *     Im λ ≤ yᴴKy + t (yᴴHy + R) ≤ λmax(K + tH) + tR =: g(t),
 * and −Im λ ≤ g(t) as well (−K + tH is the complex conjugate of K + tH: same spectrum). This
 * is weak Lagrange duality for max{yᴴKy : yᴴHy ≥ −R, ‖y‖ = 1}. g(0) = ‖(A − Aᵀ)/2‖₂ is the
 * plain field-of-values bound; g is convex (λmax of an affine family plus a linear term), and
 * where the dissipation (H ≼ 0 on the modes with large |Im|) is strong the minimum over t is
 * well below g(0) — e.g. about half of it for the sectors of (N, d) = (4, 4) and (40, 2).
 * The eigenvalues are those of any similarity D⁻¹AD but the field of values is not: the search
 * computes g on the block-balanced similarity (blockBalanced), which halves it again for the
 * Liouvillian sectors.
 *
 * λmax(K + tH) is computed as the largest eigenvalue of the real symmetric 2n×2n matrix
 * [[tH, S], [−S, tH]], S = (A − Aᵀ)/2 (the real form of tH − iS; each eigenvalue doubled), by
 * plain Lanczos (three-term recurrence, no reorthogonalisation: in floating point the Ritz
 * values still lie in the spectrum's hull up to O(ε‖G‖), Paige 1980; lost orthogonality only
 * repeats converged values) from a fixed pseudo-random start; the estimate is the
 * largest Ritz value plus its residual norm β_m|e_mᵀz| (Parlett, The Symmetric Eigenvalue
 * Problem, §13.2; Zhou & Li, Linear Algebra Appl. 435 (2011) 480, use such Ritz-value-plus-
 * residual upper estimates for exactly this purpose). Like the power-iteration estimate of
 * ‖(A − Aᵀ)/2‖₂ that it refines, this is an estimate (Lanczos can in principle miss an
 * eigenvalue whose direction is absent from the start vector).
 *
 * certifiedStripImagBound turns the estimate into a proof with an inertia certificate:
 * λmax(M) < μ for the Hermitian M = K + tH ⇔ μI − M ≻ 0 ⇔ its Cholesky factorisation exists.
 * μI − M = μI − tH + iS is block tridiagonal over the partition of A (the E levels of a
 * sector), so hermitianBlockCholesky.ts factorises it at about the cost of one complex block
 * LU of A − σ. A run in floating point that completes proves λmax(M) < μ + (its backward-error
 * bound) + (the rounding in forming μI − M's entries from A): see certifiedStripImagBound.
 */
import { type Csr, csrNormInf, csrSorted, csrTranspose } from './csr.ts';
import { type ComplexCsr, hermitianBlockCholesky, hermitianBlockCholeskyFlops } from './hermitianBlockCholesky.ts';
import { tridiagonalEigenvalues } from './hermitianEigenvalues.ts';
import { checkInterrupt } from './interrupt.ts';

/**
 * H = (A + Aᵀ)/2 and S = (A − Aᵀ)/2 over the pattern of A + Aᵀ (sorted columns), one entry per
 * position: the matrix the Lanczos runs below apply, so that a product is one gather-only pass
 * (the former A and Aᵀ products scattered into two extra vectors, ≈ 1.8× slower at (4, 4)).
 * Kept per A (identity of A and of its values array) for the few Lanczos runs of one search.
 */
interface HermitianSplit { n: number; rowPtr: Int32Array; colIdx: Int32Array; h: Float64Array; s: Float64Array; field1: ComplexCsr }
const splitCache = new WeakMap<Csr, { values: Float64Array; split: HermitianSplit }>();
function hermitianSplit(A: Csr): HermitianSplit {
  const hit = splitCache.get(A);
  if (hit && hit.values === A.values) return hit.split;
  // negatedShiftedField(A, 1): re = −(½(a_ij + a_ji)) (its negation is exact), im = ½(a_ij − a_ji)
  const G = negatedShiftedField(A, 1);
  const split = { n: G.n, rowPtr: G.rowPtr, colIdx: G.colIdx, h: Float64Array.from(G.re, (x) => -x), s: G.im, field1: G };
  splitCache.set(A, { values: A.values, split });
  return split;
}

/** y = [[tH, S], [−S, tH]] x, x = [u; v] (H, S from hermitianSplit). */
function applyEmbedding(G: HermitianSplit, t: number, x: Float64Array, y: Float64Array): void {
  const n = G.n, rowPtr = G.rowPtr, colIdx = G.colIdx, h = G.h, s = G.s;
  for (let i = 0; i < n; i++) {
    let hu = 0, hv = 0, su = 0, sv = 0;
    for (let q = rowPtr[i], e = rowPtr[i + 1]; q < e; q++) {
      const j = colIdx[q], hq = h[q], sq = s[q], uj = x[j], vj = x[n + j];
      hu += hq * uj; hv += hq * vj; su += sq * uj; sv += sq * vj;
    }
    y[i] = t * hu + sv;
    y[n + i] = -su + t * hv;
  }
}

/** Estimate of λmax([[tH, S], [−S, tH]]) by m Lanczos steps (see the module comment). */
export function lambdaMaxShiftedField(A: Csr, t: number, m = 40): number {
  return lanczosShiftedField(A, t, m, false).estimate;
}

/**
 * m Lanczos steps on G(t) = [[tH, S], [−S, tH]] (module comment): the estimate of λmax(G) (the
 * largest Ritz value θ plus its residual norm) and, when `slope` is set, θ's derivative in t,
 * xᵀG'(t)x = uᵀHu + vᵀHv = uᵀAu + vᵀAv for the unit Ritz vector x = [u; v] (Hellmann–Feynman;
 * the Lanczos vectors are kept for it: 2n·m doubles).
 */
function lanczosShiftedField(A: Csr, t: number, m: number, slope: boolean): { estimate: number; slope: number } {
  const n = A.rows, N2 = 2 * n;
  const steps = Math.min(m, N2);
  const G = hermitianSplit(A);
  const kept: Float64Array[] = [];
  let vPrev = new Float64Array(N2);
  let v = new Float64Array(N2);
  let s = 0x2545f491;
  for (let i = 0; i < N2; i++) { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; v[i] = (s >>> 0) / 4294967296 - 0.5; }
  let nv = 0;
  for (let i = 0; i < N2; i++) nv += v[i] * v[i];
  nv = Math.sqrt(nv);
  for (let i = 0; i < N2; i++) v[i] /= nv;
  const alpha: number[] = [], beta: number[] = [];
  let last = 0, bPrev = 0;
  let w = new Float64Array(N2);
  for (let k = 0; k < steps; k++) {
    checkInterrupt();
    if (slope) kept.push(v.slice());
    applyEmbedding(G, t, v, w);
    let a = 0;
    for (let i = 0; i < N2; i++) a += w[i] * v[i];
    alpha.push(a);
    let b = 0;
    for (let i = 0; i < N2; i++) { const x = w[i] - a * v[i] - bPrev * vPrev[i]; w[i] = x; b += x * x; }
    b = Math.sqrt(b);
    last = b;
    if (k + 1 === steps || b <= 1e-14 * Math.max(1, Math.abs(a))) break;
    beta.push(b);
    for (let i = 0; i < N2; i++) w[i] /= b;
    [vPrev, v, w] = [v, w, vPrev];
    bPrev = b;
  }
  const m1 = alpha.length;
  // Largest Ritz value θ and its eigenvector z of T (by inverse iteration on the tridiagonal
  // T − θ, which is cheap and accurate enough for a residual and a slope).
  const off = new Float64Array(Math.max(1, m1 - 1));
  for (let i = 0; i < m1 - 1; i++) off[i] = beta[i];
  const theta = tridiagonalEigenvalues(m1, Float64Array.from(alpha), off)[m1 - 1];
  const z = ritzVector(alpha, beta, theta);
  const estimate = theta + last * Math.abs(z[m1 - 1]);
  if (!slope) return { estimate, slope: NaN };
  const x = new Float64Array(N2);
  for (let k = 0; k < m1; k++) { const c = z[k], vk = kept[k]; for (let i = 0; i < N2; i++) x[i] += c * vk[i]; }
  let xx = 0, xAx = 0;
  for (let i = 0; i < N2; i++) xx += x[i] * x[i];
  for (let i = 0; i < n; i++) {
    let au = 0, av = 0;
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) { const j = A.colIdx[q], a = A.values[q]; au += a * x[j]; av += a * x[n + j]; }
    xAx += x[i] * au + x[n + i] * av;
  }
  return { estimate, slope: xAx / xx };
}

/** The unit eigenvector z of the tridiagonal T(alpha, beta) nearest θ. */
function ritzVector(alpha: number[], beta: number[], theta: number): Float64Array {
  const m = alpha.length;
  if (m === 1) return Float64Array.of(1);
  // Solve (T − θ − δ) z = e by Thomas' algorithm with partial pivoting avoided: two sweeps of
  // inverse iteration from a constant vector; δ keeps T − θ − δ regular.
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(alpha[i]) + (beta[i] ?? 0) + (beta[i - 1] ?? 0));
  const shift = theta + 1e-10 * Math.max(1, scale);
  let z = new Float64Array(m).fill(1 / Math.sqrt(m));
  for (let it = 0; it < 3; it++) {
    // Gaussian elimination on the tridiagonal (no pivoting; the shift is just outside the spectrum of T's top end so T − shift is negative definite)
    const c = new Float64Array(m), d = new Float64Array(m);
    let den = alpha[0] - shift;
    c[0] = (beta[0] ?? 0) / den; d[0] = z[0] / den;
    for (let i = 1; i < m; i++) {
      den = alpha[i] - shift - (beta[i - 1] ?? 0) * c[i - 1];
      c[i] = (beta[i] ?? 0) / den;
      d[i] = (z[i] - (beta[i - 1] ?? 0) * d[i - 1]) / den;
    }
    const x = new Float64Array(m);
    x[m - 1] = d[m - 1];
    for (let i = m - 2; i >= 0; i--) x[i] = d[i] - c[i] * x[i + 1];
    let nx = 0;
    for (let i = 0; i < m; i++) nx += x[i] * x[i];
    nx = Math.sqrt(nx);
    for (let i = 0; i < m; i++) x[i] /= nx;
    z = x;
  }
  return z;
}

/**
 * An upper estimate of min over t > 0 of g(t) = λmax(K + tH) + tR (module comment). g is
 * convex, and at its minimum typically V-shaped (two branches of λmax cross: e.g. 21.8, 19.4,
 * 21.9 at t = 1.44, 1.64, 2 for the balanced (+1,+1) sector of N = 40, d = 2), so a fixed grid
 * misses it; the minimum is located with slopes g'(t) = xᵀHx + R (Ritz vector x): from t = 1.4
 * (t is dimensionless: K and H are both in the units of A; the minimum was at t ≈ 1.2–1.8 for
 * the sectors measured) steps of ×2 until the slope changes sign, then Kelley's cutting plane
 * (the next t where the tangents at the ends of the bracket meet), at most `evaluations`
 * Lanczos runs of m steps, O(m·nnz(A)) each, fewer when the tangents' lower bound is within
 * 0.5 % of the best value. Any t gives a valid bound (the certificate proves the one chosen),
 * so the search only has to be good, not exact.
 */
export function stripImagBound(A: Csr, R: number, opts: { lanczosSteps?: number; evaluations?: number } = {}): { bound: number; t: number } {
  const m = opts.lanczosSteps ?? 40;
  const maxEval = Math.max(1, opts.evaluations ?? 6);
  const pts: Array<{ t: number; g: number; s: number }> = [];
  const evalAt = (t: number) => {
    const r = lanczosShiftedField(A, t, m, true);
    const p = { t, g: r.estimate + t * R, s: r.slope + R };
    pts.push(p);
    return p;
  };
  let best = evalAt(1.4);
  // bracket: a point with slope ≤ 0 (left) and one with slope ≥ 0 (right)
  let lo: { t: number; g: number; s: number } | null = best.s <= 0 ? best : null;
  let hi: { t: number; g: number; s: number } | null = best.s >= 0 ? best : null;
  while (pts.length < maxEval && (!lo || !hi)) {
    const next = evalAt(lo ? Math.min(lo.t * 2, 64) : Math.max(hi!.t / 2, 1 / 64));
    if (next.g < best.g) best = next;
    if (next.s <= 0) lo = next; else hi = next;
    if ((lo && lo.t >= 64) || (hi && hi.t <= 1 / 64)) break;
  }
  while (pts.length < maxEval && lo && hi && lo !== hi) {
    // tangents g_lo + s_lo (t − t_lo) and g_hi + s_hi (t − t_hi) meet at tc, value gc ≤ min g
    const tc = (hi.g - lo.g + lo.s * lo.t - hi.s * hi.t) / (lo.s - hi.s);
    const gc = lo.g + lo.s * (tc - lo.t);
    if (!(tc > lo.t && tc < hi.t) || best.g - gc <= 5e-3 * Math.abs(best.g)) break;
    const next = evalAt(tc);
    if (next.g < best.g) best = next;
    if (next.s <= 0) lo = next; else hi = next;
  }
  return { bound: best.g, t: best.t };
}

/**
 * −M(t) = −(K + tH) = −tH + iS (S = (A − Aᵀ)/2) as a complex CSR over the pattern of A + Aᵀ,
 * sorted columns, one entry per position (duplicates of A summed). Formed as
 * re = −(t·(½(a_ij + a_ji))), im = ½(a_ij − a_ji), so it is exactly Hermitian in floating
 * point; each entry is within 3u(1 + t)(|a_ij| + |a_ji|)/2 of the exact one (two roundings on
 * the real part, one on the imaginary part).
 */
export function negatedShiftedField(A: Csr, t: number): ComplexCsr {
  const n = A.rows;
  const S = csrSorted(A), T = csrTranspose(A);
  const cap = S.rowPtr[n] + T.rowPtr[n];
  const rowPtr = new Int32Array(n + 1), ci = new Int32Array(cap), vr = new Float64Array(cap), vi = new Float64Array(cap);
  let e = 0;
  for (let i = 0; i < n; i++) {
    let p = S.rowPtr[i], q = T.rowPtr[i];
    const pe = S.rowPtr[i + 1], qe = T.rowPtr[i + 1];
    while (p < pe || q < qe) {
      const j = Math.min(p < pe ? S.colIdx[p] : n, q < qe ? T.colIdx[q] : n);
      let aij = 0, aji = 0;
      while (p < pe && S.colIdx[p] === j) aij += S.values[p++];
      while (q < qe && T.colIdx[q] === j) aji += T.values[q++];
      ci[e] = j;
      vr[e] = -(t * (0.5 * (aij + aji)));
      vi[e++] = 0.5 * (aij - aji);
    }
    rowPtr[i + 1] = e;
  }
  return { n, rowPtr, colIdx: ci.slice(0, e), re: vr.slice(0, e), im: vi.slice(0, e) };
}

export interface CertifiedStripBound {
  /** Bound on |Im λ| over the eigenvalues with Re λ ≥ −R (units of A). */
  bound: number;
  /** The t of the Lagrangian bound λmax(K + tH) + tR used. */
  t: number;
  /** Whether bound is proven (inertia certificate) rather than estimated. */
  certified: boolean;
  /** How bound was obtained, for the notes. */
  method: string;
  /** The Lanczos estimate of min_t g(t) (stripImagBound) it started from. */
  estimate: number;
  /** Block Cholesky factorisations run (0: none; the i-th used margin margins[i − 1]). */
  tries: number;
  /** Flops of one factorisation (hermitianBlockCholeskyFlops). */
  flops: number;
}

export interface CertifiedStripOptions {
  lanczosSteps?: number;
  /** Partition over which A is block tridiagonal (default blockTridiagonalPartition(A) by the caller; required). */
  ptr: Int32Array;
  /** No factorisation above this many flops: the estimate times 1.05 is returned, not certified (default Infinity). */
  maxFlops?: number;
  /** Fraction of each block Cholesky done (one call per block; restarts at 0 for another margin). */
  onProgress?: (fraction: number) => void;
  /** Relative margins μ = θ + margin·max(|θ|, 1e-6‖A‖∞) tried in turn (default 1e-3, 1e-2, 0.1, 1). */
  margins?: number[];
  /**
   * A is a computed similarity B̂ of the matrix whose eigenvalues are wanted, with
   * |B̂ − B| ≤ entryRounding·|B̂| elementwise (blockBalanced): (1 + t)·entryRounding·max(‖B̂‖₁, ‖B̂‖∞)
   * is added to the bound (the field of values moves by at most ‖B̂ − B‖₂). Default 0.
   */
  entryRounding?: number;
}

/**
 * A proven bound on |Im λ| over the eigenvalues λ of A with Re λ ≥ −R: the Lagrangian bound
 * g(t) = λmax(K + tH) + tR of the module comment at the t chosen by stripImagBound, with
 * λmax(K + tH) certified by an inertia test. With θ the Lanczos estimate of λmax, it tries
 * μ = θ + margin·max(|θ|, 1e-6‖A‖∞) for each margin in turn until the block Cholesky of
 * Ĝ = fl(μI − M) completes with positive pivots (hermitianBlockCholesky). Then
 *     λmax(M) < μ + ‖ΔG‖₂ + ‖E₀‖₂,
 * ‖ΔG‖₂ ≤ γ̃/(1 − γ̃)·tr Ĝ the backward error of the completed Cholesky (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., Thm 10.3; Demmel, LAPACK Working Note 14, 1989;
 * γ̃ = 2γ_{2n+2} for complex arithmetic, see hermitianBlockCholesky.ts) and E₀ = Ĝ − (μI − M) the
 * rounding in forming the entries (Hermitian; ‖E₀‖₂ ≤ ‖E₀‖∞ ≤ 3u(|μ| + (1 + t)(‖A‖∞ + ‖A‖₁)/2),
 * taken as 4u(...) to cover the rounding of the norms). The returned bound is
 * (μ + ‖ΔG‖ + ‖E₀‖ + tR)(1 + 4u), certified. The allowances are ≈ 4(n + 1)u·tr Ĝ/μ ≲ 1e-8
 * relative at the sizes the engine factorises (measured 1.3e-8 at n = 3 311), far below the
 * first margin.
 * If every margin fails (Lanczos missed the top of the spectrum by more than the last margin),
 * or the factorisation exceeds maxFlops, it returns 1.05 × the estimate with certified = false.
 * Cost: 4 Lanczos runs plus one block Cholesky per try (≈ 7/8 of the flops of a complex block
 * LU of A − σ, measured 0.85–1.0× its time on the sectors of (4, 4) and N = 40, d = 2;
 * hermitianBlockCholeskyFlops); memory of one Schur complement at a time. The Lanczos estimate
 * was above the dense λmax on every sector measured (by 4e-8 to 1 %), so the first margin passes.
 */
export function certifiedStripImagBound(A: Csr, R: number, opts: CertifiedStripOptions): CertifiedStripBound {
  return certifyStripImagBound(A, R, stripImagBound(A, R, { lanczosSteps: opts.lanczosSteps }), opts);
}

/**
 * A proven bound without a factorisation: g(t) = λmax(K + tH) + tR with λmax bounded by
 * Gershgorin's theorem for the Hermitian M = K + tH, max_i (M_ii + Σ_{j≠i} |M_ij|), minimised
 * over a few t (O(nnz) each). Rounding: the entries of M are within 3u(1 + t)(|a_ij| + |a_ji|)/2
 * of the exact ones (negatedShiftedField), so the row sums within 3u(1 + t)(‖A‖∞ + ‖A‖₁)/2, and
 * the computed sums of m terms (|·| by sqrt(re² + im²), ≤ 3u) within (m + 4)u times their
 * size; both are added, doubled. One O(nnz) pass per t after one merge of A and Aᵀ. Usually 1.5–3.5× the Lagrangian bound on the sectors measured (N = 40, d = 2;
 * (4, 4)), but enough when the search has already covered that height — then the block Cholesky
 * of certifyStripImagBound is not needed.
 */
export function gershgorinStripImagBound(A: Csr, R: number, ts: readonly number[] = [0, 0.25, 0.5, 1, 1.5, 2, 3, 4], entryRounding = 0): { bound: number; t: number } {
  const u = 2 ** -53;
  const nInf = csrNormInf(A), nOne = csrNormInf(csrTranspose(A));
  let best = { bound: Infinity, t: 0 };
  // −H and S once; t·(−h) then rounds exactly as negatedShiftedField(A, t) does.
  const G1 = hermitianSplit(A).field1;
  for (const t of ts) {
    let g = -Infinity, size = 0, mMax = 0;
    for (let i = 0; i < G1.n; i++) {
      let off = 0, diag = 0;
      for (let q = G1.rowPtr[i]; q < G1.rowPtr[i + 1]; q++) {
        const re = t * G1.re[q], im = G1.im[q];
        if (G1.colIdx[q] === i) diag = -re;
        else off += Math.sqrt(re * re + im * im);
      }
      g = Math.max(g, diag + off);
      size = Math.max(size, Math.abs(diag) + off);
      mMax = Math.max(mMax, G1.rowPtr[i + 1] - G1.rowPtr[i]);
    }
    const allowance = 2 * ((mMax + 4) * u * size + 3 * u * (1 + t) * 0.5 * (nInf + nOne));
    const v = g + allowance + similarityAllowance(t, entryRounding, nInf, nOne) + t * R;
    const bound = v + 4 * u * Math.abs(v);
    if (bound < best.bound) best = { bound, t };
  }
  return best;
}

/**
 * B = D⁻¹AD for the diagonal D = diag(d_b), constant on each block b of the partition ptr over
 * which A is block tridiagonal, with d chosen to balance the couplings: the blocks above and
 * below the diagonal between b and b + 1 get equal Frobenius norms,
 * d_{b+1}/d_b = (‖A_{b+1,b}‖_F / ‖A_{b,b+1}‖_F)^½ (the block form of Osborne's balancing,
 * Osborne, J. ACM 7 (1960) 338; Parlett & Reinsch, Numer. Math. 13 (1969) 293).
 * Why: the eigenvalues are those of A but the field of values is smaller; for the Liouvillian
 * sectors, whose decay maps each E level into the one below much more strongly than the
 * other terms map it upwards (‖A_{b,b+1}‖_F/‖A_{b+1,b}‖_F ≈ 4.5–5.6 at N = 24, d = 2), the Lagrangian strip bound of B is about half
 * that of A (measured with dense eigensolvers: N = 24, d = 2 sector (+1,−1) 30.4 → 12.2, where
 * the best block scaling found by numerical optimisation gave 12.17; N = 40, d = 2: 33.2 → 16.6
 * in (+1,+1), 28.8 → 14.5 in (−1,+1)), which shortens the imaginary-axis search. (Rounding d to
 * powers of two, which would make B exact, costs much of the gain: 16.6 → 19.4 at N = 40.)
 * Rounding: B's entries are fl(a_ij·fl(d_j/d_i)), within entryRounding·|B̂_ij| of the exact
 * similarity's (two roundings), so ‖B̂ − D⁻¹AD‖₂ ≤ entryRounding·max(‖B̂‖₁, ‖B̂‖∞); the
 * strip bounds of this module add that (times 1 + t) when given it.
 * Shapes: A n×n (the result has its pattern), ptr the block boundaries (length blocks + 1);
 * scales: d per block.
 */
export function blockBalanced(A: Csr, ptr: Int32Array): { matrix: Csr; scales: Float64Array; entryRounding: number } {
  const n = A.rows, nb = ptr.length - 1;
  const block = new Int32Array(n);
  for (let b = 0; b < nb; b++) for (let i = ptr[b]; i < ptr[b + 1]; i++) block[i] = b;
  const up = new Float64Array(Math.max(0, nb - 1)), down = new Float64Array(Math.max(0, nb - 1));
  for (let i = 0; i < n; i++) {
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const bi = block[i], bj = block[A.colIdx[q]], a = A.values[q];
      if (bj === bi + 1) up[bi] += a * a;
      else if (bj === bi - 1) down[bj] += a * a;
      else if (bj !== bi) throw new RangeError(`blockBalanced: A is not block tridiagonal over ptr (entry (${i}, ${A.colIdx[q]}))`);
    }
  }
  // log2 d_b, kept within ±500 (entries of B stay normal numbers)
  const logs = new Float64Array(nb);
  for (let b = 0; b + 1 < nb; b++) {
    const step = up[b] > 0 && down[b] > 0 ? 0.25 * Math.log2(down[b] / up[b]) : 0;
    logs[b + 1] = Math.max(-500, Math.min(500, logs[b] + step));
  }
  const scales = Float64Array.from(logs, (x) => 2 ** x);
  const ratioUp = new Float64Array(nb), ratioDown = new Float64Array(nb);
  for (let b = 0; b + 1 < nb; b++) { ratioUp[b] = scales[b + 1] / scales[b]; ratioDown[b + 1] = scales[b] / scales[b + 1]; }
  const values = new Float64Array(A.values.length);
  for (let i = 0; i < n; i++) {
    const bi = block[i];
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const bj = block[A.colIdx[q]];
      values[q] = bj === bi ? A.values[q] : A.values[q] * (bj > bi ? ratioUp[bi] : ratioDown[bi]);
    }
  }
  return { matrix: { rows: A.rows, cols: A.cols, rowPtr: A.rowPtr, colIdx: A.colIdx, values }, scales, entryRounding: 2.01 * 2 ** -53 };
}

/** (1 + t)·ρ·max(‖Â‖₁, ‖Â‖∞), enlarged by 1 % for its own rounding: the move of λmax(K + tH) when Â is within ρ|Â| of an exact similarity (blockBalanced). */
function similarityAllowance(t: number, entryRounding: number | undefined, nInf: number, nOne: number): number {
  return entryRounding ? 1.01 * (1 + t) * entryRounding * Math.max(nInf, nOne) : 0;
}

/** Default relative margins of certifyStripImagBound. */
export const STRIP_MARGINS: readonly number[] = [1e-3, 1e-2, 0.1, 1];

/**
 * What certifyStripImagBound will return when its first margin passes, up to the rounding
 * allowance (≲ 1e-6 relative, included): the height a search should aim at before the
 * certificate is run.
 */
export function stripSearchTarget(A: Csr, R: number, est: { bound: number; t: number }): number {
  const theta = est.bound - est.t * R;
  const mu = theta + STRIP_MARGINS[0] * Math.max(Math.abs(theta), 1e-6 * csrNormInf(A));
  const g = mu + est.t * R;
  return g + 1e-6 * Math.abs(g);
}

/** certifiedStripImagBound from an estimate est = stripImagBound(A, R) computed before. */
export function certifyStripImagBound(A: Csr, R: number, est: { bound: number; t: number }, opts: CertifiedStripOptions): CertifiedStripBound {
  const flops = hermitianBlockCholeskyFlops(opts.ptr);
  const fallback = (tries: number, why: string): CertifiedStripBound =>
    ({ bound: 1.05 * est.bound, t: est.t, certified: false, method: `Lanczos estimate × 1.05, not proven (${why})`, estimate: est.bound, tries, flops });
  if (flops > (opts.maxFlops ?? Infinity)) return fallback(0, `inertia certificate needs ${flops.toExponential(1)} flops > ${(opts.maxFlops ?? Infinity).toExponential(1)}`);
  const t = est.t;
  const theta = est.bound - t * R;
  const nInf = csrNormInf(A), nOne = csrNormInf(csrTranspose(A));
  const u = 2 ** -53;
  const scale = Math.max(Math.abs(theta), 1e-6 * nInf);
  const G = negatedShiftedField(A, t);
  const margins = opts.margins ?? STRIP_MARGINS;
  for (const [i, m] of margins.entries()) {
    const mu = theta + m * scale;
    const chol = hermitianBlockCholesky(G, opts.ptr, mu, { onProgress: opts.onProgress });
    if (!chol.positiveDefinite) continue;
    const e0 = 4 * u * (Math.abs(mu) + (1 + t) * 0.5 * (nInf + nOne));
    const g = mu + chol.backwardError + e0 + similarityAllowance(t, opts.entryRounding, nInf, nOne) + t * R;
    const bound = g + 4 * u * Math.abs(g);
    return { bound, t, certified: true, method: `Lagrangian bound at t = ${t.toPrecision(3)}, λmax(K + tH) < ${(bound - t * R).toPrecision(6)} proven by a block Cholesky of μI − K − tH (margin ${m} over the Lanczos estimate)`, estimate: est.bound, tries: i + 1, flops };
  }
  return fallback(margins.length, `μI − K − tH not positive definite up to margin ${margins[margins.length - 1]} over the Lanczos estimate`);
}
