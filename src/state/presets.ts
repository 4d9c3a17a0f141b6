/**
 * Presets reproducing the paper's figures, grouped by figure and listed in the paper's order.
 * Each sets the view and every parameter its figure depends on: a preset is applied over the
 * defaults (see `presetState`), so nothing is left over from the previous view (e.g. the six-panel
 * flag). Fig. 2 and Fig. 3 use (γ_I + γ_C)/|V| = 1.7 and 2.3 with only individual dissipation,
 * γ_C = 2γ_I, or only collective dissipation (captions of Figs. 2 and 3), V = 1.
 */
import { CHROME_KEYS, DEFAULTS, type ExplorerState } from './params.ts';

export interface Preset {
  id: string;
  label: string;
  patch: Partial<ExplorerState>;
  /** Figure number of the paper it belongs to; when absent, read from the id ("fig5…" → 5). */
  figure?: number;
}

/** The rows of Figs. 2 and 3, top to bottom. */
function rows(ratio: number): Array<{ row: string; where: string; gammaI: number; gammaC: number }> {
  return [
    { row: 'γ_C = 0', where: 'top', gammaI: ratio, gammaC: 0 },
    { row: 'γ_C = 2γ_I', where: 'middle', gammaI: +(ratio / 3).toFixed(12), gammaC: +((2 * ratio) / 3).toFixed(12) },
    { row: 'γ_I = 0', where: 'bottom', gammaI: 0, gammaC: ratio },
  ];
}

/** Panels of Figs. 2 and 3 in reading order: row by row, left column (1.7) then right (2.3). */
function panels() {
  return ['top', 'middle', 'bottom'].flatMap((where) =>
    [1.7, 2.3].map((ratio) => ({ ratio, side: ratio < 2 ? 'left' : 'right', ...rows(ratio).find((r) => r.where === where)! })),
  );
}

/**
 * The trajectory highlighted in red in the bottom-left panel of Fig. 3(b): with our seeded
 * initial states (seed 1), #4 starts on the sphere at negative X and Y, approaches the centre
 * (r ≈ 0.6) and returns towards the surface (r ≈ 0.96), as described in Sec. III B.
 */
const FIG3B_HIGHLIGHT = 4;

export const PRESETS: Preset[] = [
  ...panels().map((p) => ({
    id: `fig2-${p.ratio}-${p.row}`,
    label: `Fig. 2 ${p.where} ${p.side}: (γ_I+γ_C)/|V| = ${p.ratio}, ${p.row}`,
    patch: { view: 'fig2' as const, d: 2, dissipator: 'spin' as const, gammaI: p.gammaI, gammaC: p.gammaC, V: 1, projection: p.gammaI === 0 ? ('sphere' as const) : ('plane' as const) },
  })),
  { id: 'fig2-all', label: 'Fig. 2: all six panels', patch: { view: 'fig2', d: 2, dissipator: 'spin', gammaI: 0.85, gammaC: 0.85, V: 1, grid: true } },
  ...(['spin', 'flat'] as const).flatMap((dis) =>
    panels().map((p) => ({
      id: `fig3${dis === 'spin' ? 'a' : 'b'}-${p.ratio}-${p.row}`,
      label: `Fig. 3(${dis === 'spin' ? 'a' : 'b'}) ${p.where} ${p.side}: ${dis === 'spin' ? 'spin' : 'flat'}, (γ_I+γ_C)/|V| = ${p.ratio}, ${p.row}${dis === 'flat' && p.where === 'bottom' && p.side === 'left' ? ' (highlighted trajectory)' : ''}`,
      patch: {
        view: 'fig3' as const, d: 4, dissipator: dis, gammaI: p.gammaI, gammaC: p.gammaC, V: 1, count: 20, seed: 1,
        ...(dis === 'flat' && p.where === 'bottom' && p.side === 'left' ? { highlight: FIG3B_HIGHLIGHT } : {}),
      },
    })),
  ),
  { id: 'fig4', label: 'Fig. 4: |X|, Z vs γ_I/|V| (γ_C = 0, d = 2..7)', patch: { view: 'fig4', d: 5, dissipator: 'flat', gammaI: 2.1, gammaC: 0, V: 1, fig4Ds: [2, 3, 4, 5, 6, 7], fig4Max: 3 } },
  // Figs. 5–7 open their own views, which start computing at once (coarse to fine) at live sizes and offer the paper's
  { id: 'fig5', label: 'Fig. 5(a): gap maps, four sectors × rows of (N, d), spin ladder', patch: { view: 'fig5', d: 3, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1, mapRes: 10, mapMin: 0.2, mapMax: 4 } },
  { id: 'fig5b', label: 'Fig. 5(b): gap maps, m-independent dissipator', patch: { view: 'fig5', d: 3, dissipator: 'flat', gammaI: 1.8, gammaC: 0.2, V: 1, mapRes: 10, mapMin: 0.2, mapMax: 4 } },
  { id: 'fig6', label: 'Fig. 6: gaps vs γ_I/|V| at γ_C = 0.2|V| and vs 1/N at (1.8, 0.2)|V|, spin ladder', patch: { view: 'fig6', d: 3, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1, mapMin: 0.2, mapMax: 4 } },
  { id: 'fig6b', label: 'Fig. 6: the same, m-independent dissipator', patch: { view: 'fig6', d: 3, dissipator: 'flat', gammaI: 1.8, gammaC: 0.2, V: 1, mapMin: 0.2, mapMax: 4 } },
  { id: 'fig7', label: 'Fig. 7: purity maps, N = 5, 7 × d = 2..5, both dissipators', patch: { view: 'fig7', d: 3, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1, mapRes: 10, mapMin: 0.35, mapMax: 4, colorScale: 'log' } },
  { id: 'fig8', label: 'Fig. 8: steady-state negativity', patch: { view: 'fig8', d: 3, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1, mapRes: 10, mapMin: 0.35, mapMax: 4, colorScale: 'shared' } },
];

