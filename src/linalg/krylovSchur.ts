/**
 * Krylov–Schur method (G. W. Stewart, SIAM J. Matrix Anal. Appl. 23 (2001) 601) for the nev
 * eigenvalues of largest modulus of a complex linear operator Op on ℂⁿ — in this project the
 * shift-inverted Liouvillian (ℒ − σ)⁻¹ with an exact (block LU) inner solve, whose largest
 * eigenvalues μ = 1/(λ − σ) are the eigenvalues λ nearest the shift σ.
 *
 * A Krylov decomposition Op V_k = V_k S_k + v_{k+1} bᴴ is expanded by Arnoldi steps to size m,
 * the projected m×m matrix is brought to Schur form (complexSchur.ts) and reordered so that the
 * wanted Ritz values (largest |μ|) lead; the decomposition is truncated to p ≈ (nev + m)/2
 * columns and expanded again. Leading Schur vectors whose coupling |b_j| is below tol·|μ_j| are
 * locked (b_j set to 0: a backward error below tol·|μ_j|), so converged pairs are not disturbed
 * by later restarts. Vectors are complex, in split storage; orthogonalisation is Gram–Schmidt
 * done twice ("twice is enough", as in orthogonalize.ts): classical with the WebAssembly SIMD
 * kernels where available, modified in the JS fallback.
 * Between restarts the expansion pauses for a convergence check every few steps (a Krylov
 * decomposition of any size gives valid Ritz pairs and residual estimates), so a run whose
 * wanted pairs converge early does not fill the whole subspace; checks are at least 10 steps
 * apart and the interval grows with s²/n, so that the O(s³) check stays cheap next to the steps
 * (measured against 5 steps apart and against no checks: four gaps of (4, 4) 0.92 → 0.83 s,
 * N = 40, d = 2 2.87 → 2.71 s).
 */
import { complexSchur, schurSwap, triangularEigenvector } from './complexSchur.ts';
import { checkInterrupt } from './interrupt.ts';
import { wasmKernels } from './wasmKernels.ts';
import { complexGemmSub } from './gemm.ts';

/** y = Op x for complex x (xr + i xi); must not alias. */
export type ComplexOp = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void;

export interface KrylovSchurOptions {
  nev: number;
  /** Maximal subspace size m (default max(2·nev + 12, 30), capped at n). */
  ncv?: number;
  /** Relative Ritz residual ‖Op y − μ y‖/|μ| for convergence (default 1e-12). */
  tol?: number;
  /** Restarts allowed (default 50). */
  maxRestarts?: number;
  /** Start vector (deterministic pseudo-random if absent or of the wrong length). */
  v0Re?: Float64Array;
  v0Im?: Float64Array;
  /**
   * Return as soon as the leading minPrefix wanted pairs (largest |μ|) have converged, without
   * waiting for all nev (default nev). The later pairs are returned with their estimates.
   */
  minPrefix?: number;
  /** Also return once this accepts the Ritz values μ of the converged leading pairs (called with ≥ 1). */
  acceptPrefix?: (mu: Array<{ re: number; im: number }>) => boolean;
  onProgress?: (fraction: number) => void;
  /** Use the WebAssembly SIMD Gram–Schmidt where available (default true; false: the JS loops). */
  simd?: boolean;
}

export interface KrylovSchurPair {
  /** Eigenvalue μ of Op. */
  re: number;
  im: number;
  /** Unit Ritz vector. */
  vecRe: Float64Array;
  vecIm: Float64Array;
  /** Ritz residual estimate ‖Op y − μ y‖ / |μ|. */
  estimate: number;
}

export interface KrylovSchurResult {
  /** The nev pairs of largest |μ|, largest first. */
  pairs: KrylovSchurPair[];
  /** All nev pairs converged, or (with minPrefix / acceptPrefix) the leading ones accepted. */
  converged: boolean;
  /** Number of leading pairs that converged (estimate ≤ tol). */
  prefix: number;
  /** Operator applications. */
  steps: number;
  restarts: number;
}

