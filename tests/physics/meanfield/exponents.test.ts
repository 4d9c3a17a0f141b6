import { describe, expect, it } from 'vitest';
import { fitExponents, linearFit } from '../../../src/physics/meanfield/exponents.ts';

describe('critical exponents and small-γ_I behaviour (Section III B)', () => {
  // paper: β_X ≈ 0.5, 0.26, 0.18, 0.14, 0.11, 0.10 and β_Z ≈ 1.0, 0.55, 0.40, 0.33, 0.28, 0.25 (d = 2..7, spin, γ_C = 0)
  const betaX = [0.5, 0.26, 0.18, 0.14, 0.11, 0.1];
  const betaZ = [1.0, 0.55, 0.4, 0.33, 0.28, 0.25];

  it('β_X, β_Z for d = 2..7 (spin dissipator) within one unit of the paper\'s last digit, fit window δ ∈ [2e-3, 0.1]', () => {
    for (let d = 2; d <= 7; d++) {
      const r = fitExponents({ d, dissipator: 'spin' });
      expect(r.transition).toBe('continuous');
      expect(r.converged).toBe(true);
      expect(r.fitRange[0]).toBeCloseTo(1.9, 12);
      expect(r.fitRange[1]).toBeCloseTo(1.998, 12);
      expect(Math.abs(r.betaX - betaX[d - 2])).toBeLessThan(0.01);
      expect(Math.abs(r.betaZ - betaZ[d - 2])).toBeLessThan(0.01);
    }
    // d = 2 is exact: X ∝ √δ, Z + 1 ∝ δ (Eq. 10)
    const r2 = fitExponents({ d: 2, dissipator: 'spin' });
    expect(r2.betaZ).toBeCloseTo(1, 10);
  });

  it('small γ_I: X ≈ c√(γ_I/|V|), Z ≈ c′γ_I/|V| with the paper\'s prefactors', () => {
    const r2 = fitExponents({ d: 2, dissipator: 'spin' });
    expect(Math.abs(r2.smallGammaLimitX - Math.SQRT1_2)).toBeLessThan(1e-3);
    expect(Math.abs(r2.smallGammaPrefactorZ + 0.5)).toBeLessThan(1e-9);
    const s7 = fitExponents({ d: 7, dissipator: 'spin' });
    expect(Math.abs(s7.smallGammaPrefactorX - 0.472)).toBeLessThan(1e-3);
    expect(Math.abs(s7.smallGammaLimitX - 0.472)).toBeLessThan(1e-3);
    expect(Math.abs(s7.smallGammaPrefactorZ + 0.087)).toBeLessThan(1e-3);
    expect(Math.abs(s7.smallGammaExponentX - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s7.smallGammaExponentZ - 1)).toBeLessThan(0.03);
    const f7 = fitExponents({ d: 7, dissipator: 'flat' });
    expect(f7.transition).toBe('first-order');
    expect(Number.isNaN(f7.betaX)).toBe(true);
    expect(Math.abs(f7.smallGammaPrefactorX - 0.378)).toBeLessThan(1e-3);
    expect(Math.abs(f7.smallGammaPrefactorZ + 0.073)).toBeLessThan(1e-3);
  });

  it('linearFit recovers a line', () => {
    const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(f.slope).toBeCloseTo(2, 14);
    expect(f.intercept).toBeCloseTo(1, 14);
  });
});
