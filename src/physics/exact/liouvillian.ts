/**
 * The Liouvillian of Eq. (3) restricted to one Z2×Z2 sector of the permutation-invariant space,
 * as a REAL sparse matrix in the Hermitian sector basis of sectors.ts. Built column by column
 * (one PI element at a time), never as the full matrix.
 *
 * Action of a collective one-body superoperator Σ_i s^(i) on the unnormalised symmetric sum S_n
 * (piBasis.ts): a term s_{qp} moving one particle from label p to label q ≠ p gives
 *     s_{qp} · (n_q + 1) · S_{n − e_p + e_q},
 * because each tensor of S_{n'} (n' = n − e_p + e_q) arises from n'_q = n_q + 1 choices of the
 * particle that moved; the diagonal term gives Σ_p s_pp n_p S_n. Every term of Eq. (3) is such a
 * one-body map or a composition of two (left/right multiplication by a collective operator
 * is one-body):
 *   −i[H, ρ] = −iV/(2Nj) (J₊²ρ + J₋²ρ − ρJ₊² − ρJ₋²)                               (Eq. 2)
 *   (γ_C/Nj) (L_C ρ L_C† − ½ L_C†(L_C ρ) − ½ (ρ L_C†) L_C)
 *   (γ_I/j) Σ_i (L ρ L† − ½{L†L, ρ})_i   — one-body: |a⟩⟨b| ↦ ℓ_{a−1} ℓ*_{b−1} |a−1⟩⟨b−1| etc.
 * with L = Σ_k ℓ_k |k⟩⟨k+1| (Eq. 4). Composition applies the rule twice, so the two-body
 * parts (i ≠ k) and the one-body parts of J₊² and L_C†L_C come out exactly.
 *
 * Real sector matrix: with h_k = e^{iθ_k} S_{n_k} + e^{−iθ_k} S_{n_k^T} and v = e^{iθ_k} ℒS_{n_k},
 * ℒh_k = v + v† since ℒ(A†) = ℒ(A)†; its coefficient on S_n is w_n = v_n + conj(v_{n^T}) and
 * R_{mk} = Re(e^{−iθ_m} w_{n_m}) (the imaginary part vanishes inside a sector, or is the
 * coefficient of the partner element h_{θ+π/2} when the sector is not split by Π2).
 */
import type { Csr } from '../../linalg/csr.ts';
import { csrTranspose } from '../../linalg/csr.ts';
import { type ModelParams, ellIsReal, ladderCoefficient, spinJ } from '../model/model.ts';
import { type PiBasis, multiplicity, rankOcc } from './piBasis.ts';
import { type SectorBasis, type SectorSpec, buildSectorBasis } from './sectors.ts';
import { checkInterrupt } from '../../linalg/interrupt.ts';

/** Left (acts on the ket level a) or right (acts on the bra level b) multiplication by a single-particle ladder-type operator. */
interface Elementary {
  /** 0: label (a,b) → (a+shift, b); 1: (a,b) → (a, b+shift). */
  side: 0 | 1;
  shift: 1 | -1;
  /** Coefficient for source level k (0 where the move is impossible). */
  re: Float64Array;
  im: Float64Array;
}

interface Composite {
  fRe: number;
  fIm: number;
  first: Elementary;
  second: Elementary;
}

function elementary(d: number, side: 0 | 1, shift: 1 | -1, coef: (k: number) => [number, number]): Elementary {
  const re = new Float64Array(d), im = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    if (k + shift < 0 || k + shift >= d) continue;
    const [x, y] = coef(k);
    re[k] = x; im[k] = y;
  }
  return { side, shift, re, im };
}

