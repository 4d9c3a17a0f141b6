/**
 * "Latest wins" job slot over one worker: while the user drags a slider only the newest request
 * matters. A new request supersedes the queued one at once; a running stale job is allowed a short
 * grace period and then the worker is stopped (interrupt flag + terminate, src/compute/interruptFlag.ts)
 * and respawned when the next job comes.
 */
import * as Comlink from 'comlink';
import { armInterrupt, type Interruptible } from './interruptFlag.ts';

export const SUPERSEDED = Symbol('superseded');

/**
 * Calls `onCrash` with a short reason when the worker dies: an 'error' event (an uncaught error
 * at its top level, out of memory, a failed load) or a message it cannot decode. A dead worker
 * never answers its Comlink calls, so every pool must listen for this.
 */
export function onWorkerCrash(worker: Worker, onCrash: (detail: string) => void): void {
  const handler = (ev: Event) => onCrash((ev as ErrorEvent).message || (ev.type === 'messageerror' ? 'a message could not be decoded' : 'it stopped'));
  worker.addEventListener?.('error', handler);
  worker.addEventListener?.('messageerror', handler);
}

/** A spawned worker: its Comlink proxy and the function that stops it (interrupt flag + terminate). */
export interface WorkerHandle<Api> {
  worker: Worker;
  api: Comlink.Remote<Api>;
  stop: () => void;
}

/**
 * Spawns a worker, wraps it with Comlink, gives it its interrupt flag (./interruptFlag.ts) and,
 * when `onCrash` is given, calls it with a short reason if the worker dies (see onWorkerCrash).
 * Every pool and slot of src/compute spawns its workers here.
 */
export function startWorker<Api>(makeWorker: () => Worker, onCrash?: (detail: string) => void): WorkerHandle<Api> {
  const worker = makeWorker();
  const api = Comlink.wrap<Api>(worker);
  const stop = armInterrupt(worker, api as unknown as Interruptible);
  if (onCrash) onWorkerCrash(worker, onCrash);
  return { worker, api, stop };
}

/** The worker running a job died; the slot has already dropped it and will spawn a new one. */
export class WorkerCrashed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashed';
  }
}
export type Superseded = typeof SUPERSEDED;

export interface JobSlot<Api> {
  /** Runs `job` on the worker's API; resolves to SUPERSEDED if a newer request replaced it. */
  run<T>(job: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T | Superseded>;
  /** Cancels everything now (terminates the worker if busy). */
  cancel(): void;
  /** Whether a job is running. */
  busy(): boolean;
  dispose(): void;
}

interface Pending<T> {
  job: (api: Comlink.Remote<unknown>) => Promise<T>;
  resolve: (v: T | Superseded) => void;
  reject: (e: unknown) => void;
}

export function createJobSlot<Api>(makeWorker: () => Worker, graceMs = 250): JobSlot<Api> {
  let worker: Worker | null = null;
  let api: Comlink.Remote<Api> | null = null;
  let stop: (() => void) | null = null;
  let running: { id: number; stale: boolean; settle: (v: Superseded) => void; fail: (e: Error) => void; timer?: ReturnType<typeof setTimeout> } | null = null;
  let pending: Pending<unknown> | null = null;
  let nextId = 1;

  const ensure = (): Comlink.Remote<Api> => {
    if (!worker) {
      // A worker that dies (an uncaught error at its top level, out of memory, a failed load)
      // never answers the Comlink call: reject the running job with a message and drop the
      // worker, so the next request gets a fresh one instead of waiting forever.
      const h: WorkerHandle<Api> = startWorker<Api>(makeWorker, (detail) => {
        if (worker !== h.worker) return;
        const r = running;
        kill();
        r?.fail(new WorkerCrashed(`the computation's worker crashed (${detail}); it has been restarted — change a parameter or retry`));
      });
      ({ worker, api, stop } = h);
    }
    return api!;
  };

  const kill = () => {
    if (worker) {
      (api as unknown as { [Comlink.releaseProxy]?: () => void })?.[Comlink.releaseProxy]?.();
      if (stop) stop();
      else worker.terminate();
    }
    stop = null;
    worker = null;
    api = null;
  };

  const start = () => {
    if (running || !pending) return;
    const p = pending;
    pending = null;
    const id = nextId++;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      if (running?.id === id) {
        if (running.timer) clearTimeout(running.timer);
        running = null;
      }
      fn();
      start();
    };
    running = { id, stale: false, settle: (v) => finish(() => p.resolve(v)), fail: (e) => finish(() => p.reject(e)) };
    let remote: Comlink.Remote<Api>;
    try {
      remote = ensure();
    } catch (e) {
      finish(() => p.reject(e));
      return;
    }
    p.job(remote as Comlink.Remote<unknown>).then(
      (v) => finish(() => p.resolve(running?.id === id && running.stale ? SUPERSEDED : v)),
      (e) => finish(() => p.reject(e)),
    );
  };

  const supersedeRunning = () => {
    if (!running || running.stale) return;
    running.stale = true;
    const r = running;
    r.timer = setTimeout(() => {
      if (running?.id === r.id) {
        kill();
        r.settle(SUPERSEDED);
      }
    }, graceMs);
  };

  return {
    run<T>(job: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T | Superseded> {
      return new Promise<T | Superseded>((resolve, reject) => {
        if (pending) pending.resolve(SUPERSEDED);
        pending = { job: job as (a: Comlink.Remote<unknown>) => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject };
        supersedeRunning();
        start();
      });
    },
    cancel() {
      if (pending) { pending.resolve(SUPERSEDED); pending = null; }
      if (running) {
        const r = running;
        kill();
        r.settle(SUPERSEDED);
      }
    },
    busy: () => running !== null,
    dispose() {
      this.cancel();
      kill();
    },
  };
}
