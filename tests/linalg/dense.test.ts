import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/physics/model/random.ts';
import { EigenvalueDecomposition, LuDecomposition, Matrix } from 'ml-matrix';
import { eigenvaluesReal } from '../../src/linalg/denseEig.ts';
import { luFactor, luSolve } from '../../src/linalg/denseLu.ts';

const rng = mulberry32;

/** Largest distance of a spectrum to its greedy match in the reference spectrum. */
function spectrumDistance(a: Array<[number, number]>, b: Array<[number, number]>): number {
  const used = new Array(b.length).fill(false);
  let worst = 0;
  for (const [r, i] of a) {
    let best = Infinity, k = -1;
    b.forEach(([r2, i2], q) => {
      if (used[q]) return;
      const dd = Math.hypot(r - r2, i - i2);
      if (dd < best) { best = dd; k = q; }
    });
    used[k] = true;
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('dense eigenvalues (Hessenberg + Francis QR)', () => {
  it('agree with ml-matrix on random dense and sparse matrices, n = 1..60', () => {
    const r = rng(11);
    for (const n of [1, 2, 3, 4, 7, 15, 24, 35, 48, 60]) {
      for (let rep = 0; rep < 4; rep++) {
        const A = new Float64Array(n * n);
        for (let i = 0; i < n * n; i++) A[i] = rep % 2 === 0 || r() < 0.3 ? 2 * r() - 1 : 0;
        const M = new Matrix(n, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]);
        const e = new EigenvalueDecomposition(M, { assumeSymmetric: false });
        const ref = e.realEigenvalues.map((x, i) => [x, e.imaginaryEigenvalues[i]] as [number, number]);
        const wr = new Float64Array(n), wi = new Float64Array(n);
        expect(eigenvaluesReal(n, A.slice(), wr, wi)).toBe(true);
        const got = Array.from(wr, (x, i) => [x, wi[i]] as [number, number]);
        expect(spectrumDistance(got, ref)).toBeLessThan(1e-8);
      }
    }
  });

  it('triangular and known matrices: exact eigenvalues, rotation pair ±i', () => {
    const n = 5;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = i === j ? -(i + 1) : 0.3 * (i + j);
    const wr = new Float64Array(n), wi = new Float64Array(n);
    eigenvaluesReal(n, A, wr, wi);
    expect(Array.from(wr).sort((a, b) => a - b)).toEqual([-5, -4, -3, -2, -1].map((x) => expect.closeTo(x, 12)));
    const R = new Float64Array([0, -1, 1, 0]);
    const r2 = new Float64Array(2), i2 = new Float64Array(2);
    eigenvaluesReal(2, R, r2, i2);
    expect(Math.abs(r2[0])).toBeLessThan(1e-15);
    expect(Math.abs(i2[0])).toBeCloseTo(1, 15);
  });
});

describe('LU', () => {
  it('solves random systems and returns the determinant', () => {
    const r = rng(5);
    for (const n of [1, 3, 10, 40]) {
      const A = new Float64Array(n * n).map(() => 2 * r() - 1);
      const x = new Float64Array(n).map(() => 2 * r() - 1);
      const b = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
      const LU = A.slice(), piv = new Int32Array(n);
      const det = luFactor(n, LU, piv);
      luSolve(n, LU, piv, b);
      for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i], 9);
      const M = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]);
      expect(det / new LuDecomposition(M).determinant).toBeCloseTo(1, 9);
    }
  });
});
