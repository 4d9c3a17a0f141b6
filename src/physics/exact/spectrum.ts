/**
 * Sector-resolved Liouvillian eigenvalues and the gaps of Eqs. (15)–(16), each eigenvalue with
 * a certificate.
 *
 * Eigenvalues are sorted by |Re λ| ascending (ties by Im), as in Section IV. The sector matrix
 * is in the HS-orthonormal basis (liouvillian.ts), so eigenvalue condition numbers are those of
 * ℒ itself. Paths, chosen per sector:
 *  - dense (dim ≤ denseEigLimit, default 200): all eigenvalues by Hessenberg–QR
 *    (denseEig.ts), then each reported one refined and certified with right and left vectors
 *    from inverse iteration on the exact block LU at a shift next to it; nothing can be missed.
 *  - exact shift-invert (when the block-tridiagonal LU fits the memory budget):
 *    rightmostEigs.ts — Krylov–Schur on the Cayley transform (ℒ − σ_C)⁻¹(ℒ + σ_C) with one
 *    real factorisation, whose eigenvalues of largest modulus cover the whole half-plane
 *    Re λ ≥ −R; where that does not get there, on (ℒ − σ)⁻¹ and complex shifts up the imaginary
 *    axis until no eigenvalue of smaller |Re| can have been missed (the height of that search
 *    proven by an inertia certificate, stripImagBound.ts); left vectors from the transposed
 *    factorisation, error bounds κ·‖r‖.
 *  - fallback (the factorisation does not fit): shift-invert Arnoldi with ILUT + GMRES inner
 *    solves; residuals only, errorBound null, never certified — the notes say so.
 * An eigenvalue is `converged` when its residual is small and Re λ ≤ 0 (up to rounding);
 * `certified` when, in addition, its error bound is below certifyTol and nothing of smaller
 * |Re| can have been missed.
 */
import { arnoldiLargest } from '../../linalg/arnoldi.ts';
import { type Csr, csrMatVec, csrNormInf, csrShift, csrToDense } from '../../linalg/csr.ts';
import { eigenvaluesReal } from '../../linalg/denseEig.ts';
import { refineEigenpair, rightmostBytes, rightmostEigenvalues, rightmostFactorFlops } from '../../linalg/rightmostEigs.ts';
import { type SolverOptions, makeSolver } from '../../linalg/solver.ts';
import { checkBudget, checkCertifiedGaps, DEFAULT_BUDGET_BYTES, DEFAULT_MAX_FACTOR_FLOPS, type MemoryBudget } from './memory.ts';
import { type ModelParams, ellIsReal } from '../model/model.ts';
import { buildPiBasis, type PiBasis } from './piBasis.ts';
import { buildSectorLiouvillian, type SectorLiouvillian } from './liouvillian.ts';
import { piWeights } from './observables.ts';
import { SECTOR_LABELS, type SectorLabel, type SectorSpec, parseSector } from './sectors.ts';
import type { ProgressFn } from './steadyState.ts';

export interface Eigenvalue {
  re: number;
  im: number;
  /** ‖L y − λ y‖ / (‖L‖∞ ‖y‖). */
  residual: number;
  converged: boolean;
  /** Bound on |λ_exact − λ| in rate units (κ·‖r‖, first order); absent when no bound is available. */
  errorBound?: number;
  /** Eigenvalue condition number κ = ‖w‖‖y‖/|wᴴy| (absent without a left vector). */
  condition?: number;
  /** errorBound ≤ certifyTol·max(1, |λ|) and no eigenvalue of smaller |Re| can have been missed. */
  certified: boolean;
}

