/**
 * Z2×Z2 symmetry sectors (Section II; Π2 sign convention of DESIGN.md) with a basis of
 * HERMITIAN sector elements, in which the Liouvillian is a real matrix.
 *
 * With T(A) = e^{−iπJz/2} Aᵀ e^{+iπJz/2} (linear, T² = 1, equals Π2 on Hermitian A) and
 * δ(n) = Σ_i (a_i − b_i):  Π1 S_n = (−1)^δ S_n,  T S_n = i^δ S_{n^T},  S_n† = S_{n^T}.
 * For a pair n ≠ n^T the Hermitian elements are h_θ = e^{iθ} S_n + e^{−iθ} S_{n^T}; T maps
 * h_θ to h_{−θ−πδ/2}, so h_θ has p2 = +1 for θ = −πδ/4 and p2 = −1 for θ = −πδ/4 + π/2.
 * A self-transposed n (n = n^T, hence δ = 0) gives the single element h = S_n in (+1, +1).
 * Hence dim(+1,+1) − dim(+1,−1) = #self-transposed multisets and dim(−1,+1) = dim(−1,−1),
 * as in the paper's Section IV numbers.
 *
 * A parity 0 means "not split" (used when ℓ is complex, so that Π2 is no symmetry, and for
 * time evolution of states that are not in one sector): a pair then contributes both h_θ and
 * h_{θ+π/2}, stored consecutively.
 *
 * Elements are ordered by E = Σ(a_i + b_i) (the Liouvillian is block-tridiagonal in E levels),
 * then by rank.
 */
import { type PiBasis, excitation, imbalance, piDimension, transposeRank } from './piBasis.ts';
import { SECTOR_LABELS, type SectorLabel } from '../../contracts/exact.ts';

export type Parity = 1 | -1 | 0;
export interface SectorSpec {
  p1: Parity;
  p2: Parity;
}

export { SECTOR_LABELS, type SectorLabel };

export function parseSector(s: string): SectorSpec {
  const m = /^\s*\(?\s*([+-]?1)\s*,\s*([+-]?1)\s*\)?\s*$/.exec(s);
  if (!m) throw new RangeError(`sector must look like "+1,-1" (got "${s}")`);
  return { p1: Number(m[1]) as Parity, p2: Number(m[2]) as Parity };
}

export function sectorLabel(s: SectorSpec): string {
  const f = (p: Parity) => (p === 1 ? '+1' : p === -1 ? '-1' : '*');
  return `${f(s.p1)},${f(s.p2)}`;
}

export interface SectorBasis {
  spec: SectorSpec;
  dim: number;
  /** Rank of the representative n (the smaller rank of n, n^T). */
  rep: Int32Array;
  /** Rank of n^T (equal to rep for self-transposed elements). */
  repT: Int32Array;
  /** Phase θ of h = e^{iθ}S_n + e^{−iθ}S_{n^T} (0 for self-transposed, where h = S_n). */
  theta: Float64Array;
  /** E of each element (non-decreasing). */
  level: Int32Array;
  /** Start offsets of the E levels in the ordering: levelPtr[k]..levelPtr[k+1]. */
  levelPtr: Int32Array;
  /** Full-PI rank → index of the first sector element built on it (−1 if none). */
  indexOfRank: Int32Array;
}

/**
 * The four sector dimensions from counting alone (no Liouvillian), O(dim·D):
 * pairs with even δ give one element to each of (+1,±1), pairs with odd δ to each of (−1,±1),
 * self-transposed multisets one to (+1,+1).
 */
export function sectorDimensions(b: PiBasis): Record<SectorLabel, number> {
  const scratch = new Int32Array(b.D);
  let self = 0, evenPairs = 0, oddPairs = 0;
  for (let r = 0; r < b.dim; r++) {
    const rT = transposeRank(b, r, scratch);
    if (rT === r) self++;
    else if (r < rT) {
      if ((imbalance(b, r) & 1) === 0) evenPairs++;
      else oddPairs++;
    }
  }
  return { '+1,+1': self + evenPairs, '+1,-1': evenPairs, '-1,+1': oddPairs, '-1,-1': oddPairs };
}

/** Total PI dimension, for reporting next to the sector dimensions. */
export function totalDimension(N: number, d: number): number {
  return piDimension(N, d);
}

export function buildSectorBasis(b: PiBasis, spec: SectorSpec): SectorBasis {
  const scratch = new Int32Array(b.D);
  const reps: number[] = [];
  const repTs: number[] = [];
  const thetas: number[] = [];
  const levels: number[] = [];
  for (let r = 0; r < b.dim; r++) {
    const rT = transposeRank(b, r, scratch);
    if (rT < r) continue;
    const delta = imbalance(b, r);
    const p1: Parity = (delta & 1) === 0 ? 1 : -1;
    if (spec.p1 !== 0 && spec.p1 !== p1) continue;
    const E = excitation(b, r);
    if (rT === r) {
      if (spec.p2 !== -1) {
        reps.push(r); repTs.push(r); thetas.push(0); levels.push(E);
      }
      continue;
    }
    const th = (-Math.PI * delta) / 4;
    if (spec.p2 !== -1) {
      reps.push(r); repTs.push(rT); thetas.push(th); levels.push(E);
    }
    if (spec.p2 !== 1) {
      reps.push(r); repTs.push(rT); thetas.push(th + Math.PI / 2); levels.push(E);
    }
  }
  const dim = reps.length;
  // Stable sort by E keeps the two elements of an unsplit pair adjacent.
  const order = Array.from({ length: dim }, (_, i) => i).sort((x, y) => levels[x] - levels[y] || x - y);
  const rep = new Int32Array(dim), repT = new Int32Array(dim), level = new Int32Array(dim);
  const theta = new Float64Array(dim);
  const indexOfRank = new Int32Array(b.dim).fill(-1);
  for (let i = 0; i < dim; i++) {
    const o = order[i];
    rep[i] = reps[o]; repT[i] = repTs[o]; theta[i] = thetas[o]; level[i] = levels[o];
    if (indexOfRank[rep[i]] < 0) {
      indexOfRank[rep[i]] = i;
      indexOfRank[repT[i]] = i;
    }
  }
  const ptr: number[] = [0];
  for (let i = 1; i < dim; i++) if (level[i] !== level[i - 1]) ptr.push(i);
  ptr.push(dim);
  return { spec, dim, rep, repT, theta, level, levelPtr: Int32Array.from(ptr), indexOfRank };
}
