/**
 * Exact factorisation of A − σI for a sparse real matrix A that is block tridiagonal over a
 * given partition (the E levels of a Liouvillian sector, DESIGN.md "Structure"), for a real or
 * complex shift σ.
 *
 * Block LU (Golub & Van Loan, Matrix Computations, 4th ed., §4.5.1) with partial pivoting
 * inside each diagonal block:
 *     A − σ = L U,  U = blockdiag(D'_k) + superdiag(B_k),  L = I + subdiag(C_k D'_k⁻¹),
 *     D'_0 = D_0 − σ,  D'_{k+1} = D_{k+1} − σ − C_k D'_k⁻¹ B_k,
 * where D_k, B_k = A[k, k+1], C_k = A[k+1, k] are the blocks of A. Only the dense LU factors of
 * the D'_k are stored (Σ_k b_k² complex numbers); B_k and C_k are read from A's CSR rows.
 * There is no pivoting across blocks: stability is checked a posteriori by the caller through
 * residuals (solve() reports none; blockTridiagonalRefine does one step of refinement).
 *
 * Solves: (A − σ) x = b by block forward/back substitution, and (A − σ)ᵀ x = b (plain
 * transpose) with Uᵀ Lᵀ — the left eigenvectors of the eigensolver come from the latter.
 */
import { type Csr, csrMatVecComplex } from './csr.ts';
import { complexLuFactor, complexLuSolve, complexLuSolveMany, complexLuSolveTransposed } from './complexLu.ts';
import { luFactor, luSolveMany, luSolvePair, luSolveTransposedPair } from './denseLu.ts';
import { checkInterrupt } from './interrupt.ts';
import { type WasmKernels, wasmKernels } from './wasmKernels.ts';

export interface BlockTridiagonalLu {
  n: number;
  /** Block k spans rows/cols ptr[k]..ptr[k+1]. */
  ptr: Int32Array;
  sigmaRe: number;
  sigmaIm: number;
  /** Real shift: real factors only (lim empty), half the memory and a quarter of the flops. */
  real: boolean;
  /** Dense LU factors of the Schur complements D'_k (split complex, row-major) and pivots. */
  lre: Float64Array[];
  lim: Float64Array[];
  piv: Int32Array[];
  /** Smallest pivot modulus over all blocks divided by max |A_ij − σδ_ij| (0: singular). */
  minPivotRatio: number;
  /** Bytes held by the factors. */
  bytes: number;
  A: Csr;
  /**
   * The couplings of A split out of its rows for the solves: for row i, lowPtr[i]..lowPtr[i+1]
   * index (lowIdx, lowVal) = its entries in the previous block, upPtr/upIdx/upVal those in the
   * next block (O(nnz), built once per factorisation).
   */
  lowPtr: Int32Array; lowIdx: Int32Array; lowVal: Float64Array;
  upPtr: Int32Array; upIdx: Int32Array; upVal: Float64Array;
  /** Scratch of the solves (4 vectors of length n), allocated on first use. */
  work?: Float64Array[];
  /**
   * With WebAssembly SIMD the factors live in the module's memory (lre/lim are views into it)
   * and the block solves run there: cluSolve (complex factors, not transposed; ≈ 2.7× the JS
   * loop at b = 64–400, measured), rluSolve2/rluSolveT2 (real factors, complex vector).
   * Offsets in elements of K.heap; im unused for real factors.
   */
  simd?: { K: WasmKernels; re: Int32Array; im: Int32Array; xr: number; xi: number; out: number };
}

/**
 * A WebAssembly memory for the factors of a partition (complex, or real only) plus the solve
 * scratch, and each block's offsets; null where SIMD or the memory (≤ 4 GiB) is not to be had.
 */