export interface SpectrumOptions extends SolverOptions, MemoryBudget {
  /** Eigenvalues to report (default 6). */
  k?: number;
  /** Extra eigenvalues computed per shift (default 6). */
  extra?: number;
  /** Real shift; default 0.02·(γ_I + γ_C + |V|) (rate units), or 0.02·‖L‖∞/N for a bare matrix. */
  sigma?: number;
  /** Dense Hessenberg–QR at or below this sector dimension (default 200: 0.1 s; 1000 takes 5 s). */
  denseEigLimit?: number;
  /** Fallback Arnoldi Krylov dimension and restarts. */
  ncv?: number;
  maxRestarts?: number;
  /** Residual above which an eigenvalue is marked unconverged (default 1e-8). */
  residualTol?: number;
  /** Relative error bound below which an eigenvalue is certified (default 1e-5: bound ≤ 1e-5·max(1, |λ|)). */
  certifyTol?: number;
  /** Complex shifts allowed for the imaginary-axis search (default 32; 0: no search, nothing certified complete). */
  maxShifts?: number;
  /**
   * Largest factorisation (flops, ≈ 1 GFlop/s in JS) for the exact path (default 1e11); above it
   * the fallback runs. The inertia certificate of the search height (one block Cholesky, about
   * 7/8 of a complex block LU) gets the same budget; above it completeness is not proven.
   */
  maxFactorFlops?: number;
  /**
   * Do not run the uncertified ILUT + GMRES fallback when the exact path does not fit: return no
   * eigenvalues and say why in the notes (for callers that only use certified values, e.g. gaps).
   */
  exactOnly?: boolean;
  onProgress?: ProgressFn;
  /** Starting vector (warm start from a neighbouring parameter point). */
  v0?: Float64Array;
  /**
   * The sector's trace functional in the matrix's coordinates (traceFunctional below), when it
   * has one: the left eigenvector of λ = 0 in closed form, used for that eigenvalue's
   * certificate (rightmostEigs.ts knownLeft) instead of a computed one.
   */
  traceFunctional?: Float64Array | null;
}

