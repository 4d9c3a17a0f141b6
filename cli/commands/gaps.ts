/** `gaps ...`: Δ^{(p1,p2)} of Eqs. (15)–(16) for all four sectors (null where not converged). */
import { type CliArgs, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { gaps } from '../../src/physics/exact/spectrum.ts';

export default function gapsCommand(a: CliArgs): object {
  rejectUnknown(a, MODEL_FLAGS);
  const { N, p, budgetBytes } = modelFlags(a);
  return { gaps: gaps(N, p, { budgetBytes }).gaps };
}
