/**
 * Presets reproducing the paper's figures. Each sets the view and the parameters of one panel;
 * Fig. 2 and Fig. 3 use (γ_I + γ_C)/|V| = 1.7 and 2.3 with only individual dissipation,
 * γ_C = 2γ_I, or only collective dissipation (captions of Figs. 2 and 3), V = 1.
 */
import type { ExplorerState } from './params.ts';

export interface Preset {
  id: string;
  label: string;
  patch: Partial<ExplorerState>;
}

function rows(ratio: number): Array<{ row: string; gammaI: number; gammaC: number }> {
  return [
    { row: 'γ_C = 0', gammaI: ratio, gammaC: 0 },
    { row: 'γ_C = 2γ_I', gammaI: +(ratio / 3).toFixed(12), gammaC: +((2 * ratio) / 3).toFixed(12) },
    { row: 'γ_I = 0', gammaI: 0, gammaC: ratio },
  ];
}

export const PRESETS: Preset[] = [
  { id: 'fig2-all', label: 'Fig. 2: all six panels', patch: { view: 'fig2', d: 2, dissipator: 'spin', gammaI: 0.85, gammaC: 0.85, V: 1, grid: true } },
  { id: 'fig4', label: 'Fig. 4: |X|, Z vs γ_I/|V| (γ_C = 0, d = 2..7)', patch: { view: 'fig4', d: 5, dissipator: 'flat', gammaI: 2.1, gammaC: 0, V: 1, fig4Ds: [2, 3, 4, 5, 6, 7], fig4Max: 3 } },
  { id: 'fig5', label: 'Fig. 5: gap Δ(−1,+1) map, d = 3, N = 12 (dim ≈ 31k: slow)', patch: { view: 'finite', d: 3, N: 12, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1, mapQuantity: 'gap:-1,+1', mapRes: 8 } },
  { id: 'fig6', label: 'Fig. 6: gaps at γ_C/|V| = 0.2, d = 3, N = 6', patch: { view: 'finite', d: 3, N: 6, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1 } },
  ...([2, 3, 4, 5] as const).map((d) => ({ id: `fig7-${d}`, label: `Fig. 7: purity map, N = 5, d = ${d}`, patch: { view: 'finite' as const, d, N: 5, dissipator: 'spin' as const, gammaI: 1.8, gammaC: 0.2, V: 1, mapQuantity: 'purity' as const, mapRes: 10 } })),
  ...[1.7, 2.3].flatMap((ratio) =>
    rows(ratio).map((r) => ({
      id: `fig2-${ratio}-${r.row}`,
      label: `Fig. 2: (γ_I+γ_C)/|V| = ${ratio}, ${r.row}`,
      patch: { view: 'fig2' as const, d: 2, dissipator: 'spin' as const, gammaI: r.gammaI, gammaC: r.gammaC, V: 1, projection: r.gammaI === 0 ? ('sphere' as const) : ('plane' as const) },
    })),
  ),
  ...(['spin', 'flat'] as const).flatMap((dis) =>
    [1.7, 2.3].flatMap((ratio) =>
      rows(ratio).map((r) => ({
        id: `fig3${dis === 'spin' ? 'a' : 'b'}-${ratio}-${r.row}`,
        label: `Fig. 3(${dis === 'spin' ? 'a' : 'b'}) ${dis}: (γ_I+γ_C)/|V| = ${ratio}, ${r.row}`,
        patch: { view: 'fig3' as const, d: 4, dissipator: dis, gammaI: r.gammaI, gammaC: r.gammaC, V: 1, count: 20, seed: 1 },
      })),
    ),
  ),
];
