/**
 * A grid of (γ_I, γ_C) maps with one shared colour axis (Figs. 5, 7, 8 as the paper lays them
 * out; γ_C horizontal in Fig. 5, γ_I in Figs. 7, 8 — MapFigureOptions.gammaCHorizontal): per panel the finest complete coarse level underneath, uncertified cells painted white,
 * the computed cells on top (hover: named quantity with units, or why a cell is blank), and the
 * mean-field critical line γ_I + γ_C = 2|V|. mapFigure is the whole grid as one Plotly figure
 * (exports, the finite-N view's single map); mapCellFigure and colorBarFigure are its pieces for
 * a screen that draws every panel in a Plotly div of its own (MapGridPanel.tsx).
 */
import type { Data, Layout } from 'plotly.js';
import type { FinitePointResult } from '../../../contracts/exact.ts';
import type { GridState } from '../../../compute/finiteClient.ts';

export type ColorScale = 'shared' | 'fixed' | 'log';

export interface MapPanelSpec {
  row: number;
  col: number;
  title: string;
  /** Axes in units of |V|. */
  xs: number[];
  ys: number[];
  grid: GridState | null;
  /** The plotted number, or null when the cell is not certified. */
  value: (r: FinitePointResult) => number | null;
  /** Why a computed cell is blank. */
  reason: (r: FinitePointResult) => string;
  /** Context for the hover, e.g. "N = 5, d = 3". */
  context: string;
}

export interface MapFigureOptions {
  rows: number;
  cols: number;
  /** Quantity name with units for the hover and the colour bar, e.g. "Δ/|V|" or "Tr ρ²". */
  quantity: string;
  scale: ColorScale;
  /** Range used by the 'fixed' scale. */
  fixed: [number, number];
  /** Greyed out (values of other parameters). */
  stale?: boolean;
  height: number;
  annotations?: Partial<Layout>['annotations'];
  /** Override the shared range (e.g. shared across two figures). */
  range?: [number, number] | null;
  /**
   * γ_C on the horizontal axis and γ_I on the vertical one (Fig. 5 as the paper draws it: its
   * Fig. 6 runs "at constant γ_C/|V| = 0.2 (i.e., along the vertical axes of Fig. 5)"); default
   * γ_I horizontal (Figs. 7, 8). The panels' xs/ys and cells stay γ_I/γ_C-indexed either way.
   */
  gammaCHorizontal?: boolean;
}

/** The axis names of a figure, horizontal first. */
export function mapAxisNames(o: Pick<MapFigureOptions, 'gammaCHorizontal'>): [string, string] {
  return o.gammaCHorizontal ? ['γ_C', 'γ_I'] : ['γ_I', 'γ_C'];
}

/** The panel as drawn: for γ_C horizontal, its axes and cells transposed (cells[iy][ix] → [ix][iy]). */
function drawn(p: MapPanelSpec, o: MapFigureOptions): MapPanelSpec {
  if (!o.gammaCHorizontal) return p;
  const g = p.grid;
  return {
    ...p, xs: p.ys, ys: p.xs,
    grid: g ? { ...g, cells: p.xs.map((_, ix) => p.ys.map((__, iy) => g.cells[iy]?.[ix] ?? null)), coarse: g.coarse ? { ix: g.coarse.iy, iy: g.coarse.ix } : g.coarse } : g,
  };
}

const tx = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(4) : v.toExponential(3));

