/**
 * The text that goes at the top of every exported matrix or state: the model, the code version
 * and the conventions a reader needs to use the numbers (Pausch et al., Sections II and IV;
 * DESIGN.md "Physics conventions"). ASCII only (Matrix Market readers may decode as ASCII).
 */
import type { ModelParams } from '../../src/physics/model/model.ts';
import type { PiBasis } from '../../src/physics/exact/piBasis.ts';
import type { SectorBasis } from '../../src/physics/exact/sectors.ts';
import { codeVersionLine } from './codeVersion.ts';

/** `N=4 d=3 dissipator=spin gammaI=0.5 gammaC=0.2 V=1` plus ell for a custom dissipator. */
export function modelLine(N: number, p: ModelParams, dissipator: string): string {
  const ell = dissipator === 'custom' ? ` ellRe=${Array.from(p.ell.re).join(',')} ellIm=${Array.from(p.ell.im).join(',')}` : '';
  return `N=${N} d=${p.d} dissipator=${dissipator}${ell} gammaI=${p.gammaI} gammaC=${p.gammaC} V=${p.V}`;
}

export const MODEL_CONVENTIONS = [
  'Model (Pausch et al., Eq. 3): d rho/dt = -i[H,rho] + (gammaI/j) sum_i D[L^(i)] rho + (gammaC/(N j)) D[L_C] rho,',
  '  H = V/(N j) (Jx^2 - Jy^2), L = sum_m ell_m |m><m+1| with ell_{-j} = sqrt(2j), L_C = sum_i L^(i), j = (d-1)/2.',
  'Single-particle levels k = 0..d-1 <-> m = -j + k (ascending m; note QuTiP jmat orders m from +j down).',
];

export const PI_BASIS_CONVENTIONS = [
  'Permutation-invariant (PI) basis: a label p = a*d + b stands for |a><b| (levels a, b counted from m = -j);',
  '  S_n = sum over the DISTINCT arrangements of the multiset n (occupations n_p, sum N) of the tensor products,',
  "  each with coefficient 1; <S_n, S_n'> = delta_{nn'} N!/prod_p n_p! (Hilbert-Schmidt).",
  'Hermitian sector elements: h_m = S_n if n = n^T, else h_m = e^{i theta_m} S_n + e^{-i theta_m} S_{n^T}',
  '  (n^T swaps a and b in every label); the Z2xZ2 sector (p1,p2) fixes which elements occur (Section IV).',
  'Elements are ordered by E = sum_i (a_i + b_i), then by the rank of n.',
];

/**
 * One comment line per sector element: `m E theta scale labels`, m 1-based, theta in radians,
 * scale = ||h_m||_HS, labels `a.b:count` of the representative n.
 */
export function basisLines(b: PiBasis, sec: SectorBasis, scale: Float64Array): string[] {
  const out = ['basis element lines: "element <m> <E> <theta> <||h_m||_HS> <a.b:count ...>" (n of the representative, levels from m=-j)'];
  for (let m = 0; m < sec.dim; m++) {
    const base = sec.rep[m] * b.D;
    const labels: string[] = [];
    for (let q = 0; q < b.D; q++) {
      const c = b.occ[base + q];
      if (c) labels.push(`${(q / b.d) | 0}.${q % b.d}:${c}`);
    }
    out.push(`element ${m + 1} ${sec.level[m]} ${sec.theta[m]} ${scale[m]} ${labels.join(' ')}`);
  }
  return out;
}

export function provenanceLine(): string {
  return `written by ${codeVersionLine()}`;
}
