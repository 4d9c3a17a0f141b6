/**
 * Arnoldi iteration for a few eigenvalues of largest modulus of a real linear operator, with
 * explicit restarts (used on the shift-inverted operator (A − σ)⁻¹, whose largest eigenvalues
 * μ = 1/(λ − σ) are the eigenvalues λ of A nearest σ). The small Hessenberg eigenproblem is
 * solved with ml-matrix. Every returned pair carries its TRUE residual ‖A y − λ y‖/‖y‖ computed
 * by the caller-supplied operator A, because these Liouvillians are strongly non-normal and
 * Ritz estimates alone can mislead (DESIGN.md).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { LinearOp } from './gmres.ts';
import { dot, orthogonalize } from './orthogonalize.ts';
import { checkInterrupt } from './interrupt.ts';

export interface ArnoldiOptions {
  /** Number of eigenvalues wanted. */
  nev: number;
  /** Krylov dimension (default max(3·nev + 20, 80), capped at n). */
  ncv?: number;
  /** Relative tolerance on the Ritz residual of the operator (default 1e-9). */
  tol?: number;
  /** Explicit restarts allowed (default 8). */
  maxRestarts?: number;
  /** Starting vector (random if absent). */
  v0?: Float64Array;
  onProgress?: (fraction: number) => void;
  /** Checked between steps; throw to cancel. */
  shouldStop?: () => boolean;
}

export interface RitzPair {
  /** Eigenvalue μ of the operator. */
  re: number;
  im: number;
  /** Eigenvector (complex: re + i·im), unit 2-norm. */
  vecRe: Float64Array;
  vecIm: Float64Array;
  /** Ritz residual estimate ‖Op y − μ y‖ / |μ|. */
  estimate: number;
}


/** Deterministic pseudo-random start (reproducible runs). */
function seeded(n: number): Float64Array {
  const v = new Float64Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    v[i] = ((s >>> 0) / 4294967296) - 0.5;
  }
  return v;
}

/** Whether the nev largest Ritz values of the leading size×size block of H have estimates ≤ tol. */
function ritzConverged(H: Float64Array, m: number, size: number, nev: number, tol: number): boolean {
  const Hm = new Matrix(size, size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) Hm.set(i, j, H[i * m + j]);
  const evd = new EigenvalueDecomposition(Hm, { assumeSymmetric: false });
  const er = evd.realEigenvalues, ei = evd.imaginaryEigenvalues, S = evd.eigenvectorMatrix;
  const hLast = H[size * m + size - 1];
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => Math.hypot(er[b], ei[b]) - Math.hypot(er[a], ei[a]));
  for (const idx of order.slice(0, nev)) {
    let sn = 0;
    for (let i = 0; i < size; i++) sn += S.get(i, idx) ** 2;
    let last = Math.abs(S.get(size - 1, idx));
    if (ei[idx] !== 0) {
      const o = ei[idx] > 0 ? idx + 1 : idx - 1;
      for (let i = 0; i < size; i++) sn += S.get(i, o) ** 2;
      last = Math.hypot(last, S.get(size - 1, o));
    }
    const mu = Math.hypot(er[idx], ei[idx]) || 1;
    if ((Math.abs(hLast) * last) / (Math.sqrt(sn) * mu) > tol) return false;
  }
  return true;
}

/**
 * The nev eigenpairs of largest |μ| of Op (n×n, real), largest first. Conjugate pairs are
 * both returned.
 */
