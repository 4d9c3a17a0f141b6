/**
 * Fixed points of the mean-field equations (Eq. 9) and their stability (Appendix B), for any d
 * and ℓ: Newton's method on the trace-reduced coordinates with the exact Jacobian, seeded from
 * the z-polarised state (Eq. 12), from trajectories integrated towards their attractors, and from
 * the images of every point found under Π1, Π2 and Π1Π2; deduplicated and classified.
 */
import { integrateMeanField, pureState, spinCoherentState, spinExpectations, zPolarisedState } from './meanfield.ts';
import type { ModelParams } from '../model/model.ts';
import { antiunitaryImage, mfSystem, pi1Image } from './reducedSystem.ts';
import {
  classifyFixedPoint, isPhysical, maxDiff, newtonFixedPoint, rateScale, stabilityOf, zStability, type FixedPointKind,
} from './newton.ts';
import { brokenBranch, criticalRate } from './bifurcation.ts';
import { qubitCentres } from './qubitOrbits.ts';
import { residual as reducedResidual, toReduced } from './reducedSystem.ts';
import { Interrupted } from '../../linalg/interrupt.ts';

export {
  STABILITY_TOL, classifyFixedPoint, newtonFixedPoint, pi1OddNorm, rateScale, stabilityOf, zStability,
  type FixedPointKind, type NewtonResult,
} from './newton.ts';

export interface FixedPoint {
  X: number;
  Y: number;
  Z: number;
  /** Real parametrisation of ϱ (length d², see meanfield.ts). */
  state: Float64Array;
  /** Jacobian eigenvalues (trace-reduced, d² − 1 of them), [re, im], sorted by real part descending. */
  eigenvalues: Array<[number, number]>;
  stable: boolean;
  maxRealEigenvalue: number;
  /**
   * 'centre': a centre of Eq. (11) at γ_I = 0 (purely imaginary Jacobian eigenvalues besides the
   * neutral ones; the steady states are the periodic orbits around it, Sec. III A).
   */
  kind: FixedPointKind | 'centre';
  /** max |F| at the returned state (how well it solves Eq. 9 = 0). */
  residual: number;
}

export interface FindFixedPointsOptions {
  /** Number of polar × azimuthal spin-coherent initial states for the trajectories (default 5 × 8). */
  thetaSamples?: number;
  phiSamples?: number;
  /** Integration time in units of 1/scale (default 400). */
  horizon?: number;
  /** Extra seeds (full real parametrisations), e.g. points of a continued branch. */
  seeds?: Float64Array[];
  /** Keep non-converged/unphysical candidates out (default true). */
  physicalOnly?: boolean;
  /**
   * Also seed from the broken-symmetry branch continued in γ_I (default true): this is what finds
   * the unstable broken states inside a bistable region, which no trajectory reaches.
   */
  branchSeeds?: boolean;
  shouldContinue?: () => boolean;
}

/**
 * Every fixed point reachable from the seeds, deduplicated (max-norm distance < 1e-7), each with
 * X, Y, Z, spectrum and stability. All stable fixed points are found: each is the end of the
 * trajectories in its basin, and the spin-coherent initial states cover the Bloch sphere
 * (plus the maximally mixed state). Unstable ones are found when Newton reaches them from a
 * seed (trajectory passing nearby, symmetry image, or `seeds` — e.g. the continued broken branch).
 * Sorted: stable first, then by Z.
 */