/** The range of every certified value of every panel (for a colour bar shared by several figures). */
export function valueRange(panels: MapPanelSpec[], log: boolean): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const p of panels) for (const row of p.grid?.cells ?? []) for (const c of row) {
    if (!c) continue;
    const v = p.value(c);
    if (v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
    const t = log ? Math.log10(v) : v;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  return lo <= hi ? [lo, hi === lo ? lo + 1e-9 : hi] : null;
}

/** The colour range of the figure: fixed, or shared by the certified values (null: none yet). */
export function figureRange(panels: MapPanelSpec[], o: MapFigureOptions): [number, number] | null {
  const log = o.scale === 'log';
  return o.scale === 'fixed' && !log ? o.fixed : o.range ?? valueRange(panels, log);
}

/** The shared colour axis: Viridis over `range`, its bar titled with the quantity (log ticks as numbers). */
function colorAxis(o: MapFigureOptions, range: [number, number] | null): Record<string, unknown> {
  const log = o.scale === 'log';
  return {
    colorscale: 'Viridis',
    ...(range ? { cmin: range[0], cmax: range[1] } : {}),
    colorbar: {
      // (the colours are log₁₀ of the value, the ticks the values themselves)
      title: { text: log ? `${o.quantity} (log scale)` : o.quantity, side: 'right' },
      ...(log && range ? (() => {
        // 1, 2, 5 × 10^k inside the range, labelled as numbers
        const t: number[] = [];
        for (let k = Math.floor(range[0]); k <= Math.ceil(range[1]); k++) for (const m of [1, 2, 5]) { const v = Math.log10(m) + k; if (v >= range[0] - 1e-9 && v <= range[1] + 1e-9) t.push(v); }
        return { tickvals: t, ticktext: t.map((v) => { const x = 10 ** v; return x >= 0.01 && x < 1000 ? String(+x.toPrecision(2)) : x.toExponential(0); }) };
      })() : {}),
    },
  };
}

/** Axis ranges of a panel: its grid's cells, centred on the points. */
function panelBox(p: MapPanelSpec) {
  const xmin = Math.min(...p.xs), xmax = Math.max(...p.xs), ymin = Math.min(...p.ys), ymax = Math.max(...p.ys);
  const dx = p.xs.length > 1 ? (xmax - xmin) / (p.xs.length - 1) / 2 : 0.05, dy = p.ys.length > 1 ? (ymax - ymin) / (p.ys.length - 1) / 2 : 0.05;
  return { xmin, xmax, ymin, ymax, xr: [xmin - dx, xmax + dx], yr: [ymin - dy, ymax + dy] };
}

/**
 * One panel's traces on axes (xa, ya), p as drawn (drawn()): the finest complete coarse level
 * underneath, the uncertified cells white, the computed cells on top, the critical line.
 */
function panelTraces(p: MapPanelSpec, o: MapFigureOptions, xa: string, ya: string): Data[] {
  const [hx, hy] = mapAxisNames(o);
  const log = o.scale === 'log';
  const z = (v: number | null) => (v === null || !Number.isFinite(v) ? null : log ? (v > 0 ? Math.log10(v) : null) : v);
  const { xmin, xmax, ymin, ymax } = panelBox(p);
  const data: Data[] = [];
  const cells = p.grid?.cells ?? p.ys.map(() => p.xs.map(() => null));
  // the finest complete coarse level, underneath (cells cover several fine cells)
  if (p.grid?.coarse) {
    const { ix, iy } = p.grid.coarse;
    data.push({
      type: 'heatmap', xaxis: xa, yaxis: ya, coloraxis: 'coloraxis', x: ix.map((k) => p.xs[k]), y: iy.map((k) => p.ys[k]),
      z: iy.map((r) => ix.map((c) => { const cell = cells[r][c]; return cell ? z(p.value(cell)) : null; })),
      text: iy.map((r) => ix.map((c) => `coarse ${ix.length}×${iy.length} preview cell at ${hx}/|V| = ${p.xs[c].toFixed(3)}, ${hy}/|V| = ${p.ys[r].toFixed(3)}`)),
      hovertemplate: '%{text}<extra></extra>', name: `${p.title} (coarse)`, opacity: o.stale ? 0.35 : 0.9,
    } as unknown as Data);
  }
  // uncertified cells white (as in the paper's Fig. 5), above the coarse preview
  if (cells.some((row) => row.some((c) => c && p.value(c) === null))) data.push({
    type: 'heatmap', xaxis: xa, yaxis: ya, x: p.xs, y: p.ys, showscale: false, colorscale: [[0, '#ffffff'], [1, '#ffffff']], zmin: 0, zmax: 1,
    z: cells.map((row) => row.map((c) => (c && p.value(c) === null ? 1 : null))), hoverinfo: 'skip', name: `${p.title} (uncertified)`,
  } as unknown as Data);
  data.push({
    type: 'heatmap', xaxis: xa, yaxis: ya, coloraxis: 'coloraxis', x: p.xs, y: p.ys, hoverongaps: true, name: p.title,
    z: cells.map((row) => row.map((c) => (c ? z(p.value(c)) : null))),
    text: cells.map((row, r) => row.map((c, k) => {
      const at = `${p.context}<br>${hx}/|V| = ${p.xs[k].toFixed(3)}, ${hy}/|V| = ${p.ys[r].toFixed(3)}`;
      if (!c) return `${at}<br>not computed yet`;
      const v = p.value(c);
      return v === null ? `${at}<br>${o.quantity}: — ${p.reason(c)}` : `${at}<br>${o.quantity} = ${tx(v)}`;
    })),
    hovertemplate: '%{text}<extra></extra>', opacity: o.stale ? 0.35 : 1,
  } as unknown as Data);
  // the mean-field critical line γ_I + γ_C = 2|V|, clipped to the panel
  const a = Math.max(xmin, 2 - ymax), b = Math.min(xmax, 2 - ymin);
  if (a < b) data.push({ type: 'scatter', mode: 'lines', xaxis: xa, yaxis: ya, x: [a, b], y: [2 - a, 2 - b], line: { color: '#000', width: 2 }, name: 'γ_I + γ_C = 2|V|', hoverinfo: 'name' } as Data);
  return data;
}

/** The whole grid as one Plotly figure (subplots sharing one colour axis): exports. */
export function mapFigure(panels: MapPanelSpec[], o: MapFigureOptions): { data: Data[]; layout: Partial<Layout> } {
  const range = figureRange(panels, o);
  const data: Data[] = [];
  const layout: Partial<Layout> & Record<string, unknown> = {
    height: o.height,
    margin: { l: 70, r: 30, t: 60, b: 60 },
    plot_bgcolor: '#ffffff',
    showlegend: false,
    annotations: [...(o.annotations ?? [])],
    coloraxis: colorAxis(o, range),
    uirevision: 'maps',
  };
  const gx = 0.05 / o.cols, gy = 0.16 / o.rows;
  panels.forEach((p, i) => {
    const n = i + 1;
    const xa = n === 1 ? 'x' : `x${n}`, ya = n === 1 ? 'y' : `y${n}`;
    const x0 = p.col / o.cols + gx / 2, x1 = (p.col + 1) / o.cols - gx / 2;
    const y1 = 1 - p.row / o.rows - gy / 2, y0 = 1 - (p.row + 1) / o.rows + gy / 2;
    const q = drawn(p, o);
    const { xr, yr } = panelBox(q);
    const [hx, hy] = mapAxisNames(o);
    layout[n === 1 ? 'xaxis' : `xaxis${n}`] = {
      domain: [x0, x1], anchor: ya, range: xr, showgrid: false, zeroline: false,
      title: { text: p.row === o.rows - 1 ? `${hx} / |V|` : '' }, tickfont: { size: 11 },
    };
    layout[n === 1 ? 'yaxis' : `yaxis${n}`] = {
      domain: [y0, y1], anchor: xa, range: yr, showgrid: false, zeroline: false,
      title: { text: p.col === 0 ? `${hy} / |V|` : '' }, tickfont: { size: 11 },
    };
    (layout.annotations as NonNullable<Layout['annotations']>).push({ text: p.title, xref: 'paper', yref: 'paper', x: (x0 + x1) / 2, y: y1, xanchor: 'center', yanchor: 'bottom', showarrow: false, font: { size: 13 } });
    data.push(...panelTraces(q, o, xa, ya));
  });
  return { data, layout };
}

/** Font sizes of a screen cell: tick labels and the panel title (larger on a projector). */
export interface CellFonts { tick: number; title: number }

/**
 * One panel as a figure of its own (the screen draws each panel in its own Plotly div, so a
 * batch of new points redraws only the panels it touches, each in its own task): the traces of
 * mapFigure, fixed axis ranges, the shared colour range, no colour bar, the title on top.
 */
export function mapCellFigure(p: MapPanelSpec, o: MapFigureOptions, range: [number, number] | null, height: number, fonts: CellFonts): { data: Data[]; layout: Partial<Layout> } {
  const q = drawn(p, o);
  const { xr, yr } = panelBox(q);
  // a size note in brackets goes on a second line: at 1280 px four panels side by side leave
  // ≈ 180 px per title ("Δ(+1,+1), N = 5, d = 3 (paper: N = 12)" ran into its neighbour)
  const title = p.title.replace(/ \((?=[^()]*\)$)/, '<br>(');
  // Room for two title lines in every panel, so that the panels of a row line up whether or not
  // their title has a size note; the plot area is square (γ_I and γ_C on one scale, the
  // critical line at −45°), centred in its cell.
  const layout: Partial<Layout> & Record<string, unknown> = {
    height,
    margin: { l: 36, r: 6, t: Math.round(fonts.title * (0.6 + 1.2 * 2)), b: Math.round(fonts.tick * 2) },
    plot_bgcolor: '#ffffff',
    showlegend: false,
    coloraxis: { ...colorAxis(o, range), showscale: false },
    xaxis: { range: xr, showgrid: false, zeroline: false, fixedrange: false, tickfont: { size: fonts.tick }, automargin: false, constrain: 'domain' },
    yaxis: { range: yr, showgrid: false, zeroline: false, tickfont: { size: fonts.tick }, automargin: false, scaleanchor: 'x', scaleratio: 1, constrain: 'domain' },
    annotations: [{ text: title, xref: 'paper', yref: 'paper', x: 0.5, y: 1, xanchor: 'center', yanchor: 'bottom', showarrow: false, font: { size: fonts.title } }],
    uirevision: 'maps',
  };
  return { data: panelTraces(q, o, 'x', 'y'), layout };
}

/** The shared colour bar alone (a screen cell of its own, next to the panels). */
export function colorBarFigure(o: MapFigureOptions, range: [number, number] | null, height: number, fontSize: number): { data: Data[]; layout: Partial<Layout> } {
  const ax = colorAxis(o, range) as { colorbar: Record<string, unknown> };
  return {
    // a one-cell heatmap nobody sees carries the colour axis (Plotly draws a bar only for a trace)
    data: [{ type: 'heatmap', z: [range ?? [0, 1]], coloraxis: 'coloraxis', opacity: 0, hoverinfo: 'skip', name: 'colour bar' } as unknown as Data],
    layout: {
      height,
      margin: { l: 0, r: 0, t: 10, b: 10 },
      showlegend: false,
      xaxis: { visible: false, domain: [0, 0.02], fixedrange: true },
      yaxis: { visible: false, fixedrange: true },
      coloraxis: { ...ax, colorbar: { ...ax.colorbar, x: 0.05, xanchor: 'left', len: 1, lenmode: 'fraction', y: 0.5, yanchor: 'middle', thickness: 22, tickfont: { size: fontSize } } },
      plot_bgcolor: 'rgba(0,0,0,0)', paper_bgcolor: 'rgba(0,0,0,0)',
    } as Partial<Layout>,
  };
}

/** Count of computed cells whose plotted value is a finite number (tests and status lines). */
export function filledCells(grid: GridState | null): number {
  return grid ? grid.cells.reduce((a, r) => a + r.filter((c) => c).length, 0) : 0;
}
