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
 * Storage: row-major n×n Float64Array(s); only the UPPER triangle (j ≥ i) is read and it is
 * overwritten. The real reduction fuses the rank-2 update of step k with the symmetric
 * matrix–vector product of step k+1 (one pass over the trailing triangle per step instead of two:
 * the reduction is memory-bound at n ≳ 1000); for n > 500 it first works in panels of 32 steps
 * (reduceBlocked: LAPACK dsytrd's blocking, half the flops as a cache-friendly rank-64 update,
 * ≈ 1.2× faster at n = 2100). Cost ≈ (4/3) n³ flops (real), four times that for complex.
 *
 * These are general dense-linear-algebra routines (they would sit in src/linalg); they live here
 * because negativity.ts is their only user.
 */
import { checkInterrupt } from './interrupt.ts';

const EPS = 2.220446049250313e-16;

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
      let r = Math.hypot(g, 1);
      g = diag[m] - diag[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i], h = c * e[i];
        r = Math.hypot(f, g);
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

/** Up to this size the real reduction is unblocked by default (in cache, panels do not pay off). */
const BLOCKED_MIN = 500;

/**
 * Blocked Householder tridiagonalisation of the leading rows of a real symmetric A (row-major,
 * upper triangle; LAPACK dsytrd/dlatrd, lower-triangle variant: Dongarra, Hammarling & Sorensen,
 * J. Comput. Appl. Math. 27 (1989) 215; Golub & Van Loan §8.3.1). The reflectors are those of
 * the unblocked loop in symmetricEigenvalues, but the two-sided updates A ← A − v wᵀ − w vᵀ of
 * `nb` consecutive steps are kept in U = [V | W] and Z = [W | V] (n × 2nb, row j holds the j-th
 * components) and applied at the end of the panel as one rank-2nb update A −= U Zᵀ (4×4 register
 * tiles: compute-bound instead of memory-bound). Within the panel, row k is brought up to date
 * before its reflector is formed, and the product A_k v uses the not-yet-updated trailing matrix
 * (read-only, two rows per pass) corrected by V(Wᵀv) + W(Vᵀv).
 * Fills diag[0..k), off[0..k) and returns k: the caller continues the reduction at row k, with
 * A[k.., k..] (upper triangle) fully updated. Same backward error bound as the unblocked loop.
 */
function reduceBlocked(n: number, A: Float64Array, diag: Float64Array, off: Float64Array, nb: number): number {
  const nb2 = 2 * nb;
  const U = new Float64Array(n * nb2), Z = new Float64Array(n * nb2);
  const Vc = new Float64Array(nb * n), Wc = new Float64Array(nb * n); // the same, column t contiguous
  const v = new Float64Array(n), p = new Float64Array(n);
  let k0 = 0;
  for (; n - k0 - nb >= 2 * nb; k0 += nb) {
    checkInterrupt();
    U.fill(0, k0 * nb2);
    Z.fill(0, k0 * nb2);
    Vc.fill(0);
    Wc.fill(0);
    for (let i = 0; i < nb; i++) {
      const k = k0 + i, rk = k * n;
      // row k ← row k − Σ_{t<i} (V_kt W_jt + W_kt V_jt), j ≥ k
      for (let t = 0; t < i; t++) {
        const a = Vc[t * n + k], c = Wc[t * n + k], vt = t * n;
        if (a === 0 && c === 0) continue;
        for (let j = k; j < n; j++) A[rk + j] -= a * Wc[vt + j] + c * Vc[vt + j];
      }
      diag[k] = A[rk + k];
      let norm = 0;
      for (let j = k + 1; j < n; j++) norm += A[rk + j] * A[rk + j];
      norm = Math.sqrt(norm);
      const x0 = A[rk + k + 1];
      const alpha = x0 > 0 ? -norm : norm;
      off[k] = alpha;
      if (norm === 0) continue; // H = I: V, W stay zero in column i
      for (let j = k + 1; j < n; j++) v[j] = A[rk + j];
      v[k + 1] -= alpha;
      const beta = 1 / (norm * (norm + Math.abs(x0))); // 2/(vᵀv)
      // p = A v over the trailing rows k+1.. as stored (panel-start values)
      symvUpper(n, A, k + 1, v, p);
      // p −= V (Wᵀ v) + W (Vᵀ v)
      for (let t = 0; t < i; t++) {
        const vt = t * n;
        let sw = 0, sv = 0;
        for (let j = k + 1; j < n; j++) { sw += Wc[vt + j] * v[j]; sv += Vc[vt + j] * v[j]; }
        if (sw === 0 && sv === 0) continue;
        for (let j = k + 1; j < n; j++) p[j] -= Vc[vt + j] * sw + Wc[vt + j] * sv;
      }
      let pvs = 0;
      for (let j = k + 1; j < n; j++) { p[j] *= beta; pvs += p[j] * v[j]; }
      const K = (beta * pvs) / 2;
      for (let j = k + 1; j < n; j++) {
        const w = p[j] - K * v[j], uj = j * nb2;
        U[uj + i] = v[j]; U[uj + nb + i] = w;
        Z[uj + i] = w; Z[uj + nb + i] = v[j];
        Vc[i * n + j] = v[j]; Wc[i * n + j] = w;
      }
    }
    syr2kUpper(n, A, k0 + nb, U, Z, nb2);
  }
  return k0;
}

/**
 * p[k..n) = A[k.., k..] v[k..) for the symmetric A stored in its upper triangle (row-major),
 * reading each stored entry once: four rows per pass (their 4×4 diagonal tile first), each entry
 * used for its row (dot product) and, by symmetry, for its column (axpy into p).
 */
