import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/physics/model/random.ts';
import { makeParams, type ModelParams } from '../../../src/physics/model/model.ts';
import { integrateMeanField, pureState, spinExpectations, zPolarisedState } from '../../../src/physics/meanfield/meanfield.ts';
import { newtonFixedPoint, stabilityOf, zStability } from '../../../src/physics/meanfield/fixedPoints.ts';
import { continueBranch } from '../../../src/physics/meanfield/continuation.ts';
import { brokenBranch, fig4Data, findBrokenState, phaseDiagram } from '../../../src/physics/meanfield/bifurcation.ts';
import { mfSystem, reducedDim, residual, toReduced } from '../../../src/physics/meanfield/reducedSystem.ts';

const rng = mulberry32;

/** Fixed points on the branch at rate g (Newton from each crossing of the branch with g). */
function branchAt(p: ModelParams, b: ReturnType<typeof brokenBranch>, g: number) {
  const len = p.d * p.d, G = b.columns.gammaI, out = [];
  for (let i = 0; i + 1 < G.length; i++) {
    if ((G[i] - g) * (G[i + 1] - g) <= 0 && G[i] !== G[i + 1]) {
      const nr = newtonFixedPoint({ ...p, gammaI: g }, b.states.subarray(i * len, (i + 1) * len));
      expect(nr.converged).toBe(true);
      out.push({ ...spinExpectations(p.d, nr.state), ...stabilityOf({ ...p, gammaI: g }, nr.state) });
    }
  }
  return out;
}

