/**
 * Pseudo-arclength continuation of mean-field fixed points (Eq. 9 = 0) in γ_I or γ_C, with fold
 * (saddle-node), branch-point and Hopf detection and the stability of every point (Appendix B
 * Jacobian). This is what Fig. 4 is made of: the broken-symmetry branch of the flat dissipator
 * turns back at a fold above γ_I = 2|V| (bistability) and ends on the z-polarised state at the
 * pitchfork γ_I + γ_C = 2|V|.
 *
 * Method (Keller): unknowns y = (u, λ̃), u the trace-reduced state, λ̃ = λ/|V| the scaled rate.
 * Predictor y + h·t along the unit tangent t; corrector: chord-Newton on
 * [F(u, λ); t·(y − y_pred)] = 0 with the bordered matrix [[J, F_λ], [tᵀ]] of the last accepted
 * point (F is quadratic in u and linear in λ, so this matrix changes slowly along the branch).
 * Adaptive step: grow after easy corrections, halve on failure or when the tangent turns by more
 * than ≈ 11°. Test functions: t_λ (sign change ⇒ fold, located by regula falsi on the arclength),
 * det of the bordered matrix (sign change without fold ⇒ branch point), and the Π1-odd part of ϱ
 * (a broken branch crossing the symmetric subspace ends at its pitchfork).
 */
import { offDiagonalIndex, spinExpectations } from './meanfield.ts';
import { ellIsReal, type ModelParams } from '../model/model.ts';
import { luFactor, luSolve } from '../../linalg/denseLu.ts';
import {
  fromReduced, jacobian, jacobianSpectrum, mfSystem, paramDerivative, residual, setParameter, toReduced,
  type MfSystem,
} from './reducedSystem.ts';
import { STABILITY_TOL, newtonFixedPoint, rateScale } from './newton.ts';
import { checkInterrupt } from '../../linalg/interrupt.ts';

export type ContinuationParameter = 'gammaI' | 'gammaC';

export interface ContinuationOptions {
  parameter?: ContinuationParameter;
  /** Bounds of the continued rate (same units as V). */
  min: number;
  max: number;
  /** Initial direction of the rate: +1 increasing, −1 decreasing. */
  direction?: 1 | -1;
  /** Arclength steps, in the scaled variables (u, λ/|V|). */
  step?: number;
  maxStep?: number;
  minStep?: number;
  maxPoints?: number;
  /** Stop when a Π1-broken branch reaches the Π1-symmetric subspace (its pitchfork). Default true. */
  stopAtSymmetric?: boolean;
  /** Compute the Jacobian spectrum (stability) along the branch. Default true. */
  stability?: boolean;
  /**
   * Spectrum at every stride-th point (default 1 = all); in between, stability is inherited when
   * both ends agree and computed point by point where they differ (see assignStability).
   */
  stabilityStride?: number;
  /**
   * Corrector tolerance: max|F| ≤ tolerance·scale and a last Newton step ≤ tolerance (scaled
   * variables). Default 1e-11; a coarse preview may use ~1e-7 (still far below a pixel).
   */
  tolerance?: number;
  shouldContinue?: () => boolean;
}

export type SpecialPointType = 'fold' | 'branch' | 'hopf';

export interface SpecialPoint {
  type: SpecialPointType;
  gammaI: number;
  gammaC: number;
  X: number;
  Y: number;
  Z: number;
  /** True when located by interpolation between two branch points (not refined). */
  approximate: boolean;
}

export interface BranchPointRecord {
  gammaI: number;
  gammaC: number;
  X: number;
  Y: number;
  Z: number;
  stable: boolean;
  maxRealEigenvalue: number;
}

export interface BranchColumns {
  gammaI: Float64Array;
  gammaC: Float64Array;
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
  maxRealEigenvalue: Float64Array;
  /** 1 = stable, 0 = not. */
  stable: Uint8Array;
}

export type EndReason = 'bound' | 'symmetric' | 'maxPoints' | 'failed' | 'cancelled' | 'no-start';

