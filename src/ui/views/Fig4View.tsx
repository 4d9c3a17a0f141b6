/**
 * Fig. 4 and the mean-field phase diagram (issue 4): steady-state |X| and Z versus γ_I/|V| for
 * several d and both dissipators (stable solid, unstable dotted, folds marked), the (γ_I, γ_C)
 * phase diagram with the critical line and the bistable region, the fixed points at the current
 * parameters with their Jacobian eigenvalues, and the critical exponents of Section III B.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { useStore, currentState } from '../../state/store.ts';
import { modelFromState } from '../../state/modelFromState.ts';
import {
  requestExponents, requestFig4, requestFig4Preview, cachedFig4, cancelFig4, requestFixedPoints, requestLargeSpin, requestOrbits, requestPhaseDiagram, cancelBifurcation,
  type ExponentResult, type Fig4Result, type FixedResult, type LargeSpinResult, type OrbitResult, type PhaseResult,
} from '../../compute/bifurcationClient.ts';
import { PlotPanel } from '../PlotPanel.tsx';
import { useJob, useSettled, type JobState } from '../useJob.ts';
import { SUPERSEDED } from '../../compute/latestJob.ts';
import { JobStatus } from '../JobStatus.tsx';
import { downloadText, toCsv, toJson } from '../exportData.ts';
import { NumberField } from '../NumberField.tsx';
import { CHECKS } from '../../state/params.ts';

const D_COLORS = ['#6a3d9a', '#e31a1c', '#1f78b4', '#33a02c', '#ff7f00', '#b15928', '#a6cee3', '#fb9a99', '#b2df8a', '#cab2d6', '#fdbf6f'];
const dColor = (d: number) => D_COLORS[(d - 2) % D_COLORS.length];
const fmt = (x: number, n = 4) => (Number.isFinite(x) ? x.toFixed(n) : '—');

/** Splits a branch into drawable stable / unstable runs (null gaps, neighbouring runs joined). */
function runs(x: ArrayLike<number>, y: ArrayLike<number>, stable: ArrayLike<number>, want: 1 | 0) {
  const xs: Array<number | null> = [], ys: Array<number | null> = [];
  for (let i = 0; i < x.length; i++) {
    const on = stable[i] === want;
    const prevOn = i > 0 && stable[i - 1] === want;
    if (on || prevOn) { xs.push(x[i]); ys.push(y[i]); } else if (xs.length && xs[xs.length - 1] !== null) { xs.push(null); ys.push(null); }
    if (!on && prevOn) { xs.push(null); ys.push(null); }
  }
  return { xs, ys };
}

type Fig4Request = Parameters<typeof requestFig4>[0];

/** What the Fig. 4 panel shows: a coarse preview while dragging, then the full result. */
interface Fig4Shown { result: Fig4Result; req: Fig4Request; fine: boolean; seq: number }

/**
 * Coarse first, then fine (issue 12): every parameter change asks for a coarse preview at once
 * (its own worker, never killed mid-run, so a drag redraws every ~0.1 s); once the parameters
 * have rested for 200 ms the full-resolution job starts, and it is cancelled the moment they move
 * again. A revisited parameter point comes from the cache. `busy` stays true until the full
 * result for the current request is drawn.
 */
