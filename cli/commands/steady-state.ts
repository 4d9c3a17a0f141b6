/** `steady-state --N --d --dissipator --gammaI --gammaC --V`: exact finite-N steady state (Section V). */
import { type CliArgs, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { steadyState } from '../../src/physics/exact/steadyState.ts';

export default function steadyStateCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'details']);
  const { N, p, budgetBytes } = modelFlags(a);
  const r = steadyState(N, p, { budgetBytes });
  const out: Record<string, unknown> = { X: r.X, Y: r.Y, Z: r.Z, purity: r.purity, scaledPurity: r.scaledPurity, residual: r.residual };
  if (a.flags.has('details')) Object.assign(out, { Jz2: r.jz2, trace: r.trace, dim: r.dim, method: r.method, iterations: r.iterations });
  return out;
}
