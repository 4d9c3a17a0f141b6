/**
 * Which (N, d) a figure computes live, and what the paper's size would cost. The paper's
 * sectors reach 30 000–43 000 (Figs. 5, 7), far beyond a live browser view; a figure then uses
 * the largest N whose full map fits a time budget, says so on the panel, and offers the paper's
 * size with its time and memory estimate.
 */
import { useEffect, useState } from 'react';
import { describeSize, estimateMs, estimatePointMs, piDimension, type FiniteQuantities } from '../../../compute/finiteClient.ts';
import { negativityCostEstimate } from '../../../contracts/exact.ts';
import { formatDuration } from './common.tsx';

/** Worker-milliseconds one panel may take at full resolution in a live figure. */
export const LIVE_PANEL_BUDGET_MS = 60_000;

/** A point slower than this keeps the coarse picture from appearing within seconds. */
export const LIVE_POINT_MS = 1500;

/** The largest N ≤ paperN (at least minN) whose `points` points fit `budgetMs` of one worker, each point under LIVE_POINT_MS. */
export function liveN(paperN: number, d: number, q: FiniteQuantities, points: number, budgetMs = LIVE_PANEL_BUDGET_MS, minN = 2): number {
  let N = paperN;
  while (N > minN && (estimatePointMs(N, d, q) * points > budgetMs || estimatePointMs(N, d, q) > LIVE_POINT_MS)) N--;
  return N;
}

export interface SizedSystem { N: number; d: number; paperN: number }

/**
 * The cells of a rows-of-N × columns-of-d figure (Figs. 7, 8): each (paper N, d) at the paper's
 * N where `full` says so, else at `live` — but rows of different paper N keep different N (the
 * N dependence is what the rows show): a reduced cell takes at most one less than the reduced
 * cell of the next larger paper N in its column, down to 2. E.g. (5, 4) and (7, 4) would both
 * be N = 4 live; they become 3 and 4. Returned row by row (paperNs order), columns in ds order.
 */
export function distinctLiveRows(paperNs: number[], ds: number[], full: (N: number, d: number) => boolean, live: (N: number, d: number) => number): SizedSystem[] {
  const size = new Map<string, number>();
  for (const d of ds) {
    let cap = Infinity;
    for (const N of [...paperNs].sort((a, b) => b - a)) {
      if (full(N, d)) { size.set(`${N},${d}`, N); continue; }
      const n = Math.min(live(N, d), Math.max(2, cap - 1));
      size.set(`${N},${d}`, n);
      cap = n;
    }
  }
  return paperNs.flatMap((N) => ds.map((d) => ({ d, paperN: N, N: size.get(`${N},${d}`)! })));
}

/** "(paper: N = 12)" when the live N differs. */
export const paperNote = (s: SizedSystem) => (s.N !== s.paperN ? ` (paper: N = ${s.paperN})` : '');

/**
 * The note under a figure whose live sizes differ from the paper's: what was reduced, and a
 * button to compute the paper's sizes with the estimated time (whole pool) and memory (per worker).
 */
