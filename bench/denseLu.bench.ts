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
function timed(run: () => void): number {
  const t = cpuSeconds();
  run();
  return cpuSeconds() - t;
}
const random = (len: number, seed: number) => { const r = centred(lcg(seed)); return Float64Array.from({ length: len }, r); };
const maxDiff = (a: Float64Array, b: Float64Array) => { let d = 0; for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i])); return d; };
const rate = (flops: number, s: number) => (flops / s / 1e9).toFixed(2).padStart(6);

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '500,1000,2000,4000').split(',').map(Number);
const peer = !process.argv.includes('--no-peer');
const maxRhs = Number(process.argv.find((a) => a.startsWith('--m='))?.slice(4) ?? 1000);

{ // warm-up: let the JIT compile every kernel before the first timing
  const n = 200, a = random(n * n, 1), ai = random(n * n, 2), b = random(n * 8, 3), bi = random(n * 8, 4), piv = new Int32Array(n);
  for (const f of [luFactor, unblockedLuFactor]) { const lu = a.slice(); f(n, lu, piv); (f === luFactor ? luSolveMany : unblockedLuSolveMany)(n, lu, piv, 8, b.slice()); }
  for (const f of [complexLuFactor, unblockedComplexLuFactor]) {
    const re = a.slice(), im = ai.slice();
    f(n, re, im, piv);
    (f === complexLuFactor ? complexLuSolveMany : unblockedComplexLuSolveMany)(n, re, im, piv, 8, b.slice(), bi.slice());
  }
}

console.log('dense LU kernels (issue 13), GFlop/s from CPU time, one thread: blocked | unblocked');
for (const n of sizes) {
  const m = Math.min(n, maxRhs);
  // real
  {
    const A = random(n * n, n), B = random(n * m, n + 1);
    const lu = A.slice(), piv = new Int32Array(n), X = B.slice();
    const tf = timed(() => luFactor(n, lu, piv));
    const ts = timed(() => luSolveMany(n, lu, piv, m, X));
    let line = `real    n = ${String(n).padStart(4)}: factor ${rate(2 * n ** 3 / 3, tf)}`;
    let line2 = `                solveMany (m = ${m}) ${rate(2 * n * n * m, ts)}`;
    if (peer) {
      const lu0 = A.slice(), piv0 = new Int32Array(n), X0 = B.slice();
      const tf0 = timed(() => unblockedLuFactor(n, lu0, piv0));
      const ts0 = timed(() => unblockedLuSolveMany(n, lu0, piv0, m, X0));
      line += ` | ${rate(2 * n ** 3 / 3, tf0)}  (×${(tf0 / tf).toFixed(1)}; max |ΔLU| ${maxDiff(lu, lu0).toExponential(1)})`;
      line2 += ` | ${rate(2 * n * n * m, ts0)}  (×${(ts0 / ts).toFixed(1)})`;
    }
    console.log(line); console.log(line2);
  }
  // complex
  {
    const Ar = random(n * n, 3 * n), Ai = random(n * n, 3 * n + 1), Br = random(n * m, 3 * n + 2), Bi = random(n * m, 3 * n + 3);
    const re = Ar.slice(), im = Ai.slice(), piv = new Int32Array(n), Xr = Br.slice(), Xi = Bi.slice();
    const tf = timed(() => complexLuFactor(n, re, im, piv));
    const ts = timed(() => complexLuSolveMany(n, re, im, piv, m, Xr, Xi));
    let line = `complex n = ${String(n).padStart(4)}: factor ${rate(8 * n ** 3 / 3, tf)}`;
    let line2 = `                solveMany (m = ${m}) ${rate(8 * n * n * m, ts)}`;
    if (peer) {
      const re0 = Ar.slice(), im0 = Ai.slice(), piv0 = new Int32Array(n), Xr0 = Br.slice(), Xi0 = Bi.slice();
      const tf0 = timed(() => unblockedComplexLuFactor(n, re0, im0, piv0));
      const ts0 = timed(() => unblockedComplexLuSolveMany(n, re0, im0, piv0, m, Xr0, Xi0));
      line += ` | ${rate(8 * n ** 3 / 3, tf0)}  (×${(tf0 / tf).toFixed(1)}; max |ΔLU| ${Math.max(maxDiff(re, re0), maxDiff(im, im0)).toExponential(1)})`;
      line2 += ` | ${rate(8 * n * n * m, ts0)}  (×${(ts0 / ts).toFixed(1)})`;
    }
    console.log(line); console.log(line2);
  }
}
