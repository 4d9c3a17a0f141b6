/**
 * Benchmark (issue 9): the steady-state negativity (paper Eq. 17, Fig. 8) at the Fig. 8 point
 * (γ_I, γ_C, V) = (0.5, 0.5, 1), spin dissipator, N_A = ⌈N/2⌉, for (N, d) = (7, 4) and (7, 5):
 * the steady state and the negativity on top of it, timed separately, each in its own process
 * so that the peak memory (resourceUsage().maxRSS) belongs to that step alone.
 *
 * (7, 5): the steady state's (+1,+1) sector has ≈ 660 000 elements and the memory guard refuses
 * it (estimate ≈ 5 GiB); unless --steady-7-5 is given (then it is attempted with
 * --budgetGiB, default 8, also the budget of the other steady states) the negativity is timed on a stand-in of the same sector: the projection
 * of a spin-coherent product state onto (+1,+1), i.e. the average of ϱ^{⊗N} over {1, Π1, T, Π1T},
 * a mixture of four product states — separable, so its negativity must come out 0 up to rounding
 * (an end-to-end check at full size). The block work does not depend on the state.
 *
 * Run: `npx tsx bench/negativity.bench.ts [--quick] [--cases=7,4;7,5] [--steady-7-5] [--budgetGiB=8] [--no-scalar]`
 * (--quick: (5, 4) and (5, 5) instead). Reported: wall and CPU time (ms), peak RSS (MiB),
 * and for the negativity the set-up (Schur–Weyl parties + assembly of all blocks) and the block
 * eigenvalues (wall), the CPU time of the negativity call alone (without reading the state) and
 * the bytes of the blocks, which are all held at once after the assembly. The negativity runs
 * twice, in separate processes: with the eigensolver's WebAssembly SIMD kernels (the default)
 * and with its scalar JavaScript kernels (what a browser without WebAssembly SIMD gets), for
 * comparison. Measured 2026-11-30 on the loaded 2-core machine (load ≈ 4.5), CPU time in
 * negativity() and peak RSS, this bench and the one before the SIMD kernels run back to back:
 * (7, 5) 6.0 s, 499 MiB (before: 15.4 s, 479 MiB; scalar kernels now 15.8 s, 523 MiB);
 * (7, 4) 0.68 s, 140 MiB (before: 0.64 s, 123 MiB — set-up and assembly dominate there).
 * --no-scalar skips the second run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeParams } from '../src/physics/model/model.ts';
import { buildPiBasis, piDimension } from '../src/physics/exact/piBasis.ts';
import { buildSectorBasis } from '../src/physics/exact/sectors.ts';
import { steadySector, steadyState } from '../src/physics/exact/steadyState.ts';
import { productStateCoordinates } from '../src/physics/exact/observables.ts';
import { spinCoherentState } from '../src/physics/meanfield/meanfield.ts';
import { negativity, negativityCost, piCoefficientsOfSector } from '../src/physics/exact/negativity.ts';
import { estimateBytes } from '../src/physics/exact/memory.ts';

const RATES = { gammaI: 0.5, gammaC: 0.5, V: 1 };
const self = fileURLToPath(import.meta.url);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`));
const mib = () => process.resourceUsage().maxRSS / 1024;

interface StepResult { ok: boolean; wallMs?: number; cpuMs?: number; maxRssMiB?: number; [k: string]: unknown }

/** Child-process steps: `--step=steady|negativity|standin --N= --d= --file= [--scalar]`. */
function runStep(step: string, N: number, d: number, file: string, budgetGiB: number, scalar = false): StepResult {
  const p = makeParams({ d, dissipator: 'spin', ...RATES });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (step === 'steady') {
    const r = steadyState(N, p, { budgetBytes: budgetGiB * 1024 ** 3 });
    writeFileSync(file, Buffer.from(r.x.buffer, r.x.byteOffset, r.x.byteLength));
    return { ok: true, wallMs: performance.now() - t0, cpuMs: process.cpuUsage(c0).user / 1e3, maxRssMiB: mib(), dim: r.dim, residual: r.residual, solver: r.checks?.solver };
  }
  const b = buildPiBasis(N, d);
  let c;
  if (step === 'negativity') {
    const buf = readFileSync(file);
    const x = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
    c = piCoefficientsOfSector(b, buildSectorBasis(b, steadySector(p)), x);
  } else {
    const sec = buildSectorBasis(b, { p1: 1, p2: 1 });
    const psi = spinCoherentState(d, 1.1, 0.4);
    c = piCoefficientsOfSector(b, sec, productStateCoordinates(b, sec, psi.re, psi.im));
  }
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const r = negativity(b, c, Math.ceil(N / 2), { simd: !scalar });
  const negCpuMs = process.cpuUsage(c1).user / 1e3;
  const t2 = performance.now();
  const big = r.blocks.reduce((m, bl) => Math.max(m, bl.size), 0);
  return {
    ok: true, wallMs: t2 - t0, cpuMs: process.cpuUsage(c0).user / 1e3, maxRssMiB: mib(),
    inputMs: t1 - t0, negativityMs: t2 - t1, negCpuMs, setupMs: r.timeMs.setup, blocksMs: r.timeMs.blocks,
    blockMiB: r.blocks.reduce((s, bl) => s + 8 * bl.size * bl.size, 0) / 2 ** 20,
    negativity: r.negativity, logNegativity: r.logNegativity, traceCheck: r.traceCheck, errorEstimate: r.errorEstimate,
    blocks: r.blocks.length, largestBlock: big, frame: r.frame, paritySplit: r.paritySplit,
  };
}

