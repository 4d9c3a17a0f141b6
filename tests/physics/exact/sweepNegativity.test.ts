/**
 * The `negativity` quantity of the exact-engine worker's `points` request (sweep.ts
 * finitePoints, used by the Fig. 8 view): equal to negativity.ts called directly on the same
 * steady state, to the naive dense partial transpose (tests/reference), and to hand-checkable
 * values; and the UI's pure cost formula (src/contracts/exact.ts) equal to negativityCost.
 */
import { describe, expect, it } from 'vitest';
import { finitePoints } from '../../../src/physics/exact/sweep.ts';
import { negativityCost, steadyStateNegativity, steadyStateXNegativity } from '../../../src/physics/exact/negativity.ts';
import { steadyState } from '../../../src/physics/exact/steadyState.ts';
import { makeParams } from '../../../src/physics/model/model.ts';
import { negativityCostEstimate } from '../../../src/contracts/exact.ts';
import { refEll, refObservables } from '../../reference/denseLindblad.ts';

describe('finitePoints: steady-state negativity (Eq. 17, N_A = ⌈N/2⌉)', () => {
  it('N = 3, d = 2: equals negativity.ts called directly and the dense partial transpose', () => {
    const base = makeParams({ d: 2, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 1 });
    const pts: Array<[number, number]> = [[0.4, 0.3], [1.2, 0.2], [2.5, 0.9]];
    const res = finitePoints(3, base, pts, { steady: false, gaps: false, negativity: true });
    pts.forEach(([gI, gC], i) => {
      const r = res[i];
      expect(r.error).toBe('');
      expect(r.negativityError).toBeUndefined();
      expect(r.NA).toBe(2);
      const p = { ...base, gammaI: gI, gammaC: gC };
      const direct = steadyStateNegativity(3, p);
      expect(Math.abs(r.negativity! - direct.negativity)).toBeLessThan(1e-12);
      expect(Math.abs(r.logNegativity! - direct.logNegativity)).toBeLessThan(1e-12);
      // from the steady state's own coordinates (the CLI path)
      expect(Math.abs(steadyStateXNegativity(3, p, steadyState(3, p).x).negativity - r.negativity!)).toBeLessThan(1e-10);
      const ref = refObservables({ N: 3, d: 2, ellRe: refEll(2, 'spin'), gammaI: gI, gammaC: gC, V: 1 });
      expect(Math.abs(r.negativity! - ref.negativity)).toBeLessThan(1e-9);
      expect(Math.abs(r.negativityTrace! - 1)).toBeLessThan(1e-10);
      // log₂ ‖ρ^{T_B}‖₁ = log₂(1 + 2𝒩) for a normalised state
      expect(r.logNegativity!).toBeCloseTo(Math.log2(1 + 2 * r.negativity!), 10);
      // the steady-state observables are filled too (negativity implies the steady state)
      expect(r.purity).toBeCloseTo(ref.purity, 9);
    });
    // entangled somewhere: a test that cannot fail on zeros
    expect(Math.max(...res.map((r) => r.negativity!))).toBeGreaterThan(0.05);
  });

  it('V = 0: the steady state is |−j⟩^{⊗N}, a product state, so 𝒩 = 0 exactly (N = 3, d = 2; N = 4, d = 3)', () => {
    for (const [N, d] of [[3, 2], [4, 3]] as const) {
      const base = makeParams({ d, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 0 });
      const [r] = finitePoints(N, base, [[0.7, 0.4]], { steady: true, gaps: false, negativity: true });
      expect(r.error).toBe('');
      expect(Math.abs(r.negativity!)).toBeLessThan(1e-12);
      expect(r.purity).toBeCloseTo(1, 10);
      expect(r.Z).toBeCloseTo(-1, 10);
    }
  });

  it('the m-independent dissipator and V < 0 (N = 2, d = 4, flat ≠ spin): equals the dense reference', () => {
    const base = makeParams({ d: 4, dissipator: 'flat', gammaI: 1, gammaC: 0, V: -1.2 });
    const [r] = finitePoints(2, base, [[0.5, 0.8]], { steady: true, gaps: false, negativity: true });
    const ref = refObservables({ N: 2, d: 4, ellRe: refEll(4, 'flat'), gammaI: 0.5, gammaC: 0.8, V: -1.2 });
    expect(Math.abs(r.negativity! - ref.negativity)).toBeLessThan(1e-9);
    expect(r.negativity!).toBeGreaterThan(0);
  });

  it('not asked for: no negativity fields; N = 1: a reason, the steady state still there', () => {
    const base = makeParams({ d: 2, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 1 });
    const [a] = finitePoints(3, base, [[1, 0.5]], { steady: true, gaps: false });
    expect(a.negativity).toBeUndefined();
    const [b] = finitePoints(1, base, [[1, 0.5]], { steady: true, gaps: false, negativity: true });
    expect(b.error).toBe('');
    expect(Number.isNaN(b.negativity)).toBe(true);
    expect(b.negativityError).toMatch(/NA/);
    expect(b.purity).toBeCloseTo(1, 10);
  });
});

describe('negativityCostEstimate (src/contracts, for the UI) equals negativityCost (physics)', () => {
  for (const [N, d] of [[2, 2], [3, 2], [5, 3], [5, 5], [7, 4], [7, 5], [6, 4]] as const) {
    it(`(N, d) = (${N}, ${d})`, () => {
      expect(negativityCostEstimate(N, d)).toEqual(negativityCost(N, d));
      expect(negativityCostEstimate(N, d, 1)).toEqual(negativityCost(N, d, 1));
    });
  }
});
