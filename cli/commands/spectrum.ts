/**
 * `spectrum ... --sector "+1,+1" --k K`: the K eigenvalues of smallest |Re| of one sector
 * (Section IV), sorted by |Re|. --details adds residuals and convergence flags.
 */
import { type CliArgs, intFlag, numberFlag, rejectUnknown, stringFlag } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { parseSector } from '../../src/physics/exact/sectors.ts';
import { spectrum } from '../../src/physics/exact/spectrum.ts';

export default function spectrumCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'sector', 'k', 'sigma', 'details']);
  const { N, p, budgetBytes } = modelFlags(a);
  const spec = parseSector(stringFlag(a, 'sector', '+1,+1'));
  const k = intFlag(a, 'k', 6);
  if (k < 1) throw new RangeError(`--k must be ≥ 1 (got ${k})`);
  const sigma = a.flags.has('sigma') ? numberFlag(a, 'sigma') : undefined;
  const s = spectrum(N, p, spec, { k, sigma, budgetBytes });
  const out: Record<string, unknown> = { eigenvalues: s.eigenvalues.map((e) => [e.re, e.im]) };
  if (a.flags.has('details')) {
    Object.assign(out, {
      residuals: s.eigenvalues.map((e) => e.residual),
      converged: s.eigenvalues.map((e) => e.converged),
      method: s.method, sigma: s.sigma, dim: s.dim,
    });
  }
  return out;
}
