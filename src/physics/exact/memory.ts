/**
 * Memory guard: a conservative estimate of the bytes an exact finite-N computation needs
 * (basis, sector matrix, factorisation, Krylov vectors), checked against a budget before
 * anything is allocated.
 *
 * The exact inner solve is the block-tridiagonal LU over the E levels (linalg/blockTridiagonalLu.ts):
 * Σ_k 16·b_k² bytes (complex factors) for level blocks b_k. The level sizes are counted here
 * without building the basis: the number of multisets of N labels (a, b) with Σ(a + b) = E is
 * a coefficient of Π_{a,b} 1/(1 − t x^{a+b}) (a dynamic programme over labels), and a
 * Z2×Z2 sector holds about half of each level of its E parity. When the exact path does not fit,
 * the engine falls back to ILUT + GMRES (uncertified); the guard refuses only when even that
 * does not fit, and its message gives both figures.
 */
import { piDimension } from './piBasis.ts';
import type { SectorSpec } from './sectors.ts';

export type Task = 'sectors' | 'build' | 'steady-state' | 'spectrum' | 'time-evolve';

export interface MemoryBudget {
  /** Bytes allowed (default 4 GiB; a browser worker should pass less). */
  budgetBytes?: number;
}

export const DEFAULT_BUDGET_BYTES = 4 * 1024 ** 3;

/** counts[E] = number of PI elements (multisets of N labels) with Σ_i (a_i + b_i) = E, E = 0..2N(d−1). */
export function levelCounts(N: number, d: number): Float64Array {
  const Emax = 2 * N * (d - 1);
  // c[n][E] over labels processed so far (unbounded multiplicity per label)
  let c = new Float64Array((N + 1) * (Emax + 1));
  c[0] = 1;
  for (let a = 0; a < d; a++) {
    for (let bb = 0; bb < d; bb++) {
      const e = a + bb;
      const nc = Float64Array.from(c);
      // nc[n][E] = Σ_{t≥0} c[n−t][E − t e]  (recurrence nc[n][E] = c[n][E] + nc[n−1][E−e])
      for (let n = 1; n <= N; n++) {
        for (let E = e; E <= Emax; E++) nc[n * (Emax + 1) + E] += nc[(n - 1) * (Emax + 1) + E - e];
      }
      c = nc;
    }
  }
  return c.subarray(N * (Emax + 1), (N + 1) * (Emax + 1)).slice();
}

/** Bytes of the complex block LU factors of one sector (≈ half of each level of its parity). */
export function blockLuBytes(N: number, d: number, spec: SectorSpec = { p1: 1, p2: 1 }): number {
  const counts = levelCounts(N, d);
  const f = spec.p2 !== 0 ? 0.5 : 1;
  let s = 0, work = 0;
  for (let E = 0; E < counts.length; E++) {
    if (spec.p1 !== 0 && (E & 1) !== (spec.p1 === 1 ? 0 : 1)) continue;
    const b = counts[E] * f * (spec.p1 === 0 ? 1 : 1);
    s += 16 * b * b;
    const nxt = (counts[E + 2] ?? 0) * f;
    work = Math.max(work, 16 * b * nxt);
  }
  return s + work;
}

/**
 * Flops of one complex block LU of a sector (the exact path's factorisation at a complex shift,
 * blockTridiagonalLuFlops in linalg/blockTridiagonalLu.ts, here from the level counts without
 * building anything): Σ_k 8·(b_k³/3 + b_k² b_{k+1}) over the E levels b_k of the sector's parity,
 * taking half of each level: exact for p1 = −1; for p1 = +1 the elements paired with themselves
 * by Π2 all fall in p2 = +1, so (+1, +1) is larger (measured: the estimate is 0.63–0.87 of its
 * flops for N·d ≤ 24, closer as N, d grow) and (+1, −1) smaller — the maximum over the four
 * sectors never exceeds the largest real one (tests/physics/exact/certifiedGapsGuard.test.ts).
 */
export function blockLuFlops(N: number, d: number, spec: SectorSpec = { p1: 1, p2: 1 }): number {
  const counts = levelCounts(N, d);
  const f = spec.p2 !== 0 ? 0.5 : 1;
  const blocks: number[] = [];
  for (let E = 0; E < counts.length; E++) {
    if (spec.p1 !== 0 && (E & 1) !== (spec.p1 === 1 ? 0 : 1)) continue;
    blocks.push(counts[E] * f);
  }
  let flops = 0;
  for (let k = 0; k < blocks.length; k++) flops += 8 * (blocks[k] ** 3 / 3 + blocks[k] ** 2 * (blocks[k + 1] ?? 0));
  return flops;
}

