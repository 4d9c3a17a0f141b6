/**
 * Restarted GMRES(m) with right preconditioning (Saad, Iterative Methods for Sparse Linear
 * Systems, Alg. 9.5): solves A x = b with A and M⁻¹ given as functions. Right preconditioning
 * keeps the monitored residual the true one, ‖b − A x‖.
 */
import { dot, orthogonalize } from './orthogonalize.ts';
import { checkInterrupt } from './interrupt.ts';

export type LinearOp = (x: Float64Array, y: Float64Array) => void;

export interface GmresOptions {
  /** Relative tolerance on ‖b − A x‖ / ‖b‖ (default 1e-10). */
  tol?: number;
  /** Krylov dimension between restarts (default 60). */
  restart?: number;
  /** Maximum total iterations (default 2000). */
  maxIter?: number;
  /** Applies M⁻¹ (y = M⁻¹ x); identity if absent. */
  precond?: LinearOp;
  /** Initial guess (not modified); zero if absent. */
  x0?: Float64Array;
}

export interface GmresResult {
  x: Float64Array;
  iterations: number;
  relResidual: number;
  converged: boolean;
}


export function gmres(n: number, A: LinearOp, b: Float64Array, opts: GmresOptions = {}): GmresResult {
  const tol = opts.tol ?? 1e-10;
  const m = Math.max(1, Math.min(opts.restart ?? 60, n));
  const maxIter = opts.maxIter ?? 2000;
  const M = opts.precond;
  const x = opts.x0 ? Float64Array.from(opts.x0) : new Float64Array(n);
  const bn = Math.sqrt(dot(b, b));
  if (bn === 0) return { x: new Float64Array(n), iterations: 0, relResidual: 0, converged: true };
  const V: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(n));
  const Z: Float64Array[] = M ? Array.from({ length: m }, () => new Float64Array(n)) : [];
  const H = new Float64Array((m + 1) * m); // column-major: H[i + j*(m+1)]
  const cs = new Float64Array(m), sn = new Float64Array(m), g = new Float64Array(m + 1);
  const w = new Float64Array(n);
  let it = 0;
  let rel = Infinity;
  while (it < maxIter) {
    // r = b − A x
    A(x, w);
    const r0 = V[0];
    for (let i = 0; i < n; i++) r0[i] = b[i] - w[i];
    let beta = Math.sqrt(dot(r0, r0));
    rel = beta / bn;
    if (rel <= tol) return { x, iterations: it, relResidual: rel, converged: true };
    for (let i = 0; i < n; i++) r0[i] /= beta;
    g.fill(0);
    g[0] = beta;
    let k = 0;
    for (; k < m && it < maxIter; k++, it++) {
      checkInterrupt();
      const zk = M ? Z[k] : V[k];
      if (M) M(V[k], zk);
      const v = V[k + 1];
      A(zk, v);
      const hn = orthogonalize(v, V, k + 1, H, k * (m + 1), 1);
      H[k + 1 + k * (m + 1)] = hn;
      if (hn > 0) for (let q = 0; q < n; q++) v[q] /= hn;
      // apply previous rotations to the new column, then a new one
      for (let i = 0; i < k; i++) {
        const a = H[i + k * (m + 1)], c = H[i + 1 + k * (m + 1)];
        H[i + k * (m + 1)] = cs[i] * a + sn[i] * c;
        H[i + 1 + k * (m + 1)] = -sn[i] * a + cs[i] * c;
      }
      const a = H[k + k * (m + 1)], c = H[k + 1 + k * (m + 1)];
      const rr = Math.hypot(a, c);
      cs[k] = rr === 0 ? 1 : a / rr;
      sn[k] = rr === 0 ? 0 : c / rr;
      H[k + k * (m + 1)] = rr;
      H[k + 1 + k * (m + 1)] = 0;
      g[k + 1] = -sn[k] * g[k];
      g[k] = cs[k] * g[k];
      rel = Math.abs(g[k + 1]) / bn;
      if (rel <= tol || hn === 0) { k++; it++; break; }
    }
    // solve the k×k triangular system and update x += Z y
    const y = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i];
      for (let jj = i + 1; jj < k; jj++) s -= H[i + jj * (m + 1)] * y[jj];
      y[i] = s / H[i + i * (m + 1)];
    }
    for (let jj = 0; jj < k; jj++) {
      const zj = M ? Z[jj] : V[jj];
      const yj = y[jj];
      for (let q = 0; q < n; q++) x[q] += yj * zj[q];
    }
    H.fill(0);
    if (rel <= tol) {
      // confirm with the true residual
      A(x, w);
      let s = 0;
      for (let i = 0; i < n; i++) s += (b[i] - w[i]) ** 2;
      rel = Math.sqrt(s) / bn;
      if (rel <= tol * 10) return { x, iterations: it, relResidual: rel, converged: true };
    }
  }
  return { x, iterations: it, relResidual: rel, converged: rel <= tol };
}
