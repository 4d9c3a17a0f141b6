/**
 * Steady state of Eq. (3) at finite N (Section V): the unique (γ_I > 0) solution of ℒρ = 0 with
 * Tr ρ = 1, found in the (+1,+1) sector (where it lies, Section IV), or in the p1 = +1 space
 * without the Π2 split when ℓ is complex.
 *
 * Exact path (the block-tridiagonal LU of ℒ − σ fits the memory budget): inverse iteration
 * x ← (ℒ − σ)⁻¹x with a tiny real shift σ = 1e-10·‖ℒ‖∞ and the exact factorisation (each step
 * contracts the other components by σ/|λ1 − σ|, so two or three steps reach rounding level),
 * then a uniqueness check: Krylov–Schur on the same factorisation for the two eigenvalues
 * nearest σ: unique when |λ1| > 1e-9·‖ℒ‖∞; a NonUniqueSteadyStateError when |λ1| is a
 * computed zero (within 1e3 roundings of ‖ℒ‖∞; e.g. a custom ℓ with a level that cannot
 * decay); in between (a slow mode, e.g. metastability at large N) unique only when λ1 ≠ 0 is
 * certified by an error bound (left vector by deflated transposed solves, κ·‖r‖), else null
 * with a note.
 * Fallback (the factorisation does not fit): inverse iteration with ILUT + GMRES inner solves;
 * then uniqueness is not checked and the result says so.
 *
 * The sector matrix is in the HS-orthonormal basis ĥ_m = h_m/‖h_m‖ (coordinates y_m); the
 * result's `x` and the warm start `x0` are in the raw Hermitian basis h_m of sectors.ts
 * (x_m = y_m/‖h_m‖), the basis of observables.ts.
 */
import type { Csr } from '../../linalg/csr.ts';
import { csrMatVec, csrNormInf, csrShift } from '../../linalg/csr.ts';
import {
  blockTridiagonalLu, blockTridiagonalLuBytes, blockTridiagonalLuFlops, blockTridiagonalPartition, blockTridiagonalSolveRefined,
} from '../../linalg/blockTridiagonalLu.ts';
import { krylovSchur } from '../../linalg/krylovSchur.ts';
import { certifyPair, leftByDeflatedIteration } from '../../linalg/rightmostEigs.ts';
import { type LinearSolver, type SolverOptions, makeSolver } from '../../linalg/solver.ts';
import { checkBudget, DEFAULT_BUDGET_BYTES, DEFAULT_STEADY_MAX_FACTOR_FLOPS, type MemoryBudget } from './memory.ts';
import { type ModelParams, ellIsReal } from '../model/model.ts';
import { buildPiBasis, type PiBasis } from './piBasis.ts';
import { buildSectorLiouvillian, type SectorLiouvillian } from './liouvillian.ts';
import { type PiExpectations, type PiWeights, piExpectations, piWeights } from './observables.ts';
import type { SectorSpec } from './sectors.ts';

export type Stage = 'build' | 'factorise' | 'iterate';
export type ProgressFn = (stage: Stage, fraction: number) => void;

/** The kernel of ℒ in the steady-state sector is more than one-dimensional. */
export class NonUniqueSteadyStateError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'NonUniqueSteadyStateError';
  }
}

export interface SteadyStateOptions extends SolverOptions, MemoryBudget {
  onProgress?: ProgressFn;
  /** Initial guess in the raw sector basis h_m (e.g. from a neighbouring parameter point). */
  x0?: Float64Array;
  /** Shift of the fallback inverse iteration (rate units; default 0.005·‖ℒ‖∞/N). */
  sigma?: number;
  /** Outer inverse-iteration steps (default 30) and target HS residual (default 1e-10). */
  maxOuter?: number;
  residualTol?: number;
  /** Largest exact (real) factorisation (flops) before the ILUT fallback (default DEFAULT_STEADY_MAX_FACTOR_FLOPS = 2e12 ≈ 2 min). */
  maxFactorFlops?: number;
}

