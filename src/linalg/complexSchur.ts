/**
 * Complex Schur decomposition A = Q T Qᴴ of a small dense complex matrix (the projected matrix
 * of the Krylov–Schur eigensolver, n ≲ 100), its reordering, and eigenvectors of T.
 * Split storage: (re, im) row-major n×n Float64Arrays.
 *
 * Householder reduction to Hessenberg form, then the implicit single-shift QR algorithm with
 * Wilkinson shifts and Givens rotations (Golub & Van Loan, Matrix Computations, 4th ed.,
 * §7.4–7.5, complex case); reordering by swapping adjacent diagonal entries with one rotation
 * each (as LAPACK's ztrexc; G&VL §7.6.2).
 */
import { checkInterrupt } from './interrupt.ts';

const EPS = 2.220446049250313e-16;

/**
 * |x + iy| without Math.hypot's cost (V8's variadic hypot dominated the QR sweeps); scaled
 * only outside [1e-150, 1e150], where the squares would under- or overflow.
 */
function abs(x: number, y: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const m = ax > ay ? ax : ay;
  if (m > 1e150 || (m < 1e-150 && m > 0)) return Math.hypot(x, y);
  return Math.sqrt(x * x + y * y);
}

/** Rotation G = [[c, s], [−conj(s), c]] (c real) with G·[f; g] = [r; 0] (LAPACK zlartg). */
function givens(fr: number, fi: number, gr: number, gi: number): [number, number, number] {
  const fa = abs(fr, fi), ga = abs(gr, gi);
  if (ga === 0) return [1, 0, 0];
  if (fa === 0) return [0, gr / ga, -gi / ga];
  const nrm = abs(fa, ga);
  const c = fa / nrm;
  // s = (f/|f|)·conj(g)/nrm
  const ur = fr / fa, ui = fi / fa;
  return [c, (ur * gr + ui * gi) / nrm, (ui * gr - ur * gi) / nrm];
}

/** Rows i, i+1 ← G·rows for columns c0..c1 (inclusive). */
function rotRows(n: number, re: Float64Array, im: Float64Array, i: number, c: number, sr: number, si: number, c0: number, c1: number): void {
  const a = i * n, b = (i + 1) * n;
  for (let j = c0; j <= c1; j++) {
    const xr = re[a + j], xi = im[a + j], yr = re[b + j], yi = im[b + j];
    // x' = c x + s y;  y' = c y − conj(s) x
    re[a + j] = c * xr + sr * yr - si * yi; im[a + j] = c * xi + sr * yi + si * yr;
    re[b + j] = c * yr - (sr * xr + si * xi); im[b + j] = c * yi - (sr * xi - si * xr);
  }
}

/** Columns i, i+1 ← columns·Gᴴ for rows r0..r1 (inclusive); Gᴴ = [[c, −s], [conj(s), c]]. */
function rotCols(n: number, re: Float64Array, im: Float64Array, i: number, c: number, sr: number, si: number, r0: number, r1: number): void {
  for (let r = r0; r <= r1; r++) {
    const a = r * n + i, b = a + 1;
    const xr = re[a], xi = im[a], yr = re[b], yi = im[b];
    // x' = c x + conj(s) y;  y' = c y − s x
    re[a] = c * xr + sr * yr + si * yi; im[a] = c * xi + sr * yi - si * yr;
    re[b] = c * yr - (sr * xr - si * xi); im[b] = c * yi - (sr * xi + si * xr);
  }
}

/**
 * In place: T ← Schur form of A (upper triangular), Q ← Q·Z where A = Z T Zᴴ. Pass Q = I to
 * get Z itself. Returns false if the QR iteration did not converge (30·n sweeps).
 */
