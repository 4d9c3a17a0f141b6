/**
 * Memory guard: a conservative estimate of the bytes an exact finite-N computation needs
 * (basis, sector matrix, factorisation, Krylov vectors), checked against a budget before
 * anything is allocated.
 */
import { piDimension } from './piBasis.ts';
import type { SectorSpec } from './sectors.ts';

export type Task = 'sectors' | 'build' | 'steady-state' | 'spectrum' | 'time-evolve';

export interface MemoryBudget {
  /** Bytes allowed (default 4 GiB; a browser worker should pass less). */
  budgetBytes?: number;
}

export const DEFAULT_BUDGET_BYTES = 4 * 1024 ** 3;

/** Estimated peak bytes for `task` on one sector of (N, d) (sector size from the Z2×Z2 split ≈ 1/4). */
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
  const dense = s <= 1200 ? 8 * s * s : 0;
  const ilutFill = s > 1200 ? 12 * s * (2 * 40 + nnzPerRow) : 0;
  const gmresVecs = 8 * s * 2 * 81;
  if (task === 'steady-state') return basis + matrix + dense + ilutFill + gmresVecs;
  if (task === 'spectrum') return basis + matrix + dense + ilutFill + gmresVecs + 8 * s * 100;
  return basis + matrix + 8 * s * 10; // time-evolve: dopri5 stages
}

/** Throws a RangeError naming N, d and the estimate when it exceeds the budget. */
export function checkBudget(N: number, d: number, task: Task, spec: SectorSpec | undefined, opts: MemoryBudget): void {
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const est = estimateBytes(N, d, task, spec);
  if (est > budget) {
    const gib = (x: number) => (x / 1024 ** 3).toFixed(2) + ' GiB';
    throw new RangeError(`N=${N}, d=${d}: ${task} needs an estimated ${gib(est)}, above the memory budget of ${gib(budget)}`);
  }
}
