/**
 * The one dense LU of the project: PA = LU with partial pivoting, in place on a row-major n×n
 * Float64Array (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1 and its blocked
 * form §3.4.7 / LAPACK dgetrf). Used by the mean-field Newton/continuation code (which needs
 * det(A) and its sign for fold detection), by the small-sector direct solver and, for the
 * diagonal blocks of up to ≈ 5 000 rows, by blockTridiagonalLu.ts.
 */
import { checkInterrupt } from './interrupt.ts';
import { gemmSub } from './gemm.ts';

/** Columns per panel of the blocked factorisation and rows per block of the blocked solves (measured: 48–96 within a few %). */
export const LU_BLOCK = 64;
/** Panel widths and triangles at most this size are done by plain row operations. */
export const LU_BASE = 8;
const BASE = LU_BASE;

/**
 * In-place LU factorisation PA = LU with partial pivoting. Returns the sign of the permutation
 * times the product of U's diagonal, i.e. det(A); 0 when a pivot is exactly zero.
 *
 * Right-looking and blocked: panels of LU_BLOCK columns are factorised (recursively, so that
 * most of their flops are GEMM too), then U12 = L11⁻¹A12 and A22 −= L21·U12 (gemm.ts) —
 * 2n³/3 flops, nearly all in the GEMM. Pivots are chosen exactly as by the unblocked
 * algorithm (largest |a| in the column, first on ties; piv[k] = the row swapped with k at step
 * k, LAPACK convention) and swap whole rows at once, which in row-major storage is the same as
 * dgetrf's deferred dlaswp on the other columns.
 */
export function luFactor(n: number, A: Float64Array, piv: Int32Array): number {
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    const w = Math.min(LU_BLOCK, n - k0), k1 = k0 + w;
    luPanel(n, A, piv, k0, w);
    trsmLowerUnit(w, n - k1, A, k0 * n + k0, n, A, k0 * n + k1, n);
    gemmSub(n - k1, n - k1, w, A, k1 * n + k0, n, A, k0 * n + k1, n, A, k1 * n + k1, n);
  }
  let det = 1;
  for (let k = 0; k < n; k++) {
    if (piv[k] !== k) det = -det;
    det *= A[k * n + k];
  }
  return det;
}

/**
 * Factorises the panel of columns k0..k0+w (rows k0..n) of A in place, recursively (LAPACK
 * dgetrf2): left half, then the right half's U part and Schur update, then the right half.
 */
