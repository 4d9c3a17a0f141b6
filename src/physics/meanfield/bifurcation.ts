/**
 * The mean-field phase diagram built from fixed points and continuation (Section III B, Fig. 4):
 * the z-polarised branch (Eq. 12, stability in closed form, Appendix B), the broken-symmetry
 * branch (continued from a stable broken state through its folds to its pitchfork on the
 * z-polarised branch), Fig. 4's data for several d and dissipators, and the bistable region in
 * the (γ_I, γ_C) plane bounded by the critical line γ_I + γ_C = 2|V| and the fold line.
 */
import { integrateMeanField, pureState, spinCoherentState } from './meanfield.ts';
import { makeParams, spinJ, type ModelParams } from '../model/model.ts';
import { classifyFixedPoint, newtonFixedPoint, rateScale, stabilityOf, zStability } from './newton.ts';
import {
  continueBranch, joinBranches, type Branch, type BranchColumns, type ContinuationParameter, type SpecialPoint,
} from './continuation.ts';
import { Interrupted } from '../../linalg/interrupt.ts';

/**
 * Critical value of the continued rate where the z-polarised state loses stability:
 * |ℓ_{−j}|²(γ_I + γ_C) = 4j|V| (Appendix B); = 2|V| − (other rate) for the paper's ℓ_{−j} = √(2j).
 */
export function criticalRate(p: ModelParams, parameter: ContinuationParameter = 'gammaI'): number {
  const j = spinJ(p.d);
  const l2 = p.ell.re[0] ** 2 + p.ell.im[0] ** 2;
  const total = (4 * j * Math.abs(p.V)) / l2;
  return total - (parameter === 'gammaI' ? p.gammaC : p.gammaI);
}

/** The z-polarised branch in the same columns as a continued branch. */
export interface ZBranch extends BranchColumns {
  /** Where the z-polarised state loses stability (a pitchfork when γ_I > 0). */
  branchPoint: number;
}

/** The z-polarised branch X = Y = 0, Z = −1 on a uniform grid of the rate, stability from Eq. (B2). */
export function zBranch(p: ModelParams, parameter: ContinuationParameter, min: number, max: number, points: number): ZBranch {
  const m = Math.max(2, points);
  const out: ZBranch = {
    gammaI: new Float64Array(m), gammaC: new Float64Array(m), X: new Float64Array(m), Y: new Float64Array(m),
    Z: new Float64Array(m).fill(-1), maxRealEigenvalue: new Float64Array(m), stable: new Uint8Array(m),
    branchPoint: criticalRate(p, parameter),
  };
  for (let i = 0; i < m; i++) {
    const lam = min + ((max - min) * i) / (m - 1);
    const q = { ...p, [parameter]: lam } as ModelParams;
    const st = zStability(q);
    out.gammaI[i] = q.gammaI;
    out.gammaC[i] = q.gammaC;
    out.maxRealEigenvalue[i] = st.maxRealEigenvalue;
    out.stable[i] = st.stable ? 1 : 0;
  }
  return out;
}

export interface BrokenBranchOptions {
  parameter?: ContinuationParameter;
  min: number;
  max: number;
  /** Rate at which a stable broken state is looked for (default: halfway below the critical rate). */
  start?: number;
  maxStep?: number;
  stability?: boolean;
  stabilityStride?: number;
  maxPoints?: number;
  tolerance?: number;
  /**
   * A guess of the stable broken state at the start rate (e.g. the start of the same branch at a
   * neighbouring γ_C): used when Newton from it lands on a stable broken state, which skips the
   * trajectory search. The branch found is the same either way.
   */
  guess?: ArrayLike<number>;
  shouldContinue?: () => boolean;
}

