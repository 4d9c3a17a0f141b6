/**
 * A Plotly panel with export: PNG and SVG at publication size, the plotted data as CSV and JSON.
 * Updates go through Plotly.react, so a slider move only diffs the traces.
 */
import { useEffect, useRef, useState } from 'react';
import Plotly from 'plotly.js-dist-min';
import type { Data, Layout } from 'plotly.js';
import { downloadText } from './exportData.ts';

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
}

const FONT = { family: 'Inter, Segoe UI, Helvetica, Arial, sans-serif', size: 16 };

export function PlotPanel(props: PlotPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { data, layout, height = 560 } = props;
  const revision = useRef(0);
  const [drawnRevision, setDrawnRevision] = useState(0);

  useEffect(() => {
    const el = ref.current;
    const rev = ++revision.current;
    if (!el) return;
    if (data.length === 0) {
      setDrawnRevision(rev);
      return;
    }
    void Plotly.react(el, data, { font: FONT, margin: { l: 70, r: 30, t: 40, b: 60 }, height, ...layout }, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ['sendDataToCloud'],
    }).then(() => {
      // user-timing mark read by bench/ui.bench.ts: input → plotted latency
      performance.mark(`plotted:${props.id}`);
      setDrawnRevision(rev);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, layout, height]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) Plotly.purge(el);
    };
  }, []);

  const image = (format: 'png' | 'svg') => {
    if (!ref.current) return;
    void Plotly.downloadImage(ref.current, { format, width: 1600, height: Math.round(1600 * 0.7), filename: props.filename, scale: format === 'png' ? 2 : 1 } as Plotly.DownloadImgopts);
  };

  return (
    <section className="panel" data-testid={`panel-${props.id}`} data-settled={!props.pending && drawnRevision === revision.current ? 'true' : 'false'}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        <div className="panel-actions">
          <button onClick={() => image('png')} title="Download PNG (1600 px wide, 2×)">PNG</button>
          <button onClick={() => image('svg')} title="Download SVG">SVG</button>
          {props.csv && <button onClick={() => downloadText(props.filename + '.csv', props.csv!(), 'text/csv')}>CSV</button>}
          {props.json && <button onClick={() => downloadText(props.filename + '.json', props.json!(), 'application/json')}>JSON</button>}
        </div>
      </header>
      {props.status && <div className="panel-status">{props.status}</div>}
      <div ref={ref} className="plot" data-testid={`plot-${props.id}`} />
    </section>
  );
}
