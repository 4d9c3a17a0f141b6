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
  /**
   * Negativity of the steady state (Eq. 17) for the bipartition N_A = ⌈N/2⌉ (Section V, Fig. 8);
   * implies the steady state.
   */
  negativity?: boolean;
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
/**
 * Expectation values of a finite-N state ρ (normalised, Tr ρ = 1): X, Y, Z = ⟨J_a⟩/(Nj) with
 * j = (d − 1)/2 (Eq. 14's collective spin), jz2 = ⟨J_z²⟩ (not normalised), purity = Tr ρ²,
 * scaledPurity = d^N Tr ρ² (1 for the maximally mixed state).
 */
export interface StateObservables {
  X: number;
  Y: number;
  Z: number;
  /** ⟨Jz²⟩ (not normalised). */
  jz2: number;
  purity: number;
  scaledPurity: number;
}

/** The exact steady state's own checks (physics/exact/steadyState.ts SteadyStateChecks), as the UI shows them. */
export interface SteadyChecks {
  /** Tr ρ (1 up to rounding). */
  trace: number;
  /** Smallest diagonal entry of ρ in the product basis (≥ 0 for a density matrix). */
  minDiagonal: number;
  positiveDiagonal: boolean;
  purityAtMostOne: boolean;
  /** The eigenvalue of the steady-state sector next to 0, or null when not computed. */
  lambda1: { re: number; im: number } | null;
  /** Bound on its error when certified, else null. */
  lambda1ErrorBound: number | null;
  /** The steady state is unique (λ1 ≠ 0 shown), or null: not checked (fallback solver) or not decided. */
  unique: boolean | null;
  solver: 'block-lu' | 'ilut-gmres';
  notes: string[];
}

export interface FinitePointResult extends StateObservables {
  gammaI: number;
  gammaC: number;
  /** ‖ℒρ‖/‖ρ‖ of the steady state (rate units). */
  residual: number;
  /** Δ per sector in SECTOR_LABELS order; NaN where not computed or not converged. */
  gaps: number[];
  /** The slowest eigenvalues per sector when k was asked for. */
  spectra?: Record<SectorLabel, EigenvalueResult[]>;
  dims: Partial<Record<SectorLabel, number>>;
  /** Non-empty when this point failed (the numbers are then NaN). */
  error: string;
  /** The steady state's checks when it was computed at this point. */
  steadyChecks?: SteadyChecks;
  /** Eq. (17) for N_A = ⌈N/2⌉ when asked for (NaN when it failed: see negativityError). */
  negativity?: number;
  /** log₂ ‖ρ^{T_B}‖₁. */
  logNegativity?: number;
  /** N_A of the bipartition. */
  NA?: number;
  /** Tr ρ^{T_B} (1 for a normalised state: a consistency check). */
  negativityTrace?: number;
  /** Estimate of the rounding error of `negativity` (Householder backward error). */
  negativityErrorBound?: number;
  /** Why the negativity of this point was not computed (the steady state may still be fine). */
  negativityError?: string;
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
  /** The engine's notes: inner solver used and why, what was searched, why something is not certified. */
  notes?: string[];
}

export interface SteadyStateReply extends StateObservables {
  residual: number; method: string; iterations: number; dim: number;
  checks: SteadyChecks;
  /** Coordinates in the (+1,+1) sector basis; pass back as x0 to warm-start a neighbour. */
  x: Float64Array;
}

