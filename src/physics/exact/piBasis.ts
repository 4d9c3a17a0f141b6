/**
 * The permutation-invariant (PI) operator basis of Pausch et al., Section IV.
 *
 * A single-particle operator label is p = a·d + b for |a⟩⟨b| (levels a, b = 0..d-1 counted from
 * m = −j). A PI basis element is the UNNORMALISED symmetric sum
 *     S_n = Σ over the distinct arrangements t of the multiset n of  ⊗_i |a_{t_i}⟩⟨b_{t_i}|,
 * where n is an occupation vector of length D = d² with Σ_p n_p = N. Each distinct tensor
 * product appears once with coefficient 1, so the product state ϱ^{⊗N} has the coefficients
 * Π_p ϱ_p^{n_p} (no multinomial factors), which keeps the Liouvillian well scaled. The basis is
 * orthogonal under the Hilbert–Schmidt product with ⟨S_n, S_n⟩ = N!/Π_p n_p! (the number of
 * distinct arrangements). Dimension C(N + D − 1, N).
 *
 * Ranking: the colex rank of the sorted label sequence l_1 ≤ … ≤ l_N via the combination
 * c_i = l_i + i − 1, rank = Σ_i C(c_i, i). Summing the hockey-stick identity over each block
 * of equal labels gives, with the prefix sums S_p = Σ_{q ≤ p} n_q,
 *     rank(n) = Σ_{p=1}^{D−1} [ C(p + S_p, S_p) − C(p + S_{p−1}, S_{p−1}) ],
 * i.e. O(D) per rank with a binomial table and no hash map.
 */

export interface PiBasis {
  N: number;
  d: number;
  /** Number of single-particle labels, d². */
  D: number;
  /** C(N + D − 1, N). */
  dim: number;
  /** occ[r·D + p] = n_p of the basis element of rank r. */
  occ: Uint8Array | Uint16Array;
  /** binom[x·(N+1) + y] = C(x, y) for 0 ≤ x ≤ N + D, 0 ≤ y ≤ N (doubles; exact below 2^53). */
  binom: Float64Array;
}

/** C(N + d² − 1, N) as a double (exact while below 2^53). */
export function piDimension(N: number, d: number): number {
  const D = d * d;
  let c = 1;
  for (let i = 1; i <= N; i++) c = (c * (D - 1 + i)) / i;
  return Math.round(c);
}

function binomTable(N: number, D: number): Float64Array {
  const rows = N + D + 1;
  const w = N + 1;
  const t = new Float64Array(rows * w);
  for (let x = 0; x < rows; x++) {
    t[x * w] = 1;
    for (let y = 1; y <= Math.min(x, N); y++) t[x * w + y] = t[(x - 1) * w + y - 1] + (y <= x - 1 ? t[(x - 1) * w + y] : 0);
  }
  return t;
}

/** Rank of an occupation vector (any array-like of length D summing to N). */
export function rankOcc(b: PiBasis, n: ArrayLike<number>): number {
  const { D, binom } = b;
  const w = b.N + 1;
  let S = n[0];
  let r = 0;
  for (let p = 1; p < D; p++) {
    const np = n[p];
    if (np !== 0) {
      const S1 = S + np;
      r += binom[(p + S1) * w + S1] - binom[(p + S) * w + S];
      S = S1;
    }
  }
  return r;
}

/**
 * Enumerates the whole PI space (occupation vectors indexed by rank). Memory dim·D bytes
 * (two bytes per entry when N > 255).
 */
export function buildPiBasis(N: number, d: number): PiBasis {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`N must be a positive integer (got ${N})`);
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`d must be an integer ≥ 2 (got ${d})`);
  const D = d * d;
  const dim = piDimension(N, d);
  if (!(dim < 2 ** 31)) throw new RangeError(`PI dimension C(N+d²−1, N) = ${dim} is too large (N=${N}, d=${d})`);
  const occ = N > 255 ? new Uint16Array(dim * D) : new Uint8Array(dim * D);
  const binom = binomTable(N, D);
  const b: PiBasis = { N, d, D, dim, occ, binom };
  // Depth-first enumeration of compositions of N into D parts; each is stored at its rank.
  const n = new Int32Array(D);
  let count = 0;
  const rec = (p: number, left: number): void => {
    if (p === D - 1) {
      n[p] = left;
      const r = rankOcc(b, n);
      const base = r * D;
      for (let q = 0; q < D; q++) occ[base + q] = n[q];
      count++;
      return;
    }
    for (let k = left; k >= 0; k--) {
      n[p] = k;
      rec(p + 1, left - k);
    }
    n[p] = 0;
  };
  rec(0, N);
  if (count !== dim) throw new Error(`PI enumeration produced ${count} elements, expected ${dim}`);
  return b;
}

/** Rank of the transposed multiset n^T (labels (a,b) ↦ (b,a)), i.e. of S_n† = S_{n^T}. */
export function transposeRank(b: PiBasis, r: number, scratch: Int32Array): number {
  const { d, D, occ } = b;
  const base = r * D;
  for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) scratch[c * d + a] = occ[base + a * d + c];
  return rankOcc(b, scratch);
}

/** E = Σ_i (a_i + b_i): the excitation count that Π1 measures as (−1)^E (DESIGN.md). */
export function excitation(b: PiBasis, r: number): number {
  const { d, D, occ } = b;
  const base = r * D;
  let E = 0;
  for (let p = 0; p < D; p++) {
    const np = occ[base + p];
    if (np) E += np * (((p / d) | 0) + (p % d));
  }
  return E;
}

/** δ = Σ_i (a_i − b_i); T(S_n) = i^δ S_{n^T} for T(A) = e^{−iπJz/2} Aᵀ e^{+iπJz/2}. */
export function imbalance(b: PiBasis, r: number): number {
  const { d, D, occ } = b;
  const base = r * D;
  let s = 0;
  for (let p = 0; p < D; p++) {
    const np = occ[base + p];
    if (np) s += np * (((p / d) | 0) - (p % d));
  }
  return s;
}

/** Number of distinct arrangements N!/Π n_p! = ⟨S_n, S_n⟩_HS, as a product of binomials. */
export function multiplicity(b: PiBasis, r: number): number {
  const { D, occ, binom } = b;
  const w = b.N + 1;
  const base = r * D;
  let S = 0;
  let m = 1;
  for (let p = 0; p < D; p++) {
    const np = occ[base + p];
    if (np) {
      S += np;
      m *= binom[S * w + np];
    }
  }
  return m;
}
