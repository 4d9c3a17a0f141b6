/**
 * Fig. 8 as the paper lays it out: the negativity 𝒩_{A|B} (Eq. 17) of the steady state for the
 * bipartition N_A = ⌈N/2⌉, N_B = ⌊N/2⌋, over (γ_I, γ_C), rows N = 5 and 7, columns d = 2..5, for
 * (a) the spin ladder and (b) the m-independent dissipator, one colour scale shared by all
 * sixteen panels, the critical line γ_I + γ_C = 2|V|. Computed in the exact-engine workers
 * (steady state, then negativity.ts's Schur–Weyl blocks), filled coarse-to-fine; panels the
 * browser cannot fill live use a smaller N and say so, the paper's sizes are offered with their
 * time and memory estimate. d = 2, 3 panels are computed once (the two dissipators coincide).
 * Each panel's map exports as a `cli sweep` CSV and can be replaced by a loaded sweep file.
 */
import { useStore } from '../../../state/store.ts';
import type { FinitePointResult } from '../../../compute/finiteClient.ts';
import { toJson } from '../../exportData.ts';
import { MapControls } from './MapControls.tsx';
import { describeSystem, DISSIPATOR_NAME, negativityProblem, ProgressLine, stamp } from './common.tsx';
import { DISSIPATORS, useDissipatorGrid } from './dissipatorGrid.ts';
import { valueRange, type ColorScale, type MapFigureOptions, type MapPanelSpec } from './mapFigure.ts';
import { MapGridPanel } from './MapGridPanel.tsx';
import { liveN, paperNote, PaperSizeOffer, type SizedSystem } from './liveSize.tsx';
import { loadedNote, loadedReason, loadedValue, SweepFileMessages, useLoadedMaps, type SweepSlot } from './sweepIO.tsx';

export const FIG8_PAPER_NS = [5, 7];
export const FIG8_DS = [2, 3, 4, 5];
const Q = { steady: true, gaps: false, negativity: true };
const SUB = ['a', 'b'] as const;
/**
 * (N, d) the paper's Fig. 8 does not compute: its Liouvillians reach 30 087 (N = d = 5) and
 * 43 186 (N = 7, d = 4) (caption); (7, 5) would be 657 394. That panel stays at a live N, also
 * when the paper's sizes are asked for, and says so.
 */
const NOT_IN_PAPER = new Set(['7,5']);
const inPaper = (c: { paperN: number; d: number }) => !NOT_IN_PAPER.has(`${c.paperN},${c.d}`);
const sizeNote = (c: SizedSystem) => (inPaper(c) ? paperNote(c) : ` (N = ${c.paperN}: not in the paper)`);

