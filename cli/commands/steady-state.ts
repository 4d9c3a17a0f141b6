/**
 * `steady-state --N --d --dissipator --gammaI --gammaC --V`: exact finite-N steady state (Section V)
 * with its checks (trace, Hermiticity, positivity of the diagonal, Tr ρ² ≤ 1, uniqueness via λ1).
 * A non-unique steady state (degenerate λ = 0) is an input error: one line on stderr, exit 2.
 */
import { type CliArgs, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, modelFlags, maxFactorFlopsFlag } from '../modelFlags.ts';
import { steadyState } from '../../src/physics/exact/steadyState.ts';
import { steadyStateXNegativity } from '../../src/physics/exact/negativity.ts';
import { writeSteadyStateFile } from '../export/steadyStateFile.ts';
import { stderrProgress } from '../progress.ts';

export default function steadyStateCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'details', 'out', 'maxFactorGFlop']);
  const { N, p, budgetBytes } = modelFlags(a);
  const r = steadyState(N, p, { budgetBytes, maxFactorFlops: maxFactorFlopsFlag(a), onProgress: stderrProgress('steady-state').report });
  const out: Record<string, unknown> = { X: r.X, Y: r.Y, Z: r.Z, purity: r.purity, scaledPurity: r.scaledPurity, residual: r.residual };
  // Eq. (17) for N_A = ⌈N/2⌉ (src/physics/exact/negativity.ts; cheap next to the steady state);
  // null with the reason where the partial transpose is out of reach (e.g. N = 60, d = 2), the
  // steady state itself being fine
  const notes = [...r.checks.notes];
  if (N >= 2) {
    try {
      out.negativity = steadyStateXNegativity(N, p, r.x).negativity;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      out.negativity = null;
      notes.push(`negativity not computed: ${e.message}`);
    }
  }
  // certification of the state (issue 13): trace, Hermiticity, necessary positivity conditions, uniqueness
  const c = r.checks;
  out.checks = {
    trace: c.trace, hermitian: c.hermitian, minDiagonal: c.minDiagonal, positiveDiagonal: c.positiveDiagonal,
    purityAtMostOne: c.purityAtMostOne, unique: c.unique, lambda1: c.lambda1 ? [c.lambda1.re, c.lambda1.im] : null,
    lambda1ErrorBound: c.lambda1ErrorBound, solver: c.solver,
  };
  if (notes.length) out.notes = notes;
  if (a.flags.has('details')) Object.assign(out, { Jz2: r.jz2, trace: r.trace, dim: r.dim, method: r.method, iterations: r.iterations });
  // --out rho.npz | rho.mtx: the state itself for NumPy/QuTiP (cli/export/steadyStateFile.ts)
  if (a.flags.has('out')) out.file = writeSteadyStateFile(a.flags.get('out') as string, N, p, a.flags.get('dissipator') ?? 'spin', r);
  return out;
}