function luPanel(n: number, A: Float64Array, piv: Int32Array, k0: number, w: number): void {
  if (w > BASE) {
    const h = w >> 1, k1 = k0 + h;
    luPanel(n, A, piv, k0, h);
    trsmLowerUnit(h, w - h, A, k0 * n + k0, n, A, k0 * n + k1, n);
    gemmSub(n - k1, w - h, h, A, k1 * n + k0, n, A, k0 * n + k1, n, A, k1 * n + k1, n);
    luPanel(n, A, piv, k1, w - h);
    return;
  }
  const kEnd = k0 + w;
  for (let k = k0; k < kEnd; k++) {
    checkInterrupt();
    let p = k, best = Math.abs(A[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    piv[k] = p;
    if (p !== k) {
      for (let c = 0; c < n; c++) {
        const t = A[k * n + c]; A[k * n + c] = A[p * n + c]; A[p * n + c] = t;
      }
    }
    const akk = A[k * n + k];
    if (akk === 0) continue;
    const rk = k * n;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const f = (A[ri + k] /= akk);
      if (f === 0) continue;
      for (let c = k + 1; c < kEnd; c++) A[ri + c] -= f * A[rk + c];
    }
  }
}

/**
 * B ← L⁻¹B for L the unit lower triangle of the w×w block at l[lOff] (row stride ldl) and B
 * w×N at b[bOff] (row stride ldb): recursive halves, the off-diagonal product by GEMM.
 */
function trsmLowerUnit(w: number, N: number, l: Float64Array, lOff: number, ldl: number, b: Float64Array, bOff: number, ldb: number): void {
  if (N <= 0) return;
  if (w > BASE) {
    const h = w >> 1;
    trsmLowerUnit(h, N, l, lOff, ldl, b, bOff, ldb);
    gemmSub(w - h, N, h, l, lOff + h * ldl, ldl, b, bOff, ldb, b, bOff + h * ldb, ldb);
    trsmLowerUnit(w - h, N, l, lOff + h * ldl + h, ldl, b, bOff + h * ldb, ldb);
    return;
  }
  for (let i = 1; i < w; i++) {
    const bi = bOff + i * ldb;
    for (let t = 0; t < i; t++) {
      const f = l[lOff + i * ldl + t];
      if (f === 0) continue;
      const bt = bOff + t * ldb;
      for (let q = 0; q < N; q++) b[bi + q] -= f * b[bt + q];
    }
  }
}

/** B ← U⁻¹B for U the upper triangle (with its diagonal) of the w×w block at u[uOff]; as trsmLowerUnit. */
function trsmUpper(w: number, N: number, u: Float64Array, uOff: number, ldu: number, b: Float64Array, bOff: number, ldb: number): void {
  if (w > BASE) {
    const h = w >> 1;
    trsmUpper(w - h, N, u, uOff + h * ldu + h, ldu, b, bOff + h * ldb, ldb);
    gemmSub(h, N, w - h, u, uOff + h, ldu, b, bOff + h * ldb, ldb, b, bOff, ldb);
    trsmUpper(h, N, u, uOff, ldu, b, bOff, ldb);
    return;
  }
  for (let i = w - 1; i >= 0; i--) {
    const bi = bOff + i * ldb;
    for (let t = i + 1; t < w; t++) {
      const f = u[uOff + i * ldu + t];
      if (f === 0) continue;
      const bt = bOff + t * ldb;
      for (let q = 0; q < N; q++) b[bi + q] -= f * b[bt + q];
    }
    const d = 1 / u[uOff + i * ldu + i];
    for (let q = 0; q < N; q++) b[bi + q] *= d;
  }
}

/** Solves A x = b in place (b ← x) from luFactor's output. */
export function luSolve(n: number, LU: Float64Array, piv: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) { const t = b[k]; b[k] = b[p]; b[p] = t; }
  }
  for (let i = 1; i < n; i++) {
    let s = b[i];
    for (let c = 0; c < i; c++) s -= LU[i * n + c] * b[c];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let c = i + 1; c < n; c++) s -= LU[i * n + c] * b[c];
    b[i] = s / LU[i * n + i];
  }
}

export interface DenseLu {
  n: number;
  /** Packed factors: strict lower part L (unit diagonal), upper part U. */
  lu: Float64Array;
  /** Row interchanges: row k was swapped with row piv[k] at step k (LAPACK convention). */
  piv: Int32Array;
  /** Smallest |pivot| met (0 means singular). */
  minPivot: number;
  /** det(A). */
  det: number;
}

/** Factorises `a` (n×n row-major, overwritten by the factors). */
export function denseLu(a: Float64Array, n: number): DenseLu {
  const piv = new Int32Array(n);
  const det = luFactor(n, a, piv);
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) minPivot = Math.min(minPivot, Math.abs(a[k * n + k]));
  return { n, lu: a, piv, minPivot, det };
}

/** x = A⁻¹ b (b is left unchanged). */
export function denseLuSolve(f: DenseLu, b: Float64Array, x: Float64Array): void {
  x.set(b);
  luSolve(f.n, f.lu, f.piv, x);
}

/**
 * Solves Aᵀ x = b in place from luFactor's output: Aᵀ = Uᵀ Lᵀ P, so forward substitution with
 * Uᵀ, backward with Lᵀ, then the row interchanges undone in reverse order.
 */
export function luSolveTransposed(n: number, LU: Float64Array, piv: Int32Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const y = (b[i] /= LU[ri + i]);
    if (y !== 0) for (let c = i + 1; c < n; c++) b[c] -= LU[ri + c] * y;
  }
  for (let i = n - 1; i >= 1; i--) {
    const z = b[i];
    if (z === 0) continue;
    const ri = i * n;
    for (let c = 0; c < i; c++) b[c] -= LU[ri + c] * z;
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = piv[k];
    if (p !== k) { const t = b[k]; b[k] = b[p]; b[p] = t; }
  }
}

/**
 * Solves A X = B in place for m right-hand sides (B n×m row-major) from luFactor's output:
 * the row interchanges, then blocks of LU_BLOCK rows — the diagonal triangle (trsm), then the
 * rest of B by GEMM (forward: the rows below, backward: the rows above). 2n²m flops.
 */
