/**
 * Client of workers/exact.worker.ts for single points: a pool of up to four workers (one per sector, so a
 * gap computation runs its four sectors at once), with per-job progress and cancellation. A
 * cancelled running job terminates its worker, which is respawned (its cached basis is lost).
 */
import * as Comlink from 'comlink';
import type { ExactWorkerApi } from '../../workers/exact.worker.ts';
import type { EngineRequest, ExactEvent, SpectrumReply, Stage, SteadyStateReply } from '../contracts/exact.ts';

export type ProgressCallback = (stage: Stage, fraction: number) => void;

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
  api: Comlink.Remote<ExactWorkerApi>;
  job: Pending | null;
}

interface Pending {
  run: (api: Comlink.Remote<ExactWorkerApi>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  slot: Slot | null;
  done: boolean;
}

const spawn = (): Worker => new Worker(new URL('../../workers/exact.worker.ts', import.meta.url), { type: 'module' });

export interface LiouvillianPool {
  steadyState(req: EngineRequest & { x0?: Float64Array }, onProgress?: ProgressCallback): EngineJob<SteadyStateReply>;
  spectrum(req: EngineRequest & { sector: string; k: number; sigma?: number }, onProgress?: ProgressCallback): EngineJob<SpectrumReply>;
  /** Δ per sector (Eqs. 15–16; NaN where not converged), the four sectors in parallel; onProgress gets the sector label. */
  gaps(req: EngineRequest, onProgress?: (sector: string, stage: string, fraction: number) => void): EngineJob<Record<(typeof SECTORS)[number], number>>;
  cancelAll(): void;
  dispose(): void;
}

export function createLiouvillianPool(size?: number): LiouvillianPool {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const n = Math.max(1, Math.min(4, size ?? cores));
  const make = (): Slot => {
    const worker = spawn();
    return { worker, api: Comlink.wrap<ExactWorkerApi>(worker), job: null };
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
  function submit<T>(run: (api: Comlink.Remote<ExactWorkerApi>) => Promise<T>): EngineJob<T> {
    let job!: Pending;
    const promise = new Promise<T>((resolve, reject) => {
      job = { run, resolve: resolve as (v: unknown) => void, reject, slot: null, done: false };
    });
    queue.push(job);
    pump();
    return { promise, cancel: () => cancelJob(job) };
  }
  const prox = (cb?: ProgressCallback) => (cb ? Comlink.proxy((e: ExactEvent) => { if ('stage' in e) cb(e.stage, e.fraction); }) : undefined);

  return {
    steadyState: (req, onProgress) => submit((api) => api.run({ ...req, kind: 'steadyState' }, prox(onProgress)) as Promise<SteadyStateReply>),
    spectrum: (req, onProgress) => submit((api) => api.run({ ...req, kind: 'spectrum' }, prox(onProgress)) as Promise<SpectrumReply>),
    gaps(req, onProgress) {
      const jobs = SECTORS.map((sector) =>
        submit((api) => api.run({ ...req, kind: 'spectrum', sector, k: sector === '+1,+1' ? 2 : 1 }, prox((st, f) => onProgress?.(sector, st, f))) as Promise<SpectrumReply>),
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
