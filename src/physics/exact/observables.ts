/**
 * Observables of a permutation-invariant ρ = Σ_m x_m h_m given in a Hermitian sector basis
 * (sectors.ts), with h_m = e^{iθ}S_n + e^{−iθ}S_{n^T} (or S_n for n = n^T).
 *
 * Weights (derived from the unnormalised symmetric sums S_n, piBasis.ts; μ(n) = N!/Π n_p!):
 *  - Tr S_n = μ(n) if every label is diagonal (a = b), else 0; so only self-transposed h count.
 *  - Tr(O S_n) for a collective one-body O = Σ_i o^(i): all-diagonal n gives μ(n) Σ_p n_p o_aa;
 *    n with exactly one off-diagonal label (a,b), of count 1, gives μ(n) o_ba; otherwise 0.
 *  - Tr(Jz² S_n) = μ(n) (Σ_p n_p m_a)² for all-diagonal n (a diagonal product state), else 0.
 *  - ⟨S_n, S_n'⟩_HS = δ_{nn'} μ(n), hence Tr ρ² = Σ_m x_m² g_m with g_m = μ(n_m) for
 *    self-transposed and 2μ(n_m) otherwise (the h_m are mutually orthogonal).
 */
import { spinJ, ladderCoefficient } from '../model/model.ts';
import type { StateObservables } from '../../contracts/exact.ts';
import { type PiBasis, multiplicity } from './piBasis.ts';
import type { SectorBasis } from './sectors.ts';

export interface PiWeights {
  /** Tr h_m. */
  trace: Float64Array;
  /** Tr(Jz h_m). */
  jz: Float64Array;
  /** Tr(Jz² h_m). */
  jz2: Float64Array;
  /** Tr(J₊ h_m) = re + i·im. */
  jpRe: Float64Array;
  jpIm: Float64Array;
  /** Hilbert–Schmidt norms ⟨h_m, h_m⟩. */
  gram: Float64Array;
}

/** Per-element weights of the traces above for a sector basis. */
export function piWeights(b: PiBasis, sec: SectorBasis): PiWeights {
  const { d, D, occ } = b;
  const j = spinJ(d);
  const dim = sec.dim;
  const w: PiWeights = {
    trace: new Float64Array(dim), jz: new Float64Array(dim), jz2: new Float64Array(dim),
    jpRe: new Float64Array(dim), jpIm: new Float64Array(dim), gram: new Float64Array(dim),
  };
  // Tr(J₊ S_n) for one rank: nonzero when the only off-diagonal label is (a, a+1) with count 1,
  // since Tr(j₊|a⟩⟨b|) = ⟨b|j₊|a⟩ = A_a δ_{b,a+1}.
  const jpOf = (r: number, mu: number): number => {
    const base = r * D;
    let off = -1;
    for (let p = 0; p < D; p++) {
      const np = occ[base + p];
      if (!np) continue;
      const a = (p / d) | 0, c = p % d;
      if (a === c) continue;
      if (np > 1 || off >= 0) return 0;
      off = p;
    }
    if (off < 0) return 0;
    const a = (off / d) | 0, c = off % d;
    return c === a + 1 ? mu * ladderCoefficient(d, a) : 0;
  };
  for (let m = 0; m < dim; m++) {
    const r = sec.rep[m], rT = sec.repT[m];
    const mu = multiplicity(b, r);
    const self = r === rT;
    w.gram[m] = self ? mu : 2 * mu;
    const th = sec.theta[m];
    if (self) {
      const base = r * D;
      let diag = true;
      let M = 0;
      for (let p = 0; p < D; p++) {
        const np = occ[base + p];
        if (!np) continue;
        const a = (p / d) | 0;
        if (a !== p % d) { diag = false; break; }
        M += np * (-j + a);
      }
      if (diag) {
        w.trace[m] = mu; w.jz[m] = mu * M; w.jz2[m] = mu * M * M;
      }
      // a self-transposed n with a single off-diagonal label is impossible, so Tr(J₊ h) = 0.
      continue;
    }
    // h = e^{iθ}S_n + e^{−iθ}S_{n^T}; Tr h = Tr(Jz h) = 0 (an off-diagonal label is present).
    const t1 = jpOf(r, mu), t2 = jpOf(rT, mu);
    w.jpRe[m] = Math.cos(th) * t1 + Math.cos(th) * t2;
    w.jpIm[m] = Math.sin(th) * t1 - Math.sin(th) * t2;
  }
  return w;
}

/** The observables of contracts' StateObservables plus the trace (before normalisation it is not 1). */
export interface PiExpectations extends StateObservables {
  trace: number;
}

