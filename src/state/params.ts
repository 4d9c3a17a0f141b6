/**
 * The explorer's state that round-trips through the URL: physical parameters and the view.
 * Validation lives here so that the URL parser, the UI inputs and the store agree on limits.
 */
import { MAX_D } from '../contracts/model.ts';
import { MAX_TRAJECTORIES } from '../contracts/meanfield.ts';

export type ViewName = 'fig2' | 'fig3' | 'fig4' | 'finite' | 'fig5' | 'fig6' | 'fig7' | 'fig8';
export const VIEWS: ViewName[] = ['fig2', 'fig3', 'fig4', 'finite', 'fig5', 'fig6', 'fig7', 'fig8'];
export const MAP_QUANTITIES = ['purity', 'scaledPurity', 'Z', 'gap:+1,+1', 'gap:+1,-1', 'gap:-1,+1', 'gap:-1,-1'] as const;
export type MapQuantity = (typeof MAP_QUANTITIES)[number];
export type Dissipator = 'spin' | 'flat' | 'custom';

export interface ExplorerState {
  view: ViewName;
  d: number;
  dissipator: Dissipator;
  /** Custom ℓ_m (m = −j..j−1), real; only used when dissipator = 'custom'. */
  ell: number[];
  gammaI: number;
  gammaC: number;
  V: number;
  /** Fig. 2 projection. */
  projection: 'plane' | 'sphere';
  /** Fig. 2: show the paper's six panels at once. */
  grid: boolean;
  /** Fig. 3: number of random initial states, their seed, final time in 1/|V|, plot mode. */
  count: number;
  seed: number;
  tEnd: number;
  plot3d: boolean;
  /** Fig. 4: the d values drawn, the γ_I/|V| range end, and the large-spin overlay (Eq. 14). */
  fig4Ds: number[];
  fig4Max: number;
  largeSpin: boolean;
  /** Fig. 4: the γ_I = 0 periodic-orbit panel (Eq. 11). */
  orbits: boolean;
  /** Finite N (Sections IV–V): particle number, map resolution, map range in γ/|V|, shown quantity. */
  N: number;
  mapRes: number;
  mapMin: number;
  mapMax: number;
  mapQuantity: MapQuantity;
  /** Direction (rad) of the spin-coherent initial state of the finite-N dynamics. */
  theta: number;
  phi: number;
  /**
   * Fig. 3: the trajectory drawn highlighted (1-based index into the seeded initial states; 0 =
   * none), as the red line in the bottom-left panel of the paper's Fig. 3(b).
   */
  highlight: number;
  /** Fig. 6(b): the particle numbers N of the finite-size extrapolation (gaps versus 1/N). */
  sizeNs: number[];
  /** Figs. 6(a), 6(b): the single-particle dimensions d drawn (each with every N of sizeNs that fits the browser). */
  fig6Ds: number[];
  /** Finite-N maps (Figs. 5, 7 and the single map): colour scale shared from the data, a fixed range, or log10. */
  colorScale: 'shared' | 'fixed' | 'log';
  /** Figs. 5 and 7: compute the paper's (N, d) even where it is too slow for a live view. */
  paperSize: boolean;
  /** Lecture mode: parameter panel as a strip, plots filling the screen, projector fonts. */
  lecture: boolean;
  /** The equations panel (the model of the current view, typeset) is open. */
  info: boolean;
}

/** Keys of the presentation, not of the physics: presets keep them and never match on them. */
export const CHROME_KEYS: ReadonlyArray<keyof ExplorerState> = ['lecture', 'info'];

export const DEFAULTS: ExplorerState = {
  view: 'fig2',
  d: 2,
  dissipator: 'spin',
  ell: [],
  gammaI: 0.5,
  gammaC: 1.2,
  V: 1,
  projection: 'plane',
  grid: false,
  count: 20,
  seed: 1,
  tEnd: 50,
  plot3d: false,
  fig4Ds: [2, 3, 4, 5, 6, 7],
  fig4Max: 3,
  largeSpin: false,
  orbits: false,
  N: 4,
  mapRes: 10,
  mapMin: 0.35,
  mapMax: 4,
  mapQuantity: 'purity',
  theta: 2,
  phi: 0.4,
  highlight: 0,
  sizeNs: [2, 3, 4, 5, 6],
  fig6Ds: [2, 3, 4, 5],
  colorScale: 'shared',
  paperSize: false,
  lecture: false,
  info: false,
};

