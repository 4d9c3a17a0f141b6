/**
 * Pieces the finite-N views share: sector labels and colours, the parameter description every
 * label, CSV header and figure stamp uses (enough to reproduce a number, custom ℓ included), the
 * "previous parameters" note, progress with ETA and cancel, and the busy-worker count.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import type { Layout } from 'plotly.js';
import type { FinitePointResult, FiniteSpec, SteadyChecks } from '../../../contracts/exact.ts';
import { SECTOR_LABELS, type SectorLabel } from '../../../contracts/exact.ts';
import { busyWorkers, onBusyChange } from '../../../compute/activity.ts';
import type { ProgressiveUpdate } from '../../../compute/finiteClient.ts';

export const SECTORS = SECTOR_LABELS;
export type { SectorLabel };
export const SECTOR_COLORS = ['#111111', '#2a9d55', '#d62728', '#1f4e9c'];
/** Δ(+1,−1) with a real minus sign, for titles. */
export const sectorName = (l: string) => l.replace(/-/g, '−');
export const DISSIPATOR_NAME: Record<string, string> = { spin: 'spin ladder', flat: 'm-independent', custom: 'custom ℓ' };

export const fmt = (x: number, n = 5) => (Number.isFinite(x) ? x.toFixed(n) : '—');

/** What a number belongs to: "N = 4, d = 3, spin ladder, γ_I = 1, γ_C = 0.4, V = 1" (+ ℓ when custom). */
export function describeSystem(spec: Partial<FiniteSpec> & { d: number; dissipator: string; V: number }, rates?: { gammaI?: number; gammaC?: number }): string {
  const parts = [
    ...(spec.N !== undefined ? [`N = ${spec.N}`] : []),
    `d = ${spec.d}`,
    DISSIPATOR_NAME[spec.dissipator] ?? spec.dissipator,
    ...(spec.dissipator === 'custom' && spec.ellRe ? [`ℓ = (${spec.ellRe.join(', ')})`] : []),
    ...(rates?.gammaI !== undefined ? [`γ_I = ${rates.gammaI}`] : []),
    ...(rates?.gammaC !== undefined ? [`γ_C = ${rates.gammaC}`] : []),
    `V = ${spec.V}`,
  ];
  return parts.join(', ');
}

/** CSV comment lines: what the file holds, every parameter needed to reproduce it, units. */
export function csvHeader(what: string, spec: Partial<FiniteSpec> & { d: number; dissipator: string; V: number }, extra: string[] = []): string[] {
  return [
    `Qudit DPT Explorer — ${what}`,
    `model: Pausch et al. Eq. (3), exact permutation-invariant engine; ${describeSystem(spec)}`,
    `dissipator=${spec.dissipator}${spec.dissipator === 'custom' ? ` ell=${(spec.ellRe ?? []).join(';')}${spec.ellIm ? ` ellIm=${spec.ellIm.join(';')}` : ''}` : ''} V=${spec.V}`,
    'rates γ_I, γ_C and eigenvalues in the unit of V (hbar = 1); gaps Δ = −Re λ (Eqs. 15–16); empty cell = not computed or not certified (see the reason column)',
    ...extra,
  ];
}

/** A small parameter stamp in the corner of a figure (it goes into PNG/SVG exports too). */
export function stamp(text: string): Partial<Layout>['annotations'] {
  return [{ text, xref: 'paper', yref: 'paper', x: 1, y: 1, xanchor: 'right', yanchor: 'bottom', yshift: 22, showarrow: false, font: { size: 11, color: '#666' } }];
}

/** Style of values that are not for the parameters shown (greyed out). */
export const STALE_STYLE: CSSProperties = { opacity: 0.4, filter: 'grayscale(1)' };

/** "N = 5, d = 4 … — previous (computing the new parameters)" */
export function StaleNote({ of, why, testId = 'stale-note' }: { of: string; why: string; testId?: string }) {
  return (
    <p className="note" role="status" data-testid={testId} style={{ background: '#fff3cd', padding: '2px 6px', borderRadius: 4 }}>
      Shown greyed: {of} — previous ({why}).
    </p>
  );
}

