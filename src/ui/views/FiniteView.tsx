/**
 * Finite N (Sections IV and V) for one system: the exact permutation-invariant steady state and
 * the Z2×Z2-resolved Liouvillian spectrum at the current parameters (live), the exact dynamics
 * next to the mean field, and one (γ_I, γ_C) map filled coarse-to-fine on the worker pool. The
 * paper's Figs. 5–7 have their own views (views/finite/). Every number shown belongs to the
 * parameters printed beside it: results of earlier parameters are greyed out and labelled while
 * new ones compute or after a cancel, and cleared after an error.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore, currentState } from '../../state/store.ts';
import { modelFromState } from '../../state/modelFromState.ts';
import { CHECKS, MAP_QUANTITIES, mapRangeCheck, type MapQuantity } from '../../state/params.ts';
import { cancelPoint, describeSize, estimateMs, estimatePointMs, requestDynamics, type FiniteSpec, type GridJob } from '../../compute/finiteClient.ts';
import { createLiouvillianPool, EngineCancelled, type LiouvillianPool, type SpectrumReply, type SteadyStateReply } from '../../compute/liouvillianClient.ts';
import type { FinitePointResult } from '../../contracts/exact.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { useJob } from '../useJob.ts';
import { JobStatus } from '../JobStatus.tsx';
import { NumberField } from '../NumberField.tsx';
import { downloadText, toCsv, toJson } from '../exportData.ts';
import { csvHeader, describeSystem, fmt, formatDuration, gapProblem, ProgressLine, SECTOR_COLORS, SECTORS, sectorName, STALE_STYLE, StaleNote, stamp, steadyChecksRows, steadyProblem, type SectorLabel } from './finite/common.tsx';
import { useProgressive } from './finite/useProgressive.ts';
import { mapFigure, type ColorScale } from './finite/mapFigure.ts';
import { loadedNote, loadedReason, loadedValue, slotCsv, SweepFileBar, SweepFileMessages, useLoadedMaps, type SweepSlot } from './finite/sweepIO.tsx';
import { GAP_KEYS, type SweepQuantity } from '../../contracts/sweepFile.ts';

const QUANTITY_LABEL: Record<MapQuantity, string> = {
  purity: 'Tr ρ²',
  scaledPurity: 'd^N Tr ρ²',
  Z: 'Z = ⟨J_z⟩/(Nj)',
  'gap:+1,+1': 'Δ(+1,+1)/|V|',
  'gap:+1,-1': 'Δ(+1,−1)/|V|',
  'gap:-1,+1': 'Δ(−1,+1)/|V|',
  'gap:-1,-1': 'Δ(−1,−1)/|V|',
};

function useSpec(): { spec: FiniteSpec | null; error: string | null } {
  const s = useStore();
  const model = modelFromState(currentState(s));
  if ('error' in model) return { spec: null, error: model.error };
  return { spec: { N: s.N, d: s.d, dissipator: s.dissipator, ellRe: s.dissipator === 'custom' ? s.ell : undefined, V: s.V }, error: null };
}

function SizeInfo({ N, d }: { N: number; d: number }) {
  const job = useJob(`${N},${d}`, () => describeSize(N, d));
  const r = job.result as Awaited<ReturnType<typeof describeSize>> | null;
  if (!r || job.busy) return <span className={job.error ? 'error' : 'hint'} data-testid="size-info">{job.error ?? 'sizing…'}</span>;
  const gib = (b: number) => (b / 1024 ** 3).toFixed(b < 0.1 * 1024 ** 3 ? 3 : 2);
  const over = r.estimateBytes.spectrum > r.budgetBytes;
  return (
    <span className={over ? 'error' : 'hint'} data-testid="size-info">
      N = {N}, d = {d}: PI dimension C(N+d²−1, N) = {r.total.toLocaleString()}
      {r.sectors && <> · sectors {SECTORS.map((l) => `${l}: ${r.sectors![l].toLocaleString()}`).join(', ')}</>}
      {' '}· memory ≈ {gib(r.estimateBytes.spectrum)} GiB of {gib(r.budgetBytes)} GiB
      {/* (the cost model of finiteClient.ts, for the exact path only; the page runs the steady state and the four sectors on its workers) */}
      {!over && ' · time ≈ '}{!over && formatDuration(estimatePointMs(N, d, { steady: true, gaps: true }) / Math.min(4, typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2))}{!over && ' (estimate)'}
      {!over ? '' : r.estimateBytes.spectrumFallback > r.budgetBytes
        ? ' — too large for the browser; use the CLI'
        : ` — the spectra’s exact factorisation does not fit the browser: they run the uncertified ILUT + GMRES fallback (≈ ${gib(r.estimateBytes.spectrumFallback)} GiB; gaps shown as not certified; certified gaps: the CLI); the steady state needs only real factors, so it may still be exact (its “inner solves” row says)`}
    </span>
  );
}