/** The compositions of two collective one-body maps that make up Eq. (3) (all but the individual dissipator). */
function compositeTerms(N: number, p: ModelParams): Composite[] {
  const { d, ell } = p;
  const j = spinJ(d);
  const A = (k: number): [number, number] => [ladderCoefficient(d, k), 0];
  // j₊|k⟩ = A_k|k+1⟩, j₋|k⟩ = A_{k−1}|k−1⟩, L|k⟩ = ℓ_{k−1}|k−1⟩, L†|k⟩ = ℓ*_k|k+1⟩.
  const lJp = elementary(d, 0, 1, A);
  const lJm = elementary(d, 0, -1, (k) => A(k - 1));
  // ρ j₊: |a⟩⟨b| j₊ = A_{b−1}|a⟩⟨b−1|;  ρ j₋: |a⟩⟨b| j₋ = A_b |a⟩⟨b+1|.
  const rJp = elementary(d, 1, -1, (k) => A(k - 1));
  const rJm = elementary(d, 1, 1, A);
  const lL = elementary(d, 0, -1, (k) => [ell.re[k - 1], ell.im[k - 1]]);
  const lLd = elementary(d, 0, 1, (k) => [ell.re[k], -ell.im[k]]);
  // ρ L†: |a⟩⟨b| L† = (L|b⟩)† … = ℓ*_{b−1} |a⟩⟨b−1|;  ρ L: |a⟩⟨b| L = ℓ_b |a⟩⟨b+1|.
  const rLd = elementary(d, 1, -1, (k) => [ell.re[k - 1], -ell.im[k - 1]]);
  const rL = elementary(d, 1, 1, (k) => [ell.re[k], ell.im[k]]);
  const h = p.V / (2 * N * j);
  const c = p.gammaC / (N * j);
  const out: Composite[] = [];
  if (h !== 0) {
    out.push({ fRe: 0, fIm: -h, first: lJp, second: lJp });
    out.push({ fRe: 0, fIm: -h, first: lJm, second: lJm });
    out.push({ fRe: 0, fIm: h, first: rJp, second: rJp });
    out.push({ fRe: 0, fIm: h, first: rJm, second: rJm });
  }
  if (c !== 0) {
    out.push({ fRe: c, fIm: 0, first: rLd, second: lL });
    out.push({ fRe: -c / 2, fIm: 0, first: lL, second: lLd });
    out.push({ fRe: -c / 2, fIm: 0, first: rLd, second: rL });
  }
  return out;
}

export interface BuildOptions {
  /** Called with the fraction of columns done. */
  onProgress?: (fraction: number) => void;
  /** Relative drop tolerance for cancelled entries (default 1e-13 of the column's largest). */
  dropTol?: number;
  /**
   * Build the matrix in the Hilbert–Schmidt-normalised basis ĥ_m = h_m/‖h_m‖ (default true).
   * The raw basis h_m has norms ‖h_m‖² = g_m (Gram weights, observables.ts) that grow
   * combinatorially with N; the diagonal similarity R̂ = S R S⁻¹, S = diag(‖h_m‖), leaves the
   * spectrum unchanged but makes the eigenvalue condition numbers those of the Liouvillian as
   * an operator on the HS space (issue 13: 3.0e9 → 4.3e4 for λ0 of (−1,+1) at N = 40, d = 2).
   */
  normalize?: boolean;
}

export interface SectorLiouvillian {
  sector: SectorBasis;
  /**
   * Real matrix in the sector ordering. normalized: R̂ with ℒ ĥ_k = Σ_m R̂_{mk} ĥ_m for the
   * HS-orthonormal ĥ_m = h_m/scale_m; otherwise R with ℒ h_k = Σ_m R_{mk} h_m.
   */
  matrix: Csr;
  /** Whether `matrix` acts on HS-normalised coordinates y_m = scale_m x_m (ρ = Σ x_m h_m = Σ y_m ĥ_m). */
  normalized: boolean;
  /** scale_m = ‖h_m‖_HS = sqrt(Gram weight) when normalized, else all ones. */
  scale: Float64Array;
}

/** ‖h_m‖_HS for each sector element: sqrt(μ(n)) for self-transposed n, sqrt(2μ(n)) for a pair (observables.ts). */
export function sectorNorms(b: PiBasis, sec: SectorBasis): Float64Array {
  const s = new Float64Array(sec.dim);
  for (let m = 0; m < sec.dim; m++) {
    const mu = multiplicity(b, sec.rep[m]);
    s[m] = Math.sqrt(sec.rep[m] === sec.repT[m] ? mu : 2 * mu);
  }
  return s;
}



/**
 * Applies ℒ to a single S_n and accumulates the complex result into (accRe, accIm) over full
 * PI ranks, recording touched ranks. Exposed for tests through `applyToPiElement`.
 */
