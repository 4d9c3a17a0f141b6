/**
 * The exact permutation-invariant engine in a worker (Comlink), one entry point for one request
 * type (src/contracts/exact.ts): sizes, one sector's spectrum, the steady state, rows of
 * parameter points (maps, curves) and exact dynamics. Progress goes to one event callback.
 * Cancellation is by terminating the worker (src/compute). The PI basis of the last (N, d) is
 * cached for the worker's lifetime.
 */
import * as Comlink from 'comlink';
import { makeParams, type ModelParams } from '../src/physics/model/model.ts';
import { buildPiBasis, piDimension, type PiBasis } from '../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../src/physics/exact/liouvillian.ts';
import { checkBudget, checkCertifiedGaps, estimateBytes, estimateFallbackBytes } from '../src/physics/exact/memory.ts';
import { parseSector, sectorDimensions } from '../src/physics/exact/sectors.ts';
import { steadySector, steadyStateOfSector } from '../src/physics/exact/steadyState.ts';
import { defaultSigma, sectorLiouvillianSpectrum } from '../src/physics/exact/spectrum.ts';
import { finitePoints } from '../src/physics/exact/sweep.ts';
import { timeEvolve } from '../src/physics/exact/timeEvolve.ts';
import { integrateMeanField, pureState, spinCoherentState } from '../src/physics/meanfield/meanfield.ts';
import {
  SECTOR_LABELS, WORKER_BUDGET_BYTES, type DynamicsReply, type EngineRequest, type ExactEvent, type ExactReply,
  type ExactRequest, type FinitePointResult, type SizeReply, type SpectrumReply, type SteadyStateReply,
} from '../src/contracts/exact.ts';
import { interruptOnFlag } from '../src/linalg/interrupt.ts';

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

type Emit = (e: ExactEvent) => void;

function sizes(N: number, d: number): SizeReply {
  const total = piDimension(N, d);
  const est = { steady: estimateBytes(N, d, 'steady-state'), steadyFallback: estimateFallbackBytes(N, d, 'steady-state'), spectrum: estimateBytes(N, d, 'spectrum'), spectrumFallback: estimateFallbackBytes(N, d, 'spectrum') };
  // only enumerate the basis when it is small enough to be instant
  const sectors = total <= 400_000 ? sectorDimensions(basis(N, d)) : null;
  let gapsRefusal: string | null = null;
  try { checkCertifiedGaps(N, d, { budgetBytes: WORKER_BUDGET_BYTES }); } catch (e) { gapsRefusal = e instanceof Error ? e.message : String(e); }
  return { total, sectors, labels: SECTOR_LABELS, estimateBytes: est, budgetBytes: WORKER_BUDGET_BYTES, gapsRefusal };
}

function spectrum(req: Extract<ExactRequest, { kind: 'spectrum' }>, emit: Emit): SpectrumReply {
  const p = params(req);
  const spec = parseSector(req.sector);
  checkBudget(req.N, req.d, 'spectrum', spec, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES });
  const b = basis(req.N, req.d);
  emit({ stage: 'build', fraction: 0 });
  const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => emit({ stage: 'build', fraction: f }) });
  if (L.matrix.rows === 0) {
    // e.g. (+1,−1) for a single qubit (N = 1, d = 2): no eigenvalues, so no gap (the UI says why)
    const none = new Float64Array(0);
    return { sector: req.sector, dim: 0, method: 'empty sector', sigma: 0, re: none, im: none, residual: none, errorBound: none, converged: new Uint8Array(0) };
  }
  const s = sectorLiouvillianSpectrum(b, L, { k: req.k, sigma: req.sigma ?? defaultSigma(p), onProgress: (stage, fraction) => emit({ stage, fraction }) });
  const e = s.eigenvalues as Array<{ re: number; im: number; residual: number; converged: boolean; errorBound?: number | null; certified?: boolean }>;
  const reply: SpectrumReply = {
    sector: req.sector, dim: s.dim, method: s.method, sigma: s.sigma,
    re: Float64Array.from(e, (x) => x.re), im: Float64Array.from(e, (x) => x.im),
    residual: Float64Array.from(e, (x) => x.residual), errorBound: Float64Array.from(e, (x) => x.errorBound ?? NaN),
    converged: Uint8Array.from(e, (x) => (x.converged ? 1 : 0)), notes: s.notes,
    ...(e.some((x) => x.certified !== undefined) ? { certified: Uint8Array.from(e, (x) => (x.certified ? 1 : 0)) } : {}),
  };
  return Comlink.transfer(reply, [reply.re.buffer, reply.im.buffer, reply.residual.buffer, reply.errorBound.buffer, reply.converged.buffer, ...(reply.certified ? [reply.certified.buffer] : [])]);
}

