/**
 * Evaluating one chain of sweep points (runs inside a worker thread): the exact engine's
 * `finitePoints` over the chain (warm-starting each steady-state solve from the previous point
 * of the chain), then the row of each point with every quantity and its certification.
 *
 * Quantities are a registry (QUANTITY_DEFS): what each needs from the engine and how it fills
 * its columns (sweepColumns in src/contracts/sweepFile.ts). A quantity whose engine module is
 * missing is refused before any work starts (loadNegativity).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError } from '../args.ts';
import { type SweepHeader, type SweepQuantity, type SweepRow, GAP_KEYS, gridPoint } from '../../src/contracts/sweepFile.ts';
import { SECTOR_LABELS, type EigenvalueResult, type FinitePointResult } from '../../src/contracts/exact.ts';
import { finitePoints } from '../../src/physics/exact/sweep.ts';
import { type ModelParams, makeParams } from '../../src/physics/model/model.ts';

/** Steady-state residual ‖ℒρ‖/‖ρ‖ (relative to max(1, γ_I + γ_C + |V|)) below which it counts as converged. */
export const STEADY_RESIDUAL_TOL = 1e-8;

/** What the negativity routine returns that a sweep uses. */
export interface NegativityOutcome {
  negativity: number;
  /** Bound or estimate of the error of `negativity` (rounding in the block eigenvalues). */
  errorBound: number | null;
  /** ‖ℒρ‖/‖ρ‖ of the steady state it was computed from. */
  residual: number;
  /** Tr ρ^{T_B}, 1 for a normalised state. */
  traceCheck: number;
}
export type NegativityFn = (N: number, p: ModelParams) => NegativityOutcome;

interface PointResults {
  p: ModelParams;
  point: FinitePointResult;
  negativity?: NegativityOutcome | { error: string };
}

