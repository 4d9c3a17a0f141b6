/**
 * The one dense LU of the project: PA = LU with partial pivoting, in place on a row-major n×n
 * Float64Array, allocation-free (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1).
 * Used by the mean-field Newton/continuation code (which needs det(A) and its sign for fold
 * detection) and by the small-sector direct solver.
 */
import { checkInterrupt } from './interrupt.ts';

/**
 * In-place LU factorisation PA = LU with partial pivoting. Returns the sign of the permutation
 * times the product of U's diagonal, i.e. det(A); 0 when a pivot is exactly zero.
 */
export function luFactor(n: number, A: Float64Array, piv: Int32Array): number {
  let det = 1;
  for (let k = 0; k < n; k++) {
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
      det = -det;
    }
    const akk = A[k * n + k];
    det *= akk;
    if (akk === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = (A[i * n + k] /= akk);
      if (f === 0) continue;
      const ri = i * n, rk = k * n;
      for (let c = k + 1; c < n; c++) A[ri + c] -= f * A[rk + c];
    }
  }
  return det;
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

/** Solves A X = B in place for m right-hand sides (B n×m row-major), by row operations over all columns. */
export function luSolveMany(n: number, LU: Float64Array, piv: Int32Array, m: number, B: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p === k) continue;
    const rk = k * m, rp = p * m;
    for (let c = 0; c < m; c++) { const t = B[rk + c]; B[rk + c] = B[rp + c]; B[rp + c] = t; }
  }
  for (let i = 1; i < n; i++) {
    checkInterrupt();
    const ri = i * n, bi = i * m;
    for (let c = 0; c < i; c++) {
      const l = LU[ri + c];
      if (l === 0) continue;
      const bc = c * m;
      for (let q = 0; q < m; q++) B[bi + q] -= l * B[bc + q];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    checkInterrupt();
    const ri = i * n, bi = i * m;
    for (let c = i + 1; c < n; c++) {
      const u = LU[ri + c];
      if (u === 0) continue;
      const bc = c * m;
      for (let q = 0; q < m; q++) B[bi + q] -= u * B[bc + q];
    }
    const d = 1 / LU[ri + i];
    for (let q = 0; q < m; q++) B[bi + q] *= d;
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
    let s1 = b1[i], s2 = b2[i];
    const ri = i * n;
    for (let c = 0; c < i; c++) { const l = LU[ri + c]; s1 -= l * b1[c]; s2 -= l * b2[c]; }
    b1[i] = s1; b2[i] = s2;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s1 = b1[i], s2 = b2[i];
    const ri = i * n;
    for (let c = i + 1; c < n; c++) { const u = LU[ri + c]; s1 -= u * b1[c]; s2 -= u * b2[c]; }
    const d = LU[ri + i];
    b1[i] = s1 / d; b2[i] = s2 / d;
  }
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
