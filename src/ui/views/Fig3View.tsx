/**
 * Fig. 3: mean-field trajectories X(t), Y(t), Z(t) (Eq. 9) from seeded random spin-coherent
 * initial states, for any d and dissipator; optionally drawn in (X, Y, Z) space with the sphere.
 */
import { useMemo, useRef } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore } from '../../state/store.ts';
import { modelFromState } from '../../state/modelFromState.ts';
import { currentState } from '../../state/store.ts';
import { requestFig3 } from '../../compute/meanfieldClient.ts';
import { requestFixedPoints, type FixedResult } from '../../compute/bifurcationClient.ts';
import type { Fig3Request, Fig3Result } from '../../contracts/meanfield.ts';
import { DISSIPATOR_LABEL } from '../../state/vocabulary.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { allFinite, useJob, useSettled } from '../useJob.ts';
import { toCsv, toJson } from '../exportData.ts';
import { JobStatus } from '../JobStatus.tsx';
import { NumberField } from '../NumberField.tsx';
import { CHECKS } from '../../state/params.ts';

/** Relative tolerance of the live view: far below what a plot can show; the CLI uses 1e-10. */
const LIVE_RTOL = 1e-6;
const SAMPLES = 400;
const COMPONENT_COLORS = { X: '#1f4e9c', Y: '#2a9d55', Z: '#c0392b' } as const;

/** Wireframe of the sphere r = 1 for the (X, Y, Z) view (built once). */
const SPHERE: Data = (() => {
  const wx: Array<number | null> = [], wy: Array<number | null> = [], wz: Array<number | null> = [];
  for (let k = 1; k < 6; k++) {
    const z = -1 + k / 3, rr = Math.sqrt(1 - z * z);
    for (let a = 0; a <= 60; a++) { wx.push(rr * Math.cos((a * Math.PI) / 30)); wy.push(rr * Math.sin((a * Math.PI) / 30)); wz.push(z); }
    wx.push(null); wy.push(null); wz.push(null);
  }
  for (let k = 0; k < 6; k++) {
    const ph = (k * Math.PI) / 6;
    for (let a = 0; a <= 60; a++) { const th = (a * Math.PI) / 30; wx.push(Math.sin(th) * Math.cos(ph)); wy.push(Math.sin(th) * Math.sin(ph)); wz.push(Math.cos(th)); }
    wx.push(null); wy.push(null); wz.push(null);
  }
  return { x: wx, y: wy, z: wz, type: 'scatter3d', mode: 'lines', line: { color: '#ccc', width: 1 }, hoverinfo: 'skip', name: 'r = 1' } as Data;
})();

function palette(i: number, n: number): string {
  return `hsl(${Math.round((360 * i) / Math.max(1, n))}, 65%, 45%)`;
}

