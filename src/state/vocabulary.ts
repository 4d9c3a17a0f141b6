/**
 * One vocabulary for the whole explorer: the names of the dissipators and of the quantities, as
 * the menu, the titles, the presets, the equations panel, the exports and the tooltips use them.
 * Plain text with `_x` / `^x` for sub- and superscripts; src/ui/typeset.tsx turns those into
 * <sub>/<sup> for the page and for Plotly (titles, legends, exported PNG/SVG).
 */
import type { Dissipator } from './params.ts';

/** The dissipator's name everywhere (Eqs. 5 and 6 of the paper; a custom ℓ_m vector). */
export const DISSIPATOR_LABEL: Record<Dissipator, string> = {
  spin: 'spin (L = j₋)',
  flat: 'flat (m-independent)',
  custom: 'custom ℓ',
};

/** Where each dissipator comes from, for tooltips. */
export const DISSIPATOR_SOURCE: Record<Dissipator, string> = {
  spin: 'spin ladder L^(i) = j_−^(i), ℓ_m = A_{j,m} = √((j−m)(j+m+1)) — Eq. (5)',
  flat: 'm-independent L^(i) = √(2j) Σ_m |m⟩⟨m+1|, ℓ_m = √(2j) — Eq. (6)',
  custom: 'your own ℓ_m (m = −j..j−1), rescaled so that ℓ_−j = √(2j) — Eq. (4)',
};

/** One-line definitions of the quantities the views show (equations panel and tooltips). */
export const GLOSSARY: Array<{ term: string; tex: string; text: string; match: RegExp }> = [
  { term: 'X, Y, Z', tex: 'X,Y,Z = \\langle J_x\\rangle,\\langle J_y\\rangle,\\langle J_z\\rangle / (Nj)', text: 'scaled collective spin: ⟨J_x⟩, ⟨J_y⟩, ⟨J_z⟩ divided by Nj (mean field: ⟨j_a⟩/j); Z = −1 is the z-polarised state', match: /(^|[^\p{L}])[XYZ]([^\p{L}]|$)/u },
  { term: 'purity', tex: '\\operatorname{Tr}\\rho_{ss}^2', text: 'purity Tr ρ² of the steady state: 1 for a pure state, ≥ d^−N always', match: /purity|Tr ρ²/ },
  { term: 'd^N Tr ρ²', tex: 'd^N \\operatorname{Tr}\\rho_{ss}^2', text: 'purity scaled by the Hilbert-space dimension: 1 for the maximally mixed state, d^N for a pure one (Sec. V)', match: /d\^N/ },
  { term: 'residual', tex: '\\lVert \\mathcal{L} v - \\lambda v\\rVert / \\lVert v\\rVert', text: 'how well a computed eigenpair (or steady state, λ = 0) satisfies ℒv = λv; small is necessary, not sufficient (non-normal ℒ)', match: /residual/ },
  { term: 'sector (p1, p2)', tex: '(p_1, p_2) \\in \\{\\pm 1\\}^2', text: 'parities under the symmetries Π_1: A ↦ exp(iπJ_z) A exp(−iπJ_z) and Π_2 (antiunitary, ⟨J_x⟩ ↔ ⟨J_y⟩); the steady state lies in (+1, +1)', match: /sector|\(p1, ?p2\)|\([+−-]1, ?[+−-]1\)/ },
  { term: 'Δ(p1, p2)', tex: '\\Delta^{(p_1,p_2)}', text: 'Liouvillian gap of a sector, Eqs. (15)–(16): it closes (N → ∞) where the steady state breaks that symmetry', match: /Δ|gap/ },
];

/** Looks a term up in the glossary (for tooltips), by its exact name or a leading match. */
export function define(term: string): string | undefined {
  const t = term.trim();
  return GLOSSARY.find((g) => g.term === t || t.startsWith(g.term))?.text;
}

/** The definitions of every glossary term a label mentions, one per line (a tooltip), or undefined. */
export function definitionsIn(label: string): string | undefined {
  const hits = GLOSSARY.filter((g) => g.match.test(label)).map((g) => `${g.term}: ${g.text}`);
  return hits.length ? hits.join('\n') : undefined;
}
