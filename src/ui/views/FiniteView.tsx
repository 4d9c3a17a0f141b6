/**
 * Finite N (Sections IV and V): the exact permutation-invariant steady state and the Z2×Z2-resolved
 * Liouvillian spectrum at the current parameters (live), the gaps versus γ_I/|V| (Fig. 6a), and
 * (γ_I, γ_C) maps of purity (Fig. 7) and gaps (Fig. 5), computed row by row on a worker pool.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore, currentState } from '../../state/store.ts';
import { modelFromState } from '../../state/modelFromState.ts';
import { CHECKS, MAP_QUANTITIES, type MapQuantity } from '../../state/params.ts';
import { cancelPoint, describeSize, requestDynamics, runSweep, type FiniteSpec, type Sweep } from '../../compute/finiteClient.ts';
import { createLiouvillianPool, EngineCancelled, type LiouvillianPool, type SpectrumReply, type SteadyStateReply } from '../../compute/liouvillianClient.ts';
import type { FinitePointResult } from '../../contracts/exact.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { useJob } from '../useJob.ts';
import { JobStatus } from '../JobStatus.tsx';
import { NumberField } from '../NumberField.tsx';
import { toCsv, toJson } from '../exportData.ts';

const SECTORS = ['+1,+1', '+1,-1', '-1,+1', '-1,-1'] as const;
const SECTOR_COLORS = ['#111111', '#2a9d55', '#d62728', '#1f4e9c'];
const QUANTITY_LABEL: Record<MapQuantity, string> = {
  purity: 'purity Tr ρ²',
  scaledPurity: 'd^N Tr ρ²',
  Z: 'Z = ⟨J_z⟩/(Nj)',
  'gap:+1,+1': 'Δ(+1,+1)',
  'gap:+1,-1': 'Δ(+1,−1)',
  'gap:-1,+1': 'Δ(−1,+1)',
  'gap:-1,-1': 'Δ(−1,−1)',
};
const fmt = (x: number, n = 5) => (Number.isFinite(x) ? x.toFixed(n) : '—');

function quantityOf(r: FinitePointResult, q: MapQuantity, aV: number): number {
  if (q === 'purity') return r.purity;
  if (q === 'scaledPurity') return r.scaledPurity;
  if (q === 'Z') return r.Z;
  return r.gaps[SECTORS.indexOf(q.slice(4) as (typeof SECTORS)[number])] / aV;
}

function useSpec(): { spec: FiniteSpec | null; error: string | null } {
  const s = useStore();
  const model = modelFromState(currentState(s));
  if ('error' in model) return { spec: null, error: model.error };
  return { spec: { N: s.N, d: s.d, dissipator: s.dissipator, ellRe: s.dissipator === 'custom' ? s.ell : undefined, V: s.V }, error: null };
}

function SizeInfo({ N, d }: { N: number; d: number }) {
  const job = useJob(`${N},${d}`, () => describeSize(N, d));
  const r = job.result as Awaited<ReturnType<typeof describeSize>> | null;
  if (!r) return <span className={job.error ? 'error' : 'hint'} data-testid="size-info">{job.error ?? 'sizing…'}</span>;
  const gib = (b: number) => (b / 1024 **3).toFixed(b < 0.1 * 1024 ** 3 ? 3 : 2);
  const over = r.estimateBytes.spectrum > r.budgetBytes;
  return (
    <span className={over ? 'error' : 'hint'} data-testid="size-info">
      PI dimension C(N+d²−1, N) = {r.total.toLocaleString()}
      {r.sectors && <> · sectors {SECTORS.map((l) => `${l}: ${r.sectors![l].toLocaleString()}`).join(', ')}</>}
      {' '}· memory ≈ {gib(r.estimateBytes.spectrum)} GiB of {gib(r.budgetBytes)} GiB{over ? ' — too large for the browser; use the CLI' : ''}
    </span>
  );
}

interface PointResult {
  steady: SteadyStateReply | null;
  spectra: Record<(typeof SECTORS)[number], SpectrumReply>;
}

let enginePool: LiouvillianPool | null = null;
const pool = () => (enginePool ??= createLiouvillianPool());

/**
 * The steady state and the four sector spectra at the current parameters, each sector on its
 * own worker (workers/exact.worker.ts), with build / factorise / iterate progress. When
 * the parameters move on, jobs still running after a short grace period are cancelled (their
 * workers are terminated and respawned).
 */
