import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseQuery, toQuery } from '../../src/state/params.ts';

describe('URL state', () => {
  it('round-trips every parameter through the query string', () => {
    const s = { ...DEFAULTS, view: 'fig3' as const, d: 7, dissipator: 'custom' as const, ell: [2.449489742783178, 1, 0.5, 0.25, 3, 1e-3], gammaI: 0.123456789012, gammaC: 1.5, V: -2.25, projection: 'sphere' as const, grid: true, count: 33, seed: 4242, tEnd: 75, plot3d: true, fig4Ds: [2, 5, 9], fig4Max: 2.5, largeSpin: true, orbits: true, N: 7, mapRes: 15, mapMin: 0.5, mapMax: 3, mapQuantity: 'gap:-1,+1' as const, theta: 1.25, phi: -0.5 };
    const back = parseQuery('?' + toQuery(s));
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('writes N into every link of a view that depends on it, also at its default', () => {
    expect(DEFAULTS.N).toBe(4);
    for (const view of ['finite', 'fig5', 'fig6', 'fig7', 'fig8'] as const) expect(new URLSearchParams(toQuery({ ...DEFAULTS, view })).get('N')).toBe('4');
    for (const view of ['fig2', 'fig3', 'fig4'] as const) expect(new URLSearchParams(toQuery({ ...DEFAULTS, view })).has('N')).toBe(false);
  });

  it('falls back to defaults with a notice for each malformed entry', () => {
    const r = parseQuery('?gammaI=abc&d=-3&V=1e999&view=nope&foo=1&gammaC=-1&count=2.5');
    expect(r.state.gammaI).toBe(DEFAULTS.gammaI);
    expect(r.state.d).toBe(DEFAULTS.d);
    expect(r.state.V).toBe(DEFAULTS.V);
    expect(r.state.view).toBe(DEFAULTS.view);
    expect(r.state.gammaC).toBe(DEFAULTS.gammaC);
    expect(r.state.count).toBe(DEFAULTS.count);
    expect(r.notices).toHaveLength(7);
    expect(r.notices.join('\n')).toMatch(/γ_I must be a number/);
    expect(r.notices.join('\n')).toMatch(/d must be between 2 and 20/);
    expect(r.notices.join('\n')).toMatch(/γ_C must be between 0/);
  });

  it('rejects a custom dissipator of the wrong length', () => {
    const r = parseQuery('?d=4&dissipator=custom&ell=1,2');
    expect(r.state.dissipator).toBe('spin');
    expect(r.notices[0]).toMatch(/d − 1 = 3/);
  });
});

describe('map range and bounds in messages', () => {
  it('mapRangeCheck refuses an end on the wrong side of the other, naming both', async () => {
    const { mapRangeCheck } = await import('../../src/state/params.ts');
    expect(mapRangeCheck('mapMin', 4)('5')).toEqual({ error: 'γ/|V| from must be below to = 4 (got 5); raise “to” first' });
    expect(mapRangeCheck('mapMax', 0.35)('0.2')).toEqual({ error: 'to must be above γ/|V| from = 0.35 (got 0.2); lower “from” first' });
    expect(mapRangeCheck('mapMin', 4)('1')).toEqual({ value: 1 });
    expect('error' in mapRangeCheck('mapMin', 4)('-3')).toBe(true);
  });

  it('a range bound of π is written π', async () => {
    const { CHECKS } = await import('../../src/state/params.ts');
    expect(CHECKS.theta('4')).toEqual({ error: 'θ must be between 0 and π (got 4)' });
  });
});
