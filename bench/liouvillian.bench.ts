/**
 * Benchmark (issue 13): the exact finite-N engine, certified, against SciPy on the same matrices.
 *
 * Cases (spin dissipator):
 *  - gaps (the four sectors' Δ of Eqs. 15–16, certified: exact block LU, left vectors, error
 *    bounds, imaginary-axis search): N = 40, d = 2 at (γ_I, γ_C, V) = (0.9, 0.35, 1) [goal < 2 s],
 *    (4, 4) [goal < 0.3 s], (4, 5), (5, 5) [dim 30 087, goal: faster than SciPy] at (1.8, 0.2, 1);
 *    also without the search (maxShifts = 0: eigenvalues certified, completeness not) for scale;
 *  - steady states of (150, 2) and (6, 5) [≈ 150 000] at (1.8, 0.2, 1).
 * All in this one Node process, one thread, sequentially, after an untimed JIT warm-up (the
 * four gaps of (20, 2)); a case whose four gaps take under 5 s is run three times and the best
 * counts (the peer's runs likewise), the first run printed too. Then, for the gap cases up to (4, 5), the same four gaps on a warm pool
 * of worker threads in this process (cli/sectorPool.ts, one worker per core up to 4, the sectors
 * handed out largest first — as the explorer's page runs a point on its workers and
 * `gaps --threads` does), after the pool's own warm-up and with the PI basis built untimed, as in
 * the one-thread runs; the gaps must equal the one-thread ones. The sector matrices are written to a temp dir and
 * bench/peer_scipy.py times SciPy on them: ARPACK shift-invert with SuperLU (k = 6 nearest the
 * same shift), numpy's dense eigvals where the sector fits (dim ≤ 4000), and for the steady
 * states SuperLU on the bordered system and ILU-preconditioned inverse iteration.
 *
 * Run: `npx tsx bench/liouvillian.bench.ts [--quick] [--no-peer] [--skip-no-search] [--only=N,d;N,d] [--superlu-timeout=SECONDS]`
 * (--quick: N = 40 d = 2 and (4, 4) only.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeParams } from '../src/physics/model/model.ts';
import { buildPiBasis } from '../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../src/physics/exact/liouvillian.ts';
import { steadyStateOfSector } from '../src/physics/exact/steadyState.ts';
import { defaultSigma, gapsFromSpectra, sectorLiouvillianSpectrum } from '../src/physics/exact/spectrum.ts';
import { SECTOR_LABELS, parseSector } from '../src/physics/exact/sectors.ts';
import { estimateBytes, estimateFallbackBytes } from '../src/physics/exact/memory.ts';
import type { Csr } from '../src/linalg/csr.ts';
import { availableParallelism } from 'node:os';
import { createSectorPool } from '../cli/sectorPool.ts';

interface Case { N: number; d: number; rates: { gammaI: number; gammaC: number; V: number }; task: 'gaps' | 'steady' }
const A_RATES = { gammaI: 0.9, gammaC: 0.35, V: 1 };
const B_RATES = { gammaI: 1.8, gammaC: 0.2, V: 1 };

function writeCsr(path: string, A: Csr, extra?: Float64Array): void {
  const nnz = A.rowPtr[A.rows];
  const head = new Int32Array([A.rows, nnz, extra ? 1 : 0]);
  const parts = [head, A.rowPtr, A.colIdx.subarray(0, nnz), A.values.subarray(0, nnz)];
  if (extra) parts.push(extra);
  writeFileSync(path, Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

/** Runs (ours and the peer's) shorter than this are repeated, best of 3. */
const REPEAT_BELOW_MS = 5000;

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const gib = (x: number) => (x / 1024 ** 3).toFixed(2) + ' GiB';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const noPeer = process.argv.includes('--no-peer');
  // (the run without the search is for scale only; at (5, 5) it costs as much as the real one)
  const skipNoSearch = process.argv.includes('--skip-no-search');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(';');
  let cases: Case[] = [
    { N: 40, d: 2, rates: A_RATES, task: 'gaps' },
    { N: 4, d: 4, rates: B_RATES, task: 'gaps' },
    { N: 4, d: 5, rates: B_RATES, task: 'gaps' },
    { N: 5, d: 5, rates: B_RATES, task: 'gaps' },
    { N: 150, d: 2, rates: B_RATES, task: 'steady' },
    { N: 6, d: 5, rates: B_RATES, task: 'steady' },
  ];
  if (quick) cases = cases.slice(0, 2);
  if (only) cases = cases.filter((c) => only.includes(`${c.N},${c.d}`));
  const dir = mkdtempSync(join(tmpdir(), 'qudit-bench-'));
  const ours: Record<string, Record<string, unknown>> = {};
  console.log(`exact engine (issue 13), one Node process, one thread; times are wall (CPU in brackets)`);
  {
    // JIT warm-up, not timed: a live explorer's worker is warm after its first point, and the
    // first case should not carry V8's compilation of the engine (≈ 0.6 s at N = 40).
    const t0 = performance.now();
    const pw = makeParams({ d: 2, dissipator: 'spin', ...A_RATES });
    const bw = buildPiBasis(20, 2);
    for (const label of SECTOR_LABELS) sectorLiouvillianSpectrum(bw, buildSectorLiouvillian(bw, pw, parseSector(label)), { k: 2, sigma: defaultSigma(pw) });
    console.log(`(JIT warm-up: the four gaps of (N, d) = (20, 2), ${(performance.now() - t0).toFixed(0)} ms, not timed)`);
  }
  for (const c of cases) {
    const key = `${c.N},${c.d},${c.task}`;
    const p = makeParams({ d: c.d, dissipator: 'spin', ...c.rates });
    console.log(`\n(N, d) = (${c.N}, ${c.d}) ${c.task}, (γI, γC, V) = (${c.rates.gammaI}, ${c.rates.gammaC}, ${c.rates.V}); estimate exact ${gib(estimateBytes(c.N, c.d, c.task === 'gaps' ? 'spectrum' : 'steady-state'))}, fallback ${gib(estimateFallbackBytes(c.N, c.d, c.task === 'gaps' ? 'spectrum' : 'steady-state'))}`);
    const b = buildPiBasis(c.N, c.d);
    const rec: Record<string, unknown> = { sectors: {} };
    if (c.task === 'gaps') {
      let wall = 0, cpu = 0, wall0 = 0;
      for (const label of SECTOR_LABELS) {
        const t0 = performance.now(), c0 = cpuMs();
        const L = buildSectorLiouvillian(b, p, parseSector(label));
        const t1 = performance.now(), c1 = cpuMs();
        const idx = label === '+1,+1' ? 1 : 0;
        // (5, 5): the exact factorisation (4.4e12 flops) is above the default limit of 1e11 per
        // shift, which would send it to the uncertified fallback: lifted as `--maxFactorGFlop
        // 20000 --budgetGiB 3.5` does in the CLI
        const big = c.N === 5 && c.d === 5 ? { maxFactorFlops: 2e13, budgetBytes: 3.5 * 1024 ** 3 } : {};
        const s = sectorLiouvillianSpectrum(b, L, { k: idx + 1, sigma: defaultSigma(p), ...big });
        const t2 = performance.now(), c2 = cpuMs();
        const s0 = skipNoSearch ? null : sectorLiouvillianSpectrum(b, L, { k: idx + 1, sigma: defaultSigma(p), maxShifts: 0, ...big });
        const t3 = performance.now();
        wall += t2 - t0; cpu += c2 - c0; wall0 += t3 - t2 + (t1 - t0);
        writeCsr(join(dir, `N${c.N}d${c.d}_${label}.bin`), L.matrix);
        const e = s.eigenvalues[idx];
        (rec.sectors as Record<string, unknown>)[label] = { gap: e ? -e.re : null, bound: e?.errorBound ?? null };
        console.log(`  ${label}: dim ${L.matrix.rows}, build ${(t1 - t0).toFixed(0)} ms, certified gap ${e && e.certified ? (-e.re).toFixed(10) : 'null'} ± ${e?.errorBound?.toExponential(1) ?? '—'} in ${(t2 - t1).toFixed(0)} ms [${(c2 - c1).toFixed(0)}] (${s.solver}, ${s.shifts} shifts, ${s.steps} solves, complete ${s.complete}); without search ${s0 ? `${(t3 - t2).toFixed(0)} ms` : 'skipped'}`);
        if (!s.certified) console.log(`      notes: ${s.notes.join(' | ')}`);
      }
      rec.firstMs = wall; rec.wall0Ms = skipNoSearch ? 'skipped' : wall0;
      // Runs under REPEAT_BELOW_MS are timed twice more (build and spectra, as above) and the
      // best of the three counts, here and in the peer (peer_scipy.py does the same): a
      // shared two-core machine adds tens of percent of noise to a single 0.3 s run.
      let best = wall;
      const again: number[] = [];
      if (wall < REPEAT_BELOW_MS) {
        for (let rep = 0; rep < 2; rep++) {
          const t0 = performance.now();
          for (const label of SECTOR_LABELS) {
            const L = buildSectorLiouvillian(b, p, parseSector(label));
            sectorLiouvillianSpectrum(b, L, { k: label === '+1,+1' ? 2 : 1, sigma: defaultSigma(p) });
          }
          again.push(performance.now() - t0);
        }
        best = Math.min(wall, ...again);
      }
      rec.wallMs = best;
      console.log(`  four gaps: ${(wall / 1000).toFixed(2)} s wall [${(cpu / 1000).toFixed(2)} s CPU] certified with search${again.length ? `; again ${again.map((t) => (t / 1000).toFixed(2)).join(', ')} s: best of 3 ${(best / 1000).toFixed(2)} s` : ''}; ${skipNoSearch ? 'without the search: skipped' : `${(wall0 / 1000).toFixed(2)} s without the search`}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    } else {
      const t0 = performance.now();
      const L = buildSectorLiouvillian(b, p, { p1: 1, p2: 1 });
      const t1 = performance.now();
      const ss = steadyStateOfSector(b, L);
      const t2 = performance.now();
      rec.wallMs = t2 - t1;
      const y = Float64Array.from(ss.x, (v, m) => v * L.scale[m]);
      writeCsr(join(dir, `N${c.N}d${c.d}_ss.bin`), L.matrix, Float64Array.from(ss.weights.trace, (t, m) => t / L.scale[m]));
      writeFileSync(join(dir, `N${c.N}d${c.d}_x.bin`), Buffer.from(y.buffer));
      console.log(`  (+1,+1) dim ${L.matrix.rows}: build ${(t1 - t0).toFixed(0)} ms, steady state ${(t2 - t1).toFixed(0)} ms (${ss.checks.solver}, ${ss.iterations} iterations, residual ${ss.residual.toExponential(1)}, unique ${ss.checks.unique}, Z = ${ss.Z.toFixed(10)}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    }
    ours[key] = rec;
  }
  const threads = Math.min(4, availableParallelism());
  const pooled = cases.filter((c) => c.task === 'gaps' && !(c.N === 5 && c.d === 5));
  if (threads > 1 && pooled.length) {
    console.log(`\nthe same four gaps on a warm pool of ${threads} worker threads in this process (cli/sectorPool.ts):`);
    const pool = createSectorPool(threads);
    try {
      const pw = makeParams({ d: 2, dissipator: 'spin', ...A_RATES });
      await pool.prepare(20, 2);
      await pool.run(20, pw, {}); // the pool's JIT warm-up, not timed
      for (const c of pooled) {
        const p = makeParams({ d: c.d, dissipator: 'spin', ...c.rates });
        await pool.prepare(c.N, c.d);
        const t0 = performance.now(), c0 = cpuMs();
        const spectra = await pool.run(c.N, p, {});
        let wall = performance.now() - t0;
        const cpu = cpuMs() - c0;
        const first = wall;
        if (first < REPEAT_BELOW_MS) for (let rep = 0; rep < 2; rep++) { const t = performance.now(); await pool.run(c.N, p, {}); wall = Math.min(wall, performance.now() - t); }
        const g = gapsFromSpectra(spectra);
        const one = (ours[`${c.N},${c.d},gaps`].sectors as Record<string, { gap: number | null }>);
        const diff = Math.max(...SECTOR_LABELS.map((l) => { const a = g.gaps[l], b = one[l]?.gap ?? null; return a === null || b === null ? (a === b ? 0 : Infinity) : Math.abs(a - b); }));
        ours[`${c.N},${c.d},gaps`].poolMs = wall;
        console.log(`  (${c.N}, ${c.d}): four gaps ${(first / 1000).toFixed(3)} s wall [${(cpu / 1000).toFixed(2)} s CPU]${first < REPEAT_BELOW_MS ? `, best of 3 ${(wall / 1000).toFixed(3)} s` : ''} on ${threads} threads; max |Δ − one thread| = ${diff.toExponential(1)}`);
      }
    } finally {
      await pool.close();
    }
  }
  if (noPeer) { rmSync(dir, { recursive: true, force: true }); return; }
  const py = spawnSync('python3', ['-c', 'import scipy, numpy; print(scipy.__version__)'], { encoding: 'utf8' });
  if (py.status !== 0) { console.log('\npeer: python3 with scipy not available — skipped'); rmSync(dir, { recursive: true, force: true }); return; }
  console.log(`\npeer: SciPy ${py.stdout.trim()} on the same matrices (bench/peer_scipy.py)…`);
  const script = fileURLToPath(new URL('./peer_scipy.py', import.meta.url));
  const args = [script, '--dir', dir, '--cases', cases.map((c) => `${c.N},${c.d},${c.task},${defaultSigma(makeParams({ d: c.d, dissipator: 'spin', ...c.rates }))}`).join(';')];
  const lim = process.argv.find((a) => a.startsWith('--superlu-timeout='));
  if (lim) args.push('--superlu-timeout', lim.split('=')[1]);
  const r = spawnSync('python3', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) { console.log('peer failed'); return; }
  const peer = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, Record<string, unknown>>;
  console.log('\nratios (SciPy time / our time; > 1 means we are faster):');
  const ratio = (a: unknown, b: unknown) => {
    if (typeof a === 'number' && typeof b === 'number') return `${(a / b).toFixed(2)}×`;
    // a peer stopped at its time limit: the ratio is at least limit / ours
    const stopped = typeof a === 'string' ? /^> ([\d.]+) s \(stopped\)$/.exec(a) : null;
    return stopped && typeof b === 'number' ? `≥ ${((1000 * Number(stopped[1])) / b).toFixed(2)}× (the peer was stopped at ${stopped[1]} s)` : `n/a (${String(a)})`;
  };
  const s = (x: unknown) => (typeof x === 'number' ? `${(x / 1000).toFixed(2)} s` : String(x));
  for (const c of cases) {
    const key = `${c.N},${c.d},${c.task}`;
    const o = ours[key], q = peer[key] ?? {};
    if (c.task === 'gaps') {
      console.log(`  (${c.N}, ${c.d}) four gaps: ours ${s(o.wallMs)} certified${o.wallMs !== o.firstMs ? ` (best of 3; first run ${s(o.firstMs)})` : ''} (${s(o.wall0Ms)} without search, one run)`);
      console.log(`    SuperLU + ARPACK shift-invert (k = 6) ${s(q.eig_superlu_ms)} → ${ratio(q.eig_superlu_ms, o.wallMs)}${typeof o.wall0Ms === 'number' ? ` (${ratio(q.eig_superlu_ms, o.wall0Ms)} vs no search)` : ''}; max |gap − ours| ${q.superlu_gap_diff ?? '—'}`);
      console.log(`    numpy dense eigvals ${s(q.dense_ms)} → ${ratio(q.dense_ms, o.wallMs)}; max |gap − ours| ${q.dense_gap_diff ?? '—'}`);
      const ours4 = o.sectors as Record<string, { gap: number | null }>;
      const g = (q.gaps ?? {}) as Record<string, number>;
      const diffs = SECTOR_LABELS.filter((l) => g[l] !== undefined && ours4[l]?.gap !== null).map((l) => Math.abs(g[l] - (ours4[l].gap as number)));
      if (diffs.length) console.log(`    max |Δ_SciPy − Δ_ours| = ${Math.max(...diffs).toExponential(1)} (SciPy's best available)`);
    } else {
      console.log(`  (${c.N}, ${c.d}) steady state: ours ${s(o.wallMs)}; SuperLU ${s(q.ss_superlu_ms)} → ${ratio(q.ss_superlu_ms, o.wallMs)}; ILU inverse iteration ${s(q.ss_best_ms)} → ${ratio(q.ss_best_ms, o.wallMs)}; |Δx|/|x| ${q.ss_best_xdiff ?? '—'}`);
    }
  }
}

await main();
