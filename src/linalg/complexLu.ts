/**
 * Dense complex LU with partial pivoting, in place, on split storage: an n×n row-major matrix
 * is a pair (re, im) of Float64Arrays of length n². PA = LU with L unit lower triangular
 * (stored below the diagonal) and U upper (on and above it); piv[k] is the row swapped with row
 * k at step k (LAPACK convention). Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1,
 * in complex arithmetic. Used for the diagonal blocks of blockTridiagonalLu.ts, where the
 * shift σ of ℒ − σ may be complex (shifts along the imaginary axis).
 *
 * The pivot is the entry of largest |re| + |im| (the 1-norm of the complex number, as LAPACK's
 * izamax): equally stable, cheaper than the modulus.
 */
import { checkInterrupt } from './interrupt.ts';
import { LU_BLOCK, LU_BASE } from './denseLu.ts';
import { complexGemmSub } from './gemm.ts';

const BASE = LU_BASE;

export interface ComplexMatrix {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Factorises (re, im) in place. Returns the smallest pivot modulus met (0 when singular; the
 * factorisation then continues and a solve would divide by zero).
 *
 * Blocked right-looking, as luFactor (denseLu.ts): recursive panels of LU_BLOCK columns, then
 * U12 = L11⁻¹A12 and A22 −= L21·U12 by the complex GEMM (gemm.ts); 8n³/3 flops. Pivots and
 * piv are those of the unblocked algorithm; whole rows are swapped at once.
 */
export function complexLuFactor(n: number, re: Float64Array, im: Float64Array, piv: Int32Array): number {
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    const w = Math.min(LU_BLOCK, n - k0), k1 = k0 + w;
    complexLuPanel(n, re, im, piv, k0, w);
    complexTrsmLowerUnit(w, n - k1, re, im, k0 * n + k0, n, re, im, k0 * n + k1, n);
    complexGemmSub(n - k1, n - k1, w, re, im, k1 * n + k0, n, re, im, k0 * n + k1, n, re, im, k1 * n + k1, n);
  }
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) {
    const ar = re[k * n + k], ai = im[k * n + k];
    minPivot = Math.min(minPivot, Math.sqrt(ar * ar + ai * ai));
  }
  return minPivot;
}

