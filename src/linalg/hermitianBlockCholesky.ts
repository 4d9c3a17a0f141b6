/**
 * Positive-definiteness test (an inertia certificate) for a complex Hermitian matrix G that is
 * block tridiagonal over a partition (the E levels of a Liouvillian sector, DESIGN.md): does
 * G + shift·I ≻ 0? Used by stripImagBound.ts to prove λmax(K + tH) < μ.
 *
 * Block Cholesky G + shift = L Lᴴ (Golub & Van Loan, Matrix Computations, 4th ed., §4.2 and
 * §4.5), no pivoting:
 *     D'_0 = D_0,  D'_k = L_k L_kᴴ (dense, lower),  W_k = L_k⁻¹ C_kᴴ,  D'_{k+1} = D_{k+1} − W_kᴴ W_k,
 * where D_k are the diagonal blocks (plus the shift) and C_k = G[k+1, k]; the couplings above
 * the diagonal are C_kᴴ = G[k, k+1] (read from the rows of block k). Each entry of L is
 * formed exactly as in the unblocked Cholesky (its inner product only skips terms that are
 * exact zeros of the block-tridiagonal pattern), so the unblocked error analysis applies.
 * Only the current Schur complement is held (the factor is not kept): memory
 * 16(b_k² + b_k b_{k+1} + b_{k+1}²) bytes at block k, flops hermitianBlockCholeskyFlops.
 *
 * What a completed run proves. If every pivot d_j = ĝ_jj − Σ|l̂_jl|² is > 0 (floating point),
 * the computed factor satisfies R̂ᴴR̂ = Ĝ + ΔG exactly, R̂ = L̂ᴴ nonsingular, with
 *     |ΔG_ij| ≤ γ̃ |r̂_i|ᵀ|r̂_j|,  hence  |ΔG_ij| ≤ γ̃/(1 − γ̃) (ĝ_ii ĝ_jj)^{1/2},
 *     ‖ΔG‖₂ ≤ ‖ΔG‖_F ≤ γ̃/(1 − γ̃) · tr Ĝ,
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 10.3 and the bound
 * after it; Demmel, "On floating point errors in Cholesky", LAPACK Working Note 14, 1989). The
 * proof needs only that the factorisation ran to completion (each entry obeys Higham's
 * Lemma 8.4 for any order of summation), not that Ĝ is definite. Real arithmetic has
 * γ̃ = γ_{n+1}, γ_k = ku/(1 − ku), u = 2⁻⁵³. In complex arithmetic done in real arithmetic,
 * each real and imaginary part of (c − Σ_{l<m} a_l b_l)/d (d > 0 real) is such an expression
 * with 2(m − 1) products, and |Re a Re b| + |Im a Im b| + |Re a Im b| + |Im a Re b| ≤ 2|a||b|,
 * so γ̃ = 2γ_{2n+2} is a valid (generous) constant here. So Ĝ + ΔG ≻ 0 and
 *     λmin(Ĝ) > −backwardError,  backwardError = γ̃/(1 − γ̃) · tr Ĝ · (1 + γ_n)
 * (the last factor covers the rounding of the trace sum). Ĝ means the matrix the factorisation
 * read: the entries of G with the shift added in floating point (one rounding on the
 * diagonal, which the caller accounts for). No underflow or overflow is assumed.
 */
import { checkInterrupt } from './interrupt.ts';
import { wasmKernels } from './wasmKernels.ts';

