/**
 * Benchmark (issue 5): the exact finite-N engine on the (+1,+1) sector of (N, d) = (5, 5)
 * [dim 30 087] and (7, 4) [dim 43 186], spin dissipator, (γ_I, γ_C, V) = (1.8, 0.2, 1):
 * build time, steady-state time, and the 6 eigenvalues of smallest |Re| in each of the four
 * sectors (the four sectors in parallel Node worker threads, as the browser pool does), peak
 * memory. Then the same matrices are handed to bench/peer_scipy.py (SciPy: SuperLU + ARPACK
 * shift-invert, and the best SciPy method we found) and the ratios are printed.
 *
 * Run: `npx tsx bench/liouvillian.bench.ts [--quick] [--no-peer] [--superlu-timeout=SECONDS]`
 * (--quick: (N, d) = (4, 4) and (4, 5), a minute or two; the full mode takes several minutes,
 * most of it in SciPy's SuperLU.)
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeParams } from '../src/physics/model/model.ts';
import { buildPiBasis } from '../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../src/physics/exact/liouvillian.ts';
import { steadyStateOfSector } from '../src/physics/exact/steadyState.ts';
import { defaultSigma, sectorSpectrum } from '../src/physics/exact/spectrum.ts';
import { parseSector } from '../src/physics/exact/sectors.ts';
import type { Csr } from '../src/linalg/csr.ts';

const RATES = { gammaI: 1.8, gammaC: 0.2, V: 1 };
const SECTORS = ['+1,+1', '+1,-1', '-1,+1', '-1,-1'];

interface SectorJob { N: number; d: number; sector: string; dir: string }
interface SectorResult {
  sector: string; dim: number; nnz: number; buildMs: number; eigMs: number; method: string;
  eigenvalues: Array<[number, number]>; residuals: number[]; converged: boolean[]; maxRssMiB: number;
}

function writeCsr(path: string, A: Csr, extra?: Float64Array): void {
  const nnz = A.rowPtr[A.rows];
  const head = new Int32Array([A.rows, nnz, extra ? 1 : 0]);
  const parts = [head, A.rowPtr, A.colIdx.subarray(0, nnz), A.values.subarray(0, nnz)];
  if (extra) parts.push(extra);
  writeFileSync(path, Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

function runSector(job: SectorJob): SectorResult {
  const p = makeParams({ d: job.d, dissipator: 'spin', ...RATES });
  const b = buildPiBasis(job.N, job.d);
  const t0 = performance.now();
  const L = buildSectorLiouvillian(b, p, parseSector(job.sector));
  const t1 = performance.now();
  const s = sectorSpectrum(L.matrix, { k: 6, sigma: defaultSigma(p) });
  const t2 = performance.now();
  writeCsr(join(job.dir, `N${job.N}d${job.d}_${job.sector}.bin`), L.matrix);
  return {
    sector: job.sector, dim: L.sector.dim, nnz: L.matrix.rowPtr[L.sector.dim], buildMs: t1 - t0, eigMs: t2 - t1, method: s.method,
    eigenvalues: s.eigenvalues.map((e) => [e.re, e.im]), residuals: s.eigenvalues.map((e) => e.residual),
    converged: s.eigenvalues.map((e) => e.converged), maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

if (!isMainThread) {
  parentPort!.postMessage(runSector(workerData as SectorJob));
} else {
  await main();
}

function inWorker(job: SectorJob): Promise<SectorResult> {
  const src = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve, reject) => {
    const w = new Worker(src, { eval: true, workerData: job });
    w.once('message', (m) => { resolve(m as SectorResult); void w.terminate(); });
    w.once('error', reject);
  });
}

async function pool<T, R>(items: T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await f(items[i]); }
  }));
  return out;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const noPeer = process.argv.includes('--no-peer');
  const sizes: Array<[number, number]> = quick ? [[4, 4], [4, 5]] : [[5, 5], [7, 4]];
  const threads = Math.min(4, availableParallelism());
  const dir = mkdtempSync(join(tmpdir(), 'qudit-bench-'));
  console.log(`exact finite-N engine, spin dissipator, (γI, γC, V) = (1.8, 0.2, 1); ${quick ? 'QUICK' : 'FULL'} mode; ${availableParallelism()} cores, ${threads} worker threads`);
  const ours: Record<string, { buildMs: number; ssMs: number; eigWallMs: number; eigSumMs: number; dim: number; rss: number; Z: number; sectors: SectorResult[] }> = {};
  for (const [N, d] of sizes) {
    const p = makeParams({ d, dissipator: 'spin', ...RATES });
    const t0 = performance.now();
    const b = buildPiBasis(N, d);
    const tb = performance.now();
    const L = buildSectorLiouvillian(b, p, { p1: 1, p2: 1 });
    const t1 = performance.now();
    const ss = steadyStateOfSector(b, L);
    const t2 = performance.now();
    writeCsr(join(dir, `N${N}d${d}_ss.bin`), L.matrix, ss.weights.trace);
    writeFileSync(join(dir, `N${N}d${d}_x.bin`), Buffer.from(ss.x.buffer));
    const te = performance.now();
    const sectors = await pool(SECTORS.map((sector) => ({ N, d, sector, dir })), threads, inWorker);
    const eigWall = performance.now() - te;
    const key = `${N},${d}`;
    ours[key] = {
      buildMs: t1 - tb, ssMs: t2 - t1, eigWallMs: eigWall, eigSumMs: sectors.reduce((s, r) => s + r.eigMs, 0), dim: L.sector.dim,
      rss: Math.max(process.resourceUsage().maxRSS / 1024, ...sectors.map((s) => s.maxRssMiB)), Z: ss.Z, sectors,
    };
    console.log(`\n(N, d) = (${N}, ${d}): (+1,+1) dim ${L.sector.dim}, nnz ${L.matrix.rowPtr[L.sector.dim]}; basis ${(tb - t0).toFixed(0)} ms`);
    console.log(`  build (+1,+1)           ${(t1 - tb).toFixed(0)} ms`);
    console.log(`  steady state            ${(t2 - t1).toFixed(0)} ms  (${ss.method}, ${ss.iterations} inner iterations, residual ${ss.residual.toExponential(1)}, Z = ${ss.Z.toFixed(10)}, purity ${ss.purity.toFixed(8)})`);
    console.log(`  6 eigenvalues × 4 sectors: wall ${eigWall.toFixed(0)} ms in ${threads} threads (sum of per-sector times ${ours[key].eigSumMs.toFixed(0)} ms)`);
    for (const s of sectors) {
      const e0 = s.eigenvalues[s.sector === '+1,+1' ? 1 : 0];
      console.log(`    ${s.sector}: dim ${s.dim}, build ${s.buildMs.toFixed(0)} ms, eigen ${s.eigMs.toFixed(0)} ms (${s.method}), gap ${(-e0[0]).toFixed(10)}, max residual ${Math.max(...s.residuals).toExponential(1)}, all converged ${s.converged.every((c) => c)}`);
    }
    console.log(`  peak RSS (process incl. workers) ${ours[key].rss.toFixed(0)} MiB`);
  }
  if (noPeer) { rmSync(dir, { recursive: true, force: true }); return; }
  const py = spawnSync('python3', ['-c', 'import scipy, numpy; print(scipy.__version__)'], { encoding: 'utf8' });
  if (py.status !== 0) {
    console.log('\npeer: python3 with scipy not available — SciPy comparison skipped');
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  console.log(`\npeer: SciPy ${py.stdout.trim()} on the same matrices (bench/peer_scipy.py)…`);
  const script = fileURLToPath(new URL('./peer_scipy.py', import.meta.url));
  const args = [script, '--dir', dir, '--sizes', sizes.map(([N, d]) => `${N},${d}`).join(';')];
  if (quick) args.push('--quick');
  const lim = process.argv.find((a) => a.startsWith('--superlu-timeout='));
  if (lim) args.push('--superlu-timeout', lim.split('=')[1]);
  const r = spawnSync('python3', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) { console.log('peer failed'); return; }
  const peer = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, Record<string, unknown>>;
  console.log('\nratios (SciPy time / our time; > 1 means we are faster):');
  for (const [N, d] of sizes) {
    const key = `${N},${d}`;
    const o = ours[key], q = peer[key];
    // largest distance from one of our eigenvalues to the nearest SciPy one, over the four sectors
    const theirs = (q.eig_best ?? {}) as Record<string, Array<[number, number]>>;
    q.eig_best_maxdiff = Math.max(...o.sectors.map((s) => Math.max(...s.eigenvalues.map(([a, b]) =>
      Math.min(...(theirs[s.sector] ?? [[NaN, NaN]]).map(([c, e]) => Math.hypot(a - c, b - e)))))));
    const ratio = (a: unknown, b: number) => (typeof a === 'number' ? `${(a / b).toFixed(2)}×` : `n/a (${String(a)})`);
    console.log(`  (${N}, ${d}) dim ${o.dim}:`);
    console.log(`    steady state: SuperLU ${fmt(q.ss_superlu_ms)} → ${ratio(q.ss_superlu_ms, o.ssMs)}; best SciPy (${q.ss_best_method}) ${fmt(q.ss_best_ms)} → ${ratio(q.ss_best_ms, o.ssMs)}; |Δx|/|x| vs ours ${fmtE(q.ss_best_xdiff)}`);
    console.log(`    4×6 eigenvalues (ours: wall in ${threads} threads ${o.eigWallMs.toFixed(0)} ms; sequential ${o.eigSumMs.toFixed(0)} ms):`);
    console.log(`      SuperLU + ARPACK shift-invert ${fmt(q.eig_superlu_ms)} → ${ratio(q.eig_superlu_ms, o.eigWallMs)}`);
    console.log(`      best SciPy (${q.eig_best_method}) ${fmt(q.eig_best_ms)} → ${ratio(q.eig_best_ms, o.eigWallMs)} wall, ${ratio(q.eig_best_ms, o.eigSumMs)} sequential; max |λ − ours| ${fmtE(q.eig_best_maxdiff)}`);
    console.log(`      ARPACK 'LR' (no inversion; fast but unreliable where interaction dominates) ${fmt(q.eig_lr_ms)} → ${ratio(q.eig_lr_ms, o.eigWallMs)}`);
  }
}

function fmt(x: unknown): string {
  return typeof x === 'number' ? `${(x / 1000).toFixed(2)} s` : String(x);
}
function fmtE(x: unknown): string {
  return typeof x === 'number' ? x.toExponential(1) : String(x);
}