function simdArena(ptr: Int32Array, real: boolean): NonNullable<BlockTridiagonalLu['simd']> | null {
  const K = ptr.length - 1;
  const re = new Int32Array(K), im = new Int32Array(K);
  let off = 0, bmax = 0;
  for (let k = 0; k < K; k++) {
    const b = ptr[k + 1] - ptr[k];
    re[k] = off; im[k] = off + b * b; off += (real ? 1 : 2) * b * b;
    bmax = Math.max(bmax, b);
  }
  const xr = off, xi = xr + bmax + 2, out = xi + bmax + 2;
  const kern = wasmKernels(8 * (out + 2));
  return kern ? { K: kern, re, im, xr, xi, out } : null;
}

/** The lower and upper block couplings of A, row by row (see BlockTridiagonalLu). */
function splitCouplings(A: Csr, blk: Int32Array) {
  const n = A.rows;
  const lowPtr = new Int32Array(n + 1), upPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let lo = 0, up = 0;
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const d = blk[A.colIdx[q]] - blk[i];
      if (d < 0) lo++; else if (d > 0) up++;
    }
    lowPtr[i + 1] = lowPtr[i] + lo; upPtr[i + 1] = upPtr[i] + up;
  }
  const lowIdx = new Int32Array(lowPtr[n]), lowVal = new Float64Array(lowPtr[n]);
  const upIdx = new Int32Array(upPtr[n]), upVal = new Float64Array(upPtr[n]);
  for (let i = 0; i < n; i++) {
    let a = lowPtr[i], b = upPtr[i];
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const j = A.colIdx[q], d = blk[j] - blk[i];
      if (d < 0) { lowIdx[a] = j; lowVal[a++] = A.values[q]; } else if (d > 0) { upIdx[b] = j; upVal[b++] = A.values[q]; }
    }
  }
  return { lowPtr, lowIdx, lowVal, upPtr, upIdx, upVal };
}

/**
 * Bytes the factors of a partition need (complex doubles; real: about half), plus the work
 * arrays of the factorisation: W = D'_k⁻¹B_k (b_k × b_{k+1}) and the correction
 * (b_{k+1} × b_{k+1}), each sized for the largest block pair.
 */
export function blockTridiagonalLuBytes(ptr: ArrayLike<number>, real = false): number {
  const w = real ? 8 : 16;
  let s = 0;
  for (let k = 0; k + 1 < ptr.length; k++) {
    const b = ptr[k + 1] - ptr[k];
    s += w * b * b + 4 * b;
  }
  const { wMax, cMax } = workSizes(ptr);
  return s + w * (wMax + cMax);
}

/** Entries of the factorisation's work arrays: W (max b_k·b_{k+1}) and the correction (max b_{k+1}²). */
function workSizes(ptr: ArrayLike<number>): { wMax: number; cMax: number } {
  let wMax = 0, cMax = 0;
  for (let k = 0; k + 2 < ptr.length; k++) {
    const c = ptr[k + 2] - ptr[k + 1];
    wMax = Math.max(wMax, (ptr[k + 1] - ptr[k]) * c); cMax = Math.max(cMax, c * c);
  }
  return { wMax, cMax };
}

/** Flops of the factorisation (complex multiply-add counted as 8): for the time estimates in the caller. */
export function blockTridiagonalLuFlops(ptr: ArrayLike<number>): number {
  let f = 0;
  for (let k = 0; k + 1 < ptr.length; k++) {
    const b = ptr[k + 1] - ptr[k];
    const c = k + 2 < ptr.length ? ptr[k + 2] - ptr[k + 1] : 0;
    f += 8 * ((b * b * b) / 3 + b * b * c);
  }
  return f;
}

function blockOf(ptr: Int32Array): Int32Array {
  const n = ptr[ptr.length - 1];
  const blk = new Int32Array(n);
  for (let k = 0; k + 1 < ptr.length; k++) blk.fill(k, ptr[k], ptr[k + 1]);
  return blk;
}

/**
 * Factorises A − σ (opts.simd = false: factors in JS arrays and the JS solves, the fallback
 * where WebAssembly SIMD is unavailable). Throws a RangeError when A has an entry outside the
 * block tridiagonal pattern of `ptr` (ptr[0] = 0, increasing, last = n).
 */
