/**
 * Flags shared by the exact finite-N commands (sectors, steady-state, spectrum, gaps,
 * time-evolve): --N --d --dissipator spin|flat|custom [--ellRe a,b,.. --ellIm ..]
 * --gammaI --gammaC --V, and --budgetGiB for the memory guard. `--ell` is accepted for --ellRe,
 * as in the mean-field commands.
 */
import { type CliArgs, CliError, intFlag, numberFlag, numberListFlag, stringFlag } from './args.ts';
import { type DissipatorKind, type ModelParams, makeParams } from '../src/physics/model.ts';

export const MODEL_FLAGS = ['N', 'd', 'dissipator', 'ell', 'ellRe', 'ellIm', 'gammaI', 'gammaC', 'V', 'budgetGiB'];

export function sizeFlags(a: CliArgs): { N: number; d: number } {
  const N = intFlag(a, 'N');
  const d = intFlag(a, 'd');
  if (N < 1) throw new CliError(`--N must be ≥ 1 (got ${N})`);
  return { N, d };
}

export function modelFlags(a: CliArgs): { N: number; p: ModelParams; budgetBytes?: number } {
  const { N, d } = sizeFlags(a);
  const dissipator = stringFlag(a, 'dissipator', 'spin');
  if (!['spin', 'flat', 'custom'].includes(dissipator)) throw new CliError(`--dissipator must be spin, flat or custom (got "${dissipator}")`);
  const p = makeParams({
    d,
    dissipator: dissipator as DissipatorKind,
    // --ell (as in the mean-field commands) and --ellRe are the same flag
    ellRe: dissipator === 'custom' ? numberListFlag(a, a.flags.has('ell') ? 'ell' : 'ellRe') : undefined,
    ellIm: dissipator === 'custom' && a.flags.has('ellIm') ? numberListFlag(a, 'ellIm') : undefined,
    gammaI: numberFlag(a, 'gammaI'),
    gammaC: numberFlag(a, 'gammaC'),
    V: numberFlag(a, 'V'),
  });
  const budgetBytes = a.flags.has('budgetGiB') ? numberFlag(a, 'budgetGiB') * 1024 ** 3 : undefined;
  return { N, p, budgetBytes };
}
