/**
 * `sweep --N n --d d --dissipator .. --V v --gammaI a:b:n --gammaC a:b:n --quantity gaps,purity,Z
 *  --out file.csv|file.jsonl [--threads k] [--shard i/n] [--resume | --force] [--chain L]
 *  [--budgetGiB g] [--maxFactorGFlop g]`
 * One row per grid point (parameters, each quantity with residual, error bound, converged),
 * file format in src/contracts/sweepFile.ts. Points run on k worker threads (default: all
 * cores), chain by chain (warm starts inside a chain of L points along a row, default 5);
 * `--shard i/n` computes only shard i of a deterministic, balanced split (join the shards with
 * `sweep-merge`); `--resume` continues a killed run. Progress with an ETA on stderr; stdout gets
 * one JSON summary: {"out","format","shard","points","written","skipped","failed",
 * "unconverged","threads","seconds","secondsPerPoint" (wall time × threads / points),
 * "cpuSeconds","cpuSecondsPerPoint" (CPU time of all threads), "grid"}.
 */
import { availableParallelism } from 'node:os';
import { type CliArgs, CliError, intFlag, numberFlag, rejectUnknown, stringFlag } from '../args.ts';
import { maxFactorFlopsFlag, paramsFlags, sizeFlags } from '../modelFlags.ts';
import { duration } from '../progress.ts';
import {
  SWEEP_FORMAT, SWEEP_FORMAT_VERSION, SWEEP_QUANTITIES, type SweepHeader, type SweepQuantity, type SweepRow,
  axisValue, canonicalHeader, sweepColumns, sweepFileKind,
} from '../../src/contracts/sweepFile.ts';
import { checkBudget, checkCertifiedGaps } from '../../src/physics/exact/memory.ts';
import { ellIsReal } from '../../src/physics/model/model.ts';
import { steadySector } from '../../src/physics/exact/steadyState.ts';
import { codeVersion } from '../export/codeVersion.ts';
import { QUANTITY_DEFS, loadNegativity } from '../sweep/evaluate.ts';
import { parseAxis, parseShard, shardChains } from '../sweep/plan.ts';
import { type OpenMode, openSweepOutput } from '../sweep/output.ts';
import { runChains } from '../sweep/pool.ts';

const FLAGS = ['N', 'd', 'dissipator', 'ell', 'ellRe', 'ellIm', 'V', 'gammaI', 'gammaC', 'quantity', 'out', 'threads', 'shard', 'resume', 'force', 'chain', 'budgetGiB', 'maxFactorGFlop'];
const DEFAULT_CHAIN = 5;

function parseQuantities(raw: string): SweepQuantity[] {
  const qs = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (qs.length === 0) throw new CliError('--quantity needs at least one of ' + SWEEP_QUANTITIES.join(','));
  for (const q of qs) {
    if (!(SWEEP_QUANTITIES as readonly string[]).includes(q)) throw new CliError(`unknown quantity "${q}" (known: ${SWEEP_QUANTITIES.join(', ')})`);
  }
  return SWEEP_QUANTITIES.filter((q) => qs.includes(q));
}

/** Builds and validates the header from the flags (CliError/RangeError on bad input). */
export function sweepHeaderFromFlags(a: CliArgs): SweepHeader {
  const { N } = sizeFlags(a);
  const gammaI = parseAxis('gammaI', stringFlag(a, 'gammaI'));
  const gammaC = parseAxis('gammaC', stringFlag(a, 'gammaC'));
  // The model flags are validated as for every other command, at both corners of the grid.
  for (const [gI, gC] of [[gammaI.from, gammaC.from], [gammaI.to, gammaC.to]]) {
    paramsFlags({ command: a.command, flags: new Map([...a.flags, ['gammaI', String(gI)], ['gammaC', String(gC)]]) });
  }
  const p = paramsFlags({ command: a.command, flags: new Map([...a.flags, ['gammaI', String(gammaI.from)], ['gammaC', String(gammaC.from)]]) });
  const dissipator = stringFlag(a, 'dissipator', 'spin') as SweepHeader['model']['dissipator'];
  const model: SweepHeader['model'] = { N, d: p.d, dissipator, V: p.V };
  if (dissipator === 'custom') {
    model.ellRe = Array.from(p.ell.re);
    if (Array.from(p.ell.im).some((v) => v !== 0)) model.ellIm = Array.from(p.ell.im);
  }
  const chain = intFlag(a, 'chain', DEFAULT_CHAIN);
  if (chain < 1) throw new CliError(`--chain must be ≥ 1 (got ${chain})`);
  const budgetGiB = a.flags.has('budgetGiB') ? numberFlag(a, 'budgetGiB') : null;
  if (budgetGiB !== null && !(budgetGiB > 0)) throw new CliError(`--budgetGiB must be > 0 (got ${budgetGiB})`);
  const quantities = parseQuantities(stringFlag(a, 'quantity', 'gaps,Z,purity'));
  if (quantities.includes('gaps') && !ellIsReal(p.ell)) throw new CliError('gaps need a real dissipator ℓ (Π2 is a symmetry only then): drop --ellIm or the gaps quantity');
  const budget = budgetGiB === null ? {} : { budgetBytes: budgetGiB * 1024 ** 3 };
  if (quantities.some((q) => QUANTITY_DEFS[q].needs.steady || QUANTITY_DEFS[q].needs.negativity)) checkBudget(N, p.d, 'steady-state', steadySector(p), budget);
  if (quantities.includes('gaps')) checkBudget(N, p.d, 'spectrum', { p1: 1, p2: 1 }, budget);
  const shard = a.flags.has('shard') ? parseShard(stringFlag(a, 'shard')) : undefined;
  const maxFactor = maxFactorFlopsFlag(a);
  // the gaps are certified only on the exact path: refuse now what would give an empty column
  if (quantities.includes('gaps')) checkCertifiedGaps(N, p.d, { ...budget, maxFactorFlops: maxFactor });
  return canonicalHeader({
    format: SWEEP_FORMAT, formatVersion: SWEEP_FORMAT_VERSION, model, gammaI, gammaC, chain, quantities, budgetGiB,
    ...(maxFactor !== undefined ? { maxFactorGFlop: maxFactor / 1e9 } : {}),
    code: codeVersion(), shard,
  });
}