function usePointEngine(spec: FiniteSpec, gammaI: number, gammaC: number): { result: PointResult | null; error: string | null; busy: boolean; stage: string; elapsed: number | null; cancel: () => void } {
  const [st, setSt] = useState<{ result: PointResult | null; error: string | null; busy: boolean; stage: string; elapsed: number | null }>({ result: null, error: null, busy: false, stage: '', elapsed: null });
  const jobsRef = useRef<Array<{ cancel: () => void }>>([]);
  const key = JSON.stringify({ spec, gammaI, gammaC });
  useEffect(() => {
    let live = true;
    const t0 = performance.now();
    const req = { ...spec, gammaI, gammaC };
    const stage = (what: string) => (s: string, f: number) => { if (live) setSt((o) => ({ ...o, stage: `${what}: ${s} ${Math.round(f * 100)}%` })); };
    const ss = gammaI > 0 ? pool().steadyState(req, stage('steady state')) : null;
    const sp = SECTORS.map((sector) => pool().spectrum({ ...req, sector, k: 6 }, stage(`(${sector})`)));
    const jobs = [...(ss ? [ss] : []), ...sp];
    jobsRef.current = jobs;
    setSt((o) => ({ ...o, busy: true, stage: '' }));
    Promise.all([ss ? ss.promise : Promise.resolve(null), ...sp.map((j) => j.promise)]).then(
      ([steady, ...spectra]) => {
        if (!live) return;
        const rec = {} as PointResult['spectra'];
        SECTORS.forEach((l, i) => { rec[l] = spectra[i] as SpectrumReply; });
        performance.mark('result');
        setSt({ result: { steady: steady as SteadyStateReply | null, spectra: rec }, error: null, busy: false, stage: '', elapsed: performance.now() - t0 });
      },
      (e: unknown) => {
        if (!live || e instanceof EngineCancelled) return;
        jobs.forEach((j) => j.cancel());
        setSt((o) => ({ ...o, busy: false, error: e instanceof Error ? e.message : String(e) }));
      },
    );
    return () => {
      live = false;
      // let quick jobs finish (no worker respawn while dragging over small systems)
      setTimeout(() => jobs.forEach((j) => j.cancel()), 300);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { ...st, cancel: () => { jobsRef.current.forEach((j) => j.cancel()); setSt((o) => ({ ...o, busy: false, error: 'cancelled' })); } };
}

function PointPanel({ spec }: { spec: FiniteSpec }) {
  const s = useStore();
  const eng = usePointEngine(spec, s.gammaI, s.gammaC);
  const job = { result: eng.result, error: eng.error, busy: eng.busy, progress: null, elapsed: eng.elapsed };
  const res = eng.result;
  // the flat view of one point that the table, plot and exports read
  const r = useMemo(() => res && {
    X: res.steady?.X ?? NaN, Y: res.steady?.Y ?? NaN, Z: res.steady?.Z ?? NaN, jz2: res.steady?.jz2 ?? NaN,
    purity: res.steady?.purity ?? NaN, scaledPurity: res.steady?.scaledPurity ?? NaN, residual: res.steady?.residual ?? NaN,
    gaps: SECTORS.map((l) => {
      const e = res.spectra[l];
      const i = l === '+1,+1' ? 1 : 0;
      return e.converged[i] ? -e.re[i] : NaN;
    }),
    spectra: Object.fromEntries(SECTORS.map((l) => {
      const e = res.spectra[l];
      return [l, Array.from(e.re, (re, i) => ({ re, im: e.im[i], residual: e.residual[i], converged: e.converged[i] === 1 }))];
    })) as Record<(typeof SECTORS)[number], Array<{ re: number; im: number; residual: number; converged: boolean }>>,
  }, [res]);
  const aV = Math.abs(s.V) || 1;
  const { data, layout } = useMemo(() => {
    if (!r?.spectra) return { data: [] as Data[], layout: {} as Partial<Layout> };
    const data: Data[] = SECTORS.map((l, i) => ({
      x: r.spectra![l].map((e) => e.re / aV), y: r.spectra![l].map((e) => e.im / aV), type: 'scatter', mode: 'markers', name: `(${l})`,
      marker: { color: SECTOR_COLORS[i], size: 11, symbol: r.spectra![l].map((e) => (e.converged ? 'circle' : 'circle-open')) },
      text: r.spectra![l].map((e) => `residual ${e.residual.toExponential(1)}${e.converged ? '' : ' (not converged)'}`), hoverinfo: 'x+y+text',
    }));
    return { data, layout: { xaxis: { title: { text: 'Re λ / |V|' } }, yaxis: { title: { text: 'Im λ / |V|' } }, legend: { orientation: 'h', y: -0.2 }, uirevision: 'spec' } as Partial<Layout> };
  }, [r, aV]);
  return (
    <div className="two-col">
      <section className="panel" data-testid="panel-steady">
        <header className="panel-head"><h2>Exact steady state, N = {s.N}, d = {s.d}</h2></header>
        <div className="panel-status"><JobStatus job={job} onCancel={eng.cancel} /> <span className="hint">{eng.stage}</span></div>
        {s.gammaI <= 0 && <p className="note">γ_I = 0: the finite-N steady state is not unique (Section V); only the spectrum is shown.</p>}
        {r && (
          <table className="fp" data-testid="steady-table">
            <tbody>
              <tr><td>X, Y, Z</td><td>{fmt(r.X)}, {fmt(r.Y)}, {fmt(r.Z)}</td></tr>
              <tr><td>⟨J_z²⟩/(Nj)²</td><td>{fmt(r.jz2 / (s.N * (s.d - 1) / 2) ** 2)}</td></tr>
              <tr><td>purity Tr ρ²</td><td data-testid="purity">{fmt(r.purity, 8)}</td></tr>
              <tr><td>d^N Tr ρ²</td><td>{fmt(r.scaledPurity, 4)}</td></tr>
              <tr><td>residual ‖ℒρ‖/‖ρ‖</td><td>{Number.isFinite(r.residual) ? r.residual.toExponential(2) : '—'}</td></tr>
              {SECTORS.map((l, i) => (
                <tr key={l}><td>Δ({l}) / |V|{l === '+1,+1' ? ' (−Re λ₁)' : ' (−Re λ₀)'}</td><td data-testid={`gap-${l}`}>{fmt(r.gaps[i] / aV)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">The steady state lies in (+1,+1). Δ(−1,+1) closes for V &gt; 0 and Δ(−1,−1) for V &lt; 0 where Π1 breaks (Section IV). “—”: not converged.</p>
      </section>
      <PlotPanel id="spectrum" title="Slowest Liouvillian eigenvalues per sector (p1, p2)" data={data} layout={layout} height={420}
        filename={`spectrum_N${s.N}_d${s.d}_${s.dissipator}`} json={() => toJson({ figure: 'spectrum', spec, gammaI: s.gammaI, gammaC: s.gammaC, result: r })}
        csv={() => r?.spectra ? toCsv(['sector', 're', 'im', 'residual', 'converged'], SECTORS.flatMap((l) => r.spectra![l].map((e) => [l, e.re, e.im, e.residual, e.converged ? 1 : 0]))) : ''} pending={eng.busy} />
    </div>
  );
}

interface SweepState {
  rows: FinitePointResult[][];
  progress: number;
  running: boolean;
  error: string | null;
  elapsed: number | null;
}

/** Runs a sweep when `key` changes and `auto` is true, or when start() is called. */
function useSweep(key: string, make: () => { spec: FiniteSpec | FiniteSpec[]; rows: Array<Array<[number, number]>>; q: { steady: boolean; gaps: boolean } } | null, auto: boolean) {
  const [st, setSt] = useState<SweepState>({ rows: [], progress: 0, running: false, error: null, elapsed: null });
  const cur = useRef<Sweep | null>(null);
  const start = () => {
    const job = make();
    cur.current?.cancel();
    if (!job) return;
    const t0 = performance.now();
    const rows: FinitePointResult[][] = job.rows.map(() => []);
    setSt({ rows, progress: 0, running: true, error: null, elapsed: null });
    const sw = runSweep(job.spec, job.rows, job.q, (i, r) => {
      rows[i] = r;
      setSt((s) => ({ ...s, rows: [...rows] }));
    }, (f) => setSt((s) => ({ ...s, progress: f })));
    cur.current = sw;
    sw.done.then(
      () => { if (cur.current === sw) setSt((s) => ({ ...s, running: false, progress: 1, elapsed: performance.now() - t0 })); },
      (e: unknown) => { if (cur.current === sw) setSt((s) => ({ ...s, running: false, error: e instanceof Error ? e.message : String(e) })); },
    );
  };
  const cancel = () => {
    cur.current?.cancel();
    setSt((s) => ({ ...s, running: false, error: s.progress < 1 ? 'cancelled' : null }));
  };
  useEffect(() => {
    if (auto) start();
    else { cur.current?.cancel(); setSt({ rows: [], progress: 0, running: false, error: null, elapsed: null }); }
    return () => cur.current?.cancel();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, auto]);
  return { st, start, cancel };
}

function SweepStatus({ st, start, cancel, points }: { st: SweepState; start: () => void; cancel: () => void; points: number }) {
  return (
    <span data-testid="sweep-status">
      {st.running ? (
        <>computing {Math.round(st.progress * 100)}% <button onClick={cancel}>cancel</button></>
      ) : (
        <>
          <button onClick={start} data-testid="sweep-start">{st.rows.some((r) => r.length) ? 'recompute' : `compute (${points} points)`}</button>{' '}
          {st.error && <span className="error" role="alert">{st.error}</span>}
          {st.elapsed !== null && !st.error && <span className="done">done in {(st.elapsed / 1000).toFixed(1)} s</span>}
        </>
      )}
    </span>
  );
}

function GapCurves({ spec, small }: { spec: FiniteSpec; small: boolean }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const grid = useMemo(() => Array.from({ length: 24 }, (_, i) => (s.mapMin + ((s.mapMax - s.mapMin) * i) / 23) * aV), [s.mapMin, s.mapMax, aV]);
  const key = JSON.stringify({ spec, gC: s.gammaC, grid });
  const sw = useSweep(key, () => ({ spec, rows: grid.map((g) => [[g, s.gammaC] as [number, number]]), q: { steady: false, gaps: true } }), small);
  const pts = sw.st.rows.flat();
  const data: Data[] = SECTORS.map((l, i) => ({
    x: pts.map((r) => r.gammaI / aV), y: pts.map((r) => (Number.isFinite(r.gaps[i]) ? r.gaps[i] / aV : null)), type: 'scatter', mode: 'lines+markers',
    name: `Δ(${l})`, line: { color: SECTOR_COLORS[i], width: 2 }, marker: { size: 6 }, connectgaps: false,
  }));
  const crit = 2 - s.gammaC / aV;
  const layout: Partial<Layout> = {
    xaxis: { title: { text: 'γ_I / |V|' } }, yaxis: { title: { text: 'Δ / |V|' }, rangemode: 'tozero' },
    shapes: crit > 0 ? [{ type: 'line', x0: crit, x1: crit, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dash', color: '#000' } }] : [],
    legend: { orientation: 'h', y: -0.2 }, uirevision: 'gapcurve',
  };
  return (
    <PlotPanel id="gapcurves" title={`Fig. 6(a) — gaps vs γ_I/|V| at γ_C/|V| = ${(s.gammaC / aV).toFixed(3)}, N = ${s.N}, d = ${s.d}`} data={data} layout={layout} height={440}
      filename={`gaps_N${s.N}_d${s.d}_${s.dissipator}_gC${s.gammaC}`}
      csv={() => toCsv(['gammaI', ...SECTORS.map((l) => `gap(${l})`)], pts.map((r) => [r.gammaI, ...r.gaps]), [`N=${s.N} d=${s.d} ${s.dissipator} gammaC=${s.gammaC} V=${s.V}; empty = not converged`])}
      json={() => toJson({ figure: 'fig6a', spec, gammaC: s.gammaC, points: pts })}
      status={<SweepStatus {...sw} points={grid.length} />} pending={sw.st.running} />
  );
}

function MapPanel({ spec, small }: { spec: FiniteSpec; small: boolean }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const axis = useMemo(() => Array.from({ length: s.mapRes }, (_, i) => s.mapMin + ((s.mapMax - s.mapMin) * i) / Math.max(1, s.mapRes - 1)), [s.mapRes, s.mapMin, s.mapMax]);
  const key = JSON.stringify({ spec, axis });
  // rows of constant γ_C, γ_I increasing: warm starts along a row
  const sw = useSweep(key, () => ({ spec, rows: axis.map((gc) => axis.map((gi) => [gi * aV, gc * aV] as [number, number])), q: { steady: true, gaps: true } }), small && s.mapRes <= 12);
  const z = axis.map((_, r) => axis.map((__, c) => {
    const p = sw.st.rows[r]?.[c];
    if (!p) return null;
    const v = quantityOf(p, s.mapQuantity, aV);
    return Number.isFinite(v) ? v : null;
  }));
  const data: Data[] = [
    { x: axis, y: axis, z, type: 'heatmap', colorscale: 'Viridis', colorbar: { title: { text: QUANTITY_LABEL[s.mapQuantity] } }, zsmooth: false, hoverongaps: false } as Data,
    // the mean-field critical line γ_I + γ_C = 2|V|, clipped to the map
    ...(() => {
      const a = Math.max(s.mapMin, 2 - s.mapMax), b = Math.min(s.mapMax, 2 - s.mapMin);
      return a < b ? [{ x: [a, b], y: [2 - a, 2 - b], type: 'scatter' as const, mode: 'lines' as const, line: { color: '#000', width: 2 }, name: 'γ_I + γ_C = 2|V|', showlegend: false }] : [];
    })(),
    { x: [s.gammaI / aV], y: [s.gammaC / aV], type: 'scatter', mode: 'markers', marker: { symbol: 'star', size: 13, color: '#d62728' }, name: 'current', showlegend: false },
  ];
  const layout: Partial<Layout> = {
    xaxis: { title: { text: 'γ_I / |V|' } }, yaxis: { title: { text: 'γ_C / |V|' } }, uirevision: 'map',
  };
  return (
    <>
      <div className="view-controls">
        <label className="select">
          <span>map quantity</span>
          <select value={s.mapQuantity} data-testid="select-mapQuantity" onChange={(e) => s.set({ mapQuantity: e.target.value as MapQuantity })}>
            {MAP_QUANTITIES.map((q) => <option key={q} value={q}>{QUANTITY_LABEL[q]}</option>)}
          </select>
        </label>
        <NumberField label="resolution" value={s.mapRes} check={CHECKS.mapRes} onChange={(mapRes) => s.set({ mapRes })} testId="input-mapRes" width={60} />
        <NumberField label="γ/|V| from" value={s.mapMin} check={CHECKS.mapMin} onChange={(mapMin) => s.set({ mapMin })} testId="input-mapMin" width={60} />
        <NumberField label="to" value={s.mapMax} check={CHECKS.mapMax} onChange={(mapMax) => s.set({ mapMax })} testId="input-mapMax" width={60} />
      </div>
      <PlotPanel id="map" title={`Figs. 5/7 — ${QUANTITY_LABEL[s.mapQuantity]} over (γ_I, γ_C), N = ${s.N}, d = ${s.d}, ${s.dissipator}`} data={data} layout={layout} height={620}
        filename={`map_${s.mapQuantity}_N${s.N}_d${s.d}_${s.dissipator}`}
        csv={() => toCsv(['gammaI', 'gammaC', 'X', 'Y', 'Z', 'purity', 'scaledPurity', 'residual', ...SECTORS.map((l) => `gap(${l})`), 'error'], sw.st.rows.flat().map((p) => [p.gammaI, p.gammaC, p.X, p.Y, p.Z, p.purity, p.scaledPurity, p.residual, ...p.gaps, p.error]), [`N=${s.N} d=${s.d} ${s.dissipator} V=${s.V}; gaps in rate units; empty = not converged/not computed`])}
        json={() => toJson({ figure: 'map', spec, axis, rows: sw.st.rows })}
        status={<SweepStatus {...sw} points={axis.length * axis.length} />} pending={sw.st.running} />
      <p className="hint">White cells: not computed (yet) or an eigenvalue that did not converge, as in the paper's Fig. 5.</p>
    </>
  );
}

/** Exact dynamics at finite N next to the mean field from the same spin-coherent state. */
function DynamicsPanel({ spec, small }: { spec: FiniteSpec; small: boolean }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const times = useMemo(() => Array.from({ length: 201 }, (_, i) => (s.tEnd * i) / 200 / aV), [s.tEnd, aV]);
  const key = JSON.stringify({ spec, gI: s.gammaI, gC: s.gammaC, th: s.theta, ph: s.phi, times: times.length, tEnd: s.tEnd });
  const job = useJob(small ? key : 'off', () => (small ? requestDynamics(spec, s.gammaI, s.gammaC, s.theta, s.phi, times) : Promise.reject(new Error('system too large for live dynamics here; use the CLI command time-evolve'))));
  const r = job.result as Awaited<ReturnType<typeof requestDynamics>> | null;
  const data: Data[] = [];
  if (r && typeof r === 'object') {
    const t = r.times.map((x) => x * aV);
    (['X', 'Y', 'Z'] as const).forEach((c, i) => {
      const col = ['#1f4e9c', '#2a9d55', '#c0392b'][i];
      data.push({ x: t, y: r.exact[c], type: 'scatter', mode: 'lines', name: `${c}, N = ${s.N}`, line: { color: col, width: 2.5 } });
      data.push({ x: t, y: r.meanField[c], type: 'scatter', mode: 'lines', name: `${c}, mean field`, line: { color: col, width: 1.5, dash: 'dash' } });
    });
  }
  return (
    <PlotPanel id="dynamics" title={`Exact dynamics, N = ${s.N}, vs mean field (dashed), from |θ, φ⟩^⊗N`} data={data}
      layout={{ xaxis: { title: { text: '|V| t' } }, yaxis: { title: { text: 'X, Y, Z' }, range: [-1.05, 1.05] }, legend: { orientation: 'h', y: -0.2 }, uirevision: 'dyn' }} height={440}
      filename={`dynamics_N${s.N}_d${s.d}_${s.dissipator}`}
      csv={() => r && typeof r === 'object' ? toCsv(['t', 'X_exact', 'Y_exact', 'Z_exact', 'X_mf', 'Y_mf', 'Z_mf'], r.times.map((t, k) => [t, r.exact.X[k], r.exact.Y[k], r.exact.Z[k], r.meanField.X[k], r.meanField.Y[k], r.meanField.Z[k]]), [`N=${s.N} d=${s.d} ${s.dissipator} gammaI=${s.gammaI} gammaC=${s.gammaC} V=${s.V} theta=${s.theta} phi=${s.phi}`]) : ''}
      json={() => toJson({ figure: 'dynamics', spec, theta: s.theta, phi: s.phi, result: r })}
      status={
        <span className="row-inline">
          <NumberField label="θ" value={s.theta} check={CHECKS.theta} onChange={(theta) => s.set({ theta })} testId="input-theta" width={60} />
          <NumberField label="φ" value={s.phi} check={CHECKS.phi} onChange={(phi) => s.set({ phi })} testId="input-phi" width={60} />
          <NumberField label="final |V| t" value={s.tEnd} check={CHECKS.tEnd} onChange={(tEnd) => s.set({ tEnd })} testId="input-dyn-tEnd" width={60} />
          <JobStatus job={job} onCancel={cancelPoint} />
        </span>
      } />
  );
}

/** Least-squares line through (x, y); returns the intercept (the 1/N → 0 extrapolation). */
function lineFit(x: number[], y: number[]): { a: number; b: number } {
  const n = x.length;
  const mx = x.reduce((p, v) => p + v, 0) / n, my = y.reduce((p, v) => p + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}

function FiniteSizePanel({ spec }: { spec: FiniteSpec }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const [text, setText] = useState('2, 3, 4, 5, 6');
  const [err, setErr] = useState<string | null>(null);
  const [Ns, setNs] = useState<number[]>([2, 3, 4, 5, 6]);
  const key = JSON.stringify({ spec: { ...spec, N: 0 }, Ns, gI: s.gammaI, gC: s.gammaC });
  const sw = useSweep(key, () => ({ spec: Ns.map((N) => ({ ...spec, N })), rows: Ns.map(() => [[s.gammaI, s.gammaC] as [number, number]]), q: { steady: false, gaps: true } }), false);
  const pts = sw.st.rows.map((r, i) => ({ N: Ns[i], r: r[0] })).filter((p) => p.r);
  const data: Data[] = [];
  const fits: string[] = [];
  SECTORS.forEach((l, si) => {
    const xs = pts.filter((p) => Number.isFinite(p.r.gaps[si])).map((p) => 1 / p.N);
    const ys = pts.filter((p) => Number.isFinite(p.r.gaps[si])).map((p) => p.r.gaps[si] / aV);
    data.push({ x: xs, y: ys, type: 'scatter', mode: 'markers', name: `Δ(${l})`, marker: { color: SECTOR_COLORS[si], size: 10 } });
    if (xs.length >= 3) {
      // the paper's Fig. 6(b): linear fit through the three largest N, extrapolated to 1/N → 0
      const order = xs.map((x, i) => [x, ys[i]] as const).sort((a, b) => a[0] - b[0]).slice(0, 3);
      const f = lineFit(order.map((o) => o[0]), order.map((o) => o[1]));
      const xe = [0, order[order.length - 1][0]];
      data.push({ x: xe, y: xe.map((x) => f.a + f.b * x), type: 'scatter', mode: 'lines', showlegend: false, line: { color: SECTOR_COLORS[si], dash: 'dash' }, name: `fit ${l}` });
      fits.push(`Δ(${l}) → ${f.a.toFixed(3)}`);
    }
  });
  return (
    <PlotPanel id="finitesize" title={`Fig. 6(b) — gaps vs 1/N at (γ_I, γ_C)/|V| = (${(s.gammaI / aV).toFixed(2)}, ${(s.gammaC / aV).toFixed(2)}), d = ${s.d}`}
      data={data} layout={{ xaxis: { title: { text: '1/N' }, rangemode: 'tozero' }, yaxis: { title: { text: 'Δ / |V|' }, rangemode: 'tozero' }, legend: { orientation: 'h', y: -0.2 }, uirevision: 'fs' }} height={420}
      filename={`gaps_vs_N_d${s.d}_${s.dissipator}`}
      csv={() => toCsv(['N', ...SECTORS.map((l) => `gap(${l})`)], pts.map((p) => [p.N, ...p.r.gaps]), [`d=${s.d} ${s.dissipator} gammaI=${s.gammaI} gammaC=${s.gammaC} V=${s.V}`])}
      json={() => toJson({ figure: 'fig6b', Ns, points: pts })}
      status={
        <span>
          <label className="numfield inline">N values{' '}
            <input type="text" value={text} style={{ width: 140 }} data-testid="input-Ns" aria-invalid={err !== null} onChange={(e) => {
              setText(e.target.value);
              const v = e.target.value.split(',').map((t) => Number(t.trim()));
              if (v.length < 1 || v.some((x) => !Number.isInteger(x) || x < 1 || x > 400)) setErr('N values: integers from 1 to 400, comma-separated');
              else { setErr(null); setNs([...new Set(v)].sort((a, b) => a - b)); }
            }} />
          </label>{' '}
          {err && <span className="error" role="alert">{err}</span>}{' '}
          <SweepStatus {...sw} points={Ns.length} /> {fits.length > 0 && <span className="hint">extrapolated (3 largest N): {fits.join(', ')}</span>}
        </span>
      } />
  );
}

export function FiniteView() {
  const s = useStore();
  const { spec, error } = useSpec();
  const [dims, setDims] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void describeSize(s.N, s.d).then((r) => { if (live) setDims(r.total); }, () => {});
    return () => { live = false; };
  }, [s.N, s.d]);
  // sweeps start on their own only for small systems; larger ones wait for the button
  const small = dims !== null && dims <= 2500;
  return (
    <div className="view">
      <div className="view-controls">
        <NumberField label="N (particles)" value={s.N} check={CHECKS.N} onChange={(N) => s.set({ N })} testId="input-N" width={60} />
        <SizeInfo N={s.N} d={s.d} />
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {spec && <PointPanel spec={spec} />}
      {spec && <GapCurves spec={spec} small={small} />}
      {spec && <FiniteSizePanel spec={spec} />}
      {spec && <DynamicsPanel spec={spec} small={small} />}
      {spec && <MapPanel spec={spec} small={small} />}
    </div>
  );
}
