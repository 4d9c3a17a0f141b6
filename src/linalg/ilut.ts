/**
 * ILUT(τ, p): incomplete LU with dual threshold dropping (Saad, Iterative Methods for Sparse
 * Linear Systems, Alg. 10.6), row by row in IKJ order. Entries smaller than τ·‖a_i‖₂ are
 * dropped and at most p of the largest are kept per row in each of L and U (the diagonal of U
 * always kept). p = Infinity with τ = 0 is a complete LU without pivoting (exact for tests).
 * L has a unit diagonal (not stored); U stores its diagonal first in each row.
 */
import type { Csr } from './csr.ts';
import { checkInterrupt } from './interrupt.ts';

export interface IlutOptions {
  /** Relative drop tolerance τ (default 1e-4). */
  dropTol?: number;
  /** Maximum kept fill per row in each of L and U (default 80). */
  fill?: number;
  /** Called with the fraction of rows done. */
  onProgress?: (fraction: number) => void;
}

export interface Ilut {
  n: number;
  lPtr: Int32Array; lIdx: Int32Array; lVal: Float64Array;
  uPtr: Int32Array; uIdx: Int32Array; uVal: Float64Array;
  /** Number of zero/tiny pivots replaced during factorisation. */
  pivotFixes: number;
}

class Grow {
  idx: Int32Array; val: Float64Array; n = 0;
  constructor(cap: number) { this.idx = new Int32Array(cap); this.val = new Float64Array(cap); }
  push(i: number, v: number): void {
    if (this.n === this.idx.length) {
      const ni = new Int32Array(this.idx.length * 2); ni.set(this.idx); this.idx = ni;
      const nv = new Float64Array(this.val.length * 2); nv.set(this.val); this.val = nv;
    }
    this.idx[this.n] = i; this.val[this.n++] = v;
  }
}

/** Moves the p entries of largest |w| among list[0..len) to the front (quickselect); returns the new length. */
function keepLargest(list: Int32Array, len: number, w: Float64Array, p: number): number {
  if (len <= p) return len;
  let lo = 0, hi = len - 1;
  while (lo < hi) {
    const pivot = Math.abs(w[list[(lo + hi) >> 1]]);
    let i = lo, j = hi;
    while (i <= j) {
      while (Math.abs(w[list[i]]) > pivot) i++;
      while (Math.abs(w[list[j]]) < pivot) j--;
      if (i <= j) { const t = list[i]; list[i] = list[j]; list[j] = t; i++; j--; }
    }
    // now [lo..j] ≥ pivot ≥ [i..hi]
    if (p - 1 <= j) hi = j;
    else if (p - 1 >= i) lo = i;
    else break;
  }
  return p;
}