export default async function sweepCommand(a: CliArgs): Promise<object> {
  rejectUnknown(a, FLAGS);
  const out = stringFlag(a, 'out');
  const kind = sweepFileKind(out);
  if (!kind) throw new CliError(`--out must end in .csv or .jsonl (got "${out}")`);
  const header = sweepHeaderFromFlags(a);
  if (header.quantities.includes('negativity')) await loadNegativity();
  const threads = intFlag(a, 'threads', availableParallelism());
  if (threads < 1) throw new CliError(`--threads must be ≥ 1 (got ${threads})`);
  if (a.flags.has('resume') && a.flags.has('force')) throw new CliError('--resume and --force exclude each other');
  const mode: OpenMode = a.flags.has('resume') ? 'resume' : a.flags.has('force') ? 'force' : 'new';
  for (const f of ['resume', 'force']) if (a.flags.has(f) && a.flags.get(f) !== 'true') throw new CliError(`--${f} takes no value (got "${a.flags.get(f)}")`);

  const chains = shardChains(header);
  const order = chains.flat();
  const output = openSweepOutput(out, kind, header, mode, new Set(order));
  // Chains with a missing point are computed whole (the warm starts must be the same as in an
  // uninterrupted run); rows already in the file are not written again.
  const todo = chains.filter((c) => c.some((i) => !output.done.has(i)));
  const pending = order.filter((i) => !output.done.has(i));
  const ready = new Map<number, SweepRow>();
  let w = 0, failed = 0, unconverged = 0;
  const convergedCols = sweepColumns(header.quantities).filter((c) => c.name.endsWith('_converged')).map((c) => c.name);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage(); // all threads of the process
  let lastReport = t0;
  const shardText = header.shard ? `${header.shard.index}/${header.shard.count}` : null;
  const report = (final: boolean) => {
    const now = performance.now();
    if (!final && (now - lastReport < 1000 || w === pending.length)) return;
    lastReport = now;
    const el = (now - t0) / 1000;
    const eta = w > 0 ? (el / w) * (pending.length - w) : NaN;
    const pct = pending.length ? ((100 * w) / pending.length).toFixed(0) : '100';
    process.stderr.write(`sweep${shardText ? ` shard ${shardText}` : ''}: ${w}/${pending.length} points (${pct}%), ${duration(el)} elapsed${final ? '' : `, ETA ${duration(eta)}`}\n`);
  };
  try {
    if (output.droppedPartialLine) process.stderr.write(`sweep: dropped an incomplete last line of ${out}\n`);
    if (output.done.size) process.stderr.write(`sweep: resuming ${out}: ${output.done.size} of ${order.length} points already there\n`);
    await runChains(header, todo, threads, (row) => {
      const i = row.index as number;
      if (output.done.has(i)) return;
      ready.set(i, row);
      // Rows go to the file in the shard's point order, so a resumed file equals an uninterrupted one.
      while (w < pending.length && ready.has(pending[w])) {
        const r = ready.get(pending[w]) as SweepRow;
        ready.delete(pending[w]);
        output.append(r);
        if (r.error) failed++;
        else if (convergedCols.some((c) => r[c] !== true)) unconverged++;
        w++;
      }
      report(false);
    });
  } finally {
    output.close();
  }
  if (w !== pending.length) throw new Error(`internal: ${pending.length - w} points were not written`);
  report(true);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    out, format: kind, shard: shardText, points: order.length, written: w, skipped: order.length - pending.length,
    failed, unconverged, threads: Math.min(threads, Math.max(1, todo.length)), seconds,
    secondsPerPoint: w > 0 ? (seconds * Math.min(threads, Math.max(1, todo.length))) / w : null,
    cpuSeconds, cpuSecondsPerPoint: w > 0 ? cpuSeconds / w : null,
    grid: { gammaI: [axisValue(header.gammaI, 0), header.gammaI.to, header.gammaI.n], gammaC: [axisValue(header.gammaC, 0), header.gammaC.to, header.gammaC.n] },
  };
}
