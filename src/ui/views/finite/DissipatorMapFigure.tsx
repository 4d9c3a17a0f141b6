/**
 * The paper's two-dissipator map figures (Figs. 7 and 8) as one component: one steady-state
 * quantity over (γ_I, γ_C), rows of N, columns of d, for (a) the spin ladder and (b) the
 * m-independent dissipator, one colour scale shared by all panels of both subfigures, the
 * critical line γ_I + γ_C = 2|V|, filled coarse-to-fine (dissipatorGrid.ts), each panel
 * exportable as a `cli sweep` CSV and replaceable by a loaded sweep file (sweepIO.tsx). Panels the
 * browser cannot fill live use a smaller N and say so; the paper's sizes are offered with their
 * cost. A figure differs only in its quantity, its size notes and the panels the paper omits.
 */
import type { ReactNode } from 'react';
import { useStore } from '../../../state/store.ts';
import type { FinitePointResult, FiniteQuantities, FiniteSpec } from '../../../compute/finiteClient.ts';
import type { SweepQuantity } from '../../../contracts/sweepFile.ts';
import { toJson } from '../../exportData.ts';
import { MapControls } from './MapControls.tsx';
import { describeSystem, DISSIPATOR_NAME, ProgressLine, stamp } from './common.tsx';
import { DISSIPATORS, useDissipatorGrid } from './dissipatorGrid.ts';
import { valueRange, type ColorScale, type MapFigureOptions, type MapPanelSpec } from './mapFigure.ts';
import { MapGridPanel } from './MapGridPanel.tsx';
import { distinctLiveRows, liveN, paperNote, PaperSizeOffer, type SizedSystem } from './liveSize.tsx';
import { loadedNote, loadedReason, loadedValue, SweepFileMessages, useLoadedMaps, type SweepSlot } from './sweepIO.tsx';

const SUB = ['a', 'b'] as const;

/**
 * Figs. 7 and 8 have the same panels, and neither computes N = 7, d = 5: their captions give the
 * Liouvillian dimensions up to 30 087 (N = d = 5) and 43 186 (N = 7, d = 4); (7, 5) would be
 * 657 394. That panel stays at a live N, also when the paper's sizes are asked for, and says so.
 */
export const inPaperFigs78 = (c: { paperN: number; d: number }) => !(c.paperN === 7 && c.d === 5);

export interface DissipatorMapConfig {
  /** 'fig7' | 'fig8': element ids, test ids, file names. */
  figure: string;
  /** Figure number for titles and stamps ("7"). */
  number: string;
  paperNs: number[];
  ds: number[];
  q: FiniteQuantities;
  /** The sweep-file column shown (and required in a loaded file). */
  column: SweepQuantity;
  /** Sweep-file columns a panel's CSV carries. */
  columns: SweepQuantity[];
  /** Colour-bar title, e.g. "Tr ρ²". */
  symbol: string;
  /** Short name in file names ("purity"). */
  fileTag: string;
  /** Fixed colour range of the "fixed" scale. */
  fixed: [number, number];
  /** Panel hover context before the system description, e.g. N => "𝒩, N_A = 3". */
  contextOf: (N: number) => string;
  /** The value of a computed point, or the reason it is not shown (steadyProblem / negativityProblem). */
  problem: (p: FinitePointResult, N: number, d: number) => string | null;
  value: (p: FinitePointResult) => number;
  /** Subfigure heading after "Fig. n(a) — ", given the dissipator's name. */
  heading: (dissipatorName: string) => string;
  /** Extra text in the exported image's stamp (after the dissipator). */
  stampExtra?: string;
  /** Extra fields of the JSON export, and per computed panel. */
  jsonExtra?: Record<string, unknown>;
  panelJsonExtra?: (c: SizedSystem) => Record<string, unknown>;
  /** Panels the paper does not compute: they stay at a live N and say so (default: none). */
  inPaper?: (c: { paperN: number; d: number }) => boolean;
  hint: ReactNode;
}