/** Largest |V|, γ accepted from inputs (beyond it the dynamics are too stiff for a live view). */
export const MAX_RATE = 1000;

type Check<T> = (raw: string) => { value: T } | { error: string };

/** A bound as a reader writes it (π rather than 3.141592653589793). */
const bound = (x: number) => (x === Math.PI ? 'π' : x === -Math.PI ? '−π' : x === 2 * Math.PI ? '2π' : String(x));

/** A number in [lo, hi] (an integer if asked); the message names the parameter and the range. */
export const num = (name: string, lo: number, hi: number, integer = false): Check<number> => (raw) => {
  const t = raw.trim();
  if (t === '') return { error: `${name} is empty` };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `${name} must be a number (got "${raw}")` };
  if (integer && !Number.isInteger(v)) return { error: `${name} must be an integer (got ${raw})` };
  if (v < lo || v > hi) return { error: `${name} must be between ${bound(lo)} and ${bound(hi)} (got ${v})` };
  return { value: v };
};

/**
 * The map-range fields' checks: each end on its own (CHECKS) and against the other end as it
 * stands, so that a range with start ≥ end never reaches the store (the model does not depend on
 * the range; an invalid one used to blank the whole finite-N page).
 */
export function mapRangeCheck(end: 'mapMin' | 'mapMax', other: number): Check<number> {
  return (raw) => {
    const r = CHECKS[end](raw);
    if ('error' in r) return r;
    if (end === 'mapMin' && r.value >= other) return { error: `γ/|V| from must be below to = ${other} (got ${r.value}); raise “to” first` };
    if (end === 'mapMax' && r.value <= other) return { error: `to must be above γ/|V| from = ${other} (got ${r.value}); lower “from” first` };
    return r;
  };
}

const oneOf = <T extends string>(name: string, options: readonly T[]): Check<T> => (raw) =>
  (options as readonly string[]).includes(raw) ? { value: raw as T } : { error: `${name} must be one of ${options.join(', ')} (got "${raw}")` };

const bool: Check<boolean> = (raw) =>
  raw === '1' || raw === 'true' ? { value: true } : raw === '0' || raw === 'false' ? { value: false } : { error: `expected 0 or 1 (got "${raw}")` };

const numList = (name: string): Check<number[]> => (raw) => {
  if (raw.trim() === '') return { value: [] };
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.some((x) => !Number.isFinite(x))) return { error: `${name} must be comma-separated numbers (got "${raw}")` };
  return { value: parts };
};

/** Per-key validators (also used by the UI's numeric inputs). */
export const CHECKS: { [K in keyof ExplorerState]: Check<ExplorerState[K]> } = {
  view: oneOf('view', VIEWS),
  d: num('d', 2, MAX_D, true),
  dissipator: oneOf('dissipator', ['spin', 'flat', 'custom'] as const),
  ell: numList('ell'),
  gammaI: num('γ_I', 0, MAX_RATE),
  gammaC: num('γ_C', 0, MAX_RATE),
  V: num('V', -MAX_RATE, MAX_RATE),
  projection: oneOf('projection', ['plane', 'sphere'] as const),
  grid: bool,
  count: num('number of trajectories', 1, MAX_TRAJECTORIES, true),
  seed: num('seed', 0, 2 ** 32 - 1, true),
  tEnd: num('final time', 0.01, 10000),
  plot3d: bool,
  fig4Ds: (raw) => {
    const r = numList('fig4Ds')(raw);
    if ('error' in r) return r;
    if (r.value.length === 0 || r.value.length > 12) return { error: 'fig4Ds must list 1 to 12 values of d' };
    if (r.value.some((d) => !Number.isInteger(d) || d < 2 || d > 12)) return { error: `fig4Ds: each d must be an integer from 2 to 12 (got "${raw}")` };
    return { value: [...new Set(r.value)].sort((a, b) => a - b) };
  },
  fig4Max: num('γ_I/|V| range', 0.5, 20),
  largeSpin: bool,
  orbits: bool,
  N: num('N', 1, 400, true),
  mapRes: num('map resolution', 2, 60, true),
  mapMin: num('map start', 0, 20),
  mapMax: num('map end', 0.05, 20),
  mapQuantity: oneOf('map quantity', MAP_QUANTITIES),
  theta: num('θ', 0, Math.PI),
  phi: num('φ', -2 * Math.PI, 2 * Math.PI),
  highlight: num('highlighted trajectory', 0, MAX_TRAJECTORIES, true),
  sizeNs: (raw) => {
    const r = numList('sizeNs')(raw);
    if ('error' in r) return r;
    if (r.value.length === 0 || r.value.length > 40) return { error: 'sizeNs must list 1 to 40 particle numbers N' };
    if (r.value.some((n) => !Number.isInteger(n) || n < 1 || n > 400)) return { error: `sizeNs: each N must be an integer from 1 to 400 (got "${raw}")` };
    return { value: [...new Set(r.value)].sort((a, b) => a - b) };
  },
  fig6Ds: (raw) => {
    const r = numList('fig6Ds')(raw);
    if ('error' in r) return r;
    if (r.value.length === 0 || r.value.length > 8) return { error: 'fig6Ds must list 1 to 8 values of d' };
    if (r.value.some((d) => !Number.isInteger(d) || d < 2 || d > 10)) return { error: `fig6Ds: each d must be an integer from 2 to 10 (got "${raw}")` };
    return { value: [...new Set(r.value)].sort((a, b) => a - b) };
  },
  colorScale: oneOf('colour scale', ['shared', 'fixed', 'log'] as const),
  paperSize: bool,
  lecture: bool,
  info: bool,
};

