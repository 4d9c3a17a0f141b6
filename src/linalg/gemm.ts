/**
 * C −= A·B on row-major sub-blocks, real and complex split storage: the level-3 kernel of the
 * blocked LU factorisations and many-right-hand-side solves (denseLu.ts, complexLu.ts).
 *
 * Shapes: A is M×K at a[aOff + i·lda + p], B is K×N at b[bOff + p·ldb + j], C is M×N at
 * c[cOff + i·ldc + j]; A, B and C may be disjoint regions of one array. Flops: 2MNK (real),
 * 8MNK (complex, the 4-multiply form).
 *
 * Blocking after Goto & van de Geijn, "Anatomy of high-performance matrix multiplication"
 * (ACM TOMS 34, 2008), scaled to what a JavaScript engine keeps in registers: all of A is
 * copied once into row panels of MR rows (p-major, so the micro-kernel reads it sequentially),
 * B column tiles of NC columns into strips of NR columns (K·NC doubles stay in L2), and an
 * MR×NR micro-kernel accumulates its tile of C in local variables over the whole K. C is then
 * read and written once per call instead of once per rank-1 update: the unblocked
 * right-looking LU is memory-bound at ≈ 1.3 GFlop/s beyond n ≈ 1000, the JS micro-kernels run
 * at ≈ 6 (real) and ≈ 7.5 (complex) GFlop/s on one core, and the WebAssembly SIMD tiles
 * (wasmKernels.ts dgemmT 4×4, zgemmT 2×4 complex, f64x2 lanes; used where available and
 * K ≥ 8) make the LU factorisations ≈ 15–18 (real) and ≈ 14–17 (complex) GFlop/s at n = 500–4000
 * (measured, bench/denseLu.bench.ts). JS micro-kernel shapes measured on this machine's V8: real
 * 3×4 (12 accumulators) beat 4×4, 2×4, 2×6, 3×6; complex 2×2 (8 complex accumulators) beat 1×4,
 * 2×3, 3×2.
 *
 * A checkpoint (checkInterrupt) every MC rows of every column tile: ≈ 1 ms of work apart.
 */
import { checkInterrupt } from './interrupt.ts';
import { type WasmKernels, wasmKernels } from './wasmKernels.ts';

const MR = 3, NR = 4, ZMR = 2, ZNR = 2;
/** Columns of B per packed tile and rows of C between two checkpoints. */
const NC = 512, MC = 96;

let packA = new Float64Array(0), packB = new Float64Array(0);
const edge = new Float64Array(2 * Math.max(MR * NR, ZMR * ZNR));

function scratch(aLen: number, bLen: number): void {
  if (packA.length < aLen) packA = new Float64Array(aLen);
  if (packB.length < bLen) packB = new Float64Array(bLen);
}

// ---- WebAssembly SIMD path: packing as below (tile widths 4×4 real, 2×4 complex), the
// tiles T = Ap·Bp computed by wasmKernels.ts dgemmT/zgemmT into the module's memory, then
// C −= T here. Used when K ≥ SIMD_MIN_K (below, the extra pass over C is not amortised).
const SIMD_MIN_K = 8;
let simdState: { K: WasmKernels; bytes: number } | null | undefined;
let simdEnabled = true;

/** Turns the SIMD GEMM off (false) or on again (the tests compare both paths). */
export function setGemmSimd(on: boolean): void { simdEnabled = on; }

/** Kernels over a memory of at least `bytes` (grown by doubling), or null without SIMD. */
function simdKernels(bytes: number): WasmKernels | null {
  if (!simdEnabled || simdState === null) return null;
  if (simdState && simdState.bytes >= bytes) return simdState.K;
  const want = Math.max(bytes, 2 * (simdState?.bytes ?? 0), 1 << 20);
  const K = wasmKernels(want);
  if (!K) { if (simdState === undefined) simdState = null; return null; }
  simdState = { K, bytes: want };
  return K;
}