export function Fig3View() {
  const s = useStore();
  const model = modelFromState(currentState(s));
  const req = 'spec' in model ? { spec: model.spec, count: s.count, seed: s.seed, tEndScaled: s.tEnd, samples: SAMPLES, rtol: LIVE_RTOL } : null;
  const key = req ? JSON.stringify(req) : 'invalid';
  const job = useJob<Fig3Result>(key, (onP) => (req ? requestFig3(req, onP) : Promise.reject(new Error('error' in model ? model.error : 'invalid'))), (r) =>
    allFinite(r.X, r.Y, r.Z) ? null : 'the integration produced non-finite numbers (try a smaller final time)');
  const r = job.result;
  // the stable fixed points (the paper's red dots), from the bifurcation worker
  const spec = 'spec' in model ? model.spec : null;
  // secondary: wait until the sliders rest, so it does not compete with the trajectories for a core
  const specKey = spec ? JSON.stringify(spec) : 'invalid';
  const fpKey = useSettled(specKey, 250);
  const fpJob = useJob<FixedResult>(fpKey, () => (fpKey !== 'invalid' ? requestFixedPoints(JSON.parse(fpKey)) : Promise.reject(new Error('invalid parameters'))));
  const stableFps = (fpJob.result ?? []).filter((f) => f.stable);
  const unitLabel = s.V !== 0 ? '|V| t' : 'γ t';

  // a result that arrives while the parameters move is drawn with every second sample (the
  // redraw cost grows with the points); all 400 follow 200 ms after the last change. The stride
  // belongs to the result: the start of a move never redraws the old result.
  const moving = useSettled(key, 200) !== key;
  const strideOf = useRef<{ r: Fig3Result | null; stride: number }>({ r: null, stride: 1 });
  if (strideOf.current.r !== r || !moving) strideOf.current = { r, stride: moving ? 2 : 1 };
  const stride = moving && !s.plot3d ? strideOf.current.stride : 1;

  // the request the shown result belongs to: while a new one computes (or after it failed) the
  // plot, its time axis and the exports stay with the old result's own parameters
  const shownReq = useMemo(() => (job.resultKey && job.resultKey !== 'invalid' ? JSON.parse(job.resultKey) as Fig3Request : null), [job.resultKey]);
  const highlight = s.highlight;
  const data = useMemo<Data[]>(() => {
    if (!r) return [];
    // times are in the model's unit; the plot's unit is 1/|V| (or 1/(γ_I+γ_C)) of the result's own request
    const scale = r.times.length > 1 ? r.tEndScaled / r.times[r.times.length - 1] : 1;
    const traces: Data[] = [];
    const n = r.count, m = r.samples;
    if (!s.plot3d) {
      const ks: number[] = [];
      for (let k = 0; k < m; k += stride) ks.push(k);
      if (ks[ks.length - 1] !== m - 1) ks.push(m - 1);
      const tk = ks.map((k) => r.times[k] * scale);
      const comps = [['X', r.X, 'y'], ['Y', r.Y, 'y2'], ['Z', r.Z, 'y3']] as const;
      // one trace per component with the trajectories separated by gaps: Plotly's cost grows
      // with the number of traces far more than with the number of points
      for (const [name, arr, axis] of comps) {
        const len = n * (ks.length + 1);
        const xs = new Array<number | null>(len), ys = new Array<number | null>(len);
        let q = 0;
        for (let i = 0; i < n; i++) {
          const off = i * m;
          for (let j = 0; j < ks.length; j++) { xs[q] = tk[j]; ys[q] = arr[off + ks[j]]; q++; }
          xs[q] = null; ys[q] = null; q++;
        }
        traces.push({
          x: xs, y: ys, type: 'scatter', mode: 'lines', yaxis: axis, connectgaps: false,
          line: { color: COMPONENT_COLORS[name], width: 1.3 }, name, showlegend: false, hoverinfo: 'x+y',
        });
        // stable fixed points as dashed levels, drawn on top of the trajectories
        for (const f of stableFps) {
          const v = name === 'X' ? f.X : name === 'Y' ? f.Y : f.Z;
          traces.push({ x: [0, r.tEndScaled], y: [v, v], type: 'scatter', mode: 'lines', yaxis: axis, line: { color: '#ff2a2a', width: 2, dash: 'dash' }, showlegend: false, hoverinfo: 'y', name: `stable fixed point ${name}` });
        }
        // the highlighted trajectory (the red line of the paper's Fig. 3(b)), on top
        if (highlight >= 1 && highlight <= n) {
          const off = (highlight - 1) * m;
          traces.push({ x: tk, y: ks.map((k) => arr[off + k]), type: 'scatter', mode: 'lines', yaxis: axis, line: { color: '#d62728', width: 3 }, showlegend: false, hoverinfo: 'x+y', name: `trajectory ${highlight} ${name}` });
        }
      }
      return traces;
    }
    for (let i = 0; i < n; i++) {
      traces.push({
        x: Array.from(r.X.subarray(i * m, (i + 1) * m)), y: Array.from(r.Y.subarray(i * m, (i + 1) * m)), z: Array.from(r.Z.subarray(i * m, (i + 1) * m)),
        type: 'scatter3d', mode: 'lines', line: { color: i + 1 === highlight ? '#d62728' : palette(i, n), width: i + 1 === highlight ? 7 : 3 }, showlegend: false, name: `#${i + 1}`,
      } as Data);
    }
    traces.push({
      x: Array.from({ length: n }, (_, i) => r.X[i * m + m - 1]), y: Array.from({ length: n }, (_, i) => r.Y[i * m + m - 1]), z: Array.from({ length: n }, (_, i) => r.Z[i * m + m - 1]),
      type: 'scatter3d', mode: 'markers', marker: { color: '#333', size: 3 }, name: `state at ${unitLabel} = ${r.tEndScaled}`,
    } as Data);
    if (stableFps.length) {
      traces.push({ x: stableFps.map((f) => f.X), y: stableFps.map((f) => f.Y), z: stableFps.map((f) => f.Z), type: 'scatter3d', mode: 'markers', marker: { color: '#d62728', size: 7 }, name: 'stable fixed points (steady states)' } as Data);
    }
    traces.push(SPHERE);
    return traces;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r, s.plot3d, unitLabel, fpJob.result, stride, highlight]);

  // the layout changes only with the view, not with the data: fixed ranges everywhere, so a
  // redraw needs no autorange over the points (that alone was a third of Plotly's time)
  const layout = useMemo<Partial<Layout>>(() => (s.plot3d
    ? { scene: { xaxis: { title: { text: 'X' }, range: [-1, 1] }, yaxis: { title: { text: 'Y' }, range: [-1, 1] }, zaxis: { title: { text: 'Z' }, range: [-1, 1] }, aspectmode: 'cube' }, uirevision: 'fig3-3d' } as Partial<Layout>
    : {
      grid: { rows: 3, columns: 1, pattern: 'independent' },
      xaxis: { anchor: 'y3', title: { text: unitLabel }, range: [0, s.tEnd] },
      yaxis: { title: { text: 'X' }, domain: [0.7, 1], range: [-1.05, 1.05] },
      yaxis2: { title: { text: 'Y' }, domain: [0.36, 0.66], range: [-1.05, 1.05] },
      yaxis3: { title: { text: 'Z' }, domain: [0, 0.32], range: [-1.05, 1.05] },
      xaxis2: { matches: 'x', showticklabels: false }, xaxis3: { matches: 'x' },
      uirevision: `fig3-time-${s.tEnd}`,
    } as Partial<Layout>), [s.plot3d, s.tEnd, unitLabel]);

  const csv = () => {
    if (!r || !shownReq) return '';
    const m = r.samples;
    const p = shownReq.spec;
    // the time column in the plotted unit, and the parameters of this result (not of the panel now)
    const unit = p.V !== 0 ? '|V| t' : '(gammaI+gammaC) t';
    const scale = r.times.length > 1 ? r.tEndScaled / r.times[r.times.length - 1] : 1;
    const header = [unit];
    for (let i = 0; i < r.count; i++) header.push(`X${i + 1}`, `Y${i + 1}`, `Z${i + 1}`);
    const rows = Array.from(r.times, (tt, k) => {
      const row: number[] = [tt * scale];
      for (let i = 0; i < r.count; i++) row.push(r.X[i * m + k], r.Y[i * m + k], r.Z[i * m + k]);
      return row;
    });
    const ell = p.dissipator === 'custom' ? ` ell=${(p.ellRe ?? []).join(';')}` : '';
    return toCsv(header, rows, [`Fig. 3 mean-field trajectories, Eq. (9); d=${p.d} dissipator=${DISSIPATOR_LABEL[p.dissipator]}${ell} gammaI=${p.gammaI} gammaC=${p.gammaC} V=${p.V} seed=${shownReq.seed} count=${shownReq.count}; time column ${unit} (hbar=1)`]);
  };

  return (
    <div className="view">
      <div className="view-controls">
        <NumberField label="trajectories" value={s.count} check={CHECKS.count} onChange={(count) => s.set({ count })} testId="input-count" width={60} />
        <NumberField label="seed" value={s.seed} check={CHECKS.seed} onChange={(seed) => s.set({ seed })} testId="input-seed" width={80} />
        <NumberField label={`final ${unitLabel}`} value={s.tEnd} check={CHECKS.tEnd} onChange={(tEnd) => s.set({ tEnd })} testId="input-tEnd" width={70} />
        <label className="check"><input type="checkbox" checked={s.plot3d} data-testid="check-3d" onChange={(e) => s.set({ plot3d: e.target.checked })} /> (X, Y, Z) space</label>
        {r && (
          <span className="diag" data-testid="fig3-diagnostics" title="trace and positivity monitors of the single-particle density matrix">
            max |Tr ϱ − 1| = {r.traceError.toExponential(1)}, min eig ϱ = {r.minEigenvalue.toExponential(1)}
          </span>
        )}
      </div>
      {'error' in model && <p className="error" role="alert">{model.error}</p>}
      <PlotPanel
        id="fig3"
        title={`Fig. 3 — mean-field trajectories, d = ${s.d}, ${DISSIPATOR_LABEL[s.dissipator]} dissipator`}
        data={data}
        layout={layout}
        height={640}
        filename={`fig3_d${s.d}_${s.dissipator}_gI${s.gammaI}_gC${s.gammaC}_V${s.V}`}
        csv={csv}
        json={() => toJson({ figure: 'fig3', request: shownReq, result: r })}
        status={<JobStatus job={job} />}
        pending={job.busy || fpJob.busy || fpKey !== specKey || moving}
      />
    </div>
  );
}
