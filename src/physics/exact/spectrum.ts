/**
 * Sector-resolved Liouvillian eigenvalues and the gaps of Eqs. (15)–(16).
 *
 * Eigenvalues are sorted by |Re λ| ascending (ties by Im), as in Section IV. Small sectors use a
 * dense eigen-decomposition (all eigenvalues). Large ones use shift-invert Arnoldi at a real
 * shift σ > 0 (so that A − σ is regular even in (+1,+1), whose λ = 0 is the steady state) with
 * GMRES+ILUT inner solves; it finds the nev eigenvalues nearest σ and reports the k of
 * smallest |Re| among them. Every eigenvalue carries its true residual ‖Ly − λy‖/(‖L‖∞‖y‖) and
 * is marked unconverged when that residual is large or Re λ > 0 (spurious for a Liouvillian).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { arnoldiLargest } from '../../linalg/arnoldi.ts';
import { type Csr, csrMatVec, csrShift, csrToDense } from '../../linalg/csr.ts';
import { type SolverOptions, makeSolver } from '../../linalg/solver.ts';
import { checkBudget, type MemoryBudget } from './memory.ts';
import { type ModelParams, ellIsReal } from '../model/model.ts';
import { buildPiBasis, type PiBasis } from './piBasis.ts';
import { buildSectorLiouvillian } from './liouvillian.ts';
import { SECTOR_LABELS, type SectorLabel, type SectorSpec, parseSector } from './sectors.ts';
import type { ProgressFn } from './steadyState.ts';

export interface Eigenvalue {
  re: number;
  im: number;
  /** ‖L y − λ y‖ / (‖L‖∞ ‖y‖). */
  residual: number;
  converged: boolean;
}

export interface SpectrumOptions extends SolverOptions, MemoryBudget {
  /** Eigenvalues to report (default 6). */
  k?: number;
  /** Extra eigenvalues computed near σ before sorting by |Re| (default 6). */
  extra?: number;
  /** Real shift; default 0.02·(γ_I + γ_C + |V|) (rate units), or 0.02·‖L‖∞/N for a bare matrix. */
  sigma?: number;
  /** Use a dense eigen-decomposition at or below this sector dimension (default 600). */
  denseEigLimit?: number;
  /** Arnoldi Krylov dimension and restarts. */
  ncv?: number;
  maxRestarts?: number;
  /** Residual above which an eigenvalue is marked unconverged (default 1e-8). */
  residualTol?: number;
  onProgress?: ProgressFn;
  /** Starting vector for Arnoldi (warm start from a neighbouring parameter point). */
  v0?: Float64Array;
}

export interface SectorSpectrum {
  eigenvalues: Eigenvalue[];
  method: 'dense' | 'shift-invert-arnoldi';
  sigma: number;
  dim: number;
  /** Arnoldi operator applications (0 for dense). */
  steps: number;
  /** Inner linear solves that missed their tolerance (the residuals then tell whether it mattered). */
  innerFailures: number;
}

function normInf(A: Csr): number {
  let mx = 0;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) s += Math.abs(A.values[k]);
    if (s > mx) mx = s;
  }
  return mx;
}

function trueResidual(A: Csr, yr: Float64Array, yi: Float64Array, re: number, im: number, nA: number): number {
  const n = A.rows;
  const ar = new Float64Array(n), ai = new Float64Array(n);
  csrMatVec(A, yr, ar);
  csrMatVec(A, yi, ai);
  let r = 0, y = 0;
  for (let q = 0; q < n; q++) {
    const dr = ar[q] - (re * yr[q] - im * yi[q]);
    const di = ai[q] - (re * yi[q] + im * yr[q]);
    r += dr * dr + di * di;
    y += yr[q] * yr[q] + yi[q] * yi[q];
  }
  return Math.sqrt(r / y) / (nA || 1);
}

function byAbsRe(a: Eigenvalue, b: Eigenvalue): number {
  const d = Math.abs(a.re) - Math.abs(b.re);
  if (Math.abs(d) > 1e-9 * Math.max(1, Math.abs(a.re), Math.abs(b.re))) return d;
  return a.im - b.im;
}

