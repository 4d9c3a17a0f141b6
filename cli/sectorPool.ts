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

export type SectorWorkerIn = { type: 'sector'; N: number; p: ModelParams; label: SectorLabel; opts: SectorJobOptions };
export type SectorWorkerOut =
  | { type: 'ready' }
  | { type: 'progress'; label: SectorLabel; stage: Stage; fraction: number }
  | { type: 'done'; label: SectorLabel; spectrum: SectorSpectrum }
  | { type: 'error'; name: string; message: string };

function startWorker(): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Spectra of the four sectors of N particles at p on `threads` workers (1–4), in the order
 * (+1,+1), (+1,−1), (−1,+1), (−1,−1) handed out largest first. onProgress gets each worker's
 * engine progress with its sector. Rejects (after stopping every worker) on the first error.
 */
export function sectorSpectraInThreads(
  N: number, p: ModelParams, opts: SectorJobOptions, threads: number,
  onProgress?: (label: SectorLabel, stage: Stage, fraction: number) => void,
): Promise<Record<SectorLabel, SectorSpectrum>> {
  const queue: SectorLabel[] = [...SECTOR_LABELS];
  const out = {} as Record<SectorLabel, SectorSpectrum>;
  const n = Math.max(1, Math.min(4, Math.floor(threads)));
  const workers: Worker[] = [];
  let done = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const stop = (err?: Error) => {
      if (settled) return;
      settled = true;
      Promise.all(workers.map((w) => w.terminate())).finally(() => (err ? reject(err) : resolve(out)));
    };
    const feed = (w: Worker) => {
      const label = queue.shift();
      if (label) w.postMessage({ type: 'sector', N, p, label, opts } satisfies SectorWorkerIn);
    };
    for (let k = 0; k < n; k++) {
      const w = startWorker();
      workers.push(w);
      w.on('message', (m: SectorWorkerOut) => {
        if (settled) return;
        if (m.type === 'ready') feed(w);
        else if (m.type === 'progress') onProgress?.(m.label, m.stage, m.fraction);
        else if (m.type === 'done') {
          out[m.label] = m.spectrum;
          if (++done === SECTOR_LABELS.length) stop();
          else feed(w);
        } else if (m.type === 'error') {
          const e = m.name === 'RangeError' ? new RangeError(m.message) : new Error(m.message);
          stop(e);
        }
      });
      w.on('error', (e) => stop(e));
      w.on('exit', (code) => { if (!settled && code !== 0) stop(new Error(`a sector worker exited with code ${code}`)); });
    }
  });
}
