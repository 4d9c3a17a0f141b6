/**
 * Eigenvalues of a small real nonsymmetric matrix (row-major n×n Float64Array): the mean-field
 * Jacobians (stability, n ≤ d² ≈ 400) need thousands of spectra per Fig. 4 panel.
 *
 * Why not ml-matrix: its EigenvalueDecomposition (JAMA port, arrays of arrays, eigenvectors
 * always formed) costs ≈ 2.2 ms at n = 48 (d = 7). The eigenvalue-only Householder–Hessenberg +
 * Francis double-shift QR below (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 7.5.2) is
 * ≈ 10× faster and is checked against ml-matrix in tests/linalg/dense.test.ts.
 */
import { checkInterrupt } from './interrupt.ts';

/**
 * Eigenvalues of a real n×n matrix (row-major; A is overwritten). Returns false when the QR
 * iteration did not converge (then wr/wi hold NaN). Steps: diagonal balancing by powers of 2
 * (keeps rounding proportional to the matrix' scale), Householder reduction to upper Hessenberg
 * form, then implicit double-shift (Francis) QR with deflation on the active window only.
 */
export function eigenvaluesReal(n: number, A: Float64Array, wr: Float64Array, wi: Float64Array): boolean {
  if (n === 0) return true;
  balance(n, A);
  hessenberg(n, A);
  return hessenbergQR(n, A, wr, wi);
}

function balance(n: number, A: Float64Array): void {
  const RADIX = 2;
  let done = false;
  for (let sweep = 0; sweep < 30 && !done; sweep++) {
    done = true;
    for (let i = 0; i < n; i++) {
      let c = 0, r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(A[j * n + i]);
        r += Math.abs(A[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      let g = r / RADIX, f = 1;
      const s = c + r;
      while (c < g) { f *= RADIX; c *= RADIX * RADIX; }
      g = r * RADIX;
      while (c > g) { f /= RADIX; c /= RADIX * RADIX; }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        // row i scaled by 1/f, column i by f: a similarity transform
        for (let j = 0; j < n; j++) A[i * n + j] /= f;
        for (let j = 0; j < n; j++) A[j * n + i] *= f;
      }
    }
  }
}

function hessenberg(n: number, A: Float64Array): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    checkInterrupt();
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm = Math.hypot(norm, A[i * n + k]);
    if (norm === 0) continue;
    const x0 = A[(k + 1) * n + k];
    const alpha = x0 > 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) v[i] = A[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    const beta = 2 / vv;
    // left: rows k+1..n-1, columns k..n-1
    for (let c = k; c < n; c++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * A[i * n + c];
      s *= beta;
      for (let i = k + 1; i < n; i++) A[i * n + c] -= s * v[i];
    }
    // right: all rows, columns k+1..n-1
    for (let r = 0; r < n; r++) {
      let s = 0;
      const base = r * n;
      for (let i = k + 1; i < n; i++) s += A[base + i] * v[i];
      s *= beta;
      for (let i = k + 1; i < n; i++) A[base + i] -= s * v[i];
    }
    A[(k + 1) * n + k] = alpha;
    for (let i = k + 2; i < n; i++) A[i * n + k] = 0;
  }
}