export interface Branch {
  d: number;
  parameter: ContinuationParameter;
  points: BranchPointRecord[];
  columns: BranchColumns;
  /** States along the branch, d² reals per point, concatenated. */
  states: Float64Array;
  folds: SpecialPoint[];
  branchPoints: SpecialPoint[];
  hopfPoints: SpecialPoint[];
  /** False when the corrector failed before a natural end (bound, pitchfork): the points given are still correct. */
  converged: boolean;
  endReason: EndReason;
  message: string;
  /** The state the branch was started from, when the caller records it (brokenBranch). */
  start?: Float64Array;
}

interface Pt {
  y: Float64Array; // (u, λ̃), length n+1
  t: Float64Array; // unit tangent
  M: Float64Array; // LU of bordered matrix [[J, F_λ̃], [t_prevᵀ]]
  piv: Int32Array;
  det: number;
  odd: number; // projection of the Π1-odd part on the start's odd part
  oddNorm: number; // norm of the Π1-odd part
}

/**
 * Continues the fixed point near s0 (full real parametrisation) at p in the chosen rate.
 * Starting point is first corrected by Newton at fixed rate.
 */
export function continueBranch(p: ModelParams, s0: ArrayLike<number>, opts: ContinuationOptions): Branch {
  const param = opts.parameter ?? 'gammaI';
  const d = p.d;
  const sys = mfSystem(p);
  const n = sys.n;
  const N = n + 1;
  const lscale = Math.abs(p.V) > 0 ? Math.abs(p.V) : Math.max(rateScale(p), 1);
  const tol = opts.tolerance ?? 1e-11;
  const ftol = tol * rateScale(p);
  const minL = opts.min / lscale, maxL = opts.max / lscale;
  const hMax = opts.maxStep ?? 0.05;
  const hMin = opts.minStep ?? 1e-7;
  let h = Math.min(opts.step ?? hMax / 4, hMax);
  const maxPoints = opts.maxPoints ?? 5000;
  const stopAtSymmetric = opts.stopAtSymmetric ?? true;
  const withStability = opts.stability ?? true;

  const out: Branch = {
    d, parameter: param, points: [], columns: emptyColumns(0), states: new Float64Array(0),
    folds: [], branchPoints: [], hopfPoints: [], converged: true, endReason: 'bound', message: '',
  };
  const states: Float64Array[] = [];

  const lambda0 = param === 'gammaI' ? p.gammaI : p.gammaC;
  if (!(opts.min >= 0 && opts.max > opts.min)) throw new RangeError(`continuation bounds must satisfy 0 ≤ min < max (got [${opts.min}, ${opts.max}])`);
  if (!(lambda0 >= opts.min && lambda0 <= opts.max)) throw new RangeError(`the start ${param} = ${lambda0} lies outside [${opts.min}, ${opts.max}]`);
  if (s0.length !== d * d) throw new RangeError(`state length ${s0.length} ≠ d² = ${d * d}`);
  const nr = newtonFixedPoint(p, s0, { sys });
  if (!nr.converged) {
    out.converged = false;
    out.endReason = 'no-start';
    out.message = `Newton did not converge at the start point (max|F| = ${nr.residual.toExponential(2)})`;
    return out;
  }
  const u0 = toReduced(nr.state);
  // Π1-odd coordinates (entries ϱ_ab with b − a odd), in reduced indexing
  const oddIdx = oddIndices(d);
  const oddRef = Float64Array.from(oddIdx, (i) => u0[i]);
  const oddRefNorm = norm2(oddRef);

  const J = new Float64Array(n * n);
  const Fl = new Float64Array(n);
  const F = new Float64Array(n);
  const rhs = new Float64Array(N);
  const ytmp = new Float64Array(N);

  const setLambda = (lt: number) => setParameter(sys, param, lt * lscale);

  /** Builds J, F_λ, the bordered LU with reference row tref, the new tangent and the stability at y. */
  const analyse = (y: Float64Array, tref: Float64Array): Pt | null => {
    setLambda(y[n]);
    const u = y.subarray(0, n);
    jacobian(sys, u, J);
    paramDerivative(sys, u, param, Fl);
    const M = new Float64Array(N * N);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) M[r * N + c] = J[r * n + c];
      M[r * N + n] = Fl[r] * lscale;
    }
    for (let c = 0; c < N; c++) M[n * N + c] = tref[c];
    const piv = new Int32Array(N);
    const det = luFactor(N, M, piv);
    if (det === 0 || !Number.isFinite(det)) return null;
    const t = new Float64Array(N);
    t[n] = 1;
    luSolve(N, M, piv, t);
    const norm = norm2(t);
    if (!Number.isFinite(norm) || norm === 0) return null;
    for (let i = 0; i < N; i++) t[i] /= norm;
    let odd = 0, oddNorm = 0;
    for (let k = 0; k < oddIdx.length; k++) {
      odd += u[oddIdx[k]] * oddRef[k];
      oddNorm += u[oddIdx[k]] ** 2;
    }
    return { y: Float64Array.from(y), t, M, piv, det, odd: oddRefNorm > 0 ? odd / oddRefNorm : 0, oddNorm: Math.sqrt(oddNorm) };
  };

  /** Chord-Newton corrector from y_pred with the bordered LU of `base`. Returns null on failure. */
  const correct = (base: Pt, ypred: Float64Array): { y: Float64Array; iters: number } | null => {
    const y = Float64Array.from(ypred);
    let prevNorm = Infinity;
    for (let it = 1; it <= 15; it++) {
      setLambda(y[n]);
      residual(sys, y.subarray(0, n), F);
      let fn = 0;
      for (let i = 0; i < n; i++) { rhs[i] = -F[i]; fn = Math.max(fn, Math.abs(F[i])); }
      let arc = 0;
      for (let i = 0; i < N; i++) arc += base.t[i] * (y[i] - ypred[i]);
      rhs[n] = -arc;
      luSolve(N, base.M, base.piv, rhs);
      let dn = 0;
      for (let i = 0; i < N; i++) { y[i] += rhs[i]; dn = Math.max(dn, Math.abs(rhs[i])); }
      if (!Number.isFinite(dn) || dn > 0.5) return null;
      if (dn < tol && fn < ftol * 10) {
        setLambda(y[n]);
        residual(sys, y.subarray(0, n), F);
        if (maxAbs(F) <= ftol) return { y, iters: it };
      }
      if (it > 3 && dn > 0.9 * prevNorm) return null; // chord iteration not contracting
      prevNorm = dn;
    }
    return null;
  };

  const record = (pt: Pt) => {
    const s = fromReduced(d, pt.y.subarray(0, n));
    const e = spinExpectations(d, s);
    const lam = pt.y[n] * lscale;
    out.points.push({
      gammaI: param === 'gammaI' ? lam : p.gammaI,
      gammaC: param === 'gammaC' ? lam : p.gammaC,
      X: e.X, Y: e.Y, Z: e.Z, stable: false, maxRealEigenvalue: NaN,
    });
    states.push(s);
  };
  const special = (type: SpecialPointType, y: ArrayLike<number>, approximate: boolean): SpecialPoint => {
    const s = fromReduced(d, Array.from({ length: n }, (_, i) => y[i]));
    const e = spinExpectations(d, s);
    const lam = y[n] * lscale;
    return {
      type, gammaI: param === 'gammaI' ? lam : p.gammaI, gammaC: param === 'gammaC' ? lam : p.gammaC,
      X: e.X, Y: e.Y, Z: e.Z, approximate,
    };
  };

  const y0 = new Float64Array(N);
  y0.set(u0);
  y0[n] = lambda0 / lscale;
  const dir = opts.direction ?? 1;
  const tInit = new Float64Array(N);
  tInit[n] = dir;
  let cur = analyse(y0, tInit);
  if (!cur) {
    out.converged = false;
    out.endReason = 'no-start';
    out.message = 'singular bordered Jacobian at the start point (start away from bifurcations)';
    return finish(out, states);
  }
  // orientation: the tangent's λ component must follow `dir` at the start
  if (cur.t[n] * dir < 0) for (let i = 0; i < N; i++) cur.t[i] = -cur.t[i];
  record(cur);

  /**
   * Full Newton corrector (bordered Jacobian rebuilt every iteration): the fallback when the chord
   * iteration stalls, e.g. next to a branch point where the bordered matrix is nearly singular.
   */
  const correctFull = (base: Pt, ypred: Float64Array): { y: Float64Array; iters: number } | null => {
    const y = Float64Array.from(ypred);
    const M = new Float64Array(N * N), piv = new Int32Array(N);
    for (let it = 1; it <= 12; it++) {
      setLambda(y[n]);
      const u = y.subarray(0, n);
      residual(sys, u, F);
      jacobian(sys, u, J);
      paramDerivative(sys, u, param, Fl);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) M[r * N + c] = J[r * n + c];
        M[r * N + n] = Fl[r] * lscale;
        rhs[r] = -F[r];
      }
      let arc = 0;
      for (let c = 0; c < N; c++) { M[n * N + c] = base.t[c]; arc += base.t[c] * (y[c] - ypred[c]); }
      rhs[n] = -arc;
      const det = luFactor(N, M, piv);
      if (det === 0 || !Number.isFinite(det)) return null;
      luSolve(N, M, piv, rhs);
      let dn = 0;
      for (let i = 0; i < N; i++) { y[i] += rhs[i]; dn = Math.max(dn, Math.abs(rhs[i])); }
      if (!Number.isFinite(dn) || dn > 0.5) return null;
      if (dn < tol) {
        setLambda(y[n]);
        residual(sys, y.subarray(0, n), F);
        if (maxAbs(F) <= ftol) return { y, iters: it + 4 };
      }
    }
    return null;
  };

  /** Point at arclength σ from `base` along its tangent, with its analysis (tangent oriented like base). */
  const stepFrom = (base: Pt, sigma: number): Pt | null => {
    for (let i = 0; i < N; i++) ytmp[i] = base.y[i] + sigma * base.t[i];
    const c = correct(base, ytmp) ?? correctFull(base, ytmp);
    if (!c) return null;
    const nx = analyse(c.y, base.t);
    if (!nx) return null;
    if (dot(nx.t, base.t) < 0) for (let i = 0; i < N; i++) nx.t[i] = -nx.t[i];
    return nx;
  };

  const foldCandidates: Array<{ point: SpecialPoint; index: number; side: number }> = [];
  let lastIters = 0;
  let lastY: Float64Array = cur.y, prevOdd = cur.odd;
  while (true) {
    checkInterrupt();
    if (opts.shouldContinue && !opts.shouldContinue()) {
      out.endReason = 'cancelled';
      out.converged = false;
      out.message = 'cancelled';
      break;
    }
    if (out.points.length >= maxPoints) {
      out.endReason = 'maxPoints';
      out.message = `stopped after ${maxPoints} points`;
      break;
    }
    // predictor–corrector with step control
    let next: Pt | null = null;
    while (h >= hMin) {
      for (let i = 0; i < N; i++) ytmp[i] = cur.y[i] + h * cur.t[i];
      const c = correct(cur, ytmp) ?? correctFull(cur, ytmp);
      if (c) {
        const nx = analyse(c.y, cur.t);
        if (nx) {
          if (dot(nx.t, cur.t) < 0) for (let i = 0; i < N; i++) nx.t[i] = -nx.t[i];
          // reject sharp turns (keeps folds and the steep approach to a pitchfork resolved)
          if (dot(nx.t, cur.t) > 0.98 || h <= 2 * hMin) {
            next = nx;
            lastIters = c.iters;
            break;
          }
        }
      }
      h *= 0.5;
    }
    if (!next && stopAtSymmetric && oddRefNorm > 1e-9 && Math.abs(cur.odd) < 1e-3 * oddRefNorm) {
      // stuck right next to the symmetric subspace: this is the pitchfork (the bordered matrix is
      // singular there); extrapolate the crossing from the last two points
      const prevY = out.points.length >= 2 ? lastY : null;
      const yb = Float64Array.from(cur.y);
      if (prevY && prevOdd !== cur.odd) {
        const f = cur.odd / (cur.odd - prevOdd);
        for (let i = 0; i < N; i++) yb[i] = cur.y[i] + f * (prevY[i] - cur.y[i]);
      }
      out.branchPoints.push(special('branch', yb, true));
      out.endReason = 'symmetric';
      break;
    }
    if (!next) {
      out.converged = false;
      out.endReason = 'failed';
      out.message = `corrector failed at ${param} = ${(cur.y[n] * lscale).toPrecision(6)} (step below ${hMin})`;
      break;
    }
    const lamNext = next.y[n];
    // bounds: land exactly on the bound by Newton at fixed rate
    if (lamNext < minL || lamNext > maxL) {
      const bound = lamNext < minL ? minL : maxL;
      const frac = (bound - cur.y[n]) / (lamNext - cur.y[n]);
      const guess = new Float64Array(n + 1);
      for (let i = 0; i <= n; i++) guess[i] = cur.y[i] + frac * (next.y[i] - cur.y[i]);
      const pb = { ...sys.p, [param]: bound * lscale } as ModelParams;
      const nb = newtonFixedPoint(pb, fromReduced(d, guess.subarray(0, n)));
      if (nb.converged) {
        const yb = new Float64Array(N);
        yb.set(toReduced(nb.state));
        yb[n] = bound;
        const pt = analyse(yb, cur.t);
        if (pt) {
          detect(cur, pt);
          record(pt);
        }
      }
      out.endReason = 'bound';
      break;
    }
    // a broken branch crossing the symmetric subspace: stop at the pitchfork
    // (a sign change of the projection with a large odd part would be a rotation of the odd
    // part, not a crossing: then the branch simply goes on)
    if (stopAtSymmetric && oddRefNorm > 1e-9 && next.odd <= 0 && Math.min(cur.oddNorm, next.oddNorm) < 0.5 * oddRefNorm) {
      const f = cur.odd / (cur.odd - next.odd);
      const yb = new Float64Array(N);
      for (let i = 0; i < N; i++) yb[i] = cur.y[i] + f * (next.y[i] - cur.y[i]);
      out.branchPoints.push(special('branch', yb, true));
      out.endReason = 'symmetric';
      break;
    }
    detect(cur, next);
    record(next);
    lastY = cur.y;
    prevOdd = cur.odd;
    cur = next;
    if (lastIters <= 3) h = Math.min(hMax, h * 1.6);
    else if (lastIters >= 8) h *= 0.6;
  }
  confirmFolds();
  if (withStability) assignStability(sys, param, lscale, out, states, opts.stabilityStride ?? 1);
  return finish(out, states);

  function detect(a: Pt, b: Pt): void {
    const kind = classifyCrossing({ tLambda: a.t[n], borderedDet: a.det }, { tLambda: b.t[n], borderedDet: b.det });
    if (kind === 'fold') {
      // a candidate until the branch is seen to turn back (confirmFolds)
      foldCandidates.push({ point: locateFold(a, b), index: out.points.length - 1, side: Math.sign(a.t[n]) });
    } else if (kind === 'branch') {
      out.branchPoints.push(locateRoot(a, b, (pt) => pt.det, 'branch'));
    }
  }

  /**
   * A fold is a turning point: λ must go back on both sides of it by more than the corrector's
   * resolution. A t_λ sign flip in the last step before a pitchfork (where the bordered matrix is
   * nearly singular and t_λ ≈ 0 by rounding — d = 3 at γ_I = 2|V|) never does, and is dropped.
   */
  function confirmFolds(): void {
    const lams = out.points.map((pt) => (param === 'gammaI' ? pt.gammaI : pt.gammaC) / lscale);
    for (const c of foldCandidates) {
      const lf = (param === 'gammaI' ? c.point.gammaI : c.point.gammaC) / lscale;
      const delta = 100 * tol * Math.max(1, Math.abs(lf));
      let before = -Infinity, after = -Infinity;
      for (let i = 0; i < lams.length; i++) {
        const back = c.side * (lf - lams[i]);
        if (i <= c.index) before = Math.max(before, back);
        else after = Math.max(after, back);
      }
      if (before > delta && after > delta) out.folds.push(c.point);
    }
  }

  function locateFold(a: Pt, b: Pt): SpecialPoint {
    return locateRoot(a, b, (pt) => pt.t[n], 'fold');
  }

  /**
   * Regula falsi (Illinois) on the arclength σ ↦ test(point at σ) between two points whose test
   * values bracket a root: t_λ for a fold, det of the bordered matrix for a branch point.
   */
  function locateRoot(a: Pt, b: Pt, test: (pt: Pt) => number, type: SpecialPointType): SpecialPoint {
    let lo = 0, hi = 0;
    for (let i = 0; i < N; i++) hi += a.t[i] * (b.y[i] - a.y[i]);
    let flo = test(a), fhi = test(b);
    const f0 = Math.max(Math.abs(flo), Math.abs(fhi));
    let best: Pt = Math.abs(flo) < Math.abs(fhi) ? a : b;
    let bestF = Math.min(Math.abs(flo), Math.abs(fhi));
    let side = 0;
    for (let it = 0; it < 40; it++) {
      const sigma = (lo * fhi - hi * flo) / (fhi - flo);
      const pt = stepFrom(a, sigma);
      if (!pt) break;
      const f = test(pt);
      if (Math.abs(f) < bestF) { best = pt; bestF = Math.abs(f); }
      if (Math.abs(f) < 1e-12 * f0 || Math.abs(hi - lo) < 1e-13) break;
      if (f * flo > 0) {
        lo = sigma; flo = f;
        if (side === -1) fhi /= 2;
        side = -1;
      } else {
        hi = sigma; fhi = f;
        if (side === 1) flo /= 2;
        side = 1;
      }
    }
    return special(type, best.y, bestF > 1e-6 * f0);
  }
}

