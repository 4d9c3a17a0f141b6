/**
 * Certified eigenvalues of smallest |Re λ| of a real sparse matrix A that is block tridiagonal
 * in some ordering (a Liouvillian sector ordered by E, DESIGN.md), for spectra in the closed
 * left half-plane.
 *
 * Method
 *  0. First (default; option cayley), the Cayley transform C = (A − σ_C)⁻¹(A + σ_C) with one
 *     real factorisation at σ_C = ‖A‖∞/4: Krylov–Schur on C for its eigenvalues of largest
 *     modulus μ = (λ + σ_C)/(λ − σ_C), certified as in 2., and complete — no eigenvalue with
 *     |Re λ| ≤ R missed, at any |Im λ| — once the smallest |μ| converged is ≤ ρ = (q − 1)/(q + 1),
 *     q = σ_C/R (the exterior of an Apollonius disk lying in Re λ ≤ −R; comment at the call).
 *     Measured: four gaps of (4, 4) 0.68 → ≈ 0.3 s, N = 40, d = 2 1.98 → ≈ 1 s (one real
 *     factorisation per sector instead of a real and one or two complex ones plus the strip
 *     bound's Lanczos runs and block Cholesky). Only when it does not get there (σ_C too small
 *     for the spectrum's extent, nev up to k + 11) do 1.–3. run as described below.
 *  1. Shift-invert Krylov–Schur (krylovSchur.ts) on (A − σ)⁻¹ with the exact block LU of
 *     A − σ (blockTridiagonalLu.ts): the nev eigenvalues nearest σ, first at a real σ > 0.
 *  2. Certification of every eigenvalue that may be reported: the left eigenvector w (Aᵀw = λw)
 *     from the same factorisation, by inverse iteration with (A − σ)⁻ᵀ deflated by the other
 *     right eigenvectors of the run (leftByDeflatedIteration; a few to a few tens of solves per
 *     eigenvalue), or, when that is predicted slow or does not converge, by a second
 *     Krylov–Schur run on (A − σ)⁻ᵀ; the two-sided
 *     Rayleigh quotient θ = wᵀAy / wᵀy (y, w unit); the residuals r = ‖Ay − θy‖,
 *     s = ‖Aᵀw − θw‖; the condition number κ = 1/|wᵀy| (Wilkinson; in the HS-orthonormal
 *     basis of the sector this is the eigenvalue condition number of ℒ itself). θ is an exact
 *     eigenvalue of A + E with ‖E‖ = r (E = −r yᴴ), so |λ − θ| ≤ κ·min(r, s) to first order
 *     (r, s floored at ε‖A‖∞, the rounding level of a residual)
 *     (Golub & Van Loan §7.2.2). The bound is reported as errorBound and is accepted only when
 *     it is below half the distance to the nearest other eigenvalue found (first-order regime).
 *  3. No missed eigenvalues: with R = |Re| of the k-th smallest found, every eigenvalue with
 *     |Re λ| ≤ R lies in the rectangle [−R, 0] × [−ω, ω], where ω bounds |Im λ| over that strip
 *     (spectrum symmetric under conjugation for real A): the Lagrangian strip bound
 *     λmax(K + tH) + tR of stripImagBound.ts, computed on the block-balanced similarity D⁻¹AD
 *     (blockBalanced: the same eigenvalues, a field of values about half as tall — N = 40,
 *     d = 2: ω 29–33 → 15–18, one search shift fewer in two of the four sectors), proven by certifiedStripImagBound (Lanczos
 *     estimate of λmax, then an inertia certificate: a block Cholesky of μI − K − tH that
 *     completes, with its rounding allowance). The search aims at the Lanczos estimate of the
 *     strip bound plus the first margin; the certificate runs once the disks reach that height (a search
 *     stopped by maxShifts does not pay for it), and a proven bound above it resumes the
 *     search. It is skipped when the cheap Gershgorin form of the same bound
 *     (gershgorinStripImagBound, O(nnz)) is already below the covered height. If the certificate fails or exceeds maxCertificateFlops, ω is the smaller of
 *     that estimate and 1.05‖(A − Aᵀ)/2‖₂ (power iteration), and complete stays false (the notes say completeness is not proven). A caller's imagBound is
 *     taken as proven.
 *     A converged shift-invert run at σ_j finding its p nearest eigenvalues excludes any other
 *     eigenvalue from the open disk |λ − σ_j| < ρ_j, ρ_j = max distance of those found. Shifts
 *     σ_j = −R/2 + iω_j are added up the imaginary axis (complex factorisations) until the
 *     disks cover the rectangle or maxShifts is reached; the result says which (complete).
 *     A search shift stops as soon as its leading converged pairs (to 1e-9) give a disk that
 *     covers the rest of the rectangle, or number half of nev and give a disk that extends the
 *     covered part; only that leading run (the p eigenvalues of largest |μ|) defines the disk
 *     and the candidates.
 *     The disk argument (and the Cayley one of 0.) assumes Krylov–Schur returned the p
 *     eigenvalues of largest |μ|, which holds unless the start vector is (numerically)
 *     deficient in those eigendirections.
 */
import { type Csr, csrMatVecComplex } from './csr.ts';
import {
  type BlockTridiagonalLu, blockTridiagonalLu, blockTridiagonalLuBytes, blockTridiagonalLuFlops, blockTridiagonalPartition,
  blockTridiagonalSolve, blockTridiagonalSolveRefined, blockTridiagonalSolveTransposed,
} from './blockTridiagonalLu.ts';
import { krylovSchur } from './krylovSchur.ts';
import { type CertifiedStripBound, blockBalanced, certifyStripImagBound, gershgorinStripImagBound, stripImagBound, stripSearchTarget } from './stripImagBound.ts';

export interface CertifiedEigenvalue {
  re: number;
  im: number;
  /** ‖A y − λ y‖ for the unit right eigenvector y (absolute, units of A). */
  residual: number;
  /** ‖Aᵀ w − λ w‖ for the unit left eigenvector w (Infinity when no left vector was found). */
  leftResidual: number;
  /** κ(λ) = ‖w‖‖y‖/|wᵀy| (Infinity when no left vector was found). */
  condition: number;
  /** First-order bound on |λ_exact − λ|: κ·min(residual, leftResidual); Infinity if unavailable. */
  errorBound: number;
  /** Whether errorBound is trustworthy (left vector matched, bound < half the distance to the next eigenvalue). */
  certified: boolean;
  /** Unit right eigenvector (complex). */
  vecRe: Float64Array;
  vecIm: Float64Array;
}