export interface SectorSpectrum {
  eigenvalues: Eigenvalue[];
  method: 'dense' | 'shift-invert-arnoldi';
  sigma: number;
  dim: number;
  /** Operator applications (0 for dense). */
  steps: number;
  /** Inner linear solves that missed their tolerance (fallback path only). */
  innerFailures: number;
  /** Inner solve: exact block-tridiagonal LU, or the ILUT + GMRES fallback (uncertified); 'none' when exactOnly skipped the sector. */
  solver: 'block-lu' | 'ilut-gmres' | 'dense' | 'none';
  /** No eigenvalue with |Re λ| below the largest reported |Re| was missed (see rightmostEigs.ts). */
  complete: boolean;
  /** Every reported eigenvalue is certified. */
  certified: boolean;
  /** Shifts used (real first, then along the imaginary axis). */
  shifts: number;
  /** Why something is not certified, what was searched. */
  notes: string[];
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

/** The fallback: shift-invert Arnoldi with ILUT + GMRES inner solves (residuals only). */
function fallbackSpectrum(A: Csr, k: number, sigma: number, nA: number, opts: SpectrumOptions, judge: (e: { re: number; im: number; residual: number }) => Eigenvalue) {
  const n = A.rows;
  const nev = Math.min(n - 2, k + (opts.extra ?? 6));
  const shifted = csrShift(A, sigma);
  const attempt = (solverOpts: SolverOptions) => {
    const solver = makeSolver(shifted, { ...opts, ...solverOpts, onFactorProgress: (f) => opts.onProgress?.('factorise', f) });
    let inner = 0;
    const res = arnoldiLargest(n, (x, y) => {
      y.fill(0);
      if (!solver.solve(x, y).converged) inner++;
    }, { nev, ncv: opts.ncv, maxRestarts: opts.maxRestarts, v0: opts.v0, onProgress: (f) => opts.onProgress?.('iterate', f) });
    const eig = res.pairs.map((p) => {
      const m2 = p.re * p.re + p.im * p.im;
      const re = sigma + p.re / m2, im = -p.im / m2;
      return judge({ re, im, residual: trueResidual(A, p.vecRe, p.vecIm, re, im, nA) });
    });
    return { eig, inner, steps: res.steps };
  };
  let { eig, inner, steps } = attempt({});
  if ((inner > 0 || eig.slice(0, k).some((e) => !e.converged)) && n > (opts.denseLimit ?? 1200)) {
    const again = attempt({ dropTol: 1e-5, fill: 200 });
    const bad = (r: Eigenvalue[]) => r.filter((e) => !e.converged).length;
    if (bad(again.eig) <= bad(eig)) ({ eig, inner, steps } = { eig: again.eig, inner: again.inner, steps: steps + again.steps });
  }
  eig.sort(byAbsRe);
  return { eig: eig.slice(0, k), inner, steps };
}

/** Eigenvalues of a real sector matrix (HS-orthonormal basis), each with its certificate. */
export function sectorSpectrum(A: Csr, opts: SpectrumOptions = {}): SectorSpectrum {
  const n = A.rows;
  const k = Math.min(opts.k ?? 6, n);
  const nA = csrNormInf(A);
  const resTol = opts.residualTol ?? 1e-8;
  const certTol = opts.certifyTol ?? 1e-5;
  const posTol = 1e-9 * Math.max(1, nA);
  const notes: string[] = [];
  const judge = (e: { re: number; im: number; residual: number; errorBound?: number | null; condition?: number | null; ok?: boolean }): Eigenvalue => {
    const converged = e.residual <= resTol && e.re <= posTol;
    const errorBound = e.errorBound !== undefined && e.errorBound !== null && Number.isFinite(e.errorBound) ? e.errorBound : undefined;
    const condition = e.condition !== undefined && e.condition !== null && Number.isFinite(e.condition) ? e.condition : undefined;
    const certified = converged && (e.ok ?? true) && errorBound !== undefined && errorBound <= certTol * Math.max(1, Math.hypot(e.re, e.im)) && e.re <= errorBound + posTol;
    const out: Eigenvalue = { re: e.re, im: e.im, residual: e.residual, converged, certified };
    if (errorBound !== undefined) out.errorBound = errorBound;
    if (condition !== undefined) out.condition = condition;
    return out;
  };
  const finish = (r: Omit<SectorSpectrum, 'certified' | 'notes' | 'dim'>): SectorSpectrum => {
    const certified = r.complete && r.eigenvalues.length >= k && r.eigenvalues.every((e) => e.certified);
    for (const e of r.eigenvalues) if (!r.complete) e.certified = false;
    const bad = r.eigenvalues.filter((e) => !e.certified).length;
    if (bad) notes.push(`${bad} of ${r.eigenvalues.length} eigenvalues not certified (error bound above ${certTol}·max(1,|λ|), no bound, or the search incomplete)`);
    opts.onProgress?.('iterate', 1);
    return { ...r, dim: n, certified, notes };
  };
  if (n <= (opts.denseEigLimit ?? 200)) {
    opts.onProgress?.('iterate', 0);
    const wr = new Float64Array(n), wi = new Float64Array(n);
    if (!eigenvaluesReal(n, csrToDense(A), wr, wi)) throw new Error('dense QR iteration did not converge');
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => byAbsRe({ re: wr[a], im: wi[a] } as Eigenvalue, { re: wr[b], im: wi[b] } as Eigenvalue));
    const eig: Eigenvalue[] = [];
    for (const i of idx.slice(0, k)) {
      const c = refineEigenpair(A, wr[i], wi[i]);
      // keep the QR value's conjugation class: a real QR eigenvalue stays real
      const im = wi[i] === 0 ? 0 : c.im;
      let sep = Infinity;
      for (let j = 0; j < n; j++) if (j !== i) sep = Math.min(sep, Math.hypot(wr[j] - wr[i], wi[j] - wi[i]));
      eig.push(judge({ re: c.re, im, residual: c.residual / (nA || 1), errorBound: c.errorBound, condition: c.condition, ok: c.errorBound < 0.5 * sep }));
    }
    notes.push('dense Hessenberg–QR: all eigenvalues computed, none missed');
    return finish({ eigenvalues: eig, method: 'dense', sigma: 0, steps: 0, innerFailures: 0, solver: 'dense', complete: true, shifts: 0 });
  }
  const sigma = opts.sigma ?? 0.02 * nA;
  const nev = Math.min(n - 2, k + (opts.extra ?? 6));
  const need = rightmostBytes(A, nev);
  const budget = opts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const flops = rightmostFactorFlops(A);
  const maxFlops = opts.maxFactorFlops ?? DEFAULT_MAX_FACTOR_FLOPS;
  if (need > budget || flops > maxFlops) {
    const gib = (x: number) => (x / 1024 ** 3).toFixed(3) + ' GiB';
    notes.push(need > budget
      ? `exact block LU needs ${gib(need)} > budget ${gib(budget)}: ILUT + GMRES inner solves, eigenvalues not certified`
      : `exact block LU needs ${flops.toExponential(1)} flops per shift > ${maxFlops.toExponential(1)}: ILUT + GMRES inner solves, eigenvalues not certified`);
    if (opts.exactOnly) {
      notes[notes.length - 1] = notes[notes.length - 1].replace(/: ILUT \+ GMRES inner solves, eigenvalues not certified$/, ': not computed (the ILUT + GMRES fallback cannot certify)');
      return finish({ eigenvalues: [], method: 'shift-invert-arnoldi', sigma, steps: 0, innerFailures: 0, solver: 'none', complete: false, shifts: 0 });
    }
    const fb = fallbackSpectrum(A, k, sigma, nA, opts, judge);
    return finish({ eigenvalues: fb.eig, method: 'shift-invert-arnoldi', sigma, steps: fb.steps, innerFailures: fb.inner, solver: 'ilut-gmres', complete: false, shifts: 1 });
  }
  const r = rightmostEigenvalues(A, {
    k, nev, sigma, maxShifts: opts.maxShifts ?? 32, v0: opts.v0, refineTol: Math.min(1e-8, certTol), maxCertificateFlops: maxFlops,
    knownLeft: opts.traceFunctional && opts.traceFunctional.length === n ? [{ re: 0, im: 0, w: opts.traceFunctional }] : undefined,
    onProgress: (stage, f) => opts.onProgress?.(stage, f),
  });
  notes.push(...r.notes);
  if (r.complete) {
    notes.push(Number.isFinite(r.strip.imMax)
      ? `no eigenvalue missed in |Re λ| ≤ ${(-r.strip.reMin).toPrecision(4)}, |Im λ| ≤ ${r.strip.imMax.toPrecision(4)} (${r.shifts.length} shifts; strip height: ${r.strip.method})`
      : `no eigenvalue missed in |Re λ| ≤ ${(-r.strip.reMin).toPrecision(4)} (${r.strip.method})`);
  }
  const eig = r.eigenvalues.map((e) => judge({ re: e.re, im: e.im, residual: e.residual / (nA || 1), errorBound: e.errorBound, condition: e.condition, ok: e.certified }));
  eig.sort(byAbsRe);
  return finish({ eigenvalues: eig, method: 'shift-invert-arnoldi', sigma, steps: r.steps, innerFailures: 0, solver: 'block-lu', complete: r.complete, shifts: r.shifts.length });
}

