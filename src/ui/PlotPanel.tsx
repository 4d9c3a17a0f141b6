/**
 * A Plotly panel with export: PNG and SVG at publication size (with the panel's title and a
 * parameter stamp), the plotted data as CSV and JSON. Updates go through Plotly.react, so a
 * slider move only diffs the traces. Plotly (≈ 4.5 MB) is loaded on first use, not with the page.
 * Labels are typeset (γ_I → γ with subscript I) on screen and in the exports; in lecture mode
 * the plot fills the screen and fonts and lines are scaled for a projector.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore, currentState } from '../state/store.ts';
import { plotlyMarkup, typesetFigure } from './typeset.tsx';
import { exportStamp } from './cite.ts';
import { PanelHead } from './PanelHead.tsx';

export interface PlotPanelProps {
  id: string;
  title: string;
  data: Data[];
  layout: Partial<Layout>;
  /** Base file name for exports. */
  filename: string;
  csv?: () => string;
  json?: () => string;
  height?: number;
  status?: React.ReactNode;
  /**
   * True while any job this panel shows (overlays included) is still owed for the current
   * parameters. The panel reports `data-settled="true"` only when nothing is pending and the
   * current data has been drawn: the explicit signal tests and benches wait for.
   */
  pending?: boolean;
  /**
   * While `pending`, space redraws by at least 250 ms and 1.5× the last redraw (a progressive
   * figure whose every batch of points would otherwise keep the main thread busy redrawing);
   * the last data draws at once. Off for slider-driven panels, where it would add latency.
   */
  throttleWhilePending?: boolean;
}

/** Redraw spacing of throttleWhilePending: at least MIN ms, RATIO × the last redraw, at most MAX ms. */
const THROTTLE = { MIN: 250, RATIO: 1.5, MAX: 2000 };

type PlotlyModule = typeof import('plotly.js');
let plotlyPromise: Promise<PlotlyModule> | null = null;
/** Plotly, fetched once (its own chunk), shared by every panel. */
export function loadPlotly(): Promise<PlotlyModule> {
  return (plotlyPromise ??= import('plotly.js-dist-min').then((m) => (m as unknown as { default: PlotlyModule }).default ?? (m as unknown as PlotlyModule)));
}

const FONT = { family: 'Inter, Segoe UI, Helvetica, Arial, sans-serif', size: 16 };
const LECTURE_FONT = { ...FONT, size: 22 };
/** Projector scale of lines and markers. */
const LINE_SCALE = 1.7, MARKER_SCALE = 1.35;

function scaleTrace(t: Data): Data {
  const tr = t as Record<string, unknown> & { line?: { width?: number }; marker?: { size?: number | number[] } };
  const out: Record<string, unknown> = { ...tr };
  if (tr.line) out.line = { ...tr.line, width: (tr.line.width ?? 2) * LINE_SCALE };
  if (tr.marker && typeof tr.marker.size === 'number') out.marker = { ...tr.marker, size: tr.marker.size * MARKER_SCALE };
  return out as Data;
}

/** Height that fills the screen below the panel's top in lecture mode (first panel), or a screenful. */
function fitHeight(el: HTMLElement): number {
  const top = el.getBoundingClientRect().top + window.scrollY;
  const below = window.innerHeight - top - 16;
  return Math.round(below >= 300 ? below : Math.max(300, window.innerHeight - 140));
}

/**
 * Lecture mode: the height that fits the screen below `ref`'s element (null outside lecture mode),
 * measured again when anything above it moves.
 */
export function useLectureFit(ref: React.RefObject<HTMLElement | null>, lecture: boolean): number | null {
  const [fit, setFit] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!lecture) {
      setFit(null);
      return;
    }
    const el = ref.current;
    if (!el) return;
    // a smaller room is always taken (the plot must never reach below the screen); a slightly
    // larger one is ignored, so the measurement cannot oscillate with the plot's own height
    const measure = () => setFit((f) => {
      const h = fitHeight(el);
      return f !== null && h > f && h - f < 3 ? f : h;
    });
    measure();
    // what sits above the plot (status lines, notices, controls that wrap) can move it down
    // without changing the body's size: watch the panel and the content column too
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    const panel = el.closest('section');
    if (panel) ro.observe(panel);
    if (panel?.parentElement) ro.observe(panel.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [lecture]);

  return fit;
}

/**
 * Downloads a figure as PNG or SVG at publication size (1600 px wide), with `title` on top and
 * the parameter stamp of the current state.
 */
