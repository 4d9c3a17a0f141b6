/**
 * The equations the current view solves, as TeX with the current parameter values substituted
 * (rendered by EquationsPanel with KaTeX). Numbering follows Pausch et al.: Eq. (3) the master
 * equation, (4)–(6) the dissipator ℓ_m, (9) the mean field, (10) its qubit form, (15)–(16) the
 * gaps, (17) the negativity.
 */
import type { ExplorerState } from '../state/params.ts';
import { DISSIPATOR_LABEL, GLOSSARY } from '../state/vocabulary.ts';

export interface Equation {
  /** Paper's equation number(s), e.g. "3" or "15–16". */
  eq: string;
  /** What it is, one line of plain text. */
  caption: string;
  /** Display TeX lines (each rendered in display mode). */
  tex: string[];
}

/** A number for TeX: up to 4 significant digits, no exponent for the usual range. */
export function texNum(x: number): string {
  if (!Number.isFinite(x)) return '\\infty';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a >= 1e-3 && a < 1e5 ? String(+x.toPrecision(4)) : x.toExponential(3).replace(/e([+-]?)(\d+)/, (_m, sg, e) => `\\times 10^{${sg === '-' ? '-' : ''}${e}}`);
  return s;
}

/** j = (d − 1)/2 as TeX (an integer or a half-integer fraction). */
export function texJ(d: number): string {
  return (d - 1) % 2 === 0 ? String((d - 1) / 2) : `\\tfrac{${d - 1}}{2}`;
}

/** √k for an integer k, simplified when k is a perfect square. */
function texSqrt(k: number): string {
  const r = Math.round(Math.sqrt(k));
  return r * r === k ? String(r) : `\\sqrt{${k}}`;
}

/** The ℓ_m (m = −j..j−1) of the current dissipator, as TeX entries, normalised so ℓ_−j = √(2j). */
export function ellTex(s: Pick<ExplorerState, 'd' | 'dissipator' | 'ell'>): string[] {
  const d = s.d, twoJ = d - 1;
  if (s.dissipator === 'spin') {
    // ℓ_m = A_{j,m} = √((j − m)(j + m + 1)); with m = −j + k: (2j − k)(k + 1), an integer
    return Array.from({ length: twoJ }, (_, k) => texSqrt((twoJ - k) * (k + 1)));
  }
  if (s.dissipator === 'flat') return Array.from({ length: twoJ }, () => texSqrt(twoJ));
  const c = s.ell[0] ? Math.sqrt(twoJ) / s.ell[0] : NaN;
  return s.ell.map((l) => texNum(l * c));
}

const mLabel = (d: number, k: number) => {
  // m = −j + k as TeX
  const twoM = -(d - 1) + 2 * k;
  if (twoM % 2 === 0) return String(twoM / 2);
  return `${twoM < 0 ? '-' : ''}\\frac{${Math.abs(twoM)}}{2}`;
};

/** "+ c·x" / "− c·x" for a signed coefficient (c = 1 written as x). */
function term(c: number, x: string, first = false): string {
  if (c === 0) return first ? '0' : '';
  const sign = c < 0 ? '-' : first ? '' : '+';
  const a = Math.abs(c);
  return `${sign} ${a === 1 && x ? '' : texNum(a)}${x ? `\\,${x}` : ''} `;
}

/** C(n, k), exact for the dimensions shown (up to 2^53). */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

