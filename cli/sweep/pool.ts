/**
 * A pool of Node worker_threads evaluating sweep chains (one chain at a time per worker, the next
 * chain to whichever worker is free). Workers run cli/sweep/worker.ts through tsx's ESM loader,
 * registered inside the worker (Node does not pass the parent's loader hooks on).
 */
import { Worker } from 'node:worker_threads';
import type { SweepHeader, SweepRow } from '../../src/contracts/sweepFile.ts';

const WORKER_URL = new URL('./worker.ts', import.meta.url).href;

function startWorker(): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Evaluates `chains` on `threads` workers, calling onRow for every finished point (in completion
 * order). Resolves when all are done; rejects (after stopping every worker) when a worker fails.
 */
export function runChains(header: SweepHeader, chains: number[][], threads: number, onRow: (row: SweepRow) => void): Promise<void> {
  if (chains.length === 0) return Promise.resolve();
  const n = Math.max(1, Math.min(threads, chains.length));
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const stop = (err?: Error) => {
      if (settled) return;
      settled = true;
      Promise.all(workers.map((w) => w.terminate())).finally(() => (err ? reject(err) : resolve()));
    };
    const feed = (w: Worker) => {
      if (next < chains.length) w.postMessage({ type: 'chain', chain: chains[next++] });
    };
    for (let k = 0; k < n; k++) {
      const w = startWorker();
      workers.push(w);
      w.on('message', (m: { type: string; row?: SweepRow; message?: string }) => {
        if (settled) return;
        if (m.type === 'ready') feed(w);
        else if (m.type === 'row') {
          try {
            onRow(m.row as SweepRow);
          } catch (e) {
            stop(e instanceof Error ? e : new Error(String(e)));
          }
        } else if (m.type === 'chainDone') {
          if (++finished === chains.length) stop();
          else feed(w);
        } else if (m.type === 'fatal') stop(new Error(m.message));
      });
      w.on('error', (e) => stop(e));
      w.on('exit', (code) => { if (!settled && code !== 0) stop(new Error(`a sweep worker exited with code ${code}`)); });
      w.postMessage({ type: 'init', header });
    }
  });
}
