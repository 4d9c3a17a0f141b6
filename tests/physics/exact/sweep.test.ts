import { describe, expect, it } from 'vitest';
import { finitePoints } from '../../../src/physics/exact/sweep.ts';
import { makeParams } from '../../../src/physics/model/model.ts';
import { refEll, refObservables, refSectorSpectrum } from '../../reference/denseLindblad.ts';

const SECTORS: Array<[number, number]> = [[1, 1], [1, -1], [-1, 1], [-1, -1]];

describe('finite-N sweep (steady state and gaps along a row of points)', () => {
  for (const [N, d, kind, V] of [[3, 2, 'spin', 1], [2, 3, 'flat', -0.8], [2, 4, 'flat', 1.3], [3, 4, 'spin', 0.9]] as const) {
    it(`agrees with the dense reference: N = ${N}, d = ${d}, ${kind}, V = ${V}`, () => {
      const base = makeParams({ d, dissipator: kind, gammaI: 1, gammaC: 0, V });
      const pts: Array<[number, number]> = [[0.4, 0.3], [1.2, 0.2], [2.5, 0.9]];
      // warm starts carry from one point to the next; every point must still match the reference
      const res = finitePoints(N, base, pts, { steady: true, gaps: true });
      pts.forEach(([gI, gC], i) => {
        const r = res[i];
        expect(r.error).toBe('');
        const ref = refObservables({ N, d, ellRe: refEll(d, kind), gammaI: gI, gammaC: gC, V });
        expect(r.purity).toBeCloseTo(ref.purity, 9);
        expect(r.scaledPurity).toBeCloseTo(ref.scaledPurity, 7);
        expect(r.Z).toBeCloseTo(ref.Z, 9);
        expect(Math.abs(r.X)).toBeLessThan(1e-9); // Π1 symmetry of the unique steady state
        SECTORS.forEach((s, si) => {
          const ev = refSectorSpectrum({ N, d, ellRe: refEll(d, kind), gammaI: gI, gammaC: gC, V }, s);
          const want = -ev[si === 0 ? 1 : 0][0];
          expect(r.gaps[si]).toBeCloseTo(want, 8);
        });
      });
    });
  }

  it('reports a failing point as an error, not as numbers', () => {
    const base = makeParams({ d: 2, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 1 });
    const [r] = finitePoints(3, base, [[0, 0.5]], { steady: true, gaps: false });
    expect(r.error).toMatch(/γ_I > 0/);
    expect(Number.isNaN(r.purity)).toBe(true);
  });
});

describe('sector labels follow the paper (Section IV, DESIGN.md on Π2)', () => {
  it('Δ(−1,+1) is the gap that closes for V > 0 and Δ(−1,−1) the one for V < 0', () => {
    for (const V of [1, -1]) {
      const base = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.3, gammaC: 0.3, V });
      // deep in the interaction-dominated phase, N = 10 qubits: the Π1-breaking gap is small
      const [r] = finitePoints(10, base, [[0.3, 0.3]], { steady: false, gaps: true });
      const [, , gm1p1, gm1m1] = r.gaps;
      if (V > 0) expect(gm1p1).toBeLessThan(0.2 * gm1m1);
      else expect(gm1m1).toBeLessThan(0.2 * gm1p1);
    }
  });
});
