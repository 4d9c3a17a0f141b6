/**
 * A bound on |Im λ| over the eigenvalues λ of a real square matrix A with Re λ ≥ −R: the
 * height of the strip that the imaginary-axis search of rightmostEigs.ts has to cover.
 *
 * For a unit eigenvector y, Re λ = yᴴHy and Im λ = yᴴKy with H = (A + Aᵀ)/2 and
 * K = (A − Aᵀ)/(2i), both Hermitian (the field of values). If Re λ ≥ −R then for every t ≥ 0
 *     Im λ ≤ yᴴKy + t (yᴴHy + R) ≤ λmax(K + tH) + tR =: g(t),
 * and −Im λ ≤ g(t) as well (−K + tH is the complex conjugate of K + tH: same spectrum). This
 * is weak Lagrange duality for max{yᴴKy : yᴴHy ≥ −R, ‖y‖ = 1}. g(0) = ‖(A − Aᵀ)/2‖₂ is the
 * plain field-of-values bound; g is convex (λmax of an affine family plus a linear term), and
 * where the dissipation (H ≼ 0 on the modes with large |Im|) is strong the minimum over t is
 * well below g(0) — e.g. about half of it for the sectors of (N, d) = (4, 4) and (40, 2).
 *
 * λmax(K + tH) is computed as the largest eigenvalue of the real symmetric 2n×2n matrix
 * [[tH, S], [−S, tH]], S = (A − Aᵀ)/2 (the real form of tH − iS; each eigenvalue doubled), by
 * plain Lanczos (three-term recurrence, no reorthogonalisation: in floating point the Ritz
 * values still lie in the spectrum's hull up to O(ε‖G‖), Paige 1980; lost orthogonality only
 * repeats converged values) from a fixed pseudo-random start; the estimate is the
 * largest Ritz value plus its residual norm β_m|e_mᵀz| (Parlett, The Symmetric Eigenvalue
 * Problem, §13.2; Zhou & Li, Linear Algebra Appl. 435 (2011) 480, use such Ritz-value-plus-
 * residual upper estimates for exactly this purpose). Like the power-iteration estimate of
 * ‖(A − Aᵀ)/2‖₂ that it refines, this is an estimate (Lanczos can in principle miss an
 * eigenvalue whose direction is absent from the start vector), so the caller adds a margin.
 */
import type { Csr } from './csr.ts';
import { tridiagonalEigenvalues } from './hermitianEigenvalues.ts';
import { checkInterrupt } from './interrupt.ts';

/** y = [[tH, S], [−S, tH]] x, x = [u; v], from Au, Av, Aᵀu, Aᵀv (work: 4 vectors of length n). */
function applyEmbedding(A: Csr, t: number, x: Float64Array, y: Float64Array, work: Float64Array[]): void {
  const n = A.rows;
  const Au = work[0], Av = work[1], Atu = work[2], Atv = work[3];
  Atu.fill(0); Atv.fill(0);
  for (let i = 0; i < n; i++) {
    const ui = x[i], vi = x[n + i];
    let au = 0, av = 0;
    for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
      const j = A.colIdx[q], a = A.values[q];
      au += a * x[j]; av += a * x[n + j];
      Atu[j] += a * ui; Atv[j] += a * vi;
    }
    Au[i] = au; Av[i] = av;
  }
  combineEmbedding(n, t, Au, Av, Atu, Atv, y);
}

/** y = [tHu + Sv; −Su + tHv] with H = (A + Aᵀ)/2, S = (A − Aᵀ)/2 (a loop of its own: V8 optimised the one above on its own and then deoptimised here on every call). */
function combineEmbedding(n: number, t: number, Au: Float64Array, Av: Float64Array, Atu: Float64Array, Atv: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const Hu = 0.5 * (Au[i] + Atu[i]), Hv = 0.5 * (Av[i] + Atv[i]);
    const Su = 0.5 * (Au[i] - Atu[i]), Sv = 0.5 * (Av[i] - Atv[i]);
    y[i] = t * Hu + Sv;
    y[n + i] = -Su + t * Hv;
  }
}

