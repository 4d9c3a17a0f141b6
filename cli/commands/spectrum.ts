/**
 * `spectrum ... --sector "+1,+1" --k K`: the K eigenvalues of smallest |Re| of one sector
 * (Section IV), sorted by |Re|, each as {"re","im","residual","errorBound","converged",
 * "certified"} (errorBound null where no bound is available: see src/physics/exact/spectrum.ts).
 * --details adds the method, shifts and condition numbers; "notes" says what is not certified.
 */
import { type CliArgs, intFlag, numberFlag, rejectUnknown, stringFlag } from '../args.ts';
import { MODEL_FLAGS, modelFlags, maxFactorFlopsFlag } from '../modelFlags.ts';
import { parseSector } from '../../src/physics/exact/sectors.ts';
import { spectrum } from '../../src/physics/exact/spectrum.ts';
import { stderrProgress } from '../progress.ts';

export default function spectrumCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'sector', 'k', 'sigma', 'details', 'maxShifts', 'maxFactorGFlop']);
  const { N, p, budgetBytes } = modelFlags(a);
  const spec = parseSector(stringFlag(a, 'sector', '+1,+1'));
  const k = intFlag(a, 'k', 6);
  if (k < 1) throw new RangeError(`--k must be ≥ 1 (got ${k})`);
  const sigma = a.flags.has('sigma') ? numberFlag(a, 'sigma') : undefined;
  const maxShifts = a.flags.has('maxShifts') ? intFlag(a, 'maxShifts', 32) : undefined;
  const s = spectrum(N, p, spec, { k, sigma, budgetBytes, maxShifts, maxFactorFlops: maxFactorFlopsFlag(a), onProgress: stderrProgress('spectrum').report });
  const out: Record<string, unknown> = {
    eigenvalues: s.eigenvalues.map((e) => ({
      re: e.re, im: e.im, residual: e.residual, errorBound: e.errorBound ?? null, converged: e.converged, certified: e.certified,
    })),
    certified: s.certified,
  };
  if (s.notes.length) out.notes = s.notes;
  if (a.flags.has('details')) {
    Object.assign(out, {
      condition: s.eigenvalues.map((e) => e.condition ?? null),
      method: s.method, solver: s.solver, sigma: s.sigma, dim: s.dim, shifts: s.shifts, steps: s.steps, complete: s.complete,
    });
  }
  return out;
}
