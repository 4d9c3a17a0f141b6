/**
 * `mf-exponents`: critical exponents β_X, β_Z of the broken-symmetry steady state (Section III B)
 * from log–log fits of X and Z + 1 against δ = (γ_I,c − γ_I)/|V|, and the small-γ_I prefactors.
 *   --d D --dissipator spin|flat [--gammaC G] [--V V] [--deltaFrom 2e-3 --deltaTo 0.1] [--samples 30]
 * → {"betaX":..,"betaZ":..,"fitRange":[γ_a,γ_b],"deltaRange":[δ_a,δ_b],"transition":"continuous"|"first-order",
 *    "smallGammaPrefactorX":..,"smallGammaPrefactorZ":..,...}
 */
import { CliError, intFlag, numberFlag, rejectUnknown, stringFlag, type CliArgs } from '../args.ts';
import { checkD } from '../../src/physics/model/model.ts';
import { fitExponents } from '../../src/physics/meanfield/exponents.ts';

export default function mfExponents(a: CliArgs) {
  rejectUnknown(a, ['d', 'dissipator', 'gammaC', 'V', 'deltaFrom', 'deltaTo', 'samples']);
  const d = intFlag(a, 'd');
  checkD(d);
  const dissipator = stringFlag(a, 'dissipator', 'spin');
  if (dissipator !== 'spin' && dissipator !== 'flat') throw new CliError(`--dissipator must be spin or flat (got "${dissipator}")`);
  const V = numberFlag(a, 'V', 1);
  if (V === 0) throw new CliError('--V must be non-zero');
  const gammaC = numberFlag(a, 'gammaC', 0);
  if (gammaC < 0) throw new CliError(`--gammaC must be ≥ 0 (got ${gammaC})`);
  const da = numberFlag(a, 'deltaFrom', 2e-3), db = numberFlag(a, 'deltaTo', 0.1);
  if (!(da > 0 && db > da)) throw new CliError(`need 0 < --deltaFrom < --deltaTo (got ${da}, ${db})`);
  const samples = intFlag(a, 'samples', 30);
  if (samples < 3 || samples > 1000) throw new CliError('--samples must be between 3 and 1000');
  const r = fitExponents({ d, dissipator, V, gammaC, deltaRange: [da, db], samples });
  return {
    ...r,
    delta: Array.from(r.delta), absX: Array.from(r.absX), zPlusOne: Array.from(r.zPlusOne),
  };
}
