/**
 * Client of workers/exact.worker.ts for single points: a pool of up to four workers (one per sector, so a
 * gap computation runs its four sectors at once), with per-job progress and cancellation. A
 * cancelled running job stops its worker (interrupt flag + terminate, ./interruptFlag.ts); a new one is spawned when work comes (its cached
 * basis is lost).
 */
import * as Comlink from 'comlink';
import { startWorker, WorkerCrashed, type WorkerHandle } from './latestJob.ts';
import type { ExactWorkerApi } from '../../workers/exact.worker.ts';
import type { EngineRequest, ExactEvent, SpectrumReply, Stage, SteadyStateReply } from '../contracts/exact.ts';
import { reportBusy } from './activity.ts';

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

/**
 * The first k eigenvalues of a reply (sorted by |Re λ|) without splitting a complex-conjugate
 * pair: a pair cut at k is completed from the list (the caller asks for a little more than k)
 * or, when its partner is not in the list, dropped. Real matrices have conjugate pairs, so a
 * lone complex λ on a plot would be an artefact of the cut.
 */
export function keepConjugatePairs(r: SpectrumReply, k: number): SpectrumReply {
  const n = r.re.length;
  const tol = (i: number) => 1e-8 * Math.max(1, Math.hypot(r.re[i], r.im[i]));
  const partner = (i: number): number => {
    if (Math.abs(r.im[i]) <= tol(i)) return i;
    let best = -1, bd = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dd = Math.hypot(r.re[j] - r.re[i], r.im[j] + r.im[i]);
      if (dd < bd) { bd = dd; best = j; }
    }
    return bd <= 1e-6 * Math.max(1, Math.hypot(r.re[i], r.im[i])) ? best : -1;
  };
  const keep = new Set<number>();
  for (let i = 0; i < n && keep.size < k; i++) {
    if (keep.has(i)) continue;
    const p = partner(i);
    if (p < 0) continue; // lone complex eigenvalue: its partner was cut by the engine
    keep.add(i);
    keep.add(p);
  }
  const idx = [...keep].sort((a, b) => a - b);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  return { ...r, re: pick(r.re), im: pick(r.im), residual: pick(r.residual), errorBound: pick(r.errorBound), converged: Uint8Array.from(idx, (i) => r.converged[i]),
    ...(r.certified ? { certified: Uint8Array.from(idx, (i) => r.certified![i]) } : {}) };
}

interface Slot {
  /** Spawned on demand: a cancelled or crashed worker is not replaced until there is work. */
  worker: Worker | null;
  api: Comlink.Remote<ExactWorkerApi> | null;
  /** Raises the worker's interrupt flag and terminates it. */
  stop: (() => void) | null;
  job: Pending | null;
}

interface Pending {
  run: (api: Comlink.Remote<ExactWorkerApi>, job: Pending) => Promise<unknown>;
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

let pools = 0;

/** `spawnWorker` (tests): the Worker factory, default workers/exact.worker.ts. */
export function createLiouvillianPool(size?: number, spawnWorker: () => Worker = spawn): LiouvillianPool {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const n = Math.max(1, Math.min(4, size ?? cores));
  // Workers are spawned when a job needs one, not when one is cancelled: a cancel then frees the
  // cores at once instead of starting up fresh workers (measured: ~2 s of CPU on a loaded machine).
  const drop = (slot: Slot) => {
    slot.stop?.();
    slot.stop = null;
    slot.worker = null;
    slot.api = null;
    slot.job = null;
  };
  const attach = (slot: Slot): Comlink.Remote<ExactWorkerApi> => {
    if (!slot.worker) {
      // a worker that dies never answers: fail its job with the reason and free the slot
      const h: WorkerHandle<ExactWorkerApi> = startWorker<ExactWorkerApi>(spawnWorker, (detail) => {
        if (slot.worker !== h.worker) return;
        const job = slot.job;
        drop(slot);
        if (job) finish(job, () => job.reject(new WorkerCrashed(`the exact engine's worker crashed (${detail}); it has been restarted — change a parameter or retry`)));
      });
      slot.worker = h.worker;
      slot.api = h.api;
      slot.stop = h.stop;
    }
    return slot.api!;
  };
  const slots: Slot[] = Array.from({ length: n }, () => ({ worker: null, api: null, stop: null, job: null }));
  const queue: Pending[] = [];

  const id = `point-${++pools}`;
  const report = () => reportBusy(id, slots.filter((s) => s.job).length);
  const pump = () => {
    report();
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      job.slot = slot;
      job.run(attach(slot), job).then(
        (v) => finish(job, () => job.resolve(v)),
        (e) => finish(job, () => job.reject(e)),
      );
    }
  };
  // After a cancel the next queued job starts on the next microtask, not at once: a view cancels
  // all its jobs in one loop, and starting (spawning a worker for) each queued job between two
  // cancels only to kill it again costs a worker start-up each (measured: ~0.5 s of CPU apiece).
  let pumpScheduled = false;
  const pumpSoon = () => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    queueMicrotask(() => { pumpScheduled = false; pump(); });
  };
  const finish = (job: Pending, settle: () => void, later = false) => {
    if (job.done) return;
    job.done = true;
    if (job.slot && job.slot.job === job) job.slot.job = null;
    settle();
    if (later) pumpSoon();
    else pump();
    report();
  };
  const cancelJob = (job: Pending) => {
    if (job.done) return;
    const qi = queue.indexOf(job);
    if (qi >= 0) queue.splice(qi, 1);
    const slot = job.slot;
    if (slot && slot.job === job) drop(slot);
    finish(job, () => job.reject(new EngineCancelled()), true);
  };
  function submit<T>(run: (api: Comlink.Remote<ExactWorkerApi>, job: Pending) => Promise<T>): EngineJob<T> {
    let job!: Pending;
    const promise = new Promise<T>((resolve, reject) => {
      job = { run, resolve: resolve as (v: unknown) => void, reject, slot: null, done: false };
    });
    queue.push(job);
    pump();
    return { promise, cancel: () => cancelJob(job) };
  }
  // A progress callback travels on its own MessageChannel (Comlink.proxy), so its last messages
  // can arrive after the job's reply: dropped once the job is done (else a view shows
  // "(−1,−1): iterate 100%" under a finished result).
  const prox = (job: Pending, cb?: ProgressCallback) => (cb ? Comlink.proxy((e: ExactEvent) => { if ('stage' in e && !job.done) cb(e.stage, e.fraction); }) : undefined);

  return {
    steadyState: (req, onProgress) => submit((api, job) => api.run({ ...req, kind: 'steadyState' }, prox(job, onProgress)) as Promise<SteadyStateReply>),
    // two more than k, so that a conjugate pair cut at k can be completed (keepConjugatePairs)
    spectrum: (req, onProgress) => submit((api, job) => (api.run({ ...req, kind: 'spectrum', k: req.k + 2 }, prox(job, onProgress)) as Promise<SpectrumReply>).then((r) => keepConjugatePairs(r, req.k))),
    gaps(req, onProgress) {
      const jobs = SECTORS.map((sector) =>
        submit((api, job) => api.run({ ...req, kind: 'spectrum', sector, k: sector === '+1,+1' ? 2 : 1 }, prox(job, (st, f) => onProgress?.(sector, st, f))) as Promise<SpectrumReply>),
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
      for (const s of slots) s.stop?.();
    },
  };
}
