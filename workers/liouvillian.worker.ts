/**
 * Exact finite-N engine in a worker (Comlink): one sector's spectrum, the steady state, sector
 * dimensions and exact time evolution, with progress (stage 'build' | 'factorise' | 'iterate',
 * fraction). Cancellation is by terminating the worker (src/compute/liouvillianClient.ts).
 * The PI basis of the last (N, d) is cached for the worker's lifetime.
 */
import * as Comlink from 'comlink';
import { makeParams, type ParamSpec, type ModelParams } from '../src/physics/model.ts';
import { buildPiBasis, type PiBasis } from '../src/physics/piBasis.ts';
import { buildSectorLiouvillian } from '../src/physics/liouvillian.ts';
import { checkBudget } from '../src/physics/memory.ts';
import { parseSector, sectorDimensions, type SectorLabel } from '../src/physics/sectors.ts';
import { type Stage, steadySector, steadyStateOfSector } from '../src/physics/steadyState.ts';
import { defaultSigma, sectorSpectrum } from '../src/physics/spectrum.ts';
import { timeEvolve } from '../src/physics/timeEvolve.ts';
import { spinCoherentState } from '../src/physics/meanfield.ts';

export interface EngineRequest extends ParamSpec {
  N: number;
  /** Memory budget in bytes (default 1.5 GiB in a worker). */
  budgetBytes?: number;
}

export type ProgressCallback = (stage: Stage, fraction: number) => void;

export interface SpectrumReply {
  sector: string;
  dim: number;
  method: 'dense' | 'shift-invert-arnoldi';
  sigma: number;
  re: Float64Array;
  im: Float64Array;
  residual: Float64Array;
  /** 1 where converged (residual small and Re λ ≤ 0). */
  converged: Uint8Array;
}

export interface SteadyStateReply {
  X: number; Y: number; Z: number; jz2: number; purity: number; scaledPurity: number;
  residual: number; method: string; iterations: number; dim: number;
  /** Coordinates in the (+1,+1) Hermitian PI basis; pass back as x0 to warm-start a neighbour. */
  x: Float64Array;
}

export const WORKER_BUDGET_BYTES = 1.5 * 1024 ** 3;

let cached: PiBasis | null = null;
function basis(N: number, d: number): PiBasis {
  if (!cached || cached.N !== N || cached.d !== d) {
    cached = null; // release before allocating the next one
    cached = buildPiBasis(N, d);
  }
  return cached;
}

function params(r: EngineRequest): ModelParams {
  return makeParams({ d: r.d, dissipator: r.dissipator, ellRe: r.ellRe, ellIm: r.ellIm, gammaI: r.gammaI, gammaC: r.gammaC, V: r.V });
}

const api = {
  sectorDimensions(N: number, d: number): { total: number; sectors: Record<SectorLabel, number> } {
    checkBudget(N, d, 'sectors', undefined, { budgetBytes: WORKER_BUDGET_BYTES });
    const b = basis(N, d);
    return { total: b.dim, sectors: sectorDimensions(b) };
  },

  spectrum(req: EngineRequest & { sector: string; k: number; sigma?: number }, onProgress?: ProgressCallback): SpectrumReply {
    const p = params(req);
    const spec = parseSector(req.sector);
    checkBudget(req.N, req.d, 'spectrum', spec, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES });
    const b = basis(req.N, req.d);
    onProgress?.('build', 0);
    const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => onProgress?.('build', f) });
    const s = sectorSpectrum(L.matrix, { k: req.k, sigma: req.sigma ?? defaultSigma(p), onProgress });
    const e = s.eigenvalues;
    const reply: SpectrumReply = {
      sector: req.sector, dim: s.dim, method: s.method, sigma: s.sigma,
      re: Float64Array.from(e, (x) => x.re), im: Float64Array.from(e, (x) => x.im),
      residual: Float64Array.from(e, (x) => x.residual), converged: Uint8Array.from(e, (x) => (x.converged ? 1 : 0)),
    };
    return Comlink.transfer(reply, [reply.re.buffer, reply.im.buffer, reply.residual.buffer, reply.converged.buffer]);
  },

  steadyState(req: EngineRequest & { x0?: Float64Array }, onProgress?: ProgressCallback): SteadyStateReply {
    const p = params(req);
    if (!(p.gammaI > 0)) throw new RangeError('the finite-N steady state is unique only for gammaI > 0 (Section V)');
    const spec = steadySector(p);
    checkBudget(req.N, req.d, 'steady-state', spec, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES });
    const b = basis(req.N, req.d);
    onProgress?.('build', 0);
    const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => onProgress?.('build', f) });
    const { weights: _w, ...r } = steadyStateOfSector(b, L, { x0: req.x0, onProgress });
    const reply: SteadyStateReply = {
      X: r.X, Y: r.Y, Z: r.Z, jz2: r.jz2, purity: r.purity, scaledPurity: r.scaledPurity,
      residual: r.residual, method: r.method, iterations: r.iterations, dim: r.dim, x: r.x,
    };
    return Comlink.transfer(reply, [reply.x.buffer]);
  },

  timeEvolve(req: EngineRequest & { theta: number; phi: number; times: number[] }, onProgress?: ProgressCallback) {
    const p = params(req);
    const psi = spinCoherentState(p.d, req.theta, req.phi);
    const r = timeEvolve(req.N, p, psi.re, psi.im, req.times, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES, onProgress });
    const reply = { times: Float64Array.from(r.times), X: Float64Array.from(r.X), Y: Float64Array.from(r.Y), Z: Float64Array.from(r.Z) };
    return Comlink.transfer(reply, [reply.times.buffer, reply.X.buffer, reply.Y.buffer, reply.Z.buffer]);
  },
};

export type LiouvillianWorkerApi = typeof api;
Comlink.expose(api);
