/**
 * `mf-trajectory`: mean-field dynamics (Eq. 9) from a single-particle pure state.
 *   --d D --dissipator spin|flat|custom [--ell "l0,l1,..."] --gammaI G --gammaC G --V V
 *   --psi0 "re0,im0,re1,im1,..." (ascending m, normalised here) --times "t1,t2,..." (ħ = 1)
 *   [--rtol 1e-10]
 * → {"times":[...],"X":[...],"Y":[...],"Z":[...]}
 */
import { CliError, numberFlag, numberListFlag, rejectUnknown, type CliArgs } from '../args.ts';
import { PARAM_FLAGS, paramsFlags } from '../modelFlags.ts';
import { integrateMeanField, pureState } from '../../src/physics/meanfield/meanfield.ts';

export default function mfTrajectory(a: CliArgs) {
  rejectUnknown(a, [...PARAM_FLAGS, 'psi0', 'times', 'rtol']);
  const p = paramsFlags(a);
  const d = p.d;
  const psi = numberListFlag(a, 'psi0');
  if (psi.length !== 2 * d) throw new CliError(`--psi0 needs 2d = ${2 * d} numbers re0,im0,re1,im1,… (got ${psi.length})`);
  const re = psi.filter((_, i) => i % 2 === 0), im = psi.filter((_, i) => i % 2 === 1);
  if (re.every((x) => x === 0) && im.every((x) => x === 0)) throw new CliError('--psi0 must not be the zero vector');
  const times = numberListFlag(a, 'times');
  if (times.some((t) => t < 0)) throw new CliError('--times must be ≥ 0');
  if (times.some((t) => t > 1e6)) throw new CliError('--times must be ≤ 1e6');
  const rtol = numberFlag(a, 'rtol', 1e-10);
  if (!(rtol >= 1e-13 && rtol <= 1e-3)) throw new CliError('--rtol must be between 1e-13 and 1e-3');
  const order = times.map((t, i) => [t, i] as const).sort((x, y) => x[0] - y[0]);
  const tr = integrateMeanField(p, pureState(d, re, im), order.map((o) => o[0]), { rtol, atol: rtol * 1e-2 });
  const X = new Array<number>(times.length), Y = new Array<number>(times.length), Z = new Array<number>(times.length);
  order.forEach(([, i], k) => {
    X[i] = tr.X[k];
    Y[i] = tr.Y[k];
    Z[i] = tr.Z[k];
  });
  return { times, X, Y, Z };
}