const secs = (ms: number) => (ms < 1000 ? '< 1 s' : ms < 90_000 ? `${Math.round(ms / 1000)} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : ms < 172_800_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms < 3.15e10 ? `${Math.round(ms / 86_400_000)} days` : `${(ms / 3.156e10).toPrecision(2)} years`);
export const formatDuration = secs;

/** Progress of a progressive job: "coarse 8×8 · 37 % · ETA 12 s [cancel]", or done / cancelled. */
export function ProgressLine({ u, cancelled, onCancel, onRestart, estimateMs, testId = 'progress' }: {
  u: ProgressiveUpdate | null; cancelled: boolean; onCancel: () => void; onRestart?: () => void; estimateMs?: number; testId?: string;
}) {
  const level = u ? Math.min(...u.grids.map((g) => (g.complete ? Infinity : g.level))) : 0;
  const state = !u ? 'starting' : u.finished ? 'done' : cancelled ? 'cancelled' : 'running';
  return (
    <span data-testid={testId} data-state={state} data-level={u?.finished ? 'full' : Number.isFinite(level) ? String(level) : '0'} data-done={u?.done ?? 0} className={state === 'done' ? 'done' : 'busy'}>
      {state === 'starting' && <>starting…{estimateMs !== undefined && ` (full resolution ≈ ${secs(estimateMs)})`}</>}
      {u && state === 'running' && (
        <>
          {u.done}/{u.total} points ({Math.round((100 * u.done) / Math.max(1, u.total))} %)
          {Number.isFinite(level) && level > 0 ? ` · ${u.grids.every((g) => g.cells.length === 1) ? `${level}-point` : `${level}×${level}`} level complete` : ''}
          {u.etaMs !== null ? ` · full resolution in ≈ ${secs(u.etaMs)}` : ''}{' '}
          <button onClick={onCancel} data-testid={`${testId}-cancel`}>cancel</button>
        </>
      )}
      {u && state === 'cancelled' && (
        <>cancelled at {u.done}/{u.total} points: the partial picture is kept and labelled{onRestart && <> <button onClick={onRestart} data-testid={`${testId}-restart`}>resume</button></>}</>
      )}
      {u && state === 'done' && <>done: {u.total} points in {secs(u.elapsedMs)}</>}{' '}
      <WorkersBusy />
    </span>
  );
}

/** "workers busy: 2" — every exact-engine worker of the page. */
export function WorkersBusy() {
  const [n, setN] = useState(busyWorkers());
  useEffect(() => onBusyChange(setN), []);
  return <span className="hint" data-testid="workers-busy" data-busy={n}>· workers busy: {n}</span>;
}

/** Steady-state values a test of physics rejects (Tr ρ² must lie in [d^−N, 1]); the reason or null. */
export function steadyProblem(r: FinitePointResult, N: number, d: number): string | null {
  if (r.error) return r.error;
  if (!Number.isFinite(r.purity)) return 'steady state not computed';
  if (r.steadyChecks && !r.steadyChecks.positiveDiagonal) return `a diagonal entry of ρ is negative (${r.steadyChecks.minDiagonal.toExponential(2)}): not a density matrix, rejected`;
  if (r.residual > 1e-6) return `steady state not converged (residual ‖ℒρ‖/‖ρ‖ = ${r.residual.toExponential(1)})`;
  if (r.purity > 1 + 1e-9 || r.purity < d ** -N * (1 - 1e-9)) return `purity ${r.purity.toPrecision(4)} outside [d^−N, 1]: rejected`;
  return null;
}

/**
 * Why the steady-state negativity (Eq. 17) at this point is not a number to draw, or null: the
 * steady state's own checks, then the negativity's (computed, Tr ρ^{T_B} = 1, not below −10⁻¹²).
 */
export function negativityProblem(r: FinitePointResult, N: number, d: number): string | null {
  const s = steadyProblem(r, N, d);
  if (s) return s;
  if (r.negativityError) return `negativity not computed: ${r.negativityError}`;
  if (r.negativity === undefined || !Number.isFinite(r.negativity)) return 'negativity not computed';
  const t = r.negativityTrace ?? NaN;
  if (!(Math.abs(t - 1) <= 1e-8)) return `Tr ρ^{T_B} = ${Number.isFinite(t) ? t.toPrecision(12) : '—'} ≠ 1: rejected`;
  if (r.negativity < -1e-12) return `negativity ${r.negativity.toExponential(2)} < 0: rejected`;
  return null;
}

const bound = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? `, error bound ${x.toExponential(1)}` : '');

/** Why the gap of sector index si at this point is not a certified number, or null when it is. */
export function gapProblem(r: FinitePointResult, si: number): string | null {
  if (r.error) return r.error;
  const e = r.spectra?.[SECTORS[si]]?.[SECTORS[si] === '+1,+1' ? 1 : 0];
  if (Number.isFinite(r.gaps[si])) {
    if (e && e.certified === false) return `converged but not certified (residual ${e.residual.toExponential(1)}${bound(e.errorBound)})`;
    return null;
  }
  if (e) return `eigenvalue not converged (residual ${e.residual.toExponential(1)}${bound(e.errorBound)}${e.re > 0 ? ', Re λ > 0: spurious' : ''})`;
  return 'eigenvalue not computed';
}

/** The uncertified value itself (for hollow markers), when the engine returned one. */
export function uncertifiedGap(r: FinitePointResult, si: number): number | null {
  const e = r.spectra?.[SECTORS[si]]?.[SECTORS[si] === '+1,+1' ? 1 : 0];
  return e && Number.isFinite(e.re) ? -e.re : null;
}

/**
 * The steady state's checks (physics/exact/steadyState.ts) as rows of the steady-state panel:
 * uniqueness (λ₁ ≠ 0 certified, not decided, or not checked by the fallback solver), the
 * density-matrix checks and the inner solver. `notice` is set when the uniqueness is not
 * established, with the engine's reason: the panel shows it next to the numbers.
 */
export function steadyChecksRows(c: SteadyChecks, aV?: number): { rows: Array<{ label: string; value: string; testid: string }>; notice: string | null } {
  // (not called λ₁: in the table λ₁ is the gap's eigenvalue, of smallest |Re|; the uniqueness
  // test uses the nonzero eigenvalue of smallest modulus). Given aV (|V|, or 1 at V = 0), in
  // units of |V| like every rate on the page: "−9.460e-1 |V|"; else in the engine's rate units.
  const scale = aV ?? 1, unit = aV === undefined ? '' : ' |V|';
  const l1 = c.lambda1 ? { re: c.lambda1.re / scale, im: c.lambda1.im / scale } : c.lambda1;
  const bound = c.lambda1ErrorBound !== null && c.lambda1ErrorBound !== undefined ? c.lambda1ErrorBound / scale : null;
  // (an imaginary part below the rounding level of the real one, e.g. −1.3e-17i, is not shown)
  const showIm = l1 !== null && l1 !== undefined && Math.abs(l1.im) > Math.max(1e-12 * Math.abs(l1.re), bound ?? 0);
  const lam = l1 ? `nearest nonzero eigenvalue ${l1.re.toExponential(3)}${showIm ? ` ${l1.im < 0 ? '−' : '+'} ${Math.abs(l1.im).toExponential(3)}i` : ''}${unit}${l1.re > 0 ? ' (Re > 0: not a converged eigenvalue)' : ''}` : '';
  let unique: string, notice: string | null = null;
  if (c.unique === true) unique = `yes (${lam}${bound !== null ? ` ± ${bound.toExponential(1)}${unit}, certified ≠ 0` : ', ≠ 0 at the matrix’s scale'})`;
  else if (c.solver === 'ilut-gmres') {
    unique = 'not checked';
    notice = 'Uniqueness not checked: the exact factorisation does not fit the budget, so the ILUT + GMRES fallback ran (it cannot test λ₁ ≠ 0).';
  } else {
    unique = `not decided${lam ? ` (${lam})` : ''}`;
    const why = c.notes.find((n) => n.startsWith('uniqueness not decided'));
    notice = `Uniqueness not decided: ${why ? why.replace(/^uniqueness not decided: /, '') : 'the eigenvalue next to 0 could not be certified nonzero'}. The state shown solves ℒρ = 0 (its residual is in the table above), but another steady state is not excluded.`;
  }
  const rows = [
    { label: 'unique (no second λ = 0)', value: unique, testid: 'steady-unique' },
    { label: 'Tr ρ − 1; min ⟨n|ρ|n⟩', value: `${(c.trace - 1).toExponential(1)}; ${c.minDiagonal.toExponential(2)}${c.positiveDiagonal ? ' ≥ 0' : ' < 0: rejected'}`, testid: 'steady-checks' },
    { label: 'inner solves', value: c.solver === 'block-lu' ? 'exact block LU' : 'ILUT + GMRES (fallback)', testid: 'steady-solver' },
  ];
  return { rows, notice };
}