/** Sector dimensions and memory estimates (bytes) for (N, d). */
export interface SizeReply {
  total: number;
  /** Null when the basis is too large to enumerate instantly. */
  sectors: Record<SectorLabel, number> | null;
  labels: readonly string[];
  /**
   * steady, spectrum: the exact paths (block LU); steadyFallback, spectrumFallback: the ILUT +
   * GMRES paths taken when those do not fit (a steady state without the uniqueness check,
   * uncertified eigenvalues).
   */
  estimateBytes: { steady: number; steadyFallback: number; spectrum: number; spectrumFallback: number };
  budgetBytes: number;
  /** Why certified gaps cannot be computed here (exact factorisation above the worker's budget or flop limit), or null. */
  gapsRefusal: string | null;
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

// ---------------------------------------------------------------------------------------------
// Cost of the steady-state negativity (src/physics/exact/negativity.ts, negativityCost), as a pure
// formula the UI may use before anything runs: Schur–Weyl blocks (λ_A, λ_B) of size
// dim U_d(λ_A)·dim U_d(λ_B), halved by the Π1 parity split, 8·size² bytes and (4/3)·size³ flops
// each. tests/physics/exact/sweepNegativity.test.ts checks it against negativityCost.

/** Partitions of n with at most maxRows rows (Young diagrams of U(d) irreps of n particles). */
function youngDiagrams(n: number, maxRows: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (left: number, maxPart: number): void => {
    if (left === 0) { out.push(cur.slice()); return; }
    if (cur.length === maxRows) return;
    for (let k = Math.min(left, maxPart); k >= 1; k--) { cur.push(k); rec(left - k, k); cur.pop(); }
  };
  rec(n, n);
  return out;
}

/** dim U_d(λ) by the hook-content formula Π (d + c − r)/hook(r, c). */
function weylDim(lambda: number[], d: number): number {
  let v = 1;
  for (let r = 0; r < lambda.length; r++) {
    for (let c = 0; c < lambda[r]; c++) {
      let leg = 0;
      for (let s = r + 1; s < lambda.length && lambda[s] > c; s++) leg++;
      v = (v * (d + c - r)) / (lambda[r] - c + leg);
    }
  }
  return Math.round(v);
}

export interface NegativityCost {
  /** Bytes of all blocks of ρ^{T_B} (real, Π1 halves), held at once after their assembly. */
  allBlocksBytes: number;
  /** Bytes of the largest (real) block. */
  blockBytes: number;
  /** Σ (4/3)·size³ over the blocks. */
  flops: number;
  largestBlock: number;
}

/** Predicted size of the steady-state negativity of (N, d) for the bipartition NA (default ⌈N/2⌉). */
export function negativityCostEstimate(N: number, d: number, NA = Math.ceil(N / 2)): NegativityCost {
  if (!Number.isInteger(NA) || NA < 1 || NA > N - 1) throw new RangeError(`NA must be an integer with 1 ≤ NA ≤ N − 1 = ${N - 1} (got ${NA})`);
  const NB = N - NA;
  let flops = 0, largest = 0, allBlocksBytes = 0;
  for (const la of youngDiagrams(NA, d)) {
    for (const lb of youngDiagrams(NB, d)) {
      const h = Math.ceil((weylDim(la, d) * weylDim(lb, d)) / 2);
      largest = Math.max(largest, h);
      flops += 2 * (4 / 3) * h ** 3;
      allBlocksBytes += 2 * 8 * h * h;
    }
  }
  return { allBlocksBytes, blockBytes: 8 * largest * largest, flops, largestBlock: largest };
}

/**
 * Rough CPU ms of one negativity on one worker (the PI state given): a fit to measurements on a
 * loaded 2-core machine (2026-11, WebAssembly SIMD eigensolver), within ≈ 1.5× from (5, 3) to
 * (7, 5): 16 ms at (5, 3), 0.26 s at (6, 4), 0.43 s at (5, 5), 0.65 s at (7, 4), 1.0 s at (6, 5),
 * 6.3 s at (7, 5). The set-up and assembly grow like dim PI(N, d)^0.65, the eigenvalues with
 * the flops (≈ 19 GFlop/s).
 */
export function negativityMsEstimate(N: number, d: number, NA = Math.ceil(N / 2)): number {
  if (N < 2) return 0;
  const c = negativityCostEstimate(N, d, NA);
  let dimPI = 1;
  for (let i = 1; i <= N; i++) dimPI = (dimPI * (d * d - 1 + i)) / i;
  return 2 + 0.21 * dimPI ** 0.65 + c.flops / 1.9e7;
}