export function ilut(A: Csr, opts: IlutOptions = {}): Ilut {
  const n = A.rows;
  const tau = opts.dropTol ?? 1e-4;
  const p = opts.fill ?? 80;
  const { rowPtr, colIdx, values } = A;
  const L = new Grow(Math.max(16, rowPtr[n])), U = new Grow(Math.max(16, rowPtr[n]));
  const lPtr = new Int32Array(n + 1), uPtr = new Int32Array(n + 1);
  const uDiagPos = new Int32Array(n); // start of row k of U (its diagonal)
  const w = new Float64Array(n);
  const present = new Uint8Array(n);
  const lowerList = new Int32Array(n);
  const upperList = new Int32Array(n);
  // binary min-heap of lower indices still to eliminate
  const heap = new Int32Array(n);
  let pivotFixes = 0;
  const step = Math.max(1, Math.floor(n / 100));
  for (let i = 0; i < n; i++) {
    checkInterrupt();
    let nl = 0, nu = 0, hn = 0;
    let norm = 0;
    const heapPush = (k: number) => {
      let c = hn++;
      heap[c] = k;
      while (c > 0) {
        const par = (c - 1) >> 1;
        if (heap[par] <= heap[c]) break;
        const t = heap[par]; heap[par] = heap[c]; heap[c] = t; c = par;
      }
    };
    const heapPop = (): number => {
      const top = heap[0];
      heap[0] = heap[--hn];
      let c = 0;
      for (;;) {
        const l = 2 * c + 1, r = l + 1;
        let s = c;
        if (l < hn && heap[l] < heap[s]) s = l;
        if (r < hn && heap[r] < heap[s]) s = r;
        if (s === c) break;
        const t = heap[s]; heap[s] = heap[c]; heap[c] = t; c = s;
      }
      return top;
    };
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      const v = values[k];
      norm += v * v;
      if (!present[j]) {
        present[j] = 1;
        w[j] = v;
        if (j < i) { lowerList[nl++] = j; heapPush(j); } else upperList[nu++] = j;
      } else w[j] += v;
    }
    if (!present[i]) { present[i] = 1; w[i] = 0; upperList[nu++] = i; }
    norm = Math.sqrt(norm);
    const thr = tau * norm;
    while (hn > 0) {
      const k = heapPop();
      const ukk = U.val[uDiagPos[k]];
      const lik = w[k] / ukk;
      if (Math.abs(lik) * Math.abs(ukk) <= thr || lik === 0) { w[k] = 0; continue; }
      w[k] = lik;
      for (let q = uDiagPos[k] + 1; q < uPtr[k + 1]; q++) {
        const jj = U.idx[q];
        if (!present[jj]) {
          present[jj] = 1;
          w[jj] = 0;
          if (jj < i) { lowerList[nl++] = jj; heapPush(jj); } else upperList[nu++] = jj;
        }
        w[jj] -= lik * U.val[q];
      }
    }
    // every flag set in this row is cleared before compaction discards indices
    for (let t = 0; t < nl; t++) present[lowerList[t]] = 0;
    for (let t = 0; t < nu; t++) present[upperList[t]] = 0;
    // drop and store L
    let keepL = 0;
    for (let t = 0; t < nl; t++) { const jj = lowerList[t]; if (w[jj] !== 0 && Math.abs(w[jj]) > thr) lowerList[keepL++] = jj; }
    keepL = keepLargest(lowerList, keepL, w, p);
    for (let t = 0; t < keepL; t++) L.push(lowerList[t], w[lowerList[t]]);
    lPtr[i + 1] = L.n;
    // U: diagonal first
    let diag = w[i];
    if (Math.abs(diag) <= 1e-14 * (norm || 1)) { diag = (tau || 1e-8) * (norm || 1); pivotFixes++; }
    uDiagPos[i] = U.n;
    U.push(i, diag);
    let keepU = 0;
    for (let t = 0; t < nu; t++) { const jj = upperList[t]; if (jj !== i && Math.abs(w[jj]) > thr) upperList[keepU++] = jj; }
    keepU = keepLargest(upperList, keepU, w, p);
    for (let t = 0; t < keepU; t++) U.push(upperList[t], w[upperList[t]]);
    uPtr[i + 1] = U.n;
    if (opts.onProgress && i % step === 0) opts.onProgress(i / n);
  }
  opts.onProgress?.(1);
  return {
    n,
    lPtr, lIdx: L.idx.slice(0, L.n), lVal: L.val.slice(0, L.n),
    uPtr, uIdx: U.idx.slice(0, U.n), uVal: U.val.slice(0, U.n),
    pivotFixes,
  };
}

/** y = (LU)⁻¹ x. */
export function ilutSolve(f: Ilut, x: Float64Array, y: Float64Array): void {
  const { n, lPtr, lIdx, lVal, uPtr, uIdx, uVal } = f;
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = lPtr[i]; k < lPtr[i + 1]; k++) s -= lVal[k] * y[lIdx[k]];
    y[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const d = uPtr[i];
    let s = y[i];
    for (let k = d + 1; k < uPtr[i + 1]; k++) s -= uVal[k] * y[uIdx[k]];
    y[i] = s / uVal[d];
  }
}

/** Bytes held by the factors. */
export function ilutBytes(f: Ilut): number {
  return f.lIdx.byteLength + f.lVal.byteLength + f.uIdx.byteLength + f.uVal.byteLength + f.lPtr.byteLength + f.uPtr.byteLength;
}
