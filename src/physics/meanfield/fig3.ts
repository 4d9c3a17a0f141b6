/**
 * Data of the Fig. 3 view: mean-field trajectories X(t), Y(t), Z(t) (Eq. 9) from random
 * initial states of maximal spin length (spin-coherent product states), for any d and ℓ.
 * The initial directions depend only on the seed, so they are shared by every d and parameter
 * value (as in the paper, "the same in all plots") and by a shared link.
 */
import { integrateMeanField, pureState, spinCoherentState, CancelledError } from './meanfield.ts';
import type { ModelParams } from '../model/model.ts';
import { randomDirections } from '../model/random.ts';
import { MAX_SAMPLES, MAX_TRAJECTORIES, type Fig3Request, type Fig3Result } from '../../contracts/meanfield.ts';

/** What fig3Data computes from: the contract's request with the parameters already built. */
export type Fig3Input = Omit<Fig3Request, 'spec'> & { params: ModelParams };

export type { Fig3Request, Fig3Result };
export { MAX_TRAJECTORIES, MAX_SAMPLES };

/** Unit of time used for the axis: 1/|V|, or 1/(γ_I+γ_C) when V = 0, or 1. */
export function timeUnit(p: { V: number; gammaI: number; gammaC: number }): number {
  if (p.V !== 0) return 1 / Math.abs(p.V);
  const g = p.gammaI + p.gammaC;
  return g > 0 ? 1 / g : 1;
}

export function fig3Data(req: Fig3Input, onProgress?: (fraction: number) => void, isCancelled?: () => boolean): Fig3Result {
  const { params: p, count, samples } = req;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRAJECTORIES) {
    throw new RangeError(`number of trajectories must be an integer from 1 to ${MAX_TRAJECTORIES} (got ${count})`);
  }
  if (!Number.isInteger(samples) || samples < 2 || samples > MAX_SAMPLES) {
    throw new RangeError(`samples must be an integer from 2 to ${MAX_SAMPLES} (got ${samples})`);
  }
  if (!(req.tEndScaled > 0) || !Number.isFinite(req.tEndScaled) || req.tEndScaled > 1e5) {
    throw new RangeError(`final time must be in (0, 1e5] (got ${req.tEndScaled})`);
  }
  const tEnd = req.tEndScaled * timeUnit(p);
  const times = new Float64Array(samples);
  for (let k = 0; k < samples; k++) times[k] = (tEnd * k) / (samples - 1);
  const dirs = randomDirections(req.seed, count);
  const X = new Float64Array(count * samples), Y = new Float64Array(count * samples), Z = new Float64Array(count * samples);
  let traceError = 0, minEig = Infinity, steps = 0;
  for (let i = 0; i < count; i++) {
    if (isCancelled?.()) throw new CancelledError();
    const c = spinCoherentState(p.d, dirs.theta[i], dirs.phi[i]);
    const tr = integrateMeanField(p, pureState(p.d, c.re, c.im), times, {
      rtol: req.rtol ?? 1e-7,
      atol: (req.rtol ?? 1e-7) * 1e-2,
      shouldContinue: isCancelled ? () => !isCancelled() : undefined,
    }, 8);
    X.set(tr.X, i * samples);
    Y.set(tr.Y, i * samples);
    Z.set(tr.Z, i * samples);
    traceError = Math.max(traceError, tr.traceError);
    minEig = Math.min(minEig, tr.minEigenvalue);
    steps += tr.steps;
    onProgress?.((i + 1) / count);
  }
  return { times, X, Y, Z, count, samples, traceError, minEigenvalue: minEig, steps, tEndScaled: req.tEndScaled };
}