function seeded(n: number, seed: number): Float64Array {
  const v = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    v[i] = (s >>> 0) / 4294967296 - 0.5;
  }
  return v;
}

// The vector kernels live in small module-level functions: krylovSchur itself is re-optimised
// (deoptimised on each new operator closure), and its hot loops must not run unoptimised then.

/**
 * w ← (I − V Vᴴ) w over the first `count` basis vectors, by modified Gram–Schmidt done twice;
 * the coefficients are accumulated into (hr, hi)[0..count), which are zeroed first.
 */
function orthogonalizeComplex(Vr: Float64Array[], Vi: Float64Array[], count: number, wr: Float64Array, wi: Float64Array, hr: Float64Array, hi: Float64Array): void {
  const n = wr.length;
  hr.fill(0); hi.fill(0);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < count; i++) {
      const vr = Vr[i], vi = Vi[i];
      let sr = 0, si = 0;
      for (let q = 0; q < n; q++) { sr += vr[q] * wr[q] + vi[q] * wi[q]; si += vr[q] * wi[q] - vi[q] * wr[q]; }
      hr[i] += sr; hi[i] += si;
      for (let q = 0; q < n; q++) { wr[q] -= sr * vr[q] - si * vi[q]; wi[q] -= sr * vi[q] + si * vr[q]; }
    }
  }
}

/**
 * Storage of the Krylov basis v_0 … v_m (complex, split): either plain arrays with the JS
 * Gram–Schmidt above, or slots in a WebAssembly memory with the SIMD kernels of wasmKernels.ts
 * (cdots/caxpys: classical Gram–Schmidt done twice, ≈ 20 GFlop/s against ≈ 3.6 for the JS loop
 * at n = 1 000–3 000, measured). Both give v_jᴴ w to rounding; the JS path is the fallback where
 * WebAssembly SIMD is unavailable and the tests' reference.
 */
interface Basis {
  Vr: Float64Array[];
  Vi: Float64Array[];
  /** Zeroed storage for v_j (a slot of the basis; j ≤ m). */
  fresh(j: number): [Float64Array, Float64Array];
  /** w = v_j ← (I − V Vᴴ) v_j over v_0 … v_{j−1}; coefficients into (hr, hi)[0..j). */
  orthogonalize(j: number, hr: Float64Array, hi: Float64Array): void;
  /**
   * v_b ← Σ_{a<size} Z[a][b] v_a for b < p (Z size×size row-major, complex split), then
   * v_p ← v_size: the truncation of a restart.
   */
  truncate(Zr: Float64Array, Zi: Float64Array, size: number, p: number): void;
}

function jsBasis(n: number): Basis {
  const Vr: Float64Array[] = [], Vi: Float64Array[] = [];
  return {
    Vr, Vi,
    fresh(j) { const r = new Float64Array(n), i = new Float64Array(n); Vr[j] = r; Vi[j] = i; return [r, i]; },
    orthogonalize(j, hr, hi) { orthogonalizeComplex(Vr, Vi, j, Vr[j], Vi[j], hr, hi); },
    truncate(Zr, Zi, size, p) {
      const newR: Float64Array[] = [], newI: Float64Array[] = [];
      for (let b = 0; b < p; b++) {
        checkInterrupt(); // (one combination is O(n·size): large n takes a while)
        const yr = new Float64Array(n), yi = new Float64Array(n);
        combineComplex(Vr, Vi, size, Zr, Zi, size, b, yr, yi);
        newR.push(yr); newI.push(yi);
      }
      newR.push(Vr[size]); newI.push(Vi[size]);
      Vr.length = 0; Vi.length = 0; Vr.push(...newR); Vi.push(...newI);
    },
  };
}

