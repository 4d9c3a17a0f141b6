/**
 * `gaps ...`: Δ^{(p1,p2)} of Eqs. (15)–(16) for all four sectors, from the same certified
 * sector spectra as `spectrum`; null where the eigenvalue is not certified, with the reason in
 * "notes". "errorBounds" gives each gap's bound (rate units). Sizes whose exact factorisation
 * clearly does not fit the budget are refused (exit 2) with the figures; progress on stderr.
 */
import { type CliArgs, intFlag, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, maxFactorFlopsFlag, modelFlags } from '../modelFlags.ts';
import { gaps } from '../../src/physics/exact/spectrum.ts';
import { stderrProgress } from '../progress.ts';

export default function gapsCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'maxShifts', 'maxFactorGFlop']);
  const { N, p, budgetBytes } = modelFlags(a);
  const maxShifts = a.flags.has('maxShifts') ? intFlag(a, 'maxShifts', 32) : undefined;
  const progress = stderrProgress('gaps');
  const g = gaps(N, p, {
    budgetBytes, maxShifts, maxFactorFlops: maxFactorFlopsFlag(a),
    onSector: (label) => progress.part(`sector ${label}`), onProgress: progress.report,
  });
  const out: Record<string, unknown> = { gaps: g.gaps, errorBounds: g.errorBounds };
  if (g.notes.length) out.notes = g.notes;
  return out;
}