function gemmSubSimd(
  M: number, N: number, Kd: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): boolean {
  const mp = Math.ceil(M / 4), wmax = Math.min(N, NC), nsMax = Math.ceil(wmax / 4);
  const aLen = mp * 4 * Kd, bLen = nsMax * 4 * Kd, tLen = 4 * Math.ceil(MC / 4) * 4 * nsMax;
  const K = simdKernels(8 * (aLen + bLen + tLen));
  if (!K) return false;
  const H = K.heap, A0 = 0, B0 = aLen, T0 = aLen + bLen;
  for (let i0 = 0; i0 < M; i0 += 4) {
    const base = A0 + i0 * Kd;
    for (let r = 0; r < 4; r++) {
      const i = i0 + r;
      if (i < M) { const ro = aOff + i * lda; for (let p = 0; p < Kd; p++) H[base + p * 4 + r] = a[ro + p]; }
      else for (let p = 0; p < Kd; p++) H[base + p * 4 + r] = 0;
    }
  }
  for (let j0 = 0; j0 < N; j0 += NC) {
    const w = Math.min(NC, N - j0), ns = Math.ceil(w / 4);
    for (let s = 0; s < w; s += 4) {
      const base = B0 + s * Kd, sw = Math.min(4, w - s);
      for (let p = 0; p < Kd; p++) {
        const ro = bOff + p * ldb + j0 + s, o = base + p * 4;
        for (let q = 0; q < 4; q++) H[o + q] = q < sw ? b[ro + q] : 0;
      }
    }
    const ldt = 4 * ns;
    for (let ic = 0; ic < M; ic += MC) {
      checkInterrupt();
      const rows = Math.min(MC, M - ic);
      K.dgemmT(8 * (A0 + ic * Kd), 8 * B0, Kd, Math.ceil(rows / 4), ns, 8 * T0);
      for (let r = 0; r < rows; r++) {
        const co = cOff + (ic + r) * ldc + j0, to = T0 + r * ldt;
        for (let q = 0; q < w; q++) c[co + q] -= H[to + q];
      }
    }
  }
  return true;
}

function complexGemmSubSimd(
  M: number, N: number, Kd: number,
  ar: Float64Array, ai: Float64Array, aOff: number, lda: number,
  br: Float64Array, bi: Float64Array, bOff: number, ldb: number,
  cr: Float64Array, ci: Float64Array, cOff: number, ldc: number,
): boolean {
  const mp = Math.ceil(M / 2), wmax = Math.min(N, NC), nsMax = Math.ceil(wmax / 4);
  const aLen = mp * 4 * Kd, bLen = nsMax * 8 * Kd, tLen = 2 * 2 * Math.ceil(MC / 2) * 4 * nsMax;
  const K = simdKernels(8 * (aLen + bLen + tLen));
  if (!K) return false;
  const H = K.heap, A0 = 0, B0 = aLen, T0 = aLen + bLen;
  // A panels of 2 rows: per p [ar0, ar1, ai0, ai1]
  for (let i0 = 0; i0 < M; i0 += 2) {
    const base = A0 + 2 * i0 * Kd;
    for (let r = 0; r < 2; r++) {
      const i = i0 + r, inside = i < M, ro = aOff + i * lda;
      for (let p = 0; p < Kd; p++) {
        const o = base + p * 4 + r;
        H[o] = inside ? ar[ro + p] : 0; H[o + 2] = inside ? ai[ro + p] : 0;
      }
    }
  }
  for (let j0 = 0; j0 < N; j0 += NC) {
    const w = Math.min(NC, N - j0), ns = Math.ceil(w / 4);
    // B strips of 4 columns: per p [br0..br3, bi0..bi3]
    for (let s = 0; s < w; s += 4) {
      const base = B0 + 2 * s * Kd, sw = Math.min(4, w - s);
      for (let p = 0; p < Kd; p++) {
        const ro = bOff + p * ldb + j0 + s, o = base + p * 8;
        for (let q = 0; q < 4; q++) { H[o + q] = q < sw ? br[ro + q] : 0; H[o + 4 + q] = q < sw ? bi[ro + q] : 0; }
      }
    }
    const ldt = 4 * ns;
    for (let ic = 0; ic < M; ic += MC) {
      checkInterrupt();
      const rows = Math.min(MC, M - ic), mpc = Math.ceil(rows / 2);
      K.zgemmT(8 * (A0 + 2 * ic * Kd), 8 * B0, Kd, mpc, ns, 8 * T0);
      const tim = T0 + 2 * mpc * ldt;
      for (let r = 0; r < rows; r++) {
        const co = cOff + (ic + r) * ldc + j0, to = T0 + r * ldt, ti = tim + r * ldt;
        for (let q = 0; q < w; q++) { cr[co + q] -= H[to + q]; ci[co + q] -= H[ti + q]; }
      }
    }
  }
  return true;
}

