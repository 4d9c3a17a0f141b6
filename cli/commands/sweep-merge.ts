/**
 * `sweep-merge --in a.csv,b.csv,... --out all.csv [--force]`: joins the shard files of one sweep
 * into one file (CSV or JSON Lines by the --out name; inputs may be either). Refuses, naming the
 * files and points: a file that is not a complete sweep file (a torn last line: resume that
 * shard), files of different sweeps (parameters, quantities or code version), a point present
 * twice, and missing points (with the shards that hold them). The merged file has the header
 * without the shard and the rows in grid order, so it equals an unsharded run's file bit for
 * bit. Prints {"out","format","points","files"}.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type CliArgs, CliError, rejectUnknown, stringFlag } from '../args.ts';
import {
  type ParsedSweepFile, type SweepRow, SweepFileError, formatSweepHeader, formatSweepRow, gridPoint, gridSize,
  parseSweepFile, sweepFileKind, sweepHeaderDifference, unshardedHeader,
} from '../../src/contracts/sweepFile.ts';
import { writeFileAtomic } from '../export/fileOut.ts';
import { pointShards } from '../sweep/plan.ts';

const LIST_MAX = 10;

export default function sweepMergeCommand(a: CliArgs): object {
  rejectUnknown(a, ['in', 'out', 'force']);
  const inputs = stringFlag(a, 'in').split(',').map((s) => s.trim()).filter(Boolean);
  if (inputs.length === 0) throw new CliError('--in needs a comma-separated list of shard files');
  const out = stringFlag(a, 'out');
  const kind = sweepFileKind(out);
  if (!kind) throw new CliError(`--out must end in .csv or .jsonl (got "${out}")`);
  if (existsSync(out) && !a.flags.has('force')) throw new CliError(`${out} exists: pass --force to replace it`);
  if (new Set(inputs).size !== inputs.length) throw new CliError('--in names a file twice');

  const files: ParsedSweepFile[] = inputs.map((f) => {
    if (!existsSync(f)) throw new CliError(`${f}: no such file`);
    try {
      return parseSweepFile(readFileSync(f, 'utf8'));
    } catch (e) {
      if (e instanceof SweepFileError) throw new CliError(`${f}: ${e.message}${/incomplete/.test(e.message) ? ' (resume that shard with --resume)' : ''}`);
      throw e;
    }
  });
  const h0 = files[0].header;
  files.forEach((f, k) => {
    const diff = sweepHeaderDifference(h0, f.header);
    if (diff) throw new CliError(`${inputs[k]} is from another sweep than ${inputs[0]}: ${diff}`);
  });

  const total = gridSize(h0);
  const where = new Map<number, string>();
  const rows: Array<SweepRow | undefined> = new Array(total);
  files.forEach((f, k) => {
    f.rows.forEach((row, r) => {
      const i = row.index as number;
      const here = `${inputs[k]} line ${f.lines[r]}`;
      if (where.has(i)) throw new CliError(`point ${i} appears twice: ${where.get(i)} and ${here}`);
      where.set(i, here);
      rows[i] = row;
    });
  });
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!rows[i]) missing.push(i);
  if (missing.length) {
    const counts = [...new Set(files.map((f) => f.header.shard?.count ?? 1))];
    let hint = '';
    if (counts.length === 1 && counts[0] > 1) {
      const owner = pointShards(h0, counts[0]);
      const shards = [...new Set(missing.map((i) => owner[i]))].sort((x, y) => x - y);
      hint = `; they belong to shard${shards.length > 1 ? 's' : ''} ${shards.map((s) => `${s}/${counts[0]}`).join(', ')}: run ${shards.length > 1 ? 'them' : 'it'} (again) with --resume`;
    }
    const list = missing.slice(0, LIST_MAX).map((i) => {
      const g = gridPoint(h0, i);
      return `${i} (gammaI=${g.gammaI}, gammaC=${g.gammaC})`;
    });
    throw new CliError(`missing ${missing.length} of ${total} points: ${list.join(', ')}${missing.length > LIST_MAX ? ', …' : ''}${hint}`);
  }
  const header = unshardedHeader(h0);
  writeFileAtomic(out, (write) => {
    write(formatSweepHeader(kind, header));
    const CHUNK = 4096;
    for (let i = 0; i < total; i += CHUNK) write(rows.slice(i, i + CHUNK).map((r) => formatSweepRow(kind, header, r as SweepRow)).join(''));
  });
  return { out, format: kind, points: total, files: inputs.length };
}