export interface RightmostOptions {
  /** Eigenvalues wanted (smallest |Re|; a conjugate pair counts as two). */
  k: number;
  /** Eigenvalues per shift (default k + 8). */
  nev?: number;
  /** First (real) shift, > 0 (units of A). */
  sigma: number;
  /** Complex shifts allowed on top of the first one (default 24; 0 disables the search). */
  maxShifts?: number;
  /**
   * Proven bound on |Im λ| over the eigenvalues with |Re λ| ≤ R (taken on the caller's word);
   * default: the certified strip bound of stripImagBound.ts (module comment, item 3).
   */
  imagBound?: number;
  /** Flops allowed for the inertia certificate of the strip bound (one block Cholesky per try; default Infinity). */
  maxCertificateFlops?: number;
  /** Compute the strip bound on the block-balanced similarity D⁻¹AD (stripImagBound.ts blockBalanced; default true: same eigenvalues, a tighter bound). */
  balanceStrip?: boolean;
  /** Krylov–Schur tolerance at the first shift (default 1e-13; 1e-10 at the search shifts, which only need radii). */
  tol?: number;
  /**
   * Reported eigenvalues whose bound exceeds refineTol·max(1, |λ|) (or that have none, e.g. found
   * at a search shift) are refined by inverse iteration at a shift next to them (one more
   * factorisation each). Default 1e-8.
   */
  refineTol?: number;
  /** Start vector for the first run (warm start from a neighbouring parameter point). */
  v0?: Float64Array;
  /**
   * Try the Cayley transform first (default true; see rightmostEigenvalues): one real
   * factorisation at cayleySigma covers the whole half-plane Re λ ≥ −R when it succeeds; the
   * real shift at `sigma` and the imaginary-axis search run only when it does not.
   */
  cayley?: boolean;
  /** Pole of the Cayley transform, > 0 (default ‖A‖∞/4, units of A). */
  cayleySigma?: number;
  /**
   * Left eigenvectors known in closed form (w, length n, Aᵀw = λw), e.g. the trace functional
   * of a trace-preserving generator for λ = 0: used for the certificate of the eigenvalue found
   * next to λ instead of computing one (a factorisation or a left Krylov run saved). Taken only
   * where the computed left residual ‖Aᵀŵ − λ̂ŵ‖ (ŵ = w/‖w‖) is at rounding level
   * (≤ 1e-12·‖A‖∞); otherwise ignored.
   */
  knownLeft?: Array<{ re: number; im: number; w: Float64Array }>;
  onProgress?: (stage: 'factorise' | 'iterate', fraction: number) => void;
}

export interface RightmostResult {
  /** k eigenvalues of smallest |Re| (conjugate pairs complete), sorted by |Re| then Im. */
  eigenvalues: CertifiedEigenvalue[];
  /** Whether the rectangle [−R, 0] × [−ω, ω] was covered (no eigenvalue with |Re| ≤ R missed). */
  complete: boolean;
  /** R and ω of that rectangle; whether ω is proven (else complete is false) and how it was obtained. */
  strip: { reMin: number; imMax: number; certified: boolean; method: string };
  shifts: Array<{ re: number; im: number; radius: number }>;
  /** Operator applications (right and left runs). */
  steps: number;
  /** Largest factorisation held at once (bytes). */
  factorBytes: number;
  notes: string[];
}

/**
 * Below this dimension the Cayley run keeps a subspace of max(2·nev + 20, 30) instead of 50: its
 * solves are cheap next to the Schur forms of the projected matrix at each restart (measured,
 * four gaps, best of 10: (4, 4) −5 %, (3, 5) −10 %, (20, 2) −10 %, (6, 3) −4 %, (30, 2) ±0;
 * at N = 40, d = 2, dim ≈ 3 300, +4 %, so not there).
 */
const CAYLEY_SMALL_N = 2500;

/** Flops of one solve with real block LU factors of partition ptr on a complex vector (two real triangular pairs). */
function blockSolveFlops(ptr: Int32Array): number {
  let f = 0;
  for (let k = 0; k + 1 < ptr.length; k++) {
    const b = ptr[k + 1] - ptr[k], nx = k + 2 < ptr.length ? ptr[k + 2] - ptr[k + 1] : 0;
    f += 4 * (b * b + 2 * b * nx);
  }
  return f;
}

/** Bytes the method needs for A (one factorisation plus Krylov bases). */
export function rightmostBytes(A: Csr, nev: number): number {
  const ptr = blockTridiagonalPartition(A);
  const m = Math.max(2 * nev + 12, 30);
  return blockTridiagonalLuBytes(ptr) + 16 * A.rows * (2 * m + 8);
}

/** Flops of one factorisation of A − σ (blockTridiagonalLuFlops of the partition). */
export function rightmostFactorFlops(A: Csr): number {
  return blockTridiagonalLuFlops(blockTridiagonalPartition(A));
}

/** ‖(A − Aᵀ)/2‖₂ estimated by power iteration on KᵀK = −K² (a lower estimate, converging from below). */
export function skewNormEstimate(A: Csr, steps = 80): number {
  const n = A.rows;
  const apply = (x: Float64Array, y: Float64Array) => {
    y.fill(0);
    for (let i = 0; i < n; i++) {
      for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
        const j = A.colIdx[q], v = 0.5 * A.values[q];
        y[i] += v * x[j]; y[j] -= v * x[i];
      }
    }
  };
  let x = new Float64Array(n), y = new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) { s = (s * 16807) % 2147483647; x[i] = s / 2147483647 - 0.5; }
  let est = 0;
  for (let it = 0; it < steps; it++) {
    apply(x, y);
    let ny = 0;
    for (let i = 0; i < n; i++) ny += y[i] * y[i];
    ny = Math.sqrt(ny);
    let nx = 0;
    for (let i = 0; i < n; i++) nx += x[i] * x[i];
    est = Math.max(est, ny / Math.sqrt(nx));
    if (ny === 0) return 0;
    for (let i = 0; i < n; i++) y[i] /= ny;
    [x, y] = [y, x];
  }
  return est;
}

