/**
 * Worker-thread entry of `cli sweep` (started by pool.ts through tsx). Messages in:
 * {type:'init', header} once, then {type:'chain', chain: number[]} (point indices). Out:
 * {type:'ready'} after init, {type:'row', row} per point as soon as it is done,
 * {type:'chainDone'} after each chain, {type:'fatal', message} when init fails.
 */
import { parentPort } from 'node:worker_threads';
import type { SweepHeader, SweepRow } from '../../src/contracts/sweepFile.ts';
import { makeChainEvaluator } from './evaluate.ts';

type In = { type: 'init'; header: SweepHeader } | { type: 'chain'; chain: number[] };

const port = parentPort;
if (!port) throw new Error('cli/sweep/worker.ts must run in a worker thread');
let evaluate: ((chain: number[], emit: (row: SweepRow) => void) => void) | null = null;

port.on('message', (m: In) => {
  if (m.type === 'init') {
    makeChainEvaluator(m.header).then(
      (f) => { evaluate = f; port.postMessage({ type: 'ready' }); },
      (e: unknown) => port.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }),
    );
  } else if (m.type === 'chain') {
    if (!evaluate) throw new Error('chain before init');
    evaluate(m.chain, (row) => port.postMessage({ type: 'row', row }));
    port.postMessage({ type: 'chainDone' });
  }
});
