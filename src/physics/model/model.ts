/**
 * The model of Pausch et al., Section II: N spin-j particles, d = 2j + 1 levels.
 *
 * Level index k = 0..d-1 corresponds to m = -j + k (ascending m). Dense single-particle
 * operators are d×d row-major Float64Arrays (real operators) or {re, im} pairs.
 *
 * The dissipator is the vector ℓ of Eq. (4): L = Σ_m ℓ_m |m⟩⟨m+1|, with d-1 complex entries
 * ℓ_{-j}..ℓ_{j-1}, normalised so that ℓ_{-j} = sqrt(2j) (the paper's convention, which puts the
 * mean-field critical line at γ_I + γ_C = 2|V| for every d).
 */

import { MAX_D, dError, ellError, ratesError, type DissipatorKind, type ParamSpec } from '../../contracts/model.ts';

export { MAX_D };
export type { DissipatorKind, ParamSpec };

/** Physical parameters shared by every engine. Rates and V in the same (arbitrary) unit; t in its inverse (ħ = 1). */
export interface ModelParams {
  d: number;
  /** ℓ_m, m = -j..j-1: real and imaginary parts, length d-1 each. */
  ell: Ell;
  gammaI: number;
  gammaC: number;
  V: number;
}

export interface Ell {
  re: Float64Array;
  im: Float64Array;
}

/** Spin quantum number j = (d-1)/2. */
export function spinJ(d: number): number {
  return (d - 1) / 2;
}

/** A_{j,m} = sqrt((j-m)(j+m+1)), the matrix element ⟨m+1|j_+|m⟩ (Eq. 1a); k = m + j. */
export function ladderCoefficient(d: number, k: number): number {
  const j = spinJ(d);
  const m = -j + k;
  return Math.sqrt(Math.max(0, (j - m) * (j + m + 1)));
}

/** Throws a clear error unless d is an integer with 2 ≤ d ≤ MAX_D. */
export function checkD(d: number): void {
  const e = dError(d);
  if (e) throw new RangeError(e);
}

/**
 * The dissipator vector ℓ for a named kind: `spin` gives ℓ_m = A_{j,m} (Eq. 5, L = j_-),
 * `flat` gives ℓ_m = sqrt(2j) for all m (Eq. 6). Both satisfy ℓ_{-j} = sqrt(2j) and coincide
 * for d = 2, 3.
 */
export function dissipatorEll(d: number, kind: 'spin' | 'flat'): Ell {
  checkD(d);
  const re = new Float64Array(d - 1);
  const im = new Float64Array(d - 1);
  const j = spinJ(d);
  for (let k = 0; k < d - 1; k++) re[k] = kind === 'spin' ? ladderCoefficient(d, k) : Math.sqrt(2 * j);
  return { re, im };
}

/**
 * A user-given ℓ (complex, length d-1), rescaled to the paper's convention ℓ_{-j} = sqrt(2j)
 * by the invariance ℓ ↦ cℓ, γ ↦ γ/|c|² (Section II). The rescaling is applied to ℓ only: the
 * rates the user enters are understood in the normalised convention.
 */
export function customEll(d: number, re: ArrayLike<number>, im?: ArrayLike<number>): Ell {
  checkD(d);
  const e = ellError(d, re, im);
  if (e) throw new RangeError(e);
  const r = Float64Array.from(re);
  const i = im ? Float64Array.from(im) : new Float64Array(d - 1);
  const a0 = Math.hypot(r[0], i[0]);
  // multiply by c = sqrt(2j) * conj(ℓ_{-j}) / |ℓ_{-j}|², so that c ℓ_{-j} = sqrt(2j) exactly (real).
  const s = Math.sqrt(d - 1);
  const cr = (s * r[0]) / (a0 * a0);
  const ci = (-s * i[0]) / (a0 * a0);
  const outRe = new Float64Array(d - 1);
  const outIm = new Float64Array(d - 1);
  for (let k = 0; k < d - 1; k++) {
    outRe[k] = cr * r[k] - ci * i[k];
    outIm[k] = cr * i[k] + ci * r[k];
  }
  outRe[0] = s;
  outIm[0] = 0;
  return { re: outRe, im: outIm };
}

/** Whether ℓ is real (then Π2 is a symmetry of Eq. (3), Section II). */
export function ellIsReal(ell: Ell): boolean {
  return ell.im.every((x) => x === 0);
}

/** Dense j_+ (row-major d×d, real): ⟨k+1|j_+|k⟩ = A_{j,m}. */
export function jPlus(d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let k = 0; k < d - 1; k++) a[(k + 1) * d + k] = ladderCoefficient(d, k);
  return a;
}

/** Dense j_z (row-major d×d, real diagonal m = -j..j). */
export function jZ(d: number): Float64Array {
  const a = new Float64Array(d * d);
  const j = spinJ(d);
  for (let k = 0; k < d; k++) a[k * d + k] = -j + k;
  return a;
}

/** Dense L of Eq. (4) as {re, im} row-major d×d: ⟨k|L|k+1⟩ = ℓ_k. */
export function lindbladOperator(d: number, ell: Ell): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(d * d);
  const im = new Float64Array(d * d);
  for (let k = 0; k < d - 1; k++) {
    re[k * d + k + 1] = ell.re[k];
    im[k * d + k + 1] = ell.im[k];
  }
  return { re, im };
}

/** Validates rates and V; throws a RangeError naming the offending parameter. */
export function checkRates(p: { gammaI: number; gammaC: number; V: number }): void {
  const e = ratesError(p);
  if (e) throw new RangeError(e);
}

/** Builds validated ModelParams from a named or custom dissipator. */
export function makeParams(p: Omit<ParamSpec, 'ellRe' | 'ellIm'> & { ellRe?: ArrayLike<number>; ellIm?: ArrayLike<number> }): ModelParams {
  checkD(p.d);
  checkRates(p);
  const ell =
    p.dissipator === 'custom'
      ? customEll(p.d, p.ellRe ?? [], p.ellIm)
      : dissipatorEll(p.d, p.dissipator);
  return { d: p.d, ell, gammaI: p.gammaI, gammaC: p.gammaC, V: p.V };
}
