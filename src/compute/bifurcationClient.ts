/**
 * Client side of the bifurcation worker (issue 4): Fig. 4 branches, the (γ_I, γ_C) phase diagram,
 * the fixed points at the current parameters and the critical exponents, each in its own
 * latest-wins slot (so a slow phase diagram never delays the fixed-point table), cached by request.
 */
import * as Comlink from 'comlink';
import type { BifurcationWorkerApi, ParamSpec } from '../../workers/bifurcation.worker.ts';
import type { Fig4Options } from '../physics/meanfield/bifurcation.ts';
import type { PhaseDiagramOptions } from '../physics/meanfield/bifurcation.ts';
import type { ExponentOptions } from '../physics/meanfield/exponents.ts';
import { cacheKey, createCache } from './cache.ts';
import { createJobSlot, startWorker, SUPERSEDED, type Superseded } from './latestJob.ts';

const makeWorker = () => new Worker(new URL('../../workers/bifurcation.worker.ts', import.meta.url), { type: 'module' });

type Api = BifurcationWorkerApi;
type Fig4Result = Awaited<ReturnType<Api['fig4Data']>>;
type PhaseResult = Awaited<ReturnType<Api['phaseDiagram']>>;
type FixedResult = Awaited<ReturnType<Api['findFixedPoints']>>;
type ExponentResult = Awaited<ReturnType<Api['fitExponents']>>;
type LargeSpinResult = Awaited<ReturnType<Api['largeSpinOverlay']>>;
type OrbitResult = Awaited<ReturnType<Api['qubitOrbitFamily']>>;
export type { Fig4Result, PhaseResult, FixedResult, ExponentResult, LargeSpinResult, OrbitResult };

function cachedSlot<Req, Res>(call: (api: Comlink.Remote<Api>, req: Req, onProgress?: (done: number, total: number) => void) => Promise<Res>, capacity = 16) {
  const slot = createJobSlot<Api>(makeWorker, 150);
  const cache = createCache<Res>(capacity);
  return {
    async request(kind: string, req: Req, onProgress?: (fraction: number) => void): Promise<Res | Superseded> {
      const key = cacheKey(kind, req);
      const hit = cache.get(key);
      if (hit) {
        slot.cancel();
        return hit;
      }
      const prog = onProgress ? Comlink.proxy((done: number, total: number) => onProgress(done / Math.max(1, total))) : undefined;
      const r = await slot.run((api) => call(api, req, prog));
      if (r !== SUPERSEDED) cache.set(key, r as Res);
      return r as Res | Superseded;
    },
    /** The cached result of a request, if any (no work started). */
    peek: (kind: string, req: Req): Res | undefined => cache.get(cacheKey(kind, req)),
    cancel: () => slot.cancel(),
  };
}

/**
 * Previews while a slider is dragged: short jobs on their own worker that are never killed
 * mid-run. A new request replaces the queued one (which resolves SUPERSEDED) and waits for the
 * running one; the running one's result is still delivered, though its parameters may by then
 * be a step behind — the caller labels what it draws with the request it belongs to. So a
 * continuous drag shows a fresh picture every job length instead of none until the drag ends.
 */