/**
 * The trace functional of a sector in the coordinates of L.matrix: w_m = Tr(h_m)/scale_m
 * (Float64Array of length dim; ρ = Σ y_m ĥ_m has Tr ρ = wᵀy), or null for a sector without
 * trace (p1 = −1 or p2 = −1, Section IV: the steady state lies in (+1, +1)). ℒ preserves the
 * trace (Eq. 1), so wᵀ L.matrix = 0: w is the left eigenvector of λ = 0 in closed form.
 */
export function traceFunctional(b: PiBasis, L: SectorLiouvillian): Float64Array | null {
  if (L.sector.spec.p1 !== 1 || L.sector.spec.p2 === -1) return null;
  const t = piWeights(b, L.sector).trace;
  return Float64Array.from(t, (v, m) => v / L.scale[m]);
}

/** sectorSpectrum of a built sector Liouvillian, with its trace functional (for λ = 0's certificate). */
export function sectorLiouvillianSpectrum(b: PiBasis, L: SectorLiouvillian, opts: SpectrumOptions = {}): SectorSpectrum {
  return sectorSpectrum(L.matrix, { ...opts, traceFunctional: opts.traceFunctional === undefined ? traceFunctional(b, L) : opts.traceFunctional });
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
  // (an explicit `sigma: undefined` from a caller must not override the default)
  return sectorLiouvillianSpectrum(b, L, { ...opts, sigma: opts.sigma ?? defaultSigma(p) });
}