export function complexSchur(n: number, re: Float64Array, im: Float64Array, qre: Float64Array, qim: Float64Array): boolean {
  // Householder reduction to upper Hessenberg form.
  const vr = new Float64Array(n), vi = new Float64Array(n), wr = new Float64Array(n), wi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    checkInterrupt();
    // The reflector spans rows k+1..last, last the lowest nonzero of column k: none at all for a
    // column already zero below the subdiagonal (Arnoldi's H is Hessenberg), a short one for the
    // columns of a Krylov–Schur restart (a triangle with the coupling row b below it).
    let last = k + 1;
    for (let i = n - 1; i > k + 1; i--) if (re[i * n + k] !== 0 || im[i * n + k] !== 0) { last = i; break; }
    if (last === k + 1) continue;
    const e = last + 1;
    let norm = 0;
    for (let i = k + 1; i < e; i++) norm = Math.hypot(norm, re[i * n + k], im[i * n + k]);
    if (norm === 0) continue;
    const x0r = re[(k + 1) * n + k], x0i = im[(k + 1) * n + k];
    const x0a = Math.hypot(x0r, x0i);
    // α = −e^{i arg x0}·‖x‖, v = x − α e1
    const pr = x0a > 0 ? x0r / x0a : 1, pi = x0a > 0 ? x0i / x0a : 0;
    const ar = -pr * norm, ai = -pi * norm;
    for (let i = k + 1; i < e; i++) { vr[i] = re[i * n + k]; vi[i] = im[i * n + k]; }
    vr[k + 1] -= ar; vi[k + 1] -= ai;
    let vv = 0;
    for (let i = k + 1; i < e; i++) vv += vr[i] * vr[i] + vi[i] * vi[i];
    if (vv === 0) continue;
    const beta = 2 / vv;
    // left: A ← (I − β v vᴴ) A on rows k+1..last, columns k.. (row-wise: s = β vᴴA, then A −= v s)
    for (let c = k; c < n; c++) { wr[c] = 0; wi[c] = 0; }
    for (let i = k + 1; i < e; i++) {
      const a = vr[i], b = vi[i], base = i * n;
      for (let c = k; c < n; c++) {
        const xr = re[base + c], xi = im[base + c];
        wr[c] += a * xr + b * xi; wi[c] += a * xi - b * xr; // conj(v)·x
      }
    }
    for (let c = k; c < n; c++) { wr[c] *= beta; wi[c] *= beta; }
    for (let i = k + 1; i < e; i++) {
      const a = vr[i], b = vi[i], base = i * n;
      for (let c = k; c < n; c++) {
        re[base + c] -= a * wr[c] - b * wi[c]; im[base + c] -= a * wi[c] + b * wr[c];
      }
    }
    // right: A ← A (I − β v vᴴ) on all rows, columns k+1..last; same for Q.
    const right = (mr: Float64Array, mi: Float64Array) => {
      for (let r = 0; r < n; r++) {
        let sr = 0, si = 0;
        const base = r * n;
        for (let i = k + 1; i < e; i++) {
          const xr = mr[base + i], xi = mi[base + i];
          sr += xr * vr[i] - xi * vi[i]; si += xr * vi[i] + xi * vr[i]; // x·v
        }
        sr *= beta; si *= beta;
        for (let i = k + 1; i < e; i++) {
          // −= s·conj(v_i)
          mr[base + i] -= sr * vr[i] + si * vi[i]; mi[base + i] -= si * vr[i] - sr * vi[i];
        }
      }
    };
    right(re, im);
    right(qre, qim);
    re[(k + 1) * n + k] = ar; im[(k + 1) * n + k] = ai;
    for (let i = k + 2; i < e; i++) { re[i * n + k] = 0; im[i * n + k] = 0; }
  }
  // Shifted QR on the Hessenberg matrix.
  let hi = n - 1, iter = 0, total = 0;
  while (hi > 0) {
    checkInterrupt();
    let l = hi;
    for (; l > 0; l--) {
      const s = abs(re[(l - 1) * n + l - 1], im[(l - 1) * n + l - 1]) + abs(re[l * n + l], im[l * n + l]);
      if (abs(re[l * n + l - 1], im[l * n + l - 1]) <= EPS * (s || 1)) { re[l * n + l - 1] = 0; im[l * n + l - 1] = 0; break; }
    }
    if (l === hi) { hi--; iter = 0; continue; }
    if (++total > 30 * n) return false;
    iter++;
    // Wilkinson shift: eigenvalue of the trailing 2×2 nearest its last entry.
    let mr: number, mi: number;
    const ar = re[(hi - 1) * n + hi - 1], ai = im[(hi - 1) * n + hi - 1];
    const br = re[(hi - 1) * n + hi], bi = im[(hi - 1) * n + hi];
    const cr = re[hi * n + hi - 1], ci = im[hi * n + hi - 1];
    const dr = re[hi * n + hi], di = im[hi * n + hi];
    if (iter % 11 === 10) {
      // exceptional shift
      mr = dr + 1.5 * Math.abs(cr); mi = di + 1.5 * Math.abs(ci);
    } else {
      // μ = (a+d)/2 ± sqrt(((a−d)/2)² + bc), choose nearer d
      const hr = (ar - dr) / 2, hi2 = (ai - di) / 2;
      const qr = hr * hr - hi2 * hi2 + (br * cr - bi * ci), qi = 2 * hr * hi2 + (br * ci + bi * cr);
      const qa = abs(qr, qi);
      let sr = Math.sqrt((qa + qr) / 2), si = Math.sqrt(Math.max(0, (qa - qr) / 2));
      if (qi < 0) si = -si;
      const mer = (ar + dr) / 2, mei = (ai + di) / 2;
      const m1r = mer + sr, m1i = mei + si, m2r = mer - sr, m2i = mei - si;
      if (abs(m1r - dr, m1i - di) <= abs(m2r - dr, m2i - di)) { mr = m1r; mi = m1i; } else { mr = m2r; mi = m2i; }
      void sr;
    }
    // implicit single-shift sweep on the window l..hi
    let xr = re[l * n + l] - mr, xi = im[l * n + l] - mi;
    let yr = re[(l + 1) * n + l], yi = im[(l + 1) * n + l];
    for (let k = l; k < hi; k++) {
      const [c, sr, si] = givens(xr, xi, yr, yi);
      rotRows(n, re, im, k, c, sr, si, k > l ? k - 1 : l, n - 1);
      rotCols(n, re, im, k, c, sr, si, 0, Math.min(k + 2, hi));
      rotCols(n, qre, qim, k, c, sr, si, 0, n - 1);
      if (k > l) { re[(k + 1) * n + k - 1] = 0; im[(k + 1) * n + k - 1] = 0; }
      if (k + 1 < hi) {
        xr = re[(k + 1) * n + k]; xi = im[(k + 1) * n + k];
        yr = re[(k + 2) * n + k]; yi = im[(k + 2) * n + k];
      }
    }
  }
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) { re[i * n + j] = 0; im[i * n + j] = 0; }
  return true;
}