interface Found extends CertifiedEigenvalue {
  /** Shift index that found it. */
  shift: number;
}

/** ‖A x − λ x‖ for complex x, λ. */
function residualOf(A: Csr, xr: Float64Array, xi: Float64Array, lr: number, li: number, transposed: boolean): number {
  const n = A.rows;
  const yr = new Float64Array(n), yi = new Float64Array(n);
  csrMatVecComplex(A, xr, xi, yr, yi, transposed);
  let s = 0;
  for (let q = 0; q < n; q++) {
    const a = yr[q] - (lr * xr[q] - li * xi[q]), b = yi[q] - (lr * xi[q] + li * xr[q]);
    s += a * a + b * b;
  }
  return Math.sqrt(s);
}

/**
 * Certifies a right pair (θ₀, y) with a left vector w: two-sided Rayleigh quotient, residuals,
 * condition number and first-order bound.
 */
export function certifyPair(A: Csr, yr: Float64Array, yi: Float64Array, wr: Float64Array, wi: Float64Array): Omit<CertifiedEigenvalue, 'certified'> {
  const n = A.rows;
  const nrm = (a: Float64Array, b: Float64Array) => { let s = 0; for (let q = 0; q < n; q++) s += a[q] * a[q] + b[q] * b[q]; return Math.sqrt(s); };
  const ny = nrm(yr, yi), nw = nrm(wr, wi);
  const Yr = Float64Array.from(yr, (v) => v / ny), Yi = Float64Array.from(yi, (v) => v / ny);
  const Wr = Float64Array.from(wr, (v) => v / nw), Wi = Float64Array.from(wi, (v) => v / nw);
  const Ar = new Float64Array(n), Ai = new Float64Array(n);
  csrMatVecComplex(A, Yr, Yi, Ar, Ai, false);
  // wᵀ(Ay) and wᵀy (bilinear, no conjugation: Aᵀw = λw for real A)
  let nr = 0, ni = 0, dr = 0, di = 0;
  for (let q = 0; q < n; q++) {
    nr += Wr[q] * Ar[q] - Wi[q] * Ai[q]; ni += Wr[q] * Ai[q] + Wi[q] * Ar[q];
    dr += Wr[q] * Yr[q] - Wi[q] * Yi[q]; di += Wr[q] * Yi[q] + Wi[q] * Yr[q];
  }
  const d2 = dr * dr + di * di;
  const re = (nr * dr + ni * di) / d2, im = (ni * dr - nr * di) / d2;
  const condition = 1 / Math.sqrt(d2);
  const residual = residualOf(A, Yr, Yi, re, im, false);
  const leftResidual = residualOf(A, Wr, Wi, re, im, true);
  // A computed residual below the rounding of A·y itself (ε‖A‖∞) means nothing: floor it there.
  let nA = 0;
  for (let i = 0; i < n; i++) { let t = 0; for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) t += Math.abs(A.values[q]); nA = Math.max(nA, t); }
  const r = Math.max(Math.min(residual, leftResidual), 2.220446049250313e-16 * nA);
  return { re, im, residual, leftResidual, condition, errorBound: condition * r, vecRe: Yr, vecIm: Yi };
}

/**
 * Right and left eigenvectors for an eigenvalue λ known approximately: three steps of inverse
 * iteration each way with the exact block LU of A − (λ + δ), δ = 1e-7·max(1, |λ|)·(1 + i),
 * or δ real for a real λ (near enough for a contraction ≈ δ/separation per step, far enough
 * for a regular factorisation), then certifyPair. One factorisation (real for a real λ).
 */
export function refineEigenpair(A: Csr, re: number, im: number): Omit<CertifiedEigenvalue, 'certified'> {
  const n = A.rows;
  const dl = 1e-7 * Math.max(1, Math.hypot(re, im));
  // (a real eigenvalue gets a real shift: real factors, a quarter of the flops)
  const f = blockTridiagonalLu(A, blockTridiagonalPartition(A), re + dl, im === 0 ? 0 : im + dl);
  const vec = (transposed: boolean) => {
    let xr = new Float64Array(n), xi = new Float64Array(n);
    let s = 777;
    for (let q = 0; q < n; q++) { s = (s * 16807) % 2147483647; xr[q] = s / 2147483647 - 0.5; xi[q] = 0.1 * xr[q]; }
    for (let it = 0; it < 3; it++) {
      const yr = new Float64Array(n), yi = new Float64Array(n);
      blockTridiagonalSolveRefined(f, xr, xi, yr, yi, transposed);
      let nn = 0;
      for (let q = 0; q < n; q++) nn += yr[q] * yr[q] + yi[q] * yi[q];
      nn = Math.sqrt(nn);
      for (let q = 0; q < n; q++) { yr[q] /= nn; yi[q] /= nn; }
      xr = yr; xi = yi;
    }
    return [xr, xi] as const;
  };
  const [yr, yi] = vec(false), [wr, wi] = vec(true);
  return certifyPair(A, yr, yi, wr, wi);
}

/**
 * Left eigenvector w (Aᵀw = λw) of an eigenvalue λ = σ + (dRe + i dIm) whose right vector y
 * is known, by inverse iteration with (A − σ)⁻ᵀ from the factorisation f at σ, deflated by the
 * right eigenvectors y_j of the other eigenvalues found at σ. For distinct eigenvalues
 * w_jᵀ y_l = 0 (j ≠ l), so the subspace {w : y_jᵀw = 0 for all j} holds w and is invariant
 * under (A − σ)⁻ᵀ; on it the iteration converges at the rate |λ − σ| / (distance from σ of the
 * nearest eigenvalue not found), not |λ − σ| / (nearest other eigenvalue). The constraint is
 * imposed after every step as an orthogonal projection against conj(Q), Q an orthonormal
 * basis of the y_j (Qᵀw = 0 ⇔ y_jᵀw = 0), so rounding cannot bring the deflated directions
 * back. Start: conj(y) projected, conj(y_⊥); its coefficient along w in the expansion over
 * left eigenvectors (normalised w_jᵀy_j = 1) is conj(y_⊥)ᵀy = ‖y_⊥‖² > 0 (for a normal A,
 * w = conj(y) exactly).
 * Converged when ‖z − μ̂w‖/|μ̂| ≤ 1e-13 (z = projected (A − σ)⁻ᵀw, μ̂ = wᴴz, w unit), or when
 * that residual stagnates below 1e-10 (the floor set by rounding in the solves), and μ̂
 * matches 1/(λ − σ) to 1e-6. O(n·#y) work per step besides the solve.
 */
