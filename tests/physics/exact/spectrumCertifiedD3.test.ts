/**
 * Certified sector spectra (issue 13) against dense references: (N, d) = (8, 3), two sectors
 * (the other two take as long again; spectrumCertified.test.ts covers N = 40 in all four).
 *
 * Reference values: numpy 2.4.6 / scipy 1.17.1 `scipy.linalg.eig(A, left=True, right=True)`
 * (LAPACK dgeev) of the dense HS-normalised sector matrices exported by this engine
 * (buildSectorLiouvillian, spin dissipator), computed 2026-11-30 by the issue-13 helper
 * (scripts in the report: /tmp/ref/dump.ts + eig.py). Each entry is [Re λ, Im λ, κ(λ)] with κ
 * from the left and right eigenvectors; the smallest |Re| first (ties by Im). A backward-stable
 * dense solver is itself only accurate to about κ·ε·‖A‖∞, so that much is allowed on top of
 * our own error bound when testing "within its bound"; the absolute-plus-relative agreement
 * 1e-7 of the issue is tested as is.
 */
import { describe, expect, it } from 'vitest';
import { makeParams } from '../../../src/physics/model/model.ts';
import { buildPiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { sectorSpectrum } from '../../../src/physics/exact/spectrum.ts';
import { parseSector, type SectorLabel } from '../../../src/physics/exact/sectors.ts';

type Ref = Record<SectorLabel, Array<[number, number, number]>>;
const EPS = 2.220446049250313e-16;

// N = 8, d = 3, (0.9, 0.35, 1); sector dims 3382, 3088, 3200, 3200.
const N8D3: Ref = {
  '+1,+1': [[9.18835166643303e-15, 0, 21.3], [-0.86325341793421, -1.06526358168127, 70], [-0.86325341793421, 1.06526358168127, 70], [-1.21508240599394, 0, 29.2]],
  '+1,-1': [[-1.40467329927564, 0, 17.9], [-1.70910249330622, -0.692438315931331, 67.9], [-1.70910249330622, 0.692438315931331, 67.9]],
  '-1,+1': [[-0.0902136241510539, 0, 9.92], [-1.0144590196426, -1.28304962980229, 21.3], [-1.0144590196426, 1.28304962980229, 21.3]],
  '-1,-1': [[-1.37883857432878, 0, 9.23], [-1.73427768439408, -0.913489523498047, 17.2], [-1.73427768439408, 0.913489523498047, 17.2]],
};

function checkPoint(N: number, d: number, V: number, ref: Ref, sectors: readonly SectorLabel[]) {
  const p = makeParams({ d, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V });
  const b = buildPiBasis(N, d);
  for (const label of sectors) {
    const L = buildSectorLiouvillian(b, p, parseSector(label));
    const A = L.matrix;
    let nA = 0;
    for (let i = 0; i < A.rows; i++) { let s = 0; for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) s += Math.abs(A.values[q]); nA = Math.max(nA, s); }
    const want = ref[label];
    const s = sectorSpectrum(A, { k: want.length, sigma: 0.02 * (0.9 + 0.35 + Math.abs(V)) });
    expect(s.solver).toBe('block-lu');
    expect(s.complete).toBe(true);
    expect(s.eigenvalues.length).toBe(want.length);
    s.eigenvalues.forEach((e, i) => {
      const [re, im, kappa] = want[i];
      const err = Math.hypot(e.re - re, e.im - im);
      expect(err, `${label} λ${i}`).toBeLessThan(1e-7 * (1 + Math.hypot(re, im)));
      expect(e.errorBound, `${label} λ${i} has a bound`).toBeDefined();
      expect(err, `${label} λ${i} within its bound`).toBeLessThanOrEqual(e.errorBound! + kappa * EPS * nA);
      expect(e.certified, `${label} λ${i} certified`).toBe(true);
      // the condition number from our left/right vectors matches the dense one (3 digits stored)
      expect(Math.abs(e.condition! / kappa - 1)).toBeLessThan(0.02);
    });
    expect(s.certified).toBe(true);
  }
}

describe('certified sector spectra vs dense references, d = 3', () => {
  it('N = 8, d = 3, V = 1: sectors (+1,+1) and (−1,+1)', () => {
    checkPoint(8, 3, 1, N8D3, ['+1,+1', '-1,+1']);
  }, 240_000);
});
