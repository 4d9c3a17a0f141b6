/**
 * `gaps ... [--threads k]`: Δ^{(p1,p2)} of Eqs. (15)–(16) for all four sectors, from the same
 * certified sector spectra as `spectrum`; null where the eigenvalue is not certified, with the
 * reason in "notes". "errorBounds" gives each gap's bound (rate units). Sizes whose exact
 * factorisation clearly does not fit the budget are refused (exit 2) with the figures; progress
 * on stderr.
 *
 * The four sectors run on k worker threads (cli/sectorPool.ts) with the same numbers as one
 * thread. Default: up to 4, the machine's cores, when one factorisation is ≥ 1 GFlop (e.g.
 * (4, 5): 35 → 25 s wall on 2 cores, measured); below that, starting the workers (≈ 0.5 s CPU
 * each with tsx and a cold JIT) costs about what they save, so 1. k is lowered so that k
 * sectors' memory estimates fit --budgetGiB together (a note says so).
 */
import { availableParallelism } from 'node:os';
import { type CliArgs, CliError, intFlag, rejectUnknown } from '../args.ts';
import { MODEL_FLAGS, maxFactorFlopsFlag, modelFlags } from '../modelFlags.ts';
import { blockLuFlops, checkCertifiedGaps, DEFAULT_BUDGET_BYTES, estimateBytes } from '../../src/physics/exact/memory.ts';
import { SECTOR_LABELS, parseSector } from '../../src/physics/exact/sectors.ts';
import { gaps, gapsFromSpectra } from '../../src/physics/exact/spectrum.ts';
import { stderrProgress } from '../progress.ts';
import { sectorSpectraInThreads } from '../sectorPool.ts';

/** One factorisation at or above this (flops) makes threads worth their start-up (≈ 0.5 s CPU each). */
const THREADS_MIN_FLOPS = 1e9;

export default async function gapsCommand(a: CliArgs): Promise<object> {
  rejectUnknown(a, [...MODEL_FLAGS, 'maxShifts', 'maxFactorGFlop', 'threads']);
  const { N, p, budgetBytes } = modelFlags(a);
  const maxShifts = a.flags.has('maxShifts') ? intFlag(a, 'maxShifts', 32) : undefined;
  const maxFactorFlops = maxFactorFlopsFlag(a);
  const asked = a.flags.has('threads') ? intFlag(a, 'threads', 1) : undefined;
  if (asked !== undefined && asked < 1) throw new CliError(`--threads must be ≥ 1 (got ${asked})`);
  const progress = stderrProgress('gaps');
  const opts = { budgetBytes, maxShifts, maxFactorFlops };
  checkCertifiedGaps(N, p.d, opts); // refuse before starting anything
  const notes: string[] = [];
  let threads = Math.min(4, asked ?? (blockLuFlops(N, p.d) >= THREADS_MIN_FLOPS ? availableParallelism() : 1));
  const perSector = Math.max(...SECTOR_LABELS.map((l) => estimateBytes(N, p.d, 'spectrum', parseSector(l))));
  const budget = budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const fit = Math.max(1, Math.floor(budget / perSector));
  if (threads > fit) {
    notes.push(`ran on ${fit} thread(s), not ${threads}: ${threads} sectors at once would need ≈ ${(threads * perSector / 1024 ** 3).toFixed(2)} GiB > budget ${(budget / 1024 ** 3).toFixed(2)} GiB`);
    threads = fit;
  }
  const g = threads > 1
    ? gapsFromSpectra(await sectorSpectraInThreads(N, p, opts, threads, (label, stage, f) => { progress.part(`sector ${label}`); progress.report(stage, f); }))
    : gaps(N, p, { ...opts, onSector: (label) => progress.part(`sector ${label}`), onProgress: progress.report });
  const out: Record<string, unknown> = { gaps: g.gaps, errorBounds: g.errorBounds };
  notes.push(...g.notes);
  if (notes.length) out.notes = notes;
  return out;
}
