/**
 * Client of workers/liouvillian.worker.ts: a pool of up to four workers (one per sector, so a
 * gap computation runs its four sectors at once), with per-job progress and cancellation. A
 * cancelled running job terminates its worker, which is respawned (its cached basis is lost).
 */
import * as Comlink from 'comlink';
import type {
  EngineRequest, LiouvillianWorkerApi, ProgressCallback, SpectrumReply, SteadyStateReply,
} from '../../workers/liouvillian.worker.ts';

export type { EngineRequest, SpectrumReply, SteadyStateReply };

export class EngineCancelled extends Error {
  constructor() { super('cancelled'); this.name = 'EngineCancelled'; }
}

export interface EngineJob<T> {
  promise: Promise<T>;
  cancel(): void;
}

export const SECTORS = ['+1,+1', '+1,-1', '-1,+1', '-1,-1'] as const;

interface Slot {
  worker: Worker;
  api: Comlink.Remote<LiouvillianWorkerApi>;
  job: Pending | null;
}

interface Pending {
  run: (api: Comlink.Remote<LiouvillianWorkerApi>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  slot: Slot | null;
  done: boolean;
}

const spawn = (): Worker => new Worker(new URL('../../workers/liouvillian.worker.ts', import.meta.url), { type: 'module' });

export interface LiouvillianPool {
  steadyState(req: EngineRequest & { x0?: Float64Array }, onProgress?: ProgressCallback): EngineJob<SteadyStateReply>;
  spectrum(req: EngineRequest & { sector: string; k: number; sigma?: number }, onProgress?: ProgressCallback): EngineJob<SpectrumReply>;
  /** Δ per sector (Eqs. 15–16; NaN where not converged), the four sectors in parallel; onProgress gets the sector label. */
  gaps(req: EngineRequest, onProgress?: (sector: string, stage: string, fraction: number) => void): EngineJob<Record<(typeof SECTORS)[number], number>>;
  timeEvolve(req: EngineRequest & { theta: number; phi: number; times: number[] }, onProgress?: ProgressCallback): EngineJob<{ times: Float64Array; X: Float64Array; Y: Float64Array; Z: Float64Array }>;
  sectorDimensions(N: number, d: number): EngineJob<{ total: number; sectors: Record<string, number> }>;
  cancelAll(): void;
  dispose(): void;
}

export function createLiouvillianPool(size?: number): LiouvillianPool {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const n = Math.max(1, Math.min(4, size ?? cores));
  const make = (): Slot => {
    const worker = spawn();
    return { worker, api: Comlink.wrap<LiouvillianWorkerApi>(worker), job: null };
  };
  const slots: Slot[] = Array.from({ length: n }, make);
  const queue: Pending[] = [];

  const pump = () => {
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      job.slot = slot;
      job.run(slot.api).then(
        (v) => finish(job, () => job.resolve(v)),
        (e) => finish(job, () => job.reject(e)),
      );
    }
  };
  const finish = (job: Pending, settle: () => void) => {
    if (job.done) return;
    job.done = true;
    if (job.slot && job.slot.job === job) job.slot.job = null;
    settle();
    pump();
  };
  const cancelJob = (job: Pending) => {
    if (job.done) return;
    const qi = queue.indexOf(job);
    if (qi >= 0) queue.splice(qi, 1);
    const slot = job.slot;
    if (slot && slot.job === job) {
      slot.worker.terminate();
      const fresh = make();
      slot.worker = fresh.worker;
      slot.api = fresh.api;
      slot.job = null;
    }
    finish(job, () => job.reject(new EngineCancelled()));
  };
  function submit<T>(run: (api: Comlink.Remote<LiouvillianWorkerApi>) => Promise<T>): EngineJob<T> {
    let job!: Pending;
    const promise = new Promise<T>((resolve, reject) => {
      job = { run, resolve: resolve as (v: unknown) => void, reject, slot: null, done: false };
    });
    queue.push(job);
    pump();
    return { promise, cancel: () => cancelJob(job) };
  }
  const prox = (cb?: ProgressCallback) => (cb ? Comlink.proxy(cb) : undefined);

  return {
    steadyState: (req, onProgress) => submit((api) => api.steadyState(req, prox(onProgress))),
    spectrum: (req, onProgress) => submit((api) => api.spectrum(req, prox(onProgress))),
    timeEvolve: (req, onProgress) => submit((api) => api.timeEvolve(req, prox(onProgress))),
    sectorDimensions: (N, d) => submit((api) => api.sectorDimensions(N, d)),
    gaps(req, onProgress) {
      const jobs = SECTORS.map((sector) =>
        submit((api) => api.spectrum({ ...req, sector, k: sector === '+1,+1' ? 2 : 1 }, prox((st, f) => onProgress?.(sector, st, f)))),
      );
      const promise = Promise.all(jobs.map((j) => j.promise)).then((replies) => {
        const out = {} as Record<(typeof SECTORS)[number], number>;
        replies.forEach((r, i) => {
          const idx = SECTORS[i] === '+1,+1' ? 1 : 0;
          out[SECTORS[i]] = r.converged[idx] ? -r.re[idx] : NaN;
        });
        return out;
      });
      promise.catch(() => jobs.forEach((j) => j.cancel()));
      return { promise, cancel: () => jobs.forEach((j) => j.cancel()) };
    },
    cancelAll() {
      for (const j of [...queue]) cancelJob(j);
      for (const s of slots) if (s.job) cancelJob(s.job);
    },
    dispose() {
      this.cancelAll();
      for (const s of slots) s.worker.terminate();
    },
  };
}
