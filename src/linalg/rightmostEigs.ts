/**
 * Certified eigenvalues of smallest |Re λ| of a real sparse matrix A that is block tridiagonal
 * in some ordering (a Liouvillian sector ordered by E, DESIGN.md), for spectra in the closed
 * left half-plane.
 *
 * Method
 *  1. Shift-invert Krylov–Schur (krylovSchur.ts) on (A − σ)⁻¹ with the exact block LU of
 *     A − σ (blockTridiagonalLu.ts): the nev eigenvalues nearest σ, first at a real σ > 0.
 *  2. Certification of every eigenvalue that may be reported: the left eigenvector w (Aᵀw = λw)
 *     from a second Krylov–Schur run on (A − σ)⁻ᵀ with the same factorisation; the two-sided
 *     Rayleigh quotient θ = wᵀAy / wᵀy (y, w unit); the residuals r = ‖Ay − θy‖,
 *     s = ‖Aᵀw − θw‖; the condition number κ = 1/|wᵀy| (Wilkinson; in the HS-orthonormal
 *     basis of the sector this is the eigenvalue condition number of ℒ itself). θ is an exact
 *     eigenvalue of A + E with ‖E‖ = r (E = −r yᴴ), so |λ − θ| ≤ κ·min(r, s) to first order
 *     (r, s floored at ε‖A‖∞, the rounding level of a residual)
 *     (Golub & Van Loan §7.2.2). The bound is reported as errorBound and is accepted only when
 *     it is below half the distance to the nearest other eigenvalue found (first-order regime).
 *  3. No missed eigenvalues: with R = |Re| of the k-th smallest found, every eigenvalue with
 *     |Re λ| ≤ R lies in the rectangle [−R, 0] × [−ω, ω], ω = ‖(A − Aᵀ)/2‖₂ (field of values:
 *     |Im λ| ≤ ω in an orthonormal basis; spectrum symmetric under conjugation for real A).
 *     A converged shift-invert run at σ_j finding its nev nearest eigenvalues excludes any other
 *     eigenvalue from the open disk |λ − σ_j| < ρ_j, ρ_j = max distance of those found. Shifts
 *     σ_j = −R/2 + iω_j are added up the imaginary axis (complex factorisations) until the
 *     disks cover the rectangle or maxShifts is reached; the result says which (complete).
 *     The disk argument assumes Krylov–Schur returned the nev eigenvalues of largest |μ|, which
 *     holds unless the start vector is (numerically) deficient in those eigendirections.
 */
import type { Csr } from './csr.ts';
import {
  type BlockTridiagonalLu, blockTridiagonalLu, blockTridiagonalLuBytes, blockTridiagonalLuFlops, blockTridiagonalPartition,
  blockTridiagonalSolve, blockTridiagonalSolveRefined, blockTridiagonalSolveTransposed,
} from './blockTridiagonalLu.ts';
import { krylovSchur } from './krylovSchur.ts';

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
  /** Bound on |Im λ|; default ‖(A − Aᵀ)/2‖₂ estimated by 80 power steps on KᵀK, times 1.05. */
  imagBound?: number;
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
  onProgress?: (stage: 'factorise' | 'iterate', fraction: number) => void;
}

export interface RightmostResult {
  /** k eigenvalues of smallest |Re| (conjugate pairs complete), sorted by |Re| then Im. */
  eigenvalues: CertifiedEigenvalue[];
  /** Whether the rectangle [−R, 0] × [−ω, ω] was covered (no eigenvalue with |Re| ≤ R missed). */
  complete: boolean;
  /** R and ω of that rectangle. */
  strip: { reMin: number; imMax: number };
  shifts: Array<{ re: number; im: number; radius: number }>;
  /** Operator applications (right and left runs). */
  steps: number;
  /** Largest factorisation held at once (bytes). */
  factorBytes: number;
  notes: string[];
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

function matVec(A: Csr, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, transposed: boolean): void {
  const n = A.rows;
  if (!transposed) {
    for (let i = 0; i < n; i++) {
      let a = 0, b = 0;
      for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) { const v = A.values[q], j = A.colIdx[q]; a += v * xr[j]; b += v * xi[j]; }
      yr[i] = a; yi[i] = b;
    }
  } else {
    yr.fill(0); yi.fill(0);
    for (let i = 0; i < n; i++) {
      const a = xr[i], b = xi[i];
      if (a === 0 && b === 0) continue;
      for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) { const v = A.values[q], j = A.colIdx[q]; yr[j] += v * a; yi[j] += v * b; }
    }
  }
}