export function findFixedPoints(p: ModelParams, opts: FindFixedPointsOptions = {}): FixedPoint[] {
  const d = p.d;
  const sys = mfSystem(p);
  const scale = rateScale(p);
  const nTheta = opts.thetaSamples ?? 5, nPhi = opts.phiSamples ?? 8;
  const horizon = (opts.horizon ?? 400) / scale;
  const candidates: Float64Array[] = [zPolarisedState(d)];
  for (const s of opts.seeds ?? []) candidates.push(Float64Array.from(s));
  // γ_I = 0: the centres of Eq. (11) as spin-coherent states. No trajectory ends at a centre (the
  // orbits circle it), and the Jacobian there is singular (the spin length is conserved), so they
  // are seeded from the closed form and accepted when they solve Eq. (9) = 0 (spin ladder, any d:
  // with collective decay only, a spin-coherent state stays one, Sec. III B).
  const centres = p.gammaI === 0 ? qubitCentres(p.gammaC, p.V).map((c) => coherentStateAlong(d, c.X, c.Y, c.Z)) : [];
  candidates.push(...centres);
  // trajectory ends: spin-coherent states covering the sphere (θ = 0 is the unstable top) and
  // the maximally mixed state
  const starts: Float64Array[] = [];
  for (let a = 0; a < nTheta; a++) {
    const theta = (Math.PI * (a + 0.5)) / nTheta;
    for (let b = 0; b < nPhi; b++) {
      const phi = (2 * Math.PI * (b + 0.25)) / nPhi;
      const psi = spinCoherentState(d, theta, phi);
      starts.push(pureState(d, psi.re, psi.im));
    }
  }
  const mixed = new Float64Array(d * d);
  for (let k = 0; k < d; k++) mixed[k] = 1 / d;
  starts.push(mixed);
  if (opts.branchSeeds !== false) for (const s of branchSeeds(p, opts.shouldContinue)) candidates.push(s);
  for (const s0 of starts) {
    try {
      const tr = integrateMeanField(p, s0, [horizon], { rtol: 1e-7, atol: 1e-10, shouldContinue: opts.shouldContinue }, 1);
      candidates.push(tr.final);
    } catch (e) {
      if (e instanceof Interrupted || (e instanceof Error && e.name === 'CancelledError')) throw e;
    }
  }

  const found: FixedPoint[] = [];
  const exact = (seed: Float64Array) => {
    reducedResidual(sys, toReduced(seed), fres);
    const r = fres.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    return { state: seed, converged: r <= 1e-12 * scale, residual: r, iterations: 0 };
  };
  const fres = new Float64Array(sys.n);
  const tryAdd = (seed: Float64Array): FixedPoint | null => {
    // a centre is taken as it is when it solves Eq. (9): Newton would slide along the continuum
    // of fixed points through it (qubits: every c·(X, Y, Z), 0 ≤ c ≤ 1)
    const closed = centres.includes(seed) ? exact(seed) : null;
    const nr = closed?.converged ? closed : newtonFixedPoint(p, seed, { sys });
    if (!nr.converged) return null;
    const s = nr.state;
    if (opts.physicalOnly !== false && !isPhysical(d, s)) return null;
    for (const f of found) if (maxDiff(f.state, s) < 1e-7) return null;
    const st = classifyFixedPoint(d, s) === 'z-polarised'
      ? zStability(p)
      : stabilityOf(p, s, sys);
    const e = spinExpectations(d, s);
    const fp: FixedPoint = {
      X: e.X, Y: e.Y, Z: e.Z, state: s, ...st, kind: classifyFixedPoint(d, s), residual: nr.residual,
    };
    found.push(fp);
    return fp;
  };
  const queue = [...candidates];
  while (queue.length > 0) {
    const seed = queue.shift()!;
    const fp = tryAdd(seed);
    // the four centres are closed under the symmetries already; Newton from an image would only
    // slide along the γ_I = 0 continuum
    if (fp && !centres.includes(seed)) queue.push(pi1Image(d, fp.state), antiunitaryImage(d, fp.state, 1), antiunitaryImage(d, fp.state, -1));
  }
  if (centres.length) {
    for (const f of found) if (centres.some((c) => maxDiff(c, f.state) < 1e-7)) f.kind = 'centre';
  }
  found.sort((a, b) => Number(b.stable) - Number(a.stable) || a.Z - b.Z || b.X - a.X);
  return found;
}

/** The pure spin-coherent state whose (X, Y, Z) = ⟨j⟩/j is the unit vector given. */
export function coherentStateAlong(d: number, X: number, Y: number, Z: number): Float64Array {
  const theta = Math.acos(Math.max(-1, Math.min(1, Z)));
  const phi = Math.atan2(Y, X);
  // spinCoherentState's azimuth convention: take the sign that reproduces (X, Y)
  let best: Float64Array | null = null, err = Infinity;
  for (const ph of [phi, -phi]) {
    const psi = spinCoherentState(d, theta, ph);
    const s = pureState(d, psi.re, psi.im);
    const e = spinExpectations(d, s);
    const dist = Math.hypot(e.X - X, e.Y - Y, e.Z - Z);
    if (dist < err) { err = dist; best = s; }
  }
  return best!;
}


/**
 * States of the broken branch (continued in γ_I from below the critical line) interpolated at the
 * current γ_I: one seed per crossing of the branch with γ_I = p.gammaI (two in a bistable region).
 */
function branchSeeds(p: ModelParams, shouldContinue?: () => boolean): Float64Array[] {
  const crit = criticalRate(p, 'gammaI');
  const aV = Math.abs(p.V);
  if (!(crit > 2e-3 * aV) || p.gammaI <= 0 || aV === 0) return [];
  const lo = Math.min(p.gammaI, 0.5 * crit);
  const br = brokenBranch({ ...p, gammaI: crit / 2 }, {
    // generous upper bound: the branch may fold far above γ_I (bistability grows with d) and
    // normally ends at its pitchfork on the critical line anyway
    min: Math.max(lo * 0.9, 1e-3 * aV), max: 5 * (p.gammaI + crit + aV), start: 0.75 * crit,
    maxStep: 0.05, stability: false, shouldContinue,
  });
  const out: Float64Array[] = [];
  const g = br.columns.gammaI, len = p.d * p.d;
  for (let i = 0; i + 1 < g.length; i++) {
    if ((g[i] - p.gammaI) * (g[i + 1] - p.gammaI) <= 0 && g[i] !== g[i + 1]) {
      const f = (p.gammaI - g[i]) / (g[i + 1] - g[i]);
      const a = br.states.subarray(i * len, (i + 1) * len), b = br.states.subarray((i + 1) * len, (i + 2) * len);
      out.push(a.map((v, k) => v + f * (b[k] - v)));
    }
  }
  return out;
}
