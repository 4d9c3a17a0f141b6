import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseQuery, toQuery } from '../../src/state/params.ts';
import { PRESETS, activePreset, presetFigure, presetGroups, presetState, stepPreset } from '../../src/state/presets.ts';

describe('presets', () => {
  it('are grouped by figure in the paper order, Fig. 2 panels row by row', () => {
    const groups = presetGroups();
    const figs = groups.map((g) => g.figure);
    expect(figs).toEqual([...figs].sort((a, b) => a - b));
    expect(figs.slice(0, 3)).toEqual([2, 3, 4]);
    const fig2 = groups[0].presets.map((p) => [p.patch.gammaI, p.patch.gammaC]);
    expect(fig2.slice(0, 6)).toEqual([[1.7, 0], [2.3, 0], [1.7 / 3, 3.4 / 3].map((x) => +x.toFixed(12)), [2.3 / 3, 4.6 / 3].map((x) => +x.toFixed(12)), [0, 1.7], [0, 2.3]]);
    // Fig. 3: (a) spin then (b) flat, six panels each
    expect(groups[1].presets.map((p) => p.patch.dissipator)).toEqual([...Array(6).fill('spin'), ...Array(6).fill('flat')]);
  });

  it('set every parameter they depend on: nothing is left over from the previous state', () => {
    const messy = { ...DEFAULTS, view: 'fig4' as const, grid: true, plot3d: true, N: 9, largeSpin: true, lecture: true, info: true };
    for (const p of PRESETS) {
      const s = presetState(p, messy);
      for (const [k, v] of Object.entries(s)) {
        const key = k as keyof typeof s;
        if (key === 'lecture' || key === 'info') expect(v).toBe(true); // the presentation is kept
        else if (!(key in p.patch)) expect(v).toEqual(DEFAULTS[key]);
      }
      expect(activePreset(s)).toBe(p);
      // and the state round-trips through a link
      expect(parseQuery('?' + toQuery(s)).state).toEqual(s);
    }
  });

  it('the highlighted trajectory belongs to the bottom-left panel of Fig. 3(b) only', () => {
    const hl = PRESETS.filter((p) => p.patch.highlight);
    expect(hl.map((p) => p.id)).toEqual(['fig3b-1.7-γ_I = 0']);
  });

  it('step within the figure of the active preset, wrapping round', () => {
    const fig2 = PRESETS.filter((p) => presetFigure(p) === 2);
    let s = presetState(fig2[0], DEFAULTS);
    for (let i = 1; i <= fig2.length; i++) {
      const next = stepPreset(s, 1)!;
      expect(next).toBe(fig2[i % fig2.length]);
      s = presetState(next, s);
    }
    expect(stepPreset(presetState(fig2[0], DEFAULTS), -1)).toBe(fig2[fig2.length - 1]);
    // no active preset: the first one of the current view's figure
    expect(stepPreset({ ...DEFAULTS, view: 'fig3', gammaI: 0.123 }, 1)!.id).toBe('fig3a-1.7-γ_C = 0');
  });
});
