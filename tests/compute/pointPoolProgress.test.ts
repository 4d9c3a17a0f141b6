/**
 * The single-point pool (src/compute/liouvillianClient.ts) over a stand-in worker: a progress
 * event that arrives after its job's reply (Comlink sends the callback's messages on a channel of
 * their own, so they are not ordered with the reply) is dropped — the finite-N page showed
 * "(−1,−1): iterate 100%" next to a finished result — while progress before the reply passes.
 */
import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createLiouvillianPool } from '../../src/compute/liouvillianClient.ts';

type Event = { stage: string; fraction: number };

/** A Worker stand-in whose engine reports 50 %, replies, and reports 100 % 30 ms after the reply. */
function lateProgressWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose({
    interruptOn: () => {},
    run: async (_req: unknown, onEvent?: (e: Event) => void) => {
      await onEvent?.({ stage: 'iterate', fraction: 0.5 });
      setTimeout(() => { void onEvent?.({ stage: 'iterate', fraction: 1 }); }, 30);
      return { eigenvalues: [], notes: [] };
    },
  }, port2 as unknown as Comlink.Endpoint);
  const w = port1 as unknown as Worker & { terminate: () => void };
  const add = port1.addEventListener.bind(port1);
  (w as unknown as { addEventListener: (t: string, l: (ev: unknown) => void) => void }).addEventListener = (t, l) => { if (t === 'message') add('message', l as (ev: MessageEvent) => void); };
  w.terminate = () => { port1.close(); port2.close(); };
  return w;
}

describe('point pool progress', () => {
  it('drops a job\'s progress that arrives after its reply', async () => {
    const pool = createLiouvillianPool(1, lateProgressWorker);
    const seen: Array<[string, number, boolean]> = [];
    let replied = false;
    const job = pool.steadyState({ N: 2, d: 2, dissipator: 'spin', V: 1, gammaI: 1, gammaC: 0 } as never, (stage, f) => seen.push([stage, f, replied]));
    await job.promise;
    replied = true;
    await new Promise((r) => setTimeout(r, 120));
    pool.dispose();
    expect(seen).toEqual([['iterate', 0.5, false]]);
  });
});
