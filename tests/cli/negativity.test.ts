import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeParams } from '../../src/physics/model/model.ts';
import { steadyStateNegativity } from '../../src/physics/exact/negativity.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI negativity', () => {
  it('prints one JSON object equal to the library value (default and explicit NA, V < 0)', () => {
    for (const [NA, args] of [
      [2, ['--N', '3', '--d', '4', '--dissipator', 'flat', '--gammaI', '0.7', '--gammaC', '0.2', '--V=-1']],
      [1, ['--N', '3', '--d', '4', '--dissipator', 'flat', '--gammaI', '0.7', '--gammaC', '0.2', '--V', '-1', '--NA', '1']],
    ] as const) {
      const r = cli('negativity', ...args);
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines).toHaveLength(1);
      const j = JSON.parse(lines[0]);
      const lib = steadyStateNegativity(3, makeParams({ d: 4, dissipator: 'flat', gammaI: 0.7, gammaC: 0.2, V: -1 }), NA);
      expect(j.NA).toBe(NA);
      expect(j.NB).toBe(3 - NA);
      expect(Math.abs(j.negativity - lib.negativity)).toBeLessThan(1e-12);
      expect(Math.abs(j.logNegativity - lib.logNegativity)).toBeLessThan(1e-12);
      expect(Math.abs(j.traceCheck - 1)).toBeLessThan(1e-12);
      expect(j.negativity).toBeGreaterThan(0);
      expect(j.spectrum.count).toBe(64);
      expect(j.spectrum.min).toBeLessThan(0);
      expect(j.spectrum.negativeCount).toBeGreaterThan(0);
    }
  });

  it('steady-state reports the negativity of the default bipartition', () => {
    const r = cli('steady-state', '--N', '4', '--d', '2', '--gammaI', '0.3', '--gammaC', '0.2', '--V', '1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const lib = steadyStateNegativity(4, makeParams({ d: 2, dissipator: 'spin', gammaI: 0.3, gammaC: 0.2, V: 1 }));
    expect(Math.abs(j.negativity - lib.negativity)).toBeLessThan(1e-12);
  });

  it('rejects bad input with a one-line message and exit code 2', () => {
    const base = ['--d', '3', '--gammaI', '0.5', '--gammaC', '0.5', '--V', '1'];
    for (const args of [
      ['--N', '4', ...base, '--NA', '0'],
      ['--N', '4', ...base, '--NA', '4'],
      ['--N', '4', ...base, '--NA', '1.5'],
      ['--N', '1', ...base],
      ['--N', '4', '--d', '3', '--gammaI', '0', '--gammaC', '0.5', '--V', '1'],
      ['--N', '4', ...base, '--dissipator', 'wobbly'],
      ['--N', '4', ...base, '--na', '2'],
    ]) {
      const r = cli('negativity', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^error: /);
    }
  });
});