/** Eigenvalues of a real sector matrix. */
export function sectorSpectrum(A: Csr, opts: SpectrumOptions = {}): SectorSpectrum {
  const n = A.rows;
  const k = Math.min(opts.k ?? 6, n);
  const nA = normInf(A);
  const resTol = opts.residualTol ?? 1e-8;
  const posTol = 1e-9 * Math.max(1, nA);
  const judge = (e: Omit<Eigenvalue, 'converged'>): Eigenvalue => ({ ...e, converged: e.residual <= resTol && e.re <= posTol });
  if (n <= (opts.denseEigLimit ?? 600)) {
    opts.onProgress?.('iterate', 0);
    const dense = csrToDense(A);
    const M = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, dense[i * n + j]);
    const evd = new EigenvalueDecomposition(M, { assumeSymmetric: false });
    const er = evd.realEigenvalues, ei = evd.imaginaryEigenvalues, S = evd.eigenvectorMatrix;
    const all: Eigenvalue[] = [];
    for (let idx = 0; idx < n; idx++) {
      const yr = new Float64Array(n), yi = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (ei[idx] === 0) yr[i] = S.get(i, idx);
        else if (ei[idx] > 0) { yr[i] = S.get(i, idx); yi[i] = S.get(i, idx + 1); }
        else { yr[i] = S.get(i, idx - 1); yi[i] = -S.get(i, idx); }
      }
      all.push(judge({ re: er[idx], im: ei[idx], residual: trueResidual(A, yr, yi, er[idx], ei[idx], nA) }));
    }
    all.sort(byAbsRe);
    opts.onProgress?.('iterate', 1);
    return { eigenvalues: all.slice(0, k), method: 'dense', sigma: 0, dim: n, steps: 0, innerFailures: 0 };
  }
  const sigma = opts.sigma ?? 0.02 * nA;
  opts.onProgress?.('factorise', 0);
  const nev = Math.min(n - 2, k + (opts.extra ?? 6));
  const shifted = csrShift(A, sigma);
  const attempt = (solverOpts: SolverOptions) => {
    const solver = makeSolver(shifted, { ...opts, ...solverOpts, onFactorProgress: (f) => opts.onProgress?.('factorise', f) });
    let inner = 0;
    const res = arnoldiLargest(n, (x, y) => {
      y.fill(0);
      const st = solver.solve(x, y);
      if (!st.converged) inner++;
    }, { nev, ncv: opts.ncv, maxRestarts: opts.maxRestarts, v0: opts.v0, onProgress: (f) => opts.onProgress?.('iterate', f) });
    const eig: Eigenvalue[] = res.pairs.map((p) => {
      const m2 = p.re * p.re + p.im * p.im;
      const re = sigma + p.re / m2, im = -p.im / m2;
      return judge({ re, im, residual: trueResidual(A, p.vecRe, p.vecIm, re, im, nA) });
    });
    return { eig, inner, steps: res.steps };
  };
  let { eig, inner, steps } = attempt({});
  // Fallback: when inner solves failed or a wanted eigenvalue did not converge, once more with
  // a much stronger ILUT (slower to factorise, fewer and safer GMRES iterations).
  if ((inner > 0 || eig.slice(0, k).some((e) => !e.converged)) && n > (opts.denseLimit ?? 1200)) {
    const again = attempt({ dropTol: 1e-5, fill: 200 });
    const bad = (r: Eigenvalue[]) => r.filter((e) => !e.converged).length;
    if (bad(again.eig) <= bad(eig)) ({ eig, inner, steps } = { eig: again.eig, inner: again.inner, steps: steps + again.steps });
  }
  eig.sort(byAbsRe);
  opts.onProgress?.('iterate', 1);
  return { eigenvalues: eig.slice(0, k), method: 'shift-invert-arnoldi', sigma, dim: n, steps, innerFailures: inner };
}

/** Default shift in rate units. */
export function defaultSigma(p: ModelParams): number {
  return 0.02 * Math.max(1e-3, p.gammaI + p.gammaC + Math.abs(p.V));
}

/** Eigenvalues of one sector for N particles. */
export function spectrum(N: number, p: ModelParams, spec: SectorSpec, opts: SpectrumOptions = {}, basis?: PiBasis): SectorSpectrum {
  if (spec.p2 !== 0 && !ellIsReal(p.ell)) throw new RangeError('Π2 sectors need a real dissipator ℓ (Section II)');
  checkBudget(N, p.d, 'spectrum', spec, opts);
  const b = basis ?? buildPiBasis(N, p.d);
  opts.onProgress?.('build', 0);
  const L = buildSectorLiouvillian(b, p, spec, { onProgress: (f) => opts.onProgress?.('build', f) });
  return sectorSpectrum(L.matrix, { sigma: defaultSigma(p), ...opts });
}

/**
 * Gaps Δ^{(p1,p2)} = −Re λ0 outside (+1,+1) (Eq. 15) and −Re λ1 inside it (Eq. 16); null where
 * the needed eigenvalue did not converge.
 */
export function gaps(N: number, p: ModelParams, opts: SpectrumOptions = {}): { gaps: Record<SectorLabel, number | null>; spectra: Record<SectorLabel, SectorSpectrum> } {
  const b = buildPiBasis(N, p.d);
  const out = {} as Record<SectorLabel, number | null>;
  const spectra = {} as Record<SectorLabel, SectorSpectrum>;
  for (const label of SECTOR_LABELS) {
    const spec = parseSector(label);
    const idx = label === '+1,+1' ? 1 : 0;
    const s = spectrum(N, p, spec, { ...opts, k: idx + 1 }, b);
    spectra[label] = s;
    const e = s.eigenvalues[idx];
    out[label] = e && e.converged ? -e.re : null;
  }
  return { gaps: out, spectra };
}
