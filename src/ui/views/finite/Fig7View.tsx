/**
 * Fig. 7 as the paper lays it out: steady-state purity Tr ρ² over (γ_I, γ_C), rows N = 5 and 7,
 * columns d = 2..5, for (a) the spin ladder and (b) the m-independent dissipator, one colour
 * scale shared by all sixteen panels, the critical line γ_I + γ_C = 2|V|. Panels the browser
 * cannot fill live use a smaller N and say so; the paper's sizes are offered with their cost.
 * d = 2, 3 panels are computed once (the two dissipators coincide there). The layout, progress,
 * export and sweep files are DissipatorMapFigure's.
 */
import { Typeset } from '../../typeset.tsx';
import { steadyProblem } from './common.tsx';
import { DissipatorMapFigure, inPaperFigs78, type DissipatorMapConfig } from './DissipatorMapFigure.tsx';

export const FIG7_PAPER_NS = [5, 7];
export const FIG7_DS = [2, 3, 4, 5];

const FIG7: DissipatorMapConfig = {
  figure: 'fig7', number: '7', paperNs: FIG7_PAPER_NS, ds: FIG7_DS,
  q: { steady: true, gaps: false },
  column: 'purity', columns: ['X', 'Y', 'Z', 'purity', 'scaledPurity'], symbol: 'Tr ρ²', fileTag: 'purity', fixed: [0, 1],
  contextOf: () => 'Tr ρ²',
  problem: steadyProblem,
  value: (p) => p.purity,
  heading: (dis) => `steady-state purity Tr ρ², ${dis} dissipation (rows N, columns d)`,
  inPaper: inPaperFigs78,
  hint: (
    <>
      <Typeset text="Tr ρ² of the unique finite-N steady state (γ_I > 0, Section V); one colour scale for all panels of (a) and (b). The black line is the mean-field transition γ_I + γ_C = 2|V|." />{' '}
      For d = 2, 3 the two dissipators coincide (computed once). The paper has no N = 7, d = 5 panel (its (+1,+1) sector would be 657 394); it is shown at a live N. White: not certified (hover for the reason). Filled coarse-to-fine: 4×4, 8×8, then every point.
      CSV: one `cli sweep` file per panel (choose the panel); “Load sweep file…” draws a sweep file in its panel.
    </>
  ),
};

export function Fig7View() {
  return <DissipatorMapFigure cfg={FIG7} />;
}
