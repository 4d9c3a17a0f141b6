/**
 * `cli sweep` and `cli sweep-merge` end to end (issue 11): shards merged equal the unsharded run
 * bit for bit, a killed run resumed equals an uninterrupted one, merge refuses incomplete or
 * mixed inputs, and the columns hold what the single-point commands print.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSweepFile } from '../../src/contracts/sweepFile.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);

// One node process (no npx/tsx wrapper), so that a kill reaches the process that writes.
const NODE = [process.execPath, '--import', 'tsx', 'cli/main.ts'];

function cli(...args: string[]) {
  const r = spawnSync(NODE[0], [...NODE.slice(1), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ok(...args: string[]) {
  const r = cli(...args);
  expect(r.err.split('\n').filter((l) => l.startsWith('error')), r.err).toEqual([]);
  expect(r.code).toBe(0);
  const lines = r.out.trim().split('\n');
  expect(lines).toHaveLength(1); // exactly one JSON object on stdout
  return JSON.parse(lines[0]);
}

function fails(pattern: RegExp, ...args: string[]) {
  const r = cli(...args);
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
}

const dataLines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('index,'));

const SMALL = ['--N', '3', '--d', '2', '--dissipator', 'spin', '--V', '1', '--gammaI', '0.1:1.3:7', '--gammaC', '0.2:1:4', '--quantity', 'gaps,purity,Z'];

describe('cli sweep', () => {
  it('3 shards merged equal the unsharded sweep bit for bit (CSV and JSON Lines)', () => {
    const whole = ok('sweep', ...SMALL, '--threads', '2', '--out', f('whole.csv'));
    expect(whole).toMatchObject({ points: 28, written: 28, skipped: 0, failed: 0, shard: null });
    const sizes = [0, 1, 2].map((i) => ok('sweep', ...SMALL, '--threads', '1', '--shard', `${i}/3`, '--out', f(`s${i}.csv`)).points);
    expect(sizes.reduce((a, b) => a + b)).toBe(28);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4); // balanced to about one chain
    const shardText = readFileSync(f('s1.csv'), 'utf8');
    expect(shardText).toMatch(/"shard":\{"index":1,"count":3\}/);
    ok('sweep-merge', '--in', [0, 1, 2].map((i) => f(`s${i}.csv`)).join(','), '--out', f('merged.csv'));
    expect(readFileSync(f('merged.csv'), 'utf8')).toBe(readFileSync(f('whole.csv'), 'utf8'));
    // the same rows as JSON Lines: merge converts, and equals an unsharded .jsonl run
    ok('sweep', ...SMALL, '--threads', '2', '--out', f('whole.jsonl'));
    ok('sweep-merge', '--in', [2, 0, 1].map((i) => f(`s${i}.csv`)).join(','), '--out', f('merged.jsonl'));
    expect(readFileSync(f('merged.jsonl'), 'utf8')).toBe(readFileSync(f('whole.jsonl'), 'utf8'));
  }, 90_000);

  it('writes a header with the parameters, the code version and column meanings, and rows that match the single-point commands', () => {
    const text = readFileSync(f('whole.csv'), 'utf8');
    expect(text.startsWith('# qudit-dpt-sweep format 1\n# header: {')).toBe(true);
    expect(text).toMatch(/^# column gap_mp: Δ\(-1,\+1\) = −Re λ0 in sector \(-1,\+1\) \(Eq\. 15\)/m);
    const p = parseSweepFile(text);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(p.header.code.version).toBe(pkg.version);
    expect(p.header.code.commit === null || /^[0-9a-f]{40}$/.test(p.header.code.commit)).toBe(true);
    expect(p.header.model).toEqual({ N: 3, d: 2, dissipator: 'spin', V: 1 });
    expect(p.rows.map((r) => r.index)).toEqual(Array.from({ length: 28 }, (_, i) => i));
    // point 10 = (iI 3, iC 1): γ_I = 0.7, γ_C = 0.2 + 0.8/3
    const row = p.rows[10];
    expect(row.gammaI).toBe(0.1 + (1.3 - 0.1) * 3 / 6);
    const rates = ['--N', '3', '--d', '2', '--V', '1', '--gammaI', String(row.gammaI), '--gammaC', String(row.gammaC)];
    const gaps = ok('gaps', ...rates).gaps;
    for (const [label, key] of [['+1,+1', 'gap_pp'], ['+1,-1', 'gap_pm'], ['-1,+1', 'gap_mp'], ['-1,-1', 'gap_mm']]) {
      expect(row[`${key}_converged`]).toBe(true);
      expect(row[key] as number).toBeCloseTo(gaps[label], 10);
      expect(row[`${key}_residual`] as number).toBeLessThan(1e-8);
    }
    const ss = ok('steady-state', ...rates);
    expect(row.purity as number).toBeCloseTo(ss.purity, 12);
    expect(row.Z as number).toBeCloseTo(ss.Z, 12);
    expect(row.purity_converged).toBe(true);
  }, 60_000);

  it('a shard killed mid-run and resumed gives the same file; a torn last line is dropped on resume', async () => {
    const args = ['sweep', '--N', '3', '--d', '3', '--V', '1', '--gammaI', '0.2:1.2:8', '--gammaC', '0.3:0.6:2', '--chain', '3', '--quantity', 'purity,gaps', '--shard', '1/2', '--threads', '1'];
    const ref = ok(...args, '--out', f('ref.csv'));
    expect(ref.points).toBe(8);
    const refText = readFileSync(f('ref.csv'), 'utf8');

    // kill -9 after 2 rows are on disk
    const child = spawn(NODE[0], [...NODE.slice(1), ...args, '--out', f('killed.csv')], { cwd: root, stdio: 'ignore' });
    const rowsAtKill = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const n = existsSync(f('killed.csv')) ? dataLines(f('killed.csv')).length : 0;
        if (n >= 2) { clearInterval(timer); child.kill('SIGKILL'); resolve(n); }
      }, 20);
      child.on('exit', () => { clearInterval(timer); reject(new Error('the sweep finished before it could be killed')); });
    });
    await new Promise((r) => child.on('exit', r));
    const killedRows = dataLines(f('killed.csv')).length;
    expect(killedRows).toBeGreaterThanOrEqual(rowsAtKill);
    expect(killedRows).toBeLessThan(8);
    fails(/exists: pass --resume to continue it or --force/, ...args, '--out', f('killed.csv'));
    const resumed = ok(...args, '--out', f('killed.csv'), '--resume');
    expect(resumed).toMatchObject({ points: 8, skipped: killedRows, written: 8 - killedRows });
    expect(readFileSync(f('killed.csv'), 'utf8')).toBe(refText);

    // a crash in the middle of a write: cut the file inside its third-last row
    const lastRows = refText.split('\n').slice(-4, -1).join('\n').length + 1;
    writeFileSync(f('torn.csv'), refText.slice(0, refText.length - lastRows + 17));
    const r = cli(...args, '--out', f('torn.csv'), '--resume');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/dropped an incomplete last line/);
    expect(JSON.parse(r.out)).toMatchObject({ skipped: 5, written: 3 });
    expect(readFileSync(f('torn.csv'), 'utf8')).toBe(refText);
    // resuming a complete file computes nothing
    expect(ok(...args, '--out', f('torn.csv'), '--resume')).toMatchObject({ written: 0, skipped: 8 });
  }, 120_000);

  it('resume refuses a file of another sweep or shard', () => {
    fails(/cannot resume .*: it holds another sweep \(model\.V differs \(1 vs 0\.5\)\)/, 'sweep', ...SMALL.map((a) => (a === '1' ? '0.5' : a)), '--out', f('whole.csv'), '--resume');
    fails(/cannot resume .*: it holds shard none, this run is 1\/3/, 'sweep', ...SMALL, '--shard', '1/3', '--out', f('whole.csv'), '--resume');
  }, 30_000);

  it('sweep-merge refuses a missing point, a duplicate, other parameters and a torn shard', () => {
    const shards = [0, 1, 2].map((i) => f(`s${i}.csv`));
    fails(/missing 7 of 28 points: 10 \(gammaI=0\.7, gammaC=0\.4666666666666667\), .*16 \(.*\); they belong to shard 1\/3: run it \(again\) with --resume$/m, 'sweep-merge', '--in', [shards[0], shards[2]].join(','), '--out', f('m1.csv'));
    copyFileSync(shards[0], f('copy0.csv'));
    fails(/point 0 appears twice: .*s0\.csv line \d+ and .*copy0\.csv line \d+/, 'sweep-merge', '--in', [...shards, f('copy0.csv')].join(','), '--out', f('m2.csv'));
    ok('sweep', ...SMALL.map((a) => (a === '1' ? '0.9' : a)), '--shard', '1/3', '--threads', '1', '--out', f('otherV.csv'));
    fails(/otherV\.csv is from another sweep than .*s0\.csv: model\.V differs \(1 vs 0\.9\)/, 'sweep-merge', '--in', [shards[0], f('otherV.csv'), shards[2]].join(','), '--out', f('m3.csv'));
    const text = readFileSync(shards[1], 'utf8');
    writeFileSync(f('tornShard.csv'), text.slice(0, -5));
    fails(/tornShard\.csv: the last line is incomplete .*\(resume that shard with --resume\)/, 'sweep-merge', '--in', [shards[0], f('tornShard.csv'), shards[2]].join(','), '--out', f('m4.csv'));
    for (const m of ['m1.csv', 'm2.csv', 'm3.csv', 'm4.csv']) expect(existsSync(f(m))).toBe(false);
  }, 60_000);

  it('computes the steady-state negativity when the engine has it, and refuses it clearly otherwise', () => {
    const args = ['sweep', '--N', '3', '--d', '2', '--V', '1', '--gammaI', '0.5:1:2', '--gammaC', '0.2', '--quantity', 'negativity,purity', '--threads', '1', '--out', f('neg.csv')];
    if (!existsSync(join(root, 'src/physics/exact/negativity.ts'))) {
      fails(/quantity "negativity" is not available: src\/physics\/exact\/negativity\.ts \(issue 9\) is not in this checkout/, ...args);
      return;
    }
    ok(...args);
    const row = parseSweepFile(readFileSync(f('neg.csv'), 'utf8')).rows[1];
    expect(row.negativity_converged).toBe(true);
    const ss = ok('steady-state', '--N', '3', '--d', '2', '--V', '1', '--gammaI', '1', '--gammaC', '0.2');
    expect(row.negativity as number).toBeGreaterThan(0);
    if (typeof ss.negativity === 'number') expect(row.negativity as number).toBeCloseTo(ss.negativity, 12);
    expect(row.purity as number).toBeCloseTo(ss.purity, 12);
  }, 30_000);

  it('rejects bad flags with one line on stderr', () => {
    fails(/--gammaI must be from:to:n or one value/, 'sweep', ...SMALL.map((a) => (a === '0.1:1.3:7' ? '0.1-1.3' : a)), '--out', f('x.csv'));
    fails(/unknown quantity "entropy"/, 'sweep', ...SMALL.map((a) => (a === 'gaps,purity,Z' ? 'purity,entropy' : a)), '--out', f('x.csv'));
    fails(/--out must end in \.csv or \.jsonl/, 'sweep', ...SMALL, '--out', f('x.txt'));
    fails(/--shard must be i\/n with 0 ≤ i < n/, 'sweep', ...SMALL, '--shard', '3/3', '--out', f('x.csv'));
    fails(/above the memory budget/, 'sweep', ...SMALL, '--budgetGiB', '0.000001', '--out', f('x.csv'));
    expect(existsSync(f('x.csv'))).toBe(false);
  }, 60_000);
});
