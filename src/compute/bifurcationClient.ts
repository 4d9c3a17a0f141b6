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
import { createJobSlot, SUPERSEDED, type Superseded } from './latestJob.ts';

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
    cancel: () => slot.cancel(),
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

export function cancelBifurcation(): void {
  for (const s of [fig4, phase, fixed, exps, large, orbits]) s.cancel();
}