/**
 * Finds a stable broken-symmetry fixed point at the start rate (trajectory from the spin-coherent
 * state along the expected X = sgn(V)·Y direction, then Newton; otherwise a full fixed-point
 * search) and continues it down to `min` and up through any folds to its pitchfork or `max`.
 * Only the branch with X·sgn-direction > 0 is traced; its Π1 image has identical |X|, Y·X, Z.
 */
export function brokenBranch(p: ModelParams, opts: BrokenBranchOptions): Branch {
  const parameter = opts.parameter ?? 'gammaI';
  const crit = criticalRate(p, parameter);
  let start = opts.start ?? (crit > opts.min ? opts.min + 0.5 * (Math.min(crit, opts.max) - opts.min) : opts.min);
  start = Math.min(Math.max(start, opts.min), opts.max);
  const q = { ...p, [parameter]: start } as ModelParams;
  // below the critical line no broken state bifurcates from the z state: an empty branch there is
  // the expected answer (converged), elsewhere a failure to find one is reported as such
  let s0: Float64Array | null = null;
  if (crit > opts.min && opts.guess && opts.guess.length === p.d * p.d) {
    const nr = newtonFixedPoint(q, opts.guess);
    if (nr.converged && classifyFixedPoint(p.d, nr.state) === 'broken' && stabilityOf(q, nr.state).stable) s0 = nr.state;
  }
  if (!s0 && crit > opts.min) s0 = findBrokenState(q);
  if (!s0) {
    const expected = !(crit > opts.min);
    return {
      d: p.d, parameter, points: [], columns: {
        gammaI: new Float64Array(0), gammaC: new Float64Array(0), X: new Float64Array(0), Y: new Float64Array(0),
        Z: new Float64Array(0), maxRealEigenvalue: new Float64Array(0), stable: new Uint8Array(0),
      }, states: new Float64Array(0), folds: [], branchPoints: [], hopfPoints: [], converged: expected,
      endReason: 'no-start',
      message: expected
        ? `no broken-symmetry branch: the z-polarised state is stable for ${parameter} > ${crit}, below the range`
        : `no stable broken-symmetry fixed point found at ${parameter} = ${start}`,
    };
  }
  const common = {
    parameter, min: opts.min, max: opts.max, maxStep: opts.maxStep ?? 0.02, stability: opts.stability,
    stabilityStride: opts.stabilityStride,
    maxPoints: opts.maxPoints, tolerance: opts.tolerance, shouldContinue: opts.shouldContinue,
  };
  const down = continueBranch(q, s0, { ...common, direction: -1 });
  const up = continueBranch(q, s0, { ...common, direction: 1 });
  const b = joinBranches(down, up);
  b.start = Float64Array.from(s0);
  // snap the pitchfork to its closed form when the branch ended on the z-polarised state
  b.branchPoints = b.branchPoints.map((bp) => snapPitchfork(p, parameter, bp, crit));
  return b;
}

function snapPitchfork(p: ModelParams, parameter: ContinuationParameter, bp: SpecialPoint, crit: number): SpecialPoint {
  const lam = parameter === 'gammaI' ? bp.gammaI : bp.gammaC;
  if (Math.abs(bp.Z + 1) < 0.05 && Math.abs(lam - crit) < 1e-3 * Math.max(1, Math.abs(p.V))) {
    return { ...bp, [parameter]: crit, X: 0, Y: 0, Z: -1, approximate: false };
  }
  return bp;
}

