/**
 * The CLI half of the bad-input corpus (tests/corpus/badInput.ts): every case exits with code 2,
 * prints nothing on stdout and exactly one line "error: …" on stderr that names the parameter
 * and its allowed range — no stack trace. The cases run in-process through cli/run.ts (the
 * function cli/main.ts wraps); a few also run as real processes to check the exit code wiring.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/run.ts';
import { CLI_CASES } from '../corpus/badInput.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe(`CLI bad input (${CLI_CASES.length} cases of the corpus)`, () => {
  it.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const r = await runCli(c.argv);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr.endsWith('\n')).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/);
    expect(lines[0]).toMatch(c.message);
  }, 60_000);

  it('a real process exits 2 with the one-line message, and 0 with one JSON object on good input', () => {
    const bad = spawnSync('npx', ['tsx', 'cli/main.ts', ...CLI_CASES[0].argv], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    const good = spawnSync('npx', ['tsx', 'cli/main.ts', 'sectors', '--N', '3', '--d', '2'], { cwd: root, encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(good.stdout).total).toBe(20); // C(3 + 4 − 1, 3)
  }, 60_000);
});