export function blockTridiagonalLu(A: Csr, ptr: Int32Array, sigmaRe: number, sigmaIm: number, onProgress?: (f: number) => void, opts: { simd?: boolean } = {}): BlockTridiagonalLu {
  const n = A.rows;
  if (ptr[0] !== 0 || ptr[ptr.length - 1] !== n) throw new RangeError('block partition must start at 0 and end at n');
  const K = ptr.length - 1;
  const blk = blockOf(ptr);
  let scale = Math.hypot(sigmaRe, sigmaIm);
  for (let i = 0; i < n; i++) {
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const j = A.colIdx[q];
      if (Math.abs(blk[j] - blk[i]) > 1) throw new RangeError(`entry (${i}, ${j}) lies outside the block tridiagonal pattern`);
      scale = Math.max(scale, Math.abs(A.values[q]));
    }
  }
  const lre: Float64Array[] = [], lim: Float64Array[] = [], piv: Int32Array[] = [];
  let minPivot = Infinity, bytes = 0;
  const real = sigmaIm === 0;
  const EMPTY = new Float64Array(0);
  // Schur-complement correction to add to the next diagonal block (−C_k D'_k⁻¹ B_k), and
  // W = D'_k⁻¹ B_k: scratch sized once for the largest pair of neighbouring blocks (allocating
  // them per block made most of a factorisation's garbage).
  const { wMax, cMax } = workSizes(ptr);
  const wReBuf = new Float64Array(wMax), wImBuf = real ? EMPTY : new Float64Array(wMax);
  // (one correction buffer: block k + 1 adds it to its diagonal block before it is overwritten)
  const corrBuf = { re: new Float64Array(cMax), im: real ? EMPTY : new Float64Array(cMax) };
  let corrRe: Float64Array | null = null, corrIm: Float64Array | null = null;
  const simd = opts.simd ?? true ? simdArena(ptr, real) : null;
  for (let k = 0; k < K; k++) {
    const p0 = ptr[k], b = ptr[k + 1] - p0;
    const re = simd ? simd.K.heap.subarray(simd.re[k], simd.re[k] + b * b) : new Float64Array(b * b);
    const im = real ? EMPTY : simd ? simd.K.heap.subarray(simd.im[k], simd.im[k] + b * b) : new Float64Array(b * b);
    for (let i = 0; i < b; i++) {
      const row = p0 + i;
      for (let q = A.rowPtr[row]; q < A.rowPtr[row + 1]; q++) {
        const j = A.colIdx[q];
        if (blk[j] === k) re[i * b + j - p0] += A.values[q];
      }
      re[i * b + i] -= sigmaRe;
      if (!real) im[i * b + i] -= sigmaIm;
    }
    if (corrRe) for (let t = 0; t < b * b; t++) re[t] += corrRe[t];
    if (corrIm && !real) for (let t = 0; t < b * b; t++) im[t] += corrIm[t];
    const pv = new Int32Array(b);
    if (real) {
      luFactor(b, re, pv);
      for (let i = 0; i < b; i++) minPivot = Math.min(minPivot, Math.abs(re[i * b + i]));
    } else minPivot = Math.min(minPivot, complexLuFactor(b, re, im, pv));
    lre.push(re); lim.push(im); piv.push(pv);
    bytes += re.byteLength + im.byteLength + pv.byteLength;
    corrRe = corrIm = null;
    if (k + 1 < K) {
      // W = D'_k⁻¹ B_k (b × c dense), then correction = −C_k W (c × c).
      const p1 = ptr[k + 1], c = ptr[k + 2] - p1;
      const wr = wReBuf.subarray(0, b * c), wi = real ? EMPTY : wImBuf.subarray(0, b * c);
      wr.fill(0);
      if (!real) wi.fill(0);
      for (let i = 0; i < b; i++) {
        const row = p0 + i;
        for (let q = A.rowPtr[row]; q < A.rowPtr[row + 1]; q++) {
          const j = A.colIdx[q];
          if (blk[j] === k + 1) wr[i * c + j - p1] += A.values[q];
        }
      }
      if (real) luSolveMany(b, re, pv, c, wr);
      else complexLuSolveMany(b, re, im, pv, c, wr, wi);
      corrRe = corrBuf.re.subarray(0, c * c).fill(0); corrIm = real ? null : corrBuf.im.subarray(0, c * c).fill(0);
      for (let r = 0; r < c; r++) {
        const row = p1 + r;
        for (let q = A.rowPtr[row]; q < A.rowPtr[row + 1]; q++) {
          const j = A.colIdx[q];
          if (blk[j] !== k) continue;
          const v = A.values[q], src = (j - p0) * c, dst = r * c;
          for (let t = 0; t < c; t++) corrRe[dst + t] -= v * wr[src + t];
          if (corrIm) for (let t = 0; t < c; t++) corrIm[dst + t] -= v * wi[src + t];
        }
      }
    }
    onProgress?.((k + 1) / K);
  }
  return { n, ptr, sigmaRe, sigmaIm, real, lre, lim, piv, minPivotRatio: minPivot / (scale || 1), bytes, A, ...splitCouplings(A, blk), ...(simd ? { simd } : {}) };
}