/** Basis in WebAssembly memory (slot j at byte j·vs; null where SIMD is unavailable). */
function wasmBasis(n: number, m: number): Basis | null {
  const np = n + (n & 1), nb = 8 * np, vs = 2 * nb;
  const cOff = (m + 1) * vs;
  const K = wasmKernels(cOff + 16 * (m + 1));
  if (!K) return null;
  const H = K.heap;
  const Vr: Float64Array[] = [], Vi: Float64Array[] = [];
  for (let j = 0; j <= m; j++) { Vr.push(H.subarray(j * 2 * np, j * 2 * np + n)); Vi.push(H.subarray(j * 2 * np + np, j * 2 * np + np + n)); }
  return {
    Vr, Vi,
    fresh(j) { Vr[j].fill(0); Vi[j].fill(0); return [Vr[j], Vi[j]]; },
    orthogonalize(j, hr, hi) {
      hr.fill(0); hi.fill(0);
      const c = cOff / 8;
      for (let pass = 0; pass < 2; pass++) {
        K.cdots(0, vs, j, j * vs, nb, cOff);
        for (let i = 0; i < j; i++) { hr[i] += H[c + 2 * i]; hi[i] += H[c + 2 * i + 1]; }
        K.caxpys(0, vs, j, cOff, j * vs, nb);
      }
    },
    truncate(Zr, Zi, size, p) {
      // new rows = Zᵀ[:p, :size] · V (V's rows are the slots: re at 2np·a, im at 2np·a + np),
      // by the GEMM of gemm.ts as C −= A·B with A = −Zᵀ, C = 0
      const Ar = new Float64Array(p * size), Ai = new Float64Array(p * size);
      for (let b = 0; b < p; b++) for (let a = 0; a < size; a++) { Ar[b * size + a] = -Zr[a * size + b]; Ai[b * size + a] = -Zi[a * size + b]; }
      const Cr = new Float64Array(p * n), Ci = new Float64Array(p * n);
      complexGemmSub(p, n, size, Ar, Ai, 0, size, H, H.subarray(np), 0, 2 * np, Cr, Ci, 0, n);
      for (let b = 0; b < p; b++) { Vr[b].set(Cr.subarray(b * n, (b + 1) * n)); Vi[b].set(Ci.subarray(b * n, (b + 1) * n)); }
      Vr[p].set(Vr[size]); Vi[p].set(Vi[size]);
    },
  };
}

function normComplex(xr: Float64Array, xi: Float64Array): number {
  let s = 0;
  for (let q = 0; q < xr.length; q++) s += xr[q] * xr[q] + xi[q] * xi[q];
  return Math.sqrt(s);
}

/** y += Σ_a c_a V_a, a < size, with c_a = (cr, ci)[a·stride + col] (a column of a row-major matrix). */
function combineComplex(Vr: Float64Array[], Vi: Float64Array[], size: number, cr: Float64Array, ci: Float64Array, stride: number, col: number, yr: Float64Array, yi: Float64Array): void {
  const n = yr.length;
  for (let a = 0; a < size; a++) {
    const zr = cr[a * stride + col], zi = ci[a * stride + col];
    if (zr === 0 && zi === 0) continue;
    const vr = Vr[a], vi = Vi[a];
    for (let q = 0; q < n; q++) { yr[q] += zr * vr[q] - zi * vi[q]; yi[q] += zr * vi[q] + zi * vr[q]; }
  }
}

/**
 * Arnoldi steps between intermediate convergence checks at subspace size s on ℂⁿ: a check
 * (Schur form of the s×s projected matrix, O(s³)) should cost well below the steps it may save
 * (each at least an O(n·s) orthogonalisation besides the operator).
 */
function checkInterval(s: number, n: number): number {
  return Math.max(CHECK_MIN_INTERVAL, Math.ceil(CHECK_COST_RATIO * s * s / n));
}
const CHECK_MIN_INTERVAL = 10, CHECK_COST_RATIO = 16;