/** A stable broken-symmetry state at p (full real parametrisation), or null. */
export function findBrokenState(p: ModelParams): Float64Array | null {
  const d = p.d;
  const scale = rateScale(p);
  const phi = p.V >= 0 ? Math.PI / 4 : -Math.PI / 4;
  for (const theta of [Math.PI / 2, Math.PI / 3, (2 * Math.PI) / 3]) {
    const psi = spinCoherentState(d, theta, phi);
    try {
      const tr = integrateMeanField(p, pureState(d, psi.re, psi.im), [300 / scale], { rtol: 1e-7, atol: 1e-10 }, 1);
      const nr = newtonFixedPoint(p, tr.final);
      if (nr.converged && classifyFixedPoint(d, nr.state) === 'broken') return nr.state;
    } catch (e) {
      if (e instanceof Interrupted) throw e; // otherwise try the next start
    }
  }
  // wider search: spin-coherent states around the sphere and their trajectories' ends
  for (let a = 1; a < 4; a++) {
    for (let b = 0; b < 6; b++) {
      const psi = spinCoherentState(d, (Math.PI * a) / 4, (2 * Math.PI * (b + 0.3)) / 6);
      try {
        const tr = integrateMeanField(p, pureState(d, psi.re, psi.im), [600 / scale], { rtol: 1e-7, atol: 1e-10 }, 1);
        const nr = newtonFixedPoint(p, tr.final);
        if (nr.converged && classifyFixedPoint(d, nr.state) === 'broken' && stabilityOf(p, nr.state).stable) return nr.state;
      } catch (e) {
        if (e instanceof Interrupted) throw e; // otherwise the next start
      }
    }
  }
  return null;
}

export interface Fig4Curve {
  d: number;
  dissipator: 'spin' | 'flat';
  z: ZBranch;
  /** Broken branch columns (absX = |X|), ordered along the branch from small γ_I. */
  broken: Branch['columns'] & { absX: Float64Array };
  folds: SpecialPoint[];
  branchPoints: SpecialPoint[];
  hopfPoints: SpecialPoint[];
  converged: boolean;
  message: string;
  /** Largest γ_I (or rate) at which a stable broken state exists: the end point of Fig. 4's line. */
  stableEnd: number;
  /** The stable broken state the branch was started from (length d², empty when none): a warm start for a neighbouring γ_C. */
  start: Float64Array;
}

