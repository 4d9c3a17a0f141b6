/**
 * Model flags shared by every command: --d --dissipator spin|flat|custom [--ell a,b,.. (alias
 * --ellRe) --ellIm ..] --gammaI --gammaC --V; the exact finite-N commands (sectors,
 * steady-state, spectrum, gaps, time-evolve) add --N and --budgetGiB for the memory guard.
 */
import { type CliArgs, CliError, intFlag, numberFlag, numberListFlag, stringFlag } from './args.ts';
import { type DissipatorKind, type ModelParams, makeParams } from '../src/physics/model/model.ts';

/** Flags of paramsFlags(). */
export const PARAM_FLAGS = ['d', 'dissipator', 'ell', 'ellRe', 'ellIm', 'gammaI', 'gammaC', 'V'];
/** Flags of modelFlags(). */
export const MODEL_FLAGS = ['N', ...PARAM_FLAGS, 'budgetGiB'];

export function sizeFlags(a: CliArgs): { N: number; d: number } {
  const N = intFlag(a, 'N');
  const d = intFlag(a, 'd');
  if (N < 1) throw new CliError(`--N must be ≥ 1 (got ${N})`);
  return { N, d };
}

/** d, dissipator (with a custom ℓ) and the rates, validated (RangeError / CliError on bad input). */
export function paramsFlags(a: CliArgs): ModelParams {
  const d = intFlag(a, 'd');
  const dissipator = stringFlag(a, 'dissipator', 'spin');
  if (!['spin', 'flat', 'custom'].includes(dissipator)) throw new CliError(`--dissipator must be spin, flat or custom (got "${dissipator}")`);
  return makeParams({
    d,
    dissipator: dissipator as DissipatorKind,
    // --ell (as in the mean-field commands) and --ellRe are the same flag
    ellRe: dissipator === 'custom' ? numberListFlag(a, a.flags.has('ell') ? 'ell' : 'ellRe') : undefined,
    ellIm: dissipator === 'custom' && a.flags.has('ellIm') ? numberListFlag(a, 'ellIm') : undefined,
    gammaI: numberFlag(a, 'gammaI'),
    gammaC: numberFlag(a, 'gammaC'),
    V: numberFlag(a, 'V'),
  });
}

/**
 * `--maxFactorGFlop g`: the largest exact factorisation (GFlop per shift) the engine may do
 * before it falls back to the uncertified ILUT + GMRES path (engine defaults: 100 GFlop for
 * spectra and gaps, several factorisations per sector; 2 000 for the steady state's one real
 * factorisation — seconds to minutes in one Node thread at ≈ 16 GFlop/s). The paper's Fig. 5 sizes need ≈ 4 000–13 000 (hours per point);
 * raise it for batch runs. Undefined when the flag is absent.
 */
export function maxFactorFlopsFlag(a: CliArgs): number | undefined {
  if (!a.flags.has('maxFactorGFlop')) return undefined;
  const g = numberFlag(a, 'maxFactorGFlop');
  if (!(g > 0) || !Number.isFinite(g)) throw new CliError(`--maxFactorGFlop must be a positive number of GFlop (got ${g})`);
  return g * 1e9;
}

export function modelFlags(a: CliArgs): { N: number; p: ModelParams; budgetBytes?: number } {
  const { N } = sizeFlags(a);
  const p = paramsFlags(a);
  const budgetBytes = a.flags.has('budgetGiB') ? numberFlag(a, 'budgetGiB') * 1024 ** 3 : undefined;
  return { N, p, budgetBytes };
}