export function leftByDeflatedIteration(f: BlockTridiagonalLu, yr: Float64Array, yi: Float64Array, others: ReadonlyArray<readonly [Float64Array, Float64Array]>, dRe: number, dIm: number, maxSteps: number): { wr: Float64Array; wi: Float64Array; converged: boolean; steps: number } {
  const n = f.n;
  // Z = conj(Q), orthonormal, by modified Gram–Schmidt done twice.
  const Zr: Float64Array[] = [], Zi: Float64Array[] = [];
  const project = (xr: Float64Array, xi: Float64Array) => {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < Zr.length; j++) {
        const ar = Zr[j], ai = Zi[j];
        let sr = 0, si = 0; // zᴴx
        for (let q = 0; q < n; q++) { sr += ar[q] * xr[q] + ai[q] * xi[q]; si += ar[q] * xi[q] - ai[q] * xr[q]; }
        for (let q = 0; q < n; q++) { xr[q] -= sr * ar[q] - si * ai[q]; xi[q] -= sr * ai[q] + si * ar[q]; }
      }
    }
  };
  const norm = (xr: Float64Array, xi: Float64Array) => { let s = 0; for (let q = 0; q < n; q++) s += xr[q] * xr[q] + xi[q] * xi[q]; return Math.sqrt(s); };
  for (const [or, oi] of others) {
    const xr = Float64Array.from(or), xi = Float64Array.from(oi, (v) => -v);
    const n0 = norm(xr, xi);
    project(xr, xi);
    const n1 = norm(xr, xi);
    if (!(n1 > 1e-8 * n0)) continue; // (numerically) dependent: already spanned
    for (let q = 0; q < n; q++) { xr[q] /= n1; xi[q] /= n1; }
    Zr.push(xr); Zi.push(xi);
  }
  const d2 = dRe * dRe + dIm * dIm;
  const muRe = dRe / d2, muIm = -dIm / d2;
  let wr = Float64Array.from(yr), wi = Float64Array.from(yi, (v) => -v);
  project(wr, wi);
  let nw = norm(wr, wi);
  if (!(nw > 0)) return { wr, wi, converged: false, steps: 0 };
  for (let q = 0; q < n; q++) { wr[q] /= nw; wi[q] /= nw; }
  let zr = new Float64Array(n), zi = new Float64Array(n);
  let prev = Infinity, stall = 0;
  for (let t = 1; t <= maxSteps; t++) {
    blockTridiagonalSolveTransposed(f, wr, wi, zr, zi);
    project(zr, zi);
    let hr = 0, hi = 0; // μ̂ = wᴴz
    for (let q = 0; q < n; q++) { hr += wr[q] * zr[q] + wi[q] * zi[q]; hi += wr[q] * zi[q] - wi[q] * zr[q]; }
    let rs = 0;
    for (let q = 0; q < n; q++) {
      const a = zr[q] - (hr * wr[q] - hi * wi[q]), b = zi[q] - (hr * wi[q] + hi * wr[q]);
      rs += a * a + b * b;
    }
    const mh = Math.hypot(hr, hi);
    const res = Math.sqrt(rs) / (mh || 1);
    nw = norm(zr, zi);
    for (let q = 0; q < n; q++) { zr[q] /= nw; zi[q] /= nw; }
    [wr, zr] = [zr, wr]; [wi, zi] = [zi, wi];
    const match = Math.hypot(hr - muRe, hi - muIm) <= 1e-6 * Math.hypot(muRe, muIm);
    if (res <= 1e-13 && match) return { wr, wi, converged: true, steps: t };
    stall = res > 0.5 * prev ? stall + 1 : 0;
    if (stall >= 3 && res <= 1e-10 && match) return { wr, wi, converged: true, steps: t };
    prev = res;
  }
  return { wr, wi, converged: false, steps: maxSteps };
}

function byAbsRe(a: { re: number; im: number }, b: { re: number; im: number }): number {
  const d = Math.abs(a.re) - Math.abs(b.re);
  if (Math.abs(d) > 1e-12 * Math.max(1, Math.abs(a.re), Math.abs(b.re))) return d;
  return a.im - b.im;
}