export function Fig8View() {
  const s = useStore();
  // jobs per distinct Liouvillian (flat ≡ spin for d ≤ 3), one sweep-file slot per panel of the paper
  const g = useDissipatorGrid((points) => FIG8_PAPER_NS.flatMap((N) => FIG8_DS.map((d) => ({ d, paperN: N, N: s.paperSize && inPaper({ paperN: N, d }) ? N : liveN(N, d, Q, points) }))), Q);
  const { aV, axis, points, cells, key, jobSpecs, slotCells, layoutOf, progress: pr, estimate: est } = g;
  const grids = pr.u?.grids ?? null;
  const loaded = useLoadedMaps();
  const slots: SweepSlot[] = slotCells.map(({ c, job, key: k }) => {
    const spec = jobSpecs[job];
    return {
      key: k,
      label: `N = ${spec.N}, d = ${spec.d}${spec.d <= 3 ? '' : `, ${DISSIPATOR_NAME[spec.dissipator]}`}${sizeNote(c)}`,
      model: { N: spec.N, d: spec.d, dissipator: spec.dissipator as 'spin' | 'flat', V: spec.V },
      alsoN: [c.paperN],
      quantities: ['X', 'Y', 'Z', 'purity', 'scaledPurity', 'negativity'],
      need: ['negativity'],
      grid: grids?.[job] ?? null, axis, aV,
      filename: `fig8_negativity_N${spec.N}_d${spec.d}_${spec.dissipator}`,
    };
  });
  const panelsOf = (di: number): MapPanelSpec[] => layoutOf[di].map(({ c, job, slot }, i) => {
    const m = loaded.of(slots[slot]);
    const N = m ? m.header.model.N : c.N;
    const base = { row: Math.floor(i / FIG8_DS.length), col: i % FIG8_DS.length };
    if (m) {
      return {
        ...base, xs: m.xs, ys: m.ys, grid: m.grid,
        title: `N = ${N}, d = ${c.d}${loadedNote(m)}`,
        context: `𝒩, N_A = ${Math.ceil(N / 2)}, ${describeSystem({ ...jobSpecs[job], N })} (from ${m.file})`,
        value: (p: FinitePointResult) => loadedValue(p, 'negativity'),
        reason: (p: FinitePointResult) => loadedReason(p, 'negativity'),
      };
    }
    return {
      ...base, xs: axis, ys: axis, grid: grids?.[job] ?? null,
      title: `N = ${c.N}, d = ${c.d}${sizeNote(c)}`,
      context: `𝒩, N_A = ${Math.ceil(c.N / 2)}, ${describeSystem(jobSpecs[job])}`,
      value: (p: FinitePointResult) => (negativityProblem(p, c.N, c.d) ? null : p.negativity!),
      reason: (p: FinitePointResult) => negativityProblem(p, c.N, c.d) ?? '',
    };
  });
  const log = s.colorScale === 'log';
  // one colour scale for both subfigures
  const all = [...panelsOf(0), ...panelsOf(1)];
  const range = valueRange(all, log);
  const panels = DISSIPATORS.map((_, di) => all.slice(di * layoutOf[0].length, (di + 1) * layoutOf[0].length));
  const options = (di: number): MapFigureOptions => ({
    rows: FIG8_PAPER_NS.length, cols: FIG8_DS.length, quantity: '𝒩', scale: s.colorScale as ColorScale, fixed: [0, 0.25], range, height: 620,
    annotations: stamp(`Fig. 8(${SUB[di]}) ${DISSIPATOR_NAME[DISSIPATORS[di]]}, N_A = ⌈N/2⌉, V = ${s.V}, grid ${axis.length}×${axis.length}`),
  });
  return (
    <div className="view" data-testid="view-fig8">
      <MapControls figure="fig8" slots={slots} loaded={loaded}
        progress={<ProgressLine u={pr.u} cancelled={pr.cancelled} onCancel={pr.cancel} onRestart={pr.restart} estimateMs={est} testId="fig8-progress" />} />
      <PaperSizeOffer systems={cells.filter(inPaper)} q={Q} points={points} paperSize={s.paperSize} onPaperSize={(paperSize) => s.set({ paperSize })} />
      <SweepFileMessages slots={slots} loaded={loaded} testId="fig8-sweep" />
      {DISSIPATORS.map((dis, di) => (
        <MapGridPanel key={dis} id={`fig8${SUB[di]}`} title={`Fig. 8(${SUB[di]}) — steady-state negativity 𝒩_{A|B}, N_A = ⌈N/2⌉, ${DISSIPATOR_NAME[dis]} dissipation (rows N, columns d)`}
          panels={panels[di]} options={options(di)} computeKey={key} filename={`fig8${SUB[di]}_negativity`}
          json={() => toJson({
            figure: `fig8${SUB[di]}`, quantity: 'negativity (Eq. 17), NA = ceil(N/2)', dissipator: dis, V: s.V, axis,
            panels: layoutOf[di].map(({ c, job, slot }) => {
              const m = loaded.of(slots[slot]);
              return m ? { ...c, N: m.header.model.N, loadedFrom: m.file, header: m.header, rows: m.rows } : { ...c, NA: Math.ceil(c.N / 2), cells: grids?.[job]?.cells ?? [] };
            }),
          })}
          pending={pr.running} />
      ))}
      <p className="hint">
        𝒩_{'{A|B}'} = Σ |λ| over the negative eigenvalues of ρ^T_B (Eq. 17) of the unique finite-N steady state (γ_I &gt; 0), bipartition N_A = ⌈N/2⌉, N_B = ⌊N/2⌋
        (any choice of the particles: the state is permutation invariant). One colour scale for all panels of (a) and (b); the black line is the mean-field transition γ_I + γ_C = 2|V|.
        For d = 2, 3 the two dissipators coincide (computed once). The paper has no N = 7, d = 5 panel (its (+1,+1) sector would be 657 394); it is shown at a live N. White: not certified (hover for the reason). Filled coarse-to-fine: 4×4, 8×8, then every point.
        CSV: one `cli sweep` file per panel (choose the panel); “Load sweep file…” draws a sweep file (e.g. a cluster run at the paper’s N) in its panel.
      </p>
    </div>
  );
}