function child(step: string, N: number, d: number, file: string, budgetGiB: number, scalar = false): StepResult {
  const r = spawnSync('npx', ['tsx', self, `--step=${step}`, `--N=${N}`, `--d=${d}`, `--file=${file}`, `--budgetGiB=${budgetGiB}`, ...(scalar ? ['--scalar'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as StepResult;
  } catch {
    return { ok: false, error: (r.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`) };
  }
}

const fmt = (x: unknown, digits = 0) => (typeof x === 'number' ? x.toFixed(digits) : String(x));

const stepArg = arg('step');
if (stepArg) {
  const get = (n: string) => process.argv.find((a) => a.startsWith(`--${n}=`))!.split('=')[1];
  try {
    process.stdout.write(JSON.stringify(runStep(stepArg.split('=')[1], Number(get('N')), Number(get('d')), get('file'), Number(get('budgetGiB')), !!arg('scalar'))) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }) + '\n');
  }
} else {
  const quick = !!arg('quick');
  const budgetGiB = Number(arg('budgetGiB')?.split('=')[1] ?? 8);
  const only = arg('cases')?.split('=')[1]; // e.g. --cases=7,4;7,5
  const cases: Array<[number, number]> = only
    ? only.split(';').map((c) => c.split(',').map(Number) as [number, number])
    : quick ? [[5, 4], [5, 5]] : [[7, 4], [7, 5]];
  const dir = mkdtempSync(join(tmpdir(), 'negbench-'));
  console.log(`negativity bench: spin, (γI, γC, V) = (${RATES.gammaI}, ${RATES.gammaC}, ${RATES.V}), NA = ⌈N/2⌉`);
  try {
    for (const [N, d] of cases) {
      const cost = negativityCost(N, d);
      console.log(`\n(N, d) = (${N}, ${d}): ${cost.largestBlock} largest block, ${(cost.flops / 1e9).toFixed(1)} GFlop in the blocks (predicted)`);
      const file = join(dir, `x_${N}_${d}.bin`);
      // the steady state up to (7, 4) (sector 43 186); (7, 5) (sector ≈ 660 000) only on request
      const sectorDim = piDimension(N, d) / 4;
      let ss: StepResult = { ok: false, error: `skipped: sector ≈ ${Math.round(sectorDim)}, memory guard estimate ${(estimateBytes(N, d, 'steady-state') / 2 ** 30).toFixed(1)} GiB (pass --steady-7-5 to try)` };
      if (sectorDim < 1e5 || arg('steady-7-5')) ss = child('steady', N, d, file, budgetGiB);
      if (ss.ok) {
        console.log(`  steady state : ${fmt(ss.wallMs)} ms wall, ${fmt(ss.cpuMs)} ms CPU, peak RSS ${fmt(ss.maxRssMiB)} MiB (sector dim ${ss.dim}, residual ${Number(ss.residual).toExponential(1)}, ${ss.solver})`);
      } else console.log(`  steady state : not computed (${ss.error})`);
      for (const scalar of arg('no-scalar') ? [false] : [false, true]) {
        const neg = child(ss.ok ? 'negativity' : 'standin', N, d, file, budgetGiB, scalar);
        const what = (scalar ? 'neg. scalar' : 'negativity ') + (ss.ok ? '  ' : '* ');
        if (neg.ok) {
          console.log(`  ${what}: ${fmt(neg.negativityMs)} ms wall (set-up ${fmt(neg.setupMs)} + blocks ${fmt(neg.blocksMs)}; + ${fmt(neg.inputMs)} ms reading the state), ${fmt(neg.negCpuMs)} ms CPU in negativity(), ${fmt(neg.cpuMs)} ms CPU for the whole step, peak RSS ${fmt(neg.maxRssMiB)} MiB (blocks ${fmt(neg.blockMiB)} MiB)`);
          console.log(`                 𝒩 = ${neg.negativity}, log₂‖ρ^TB‖₁ = ${neg.logNegativity}, Tr ρ^TB = ${neg.traceCheck}, error estimate ${Number(neg.errorEstimate).toExponential(1)}; ${neg.blocks} blocks (largest ${neg.largestBlock}), frame ${neg.frame}, Π1 split ${neg.paritySplit}`);
          if (!ss.ok) console.log('                 * on the separable stand-in state (𝒩 must be 0 up to the error estimate)');
        } else console.log(`  ${what}: failed (${neg.error})`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
