/**
 * Fig. 2: stream plot of the qubit mean-field flow, Eq. (10), with stable (red) and unstable
 * (blue) fixed points, redrawn live. Always the qubit flow (Eq. 10 is the d = 2 mean field);
 * for d > 2 see the trajectories of Fig. 3.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore } from '../../state/store.ts';
import { requestFig2, requestFig2Grid } from '../../compute/meanfieldClient.ts';
import { FIG2_GRID, type Fig2Result } from '../../contracts/meanfield.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { allFinite, useJob } from '../useJob.ts';
import { toCsv, toJson } from '../exportData.ts';
import { JobStatus } from '../JobStatus.tsx';

const STABLE = '#d62728', UNSTABLE = '#1f4e9c', CENTER = '#ff7f0e';
/** The Bloch sphere's outline r = 1 in the plane (built once). */
const CIRCLE = (() => {
  const th = Array.from({ length: 241 }, (_, i) => (2 * Math.PI * i) / 240);
  return { x: th.map(Math.cos), y: th.map(Math.sin) };
})();

/**
 * The flow's arrows as filled triangles in one line trace (null-separated), not as rotated
 * markers: a marker with its own angle is one SVG element per arrow re-created on every redraw,
 * which was the largest single cost of a Fig. 2 redraw. Sizes in units of half the axis range.
 */
function arrowHeads(x: ArrayLike<number>, y: ArrayLike<number>, angle: ArrayLike<number>, aspect: number, size: number) {
  const xs: Array<number | null> = [], ys: Array<number | null> = [];
  for (let i = 0; i < x.length; i++) {
    // direction in screen-like coordinates (x scaled by aspect), then back to data units
    let ux = Math.cos(angle[i]) * aspect, uy = Math.sin(angle[i]);
    const n = Math.hypot(ux, uy) || 1;
    ux /= n; uy /= n;
    const tip = [size * 0.6 * ux, size * 0.6 * uy], back = [-size * 0.4 * ux, -size * 0.4 * uy], w = size * 0.38;
    const pts = [tip, [back[0] - w * uy, back[1] + w * ux], [back[0] + w * uy, back[1] - w * ux], tip];
    for (const [dx, dy] of pts) { xs.push(x[i] + dx / aspect); ys.push(y[i] + dy); }
    xs.push(null); ys.push(null);
  }
  return { x: xs, y: ys };
}

/** Plotly traces of one Fig. 2 panel on the given axes. */
function fig2Traces(r: Fig2Result, xaxis: string, yaxis: string, legend: boolean): Data[] {
  const L = r.lines;
  const xs: Array<number | null> = [], ys: Array<number | null> = [];
  for (let i = 0; i + 1 < L.starts.length; i++) {
    for (let k = L.starts[i]; k < L.starts[i + 1]; k++) { xs.push(L.x[k]); ys.push(L.y[k]); }
    xs.push(null); ys.push(null);
  }
  const plane = r.projection === 'plane';
  // arrow angles in screen space: the sphere panel stretches φ ∈ [−π, π] over the width of Z ∈ [−1, 1]
  const aspect = plane ? 1 : 1 / Math.PI;
  const traces: Data[] = [
    { x: xs, y: ys, xaxis, yaxis, type: 'scatter', mode: 'lines', line: { color: '#7a8ca8', width: 1.2 }, name: 'stream lines', hoverinfo: 'skip', connectgaps: false, showlegend: legend },
    { ...arrowHeads(L.arrowX, L.arrowY, L.arrowAngle, aspect, legend ? 0.055 : 0.075), xaxis, yaxis, type: 'scatter', mode: 'lines', fill: 'toself', fillcolor: '#4a5d7e', line: { color: '#4a5d7e', width: 1 }, name: 'flow direction', hoverinfo: 'skip', showlegend: legend, connectgaps: false },
  ];
  if (plane) {
    traces.push({ x: CIRCLE.x, y: CIRCLE.y, xaxis, yaxis, type: 'scatter', mode: 'lines', line: { color: '#222', width: 1.5 }, name: 'Bloch sphere r = 1', hoverinfo: 'skip', showlegend: legend });
  }
  for (const [kind, color, name] of [['stable', STABLE, 'stable fixed point'], ['unstable', UNSTABLE, 'unstable fixed point'], ['center', CENTER, 'centre (Eq. 11)'], ['marginal', '#888', 'marginal (critical)']] as const) {
    const pts = r.fixedPoints.filter((f) => f.stability === kind);
    if (!pts.length) continue;
    traces.push({
      x: pts.map((f) => f.h), y: pts.map((f) => f.v), xaxis, yaxis, type: 'scatter', mode: 'markers', name, showlegend: legend,
      marker: { size: legend ? 15 : 11, color, line: { color: '#fff', width: 2 } },
      text: pts.map((f) => `${f.label}<br>X=${f.X.toFixed(4)} Y=${f.Y.toFixed(4)} Z=${f.Z.toFixed(4)}`), hoverinfo: 'text',
    });
  }
  return traces;
}

