/**
 * Client side of the mean-field worker: one latest-wins slot per view, results cached by request.
 */
import * as Comlink from 'comlink';
import type { MeanFieldWorkerApi } from '../../workers/meanfield.worker.ts';
import type { Fig2Request, Fig2Result, Fig3Request, Fig3Result } from '../contracts/meanfield.ts';
import { cacheKey, createCache } from './cache.ts';
import { createJobSlot, SUPERSEDED, type Superseded } from './latestJob.ts';

const makeWorker = () => new Worker(new URL('../../workers/meanfield.worker.ts', import.meta.url), { type: 'module' });

const fig2Slot = createJobSlot<MeanFieldWorkerApi>(makeWorker);
const fig3Slot = createJobSlot<MeanFieldWorkerApi>(makeWorker);
const fig2Cache = createCache<Fig2Result>(48);
const fig3Cache = createCache<Fig3Result>(24);

export { SUPERSEDED };
export type { Superseded };

export async function requestFig2(req: Fig2Request): Promise<Fig2Result | Superseded> {
  const key = cacheKey('fig2', req);
  const hit = fig2Cache.get(key);
  if (hit) {
    fig2Slot.cancel();
    return hit;
  }
  const r = await fig2Slot.run((api) => api.fig2(req));
  if (r !== SUPERSEDED) fig2Cache.set(key, r);
  return r;
}

const gridSlot = createJobSlot<MeanFieldWorkerApi>(makeWorker);
const gridCache = createCache<Fig2Result[]>(2);

/** The six panels of the paper's Fig. 2 (|V| = 1, sign of V as given). */
export async function requestFig2Grid(signV: 1 | -1): Promise<Fig2Result[] | Superseded> {
  const key = String(signV);
  const hit = gridCache.get(key);
  if (hit) return hit;
  const r = await gridSlot.run((api) => api.fig2Grid(signV));
  if (r !== SUPERSEDED) gridCache.set(key, r);
  return r;
}

export async function requestFig3(req: Fig3Request, onProgress?: (f: number) => void): Promise<Fig3Result | Superseded> {
  const key = cacheKey('fig3', req);
  const hit = fig3Cache.get(key);
  if (hit) {
    fig3Slot.cancel();
    return hit;
  }
  const r = await fig3Slot.run((api) => api.fig3(req, onProgress ? Comlink.proxy(onProgress) : undefined));
  if (r !== SUPERSEDED) fig3Cache.set(key, r);
  return r;
}

export function cancelMeanField(): void {
  fig2Slot.cancel();
  fig3Slot.cancel();
}
