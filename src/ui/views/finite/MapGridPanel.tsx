/**
 * A grid of (γ_I, γ_C) maps as the paper lays them out (Figs. 5, 7, 8): rows and columns of
 * panels, one shared colour bar on the right, axis titles on the outer edges, the parameter stamp
 * on top. On screen every panel is a Plotly figure of its own, and the panels are redrawn one per
 * task, only those whose cells changed, in passes at most every PASS_GAP_MS: while a map fills,
 * no redraw of the whole grid blocks the page (one figure of 16 subplots took ≈ 1 s per batch of
 * points). PNG and SVG export the whole grid as one figure (mapFigure), as before.
 *
 * `data-settled="true"` has the meaning of PlotPanel's: nothing pending for the current
 * parameters and every panel of this render drawn.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Config, Data, Layout } from 'plotly.js';
import { useStore } from '../../../state/store.ts';
import { PanelHead } from '../../PanelHead.tsx';
import { exportImage, loadPlotly, useLectureFit } from '../../PlotPanel.tsx';
import { Typeset, typesetFigure } from '../../typeset.tsx';
import type { FinitePointResult } from '../../../contracts/exact.ts';
import { colorBarFigure, figureRange, mapAxisNames, mapCellFigure, mapFigure, type MapFigureOptions, type MapPanelSpec } from './mapFigure.ts';

export interface MapGridPanelProps {
  id: string;
  title: string;
  /** Base file name for exports. */
  filename: string;
  panels: MapPanelSpec[];
  /** rows, cols, quantity, colour scale and range, height (px, the whole grid), stamp annotation. */
  options: MapFigureOptions;
  /** Identifies what the panels compute (parameters, axis): a new key redraws every panel. */
  computeKey: string;
  csv?: () => string;
  json?: () => string;
  status?: React.ReactNode;
  /** Work still owed for the current parameters (see PlotPanel). */
  pending?: boolean;
}

type Figure = { data: Data[]; layout: Partial<Layout> };

/**
 * Least time between two redraw passes (a panel is redrawn at most this often while it fills),
 * and at least PASS_GAP_RATIO × the last pass: the page never spends more than about 40 % of the
 * main thread redrawing maps, and the workers computing them keep their share of a 2-core machine.
 */
const PASS_GAP_MS = 250, PASS_GAP_RATIO = 1.5, PASS_GAP_MAX_MS = 2000;
const STAMP_H = 18, XTITLE_H = 30, YTITLE_W = 30, BAR_W = 110;
const FAMILY = 'Inter, Segoe UI, Helvetica, Arial, sans-serif';
/** Thrown inside the pump when its component has gone: nothing was drawn. */
const STALE = Symbol('stale');
const CONFIG: Partial<Config> = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['sendDataToCloud'] };

interface CellMemo { sig: string; cells: Array<Array<FinitePointResult | null>> | null; fig: Figure }

/** Same cells (by reference) as last time: nothing new arrived for this panel. */
function sameCells(a: CellMemo['cells'], b: CellMemo['cells']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r], y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}

/** Projector lines: as PlotPanel scales them. */
const thicker = (t: Data): Data => {
  const tr = t as { line?: { width?: number } };
  return (tr.line ? { ...t, line: { ...tr.line, width: (tr.line.width ?? 2) * 1.7 } } : t) as Data;
};