/** ‖A x − λ x‖ for complex x, λ. */
function residualOf(A: Csr, xr: Float64Array, xi: Float64Array, lr: number, li: number, transposed: boolean): number {
  const n = A.rows;
  const yr = new Float64Array(n), yi = new Float64Array(n);
  matVec(A, xr, xi, yr, yi, transposed);
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
  matVec(A, Yr, Yi, Ar, Ai, false);
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
 * iteration each way with the exact block LU of A − (λ + δ), δ = 1e-7·max(1, |λ|)·(1 + i)
 * (near enough for a contraction ≈ δ/separation per step, far enough for a regular
 * factorisation), then certifyPair. One complex factorisation.
 */
export function refineEigenpair(A: Csr, re: number, im: number): Omit<CertifiedEigenvalue, 'certified'> {
  const n = A.rows;
  const dl = 1e-7 * Math.max(1, Math.hypot(re, im));
  const f = blockTridiagonalLu(A, blockTridiagonalPartition(A), re + dl, im + dl);
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

  const runShift = (sr: number, si: number, v0: Float64Array | undefined, certify: boolean): number => {
    opts.onProgress?.('factorise', 0);
    const f: BlockTridiagonalLu = blockTridiagonalLu(A, ptr, sr, si, (x) => opts.onProgress?.('factorise', x));
    factorBytes = Math.max(factorBytes, f.bytes);
    opts.onProgress?.('iterate', 0);
    const right = krylovSchur(n, (xr, xi, yr, yi) => blockTridiagonalSolve(f, xr, xi, yr, yi), {
      nev, ncv: Math.max(2 * nev + 20, 50), tol: certify ? tol : Math.max(tol, 1e-9), v0Re: v0, onProgress: (x) => opts.onProgress?.('iterate', x / 2),
    });
    steps += right.steps;
    const idx = shifts.length;
    let radius = 0;
    const fresh: Array<{ re: number; im: number; yr: Float64Array; yi: Float64Array }> = [];
    for (const p of right.pairs) {
      const m2 = p.re * p.re + p.im * p.im;
      const re = sr + p.re / m2, im = si - p.im / m2;
      // (shrunk by 1e-3: the Ritz values of a search shift are only converged to 1e-9·|μ|, and
      // by up to κ times that in value)
      if (p.estimate <= 1e-8) radius = Math.max(radius, (1 - 1e-3) * Math.hypot(re - sr, im - si));
      fresh.push({ re, im, yr: p.vecRe, yi: p.vecIm });
    }
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
    const cand = fresh.filter((e) => e.im >= -1e-10 * Math.max(1, Math.abs(e.re)) && !found.some((g) => same(g, e)) && !inEarlierDisk(e));
    if (cand.length === 0) return radius;
    // Left eigenvectors from the transposed factorisation, only if some candidate may be reported.
    const R = threshold();
    if (!certify || !cand.some((e) => Math.abs(e.re) <= R * (1 + 1e-6) + 1e-12 * nA || !Number.isFinite(R))) {
      for (const e of cand) found.push({ re: e.re, im: Math.abs(e.im) <= 1e-10 * Math.max(1, Math.abs(e.re)) ? 0 : e.im, residual: residualOf(A, e.yr, e.yi, e.re, e.im, false), leftResidual: Infinity, condition: Infinity, errorBound: Infinity, certified: false, vecRe: e.yr, vecIm: e.yi, shift: idx });
      return radius;
    }
    const left = krylovSchur(n, (xr, xi, yr, yi) => blockTridiagonalSolveTransposed(f, xr, xi, yr, yi), {
      nev, ncv: Math.max(2 * nev + 20, 50), tol, onProgress: (x) => opts.onProgress?.('iterate', 0.5 + x / 2),
    });
    steps += left.steps;
    const lefts = left.pairs.map((p) => {
      const m2 = p.re * p.re + p.im * p.im;
      return { re: sr + p.re / m2, im: si - p.im / m2, wr: p.vecRe, wi: p.vecIm };
    });
    for (const e of cand) {
      let best = -1, bd = Infinity;
      lefts.forEach((l, j) => { const dd = Math.hypot(l.re - e.re, l.im - e.im); if (dd < bd) { bd = dd; best = j; } });
      const tolMatch = 1e-6 * Math.max(1, Math.hypot(e.re - sr, e.im - si));
      if (best >= 0 && bd <= tolMatch) {
        const c = certifyPair(A, e.yr, e.yi, lefts[best].wr, lefts[best].wi);
        // A is real: an eigenvalue whose imaginary part is within its own bound is real
        // (a non-real one would come with its conjugate just as close).
        if (Math.abs(c.im) <= Math.max(c.errorBound, 1e-13 * nA)) c.im = 0;
        found.push({ ...c, certified: false, shift: idx });
      } else {
        found.push({ re: e.re, im: Math.abs(e.im) <= 1e-10 * Math.max(1, Math.abs(e.re)) ? 0 : e.im, residual: residualOf(A, e.yr, e.yi, e.re, e.im, false), leftResidual: Infinity, condition: Infinity, errorBound: Infinity, certified: false, vecRe: e.yr, vecIm: e.yi, shift: idx });
      }
    }
    return radius;
  };

  runShift(opts.sigma, 0, opts.v0, true);
  // Imaginary-axis search.
  let complete = false;
  let R = threshold();
  const omega = opts.imagBound ?? 1.05 * skewNormEstimate(A);
  for (let extra = 0; ; extra++) {
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
    if (reach >= omega) { complete = true; break; }
    if (extra >= maxShifts) {
      notes.push(`the strip |Re λ| ≤ ${Rm.toPrecision(4)} was searched for |Im λ| ≤ ${reach.toPrecision(4)} only (bound ${omega.toPrecision(4)}); raise maxShifts`);
      break;
    }
    const last = shifts[shifts.length - 1];
    const step = Math.max(last.radius, 1e-3 * Math.max(omega, 1e-12));
    runShift(-Rm / 2, reach + 0.8 * step, undefined, false);
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
  const strip = { reMin: -(threshold() || 0), imMax: omega };
  return { eigenvalues: out.map(({ shift: _s, ...e }) => e), complete, strip, shifts, steps, factorBytes, notes };
}
