/**
 * rightmostEigenvalues: certified eigenvalues of smallest |Re| with the imaginary-axis search,
 * on a non-normal block upper-bidiagonal matrix whose spectrum is known exactly (the union of
 * its 2×2 diagonal blocks) and whose rightmost pair has |Im| = 500 |Re|, far from a real shift.
 */
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../src/linalg/csr.ts';
import { rightmostEigenvalues, skewNormEstimate } from '../../src/linalg/rightmostEigs.ts';
import { centred, lcg } from '../reference/random.ts';

const rng = (seed: number) => centred(lcg(seed));

/** K diagonal 2×2 blocks (eigenvalues listed) plus random couplings to the next block (upper). */
function testMatrix(K: number, special: number) {
  const r = rng(42);
  const rows: Array<Array<[number, number]>> = Array.from({ length: 2 * K }, () => []);
  const eig: Array<[number, number]> = [];
  for (let j = 0; j < K; j++) {
    const i = 2 * j;
    if (j === special) {
      // [[a, b], [−b, a]]: a ± ib with a = −0.01, b = 5
      rows[i].push([i, -0.01], [i + 1, 5]); rows[i + 1].push([i, -5], [i + 1, -0.01]);
      eig.push([-0.01, 5], [-0.01, -5]);
    } else {
      const a = -0.5 - 5 * (j / K), c = a - 2.5 / K;
      rows[i].push([i, a], [i + 1, 0.3]); rows[i + 1].push([i + 1, c]);
      eig.push([a, 0], [c, 0]);
    }
    if (j + 1 < K) for (const q of [0, 1]) for (const t of [0, 1]) rows[i + q].push([2 * j + 2 + t, 0.1 * r()]);
  }
  const rowPtr = new Int32Array(2 * K + 1);
  const ci: number[] = [], v: number[] = [];
  rows.forEach((row, i) => { row.sort((x, y) => x[0] - y[0]); for (const [c, x] of row) { ci.push(c); v.push(x); } rowPtr[i + 1] = ci.length; });
  const A: Csr = { rows: 2 * K, cols: 2 * K, rowPtr, colIdx: Int32Array.from(ci), values: Float64Array.from(v) };
  return { A, eig };
}

describe('rightmostEigenvalues', () => {
  const { A, eig } = testMatrix(100, 50);
  it('finds the rightmost pair with |Im| = 500|Re| that a real shift misses, and certifies it', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05 });
    expect(r.complete).toBe(true);
    expect(r.shifts.length).toBeGreaterThan(1);
    const exact = eig.slice().sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]) || a[1] - b[1]).slice(0, 4);
    r.eigenvalues.forEach((e, i) => {
      const err = Math.hypot(e.re - exact[i][0], e.im - exact[i][1]);
      expect(err).toBeLessThan(1e-10);
      expect(err).toBeLessThanOrEqual(e.errorBound);
      expect(e.certified).toBe(true);
    });
    expect(Math.abs(r.eigenvalues[0].im)).toBeGreaterThanOrEqual(10 * Math.abs(r.eigenvalues[0].re));
    // the searched strip reaches the field-of-values bound
    expect(r.strip.imMax).toBeGreaterThanOrEqual(skewNormEstimate(A));
    expect(r.strip.imMax).toBeGreaterThan(5);
  });

  it('without the search (maxShifts = 0) the pair is missed and the result says it is incomplete', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05, maxShifts: 0 });
    expect(r.complete).toBe(false);
    expect(r.eigenvalues.every((e) => e.im === 0)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/searched for \|Im λ\| ≤ .* only/);
  });
});
