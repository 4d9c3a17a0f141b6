/**
 * Dormand–Prince 5(4) embedded Runge–Kutta integrator with step-size control and the
 * classical 4th-order continuous extension (dense output), for y' = f(t, y) on Float64Array.
 *
 * Error control: per component, sc_i = atol + rtol·max(|y_i|, |y_new_i|); a step is accepted
 * when the RMS of err_i / sc_i is ≤ 1. Step-size update with a PI-free safety controller.
 */
import { checkInterrupt } from './interrupt.ts';

export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

export interface Dopri5Options {
  rtol?: number;
  atol?: number;
  /** Initial step; chosen automatically when absent. */
  h0?: number;
  /** Upper bound on |h|. */
  hMax?: number;
  /** Hard cap on the number of steps (accepted + rejected); the solver throws beyond it. */
  maxSteps?: number;
  /** Called after each accepted step; return false to stop early (e.g. cancellation). */
  onStep?: (t: number, y: Float64Array) => boolean | void;
}

export interface Dopri5Stats {
  accepted: number;
  rejected: number;
  evaluations: number;
}

// Butcher tableau of Dormand & Prince (1980).
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// error weights: 5th-order minus embedded 4th-order solution.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// dense output (Hairer, Nørsett & Wanner, Solving ODEs I, Sec. II.6).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

/**
 * Integrates from t0 with state y0 through the (increasing) output times `tOut`, writing the
 * interpolated state at each output time into `out` (row k = state at tOut[k]).
 * Returns statistics. Throws if maxSteps is exceeded or the step size underflows.
 */
export function dopri5(
  f: Rhs,
  t0: number,
  y0: Float64Array,
  tOut: ArrayLike<number>,
  out: Float64Array,
  opts: Dopri5Options = {},
): Dopri5Stats {
  const n = y0.length;
  const rtol = opts.rtol ?? 1e-8;
  const atol = opts.atol ?? 1e-10;
  const maxSteps = opts.maxSteps ?? 1_000_000;
  const nOut = tOut.length;
  if (out.length < nOut * n) throw new RangeError('output buffer too small');
  const tEnd = nOut > 0 ? tOut[nOut - 1] : t0;
  const hMax = opts.hMax ?? Math.max(Math.abs(tEnd - t0), 1e-300);

  const y = Float64Array.from(y0);
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n);
  const k4 = new Float64Array(n), k5 = new Float64Array(n), k6 = new Float64Array(n);
  const k7 = new Float64Array(n), yt = new Float64Array(n), yNew = new Float64Array(n);
  const r5 = new Float64Array(n);
  const stats: Dopri5Stats = { accepted: 0, rejected: 0, evaluations: 0 };

  let k = 0;
  while (k < nOut && tOut[k] <= t0) {
    out.set(y, k * n);
    k++;
  }
  if (k >= nOut) return stats;

  let t = t0;
  f(t, y, k1);
  stats.evaluations++;
  let h = opts.h0 ?? initialStep(f, t, y, k1, rtol, atol, hMax, stats);
  let steps = 0;

  while (k < nOut) {
    if ((steps & 15) === 0) checkInterrupt();
    if (++steps > maxSteps) throw new Error(`dopri5: more than ${maxSteps} steps (problem too stiff or tolerance too tight)`);
    if (t + h > tEnd) h = tEnd - t;
    if (h <= 1e-14 * Math.max(1, Math.abs(t))) throw new Error(`dopri5: step size underflow at t = ${t}`);

    for (let i = 0; i < n; i++) yt[i] = y[i] + h * A21 * k1[i];
    f(t + C2 * h, yt, k2);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    f(t + C3 * h, yt, k3);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    f(t + C4 * h, yt, k4);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    f(t + C5 * h, yt, k5);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    f(t + h, yt, k6);
    for (let i = 0; i < n; i++) yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    f(t + h, yNew, k7);
    stats.evaluations += 6;

    let err = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
      err += (e / sc) * (e / sc);
    }
    err = Math.sqrt(err / n);
    if (!Number.isFinite(err)) {
      // a NaN/Inf trial step: shrink hard and retry
      h *= 0.1;
      stats.rejected++;
      continue;
    }

    if (err <= 1) {
      // dense output coefficients for the step [t, t+h]
      for (let i = 0; i < n; i++) {
        r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
      }
      const tNew = t + h;
      while (k < nOut && tOut[k] <= tNew) {
        const th = (tOut[k] - t) / h;
        const th1 = 1 - th;
        const base = k * n;
        for (let i = 0; i < n; i++) {
          const c2 = yNew[i] - y[i];
          const c3 = h * k1[i] - c2;
          const c4 = c2 - h * k7[i] - c3;
          out[base + i] = y[i] + th * (c2 + th1 * (c3 + th * (c4 + th1 * r5[i])));
        }
        k++;
      }
      t = tNew;
      y.set(yNew);
      k1.set(k7); // FSAL
      stats.accepted++;
      if (opts.onStep && opts.onStep(t, y) === false) break;
      const fac = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      h = Math.min(h * fac, hMax);
    } else {
      stats.rejected++;
      h *= Math.max(0.2, 0.9 * Math.pow(err, -0.2));
    }
  }
  return stats;
}

/** Hairer's starting-step heuristic (Solving ODEs I, II.4). */
function initialStep(
  f: Rhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  rtol: number,
  atol: number,
  hMax: number,
  stats: Dopri5Stats,
): number {
  const n = y.length;
  let dnf = 0, dny = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol + rtol * Math.abs(y[i]);
    dnf += (f0[i] / sc) ** 2;
    dny += (y[i] / sc) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, hMax);
  const y1 = new Float64Array(n);
  const f1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = y[i] + h * f0[i];
  f(t + h, y1, f1);
  stats.evaluations++;
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / sc) ** 2;
  }
  der2 = Math.sqrt(der2 / n) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf / n));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : Math.pow(0.01 / der12, 1 / 5);
  return Math.min(100 * h, h1, hMax);
}
