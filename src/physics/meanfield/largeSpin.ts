/**
 * The large-spin limit j → ∞ at finite N for the spin-ladder dissipator (Section III C, Eqs. 13–14).
 * From a state of maximal total spin length all particles stay identical and (x, y, z) obey
 * Eq. (14) = Eq. (10) with individual rate 0 and collective rate γ_I + γ_C. Hence the transition
 * stays at γ_I + γ_C = 2|V| but is first order for every γ_I: below it the steady states are the
 * periodic orbits around the Eq. (11) centres (with γ_C → γ_I + γ_C), above it the z-polarised state.
 */
import { dopri5 } from '../../linalg/dopri5.ts';
import { eq10Rhs, qubitCentres, storeOrbitAverage, type Centre, type OrbitAverageColumns } from './qubitOrbits.ts';

/** Eq. (14) right-hand side for one particle's scaled spin (x, y, z). */
export function eq14Rhs(gammaI: number, gammaC: number, V: number): (t: number, y: Float64Array, dy: Float64Array) => void {
  return eq10Rhs(0, gammaI + gammaC, V);
}

/** Fixed points of Eq. (14): the z-polarised state and, for γ_I + γ_C < 2|V|, the four centres. */
export function largeSpinFixedPoints(gammaI: number, gammaC: number, V: number): {
  zPolarised: { X: number; Y: number; Z: number; stable: boolean };
  centres: Centre[];
} {
  const g = gammaI + gammaC;
  return { zPolarised: { X: 0, Y: 0, Z: -1, stable: g > 2 * Math.abs(V) }, centres: qubitCentres(g, V) };
}

/** Trajectory of Eq. (14) from (x, y, z) (normalised to r = 1) sampled at `times`. */
export function largeSpinTrajectory(
  gammaI: number, gammaC: number, V: number, start: [number, number, number], times: ArrayLike<number>,
): { X: Float64Array; Y: Float64Array; Z: Float64Array } {
  const r = Math.hypot(...start);
  if (!(r > 0)) throw new RangeError('start must be a non-zero (x, y, z)');
  const y0 = Float64Array.from(start, (x) => x / r);
  const n = times.length;
  const out = new Float64Array(3 * n);
  dopri5(eq14Rhs(gammaI, gammaC, V), 0, y0, times, out, { rtol: 1e-10, atol: 1e-12 });
  return {
    X: Float64Array.from({ length: n }, (_, i) => out[3 * i]),
    Y: Float64Array.from({ length: n }, (_, i) => out[3 * i + 1]),
    Z: Float64Array.from({ length: n }, (_, i) => out[3 * i + 2]),
  };
}

export interface LargeSpinOverlayOptions {
  V: number;
  gammaC: number;
  gammaIRange: [number, number];
  points: number;
  /** Angular distance (rad) of the orbit's start from the centre, towards the south pole (default 0.3). */
  offset?: number;
  /** Output samples per orbit (default 20000). */
  samples?: number;
}

/** Orbit averages versus γ_I, with the collective rate γ_I + γ_C of Eq. (14) (see OrbitAverageColumns). */
export interface LargeSpinOverlay extends OrbitAverageColumns {
  gammaI: Float64Array;
  /** γ_I at which the large-spin transition happens: 2|V| − γ_C. */
  criticalGammaI: number;
}

/** Fig. 4-style overlay of the j → ∞ limit versus γ_I at fixed γ_C (first-order jump at 2|V| − γ_C). */
export function largeSpinOverlay(o: LargeSpinOverlayOptions): LargeSpinOverlay {
  const m = Math.max(2, Math.floor(o.points));
  const [a, b] = o.gammaIRange;
  if (!(a >= 0 && b > a)) throw new RangeError(`gammaIRange must satisfy 0 ≤ a < b (got [${a}, ${b}])`);
  const aV = Math.abs(o.V);
  if (aV === 0) throw new RangeError('V must be non-zero');
  const out: LargeSpinOverlay = {
    gammaI: new Float64Array(m), centreX: new Float64Array(m), centreY: new Float64Array(m),
    meanX: new Float64Array(m), meanY: new Float64Array(m), meanZ: new Float64Array(m),
    period: new Float64Array(m), closed: new Uint8Array(m), criticalGammaI: 2 * aV - o.gammaC,
  };
  for (let i = 0; i < m; i++) {
    const gI = a + ((b - a) * i) / (m - 1);
    out.gammaI[i] = gI;
    // Eq. (14) is Eq. (10) with γ_I → 0 and γ_C → γ_I + γ_C
    storeOrbitAverage(out, i, gI + o.gammaC, o.V, o.offset, o.samples);
  }
  return out;
}