/** Expectation values of ρ = Σ x_m h_m (divided by Tr ρ when normalise is true). */
export function piExpectations(b: PiBasis, w: PiWeights, x: Float64Array, normalise = true): PiExpectations {
  let tr = 0, jz = 0, jz2 = 0, jpr = 0, jpi = 0, pur = 0;
  for (let m = 0; m < x.length; m++) {
    const v = x[m];
    if (v === 0) continue;
    tr += w.trace[m] * v; jz += w.jz[m] * v; jz2 += w.jz2[m] * v;
    jpr += w.jpRe[m] * v; jpi += w.jpIm[m] * v;
    pur += w.gram[m] * v * v;
  }
  const s = normalise ? 1 / tr : 1;
  const Nj = b.N * spinJ(b.d);
  const purity = pur * s * s;
  return {
    trace: tr * s,
    // J_x = (J₊ + J₋)/2, J_y = (J₊ − J₋)/(2i) and ⟨J₋⟩ = conj⟨J₊⟩ for Hermitian ρ.
    X: (jpr * s) / Nj,
    Y: (jpi * s) / Nj,
    Z: (jz * s) / Nj,
    jz2: jz2 * s,
    purity,
    scaledPurity: purity * Math.pow(b.d, b.N),
  };
}

/**
 * Coordinates of the product state ϱ^{⊗N} (ϱ = |ψ⟩⟨ψ|, ψ in ascending m) in a sector basis:
 * S-basis coefficients c_n = Π_p ϱ_p^{n_p}, then x_m = Re(e^{−iθ_m} c_{n_m}) — exact for an
 * unsplit (p2 = 0) basis; for a Π2-split basis it is the component in that sector.
 */
export function productStateCoordinates(b: PiBasis, sec: SectorBasis, psiRe: ArrayLike<number>, psiIm: ArrayLike<number>): Float64Array {
  const { d, D, occ } = b;
  let nrm = 0;
  for (let k = 0; k < d; k++) nrm += psiRe[k] ** 2 + psiIm[k] ** 2;
  const rr = new Float64Array(D), ri = new Float64Array(D);
  for (let a = 0; a < d; a++) {
    for (let c = 0; c < d; c++) {
      // ϱ_ac = ψ_a ψ_c*
      rr[a * d + c] = (psiRe[a] * psiRe[c] + psiIm[a] * psiIm[c]) / nrm;
      ri[a * d + c] = (psiIm[a] * psiRe[c] - psiRe[a] * psiIm[c]) / nrm;
    }
  }
  const x = new Float64Array(sec.dim);
  for (let m = 0; m < sec.dim; m++) {
    const base = sec.rep[m] * D;
    let cr = 1, ci = 0;
    for (let p = 0; p < D; p++) {
      for (let k = occ[base + p]; k > 0; k--) {
        const t = cr * rr[p] - ci * ri[p];
        ci = cr * ri[p] + ci * rr[p];
        cr = t;
      }
    }
    const th = sec.theta[m];
    x[m] = Math.cos(th) * cr + Math.sin(th) * ci;
    // Projection onto a split sector: the pair's S_n coefficient is shared by the two
    // elements h_θ, h_{θ+π/2} (orthogonal, equal norms), so Re(e^{−iθ}c) is the component.
  }
  return x;
}

/**
 * The dense d^N × d^N matrix of ρ = Σ x_m h_m (small N only: d^N ≤ 4096). Basis index
 * Σ_i k_i d^{N−1−i} with particle 0 most significant. Used for the negativity and in tests.
 */
export function toDenseOperator(b: PiBasis, sec: SectorBasis, x: Float64Array): { n: number; re: Float64Array; im: Float64Array } {
  const { N, d, D, occ } = b;
  const dimH = Math.pow(d, N);
  if (dimH > 4096) throw new RangeError(`dense reconstruction needs d^N ≤ 4096 (N=${N}, d=${d})`);
  const re = new Float64Array(dimH * dimH), im = new Float64Array(dimH * dimH);
  const counts = new Int32Array(D);
  const labels = new Int32Array(N);
  const addS = (r: number, cr: number, ci: number) => {
    for (let p = 0; p < D; p++) counts[p] = occ[r * D + p];
    // every distinct arrangement of the multiset, once
    const rec = (pos: number) => {
      if (pos === N) {
        let row = 0, col = 0;
        for (let i = 0; i < N; i++) { row = row * d + ((labels[i] / d) | 0); col = col * d + (labels[i] % d); }
        re[row * dimH + col] += cr; im[row * dimH + col] += ci;
        return;
      }
      for (let p = 0; p < D; p++) {
        if (!counts[p]) continue;
        counts[p]--; labels[pos] = p;
        rec(pos + 1);
        counts[p]++;
      }
    };
    rec(0);
  };
  for (let m = 0; m < sec.dim; m++) {
    if (x[m] === 0) continue;
    const r = sec.rep[m], rT = sec.repT[m];
    if (r === rT) { addS(r, x[m], 0); continue; }
    const c = Math.cos(sec.theta[m]) * x[m], s = Math.sin(sec.theta[m]) * x[m];
    addS(r, c, s);
    addS(rT, c, -s);
  }
  return { n: dimH, re, im };
}