function makeApplier(b: PiBasis, p: ModelParams) {
  const { N, d, D, occ } = b;
  const j = spinJ(d);
  const terms = compositeTerms(N, p);
  const gI = p.gammaI / j;
  const ell2 = new Float64Array(d); // |ℓ_{k−1}|² = ⟨k|L†L|k⟩
  for (let k = 1; k < d; k++) ell2[k] = p.ell.re[k - 1] ** 2 + p.ell.im[k - 1] ** 2;
  const accRe = new Float64Array(b.dim), accIm = new Float64Array(b.dim);
  const seen = new Uint8Array(b.dim);
  const touched = new Int32Array(b.dim);
  let nTouched = 0;
  const n = new Int32Array(D);
  const add = (re: number, im: number) => {
    const r = rankOcc(b, n);
    if (!seen[r]) { seen[r] = 1; touched[nTouched++] = r; }
    accRe[r] += re; accIm[r] += im;
  };
  // Per composite term and label pl: the label each one-body map moves pl to (−1: impossible or
  // a zero coefficient) and its coefficient, tabulated once (the column loop below is the
  // matrix build's inner loop).
  const table = (e: Elementary) => {
    const to = new Int32Array(D).fill(-1), cr = new Float64Array(D), ci = new Float64Array(D);
    for (let pl = 0; pl < D; pl++) {
      const a = (pl / d) | 0, c = pl - a * d;
      const k = e.side === 0 ? a : c;
      if (e.re[k] === 0 && e.im[k] === 0) continue;
      const q = e.side === 0 ? pl + e.shift * d : c + e.shift >= 0 && c + e.shift < d ? pl + e.shift : -1;
      if (q < 0 || q >= D) continue;
      to[pl] = q; cr[pl] = e.re[k]; ci[pl] = e.im[k];
    }
    return { to, cr, ci };
  };
  const tabs = terms.map((t) => ({ fRe: t.fRe, fIm: t.fIm, first: table(t.first), second: table(t.second) }));
  // occupied labels of the current n (before the first move), at most min(N, D)
  const occList = new Int32Array(D);

  function apply(r: number): void {
    for (let i = 0; i < nTouched; i++) { const t = touched[i]; seen[t] = 0; accRe[t] = 0; accIm[t] = 0; }
    nTouched = 0;
    const base = r * D;
    let nOcc = 0;
    for (let q = 0; q < D; q++) { n[q] = occ[base + q]; if (n[q]) occList[nOcc++] = q; }
    // Individual dissipator (one-body).
    if (gI !== 0) {
      let diag = 0;
      for (let o = 0; o < nOcc; o++) {
        const pl = occList[o];
        const np = n[pl];
        const a = (pl / d) | 0, c = pl - a * d;
        diag -= 0.5 * np * (ell2[a] + ell2[c]);
        if (a >= 1 && c >= 1) {
          const q = pl - d - 1;
          const lr = p.ell.re[a - 1], li = p.ell.im[a - 1], mr = p.ell.re[c - 1], mi = -p.ell.im[c - 1];
          const f = gI * (n[q] + 1);
          n[pl]--; n[q]++;
          add(f * (lr * mr - li * mi), f * (lr * mi + li * mr));
          n[pl]++; n[q]--;
        }
      }
      add(gI * diag, 0);
    }
    for (const t of tabs) {
      const e1 = t.first, e2 = t.second;
      for (let o1 = 0; o1 < nOcc; o1++) {
        const p1 = occList[o1];
        const q1 = e1.to[p1];
        if (q1 < 0) continue;
        const c1r = e1.cr[p1], c1i = e1.ci[p1];
        const m1 = n[q1] + 1;
        n[p1]--; n[q1]++;
        const ar = (t.fRe * c1r - t.fIm * c1i) * m1, ai = (t.fRe * c1i + t.fIm * c1r) * m1;
        // the second map acts on the labels occupied now: the old ones still occupied, and q1
        // if it was empty before
        for (let o2 = 0; o2 <= nOcc; o2++) {
          let p2: number;
          if (o2 < nOcc) { p2 = occList[o2]; if (!n[p2]) continue; } else { if (m1 !== 1) break; p2 = q1; }
          const q2 = e2.to[p2];
          if (q2 < 0) continue;
          const c2r = e2.cr[p2], c2i = e2.ci[p2];
          const m2 = n[q2] + 1;
          n[p2]--; n[q2]++;
          add((ar * c2r - ai * c2i) * m2, (ar * c2i + ai * c2r) * m2);
          n[p2]++; n[q2]--;
        }
        n[p1]++; n[q1]--;
      }
    }
  }
  return { apply, accRe, accIm, touched, count: () => nTouched };
}

/**
 * ℒ S_n for one PI element, as a sparse complex vector over full PI ranks (tests use it to
 * compare with the dense Liouvillian).
 */
export function applyToPiElement(b: PiBasis, p: ModelParams, r: number): { ranks: Int32Array; re: Float64Array; im: Float64Array } {
  const ap = makeApplier(b, p);
  ap.apply(r);
  const k = ap.count();
  const ranks = ap.touched.slice(0, k);
  return { ranks, re: Float64Array.from(ranks, (t) => ap.accRe[t]), im: Float64Array.from(ranks, (t) => ap.accIm[t]) };
}

/** Throws unless the sector can be used with these parameters. */
export function checkSectorAllowed(p: ModelParams, spec: SectorSpec): void {
  if (spec.p2 !== 0 && !ellIsReal(p.ell)) {
    throw new RangeError('Π2 is a symmetry only for a real dissipator ℓ (Section II); use p2 = 0 for complex ℓ');
  }
}

