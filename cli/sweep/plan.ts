/**
 * The work plan of a sweep: the grid from `a:b:n` flags, its cut into warm-start chains, and the
 * deterministic split of the chains over shards. Everything here depends on the header only,
 * so every shard, thread and resumed run agrees on it.
 */
import { CliError } from '../args.ts';
import { type SweepAxis, type SweepHeader, gridSize } from '../../src/contracts/sweepFile.ts';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** `a:b:n` (n points from a to b inclusive) or a single value `a` (one point). Throws CliError. */
export function parseAxis(flag: string, raw: string): SweepAxis {
  const parts = raw.split(':').map((s) => s.trim());
  const bad = () => new CliError(`--${flag} must be from:to:n or one value, e.g. 0.1:2:30 (got "${raw}")`);
  if (parts.length === 1) {
    if (!NUMBER.test(parts[0])) throw bad();
    return { from: Number(parts[0]), to: Number(parts[0]), n: 1 };
  }
  if (parts.length !== 3 || !NUMBER.test(parts[0]) || !NUMBER.test(parts[1]) || !/^\d+$/.test(parts[2])) throw bad();
  const axis = { from: Number(parts[0]), to: Number(parts[1]), n: Number(parts[2]) };
  if (axis.n < 1) throw new CliError(`--${flag}: n must be ≥ 1 (got ${axis.n})`);
  if (axis.n === 1 && axis.from !== axis.to) throw new CliError(`--${flag}: one point (n = 1) needs from = to (got "${raw}")`);
  if (axis.from < 0 || axis.to < 0) throw new CliError(`--${flag}: rates must be ≥ 0 (got "${raw}")`);
  return axis;
}

/** `i/n` with 0 ≤ i < n. Throws CliError. */
export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!m) throw new CliError(`--shard must be i/n with 0 ≤ i < n, e.g. 3/64 (got "${raw}")`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || index >= count) throw new CliError(`--shard must be i/n with 0 ≤ i < n (got "${raw}")`);
  return { index, count };
}

/**
 * The chains of the grid in point order: each row (fixed γ_C, iC) cut into k = ⌈n_I/chain⌉ runs
 * of consecutive γ_I points of nearly equal length (⌊n_I/k⌋ or ⌈n_I/k⌉ ≤ chain). A chain is
 * the unit of warm starting, of work for a thread and of the shard split. Each chain is a list
 * of point indices.
 */
export function gridChains(h: Pick<SweepHeader, 'gammaI' | 'gammaC' | 'chain'>): number[][] {
  const out: number[][] = [];
  const nI = h.gammaI.n;
  const k = Math.ceil(nI / h.chain);
  for (let iC = 0; iC < h.gammaC.n; iC++) {
    for (let j = 0; j < k; j++) {
      const c: number[] = [];
      for (let iI = Math.floor((j * nI) / k); iI < Math.floor(((j + 1) * nI) / k); iI++) c.push(iC * nI + iI);
      out.push(c);
    }
  }
  return out;
}

/**
 * Shard of each chain: chains stay in grid order and shard s takes those whose middle point
 * falls in [s·P/n, (s+1)·P/n) of the P points — contiguous runs whose point counts differ by at
 * most about one chain length. (The cost per point is taken as equal: a sector's dimension does not
 * change over the grid, and warm starts are confined to chains; see docs/cluster.md.)
 */
export function chainShards(h: Pick<SweepHeader, 'gammaI' | 'gammaC' | 'chain'>, count: number): number[] {
  const total = gridSize(h);
  let before = 0;
  return gridChains(h).map((c) => {
    const s = Math.min(count - 1, Math.floor(((before + c.length / 2) * count) / total));
    before += c.length;
    return s;
  });
}

/** The chains a shard computes (all of them without a shard). */
export function shardChains(h: SweepHeader): number[][] {
  const chains = gridChains(h);
  if (!h.shard) return chains;
  const owner = chainShards(h, h.shard.count);
  return chains.filter((_, k) => owner[k] === h.shard?.index);
}

/** Shard index of every point of the grid for a split into `count` shards. */
export function pointShards(h: Pick<SweepHeader, 'gammaI' | 'gammaC' | 'chain'>, count: number): Int32Array {
  const out = new Int32Array(gridSize(h));
  const owner = chainShards(h, count);
  gridChains(h).forEach((c, k) => c.forEach((i) => { out[i] = owner[k]; }));
  return out;
}