export function MapGridPanel(props: MapGridPanelProps) {
  const { panels, options: o, id } = props;
  const ref = useRef<HTMLDivElement>(null);
  const lecture = useStore((s) => s.lecture);
  const fit = useLectureFit(ref, lecture);
  const height = lecture && fit !== null ? fit : o.height;
  const cellH = Math.max(80, Math.floor((height - STAMP_H - XTITLE_H) / o.rows));
  const fonts = lecture ? { tick: 15, title: 17 } : { tick: 11, title: 13 };
  const range = figureRange(panels, o);

  // one figure per panel, rebuilt only when its cells or its look changed (stable identity otherwise)
  const memo = useRef<CellMemo[]>([]);
  const figs: Figure[] = panels.map((p, i) => {
    const sig = JSON.stringify([props.computeKey, p.title, p.context, p.xs, p.ys, o.scale, o.quantity, o.stale, o.gammaCHorizontal, range, cellH, fonts, lecture]);
    const m = memo.current[i];
    const cells = p.grid?.cells ?? null;
    if (m && m.sig === sig && sameCells(m.cells, cells)) return m.fig;
    const f = mapCellFigure(p, o, range, cellH, fonts);
    const data = typesetFigure(f.data);
    const fig = { data: lecture ? data.map(thicker) : data, layout: { font: { family: FAMILY, size: lecture ? 16 : 12 }, ...typesetFigure(f.layout) } };
    memo.current[i] = { sig, cells, fig };
    return fig;
  });
  memo.current.length = panels.length;
  const barMemo = useRef<{ sig: string; fig: Figure } | null>(null);
  const barSig = JSON.stringify([o.scale, o.quantity, range, height, lecture]);
  if (barMemo.current?.sig !== barSig) {
    const f = colorBarFigure(o, range, o.rows * cellH, lecture ? 16 : 12);
    barMemo.current = { sig: barSig, fig: { data: range ? f.data : [], layout: { font: { family: FAMILY, size: lecture ? 18 : 14 }, ...typesetFigure(f.layout) } } };
  }
  const all = [...figs, barMemo.current.fig];

  // the redraw pump: one panel per task, round robin; while filling, passes at least PASS_GAP_MS apart
  const divs = useRef<Array<HTMLDivElement | null>>([]);
  const want = useRef<Figure[]>([]);
  const drawn = useRef<Array<Figure | null>>([]);
  const pump = useRef({ running: false, timer: 0 as ReturnType<typeof setTimeout> | 0, last: -1, gen: 0, nextAt: 0, filling: false });
  const inflight = useRef<Promise<unknown>>(Promise.resolve());
  const [, setPassesDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  const kick = () => {
    const P = pump.current;
    if (P.running || P.timer) return;
    // while the maps fill, passes keep their distance; the last data and any other change draw at once
    const wait = P.filling ? P.nextAt - performance.now() : 0;
    if (wait > 0) {
      P.timer = setTimeout(() => { P.timer = 0; kick(); }, wait);
      return;
    }
    P.running = true;
    const gen = P.gen;
    const doneThisPass = new Set<number>();
    const passStart = performance.now();
    const step = () => {
      if (gen !== P.gen) return; // unmounted (or remounted: a new pump runs)
      const n = want.current.length;
      let i = -1;
      for (let k = 1; k <= n; k++) {
        const j = (P.last + k) % n;
        if (!doneThisPass.has(j) && drawn.current[j] !== want.current[j] && divs.current[j]) { i = j; break; }
      }
      if (i < 0) {
        P.running = false;
        const now = performance.now();
        P.nextAt = now + Math.min(PASS_GAP_MAX_MS, Math.max(PASS_GAP_MS, PASS_GAP_RATIO * (now - passStart)));
        if (doneThisPass.size > 0) setPassesDone((c) => c + 1); // re-render: data-settled
        // more arrived during the pass: the next pass (after the gap while filling)
        if (want.current.some((f, j) => drawn.current[j] !== f && divs.current[j])) kick();
        return;
      }
      const fig = want.current[i];
      const el = divs.current[i]!;
      doneThisPass.add(i);
      P.last = i;
      // one Plotly call at a time, after any purge queued by an unmount (see PlotPanel)
      inflight.current = inflight.current.then(() => loadPlotly()).then((Plotly) => {
        if (gen !== P.gen) throw STALE;
        setReady(true);
        const t = performance.now();
        return Plotly.react(el, fig.data, fig.layout, CONFIG).then(() => {
          // user timing read by the preset e2e tests and benches: what one panel's redraw costs
          performance.measure(`map-cell:${id}:${i}${drawn.current[i] ? '' : ':first'}`, { start: t, end: performance.now() });
        });
      }).then(() => {
        drawn.current[i] = fig;
        setError(null);
      }, (e: unknown) => {
        if (e === STALE) return;
        drawn.current[i] = fig; // not retried in a loop: the message says what failed
        setError(`the plot could not be drawn (${e instanceof Error ? e.message : String(e)})`);
      }).then(() => {
        performance.mark(`plotted:${id}`);
        // the next panel in a task of its own: input and painting get their turn in between
        setTimeout(step, 0);
      });
    };
    step();
  };

  useLayoutEffect(() => {
    want.current = all;
    const P = pump.current;
    if (P.filling && !props.pending && P.timer) {
      // the last data: no gap
      clearTimeout(P.timer);
      P.timer = 0;
    }
    P.filling = !!props.pending;
    kick();
  });

  useEffect(() => {
    const P = pump.current;
    kick();
    return () => {
      P.gen++;
      P.running = false;
      if (P.timer) clearTimeout(P.timer);
      P.timer = 0;
      drawn.current = [];
      const els = [...divs.current];
      // purge only after the Plotly call in flight has finished with its element
      inflight.current = inflight.current.then(() => loadPlotly()).then((Plotly) => els.forEach((el) => el && Plotly.purge(el)), () => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const allDrawn = all.every((f, i) => drawn.current[i] === f || !divs.current[i]) && divs.current.length >= all.length;
  const image = (format: 'png' | 'svg') => {
    const f = mapFigure(panels, o);
    void exportImage({ data: typesetFigure(f.data), layout: typesetFigure(f.layout) }, props.title, props.filename, format);
  };
  const stampText = (o.annotations ?? []).map((a) => String(a.text ?? '')).join(' ');
  const cols = `${YTITLE_W}px repeat(${o.cols}, minmax(0, 1fr)) ${BAR_W}px`;
  const rowsT = `repeat(${o.rows}, ${cellH}px) ${XTITLE_H}px`;
  return (
    <section className="panel" data-testid={`panel-${id}`} data-settled={!props.pending && allDrawn ? 'true' : 'false'}>
      <PanelHead title={props.title} filename={props.filename} onImage={image} imageOf="the whole figure" csv={props.csv} json={props.json} />
      {props.status && <div className="panel-status">{props.status}</div>}
      {error && <p className="error" role="alert">{error}</p>}
      {!ready && !error && <p className="loading" data-testid="plot-loading">loading the plotting library…</p>}
      <div ref={ref} className="plot map-grid" data-testid={`plot-${id}`} style={{ height }}>
        <div className="map-grid-stamp" style={{ height: STAMP_H }}><Typeset text={stampText} /></div>
        <div style={{ display: 'grid', gridTemplateColumns: cols, gridTemplateRows: rowsT }}>
          {Array.from({ length: o.rows }, (_, r) => (
            <div key={`y${r}`} className="map-grid-ytitle" style={{ gridRow: r + 1, gridColumn: 1 }}><span><Typeset text={`${mapAxisNames(o)[1]} / |V|`} /></span></div>
          ))}
          {panels.map((p, i) => (
            <div key={i} data-map-cell={i} ref={(el) => { divs.current[i] = el; }} style={{ gridRow: p.row + 1, gridColumn: p.col + 2, minWidth: 0, height: cellH }} />
          ))}
          <div data-map-colorbar="" ref={(el) => { divs.current[panels.length] = el; }} style={{ gridRow: `1 / span ${o.rows}`, gridColumn: o.cols + 2, height: o.rows * cellH }} />
          {Array.from({ length: o.cols }, (_, c) => (
            <div key={`x${c}`} className="map-grid-xtitle" style={{ gridRow: o.rows + 1, gridColumn: c + 2 }}><span><Typeset text={`${mapAxisNames(o)[0]} / |V|`} /></span></div>
          ))}
        </div>
      </div>
    </section>
  );
}
