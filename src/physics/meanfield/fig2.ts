/**
 * Data of the Fig. 2 view: stream plot of the qubit flow, Eq. (10), with its fixed points.
 *
 * Two projections:
 * - 'plane': the invariant plane X = sgn(V)·Y (see qubitFlow.ts), coordinates (u, Z) with
 *   u = (X + sgn(V)·Y)/√2, on the Bloch disc u² + Z² ≤ 1. The flow there is exactly 2-D and
 *   holds the z-polarised and both broken-symmetry fixed points.
 * - 'sphere': the Bloch sphere r = 1 in equal-area cylindrical coordinates (φ, Z),
 *   X = √(1−Z²) cos φ, Y = √(1−Z²) sin φ. The sphere is invariant for γ_I = 0 (the spin length is
 *   conserved, Sec. III A), where this shows the closed orbits around the centres of Eq. (11);
 *   for γ_I > 0 it shows the tangential part of the flow (the radial part shrinks r).
 */
import { planeRhs, qubitFixedPoints, qubitRhs, type QubitRates } from './qubitFlow.ts';
import { streamlines } from './streamlines.ts';
import { FIG2_GRID, type Fig2Point, type Fig2Projection, type Fig2Request, type Fig2Result } from '../../contracts/meanfield.ts';

export type { Fig2Projection, Fig2Request, Fig2Point, Fig2Result };
export { FIG2_GRID };

export function fig2Data(req: Fig2Request): Fig2Result {
  const p: QubitRates = { gammaI: req.gammaI, gammaC: req.gammaC, V: req.V };
  const sV = req.V >= 0 ? 1 : -1;
  const aV = Math.abs(req.V);
  const ratio = aV > 0 ? (req.gammaI + req.gammaC) / aV : Infinity;
  const fps = qubitFixedPoints(p);
  if (req.projection === 'plane') {
    const lines = streamlines((u, Z) => planeRhs(p, u, Z), {
      xMin: -1, xMax: 1, yMin: -1, yMax: 1,
      inside: (u, Z) => u * u + Z * Z <= 1 + 1e-12,
      density: req.density ?? 22,
    });
    const fixedPoints = fps
      .filter((f) => Math.abs(f.X - sV * f.Y) < 1e-12)
      .map((f) => ({ ...f, h: (f.X + sV * f.Y) / Math.SQRT2, v: f.Z }));
    return { projection: 'plane', lines, fixedPoints, ratio, exact: true };
  }
  const field = (phi: number, Z: number): [number, number] => {
    const rho = Math.sqrt(Math.max(0, 1 - Z * Z));
    const X = rho * Math.cos(phi), Y = rho * Math.sin(phi);
    const [vx, vy, vz] = qubitRhs(p, X, Y, Z);
    // remove the radial component to get the tangential flow on the sphere
    const radial = X * vx + Y * vy + Z * vz;
    const tz = vz - radial * Z;
    const rr = X * X + Y * Y;
    const dphi = rr > 1e-14 ? (X * vy - Y * vx) / rr : 0;
    return [dphi, tz];
  };
  const lines = streamlines(field, { xMin: -Math.PI, xMax: Math.PI, yMin: -1, yMax: 1, density: req.density ?? 22 });
  const fixedPoints = fps
    .filter((f) => Math.abs(Math.hypot(f.X, f.Y, f.Z) - 1) < 1e-9)
    .map((f) => ({ ...f, h: Math.hypot(f.X, f.Y) > 1e-12 ? Math.atan2(f.Y, f.X) : 0, v: f.Z }));
  return { projection: 'sphere', lines, fixedPoints, ratio, exact: req.gammaI === 0 };
}

/** All six Fig. 2 panels for |V| = 1 and the given sign of V (the γ_I = 0 row on the sphere). */
export function fig2Grid(signV: 1 | -1, density = 16): Fig2Result[] {
  return FIG2_GRID.map((g) =>
    fig2Data({ gammaI: g.gammaI, gammaC: g.gammaC, V: signV, projection: g.gammaI === 0 ? 'sphere' : 'plane', density }),
  );
}
