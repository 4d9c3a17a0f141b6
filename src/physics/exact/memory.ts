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