function steadyState(req: Extract<ExactRequest, { kind: 'steadyState' }>, emit: Emit): SteadyStateReply {
  const p = params(req);
  if (!(p.gammaI > 0)) throw new RangeError('the finite-N steady state is unique only for gammaI > 0 (Section V)');
  const spec = steadySector(p);
  checkBudget(req.N, req.d, 'steady-state', spec, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES });
  const b = basis(req.N, req.d);
  emit({ stage: 'build', fraction: 0 });
  const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => emit({ stage: 'build', fraction: f }) });
  const { weights: _w, ...r } = steadyStateOfSector(b, L, { x0: req.x0, onProgress: (stage, fraction) => emit({ stage, fraction }) });
  const reply: SteadyStateReply = {
    X: r.X, Y: r.Y, Z: r.Z, jz2: r.jz2, purity: r.purity, scaledPurity: r.scaledPurity,
    residual: r.residual, method: r.method, iterations: r.iterations, dim: r.dim, x: r.x, checks: r.checks,
  };
  return Comlink.transfer(reply, [reply.x.buffer]);
}

function points(req: Extract<ExactRequest, { kind: 'points' }>, emit: Emit): FinitePointResult[] {
  const { spec, points: pts, quantities } = req;
  const base = makeParams({ ...spec, gammaI: pts[0]?.[0] ?? 1, gammaC: pts[0]?.[1] ?? 0 });
  if (quantities.gaps && spec.N < 4 && piDimension(spec.N, spec.d) <= 400_000) {
    const dims = sectorDimensions(basis(spec.N, spec.d));
    const empty = SECTOR_LABELS.filter((l) => dims[l] === 0);
    if (empty.length) throw new RangeError(`N=${spec.N}, d=${spec.d}: the sector (${empty.join('), (')}) is empty, so its gap Δ is undefined; gaps need N ≥ 2 here`);
  }
  return finitePoints(spec.N, base, pts, quantities, { budgetBytes: WORKER_BUDGET_BYTES, onPoint: (point, result) => emit({ point, result }) });
}

function dynamics(req: Extract<ExactRequest, { kind: 'dynamics' }>, emit: Emit): DynamicsReply {
  const p = params(req);
  const psi = spinCoherentState(p.d, req.theta, req.phi);
  const exact = timeEvolve(req.N, p, psi.re, psi.im, req.times, { budgetBytes: req.budgetBytes ?? WORKER_BUDGET_BYTES, onProgress: (stage, fraction) => emit({ stage, fraction }) });
  const mf = integrateMeanField(p, pureState(p.d, psi.re, psi.im), req.times, { rtol: 1e-8, atol: 1e-10 });
  return { times: req.times, exact: { X: Array.from(exact.X), Y: Array.from(exact.Y), Z: Array.from(exact.Z) }, meanField: { X: Array.from(mf.X), Y: Array.from(mf.Y), Z: Array.from(mf.Z) } };
}

const api = {
  /** Installs the page's interrupt flag (src/compute/interruptFlag.ts): long loops stop once it is set. */
  interruptOn(flag: Int32Array): void {
    interruptOnFlag(flag);
  },
  /** Runs one request; `onEvent` (a Comlink proxy) receives stage progress and finished points. */
  run<R extends ExactRequest>(req: R, onEvent?: Emit): ExactReply<R> {
    const emit: Emit = onEvent ?? (() => {});
    switch (req.kind) {
      case 'sizes': return sizes(req.N, req.d) as ExactReply<R>;
      case 'spectrum': return spectrum(req as Extract<ExactRequest, { kind: 'spectrum' }>, emit) as ExactReply<R>;
      case 'steadyState': return steadyState(req as Extract<ExactRequest, { kind: 'steadyState' }>, emit) as ExactReply<R>;
      case 'points': return points(req as Extract<ExactRequest, { kind: 'points' }>, emit) as ExactReply<R>;
      case 'dynamics': return dynamics(req as Extract<ExactRequest, { kind: 'dynamics' }>, emit) as ExactReply<R>;
      default: throw new RangeError(`unknown request kind ${(req as { kind: string }).kind}`);
    }
  },
};

export type ExactWorkerApi = typeof api;
Comlink.expose(api);
