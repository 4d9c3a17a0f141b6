/**
 * The four Z2×Z2 sectors of one parameter point on Node worker_threads (`gaps --threads`).
 * Each worker builds the PI basis and computes one sector's certified spectrum with exactly the
 * options `gaps` uses in one thread (gapSpectrumOptions, src/physics/exact/spectrum.ts), so the
 * numbers are the same; the caller combines them with gapsFromSpectra. Largest sector first.
 * Workers run cli/sectorWorker.ts through tsx's ESM loader, registered inside each worker (as
 * cli/sweep/pool.ts). A RangeError in a worker (bad input, memory guard) is re-thrown as one.
 */
import { Worker } from 'node:worker_threads';
import type { ModelParams } from '../src/physics/model/model.ts';
import { SECTOR_LABELS, type SectorLabel } from '../src/physics/exact/sectors.ts';
import type { SectorSpectrum, SpectrumOptions } from '../src/physics/exact/spectrum.ts';
import type { Stage } from '../src/physics/exact/steadyState.ts';

const WORKER_URL = new URL('./sectorWorker.ts', import.meta.url).href;

/** The serialisable part of SpectrumOptions a worker receives. */
export type SectorJobOptions = Pick<SpectrumOptions, 'budgetBytes' | 'maxShifts' | 'maxFactorFlops'>;

export type SectorWorkerIn = { type: 'sector'; N: number; p: ModelParams; label: SectorLabel; opts: SectorJobOptions } | { type: 'basis'; N: number; d: number };
export type SectorWorkerOut =
  | { type: 'ready' }
  | { type: 'basis' }
  | { type: 'progress'; label: SectorLabel; stage: Stage; fraction: number }
  | { type: 'done'; label: SectorLabel; spectrum: SectorSpectrum }
  | { type: 'error'; name: string; message: string };

function startWorker(): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * A pool of `threads` (1–4) sector workers that stays alive between points: the bench's warm
 * pool (as the explorer's page keeps its workers) and, through sectorSpectraInThreads, one
 * `gaps --threads` call. One point at a time.
 */
export interface SectorPool {
  /**
   * Spectra of the four sectors of N particles at p, handed out largest first ((+1,+1),
   * (+1,−1), (−1,+1), (−1,−1)); onProgress gets each worker's engine progress with its sector.
   * Rejects on the first error (the pool is then closed).
   */
  run(N: number, p: ModelParams, opts: SectorJobOptions, onProgress?: (label: SectorLabel, stage: Stage, fraction: number) => void): Promise<Record<SectorLabel, SectorSpectrum>>;
  /** Builds the PI basis of (N, d) in every worker now (untimed preparation for run). */
  prepare(N: number, d: number): Promise<void>;
  close(): Promise<void>;
}

type Pending = { onMessage: (w: Worker, m: SectorWorkerOut) => void; fail: (e: Error) => void };

/** A worker's error message as an Error (a RangeError stays one: bad input, memory guard). */
const workerError = (m: { name: string; message: string }) => (m.name === 'RangeError' ? new RangeError(m.message) : new Error(m.message));

export function createSectorPool(threads: number): SectorPool {
  const n = Math.max(1, Math.min(4, Math.floor(threads)));
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  let current: Pending | null = null;
  let closed = false, busy = false;
  const close = () => { closed = true; return Promise.all(workers.map((w) => w.terminate())).then(() => undefined); };
  const fail = (e: Error) => { const c = current; current = null; void close(); c?.fail(e); };
  for (let k = 0; k < n; k++) {
    const w = startWorker();
    workers.push(w);
    ready.push(new Promise((res) => {
      w.on('message', (m: SectorWorkerOut) => {
        if (m.type === 'ready') { res(); return; }
        current?.onMessage(w, m);
      });
    }));
    w.on('error', (e) => fail(e));
    w.on('exit', (code) => { if (!closed && code !== 0) fail(new Error(`a sector worker exited with code ${code}`)); });
  }
  const exclusive = <T>(body: (settle: (v: T) => void, reject: (e: Error) => void) => Pending): Promise<T> => {
    if (closed) return Promise.reject(new Error('the sector pool is closed'));
    if (busy) return Promise.reject(new Error('the sector pool runs one point at a time'));
    busy = true;
    return Promise.all(ready).then(() => new Promise<T>((resolve, reject) => {
      if (closed) throw new Error('the sector pool is closed');
      current = body((v) => { current = null; resolve(v); }, reject);
    })).finally(() => { busy = false; });
  };
  return {
    close,
    prepare: (N, d) => exclusive<void>((settle, reject) => {
      let left = workers.length;
      for (const w of workers) w.postMessage({ type: 'basis', N, d } satisfies SectorWorkerIn);
      return {
        onMessage: (_w, m) => {
          if (m.type === 'basis' && --left === 0) settle();
          else if (m.type === 'error') fail(workerError(m));
        },
        fail: reject,
      };
    }),
    run: (N, p, opts, onProgress) => exclusive<Record<SectorLabel, SectorSpectrum>>((settle, reject) => {
      const queue: SectorLabel[] = [...SECTOR_LABELS];
      const out = {} as Record<SectorLabel, SectorSpectrum>;
      let done = 0;
      const feed = (w: Worker) => {
        const label = queue.shift();
        if (label) w.postMessage({ type: 'sector', N, p, label, opts } satisfies SectorWorkerIn);
      };
      for (const w of workers) feed(w);
      return {
        onMessage: (w, m) => {
          if (m.type === 'progress') onProgress?.(m.label, m.stage, m.fraction);
          else if (m.type === 'done') {
            out[m.label] = m.spectrum;
            if (++done === SECTOR_LABELS.length) settle(out);
            else feed(w);
          } else if (m.type === 'error') fail(workerError(m));
        },
        fail: reject,
      };
    }),
  };
}

/**
 * Spectra of the four sectors of N particles at p on `threads` workers (1–4), started for this
 * call and stopped after it (SectorPool.run). Rejects (after stopping every worker) on the first
 * error.
 */
export async function sectorSpectraInThreads(
  N: number, p: ModelParams, opts: SectorJobOptions, threads: number,
  onProgress?: (label: SectorLabel, stage: Stage, fraction: number) => void,
): Promise<Record<SectorLabel, SectorSpectrum>> {
  const pool = createSectorPool(threads);
  try {
    return await pool.run(N, p, opts, onProgress);
  } finally {
    await pool.close();
  }
}
