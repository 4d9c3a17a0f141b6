/**
 * γ_I = 0 (Sec. III A): the fixed-point search lists the four centres of Eq. (11), for qubits and
 * for the spin ladder of any d (with collective decay only, a spin-coherent state stays one), with
 * the purely imaginary pair ±i√(8V² − 2γ_C²) of the qubit Jacobian; none above γ_C = 2|V|.
 * Also: a warm start (the previous γ_C's start state) gives the same Fig. 4 branch.
 */
import { describe, expect, it } from 'vitest';
import { makeParams } from '../../../src/physics/model/model.ts';
import { findFixedPoints } from '../../../src/physics/meanfield/fixedPoints.ts';
import { fig4Data } from '../../../src/physics/meanfield/bifurcation.ts';

function eq11(gammaC: number, V: number): Array<[number, number]> {
  const q = Math.sqrt(1 - (gammaC / (2 * V)) ** 2);
  return [1, -1].flatMap((pm) => {
    const X = Math.sqrt(0.5 + 0.5 * pm * q), Y = Math.sign(V) * Math.sqrt(0.5 - 0.5 * pm * q);
    return [[X, Y], [-X, -Y]] as Array<[number, number]>;
  });
}

describe('γ_I = 0: the centres of Eq. (11)', () => {
  it('qubit and spin ladder d = 3, 4, 6 (V of both signs): four centres, Z = 0, X and Y of Eq. (11)', () => {
    for (const [d, dissipator, V, gC] of [[2, 'spin', 1, 1], [2, 'flat', -1.3, 0.4], [3, 'spin', 1, 0.2], [4, 'spin', -1.5, 0.6], [6, 'spin', 2, 3.9]] as const) {
      const fps = findFixedPoints(makeParams({ d, dissipator, gammaI: 0, gammaC: gC, V }));
      const centres = fps.filter((f) => f.kind === 'centre');
      expect(centres.length, `d = ${d}, V = ${V}, γ_C = ${gC}`).toBe(4);
      const want = eq11(gC, V);
      for (const c of centres) {
        expect(Math.abs(c.Z)).toBeLessThan(1e-12);
        expect(c.residual).toBeLessThan(1e-12 * Math.max(Math.abs(V), gC));
        expect(want.some(([X, Y]) => Math.abs(c.X - X) < 1e-12 && Math.abs(c.Y - Y) < 1e-12)).toBe(true);
        // neutral: no eigenvalue with a real part beyond rounding, so never listed as stable
        expect(c.stable).toBe(false);
        expect(Math.max(...c.eigenvalues.map(([re]) => Math.abs(re)))).toBeLessThan(1e-9 * Math.max(Math.abs(V), gC));
      }
      if (d === 2) {
        // the qubit's oscillation frequency around a centre (Sec. III A)
        const w = Math.sqrt(8 * V * V - 2 * gC * gC);
        for (const c of centres) expect(c.eigenvalues.some(([re, im]) => Math.abs(re) < 1e-9 && Math.abs(Math.abs(im) - w) < 1e-9)).toBe(true);
      }
      // the centres are distinct points
      const keys = new Set(centres.map((c) => `${c.X.toFixed(8)},${c.Y.toFixed(8)}`));
      expect(keys.size).toBe(4);
    }
  });

  it('no centres above γ_C = 2|V| or for γ_I > 0', () => {
    expect(findFixedPoints(makeParams({ d: 2, dissipator: 'spin', gammaI: 0, gammaC: 2.3, V: 1 })).filter((f) => f.kind === 'centre')).toEqual([]);
    expect(findFixedPoints(makeParams({ d: 3, dissipator: 'spin', gammaI: 0.2, gammaC: 0.5, V: 1 })).filter((f) => f.kind === 'centre')).toEqual([]);
  });
});

describe('Fig. 4 warm start', () => {
  it('starting each branch from the previous γ_C\'s start state gives the same curves, folds and pitchforks', () => {
    const base = { ds: [3, 5], dissipators: ['spin', 'flat'] as Array<'spin' | 'flat'>, V: 1, gammaIRange: [0, 3] as [number, number], points: 100 };
    const prev = fig4Data({ ...base, gammaC: 0.3 });
    const guesses = Object.fromEntries(prev.curves.map((c) => [`${c.d}/${c.dissipator}`, c.start]));
    for (const c of prev.curves) expect(c.start.length).toBe(c.d * c.d);
    const cold = fig4Data({ ...base, gammaC: 0.32 });
    const warm = fig4Data({ ...base, gammaC: 0.32, guesses });
    cold.curves.forEach((c, i) => {
      const w = warm.curves[i];
      expect(w.broken.gammaI.length).toBe(c.broken.gammaI.length);
      for (let k = 0; k < c.broken.gammaI.length; k++) {
        expect(Math.abs(w.broken.gammaI[k] - c.broken.gammaI[k])).toBeLessThan(1e-9);
        expect(Math.abs(w.broken.X[k] - c.broken.X[k])).toBeLessThan(1e-9);
      }
      expect(w.folds.map((f) => f.gammaI.toFixed(8))).toEqual(c.folds.map((f) => f.gammaI.toFixed(8)));
      expect(w.branchPoints.map((f) => f.gammaI.toFixed(10))).toEqual(c.branchPoints.map((f) => f.gammaI.toFixed(10)));
    });
    // a guess that is no stable broken state (here the z-polarised state) is not used
    const bad = fig4Data({ ...base, ds: [3], dissipators: ['spin'], gammaC: 0.32, guesses: { '3/spin': Float64Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 : 0)) } });
    expect(bad.curves[0].folds).toEqual([]);
    expect(bad.curves[0].broken.gammaI.length).toBe(cold.curves[0].broken.gammaI.length);
  });
});