/** Cross-field check: returns an error message or null. */
export function consistencyError(s: ExplorerState): string | null {
  if (s.dissipator === 'custom') {
    if (s.ell.length !== s.d - 1) return `a custom dissipator needs d − 1 = ${s.d - 1} values ℓ_−j..ℓ_j−1 (got ${s.ell.length})`;
    if (s.ell[0] === 0) return 'ℓ_−j must be non-zero (it fixes the normalisation ℓ_−j = √(2j))';
  }
  return null;
}

/** Parses a query string; invalid entries fall back to defaults and are reported. */
export function parseQuery(query: string): { state: ExplorerState; notices: string[] } {
  const notices: string[] = [];
  const state: ExplorerState = { ...DEFAULTS, ell: [...DEFAULTS.ell] };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { state, notices: ['the link could not be read; showing the defaults'] };
  }
  // hostile links: many unknown keys are summarised, repeated keys reported, echoed values cut
  const unknown: string[] = [];
  const seen = new Map<string, number>();
  for (const [key, raw] of params) {
    if (!Object.prototype.hasOwnProperty.call(CHECKS, key)) {
      unknown.push(key);
      continue;
    }
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const k = key as keyof ExplorerState;
    const r = CHECKS[k](raw);
    if ('error' in r) notices.push(`${r.error.length > 160 ? r.error.slice(0, 150) + '…' : r.error}; using the default ${String(DEFAULTS[k])}`);
    else (state as unknown as Record<string, unknown>)[k] = r.value;
  }
  for (const [key, n] of seen) if (n > 1) notices.push(`${key} is given ${n} times; using the last valid value`);
  const cut = (k: string) => JSON.stringify(k.length > 24 ? k.slice(0, 24) + '…' : k);
  if (unknown.length === 1) notices.push(`unknown link parameter ${cut(unknown[0])} ignored`);
  else if (unknown.length > 1) notices.push(`${unknown.length} unknown link parameters ignored: ${unknown.slice(0, 5).map(cut).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  if (state.mapMin >= state.mapMax) {
    notices.push(`the map range needs start < end; using ${DEFAULTS.mapMin}–${DEFAULTS.mapMax}`);
    state.mapMin = DEFAULTS.mapMin;
    state.mapMax = DEFAULTS.mapMax;
  }
  const err = consistencyError(state);
  if (err) {
    notices.push(`${err}; using the spin dissipator`);
    state.dissipator = 'spin';
  }
  return { state, notices };
}

/**
 * Serialises the parts that differ from the defaults, plus view, d, dissipator and rates always,
 * and N on the views whose figures depend on it (every view but Figs. 2–4): a link written into
 * an exported file must reproduce it even if a later version changes a default.
 */
export function toQuery(s: ExplorerState): string {
  const q = new URLSearchParams();
  const always: Array<keyof ExplorerState> = ['view', 'd', 'dissipator', 'gammaI', 'gammaC', 'V', ...(['fig2', 'fig3', 'fig4'].includes(s.view) ? [] : ['N' as const])];
  for (const k of Object.keys(DEFAULTS) as Array<keyof ExplorerState>) {
    const v = s[k];
    const dv = DEFAULTS[k];
    const same = Array.isArray(v) ? v.join(',') === (dv as number[]).join(',') : v === dv;
    if (same && !always.includes(k)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return q.toString();
}