interface PointParams { spec: FiniteSpec; gammaI: number; gammaC: number }
interface PointResult {
  params: PointParams;
  steady: SteadyStateReply | null;
  /** Null while the spectra of these parameters are still computing, or when they failed (spectraError). */
  spectra: Record<SectorLabel, SpectrumReply> | null;
  spectraError?: string;
}

let enginePool: LiouvillianPool | null = null;
const pool = () => (enginePool ??= createLiouvillianPool());

/**
 * The steady state and the four sector spectra at the current parameters, each sector on its
 * own worker. The result carries the parameters it was computed for. A new N, d or dissipator
 * cancels the running jobs at once; a new rate lets them run 300 ms more (dragging over small
 * systems then reuses the workers' cached bases instead of respawning them).
 */
function usePointEngine(spec: FiniteSpec, gammaI: number, gammaC: number) {
  const key = JSON.stringify({ spec, gammaI, gammaC });
  const sysKey = JSON.stringify(spec);
  const sysRef = useRef(sysKey);
  sysRef.current = sysKey;
  const [st, setSt] = useState<{ result: PointResult | null; error: string | null; doneKey: string | null; cancelledKey: string | null; stage: string; elapsed: number | null }>(
    { result: null, error: null, doneKey: null, cancelledKey: null, stage: '', elapsed: null });
  const jobsRef = useRef<Array<{ cancel: () => void }>>([]);
  useEffect(() => {
    let live = true;
    const t0 = performance.now();
    const params: PointParams = { spec, gammaI, gammaC };
    const req = { ...spec, gammaI, gammaC };
    const stage = (what: string) => (s: string, f: number) => { if (live) setSt((o) => ({ ...o, stage: `${what}: ${s} ${Math.round(f * 100)}%` })); };
    const ss = gammaI > 0 ? pool().steadyState(req, stage('steady state')) : null;
    const sp = SECTORS.map((sector) => pool().spectrum({ ...req, sector, k: 6 }, stage(`(${sector})`)));
    const jobs = [...(ss ? [ss] : []), ...sp];
    jobsRef.current = jobs;
    setSt((o) => ({ ...o, stage: '', error: null }));
    // The steady state is shown as soon as it is done (a large system's spectra can take minutes
    // more); the point is done when the spectra are too. A failed spectrum after a finished
    // steady state keeps the steady state and says why the spectra are missing.
    let steadyDone: SteadyStateReply | null | undefined = ss ? undefined : null;
    ss?.promise.then((steady) => {
      steadyDone = steady;
      if (live) setSt((o) => (o.doneKey === key ? o : { ...o, result: { params, steady, spectra: null } }));
    }, () => {});
    Promise.all([ss ? ss.promise : Promise.resolve(null), ...sp.map((j) => j.promise)]).then(
      ([steady, ...spectra]) => {
        if (!live) return;
        const rec = {} as Record<SectorLabel, SpectrumReply>;
        SECTORS.forEach((l, i) => { rec[l] = spectra[i] as SpectrumReply; });
        performance.mark('result');
        setSt({ result: { params, steady: steady as SteadyStateReply | null, spectra: rec }, error: null, doneKey: key, cancelledKey: null, stage: '', elapsed: performance.now() - t0 });
      },
      (e: unknown) => {
        if (!live || e instanceof EngineCancelled) return;
        jobs.forEach((j) => j.cancel());
        const msg = e instanceof Error ? e.message : String(e);
        if (steadyDone !== undefined) setSt({ result: { params, steady: steadyDone, spectra: null, spectraError: msg }, error: null, doneKey: key, cancelledKey: null, stage: '', elapsed: performance.now() - t0 });
        else setSt((o) => ({ ...o, error: msg, doneKey: key, stage: '' }));
      },
    );
    return () => {
      live = false;
      if (sysRef.current !== sysKey) jobs.forEach((j) => j.cancel());
      else setTimeout(() => jobs.forEach((j) => j.cancel()), 300);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const cancelled = st.cancelledKey === key;
  return {
    key,
    result: st.result,
    /** The result is for the parameters shown. */
    fresh: st.result !== null && JSON.stringify(st.result.params) === JSON.stringify({ spec, gammaI, gammaC }),
    error: st.doneKey === key ? st.error : null,
    busy: st.doneKey !== key && !cancelled,
    cancelled,
    stage: st.stage,
    elapsed: st.elapsed,
    cancel: () => {
      jobsRef.current.forEach((j) => j.cancel());
      setSt((o) => ({ ...o, cancelledKey: key, stage: '' }));
    },
  };
}

const PLACEHOLDER: Data[] = [{ x: [], y: [], type: 'scatter', mode: 'markers', name: 'no data', showlegend: false, hoverinfo: 'skip' }];

function PointPanel({ spec }: { spec: FiniteSpec }) {
  const s = useStore();
  const eng = usePointEngine(spec, s.gammaI, s.gammaC);
  const res = eng.result;
  // after an error the earlier numbers are cleared; while computing or after cancel they are greyed and labelled
  const shown = eng.error ? null : res;
  const stale = shown !== null && !eng.fresh;
  const p = shown?.params;
  const label = p ? describeSystem(p.spec, { gammaI: p.gammaI, gammaC: p.gammaC }) : '';
  const why = eng.cancelled ? 'cancelled' : eng.busy ? 'the current parameters are being computed' : 'not for the current parameters';
  const job = { result: shown, error: eng.error ?? (eng.cancelled ? 'cancelled' : null), busy: eng.busy, progress: null, elapsed: eng.elapsed };
  const r = useMemo(() => {
    if (!shown) return null;
    const { spec: ps } = shown.params;
    const aV = Math.abs(ps.V) || 1;
    const nj = (ps.N * (ps.d - 1)) / 2;
    const st = shown.steady;
    const sp = shown.spectra;
    const spectra = Object.fromEntries(SECTORS.map((l) => {
      const e = sp?.[l];
      if (!e) return [l, []];
      // certified: the engine's flag when it gives one, else convergence (residual-checked) alone
      return [l, Array.from(e.re, (re, i) => ({ re, im: e.im[i], residual: e.residual[i], errorBound: e.errorBound[i], converged: e.converged[i] === 1 && (e.certified ? e.certified[i] === 1 : true), uncertifiedOnly: e.converged[i] === 1 && e.certified?.[i] === 0 }))];
    })) as Record<SectorLabel, Array<{ re: number; im: number; residual: number; errorBound: number; converged: boolean; uncertifiedOnly: boolean }>>;
    const gaps = SECTORS.map((l) => {
      const e = spectra[l];
      const i = l === '+1,+1' ? 1 : 0;
      if (!sp) return { value: NaN, why: shown.spectraError ? `spectra failed: ${shown.spectraError}` : 'computing…', bound: NaN };
      const dim = sp[l].dim;
      if (dim === 0) return { value: NaN, why: `the sector (${sectorName(l)}) is empty for N = ${ps.N}, d = ${ps.d}`, bound: NaN };
      if (!e[i]) return { value: NaN, why: `sector of dimension ${dim} has no λ${i === 1 ? '₁' : '₀'}`, bound: NaN };
      // the engine's reason (e.g. the exact factorisation does not fit: the ILUT fallback gives no error bound)
      const reason = (sp[l].notes ?? []).find((n) => /ILUT|not certified|missed|searched/.test(n) && !/^\d+ of \d+ eigenvalues not certified/.test(n));
      if (!e[i].converged) return { value: NaN, why: `${e[i].uncertifiedOnly ? 'converged but not certified' : 'not converged'} (residual ${e[i].residual.toExponential(1)}${Number.isFinite(e[i].errorBound) ? `, error bound ${e[i].errorBound.toExponential(1)}` : ''}${e[i].re > 0 ? ', Re λ > 0' : ''})${reason ? `: ${reason}` : ''}`, bound: e[i].errorBound };
      return { value: -e[i].re / aV, why: '', bound: e[i].errorBound / aV };
    });
    return {
      aV, ps,
      steadyWhy: st ? steadyProblem({ ...st, gammaI: 0, gammaC: 0, gaps: [], dims: {}, error: '', steadyChecks: st.checks }, ps.N, ps.d) : null,
      checks: st?.checks ? steadyChecksRows(st.checks, aV) : null,
      X: st?.X ?? NaN, Y: st?.Y ?? NaN, Z: st?.Z ?? NaN, jz2n: st ? st.jz2 / (nj * nj) : NaN,
      purity: st?.purity ?? NaN, scaledPurity: st?.scaledPurity ?? NaN, residual: st?.residual ?? NaN,
      gaps, spectra,
    };
  }, [shown]);
  const { data, layout } = useMemo(() => {
    const base: Partial<Layout> = { xaxis: { title: { text: 'Re λ / |V|' } }, yaxis: { title: { text: 'Im λ / |V|' } }, legend: { orientation: 'h', y: -0.3, yanchor: 'top' }, uirevision: 'spec' };
    if (!r || !shown?.spectra) {
      const text = eng.error ? `no spectrum for ${describeSystem(spec, { gammaI: s.gammaI, gammaC: s.gammaC })}` : shown?.spectraError ? `no spectrum: ${shown.spectraError}` : 'computing…';
      return { data: PLACEHOLDER, layout: { ...base, annotations: [{ text, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false }] } as Partial<Layout> };
    }
    const data: Data[] = SECTORS.map((l, i) => ({
      x: r.spectra[l].map((e) => e.re / r.aV), y: r.spectra[l].map((e) => e.im / r.aV), type: 'scatter', mode: 'markers', name: `(${sectorName(l)})`,
      opacity: stale ? 0.35 : 1,
      marker: { color: stale ? '#999' : SECTOR_COLORS[i], size: 11, symbol: r.spectra[l].map((e) => (e.converged ? 'circle' : 'circle-open')), line: { width: 2, color: stale ? '#999' : SECTOR_COLORS[i] } },
      text: r.spectra[l].map((e) => `sector (${sectorName(l)})<br>residual ‖Lv − λv‖/(‖L‖‖v‖) = ${e.residual.toExponential(1)}${Number.isFinite(e.errorBound) ? `<br>error bound |δλ|/|V| ≤ ${(e.errorBound / r.aV).toExponential(1)}` : ''}${e.converged ? '' : e.uncertifiedOnly ? '<br>NOT certified: hollow marker' : '<br>NOT converged: hollow marker'}`),
      hovertemplate: 'Re λ/|V| = %{x:.5f}<br>Im λ/|V| = %{y:.5f}<br>%{text}<extra></extra>',
    }));
    return { data, layout: { ...base, annotations: stamp(`${describeSystem(r.ps, { gammaI: shown!.params.gammaI, gammaC: shown!.params.gammaC })}${stale ? ' — previous' : ''}`) } as Partial<Layout> };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r, stale, eng.error]);
  const steadyCsv = () => r ? toCsv(['quantity', 'value', 'reason'], [
    ['X', r.X, ''], ['Y', r.Y, ''], ['Z', r.Z, ''], ['<J_z^2>/(Nj)^2', r.jz2n, ''], ['purity', r.purity, ''], ['d^N purity', r.scaledPurity, ''], ['residual', r.residual, ''],
    ...SECTORS.map((l, i) => [`gap(${l})/|V|`, r.gaps[i].value, Number.isFinite(r.gaps[i].value) ? '' : r.gaps[i].why || 'not computed'] as [string, number, string]),
    ...(r.checks ? r.checks.rows.map((row) => [row.label, row.value, ''] as [string, string, string]) : []),
  ], csvHeader('exact steady state and gaps', r.ps, [`gammaI=${shown!.params.gammaI} gammaC=${shown!.params.gammaC}`])) : '';
  return (
    <div className="two-col">
      <section className="panel" data-testid="panel-steady">
        <header className="panel-head">
          <h2>Exact steady state, N = {s.N}, d = {s.d}</h2>
          <div className="panel-actions">{r && <button onClick={() => downloadText(`steady_N${r.ps.N}_d${r.ps.d}.csv`, steadyCsv(), 'text/csv')}>CSV</button>}</div>
        </header>
        <div className="panel-status"><JobStatus job={job} onCancel={eng.cancel} /> <span className="hint">{eng.stage}</span></div>
        {s.N === 1 && <p className="note">N = 1: a single qudit (d levels); collective and individual decay then act on the same particle, and there is no phase transition.</p>}
        {s.gammaI <= 0 && <p className="note">γ_I = 0: the finite-N steady state is not unique (Section V); only the spectrum is shown.</p>}
        {r && stale && <StaleNote of={label} why={why} />}
        {r && (
          <table className="fp" data-testid="steady-table" data-stale={stale ? 'true' : 'false'} data-params={label} style={stale ? STALE_STYLE : undefined}>
            <caption className="hint" style={{ captionSide: 'top', textAlign: 'left' }} data-testid="steady-params">{label}{stale ? ' — previous' : ''}</caption>
            <tbody>
              {r.steadyWhy && <tr><td colSpan={2} className="error">steady state: — {r.steadyWhy}</td></tr>}
              <tr><td>X, Y, Z</td><td>{r.steadyWhy ? '—' : `${fmt(r.X)}, ${fmt(r.Y)}, ${fmt(r.Z)}`}</td></tr>
              <tr><td>⟨J_z²⟩/(Nj)²</td><td data-testid="jz2">{r.steadyWhy ? '—' : fmt(r.jz2n)}</td></tr>
              <tr><td>purity Tr ρ²</td><td data-testid="purity">{r.steadyWhy ? '—' : fmt(r.purity, 8)}</td></tr>
              <tr><td>d^N Tr ρ²</td><td>{r.steadyWhy ? '—' : r.scaledPurity >= 1e6 ? r.scaledPurity.toExponential(4) : fmt(r.scaledPurity, 4)}</td></tr>
              <tr><td>residual ‖ℒρ‖/‖ρ‖</td><td>{Number.isFinite(r.residual) ? r.residual.toExponential(2) : '—'}</td></tr>
              {r.checks && r.checks.rows.map((row) => <tr key={row.testid}><td>{row.label}</td><td data-testid={row.testid}>{row.value}</td></tr>)}
              {SECTORS.map((l, i) => (
                <tr key={l}>
                  <td>Δ({sectorName(l)}) / |V|{l === '+1,+1' ? ' (−Re λ₁)' : ' (−Re λ₀)'}</td>
                  <td data-testid={`gap-${l}`} title={r.gaps[i].why || (Number.isFinite(r.gaps[i].bound) ? `error bound ± ${r.gaps[i].bound.toExponential(1)}` : 'residual-checked; no error bound from the engine')}>
                    {Number.isFinite(r.gaps[i].value) ? fmt(r.gaps[i].value) : '—'}
                  </td>
                  {!Number.isFinite(r.gaps[i].value) && <td className="hint" data-testid={`gap-why-${l}`}>{r.gaps[i].why}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r && r.checks?.notice && !r.steadyWhy && <p className="note" data-testid="steady-notice">{r.checks.notice}</p>}
        <p className="hint">The steady state lies in (+1,+1). Δ(−1,+1) closes for V &gt; 0 and Δ(−1,−1) for V &lt; 0 where Π1 breaks (Section IV). “—”: not a certified number (the reason is given); hollow markers in the spectrum: not converged or not certified (hover a marker for which and why).</p>
      </section>
      <PlotPanel id="spectrum" title={`Slowest Liouvillian eigenvalues per sector (p1, p2)${r && stale ? ` — previous: ${label}` : ''}`} data={data} layout={layout} height={420}
        filename={`spectrum_N${s.N}_d${s.d}_${s.dissipator}`} json={() => toJson({ figure: 'spectrum', params: shown?.params, result: r })}
        csv={() => r ? toCsv(['sector', 're', 'im', 'residual', 'errorBound', 'converged'], SECTORS.flatMap((l) => r.spectra[l].map((e) => [l, e.re, e.im, e.residual, e.errorBound, e.converged ? 1 : 0])),
          csvHeader('slowest Liouvillian eigenvalues per Z2×Z2 sector (6 per sector, complex-conjugate pairs kept whole)', r.ps, [`gammaI=${shown!.params.gammaI} gammaC=${shown!.params.gammaC}; re, im in the unit of V; converged=0: not certified`])) : ''}
        pending={eng.busy} />
    </div>
  );
}

/** Exact dynamics at finite N next to the mean field from the same spin-coherent state. */
function DynamicsPanel({ spec, live }: { spec: FiniteSpec; live: boolean }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const times = useMemo(() => Array.from({ length: 201 }, (_, i) => (s.tEnd * i) / 200 / aV), [s.tEnd, aV]);
  const params = { spec, gammaI: s.gammaI, gammaC: s.gammaC, theta: s.theta, phi: s.phi, tEnd: s.tEnd };
  const key = JSON.stringify({ ...params, n: times.length });
  const job = useJob(live ? key : `off:${key}`, () => (live
    ? requestDynamics(spec, s.gammaI, s.gammaC, s.theta, s.phi, times).then((r) => (typeof r === 'object' ? { ...r, params } : r))
    : Promise.reject(new Error(`N = ${spec.N}, d = ${spec.d}: too large for live dynamics here; use the CLI command time-evolve`))));
  const r = job.result as (Awaited<ReturnType<typeof requestDynamics>> & { params: typeof params }) | null;
  // useJob keeps the last result while the next computes: show it only greyed and labelled, never after an error
  const shown = job.error && !job.busy ? null : r && typeof r === 'object' ? r : null;
  const stale = shown !== null && JSON.stringify(shown.params) !== JSON.stringify(params);
  const label = shown ? `${describeSystem(shown.params.spec, { gammaI: shown.params.gammaI, gammaC: shown.params.gammaC })}, θ = ${shown.params.theta}, φ = ${shown.params.phi}` : '';
  const data: Data[] = [];
  if (shown) {
    const a = Math.abs(shown.params.spec.V) || 1;
    const t = shown.times.map((x) => x * a);
    (['X', 'Y', 'Z'] as const).forEach((c, i) => {
      const col = stale ? '#aaa' : ['#1f4e9c', '#2a9d55', '#c0392b'][i];
      data.push({ x: t, y: shown.exact[c], type: 'scatter', mode: 'lines', name: `${c}, N = ${shown.params.spec.N}`, line: { color: col, width: 2.5 }, hovertemplate: `|V| t = %{x:.2f}<br>${c} = ⟨J_${c.toLowerCase()}⟩/(Nj) = %{y:.4f} (exact)<extra></extra>` });
      data.push({ x: t, y: shown.meanField[c], type: 'scatter', mode: 'lines', name: `${c}, mean field`, line: { color: col, width: 1.5, dash: 'dash' }, hovertemplate: `|V| t = %{x:.2f}<br>${c} = %{y:.4f} (mean field)<extra></extra>` });
    });
  }
  return (
    <PlotPanel id="dynamics" title={`Exact dynamics, N = ${s.N}, vs mean field (dashed), from |θ, φ⟩^⊗N${stale ? ` — previous: ${label}` : ''}`} data={data.length ? data : PLACEHOLDER}
      layout={{ xaxis: { title: { text: '|V| t' } }, yaxis: { title: { text: 'X, Y, Z' }, range: [-1.05, 1.05] }, legend: { orientation: 'h', y: -0.3, yanchor: 'top' }, uirevision: 'dyn', annotations: shown ? stamp(label + (stale ? ' — previous' : '')) : [] }} height={440}
      filename={`dynamics_N${s.N}_d${s.d}_${s.dissipator}`}
      csv={() => shown ? toCsv(['t', 'X_exact', 'Y_exact', 'Z_exact', 'X_mf', 'Y_mf', 'Z_mf'], shown.times.map((t, k) => [t, shown.exact.X[k], shown.exact.Y[k], shown.exact.Z[k], shown.meanField.X[k], shown.meanField.Y[k], shown.meanField.Z[k]]),
        csvHeader('exact dynamics vs mean field from the spin-coherent state |θ, φ⟩^⊗N', shown.params.spec, [`gammaI=${shown.params.gammaI} gammaC=${shown.params.gammaC} theta=${shown.params.theta} phi=${shown.params.phi}; t in 1/(unit of V)`])) : ''}
      json={() => toJson({ figure: 'dynamics', result: shown })}
      status={
        <span className="row-inline">
          <NumberField label="θ" value={s.theta} check={CHECKS.theta} onChange={(theta) => s.set({ theta })} testId="input-theta" width={60} />
          <NumberField label="φ" value={s.phi} check={CHECKS.phi} onChange={(phi) => s.set({ phi })} testId="input-phi" width={60} />
          <NumberField label="final |V| t" value={s.tEnd} check={CHECKS.tEnd} onChange={(tEnd) => s.set({ tEnd })} testId="input-dyn-tEnd" width={60} />
          <JobStatus job={job} onCancel={cancelPoint} />
          {stale && <StaleNote of={label} why="the current parameters are being computed" testId="stale-dynamics" />}
        </span>
      } pending={job.busy} />
  );
}

function mapValue(q: MapQuantity, r: FinitePointResult, aV: number, N: number, d: number): { v: number | null; why: string } {
  if (q.startsWith('gap:')) {
    const si = SECTORS.indexOf(q.slice(4) as SectorLabel);
    const why = gapProblem(r, si);
    return why ? { v: null, why } : { v: r.gaps[si] / aV, why: '' };
  }
  const why = steadyProblem(r, N, d);
  if (why) return { v: null, why };
  return { v: q === 'purity' ? r.purity : q === 'scaledPurity' ? r.scaledPurity : r.Z, why: '' };
}

/** One (γ_I, γ_C) map of the current system, coarse-to-fine; starts on its own when the full map is estimated under ten minutes. */
function MapPanel({ spec }: { spec: FiniteSpec }) {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const axis = useMemo(() => Array.from({ length: s.mapRes }, (_, i) => +(s.mapMin + ((s.mapMax - s.mapMin) * i) / Math.max(1, s.mapRes - 1)).toPrecision(12)), [s.mapRes, s.mapMin, s.mapMax]);
  const isGap = s.mapQuantity.startsWith('gap:');
  const q = useMemo(() => (isGap ? { steady: false, gaps: true, k: 2 } : { steady: true, gaps: false }), [isGap]);
  const est = estimateMs(spec.N, spec.d, q, axis.length * axis.length);
  const [forced, setForced] = useState<string | null>(null);
  const key = JSON.stringify({ spec, axis, q, aV });
  const auto = est < 600_000 || forced === key;
  const job: GridJob = { spec, xs: axis.map((x) => x * aV), ys: axis.map((y) => y * aV), q };
  const pr = useProgressive(key, () => [job], auto);
  const grid = pr.u?.grids[0] ?? null;
  // the map as a `cli sweep` file (export), or a sweep file of this model drawn instead (load)
  const loaded = useLoadedMaps();
  const need: SweepQuantity = isGap ? 'gaps' : (s.mapQuantity as 'purity' | 'scaledPurity' | 'Z');
  const col = isGap ? `gap_${GAP_KEYS[s.mapQuantity.slice(4) as SectorLabel]}` : s.mapQuantity;
  const slot: SweepSlot | null = spec.dissipator === 'custom' && spec.ellIm ? null : {
    key: 'map', label: describeSystem(spec),
    model: { N: spec.N, d: spec.d, dissipator: spec.dissipator, V: spec.V, ...(spec.dissipator === 'custom' ? { ellRe: spec.ellRe } : {}) },
    quantities: isGap ? ['gaps'] : ['X', 'Y', 'Z', 'purity', 'scaledPurity'], need: [need], grid, axis, aV,
    filename: `map_${s.mapQuantity}_N${s.N}_d${s.d}_${s.dissipator}`,
  };
  const lm = slot ? loaded.of(slot) : null;
  const { data, layout } = useMemo(() => mapFigure([lm ? {
    row: 0, col: 0, title: '', xs: lm.xs, ys: lm.ys, grid: lm.grid, context: `${describeSystem(spec)} (from ${lm.file})`,
    value: (r) => { const v = loadedValue(r, col); return v === null ? null : isGap ? v / aV : v; }, reason: (r) => loadedReason(r, col),
  } : {
    row: 0, col: 0, title: '', xs: axis, ys: axis, grid, context: describeSystem(spec),
    value: (r) => mapValue(s.mapQuantity, r, aV, spec.N, spec.d).v, reason: (r) => mapValue(s.mapQuantity, r, aV, spec.N, spec.d).why,
  }], { rows: 1, cols: 1, quantity: QUANTITY_LABEL[s.mapQuantity], scale: s.colorScale as ColorScale, fixed: isGap ? [0, 3] : s.mapQuantity === 'Z' ? [-1, 0] : s.mapQuantity === 'purity' ? [0, 1] : [0, spec.d ** spec.N], height: 620,
    annotations: stamp(describeSystem(spec)) }),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [grid, axis, s.mapQuantity, s.colorScale, aV, key, lm]);
  // the current point
  data.push({ x: [s.gammaI / aV], y: [s.gammaC / aV], type: 'scatter', mode: 'markers', marker: { symbol: 'star', size: 13, color: '#d62728' }, name: 'current (γ_I, γ_C)', hovertemplate: 'current point<br>γ_I/|V| = %{x:.3f}, γ_C/|V| = %{y:.3f}<extra></extra>' });
  const rows = grid ? grid.cells.flat().filter((c): c is FinitePointResult => c !== null) : [];
  return (
    <>
      <div className="view-controls">
        <label className="select">
          <span>map quantity</span>
          <select value={s.mapQuantity} data-testid="select-mapQuantity" onChange={(e) => s.set({ mapQuantity: e.target.value as MapQuantity })}>
            {MAP_QUANTITIES.map((m) => <option key={m} value={m}>{QUANTITY_LABEL[m]}</option>)}
          </select>
        </label>
        <NumberField label="resolution" value={s.mapRes} check={CHECKS.mapRes} onChange={(mapRes) => s.set({ mapRes })} testId="input-mapRes" width={60} />
        <NumberField label="γ/|V| from" value={s.mapMin} check={mapRangeCheck('mapMin', s.mapMax)} onChange={(mapMin) => s.set({ mapMin })} testId="input-mapMin" width={60} />
        <NumberField label="to" value={s.mapMax} check={mapRangeCheck('mapMax', s.mapMin)} onChange={(mapMax) => s.set({ mapMax })} testId="input-mapMax" width={60} />
        <ColorScaleSelect />
        {slot && <SweepFileBar slots={[slot]} loaded={loaded} testId="map-sweep" />}
      </div>
      <div data-testid="map-level" data-level={grid?.complete ? 'full' : String(grid?.level ?? 0)} data-filled={rows.length} hidden />
      {slot && <SweepFileMessages slots={[slot]} loaded={loaded} testId="map-sweep" />}
      <PlotPanel id="map" title={`${QUANTITY_LABEL[s.mapQuantity]} over (γ_I, γ_C), ${describeSystem(spec)}${loadedNote(lm)}`} data={data} layout={layout} height={620}
        filename={`map_${s.mapQuantity}_N${s.N}_d${s.d}_${s.dissipator}`}
        csv={slot ? () => slotCsv(slot, lm) : () => toCsv(['gammaI', 'gammaC', 'X', 'Y', 'Z', 'purity', 'scaledPurity', 'residual', ...SECTORS.map((l) => `gap(${l})`), 'reason'],
          rows.map((p) => [p.gammaI, p.gammaC, p.X, p.Y, p.Z, p.purity, p.scaledPurity, p.residual, ...p.gaps, p.error || mapValue(s.mapQuantity, p, aV, spec.N, spec.d).why]),
          csvHeader(`map of ${QUANTITY_LABEL[s.mapQuantity]} over (γ_I, γ_C)`, spec, [`grid: ${axis.length}×${axis.length}, γ/|V| from ${s.mapMin} to ${s.mapMax}; gaps in the unit of V (not divided by |V|)`]))}
        json={() => toJson({ figure: 'map', quantity: s.mapQuantity, spec, axis, q, cells: grid?.cells ?? [] })}
        status={auto
          ? <ProgressLine u={pr.u} cancelled={pr.cancelled} onCancel={pr.cancel} onRestart={pr.restart} estimateMs={est} testId="map-progress" />
          : <span>full map ≈ {formatDuration(est)} on {axis.length * axis.length} points: <button data-testid="sweep-start" onClick={() => setForced(key)}>compute anyway</button></span>}
        pending={auto && pr.running} />
      <p className="hint">Filled coarse-to-fine (4×4, 8×8, then every point); white cells: not certified (hover for the reason). The black line is the mean-field transition γ_I + γ_C = 2|V|.</p>
    </>
  );
}

export function ColorScaleSelect() {
  const s = useStore();
  return (
    <label className="select">
      <span>colour scale</span>
      <select value={s.colorScale} data-testid="select-colorScale" onChange={(e) => s.set({ colorScale: e.target.value as ColorScale })}>
        <option value="shared">shared, from the data</option>
        <option value="fixed">fixed range</option>
        <option value="log">log₁₀</option>
      </select>
    </label>
  );
}

export function FiniteView() {
  const s = useStore();
  const { spec, error } = useSpec();
  const live = spec !== null && estimateMs(spec.N, spec.d, { steady: true, gaps: false }, 60) < 60_000;
  return (
    <div className="view">
      <div className="view-controls">
        <NumberField label="N (particles)" value={s.N} check={CHECKS.N} onChange={(N) => s.set({ N })} testId="input-N" width={60} />
        <SizeInfo N={s.N} d={s.d} />
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {spec && <PointPanel spec={spec} />}
      {spec && <DynamicsPanel spec={spec} live={live} />}
      {spec && <MapPanel spec={spec} />}
    </div>
  );
}
