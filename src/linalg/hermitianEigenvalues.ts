/**
 * Eigenvalues (no vectors) of dense real symmetric and complex Hermitian matrices, for the
 * blocks of ρ^{T_B} in negativity.ts (sizes up to a few thousand).
 *
 * Method (Golub & Van Loan, "Matrix Computations", 4th ed.: Householder tridiagonalisation
 * §8.3.1, symmetric QL/QR with implicit Wilkinson shift §8.3.3–8.3.5; Wilkinson & Reinsch,
 * "Handbook for Automatic Computation" vol. II, procedures tred1/tql1):
 *  1. Householder reflections H_k = I − β v vᴴ reduce A to a real symmetric tridiagonal T
 *     (for Hermitian A the off-diagonal of T is complex, but a diagonal unitary makes it real
 *     with entries |α_k|, so only the moduli are kept). Backward stable: the eigenvalues of T
 *     are those of A + E with ‖E‖_F ≲ n·ε·‖A‖_F.
 *  2. Implicit QL with Wilkinson shifts on T, O(n²).
 *
 * Storage: row-major n×n Float64Array(s); only the UPPER triangle (j ≥ i) is read. The real
 * reduction works from n ≥ 96 in panels of 24 steps (reduceBlocked: LAPACK dsytrd's blocking,
 * half the flops as a rank-48 update) on a padded copy of A in WebAssembly memory, with SIMD
 * kernels (wasmKernels.ts) for the symmetric matrix–vector product of each step, the rank-2k
 * update of each panel and the panel's corrections; scalar JavaScript kernels of the same layout
 * where WebAssembly SIMD is missing. At n = 2100 (the largest block of the (7, 5) negativity):
 * 0.75 s instead of 2.9 s for the blocked scalar code (one core, CPU time). The unblocked loop
 * (small n, the last rows) fuses the rank-2 update of step k with the product of step k+1.
 * Cost ≈ (4/3) n³ flops (real), four times that for complex (unblocked, scalar: the steady
 * state's blocks are real, see negativity.ts).
 *
 * Golub & Van Loan, Wilkinson & Reinsch and LAPACK's dsytrd are the sources; the code is ours.
 */
import { checkInterrupt } from './interrupt.ts';
import { wasmKernels } from './wasmKernels.ts';

const EPS = 2.220446049250313e-16;

/**
 * √(x² + y²) without the cost of Math.hypot (which dominated the QL sweeps in V8) where the
 * squares neither overflow nor lose the smaller value to underflow; Math.hypot elsewhere.
 */
