/**
 * How to cite what is on screen: the paper, the explorer's version (package.json, set at build
 * time), and a one-line parameter stamp that exports (PNG, SVG, CSV) carry.
 */
import type { ExplorerState } from '../state/params.ts';
import { DISSIPATOR_LABEL } from '../state/vocabulary.ts';

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

export const PAPER = 'L. Pausch, F. Damanet, T. Bastin and J. Martin, “Dissipative phase transition: from qubits to qudits”';

export function citation(url: string): string {
  return `${PAPER}. Figures made with the Qudit DPT Explorer, version ${APP_VERSION}${url ? `, ${url}` : ''}.`;
}

export function bibtex(url: string): string {
  return [
    '@article{pausch_dpt_qudits,',
    '  author = {Pausch, Lukas and Damanet, Fran\\c{c}ois and Bastin, Thierry and Martin, John},',
    '  title  = {Dissipative phase transition: from qubits to qudits},',
    '}',
    '@software{qudit_dpt_explorer,',
    '  title   = {Qudit DPT Explorer},',
    `  version = {${APP_VERSION}},`,
    ...(url ? [`  url     = {${url}},`] : []),
    '}',
  ].join('\n');
}

const num = (x: number) => String(+x.toPrecision(6));

/** The parameters a figure of the current view depends on, one line, plain text (γ_I style). */
export function parameterStamp(s: ExplorerState): string {
  const aV = Math.abs(s.V) || 1;
  const rates = `γ_I/|V| = ${num(s.gammaI / aV)}, γ_C/|V| = ${num(s.gammaC / aV)}, V = ${num(s.V)}`;
  const model = s.view === 'fig2' ? `d = 2 (Eq. 10), ${rates}` : `d = ${s.d}, ${DISSIPATOR_LABEL[s.dissipator]}${s.dissipator === 'custom' ? ` [${s.ell.join(', ')}]` : ''}, ${rates}`;
  const extra = s.view === 'fig3' ? `, ${s.count} trajectories, seed ${s.seed}, |V| t ≤ ${num(s.tEnd)}` : !['fig2', 'fig4'].includes(s.view) ? `, N = ${s.N}` : '';
  return `${model}${extra}`;
}

/** The stamp printed on exported images and written atop CSV files. */
export function exportStamp(s: ExplorerState): string {
  return `Qudit DPT Explorer ${APP_VERSION} · ${parameterStamp(s)} · model of Pausch, Damanet, Bastin & Martin`;
}