/** Swaps the diagonal entries k and k+1 of the Schur form T (updating Q ← Q Gᴴ). */
export function schurSwap(n: number, re: Float64Array, im: Float64Array, qre: Float64Array, qim: Float64Array, k: number): void {
  const t11r = re[k * n + k], t11i = im[k * n + k], t22r = re[(k + 1) * n + k + 1], t22i = im[(k + 1) * n + k + 1];
  const [c, sr, si] = givens(re[k * n + k + 1], im[k * n + k + 1], t22r - t11r, t22i - t11i);
  if (k + 2 < n) rotRows(n, re, im, k, c, sr, si, k + 2, n - 1);
  if (k > 0) rotCols(n, re, im, k, c, sr, si, 0, k - 1);
  rotCols(n, qre, qim, k, c, sr, si, 0, n - 1);
  re[k * n + k] = t22r; im[k * n + k] = t22i;
  re[(k + 1) * n + k + 1] = t11r; im[(k + 1) * n + k + 1] = t11i;
}

/**
 * Reorders the Schur form so that the diagonal entries with select(i) true (original positions)
 * come first, in their original relative order. Returns how many were selected.
 */
export function schurReorder(n: number, re: Float64Array, im: Float64Array, qre: Float64Array, qim: Float64Array, select: boolean[]): number {
  let ks = 0;
  const sel = select.slice();
  for (let j = 0; j < n; j++) {
    if (!sel[j]) continue;
    for (let k = j - 1; k >= ks; k--) {
      schurSwap(n, re, im, qre, qim, k);
      const t = sel[k]; sel[k] = sel[k + 1]; sel[k + 1] = t;
    }
    ks++;
  }
  return ks;
}

/**
 * Eigenvector x of the upper triangular T for its i-th diagonal entry (x_i = 1, x_j = 0 for
 * j > i), by back substitution; near-equal diagonal entries are perturbed by eps·‖T‖ (as
 * LAPACK's ztrevc). Returns (xr, xi) of length n, unnormalised.
 */
export function triangularEigenvector(n: number, re: Float64Array, im: Float64Array, i: number): [Float64Array, Float64Array] {
  const xr = new Float64Array(n), xi = new Float64Array(n);
  let tn = 0;
  for (let r = 0; r < n; r++) for (let c = r; c < n; c++) tn = Math.max(tn, Math.hypot(re[r * n + c], im[r * n + c]));
  const small = Math.max(EPS * tn, 1e-300);
  xr[i] = 1;
  const lr = re[i * n + i], li = im[i * n + i];
  for (let r = i - 1; r >= 0; r--) {
    let sr = 0, si = 0;
    for (let c = r + 1; c <= i; c++) {
      const tr = re[r * n + c], ti = im[r * n + c];
      sr += tr * xr[c] - ti * xi[c]; si += tr * xi[c] + ti * xr[c];
    }
    let dr = re[r * n + r] - lr, di = im[r * n + r] - li;
    if (Math.hypot(dr, di) < small) { dr = small; di = 0; }
    const m2 = dr * dr + di * di;
    // x_r = −s/d
    xr[r] = -(sr * dr + si * di) / m2; xi[r] = -(si * dr - sr * di) / m2;
  }
  return [xr, xi];
}