export interface GapsResult {
  /** Δ per sector; null when the eigenvalue is not certified (the notes say why). */
  gaps: Record<SectorLabel, number | null>;
  /** errorBound of each gap (null with the gap). */
  errorBounds: Record<SectorLabel, number | null>;
  spectra: Record<SectorLabel, SectorSpectrum>;
  notes: string[];
}

/**
 * Gaps Δ^{(p1,p2)} = −Re λ0 outside (+1,+1) (Eq. 15) and −Re λ1 inside it (Eq. 16), from the
 * same sectorSpectrum as `spectrum` (so the two agree); null with a note where the needed
 * eigenvalue is not certified. Only the exact path certifies, so a sector whose factorisation does
 * not fit is skipped (null, "not computed" in the notes) instead of running the fallback, and
 * a RangeError (memory.ts checkCertifiedGaps) refuses sizes that clearly cannot run, e.g. the
 * paper's Fig. 6(a) systems (18, 3) and (9, 4) within the default budget.
 */
export function gaps(N: number, p: ModelParams, opts: SpectrumOptions & { onSector?: (label: SectorLabel) => void } = {}): GapsResult {
  // only the exact path certifies: refuse before building what clearly cannot run, and skip the fallback
  checkCertifiedGaps(N, p.d, opts);
  const b = buildPiBasis(N, p.d);
  const spectra = {} as Record<SectorLabel, SectorSpectrum>;
  for (const label of SECTOR_LABELS) {
    opts.onSector?.(label);
    spectra[label] = spectrum(N, p, parseSector(label), gapSpectrumOptions(label, opts), b);
  }
  return gapsFromSpectra(spectra);
}

/** The options `gaps` passes to `spectrum` for one sector: k = 2 in (+1,+1) (λ1, Eq. 16), else 1; exact path only. */
export function gapSpectrumOptions(label: SectorLabel, opts: SpectrumOptions): SpectrumOptions {
  return { ...opts, k: opts.k ?? (label === '+1,+1' ? 2 : 1), exactOnly: true };
}

/** Gaps, bounds and notes from the four sector spectra (computed with gapSpectrumOptions, in any order or thread). */
export function gapsFromSpectra(spectra: Record<SectorLabel, SectorSpectrum>): GapsResult {
  const out = {} as Record<SectorLabel, number | null>;
  const bounds = {} as Record<SectorLabel, number | null>;
  const notes: string[] = [];
  for (const label of SECTOR_LABELS) {
    const s = spectra[label];
    const e = s.eigenvalues[label === '+1,+1' ? 1 : 0];
    if (e && e.certified) { out[label] = -e.re; bounds[label] = e.errorBound ?? null; }
    else {
      out[label] = null; bounds[label] = null;
      const why = !e ? 'eigenvalue not found' : !e.converged ? `not converged (residual ${e.residual.toExponential(2)})` : e.errorBound === undefined ? 'no error bound (inexact inner solves)' : !s.complete ? 'eigenvalues of smaller |Re| may have been missed' : `error bound ${e.errorBound.toExponential(2)} too large`;
      notes.push(`Δ(${label}) not certified: ${why}; ${s.notes.join('; ')}`);
    }
  }
  return { gaps: out, errorBounds: bounds, spectra, notes };
}
