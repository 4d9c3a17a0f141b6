/**
 * Finite-N sweeps (Comlink): steady-state observables and sector gaps over a row of parameter
 * points, reporting each point as it is done. The PI basis is cached for the worker's lifetime.
 */
import * as Comlink from 'comlink';
import { makeParams, type ParamSpec } from '../src/physics/model.ts';
import { finitePoints, type FinitePointResult, type FiniteQuantities } from '../src/physics/finiteSweep.ts';
import { SECTOR_LABELS, sectorDimensions } from '../src/physics/sectors.ts';
import { buildPiBasis, piDimension } from '../src/physics/piBasis.ts';
import { estimateBytes } from '../src/physics/memory.ts';
import { timeEvolve } from '../src/physics/timeEvolve.ts';
import { integrateMeanField, pureState, spinCoherentState } from '../src/physics/meanfield.ts';

/** The parameters a sweep shares; the rates vary from point to point. */
export interface FiniteSpec extends Omit<ParamSpec, 'gammaI' | 'gammaC'> {
  N: number;
}

/** A browser worker keeps well below the tab's memory limit. */
export const WORKER_BUDGET_BYTES = 1.5 * 1024 ** 3;

const api = {
  points(spec: FiniteSpec, points: Array<[number, number]>, q: FiniteQuantities, onPoint?: (i: number, r: FinitePointResult) => void): FinitePointResult[] {
    const base = makeParams({ ...spec, gammaI: points[0]?.[0] ?? 1, gammaC: points[0]?.[1] ?? 0 });
    return finitePoints(spec.N, base, points, q, { budgetBytes: WORKER_BUDGET_BYTES, onPoint });
  },
  /**
   * Exact X, Y, Z(t) for N particles from the spin-coherent state |θ, φ⟩^{⊗N}, and the mean field
   * (N → ∞, Eq. 9) from the same single-particle state, on the same time grid.
   */
  dynamics(spec: FiniteSpec, gammaI: number, gammaC: number, theta: number, phi: number, times: number[]) {
    const p = makeParams({ ...spec, gammaI, gammaC });
    const psi = spinCoherentState(p.d, theta, phi);
    const exact = timeEvolve(spec.N, p, psi.re, psi.im, times, { budgetBytes: WORKER_BUDGET_BYTES });
    const mf = integrateMeanField(p, pureState(p.d, psi.re, psi.im), times, { rtol: 1e-8, atol: 1e-10 });
    return { times, exact: { X: Array.from(exact.X), Y: Array.from(exact.Y), Z: Array.from(exact.Z) }, meanField: { X: Array.from(mf.X), Y: Array.from(mf.Y), Z: Array.from(mf.Z) } };
  },
  /** Sector dimensions and the memory estimate (GiB) of a steady state / spectrum for (N, d). */
  describe(N: number, d: number) {
    const total = piDimension(N, d);
    const est = { steady: estimateBytes(N, d, 'steady-state'), spectrum: estimateBytes(N, d, 'spectrum') };
    // only enumerate the basis when it is small enough to be instant
    const sectors = total <= 400_000 ? sectorDimensions(buildPiBasis(N, d)) : null;
    return { total, sectors, labels: SECTOR_LABELS, estimateBytes: est, budgetBytes: WORKER_BUDGET_BYTES };
  },
};

export type FiniteWorkerApi = typeof api;
Comlink.expose(api);
