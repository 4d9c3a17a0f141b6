/**
 * Dense LU with partial pivoting on a row-major n×n Float64Array (in place), and solves.
 * For small systems (tests, tiny sectors) where a direct dense method is the robust choice.
 */

export interface DenseLu {
  n: number;
  /** Packed factors: strict lower part L (unit diagonal), upper part U. */
  lu: Float64Array;
  perm: Int32Array;
  /** Smallest |pivot| met (0 means singular). */
  minPivot: number;
}

export function denseLu(a: Float64Array, n: number): DenseLu {
  const lu = a;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    minPivot = Math.min(minPivot, best);
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = t; }
      const t = perm[k]; perm[k] = perm[p]; perm[p] = t;
    }
    const piv = lu[k * n + k];
    if (piv === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= piv);
      if (f === 0) continue;
      const ri = i * n, rk = k * n;
      for (let j = k + 1; j < n; j++) lu[ri + j] -= f * lu[rk + j];
    }
  }
  return { n, lu, perm, minPivot };
}

/** x = A⁻¹ b. */
export function denseLuSolve(f: DenseLu, b: Float64Array, x: Float64Array): void {
  const { n, lu, perm } = f;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * y[j];
    y[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
    x[i] = s / lu[i * n + i];
  }
}
