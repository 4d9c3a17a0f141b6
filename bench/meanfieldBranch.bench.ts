/**
 * Benchmark (issue 4): a full Fig. 4 panel — d = 2..7, spin and flat dissipators, γ_C = 0,
 * γ_I/|V| ∈ [0, 2.6], 400 points per branch — computed with fig4Data, stability included.
 * Goal: < 1 s in a worker. Run: `npx tsx bench/meanfieldBranch.bench.ts`.
 *
 * Reports: (a) the first call in a fresh Node worker thread (cold: includes JIT warm-up, the
 * browser case of the first slider move), (b) repeated calls in that worker (warm), and (c) the
 * same on the main thread, plus branch statistics.
 */
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { fig4Data, type Fig4Options } from '../src/physics/meanfield/bifurcation.ts';

const panel: Fig4Options = {
  ds: [2, 3, 4, 5, 6, 7], dissipators: ['spin', 'flat'], gammaC: 0, V: 1, gammaIRange: [0, 2.6], points: 400,
};

function timeRuns(reps: number): { times: number[]; summary: string } {
  const times: number[] = [];
  let summary = '';
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const f = fig4Data(panel);
    times.push(performance.now() - t0);
    if (r === 0) {
      const pts = f.curves.reduce((s, c) => s + c.broken.gammaI.length, 0);
      const folds = f.curves.filter((c) => c.folds.length > 0).map((c) => `d=${c.d}: ${c.folds[0].gammaI.toFixed(4)}`);
      const bad = f.curves.filter((c) => !c.converged).length;
      summary = `${f.curves.length} curves, ${pts} broken-branch points, non-converged: ${bad}; flat folds ${folds.join(', ')}`;
    }
  }
  return { times, summary };
}

if (!isMainThread) {
  const res = timeRuns(4);
  parentPort!.postMessage(res);
} else {
  // a worker thread does not inherit tsx's loader: register it there, then load this file
  const src = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(src, { eval: true });
  const wres = await new Promise<{ times: number[]; summary: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const main = timeRuns(3);
  const fmt = (t: number[]) => t.map((x) => x.toFixed(0) + ' ms').join(', ');
  console.log('mean-field Fig. 4 panel (d = 2..7 × spin/flat, 400 points, stability stride 4)');
  console.log(`  ${wres.summary}`);
  console.log(`  worker thread: cold ${wres.times[0].toFixed(0)} ms; warm ${fmt(wres.times.slice(1))}`);
  console.log(`  main thread:   ${fmt(main.times)}`);
  const best = Math.min(...wres.times.slice(1));
  console.log(`  goal < 1000 ms in a worker: ${wres.times[0] < 1000 ? 'met (cold)' : best < 1000 ? 'met warm, not cold' : 'NOT met'}`);
}