/** Block solve D'_k v = r (or D'_kᵀ v = r) in place for a complex vector, real or complex factors. */
function blockSolve(f: BlockTridiagonalLu, k: number, vr: Float64Array, vi: Float64Array, transposed: boolean): void {
  const b = f.ptr[k + 1] - f.ptr[k];
  if (f.simd && (f.real || !transposed)) {
    const { K, re, im, xr, xi, out } = f.simd, H = K.heap, pv = f.piv[k];
    const swap = (q: number) => {
      const p = pv[q];
      if (p !== q) { let t = vr[q]; vr[q] = vr[p]; vr[p] = t; t = vi[q]; vi[q] = vi[p]; vi[p] = t; }
    };
    if (!transposed) for (let q = 0; q < b; q++) swap(q);
    H.set(vr, xr); H.set(vi, xi);
    if (!f.real) K.cluSolve(8 * re[k], 8 * im[k], b, 8 * xr, 8 * xi, 8 * out);
    else if (!transposed) K.rluSolve2(8 * re[k], b, 8 * xr, 8 * xi, 8 * out);
    else K.rluSolveT2(8 * re[k], b, 8 * xr, 8 * xi, 8 * out);
    vr.set(H.subarray(xr, xr + b)); vi.set(H.subarray(xi, xi + b));
    if (transposed) for (let q = b - 1; q >= 0; q--) swap(q);
    return;
  }
  if (f.real) (transposed ? luSolveTransposedPair : luSolvePair)(b, f.lre[k], f.piv[k], vr, vi);
  else (transposed ? complexLuSolveTransposed : complexLuSolve)(b, f.lre[k], f.lim[k], f.piv[k], vr, vi);
}

function workOf(f: BlockTridiagonalLu): Float64Array[] {
  return f.work ?? (f.work = [new Float64Array(f.n), new Float64Array(f.n), new Float64Array(f.n), new Float64Array(f.n)]);
}

