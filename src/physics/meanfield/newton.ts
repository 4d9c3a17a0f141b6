/**
 * Newton's method for mean-field fixed points (Eq. 9 = 0) on trace-reduced coordinates, their
 * stability from the Jacobian spectrum (Appendix B) and their classification. Shared by the
 * fixed-point search (fixedPoints.ts) and continuation (continuation.ts).
 */
import { minEigenvalue } from './meanfield.ts';
import { ellIsReal, type ModelParams } from '../model/model.ts';
import { luFactor, luSolve } from '../../linalg/denseLu.ts';
import {
  fromReduced, jacobian, jacobianSpectrum, mfSystem, pi1Image, residual, toReduced, zPolarisedSpectrum, type MfSystem,
} from './reducedSystem.ts';

export type FixedPointKind = 'z-polarised' | 'broken' | 'other';

/** Scale of the rates: used to make tolerances relative. */
export function rateScale(p: ModelParams): number {
  return Math.max(Math.abs(p.V), p.gammaI, p.gammaC, 1e-12);
}

/**
 * A fixed point is called stable when every eigenvalue has Re λ < −tol·scale; a zero eigenvalue
 * (critical point, centre at γ_I = 0, continuum of fixed points) therefore counts as not stable.
 */
export const STABILITY_TOL = 1e-9;

export interface NewtonResult {
  state: Float64Array;
  converged: boolean;
  residual: number;
  iterations: number;
}

/**
 * Damped Newton iteration for F(u) = 0 from the state s0. Converged when max|F| ≤ tol·scale and
 * the last step was ≤ 1e-10 (state entries are O(1)).
 */
export function newtonFixedPoint(
  p: ModelParams, s0: ArrayLike<number>, opts: { maxIter?: number; tol?: number; sys?: MfSystem } = {},
): NewtonResult {
  const sys = opts.sys ?? mfSystem(p);
  const n = sys.n;
  const scale = rateScale(p);
  const tol = (opts.tol ?? 1e-12) * scale;
  const maxIter = opts.maxIter ?? 40;
  const u = toReduced(s0);
  const F = new Float64Array(n), J = new Float64Array(n * n), piv = new Int32Array(n);
  const trial = new Float64Array(n), Ft = new Float64Array(n), step = new Float64Array(n);
  residual(sys, u, F);
  let fn = maxAbs(F);
  let it = 0;
  let lastStep = Infinity;
  for (; it < maxIter; it++) {
    if (fn <= tol && lastStep <= 1e-10) break;
    jacobian(sys, u, J);
    const det = luFactor(n, J, piv);
    if (det === 0 || !Number.isFinite(det)) {
      // singular Jacobian (continuum of fixed points at γ_I = 0, critical point): accept an
      // exact zero of F, otherwise give up
      if (fn <= tol) lastStep = 0;
      break;
    }
    for (let i = 0; i < n; i++) step[i] = -F[i];
    luSolve(n, J, piv, step);
    if (!step.every(Number.isFinite)) {
      if (fn <= tol) lastStep = 0;
      break;
    }
    // backtracking on max|F|: Newton from far-away seeds (trajectory ends) may overshoot
    let lambda = 1;
    let accepted = false;
    for (let k = 0; k < 30; k++) {
      for (let i = 0; i < n; i++) trial[i] = u[i] + lambda * step[i];
      residual(sys, trial, Ft);
      const ft = maxAbs(Ft);
      if (ft < fn || ft <= tol) {
        u.set(trial);
        F.set(Ft);
        fn = ft;
        lastStep = lambda * maxAbs(step);
        accepted = true;
        break;
      }
      lambda *= 0.5;
    }
    if (!accepted) {
      lastStep = Infinity;
      break;
    }
  }
  return { state: fromReduced(p.d, u), converged: fn <= tol && lastStep <= 1e-8, residual: fn, iterations: it };
}

/** Jacobian spectrum and stability of a fixed point s (full real parametrisation). */
export function stabilityOf(p: ModelParams, s: ArrayLike<number>, sys?: MfSystem): {
  eigenvalues: Array<[number, number]>; maxRealEigenvalue: number; stable: boolean;
} {
  const sy = sys ?? mfSystem(p);
  const n = sy.n;
  const J = new Float64Array(n * n);
  jacobian(sy, toReduced(s), J);
  const sp = jacobianSpectrum(p.d, J, s, ellIsReal(p.ell));
  const eigenvalues: Array<[number, number]> = Array.from(sp.re, (r, i) => [r, sp.im[i]]);
  const maxRe = sp.ok ? sp.re[0] : NaN;
  return { eigenvalues, maxRealEigenvalue: maxRe, stable: sp.ok && maxRe < -STABILITY_TOL * rateScale(p) };
}

/** Distance (max norm) from the z-polarised state |−j⟩⟨−j|. */
function distanceToZ(s: ArrayLike<number>): number {
  let m = Math.abs(s[0] - 1);
  for (let i = 1; i < s.length; i++) m = Math.max(m, Math.abs(s[i]));
  return m;
}

/** Norm of the Π1-odd part of ϱ (entries ϱ_ab with b − a odd): zero iff Π1-symmetric. */
export function pi1OddNorm(d: number, s: ArrayLike<number>): number {
  const odd = pi1Image(d, s);
  let m = 0;
  for (let i = 0; i < s.length; i++) m = Math.max(m, Math.abs(s[i] - odd[i]) / 2);
  return m;
}

export function classifyFixedPoint(d: number, s: ArrayLike<number>): FixedPointKind {
  if (distanceToZ(s) < 1e-7) return 'z-polarised';
  if (pi1OddNorm(d, s) > 1e-7) return 'broken';
  return 'other';
}

/** Stability of the z-polarised state from the closed form (Appendix B). */
export function zStability(p: ModelParams): { eigenvalues: Array<[number, number]>; maxRealEigenvalue: number; stable: boolean } {
  const sp = zPolarisedSpectrum(p);
  const maxRe = sp.re[0];
  return {
    eigenvalues: Array.from(sp.re, (r, i) => [r, sp.im[i]]),
    maxRealEigenvalue: maxRe,
    stable: maxRe < -STABILITY_TOL * rateScale(p),
  };
}

/** True when ϱ is positive semidefinite up to tol (Newton may converge to unphysical zeros of F). */
export function isPhysical(d: number, s: ArrayLike<number>, tol = 1e-7): boolean {
  return minEigenvalue(d, s) >= -tol;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return Number.isNaN(m) ? Infinity : m;
}

export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
