/**
 * Qubits (and the spin-ladder dissipator, whose mean-field X, Y, Z dynamics is the same) with
 * only collective dissipation, γ_I = 0 (Section III A): Eq. (10) conserves r² = X² + Y² + Z², the
 * z-polarised state is stable only for γ_C > 2|V|, and for γ_C < 2|V| the four fixed points of
 * Eq. (11) are centres surrounded by periodic orbits. The steady state is then an orbit, and its
 * time average (X̄, Ȳ ≠ 0, Z̄ = 0) jumps at γ_C = 2|V|: a first-order transition.
 *
 * Z̄ = 0 is exact for these orbits: Eq. (10) at γ_I = 0 is invariant under
 * (X, Y, Z, t) ↦ (X, Y, −Z, −t), so an orbit that crosses Z = 0 is symmetric about it.
 */
import { dopri5 } from '../../linalg/dopri5.ts';
import { qubitRhs } from './qubitFlow.ts';

/** Eq. (10) right-hand side for (X, Y, Z), in the integrator's form. */
export function eq10Rhs(gammaI: number, gammaC: number, V: number): (t: number, y: Float64Array, dy: Float64Array) => void {
  const p = { gammaI, gammaC, V };
  return (_t, y, dy) => {
    const [a, b, c] = qubitRhs(p, y[0], y[1], y[2]);
    dy[0] = a; dy[1] = b; dy[2] = c;
  };
}

export interface Centre {
  X: number;
  Y: number;
  Z: number;
  /** Jacobian eigenvalues on the sphere, ±√(2γ_C² − 8V²) (Appendix B): purely imaginary for γ_C < 2|V|. */
  eigenvalues: Array<[number, number]>;
}

/** The four fixed points of Eq. (11) (γ_I = 0, γ_C < 2|V|); empty otherwise. */
export function qubitCentres(gammaC: number, V: number): Centre[] {
  const aV = Math.abs(V);
  if (!(gammaC >= 0) || aV === 0 || gammaC >= 2 * aV) return [];
  const root = Math.sqrt(1 - (gammaC / (2 * V)) ** 2);
  const lam = Math.sqrt(8 * V * V - 2 * gammaC * gammaC);
  const ev: Array<[number, number]> = [[0, lam], [0, -lam]];
  const out: Centre[] = [];
  for (const pm of [1, -1]) {
    const X = Math.sqrt(0.5 + 0.5 * pm * root);
    const Y = Math.sign(V) * Math.sqrt(0.5 - 0.5 * pm * root);
    out.push({ X, Y, Z: 0, eigenvalues: ev }, { X: -X, Y: -Y, Z: 0, eigenvalues: ev });
  }
  return out;
}

export interface OrbitOptions {
  gammaC: number;
  V: number;
  /** Initial (X, Y, Z); it is projected onto the unit sphere (r = 1, Section III A). */
  start: [number, number, number];
  /** Longest time searched for the return (default 400/|V|). */
  tMax?: number;
  /** Output samples over [0, tMax] (default 40000). */
  samples?: number;
}

export interface Orbit {
  /** True when the trajectory returned to its start within tMax. */
  closed: boolean;
  period: number;
  mean: { X: number; Y: number; Z: number };
  /** One period (or the whole run if not closed), sampled. */
  t: Float64Array;
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
}

/**
 * The periodic orbit of Eq. (10) at γ_I = 0 through `start`, its period (first return to the
 * plane through the start orthogonal to the velocity there, close to the start) and the time
 * averages over one period (trapezoid on the dense output, last partial interval included).
 */
export function qubitOrbit(o: OrbitOptions): Orbit {
  const aV = Math.abs(o.V);
  if (aV === 0) throw new RangeError('V must be non-zero');
  const r = Math.hypot(...o.start);
  if (!(r > 0)) throw new RangeError('start must be a non-zero (X, Y, Z)');
  const y0 = Float64Array.from(o.start, (x) => x / r);
  const tMax = o.tMax ?? 400 / aV;
  const m = Math.max(100, Math.floor(o.samples ?? 40000));
  const f = eq10Rhs(0, o.gammaC, o.V);
  const times = Float64Array.from({ length: m }, (_, i) => (tMax * i) / (m - 1));
  const out = new Float64Array(3 * m);
  dopri5(f, 0, y0, times, out, { rtol: 1e-10, atol: 1e-12, hMax: tMax / 1000 });
  const v0 = new Float64Array(3);
  f(0, y0, v0);
  const g = (i: number) => (out[3 * i] - y0[0]) * v0[0] + (out[3 * i + 1] - y0[1]) * v0[1] + (out[3 * i + 2] - y0[2]) * v0[2];
  const dist = (i: number) => Math.hypot(out[3 * i] - y0[0], out[3 * i + 1] - y0[1], out[3 * i + 2] - y0[2]);
  // the trajectory must first leave the start's neighbourhood, then come back through the plane
  let maxDist = 0, iEnd = -1, frac = 0;
  for (let i = 1; i < m; i++) {
    maxDist = Math.max(maxDist, dist(i));
    if (maxDist > 1e-6 && g(i - 1) < 0 && g(i) >= 0 && dist(i) < 0.25 * maxDist) {
      iEnd = i;
      frac = g(i - 1) / (g(i - 1) - g(i));
      break;
    }
  }
  const closed = iEnd > 0;
  const last = closed ? iEnd : m - 1;
  const period = closed ? times[iEnd - 1] + frac * (times[iEnd] - times[iEnd - 1]) : tMax;
  const mean = [0, 0, 0];
  for (let i = 1; i <= last; i++) {
    const w = i === last && closed ? frac : 1;
    const dt = (times[i] - times[i - 1]) * w;
    for (let c = 0; c < 3; c++) {
      const a = out[3 * (i - 1) + c];
      const b = w === 1 ? out[3 * i + c] : a + w * (out[3 * i + c] - a);
      mean[c] += 0.5 * (a + b) * dt;
    }
  }
  for (let c = 0; c < 3; c++) mean[c] /= period;
  const n = last + 1;
  return {
    closed, period, mean: { X: mean[0], Y: mean[1], Z: mean[2] },
    t: times.slice(0, n),
    X: Float64Array.from({ length: n }, (_, i) => out[3 * i]),
    Y: Float64Array.from({ length: n }, (_, i) => out[3 * i + 1]),
    Z: Float64Array.from({ length: n }, (_, i) => out[3 * i + 2]),
  };
}