/** Real C −= A·B (see the module comment for the layout). */
export function gemmSub(
  M: number, N: number, K: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  if (K >= SIMD_MIN_K && gemmSubSimd(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc)) return;
  const mPanels = Math.ceil(M / MR);
  scratch(mPanels * MR * K, Math.ceil(Math.min(N, NC) / NR) * NR * K);
  const Ap = packA, Bp = packB;
  // A in panels of MR rows: Ap[panel·MR·K + p·MR + r] = A[panel·MR + r, p] (zero beyond M).
  for (let i0 = 0; i0 < M; i0 += MR) {
    const base = i0 * K;
    for (let r = 0; r < MR; r++) {
      const i = i0 + r;
      if (i < M) { const ro = aOff + i * lda; for (let p = 0; p < K; p++) Ap[base + p * MR + r] = a[ro + p]; }
      else for (let p = 0; p < K; p++) Ap[base + p * MR + r] = 0;
    }
  }
  for (let j0 = 0; j0 < N; j0 += NC) {
    const w = Math.min(NC, N - j0);
    // B tile in strips of NR columns: Bp[strip·NR·K + p·NR + q] = B[p, j0 + strip·NR + q].
    for (let s = 0; s < w; s += NR) {
      const base = s * K, sw = Math.min(NR, w - s);
      for (let p = 0; p < K; p++) {
        const ro = bOff + p * ldb + j0 + s, o = base + p * NR;
        let q = 0;
        for (; q < sw; q++) Bp[o + q] = b[ro + q];
        for (; q < NR; q++) Bp[o + q] = 0;
      }
    }
    for (let ic = 0; ic < M; ic += MC) {
      checkInterrupt();
      const iEnd = Math.min(M, ic + MC);
      for (let i0 = ic; i0 < iEnd; i0 += MR) {
        const mv = Math.min(MR, M - i0);
        for (let s = 0; s < w; s += NR) micro34(K, Ap, i0 * K, Bp, s * K, c, cOff + i0 * ldc + j0 + s, ldc, mv, Math.min(NR, w - s));
      }
    }
  }
}

