/**
 * Fig. 2: stream plot of the qubit mean-field flow, Eq. (10), with stable (red) and unstable
 * (blue) fixed points, redrawn live. Always the qubit flow (Eq. 10 is the d = 2 mean field);
 * for d > 2 see the trajectories of Fig. 3.
 */
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore } from '../../state/store.ts';
import { requestFig2 } from '../../compute/meanfieldClient.ts';
import type { Fig2Result } from '../../physics/fig2.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { allFinite, useJob } from '../useJob.ts';
import { toCsv, toJson } from '../exportData.ts';
import { JobStatus } from '../JobStatus.tsx';

const STABLE = '#d62728', UNSTABLE = '#1f4e9c', CENTER = '#ff7f0e';

export function Fig2View() {
  const { gammaI, gammaC, V, projection, set } = useStore();
  const req = useMemo(() => ({ gammaI, gammaC, V, projection }), [gammaI, gammaC, V, projection]);
  const job = useJob<Fig2Result>(JSON.stringify(req), () => requestFig2(req), (r) =>
    allFinite(r.lines.x, r.lines.y) ? null : 'the stream plot produced non-finite numbers');
  const r = job.result;

  const { data, layout } = useMemo(() => {
    if (!r) return { data: [] as Data[], layout: {} as Partial<Layout> };
    const L = r.lines;
    const xs: Array<number | null> = [], ys: Array<number | null> = [];
    for (let i = 0; i + 1 < L.starts.length; i++) {
      for (let k = L.starts[i]; k < L.starts[i + 1]; k++) { xs.push(L.x[k]); ys.push(L.y[k]); }
      xs.push(null); ys.push(null);
    }
    const plane = r.projection === 'plane';
    const traces: Data[] = [
      { x: xs, y: ys, type: 'scatter' as const, mode: 'lines', line: { color: '#7a8ca8', width: 1.3 }, name: 'stream lines', hoverinfo: 'skip', connectgaps: false },
      {
        x: Array.from(L.arrowX), y: Array.from(L.arrowY), type: 'scatter', mode: 'markers', name: 'flow direction', hoverinfo: 'skip',
        marker: { symbol: 'triangle-up', size: 9, color: '#4a5d7e', angle: Array.from(L.arrowAngle, (a) => 90 - (a * 180) / Math.PI) } as never,
      },
    ];
    if (plane) {
      const th = Array.from({ length: 241 }, (_, i) => (2 * Math.PI * i) / 240);
      traces.push({ x: th.map(Math.cos), y: th.map(Math.sin), type: 'scatter', mode: 'lines', line: { color: '#222', width: 1.5 }, name: 'Bloch sphere r = 1', hoverinfo: 'skip' });
    }
    for (const [kind, color, name] of [['stable', STABLE, 'stable fixed point'], ['unstable', UNSTABLE, 'unstable fixed point'], ['center', CENTER, 'centre (Eq. 11)'], ['marginal', '#888', 'marginal (critical)']] as const) {
      const pts = r.fixedPoints.filter((f) => f.stability === kind);
      if (!pts.length) continue;
      traces.push({
        x: pts.map((f) => f.h), y: pts.map((f) => f.v), type: 'scatter', mode: 'markers', name,
        marker: { size: 15, color, line: { color: '#fff', width: 2 } },
        text: pts.map((f) => `${f.label}<br>X=${f.X.toFixed(4)} Y=${f.Y.toFixed(4)} Z=${f.Z.toFixed(4)}`), hoverinfo: 'text',
      });
    }
    const lay: Partial<Layout> = {
      xaxis: plane
        ? { title: { text: V >= 0 ? 'u = (X + Y)/√2   (plane X = Y)' : 'u = (X − Y)/√2   (plane X = −Y)' }, range: [-1.08, 1.08], zeroline: false }
        : { title: { text: 'φ = atan2(Y, X)' }, range: [-Math.PI, Math.PI], zeroline: false },
      yaxis: { title: { text: 'Z' }, range: plane ? [-1.08, 1.08] : [-1.02, 1.02], scaleanchor: plane ? 'x' : undefined, zeroline: false },
      legend: { orientation: 'h', y: -0.15 },
      showlegend: true,
      uirevision: projection,
    };
    return { data: traces, layout: lay };
  }, [r, V, projection]);

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
        status={<JobStatus job={job} />}
      />
    </div>
  );
}