export function arnoldiLargest(n: number, op: LinearOp, opts: ArnoldiOptions): { pairs: RitzPair[]; converged: boolean; steps: number } {
  const nev = Math.min(opts.nev, n);
  const m = Math.min(n, opts.ncv ?? Math.max(3 * nev + 20, 80));
  const tol = opts.tol ?? 1e-9;
  const maxRestarts = opts.maxRestarts ?? 8;
  let start = opts.v0 && opts.v0.length === n ? Float64Array.from(opts.v0) : seeded(n);
  let steps = 0;
  let best: RitzPair[] = [];
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const V: Float64Array[] = [];
    const H = new Float64Array((m + 1) * m); // H[i*m + j]
    const v0 = Float64Array.from(start);
    const nv = Math.sqrt(dot(v0, v0));
    for (let i = 0; i < n; i++) v0[i] /= nv;
    V.push(v0);
    let k = 0;
    let breakdown = false;
    for (; k < m; k++) {
      checkInterrupt();
      if (opts.shouldStop?.()) throw new Error('cancelled');
      const w = new Float64Array(n);
      op(V[k], w);
      steps++;
      const hn = orthogonalize(w, V, k + 1, H, k, m);
      H[(k + 1) * m + k] = hn;
      opts.onProgress?.(Math.min(1, (restart * m + k + 1) / (m * (maxRestarts + 1))));
      if (hn < 1e-14) { breakdown = true; k++; break; }
      for (let q = 0; q < n; q++) w[q] /= hn;
      V.push(w);
      // Early exit: every 5 steps past nev + 5, test the Ritz estimates of the wanted values.
      if (k + 1 >= nev + 5 && (k + 1) % 5 === 0 && k + 1 < m && ritzConverged(H, m, k + 1, nev, tol)) { k++; break; }
    }
    const size = k;
    const Hm = new Matrix(size, size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) Hm.set(i, j, H[i * m + j]);
    const evd = new EigenvalueDecomposition(Hm, { assumeSymmetric: false });
    const er = evd.realEigenvalues, ei = evd.imaginaryEigenvalues;
    const S = evd.eigenvectorMatrix;
    const hLast = breakdown ? 0 : H[size * m + size - 1];
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => Math.hypot(er[b], ei[b]) - Math.hypot(er[a], ei[a]));
    const pairs: RitzPair[] = [];
    for (const idx of order.slice(0, Math.min(size, nev + 2))) {
      // JAMA convention: a pair (a ± ib), b > 0, stores Re and Im of the +ib vector in columns i, i+1.
      const sr = new Float64Array(size), si = new Float64Array(size);
      if (ei[idx] === 0) {
        for (let i = 0; i < size; i++) sr[i] = S.get(i, idx);
      } else if (ei[idx] > 0) {
        for (let i = 0; i < size; i++) { sr[i] = S.get(i, idx); si[i] = S.get(i, idx + 1); }
      } else {
        for (let i = 0; i < size; i++) { sr[i] = S.get(i, idx - 1); si[i] = -S.get(i, idx); }
      }
      let sn = 0;
      for (let i = 0; i < size; i++) sn += sr[i] * sr[i] + si[i] * si[i];
      sn = Math.sqrt(sn);
      const mu = Math.hypot(er[idx], ei[idx]);
      const estimate = (Math.abs(hLast) * Math.hypot(sr[size - 1], si[size - 1])) / (sn * (mu || 1));
      const yr = new Float64Array(n), yi = new Float64Array(n);
      for (let i = 0; i < size; i++) {
        const a = sr[i] / sn, b = si[i] / sn, vi = V[i];
        if (a !== 0) for (let q = 0; q < n; q++) yr[q] += a * vi[q];
        if (b !== 0) for (let q = 0; q < n; q++) yi[q] += b * vi[q];
      }
      pairs.push({ re: er[idx], im: ei[idx], vecRe: yr, vecIm: yi, estimate });
    }
    best = pairs.slice(0, nev);
    // Do not split a conjugate pair at the cut.
    if (best.length < pairs.length && best.length > 0) {
      const last = best[best.length - 1];
      const nxt = pairs[best.length];
      if (last.im !== 0 && nxt.im === -last.im && nxt.re === last.re) best.push(nxt);
    }
    const ok = best.every((p) => p.estimate <= tol);
    if (ok || breakdown || restart === maxRestarts) return { pairs: best, converged: ok || breakdown, steps };
    // Explicit restart from a combination of the wanted Ritz vectors (real and imaginary parts).
    start = new Float64Array(n);
    for (const p of best) for (let q = 0; q < n; q++) start[q] += p.vecRe[q] + p.vecIm[q];
  }
  return { pairs: best, converged: false, steps };
}