export interface SteadyStateChecks {
  /** Tr ρ after normalisation (1 up to rounding). */
  trace: number;
  /** ρ = Σ x_m h_m with real x_m and Hermitian h_m: Hermitian by construction (exactly). */
  hermitian: true;
  /**
   * Necessary conditions for ρ ≥ 0: the smallest diagonal entry ⟨n|ρ|n⟩ in the product basis
   * (the coefficients of the all-diagonal elements) and Tr ρ² ≤ 1.
   */
  minDiagonal: number;
  purityAtMostOne: boolean;
  positiveDiagonal: boolean;
  /**
   * The nonzero eigenvalue of the steady-state sector nearest 0 (the uniqueness check; accurate to
   * ~1e-7 only, since its Krylov run uses the shift next to λ0); null when not computed (fallback path).
   */
  lambda1: { re: number; im: number } | null;
  /** Bound on |λ1 − lambda1| (κ·‖r‖ from its left and right vectors); null when not certified. */
  lambda1ErrorBound: number | null;
  /** The steady state is unique (λ1 ≠ 0 certified: |lambda1| > lambda1ErrorBound), or null when not checked or not decided. */
  unique: boolean | null;
  /** Inner solve used. */
  solver: 'block-lu' | 'ilut-gmres';
  notes: string[];
}