/** The panel of columns k0..k0+w (rows k0..n), recursively (LAPACK zgetrf2), as luPanel. */
function complexLuPanel(n: number, re: Float64Array, im: Float64Array, piv: Int32Array, k0: number, w: number): void {
  if (w > BASE) {
    const h = w >> 1, k1 = k0 + h;
    complexLuPanel(n, re, im, piv, k0, h);
    complexTrsmLowerUnit(h, w - h, re, im, k0 * n + k0, n, re, im, k0 * n + k1, n);
    complexGemmSub(n - k1, w - h, h, re, im, k1 * n + k0, n, re, im, k0 * n + k1, n, re, im, k1 * n + k1, n);
    complexLuPanel(n, re, im, piv, k1, w - h);
    return;
  }
  const kEnd = k0 + w;
  for (let k = k0; k < kEnd; k++) {
    checkInterrupt();
    let p = k, best = -1;
    for (let i = k; i < n; i++) {
      const v = Math.abs(re[i * n + k]) + Math.abs(im[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    piv[k] = p;
    if (p !== k) {
      const rk = k * n, rp = p * n;
      for (let c = 0; c < n; c++) {
        let t = re[rk + c]; re[rk + c] = re[rp + c]; re[rp + c] = t;
        t = im[rk + c]; im[rk + c] = im[rp + c]; im[rp + c] = t;
      }
    }
    const ar = re[k * n + k], ai = im[k * n + k];
    const m2 = ar * ar + ai * ai;
    if (m2 === 0) continue;
    // 1/a = conj(a)/|a|²
    const ir = ar / m2, ii = -ai / m2;
    const rk = k * n;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const xr = re[ri + k], xi = im[ri + k];
      if (xr === 0 && xi === 0) continue;
      const fr = xr * ir - xi * ii, fi = xr * ii + xi * ir;
      re[ri + k] = fr; im[ri + k] = fi;
      for (let c = k + 1; c < kEnd; c++) {
        const ur = re[rk + c], ui = im[rk + c];
        re[ri + c] -= fr * ur - fi * ui;
        im[ri + c] -= fr * ui + fi * ur;
      }
    }
  }
}

/** B ← L⁻¹B, L the unit lower triangle of the w×w block at lOff (stride ldl), B w×N at bOff (stride ldb). */
function complexTrsmLowerUnit(w: number, N: number, lr: Float64Array, li: Float64Array, lOff: number, ldl: number, br: Float64Array, bi: Float64Array, bOff: number, ldb: number): void {
  if (N <= 0) return;
  if (w > BASE) {
    const h = w >> 1;
    complexTrsmLowerUnit(h, N, lr, li, lOff, ldl, br, bi, bOff, ldb);
    complexGemmSub(w - h, N, h, lr, li, lOff + h * ldl, ldl, br, bi, bOff, ldb, br, bi, bOff + h * ldb, ldb);
    complexTrsmLowerUnit(w - h, N, lr, li, lOff + h * ldl + h, ldl, br, bi, bOff + h * ldb, ldb);
    return;
  }
  for (let i = 1; i < w; i++) {
    for (let t = 0; t < i; t++) axpySub(N, lr[lOff + i * ldl + t], li[lOff + i * ldl + t], br, bi, bOff + t * ldb, bOff + i * ldb);
  }
}

/** B ← U⁻¹B, U the upper triangle (with its diagonal) of the w×w block at uOff; as complexTrsmLowerUnit. */
function complexTrsmUpper(w: number, N: number, ur: Float64Array, ui: Float64Array, uOff: number, ldu: number, br: Float64Array, bi: Float64Array, bOff: number, ldb: number): void {
  if (w > BASE) {
    const h = w >> 1;
    complexTrsmUpper(w - h, N, ur, ui, uOff + h * ldu + h, ldu, br, bi, bOff + h * ldb, ldb);
    complexGemmSub(h, N, w - h, ur, ui, uOff + h, ldu, br, bi, bOff + h * ldb, ldb, br, bi, bOff, ldb);
    complexTrsmUpper(h, N, ur, ui, uOff, ldu, br, bi, bOff, ldb);
    return;
  }
  for (let i = w - 1; i >= 0; i--) {
    const ri = uOff + i * ldu, bo = bOff + i * ldb;
    for (let t = i + 1; t < w; t++) axpySub(N, ur[ri + t], ui[ri + t], br, bi, bOff + t * ldb, bo);
    const dr = ur[ri + i], di = ui[ri + i], m2 = dr * dr + di * di;
    const ir = dr / m2, ii = -di / m2;
    for (let q = 0; q < N; q++) {
      const xr = br[bo + q], xi = bi[bo + q];
      br[bo + q] = xr * ir - xi * ii; bi[bo + q] = xr * ii + xi * ir;
    }
  }
}

/** B[dst..dst+N) −= f·B[src..src+N) for a complex scalar f (split rows of B). */
function axpySub(N: number, fr: number, fi: number, br: Float64Array, bi: Float64Array, src: number, dst: number): void {
  if (fr === 0 && fi === 0) return;
  for (let q = 0; q < N; q++) {
    const xr = br[src + q], xi = bi[src + q];
    br[dst + q] -= fr * xr - fi * xi; bi[dst + q] -= fr * xi + fi * xr;
  }
}

/** Solves A x = b in place (b ← x) for one complex vector (bRe, bIm) of length n. */
export function complexLuSolve(n: number, re: Float64Array, im: Float64Array, piv: Int32Array, bRe: Float64Array, bIm: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      let t = bRe[k]; bRe[k] = bRe[p]; bRe[p] = t;
      t = bIm[k]; bIm[k] = bIm[p]; bIm[p] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    rowDot(re, im, i * n, bRe, bIm, 0, i);
    bRe[i] -= dot[0]; bIm[i] -= dot[1];
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    rowDot(re, im, ri, bRe, bIm, i + 1, n);
    const sr = bRe[i] - dot[0], si = bIm[i] - dot[1];
    const dr = re[ri + i], di = im[ri + i], m2 = dr * dr + di * di;
    bRe[i] = (sr * dr + si * di) / m2; bIm[i] = (si * dr - sr * di) / m2;
  }
}

const dot = new Float64Array(2);

/**
 * dot ← Σ_{c0 ≤ c < c1} a[ri + c]·x[c] for complex split a = (re, im), x = (xRe, xIm), with two
 * partial sums per part: one sum's additions wait on each other, two overlap (measured
 * ≈ 15 % faster complexLuSolve at n ≈ 1000).
 */
function rowDot(re: Float64Array, im: Float64Array, ri: number, xRe: Float64Array, xIm: Float64Array, c0: number, c1: number): void {
  let sr = 0, si = 0, tr = 0, ti = 0, c = c0;
  for (; c + 1 < c1; c += 2) {
    const ar = re[ri + c], ai = im[ri + c], xr = xRe[c], xi = xIm[c];
    const br = re[ri + c + 1], bi = im[ri + c + 1], yr = xRe[c + 1], yi = xIm[c + 1];
    sr += ar * xr - ai * xi; si += ar * xi + ai * xr;
    tr += br * yr - bi * yi; ti += br * yi + bi * yr;
  }
  if (c < c1) { const ar = re[ri + c], ai = im[ri + c], xr = xRe[c], xi = xIm[c]; sr += ar * xr - ai * xi; si += ar * xi + ai * xr; }
  dot[0] = sr + tr; dot[1] = si + ti;
}

/**
 * Solves Aᵀ x = b in place (plain transpose, not conjugate): Aᵀ = Uᵀ Lᵀ P, so solve Uᵀ
 * (forward), Lᵀ (backward), then undo the row interchanges in reverse order.
 */
export function complexLuSolveTransposed(n: number, re: Float64Array, im: Float64Array, piv: Int32Array, bRe: Float64Array, bIm: Float64Array): void {
  // Uᵀ y = b: column-oriented forward substitution (row i of U scatters into later entries).
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const dr = re[ri + i], di = im[ri + i], m2 = dr * dr + di * di;
    const sr = bRe[i], si = bIm[i];
    const yr = (sr * dr + si * di) / m2, yi = (si * dr - sr * di) / m2;
    bRe[i] = yr; bIm[i] = yi;
    for (let c = i + 1; c < n; c++) {
      const ur = re[ri + c], ui = im[ri + c];
      bRe[c] -= ur * yr - ui * yi; bIm[c] -= ur * yi + ui * yr;
    }
  }
  // Lᵀ z = y: backward, row i of L scatters into earlier entries.
  for (let i = n - 1; i >= 1; i--) {
    const ri = i * n;
    const zr = bRe[i], zi = bIm[i];
    if (zr === 0 && zi === 0) continue;
    for (let c = 0; c < i; c++) {
      const lr = re[ri + c], li = im[ri + c];
      bRe[c] -= lr * zr - li * zi; bIm[c] -= lr * zi + li * zr;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = piv[k];
    if (p !== k) {
      let t = bRe[k]; bRe[k] = bRe[p]; bRe[p] = t;
      t = bIm[k]; bIm[k] = bIm[p]; bIm[p] = t;
    }
  }
}

/**
 * Solves A X = B in place for m right-hand sides: B is n×m row-major (bRe, bIm). Blocked as
 * luSolveMany: the row interchanges, then per block of LU_BLOCK rows the diagonal triangle and
 * a GEMM over the rest of B. 8n²m flops.
 */
export function complexLuSolveMany(n: number, re: Float64Array, im: Float64Array, piv: Int32Array, m: number, bRe: Float64Array, bIm: Float64Array): void {
  for (let k = 0; k < n; k++) {
    if (k % LU_BLOCK === 0) checkInterrupt();
    const p = piv[k];
    if (p === k) continue;
    const rk = k * m, rp = p * m;
    for (let c = 0; c < m; c++) {
      let t = bRe[rk + c]; bRe[rk + c] = bRe[rp + c]; bRe[rp + c] = t;
      t = bIm[rk + c]; bIm[rk + c] = bIm[rp + c]; bIm[rp + c] = t;
    }
  }
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    checkInterrupt();
    const w = Math.min(LU_BLOCK, n - k0), k1 = k0 + w;
    complexTrsmLowerUnit(w, m, re, im, k0 * n + k0, n, bRe, bIm, k0 * m, m);
    complexGemmSub(n - k1, m, w, re, im, k1 * n + k0, n, bRe, bIm, k0 * m, m, bRe, bIm, k1 * m, m);
  }
  for (let k0 = Math.floor((n - 1) / LU_BLOCK) * LU_BLOCK; k0 >= 0; k0 -= LU_BLOCK) {
    checkInterrupt();
    const w = Math.min(LU_BLOCK, n - k0);
    complexTrsmUpper(w, m, re, im, k0 * n + k0, n, bRe, bIm, k0 * m, m);
    complexGemmSub(k0, m, w, re, im, k0, n, bRe, bIm, k0 * m, m, bRe, bIm, 0, m);
  }
}
