/**
 * The exact permutation-invariant engine's one worker request type and its replies (Sections IV
 * and V of Pausch et al.). Rates, eigenvalues and gaps are in the unit of the rates; X, Y, Z are
 * ⟨J_a⟩/(Nj). Typed arrays in replies are transferred, not copied.
 */
import type { ParamSpec } from './model.ts';

/** The Z2×Z2 sector labels (p1, p2) of Section IV; the steady state lies in (+1,+1). */
export const SECTOR_LABELS = ['+1,+1', '+1,-1', '-1,+1', '-1,-1'] as const;
export type SectorLabel = (typeof SECTOR_LABELS)[number];

/** A browser worker keeps well below the tab's memory limit (bytes). */
export const WORKER_BUDGET_BYTES = 1.5 * 1024 ** 3;

/** Stages of one exact computation, reported with a fraction in [0, 1]. */
export type Stage = 'build' | 'factorise' | 'iterate';

/** The parameters a sweep shares; the rates vary from point to point. */
export interface FiniteSpec extends Omit<ParamSpec, 'gammaI' | 'gammaC'> {
  N: number;
}

/** Parameters of one exact computation. */
export interface EngineRequest extends ParamSpec {
  N: number;
  /** Memory budget in bytes (default WORKER_BUDGET_BYTES). */
  budgetBytes?: number;
}

export interface FiniteQuantities {
  steady: boolean;
  gaps: boolean;
  /** Eigenvalues kept per sector (for spectrum plots); the gaps need only 1 or 2. */
  k?: number;
}

export interface EigenvalueResult {
  re: number;
  im: number;
  /** ‖L y − λ y‖ / (‖L‖ ‖y‖). */
  residual: number;
  /** Bound on |λ − λ_exact| when the engine certifies it (absent or null when it does not). */
  errorBound?: number | null;
  /** Eigenvalue condition number κ (null without a left eigenvector). */
  condition?: number | null;
  converged: boolean;
  /** The error bound is small and no eigenvalue of smaller |Re| can have been missed (absent: the engine does not say). */
  certified?: boolean;
}

/** One parameter point of a map or curve (NaN where not computed or not converged). */
export interface FinitePointResult {
  gammaI: number;
  gammaC: number;
  X: number;
  Y: number;
  Z: number;
  /** ⟨Jz²⟩ (not normalised). */
  jz2: number;
  purity: number;
  scaledPurity: number;
  /** ‖ℒρ‖/‖ρ‖ of the steady state (rate units). */
  residual: number;
  /** Δ per sector in SECTOR_LABELS order; NaN where not computed or not converged. */
  gaps: number[];
  /** The slowest eigenvalues per sector when k was asked for. */
  spectra?: Record<SectorLabel, EigenvalueResult[]>;
  dims: Partial<Record<SectorLabel, number>>;
  /** Non-empty when this point failed (the numbers are then NaN). */
  error: string;
}

export interface SpectrumReply {
  sector: string;
  dim: number;
  method: string;
  sigma: number;
  re: Float64Array;
  im: Float64Array;
  residual: Float64Array;
  /** Error bounds (NaN where the engine gives none). */
  errorBound: Float64Array;
  /** 1 where converged (and certified when an error bound is given). */
  converged: Uint8Array;
  /** 1 where the engine certifies the eigenvalue (absent when the engine gives no certification). */
  certified?: Uint8Array;
}

export interface SteadyStateReply {
  X: number; Y: number; Z: number; jz2: number; purity: number; scaledPurity: number;
  residual: number; method: string; iterations: number; dim: number;
  /** Coordinates in the (+1,+1) sector basis; pass back as x0 to warm-start a neighbour. */
  x: Float64Array;
}

/** Sector dimensions and memory estimates (bytes) for (N, d). */
export interface SizeReply {
  total: number;
  /** Null when the basis is too large to enumerate instantly. */
  sectors: Record<SectorLabel, number> | null;
  labels: readonly string[];
  estimateBytes: { steady: number; spectrum: number };
  budgetBytes: number;
}

/** Exact X, Y, Z(t) from |θ, φ⟩^{⊗N} and the mean field (Eq. 9) from the same state. */
export interface DynamicsReply {
  times: number[];
  exact: { X: number[]; Y: number[]; Z: number[] };
  meanField: { X: number[]; Y: number[]; Z: number[] };
}

/** Every job the exact-engine worker (workers/exact.worker.ts) runs. */
export type ExactRequest =
  | { kind: 'sizes'; N: number; d: number }
  | ({ kind: 'spectrum'; sector: string; k: number; sigma?: number } & EngineRequest)
  | ({ kind: 'steadyState'; x0?: Float64Array } & EngineRequest)
  | { kind: 'points'; spec: FiniteSpec; points: Array<[number, number]>; quantities: FiniteQuantities }
  | ({ kind: 'dynamics'; theta: number; phi: number; times: number[] } & EngineRequest);

export interface ExactReplies {
  sizes: SizeReply;
  spectrum: SpectrumReply;
  steadyState: SteadyStateReply;
  points: FinitePointResult[];
  dynamics: DynamicsReply;
}

export type ExactReply<R extends ExactRequest> = ExactReplies[R['kind']];

/** Progress events: a stage fraction, or one point of a `points` job done. */
export type ExactEvent = { stage: Stage; fraction: number } | { point: number; result: FinitePointResult };
