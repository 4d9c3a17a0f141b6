/**
 * The unblocked dense LU kernels as they were before blocking (issue 13): right-looking rank-1
 * updates (Golub & Van Loan, Alg. 3.4.1) and row-by-row many-RHS solves, real and complex
 * split storage. The independent reference of tests/linalg/blockedLu.test.ts and the peer of
 * bench/denseLu.bench.ts; not used by src/. Same pivoting (LAPACK piv convention).
 */
export function unblockedLuFactor(n: number, A: Float64Array, piv: Int32Array): number {
  let det = 1;
  for (let k = 0; k < n; k++) {
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

export function unblockedLuSolveMany(n: number, LU: Float64Array, piv: Int32Array, m: number, B: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p === k) continue;
    const rk = k * m, rp = p * m;
    for (let c = 0; c < m; c++) { const t = B[rk + c]; B[rk + c] = B[rp + c]; B[rp + c] = t; }
  }
  for (let i = 1; i < n; i++) {
    const ri = i * n, bi = i * m;
    for (let c = 0; c < i; c++) {
      const l = LU[ri + c];
      if (l === 0) continue;
      const bc = c * m;
      for (let q = 0; q < m; q++) B[bi + q] -= l * B[bc + q];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
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

export function unblockedComplexLuFactor(n: number, re: Float64Array, im: Float64Array, piv: Int32Array): number {
  let minPivot = Infinity;
  for (let k = 0; k < n; k++) {
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
    minPivot = Math.min(minPivot, Math.sqrt(m2));
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
      for (let c = k + 1; c < n; c++) {
        const ur = re[rk + c], ui = im[rk + c];
        re[ri + c] -= fr * ur - fi * ui;
        im[ri + c] -= fr * ui + fi * ur;
      }
    }
  }
  return minPivot;
}

export function unblockedComplexLuSolveMany(n: number, re: Float64Array, im: Float64Array, piv: Int32Array, m: number, bRe: Float64Array, bIm: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p === k) continue;
    const rk = k * m, rp = p * m;
    for (let c = 0; c < m; c++) {
      let t = bRe[rk + c]; bRe[rk + c] = bRe[rp + c]; bRe[rp + c] = t;
      t = bIm[rk + c]; bIm[rk + c] = bIm[rp + c]; bIm[rp + c] = t;
    }
  }
  // Row i of B receives its updates from two earlier (later) rows at a time: half the passes
  // over row i, about 25 % faster at b ≈ 200 (measured).
  for (let i = 1; i < n; i++) {
    const ri = i * n, bi = i * m;
    let c = 0;
    for (; c + 1 < i; c += 2) axpy2(m, re[ri + c], im[ri + c], re[ri + c + 1], im[ri + c + 1], bRe, bIm, c * m, bi);
    if (c < i) axpy2(m, re[ri + c], im[ri + c], 0, 0, bRe, bIm, c * m, bi);
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n, bi = i * m;
    let c = i + 1;
    for (; c + 1 < n; c += 2) axpy2(m, re[ri + c], im[ri + c], re[ri + c + 1], im[ri + c + 1], bRe, bIm, c * m, bi);
    if (c < n) axpy2(m, re[ri + c], im[ri + c], 0, 0, bRe, bIm, c * m, bi);
    const dr = re[ri + i], di = im[ri + i], m2 = dr * dr + di * di;
    const ir = dr / m2, ii = -di / m2;
    for (let q = 0; q < m; q++) {
      const xr = bRe[bi + q], xi = bIm[bi + q];
      bRe[bi + q] = xr * ir - xi * ii; bIm[bi + q] = xr * ii + xi * ir;
    }
  }
}

function axpy2(m: number, ar: number, ai: number, br: number, bi: number, bRe: Float64Array, bIm: Float64Array, src: number, dst: number): void {
  if (br === 0 && bi === 0) {
    if (ar === 0 && ai === 0) return;
    for (let q = 0; q < m; q++) {
      const xr = bRe[src + q], xi = bIm[src + q];
      bRe[dst + q] -= ar * xr - ai * xi; bIm[dst + q] -= ar * xi + ai * xr;
    }
    return;
  }
  const s1 = src + m;
  for (let q = 0; q < m; q++) {
    const xr = bRe[src + q], xi = bIm[src + q], yr = bRe[s1 + q], yi = bIm[s1 + q];
    bRe[dst + q] -= ar * xr - ai * xi + br * yr - bi * yi;
    bIm[dst + q] -= ar * xi + ai * xr + br * yi + bi * yr;
  }
}
