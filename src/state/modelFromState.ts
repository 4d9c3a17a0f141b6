/** Builds validated, serialisable model parameters from the explorer state, or a message saying what is wrong. */
import { paramSpecError, type ParamSpec } from '../contracts/model.ts';
import { consistencyError, type ExplorerState } from './params.ts';

export function modelFromState(s: ExplorerState): { spec: ParamSpec } | { error: string } {
  const err = consistencyError(s);
  if (err) return { error: err };
  const spec: ParamSpec = { d: s.d, dissipator: s.dissipator, ellRe: s.dissipator === 'custom' ? s.ell : undefined, gammaI: s.gammaI, gammaC: s.gammaC, V: s.V };
  const bad = paramSpecError(spec);
  return bad ? { error: bad } : { spec };
}
