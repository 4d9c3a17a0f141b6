/**
 * The steady-state panel's checks (src/ui/views/finite/common.tsx steadyChecksRows) on states
 * computed by the engine: a unique steady state shows λ₁ and no notice; a metastable slow mode
 * at N = 80, d = 2, γ_I + γ_C = 2|V| (λ₁ ≈ 4e-8, not certifiable in double precision) shows
 * "not decided" with the engine's reason; the ILUT fallback shows "not checked"; a negative
 * diagonal entry rejects the state (steadyProblem).
 */
import { describe, expect, it } from 'vitest';
import { makeParams } from '../../src/physics/model/model.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';
import { steadySector, steadyStateOfSector } from '../../src/physics/exact/steadyState.ts';
import { steadyChecksRows, steadyProblem } from '../../src/ui/views/finite/common.tsx';
import type { FinitePointResult } from '../../src/contracts/exact.ts';

function steady(N: number, d: number, rates: { gammaI: number; gammaC: number; V: number }, opts: { maxFactorFlops?: number } = {}) {
  const p = makeParams({ d, dissipator: 'spin', ...rates });
  const b = buildPiBasis(N, d);
  return steadyStateOfSector(b, buildSectorLiouvillian(b, p, steadySector(p)), opts);
}

describe('steady-state checks in the finite-N panel', () => {
  it('unique: λ₁ shown, no notice', () => {
    const s = steady(6, 2, { gammaI: 1.8, gammaC: 0.2, V: 1 });
    expect(s.checks.unique).toBe(true);
    const { rows, notice } = steadyChecksRows(s.checks);
    expect(notice).toBeNull();
    const u = rows.find((r) => r.testid === 'steady-unique')!;
    expect(u.value).toMatch(/^yes \(nearest nonzero eigenvalue -/);
    expect(u.value).toContain(s.checks.lambda1!.re.toExponential(3));
    expect(rows.find((r) => r.testid === 'steady-solver')!.value).toBe('exact block LU');
    expect(rows.find((r) => r.testid === 'steady-checks')!.value).toMatch(/≥ 0$/);
  });

  it('on the page (|V| given) in units of |V| like every other rate there', () => {
    const s = steady(6, 2, { gammaI: 1.8, gammaC: 0.2, V: -2 });
    const u = steadyChecksRows(s.checks, 2).rows.find((r) => r.testid === 'steady-unique')!.value;
    expect(u).toMatch(new RegExp(`nearest nonzero eigenvalue ${(s.checks.lambda1!.re / 2).toExponential(3).replace(/[.+]/g, '\\$&')}( [−+] \\d\\.\\d{3}e[-+]\\d+i)? \\|V\\|`));
    const b = s.checks.lambda1ErrorBound;
    expect(u).toContain(b !== null ? `± ${(b / 2).toExponential(1)} |V|, certified ≠ 0` : '≠ 0 at the matrix’s scale');
    // and without |V| (CLI-like callers) the engine's rate units, no unit written
    expect(steadyChecksRows(s.checks).rows.find((r) => r.testid === 'steady-unique')!.value).toContain(`eigenvalue ${s.checks.lambda1!.re.toExponential(3)}`);
  });

  it('an imaginary part at the rounding level of the real one is not shown; a real one is', () => {
    const s = steady(6, 2, { gammaI: 1.8, gammaC: 0.2, V: 1 });
    const noise = steadyChecksRows({ ...s.checks, lambda1: { re: s.checks.lambda1!.re, im: -1.33e-17 } }).rows.find((r) => r.testid === 'steady-unique')!.value;
    expect(noise).not.toMatch(/\di\b/);
    const pair = steadyChecksRows({ ...s.checks, lambda1: { re: s.checks.lambda1!.re, im: 0.25 } }).rows.find((r) => r.testid === 'steady-unique')!.value;
    expect(pair).toContain('+ 2.500e-1i');
  });

  it('N = 80, d = 2 at γ_I + γ_C = 2|V|: "not decided" with the engine\'s reason', () => {
    const s = steady(80, 2, { gammaI: 1.8, gammaC: 0.2, V: 1 });
    expect(s.checks.unique).toBeNull();
    const { rows, notice } = steadyChecksRows(s.checks);
    expect(rows.find((r) => r.testid === 'steady-unique')!.value).toMatch(/^not decided \(nearest nonzero eigenvalue -?\d\.\d+e-[78]( [−+] \d\.\d+e-\d+i)?( \(Re > 0: not a converged eigenvalue\))?\)$/);
    expect(notice).toMatch(/^Uniqueness not decided: the eigenvalue next to 0/);
    expect(notice).toContain('another steady state is not excluded');
  }, 120_000);

  it('the ILUT fallback: "not checked"', () => {
    const s = steady(6, 2, { gammaI: 1.8, gammaC: 0.2, V: 1 }, { maxFactorFlops: 0 });
    expect(s.checks.solver).toBe('ilut-gmres');
    const { rows, notice } = steadyChecksRows(s.checks);
    expect(rows.find((r) => r.testid === 'steady-unique')!.value).toBe('not checked');
    expect(rows.find((r) => r.testid === 'steady-solver')!.value).toMatch(/ILUT/);
    expect(notice).toMatch(/not checked/);
  });

  it('a negative diagonal entry rejects the state', () => {
    const s = steady(4, 2, { gammaI: 1.8, gammaC: 0.2, V: 1 });
    const point: FinitePointResult = { gammaI: 1.8, gammaC: 0.2, X: s.X, Y: s.Y, Z: s.Z, jz2: s.jz2, purity: s.purity, scaledPurity: s.scaledPurity, residual: s.residual, gaps: [], dims: {}, error: '', steadyChecks: s.checks };
    expect(steadyProblem(point, 4, 2)).toBeNull();
    const bad = { ...point, steadyChecks: { ...s.checks, minDiagonal: -1e-3, positiveDiagonal: false } };
    expect(steadyProblem(bad, 4, 2)).toMatch(/diagonal entry of ρ is negative \(-1\.00e-3\)/);
  });
});
