/**
 * The version of the program that writes a result file: package.json name and version, the git
 * commit of the checkout and whether it had uncommitted changes (both null when git or the
 * repository is not available, e.g. in an unpacked tarball). Read once per process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SweepCodeVersion } from '../../src/contracts/sweepFile.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let cached: SweepCodeVersion | null = null;

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

export function codeVersion(): SweepCodeVersion {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit ? git(['status', '--porcelain', '--untracked-files=no']) : null;
  cached = {
    name: pkg.name,
    version: pkg.version,
    commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : null,
    dirty: status === null ? null : status.length > 0,
  };
  return cached;
}

/** One line for file headers: `qudit-dpt-explorer 0.1.0 (commit 959801d…, uncommitted changes)`. */
export function codeVersionLine(): string {
  const v = codeVersion();
  const c = v.commit ? `commit ${v.commit}${v.dirty ? ', with uncommitted changes' : ''}` : 'commit unknown';
  return `${v.name} ${v.version} (${c})`;
}