/** Estimate of λmax([[tH, S], [−S, tH]]) by m Lanczos steps (see the module comment). */
export function lambdaMaxShiftedField(A: Csr, t: number, m = 40): number {
  const n = A.rows, N2 = 2 * n;
  const steps = Math.min(m, N2);
  const work = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  let vPrev = new Float64Array(N2);
  let v = new Float64Array(N2);
  let s = 0x2545f491;
  for (let i = 0; i < N2; i++) { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; v[i] = (s >>> 0) / 4294967296 - 0.5; }
  let nv = 0;
  for (let i = 0; i < N2; i++) nv += v[i] * v[i];
  nv = Math.sqrt(nv);
  for (let i = 0; i < N2; i++) v[i] /= nv;
  const alpha: number[] = [], beta: number[] = [];
  let last = 0, bPrev = 0;
  let w = new Float64Array(N2);
  for (let k = 0; k < steps; k++) {
    checkInterrupt();
    applyEmbedding(A, t, v, w, work);
    let a = 0;
    for (let i = 0; i < N2; i++) a += w[i] * v[i];
    alpha.push(a);
    let b = 0;
    for (let i = 0; i < N2; i++) { const x = w[i] - a * v[i] - bPrev * vPrev[i]; w[i] = x; b += x * x; }
    b = Math.sqrt(b);
    last = b;
    if (k + 1 === steps || b <= 1e-14 * Math.max(1, Math.abs(a))) break;
    beta.push(b);
    for (let i = 0; i < N2; i++) w[i] /= b;
    [vPrev, v, w] = [v, w, vPrev];
    bPrev = b;
  }
  const m1 = alpha.length;
  // Largest Ritz value θ and the last component of its eigenvector z of T (by inverse
  // iteration on the tridiagonal T − θ, which is cheap and accurate enough for a residual).
  const off = new Float64Array(Math.max(1, m1 - 1));
  for (let i = 0; i < m1 - 1; i++) off[i] = beta[i];
  const theta = tridiagonalEigenvalues(m1, Float64Array.from(alpha), off)[m1 - 1];
  const zLast = lastComponent(alpha, beta, theta);
  return theta + last * Math.abs(zLast);
}

/** |e_mᵀ z| for the unit eigenvector z of the tridiagonal T(alpha, beta) nearest θ. */
function lastComponent(alpha: number[], beta: number[], theta: number): number {
  const m = alpha.length;
  if (m === 1) return 1;
  // Solve (T − θ − δ) z = e by Thomas' algorithm with partial pivoting avoided: two sweeps of
  // inverse iteration from a constant vector; δ keeps T − θ − δ regular.
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(alpha[i]) + (beta[i] ?? 0) + (beta[i - 1] ?? 0));
  const shift = theta + 1e-10 * Math.max(1, scale);
  let z = new Float64Array(m).fill(1 / Math.sqrt(m));
  for (let it = 0; it < 3; it++) {
    // Gaussian elimination on the tridiagonal (no pivoting; the shift is just outside the spectrum of T's top end so T − shift is negative definite)
    const c = new Float64Array(m), d = new Float64Array(m);
    let den = alpha[0] - shift;
    c[0] = (beta[0] ?? 0) / den; d[0] = z[0] / den;
    for (let i = 1; i < m; i++) {
      den = alpha[i] - shift - (beta[i - 1] ?? 0) * c[i - 1];
      c[i] = (beta[i] ?? 0) / den;
      d[i] = (z[i] - (beta[i - 1] ?? 0) * d[i - 1]) / den;
    }
    const x = new Float64Array(m);
    x[m - 1] = d[m - 1];
    for (let i = m - 2; i >= 0; i--) x[i] = d[i] - c[i] * x[i + 1];
    let nx = 0;
    for (let i = 0; i < m; i++) nx += x[i] * x[i];
    nx = Math.sqrt(nx);
    for (let i = 0; i < m; i++) x[i] /= nx;
    z = x;
  }
  return z[m - 1];
}

/**
 * An upper estimate of min over t > 0 of g(t) = λmax(K + tH) + tR (module comment): g at
 * t = 1/2, 1, 2 (t is dimensionless: K and H are both in the units of A; the minimum was near
 * t = 1.4 for the sectors measured) and at the geometric midpoint towards the better neighbour
 * of the best (g is convex in t). Any t gives a valid bound, so the search only has to be good,
 * not exact. 4 Lanczos runs of m steps, O(m·nnz(A)) each.
 */
export function stripImagBound(A: Csr, R: number, opts: { lanczosSteps?: number } = {}): { bound: number; t: number } {
  const m = opts.lanczosSteps ?? 40;
  const g = (t: number) => lambdaMaxShiftedField(A, t, m) + t * R;
  const grid = [0.5, 1, 2];
  const vals = grid.map((t) => g(t));
  let j = 0;
  for (let i = 1; i < grid.length; i++) if (vals[i] < vals[j]) j = i;
  let best = { bound: vals[j], t: grid[j] };
  // one refinement towards the better neighbour (g is convex in t)
  const nb = j === 0 ? 0.25 : j === 2 ? 4 : vals[0] < vals[2] ? 0.5 : 2;
  const t = Math.sqrt(grid[j] * nb), v = g(t);
  if (v < best.bound) best = { bound: v, t };
  return best;
}
