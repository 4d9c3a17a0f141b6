/**
 * Fig. 8 as the paper lays it out: the negativity 𝒩_{A|B} (Eq. 17) of the steady state for the
 * bipartition N_A = ⌈N/2⌉, N_B = ⌊N/2⌋, over (γ_I, γ_C), rows N = 5 and 7, columns d = 2..5, for
 * (a) the spin ladder and (b) the m-independent dissipator, one colour scale shared by all
 * sixteen panels, the critical line γ_I + γ_C = 2|V|. Computed in the exact-engine workers
 * (steady state, then negativity.ts's Schur–Weyl blocks), filled coarse-to-fine; panels the
 * browser cannot fill live use a smaller N and say so, the paper's sizes are offered with their
 * time and memory estimate. d = 2, 3 panels are computed once (the two dissipators coincide).
 * Each panel's map exports as a `cli sweep` CSV and can be replaced by a loaded sweep file
 * (layout, progress and files: DissipatorMapFigure).
 */
import { Typeset } from '../../typeset.tsx';
import { negativityProblem } from './common.tsx';
import { DissipatorMapFigure, inPaperFigs78, type DissipatorMapConfig } from './DissipatorMapFigure.tsx';

export const FIG8_PAPER_NS = [5, 7];
export const FIG8_DS = [2, 3, 4, 5];
const FIG8: DissipatorMapConfig = {
  figure: 'fig8', number: '8', paperNs: FIG8_PAPER_NS, ds: FIG8_DS,
  q: { steady: true, gaps: false, negativity: true },
  column: 'negativity', columns: ['X', 'Y', 'Z', 'purity', 'scaledPurity', 'negativity'], symbol: '𝒩', fileTag: 'negativity', fixed: [0, 0.25],
  contextOf: (N) => `𝒩, N_A = ${Math.ceil(N / 2)}`,
  problem: negativityProblem,
  value: (p) => p.negativity!,
  heading: (dis) => `steady-state negativity 𝒩_{A|B}, N_A = ⌈N/2⌉, ${dis} dissipation (rows N, columns d)`,
  stampExtra: ', N_A = ⌈N/2⌉',
  jsonExtra: { quantity: 'negativity (Eq. 17), NA = ceil(N/2)' },
  panelJsonExtra: (c) => ({ NA: Math.ceil(c.N / 2) }),
  inPaper: inPaperFigs78,
  hint: (
    <>
      <Typeset text="𝒩_{A|B} = Σ |λ| over the negative eigenvalues of ρ^{T_B} (Eq. 17) of the unique finite-N steady state (γ_I > 0), bipartition N_A = ⌈N/2⌉, N_B = ⌊N/2⌋" />
      {' '}(any choice of the particles: the state is permutation invariant). One colour scale for all panels of (a) and (b); the black line is the mean-field transition <Typeset text="γ_I + γ_C = 2|V|" />.{' '}
      For d = 2, 3 the two dissipators coincide (computed once). The paper has no N = 7, d = 5 panel (its (+1,+1) sector would be 657 394); it is shown at a live N. White: not certified (hover for the reason). Filled coarse-to-fine: 4×4, 8×8, then every point.
      CSV: one `cli sweep` file per panel (choose the panel); “Load sweep file…” draws a sweep file (e.g. a cluster run at the paper’s N) in its panel.
    </>
  ),
};

export function Fig8View() {
  return <DissipatorMapFigure cfg={FIG8} />;
}