function axisFor(r: Fig2Result) {
  const plane = r.projection === 'plane';
  return {
    x: plane ? { range: [-1.08, 1.08], zeroline: false } : { range: [-Math.PI, Math.PI], zeroline: false },
    y: plane ? { range: [-1.08, 1.08], zeroline: false } : { range: [-1.02, 1.02], zeroline: false },
  };
}

/** The paper's six Fig. 2 panels at once (|V| = 1). */
function Fig2Grid({ signV }: { signV: 1 | -1 }) {
  const job = useJob<Fig2Result[]>(`grid${signV}`, () => requestFig2Grid(signV), (rs) =>
    rs.every((r) => allFinite(r.lines.x, r.lines.y)) ? null : 'non-finite stream lines');
  const rs = job.result;
  const { data, layout } = useMemo(() => {
    if (!rs) return { data: [] as Data[], layout: {} as Partial<Layout> };
    const data: Data[] = [];
    const lay: Record<string, unknown> = { grid: { rows: 3, columns: 2, pattern: 'independent', xgap: 0.12, ygap: 0.22 }, showlegend: false, annotations: [] as unknown[] };
    rs.forEach((r, i) => {
      const ax = i === 0 ? '' : String(i + 1);
      data.push(...fig2Traces(r, 'x' + ax, 'y' + ax, false));
      const a = axisFor(r);
      const g = FIG2_GRID[i];
      lay['xaxis' + ax] = { ...a.x, title: { text: r.projection === 'plane' ? 'u' : 'φ', standoff: 2 } };
      lay['yaxis' + ax] = { ...a.y, title: { text: 'Z', standoff: 2 }, ...(r.projection === 'plane' ? { scaleanchor: 'x' + ax } : {}) };
      (lay.annotations as unknown[]).push({ text: `${g.row}, (γ_I+γ_C)/|V| = ${g.ratio}`, xref: `x${ax} domain`, yref: `y${ax} domain`, x: 0.5, y: 1.07, showarrow: false, font: { size: 14 } });
    });
    return { data, layout: lay as Partial<Layout> };
  }, [rs, signV]);
  const csv = () =>
    rs ? toCsv(['panel', 'row', 'ratio', 'kind', 'line', 'h', 'Z'], rs.flatMap((r, i) => {
      const rows: Array<Array<number | string>> = [];
      const L = r.lines;
      for (let l = 0; l + 1 < L.starts.length; l++) for (let k = L.starts[l]; k < L.starts[l + 1]; k++) rows.push([i + 1, FIG2_GRID[i].row, FIG2_GRID[i].ratio, 'line', l, L.x[k], L.y[k]]);
      for (const f of r.fixedPoints) rows.push([i + 1, FIG2_GRID[i].row, FIG2_GRID[i].ratio, `fixed:${f.stability}`, f.label, f.h, f.v]);
      return rows;
    }), ['Fig. 2 grid: h = u = (X + sgn(V)Y)/sqrt(2) in the plane panels, h = phi on the sphere panels (gamma_I = 0 row)']) : '';
  return (
    <PlotPanel id="fig2grid" title="Fig. 2 — all six panels (|V| = 1; bottom row on the sphere surface)" data={data} layout={layout} height={1050}
      filename={`fig2_grid_V${signV}`} csv={csv} json={() => toJson({ figure: 'fig2-grid', panels: FIG2_GRID, results: rs })} status={<JobStatus job={job} />} pending={job.busy} />
  );
}

