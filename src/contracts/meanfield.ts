/**
 * Requests and results of the mean-field views (Figs. 2 and 3 of Pausch et al.) as they cross
 * the worker boundary. Arrays are Float64Array/Int32Array (transferred, not copied).
 */
import type { ParamSpec } from './model.ts';

export type Fig2Projection = 'plane' | 'sphere';

/** The qubit flow of Eq. (10) at one parameter point (rates and V in one unit). */
export interface Fig2Request {
  gammaI: number;
  gammaC: number;
  V: number;
  projection: Fig2Projection;
  /** Seed-grid density of the stream plot (default 16). */
  density?: number;
}

/** Stream lines of a planar flow. */
export interface Streamlines {
  /** Concatenated polylines; line i spans [starts[i], starts[i+1]). */
  x: Float64Array;
  y: Float64Array;
  starts: Int32Array;
  /** One arrow per line: position and direction angle (radians, from +x, counter-clockwise). */
  arrowX: Float64Array;
  arrowY: Float64Array;
  arrowAngle: Float64Array;
  /** Local speed |F| at each point (for colouring). */
  speed: Float64Array;
}

export interface Fig2Point {
  /** Plot coordinates (u or φ horizontally, Z vertically). */
  h: number;
  v: number;
  stability: 'stable' | 'unstable' | 'center' | 'marginal';
  label: string;
  X: number;
  Y: number;
  Z: number;
}

export interface Fig2Result {
  projection: Fig2Projection;
  lines: Streamlines;
  fixedPoints: Fig2Point[];
  /** (γ_I + γ_C)/|V|; the transition is at 2. Infinity when V = 0. */
  ratio: number;
  /** Whether the flow drawn is exact (true) or a tangential projection (false). */
  exact: boolean;
}

/** The six panels of the paper's Fig. 2: rows γ_C = 0, γ_C = 2γ_I, γ_I = 0; columns (γ_I+γ_C)/|V| = 1.7, 2.3. */
export const FIG2_GRID: Array<{ row: string; ratio: number; gammaI: number; gammaC: number }> = [
  ['γ_C = 0', 1, 0],
  ['γ_C = 2γ_I', 1 / 3, 2 / 3],
  ['γ_I = 0', 0, 1],
].flatMap(([row, fi, fc]) =>
  [1.7, 2.3].map((ratio) => ({ row: row as string, ratio, gammaI: ratio * (fi as number), gammaC: ratio * (fc as number) })),
);

export const MAX_TRAJECTORIES = 200;
export const MAX_SAMPLES = 5000;

/** Fig. 3: mean-field trajectories (Eq. 9) from `count` seeded spin-coherent states. */
export interface Fig3Request {
  spec: ParamSpec;
  count: number;
  seed: number;
  /** Final time in units of 1/|V| (or of 1/(γ_I + γ_C) when V = 0). */
  tEndScaled: number;
  samples: number;
  rtol?: number;
}

export interface Fig3Result {
  times: Float64Array;
  /** Row-major count × samples. */
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
  count: number;
  samples: number;
  /** Largest |Tr ϱ − 1| over all trajectories and samples. */
  traceError: number;
  /** Smallest eigenvalue of ϱ seen (positivity monitor; ≈ 0 or positive when fine). */
  minEigenvalue: number;
  steps: number;
  /** The request's final time in units of 1/|V| (or 1/(γ_I + γ_C) when V = 0): the plotted unit. */
  tEndScaled: number;
}

/** Parameter-panel controls a view may not use. */
export type ViewControl = 'd' | 'dissipator';

/**
 * Controls that do not apply to a mean-field view, with the one-line reason shown next to the
 * disabled control (keyed by view name; read by the parameter panel). Fig. 2 is the qubit flow
 * of Eq. (10): d = 2, where the spin-ladder and m-independent dissipators coincide.
 */
export const INAPPLICABLE_CONTROLS: Readonly<Record<string, Readonly<Partial<Record<ViewControl, string>>>>> = {
  fig2: {
    d: 'Fig. 2 is the qubit flow (Eq. 10), d = 2; Figs. 3 and 4 take any d',
    dissipator: 'for qubits both dissipators are the same σ₋ (Eq. 10)',
  },
};

/** Why `control` is disabled on `view`, or null when it applies. */
export function disabledReason(view: string, control: ViewControl): string | null {
  return INAPPLICABLE_CONTROLS[view]?.[control] ?? null;
}
