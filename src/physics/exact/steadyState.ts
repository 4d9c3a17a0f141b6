/**
 * Steady state of Eq. (3) at finite N (Section V): the unique (γ_I > 0) solution of ℒρ = 0 with
 * Tr ρ = 1, found in the (+1,+1) sector (where it lies, Section IV), or in the p1 = +1 space
 * without the Π2 split when ℓ is complex.
 *
 * ℒ preserves the trace, so the rows of the sector matrix are dependent with the trace weights
 * (Σ_m Tr(h_m) R_{mk} = 0); replacing the row of the element (|−j⟩⟨−j|)^{⊗N} (E = 0, index 0,
 * trace weight 1) by the trace row gives a regular system A x = e_0.
 */
import type { Csr } from '../../linalg/csr.ts';
import { csrMatVec, csrShift } from '../../linalg/csr.ts';
import { type LinearSolver, type SolverOptions, makeSolver } from '../../linalg/solver.ts';
import { checkBudget, type MemoryBudget } from './memory.ts';
import { type ModelParams, ellIsReal } from '../model/model.ts';
import { buildPiBasis, type PiBasis } from './piBasis.ts';
import { buildSectorLiouvillian, type SectorLiouvillian } from './liouvillian.ts';
import { type PiExpectations, type PiWeights, piExpectations, piWeights } from './observables.ts';
import type { SectorSpec } from './sectors.ts';

export type Stage = 'build' | 'factorise' | 'iterate';
export type ProgressFn = (stage: Stage, fraction: number) => void;

export interface SteadyStateOptions extends SolverOptions, MemoryBudget {
  onProgress?: ProgressFn;
  /** Initial guess in the sector basis (e.g. from a neighbouring parameter point). */
  x0?: Float64Array;
  /** Shift of the inverse iteration (rate units; default 0.005·‖ℒ‖∞/N). */
  sigma?: number;
  /** Outer inverse-iteration steps (default 30) and target HS residual (default 1e-10). */
  maxOuter?: number;
  residualTol?: number;
}

export interface SteadyStateResult extends PiExpectations {
  /** ‖ℒρ‖_HS / ‖ρ‖_HS (rate units). */
  residual: number;
  method: LinearSolver['method'] | 'inverse-iteration';
  iterations: number;
  dim: number;
  /** Coordinates of ρ (Tr ρ = 1) in the sector basis. */
  x: Float64Array;
}

/** The sector that contains the steady state for these parameters. */
export function steadySector(p: ModelParams): SectorSpec {
  return { p1: 1, p2: ellIsReal(p.ell) ? 1 : 0 };
}

/** A with row i replaced by the given sparse row. */
export function replaceRow(A: Csr, i: number, cols: Int32Array, vals: Float64Array): Csr {
  const n = A.rows;
  const old = A.rowPtr[i + 1] - A.rowPtr[i];
  const nnz = A.rowPtr[n] - old + cols.length;
  const rowPtr = new Int32Array(n + 1), colIdx = new Int32Array(nnz), values = new Float64Array(nnz);
  let q = 0;
  for (let r = 0; r < n; r++) {
    if (r === i) {
      colIdx.set(cols, q); values.set(vals, q); q += cols.length;
    } else {
      for (let k = A.rowPtr[r]; k < A.rowPtr[r + 1]; k++) { colIdx[q] = A.colIdx[k]; values[q++] = A.values[k]; }
    }
    rowPtr[r + 1] = q;
  }
  return { rows: n, cols: A.cols, rowPtr, colIdx, values };
}

function normInfOf(A: Csr): number {
  let mx = 0;
  for (let i = 0; i < A.rows; i++) {
    let t = 0;
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) t += Math.abs(A.values[k]);
    mx = Math.max(mx, t);
  }
  return mx;
}

/** HS-norm residual ‖ℒρ‖/‖ρ‖ of coordinates x (Gram weights g). */
export function hsResidual(A: Csr, gram: Float64Array, x: Float64Array): number {
  const y = new Float64Array(x.length);
  csrMatVec(A, x, y);
  let a = 0, b = 0;
  for (let m = 0; m < x.length; m++) { a += gram[m] * y[m] * y[m]; b += gram[m] * x[m] * x[m]; }
  return Math.sqrt(a / b);
}

