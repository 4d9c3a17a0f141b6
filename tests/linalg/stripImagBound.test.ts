/**
 * stripImagBound (the imaginary-axis search height of rightmostEigs.ts) against dense
 * references from ml-matrix on a model sector: λmax of the 2n×2n symmetric embedding by a dense
 * symmetric eigen-decomposition, and every eigenvalue of the sector with Re λ ≥ −R inside the
 * bound (no safety margin applied here; the caller adds 5 %).
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { csrToDense } from '../../src/linalg/csr.ts';
import { lambdaMaxShiftedField, stripImagBound } from '../../src/linalg/stripImagBound.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';

describe('stripImagBound', () => {
  // N = 14, d = 2, sector (−1,+1), at the issue-13 point
  const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
  const A = buildSectorLiouvillian(buildPiBasis(14, 2), p, { p1: -1, p2: 1 }).matrix;
  const n = A.rows;
  const D = csrToDense(A);
  const evd = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(D.subarray(i * n, (i + 1) * n)))));
  const eig = evd.realEigenvalues.map((re, i) => [re, evd.imaginaryEigenvalues[i]] as const);
  /** Dense λmax of [[tH, S], [−S, tH]]. */
  const lambdaMaxDense = (t: number) => {
    const G = Matrix.zeros(2 * n, 2 * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const h = 0.5 * (D[i * n + j] + D[j * n + i]), s = 0.5 * (D[i * n + j] - D[j * n + i]);
      G.set(i, j, t * h); G.set(n + i, n + j, t * h); G.set(i, n + j, s); G.set(n + i, j, -s);
    }
    return Math.max(...new EigenvalueDecomposition(G, { assumeSymmetric: true }).realEigenvalues);
  };

  it('λmax(K + tH) from Lanczos equals the dense value and lies above it', () => {
    for (const t of [0, 0.5, 1.4]) {
      const est = lambdaMaxShiftedField(A, t), ref = lambdaMaxDense(t);
      expect(est, `t = ${t}`).toBeGreaterThanOrEqual(ref - 1e-9 * Math.abs(ref));
      expect(est - ref, `t = ${t}`).toBeLessThan(1e-3 * Math.abs(ref));
    }
  }, 120_000);

  it('holds every eigenvalue with Re λ ≥ −R and is well below the field-of-values bound', () => {
    const fov = lambdaMaxDense(0);
    const gap = Math.min(...eig.map(([re]) => Math.abs(re)));
    for (const R of [gap * 1.001, 0.5, 2, 5]) {
      const { bound } = stripImagBound(A, R);
      const inStrip = eig.filter(([re]) => re >= -R);
      expect(inStrip.length, `R = ${R}`).toBeGreaterThan(0);
      for (const [, im] of inStrip) expect(Math.abs(im), `R = ${R}`).toBeLessThanOrEqual(bound);
      if (R < 1) expect(bound, `R = ${R}`).toBeLessThan(0.8 * fov);
    }
  }, 120_000);
});
