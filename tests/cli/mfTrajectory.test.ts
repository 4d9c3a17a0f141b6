import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI mf-trajectory', () => {
  it('prints one JSON object with the qubit closed-form decay (V = γ_C = 0)', () => {
    // ψ0 = (|−½⟩ + |+½⟩)/√2: X0 = 1, Z0 = 0 → X = e^{−γ_I t}, Z = e^{−2γ_I t} − 1 (Eq. 10)
    const r = cli('mf-trajectory', '--d', '2', '--dissipator', 'spin', '--gammaI', '0.5', '--gammaC', '0', '--V', '0', '--psi0', '1,0,1,0', '--times', '1,5,20');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.times).toEqual([1, 5, 20]);
    j.times.forEach((t: number, k: number) => {
      expect(j.X[k]).toBeCloseTo(Math.exp(-0.5 * t), 8);
      expect(j.Y[k]).toBeCloseTo(0, 10);
      expect(j.Z[k]).toBeCloseTo(Math.exp(-t) - 1, 8);
    });
  });

  it('accepts --V=-1.5 and --V -1.5 alike and reaches the broken-symmetry state of Sec. III A', () => {
    const a = cli('mf-trajectory', '--d', '2', '--gammaI', '0.5', '--gammaC', '1', '--V', '-1.5', '--psi0', '1,0,1,0.3', '--times', '200');
    const b = cli('mf-trajectory', '--d=2', '--gammaI=0.5', '--gammaC=1', '--V=-1.5', '--psi0=1,0,1,0.3', '--times=200');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const j = JSON.parse(a.out);
    const X = Math.sqrt(0.5 * (3 - 0.5 - 1)) / (3 - 1);
    expect(Math.abs(j.X[0])).toBeCloseTo(X, 6);
    expect(j.Y[0]).toBeCloseTo(-j.X[0], 6); // X = sgn(V) Y
    expect(j.Z[0]).toBeCloseTo(-0.5 / (3 - 1), 6);
  });

  it('rejects bad input with a one-line message and a non-zero exit', () => {
    for (const args of [
      ['--d', '1', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--psi0', '1,0', '--times', '1'],
      ['--d', '2', '--gammaI', '-1', '--gammaC', '0', '--V', '1', '--psi0', '1,0,0,0', '--times', '1'],
      ['--d', '2', '--gammaI', 'NaN', '--gammaC', '0', '--V', '1', '--psi0', '1,0,0,0', '--times', '1'],
      ['--d', '2', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--psi0', '1,0', '--times', '1'],
      ['--d', '2', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--psi0', '0,0,0,0', '--times', '1'],
      ['--d', '2', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--psi0', '1,0,0,0', '--times', '-1'],
      ['--d', '2', '--gammai', '1'],
    ]) {
      const r = cli('mf-trajectory', ...args);
      expect(r.code).not.toBe(0);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^error: /);
    }
    expect(cli('no-such-command').err).toMatch(/unknown command/);
  });
});
