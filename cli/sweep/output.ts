/**
 * The sweep output file: created with its header in one piece (temporary file + rename), then
 * one row appended per write(2) call on an O_APPEND descriptor, so a killed run leaves only
 * whole lines (a torn last line can only come from a crash of the machine or a full disk, and
 * is detected and dropped on --resume). Resuming checks that the file is the same sweep and
 * shard and reports which points it already holds.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { CliError } from '../args.ts';
import {
  type SweepFileKind, type SweepHeader, type SweepRow, SweepFileError,
  formatSweepHeader, formatSweepRow, parseSweepFile, sweepHeaderDifference,
} from '../../src/contracts/sweepFile.ts';
import { writeFileAtomic } from '../export/fileOut.ts';

export type OpenMode = 'new' | 'resume' | 'force';

export interface SweepOutput {
  /** Points the file already held when opened (resume). */
  done: Set<number>;
  /** Whether a torn last line was dropped. */
  droppedPartialLine: boolean;
  append(row: SweepRow): void;
  close(): void;
}

/**
 * Opens `path` for a sweep with `header`. 'new' refuses an existing file, 'force' replaces it,
 * 'resume' continues it (or starts it when absent). Throws CliError when a resumed file is
 * another sweep or shard, is unreadable, or holds points outside `shardPoints`.
 */
export function openSweepOutput(path: string, kind: SweepFileKind, header: SweepHeader, mode: OpenMode, shardPoints: Set<number>): SweepOutput {
  const done = new Set<number>();
  let droppedPartialLine = false;
  const exists = existsSync(path);
  if (exists && mode === 'new') throw new CliError(`${path} exists: pass --resume to continue it or --force to replace it`);
  if (exists && mode === 'resume') {
    const text = readFileSync(path, 'utf8');
    let parsed;
    try {
      parsed = parseSweepFile(text, { allowPartialLastLine: true });
    } catch (e) {
      if (e instanceof SweepFileError) throw new CliError(`cannot resume ${path}: ${e.message}`);
      throw e;
    }
    if (parsed.kind !== kind) throw new CliError(`cannot resume ${path}: it is ${parsed.kind}, the file name asks for ${kind}`);
    const diff = sweepHeaderDifference(parsed.header, header);
    if (diff) throw new CliError(`cannot resume ${path}: it holds another sweep (${diff})`);
    const s1 = parsed.header.shard, s2 = header.shard;
    if ((s1?.index ?? 0) !== (s2?.index ?? 0) || (s1?.count ?? 1) !== (s2?.count ?? 1)) {
      throw new CliError(`cannot resume ${path}: it holds shard ${s1 ? `${s1.index}/${s1.count}` : 'none'}, this run is ${s2 ? `${s2.index}/${s2.count}` : 'unsharded'}`);
    }
    for (let k = 0; k < parsed.rows.length; k++) {
      const i = parsed.rows[k].index as number;
      if (!shardPoints.has(i)) throw new CliError(`cannot resume ${path}: line ${parsed.lines[k]} holds point ${i}, which is not in this shard`);
      done.add(i);
    }
    if (parsed.droppedPartialLine) {
      droppedPartialLine = true;
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, parsed.completeLength), 'utf8'));
      closeSync(fd);
    }
  } else {
    writeFileAtomic(path, (write) => write(formatSweepHeader(kind, header)));
  }
  const fd = openSync(path, 'a');
  return {
    done,
    droppedPartialLine,
    append(row) {
      const buf = Buffer.from(formatSweepRow(kind, header, row), 'utf8');
      // One write(2) per line: O_APPEND makes it land whole at the end of the file.
      const n = writeSync(fd, buf, 0, buf.length);
      if (n !== buf.length) throw new Error(`short write to ${path} (${n} of ${buf.length} bytes): disk full?`);
    },
    close() {
      closeSync(fd);
    },
  };
}