/** Eigenvalues of a real upper Hessenberg matrix by the implicit double-shift QR algorithm. */
function hessenbergQR(n: number, H: Float64Array, wr: Float64Array, wi: Float64Array): boolean {
  const EPS = 2.220446049250313e-16;
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(0, i - 1); j < n; j++) anorm += Math.abs(H[i * n + j]);
  let hi = n - 1;
  let iter = 0, total = 0;
  const at = (i: number, j: number) => H[i * n + j];
  while (hi >= 0) {
    checkInterrupt();
    // look for a negligible subdiagonal element
    let l = hi;
    for (; l > 0; l--) {
      let s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      if (s === 0) s = anorm;
      if (Math.abs(at(l, l - 1)) <= EPS * s) { H[l * n + l - 1] = 0; break; }
    }
    if (l === hi) {
      wr[hi] = at(hi, hi); wi[hi] = 0;
      hi--; iter = 0;
      continue;
    }
    if (l === hi - 1) {
      twoByTwo(at(hi - 1, hi - 1), at(hi - 1, hi), at(hi, hi - 1), at(hi, hi), wr, wi, hi - 1);
      hi -= 2; iter = 0;
      continue;
    }
    if (++total > 100 * n) {
      wr.fill(NaN); wi.fill(NaN);
      return false;
    }
    iter++;
    // shifts: eigenvalues of the trailing 2×2 (s = sum, t = product); exceptional shifts
    // every 10 iterations break rare cycles.
    let s: number, t: number;
    if (iter % 10 === 0) {
      const w = Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2));
      s = 1.5 * w + at(hi, hi);
      t = w * w;
    } else {
      s = at(hi - 1, hi - 1) + at(hi, hi);
      t = at(hi - 1, hi - 1) * at(hi, hi) - at(hi - 1, hi) * at(hi, hi - 1);
    }
    let x = at(l, l) * at(l, l) + at(l, l + 1) * at(l + 1, l) - s * at(l, l) + t;
    let y = at(l + 1, l) * (at(l, l) + at(l + 1, l + 1) - s);
    let z = at(l + 1, l) * at(l + 2, l + 1);
    for (let k = l; k <= hi - 2; k++) {
      // Householder reflector P = I − β v vᵀ mapping (x, y, z) to (α, 0, 0)
      const norm = Math.hypot(x, y, z);
      if (norm !== 0) {
        const alpha = x > 0 ? -norm : norm;
        const v0 = x - alpha, v1 = y, v2 = z;
        const beta = 2 / (v0 * v0 + v1 * v1 + v2 * v2);
        const q = Math.max(l, k - 1);
        for (let c = q; c <= hi; c++) {
          const a0 = H[k * n + c], a1 = H[(k + 1) * n + c], a2 = H[(k + 2) * n + c];
          const f = beta * (v0 * a0 + v1 * a1 + v2 * a2);
          H[k * n + c] = a0 - f * v0;
          H[(k + 1) * n + c] = a1 - f * v1;
          H[(k + 2) * n + c] = a2 - f * v2;
        }
        const r = Math.min(k + 3, hi);
        for (let row = l; row <= r; row++) {
          const b = row * n;
          const a0 = H[b + k], a1 = H[b + k + 1], a2 = H[b + k + 2];
          const f = beta * (a0 * v0 + a1 * v1 + a2 * v2);
          H[b + k] = a0 - f * v0;
          H[b + k + 1] = a1 - f * v1;
          H[b + k + 2] = a2 - f * v2;
        }
        if (k > l) {
          H[(k + 1) * n + k - 1] = 0;
          H[(k + 2) * n + k - 1] = 0;
        }
      }
      x = H[(k + 1) * n + k];
      y = H[(k + 2) * n + k];
      z = k < hi - 2 ? H[(k + 3) * n + k] : 0;
    }
    // final 2-vector reflector on rows hi−1, hi
    {
      const k = hi - 1;
      const norm = Math.hypot(x, y);
      if (norm !== 0) {
        const alpha = x > 0 ? -norm : norm;
        const v0 = x - alpha, v1 = y;
        const beta = 2 / (v0 * v0 + v1 * v1);
        for (let c = Math.max(l, k - 1); c <= hi; c++) {
          const a0 = H[k * n + c], a1 = H[(k + 1) * n + c];
          const f = beta * (v0 * a0 + v1 * a1);
          H[k * n + c] = a0 - f * v0;
          H[(k + 1) * n + c] = a1 - f * v1;
        }
        for (let row = l; row <= hi; row++) {
          const b = row * n;
          const a0 = H[b + k], a1 = H[b + k + 1];
          const f = beta * (a0 * v0 + a1 * v1);
          H[b + k] = a0 - f * v0;
          H[b + k + 1] = a1 - f * v1;
        }
        if (k > l) H[(k + 1) * n + k - 1] = 0;
      }
    }
  }
  return true;
}

/** Eigenvalues of [[a, b], [c, d]] written to positions i, i+1 (a conjugate pair as re ± i·im). */
function twoByTwo(a: number, b: number, c: number, d: number, wr: Float64Array, wi: Float64Array, i: number): void {
  const p = 0.5 * (a - d);
  const q = p * p + b * c;
  const mean = 0.5 * (a + d);
  if (q >= 0) {
    const w = Math.sqrt(q);
    // the larger-magnitude root from the sum, the other from the determinant (no cancellation)
    const big = mean + (mean >= 0 ? w : -w);
    const det = a * d - b * c;
    const small = big !== 0 ? det / big : mean - w;
    wr[i] = big; wi[i] = 0;
    wr[i + 1] = small; wi[i + 1] = 0;
  } else {
    const w = Math.sqrt(-q);
    wr[i] = mean; wi[i] = w;
    wr[i + 1] = mean; wi[i + 1] = -w;
  }
}