export interface SteadyStateResult extends PiExpectations {
  /** ‖ℒρ‖_HS / ‖ρ‖_HS (rate units). */
  residual: number;
  method: LinearSolver['method'] | 'inverse-iteration';
  iterations: number;
  dim: number;
  /** Coordinates of ρ (Tr ρ = 1) in the raw sector basis h_m. */
  x: Float64Array;
  checks: SteadyStateChecks;
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


/** HS-norm residual ‖ℒρ‖/‖ρ‖ of coordinates x (Gram weights g). */
export function hsResidual(A: Csr, gram: Float64Array, x: Float64Array): number {
  const y = new Float64Array(x.length);
  csrMatVec(A, x, y);
  let a = 0, b = 0;
  for (let m = 0; m < x.length; m++) { a += gram[m] * y[m] * y[m]; b += gram[m] * x[m] * x[m]; }
  return Math.sqrt(a / b);
}

/**
 * Whether the steady state of a sector partitioned as ptr (blockTridiagonalPartition) takes the
 * exact path: its real factors plus a few Krylov vectors within the memory budget, and its real
 * factorisation (blockTridiagonalLuFlops/4) within opts.maxFactorFlops (default
 * DEFAULT_STEADY_MAX_FACTOR_FLOPS); else the ILUT + GMRES fallback.
 */
export function steadyStateTakesExactPath(ptr: Int32Array, opts: MemoryBudget & { maxFactorFlops?: number }): boolean {
  const n = ptr[ptr.length - 1];
  const exactBytes = blockTridiagonalLuBytes(ptr, true) + 16 * n * 40;
  return exactBytes <= (opts.budgetBytes ?? DEFAULT_BUDGET_BYTES) && blockTridiagonalLuFlops(ptr) / 4 <= (opts.maxFactorFlops ?? DEFAULT_STEADY_MAX_FACTOR_FLOPS);
}

/** Steady state from an already built sector Liouvillian (raw or HS-normalised matrix). */
export function steadyStateOfSector(b: PiBasis, L: SectorLiouvillian, opts: SteadyStateOptions = {}): SteadyStateResult & { weights: PiWeights } {
  const sec = L.sector;
  if (sec.spec.p1 !== 1 || sec.spec.p2 === -1) throw new RangeError('the steady state lies in the (+1,+1) sector');
  const n = sec.dim;
  const w = piWeights(b, sec);
  const scale = L.scale ?? new Float64Array(n).fill(1);
  // weights in the coordinates of L.matrix: trace t̂_m = Tr h_m/scale_m, Gram ĝ_m = g_m/scale_m²
  const tr = Float64Array.from(w.trace, (t, m) => t / scale[m]);
  const gram = Float64Array.from(w.gram, (g, m) => g / (scale[m] * scale[m]));
  const A = L.matrix;
  const nA = csrNormInf(A);
  const y = new Float64Array(n);
  const notes: string[] = [];
  const normalise = () => {
    let t = 0;
    for (let m = 0; m < n; m++) t += tr[m] * y[m];
    if (!(Math.abs(t) > 0)) throw new Error('steady state: the iterate lost its trace');
    for (let m = 0; m < n; m++) y[m] /= t;
  };
  const start = () => {
    if (opts.x0 && opts.x0.length === n) for (let m = 0; m < n; m++) y[m] = opts.x0[m] * scale[m];
    // else the identity (maximally mixed state): coefficient Tr h_m on the all-diagonal elements
    else for (let m = 0; m < n; m++) y[m] = w.trace[m] !== 0 ? tr[m] : 0;
    normalise();
  };
  let method: SteadyStateResult['method'] = 'inverse-iteration';
  let iterations = 0;
  let solver: SteadyStateChecks['solver'] = 'block-lu';
  let lambda1: SteadyStateChecks['lambda1'] = null;
  let unique: boolean | null = null;
  let lambda1Bound: number | null = null;
  const tolRes = opts.residualTol ?? 1e-10;
  const ptr = blockTridiagonalPartition(A);
  if (steadyStateTakesExactPath(ptr, opts)) {
    const sigma = 1e-10 * Math.max(nA, 1e-300);
    opts.onProgress?.('factorise', 0);
    const f = blockTridiagonalLu(A, ptr, sigma, 0, (x) => opts.onProgress?.('factorise', x));
    opts.onProgress?.('iterate', 0);
    start();
    const zi = new Float64Array(n), xr = new Float64Array(n), xi = new Float64Array(n);
    for (let it = 0; it < 6; it++) {
      if (hsResidual(A, gram, y) <= tolRes * 1e-3 && it > 0) break;
      zi.fill(0);
      blockTridiagonalSolveRefined(f, y, zi, xr, xi);
      y.set(xr);
      normalise();
      iterations++;
    }
    // Uniqueness: the two eigenvalues nearest σ (λ0 = 0 and λ1).
    if (n > 1) {
      const ks = krylovSchur(n, (ar, ai, br, bi) => { blockTridiagonalSolveRefined(f, ar, ai, br, bi); }, { nev: 2, tol: 1e-12, v0Re: Float64Array.from(y, (v, m) => v + 1e-3 * Math.sin(m + 1)) });
      const lam = ks.pairs.map((p) => { const m2 = p.re * p.re + p.im * p.im; return { re: sigma + p.re / m2, im: -p.im / m2, vr: p.vecRe, vi: p.vecIm }; });
      lam.sort((a, c) => Math.hypot(a.re, a.im) - Math.hypot(c.re, c.im));
      const l1 = lam[1];
      lambda1 = l1 ? { re: l1.re, im: l1.im } : null;
      if (l1) {
        const abs1 = Math.hypot(l1.re, l1.im);
        // Three cases. |λ1| > 1e-9‖ℒ‖∞: clearly nonzero at the matrix's scale — unique. |λ1|
        // within a thousand roundings of ‖ℒ‖∞: a computed zero (a level that cannot decay gives
        // |λ1| ≈ 1e-25 at N = 2, d = 3) — not unique, an error. In between (a metastable slow
        // mode: λ1 ≈ 4e-8 ≈ 4e5·ε‖ℒ‖∞ at N = 80, d = 2, γ_I + γ_C = 2|V|) unique only if λ1 ≠ 0
        // is certified: its left vector by transposed solves on the same factorisation,
        // deflated by the steady state's right vector, and |λ1| above κ·‖r‖
        // (rightmostEigs.ts certifyPair); otherwise not decided, with a note.
        const scaleTiny = 1e-9 * Math.max(nA, 1e-300);
        const zeroTiny = 1e3 * 2.220446049250313e-16 * Math.max(nA, 1e-300);
        if (abs1 > scaleTiny) unique = true;
        else if (abs1 <= zeroTiny) {
          throw new NonUniqueSteadyStateError(
            `the steady state is not unique: ℒ has at least two eigenvalues 0 in the steady-state sector (|λ1| = ${abs1.toExponential(2)}, within rounding of ‖ℒ‖∞ = ${nA.toExponential(2)}), e.g. a level that cannot decay`,
          );
        } else {
          const left = leftByDeflatedIteration(f, l1.vr, l1.vi, [[lam[0].vr, lam[0].vi]], l1.re - sigma, l1.im, 80);
          const c = left.converged ? certifyPair(A, l1.vr, l1.vi, left.wr, left.wi) : null;
          if (c && abs1 > c.errorBound) {
            unique = true;
            lambda1Bound = c.errorBound;
          } else {
            unique = null;
            notes.push(`uniqueness not decided: the eigenvalue next to 0, λ1 ≈ ${l1.re.toExponential(2)}${l1.im ? ` ${l1.im < 0 ? '−' : '+'} ${Math.abs(l1.im).toExponential(2)}i` : ''}, is below 1e-9‖ℒ‖∞ and ${c ? `not certified nonzero (error bound ${c.errorBound.toExponential(1)}: the eigenvalues near 0 are this ill-conditioned in double precision)` : 'without an error bound (its left vector did not converge)'} — a slow mode or a second steady state`);
          }
        }
      } else unique = true;
    }
  } else {
    solver = 'ilut-gmres';
    notes.push('the exact factorisation does not fit the memory or time budget: ILUT + GMRES inner solves, uniqueness not checked');
    // Inverse iteration with a small σ > 0 (measured more robust than the bordered system under ILUT).
    const sigma = opts.sigma ?? 0.005 * Math.max(1e-3, nA / Math.max(1, b.N));
    const shifted = csrShift(A, sigma);
    const maxOuter = opts.maxOuter ?? 30;
    const z = new Float64Array(n);
    for (const ilu of [{}, { dropTol: 1e-5, fill: 200 }]) {
      opts.onProgress?.('factorise', 0);
      const s = makeSolver(shifted, { ...opts, ...ilu, denseLimit: 0, onFactorProgress: (f) => opts.onProgress?.('factorise', f) });
      method = 'inverse-iteration';
      start();
      let ok = false;
      for (let it = 0; it < maxOuter; it++) {
        if (hsResidual(A, gram, y) <= tolRes) { ok = true; break; }
        opts.onProgress?.('iterate', it / maxOuter);
        // (ℒ − σ)⁻¹y ≈ −y/σ once y is close to the steady state: the right initial guess
        for (let m = 0; m < n; m++) z[m] = -y[m] / sigma;
        iterations += s.solve(y, z).iterations;
        y.set(z);
        normalise();
      }
      if (ok) break;
    }
  }
  opts.onProgress?.('iterate', 1);
  normalise();
  const x = Float64Array.from(y, (v, m) => v / scale[m]);
  const obs = piExpectations(b, w, x, true);
  const residual = hsResidual(A, gram, y);
  let minDiagonal = Infinity;
  for (let m = 0; m < n; m++) if (w.trace[m] !== 0) minDiagonal = Math.min(minDiagonal, x[m]);
  const diagTol = 1e-10;
  const checks: SteadyStateChecks = {
    trace: obs.trace, hermitian: true, minDiagonal, positiveDiagonal: minDiagonal >= -diagTol,
    purityAtMostOne: obs.purity <= 1 + 1e-12, lambda1, lambda1ErrorBound: lambda1Bound, unique, solver, notes,
  };
  if (!checks.positiveDiagonal) notes.push(`a diagonal entry of ρ is negative (${minDiagonal.toExponential(2)}): not a density matrix to working precision`);
  if (residual > tolRes) notes.push(`residual ${residual.toExponential(2)} above ${tolRes}`);
  return { ...obs, residual, method, iterations, dim: n, x, weights: w, checks };
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
