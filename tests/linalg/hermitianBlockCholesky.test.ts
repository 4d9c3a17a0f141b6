/**
 * hermitianBlockCholesky (the inertia certificate of stripImagBound.ts) against dense
 * references on random Hermitian block-tridiagonal matrices (several partitions, blocks of size
 * 1 included): its pivots equal those of a naive dense complex Cholesky in the test, and it says
 * "positive definite" for G + shift exactly on the right side of −λmin(G) from a dense symmetric
 * eigen-decomposition (ml-matrix, real 2n embedding): just above it succeeds, just below it fails.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type ComplexCsr, hermitianBlockCholesky, hermitianBlockCholesky as cholesky, hermitianBlockCholeskyBytes, hermitianBlockCholeskyFlops } from '../../src/linalg/hermitianBlockCholesky.ts';
import { centred, lcg } from '../reference/random.ts';

/** Random Hermitian G, nonzero only inside the block tridiagonal pattern of ptr; dense copy too. */
function randomHermitian(ptr: number[], seed: number, density = 0.4) {
  const r = centred(lcg(seed));
  const n = ptr[ptr.length - 1];
  const blk = new Int32Array(n);
  for (let k = 0; k + 1 < ptr.length; k++) blk.fill(k, ptr[k], ptr[k + 1]);
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = 2 * r();
    for (let j = 0; j < i; j++) {
      if (blk[i] - blk[j] > 1 || r() + 0.5 >= density) continue;
      const a = 2 * r(), b = 2 * r();
      re[i * n + j] = a; im[i * n + j] = b; re[j * n + i] = a; im[j * n + i] = -b;
    }
  }
  const rowPtr = new Int32Array(n + 1), ci: number[] = [], vr: number[] = [], vi: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (re[i * n + j] !== 0 || im[i * n + j] !== 0) { ci.push(j); vr.push(re[i * n + j]); vi.push(im[i * n + j]); }
    rowPtr[i + 1] = ci.length;
  }
  const G: ComplexCsr = { n, rowPtr, colIdx: Int32Array.from(ci), re: Float64Array.from(vr), im: Float64Array.from(vi) };
  return { G, re, im, n };
}

/** λmin of the Hermitian (re, im) from the real symmetric 2n embedding [[Re, −Im], [Im, Re]]. */
function lambdaMinDense(n: number, re: Float64Array, im: Float64Array): number {
  const M = Matrix.zeros(2 * n, 2 * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    M.set(i, j, re[i * n + j]); M.set(n + i, n + j, re[i * n + j]);
    M.set(i, n + j, -im[i * n + j]); M.set(n + i, j, im[i * n + j]);
  }
  return Math.min(...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues);
}

/** Naive dense complex Cholesky of G + shift (outer-product form): pivots d_j, or the failing row. */
function denseCholeskyPivots(n: number, re0: Float64Array, im0: Float64Array, shift: number): { pivots: number[]; failedRow: number } {
  const re = Float64Array.from(re0), im = Float64Array.from(im0);
  for (let i = 0; i < n; i++) re[i * n + i] += shift;
  const pivots: number[] = [];
  for (let j = 0; j < n; j++) {
    const d = re[j * n + j];
    if (!(d > 0)) return { pivots, failedRow: j };
    pivots.push(d);
    const l = Math.sqrt(d);
    const cr: number[] = [], cc: number[] = [];
    for (let i = j + 1; i < n; i++) { cr.push(re[i * n + j] / l); cc.push(im[i * n + j] / l); }
    // trailing update G_ik −= l_ij conj(l_kj)
    for (let i = j + 1; i < n; i++) for (let k = j + 1; k < n; k++) {
      const ar = cr[i - j - 1], ai = cc[i - j - 1], br = cr[k - j - 1], bi = cc[k - j - 1];
      re[i * n + k] -= ar * br + ai * bi;
      im[i * n + k] -= ai * br - ar * bi;
    }
  }
  return { pivots, failedRow: -1 };
}