/** A complex square matrix in CSR form with split values (re, im). */
export interface ComplexCsr {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

export interface HermitianCholeskyResult {
  /** The factorisation of G + shift completed with positive pivots (then G + shift + ΔG ≻ 0). */
  positiveDefinite: boolean;
  /** Global row of the first pivot that was ≤ 0 or not finite; −1 when it completed. */
  failedRow: number;
  /** Smallest pivot d_j = l_jj² met (≤ 0 at the failing row). */
  minPivot: number;
  /** Bound on ‖ΔG‖₂ for the computed factor (module comment); Infinity when it failed. */
  backwardError: number;
}

const U = 2 ** -53;
const gamma = (k: number) => (k * U) / (1 - k * U);

/** Flops (complex multiply-add counted as 8): b³/6 + b²c/2 + bc²/2 complex per block. */
export function hermitianBlockCholeskyFlops(ptr: ArrayLike<number>): number {
  let f = 0;
  for (let k = 0; k + 1 < ptr.length; k++) {
    const b = ptr[k + 1] - ptr[k];
    const c = k + 2 < ptr.length ? ptr[k + 2] - ptr[k + 1] : 0;
    f += 8 * ((b * b * b) / 6 + (b * b * c) / 2 + (b * c * c) / 2);
  }
  return f;
}

/** Peak bytes: one Schur complement, its coupling W and the next Schur complement (complex). */
export function hermitianBlockCholeskyBytes(ptr: ArrayLike<number>): number {
  let peak = 0;
  for (let k = 0; k + 1 < ptr.length; k++) {
    const b = ptr[k + 1] - ptr[k];
    const c = k + 2 < ptr.length ? ptr[k + 2] - ptr[k + 1] : 0;
    peak = Math.max(peak, 16 * (b * b + b * c + c * c));
  }
  return peak;
}

/**
 * Tests G + shift·I ≻ 0 for a Hermitian G, block tridiagonal over ptr (ptr[0] = 0, increasing,
 * last = n). Reads only the lower triangle of the diagonal blocks and the blocks above the
 * diagonal, G[k, k+1] (Hermitian: the rest is implied); the imaginary parts on the diagonal are
 * taken as 0. Throws a RangeError for an entry outside the block-tridiagonal pattern.
 * checkInterrupt() once per column of each factorisation, pair of right-hand sides of each
 * substitution and row of each Schur product, and every 256 inner rows within them.
 * opts.onProgress gets the fraction of blocks done. With WebAssembly SIMD (opts.simd, default
 * where available) the work arrays live in the module's memory and each column, substitution
 * and Schur-product row runs there
 * (wasmKernels.ts zcholColumn, zcholForward, zgramRow: the same entries, inner products summed
 * in two lanes — the error bound above holds for any order of summation; ≈ 3× the JS loops).
 */
export function hermitianBlockCholesky(G: ComplexCsr, ptr: Int32Array, shift = 0, opts: { simd?: boolean; onProgress?: (fraction: number) => void } = {}): HermitianCholeskyResult {
  const n = G.n;
  if (ptr[0] !== 0 || ptr[ptr.length - 1] !== n) throw new RangeError('block partition must start at 0 and end at n');
  const K = ptr.length - 1;
  const blk = new Int32Array(n);
  for (let k = 0; k < K; k++) blk.fill(k, ptr[k], ptr[k + 1]);
  for (let i = 0; i < n; i++) {
    for (let q = G.rowPtr[i]; q < G.rowPtr[i + 1]; q++) {
      if (Math.abs(blk[G.colIdx[q]] - blk[i]) > 1) throw new RangeError(`entry (${i}, ${G.colIdx[q]}) lies outside the block tridiagonal pattern`);
    }
  }
  let minPivot = Infinity, trace = 0;
  const fail = (row: number, d: number): HermitianCholeskyResult => ({ positiveDefinite: false, failedRow: row, minPivot: Math.min(minPivot, d), backwardError: Infinity });
  // Work arrays allocated once at the largest block (row-major with the current block's
  // stride): D'_k, Wᵀ, and N = −W_{k−1}ᴴW_{k−1} (lower triangle) waiting for the next block.
  let maxB = 0, maxBC = 0;
  for (let k = 0; k < K; k++) {
    const b = ptr[k + 1] - ptr[k], c = k + 2 <= K ? ptr[k + 2] - ptr[k + 1] : 0;
    maxB = Math.max(maxB, b); maxBC = Math.max(maxBC, b * c);
  }
  const B2 = maxB * maxB;
  const kern = opts.simd ?? true ? wasmKernels(8 * (4 * B2 + 2 * maxBC + 4)) : null;
  const H = kern?.heap;
  const [oDre, oDim, oNre, oNim, oWre, oWim, oOut] = [0, B2, 2 * B2, 3 * B2, 4 * B2, 4 * B2 + maxBC, 4 * B2 + 2 * maxBC];
  const view = (o: number, len: number) => (H ? H.subarray(o, o + len) : new Float64Array(len));
  const Dre = view(oDre, B2), Dim = view(oDim, B2);
  const Nre = view(oNre, B2), Nim = view(oNim, B2);
  const Wre = view(oWre, maxBC), Wim = view(oWim, maxBC);
  for (let k = 0; k < K; k++) {
    const p0 = ptr[k], b = ptr[k + 1] - p0;
    // D'_k (lower) = (G[k, k] + shift) + N: Ĝ's entries are formed first (the diagonal exactly real).
    Dre.fill(0, 0, b * b); Dim.fill(0, 0, b * b);
    for (let i = 0; i < b; i++) {
      const row = p0 + i;
      for (let q = G.rowPtr[row]; q < G.rowPtr[row + 1]; q++) {
        const j = G.colIdx[q] - p0;
        if (j < 0 || j > i) continue;
        Dre[i * b + j] = G.re[q];
        if (j < i) Dim[i * b + j] = G.im[q];
      }
      const g = Dre[i * b + i] + shift;
      Dre[i * b + i] = g;
      trace += g;
    }
    if (k > 0) {
      for (let i = 0; i < b; i++) for (let t = i * b, e = t + i + 1; t < e; t++) { Dre[t] += Nre[t]; Dim[t] += Nim[t]; }
    }
    // Cholesky of D'_k in place (lower, dot-product form).
    if (kern) {
      for (let j = 0; j < b; j++) {
        checkInterrupt();
        kern.zcholColumn(8 * oDre, 8 * oDim, b, j, 8 * oOut);
        const d = H![oOut];
        if (!(d > 0) || !Number.isFinite(d)) return fail(p0 + j, d);
        if (d < minPivot) minPivot = d;
      }
    }
    for (let j = 0; !kern && j < b; j++) {
      checkInterrupt();
      const rj = j * b;
      let d = Dre[rj + j];
      for (let l = 0; l < j; l++) d -= Dre[rj + l] * Dre[rj + l] + Dim[rj + l] * Dim[rj + l];
      if (!(d > 0) || !Number.isFinite(d)) return fail(p0 + j, d);
      if (d < minPivot) minPivot = d;
      const ljj = Math.sqrt(d);
      Dre[rj + j] = ljj; Dim[rj + j] = 0;
      // − L_il conj(L_jl), two rows i at a time (they share the loads of row j; each entry
      // is still its own sum in the same order)
      let i = j + 1;
      for (; i + 1 < b; i += 2) {
        if (((i - j) & 511) === 511) checkInterrupt(); // (large blocks: a column is up to b²/4 work)
        const ri = i * b, ri1 = ri + b;
        let sr = Dre[ri + j], si = Dim[ri + j], tr = Dre[ri1 + j], ti = Dim[ri1 + j];
        for (let l = 0; l < j; l++) {
          const br = Dre[rj + l], bi = Dim[rj + l];
          const ar = Dre[ri + l], ai = Dim[ri + l], cr = Dre[ri1 + l], ci = Dim[ri1 + l];
          sr -= ar * br + ai * bi;
          si -= ai * br - ar * bi;
          tr -= cr * br + ci * bi;
          ti -= ci * br - cr * bi;
        }
        Dre[ri + j] = sr / ljj; Dim[ri + j] = si / ljj;
        Dre[ri1 + j] = tr / ljj; Dim[ri1 + j] = ti / ljj;
      }
      if (i < b) {
        const ri = i * b;
        let sr = Dre[ri + j], si = Dim[ri + j];
        for (let l = 0; l < j; l++) {
          const ar = Dre[ri + l], ai = Dim[ri + l], br = Dre[rj + l], bi = Dim[rj + l];
          sr -= ar * br + ai * bi;
          si -= ai * br - ar * bi;
        }
        Dre[ri + j] = sr / ljj; Dim[ri + j] = si / ljj;
      }
    }
    opts.onProgress?.((k + 1) / K);
    if (k + 1 === K) break;
    // Wᵀ (c × b, row r = column r of W = L_k⁻¹ G[k, k+1]) by forward substitution.
    const p1 = ptr[k + 1], c = ptr[k + 2] - p1;
    Wre.fill(0, 0, c * b); Wim.fill(0, 0, c * b);
    for (let i = 0; i < b; i++) {
      const row = p0 + i;
      for (let q = G.rowPtr[row]; q < G.rowPtr[row + 1]; q++) {
        const r = G.colIdx[q] - p1;
        if (r < 0) continue;
        Wre[r * b + i] += G.re[q]; Wim[r * b + i] += G.im[q];
      }
    }
    // − L_il W_lr, two right-hand sides r at a time (sharing the loads of L)
    if (kern) {
      for (let r = 0; r < c; r++) {
        checkInterrupt();
        kern.zcholForward(8 * oDre, 8 * oDim, b, 8 * (oWre + r * b), 8 * (oWim + r * b), 8 * oOut);
      }
    }
    for (let r = 0; !kern && r < c; r += 2) {
      checkInterrupt();
      const wr = r * b;
      if (r + 1 < c) {
        const wr1 = wr + b;
        for (let i = 0; i < b; i++) {
          if ((i & 255) === 255) checkInterrupt();
          const ri = i * b;
          let sr = Wre[wr + i], si = Wim[wr + i], tr = Wre[wr1 + i], ti = Wim[wr1 + i];
          for (let l = 0; l < i; l++) {
            const ar = Dre[ri + l], ai = Dim[ri + l];
            const xr = Wre[wr + l], xi = Wim[wr + l], yr = Wre[wr1 + l], yi = Wim[wr1 + l];
            sr -= ar * xr - ai * xi;
            si -= ar * xi + ai * xr;
            tr -= ar * yr - ai * yi;
            ti -= ar * yi + ai * yr;
          }
          const lii = Dre[ri + i];
          Wre[wr + i] = sr / lii; Wim[wr + i] = si / lii;
          Wre[wr1 + i] = tr / lii; Wim[wr1 + i] = ti / lii;
        }
      } else {
        for (let i = 0; i < b; i++) {
          const ri = i * b;
          let sr = Wre[wr + i], si = Wim[wr + i];
          for (let l = 0; l < i; l++) {
            const ar = Dre[ri + l], ai = Dim[ri + l], xr = Wre[wr + l], xi = Wim[wr + l];
            sr -= ar * xr - ai * xi;
            si -= ar * xi + ai * xr;
          }
          const lii = Dre[ri + i];
          Wre[wr + i] = sr / lii; Wim[wr + i] = si / lii;
        }
      }
    }
    // D'_{k+1} = −WᴴW (lower); G[k+1, k+1] is added at the top of the next step.
    if (kern) {
      for (let r = 0; r < c; r++) {
        checkInterrupt();
        kern.zgramRow(8 * oWre, 8 * oWim, b, r, 8 * (oNre + r * c), 8 * (oNim + r * c), 8 * oOut);
      }
    }
    for (let r = 0; !kern && r < c; r++) {
      checkInterrupt();
      const wr = r * b;
      // (WᴴW)_rs = Σ_i conj(W_ir) W_is, two columns s at a time (sharing the loads of row r)
      let s = 0;
      for (; s + 1 <= r; s += 2) {
        if ((s & 255) === 254) checkInterrupt();
        const ws = s * b, ws1 = ws + b;
        let sr = 0, si = 0, tr = 0, ti = 0;
        for (let i = 0; i < b; i++) {
          const ar = Wre[wr + i], ai = Wim[wr + i];
          const xr = Wre[ws + i], xi = Wim[ws + i], yr = Wre[ws1 + i], yi = Wim[ws1 + i];
          sr += ar * xr + ai * xi;
          si += ar * xi - ai * xr;
          tr += ar * yr + ai * yi;
          ti += ar * yi - ai * yr;
        }
        Nre[r * c + s] = -sr; Nim[r * c + s] = -si;
        Nre[r * c + s + 1] = -tr;
        Nim[r * c + s + 1] = s + 1 < r ? -ti : 0;
      }
      if (s === r) {
        let sr = 0;
        for (let i = 0; i < b; i++) sr += Wre[wr + i] * Wre[wr + i] + Wim[wr + i] * Wim[wr + i];
        Nre[r * c + s] = -sr; Nim[r * c + s] = 0;
      }
    }
  }
  const g = 2 * gamma(2 * n + 2);
  return { positiveDefinite: true, failedRow: -1, minPivot, backwardError: (g / (1 - g)) * trace * (1 + gamma(n)) };
}