export function DissipatorMapFigure({ cfg }: { cfg: DissipatorMapConfig }) {
  const s = useStore();
  const inPaper = cfg.inPaper ?? (() => true);
  const sizeNote = (c: SizedSystem) => (inPaper(c) ? paperNote(c) : ` (N = ${c.paperN}: not in the paper)`);
  // jobs per distinct Liouvillian (flat ≡ spin for d ≤ 3), one sweep-file slot per panel of the paper
  const g = useDissipatorGrid((points) => distinctLiveRows(cfg.paperNs, cfg.ds, (N, d) => s.paperSize && inPaper({ paperN: N, d }), (N, d) => liveN(N, d, cfg.q, points)), cfg.q);
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
      quantities: cfg.columns,
      need: [cfg.column],
      grid: grids?.[job] ?? null, axis, aV,
      filename: `${cfg.figure}_${cfg.fileTag}_N${spec.N}_d${spec.d}_${spec.dissipator}`,
    };
  });
  const context = (spec: FiniteSpec, N: number) => `${cfg.contextOf(N)}, ${describeSystem({ ...spec, N })}`;
  const panelsOf = (di: number): MapPanelSpec[] => layoutOf[di].map(({ c, job, slot }, i) => {
    const m = loaded.of(slots[slot]);
    const base = { row: Math.floor(i / cfg.ds.length), col: i % cfg.ds.length };
    if (m) {
      const N = m.header.model.N;
      return {
        ...base, xs: m.xs, ys: m.ys, grid: m.grid, title: `N = ${N}, d = ${c.d}${loadedNote(m)}`,
        context: `${context(jobSpecs[job], N)} (from ${m.file})`,
        value: (p: FinitePointResult) => loadedValue(p, cfg.column), reason: (p: FinitePointResult) => loadedReason(p, cfg.column),
      };
    }
    return {
      ...base, xs: axis, ys: axis, grid: grids?.[job] ?? null,
      title: `N = ${c.N}, d = ${c.d}${sizeNote(c)}`,
      context: context(jobSpecs[job], c.N),
      value: (p: FinitePointResult) => (cfg.problem(p, c.N, c.d) ? null : cfg.value(p)),
      reason: (p: FinitePointResult) => cfg.problem(p, c.N, c.d) ?? '',
    };
  });
  // one colour scale for both subfigures
  const all = [...panelsOf(0), ...panelsOf(1)];
  const range = valueRange(all, s.colorScale === 'log');
  const panels = DISSIPATORS.map((_, di) => all.slice(di * layoutOf[0].length, (di + 1) * layoutOf[0].length));
  const options = (di: number): MapFigureOptions => ({
    rows: cfg.paperNs.length, cols: cfg.ds.length, quantity: cfg.symbol, scale: s.colorScale as ColorScale, fixed: cfg.fixed, range, height: 620,
    annotations: stamp(`Fig. ${cfg.number}(${SUB[di]}) ${DISSIPATOR_NAME[DISSIPATORS[di]]}${cfg.stampExtra ?? ''}, V = ${s.V}, grid ${axis.length}×${axis.length}`),
  });
  return (
    <div className="view" data-testid={`view-${cfg.figure}`}>
      <MapControls figure={cfg.figure} slots={slots} loaded={loaded}
        progress={<ProgressLine u={pr.u} cancelled={pr.cancelled} onCancel={pr.cancel} onRestart={pr.restart} estimateMs={est} testId={`${cfg.figure}-progress`} />} />
      <PaperSizeOffer systems={cells.filter(inPaper)} q={cfg.q} points={points} paperSize={s.paperSize} onPaperSize={(paperSize) => s.set({ paperSize })} />
      <SweepFileMessages slots={slots} loaded={loaded} testId={`${cfg.figure}-sweep`} />
      {DISSIPATORS.map((dis, di) => (
        <MapGridPanel key={dis} id={`${cfg.figure}${SUB[di]}`} title={`Fig. ${cfg.number}(${SUB[di]}) — ${cfg.heading(DISSIPATOR_NAME[dis])}`}
          panels={panels[di]} options={options(di)} computeKey={key} filename={`${cfg.figure}${SUB[di]}_${cfg.fileTag}`}
          json={() => toJson({
            figure: `${cfg.figure}${SUB[di]}`, ...cfg.jsonExtra, dissipator: dis, V: s.V, axis,
            panels: layoutOf[di].map(({ c, job, slot }) => {
              const m = loaded.of(slots[slot]);
              return m ? { ...c, N: m.header.model.N, loadedFrom: m.file, header: m.header, rows: m.rows } : { ...c, ...cfg.panelJsonExtra?.(c), cells: grids?.[job]?.cells ?? [] };
            }),
          })}
          pending={pr.running} />
      ))}
      <p className="hint">{cfg.hint}</p>
    </div>
  );
}
