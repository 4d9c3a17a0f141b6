/**
 * Model parameters as they cross layers (URL, UI, worker messages, CLI) and the checks every
 * layer applies to them, so a bad value gets the same message wherever it is entered.
 * Conventions: Pausch et al., Section II (d = 2j + 1 levels; ℓ_{-j} = sqrt(2j) after normalisation).
 */

export type DissipatorKind = 'spin' | 'flat' | 'custom';

/** Largest d the explorer accepts anywhere (single-particle dimension). */
export const MAX_D = 20;

/**
 * Plain, serialisable parameters (what crosses a worker boundary or comes from a URL/CLI):
 * a named or custom dissipator instead of the ℓ vector. Rates and V in one arbitrary unit.
 */
export interface ParamSpec {
  d: number;
  dissipator: DissipatorKind;
  /** Custom ℓ_m, m = −j..j−1 (length d − 1), real and imaginary parts; only for 'custom'. */
  ellRe?: number[];
  ellIm?: number[];
  gammaI: number;
  gammaC: number;
  V: number;
}

/** Null when d is an integer with 2 ≤ d ≤ MAX_D, else the message. */
export function dError(d: number): string | null {
  if (!Number.isFinite(d) || !Number.isInteger(d) || d < 2 || d > MAX_D) return `d must be an integer with 2 ≤ d ≤ ${MAX_D} (got ${d})`;
  return null;
}

/**
 * Largest |γ_I|, |γ_C|, |V| accepted by the engines. The model depends only on ratios of the
 * rates (and t scales inversely), so nothing is lost; beyond it products of rates in the
 * Liouvillian and its factorisations approach overflow.
 */
export const MAX_RATE_MAGNITUDE = 1e12;

/** Null when γ_I, γ_C ≥ 0 and V are finite numbers of magnitude ≤ MAX_RATE_MAGNITUDE, else a message naming the parameter. */
export function ratesError(p: { gammaI: number; gammaC: number; V: number }): string | null {
  for (const [name, v] of [['gammaI', p.gammaI], ['gammaC', p.gammaC], ['V', p.V]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${name} must be a finite number (got ${v})`;
    if (Math.abs(v) > MAX_RATE_MAGNITUDE) return `${name} must be at most ${MAX_RATE_MAGNITUDE.toExponential()} in magnitude (got ${v}; only ratios of rates matter: rescale them)`;
  }
  if (p.gammaI < 0) return `gammaI must be ≥ 0 (got ${p.gammaI})`;
  if (p.gammaC < 0) return `gammaC must be ≥ 0 (got ${p.gammaC})`;
  return null;
}

/** Null when a custom ℓ (length d − 1, finite, ℓ_{-j} ≠ 0) is acceptable, else the message. */
export function ellError(d: number, re: ArrayLike<number>, im?: ArrayLike<number>): string | null {
  if (re.length !== d - 1 || (im && im.length !== d - 1)) return `a custom dissipator needs d-1 = ${d - 1} entries ℓ_-j..ℓ_(j-1) (got ${re.length})`;
  for (let k = 0; k < d - 1; k++) {
    if (!Number.isFinite(re[k]) || (im && !Number.isFinite(im[k]))) return `ℓ entry ${k} is not a finite number`;
  }
  if (Math.hypot(re[0], im ? im[0] : 0) === 0) return 'ℓ_{-j} must be non-zero (it sets the normalisation ℓ_{-j} = sqrt(2j))';
  return null;
}

/** Null when the whole ParamSpec is valid, else the first problem found. */
export function paramSpecError(p: ParamSpec): string | null {
  return dError(p.d) ?? ratesError(p) ?? (p.dissipator === 'custom' ? ellError(p.d, p.ellRe ?? [], p.ellIm) : null);
}
