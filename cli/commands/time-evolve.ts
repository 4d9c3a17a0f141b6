/**
 * `time-evolve ... --theta θ --phi φ --times "1,5,20"`: exact X, Y, Z(t) from the spin-coherent
 * product state |θ, φ⟩^{⊗N} (θ = 0 is m = +j; same state as the mean-field commands).
 */
import { type CliArgs, numberFlag, numberListFlag, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { spinCoherentState } from '../../src/physics/meanfield/meanfield.ts';
import { timeEvolve } from '../../src/physics/exact/timeEvolve.ts';
import { stderrProgress } from '../progress.ts';

export default function timeEvolveCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'theta', 'phi', 'times']);
  const { N, p, budgetBytes } = modelFlags(a);
  const psi = spinCoherentState(p.d, numberFlag(a, 'theta', 0), numberFlag(a, 'phi', 0));
  const times = numberListFlag(a, 'times');
  const r = timeEvolve(N, p, psi.re, psi.im, times, { budgetBytes, onProgress: stderrProgress('time-evolve').report });
  return { times: r.times, X: r.X, Y: r.Y, Z: r.Z };
}
