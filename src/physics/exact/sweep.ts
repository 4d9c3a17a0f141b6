/**
 * Finite-N quantities over a list of parameter points (one row of a Fig. 5/7 map, or the γ_I
 * axis of Fig. 6a): steady-state observables (Section V) and the sector gaps of Eqs. (15)–(16),
 * reusing the permutation-invariant basis across points and warm-starting each steady-state
 * solve from the previous point of the row; on request the steady state's negativity (Eq. 17,
 * N_A = ⌈N/2⌉, negativity.ts) for Fig. 8.
 */
import { checkBudget, checkCertifiedGaps, type MemoryBudget } from './memory.ts';
import { ellIsReal, type ModelParams } from '../model/model.ts';
import { buildPiBasis, type PiBasis } from './piBasis.ts';
import type { FinitePointResult, FiniteQuantities } from '../../contracts/exact.ts';
import { buildSectorLiouvillian, type SectorLiouvillian } from './liouvillian.ts';
import { SECTOR_LABELS, parseSector, type SectorLabel } from './sectors.ts';
import { steadySector, steadyStateOfSector } from './steadyState.ts';
import { defaultSigma, sectorLiouvillianSpectrum, type Eigenvalue } from './spectrum.ts';
import { sectorStateNegativity } from './negativity.ts';
import { Interrupted } from '../../linalg/interrupt.ts';

export type { FiniteQuantities, FinitePointResult };

/**
 * Above this sector dimension the gaps come from shift-invert Arnoldi (a dense LU inner solve up
 * to dim 1200) instead of a full dense eigen-decomposition: measured 0.6 s vs 25 ms per sector at dim 318.
 */
const DENSE_EIG_LIMIT = 60;

let cachedBasis: PiBasis | null = null;

function basisFor(N: number, d: number): PiBasis {
  if (!cachedBasis || cachedBasis.N !== N || cachedBasis.d !== d) cachedBasis = buildPiBasis(N, d);
  return cachedBasis;
}

export interface SweepOptions extends MemoryBudget {
  /** Largest exact factorisation (flops) before the uncertified fallback (engine defaults: 1e11 for gaps, 2e12 for the steady state). */
  maxFactorFlops?: number;
  shouldContinue?: () => boolean;
  onPoint?: (index: number, r: FinitePointResult) => void;
}

/** Evaluates the requested quantities at each (γ_I, γ_C) point, in order. */
export function finitePoints(
  N: number,
  base: ModelParams,
  points: Array<[number, number]>,
  q: FiniteQuantities,
  opts: SweepOptions = {},
): FinitePointResult[] {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`N must be a positive integer (got ${N})`);
  if (q.gaps && !ellIsReal(base.ell)) throw new RangeError('sector gaps need a real dissipator ℓ (Π2 is a symmetry only then)');
  const steady = q.steady || !!q.negativity;
  if (steady) checkBudget(N, base.d, 'steady-state', steadySector(base), opts);
  if (q.gaps) {
    checkBudget(N, base.d, 'spectrum', { p1: 1, p2: 1 }, opts);
    checkCertifiedGaps(N, base.d, opts);
  }
  const b = basisFor(N, base.d);
  const out: FinitePointResult[] = [];
  let warm: Float64Array | undefined;
  for (let i = 0; i < points.length; i++) {
    if (opts.shouldContinue && !opts.shouldContinue()) break;
    const [gammaI, gammaC] = points[i];
    const p: ModelParams = { ...base, gammaI, gammaC };
    const r: FinitePointResult = {
      gammaI, gammaC, X: NaN, Y: NaN, Z: NaN, jz2: NaN, purity: NaN, scaledPurity: NaN, residual: NaN,
      gaps: [NaN, NaN, NaN, NaN], dims: {}, error: '',
    };
    // the steady state's (+1,+1) matrix, reused for that sector's gap (the same matrix)
    let steadyL: SectorLiouvillian | null = null;
    try {
      if (q.negativity) r.negativity = NaN;
      if (steady) {
        if (!(gammaI > 0)) throw new RangeError('the finite-N steady state is unique only for γ_I > 0 (Section V)');
        const L = steadyL = buildSectorLiouvillian(b, p, steadySector(p));
        const s = steadyStateOfSector(b, L, { x0: warm, maxFactorFlops: opts.maxFactorFlops });
        warm = s.x;
        Object.assign(r, { X: s.X, Y: s.Y, Z: s.Z, jz2: s.jz2, purity: s.purity, scaledPurity: s.scaledPurity, residual: s.residual, steadyChecks: s.checks });
        if (q.negativity) {
          // a failure here (e.g. N = 1: no bipartition) leaves the steady state valid
          try {
            const n = sectorStateNegativity(b, L.sector, s.x, Math.ceil(N / 2));
            Object.assign(r, { negativity: n.negativity, logNegativity: n.logNegativity, NA: n.NA, negativityTrace: n.traceCheck, negativityErrorBound: n.errorEstimate });
          } catch (e) {
            if (e instanceof Interrupted) throw e;
            r.negativityError = e instanceof Error ? e.message : String(e);
          }
        }
      }
      if (q.gaps) {
        const k = Math.max(2, q.k ?? 0);
        const spectra = {} as Record<SectorLabel, Eigenvalue[]>;
        SECTOR_LABELS.forEach((label, si) => {
          const spec0 = parseSector(label);
          const L = steadyL && steadyL.sector.spec.p1 === spec0.p1 && steadyL.sector.spec.p2 === spec0.p2 ? steadyL : buildSectorLiouvillian(b, p, spec0);
          r.dims[label] = L.matrix.rows;
          const spec = sectorLiouvillianSpectrum(b, L, { sigma: defaultSigma(p), k, denseEigLimit: DENSE_EIG_LIMIT, maxFactorFlops: opts.maxFactorFlops, budgetBytes: opts.budgetBytes, exactOnly: true });
          spectra[label] = spec.eigenvalues;
          const e = spec.eigenvalues[label === '+1,+1' ? 1 : 0];
          r.gaps[si] = e && e.converged ? -e.re : NaN;
        });
        if (q.k) r.spectra = spectra;
      }
    } catch (e) {
      if (e instanceof Interrupted) throw e;
      r.error = e instanceof Error ? e.message : String(e);
    }
    out.push(r);
    opts.onPoint?.(i, r);
  }
  return out;
}