export function Fig2View() {
  const { gammaI, gammaC, V, projection, grid, set } = useStore();
  const req = useMemo(() => ({ gammaI, gammaC, V, projection }), [gammaI, gammaC, V, projection]);
  const job = useJob<Fig2Result>(JSON.stringify(req), () => requestFig2(req), (r) =>
    allFinite(r.lines.x, r.lines.y) ? null : 'the stream plot produced non-finite numbers');
  const r = job.result;

  // the layout follows the projection and the sign of V only, not the data: a redraw then
  // diffs no layout, and every range is fixed (no autorange over the stream lines)
  const shownProjection = r?.projection ?? projection;
  const signV = V >= 0 ? 1 : -1;
  const layout = useMemo<Partial<Layout>>(() => {
    const plane = shownProjection === 'plane';
    const axes = axisFor({ projection: shownProjection } as Fig2Result);
    return {
      xaxis: { ...axes.x, title: { text: plane ? (signV > 0 ? 'u = (X + Y)/√2   (plane X = Y)' : 'u = (X − Y)/√2   (plane X = −Y)') : 'φ = atan2(Y, X)' } },
      yaxis: { ...axes.y, title: { text: 'Z' }, ...(plane ? { scaleanchor: 'x' as const } : {}) },
      legend: { orientation: 'h', y: -0.15 },
      showlegend: true,
      uirevision: shownProjection,
    };
  }, [shownProjection, signV]);
  const data = useMemo<Data[]>(() => (r ? fig2Traces(r, 'x', 'y', true) : []), [r]);

  const ratio = r?.ratio ?? NaN;
  const csv = () => {
    if (!r) return '';
    const rows: Array<Array<number | string>> = [];
    const L = r.lines;
    for (let i = 0; i + 1 < L.starts.length; i++) for (let k = L.starts[i]; k < L.starts[i + 1]; k++) rows.push(['line', i, L.x[k], L.y[k], L.speed[k]]);
    for (const f of r.fixedPoints) rows.push([`fixed:${f.stability}`, f.label, f.h, f.v, 0]);
    return toCsv(['kind', 'id', r.projection === 'plane' ? 'u' : 'phi', 'Z', 'speed'], rows, [
      `Fig. 2 stream plot, Eq. (10); gammaI=${gammaI} gammaC=${gammaC} V=${V} projection=${r.projection}`,
    ]);
  };
  return (
    <div className="view">
      <div className="view-controls">
        <label className="select">
          <span>projection</span>
          <select value={projection} data-testid="select-projection" onChange={(e) => set({ projection: e.target.value as 'plane' | 'sphere' })}>
            <option value="plane">invariant plane X = sgn(V)·Y (exact)</option>
            <option value="sphere">Bloch sphere surface (φ, Z)</option>
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={grid} data-testid="check-grid" onChange={(e) => set({ grid: e.target.checked })} /> the paper's six panels</label>
        <span className="ratio-badge" data-testid="ratio-badge">
          (γ_I+γ_C)/|V| = {Number.isFinite(ratio) ? ratio.toFixed(3) : '∞'} — critical value 2 {Number.isFinite(ratio) ? (ratio > 2 ? '(all flow to Z = −1)' : ratio < 2 ? '(broken-symmetry phase)' : '') : ''}
        </span>
      </div>
      {r && !r.exact && <p className="note">γ_I &gt; 0 shrinks the spin length, so the sphere view shows the tangential part of the flow only; the invariant plane is exact.</p>}
      <PlotPanel
        id="fig2"
        title="Fig. 2 — qubit mean-field flow, Eq. (10)"
        data={data}
        layout={layout}
        filename={`fig2_gI${gammaI}_gC${gammaC}_V${V}_${projection}`}
        csv={csv}
        json={() => toJson({ figure: 'fig2', params: req, result: r })}
        status={<JobStatus job={job} />} pending={job.busy}
      />
      {grid && <Fig2Grid signV={V < 0 ? -1 : 1} />}
    </div>
  );
}
