/**
 * `--maxFactorGFlop`: the exact path's factorisation limit from the command line (the paper's
 * Fig. 5 sizes need factorisations of 4e12–1.3e13 flops, above the engine's default 1e11, so a
 * batch run must be able to lift it). Checked both ways on a system small enough for a test: a
 * limit below the sectors' factorisation is refused before anything runs by `gaps` and `sweep
 * --quantity gaps` (the uncertified fallback can never give a certified gap: exit 2, one line
 * naming the flag and the figures), selects the labelled fallback for `steady-state`, and the
 * default path certifies the same gaps as `spectrum`. A bad value is refused naming the flag.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run.ts';
import { parseSweepFile } from '../../src/contracts/sweepFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'maxfactor-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// N = 20, d = 2: sectors of ≈ 440 (above the dense limit), one factorisation ≈ 1e7 flops
const MODEL = ['--N', '20', '--d', '2', '--dissipator', 'spin', '--gammaI', '0.9', '--gammaC', '0.35', '--V', '1'];

async function json(argv: string[]) {
  const r = await runCli(argv);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('--maxFactorGFlop', () => {
  it('gaps: the default path certifies; a limit below the factorisation is refused with the figures', async () => {
    const exact = await json(['gaps', ...MODEL]);
    for (const g of Object.values(exact.gaps)) expect(typeof g).toBe('number');
    // each certified gap equals the slowest eigenvalue from `spectrum` within the two bounds
    const sp = await json(['spectrum', ...MODEL, '--sector', '-1,+1', '--k', '2']);
    expect(Math.abs(exact.gaps['-1,+1'] + sp.eigenvalues[0].re)).toBeLessThanOrEqual(exact.errorBounds['-1,+1'] + sp.eigenvalues[0].errorBound);
    const limited = await runCli(['gaps', ...MODEL, '--maxFactorGFlop', '1e-6']);
    expect(limited.code).toBe(2);
    expect(limited.stdout).toBe('');
    expect(limited.stderr).toMatch(/^error: N=20, d=2: certified gaps need the exact block LU: [\d.e+-]+ GFlop per factorisation, above the limit of 1\.00e-6 GFlop \(--maxFactorGFlop\);.*cannot certify a gap, so nothing was computed\n$/);
    // a generous limit is the default path
    expect((await json(['gaps', ...MODEL, '--maxFactorGFlop', '1000'])).gaps).toEqual(exact.gaps);
  }, 240_000);

  it('steady-state: the limit selects the solver, the state is the same to its residual', async () => {
    const exact = await json(['steady-state', ...MODEL]);
    const limited = await json(['steady-state', ...MODEL, '--maxFactorGFlop', '1e-6']);
    expect(exact.checks.solver).toBe('block-lu');
    expect(limited.checks.solver).toBe('ilut-gmres');
    expect(Math.abs(limited.Z - exact.Z)).toBeLessThan(1e-6);
  }, 240_000);

  it('sweep: a limit below the factorisation is refused before the file is written; a sufficient one is recorded in the header', async () => {
    const grid = [...MODEL.filter((_, i) => i < 6 || i > 9), '--gammaI', '0.9:1.1:2', '--gammaC', '0.35:0.35:1', '--quantity', 'gaps', '--threads', '1'];
    const refused = join(dir, 'refused.csv');
    const r = await runCli(['sweep', ...grid, '--maxFactorGFlop', '1e-6', '--out', refused]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--maxFactorGFlop.*cannot certify a gap/);
    expect(existsSync(refused)).toBe(false);
    const out = join(dir, 'limited.csv');
    expect(await json(['sweep', ...grid, '--maxFactorGFlop', '0.5', '--out', out])).toMatchObject({ points: 2, written: 2, failed: 0, unconverged: 0 });
    const file = parseSweepFile(readFileSync(out, 'utf8'));
    expect(file.header.maxFactorGFlop).toBe(0.5);
    const exact = await json(['gaps', ...MODEL]);
    expect(Math.abs((file.rows[0].gap_pm as number) - exact.gaps['+1,-1'])).toBeLessThan(1e-9);
  }, 240_000);

  it('a bad value is refused with the flag and its range', async () => {
    for (const v of ['0', '-3', 'abc']) {
      const r = await runCli(['gaps', ...MODEL, '--maxFactorGFlop', v]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/maxFactorGFlop/);
    }
  });
});
