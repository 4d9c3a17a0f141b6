/**
 * The complex dense LU and the block-tridiagonal LU of A − σ against direct residuals and
 * against each other: random block-tridiagonal matrices (uneven blocks, a zero leading entry
 * that forces pivoting), real and complex shifts, plain and transposed solves.
 */
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../src/linalg/csr.ts';
import { complexLuFactor, complexLuSolve, complexLuSolveMany, complexLuSolveTransposed } from '../../src/linalg/complexLu.ts';
import {
  blockTridiagonalLu, blockTridiagonalLuBytes, blockTridiagonalSolve, blockTridiagonalSolveRefined,
  blockTridiagonalSolveTransposed, shiftedApply,
} from '../../src/linalg/blockTridiagonalLu.ts';
import { centred, lcg } from '../reference/random.ts';

const rng = (seed: number) => centred(lcg(seed));

/** Random sparse matrix, nonzero only inside the block tridiagonal pattern of ptr. */
function randomBlockTri(ptr: number[], seed: number, density = 0.3): Csr {
  const r = rng(seed);
  const n = ptr[ptr.length - 1];
  const blk = new Int32Array(n);
  for (let k = 0; k + 1 < ptr.length; k++) blk.fill(k, ptr[k], ptr[k + 1]);
  const rowPtr = new Int32Array(n + 1);
  const ci: number[] = [], v: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (Math.abs(blk[i] - blk[j]) > 1) continue;
      if (i === 0 && j === 0) continue; // zero leading entry: pivoting needed
      if (i === j || r() + 0.5 < density) { ci.push(j); v.push(r() * 2); }
    }
    rowPtr[i + 1] = ci.length;
  }
  return { rows: n, cols: n, rowPtr, colIdx: Int32Array.from(ci), values: Float64Array.from(v) };
}

function relResidual(A: Csr, sr: number, si: number, xr: Float64Array, xi: Float64Array, br: Float64Array, bi: Float64Array, transposed: boolean): number {
  const n = A.rows;
  const f = { A, n, sigmaRe: sr, sigmaIm: si } as unknown as Parameters<typeof shiftedApply>[0];
  const yr = new Float64Array(n), yi = new Float64Array(n);
  // independent residual: explicit loops over A's entries
  for (let i = 0; i < n; i++) {
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const j = A.colIdx[q], a = A.values[q];
      if (!transposed) { yr[i] += a * xr[j]; yi[i] += a * xi[j]; } else { yr[j] += a * xr[i]; yi[j] += a * xi[i]; }
    }
  }
  let s = 0, b = 0;
  for (let i = 0; i < n; i++) {
    const rr = yr[i] - (sr * xr[i] - si * xi[i]) - br[i], ri = yi[i] - (sr * xi[i] + si * xr[i]) - bi[i];
    s += rr * rr + ri * ri; b += br[i] * br[i] + bi[i] * bi[i];
  }
  // shiftedApply must agree with the explicit loops
  const zr = new Float64Array(n), zi = new Float64Array(n);
  shiftedApply(f, xr, xi, zr, zi, transposed);
  for (let i = 0; i < n; i++) expect(Math.abs(zr[i] - (yr[i] - (sr * xr[i] - si * xi[i])))).toBeLessThan(1e-12 * (1 + Math.abs(zr[i])));
  return Math.sqrt(s / b);
}

describe('complex dense LU', () => {
  it('solves A x = b, Aᵀ x = b and A X = B with pivoting', () => {
    const n = 23, r = rng(3);
    const re = Float64Array.from({ length: n * n }, () => r()), im = Float64Array.from({ length: n * n }, () => r());
    re[0] = 0; im[0] = 0;
    const A0r = Float64Array.from(re), A0i = Float64Array.from(im);
    const piv = new Int32Array(n);
    expect(complexLuFactor(n, re, im, piv)).toBeGreaterThan(0);
    const br = Float64Array.from({ length: n }, () => r()), bi = Float64Array.from({ length: n }, () => r());
    for (const transposed of [false, true]) {
      const xr = Float64Array.from(br), xi = Float64Array.from(bi);
      (transposed ? complexLuSolveTransposed : complexLuSolve)(n, re, im, piv, xr, xi);
      let err = 0;
      for (let i = 0; i < n; i++) {
        let sr = 0, si = 0;
        for (let j = 0; j < n; j++) {
          const ar = transposed ? A0r[j * n + i] : A0r[i * n + j], ai = transposed ? A0i[j * n + i] : A0i[i * n + j];
          sr += ar * xr[j] - ai * xi[j]; si += ar * xi[j] + ai * xr[j];
        }
        err = Math.max(err, Math.hypot(sr - br[i], si - bi[i]));
      }
      expect(err).toBeLessThan(1e-12);
    }
    // many right-hand sides: column q of B equals the single solve of that column
    const m = 3;
    const Br = Float64Array.from({ length: n * m }, () => r()), Bi = Float64Array.from({ length: n * m }, () => r());
    const Xr = Float64Array.from(Br), Xi = Float64Array.from(Bi);
    complexLuSolveMany(n, re, im, piv, m, Xr, Xi);
    for (let q = 0; q < m; q++) {
      const xr = Float64Array.from({ length: n }, (_, i) => Br[i * m + q]), xi = Float64Array.from({ length: n }, (_, i) => Bi[i * m + q]);
      complexLuSolve(n, re, im, piv, xr, xi);
      for (let i = 0; i < n; i++) expect(Math.hypot(xr[i] - Xr[i * m + q], xi[i] - Xi[i * m + q])).toBeLessThan(1e-13);
    }
  });
});