describe('continuation of the broken-symmetry branch (Fig. 4)', () => {
  it('flat dissipator, γ_C = 0: folds (end of bistability) at γ_I/|V| ≈ 2.05, 2.16, 2.30, 2.46 for d = 4..7 (Fig. 4 caption)', () => {
    const caption = [2.05, 2.16, 2.30, 2.46];
    for (let d = 4; d <= 7; d++) {
      const p = makeParams({ d, dissipator: 'flat', gammaI: 1, gammaC: 0, V: 1 });
      const b = brokenBranch(p, { min: 0.01, max: 3, maxStep: 0.02, stabilityStride: 4 });
      expect(b.converged).toBe(true);
      expect(b.endReason).toBe('symmetric');
      expect(b.folds.length).toBe(1);
      const fold = b.folds[0];
      expect(fold.approximate).toBe(false);
      expect(Math.abs(fold.gammaI - caption[d - 4])).toBeLessThan(0.01);
      // the line ends at the fold with X ≠ 0, Z ≠ −1: a first-order transition
      expect(Math.abs(fold.X)).toBeGreaterThan(0.2);
      // after the fold the branch returns unstable to the pitchfork at γ_I = 2|V| on the z state
      expect(b.branchPoints.length).toBe(1);
      expect(Math.abs(b.branchPoints[0].gammaI - 2)).toBeLessThan(1e-12);
      const C = b.columns;
      const iFold = C.gammaI.indexOf(Math.max(...C.gammaI));
      for (let i = 0; i < C.gammaI.length; i++) {
        if (i < iFold - 1) expect(C.stable[i]).toBe(1);
        if (i > iFold + 1) expect(C.stable[i]).toBe(0);
      }
    }
  });

  it('spin dissipator: no fold, the branch ends at the pitchfork γ_I = 2|V| − γ_C where the z state loses stability (d = 2..7)', () => {
    const r = rng(9);
    for (let d = 2; d <= 7; d++) {
      const gC = d % 2 === 0 ? 0 : 0.6 * r();
      const V = d === 5 ? -1.3 : 1;
      const crit = 2 * Math.abs(V) - gC;
      const p = makeParams({ d, dissipator: 'spin', gammaI: crit / 2, gammaC: gC, V });
      const b = brokenBranch(p, { min: 0.02 * crit, max: 2 * crit, maxStep: 0.05, stabilityStride: 4 });
      expect(b.converged).toBe(true);
      expect(b.folds.length).toBe(0);
      expect(b.branchPoints.length).toBe(1);
      expect(Math.abs(b.branchPoints[0].gammaI - crit)).toBeLessThan(1e-12);
      expect(Math.max(...b.columns.gammaI)).toBeLessThanOrEqual(crit + 1e-9);
      // stable all along except within rounding of the (degenerate) pitchfork
      b.points.forEach((pt) => expect(pt.stable || pt.maxRealEigenvalue > -1e-6).toBe(true));
      expect(zStability({ ...p, gammaI: crit * (1 + 1e-6) }).stable).toBe(true);
      expect(zStability({ ...p, gammaI: crit * (1 - 1e-6) }).stable).toBe(false);
    }
  });

  it('continuing the z-polarised state itself: the branch point (det of the bordered Jacobian) is at γ_I = 2|V| − γ_C', () => {
    for (const d of [2, 5]) {
      const p = makeParams({ d, dissipator: 'flat', gammaI: 1, gammaC: 0.3, V: -1 });
      const b = continueBranch(p, zPolarisedState(d), { min: 0.5, max: 3, maxStep: 0.05 });
      expect(b.converged).toBe(true);
      expect(b.folds.length).toBe(0);
      expect(b.branchPoints.length).toBe(1);
      expect(Math.abs(b.branchPoints[0].gammaI - 1.7)).toBeLessThan(1e-9);
      for (const pt of b.points) expect(pt.stable).toBe(pt.gammaI > 1.7);
    }
  });

  it('d = 2: every point of the branch equals Eq. (10)\'s closed form, in γ_I and in γ_C', () => {
    const V = 1.2, aV = 1.2;
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.5, gammaC: 0.3, V });
    for (const parameter of ['gammaI', 'gammaC'] as const) {
      const b = brokenBranch(p, { parameter, min: 0.01, max: 3, maxStep: 0.03 });
      expect(b.converged).toBe(true);
      expect(b.points.length).toBeGreaterThan(50);
      for (const pt of b.points) {
        const den = 2 * aV - pt.gammaC;
        const X = Math.sqrt(Math.max(0, pt.gammaI * (2 * aV - pt.gammaI - pt.gammaC))) / den;
        // near the pitchfork X ∝ √(γ_c − γ): a residual ε moves X by ≈ ε/X², hence the relative bound
        expect(Math.abs(Math.abs(pt.X) - X)).toBeLessThan(1e-9 + 1e-12 / (X * X));
        expect(Math.abs(pt.Y - pt.X)).toBeLessThan(1e-12);
        expect(Math.abs(pt.Z + pt.gammaI / den)).toBeLessThan(1e-9);
      }
      const crit = parameter === 'gammaI' ? 2 * aV - 0.3 : 2 * aV - 0.5;
      expect(b.branchPoints.length).toBe(1);
      expect(Math.abs(b.branchPoints[0][parameter] - crit)).toBeLessThan(1e-12);
    }
  });

  it('agrees with brute force (integration from 16 random initial states) at sampled γ_I, including the bistable region', () => {
    const cases: Array<[number, 'spin' | 'flat', number[]]> = [[5, 'flat', [0.6, 1.97, 2.1, 2.25]], [4, 'spin', [1.0, 1.9]]];
    const r = rng(10);
    for (const [d, dissipator, gs] of cases) {
      const p = makeParams({ d, dissipator, gammaI: 1, gammaC: 0, V: 1 });
      const b = brokenBranch(p, { min: 0.05, max: 3, maxStep: 0.02, stability: false });
      for (const g of gs) {
        const q = { ...p, gammaI: g };
        const predicted = branchAt(p, b, g).filter((f) => f.stable).map((f) => [f.X, f.Y, f.Z]);
        // the Π1 images and the z state (if stable)
        const all = [...predicted, ...predicted.map(([X, Y, Z]) => [-X, -Y, Z])];
        if (zStability(q).stable) all.push([0, 0, -1]);
        const seen = new Set<number>();
        for (let k = 0; k < 16; k++) {
          const re = Array.from({ length: d }, () => r() - 0.5), im = Array.from({ length: d }, () => r() - 0.5);
          const tr = integrateMeanField(q, pureState(d, re, im), [1500 / g], { rtol: 1e-9, atol: 1e-12 }, 1);
          const e = spinExpectations(d, tr.final);
          const idx = all.findIndex(([X, Y, Z]) => Math.abs(X - e.X) + Math.abs(Y - e.Y) + Math.abs(Z - e.Z) < 1e-5);
          expect(idx, `d=${d} ${dissipator} γ_I=${g}: attractor (${e.X}, ${e.Y}, ${e.Z}) not predicted`).toBeGreaterThanOrEqual(0);
          seen.add(idx);
        }
        if (d === 5 && g === 2.1) expect(all.length).toBe(3); // bistable: z state and the broken pair
        if (d === 5 && g === 2.25) expect(all.length).toBe(1); // beyond the fold: z state only
        // every predicted attractor reached from some initial state (the broken pair by symmetry)
        expect(seen.size).toBeGreaterThanOrEqual(Math.min(all.length, 2));
      }
    }
  });

  it('the fold is where the broken attractor disappears: brute force just below and above it (flat, d = 6)', () => {
    const p = makeParams({ d: 6, dissipator: 'flat', gammaI: 1, gammaC: 0, V: 1 });
    const b = brokenBranch(p, { min: 0.5, max: 3, maxStep: 0.05, stability: false });
    const gf = b.folds[0].gammaI;
    const s0 = findBrokenState({ ...p, gammaI: gf - 0.05 })!;
    const below = integrateMeanField({ ...p, gammaI: gf - 0.003 }, s0, [3000], { rtol: 1e-9, atol: 1e-12 }, 1);
    const above = integrateMeanField({ ...p, gammaI: gf + 0.003 }, s0, [3000], { rtol: 1e-9, atol: 1e-12 }, 1);
    expect(Math.abs(spinExpectations(6, below.final).X)).toBeGreaterThan(0.2); // still broken
    expect(spinExpectations(6, above.final).Z).toBeCloseTo(-1, 6); // fell to the z-polarised state
  });

  it('d = 10 flat: follows the branch past γ_I = 2|V| to its fold and back to the pitchfork', () => {
    const p = makeParams({ d: 10, dissipator: 'flat', gammaI: 1, gammaC: 0, V: 1 });
    const b = brokenBranch(p, { min: 0.05, max: 4, maxStep: 0.05, stability: false });
    expect(b.converged).toBe(true);
    expect(b.endReason).toBe('symmetric');
    expect(b.folds.length).toBe(1);
    expect(b.folds[0].gammaI).toBeGreaterThan(2.46); // the bistable region keeps growing with d
    const s = findBrokenState({ ...p, gammaI: b.folds[0].gammaI - 0.01 });
    expect(s).not.toBeNull();
  });

  it('a failing continuation is reported as such, and the points it returns are still fixed points', () => {
    const p = makeParams({ d: 4, dissipator: 'flat', gammaI: 1, gammaC: 0, V: 1 });
    const s0 = findBrokenState(p)!;
    // steps far too large and a minimum step that forbids refinement: the corrector must fail
    const b = continueBranch(p, s0, { min: 0.01, max: 3, direction: 1, step: 1.5, maxStep: 1.5, minStep: 0.7 });
    expect(b.converged).toBe(false);
    expect(b.endReason).toBe('failed');
    expect(b.message).toMatch(/corrector failed/);
    const sys = mfSystem(p);
    const F = new Float64Array(reducedDim(4));
    b.points.forEach((pt, i) => {
      sys.p = { ...p, gammaI: pt.gammaI };
      residual(sys, toReduced(b.states.subarray(i * 16, (i + 1) * 16)), F);
      expect(Math.max(...F.map(Math.abs))).toBeLessThan(1e-10);
    });
  });

  it('fig4Data and phaseDiagram: shapes, folds and the bistable interval', () => {
    const f = fig4Data({ ds: [2, 5], dissipators: ['spin', 'flat'], gammaC: 0, V: 1, gammaIRange: [0, 2.6], points: 100 });
    expect(f.curves.length).toBe(4);
    const flat5 = f.curves.find((c) => c.d === 5 && c.dissipator === 'flat')!;
    expect(Math.abs(flat5.stableEnd - 2.16)).toBeLessThan(0.01);
    expect(flat5.z.gammaI.length).toBe(100);
    expect(flat5.broken.absX.every((x) => x >= 0)).toBe(true);
    const spin2 = f.curves.find((c) => c.d === 2 && c.dissipator === 'spin')!;
    expect(spin2.folds.length).toBe(0);
    const pd = phaseDiagram({ d: 5, dissipator: 'flat', V: 1, gammaIMax: 3, gammaCMax: 1, resolution: 3 });
    expect(Array.from(pd.criticalGammaI)).toEqual([2, 1.5, 1]);
    expect(Math.abs(pd.foldGammaI[0] - 2.164)).toBeLessThan(0.002);
    for (let r = 0; r < 3; r++) {
      expect(pd.converged[r]).toBe(1);
      expect(pd.bistableTo[r]).toBeGreaterThan(pd.bistableFrom[r]);
    }
  });
});
