/**
 * The qubit mean-field flow, Eq. (10), its closed-form fixed points (Sec. III A, Eq. 11) and the
 * reduction to the invariant plane X = sgn(V)·Y used for the stream plot of Fig. 2.
 *
 * From Eq. (10), d(X ∓ Y)/dt is proportional to (X ∓ Y), so both planes X = ±Y are invariant;
 * the broken-symmetry fixed points lie in X = sgn(V)·Y. With u = (X + sgn(V)·Y)/√2 in that plane:
 *   u' = u(−2|V|Z − γ_I + γ_C Z),   Z' = (2|V| − γ_C) u² − 2γ_I (Z + 1),
 * an exact two-dimensional flow on the disc u² + Z² ≤ 1.
 */

export interface QubitRates {
  gammaI: number;
  gammaC: number;
  V: number;
}

/** Eq. (10). */
export function qubitRhs(p: QubitRates, X: number, Y: number, Z: number): [number, number, number] {
  const { gammaI: gI, gammaC: gC, V } = p;
  return [
    -2 * V * Y * Z - gI * X + gC * X * Z,
    -2 * V * X * Z - gI * Y + gC * Y * Z,
    4 * V * X * Y - 2 * gI * (Z + 1) - gC * (X * X + Y * Y),
  ];
}

/** Flow in the invariant plane X = sgn(V)·Y, coordinates (u, Z). */
export function planeRhs(p: QubitRates, u: number, Z: number): [number, number] {
  const aV = Math.abs(p.V);
  return [u * (-2 * aV * Z - p.gammaI + p.gammaC * Z), (2 * aV - p.gammaC) * u * u - 2 * p.gammaI * (Z + 1)];
}

export interface QubitFixedPoint {
  X: number;
  Y: number;
  Z: number;
  /** Stable: all Jacobian eigenvalues have negative real part; 'center' for the γ_I = 0 orbits' centres. */
  stability: 'stable' | 'unstable' | 'center' | 'marginal';
  label: string;
}

/**
 * The fixed points of Eq. (10) the paper discusses (Sec. III A): the z-polarised state, the two
 * broken-symmetry states for γ_I ≠ 0 and γ_I + γ_C < 2|V|, the four centres of Eq. (11) for
 * γ_I = 0 and γ_C < 2|V|, and the (unstable) north pole Z = +1.
 */
export function qubitFixedPoints(p: QubitRates): QubitFixedPoint[] {
  const { gammaI: gI, gammaC: gC } = p;
  const aV = Math.abs(p.V);
  const sV = p.V >= 0 ? 1 : -1;
  const crit = gI + gC - 2 * aV;
  const out: QubitFixedPoint[] = [
    { X: 0, Y: 0, Z: -1, stability: crit > 0 ? 'stable' : crit < 0 ? 'unstable' : 'marginal', label: 'z-polarised (Eq. 12)' },
  ];
  if (gI > 0 && crit < 0) {
    const den = 2 * aV - gC;
    const X = Math.sqrt(gI * (2 * aV - gI - gC)) / den;
    const Z = -gI / den;
    out.push({ X, Y: sV * X, Z, stability: 'stable', label: 'broken symmetry' });
    out.push({ X: -X, Y: -sV * X, Z, stability: 'stable', label: 'broken symmetry (Π1 image)' });
  }
  if (gI === 0 && gC < 2 * aV && aV > 0) {
    const q = Math.sqrt(1 - (gC / (2 * aV)) ** 2);
    for (const pm of [1, -1]) {
      const X = Math.sqrt(0.5 + 0.5 * pm * q);
      const Y = sV * Math.sqrt(0.5 - 0.5 * pm * q);
      out.push({ X, Y, Z: 0, stability: 'center', label: 'centre (Eq. 11)' });
      out.push({ X: -X, Y: -Y, Z: 0, stability: 'center', label: 'centre (Eq. 11, Π1 image)' });
    }
  }
  if (gI === 0) out.push({ X: 0, Y: 0, Z: 1, stability: 'unstable', label: 'north pole' });
  return out;
}