/** The k certified eigenvalues of smallest |Re λ| of A (see the module comment). */
export function rightmostEigenvalues(A: Csr, opts: RightmostOptions): RightmostResult {
  const n = A.rows;
  const k = Math.min(opts.k, n);
  const nev = Math.min(n - 1, opts.nev ?? k + 8);
  const tol = opts.tol ?? 1e-13;
  const maxShifts = opts.maxShifts ?? 24;
  const ptr = blockTridiagonalPartition(A);
  const notes: string[] = [];
  const found: Found[] = [];
  const shifts: RightmostResult['shifts'] = [];
  let steps = 0, factorBytes = 0, refined = 0;
  let nA = 0;
  for (let i = 0; i < n; i++) { let s = 0; for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) s += Math.abs(A.values[q]); nA = Math.max(nA, s); }
  const same = (a: { re: number; im: number }, b: { re: number; im: number }) => Math.hypot(a.re - b.re, a.im - b.im) <= 1e-8 * Math.max(1, Math.hypot(a.re, a.im)) + 1e-13 * nA;

  /** k-th smallest |Re| among found eigenvalues, conjugate pairs counted twice (Infinity if fewer). */
  const threshold = (): number => {
    const list: number[] = [];
    for (const f of found) { list.push(Math.abs(f.re)); if (f.im !== 0) list.push(Math.abs(f.re)); }
    list.sort((a, b) => a - b);
    return list.length >= k ? list[k - 1] : Infinity;
  };
  /** threshold() with extra eigenvalues counted as if found. */
  const thresholdWith = (extra: Array<{ re: number; im: number }>): number => {
    const list: number[] = [];
    for (const f of [...found, ...extra]) { list.push(Math.abs(f.re)); if (Math.abs(f.im) > 1e-10 * Math.max(1, Math.abs(f.re))) list.push(Math.abs(f.re)); }
    list.sort((a, b) => a - b);
    return list.length >= k ? list[k - 1] : Infinity;
  };

  /**
   * How far up a disk of radius ρ at a search shift covers the strip |Re| ≤ Rm contiguously
   * from the covered interval [0, reach]: its top end, or −Infinity when it does not reach down
   * to `reach` (then it extends nothing).
   */
  let target: { Rm: number; reach: number; omega: number } | null = null;
  const diskTop = (sr: number, si: number, rho: number) => {
    if (!target) return -Infinity;
    const dx = Math.max(Math.abs(-target.Rm - sr), Math.abs(sr));
    if (!(rho > dx)) return -Infinity;
    const h = Math.sqrt(rho * rho - dx * dx);
    return si - h <= target.reach ? si + h : -Infinity;
  };
  // The Cayley run's factorisation, kept for a rerun with a larger nev.
  let kept: { sr: number; si: number; f: BlockTridiagonalLu } | null = null;
  let lastRun = { converged: false, minAbsMu: Infinity };
  const runShift = (sr: number, si: number, v0: Float64Array | undefined, certify: boolean, cayley = false, nevRun = nev): number => {
    const nev = nevRun;
    let f: BlockTridiagonalLu;
    if (kept && kept.sr === sr && kept.si === si) f = kept.f;
    else {
      opts.onProgress?.('factorise', 0);
      f = blockTridiagonalLu(A, ptr, sr, si, (x) => opts.onProgress?.('factorise', x));
      if (cayley) kept = { sr, si, f };
    }
    factorBytes = Math.max(factorBytes, f.bytes);
    opts.onProgress?.('iterate', 0);
    // Cayley: C = (A − σ)⁻¹(A + σ) = I + 2σ(A − σ)⁻¹ (σ real), eigenvalues μ = (λ + σ)/(λ − σ).
    const op = (solve: typeof blockTridiagonalSolve) => cayley
      ? (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => {
        solve(f, xr, xi, yr, yi);
        const c = 2 * sr;
        for (let i = 0; i < n; i++) { yr[i] = xr[i] + c * yr[i]; yi[i] = xi[i] + c * yi[i]; }
      }
      : (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => solve(f, xr, xi, yr, yi);
    /** λ of an eigenvalue μ of the run's operator. */
    const lambdaOf = (mr: number, mi: number): { re: number; im: number } => {
      if (cayley) {
        // λ = σ(μ + 1)/(μ − 1)
        const dr = mr - 1, den = dr * dr + mi * mi;
        return { re: (sr * ((mr + 1) * dr + mi * mi)) / den, im: (sr * (mi * dr - (mr + 1) * mi)) / den };
      }
      const m2 = mr * mr + mi * mi;
      return { re: sr + mr / m2, im: si - mi / m2 };
    };
    // A search shift only needs its disk: it stops once the leading half of its nev pairs have
    // converged, and only that leading run counts (disk and candidates).
    const right = krylovSchur(n, op(blockTridiagonalSolve), {
      nev, ncv: Math.max(2 * nev + 20, cayley && n < CAYLEY_SMALL_N ? 30 : 50), tol: certify ? tol : Math.max(tol, 1e-9), v0Re: v0, onProgress: (x) => opts.onProgress?.('iterate', x / 2),
      acceptPrefix: certify ? undefined : (mu) => {
        const m = mu[mu.length - 1], top = diskTop(sr, si, (1 - 1e-3) / Math.hypot(m.re, m.im));
        return top >= target!.omega || (mu.length >= Math.max(2, Math.ceil(nev / 2)) && top > target!.reach);
      },
    });
    steps += right.steps;
    const idx = shifts.length;
    let radius = 0;
    const fresh: Array<{ re: number; im: number; yr: Float64Array; yi: Float64Array }> = [];
    for (const [j, p] of right.pairs.entries()) {
      if (!certify && j >= right.prefix) break;
      const { re, im } = lambdaOf(p.re, p.im);
      // (shrunk by 1e-3: the Ritz values of a search shift are only converged to 1e-9·|μ|, and
      // by up to κ times that in value)
      if (!cayley && p.estimate <= 1e-8 && j < right.prefix) radius = Math.max(radius, (1 - 1e-3) * Math.hypot(re - sr, im - si));
      fresh.push({ re, im, yr: p.vecRe, yi: p.vecIm });
    }
    lastRun = { converged: right.converged, minAbsMu: Math.min(...right.pairs.map((p) => Math.hypot(p.re, p.im))) };
    if (!right.converged) {
      notes.push(`Krylov–Schur at shift ${sr.toPrecision(3)}${si ? ` + ${si.toPrecision(3)}i` : ''} did not converge in ${right.restarts} restarts; its disk is not used`);
      radius = 0;
    }
    shifts.push({ re: sr, im: si, radius });
    // Candidates: new eigenvalues (upper half-plane representatives) not seen before.
    // An eigenvalue inside an earlier shift's disk was found by that run already (a duplicate,
    // whose Ritz value may differ by up to κ times its residual); so was one equal to a found one.
    const inEarlierDisk = (e: { re: number; im: number }) => shifts.some((s, j) => j < idx && s.radius > 0 &&
      (Math.hypot(e.re - s.re, e.im - s.im) < s.radius * (1 - 1e-6) || Math.hypot(e.re - s.re, e.im + s.im) < s.radius * (1 - 1e-6)));
    // A value below the real axis is dropped only when its conjugate partner came with it;
    // unpaired, it stands for the pair's upper member (or is a real eigenvalue whose Ritz value
    // carries an imaginary part of κ times the tolerance — dropping it would lose the eigenvalue).
    const upper = fresh.map((e) => {
      if (e.im >= -1e-10 * Math.max(1, Math.abs(e.re))) return e;
      const tolPair = 1e-6 * Math.max(1, Math.hypot(e.re, e.im));
      if (fresh.some((g) => g !== e && g.im > 0 && Math.hypot(g.re - e.re, g.im + e.im) <= tolPair)) return null;
      return { re: e.re, im: -e.im, yr: e.yr, yi: Float64Array.from(e.yi, (v) => -v) };
    }).filter((e): e is NonNullable<typeof e> => e !== null);
    const cand = upper.filter((e) => !found.some((g) => same(g, e)) && !inEarlierDisk(e));
    if (cand.length === 0) return radius;
    // Left eigenvectors from the transposed factorisation, only for candidates that may be
    // reported: |Re| within the k smallest of everything found so far including this run (later
    // shifts can only lower that threshold).
    const R = thresholdWith(cand);
    let targets = certify ? cand.filter((e) => Math.abs(e.re) <= R * (1 + 1e-6) + 1e-12 * nA || !Number.isFinite(R)) : [];
    const record = (e: { re: number; im: number; yr: Float64Array; yi: Float64Array }) => found.push({ re: e.re, im: Math.abs(e.im) <= 1e-10 * Math.max(1, Math.abs(e.re)) ? 0 : e.im, residual: residualOf(A, e.yr, e.yi, e.re, e.im, false), leftResidual: Infinity, condition: Infinity, errorBound: Infinity, certified: false, vecRe: e.yr, vecIm: e.yi, shift: idx });
    if (targets.length === 0) {
      for (const e of cand) record(e);
      return radius;
    }
    const certifyWith = (e: { re: number; im: number; yr: Float64Array; yi: Float64Array }, wr: Float64Array, wi: Float64Array) => {
      const c = certifyPair(A, e.yr, e.yi, wr, wi);
      // A is real: an eigenvalue whose imaginary part is within its own bound is real
      // (a non-real one would come with its conjugate just as close).
      if (Math.abs(c.im) <= Math.max(c.errorBound, 1e-13 * nA)) c.im = 0;
      found.push({ ...c, certified: false, shift: idx });
    };
    const pending = new Set(cand);
    // A left vector known in closed form (knownLeft), where its residual confirms it.
    for (const kl of opts.knownLeft ?? []) {
      const e = targets.find((t) => pending.has(t) && Math.hypot(t.re - kl.re, t.im - kl.im) <= 1e-8 * Math.max(1, nA));
      if (!e || kl.w.length !== n) continue;
      const c = certifyPair(A, e.yr, e.yi, kl.w, new Float64Array(n));
      if (!(c.leftResidual <= 1e-12 * nA)) continue;
      if (Math.abs(c.im) <= Math.max(c.errorBound, 1e-13 * nA)) c.im = 0;
      found.push({ ...c, certified: false, shift: idx });
      pending.delete(e);
    }
    targets = targets.filter((e) => pending.has(e));
    if (targets.length === 0) {
      for (const e of pending) record(e);
      return radius;
    }
    // First choice: inverse iteration with (A − σ)⁻ᵀ deflated by the other right eigenvectors of
    // this run (leftByDeflatedIteration), when its predicted cost is below a left Krylov–Schur run
    // (about as many solves as the right run took).
    // (not for the Cayley run: its targets are not the eigenvalues nearest its pole)
    const conv = cayley ? [] : right.pairs.filter((p) => p.estimate <= 1e-8);
    const muMin = conv.length ? Math.min(...conv.map((p) => Math.hypot(p.re, p.im))) : 0;
    const plan = targets.map((e) => {
      const mu = 1 / Math.hypot(e.re - sr, e.im - si);
      const ratio = muMin / mu;
      return ratio < 0.8 ? Math.ceil(Math.log(1e-13) / Math.log(ratio)) + 4 : Infinity;
    });
    const budget = plan.reduce((a, b) => a + b, 0);
    if (!cayley && conv.length === right.pairs.length && budget <= Math.max(right.steps, 30)) {
      targets.forEach((e, t) => {
        const others = right.pairs.filter((p) => p.vecRe !== e.yr).map((p) => [p.vecRe, p.vecIm] as const);
        const l = leftByDeflatedIteration(f, e.yr, e.yi, others, e.re - sr, e.im - si, plan[t] + 10);
        steps += l.steps;
        if (l.converged) { certifyWith(e, l.wr, l.wi); pending.delete(e); }
      });
      if (![...pending].some((e) => targets.includes(e))) {
        for (const e of pending) record(e);
        return radius;
      }
    }
    // Cayley run, real targets: a left Krylov run on the transposed factorisation converges as
    // slowly as the right one (its moduli crowd near the unit circle); a real factorisation next
    // to each target and inverse iteration both ways (refineEigenpair, ≈ 12 solves) is cheaper
    // where factorisations are cheap next to a Krylov run of solves — flops compared, so the
    // choice is deterministic: (4, 4), N = 40 take it, (5, 5) keeps the left run.
    if (cayley) {
      const real = [...pending].filter((e) => targets.includes(e));
      const solveFlops = blockSolveFlops(ptr);
      if (real.every((e) => Math.abs(e.im) <= 1e-10 * Math.max(1, Math.abs(e.re))) && real.length * (blockTridiagonalLuFlops(ptr) / 4 + 12 * solveFlops) < right.steps * solveFlops) {
        for (const e of real) {
          const c = refineEigenpair(A, e.re, 0);
          steps += 12;
          if (Math.abs(c.im) <= Math.max(c.errorBound, 1e-13 * nA)) c.im = 0;
          found.push({ ...c, certified: false, shift: idx });
          pending.delete(e);
        }
        for (const e of pending) record(e);
        return radius;
      }
    }
    // The left run needs the pairs up to the last target by |μ| (its nev largest are found in
    // that order; the same moduli as the right run's), plus one to separate it from the next.
    const rankOf = (e: { yr: Float64Array }) => right.pairs.findIndex((p) => p.vecRe === e.yr);
    const leftNev = Math.min(nev, Math.max(...[...pending].filter((e) => targets.includes(e)).map(rankOf)) + 2);
    const left = krylovSchur(n, op(blockTridiagonalSolveTransposed), {
      nev: leftNev, ncv: Math.max(2 * leftNev + 20, 50), tol, onProgress: (x) => opts.onProgress?.('iterate', 0.5 + x / 2),
    });
    steps += left.steps;
    const lefts = left.pairs.map((p) => ({ ...lambdaOf(p.re, p.im), wr: p.vecRe, wi: p.vecIm }));
    // (a real shift: a left vector below the axis serves its conjugate, conjugated — the
    // right candidates were moved to the upper half-plane)
    if (si === 0) for (const l of lefts.slice()) if (l.im < 0) lefts.push({ re: l.re, im: -l.im, wr: l.wr, wi: Float64Array.from(l.wi, (v) => -v) });
    for (const e of pending) {
      let best = -1, bd = Infinity;
      lefts.forEach((l, j) => { const dd = Math.hypot(l.re - e.re, l.im - e.im); if (dd < bd) { bd = dd; best = j; } });
      const tolMatch = 1e-6 * Math.max(1, Math.hypot(e.re - sr, e.im - si));
      if (best >= 0 && bd <= tolMatch) certifyWith(e, lefts[best].wr, lefts[best].wi);
      else record(e);
    }
    return radius;
  };

  // Cayley transform first. With σ > 0 real, μ = (λ + σ)/(λ − σ) maps the left half-plane into
  // the unit disk, and |μ| ≥ ρ = (q − 1)/(q + 1) (q = σ/R) holds outside the Apollonius disk
  // |λ + σ| < ρ|λ − σ|, which spans [−Rq², −R] on the real axis and lies in Re λ ≤ −R. So every
  // eigenvalue with Re λ ≥ −R has |μ| ≥ ρ: once the Krylov–Schur run on C = I + 2σ(A − σ)⁻¹ (one
  // real factorisation) has converged the nev eigenvalues of largest |μ| down to some |μ| ≤ ρ,
  // with R the k-th smallest |Re λ| among them, none with |Re λ| ≤ R was missed — at any
  // |Im λ|, no strip bound needed (Meerbergen, Spence & Roose, BIT 34 (1994) 409, use this
  // transform for rightmost eigenvalues). σ must be comparable to the spectrum's extent: the
  // disk's radius ≈ σ²/(2R) has to swallow the bulk of the spectrum left of −R, or nev grows
  // (the default ‖A‖∞/4 was enough on every sector measured: (4, 4), N = 40, (6, 3), and weak
  // dissipation (8, 3), (20, 2); /3 is slower, /5 needs the fallback at (20, 2)). When the
  // run does not get there (nev up to k + 11), the real shift and the imaginary-axis search below
  // take over.
  let cayleyCover: { sigma: number; rho: number; muMin: number; R: number; nev: number } | null = null;
  if (opts.cayley !== false && maxShifts > 0 && opts.imagBound === undefined && n > k + 2) {
    let sc = opts.cayleySigma ?? nA / 4;
    const sc0 = sc;
    const nevMax = Math.min(k + 11, n - 1);
    let v0 = opts.v0;
    let moved = false;
    for (let nevC = k + 2; nevC <= nevMax && sc > 0;) {
      found.length = 0; shifts.length = 0;
      runShift(sc, 0, v0, true, true, nevC);
      if (!lastRun.converged) break;
      const Rk = threshold();
      const Rm = Rk * (1 + 1e-9) + 1e-12 * nA;
      const q = sc / Rm, rho = (q - 1) / (q + 1);
      // (margin: the Ritz values' moduli are converged to ≈ tol·|μ|)
      if (Number.isFinite(Rk) && q > 1 && lastRun.minAbsMu <= rho * (1 - 1e-8)) { cayleyCover = { sigma: sc, rho, muMin: lastRun.minAbsMu, R: Rm, nev: nevC }; break; }
      v0 = new Float64Array(n);
      for (const f of found) for (let i = 0; i < n; i++) v0[i] += f.vecRe[i];
      // Eigenvalues found left of −R but outside the disk: the disk (radius ≈ σ²/2R) is too
      // small for this spectrum. Once, move the pole up (×1.25 steps, at most 8×) until the disk
      // holds them all; a larger σ costs convergence speed, so only as far as needed.
      const inside = (f: { re: number; im: number }, sg: number) => { const rr = (sg / Rm - 1) / (sg / Rm + 1); return Math.hypot(f.re + sg, f.im) < rr * Math.hypot(f.re - sg, f.im); };
      const extras = Number.isFinite(Rk) ? found.filter((f) => f.re < -Rm) : [];
      if (!moved && extras.length && extras.some((f) => !inside(f, sc))) {
        moved = true;
        let sg = sc;
        while (sg < 8 * sc0 && extras.some((f) => !inside(f, sg))) sg *= 1.25;
        if (extras.every((f) => inside(f, sg))) { sc = sg; kept = null; continue; }
      }
      // Again with room for every eigenvalue found outside the disk plus two, from the sum of
      // the found vectors (a start rich in the wanted directions).
      const outside = Number.isFinite(Rk) && q > 1 ? found.reduce((a, f) => a + (inside(f, sc) ? 0 : f.im !== 0 ? 2 : 1), 0) : nevC;
      if (nevC >= nevMax) break;
      nevC = Math.min(nevMax, Math.max(nevC + 3, outside + 2));
    }
    kept = null;
    if (!cayleyCover) {
      notes.push(`the Cayley transform at σ = ${sc.toPrecision(3)}${sc !== sc0 ? ` (moved up from ${sc0.toPrecision(3)})` : ''} did not cover Re λ ≥ −R (nev up to ${Math.min(k + 11, n - 1)}); real shift and imaginary-axis search instead`);
      found.length = 0; shifts.length = 0;
    }
  }
  if (!cayleyCover) runShift(opts.sigma, 0, opts.v0, true);
  // Imaginary-axis search.
  let complete = false;
  let R = threshold();
  // ω: the caller's bound, else (first pass of the loop) the Lanczos estimate of the strip bound.
  // The field-of-values estimate 1.05‖(A − Aᵀ)/2‖₂ (the bound at t = 0) is only needed when the
  // certificate fails (80 products with A: computed then, not up front).
  let omega = opts.imagBound ?? Infinity;
  let stripBounded = opts.imagBound !== undefined;
  let stripProof: Pick<CertifiedStripBound, 'certified' | 'method'> = stripBounded ? { certified: true, method: 'imagBound given by the caller' } : { certified: false, method: 'not computed (the search stopped before)' };
  let stripEstimate: { bound: number; t: number; R: number } | null = null;
  let proofTried = stripBounded;
  let stripMatrix: Csr | null = null, entryRounding = 0;
  if (cayleyCover) {
    complete = true;
    stripProof = { certified: true, method: `Cayley transform at σ = ${cayleyCover.sigma.toPrecision(4)}: every eigenvalue with Re λ ≥ −${cayleyCover.R.toPrecision(4)} has |(λ + σ)/(λ − σ)| ≥ ρ = ${cayleyCover.rho.toPrecision(6)}, and the Krylov–Schur run converged the ${cayleyCover.nev} eigenvalues of largest modulus down to ${cayleyCover.muMin.toPrecision(6)} ≤ ρ` };
    omega = Infinity;
  }
  for (let extra = 0; !cayleyCover; extra++) {
    R = threshold();
    if (!Number.isFinite(R)) { notes.push(`fewer than k = ${k} eigenvalues were found`); break; }
    const Rm = R * (1 + 1e-9) + 1e-12 * nA;
    // covered intervals of Im ∈ [0, ω] across Re ∈ [−Rm, 0]
    const iv: Array<[number, number]> = [];
    for (const s of shifts) {
      const dx = Math.max(Math.abs(-Rm - s.re), Math.abs(s.re));
      if (s.radius > dx) {
        const h = Math.sqrt(s.radius * s.radius - dx * dx);
        iv.push([s.im - h, s.im + h]);
        if (s.im === 0) iv.push([-h, h]);
      }
    }
    iv.sort((a, b) => a[0] - b[0]);
    let reach = 0;
    for (const [a, b] of iv) { if (a <= reach) reach = Math.max(reach, b); else break; }
    if (!stripBounded) {
      // Only eigenvalues with Re λ ≥ −Rm matter: the Lagrangian field-of-values bound for that
      // strip (stripImagBound.ts) is often half of ‖(A − Aᵀ)/2‖₂. R can only shrink later, which
      // keeps it valid. The search aims at its Lanczos estimate (plus the first margin) ...
      stripBounded = true;
      const bal = opts.balanceStrip === false ? null : blockBalanced(A, ptr);
      stripMatrix = bal ? bal.matrix : A;
      entryRounding = bal ? bal.entryRounding : 0;
      const est = stripImagBound(stripMatrix, Rm);
      stripEstimate = { ...est, R: Rm };
      omega = Math.min(omega, stripSearchTarget(stripMatrix, Rm, est));
    }
    if (reach >= omega && !proofTried && stripEstimate) {
      // ... and proves it (inertia certificate) once the disks reach it, so that a search that
      // stops early does not pay for the factorisation. A larger proven bound resumes the search.
      // The O(nnz) Gershgorin bound first: when the disks already reach above it, no
      // factorisation is needed.
      proofTried = true;
      const gb = gershgorinStripImagBound(stripMatrix!, stripEstimate.R, undefined, entryRounding);
      const c = gb.bound <= reach ? null : certifyStripImagBound(stripMatrix!, stripEstimate.R, stripEstimate, { ptr, entryRounding, maxFlops: opts.maxCertificateFlops, onProgress: (x) => opts.onProgress?.('factorise', x) });
      if (!c) {
        stripProof = { certified: true, method: `Lagrangian bound at t = ${gb.t}, λmax(K + tH) bounded by Gershgorin's theorem (below the covered height, no factorisation needed)` };
        omega = gb.bound;
      } else if ((stripProof = c).certified) omega = c.bound;
      else {
        omega = Math.min(1.05 * skewNormEstimate(stripMatrix!), c.bound);
        notes.push(`the strip height |Im λ| ≤ ${omega.toPrecision(4)} is an estimate: ${c.method}; completeness not proven`);
      }
    }
    if (reach >= omega) { complete = stripProof.certified; break; }
    if (extra >= maxShifts) {
      notes.push(`the strip |Re λ| ≤ ${Rm.toPrecision(4)} was searched for |Im λ| ≤ ${reach.toPrecision(4)} only (bound ${omega.toPrecision(4)}); raise maxShifts`);
      break;
    }
    const last = shifts[shifts.length - 1];
    const step = Math.max(last.radius, 1e-3 * Math.max(omega, 1e-12));
    // Next centre: a disk there is expected to be at least as large as the last one (the
    // spectrum thins out away from the real axis), but not beyond the middle of what is left (a
    // shift far above the spectrum separates the eigenvalues badly and converges slowly); if the
    // last disk did not extend the covered part, halfway between it and the covered part.
    let centre = Math.min(reach + 1.2 * step, 0.5 * (reach + omega));
    if (target && last.im > 0 && reach <= target.reach) centre = Math.min(centre, reach + 0.5 * (last.im - reach));
    target = { Rm, reach, omega };
    runShift(-Rm / 2, centre, undefined, false);
  }
  // Refine the candidates for the report whose bound is missing or large.
  const refineTol = opts.refineTol ?? 1e-8;
  {
    const reps = found.slice().sort(byAbsRe);
    let count = 0;
    for (const f of reps) {
      if (count >= k) break;
      count += f.im !== 0 ? 2 : 1;
      if (f.errorBound <= refineTol * Math.max(1, Math.hypot(f.re, f.im))) continue;
      const c = refineEigenpair(A, f.re, f.im);
      if (!(c.errorBound < f.errorBound) || Math.hypot(c.re - f.re, c.im - f.im) > Math.max(f.errorBound === Infinity ? 0 : f.errorBound, 1e-6 * Math.max(1, Math.hypot(f.re, f.im)))) continue;
      if (Math.abs(c.im) <= Math.max(c.errorBound, 1e-13 * nA)) c.im = 0;
      Object.assign(f, c);
      refined++;
    }
    if (refined) notes.push(`${refined} eigenvalue(s) refined by inverse iteration at a shift next to them`);
  }
  // Certify (first-order regime: bound below half the distance to the nearest other eigenvalue).
  const all: Found[] = [];
  for (const f of found) {
    all.push(f);
    if (f.im !== 0) all.push({ ...f, im: -f.im, vecIm: Float64Array.from(f.vecIm, (v) => -v) });
  }
  for (const f of all) {
    let sep = Infinity;
    for (const g of all) if (g !== f) sep = Math.min(sep, Math.hypot(g.re - f.re, g.im - f.im));
    f.certified = Number.isFinite(f.errorBound) && f.errorBound < 0.5 * sep;
  }
  all.sort(byAbsRe);
  const out = all.slice(0, k);
  // keep conjugate pairs whole
  if (out.length < all.length && out.length > 0) {
    const last = out[out.length - 1], nxt = all[out.length];
    if (last.im !== 0 && nxt.im === -last.im && nxt.re === last.re) out.push(nxt);
  }
  const strip = { reMin: -(threshold() || 0), imMax: omega, certified: stripProof.certified, method: stripProof.method };
  return { eigenvalues: out.map(({ shift: _s, ...e }) => e), complete, strip, shifts, steps, factorBytes, notes };
}