/**
 * Builds the real sector matrix for an existing sector basis: R (raw basis h_m) or, given
 * `scale` = ‖h_m‖, the similar R̂_{mk} = R_{mk} scale_m/scale_k (basis ĥ_m). Cancelled entries
 * are dropped relative to the largest entry of their column in the basis actually built.
 */
export function buildSectorMatrix(b: PiBasis, p: ModelParams, sec: SectorBasis, opts: BuildOptions = {}, scale?: Float64Array): Csr {
  checkSectorAllowed(p, sec.spec);
  if (p.d !== b.d) throw new RangeError(`basis has d=${b.d} but parameters have d=${p.d}`);
  const dropTol = opts.dropTol ?? 1e-13;
  const ap = makeApplier(b, p);
  const { accRe, accIm, touched } = ap;
  const dim = sec.dim;
  const split = sec.spec.p2 !== 0;
  const mark = new Int32Array(dim).fill(-1);
  const colPtr = new Int32Array(dim + 1);
  let cap = Math.max(16, dim * 32);
  let rowIdx = new Int32Array(cap);
  let vals = new Float64Array(cap);
  let nnz = 0;
  const colRows: number[] = [];
  const colVals: number[] = [];
  const step = Math.max(1, Math.floor(dim / 100));
  // e^{iθ_m} of every element, once (the column loop below needs it per entry)
  const cosT = Float64Array.from(sec.theta, Math.cos), sinT = Float64Array.from(sec.theta, Math.sin);
  for (let k = 0; k < dim; k++) {
    const r = sec.rep[k];
    ap.apply(r);
    const self = sec.repT[k] === r;
    const s = self ? 0.5 : 1;
    const cr = s * cosT[k], ci = s * sinT[k];
    colRows.length = 0; colVals.length = 0;
    let colMax = 0;
    const cnt = ap.count();
    for (let t = 0; t < cnt; t++) {
      const m = sec.indexOfRank[touched[t]];
      if (m < 0 || mark[m] === k) continue;
      mark[m] = k;
      const a = sec.rep[m], aT = sec.repT[m];
      // v = e^{iθ_k} s ℒS_{n_k};  w = v_a + conj(v_aT)
      const vaR = cr * accRe[a] - ci * accIm[a], vaI = cr * accIm[a] + ci * accRe[a];
      const vtR = cr * accRe[aT] - ci * accIm[aT], vtI = cr * accIm[aT] + ci * accRe[aT];
      const wR = vaR + vtR, wI = vaI - vtI;
      const co = cosT[m], si = sinT[m];
      // e^{−iθ} w
      let xR = co * wR + si * wI, xI = co * wI - si * wR;
      if (scale) { const f = scale[m] / scale[k]; xR *= f; xI *= f; }
      colRows.push(m); colVals.push(xR);
      if (Math.abs(xR) > colMax) colMax = Math.abs(xR);
      if (!split && a !== aT) {
        colRows.push(m + 1); colVals.push(xI);
        if (Math.abs(xI) > colMax) colMax = Math.abs(xI);
      }
    }
    const thr = dropTol * colMax;
    for (let t = 0; t < colRows.length; t++) {
      if (!(Math.abs(colVals[t]) > thr)) continue;
      if (nnz === cap) {
        cap *= 2;
        const ri = new Int32Array(cap); ri.set(rowIdx); rowIdx = ri;
        const v = new Float64Array(cap); v.set(vals); vals = v;
      }
      rowIdx[nnz] = colRows[t]; vals[nnz] = colVals[t]; nnz++;
    }
    colPtr[k + 1] = nnz;
    if ((k & 63) === 0) checkInterrupt();
    if (opts.onProgress && k % step === 0) opts.onProgress(k / dim);
  }
  opts.onProgress?.(1);
  // The CSC arrays of R are the CSR arrays of Rᵀ; transpose once to get CSR of R.
  const csc: Csr = { rows: dim, cols: dim, rowPtr: colPtr, colIdx: rowIdx.subarray(0, nnz), values: vals.subarray(0, nnz) };
  return csrTranspose(csc);
}

/** Sector basis and matrix in one call (HS-normalised basis unless opts.normalize === false). */
export function buildSectorLiouvillian(b: PiBasis, p: ModelParams, spec: SectorSpec, opts: BuildOptions = {}): SectorLiouvillian {
  checkSectorAllowed(p, spec);
  const sector = buildSectorBasis(b, spec);
  if (opts.normalize === false) {
    return { sector, matrix: buildSectorMatrix(b, p, sector, opts), normalized: false, scale: new Float64Array(sector.dim).fill(1) };
  }
  const scale = sectorNorms(b, sector);
  return { sector, matrix: buildSectorMatrix(b, p, sector, opts, scale), normalized: true, scale };
}