/** What a step of the continuation crossed, from the test functions at its two ends. */
export interface CrossingEnd {
  /** λ component of the unit tangent, oriented along the walk. By Cramer's rule t_λ = det J / det M. */
  tLambda: number;
  /** det of the bordered (extended) Jacobian M = [[J, F_λ], [t_prevᵀ]]. */
  borderedDet: number;
}

/**
 * Fold or branch point between two consecutive points of a branch (Keller; Seydel, ch. 5):
 * - fold (turning point, saddle-node): t_λ changes sign while det M keeps its sign — M stays
 *   regular and the branch turns back in λ; det J = t_λ·det M changes sign with it;
 * - branch point (pitchfork, transcritical): det M changes sign (M is singular there); the
 *   tangent then also flips its orientation, so a t_λ sign change alone proves nothing.
 * |t_λ| at rounding level on both sides (the flat approach λ_c − λ ∝ X^{2(d−1)} to the spin
 * ladder's pitchfork) is noise, not a turn. A fold found here is still only a candidate until the
 * branch is seen to turn back (continueBranch confirms it).
 */
export function classifyCrossing(a: CrossingEnd, b: CrossingEnd): 'fold' | 'branch' | null {
  if (a.borderedDet * b.borderedDet < 0) return 'branch';
  if (a.tLambda * b.tLambda < 0 && Math.max(Math.abs(a.tLambda), Math.abs(b.tLambda)) > 1e-7) return 'fold';
  return null;
}