export interface Fig4Options {
  ds: number[];
  dissipators: Array<'spin' | 'flat'>;
  gammaC: number;
  V: number;
  gammaIRange: [number, number];
  points: number;
  stability?: boolean;
  /** Spectrum every k-th branch point, all points where stability changes (default 4; see continuation.ts). */
  stabilityStride?: number;
  /** Corrector tolerance of the continuation (default 1e-11; see ContinuationOptions). */
  tolerance?: number;
  /** Warm starts keyed `${d}/${dissipator}` (a previous curve's `start`), see BrokenBranchOptions.guess. */
  guesses?: Record<string, ArrayLike<number>>;
  shouldContinue?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Everything Fig. 4 draws, for each (d, dissipator): z branch, broken branch with stability, folds. */
export function fig4Data(o: Fig4Options): { curves: Fig4Curve[]; criticalGammaI: number } {
  const [a, b] = o.gammaIRange;
  if (!(a >= 0 && b > a)) throw new RangeError(`gammaIRange must satisfy 0 ≤ a < b (got [${a}, ${b}])`);
  if (!(o.points >= 2)) throw new RangeError('points must be ≥ 2');
  const curves: Fig4Curve[] = [];
  const total = o.ds.length * o.dissipators.length;
  let done = 0;
  // a broken branch cannot be continued to γ_I = 0 exactly (continuum of fixed points, Appendix B)
  const lo = Math.max(a, 1e-3 * Math.abs(o.V));
  const maxStep = ((b - lo) / Math.abs(o.V || 1)) / o.points;
  for (const d of o.ds) {
    for (const dissipator of o.dissipators) {
      const p = makeParams({ d, dissipator, gammaI: lo, gammaC: o.gammaC, V: o.V });
      const z = zBranch(p, 'gammaI', a, b, o.points);
      const br = brokenBranch(p, {
        min: lo, max: b, maxStep, stability: o.stability, stabilityStride: o.stabilityStride ?? 4, tolerance: o.tolerance,
        guess: o.guesses?.[`${d}/${dissipator}`],
        shouldContinue: o.shouldContinue,
      });
      const cols = br.columns;
      const absX = cols.X.map(Math.abs);
      let stableEnd = NaN;
      for (let i = 0; i < cols.gammaI.length; i++) if (cols.stable[i]) stableEnd = Math.max(Number.isNaN(stableEnd) ? -Infinity : stableEnd, cols.gammaI[i]);
      // refine: the last stable point ends at a fold when there is one beyond it
      for (const f of br.folds) if (Math.abs(f.gammaI - stableEnd) < 2 * maxStep * Math.abs(o.V || 1) + 1e-9) stableEnd = f.gammaI;
      curves.push({
        d, dissipator, z, broken: { ...cols, absX }, folds: br.folds, branchPoints: br.branchPoints,
        hopfPoints: br.hopfPoints, converged: br.converged, message: br.message, stableEnd,
        start: br.start ?? new Float64Array(0),
      });
      done++;
      o.onProgress?.(done, total);
    }
  }
  return { curves, criticalGammaI: 2 * Math.abs(o.V) - o.gammaC };
}

export interface PhaseDiagramOptions {
  d: number;
  dissipator: 'spin' | 'flat';
  V: number;
  gammaIMax: number;
  gammaCMax: number;
  /** Number of γ_C rows. */
  resolution: number;
  shouldContinue?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface PhaseDiagram {
  gammaC: Float64Array;
  /** γ_I where the z-polarised state loses stability: 2|V| − γ_C (may be < 0). */
  criticalGammaI: Float64Array;
  /**
   * γ_I of the fold of the broken branch above the critical line (upper end of bistability);
   * NaN where the transition is continuous (no fold) or no broken branch was found.
   */
  foldGammaI: Float64Array;
  /** Bistable interval [from, to] per row (NaN when none): both z-polarised and broken states stable. */
  bistableFrom: Float64Array;
  bistableTo: Float64Array;
  /** 1 where the row's continuation converged. */
  converged: Uint8Array;
}

/**
 * The (γ_I, γ_C) phase diagram for one d: for each γ_C row the broken branch is continued in γ_I
 * and its outermost fold above the critical line bounds the bistable region.
 */
export function phaseDiagram(o: PhaseDiagramOptions): PhaseDiagram {
  const m = Math.max(1, Math.floor(o.resolution));
  const out: PhaseDiagram = {
    gammaC: new Float64Array(m), criticalGammaI: new Float64Array(m), foldGammaI: new Float64Array(m).fill(NaN),
    bistableFrom: new Float64Array(m).fill(NaN), bistableTo: new Float64Array(m).fill(NaN), converged: new Uint8Array(m),
  };
  const aV = Math.abs(o.V);
  for (let r = 0; r < m; r++) {
    const gC = m === 1 ? 0 : (o.gammaCMax * r) / (m - 1);
    out.gammaC[r] = gC;
    const crit = 2 * aV - gC;
    out.criticalGammaI[r] = crit;
    const lo = 1e-3 * aV;
    if (crit <= lo) {
      out.converged[r] = 1;
      continue; // no broken branch bifurcates at γ_I > 0 on this row
    }
    const p = makeParams({ d: o.d, dissipator: o.dissipator, gammaI: crit / 2, gammaC: gC, V: o.V });
    const br = brokenBranch(p, {
      min: Math.max(lo, 0.5 * crit), max: o.gammaIMax, start: 0.75 * crit, maxStep: 0.05, stability: false,
      shouldContinue: o.shouldContinue,
    });
    out.converged[r] = br.converged ? 1 : 0;
    const folds = br.folds.filter((f) => f.gammaI > crit);
    if (folds.length > 0) {
      const f = Math.max(...folds.map((x) => x.gammaI));
      out.foldGammaI[r] = f;
      out.bistableFrom[r] = crit;
      out.bistableTo[r] = f;
    }
    o.onProgress?.(r + 1, m);
  }
  return out;
}