function previewQueue<Req, Res>(call: (api: Comlink.Remote<Api>, req: Req) => Promise<Res>, capacity = 32) {
  let worker: Worker | null = null;
  let api: Comlink.Remote<Api> | null = null;
  let stop: (() => void) | null = null;
  let running: { settle: (v: Superseded) => void } | null = null;
  let next: { req: Req; key: string; resolve: (r: Res | Superseded) => void; reject: (e: unknown) => void } | null = null;
  const cache = createCache<Res>(capacity);
  const pump = () => {
    if (running || !next) return;
    const job = next;
    next = null;
    if (!worker) {
      ({ worker, api, stop } = startWorker<Api>(makeWorker));
    }
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      running = null;
      fn();
      pump();
    };
    running = { settle: (v) => finish(() => job.resolve(v)) };
    call(api!, job.req).then(
      (r) => finish(() => {
        cache.set(job.key, r);
        job.resolve(r);
      }),
      (e) => finish(() => job.reject(e)),
    );
  };
  return {
    request(kind: string, req: Req): Promise<Res | Superseded> {
      const key = cacheKey(kind, req);
      const hit = cache.get(key);
      if (hit) return Promise.resolve(hit);
      return new Promise<Res | Superseded>((resolve, reject) => {
        next?.resolve(SUPERSEDED);
        next = { req, key, resolve, reject };
        pump();
      });
    },
    cancel(): void {
      next?.resolve(SUPERSEDED);
      next = null;
      if (running) {
        stop?.();
        stop = null;
        worker = null;
        api = null;
        running.settle(SUPERSEDED);
      }
    },
  };
}

const fig4 = cachedSlot<Omit<Fig4Options, 'shouldContinue' | 'onProgress'>, Fig4Result>((api, req, p) => api.fig4Data(req, p), 8);
const phase = cachedSlot<Omit<PhaseDiagramOptions, 'shouldContinue' | 'onProgress'>, PhaseResult>((api, req, p) => api.phaseDiagram(req, p), 8);
const fixed = cachedSlot<ParamSpec, FixedResult>((api, req) => api.findFixedPoints(req), 32);
const exps = cachedSlot<ExponentOptions, ExponentResult>((api, req) => api.fitExponents(req), 16);
const large = cachedSlot<{ V: number; gammaC: number; gammaIRange: [number, number]; points: number }, LargeSpinResult>((api, req) => api.largeSpinOverlay(req), 8);

const orbits = cachedSlot<{ V: number; gammaCRange: [number, number]; points: number }, OrbitResult>((api, req) => api.qubitOrbitFamily(req), 4);
export const requestOrbits = (req: { V: number; gammaCRange: [number, number]; points: number }) => orbits.request('orbits', req);
export const requestFig4 = (req: Omit<Fig4Options, 'shouldContinue' | 'onProgress'>, onProgress?: (f: number) => void) => fig4.request('fig4', req, onProgress);
export const requestPhaseDiagram = (req: Omit<PhaseDiagramOptions, 'shouldContinue' | 'onProgress'>, onProgress?: (f: number) => void) => phase.request('phase', req, onProgress);
export const requestFixedPoints = (spec: ParamSpec) => fixed.request('fixed', spec);
export const requestExponents = (req: ExponentOptions) => exps.request('exps', req);
export const requestLargeSpin = (req: { V: number; gammaC: number; gammaIRange: [number, number]; points: number }) => large.request('large', req);

type Fig4Request = Omit<Fig4Options, 'shouldContinue' | 'onProgress'>;
const fig4Preview = previewQueue<Fig4Request, Fig4Result>((api, req) => api.fig4Data(req));

/**
 * The coarse Fig. 4 for a drag (see previewQueue): larger continuation steps, corrector tolerance
 * 1e-6 (far below a pixel) and the spectrum at every 16th point. Folds and pitchforks are located
 * as in the full computation; the full one (requestFig4) follows when the sliders rest.
 */
export function fig4PreviewRequest(req: Fig4Request): Fig4Request {
  return { ...req, points: Math.min(req.points, 15), tolerance: 1e-6, stabilityStride: 16 };
}
export const requestFig4Preview = (req: Fig4Request) => fig4Preview.request('fig4-preview', fig4PreviewRequest(req));
/** The full-resolution Fig. 4 result if it is cached (a revisited parameter point is instant). */
export const cachedFig4 = (req: Fig4Request): Fig4Result | undefined => fig4.peek('fig4', req);
/** Stops the full-resolution Fig. 4 job at once (its parameters are no longer shown). */
export const cancelFig4 = () => fig4.cancel();

export function cancelBifurcation(): void {
  for (const s of [fig4, phase, fixed, exps, large, orbits]) s.cancel();
  fig4Preview.cancel();
}
