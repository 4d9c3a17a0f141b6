/** Builds validated ModelParams from the explorer state, or a message saying what is wrong. */
import { makeParams, type ModelParams } from '../physics/model.ts';
import { consistencyError, type ExplorerState } from './params.ts';

export function modelFromState(s: ExplorerState): { params: ModelParams } | { error: string } {
  const err = consistencyError(s);
  if (err) return { error: err };
  try {
    return { params: makeParams({ d: s.d, dissipator: s.dissipator, ellRe: s.ell, gammaI: s.gammaI, gammaC: s.gammaC, V: s.V }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
