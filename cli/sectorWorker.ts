/**
 * Worker-thread entry of `gaps --threads` (started by cli/sectorPool.ts through tsx). Posts
 * {type:'ready'} once; for {type:'basis', N, d} builds (N, d)'s PI basis and posts {type:'basis'}; for each {type:'sector', N, p, label, opts} the sector's spectrum as
 * `gaps` computes it ({type:'done'}), progress at most every 200 ms, or {type:'error'}.
 */
import { parentPort } from 'node:worker_threads';
import { buildPiBasis, type PiBasis } from '../src/physics/exact/piBasis.ts';
import { parseSector } from '../src/physics/exact/sectors.ts';
import { gapSpectrumOptions, spectrum } from '../src/physics/exact/spectrum.ts';
import type { SectorWorkerIn, SectorWorkerOut } from './sectorPool.ts';

const port = parentPort;
if (!port) throw new Error('cli/sectorWorker.ts must run in a worker thread');
const post = (m: SectorWorkerOut) => port.postMessage(m);
let basis: { key: string; b: PiBasis } | null = null;

/** The PI basis of (N, d), built once per (N, d) and kept. */
function basisFor(N: number, d: number): PiBasis {
  const key = `${N},${d}`;
  if (basis?.key !== key) basis = { key, b: buildPiBasis(N, d) };
  return basis.b;
}

port.on('message', (m: SectorWorkerIn) => {
  try {
    if (m.type === 'basis') {
      basisFor(m.N, m.d);
      post({ type: 'basis' });
      return;
    }
    const b = basisFor(m.N, m.p.d);
    let last = 0;
    const s = spectrum(m.N, m.p, parseSector(m.label), {
      ...gapSpectrumOptions(m.label, m.opts),
      onProgress: (stage, fraction) => {
        const t = performance.now();
        if (t - last >= 200) { last = t; post({ type: 'progress', label: m.label, stage, fraction }); }
      },
    }, b);
    post({ type: 'done', label: m.label, spectrum: s });
  } catch (e) {
    post({ type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
  }
});
post({ type: 'ready' });