/** Steady state from an already built sector Liouvillian. */
export function steadyStateOfSector(b: PiBasis, L: SectorLiouvillian, opts: SteadyStateOptions = {}): SteadyStateResult & { weights: PiWeights } {
  const sec = L.sector;
  if (sec.spec.p1 !== 1 || sec.spec.p2 === -1) throw new RangeError('the steady state lies in the (+1,+1) sector');
  const w = piWeights(b, sec);
  const cols: number[] = [], vals: number[] = [];
  for (let m = 0; m < sec.dim; m++) if (w.trace[m] !== 0) { cols.push(m); vals.push(w.trace[m]); }
  const i0 = 0; // E = 0 element (|−j⟩⟨−j|)^{⊗N}: trace weight 1
  if (w.trace[i0] === 0) throw new Error('internal: sector element 0 is not (|−j⟩⟨−j|)^{⊗N}');
  const x = opts.x0 && opts.x0.length === sec.dim ? Float64Array.from(opts.x0) : new Float64Array(sec.dim);
  let method: SteadyStateResult['method'];
  let iterations = 0;
  if (sec.dim <= (opts.denseLimit ?? 1200)) {
    const A = replaceRow(L.matrix, i0, Int32Array.from(cols), Float64Array.from(vals));
    opts.onProgress?.('factorise', 0);
    const solver = makeSolver(A, opts);
    opts.onProgress?.('iterate', 0);
    const rhs = new Float64Array(sec.dim);
    rhs[i0] = 1;
    iterations = solver.solve(rhs, x).iterations;
    method = solver.method;
  } else {
    // Inverse iteration x ← (ℒ − σ)⁻¹ x with a small σ > 0: the error along the steady state
    // (the near-null direction that makes the system ill-conditioned) is harmless here, and the
    // other components shrink by σ/|λ − σ| per step. Measured more robust than the bordered
    // (row-replaced) system under ILUT in the interaction-dominated phase.
    const sigma = opts.sigma ?? 0.005 * Math.max(1e-3, normInfOf(L.matrix) / Math.max(1, b.N));
    const shifted = csrShift(L.matrix, sigma);
    method = 'inverse-iteration';
    const maxOuter = opts.maxOuter ?? 30;
    const tolRes = opts.residualTol ?? 1e-10;
    const y = new Float64Array(sec.dim);
    const x0 = Float64Array.from(x);
    // Second attempt (only if the first misses the residual target): a much stronger ILUT.
    for (const ilu of [{}, { dropTol: 1e-5, fill: 200 }]) {
      opts.onProgress?.('factorise', 0);
      const solver = makeSolver(shifted, { ...opts, ...ilu, denseLimit: 0, onFactorProgress: (f) => opts.onProgress?.('factorise', f) });
      if (opts.x0) x.set(x0);
      // else start from the identity (maximally mixed state): x_m = 1 on the all-diagonal elements
      else for (let m = 0; m < sec.dim; m++) x[m] = w.trace[m] !== 0 ? 1 : 0;
      let ok = false;
      for (let it = 0; it < maxOuter; it++) {
        let tr = 0;
        for (let m = 0; m < sec.dim; m++) tr += w.trace[m] * x[m];
        if (tr === 0) throw new Error('inverse iteration lost the trace');
        for (let m = 0; m < sec.dim; m++) x[m] /= tr;
        if (hsResidual(L.matrix, w.gram, x) <= tolRes) { ok = true; break; }
        opts.onProgress?.('iterate', it / maxOuter);
        // (ℒ − σ)⁻¹x ≈ −x/σ once x is close to the steady state: the right initial guess
        for (let m = 0; m < sec.dim; m++) y[m] = -x[m] / sigma;
        iterations += solver.solve(x, y).iterations;
        x.set(y);
      }
      if (ok) break;
    }
  }
  opts.onProgress?.('iterate', 1);
  const obs = piExpectations(b, w, x, true);
  let tr = 0;
  for (let m = 0; m < sec.dim; m++) tr += w.trace[m] * x[m];
  for (let m = 0; m < sec.dim; m++) x[m] /= tr;
  return { ...obs, residual: hsResidual(L.matrix, w.gram, x), method, iterations, dim: sec.dim, x, weights: w };
}

/** Steady state for N particles: builds the basis and the sector, then solves. */
export function steadyState(N: number, p: ModelParams, opts: SteadyStateOptions = {}): SteadyStateResult {
  if (!(p.gammaI > 0)) throw new RangeError('the finite-N steady state is unique only for gammaI > 0 (Section V); got gammaI = ' + p.gammaI);
  const spec = steadySector(p);
  checkBudget(N, p.d, 'steady-state', spec, opts);
  const b = buildPiBasis(N, p.d);
  opts.onProgress?.('build', 0);
  const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => opts.onProgress?.('build', f) });
  const { weights: _w, ...r } = steadyStateOfSector(b, L, opts);
  return r;
}
