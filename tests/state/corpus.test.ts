/**
 * The link half of the bad-input corpus (tests/corpus/badInput.ts): every hostile or malformed
 * query string loads the defaults for what is wrong, keeps what is right, and says why in a
 * notice that names the parameter and its range — short enough to show, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseQuery, toQuery } from '../../src/state/params.ts';
import { URL_CASES } from '../corpus/badInput.ts';

describe(`bad links (${URL_CASES.length} cases of the corpus)`, () => {
  it.each(URL_CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = parseQuery(c.query);
    expect(r.notices.join('\n')).toMatch(c.notice);
    for (const n of r.notices) expect(n.length).toBeLessThan(400);
    // what is written back to the address bar is a valid link with no notice of its own
    const again = parseQuery('?' + toQuery(r.state));
    expect(again.notices).toEqual([]);
    expect(again.state).toEqual(r.state);
    for (const v of Object.values(r.state)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps the valid entries of a link that also has bad ones', () => {
    const r = parseQuery('?gammaI=0.7&d=abc&V=-2&foo=1');
    expect(r.state.gammaI).toBe(0.7);
    expect(r.state.V).toBe(-2);
    expect(r.state.d).toBe(DEFAULTS.d);
  });

  it('uses the last valid value of a repeated key', () => {
    expect(parseQuery('?gammaI=0.3&gammaI=0.7').state.gammaI).toBe(0.7);
    expect(parseQuery('?gammaI=0.3&gammaI=abc').state.gammaI).toBe(0.3);
  });
});