function useProgressiveFig4(req: Fig4Request, key: string) {
  const seqRef = useRef(0);
  const [shown, setShown] = useState<Fig4Shown | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const settledKey = useSettled(key, 200);
  const show = (n: Fig4Shown) => setShown((prev) => (!prev || n.seq > prev.seq || (n.seq === prev.seq && n.fine && !prev.fine) ? n : prev));
  const fail = (e: unknown) => setError({ key, message: e instanceof Error ? e.message : String(e) });
  useEffect(() => {
    const seq = ++seqRef.current;
    const full = cachedFig4(req);
    if (full) {
      show({ result: full, req, fine: true, seq });
      return;
    }
    requestFig4Preview(req).then((r) => { if (r !== SUPERSEDED) show({ result: r, req, fine: false, seq }); }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    if (settledKey !== key) {
      cancelFig4(); // stale: its parameters are gone
      return;
    }
    if (cachedFig4(req)) return;
    const seq = seqRef.current;
    let live = true;
    const t0 = performance.now();
    setProgress(0);
    requestFig4(req, (f) => live && setProgress(f)).then((r) => {
      if (!live || r === SUPERSEDED) return;
      setElapsed(performance.now() - t0);
      setProgress(null);
      show({ result: r, req, fine: true, seq });
    }, (e) => live && fail(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey, key]);
  const current = shown !== null && shown.fine && JSON.stringify(shown.req) === key;
  const err = error && error.key === key ? error.message : null;
  const job: JobState<Fig4Result> = { result: shown?.result ?? null, error: err, busy: !current && !err, progress: current ? null : progress, elapsed };
  return { shown, job, current };
}

/** Plot coordinates are γ/|V| for V ≠ 0; with V = 0 there is no |V| to divide by and rates are shown as they are. */
function rateUnit(V: number): { unit: number; label: string } {
  return V !== 0 ? { unit: Math.abs(V), label: 'γ_I / |V|' } : { unit: 1, label: 'γ_I (V = 0: rate units)' };
}

function Fig4Panel() {
  const s = useStore();
  const noV = s.V === 0;
  const { unit: aV, label: xLabel } = rateUnit(s.V);
  // V = 0 is sent as it is: no interaction, so only the z-polarised state (no broken branch)
  const req = useMemo<Fig4Request>(() => ({ ds: s.fig4Ds, dissipators: ['spin', 'flat'], gammaC: s.gammaC, V: s.V, gammaIRange: [0, s.fig4Max * aV], points: 400 }), [s.fig4Ds, s.gammaC, s.V, s.fig4Max, aV]);
  const key = JSON.stringify(req);
  const { shown, job, current } = useProgressiveFig4(req, key);
  const largeSpin = s.largeSpin && !noV;
  const lsReq = useMemo(() => ({ V: s.V || 1, gammaC: s.gammaC, gammaIRange: [0.02 * aV, s.fig4Max * aV] as [number, number], points: 60 }), [s.V, s.gammaC, s.fig4Max, aV]);
  const lsKey = useSettled(largeSpin ? JSON.stringify(lsReq) : 'off', 300);
  const ls = useJob<LargeSpinResult>(lsKey, () => (lsKey !== 'off' ? requestLargeSpin(JSON.parse(lsKey)) : Promise.resolve(null as unknown as LargeSpinResult)));
  const lsOwed = largeSpin && lsKey !== JSON.stringify(lsReq);
  const r = shown?.result ?? null;
  const shownReq = shown?.req ?? null;
  const { data, layout } = useMemo(() => {
    if (!r || !shownReq) return { data: [] as Data[], layout: {} as Partial<Layout> };
    // the result is drawn in the units of the request it belongs to (a preview may lag a step)
    const u = rateUnit(shownReq.V).unit;
    const data: Data[] = [];
    const seen = new Set<number>();
    for (const c of r.curves) {
      const gx = Array.from(c.broken.gammaI, (g) => g / u);
      const dash = c.dissipator === 'spin' ? 'solid' : 'dash';
      const name = `d = ${c.d}, ${c.dissipator}`;
      const first = !seen.has(c.d * 10 + (c.dissipator === 'spin' ? 0 : 1));
      for (const [yk, axis] of [['absX', 'y'], ['Z', 'y2']] as const) {
        const yv = yk === 'absX' ? c.broken.absX : c.broken.Z;
        const st = runs(gx, yv, c.broken.stable, 1);
        const un = runs(gx, yv, c.broken.stable, 0);
        data.push({ x: st.xs, y: st.ys, yaxis: axis, type: 'scatter', mode: 'lines', name, legendgroup: name, showlegend: axis === 'y' && first, line: { color: dColor(c.d), width: 2.4, dash }, connectgaps: false });
        data.push({ x: un.xs, y: un.ys, yaxis: axis, type: 'scatter', mode: 'lines', name: name + ' (unstable)', legendgroup: name, showlegend: false, line: { color: dColor(c.d), width: 1.2, dash: 'dot' }, connectgaps: false, opacity: 0.8 });
        // folds only: turning points of the branch (first-order transition); the pitchfork where
        // the branch meets the z-polarised state is a branch point, drawn below as ○
        if (c.folds.length) {
          data.push({ x: c.folds.map((f) => f.gammaI / u), y: c.folds.map((f) => (yk === 'absX' ? Math.abs(f.X) : f.Z)), yaxis: axis, type: 'scatter', mode: 'markers', name: `fold ${name}`, legendgroup: name, showlegend: false, marker: { symbol: 'x', size: 10, color: dColor(c.d) }, hovertemplate: 'fold (turning point) at γ_I/|V| = %{x:.4f}<extra></extra>' });
        }
        if (!c.converged) {
          data.push({ x: [gx[gx.length - 1]], y: [yv[yv.length - 1]], yaxis: axis, type: 'scatter', mode: 'markers', name: `not converged: ${name}`, showlegend: axis === 'y', marker: { symbol: 'circle-open', size: 12, color: '#000' }, text: [c.message], hoverinfo: 'text' });
        }
      }
      seen.add(c.d * 10 + (c.dissipator === 'spin' ? 0 : 1));
    }
    // pitchforks (branch points on the z-polarised state; the same γ_I for every d and ℓ here)
    const bps = new Map<string, { g: number; X: number; Z: number }>();
    for (const c of r.curves) for (const b of c.branchPoints) bps.set((b.gammaI / u).toFixed(6), { g: b.gammaI / u, X: Math.abs(b.X), Z: b.Z });
    if (bps.size) {
      const pts = [...bps.values()];
      for (const [yk, axis] of [['X', 'y'], ['Z', 'y2']] as const) {
        data.push({ x: pts.map((b) => b.g), y: pts.map((b) => (yk === 'X' ? b.X : b.Z)), yaxis: axis, type: 'scatter', mode: 'markers', name: 'pitchfork (branch point)', showlegend: axis === 'y', marker: { symbol: 'circle-open', size: 11, color: '#111', line: { width: 2 } }, hovertemplate: 'pitchfork (branch point, continuous) at γ_I/|V| = %{x:.4f}<extra></extra>' });
      }
    }
    // z-polarised branch (identical for all d and ℓ): stable solid, unstable dotted
    const z = r.curves[0]?.z;
    if (z) {
      const gx = Array.from(z.gammaI, (g) => g / u);
      for (const [yk, axis] of [['X', 'y'], ['Z', 'y2']] as const) {
        const yv = yk === 'X' ? z.X : z.Z;
        const st = runs(gx, yv, z.stable, 1), un = runs(gx, yv, z.stable, 0);
        data.push({ x: st.xs, y: st.ys, yaxis: axis, type: 'scatter', mode: 'lines', name: 'z-polarised (Eq. 12)', showlegend: axis === 'y', line: { color: '#111', width: 2.4 } });
        data.push({ x: un.xs, y: un.ys, yaxis: axis, type: 'scatter', mode: 'lines', name: 'z-polarised, unstable', showlegend: false, line: { color: '#111', width: 1.2, dash: 'dot' } });
      }
    }
    const inset = shownReq.V !== 0;
    if (inset) {
      // inset (as in Fig. 4): |X| for γ_I/|V| ∈ [0.01, 0.1] on log–log axes against (γ_I/|V|)^{1/2}/√2,
      // beside the main plot so that it hides no curve
      for (const c of r.curves) {
        const xs: number[] = [], ys: number[] = [];
        for (let i = 0; i < c.broken.gammaI.length; i++) {
          const g = c.broken.gammaI[i] / u;
          if (g >= 0.01 && g <= 0.1 && c.broken.absX[i] > 0) { xs.push(g); ys.push(c.broken.absX[i]); }
        }
        const order = xs.map((x, i) => [x, ys[i]]).sort((a, b) => a[0] - b[0]);
        data.push({ x: order.map((o) => o[0]), y: order.map((o) => o[1]), xaxis: 'x2', yaxis: 'y3', type: 'scatter', mode: 'lines', name: `inset d = ${c.d}, ${c.dissipator}`, showlegend: false, hoverinfo: 'skip', line: { color: dColor(c.d), width: 1.5, dash: c.dissipator === 'spin' ? 'solid' : 'dash' } });
      }
      data.push({ x: [0.01, 0.1], y: [0.01, 0.1].map((g) => Math.sqrt(g / 2)), xaxis: 'x2', yaxis: 'y3', type: 'scatter', mode: 'lines', name: '(γ_I/|V|)^½/√2', showlegend: false, line: { color: '#000', dash: 'dash', width: 1.5 } });
    }
    if (largeSpin && ls.result && lsKey !== 'off') {
      const L = ls.result;
      const gx = Array.from(L.gammaI, (g) => g / u);
      data.push({ x: gx, y: Array.from(L.meanX, Math.abs), yaxis: 'y', type: 'scatter', mode: 'lines', name: 'large spin j → ∞ (Eq. 14), time average', line: { color: '#888', width: 3, dash: 'longdashdot' } });
      data.push({ x: gx, y: Array.from(L.meanZ), yaxis: 'y2', type: 'scatter', mode: 'lines', name: 'large spin, Z̄', showlegend: false, line: { color: '#888', width: 3, dash: 'longdashdot' } });
    }
    const crit = r.criticalGammaI / u;
    const g = s.gammaI / aV;
    const xMain = [0, 0.74];
    const layout: Partial<Layout> = {
      xaxis: { title: { text: rateUnit(shownReq.V).label }, range: [0, s.fig4Max], domain: xMain, anchor: 'y2' },
      yaxis: { title: { text: '|X|' }, domain: [0.53, 1], anchor: 'x', range: [-0.02, largeSpin ? 1.02 : 0.75] },
      yaxis2: { title: { text: 'Z' }, domain: [0, 0.47], anchor: 'x', range: [-1.03, 0.02] },
      ...(inset ? {
        xaxis2: { type: 'log', domain: [0.83, 1], anchor: 'y3', range: [-2, -1], dtick: 1, tickfont: { size: 11 }, title: { text: 'γ_I/|V| (inset)', font: { size: 11 }, standoff: 0 } },
        yaxis3: { type: 'log', domain: [0.62, 0.97], anchor: 'x2', tickfont: { size: 11 }, title: { text: '|X|', font: { size: 11 }, standoff: 0 } },
      } : {}),
      shapes: [
        ...(crit > 0 ? [{ type: 'line' as const, xref: 'x' as const, x0: crit, x1: crit, yref: 'paper' as const, y0: 0, y1: 1, line: { color: '#000', dash: 'dash' as const, width: 1.2 } }] : []),
        { type: 'line', xref: 'x', x0: g, x1: g, yref: 'paper', y0: 0, y1: 1, line: { color: '#d62728', width: 1.5 } },
      ],
      annotations: inset ? [] : [{ xref: 'paper', yref: 'paper', x: 0.37, y: 0.8, showarrow: false, text: 'V = 0: no interaction — the z-polarised state<br>is the only steady state, no transition', font: { size: 15, color: '#1f4e9c' } }],
      legend: { orientation: 'h', x: 0, y: -0.14, yanchor: 'top' },
      uirevision: 'fig4',
      margin: { l: 70, r: 30, t: 30, b: 150 },
    };
    return { data, layout };
  }, [r, shownReq, ls.result, lsKey, largeSpin, s.gammaI, s.fig4Max, aV]);

  const csv = () => {
    if (!r || !shownReq) return '';
    const rows: Array<Array<number | string>> = [];
    for (const c of r.curves) {
      for (let i = 0; i < c.broken.gammaI.length; i++) rows.push([c.d, c.dissipator, 'broken', c.broken.gammaI[i], c.broken.X[i], c.broken.Y[i], c.broken.Z[i], c.broken.stable[i], c.broken.maxRealEigenvalue[i]]);
      for (const f of c.folds) rows.push([c.d, c.dissipator, 'fold', f.gammaI, f.X, f.Y, f.Z, '', '']);
      for (const f of c.branchPoints) rows.push([c.d, c.dissipator, 'pitchfork', f.gammaI, f.X, f.Y, f.Z, '', '']);
    }
    const z = r.curves[0]?.z;
    if (z) for (let i = 0; i < z.gammaI.length; i++) rows.push(['all', 'all', 'z-polarised', z.gammaI[i], 0, 0, -1, z.stable[i], z.maxRealEigenvalue[i]]);
    return toCsv(['d', 'dissipator', 'branch', 'gammaI', 'X', 'Y', 'Z', 'stable', 'maxRealEigenvalue'], rows, [`Fig. 4 mean-field steady states, gammaC=${shownReq.gammaC} V=${shownReq.V}${shown?.fine ? '' : ' (coarse preview)'}`]);
  };
  const shownGammaC = shownReq ? shownReq.gammaC / rateUnit(shownReq.V).unit : s.gammaC / aV;
  const title = noV
    ? `Fig. 4 — V = 0, no interaction: only the z-polarised steady state, no transition (γ in rate units) at γ_C = ${fmt(shownGammaC, 3)}`
    : `Fig. 4 — mean-field steady states vs γ_I/|V| at γ_C/|V| = ${fmt(shownGammaC, 3)}`;
  return (
    <>
      <div className="view-controls">
        <ListField label="d values" value={s.fig4Ds} onChange={(fig4Ds) => s.set({ fig4Ds })} />
        <NumberField label={noV ? 'γ_I up to' : 'γ_I/|V| up to'} value={s.fig4Max} check={CHECKS.fig4Max} onChange={(fig4Max) => s.set({ fig4Max })} testId="input-fig4Max" width={60} />
        <label className="check" title={noV ? 'Eq. (14) needs V ≠ 0' : undefined}><input type="checkbox" checked={largeSpin} disabled={noV} data-testid="check-largeSpin" onChange={(e) => s.set({ largeSpin: e.target.checked })} /> large-spin limit (Eq. 14){noV && <span className="hint" data-testid="disabled-largeSpin"> — needs V ≠ 0</span>}</label>
        <label className="check" title={noV ? 'the orbits of Eq. (11) need V ≠ 0' : undefined}><input type="checkbox" checked={s.orbits && !noV} disabled={noV} data-testid="check-orbits" onChange={(e) => s.set({ orbits: e.target.checked })} /> γ_I = 0 orbits (Eq. 11){noV && <span className="hint" data-testid="disabled-orbits"> — needs V ≠ 0</span>}</label>
        <span className="hint">spin ladder solid, m-independent dashed; unstable dotted; × fold (turning point, first order); ○ pitchfork (continuous); red line: current γ_I</span>
      </div>
      <PlotPanel id="fig4" title={title + (shown && !shown.fine ? ' — coarse preview, refining…' : '')} data={data} layout={layout} height={760}
        filename={`fig4_gC${s.gammaC}_V${s.V}`} csv={csv} json={() => toJson({ figure: 'fig4', request: shownReq, coarse: shown ? !shown.fine : null, result: r })}
        status={<JobStatus job={job} onCancel={cancelBifurcation} />} pending={!current || ls.busy || lsOwed} />
    </>
  );
}

function ListField({ label, value, onChange }: { label: string; value: number[]; onChange: (v: number[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="numfield">
      <span>{label}</span>
      <input type="text" value={text} style={{ width: 150 }} data-testid="input-fig4Ds" aria-invalid={error !== null}
        onChange={(e) => {
          setText(e.target.value);
          const r = CHECKS.fig4Ds(e.target.value);
          if ('error' in r) setError(r.error);
          else { setError(null); onChange(r.value); }
        }} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}

function PhasePanel() {
  const s = useStore();
  const dis = s.dissipator === 'flat' ? 'flat' : 'spin';
  const noV = s.V === 0;
  const aV = Math.abs(s.V) || 1;
  // V = 0 is sent as it is (rates then in their own units over the same ranges)
  const req = useMemo(() => ({ d: s.d, dissipator: dis as 'spin' | 'flat', V: s.V, gammaIMax: 4 * aV, gammaCMax: 2.5 * aV, resolution: 26 }), [s.d, dis, s.V, aV]);
  const job = useJob<PhaseResult>(JSON.stringify(req), (p) => requestPhaseDiagram(req, p));
  const r = job.result;
  const { data, layout } = useMemo(() => {
    if (!r) return { data: [] as Data[], layout: {} as Partial<Layout> };
    const gc = Array.from(r.gammaC, (x) => x / aV);
    const data: Data[] = [];
    const from: number[] = [], to: number[] = [], yc: number[] = [];
    for (let i = 0; i < gc.length; i++) if (Number.isFinite(r.bistableFrom[i]) && Number.isFinite(r.bistableTo[i])) { from.push(r.bistableFrom[i] / aV); to.push(r.bistableTo[i] / aV); yc.push(gc[i]); }
    if (from.length) {
      data.push({ x: [...from, ...to.slice().reverse()], y: [...yc, ...yc.slice().reverse()], type: 'scatter', mode: 'lines', fill: 'toself', fillcolor: 'rgba(255,127,14,0.35)', line: { color: '#ff7f0e', width: 1.5 }, name: 'bistable (z-polarised and broken both stable)' });
    }
    // the critical line γ_I + γ_C = 2|V| (computed per row by the worker); at V = 0 it is the origin
    if (!noV) data.push({ x: [2, 0], y: [0, 2], type: 'scatter', mode: 'lines', line: { color: '#000', width: 2, dash: 'dash' }, name: 'critical line γ_I + γ_C = 2|V|' });
    data.push({ x: [s.gammaI / aV], y: [s.gammaC / aV], type: 'scatter', mode: 'markers', marker: { color: '#d62728', size: 13, symbol: 'star' }, name: 'current parameters' });
    const layout: Partial<Layout> = {
      xaxis: { title: { text: noV ? 'γ_I (V = 0: rate units)' : 'γ_I / |V|' }, range: [0, 4] },
      yaxis: { title: { text: noV ? 'γ_C (V = 0: rate units)' : 'γ_C / |V|' }, range: [0, 2.5] },
      annotations: noV
        ? [{ x: 2, y: 1.3, text: 'V = 0: no interaction —<br>the z-polarised state everywhere<br>(the critical line γ_I + γ_C = 2|V|<br>shrinks to the origin)', showarrow: false, font: { size: 14, color: '#1f4e9c' } }]
        : [
          { x: 0.5, y: 0.5, text: 'interaction-dominated<br>(broken Π1)', showarrow: false, font: { size: 14, color: '#8a3b12' } },
          { x: 3.2, y: 1.8, text: 'dissipation-dominated<br>(z-polarised)', showarrow: false, font: { size: 14, color: '#1f4e9c' } },
        ],
      legend: { orientation: 'h', y: -0.2 },
      uirevision: 'phase',
    };
    return { data, layout };
  }, [r, s.gammaI, s.gammaC, aV, noV]);
  const csv = () => r ? toCsv(['gammaC', 'criticalGammaI', 'foldGammaI', 'bistableFrom', 'bistableTo', 'converged'], Array.from(r.gammaC, (g, i) => [g, r.criticalGammaI[i], r.foldGammaI[i], r.bistableFrom[i], r.bistableTo[i], r.converged[i]]), [`phase diagram d=${s.d} dissipator=${dis} V=${s.V}; empty = none`]) : '';
  return (
    <PlotPanel id="phase" title={`Phase diagram (γ_I, γ_C), d = ${s.d}, ${dis} dissipator${noV ? ', V = 0: no transition' : ''}`} data={data} layout={layout} height={520}
      filename={`phase_d${s.d}_${dis}`} csv={csv} json={() => toJson({ figure: 'phase-diagram', request: req, result: r })}
      status={<JobStatus job={job} onCancel={cancelBifurcation} />} pending={job.busy} />
  );
}

function FixedPointTable() {
  const s = useStore();
  const model = modelFromState(currentState(s));
  const spec = 'spec' in model ? model.spec : null;
  // secondary while dragging: computed once the sliders rest, so it never competes with Fig. 4
  const liveKey = spec ? JSON.stringify(spec) : 'invalid';
  const key = useSettled(liveKey, 300);
  const job0 = useJob<FixedResult>(key, () => (key !== 'invalid' ? requestFixedPoints(JSON.parse(key)) : Promise.reject(new Error('error' in model ? model.error : 'invalid'))));
  const job = { ...job0, busy: job0.busy || key !== liveKey };
  const [open, setOpen] = useState<number | null>(null);
  const r = job.result;
  return (
    <section className="panel" data-testid="panel-fixed">
      <header className="panel-head">
        <h2>Fixed points at the current parameters (d = {s.d}, {s.dissipator})</h2>
        <div className="panel-actions">
          {r && <button onClick={() => downloadText(`fixed_points_d${s.d}_${s.dissipator}.json`, toJson({ params: spec, fixedPoints: r.map(({ state: _s, ...f }) => f) }), 'application/json')}>JSON</button>}
          {r && <button onClick={() => downloadText(`fixed_points_d${s.d}_${s.dissipator}.csv`, toCsv(['kind', 'X', 'Y', 'Z', 'stable', 'maxRealEigenvalue', 'residual'], r.map((f) => [f.kind, f.X, f.Y, f.Z, f.stable ? 1 : 0, f.maxRealEigenvalue, f.residual])), 'text/csv')}>CSV</button>}
        </div>
      </header>
      <div className="panel-status"><JobStatus job={job} onCancel={cancelBifurcation} /></div>
      {r && (
        <table className="fp" data-testid="fixed-table">
          <thead><tr><th>kind</th><th>X</th><th>Y</th><th>Z</th><th>stable</th><th>max Re λ</th><th>residual</th><th>eigenvalues</th></tr></thead>
          <tbody>
            {r.map((f, i) => (
              <tr key={i} className={f.kind === 'centre' ? 'centre' : f.stable ? 'stable' : 'unstable'}>
                <td>{f.kind === 'centre' ? 'centre (Eq. 11)' : f.kind}</td><td>{fmt(f.X, 5)}</td><td>{fmt(f.Y, 5)}</td><td>{fmt(f.Z, 5)}</td>
                <td>{f.kind === 'centre' ? 'neutral (orbits around it)' : f.stable ? 'stable' : 'unstable'}</td><td>{f.maxRealEigenvalue.toExponential(3)}</td><td>{f.residual.toExponential(1)}</td>
                <td>
                  <button onClick={() => setOpen(open === i ? null : i)}>{open === i ? 'hide' : `show ${f.eigenvalues.length}`}</button>
                  {open === i && <div className="eig">{f.eigenvalues.map(([re, im], k) => <span key={k}>{re.toFixed(4)}{im >= 0 ? '+' : '−'}{Math.abs(im).toFixed(4)}i </span>)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Jacobian of Eq. (9) with the trace eliminated (d² − 1 eigenvalues, Appendix B). Stable fixed points are found from 41 trajectories and symmetry images; unstable ones where Newton reaches them.
        {s.gammaI === 0 && ' At γ_I = 0 the centres of Eq. (11) (γ_C < 2|V|; spin ladder, or d ≤ 3) are listed with their purely imaginary eigenvalues: the steady states are the periodic orbits around them; fixed points are not isolated there (for qubits every c·(X, Y, Z), 0 ≤ c ≤ 1, is one too).'}</p>
    </section>
  );
}

function ExponentPanel() {
  const s = useStore();
  const dis = s.dissipator === 'flat' ? 'flat' : 'spin';
  const noV = s.V === 0;
  const req = useMemo(() => ({ d: s.d, dissipator: dis as 'spin' | 'flat', V: s.V, gammaC: s.gammaC }), [s.d, dis, s.V, s.gammaC]);
  // secondary while dragging: fitted once the sliders rest; at V = 0 there is no transition to fit
  const liveKey = noV ? 'none' : JSON.stringify(req);
  const key = useSettled(liveKey, 300);
  const job0 = useJob<ExponentResult>(key, () => (key !== 'none' ? requestExponents(JSON.parse(key)) : Promise.resolve(null as unknown as ExponentResult)));
  const job = { ...job0, busy: job0.busy || key !== liveKey };
  const r = key === 'none' ? null : job.result;
  const { data, layout } = useMemo(() => {
    if (!r || r.transition !== 'continuous') return { data: [] as Data[], layout: {} as Partial<Layout> };
    const dl = Array.from(r.delta);
    const fitLine = (beta: number, ys: Float64Array) => {
      // least-squares intercept for the shown slope
      let acc = 0;
      for (let i = 0; i < dl.length; i++) acc += Math.log(ys[i]) - beta * Math.log(dl[i]);
      const c = acc / dl.length;
      return dl.map((x) => Math.exp(c) * x ** beta);
    };
    return {
      data: [
        { x: dl, y: Array.from(r.absX), type: 'scatter', mode: 'markers', name: '|X|', marker: { color: '#1f4e9c' } },
        { x: dl, y: fitLine(r.betaX, r.absX), type: 'scatter', mode: 'lines', name: `∝ δ^${r.betaX.toFixed(3)}`, line: { color: '#1f4e9c' } },
        { x: dl, y: Array.from(r.zPlusOne), type: 'scatter', mode: 'markers', name: 'Z + 1', marker: { color: '#c0392b' } },
        { x: dl, y: fitLine(r.betaZ, r.zPlusOne), type: 'scatter', mode: 'lines', name: `∝ δ^${r.betaZ.toFixed(3)}`, line: { color: '#c0392b' } },
      ] as Data[],
      layout: { xaxis: { type: 'log', title: { text: 'δ = (γ_I,c − γ_I)/|V|' } }, yaxis: { type: 'log', title: { text: '|X|, Z + 1' } }, legend: { orientation: 'h', y: -0.25 }, uirevision: 'exp' } as Partial<Layout>,
    };
  }, [r]);
  return (
    <PlotPanel id="exponents" title={`Critical exponents, d = ${s.d}, ${dis} (fit of X, Z + 1 ∝ δ^β)`} data={data} layout={layout} height={420}
      filename={`exponents_d${s.d}_${dis}`} json={() => toJson({ figure: 'exponents', request: req, result: r })}
      csv={() => r ? toCsv(['delta', 'absX', 'ZplusOne'], Array.from(r.delta, (x, i) => [x, r.absX[i], r.zPlusOne[i]]), [`d=${s.d} ${dis} betaX=${r.betaX} betaZ=${r.betaZ} fitRange(gammaI)=${r.fitRange.join('..')}`]) : ''}
      status={
        <span>
          <JobStatus job={job} onCancel={cancelBifurcation} />{' '}
          {noV && <b data-testid="betas">V = 0: no interaction, no transition — no exponent</b>}
          {!noV && r && (r.transition === 'continuous'
            ? <b data-testid="betas">β_X = {fmt(r.betaX, 3)}, β_Z = {fmt(r.betaZ, 3)} (fit γ_I/|V| ∈ [{fmt(r.fitRange[0] / Math.abs(req.V || 1), 3)}, {fmt(r.fitRange[1] / Math.abs(req.V || 1), 3)}]); small γ_I: |X| ≈ {fmt(r.smallGammaPrefactorX, 3)}·(γ_I/|V|)^½, Z ≈ {fmt(r.smallGammaPrefactorZ, 3)}·γ_I/|V|</b>
            : <b data-testid="betas">first-order transition (fold above the critical line): no exponent</b>)}
        </span>
      } pending={job.busy} />
  );
}

/**
 * γ_I = 0 (qubits / spin ladder, Sec. III A): the periodic orbits around the centres of Eq. (11)
 * and their time averages versus γ_C — a jump at γ_C = 2|V|, the first-order transition — next to
 * the γ_I → 0⁺ limit, where the steady state shrinks to r ≈ 0 (X → 0).
 */
function OrbitPanel() {
  const s = useStore();
  const aV = Math.abs(s.V) || 1;
  const req = useMemo(() => ({ V: s.V || 1, gammaCRange: [0, 3 * aV] as [number, number], points: 31 }), [s.V, aV]);
  const job = useJob<OrbitResult>(JSON.stringify(req), () => requestOrbits(req));
  const r = job.result;
  const data: Data[] = r ? [
    { x: Array.from(r.gammaC, (g) => g / aV), y: Array.from(r.meanX, Math.abs), type: 'scatter', mode: 'lines+markers', name: '|X̄| orbit time average', line: { color: '#1f4e9c' } },
    { x: Array.from(r.gammaC, (g) => g / aV), y: Array.from(r.meanZ), type: 'scatter', mode: 'lines+markers', name: 'Z̄ orbit time average', line: { color: '#c0392b' } },
    { x: Array.from(r.gammaC, (g) => g / aV), y: Array.from(r.centreX, (v) => (Number.isFinite(v) ? Math.abs(v) : null)), type: 'scatter', mode: 'lines', name: '|X| of the centre (Eq. 11)', line: { color: '#1f4e9c', dash: 'dot' } },
  ] as Data[] : [];
  return (
    <PlotPanel id="orbits" title="γ_I = 0: periodic orbits, time averages vs γ_C/|V| (Eq. 11)" data={data}
      layout={{ xaxis: { title: { text: 'γ_C / |V|' } }, yaxis: { title: { text: 'time average' }, range: [-1.05, 1.05] }, shapes: [{ type: 'line', x0: 2, x1: 2, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dash', color: '#000' } }], legend: { orientation: 'h', y: -0.25 }, uirevision: 'orbits' }}
      height={420} filename="orbits_gammaI0" json={() => toJson({ figure: 'orbits', request: req, result: r })}
      csv={() => r ? toCsv(['gammaC', 'meanX', 'meanY', 'meanZ', 'period', 'centreX', 'centreY'], Array.from(r.gammaC, (g, i) => [g, r.meanX[i], r.meanY[i], r.meanZ[i], r.period[i], r.centreX[i], r.centreY[i]]), ['qubit mean field at gamma_I = 0 (spin length conserved); above 2|V| the z-polarised state']) : ''}
      status={<span><JobStatus job={job} onCancel={cancelBifurcation} /> <span className="hint">the averages jump at γ_C = 2|V| (first order), while for any γ_I &gt; 0 the broken states vanish continuously (Fig. 4).</span></span>} pending={job.busy} />
  );
}

export function Fig4View() {
  const orbits = useStore((s) => s.orbits && s.V !== 0);
  return (
    <div className="view">
      <Fig4Panel />
      <div className="two-col">
        <PhasePanel />
        <ExponentPanel />
        {orbits && <OrbitPanel />}
      </div>
      <FixedPointTable />
    </div>
  );
}