/** x = (A − σ)⁻¹ b for a complex vector (split arrays; x may alias b). */
export function blockTridiagonalSolve(f: BlockTridiagonalLu, bRe: Float64Array, bIm: Float64Array, xRe: Float64Array, xIm: Float64Array): void {
  const { ptr, lowPtr, lowIdx, lowVal, upPtr, upIdx, upVal } = f;
  const K = ptr.length - 1;
  if (xRe !== bRe) xRe.set(bRe);
  if (xIm !== bIm) xIm.set(bIm);
  const n = f.n;
  const [zr, zi, tr, ti] = workOf(f);
  // Forward: y_{k+1} = b_{k+1} − C_k D'_k⁻¹ y_k  (z_k = D'_k⁻¹ y_k kept for the back substitution).
  for (let k = 0; k < K; k++) {
    checkInterrupt();
    const p0 = ptr[k], p1 = ptr[k + 1];
    const sr = zr.subarray(p0, p1), si = zi.subarray(p0, p1);
    sr.set(xRe.subarray(p0, p1)); si.set(xIm.subarray(p0, p1));
    blockSolve(f, k, sr, si, false);
    if (k + 1 < K) {
      const p2 = ptr[k + 2];
      for (let row = p1; row < p2; row++) {
        let ar = 0, ai = 0;
        for (let q = lowPtr[row], e = lowPtr[row + 1]; q < e; q++) { const j = lowIdx[q], v = lowVal[q]; ar += v * zr[j]; ai += v * zi[j]; }
        xRe[row] -= ar; xIm[row] -= ai;
      }
    }
  }
  // Back: x_K = z_K; x_k = D'_k⁻¹ (y_k − B_k x_{k+1}) = z_k − D'_k⁻¹ B_k x_{k+1}.
  xRe.subarray(ptr[K - 1], n).set(zr.subarray(ptr[K - 1], n));
  xIm.subarray(ptr[K - 1], n).set(zi.subarray(ptr[K - 1], n));
  for (let k = K - 2; k >= 0; k--) {
    const p0 = ptr[k], p1 = ptr[k + 1];
    const sr = tr.subarray(p0, p1), si = ti.subarray(p0, p1);
    for (let row = p0; row < p1; row++) {
      let ar = 0, ai = 0;
      for (let q = upPtr[row], e = upPtr[row + 1]; q < e; q++) { const j = upIdx[q], v = upVal[q]; ar += v * xRe[j]; ai += v * xIm[j]; }
      tr[row] = ar; ti[row] = ai;
    }
    blockSolve(f, k, sr, si, false);
    for (let row = p0; row < p1; row++) { xRe[row] = zr[row] - tr[row]; xIm[row] = zi[row] - ti[row]; }
  }
}

/**
 * x = (A − σ)⁻ᵀ b (plain transpose). (A − σ)ᵀ = Uᵀ Lᵀ with Uᵀ block lower (D'_kᵀ, B_kᵀ) and
 * Lᵀ block upper (I, D'_k⁻ᵀ C_kᵀ).
 */
export function blockTridiagonalSolveTransposed(f: BlockTridiagonalLu, bRe: Float64Array, bIm: Float64Array, xRe: Float64Array, xIm: Float64Array): void {
  const { ptr, lowPtr, lowIdx, lowVal, upPtr, upIdx, upVal } = f;
  const K = ptr.length - 1;
  if (xRe !== bRe) xRe.set(bRe);
  if (xIm !== bIm) xIm.set(bIm);
  // Uᵀ z = b: z_k = D'_k⁻ᵀ (b_k − B_{k−1}ᵀ z_{k−1}). B_{k−1}ᵀ z_{k−1} scatters the rows of
  // block k−1 (their entries in block k) into block k.
  for (let k = 0; k < K; k++) {
    checkInterrupt();
    const p0 = ptr[k], p1 = ptr[k + 1];
    blockSolve(f, k, xRe.subarray(p0, p1), xIm.subarray(p0, p1), true);
    if (k + 1 < K) {
      for (let row = p0; row < p1; row++) {
        const zr = xRe[row], zi = xIm[row];
        if (zr === 0 && zi === 0) continue;
        for (let q = upPtr[row], e = upPtr[row + 1]; q < e; q++) { const j = upIdx[q], v = upVal[q]; xRe[j] -= v * zr; xIm[j] -= v * zi; }
      }
    }
  }
  // Lᵀ x = z: x_{K−1} = z_{K−1}; x_k = z_k − D'_k⁻ᵀ (C_kᵀ x_{k+1}); C_kᵀ x_{k+1} scatters the
  // rows of block k+1 (their entries in block k) into block k.
  const [tr, ti] = workOf(f);
  for (let k = K - 2; k >= 0; k--) {
    const p0 = ptr[k], p1 = ptr[k + 1], p2 = ptr[k + 2];
    const sr = tr.subarray(p0, p1), si = ti.subarray(p0, p1);
    sr.fill(0); si.fill(0);
    for (let row = p1; row < p2; row++) {
      const xr = xRe[row], xi = xIm[row];
      if (xr === 0 && xi === 0) continue;
      for (let q = lowPtr[row], e = lowPtr[row + 1]; q < e; q++) { const j = lowIdx[q], v = lowVal[q]; tr[j] += v * xr; ti[j] += v * xi; }
    }
    blockSolve(f, k, sr, si, true);
    for (let row = p0; row < p1; row++) { xRe[row] -= tr[row]; xIm[row] -= ti[row]; }
  }
}

