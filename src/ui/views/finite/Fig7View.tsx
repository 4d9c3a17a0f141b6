/**
 * Fig. 7 as the paper lays it out: steady-state purity Tr ρ² over (γ_I, γ_C), rows N = 5 and 7,
 * columns d = 2..5, for (a) the spin ladder and (b) the m-independent dissipator, one colour
 * scale shared by all sixteen panels, the critical line γ_I + γ_C = 2|V|. Panels the browser
 * cannot fill live use a smaller N and say so; the paper's sizes are offered with their cost.
 * d = 2, 3 panels are computed once (the two dissipators coincide there).
 */
import { useStore } from '../../../state/store.ts';
import type { FinitePointResult } from '../../../compute/finiteClient.ts';
import { toJson } from '../../exportData.ts';
import { MapControls } from './MapControls.tsx';
import { describeSystem, DISSIPATOR_NAME, ProgressLine, stamp, steadyProblem } from './common.tsx';
import { DISSIPATORS, useDissipatorGrid } from './dissipatorGrid.ts';
import { valueRange, type ColorScale, type MapFigureOptions, type MapPanelSpec } from './mapFigure.ts';
import { MapGridPanel } from './MapGridPanel.tsx';
import { liveN, paperNote, PaperSizeOffer } from './liveSize.tsx';
import { loadedNote, loadedReason, loadedValue, SweepFileMessages, useLoadedMaps, type SweepSlot } from './sweepIO.tsx';

export const FIG7_PAPER_NS = [5, 7];
export const FIG7_DS = [2, 3, 4, 5];
const Q = { steady: true, gaps: false };

export function Fig7View() {
  const s = useStore();
  // jobs per distinct Liouvillian (flat ≡ spin for d ≤ 3), one sweep-file slot per panel of the paper
  const g = useDissipatorGrid((points) => FIG7_PAPER_NS.flatMap((N) => FIG7_DS.map((d) => ({ d, paperN: N, N: s.paperSize ? N : liveN(N, d, Q, points) }))), Q);
  const { aV, axis, points, cells, key, jobSpecs, slotCells, layoutOf, progress: pr, estimate: est } = g;
  const grids = pr.u?.grids ?? null;
  const loaded = useLoadedMaps();
  const slots: SweepSlot[] = slotCells.map(({ c, job, key: k }) => {
    const spec = jobSpecs[job];
    return {
      key: k,
      label: `N = ${spec.N}, d = ${spec.d}${spec.d <= 3 ? '' : `, ${DISSIPATOR_NAME[spec.dissipator]}`}${paperNote(c)}`,
      model: { N: spec.N, d: spec.d, dissipator: spec.dissipator as 'spin' | 'flat', V: spec.V },
      alsoN: [c.paperN],
      quantities: ['X', 'Y', 'Z', 'purity', 'scaledPurity'],
      need: ['purity'],
      grid: grids?.[job] ?? null, axis, aV,
      filename: `fig7_purity_N${spec.N}_d${spec.d}_${spec.dissipator}`,
    };
  });
  const panelsOf = (di: number): MapPanelSpec[] => layoutOf[di].map(({ c, job, slot }, i) => {
    const m = loaded.of(slots[slot]);
    const base = { row: Math.floor(i / FIG7_DS.length), col: i % FIG7_DS.length };
    if (m) {
      const N = m.header.model.N;
      return {
        ...base, xs: m.xs, ys: m.ys, grid: m.grid, title: `N = ${N}, d = ${c.d}${loadedNote(m)}`,
        context: `Tr ρ², ${describeSystem({ ...jobSpecs[job], N })} (from ${m.file})`,
        value: (p: FinitePointResult) => loadedValue(p, 'purity'), reason: (p: FinitePointResult) => loadedReason(p, 'purity'),
      };
    }
    return {
      ...base, xs: axis, ys: axis, grid: grids?.[job] ?? null,
      title: `N = ${c.N}, d = ${c.d}${paperNote(c)}`,
      context: `Tr ρ², ${describeSystem(jobSpecs[job])}`,
      value: (p: FinitePointResult) => (steadyProblem(p, c.N, c.d) ? null : p.purity),
      reason: (p: FinitePointResult) => steadyProblem(p, c.N, c.d) ?? '',
    };
  });
  const log = s.colorScale === 'log';
  // one colour scale for both subfigures
  const all = [...panelsOf(0), ...panelsOf(1)];
  const range = valueRange(all, log);
  const panels = DISSIPATORS.map((_, di) => all.slice(di * layoutOf[0].length, (di + 1) * layoutOf[0].length));
  const options = (di: number): MapFigureOptions => ({
    rows: FIG7_PAPER_NS.length, cols: FIG7_DS.length, quantity: 'Tr ρ²', scale: s.colorScale as ColorScale, fixed: [0, 1], range, height: 620,
    annotations: stamp(`Fig. 7(${di === 0 ? 'a' : 'b'}) ${DISSIPATOR_NAME[DISSIPATORS[di]]}, V = ${s.V}, grid ${axis.length}×${axis.length}`),
  });
  return (
    <div className="view" data-testid="view-fig7">
      <MapControls figure="fig7" slots={slots} loaded={loaded}
        progress={<ProgressLine u={pr.u} cancelled={pr.cancelled} onCancel={pr.cancel} onRestart={pr.restart} estimateMs={est} testId="fig7-progress" />} />
      <PaperSizeOffer systems={cells} q={Q} points={points} paperSize={s.paperSize} onPaperSize={(paperSize) => s.set({ paperSize })} />
      <SweepFileMessages slots={slots} loaded={loaded} testId="fig7-sweep" />
      {DISSIPATORS.map((dis, di) => (
        <MapGridPanel key={dis} id={`fig7${di === 0 ? 'a' : 'b'}`} title={`Fig. 7(${di === 0 ? 'a' : 'b'}) — steady-state purity Tr ρ², ${DISSIPATOR_NAME[dis]} dissipation (rows N, columns d)`}
          panels={panels[di]} options={options(di)} computeKey={key} filename={`fig7${di === 0 ? 'a' : 'b'}_purity`}
          json={() => toJson({ figure: `fig7${di === 0 ? 'a' : 'b'}`, dissipator: dis, V: s.V, axis, panels: layoutOf[di].map(({ c, job, slot }) => {
            const m = loaded.of(slots[slot]);
            return m ? { ...c, N: m.header.model.N, loadedFrom: m.file, header: m.header, rows: m.rows } : { ...c, cells: grids?.[job]?.cells ?? [] };
          }) })}
          pending={pr.running} />
      ))}
      <p className="hint">
        Tr ρ² of the unique finite-N steady state (γ_I &gt; 0, Section V); one colour scale for all panels of (a) and (b). The black line is the mean-field transition γ_I + γ_C = 2|V|.
        For d = 2, 3 the two dissipators coincide (computed once). White: not certified (hover for the reason). Filled coarse-to-fine: 4×4, 8×8, then every point.
        CSV: one `cli sweep` file per panel (choose the panel); “Load sweep file…” draws a sweep file in its panel.
      </p>
    </div>
  );
}