function finish(out: Branch, states: Float64Array[]): Branch {
  const m = out.points.length;
  const c = emptyColumns(m);
  out.points.forEach((pt, i) => {
    c.gammaI[i] = pt.gammaI; c.gammaC[i] = pt.gammaC; c.X[i] = pt.X; c.Y[i] = pt.Y; c.Z[i] = pt.Z;
    c.maxRealEigenvalue[i] = pt.maxRealEigenvalue; c.stable[i] = pt.stable ? 1 : 0;
  });
  out.columns = c;
  const len = states.length > 0 ? states[0].length : 0;
  out.states = new Float64Array(m * len);
  states.forEach((s, i) => out.states.set(s, i * len));
  return out;
}

function emptyColumns(m: number): BranchColumns {
  return {
    gammaI: new Float64Array(m), gammaC: new Float64Array(m), X: new Float64Array(m), Y: new Float64Array(m),
    Z: new Float64Array(m), maxRealEigenvalue: new Float64Array(m), stable: new Uint8Array(m),
  };
}

/** Reduced indices of the Π1-odd entries (Re, Im of ϱ_ab with b − a odd). */
function oddIndices(d: number): Int32Array {
  const idx: number[] = [];
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      if ((b - a) % 2 === 1) {
        const k = offDiagonalIndex(d, a, b) - 1;
        idx.push(k, k + 1);
      }
    }
  }
  return Int32Array.from(idx);
}