/**
 * (A − σ)⁻¹ b (or ⁻ᵀ) with one step of iterative refinement against A itself, which recovers
 * accuracy lost to the absence of pivoting across blocks. Returns the relative residual
 * ‖b − (A − σ)x‖/‖b‖ after refinement.
 */
export function blockTridiagonalSolveRefined(f: BlockTridiagonalLu, bRe: Float64Array, bIm: Float64Array, xRe: Float64Array, xIm: Float64Array, transposed = false): number {
  const solve = transposed ? blockTridiagonalSolveTransposed : blockTridiagonalSolve;
  solve(f, bRe, bIm, xRe, xIm);
  const n = f.n;
  const rr = new Float64Array(n), ri = new Float64Array(n);
  const resid = () => {
    shiftedApply(f, xRe, xIm, rr, ri, transposed);
    let s = 0, bn = 0;
    for (let i = 0; i < n; i++) {
      rr[i] = bRe[i] - rr[i]; ri[i] = bIm[i] - ri[i];
      s += rr[i] * rr[i] + ri[i] * ri[i]; bn += bRe[i] * bRe[i] + bIm[i] * bIm[i];
    }
    return bn > 0 ? Math.sqrt(s / bn) : Math.sqrt(s);
  };
  resid();
  solve(f, rr, ri, rr, ri);
  for (let i = 0; i < n; i++) { xRe[i] += rr[i]; xIm[i] += ri[i]; }
  return resid();
}

/** y = (A − σ) x or (A − σ)ᵀ x for a complex x. */
export function shiftedApply(f: BlockTridiagonalLu, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array, transposed = false): void {
  const { n } = f;
  csrMatVecComplex(f.A, xRe, xIm, yRe, yIm, transposed);
  const { sigmaRe: sr, sigmaIm: si } = f;
  for (let i = 0; i < n; i++) {
    const xr = xRe[i], xi = xIm[i];
    yRe[i] -= sr * xr - si * xi; yIm[i] -= sr * xi + si * xr;
  }
}

/**
 * The finest partition into consecutive blocks in which A (square, any pattern) is block
 * tridiagonal: block 0 = {0}, block k+1 = the indices after block k up to the farthest one
 * coupled (A_ij or A_ji ≠ 0) to block k. For a Liouvillian sector ordered by E it reproduces
 * the E levels (measured), without the caller passing them. O(nnz).
 */
export function blockTridiagonalPartition(A: Csr): Int32Array {
  const n = A.rows;
  if (n === 0) return Int32Array.from([0]);
  const reach = new Int32Array(n);
  for (let i = 0; i < n; i++) reach[i] = i;
  for (let i = 0; i < n; i++) {
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const j = A.colIdx[q];
      if (j > i) { if (j > reach[i]) reach[i] = j; } else if (i > reach[j]) reach[j] = i;
    }
  }
  const ptr = [0];
  let start = 0, end = 1;
  while (end < n) {
    let r = end;
    for (let i = start; i < end; i++) r = Math.max(r, reach[i] + 1);
    ptr.push(end);
    start = end;
    end = Math.min(n, Math.max(r, end + 1));
  }
  ptr.push(n);
  return Int32Array.from(ptr);
}