function symvUpper(n: number, A: Float64Array, k: number, v: Float64Array, p: Float64Array): void {
  for (let j = k; j < n; j++) p[j] = 0;
  let i = k;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    const v0 = v[i], v1 = v[i + 1], v2 = v[i + 2], v3 = v[i + 3];
    const a01 = A[r0 + i + 1], a02 = A[r0 + i + 2], a03 = A[r0 + i + 3], a12 = A[r1 + i + 2], a13 = A[r1 + i + 3], a23 = A[r2 + i + 3];
    let s0 = A[r0 + i] * v0 + a01 * v1 + a02 * v2 + a03 * v3;
    let s1 = a01 * v0 + A[r1 + i + 1] * v1 + a12 * v2 + a13 * v3;
    let s2 = a02 * v0 + a12 * v1 + A[r2 + i + 2] * v2 + a23 * v3;
    let s3 = a03 * v0 + a13 * v1 + a23 * v2 + A[r3 + i + 3] * v3;
    for (let j = i + 4; j < n; j++) {
      const x0 = A[r0 + j], x1 = A[r1 + j], x2 = A[r2 + j], x3 = A[r3 + j];
      const vj = v[j];
      s0 += x0 * vj; s1 += x1 * vj; s2 += x2 * vj; s3 += x3 * vj;
      p[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
    }
    p[i] += s0; p[i + 1] += s1; p[i + 2] += s2; p[i + 3] += s3;
  }
  for (; i < n; i++) {
    const ri = i * n, vi = v[i];
    let s = A[ri + i] * vi;
    for (let j = i + 1; j < n; j++) { s += A[ri + j] * v[j]; p[j] += A[ri + j] * vi; }
    p[i] += s;
  }
}

/**
 * A[r][c] −= Σ_t U[r][t] Z[c][t] for k1 ≤ r ≤ c < n (upper triangle of the trailing matrix),
 * with U, Z row-major n × m: 4×4 register tiles, scalar code on the ragged edge.
 */
function syr2kUpper(n: number, A: Float64Array, k1: number, U: Float64Array, Z: Float64Array, m: number): void {
  const edge = (r: number, cFrom: number) => {
    const ur = r * m;
    for (let c = Math.max(r, cFrom); c < n; c++) {
      const zc = c * m;
      let s = 0;
      for (let t = 0; t < m; t++) s += U[ur + t] * Z[zc + t];
      A[r * n + c] -= s;
    }
  };
  for (let r = k1; r < n; r += 4) {
    if (r + 4 > n) { for (let q = r; q < n; q++) edge(q, q); break; }
    const a0 = r * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
    let c = r;
    for (; c + 4 <= n; c += 4) {
      const b0 = c * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let t = 0; t < m; t++) {
        const u0 = U[a0 + t], u1 = U[a1 + t], u2 = U[a2 + t], u3 = U[a3 + t];
        const z0 = Z[b0 + t], z1 = Z[b1 + t], z2 = Z[b2 + t], z3 = Z[b3 + t];
        s00 += u0 * z0; s01 += u0 * z1; s02 += u0 * z2; s03 += u0 * z3;
        s10 += u1 * z0; s11 += u1 * z1; s12 += u1 * z2; s13 += u1 * z3;
        s20 += u2 * z0; s21 += u2 * z1; s22 += u2 * z2; s23 += u2 * z3;
        s30 += u3 * z0; s31 += u3 * z1; s32 += u3 * z2; s33 += u3 * z3;
      }
      let o = r * n + c;
      if (c === r) {
        A[o] -= s00; A[o + 1] -= s01; A[o + 2] -= s02; A[o + 3] -= s03; o += n;
        A[o + 1] -= s11; A[o + 2] -= s12; A[o + 3] -= s13; o += n;
        A[o + 2] -= s22; A[o + 3] -= s23; o += n;
        A[o + 3] -= s33;
      } else {
        A[o] -= s00; A[o + 1] -= s01; A[o + 2] -= s02; A[o + 3] -= s03; o += n;
        A[o] -= s10; A[o + 1] -= s11; A[o + 2] -= s12; A[o + 3] -= s13; o += n;
        A[o] -= s20; A[o + 1] -= s21; A[o + 2] -= s22; A[o + 3] -= s23; o += n;
        A[o] -= s30; A[o + 1] -= s31; A[o + 2] -= s32; A[o + 3] -= s33;
      }
    }
    if (c < n) for (let q = r; q < r + 4; q++) edge(q, c);
  }
}

/**
 * Eigenvalues (ascending) of the real symmetric n×n matrix A (row-major; upper triangle read,
 * A overwritten). With `panel` > 0 (default: 32 for n > 500, else 0) and n ≥ 4·panel, the first
 * steps are done in panels of that many (reduceBlocked), the last ones as below.
 */
export function symmetricEigenvalues(n: number, A: Float64Array, panel = n > BLOCKED_MIN ? 32 : 0): Float64Array {
  const diag = new Float64Array(n), off = new Float64Array(Math.max(1, n));
  if (n === 0) return diag;
  if (n === 1) { diag[0] = A[0]; return diag; }
  const k0 = panel > 0 && n >= 4 * panel ? reduceBlocked(n, A, diag, off, panel) : 0;
  const v = new Float64Array(n), p = new Float64Array(n), pv = new Float64Array(n), pw = new Float64Array(n);
  let pending = false; // the update A ← A − pv pwᵀ − pw pvᵀ of the previous step, not yet applied to rows > k
  for (let k = k0; k < n - 2; k++) {
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
