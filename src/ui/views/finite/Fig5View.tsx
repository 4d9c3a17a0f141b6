/**
 * Fig. 5 as the paper lays it out: the four sector gaps Δ(p1,p2)/|V| side by side (columns),
 * γ_C/|V| horizontal from 0.2 and γ_I/|V| vertical (the paper's Fig. 6 runs "at constant
 * γ_C/|V| = 0.2 (i.e., along the vertical axes of Fig. 5)", Section IV),
 * one row per (N, d) with comparable sector dimensions, one shared colour scale, the mean-field
 * critical line γ_I + γ_C = 2|V|, uncertified cells white with a tooltip saying why. Subfigure
 * (a) spin ladder or (b) m-independent follows the dissipator selector. Filled coarse-to-fine on
 * the worker pool; the paper's N (sectors of 30 000–43 000) is offered with its cost.
 */
import { useMemo } from 'react';
import { useStore } from '../../../state/store.ts';
import { estimateMs, type FinitePointResult, type FiniteSpec, type GridJob } from '../../../compute/finiteClient.ts';
import { toJson } from '../../exportData.ts';
import { MapControls } from './MapControls.tsx';
import { describeSystem, DISSIPATOR_NAME, gapProblem, ProgressLine, SECTORS, sectorName, stamp } from './common.tsx';
import { GAP_KEYS } from '../../../contracts/sweepFile.ts';
import { useProgressive } from './useProgressive.ts';
import { type ColorScale, type MapFigureOptions, type MapPanelSpec } from './mapFigure.ts';
import { MapGridPanel } from './MapGridPanel.tsx';
import { liveN, paperNote, PaperSizeOffer, type SizedSystem } from './liveSize.tsx';
import { loadedNote, loadedReason, loadedValue, SweepFileMessages, useLoadedMaps, type SweepSlot } from './sweepIO.tsx';

/** The paper's rows: d = 3, 4, 5 with sectors of ≈ 30 000–43 000 (Section IV). */
export const FIG5_PAPER_ROWS = [{ d: 3, N: 12 }, { d: 4, N: 7 }, { d: 5, N: 5 }];
const Q = { steady: false, gaps: true, k: 2 };

export function Fig5View() {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const dissipator = s.dissipator === 'custom' ? 'spin' : s.dissipator;
  const axis = useMemo(() => Array.from({ length: s.mapRes }, (_, i) => +(s.mapMin + ((s.mapMax - s.mapMin) * i) / Math.max(1, s.mapRes - 1)).toPrecision(12)), [s.mapRes, s.mapMin, s.mapMax]);
  const points = axis.length * axis.length;
  const rows: SizedSystem[] = FIG5_PAPER_ROWS.map((r) => ({ d: r.d, paperN: r.N, N: s.paperSize ? r.N : liveN(r.N, r.d, Q, points) }));
  const specs: FiniteSpec[] = rows.map((r) => ({ N: r.N, d: r.d, dissipator, V: s.V }));
  const key = JSON.stringify({ specs, axis, aV });
  const pr = useProgressive(key, () => specs.map((spec): GridJob => ({ spec, xs: axis.map((x) => x * aV), ys: axis.map((y) => y * aV), q: Q })));
  const est = specs.reduce((a, sp) => a + estimateMs(sp.N, sp.d, Q, points), 0);
  const grids = pr.u?.grids ?? null;
  const loaded = useLoadedMaps();
  // one sweep file per row (one system, the four sectors' gaps)
  const slots: SweepSlot[] = rows.map((r, ri) => ({
    key: `${r.paperN},${r.d}`, label: `N = ${r.N}, d = ${r.d}${paperNote(r)}`,
    model: { N: r.N, d: r.d, dissipator, V: s.V }, alsoN: [r.paperN],
    quantities: ['gaps'], need: ['gaps'], grid: grids?.[ri] ?? null, axis, aV,
    filename: `fig5_gaps_N${r.N}_d${r.d}_${dissipator}`,
  }));
  const panels: MapPanelSpec[] = rows.flatMap((r, ri) => SECTORS.map((l, si) => {
    const m = loaded.of(slots[ri]);
    if (m) {
      const col = `gap_${GAP_KEYS[l]}`;
      return {
        row: ri, col: si, xs: m.xs, ys: m.ys, grid: m.grid,
        title: `Δ(${sectorName(l)}), N = ${m.header.model.N}, d = ${r.d}${loadedNote(m)}`,
        context: `Δ(${sectorName(l)}), ${describeSystem({ ...specs[ri], N: m.header.model.N })} (from ${m.file})`,
        value: (p: FinitePointResult) => { const v = loadedValue(p, col); return v === null ? null : v / aV; },
        reason: (p: FinitePointResult) => loadedReason(p, col),
      };
    }
    return {
      row: ri, col: si, xs: axis, ys: axis, grid: grids?.[ri] ?? null,
      title: `Δ(${sectorName(l)}), N = ${r.N}, d = ${r.d}${paperNote(r)}`,
      context: `Δ(${sectorName(l)}), ${describeSystem(specs[ri])}`,
      value: (p: FinitePointResult) => (gapProblem(p, si) ? null : p.gaps[si] / aV),
      reason: (p: FinitePointResult) => gapProblem(p, si) ?? '',
    };
  }));
  const sub = dissipator === 'spin' ? '(a)' : '(b)';
  const options: MapFigureOptions = {
    rows: rows.length, cols: 4, quantity: 'Δ/|V|', scale: s.colorScale as ColorScale, fixed: [0, 2.5], height: 250 * rows.length + 120, gammaCHorizontal: true,
    annotations: stamp(`Fig. 5${sub} ${DISSIPATOR_NAME[dissipator]}, V = ${s.V}, grid ${axis.length}×${axis.length}`),
  };
  return (
    <div className="view" data-testid="view-fig5">
      <MapControls figure="fig5" slots={slots} loaded={loaded} />
      <SweepFileMessages slots={slots} loaded={loaded} testId="fig5-sweep" />
      {s.dissipator === 'custom' && <p className="note">A custom ℓ is defined for one d only; Fig. 5 shows the spin ladder (choose spin or m-independent).</p>}
      <MapGridPanel id="fig5" title={`Fig. 5${sub} — gaps Δ(p1, p2)/|V| over (γ_I, γ_C), ${DISSIPATOR_NAME[dissipator]} dissipation, V = ${s.V}`} panels={panels} options={options} computeKey={key}
        filename={`fig5_${dissipator}`}
        json={() => toJson({ figure: 'fig5', dissipator, V: s.V, axis, rows: specs, grids, loaded: slots.map((sl) => loaded.of(sl)).map((m) => (m ? { file: m.file, header: m.header, rows: m.rows } : null)) })}
        status={<ProgressLine u={pr.u} cancelled={pr.cancelled} onCancel={pr.cancel} onRestart={pr.restart} estimateMs={est} testId="fig5-progress" />}
        pending={pr.running} />
      <PaperSizeOffer systems={rows} q={Q} points={points} paperSize={s.paperSize} onPaperSize={(paperSize) => s.set({ paperSize })} />
      <p className="hint">
        Columns: the Z2×Z2 sectors (p1, p2); Δ = −Re λ₀ outside (+1,+1), −Re λ₁ inside (Eqs. 15–16), in units of |V|. One colour scale for every panel.
        The black line is the mean-field transition γ_I + γ_C = 2|V|. White: not all eigenvalues needed could be certified (hover for the reason), as in the paper.
        For d = 3 the spin-ladder and m-independent dissipators coincide. Filled coarse-to-fine: 4×4, 8×8, then every point.
      </p>
    </div>
  );
}