export interface OrbitFamilyOptions {
  V: number;
  gammaCRange: [number, number];
  points: number;
  /**
   * The averaged orbit starts at angular distance `offset` (rad, default 0.3) from the Eq. (11)
   * centre towards the south pole (the z-polarised state), on the centre's meridian.
   */
  offset?: number;
  samples?: number;
}

/** Orbit averages versus γ_C at γ_I = 0 (columns: see OrbitAverageColumns). */
export interface OrbitFamily extends OrbitAverageColumns {
  gammaC: Float64Array;
}

/**
 * Time-averaged steady state at γ_I = 0 versus γ_C (the overlay that shows the first-order jump at
 * γ_C = 2|V|): below, the average over the orbit through the start and the Eq. (11) centre; above,
 * the z-polarised state (0, 0, −1), the unique steady state.
 */
export function qubitOrbitFamily(o: OrbitFamilyOptions): OrbitFamily {
  const m = Math.max(2, Math.floor(o.points));
  const [a, b] = o.gammaCRange;
  if (!(a >= 0 && b > a)) throw new RangeError(`gammaCRange must satisfy 0 ≤ a < b (got [${a}, ${b}])`);
  const out: OrbitFamily = {
    gammaC: new Float64Array(m), meanX: new Float64Array(m), meanY: new Float64Array(m), meanZ: new Float64Array(m),
    period: new Float64Array(m), closed: new Uint8Array(m), centreX: new Float64Array(m), centreY: new Float64Array(m),
  };
  for (let i = 0; i < m; i++) {
    const gC = a + ((b - a) * i) / (m - 1);
    out.gammaC[i] = gC;
    storeOrbitAverage(out, i, gC, o.V, o.offset, o.samples);
  }
  return out;
}

/** Columns shared by the γ_I = 0 orbit family and the large-spin overlay. */
export interface OrbitAverageColumns {
  /** Time averages of the orbit near the centre (NaN where not closed); the z state above 2|V|. */
  meanX: Float64Array;
  meanY: Float64Array;
  meanZ: Float64Array;
  period: Float64Array;
  closed: Uint8Array;
  /** The Eq. (11) centre with X > 0 and the larger |X| (NaN above 2|V|). */
  centreX: Float64Array;
  centreY: Float64Array;
}

/**
 * Row i of an orbit-average table for Eq. (10) at γ_I = 0 with collective rate g: the time average
 * of the orbit near the Eq. (11) centre below g = 2|V|, the z-polarised state (0, 0, −1) above.
 */
export function storeOrbitAverage(out: OrbitAverageColumns, i: number, g: number, V: number, offset = 0.3, samples = 20000): void {
  if (g >= 2 * Math.abs(V)) {
    out.meanX[i] = 0; out.meanY[i] = 0; out.meanZ[i] = -1; out.period[i] = NaN; out.closed[i] = 1;
    out.centreX[i] = NaN; out.centreY[i] = NaN;
    return;
  }
  const c = qubitCentres(g, V)[0];
  out.centreX[i] = c.X;
  out.centreY[i] = c.Y;
  const orb = qubitOrbit({ gammaC: g, V, start: startNear(c, offset), samples });
  out.closed[i] = orb.closed ? 1 : 0;
  out.period[i] = orb.closed ? orb.period : NaN;
  out.meanX[i] = orb.closed ? orb.mean.X : NaN;
  out.meanY[i] = orb.closed ? orb.mean.Y : NaN;
  out.meanZ[i] = orb.closed ? orb.mean.Z : NaN;
}

/** The point at angular distance α from a centre on the equator (Z = 0), towards the south pole. */
export function startNear(c: { X: number; Y: number }, alpha: number): [number, number, number] {
  return [c.X * Math.cos(alpha), c.Y * Math.cos(alpha), -Math.sin(alpha)];
}