export async function exportImage(fig: { data: Data[]; layout: Partial<Layout> }, title: string, filename: string, format: 'png' | 'svg'): Promise<void> {
  const Plotly = await loadPlotly();
  const lay = fig.layout;
  const top = (lay.margin?.t ?? 40);
  const width = 1600, h = Math.round(1600 * 0.7);
  const stamp = plotlyMarkup(exportStamp(currentState(useStore.getState())));
  const figure = {
    data: fig.data,
    layout: {
      ...lay,
      width, height: h,
      margin: { ...lay.margin, t: top + 58 },
      title: { text: plotlyMarkup(title), x: 0.01, xanchor: 'left', y: 1, yref: 'container', yanchor: 'top', pad: { t: 10 }, font: { size: 20 } },
      annotations: [
        ...(lay.annotations ?? []),
        { text: stamp, xref: 'paper', yref: 'paper', x: 0, y: 1, xanchor: 'left', yanchor: 'bottom', yshift: top + 2, showarrow: false, align: 'left', font: { size: 12, color: '#555' } },
      ],
    } as Partial<Layout>,
  };
  const url = await Plotly.toImage(figure as Plotly.RootOrData, { format, width, height: h, scale: format === 'png' ? 2 : 1 } as Plotly.ToImgopts);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${filename}.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function PlotPanel(props: PlotPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const lecture = useStore((s) => s.lecture);
  const { data, layout, height: baseHeight = 560 } = props;
  const fit = useLectureFit(ref, lecture);
  const height = lecture && fit !== null ? fit : baseHeight;
  // what has been drawn: settled means the data and layout of this render are on screen
  const [drawn, setDrawn] = useState<{ data: unknown; layout: unknown }>({ data: null, layout: null });
  const revision = useRef(0);
  const inflight = useRef<Promise<unknown>>(Promise.resolve());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const throttled = useRef(false);
  const throttle = useRef<{ nextAt: number; wake: (() => void) | null }>({ nextAt: 0, wake: null });
  throttled.current = !!props.throttleWhilePending && !!props.pending;
  // the last data of a progressive figure is drawn at once
  useEffect(() => { if (!props.pending) throttle.current.wake?.(); }, [props.pending]);

  const shownData = useMemo(() => {
    const d = typesetFigure(data);
    return lecture ? d.map(scaleTrace) : d;
  }, [data, lecture]);
  const shownLayout = useMemo(() => {
    const lay = { font: lecture ? LECTURE_FONT : FONT, margin: { l: 70, r: 30, t: 40, b: 60 }, height, ...typesetFigure(layout) } as Partial<Layout>;
    // lecture mode: the measured fit wins over a height the view put in its layout
    if (lecture && fit !== null) lay.height = fit;
    // projector fonts: a legend under the plot would run into the axis title; the width is there
    if (lecture && lay.legend?.orientation === 'h') lay.legend = { ...lay.legend, orientation: 'v', x: 1.02, xanchor: 'left', y: 1, yanchor: 'top' };
    return lay;
  }, [layout, lecture, height, fit]);

  useEffect(() => {
    const el = ref.current;
    const rev = ++revision.current;
    if (!el) return;
    if (shownData.length === 0) {
      setDrawn({ data: shownData, layout: shownLayout });
      return;
    }
    let live = true;
    // One Plotly call at a time per element: Plotly.react finishes asynchronously (auto-margin
    // redraws), and a second react or a purge while one is in flight throws inside Plotly
    // ("_redrawFromAutoMarginCount" of a purged layout; seen in the soak test). Stale revisions
    // are skipped when their turn comes.
    inflight.current = inflight.current.then(() => {
      // a progressive figure while it fills: wait for the redraw spacing (woken by the last data)
      if (!live || rev !== revision.current || !throttled.current) return;
      const wait = throttle.current.nextAt - performance.now();
      if (wait > 0) return new Promise<void>((resolve) => {
        const t = setTimeout(() => { throttle.current.wake = null; resolve(); }, wait);
        throttle.current.wake = () => { clearTimeout(t); throttle.current.wake = null; resolve(); };
      });
    }).then(() => loadPlotly().then(
      (Plotly) => {
        if (!live || rev !== revision.current) return;
        setReady(true);
        const t0 = performance.now();
        return Plotly.react(el, shownData, shownLayout, {
          responsive: true,
          displaylogo: false,
          modeBarButtonsToRemove: ['sendDataToCloud'],
        }).then(() => {
          const t1 = performance.now();
          throttle.current.nextAt = t1 + Math.min(THROTTLE.MAX, Math.max(THROTTLE.MIN, THROTTLE.RATIO * (t1 - t0)));
          // user-timing mark read by bench/ui.bench.ts: input → plotted latency
          performance.mark(`plotted:${props.id}`);
          setLoadError(null);
          if (rev === revision.current) setDrawn({ data: shownData, layout: shownLayout });
        });
      },
      (e: unknown) => setLoadError(`the plotting library could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page`),
    )).catch((e: unknown) => {
      if (live) setLoadError(`the plot could not be drawn (${e instanceof Error ? e.message : String(e)})`);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownData, shownLayout]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      // purge only after the Plotly call in flight has finished with this element
      if (el) void inflight.current.then(() => plotlyPromise?.then((Plotly) => Plotly.purge(el)));
    };
  }, []);

  const image = (format: 'png' | 'svg') => {
    const el = ref.current as (HTMLDivElement & { data?: Data[]; layout?: Partial<Layout> }) | null;
    if (el?.data) void exportImage({ data: el.data, layout: el.layout ?? {} }, props.title, props.filename, format);
  };

  const loading = shownData.length > 0 && !ready && !loadError;
  return (
    <section className="panel" data-testid={`panel-${props.id}`} data-settled={!props.pending && drawn.data === shownData && drawn.layout === shownLayout ? 'true' : 'false'}>
      <PanelHead title={props.title} filename={props.filename} onImage={image} csv={props.csv} json={props.json} />
      {props.status && <div className="panel-status">{props.status}</div>}
      {loadError && <p className="error" role="alert">{loadError}</p>}
      {loading && <p className="loading" data-testid="plot-loading">loading the plotting library…</p>}
      {/* the box has the figure's height from the start: it never collapses while Plotly (re)draws,
          so nothing below it jumps and lecture mode's fit holds (a stress run caught a 0-high box) */}
      <div ref={ref} className="plot" data-testid={`plot-${props.id}`} style={{ height: typeof shownLayout.height === 'number' ? shownLayout.height : height }} />
    </section>
  );
}