function norm2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * Stability along the branch (post-pass): the spectrum at every `stride`-th point and at the
 * ends; where the number of eigenvalues with Re λ ≥ −tol differs between two sampled points, the
 * points in between are all computed, so every stability change is located to one step. Hopf
 * points: sign changes of the largest real part among complex eigenvalues (interpolated).
 */
function assignStability(
  sys: MfSystem, param: ContinuationParameter, lscale: number, out: Branch, states: Float64Array[], stride: number,
): void {
  const m = out.points.length;
  if (m === 0) return;
  const d = sys.p.d, n = sys.n;
  const J = new Float64Array(n * n);
  const ellReal = ellIsReal(sys.p.ell);
  const tolOf = (i: number) => STABILITY_TOL * rateScale({ ...sys.p, gammaI: out.points[i].gammaI, gammaC: out.points[i].gammaC });
  const nUnstable = new Int32Array(m).fill(-1);
  const maxReC = new Float64Array(m).fill(NaN);
  const compute = (i: number) => {
    if (nUnstable[i] >= 0) return;
    const pt = out.points[i];
    setParameter(sys, param, param === 'gammaI' ? pt.gammaI : pt.gammaC);
    jacobian(sys, toReduced(states[i]), J);
    const sp = jacobianSpectrum(d, J, states[i], ellReal);
    const tol = tolOf(i);
    let cnt = 0, mc = -Infinity;
    for (let k = 0; k < n; k++) {
      if (sp.re[k] >= -tol) cnt++;
      if (sp.im[k] !== 0) mc = Math.max(mc, sp.re[k]);
    }
    nUnstable[i] = sp.ok ? cnt : n;
    maxReC[i] = mc;
    pt.maxRealEigenvalue = sp.ok ? sp.re[0] : NaN;
    pt.stable = sp.ok && cnt === 0;
  };
  const step = Math.max(1, Math.floor(stride));
  const samples: number[] = [];
  for (let i = 0; i < m; i += step) samples.push(i);
  if (samples[samples.length - 1] !== m - 1) samples.push(m - 1);
  for (const i of samples) compute(i);
  for (let k = 0; k + 1 < samples.length; k++) {
    const a = samples[k], b = samples[k + 1];
    // −∞ (no complex eigenvalues) counts as negative
    const sameC = (maxReC[a] < 0) === (maxReC[b] < 0);
    if (nUnstable[a] !== nUnstable[b] || !sameC) for (let i = a + 1; i < b; i++) compute(i);
    else for (let i = a + 1; i < b; i++) {
      // same stability at both ends: interior points inherit it; maxRealEigenvalue interpolated
      const f = (i - a) / (b - a);
      out.points[i].stable = out.points[a].stable;
      out.points[i].maxRealEigenvalue = out.points[a].maxRealEigenvalue + f * (out.points[b].maxRealEigenvalue - out.points[a].maxRealEigenvalue);
    }
  }
  for (let i = 0; i + 1 < m; i++) {
    const a = maxReC[i], b = maxReC[i + 1];
    if (nUnstable[i] >= 0 && nUnstable[i + 1] >= 0 && Number.isFinite(a) && Number.isFinite(b) && a * b < 0) {
      const f = a / (a - b);
      const s = states[i].map((v, k) => v + f * (states[i + 1][k] - v));
      const e = spinExpectations(d, s);
      const pa = out.points[i], pb = out.points[i + 1];
      out.hopfPoints.push({
        type: 'hopf', gammaI: pa.gammaI + f * (pb.gammaI - pa.gammaI), gammaC: pa.gammaC + f * (pb.gammaC - pa.gammaC),
        X: e.X, Y: e.Y, Z: e.Z, approximate: true,
      });
    }
  }
  void lscale;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return Number.isNaN(m) ? Infinity : m;
}

/** Concatenates two branches traced from the same start in opposite directions (first reversed). */
export function joinBranches(down: Branch, up: Branch): Branch {
  const rev = <T>(a: T[]) => a.slice().reverse();
  const points = [...rev(down.points), ...up.points.slice(1)];
  const len = down.states.length / Math.max(1, down.points.length);
  const states: Float64Array[] = [];
  for (let i = down.points.length - 1; i >= 0; i--) states.push(down.states.slice(i * len, (i + 1) * len));
  for (let i = 1; i < up.points.length; i++) states.push(up.states.slice(i * len, (i + 1) * len));
  const converged = down.converged && up.converged;
  const out: Branch = {
    d: up.d, parameter: up.parameter, points, columns: emptyColumns(0), states: new Float64Array(0),
    folds: [...down.folds, ...up.folds], branchPoints: [...down.branchPoints, ...up.branchPoints],
    hopfPoints: [...down.hopfPoints, ...up.hopfPoints], converged,
    endReason: !up.converged ? up.endReason : !down.converged ? down.endReason : up.endReason,
    message: [down.message, up.message].filter(Boolean).join('; '),
  };
  return finish(out, states);
}

