/**
 * The bookkeeping shared by the paper's two-dissipator map figures (Figs. 7 and 8): panels of
 * (N, d) for (a) the spin ladder and (b) the m-independent dissipator, computed as one progressive
 * job per distinct Liouvillian (the dissipators coincide for d ≤ 3, so those panels are computed
 * once), and one sweep-file slot per panel of the paper.
 */
import { useMemo } from 'react';
import { useStore } from '../../../state/store.ts';
import { estimateMs, type FiniteQuantities, type FiniteSpec, type GridJob } from '../../../compute/finiteClient.ts';
import { useProgressive } from './useProgressive.ts';
import type { SizedSystem } from './liveSize.tsx';

export const DISSIPATORS = ['spin', 'flat'] as const;

export interface DissipatorGrid {
  /** γ/|V| values of both map axes. */
  axis: number[];
  /** Points per map. */
  points: number;
  /** The (N, d) cells of one dissipator's figure, as sized for this resolution. */
  cells: SizedSystem[];
  /** Identifies the whole computation (jobs, axis, |V|): a new key is a new figure. */
  key: string;
  /** One progressive job per distinct (N, d, dissipator). */
  jobSpecs: FiniteSpec[];
  /** One sweep-file slot per panel of the paper: its system, its job and its key. */
  slotCells: Array<{ c: SizedSystem; job: number; key: string }>;
  /** Per dissipator (spin, flat), per cell: the cell, its job and its slot. */
  layoutOf: Array<Array<{ c: SizedSystem; job: number; slot: number }>>;
  progress: ReturnType<typeof useProgressive>;
  /** Estimated milliseconds for the full resolution. */
  estimate: number;
  /** |V| (1 when V = 0). */
  aV: number;
}

/** `cellsFor(points)` gives the (N, d) cells of one dissipator's figure at `points` points per map. */
export function useDissipatorGrid(cellsFor: (points: number) => SizedSystem[], q: FiniteQuantities): DissipatorGrid {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const axis = useMemo(() => Array.from({ length: s.mapRes }, (_, i) => +(s.mapMin + ((s.mapMax - s.mapMin) * i) / Math.max(1, s.mapRes - 1)).toPrecision(12)), [s.mapRes, s.mapMin, s.mapMax]);
  const points = axis.length * axis.length;
  const cells = cellsFor(points);
  const jobSpecs: FiniteSpec[] = [];
  const jobOf = (c: SizedSystem, dis: 'spin' | 'flat') => {
    const spec: FiniteSpec = { N: c.N, d: c.d, dissipator: c.d <= 3 ? 'spin' : dis, V: s.V };
    let i = jobSpecs.findIndex((j) => JSON.stringify(j) === JSON.stringify(spec));
    if (i < 0) { jobSpecs.push(spec); i = jobSpecs.length - 1; }
    return i;
  };
  const slotCells: DissipatorGrid['slotCells'] = [];
  const slotOf = (c: SizedSystem, job: number) => {
    const k = `${c.paperN},${c.d},${jobSpecs[job].dissipator}`;
    let i = slotCells.findIndex((x) => x.key === k);
    if (i < 0) { slotCells.push({ c, job, key: k }); i = slotCells.length - 1; }
    return i;
  };
  const layoutOf = DISSIPATORS.map((dis) => cells.map((c) => { const job = jobOf(c, dis); return { c, job, slot: slotOf(c, job) }; }));
  const key = JSON.stringify({ jobSpecs, axis, aV });
  const progress = useProgressive(key, () => jobSpecs.map((spec): GridJob => ({ spec, xs: axis.map((x) => x * aV), ys: axis.map((y) => y * aV), q })));
  const estimate = jobSpecs.reduce((a, sp) => a + estimateMs(sp.N, sp.d, q, points), 0);
  return { axis, points, cells, key, jobSpecs, slotCells, layoutOf, progress, estimate, aV };
}
