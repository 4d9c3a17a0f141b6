/**
 * `negativity --N --d --dissipator --gammaI --gammaC --V [--NA k] [--details]`: negativity
 * (paper Eq. 17) and logarithmic negativity (log₂ ‖ρ^{T_B}‖₁) of the finite-N steady state for
 * the bipartition N_A = k (default ⌈N/2⌉) | N_B = N − k, from the Schur–Weyl blocks of ρ^{T_B}
 * (src/physics/exact/negativity.ts). Prints {"negativity","logNegativity","NA","traceCheck",...}
 * with a spectrum summary; --details adds the blocks and the whole spectrum of ρ^{T_B}.
 */
import { type CliArgs, CliError, intFlag, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { steadyStateNegativity } from '../../src/physics/exact/negativity.ts';

export default function negativityCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'NA', 'details']);
  const { N, p, budgetBytes } = modelFlags(a);
  if (N < 2) throw new CliError(`--N must be ≥ 2 for a bipartition (got ${N})`);
  const NA = intFlag(a, 'NA', Math.ceil(N / 2));
  if (NA < 1 || NA > N - 1) throw new CliError(`--NA must be an integer with 1 ≤ NA ≤ N − 1 = ${N - 1} (got ${NA})`);
  const r = steadyStateNegativity(N, p, NA, { budgetBytes });
  let negativeCount = 0, distinctNegative = 0;
  for (const s of r.spectrum) if (s.value < 0) { negativeCount += s.multiplicity; distinctNegative++; }
  const out: Record<string, unknown> = {
    negativity: r.negativity,
    logNegativity: r.logNegativity,
    NA: r.NA,
    traceCheck: r.traceCheck,
    NB: r.NB,
    traceNorm: r.traceNorm,
    // rounding of the block eigenvalues only; the steady state's own error is its residual
    errorEstimate: r.errorEstimate,
    steadyStateResidual: r.steadyState.residual,
    spectrum: {
      min: r.spectrum[0].value,
      max: r.spectrum[r.spectrum.length - 1].value,
      // eigenvalues of ρ^{T_B} counted with multiplicity (they total d^N), and distinct block eigenvalues
      count: r.spectrum.reduce((s, e) => s + e.multiplicity, 0),
      negativeCount,
      distinct: r.spectrum.length,
      distinctNegative,
      blocks: r.blocks.length,
      largestBlock: Math.max(...r.blocks.map((b) => b.size)),
    },
    timeMs: { steadyState: r.steadyStateMs, negativity: r.negativityMs },
  };
  if (a.flags.has('details')) {
    out.blocks = r.blocks;
    out.eigenvalues = r.spectrum.map((s) => [s.value, s.multiplicity]);
    out.frame = r.frame;
    out.paritySplit = r.paritySplit;
  }
  return out;
}
