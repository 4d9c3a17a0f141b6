/**
 * Client side of the exact-engine worker (workers/exact.worker.ts) for many points: a pool of workers (one per core, at most 4) for maps
 * and curves, row by row, with progress and cancellation (terminate the pool); a latest-wins slot
 * for the exact-vs-mean-field dynamics; the sector sizes. The single-point steady state and
 * spectra use the per-sector pool of liouvillianClient.ts.
 */
import * as Comlink from 'comlink';
import type { ExactWorkerApi } from '../../workers/exact.worker.ts';
import type { DynamicsReply, ExactEvent, FinitePointResult, FiniteQuantities, FiniteSpec, SizeReply } from '../contracts/exact.ts';
import { cacheKey, createCache } from './cache.ts';
import { createJobSlot, SUPERSEDED, type Superseded } from './latestJob.ts';

const makeWorker = () => new Worker(new URL('../../workers/exact.worker.ts', import.meta.url), { type: 'module' });

let infoApi: Comlink.Remote<ExactWorkerApi> | null = null;
const infoCache = new Map<string, Promise<SizeReply>>();

export type { FiniteSpec };

export function cancelPoint(): void {
  dynSlot.cancel();
}

const dynSlot = createJobSlot<ExactWorkerApi>(makeWorker, 100);
const dynCache = createCache<DynamicsReply>(16);

/** Exact finite-N dynamics and the mean field from the same spin-coherent state. */
export async function requestDynamics(spec: FiniteSpec, gammaI: number, gammaC: number, theta: number, phi: number, times: number[]) {
  const key = cacheKey('dyn', { spec, gammaI, gammaC, theta, phi, times });
  const hit = dynCache.get(key);
  if (hit) return hit;
  const r = await dynSlot.run((api) => api.run({ ...spec, kind: 'dynamics', gammaI, gammaC, theta, phi, times }) as Promise<DynamicsReply>);
  if (r !== SUPERSEDED) dynCache.set(key, r);
  return r;
}

/** Sector dimensions and memory estimate for (N, d); shared by every caller, computed once. */
export function describeSize(N: number, d: number) {
  const key = `${N},${d}`;
  let p = infoCache.get(key);
  if (!p) {
    infoApi ??= Comlink.wrap<ExactWorkerApi>(makeWorker());
    p = infoApi.run({ kind: 'sizes', N, d }) as Promise<SizeReply>;
    p.catch(() => infoCache.delete(key));
    infoCache.set(key, p);
  }
  return p;
}

export interface Sweep {
  /** Resolves with all rows (rows not computed because of cancellation are empty arrays). */
  done: Promise<FinitePointResult[][]>;
  cancel: () => void;
}

const sweepCache = createCache<FinitePointResult[][]>(12);

/**
 * Runs rows of points on a pool of workers (largest rows first would balance better, but rows
 * arrive in order so that partial maps fill in from one side). onRow is called as each row completes;
 * onProgress with the fraction of points done.
 */
export function runSweep(
  spec: FiniteSpec | FiniteSpec[],
  rows: Array<Array<[number, number]>>,
  q: FiniteQuantities,
  onRow: (row: number, results: FinitePointResult[]) => void,
  onProgress: (fraction: number) => void,
): Sweep {
  // one spec for all rows, or one per row (e.g. a sequence of N for a finite-size scaling)
  const specOf = (row: number) => (Array.isArray(spec) ? spec[row] : spec);
  const key = cacheKey('sweep', { spec, rows, q });
  const hit = sweepCache.get(key);
  if (hit) {
    hit.forEach((r, i) => onRow(i, r));
    onProgress(1);
    return { done: Promise.resolve(hit), cancel: () => {} };
  }
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const nWorkers = Math.max(1, Math.min(4, cores, rows.length));
  const workers = Array.from({ length: nWorkers }, makeWorker);
  const apis = workers.map((w) => Comlink.wrap<ExactWorkerApi>(w));
  const total = rows.reduce((a, r) => a + r.length, 0);
  const results: FinitePointResult[][] = rows.map(() => []);
  let done = 0, next = 0, cancelled = false;
  const terminate = () => workers.forEach((w) => w.terminate());
  const promise = new Promise<FinitePointResult[][]>((resolve, reject) => {
    let running = 0;
    const pump = (wi: number) => {
      if (cancelled) return;
      if (next >= rows.length) {
        if (running === 0) {
          terminate();
          sweepCache.set(key, results);
          resolve(results);
        }
        return;
      }
      const row = next++;
      running++;
      apis[wi]
        .run({ kind: 'points', spec: specOf(row), points: rows[row], quantities: q }, Comlink.proxy((e: ExactEvent) => { if ('point' in e) { done++; onProgress(done / total); } }))
        .then((r) => {
          running--;
          r = r as FinitePointResult[];
          results[row] = r;
          onRow(row, r);
          pump(wi);
        })
        .catch((e) => {
          running--;
          if (!cancelled) {
            cancelled = true;
            terminate();
            reject(e);
          }
        });
    };
    for (let wi = 0; wi < nWorkers; wi++) pump(wi);
  });
  return {
    done: promise,
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      terminate();
    },
  };
}