describe('block tridiagonal LU of A − σ', () => {
  const ptr = [0, 1, 5, 12, 14, 25, 31];
  for (const [sr, si] of [[0.3, 0], [-0.1, 2.5], [0, -0.7]]) for (const simd of [true, false]) {
    it(`solves (A − σ)x = b and its transpose, σ = ${sr} + ${si}i (${simd ? 'SIMD' : 'JS'} solves)`, () => {
      const A = randomBlockTri(ptr, 7 + si * 10);
      const f = blockTridiagonalLu(A, Int32Array.from(ptr), sr, si, undefined, { simd });
      expect(f.simd !== undefined).toBe(simd);
      expect(f.minPivotRatio).toBeGreaterThan(0);
      const r = rng(11);
      const n = A.rows;
      const br = Float64Array.from({ length: n }, () => r()), bi = Float64Array.from({ length: n }, () => r());
      for (const transposed of [false, true]) {
        const xr = new Float64Array(n), xi = new Float64Array(n);
        (transposed ? blockTridiagonalSolveTransposed : blockTridiagonalSolve)(f, br, bi, xr, xi);
        expect(relResidual(A, sr, si, xr, xi, br, bi, transposed)).toBeLessThan(1e-11);
        const yr = new Float64Array(n), yi = new Float64Array(n);
        const rel = blockTridiagonalSolveRefined(f, br, bi, yr, yi, transposed);
        expect(rel).toBeLessThan(1e-14);
        expect(relResidual(A, sr, si, yr, yi, br, bi, transposed)).toBeLessThan(1e-14);
      }
    });
  }

  it('SIMD block solves equal the JS loops (odd and even blocks up to 101, both shifts, both directions)', () => {
    const ptr = [0, 1, 3, 67, 168, 170, 240];
    const A = randomBlockTri(ptr, 21, 0.2);
    const n = A.rows, r = rng(8);
    const br = Float64Array.from({ length: n }, () => r()), bi = Float64Array.from({ length: n }, () => r());
    for (const [sr, si] of [[0.2, 0], [0.1, 1.3]]) {
      const a = blockTridiagonalLu(A, Int32Array.from(ptr), sr, si, undefined, { simd: true });
      const b = blockTridiagonalLu(A, Int32Array.from(ptr), sr, si, undefined, { simd: false });
      expect(a.simd).toBeDefined();
      for (const transposed of [false, true]) {
        const solve = transposed ? blockTridiagonalSolveTransposed : blockTridiagonalSolve;
        const xr = new Float64Array(n), xi = new Float64Array(n), yr = new Float64Array(n), yi = new Float64Array(n);
        solve(a, br, bi, xr, xi);
        solve(b, br, bi, yr, yi);
        let d = 0, m = 0;
        for (let q = 0; q < n; q++) { d = Math.max(d, Math.hypot(xr[q] - yr[q], xi[q] - yi[q])); m = Math.max(m, Math.hypot(yr[q], yi[q])); }
        expect(d).toBeLessThan(1e-12 * m);
        expect(relResidual(A, sr, si, xr, xi, br, bi, transposed)).toBeLessThan(1e-11);
      }
    }
  });

  it('rejects entries outside the pattern and sizes its memory', () => {
    const A = randomBlockTri([0, 3, 6, 9], 5);
    expect(() => blockTridiagonalLu(A, Int32Array.from([0, 2, 4, 6, 9]), 0.1, 0)).toThrow(/outside the block tridiagonal pattern/);
    const f = blockTridiagonalLu(A, Int32Array.from([0, 3, 6, 9]), 0.1, 0);
    expect(f.bytes).toBeLessThanOrEqual(blockTridiagonalLuBytes([0, 3, 6, 9]));
  });
});

describe('real-shift block LU', () => {
  it('uses real factors (half the bytes) and solves complex right-hand sides like the complex path', () => {
    const ptr = [0, 2, 9, 15, 16, 30];
    const A = randomBlockTri(ptr, 99);
    for (const simd of [true, false]) {
    const fr = blockTridiagonalLu(A, Int32Array.from(ptr), 0.37, 0, undefined, { simd });
    expect(fr.real).toBe(true);
    const r = rng(5);
    const n = A.rows;
    const br = Float64Array.from({ length: n }, () => r()), bi = Float64Array.from({ length: n }, () => r());
    for (const transposed of [false, true]) {
      const xr = new Float64Array(n), xi = new Float64Array(n);
      (transposed ? blockTridiagonalSolveTransposed : blockTridiagonalSolve)(fr, br, bi, xr, xi);
      expect(relResidual(A, 0.37, 0, xr, xi, br, bi, transposed)).toBeLessThan(1e-11);
    }
    expect(fr.bytes).toBeLessThanOrEqual(blockTridiagonalLuBytes(ptr, true));
    }
  });
});