/** The 3×4 tile C[co..] −= Σ_p a_p b_pᵀ; only mv×nv of it is written (edges of C). */
function micro34(K: number, Ap: Float64Array, ia: number, Bp: Float64Array, ib: number, c: Float64Array, co: number, ldc: number, mv: number, nv: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  for (let p = 0; p < K; p++) {
    const a0 = Ap[ia], a1 = Ap[ia + 1], a2 = Ap[ia + 2];
    const b0 = Bp[ib], b1 = Bp[ib + 1], b2 = Bp[ib + 2], b3 = Bp[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    ia += MR; ib += NR;
  }
  if (mv === MR && nv === NR) {
    c[co] -= c00; c[co + 1] -= c01; c[co + 2] -= c02; c[co + 3] -= c03; co += ldc;
    c[co] -= c10; c[co + 1] -= c11; c[co + 2] -= c12; c[co + 3] -= c13; co += ldc;
    c[co] -= c20; c[co + 1] -= c21; c[co + 2] -= c22; c[co + 3] -= c23;
    return;
  }
  const t = edge;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  for (let r = 0; r < mv; r++) for (let q = 0; q < nv; q++) c[co + r * ldc + q] -= t[r * NR + q];
}

/** Complex C −= A·B on split storage (each of A, B, C a (re, im) pair with one offset and stride). */
export function complexGemmSub(
  M: number, N: number, K: number,
  ar: Float64Array, ai: Float64Array, aOff: number, lda: number,
  br: Float64Array, bi: Float64Array, bOff: number, ldb: number,
  cr: Float64Array, ci: Float64Array, cOff: number, ldc: number,
): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  if (K >= SIMD_MIN_K && complexGemmSubSimd(M, N, K, ar, ai, aOff, lda, br, bi, bOff, ldb, cr, ci, cOff, ldc)) return;
  const mPanels = Math.ceil(M / ZMR);
  scratch(mPanels * 2 * ZMR * K, Math.ceil(Math.min(N, NC) / ZNR) * 2 * ZNR * K);
  const Ap = packA, Bp = packB;
  // A panels: per p, ZMR real parts then ZMR imaginary parts.
  for (let i0 = 0; i0 < M; i0 += ZMR) {
    const base = 2 * i0 * K;
    for (let r = 0; r < ZMR; r++) {
      const i = i0 + r, inside = i < M, ro = aOff + i * lda;
      for (let p = 0; p < K; p++) {
        const o = base + p * 2 * ZMR + r;
        Ap[o] = inside ? ar[ro + p] : 0; Ap[o + ZMR] = inside ? ai[ro + p] : 0;
      }
    }
  }
  for (let j0 = 0; j0 < N; j0 += NC) {
    const w = Math.min(NC, N - j0);
    // B strips: per p, ZNR real parts then ZNR imaginary parts.
    for (let s = 0; s < w; s += ZNR) {
      const base = 2 * s * K, sw = Math.min(ZNR, w - s);
      for (let p = 0; p < K; p++) {
        const ro = bOff + p * ldb + j0 + s, o = base + p * 2 * ZNR;
        for (let q = 0; q < ZNR; q++) { Bp[o + q] = q < sw ? br[ro + q] : 0; Bp[o + ZNR + q] = q < sw ? bi[ro + q] : 0; }
      }
    }
    for (let ic = 0; ic < M; ic += MC) {
      checkInterrupt();
      const iEnd = Math.min(M, ic + MC);
      for (let i0 = ic; i0 < iEnd; i0 += ZMR) {
        const mv = Math.min(ZMR, M - i0);
        for (let s = 0; s < w; s += ZNR) complexMicro22(K, Ap, 2 * i0 * K, Bp, 2 * s * K, cr, ci, cOff + i0 * ldc + j0 + s, ldc, mv, Math.min(ZNR, w - s));
      }
    }
  }
}

/** The complex 2×2 tile C[co..] −= Σ_p a_p b_pᵀ; only mv×nv of it is written. */
function complexMicro22(K: number, Ap: Float64Array, ia: number, Bp: Float64Array, ib: number, cr: Float64Array, ci: Float64Array, co: number, ldc: number, mv: number, nv: number): void {
  let r00 = 0, i00 = 0, r01 = 0, i01 = 0, r10 = 0, i10 = 0, r11 = 0, i11 = 0;
  for (let p = 0; p < K; p++) {
    const ar0 = Ap[ia], ar1 = Ap[ia + 1], ai0 = Ap[ia + 2], ai1 = Ap[ia + 3];
    const br0 = Bp[ib], br1 = Bp[ib + 1], bi0 = Bp[ib + 2], bi1 = Bp[ib + 3];
    r00 += ar0 * br0 - ai0 * bi0; i00 += ar0 * bi0 + ai0 * br0;
    r01 += ar0 * br1 - ai0 * bi1; i01 += ar0 * bi1 + ai0 * br1;
    r10 += ar1 * br0 - ai1 * bi0; i10 += ar1 * bi0 + ai1 * br0;
    r11 += ar1 * br1 - ai1 * bi1; i11 += ar1 * bi1 + ai1 * br1;
    ia += 2 * ZMR; ib += 2 * ZNR;
  }
  if (mv === ZMR && nv === ZNR) {
    cr[co] -= r00; ci[co] -= i00; cr[co + 1] -= r01; ci[co + 1] -= i01; co += ldc;
    cr[co] -= r10; ci[co] -= i10; cr[co + 1] -= r11; ci[co + 1] -= i11;
    return;
  }
  const t = edge;
  t[0] = r00; t[1] = r01; t[2] = r10; t[3] = r11; t[4] = i00; t[5] = i01; t[6] = i10; t[7] = i11;
  for (let r = 0; r < mv; r++) {
    for (let q = 0; q < nv; q++) { cr[co + r * ldc + q] -= t[r * ZNR + q]; ci[co + r * ldc + q] -= t[4 + r * ZNR + q]; }
  }
}