/** Estimated peak bytes for `task` on one sector of (N, d), exact path (block LU). */
export function estimateBytes(N: number, d: number, task: Task, spec: SectorSpec = { p1: 1, p2: 1 }): number {
  const D = d * d;
  const full = piDimension(N, d);
  // full-space tables: occupations, rank→sector index, complex accumulators, touched marks
  const basis = full * ((N > 255 ? 2 : 1) * D + 4 + 16 + 1 + 4);
  if (task === 'sectors') return full * ((N > 255 ? 2 : 1) * D);
  const split = (spec.p1 !== 0 ? 2 : 1) * (spec.p2 !== 0 ? 2 : 1);
  const s = full / split;
  // entries per column: two-body moves between the ≤ min(N, D) occupied labels (measured ≈ 60 at N = d = 5)
  const k = Math.min(N, D);
  const nnzPerRow = Math.min(s, 3 * k * k + 10);
  const matrix = 2 * 12 * s * nnzPerRow; // CSC during build + CSR
  if (task === 'build') return basis + matrix;
  if (task === 'time-evolve') return basis + matrix + 8 * s * 10; // dopri5 stages
  const krylov = 16 * s * 2 * 40;
  // beyond a petabyte the block sizes do not matter (and their table, ~2N²(d−1) doubles, would
  // not fit in memory itself, e.g. N = 10⁶): the estimate is already above any budget
  if (basis + matrix > 2 ** 50) return basis + matrix + krylov;
  return basis + matrix + blockLuBytes(N, d, spec) + krylov;
}

/** Peak bytes of the ILUT + GMRES fallback (no exact factorisation). */
export function estimateFallbackBytes(N: number, d: number, task: Task, spec: SectorSpec = { p1: 1, p2: 1 }): number {
  if (task !== 'spectrum' && task !== 'steady-state') return estimateBytes(N, d, task, spec);
  const base = estimateBytes(N, d, 'build', spec);
  const split = (spec.p1 !== 0 ? 2 : 1) * (spec.p2 !== 0 ? 2 : 1);
  const s = piDimension(N, d) / split;
  const k = Math.min(N, d * d);
  const nnzPerRow = Math.min(s, 3 * k * k + 10);
  return base + 12 * s * (2 * 40 + nnzPerRow) + 8 * s * 2 * 81 + (task === 'spectrum' ? 8 * s * 100 : 0);
}

/**
 * Throws a RangeError naming N, d and the estimate when even the fallback exceeds the budget
 * (the exact path is chosen later, per sector, from the measured partition).
 */
export function checkBudget(N: number, d: number, task: Task, spec: SectorSpec | undefined, opts: MemoryBudget): void {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const est = estimateBytes(N, d, task, spec);
  if (est <= budget) return;
  const fb = estimateFallbackBytes(N, d, task, spec);
  if (fb > budget) {
    const gib = (x: number) => (x / 1024 ** 3).toFixed(2) + ' GiB';
    throw new RangeError(`N=${N}, d=${d}: ${task} needs an estimated ${gib(fb)} (exact solver ${gib(est)}), above the memory budget of ${gib(budget)}`);
  }
}

/**
 * Default largest factorisation (flops, as blockLuFlops: complex) for the exact path of spectra
 * and gaps — several factorisations per sector: 1e11 ≈ 6 s each with the SIMD kernels
 * (≈ 16 GFlop/s), a few minutes per point.
 */
export const DEFAULT_MAX_FACTOR_FLOPS = 1e11;

/**
 * Default largest real factorisation (flops) for the steady state's exact path (one real
 * factorisation and a few solves): 2e12 ≈ 2 min at ≈ 17 GFlop/s (measured: (150, 2), 1.4e12
 * flops, 137 s CPU and 2.3 GB in all). Above it, or where the factors do not fit the memory
 * budget, the ILUT + GMRES fallback runs — uncertified, and > 25 min at (150, 2).
 */
export const DEFAULT_STEADY_MAX_FACTOR_FLOPS = 2e12;

/**
 * Certified gaps need the exact path (the ILUT + GMRES fallback has no error bound, so a gap from
 * it is always null). Throws a RangeError naming N, d and the figures when the exact
 * factorisation of a sector is estimated above the memory budget or the flop limit by more than
 * `slack` (default 1.25: the per-sector decision, made later on the real partition, is exact;
 * this only refuses what clearly cannot run, before anything is built).
 */
export function checkCertifiedGaps(N: number, d: number, opts: MemoryBudget & { maxFactorFlops?: number }, slack = 1.25): void {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const maxFlops = opts.maxFactorFlops ?? DEFAULT_MAX_FACTOR_FLOPS;
  const specs: SectorSpec[] = [{ p1: 1, p2: 1 }, { p1: 1, p2: -1 }, { p1: -1, p2: 1 }, { p1: -1, p2: -1 }];
  const bytes = Math.max(...specs.map((s) => estimateBytes(N, d, 'spectrum', s)));
  const flops = Math.max(...specs.map((s) => blockLuFlops(N, d, s)));
  const gib = (x: number) => (x / 1024 ** 3).toFixed(2) + ' GiB';
  const gflop = (x: number) => { const g = x / 1e9; return g >= 0.01 && g < 1e5 ? String(Number(g.toPrecision(3))) : g.toExponential(2); };
  const why: string[] = [];
  if (bytes > slack * budget) why.push(`an estimated ${gib(bytes)} per sector, above the memory budget of ${gib(budget)} (--budgetGiB)`);
  if (flops > slack * maxFlops) why.push(`${gflop(flops)} GFlop per factorisation, above the limit of ${gflop(maxFlops)} GFlop (--maxFactorGFlop)`);
  if (why.length) {
    throw new RangeError(`N=${N}, d=${d}: certified gaps need the exact block LU: ${why.join(' and ')}; the ILUT + GMRES fallback (${gib(estimateFallbackBytes(N, d, 'spectrum'))}) cannot certify a gap, so nothing was computed`);
  }
}