/** The nev eigenpairs of largest |μ| of a complex operator on ℂⁿ. */
export function krylovSchur(n: number, op: ComplexOp, opts: KrylovSchurOptions): KrylovSchurResult {
  const nev = Math.min(opts.nev, n);
  const m = Math.min(n, Math.max(opts.ncv ?? Math.max(2 * nev + 12, 30), nev + 2));
  const tol = opts.tol ?? 1e-12;
  const maxRestarts = opts.maxRestarts ?? 50;
  const basis = (opts.simd ?? true ? wasmBasis(n, m) : null) ?? jsBasis(n);
  const { Vr, Vi } = basis;
  {
    const hasV0 = opts.v0Re && opts.v0Re.length === n;
    const r0 = hasV0 ? Float64Array.from(opts.v0Re!) : seeded(n, 0x9e3779b9);
    const i0 = hasV0 && opts.v0Im && opts.v0Im.length === n ? Float64Array.from(opts.v0Im) : hasV0 ? new Float64Array(n) : seeded(n, 0x85ebca6b);
    let nv = 0;
    for (let q = 0; q < n; q++) nv += r0[q] * r0[q] + i0[q] * i0[q];
    nv = Math.sqrt(nv);
    if (!(nv > 0)) throw new RangeError('Krylov–Schur start vector is zero');
    const [v0r, v0i] = basis.fresh(0);
    for (let q = 0; q < n; q++) { v0r[q] = r0[q] / nv; v0i[q] = i0[q] / nv; }
  }
  // H: m×m projected matrix (row-major); row k below the kept block holds bᴴ after a restart.
  let Hr = new Float64Array(m * m), Hi = new Float64Array(m * m);
  let k = 0, steps = 0, beta = 0;
  const hr = new Float64Array(m + 1), hi = new Float64Array(m + 1);
  let restart = 0;
  let lastCheck = k;
  for (;;) {
    // Arnoldi expansion from column k to m − 1, stopped early for a convergence check.
    let size = m;
    let partial = false;
    for (let j = k; j < m; j++) {
      checkInterrupt();
      const [wr, wi] = basis.fresh(j + 1);
      op(Vr[j], Vi[j], wr, wi);
      steps++;
      basis.orthogonalize(j + 1, hr, hi);
      for (let i = 0; i <= j; i++) { Hr[i * m + j] = hr[i]; Hi[i * m + j] = hi[i]; }
      const nw = normComplex(wr, wi);
      let hn = 0;
      for (let i = 0; i <= j; i++) hn = Math.hypot(hn, hr[i], hi[i]);
      if (nw <= 1e-14 * hn || nw === 0) {
        // invariant subspace: the decomposition is exact
        beta = 0; size = j + 1;
        break;
      }
      for (let q = 0; q < n; q++) { wr[q] /= nw; wi[q] /= nw; }
      if (j + 1 < m) { Hr[(j + 1) * m + j] = nw; Hi[(j + 1) * m + j] = 0; } else beta = nw;
      opts.onProgress?.(Math.min(0.99, steps / (m * (maxRestarts + 1))));
      if (j + 1 < m && j + 1 >= nev + 1 && j + 1 - lastCheck >= checkInterval(j + 1, n)) {
        // an intermediate check: the decomposition of size j + 1 is a valid Krylov
        // decomposition (residual β e_{j+1}ᵀ), so its Ritz pairs and estimates are too
        size = j + 1; beta = nw; partial = true; lastCheck = j + 1;
        break;
      }
    }
    // Schur form of the leading size×size block.
    const Tr = new Float64Array(size * size), Ti = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) { Tr[i * size + j] = Hr[i * m + j]; Ti[i * size + j] = Hi[i * m + j]; }
    const Zr = new Float64Array(size * size), Zi = new Float64Array(size * size);
    for (let i = 0; i < size; i++) Zr[i * size + i] = 1;
    if (!complexSchur(size, Tr, Ti, Zr, Zi)) throw new Error('Krylov–Schur: the QR iteration on the projected matrix did not converge');
    // Order: largest |μ| first (selection by adjacent swaps).
    const want = Math.min(size, Math.max(nev, Math.min(size - 1, Math.floor((nev + size) / 2))));
    for (let t = 0; t < want; t++) {
      let best = t, bv = -1;
      for (let j = t; j < size; j++) {
        const v = Math.hypot(Tr[j * size + j], Ti[j * size + j]);
        if (v > bv) { bv = v; best = j; }
      }
      for (let q = best - 1; q >= t; q--) schurSwap(size, Tr, Ti, Zr, Zi, q);
    }
    // Coupling row b = β·(last row of Z).
    const br = new Float64Array(size), bi = new Float64Array(size);
    for (let j = 0; j < size; j++) { br[j] = beta * Zr[(size - 1) * size + j]; bi[j] = beta * Zi[(size - 1) * size + j]; }
    // Lock leading Schur vectors whose coupling is negligible.
    for (let j = 0; j < want; j++) {
      if (Math.hypot(br[j], bi[j]) <= tol * Math.hypot(Tr[j * size + j], Ti[j * size + j])) { br[j] = 0; bi[j] = 0; } else break;
    }
    checkInterrupt();
    // Ritz residuals of the nev wanted eigenvectors of T.
    const est: number[] = [];
    const xs: Array<[Float64Array, Float64Array]> = [];
    for (let i = 0; i < nev && i < size; i++) {
      const [xr, xi] = triangularEigenvector(size, Tr, Ti, i);
      let sr = 0, si = 0, xn = 0;
      for (let j = 0; j <= i; j++) { sr += br[j] * xr[j] - bi[j] * xi[j]; si += br[j] * xi[j] + bi[j] * xr[j]; xn += xr[j] * xr[j] + xi[j] * xi[j]; }
      est.push(Math.hypot(sr, si) / Math.sqrt(xn) / (Math.hypot(Tr[i * size + i], Ti[i * size + i]) || 1));
      xs.push([xr, xi]);
    }
    const allConverged = est.length === nev && est.every((e) => e <= tol);
    let prefix = 0;
    while (prefix < est.length && est[prefix] <= tol) prefix++;
    const prefixDone = prefix >= Math.min(nev, opts.minPrefix ?? nev) ||
      (prefix > 0 && opts.acceptPrefix !== undefined && opts.acceptPrefix(Array.from({ length: prefix }, (_, i) => ({ re: Tr[i * size + i], im: Ti[i * size + i] }))));
    if (allConverged || prefixDone || beta === 0 || (!partial && restart >= maxRestarts)) {
      const pairs: KrylovSchurPair[] = xs.map(([xr, xi], i) => {
        checkInterrupt();
        // y = V Z x
        const cr = new Float64Array(size), ci = new Float64Array(size);
        for (let a = 0; a < size; a++) {
          let sr = 0, si = 0;
          for (let b = 0; b <= i; b++) {
            const zr = Zr[a * size + b], zi = Zi[a * size + b];
            sr += zr * xr[b] - zi * xi[b]; si += zr * xi[b] + zi * xr[b];
          }
          cr[a] = sr; ci[a] = si;
        }
        const yr = new Float64Array(n), yi = new Float64Array(n);
        combineComplex(Vr, Vi, size, cr, ci, 1, 0, yr, yi);
        const yn = normComplex(yr, yi);
        for (let q = 0; q < n; q++) { yr[q] /= yn; yi[q] /= yn; }
        return { re: Tr[i * size + i], im: Ti[i * size + i], vecRe: yr, vecIm: yi, estimate: est[i] };
      });
      opts.onProgress?.(1);
      return { pairs, converged: allConverged || prefixDone || beta === 0, prefix: beta === 0 ? est.length : prefix, steps, restarts: restart };
    }
    if (partial) { k = size; continue; } // expand further: H and V are untouched
    restart++;
    // Truncate to p = want columns: V ← V Z[:, :p], v_{p} ← v_{m}.
    const p = want;
    checkInterrupt();
    basis.truncate(Zr, Zi, size, p);
    Hr = new Float64Array(m * m); Hi = new Float64Array(m * m);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) { Hr[i * m + j] = Tr[i * size + j]; Hi[i * m + j] = Ti[i * size + j]; }
    for (let j = 0; j < p; j++) { Hr[p * m + j] = br[j]; Hi[p * m + j] = bi[j]; }
    k = p;
    lastCheck = p;
  }
}