/** The paper's figure a preset belongs to. */
export function presetFigure(p: Preset): number {
  if (p.figure !== undefined) return p.figure;
  const m = /^fig(\d+)/.exec(p.id) ?? /Figs?\.\s*(\d+)/.exec(p.label);
  return m ? Number(m[1]) : 99;
}

/** The presets grouped by figure, in the paper's order (figures ascending, list order within). */
export function presetGroups(list: Preset[] = PRESETS): Array<{ figure: number; label: string; presets: Preset[] }> {
  const groups = new Map<number, Preset[]>();
  for (const p of list) {
    const f = presetFigure(p);
    if (!groups.has(f)) groups.set(f, []);
    groups.get(f)!.push(p);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([figure, presets]) => ({ figure, label: figure === 99 ? 'Other' : `Fig. ${figure}`, presets }));
}

/** The whole state a preset leads to: the defaults, its patch, and the current presentation keys. */
export function presetState(p: Preset, current: ExplorerState): ExplorerState {
  const s: ExplorerState = { ...DEFAULTS, ...p.patch };
  for (const k of CHROME_KEYS) (s as unknown as Record<string, unknown>)[k] = current[k];
  return s;
}

const same = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b);

/** The preset whose state equals the current one (presentation keys aside), or null. */
export function activePreset(s: ExplorerState, list: Preset[] = PRESETS): Preset | null {
  for (const p of list) {
    const target = presetState(p, s);
    if ((Object.keys(DEFAULTS) as Array<keyof ExplorerState>).every((k) => same(s[k], target[k]))) return p;
  }
  return null;
}

/**
 * The preset `step` places after (or before, step < 0) the active one within the same figure,
 * wrapping round; with no active preset, the first (last) of the current view's first figure.
 */
export function stepPreset(s: ExplorerState, step: 1 | -1, list: Preset[] = PRESETS): Preset | null {
  const cur = activePreset(s, list);
  const fig = cur ? presetFigure(cur) : presetFigure(list.find((p) => p.patch.view === s.view) ?? list[0]);
  const group = list.filter((p) => presetFigure(p) === fig);
  if (group.length === 0) return null;
  if (!cur) return step > 0 ? group[0] : group[group.length - 1];
  const i = group.indexOf(cur);
  return group[(i + step + group.length) % group.length];
}