interface QuantityDef {
  needs: { steady?: boolean; gaps?: boolean; negativity?: boolean };
  fill(row: SweepRow, r: PointResults): void;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function steadyDef(q: 'X' | 'Y' | 'Z' | 'purity' | 'scaledPurity'): QuantityDef {
  return {
    needs: { steady: true },
    fill(row, { p, point }) {
      // Future engines may certify the steady state themselves (issue 13): use their verdict.
      const ext = point as FinitePointResult & { steadyErrorBound?: number; steadyConverged?: boolean };
      const scale = Math.max(1, p.gammaI + p.gammaC + Math.abs(p.V));
      const ok = point.error === '' && (ext.steadyConverged ?? (finite(point.residual) !== null && point.residual <= STEADY_RESIDUAL_TOL * scale));
      const value = finite(point[q]);
      row[q] = ok ? value : null;
      row[`${q}_residual`] = finite(point.residual);
      row[`${q}_errorBound`] = finite(ext.steadyErrorBound);
      row[`${q}_converged`] = ok && value !== null;
    },
  };
}

export const QUANTITY_DEFS: Record<SweepQuantity, QuantityDef> = {
  gaps: {
    needs: { gaps: true },
    fill(row, { point }) {
      SECTOR_LABELS.forEach((label, si) => {
        const key = `gap_${GAP_KEYS[label]}`;
        const e: EigenvalueResult | undefined = point.spectra?.[label]?.[label === '+1,+1' ? 1 : 0];
        // The engine sets the gap to NaN when it does not trust it; the eigenvalue keeps its
        // residual. `certified` (issue 13) is false when the bound is large or a mode may be missed.
        const gap = point.error === '' && e?.converged && e.certified !== false ? finite(point.gaps[si]) : null;
        row[key] = gap;
        row[`${key}_residual`] = finite(e?.residual);
        row[`${key}_errorBound`] = finite(e?.errorBound);
        row[`${key}_converged`] = gap !== null;
      });
    },
  },
  X: steadyDef('X'),
  Y: steadyDef('Y'),
  Z: steadyDef('Z'),
  purity: steadyDef('purity'),
  scaledPurity: steadyDef('scaledPurity'),
  negativity: {
    needs: { negativity: true },
    fill(row, { p, negativity: n }) {
      const ok = n && !('error' in n);
      const scale = Math.max(1, p.gammaI + p.gammaC + Math.abs(p.V));
      const conv = !!ok && Number.isFinite(n.negativity) && n.residual <= STEADY_RESIDUAL_TOL * scale && Math.abs(n.traceCheck - 1) <= 1e-8;
      row.negativity = conv && ok ? n.negativity : null;
      row.negativity_residual = ok ? finite(n.residual) : null;
      row.negativity_errorBound = ok ? finite(n.errorBound) : null;
      row.negativity_converged = conv;
    },
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const NEGATIVITY_MODULE = join(here, '..', '..', 'src', 'physics', 'exact', 'negativity.ts');

/**
 * The steady-state negativity routine (src/physics/exact/negativity.ts, issue 9), loaded at run
 * time so that a checkout without it still builds. Throws CliError when it is not there.
 */
export async function loadNegativity(): Promise<NegativityFn> {
  const unavailable = (why: string) => new CliError(`quantity "negativity" is not available: ${why}; use gaps,X,Y,Z,purity,scaledPurity`);
  if (!existsSync(NEGATIVITY_MODULE)) throw unavailable('src/physics/exact/negativity.ts (issue 9) is not in this checkout');
  const mod = (await import(pathToFileURL(NEGATIVITY_MODULE).href)) as Record<string, unknown>;
  const fn = mod.steadyStateNegativity;
  if (typeof fn !== 'function') throw unavailable('negativity.ts does not export steadyStateNegativity(N, p)');
  return (N, p) => {
    const r = fn(N, p) as { negativity: number; errorEstimate?: number; errorBound?: number; traceCheck?: number; steadyState?: { residual?: number } };
    return {
      negativity: r.negativity,
      errorBound: finite(r.errorBound ?? r.errorEstimate),
      residual: r.steadyState?.residual ?? NaN,
      traceCheck: r.traceCheck ?? NaN,
    };
  };
}

/** The fixed model of a sweep header as engine parameters (rates set per point). */
export function baseParams(h: SweepHeader): ModelParams {
  const g = gridPoint(h, 0);
  return makeParams({ d: h.model.d, dissipator: h.model.dissipator, ellRe: h.model.ellRe, ellIm: h.model.ellIm, V: h.model.V, gammaI: g.gammaI, gammaC: g.gammaC });
}

/** Engine options for a header's budget. */
export function budgetOf(h: SweepHeader): { budgetBytes?: number; maxFactorFlops?: number } {
  return {
    ...(h.budgetGiB === null ? {} : { budgetBytes: h.budgetGiB * 1024 ** 3 }),
    ...(h.maxFactorGFlop === undefined ? {} : { maxFactorFlops: h.maxFactorGFlop * 1e9 }),
  };
}

/**
 * A function evaluating one chain (point indices in order) and calling `emit` with each row as
 * soon as it is done. Never throws for a failing point: the row then carries the message in
 * `error` and every quantity unconverged.
 */
export async function makeChainEvaluator(h: SweepHeader): Promise<(chain: number[], emit: (row: SweepRow) => void) => void> {
  const needs = { steady: false, gaps: false, negativity: false };
  for (const q of h.quantities) {
    const n = QUANTITY_DEFS[q].needs;
    needs.steady ||= !!n.steady;
    needs.gaps ||= !!n.gaps;
    needs.negativity ||= !!n.negativity;
  }
  const negativity = needs.negativity ? await loadNegativity() : null;
  const base = baseParams(h);
  const N = h.model.N;
  const budget = budgetOf(h);
  return (chain, emit) => {
    const pts = chain.map((i) => { const g = gridPoint(h, i); return [g.gammaI, g.gammaC] as [number, number]; });
    const finish = (k: number, point: FinitePointResult) => {
      const p: ModelParams = { ...base, gammaI: pts[k][0], gammaC: pts[k][1] };
      const res: PointResults = { p, point };
      if (negativity) {
        try {
          res.negativity = negativity(N, p);
        } catch (e) {
          res.negativity = { error: e instanceof Error ? e.message : String(e) };
        }
      }
      const row: SweepRow = { index: chain[k], gammaI: pts[k][0], gammaC: pts[k][1] };
      for (const q of h.quantities) QUANTITY_DEFS[q].fill(row, res);
      const errors = [point.error, res.negativity && 'error' in res.negativity ? `negativity: ${res.negativity.error}` : ''].filter(Boolean);
      row.error = errors.join('; ');
      emit(row);
    };
    const failed = (msg: string): FinitePointResult => ({
      gammaI: NaN, gammaC: NaN, X: NaN, Y: NaN, Z: NaN, jz2: NaN, purity: NaN, scaledPurity: NaN, residual: NaN,
      gaps: [NaN, NaN, NaN, NaN], dims: {}, error: msg,
    });
    let done = 0;
    try {
      if (needs.steady || needs.gaps) {
        finitePoints(N, base, pts, { steady: needs.steady, gaps: needs.gaps, k: needs.gaps ? 2 : undefined }, {
          ...budget,
          onPoint: (k, r) => { finish(k, r); done = k + 1; },
        });
      } else {
        for (let k = 0; k < pts.length; k++) { finish(k, failed('')); done = k + 1; }
      }
    } catch (e) {
      // A failure of the whole chain (e.g. the memory guard): the remaining points carry it.
      const msg = e instanceof Error ? e.message : String(e);
      for (let k = done; k < pts.length; k++) finish(k, failed(msg));
    }
  };
}
