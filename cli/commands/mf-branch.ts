/**
 * `mf-branch`: the broken-symmetry branch of the mean-field fixed points continued in γ_I
 * (pseudo-arclength, Fig. 4) from --from to --to, with stability, folds and branch points.
 *   --d D --dissipator spin|flat --gammaC G --V V --from a --to b [--steps n]
 *   [--parameter gammaI|gammaC] (with gammaC: --gammaI G is the fixed rate, --from/--to are γ_C)
 * --steps sets the maximal arclength step (≈ (to − from)/|V|/steps), so ≈ n points or more.
 * → {"points":[{"gammaI":..,"gammaC":..,"X":..,"Y":..,"Z":..,"stable":bool,"maxRealEigenvalue":..}],
 *    "folds":[...],"branchPoints":[...],"hopfPoints":[...],"converged":bool,"endReason":..,"message":..,
 *    "zPolarised":{"stableAbove":γ_c}}
 */
import { CliError, intFlag, numberFlag, rejectUnknown, stringFlag, type CliArgs } from '../args.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { brokenBranch, criticalRate } from '../../src/physics/meanfield/bifurcation.ts';

export default function mfBranch(a: CliArgs) {
  rejectUnknown(a, ['d', 'dissipator', 'gammaI', 'gammaC', 'V', 'from', 'to', 'steps', 'parameter']);
  const d = intFlag(a, 'd');
  const dissipator = stringFlag(a, 'dissipator', 'spin');
  if (dissipator !== 'spin' && dissipator !== 'flat') throw new CliError(`--dissipator must be spin or flat (got "${dissipator}")`);
  const parameter = stringFlag(a, 'parameter', 'gammaI');
  if (parameter !== 'gammaI' && parameter !== 'gammaC') throw new CliError(`--parameter must be gammaI or gammaC (got "${parameter}")`);
  const from = numberFlag(a, 'from'), to = numberFlag(a, 'to');
  if (!(from >= 0 && to > from)) throw new CliError(`need 0 ≤ --from < --to (got ${from}, ${to})`);
  const steps = intFlag(a, 'steps', 400);
  if (steps < 10 || steps > 100000) throw new CliError(`--steps must be between 10 and 100000 (got ${steps})`);
  const V = numberFlag(a, 'V');
  if (V === 0) throw new CliError('--V must be non-zero (no transition at V = 0)');
  const other = parameter === 'gammaI' ? numberFlag(a, 'gammaC', 0) : numberFlag(a, 'gammaI', 0);
  const p = makeParams({
    d, dissipator, V,
    gammaI: parameter === 'gammaI' ? from : other,
    gammaC: parameter === 'gammaC' ? from : other,
  });
  // the start point must be at a positive rate: γ_I = 0 is a continuum of fixed points
  const lo = Math.max(from, 1e-3 * Math.abs(V));
  const br = brokenBranch(p, { parameter, min: lo, max: to, maxStep: (to - lo) / Math.abs(V) / steps });
  return {
    params: { d, dissipator, V, parameter, from: lo, to, fixed: parameter === 'gammaI' ? { gammaC: other } : { gammaI: other } },
    points: br.points,
    folds: br.folds,
    branchPoints: br.branchPoints,
    hopfPoints: br.hopfPoints,
    converged: br.converged,
    endReason: br.endReason,
    message: br.message,
    zPolarised: { stableAbove: criticalRate(p, parameter) },
  };
}