export function PaperSizeOffer({ systems, q, points, paperSize, onPaperSize }: {
  systems: SizedSystem[]; q: FiniteQuantities; points: number; paperSize: boolean; onPaperSize: (on: boolean) => void;
}) {
  const reduced = systems.filter((s) => s.N !== s.paperN);
  const paper = [...new Map(systems.map((s) => [`${s.paperN},${s.d}`, { N: s.paperN, d: s.d }])).values()];
  const [mem, setMem] = useState<string>('');
  // the paper's systems above the worker's memory budget even with the fallback (refused there: the CLI's job)
  const [over, setOver] = useState<string[]>([]);
  const fits = paper.filter((s) => !over.includes(`${s.N},${s.d}`));
  const ms = fits.reduce((a, s) => a + estimateMs(s.N, s.d, q, points), 0);
  // certified gaps need the exact factorisation: at the paper's Fig. 5 sizes it is above the worker's limits
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(paper.map((s) => describeSize(s.N, s.d))).then((rs) => {
      if (!live) return;
      // the negativity's blocks (all held at once) and the eigensolver's copy of the largest come on top of the steady state
      const neg = (i: number) => {
        if (!q.negativity || paper[i].N < 2) return 0;
        const c = negativityCostEstimate(paper[i].N, paper[i].d);
        return c.allBlocksBytes + c.blockBytes;
      };
      const bytes = rs.map((r, i) => (q.gaps ? r.estimateBytes.spectrum : r.estimateBytes.steady) + neg(i));
      // a steady state whose exact factorisation does not fit runs the ILUT + GMRES fallback
      // (steadyState.ts); only one that does not fit even so is refused
      const fallbackBytes = rs.map((r, i) => (q.gaps ? Infinity : r.estimateBytes.steadyFallback + neg(i)));
      const budget = rs[0].budgetBytes;
      const gibs = (x: number) => `${(x / 1024 ** 3).toFixed(1)} GiB`;
      const list = (xs: typeof paper, b: number[]) => `(N, d) = ${xs.map((s) => `(${s.N}, ${s.d}): ${gibs(b[paper.indexOf(s)])}`).join(', ')}`;
      const exact = paper.filter((_, i) => bytes[i] <= budget);
      const viaFallback = q.gaps ? [] : paper.filter((_, i) => bytes[i] > budget && fallbackBytes[i] <= budget);
      const overList = paper.filter((s) => !exact.includes(s) && !viaFallback.includes(s));
      setOver(overList.map((s) => `${s.N},${s.d}`));
      // (with systems listed after it, the first figure is said to be theirs only: "0.05 GiB per
      // worker" next to "(5, 5): 2.0 GiB" read as a contradiction)
      const most = exact.length ? `${(Math.max(...exact.map((s) => bytes[paper.indexOf(s)])) / 1024 ** 3).toFixed(2)} GiB per worker` : '';
      const parts = [most && (viaFallback.length || overList.length) ? `up to ${most} for the ${exact.length} that fit exactly` : most];
      if (viaFallback.length) parts.push(`${list(viaFallback, bytes)} exact — above the browser budget of ${gibs(budget)}, so ${viaFallback.length === 1 ? 'its steady state runs' : 'their steady states run'} the ILUT + GMRES fallback here (uniqueness not checked; slower)`);
      if (overList.length) parts.push(`${list(overList, q.gaps ? bytes : fallbackBytes)} — above the browser budget of ${gibs(budget)}${q.gaps ? '' : ' even with the fallback'}: ${overList.length === 1 ? 'that panel is' : 'those panels are'} refused here (the CLI sweep runs ${overList.length === 1 ? 'it' : 'them'})`);
      setMem(parts.filter((x) => x).join('; '));
      setRefusal(q.gaps ? rs.map((r) => r.gapsRefusal).find((x) => x) ?? null : null);
    }, () => {});
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(paper), q.gaps, q.negativity]);
  if (paperSize) {
    return (
      <p className="note" data-testid="paper-size">
        Computing the paper’s sizes ({paper.map((s) => `N = ${s.N}, d = ${s.d}`).join('; ')}): ≈ {formatDuration(ms)} on this machine’s pool, {mem || 'memory…'}.{' '}
        <button onClick={() => onPaperSize(false)} data-testid="paper-size-off">back to the live sizes</button>
      </p>
    );
  }
  if (reduced.length === 0) return null;
  const sizes = reduced.map((s) => `N = ${s.N} instead of the paper’s ${s.paperN} for d = ${s.d} (sector dimension ≈ ${Math.round(piDimension(s.N, s.d) / 4).toLocaleString()} vs ${Math.round(piDimension(s.paperN, s.d) / 4).toLocaleString()})`).join('; ');
  if (refusal) {
    // no button: the browser would refuse every such panel (the CLI can lift the limits)
    return (
      <p className="note" data-testid="paper-size">
        Live sizes: {sizes}. The paper’s sizes cannot be certified in the browser — {refusal.replace(/ \(--\w+\)/g, '').replace(/; the ILUT.*$/, '')}. Run them with the CLI sweep
        and its <code>--maxFactorGFlop</code>/<code>--budgetGiB</code> (docs/cluster.md), then load the files here.
      </p>
    );
  }
  return (
    <p className="note" data-testid="paper-size">
      Live sizes: {sizes}.
      {' '}The paper’s sizes need ≈ {formatDuration(ms)} here and {mem || '…'}.{' '}
      {fits.length > 0 && (
        <button onClick={() => onPaperSize(true)} data-testid="paper-size-on">
          {over.length ? `compute the paper’s sizes where they fit (${fits.length} of ${paper.length} systems)` : 'compute the paper’s sizes'}
        </button>
      )}
    </p>
  );
}
