/**
 * `mf-fixed-points`: every mean-field fixed point found at one parameter point (Section III,
 * Appendix B) with its stability.
 *   --d D --dissipator spin|flat|custom [--ell "l0,l1,..."] --gammaI G --gammaC G --V V
 *   [--eigenvalues true] (include the Jacobian spectra) [--states true] (include ϱ)
 * → {"params":{...},"fixedPoints":[{"X":..,"Y":..,"Z":..,"kind":..,"stable":..,"maxRealEigenvalue":..}, ...]}
 * All stable fixed points are listed (stable first); unstable ones as far as found.
 */
import { CliError, rejectUnknown, stringFlag, type CliArgs } from '../args.ts';
import { PARAM_FLAGS, paramsFlags } from '../modelFlags.ts';
import { findFixedPoints } from '../../src/physics/meanfield/fixedPoints.ts';

export default function mfFixedPoints(a: CliArgs) {
  rejectUnknown(a, [...PARAM_FLAGS, 'eigenvalues', 'states']);
  const p = paramsFlags(a);
  const d = p.d;
  const dissipator = stringFlag(a, 'dissipator', 'spin');
  const withEig = boolFlag(a, 'eigenvalues');
  const withStates = boolFlag(a, 'states');
  const fps = findFixedPoints(p);
  return {
    params: { d, dissipator, gammaI: p.gammaI, gammaC: p.gammaC, V: p.V },
    fixedPoints: fps.map((f) => ({
      X: f.X, Y: f.Y, Z: f.Z, kind: f.kind, stable: f.stable, maxRealEigenvalue: f.maxRealEigenvalue,
      residual: f.residual,
      ...(withEig ? { eigenvalues: f.eigenvalues } : {}),
      ...(withStates ? { state: Array.from(f.state) } : {}),
    })),
  };
}

function boolFlag(a: CliArgs, name: string): boolean {
  const v = a.flags.get(name);
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new CliError(`--${name} must be true or false (got "${v}")`);
}