describe('hermitianBlockCholesky', () => {
  const partitions = [
    Array.from({ length: 13 }, (_, i) => i), // 12 blocks of size 1 (tridiagonal)
    [0, 3, 4, 9, 11, 17],
    [0, 1, 6, 7, 15, 16, 24],
    [0, 20],
    [0, 8, 20, 22, 35],
  ];
  for (const simd of [true, false]) it(`pivots equal a dense Cholesky; positive definite just above −λmin, indefinite just below (${simd ? 'SIMD' : 'JS'} kernels)`, () => {
    const hermitianBlockCholesky = (G: Parameters<typeof cholesky>[0], P: Int32Array, shift: number) => cholesky(G, P, shift, { simd });
    partitions.forEach((ptr, pi) => {
      for (const seed of [1, 2, 3]) {
        const { G, re, im, n } = randomHermitian(ptr, 100 * pi + seed);
        const lmin = lambdaMinDense(n, re, im);
        const P = Int32Array.from(ptr);
        let nrm = 0;
        for (let i = 0; i < n * n; i++) nrm = Math.max(nrm, Math.hypot(re[i], im[i]));
        const delta = 1e-7 * n * nrm;
        // positive definite: pivots agree with the dense factorisation
        const up = hermitianBlockCholesky(G, P, -lmin + delta);
        const ref = denseCholeskyPivots(n, re, im, -lmin + delta);
        expect(ref.failedRow, `ptr ${pi} seed ${seed}`).toBe(-1);
        expect(up.positiveDefinite, `ptr ${pi} seed ${seed}`).toBe(true);
        expect(up.failedRow).toBe(-1);
        const minRef = Math.min(...ref.pivots);
        expect(Math.abs(up.minPivot - minRef), `ptr ${pi} seed ${seed}`).toBeLessThan(1e-6 * Math.max(minRef, delta));
        // the rounding allowance is tiny next to the margin used here, and positive
        expect(up.backwardError).toBeGreaterThan(0);
        expect(up.backwardError).toBeLessThan(1e-3 * delta);
        // comfortably positive definite: every pivot agrees
        const far = hermitianBlockCholesky(G, P, -lmin + 1);
        const refFar = denseCholeskyPivots(n, re, im, -lmin + 1);
        expect(Math.abs(far.minPivot - Math.min(...refFar.pivots))).toBeLessThan(1e-12 * n * nrm);
        // indefinite: fails, at the same row as the dense factorisation
        const down = hermitianBlockCholesky(G, P, -lmin - delta);
        const refDown = denseCholeskyPivots(n, re, im, -lmin - delta);
        expect(down.positiveDefinite, `ptr ${pi} seed ${seed}`).toBe(false);
        expect(down.failedRow).toBe(refDown.failedRow);
        expect(down.backwardError).toBe(Infinity);
        // far below: fails too (a clearly indefinite matrix)
        expect(hermitianBlockCholesky(G, P, -lmin - 1).positiveDefinite).toBe(false);
      }
    });
  });

  it('large blocks (up to 200) agree with the JS loops and a dense Cholesky', () => {
    for (const [ptr, seed] of [[[0, 150, 290, 300], 5], [[0, 7, 207, 340], 6]] as const) {
      const { G, re, im, n } = randomHermitian([...ptr], seed, 0.3);
      const lmin = lambdaMinDense(n, re, im);
      const P = Int32Array.from(ptr);
      let nrm = 0;
      for (let i = 0; i < n * n; i++) nrm = Math.max(nrm, Math.hypot(re[i], im[i]));
      const delta = 1e-7 * n * nrm;
      for (const shift of [-lmin + delta, -lmin + 1]) {
        const simd = cholesky(G, P, shift), js = cholesky(G, P, shift, { simd: false });
        const ref = denseCholeskyPivots(n, re, im, shift);
        expect(simd.positiveDefinite && js.positiveDefinite).toBe(true);
        const minRef = Math.min(...ref.pivots);
        expect(Math.abs(simd.minPivot - minRef)).toBeLessThan(1e-6 * Math.max(minRef, delta));
        expect(Math.abs(simd.minPivot - js.minPivot)).toBeLessThan(1e-9 * Math.max(minRef, delta) + 1e-12 * n * nrm);
        expect(simd.backwardError).toBeCloseTo(js.backwardError, 12);
      }
      const down = cholesky(G, P, -lmin - delta), refDown = denseCholeskyPivots(n, re, im, -lmin - delta);
      expect(down.positiveDefinite).toBe(false);
      expect(down.failedRow).toBe(refDown.failedRow);
    }
  });

  it('reports its progress per block, ending at 1 when it completes', () => {
    const ptr = [0, 3, 4, 9, 11, 17];
    const { G, re, im, n } = randomHermitian(ptr, 41);
    const seen: number[] = [];
    const r = cholesky(G, Int32Array.from(ptr), -lambdaMinDense(n, re, im) + 1, { onProgress: (f) => seen.push(f) });
    expect(r.positiveDefinite).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((k) => k / 5));
  });

  it('rejects an entry outside the block tridiagonal pattern', () => {
    const { G } = randomHermitian([0, 4, 8], 7);
    expect(() => hermitianBlockCholesky(G, Int32Array.from([0, 2, 4, 6, 8]), 10)).toThrow(RangeError);
  });

  it('flop and byte counts: one block is a dense Cholesky (8·n³/6 flops)', () => {
    expect(hermitianBlockCholeskyFlops([0, 30])).toBeCloseTo((8 * 30 ** 3) / 6, 6);
    expect(hermitianBlockCholeskyBytes([0, 10, 30])).toBe(16 * (100 + 200 + 400));
  });
});