export function equationsFor(s: ExplorerState): Equation[] {
  const d = s.view === 'fig2' ? 2 : s.d;
  const j = texJ(d);
  const jNum = (d - 1) / 2;
  const finite = !['fig2', 'fig3', 'fig4'].includes(s.view);
  const Nsym = finite ? String(s.N) : 'N';
  const ell = ellTex({ d, dissipator: s.view === 'fig2' ? 'spin' : s.dissipator, ell: s.ell });
  const eqs: Equation[] = [];
  const NjV = finite ? s.V / (s.N * jNum) : s.V / jNum;
  const gIj = s.gammaI / jNum, gCj = finite ? s.gammaC / (s.N * jNum) : s.gammaC / jNum;
  // the 1/N of the mean-field scalings, folded into the coefficient: c/N
  const perN = (c: number) => (finite ? texNum(c) : `\\tfrac{${texNum(c)}}{N}`);

  eqs.push({
    eq: '3',
    caption: `Master equation (ħ = 1) for N ${finite ? `= ${s.N}` : '→ ∞'} qudits of d = ${d} levels (j = ${d % 2 ? (d - 1) / 2 : `${d - 1}/2`}), H of Eq. (2)`,
    tex: [
      `\\dot\\rho = -i\\Big[\\tfrac{V}{Nj}\\big(J_x^2 - J_y^2\\big), \\rho\\Big] + \\frac{\\gamma_I}{j}\\sum_{i=1}^{N}\\mathcal{D}\\big[L^{(i)}\\big]\\rho + \\frac{\\gamma_C}{Nj}\\,\\mathcal{D}[L_C]\\rho`,
      `= -i\\Big[${perN(NjV)}\\big(J_x^2 - J_y^2\\big), \\rho\\Big] ${term(gIj, `\\sum_{i=1}^{${Nsym}}\\mathcal{D}\\big[L^{(i)}\\big]\\rho`) || ''}${gCj === 0 ? '' : `+ ${perN(gCj)}\\,\\mathcal{D}[L_C]\\rho`}`,
      `\\mathcal{D}[L]\\rho = L\\rho L^\\dagger - \\tfrac12\\{L^\\dagger L, \\rho\\},\\qquad j = ${j}`,
    ],
  });
  eqs.push({
    eq: s.view === 'fig2' || s.dissipator === 'spin' ? '4–5' : s.dissipator === 'flat' ? '4, 6' : '4',
    caption: `Dissipator: ${s.view === 'fig2' ? DISSIPATOR_LABEL.spin + ' (for d = 2 every ℓ is the same)' : DISSIPATOR_LABEL[s.dissipator]}, L_C = Σ_i L^{(i)}, normalised so ℓ_{−j} = √(2j)`,
    tex: [
      `L^{(i)} = \\sum_{m=-j}^{j-1} \\ell_m\\, |m\\rangle_i\\langle m+1|_i,\\qquad (${Array.from({ length: d - 1 }, (_, k) => `\\ell_{${mLabel(d, k)}}`).join(', ')}) = (${ell.join(', ')})`,
    ],
  });

  const aV = Math.abs(s.V);
  const ratio = aV > 0 ? (s.gammaI + s.gammaC) / aV : Infinity;
  const critical = `\\frac{\\gamma_I + \\gamma_C}{|V|} = ${texNum(ratio)} ${ratio > 2 ? '>' : ratio < 2 ? '<' : '='} 2`;
  if (s.view === 'fig2') {
    eqs.push({
      eq: '10',
      caption: 'Qubit mean field (N → ∞, d = 2), the flow drawn in Fig. 2',
      tex: [
        `\\dot X = -2V\\,YZ - \\gamma_I X + \\gamma_C XZ = ${term(-2 * s.V, 'YZ', true)}${term(-s.gammaI, 'X')}${term(s.gammaC, 'XZ')}`,
        `\\dot Y = -2V\\,XZ - \\gamma_I Y + \\gamma_C YZ = ${term(-2 * s.V, 'XZ', true)}${term(-s.gammaI, 'Y')}${term(s.gammaC, 'YZ')}`,
        `\\dot Z = 4V\\,XY - 2\\gamma_I(Z+1) - \\gamma_C(X^2+Y^2) = ${term(4 * s.V, 'XY', true)}${term(-2 * s.gammaI, '(Z+1)')}${term(-s.gammaC, '(X^2+Y^2)')}`,
        `${critical}\\quad(\\text{transition at } \\gamma_I+\\gamma_C = 2|V|)`,
      ],
    });
  } else if (s.view === 'fig3' || s.view === 'fig4') {
    eqs.push({
      eq: '9',
      caption: `Mean field (N → ∞) for d = ${d}: ${d * d - 1} real equations for the single-particle density matrix (Eqs. 7–8)`,
      tex: [
        `\\langle \\dot S_{\\alpha;m,n}\\rangle = V f_{\\alpha;m,n} + \\gamma_I\\, g_{\\alpha;m,n} + \\gamma_C\\, h_{\\alpha;m,n}`,
        `= ${term(s.V, 'f_{\\alpha;m,n}', true)}${term(s.gammaI, 'g_{\\alpha;m,n}')}${term(s.gammaC, 'h_{\\alpha;m,n}')}`,
        `S_{x;m,n} = \\tfrac{1}{2N}\\textstyle\\sum_i \\big(|m\\rangle_i\\langle n|_i + |n\\rangle_i\\langle m|_i\\big)`,
        `S_{y;m,n} = \\tfrac{1}{2iN}\\textstyle\\sum_i \\big(|m\\rangle_i\\langle n|_i - |n\\rangle_i\\langle m|_i\\big)`,
        `f\\!: A_{j,\\mu}A_{j,\\nu};\\quad g, h\\!: \\operatorname{Re}[\\ell^*_\\mu\\ell_\\nu],\\ \\operatorname{Im}[\\ell^*_\\mu\\ell_\\nu],\\ |\\ell_\\mu|^2 + |\\ell_\\nu|^2`,
        `${critical}`,
      ],
    });
  } else {
    const NA = Math.ceil(s.N / 2);
    eqs.push({
      eq: '15–16',
      caption: 'Liouvillian gaps per symmetry sector (p1, p2) of Π1, Π2; the steady state λ0 = 0 lies in (+1, +1)',
      tex: [
        `\\Delta^{(p_1,p_2)} = -\\operatorname{Re}\\,\\lambda_0^{(p_1,p_2)},\\quad (p_1,p_2) \\neq (+1,+1)`,
        `\\Delta^{(+1,+1)} = -\\operatorname{Re}\\,\\lambda_1^{(+1,+1)}`,
        `\\mathcal{L}\\ \\text{on the permutation-invariant space: } \\dim = \\binom{N+d^2-1}{N} = \\binom{${s.N + d * d - 1}}{${s.N}} = ${binomial(s.N + d * d - 1, s.N).toLocaleString('en-US').replace(/,/g, '\\,')}`,
      ],
    });
    eqs.push({
      eq: '17',
      caption: `Negativity of the steady state for the bipartition N_A = ⌈N/2⌉ = ${NA}, N_B = ${s.N - NA}`,
      tex: [`\\mathcal{N}_{A|B}[\\rho] = \\sum_{\\lambda \\in \\operatorname{spec}\\rho^{T_B},\\ \\lambda < 0} |\\lambda|,\\qquad N_A = ${NA},\\ N_B = ${s.N - NA}`],
    });
  }
  return eqs;
}

/** The glossary as TeX + text (the equations panel's definitions). */
export const DEFINITIONS = GLOSSARY;

/** The current values line: γ_I, γ_C, V and the ratios, as TeX. */
export function valuesTex(s: ExplorerState): string {
  const aV = Math.abs(s.V);
  const parts = [`\\gamma_I = ${texNum(s.gammaI)}`, `\\gamma_C = ${texNum(s.gammaC)}`, `V = ${texNum(s.V)}`];
  if (aV > 0 && aV !== 1) parts.push(`\\gamma_I/|V| = ${texNum(s.gammaI / aV)}`, `\\gamma_C/|V| = ${texNum(s.gammaC / aV)}`);
  if (s.view !== 'fig2') parts.push(`d = ${s.d}`);
  if (!['fig2', 'fig3', 'fig4'].includes(s.view)) parts.push(`N = ${s.N}`);
  return parts.join(',\\quad ');
}
