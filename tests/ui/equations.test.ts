import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { DEFAULTS, VIEWS } from '../../src/state/params.ts';
import { ellTex, equationsFor, texJ, texNum, valuesTex } from '../../src/ui/equations.ts';
import { plotlyMarkup, scriptPieces } from '../../src/ui/typeset.tsx';

describe('equations panel', () => {
  it('ℓ_m of Eqs. (5) and (6), normalised to ℓ_−j = √(2j)', () => {
    expect(ellTex({ d: 4, dissipator: 'spin', ell: [] })).toEqual(['\\sqrt{3}', '2', '\\sqrt{3}']);
    expect(ellTex({ d: 5, dissipator: 'spin', ell: [] })).toEqual(['2', '\\sqrt{6}', '\\sqrt{6}', '2']);
    expect(ellTex({ d: 4, dissipator: 'flat', ell: [] })).toEqual(['\\sqrt{3}', '\\sqrt{3}', '\\sqrt{3}']);
    expect(ellTex({ d: 3, dissipator: 'custom', ell: [1, 0.5] })).toEqual([texNum(Math.SQRT2), texNum(Math.SQRT2 / 2)]);
    expect(texJ(4)).toBe('\\tfrac{3}{2}');
    expect(texJ(5)).toBe('2');
  });

  it('every equation of every view is valid TeX and carries the current values', () => {
    for (const view of VIEWS) {
      for (const dissipator of ['spin', 'flat', 'custom'] as const) {
        const s = { ...DEFAULTS, view, d: 4, dissipator, ell: [1, 2, 3], gammaI: 0.37, gammaC: 1.25, V: -2, N: 5 };
        const tex = [valuesTex(s), ...equationsFor(s).flatMap((e) => e.tex)];
        for (const t of tex) expect(() => katex.renderToString(t, { throwOnError: true, displayMode: true })).not.toThrow();
        expect(valuesTex(s)).toContain('\\gamma_I = 0.37');
      }
    }
    const fig2 = equationsFor({ ...DEFAULTS, view: 'fig2', gammaI: 0.5, gammaC: 1.2, V: 1 });
    expect(fig2.map((e) => e.eq)).toEqual(['3', '4–5', '10']);
    // Eq. (10a) with the values: Ẋ = −2YZ − 0.5X + 1.2XZ
    expect(fig2[2].tex[0]).toContain('= - 2\\,YZ - 0.5\\,X + 1.2\\,XZ');
    expect(equationsFor({ ...DEFAULTS, view: 'finite' }).map((e) => e.eq)).toEqual(['3', '4–5', '15–16', '17']);
  });

  it('typesets γ_I as a subscript, leaves identifiers alone', () => {
    expect(plotlyMarkup('γ_I / |V|')).toBe('γ<sub>I</sub> / |V|');
    expect(plotlyMarkup('d^N Tr ρ²')).toBe('d<sup>N</sup> Tr ρ²');
    expect(plotlyMarkup('ℓ_{−j}')).toBe('ℓ<sub>−j</sub>');
    expect(plotlyMarkup('fixed_points_d4')).toBe('fixed_points_d4');
    expect(plotlyMarkup('⟨J_z²⟩')).toBe('⟨J<sub>z</sub>²⟩');
    expect(scriptPieces('no scripts')).toEqual([{ text: 'no scripts' }]);
  });
});
