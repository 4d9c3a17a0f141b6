/**
 * Exact finite-N dynamics of Eq. (3) from a spin-coherent product state (|ψ⟩⟨ψ|)^{⊗N}, for
 * comparison with the mean field: X, Y, Z(t) = ⟨J_α⟩/(Nj).
 *
 * The initial state is not in one symmetry sector, so it is split by Π1 only (which is
 * diagonal in the PI basis): the p1 = +1 part carries Tr ρ and ⟨J_z⟩, the p1 = −1 part ⟨J_±⟩.
 * Each part evolves with its real Hermitian-basis Liouvillian (p2 unsplit, so any ℓ works)
 * under the Dormand–Prince integrator.
 */
import { dopri5 } from '../../linalg/dopri5.ts';
import { csrMatVec } from '../../linalg/csr.ts';
import { checkBudget, type MemoryBudget } from './memory.ts';
import type { ModelParams } from '../model/model.ts';
import { buildPiBasis } from './piBasis.ts';
import { buildSectorLiouvillian } from './liouvillian.ts';
import { piExpectations, piWeights, productStateCoordinates } from './observables.ts';
import type { ProgressFn } from './steadyState.ts';

export interface TimeEvolveOptions extends MemoryBudget {
  rtol?: number;
  atol?: number;
  onProgress?: ProgressFn;
}

export interface TimeEvolveResult {
  times: number[];
  X: number[];
  Y: number[];
  Z: number[];
  /** Tr ρ(t) (should stay 1: a conservation check). */
  trace: number[];
}

/** ψ in ascending m (length d), normalised internally; times ≥ 0 in the inverse rate unit. */
export function timeEvolve(N: number, p: ModelParams, psiRe: ArrayLike<number>, psiIm: ArrayLike<number>, times: number[], opts: TimeEvolveOptions = {}): TimeEvolveResult {
  if (times.some((t) => !(t >= 0) || !Number.isFinite(t))) throw new RangeError('times must be finite and ≥ 0');
  checkBudget(N, p.d, 'time-evolve', { p1: 1, p2: 0 }, opts);
  const order = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
  const tSorted = order.map((o) => o[0]);
  const b = buildPiBasis(N, p.d);
  const out: TimeEvolveResult = { times: [...times], X: times.map(() => 0), Y: times.map(() => 0), Z: times.map(() => 0), trace: times.map(() => 0) };
  const parts: Array<1 | -1> = [1, -1];
  for (let pi = 0; pi < parts.length; pi++) {
    const p1 = parts[pi];
    opts.onProgress?.('build', pi / 2);
    const L = buildSectorLiouvillian(b, p, { p1, p2: 0 }, { normalize: false }); // x0 and the weights are in the raw basis h_m
    const sec = L.sector;
    const w = piWeights(b, sec);
    const x0 = productStateCoordinates(b, sec, psiRe, psiIm);
    const n = sec.dim;
    const states = new Float64Array(n * tSorted.length);
    const tEnd = tSorted[tSorted.length - 1] || 1;
    opts.onProgress?.('iterate', pi / 2);
    dopri5((_t, y, dy) => csrMatVec(L.matrix, y, dy), 0, x0, tSorted, states, {
      rtol: opts.rtol ?? 1e-9, atol: opts.atol ?? 1e-12,
      onStep: (t) => { opts.onProgress?.('iterate', (pi + Math.min(1, t / tEnd)) / 2); },
    });
    for (let k = 0; k < tSorted.length; k++) {
      const e = piExpectations(b, w, states.subarray(k * n, (k + 1) * n), false);
      const i = order[k][1];
      if (p1 === 1) { out.Z[i] = e.Z; out.trace[i] = e.trace; } else { out.X[i] = e.X; out.Y[i] = e.Y; }
    }
  }
  for (let i = 0; i < times.length; i++) {
    out.X[i] /= out.trace[i]; out.Y[i] /= out.trace[i]; out.Z[i] /= out.trace[i];
  }
  opts.onProgress?.('iterate', 1);
  return out;
}