export function luSolveMany(n: number, LU: Float64Array, piv: Int32Array, m: number, B: Float64Array): void {
  for (let k = 0; k < n; k++) {
    if (k % LU_BLOCK === 0) checkInterrupt();
    const p = piv[k];
    if (p === k) continue;
    const rk = k * m, rp = p * m;
    for (let c = 0; c < m; c++) { const t = B[rk + c]; B[rk + c] = B[rp + c]; B[rp + c] = t; }
  }
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    checkInterrupt();
    const w = Math.min(LU_BLOCK, n - k0), k1 = k0 + w;
    trsmLowerUnit(w, m, LU, k0 * n + k0, n, B, k0 * m, m);
    gemmSub(n - k1, m, w, LU, k1 * n + k0, n, B, k0 * m, m, B, k1 * m, m);
  }
  for (let k0 = Math.floor((n - 1) / LU_BLOCK) * LU_BLOCK; k0 >= 0; k0 -= LU_BLOCK) {
    checkInterrupt();
    const w = Math.min(LU_BLOCK, n - k0);
    trsmUpper(w, m, LU, k0 * n + k0, n, B, k0 * m, m);
    gemmSub(k0, m, w, LU, k0, n, B, k0 * m, m, B, 0, m);
  }
}

/**
 * luSolve for two right-hand sides at once (b1, b2 in place), one pass over the factors: the
 * real and imaginary parts of a complex vector with real factors (blockTridiagonalLu.ts).
 */
export function luSolvePair(n: number, LU: Float64Array, piv: Int32Array, b1: Float64Array, b2: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) { let t = b1[k]; b1[k] = b1[p]; b1[p] = t; t = b2[k]; b2[k] = b2[p]; b2[p] = t; }
  }
  for (let i = 1; i < n; i++) {
    rowDotPair(LU, i * n, b1, b2, 0, i);
    b1[i] -= dot[0]; b2[i] -= dot[1];
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    rowDotPair(LU, ri, b1, b2, i + 1, n);
    const d = LU[ri + i];
    b1[i] = (b1[i] - dot[0]) / d; b2[i] = (b2[i] - dot[1]) / d;
  }
}

const dot = new Float64Array(2);

/**
 * dot ← (Σ a[ri + c]·x1[c], Σ a[ri + c]·x2[c]) over c0 ≤ c < c1, with two partial sums each
 * (independent additions overlap; see complexLu.ts rowDot).
 */
function rowDotPair(a: Float64Array, ri: number, x1: Float64Array, x2: Float64Array, c0: number, c1: number): void {
  let s1 = 0, s2 = 0, t1 = 0, t2 = 0, c = c0;
  for (; c + 1 < c1; c += 2) {
    const u = a[ri + c], v = a[ri + c + 1];
    s1 += u * x1[c]; s2 += u * x2[c];
    t1 += v * x1[c + 1]; t2 += v * x2[c + 1];
  }
  if (c < c1) { const u = a[ri + c]; s1 += u * x1[c]; s2 += u * x2[c]; }
  dot[0] = s1 + t1; dot[1] = s2 + t2;
}

/** luSolveTransposed for two right-hand sides at once (b1, b2 in place). */
export function luSolveTransposedPair(n: number, LU: Float64Array, piv: Int32Array, b1: Float64Array, b2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n, d = LU[ri + i];
    const y1 = (b1[i] /= d), y2 = (b2[i] /= d);
    if (y1 === 0 && y2 === 0) continue;
    for (let c = i + 1; c < n; c++) { const u = LU[ri + c]; b1[c] -= u * y1; b2[c] -= u * y2; }
  }
  for (let i = n - 1; i >= 1; i--) {
    const z1 = b1[i], z2 = b2[i];
    if (z1 === 0 && z2 === 0) continue;
    const ri = i * n;
    for (let c = 0; c < i; c++) { const l = LU[ri + c]; b1[c] -= l * z1; b2[c] -= l * z2; }
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = piv[k];
    if (p !== k) { let t = b1[k]; b1[k] = b1[p]; b1[p] = t; t = b2[k]; b2[k] = b2[p]; b2[p] = t; }
  }
}
