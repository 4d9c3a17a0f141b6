/**
 * Comlink entry point for the mean-field phase diagram (issue 4): fixed points, continuation,
 * Fig. 4 data, the (γ_I, γ_C) bistability diagram, critical exponents and the γ_I = 0 / large-spin
 * overlays. Thin: unpack plain parameters, call src/physics, transfer the typed arrays back.
 *
 * Parameters are plain objects `ParamSpec` ({d, dissipator: 'spin'|'flat'|'custom', ellRe?, ellIm?,
 * gammaI, gammaC, V}); errors (bad d, negative rates, …) are thrown as RangeError and arrive at
 * the caller as rejected promises. `onProgress` may be a Comlink.proxy(callback).
 *
 * Cancellation: the long calls take an optional `cancel` Int32Array (on a SharedArrayBuffer, so
 * it needs a cross-origin-isolated page); setting cancel[0] = 1 stops the continuation between
 * steps — the affected branches come back with converged = false, endReason 'cancelled'.
 * Without SharedArrayBuffer, terminate the worker instead.
 */
import * as Comlink from 'comlink';
import { makeParams, type ParamSpec } from '../src/physics/model/model.ts';
import { findFixedPoints, type FindFixedPointsOptions } from '../src/physics/meanfield/fixedPoints.ts';
import { continueBranch, type ContinuationOptions } from '../src/physics/meanfield/continuation.ts';
import {
  brokenBranch, fig4Data, phaseDiagram, type BrokenBranchOptions, type Fig4Options, type PhaseDiagramOptions,
} from '../src/physics/meanfield/bifurcation.ts';
import { fitExponents, type ExponentOptions } from '../src/physics/meanfield/exponents.ts';
import { largeSpinOverlay, type LargeSpinOverlayOptions } from '../src/physics/meanfield/largeSpin.ts';
import { qubitOrbitFamily, type OrbitFamilyOptions } from '../src/physics/meanfield/qubitOrbits.ts';
import { interruptOnFlag } from '../src/linalg/interrupt.ts';

export type { ParamSpec };

type Progress = (done: number, total: number) => void;

function continueWhile(cancel?: Int32Array): (() => boolean) | undefined {
  return cancel ? () => Atomics.load(cancel, 0) === 0 : undefined;
}

/** Every ArrayBuffer reachable from a result (typed arrays), for a zero-copy transfer. */
function buffers(x: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(x)) {
    if (x.buffer instanceof ArrayBuffer) out.add(x.buffer);
  } else if (Array.isArray(x)) {
    for (const v of x) buffers(v, out);
  } else if (x && typeof x === 'object') {
    for (const v of Object.values(x)) buffers(v, out);
  }
  return [...out];
}

function send<T>(x: T): T {
  return Comlink.transfer(x, buffers(x));
}

/**
 * The start state of every Fig. 4 curve last computed in this worker, keyed by sign(V), d and
 * dissipator: the warm start for the next request (a γ_C drag moves the start only slightly).
 */
const fig4Starts = new Map<string, Float64Array>();

function fig4WithWarmStart(opts: Omit<Fig4Options, 'shouldContinue' | 'onProgress'>, onProgress?: Progress, cancel?: Int32Array) {
  const sign = Math.sign(opts.V);
  const guesses: Record<string, Float64Array> = {};
  for (const d of opts.ds) for (const dis of opts.dissipators) {
    const g = fig4Starts.get(`${sign}:${d}/${dis}`);
    if (g) guesses[`${d}/${dis}`] = g;
  }
  const r = fig4Data({ ...opts, guesses, onProgress, shouldContinue: continueWhile(cancel) });
  // copies: the result's buffers are transferred to the page
  for (const c of r.curves) if (c.start.length) fig4Starts.set(`${sign}:${c.d}/${c.dissipator}`, Float64Array.from(c.start));
  return r;
}

const api = {
  /** Installs the page's interrupt flag (src/compute/interruptFlag.ts): long loops stop once it is set. */
  interruptOn(flag: Int32Array): void {
    interruptOnFlag(flag);
  },
  findFixedPoints(spec: ParamSpec, opts: Omit<FindFixedPointsOptions, 'shouldContinue'> = {}, cancel?: Int32Array) {
    return send(findFixedPoints(makeParams(spec), { ...opts, shouldContinue: continueWhile(cancel) }));
  },
  /** Continues the fixed point nearest to `state` (full real parametrisation of ϱ) at `spec`. */
  continueBranch(spec: ParamSpec, state: Float64Array, opts: Omit<ContinuationOptions, 'shouldContinue'>, cancel?: Int32Array) {
    return send(continueBranch(makeParams(spec), state, { ...opts, shouldContinue: continueWhile(cancel) }));
  },
  brokenBranch(spec: ParamSpec, opts: Omit<BrokenBranchOptions, 'shouldContinue'>, cancel?: Int32Array) {
    return send(brokenBranch(makeParams(spec), { ...opts, shouldContinue: continueWhile(cancel) }));
  },
  fig4Data(opts: Omit<Fig4Options, 'shouldContinue' | 'onProgress'>, onProgress?: Progress, cancel?: Int32Array) {
    return send(fig4WithWarmStart(opts, onProgress, cancel));
  },
  phaseDiagram(opts: Omit<PhaseDiagramOptions, 'shouldContinue' | 'onProgress'>, onProgress?: Progress, cancel?: Int32Array) {
    return send(phaseDiagram({ ...opts, onProgress, shouldContinue: continueWhile(cancel) }));
  },
  fitExponents(opts: ExponentOptions) {
    return send(fitExponents(opts));
  },
  largeSpinOverlay(opts: LargeSpinOverlayOptions) {
    return send(largeSpinOverlay(opts));
  },
  qubitOrbitFamily(opts: OrbitFamilyOptions) {
    return send(qubitOrbitFamily(opts));
  },
};

export type BifurcationWorkerApi = typeof api;

Comlink.expose(api);
