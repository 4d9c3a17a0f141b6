/**
 * Writing an output file in one piece: the chunks go to `<path>.tmp-<pid>` and the file is renamed
 * into place at the end, so a reader never sees a half-written file (same directory, so the
 * rename is atomic on POSIX file systems).
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Writes the chunks produced by `produce` (strings as UTF-8) to `path` atomically. */
export function writeFileAtomic(path: string, produce: (write: (chunk: string | Uint8Array) => void) => void): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    produce((chunk) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    });
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw e;
  }
}
