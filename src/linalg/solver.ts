/**
 * One interface over the two linear-solve strategies: a dense LU for small systems, and
 * GMRES right-preconditioned with ILUT for large sparse ones (a general sparse LU fills in
 * catastrophically on these Liouvillians, see ../../../shared/DESIGN.md).
 */
import { type Csr, csrMatVec, csrToDense } from './csr.ts';
import { denseLu, denseLuSolve } from './denseLu.ts';
import { gmres } from './gmres.ts';
import { ilut, ilutBytes, ilutSolve } from './ilut.ts';

export interface SolverOptions {
  /** Use the dense LU at or below this dimension (default 1200). */
  denseLimit?: number;
  /** ILUT drop tolerance and fill (defaults 1e-3 and 40: measured best time at dim 30k). */
  dropTol?: number;
  fill?: number;
  /** GMRES relative tolerance (default 1e-12), restart length (80) and iteration cap (3000). */
  tol?: number;
  restart?: number;
  maxIter?: number;
  onFactorProgress?: (fraction: number) => void;
}

export interface SolveStats {
  iterations: number;
  relResidual: number;
  converged: boolean;
}

export interface LinearSolver {
  method: 'dense-lu' | 'ilut-gmres';
  /** x ≈ A⁻¹ b; x on entry is the initial guess (iterative method only). */
  solve(b: Float64Array, x: Float64Array): SolveStats;
  /** Bytes held by the factorisation. */
  bytes: number;
}

export function makeSolver(A: Csr, opts: SolverOptions = {}): LinearSolver {
  const n = A.rows;
  if (n <= (opts.denseLimit ?? 1200)) {
    const f = denseLu(csrToDense(A), n);
    return {
      method: 'dense-lu',
      bytes: f.lu.byteLength,
      solve(b, x) {
        denseLuSolve(f, b, x);
        // one step of iterative refinement keeps the residual at rounding level
        const r = new Float64Array(n);
        csrMatVec(A, x, r);
        let rn = 0, bn = 0;
        for (let i = 0; i < n; i++) { r[i] = b[i] - r[i]; rn += r[i] * r[i]; bn += b[i] * b[i]; }
        const dx = new Float64Array(n);
        denseLuSolve(f, r, dx);
        for (let i = 0; i < n; i++) x[i] += dx[i];
        return { iterations: 1, relResidual: bn > 0 ? Math.sqrt(rn / bn) : 0, converged: f.minPivot > 0 };
      },
    };
  }
  const f = ilut(A, { dropTol: opts.dropTol ?? 1e-3, fill: opts.fill ?? 40, onProgress: opts.onFactorProgress });
  const tol = opts.tol ?? 1e-12;
  return {
    method: 'ilut-gmres',
    bytes: ilutBytes(f),
    solve(b, x) {
      const r = gmres(n, (u, v) => csrMatVec(A, u, v), b, {
        tol, restart: opts.restart ?? 80, maxIter: opts.maxIter ?? 3000,
        precond: (u, v) => ilutSolve(f, u, v), x0: x,
      });
      x.set(r.x);
      return { iterations: r.iterations, relResidual: r.relResidual, converged: r.converged };
    },
  };
}
