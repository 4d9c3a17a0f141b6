/**
 * Benchmark (issue 13): the dense LU kernels of the exact engine — blocked (src/linalg/denseLu.ts,
 * complexLu.ts over gemm.ts) against the unblocked algorithm they replaced
 * (tests/reference/unblockedLu.ts), on the same random matrices, one thread, CPU time
 * (process.cpuUsage, so that other load on the machine counts less than in wall time).
 *
 * Reported in GFlop/s: factor 2n³/3 (real), 8n³/3 (complex); solveMany 2n²m, 8n²m with
 * m = min(n, M) right-hand sides (M = 1000 unless --m=M). Results agree to rounding: max |blocked − unblocked| over
 * the factors is printed.
 *
 * Run: `npx tsx bench/denseLu.bench.ts [--sizes=500,1000,2000,4000] [--m=1000] [--no-peer]`
 */
import { luFactor, luSolveMany } from '../src/linalg/denseLu.ts';
import { complexLuFactor, complexLuSolveMany } from '../src/linalg/complexLu.ts';
import {
  unblockedComplexLuFactor, unblockedComplexLuSolveMany, unblockedLuFactor, unblockedLuSolveMany,
} from '../tests/reference/unblockedLu.ts';
import { centred, lcg } from '../tests/reference/random.ts';

const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
/**
 * CPU seconds of `run` on fresh inputs from `setup`, the mean over as many runs as fill 0.5 s
 * (one run when it takes longer); returns the last run's input too (the factors, the solution).
 */
function timed<T>(setup: () => T, run: (x: T) => void): [number, T] {
  let total = 0, reps = 0, x: T;
  do {
    x = setup();
    const t = cpuSeconds();
    run(x);
    total += cpuSeconds() - t;
    reps++;
  } while (total < 0.5);
  return [total / reps, x];
}
const random = (len: number, seed: number) => { const r = centred(lcg(seed)); return Float64Array.from({ length: len }, r); };
const maxDiff = (a: Float64Array, b: Float64Array) => { let d = 0; for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i])); return d; };
const rate = (flops: number, s: number) => (flops / s / 1e9).toFixed(2).padStart(6);

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '500,1000,2000,4000').split(',').map(Number);
const peer = !process.argv.includes('--no-peer');
const maxRhs = Number(process.argv.find((a) => a.startsWith('--m='))?.slice(4) ?? 1000);

type Real = { factor: typeof luFactor; solveMany: typeof luSolveMany };
type Complex = { factor: typeof complexLuFactor; solveMany: typeof complexLuSolveMany };
const REAL: Real[] = [{ factor: luFactor, solveMany: luSolveMany }, { factor: unblockedLuFactor, solveMany: unblockedLuSolveMany }];
const COMPLEX: Complex[] = [{ factor: complexLuFactor, solveMany: complexLuSolveMany }, { factor: unblockedComplexLuFactor, solveMany: unblockedComplexLuSolveMany }];

/** [factor s, solveMany s, packed factors] of one real kernel pair. */
function runReal(k: Real, n: number, m: number, A: Float64Array, B: Float64Array): [number, number, Float64Array] {
  const piv = new Int32Array(n);
  const [tf, lu] = timed(() => A.slice(), (a) => k.factor(n, a, piv));
  const [ts] = timed(() => B.slice(), (x) => k.solveMany(n, lu, piv, m, x));
  return [tf, ts, lu];
}

/** The same for a complex kernel pair; the factors as one array [re, im]. */
function runComplex(k: Complex, n: number, m: number, Ar: Float64Array, Ai: Float64Array, Br: Float64Array, Bi: Float64Array): [number, number, Float64Array] {
  const piv = new Int32Array(n);
  const [tf, [re, im]] = timed(() => [Ar.slice(), Ai.slice()], ([a, b]) => k.factor(n, a, b, piv));
  const [ts] = timed(() => [Br.slice(), Bi.slice()], ([x, y]) => k.solveMany(n, re, im, piv, m, x, y));
  const lu = new Float64Array(2 * n * n);
  lu.set(re); lu.set(im, n * n);
  return [tf, ts, lu];
}

// warm-up: let the JIT compile every kernel before the first timing
for (const k of REAL) runReal(k, 200, 200, random(200 * 200, 1), random(200 * 200, 2));
for (const k of COMPLEX) runComplex(k, 200, 200, random(200 * 200, 1), random(200 * 200, 2), random(200 * 200, 3), random(200 * 200, 4));

console.log('dense LU kernels (issue 13), GFlop/s from CPU time, one thread: blocked | unblocked');
for (const n of sizes) {
  const m = Math.min(n, maxRhs);
  for (const kind of ['real', 'complex'] as const) {
    const w = kind === 'real' ? 2 : 8;
    const runs = (kind === 'real' ? REAL : COMPLEX).slice(0, peer ? 2 : 1).map((k) => kind === 'real'
      ? runReal(k as Real, n, m, random(n * n, n), random(n * m, n + 1))
      : runComplex(k as Complex, n, m, random(n * n, 3 * n), random(n * n, 3 * n + 1), random(n * m, 3 * n + 2), random(n * m, 3 * n + 3)));
    const [[tf, ts, lu], old] = runs;
    let line = `${kind.padEnd(7)} n = ${String(n).padStart(4)}: factor ${rate(w * n ** 3 / 3, tf)}`;
    let line2 = `                solveMany (m = ${m}) ${rate(w * n * n * m, ts)}`;
    if (old) {
      line += ` | ${rate(w * n ** 3 / 3, old[0])}  (×${(old[0] / tf).toFixed(1)}; max |ΔLU| ${maxDiff(lu, old[2]).toExponential(1)})`;
      line2 += ` | ${rate(w * n * n * m, old[1])}  (×${(old[1] / ts).toFixed(1)})`;
    }
    console.log(line); console.log(line2);
  }
}