function hypot(x: number, y: number): number {
  const s = x * x + y * y;
  return s > 1e-290 && s < 1e290 ? Math.sqrt(s) : Math.hypot(x, y);
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix with diagonal `diag` (length n) and
 * off-diagonal `off` (off[i] couples i and i+1; length ≥ n − 1), both overwritten; returns the
 * eigenvalues in ascending order (in `diag`). Throws when an eigenvalue needs more than 60
 * QL sweeps (never observed).
 */
export function tridiagonalEigenvalues(n: number, diag: Float64Array, off: Float64Array): Float64Array {
  if (n === 0) return diag;
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = off[i];
  let anorm = 0;
  for (let i = 0; i < n; i++) anorm = Math.max(anorm, Math.abs(diag[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  // Deflation when an off-diagonal entry is negligible relative to its neighbours OR to ‖T‖:
  // the absolute test (error ≤ ε‖T‖/2 per eigenvalue, the accuracy Householder gives anyway)
  // keeps clusters of (near-)zero eigenvalues of rank-deficient blocks from stalling.
  const floor = 0.5 * EPS * anorm;
  for (let l = 0; l < n; l++) {
    if ((l & 127) === 127) checkInterrupt(); // ≈ 50 ms for all of n = 2100 (O(n²) in total)
    let sweeps = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        if (Math.abs(e[m]) <= EPS * (Math.abs(diag[m]) + Math.abs(diag[m + 1])) + floor) break;
      }
      if (m === l) break;
      if (++sweeps > 60) throw new Error(`tridiagonal QL did not converge (eigenvalue ${l} of ${n})`);
      // Wilkinson shift from the leading 2×2 of the unreduced block l..m, chased upwards.
      let g = (diag[l + 1] - diag[l]) / (2 * e[l]);
      let r = hypot(g, 1);
      g = diag[m] - diag[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i], h = c * e[i];
        r = hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // split: the block decouples at i; restart the search with the shift undone
          diag[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = diag[i + 1] - p;
        r = (diag[i] - g) * s + 2 * c * h;
        p = s * r;
        diag[i + 1] = g + p;
        g = c * r - h;
      }
      if (underflow) continue;
      diag[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  diag.sort();
  return diag;
}

/**
 * Default panel width of the blocked real reduction, used from n = 4·PANEL on (below, the
 * unblocked loop is as fast). Measured with the SIMD kernels (CPU ms, n = 300 / 600 / 2100):
 * unblocked 9.3 / 65 / –; panels of 16: 3.3 / 21 / 720–770; 24: 3.4 / 20–35 / 750;
 * 32: 4.0 / 21–25 / 780–790; 48: – / 23 / 820 (the scalar blocked code before: – / – / 2900).
 */
const PANEL = 24;

/**
 * The loops of reduceBlocked that touch O(n) or more entries, over one Float64Array `F` (offsets
 * in elements): the WebAssembly SIMD kernels of wasmKernels.ts (≈ 14–18 and ≈ 30 GFlop/s for
 * symv and rank2k at n = 2100, against ≈ 5 for scalar JavaScript) or the scalar ones below, same
 * layout and contract. Rows of Zt are read from column j0 & ~3 on (the entries left of j0
 * that this adds are below the diagonal or multiply zeros).
 */
interface PanelKernels {
  F: Float64Array;
  /** F[p + k..p + ld) = A[k.., k..] F[v + ..] for the symmetric A at F[a] (upper triangle read). */
  symv(a: number, ld: number, k: number, n: number, v: number, p: number): void;
  /** A[r][c] −= Σ_{t<m} U[r][t] Zt[t][c] for k1 ≤ r < n, c ≥ r (and possibly a few c < r). */
  rank2k(a: number, ld: number, k1: number, n: number, u: number, zt: number, m: number): void;
  /** F[out + s] = Σ_{j ≥ j0} Zt[s][j] F[v + j] for s < count (v zero below j0). */
  dots(zt: number, ld: number, count: number, j0: number, v: number, out: number): void;
  /** F[y + j] −= Σ_{s<count} F[c + s] Zt[s][j] for j0 ≤ j < ld (and possibly a few j < j0). */
  axpyT(y: number, zt: number, ld: number, count: number, j0: number, c: number): void;
}

function jsKernels(F: Float64Array): PanelKernels {
  return {
    F,
    // four rows per pass (their 4×4 diagonal tile first), each stored entry read once and used for
    // its row (dot product) and, by symmetry, its column (axpy into p)
    symv(a, ld, k, n, v, p) {
      F.fill(0, p + k, p + ld);
      for (let i = k; i < n; i += 4) {
        const r0 = a + i * ld, r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld;
        const v0 = F[v + i], v1 = F[v + i + 1], v2 = F[v + i + 2], v3 = F[v + i + 3];
        const a01 = F[r0 + i + 1], a02 = F[r0 + i + 2], a03 = F[r0 + i + 3], a12 = F[r1 + i + 2], a13 = F[r1 + i + 3], a23 = F[r2 + i + 3];
        let s0 = F[r0 + i] * v0 + a01 * v1 + a02 * v2 + a03 * v3;
        let s1 = a01 * v0 + F[r1 + i + 1] * v1 + a12 * v2 + a13 * v3;
        let s2 = a02 * v0 + a12 * v1 + F[r2 + i + 2] * v2 + a23 * v3;
        let s3 = a03 * v0 + a13 * v1 + a23 * v2 + F[r3 + i + 3] * v3;
        for (let j = i + 4; j < n; j++) {
          const x0 = F[r0 + j], x1 = F[r1 + j], x2 = F[r2 + j], x3 = F[r3 + j];
          const vj = F[v + j];
          s0 += x0 * vj; s1 += x1 * vj; s2 += x2 * vj; s3 += x3 * vj;
          F[p + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
        }
        F[p + i] += s0; F[p + i + 1] += s1; F[p + i + 2] += s2; F[p + i + 3] += s3;
      }
    },
    // row by row, four t at a time, as axpys along the contiguous rows of Zt
    rank2k(a, ld, k1, n, u, zt, m) {
      for (let r = k1; r < n; r++) {
        const ro = a + r * ld, uo = u + r * m;
        let t = 0;
        for (; t + 3 < m; t += 4) {
          const u0 = F[uo + t], u1 = F[uo + t + 1], u2 = F[uo + t + 2], u3 = F[uo + t + 3];
          const z0 = zt + t * ld, z1 = z0 + ld, z2 = z1 + ld, z3 = z2 + ld;
          for (let c = r; c < n; c++) F[ro + c] -= u0 * F[z0 + c] + u1 * F[z1 + c] + u2 * F[z2 + c] + u3 * F[z3 + c];
        }
        for (; t < m; t++) {
          const u0 = F[uo + t], z0 = zt + t * ld;
          for (let c = r; c < n; c++) F[ro + c] -= u0 * F[z0 + c];
        }
      }
    },
    dots(zt, ld, count, j0, v, out) {
      for (let s = 0; s < count; s++) {
        const z = zt + s * ld;
        let acc = 0;
        for (let j = j0; j < ld; j++) acc += F[z + j] * F[v + j];
        F[out + s] = acc;
      }
    },
    axpyT(y, zt, ld, count, j0, c) {
      for (let s = 0; s < count; s++) {
        const z = zt + s * ld, cs = F[c + s];
        if (cs !== 0) for (let j = j0; j < ld; j++) F[y + j] -= cs * F[z + j];
      }
    },
  };
}

function simdKernels(bytes: number): PanelKernels | null {
  const w = wasmKernels(bytes);
  if (!w) return null;
  return {
    F: w.heap,
    symv: (a, ld, k, n, v, p) => w.symv(8 * a, ld, k, n, 8 * v, 8 * p),
    rank2k: (a, ld, k1, n, u, zt, m) => w.rank2k(8 * a, ld, k1, n, 8 * u, 8 * zt, m),
    dots: (zt, ld, count, j0, v, out) => w.dots(8 * zt, ld, count, j0, 8 * v, 8 * out),
    axpyT: (y, zt, ld, count, j0, c) => w.axpyT(8 * y, 8 * zt, ld, count, j0, 8 * c),
  };
}

/**
 * Blocked Householder tridiagonalisation of the leading rows of a real symmetric A (LAPACK
 * dsytrd/dlatrd, lower-triangle variant: Dongarra, Hammarling & Sorensen, J. Comput. Appl.
 * Math. 27 (1989) 215; Golub & Van Loan §8.3.1). The reflectors are those of the unblocked loop
 * (tridiagonalize), but the two-sided updates A ← A − v wᵀ − w vᵀ of `nb` consecutive steps are
 * kept, interleaved, in U = [v₀ w₀ v₁ w₁ …] (ld × 2nb, row j holds the j-th components) and
 * Zt = [w₀ v₀ w₁ v₁ …]ᵀ (2nb × ld), and applied at the end of the panel as one rank-2nb update
 * A −= U Zt (compute-bound instead of memory-bound). Within the panel, row k is brought up to
 * date (−U[k] Zt) before its reflector is formed, and the product A_k v uses the not-yet-updated
 * trailing matrix (read-only) corrected by −Ztᵀ(swapped pairs of Zt v).
 *
 * Layout in K.F (element offsets a, u, zt, v, p, g): A with row stride ld (a multiple of 4,
 * ld ≥ n + 3), all padding zero on entry (see wasmKernels.ts); the upper triangle is read.
 * Fills diag[0..k), off[0..k) and returns k: the caller continues the reduction at row k, with
 * A[k.., k..] (upper triangle) fully updated. Same backward error bound as the unblocked loop.
 */
function reduceBlocked(
  n: number, ld: number, K: PanelKernels, lay: { a: number; u: number; zt: number; v: number; p: number; g: number },
  diag: Float64Array, off: Float64Array, nb: number,
): number {
  const F = K.F, { a, u, zt, v, p, g } = lay, m = 2 * nb, c = g + m;
  let k0 = 0;
  for (; n - k0 - nb >= 2 * nb; k0 += nb) {
    checkInterrupt();
    F.fill(0, u + k0 * m, u + ld * m);
    F.fill(0, zt, zt + m * ld);
    for (let i = 0; i < nb; i++) {
      if (i > 0) checkInterrupt(); // one symv of the trailing matrix per column: ≈ 1 ms at n = 2000
      const k = k0 + i, rk = a + k * ld;
      if (i > 0) K.axpyT(rk, zt, ld, 2 * i, k, u + k * m); // row k −= U[k] Zt
      diag[k] = F[rk + k];
      let norm = 0;
      for (let j = k + 1; j < n; j++) norm += F[rk + j] * F[rk + j];
      norm = Math.sqrt(norm);
      const x0 = F[rk + k + 1];
      const alpha = x0 > 0 ? -norm : norm;
      off[k] = alpha;
      if (norm === 0) continue; // H = I: its columns of U and rows of Zt stay zero
      F.fill(0, v, v + k + 1);
      F.set(F.subarray(rk + k + 1, rk + n), v + k + 1);
      F[v + k + 1] -= alpha;
      const beta = 1 / (norm * (norm + Math.abs(x0))); // 2/(vᵀv)
      // p = A v over the trailing rows k+1.. as stored (panel-start values)
      K.symv(a, ld, k + 1, n, v, p);
      // p −= Σ_t v_t (w_tᵀ v) + w_t (v_tᵀ v)
      if (i > 0) {
        K.dots(zt, ld, 2 * i, k + 1, v, g);
        for (let s = 0; s < 2 * i; s += 2) { F[c + s] = F[g + s + 1]; F[c + s + 1] = F[g + s]; }
        K.axpyT(p, zt, ld, 2 * i, k + 1, c);
      }
      let pvs = 0;
      for (let j = k + 1; j < n; j++) { F[p + j] *= beta; pvs += F[p + j] * F[v + j]; }
      const Kc = (beta * pvs) / 2;
      const wi = zt + 2 * i * ld, vi = wi + ld;
      for (let j = k + 1; j < n; j++) {
        const vj = F[v + j], w = F[p + j] - Kc * vj, uj = u + j * m + 2 * i;
        F[uj] = vj; F[uj + 1] = w;
        F[wi + j] = w; F[vi + j] = vj;
      }
    }
    K.rank2k(a, ld, k0 + nb, n, u, zt, m);
  }
  return k0;
}

/**
 * Householder tridiagonalisation (unblocked) of the real symmetric n×n A (row-major, upper
 * triangle read and overwritten): diag[0..n), off[0..n−1). The rank-2 update of step k is fused
 * with the symmetric matrix–vector product of step k+1 (one pass over the trailing triangle per
 * step instead of two).
 */
function tridiagonalize(n: number, A: Float64Array, diag: Float64Array, off: Float64Array): void {
  if (n === 1) { diag[0] = A[0]; return; }
  const v = new Float64Array(n), p = new Float64Array(n), pv = new Float64Array(n), pw = new Float64Array(n);
  let pending = false; // the update A ← A − pv pwᵀ − pw pvᵀ of the previous step, not yet applied to rows > k
  for (let k = 0; k < n - 2; k++) {
    checkInterrupt();
    const rk = k * n;
    if (pending) {
      const a = pv[k], b = pw[k];
      for (let j = k; j < n; j++) A[rk + j] -= a * pw[j] + b * pv[j];
    }
    diag[k] = A[rk + k];
    let norm = 0;
    for (let j = k + 1; j < n; j++) norm = norm + A[rk + j] * A[rk + j];
    norm = Math.sqrt(norm);
    const x0 = A[rk + k + 1];
    const alpha = x0 > 0 ? -norm : norm;
    off[k] = alpha;
    let beta = 0;
    if (norm > 0) {
      for (let j = k + 1; j < n; j++) v[j] = A[rk + j];
      v[k + 1] -= alpha;
      beta = 1 / (norm * (norm + Math.abs(x0))); // 2/(vᵀv), vᵀv = 2‖x‖(‖x‖ + |x0|)
    } else {
      for (let j = k + 1; j < n; j++) v[j] = 0;
    }
    for (let j = k + 1; j < n; j++) p[j] = 0;
    // One pass over the trailing upper triangle: finish the previous update (a = b = 0 when none
    // is pending), accumulate p = A v. Unrolled by four (≈ 30 % faster in V8 than the plain loop).
    for (let i = k + 1; i < n; i++) {
      const ri = i * n, vi = v[i];
      const a = pending ? pv[i] : 0, b = pending ? pw[i] : 0;
      const aii = A[ri + i] - (a * pw[i] + b * pv[i]);
      A[ri + i] = aii;
      let s0 = aii * vi, s1 = 0, s2 = 0, s3 = 0;
      let j = i + 1;
      for (; j + 3 < n; j += 4) {
        const x0 = A[ri + j] - (a * pw[j] + b * pv[j]);
        const x1 = A[ri + j + 1] - (a * pw[j + 1] + b * pv[j + 1]);
        const x2 = A[ri + j + 2] - (a * pw[j + 2] + b * pv[j + 2]);
        const x3 = A[ri + j + 3] - (a * pw[j + 3] + b * pv[j + 3]);
        A[ri + j] = x0; A[ri + j + 1] = x1; A[ri + j + 2] = x2; A[ri + j + 3] = x3;
        s0 += x0 * v[j]; s1 += x1 * v[j + 1]; s2 += x2 * v[j + 2]; s3 += x3 * v[j + 3];
        p[j] += x0 * vi; p[j + 1] += x1 * vi; p[j + 2] += x2 * vi; p[j + 3] += x3 * vi;
      }
      for (; j < n; j++) {
        const x = A[ri + j] - (a * pw[j] + b * pv[j]);
        A[ri + j] = x;
        s0 += x * v[j];
        p[j] += x * vi;
      }
      p[i] += s0 + s1 + (s2 + s3);
    }
    if (beta === 0) {
      pending = false;
      continue;
    }
    let pvs = 0;
    for (let j = k + 1; j < n; j++) { p[j] *= beta; pvs += p[j] * v[j]; }
    const K = (beta * pvs) / 2;
    for (let j = k + 1; j < n; j++) { pw[j] = p[j] - K * v[j]; pv[j] = v[j]; }
    pending = true;
  }
  // last 2×2
  const k = n - 2, rk = k * n, rl = (n - 1) * n;
  if (pending) {
    for (let j = k; j < n; j++) A[rk + j] -= pv[k] * pw[j] + pw[k] * pv[j];
    A[rl + n - 1] -= 2 * pv[n - 1] * pw[n - 1];
  }
  diag[k] = A[rk + k];
  off[k] = A[rk + k + 1];
  diag[n - 1] = A[rl + n - 1];
}

/**
 * Eigenvalues (ascending) of the real symmetric n×n matrix A (row-major; upper triangle read,
 * A may be overwritten). With `panel` > 0 (default: PANEL = 24 for n ≥ 96,
 * else 0) and n ≥ 4·panel, the first steps are done in panels of that many (reduceBlocked, on a
 * padded copy of A; with the WebAssembly SIMD kernels unless `simd` is false or they are
 * unavailable), the last ≤ 3·panel rows unblocked.
 */
export function symmetricEigenvalues(n: number, A: Float64Array, panel = n >= 4 * PANEL ? PANEL : 0, simd = true): Float64Array {
  const diag = new Float64Array(n), off = new Float64Array(Math.max(1, n));
  if (n === 0) return diag;
  if (!(panel > 0 && n >= 4 * panel)) {
    tridiagonalize(n, A, diag, off);
    return tridiagonalEigenvalues(n, diag, off);
  }
  const ld = 4 * Math.ceil((n + 3) / 4), m = 2 * panel;
  const lay = { a: 0, u: ld * ld, zt: ld * ld + ld * m, v: ld * ld + 2 * ld * m, p: ld * ld + 2 * ld * m + ld, g: ld * ld + 2 * ld * m + 2 * ld };
  const elems = lay.g + 2 * m;
  const K = (simd ? simdKernels(8 * elems) : null) ?? jsKernels(new Float64Array(elems));
  const F = K.F;
  for (let i = 0; i < n; i++) F.set(A.subarray(i * n + i, i * n + n), lay.a + i * ld + i);
  const k0 = reduceBlocked(n, ld, K, lay, diag, off, panel);
  // the trailing (n − k0)² block, compact, reduced unblocked; its first reflector acts on rows
  // > k0 as the blocked loop's would
  const nt = n - k0, T = new Float64Array(nt * nt);
  for (let i = 0; i < nt; i++) T.set(F.subarray(lay.a + (k0 + i) * ld + k0 + i, lay.a + (k0 + i) * ld + n), i * nt + i);
  tridiagonalize(nt, T, diag.subarray(k0), off.subarray(k0));
  return tridiagonalEigenvalues(n, diag, off);
}

/**
 * Eigenvalues (ascending) of the complex Hermitian n×n matrix re + i·im (row-major; upper
 * triangle read, both arrays overwritten; the imaginary part of the diagonal is ignored).
 */
export function hermitianEigenvalues(n: number, re: Float64Array, im: Float64Array): Float64Array {
  const diag = new Float64Array(n), off = new Float64Array(Math.max(1, n));
  if (n === 0) return diag;
  if (n === 1) { diag[0] = re[0]; return diag; }
  const vr = new Float64Array(n), vi = new Float64Array(n);
  const pr = new Float64Array(n), pi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    checkInterrupt();
    const rk = k * n;
    diag[k] = re[rk + k];
    // Column k below the diagonal is y = conj(row k right of the diagonal); reflect y to α e1.
    let norm = 0;
    for (let j = k + 1; j < n; j++) norm += re[rk + j] * re[rk + j] + im[rk + j] * im[rk + j];
    norm = Math.sqrt(norm);
    off[k] = norm;
    if (norm === 0) continue;
    const y0r = re[rk + k + 1], y0i = -im[rk + k + 1];
    const y0 = Math.hypot(y0r, y0i);
    // α = −e^{i arg y0}‖y‖ (no cancellation in v0 = y0 − α)
    const ur = y0 > 0 ? y0r / y0 : 1, ui = y0 > 0 ? y0i / y0 : 0;
    for (let j = k + 1; j < n; j++) { vr[j] = re[rk + j]; vi[j] = -im[rk + j]; }
    vr[k + 1] += ur * norm;
    vi[k + 1] += ui * norm;
    const beta = 1 / (norm * (norm + y0)); // 2/(vᴴv)
    for (let j = k + 1; j < n; j++) { pr[j] = 0; pi[j] = 0; }
    // p = A v from the upper triangle: A_ij (j ≥ i) and A_ji = conj(A_ij)
    for (let i = k + 1; i < n; i++) {
      const ri = i * n, xr = vr[i], xi = vi[i];
      let sr = re[ri + i] * xr, si = re[ri + i] * xi;
      for (let j = i + 1; j < n; j++) {
        const ar = re[ri + j], ai = im[ri + j];
        sr += ar * vr[j] - ai * vi[j];
        si += ar * vi[j] + ai * vr[j];
        pr[j] += ar * xr + ai * xi;
        pi[j] += ar * xi - ai * xr;
      }
      pr[i] += sr;
      pi[i] += si;
    }
    let dot = 0; // Re(vᴴ p)
    for (let j = k + 1; j < n; j++) { pr[j] *= beta; pi[j] *= beta; dot += vr[j] * pr[j] + vi[j] * pi[j]; }
    const K = (beta * dot) / 2;
    for (let j = k + 1; j < n; j++) { pr[j] -= K * vr[j]; pi[j] -= K * vi[j]; } // w
    // A ← A − v wᴴ − w vᴴ on the upper triangle
    for (let i = k + 1; i < n; i++) {
      const ri = i * n, ar = vr[i], ai = vi[i], br = pr[i], bi = pi[i];
      for (let j = i; j < n; j++) {
        re[ri + j] -= ar * pr[j] + ai * pi[j] + br * vr[j] + bi * vi[j];
        im[ri + j] -= ai * pr[j] - ar * pi[j] + bi * vr[j] - br * vi[j];
      }
    }
  }
  const k = n - 2;
  diag[k] = re[k * n + k];
  off[k] = Math.hypot(re[k * n + k + 1], im[k * n + k + 1]);
  diag[n - 1] = re[(n - 1) * n + n - 1];
  return tridiagonalEigenvalues(n, diag, off);
}
