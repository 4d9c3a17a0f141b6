/**
 * Folds (turning points) versus branch points (pitchforks) on the Fig. 4 branches (issue 12,
 * item 4): the spin ladder (and any d ≤ 3) has a continuous transition — the broken branch ends
 * on the z-polarised state at the pitchfork γ_I + γ_C = 2|V| with no fold — while the
 * m-independent dissipator for d ≥ 4 turns back at a fold above the critical line (Fig. 4 caption).
 */
import { describe, expect, it } from 'vitest';
import { makeParams, type ModelParams } from '../../../src/physics/model/model.ts';
import { brokenBranch, fig4Data } from '../../../src/physics/meanfield/bifurcation.ts';
import { classifyCrossing } from '../../../src/physics/meanfield/continuation.ts';
import { jacobian, mfSystem, toReduced } from '../../../src/physics/meanfield/reducedSystem.ts';
import { luFactor } from '../../../src/linalg/denseLu.ts';

/** The request Fig. 4 sends for γ_C = 0, |V| = 1, γ_I/|V| up to 3 (fine and coarse pass). */
const FIG4 = { dissipators: ['spin', 'flat'] as Array<'spin' | 'flat'>, gammaC: 0, V: 1, gammaIRange: [0, 3] as [number, number] };

/** det of the trace-reduced Jacobian ∂F/∂u at point i of a branch. */
function detJ(p: ModelParams, b: ReturnType<typeof brokenBranch>, i: number): number {
  const len = p.d * p.d;
  const sys = mfSystem({ ...p, gammaI: b.columns.gammaI[i], gammaC: b.columns.gammaC[i] });
  const J = new Float64Array(sys.n * sys.n);
  jacobian(sys, toReduced(b.states.subarray(i * len, (i + 1) * len)), J);
  return luFactor(sys.n, J, new Int32Array(sys.n));
}

describe('fold or branch point', () => {
  it('classifyCrossing: t_λ flip with a regular bordered matrix is a fold, a det sign change a branch point, noise neither', () => {
    expect(classifyCrossing({ tLambda: 0.3, borderedDet: 2 }, { tLambda: -0.2, borderedDet: 1.5 })).toBe('fold');
    expect(classifyCrossing({ tLambda: -0.3, borderedDet: -2 }, { tLambda: 0.2, borderedDet: -1 })).toBe('fold');
    expect(classifyCrossing({ tLambda: 0.3, borderedDet: 2 }, { tLambda: 0.31, borderedDet: -1 })).toBe('branch');
    // both flip: the orientation reversed through a singular M, i.e. a branch point
    expect(classifyCrossing({ tLambda: 0.3, borderedDet: 2 }, { tLambda: -0.3, borderedDet: -2 })).toBe('branch');
    // t_λ at rounding level on both sides: no turn
    expect(classifyCrossing({ tLambda: 3e-12, borderedDet: 2 }, { tLambda: -1e-11, borderedDet: 0.2 })).toBe(null);
    expect(classifyCrossing({ tLambda: 0.3, borderedDet: 2 }, { tLambda: 0.2, borderedDet: 1 })).toBe(null);
  });

  it('d = 2, 3 have no fold in the Fig. 4 request (fine and coarse): the line ends at the pitchfork γ_I = 2|V|', () => {
    for (const [points, tolerance] of [[400, undefined], [15, 1e-6]] as const) {
      const f = fig4Data({ ...FIG4, ds: [2, 3], points, tolerance });
      expect(f.curves.length).toBe(4);
      for (const c of f.curves) {
        expect(c.folds).toEqual([]);
        expect(c.branchPoints.length).toBe(1);
        expect(Math.abs(c.branchPoints[0].gammaI - 2)).toBeLessThan(1e-9);
        expect(c.converged).toBe(true);
      }
    }
  });

  it('the spin ladder never reports a fold, whatever the step (steps that land next to the pitchfork included)', () => {
    for (const d of [2, 3, 4, 6]) {
      const p = makeParams({ d, dissipator: 'spin', gammaI: 1e-3, gammaC: 0, V: 1 });
      for (const maxStep of [(3 - 1e-3) / 400, 3 / 400, 0.005, 0.011, 0.023, 0.05, 0.1]) {
        const b = brokenBranch(p, { min: 1e-3, max: 3, maxStep, stability: false });
        expect(b.folds, `d = ${d}, maxStep = ${maxStep}`).toEqual([]);
        expect(b.endReason).toBe('symmetric');
      }
    }
  });

  it('d = 5 flat: one fold at γ_I/|V| ≈ 2.16 where det J changes sign and λ turns back; the pitchfork at 2 is a branch point', () => {
    for (const [points, tolerance, tol] of [[400, undefined, 0.002], [15, 1e-6, 0.01]] as const) {
      const f = fig4Data({ ...FIG4, ds: [5], points, tolerance });
      const flat = f.curves.find((c) => c.dissipator === 'flat')!;
      expect(flat.folds.length).toBe(1);
      expect(Math.abs(flat.folds[0].gammaI - 2.164)).toBeLessThan(tol);
      expect(flat.branchPoints.length).toBe(1);
      expect(Math.abs(flat.branchPoints[0].gammaI - 2)).toBeLessThan(1e-9);
      const spin = f.curves.find((c) => c.dissipator === 'spin')!;
      expect(spin.folds).toEqual([]);
    }
    // independently of the continuation's own test functions: det J of the state Jacobian has
    // opposite signs on the two sides of the fold and the same sign all along the spin branch
    const p = makeParams({ d: 5, dissipator: 'flat', gammaI: 1, gammaC: 0, V: 1 });
    const b = brokenBranch(p, { min: 0.05, max: 3, maxStep: 0.02, stability: false });
    const G = b.columns.gammaI;
    const iFold = G.indexOf(Math.max(...G));
    expect(Math.sign(detJ(p, b, iFold - 3))).toBe(-Math.sign(detJ(p, b, iFold + 3)));
    const q = makeParams({ d: 3, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 1 });
    const s = brokenBranch(q, { min: 0.05, max: 3, maxStep: 0.02, stability: false });
    const sign0 = Math.sign(detJ(q, s, 0));
    // up to the last few points, where J becomes singular at the pitchfork itself
    for (let i = 0; i < s.columns.gammaI.length - 3; i += 5) expect(Math.sign(detJ(q, s, i))).toBe(sign0);
  });
});
