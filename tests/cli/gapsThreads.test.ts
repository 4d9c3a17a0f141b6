/**
 * `gaps --threads k` (cli/sectorPool.ts): the four sectors on worker threads give exactly the
 * numbers of the one-thread run (same options per sector, gapSpectrumOptions), the thread count
 * is lowered with a note when k sectors' memory estimates exceed --budgetGiB, and a bad value
 * is refused naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run.ts';
import { estimateBytes } from '../../src/physics/exact/memory.ts';
import { SECTOR_LABELS, parseSector } from '../../src/physics/exact/sectors.ts';
import { createSectorPool } from '../../cli/sectorPool.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { gapsFromSpectra } from '../../src/physics/exact/spectrum.ts';

// N = 20, d = 2: sectors of ≈ 440, above the dense limit (the exact shift-invert path)
const MODEL = ['--N', '20', '--d', '2', '--dissipator', 'spin', '--gammaI', '0.9', '--gammaC', '0.35', '--V', '1'];

describe('gaps --threads', () => {
  it('two worker threads give the one-thread numbers exactly; a tight budget lowers the count with a note', async () => {
    const one = await runCli(['gaps', ...MODEL, '--threads', '1']);
    expect(one.code).toBe(0);
    const two = await runCli(['gaps', ...MODEL, '--threads', '2']);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout), b = JSON.parse(two.stdout);
    for (const g of Object.values(a.gaps)) expect(typeof g).toBe('number');
    expect(b).toEqual(a);
    // budget for 1.5 sectors: one thread, said so, same numbers
    const per = Math.max(...SECTOR_LABELS.map((l) => estimateBytes(20, 2, 'spectrum', parseSector(l))));
    const tight = await runCli(['gaps', ...MODEL, '--threads', '3', '--budgetGiB', String((1.5 * per) / 1024 ** 3)]);
    expect(tight.code).toBe(0);
    const c = JSON.parse(tight.stdout);
    expect(c.gaps).toEqual(a.gaps);
    expect(c.notes[0]).toMatch(/^ran on 1 thread\(s\), not 3: 3 sectors at once would need ≈ [\d.]+ GiB > budget [\d.]+ GiB$/);
  }, 120_000);

  it('a kept pool (the bench\'s warm pool) runs point after point with the one-thread numbers, one point at a time', async () => {
    const one = JSON.parse((await runCli(['gaps', ...MODEL, '--threads', '1'])).stdout);
    const other = JSON.parse((await runCli(['gaps', ...MODEL.slice(0, -6), '--gammaI', '0.5', '--gammaC', '0.5', '--V', '-1', '--threads', '1'])).stdout);
    const pool = createSectorPool(2);
    try {
      await pool.prepare(20, 2);
      const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
      const q = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.5, gammaC: 0.5, V: -1 });
      const first = pool.run(20, p, {});
      await expect(pool.run(20, q, {})).rejects.toThrow(/one point at a time/);
      expect(gapsFromSpectra(await first).gaps).toEqual(one.gaps);
      expect(gapsFromSpectra(await pool.run(20, q, {})).gaps).toEqual(other.gaps);
      expect(other.gaps).not.toEqual(one.gaps);
    } finally {
      await pool.close();
    }
    await expect(pool.run(20, makeParams({ d: 2, dissipator: 'spin', gammaI: 1, gammaC: 0, V: 1 }), {})).rejects.toThrow(/closed/);
  }, 120_000);

  it('refuses a bad thread count', async () => {
    const r = await runCli(['gaps', ...MODEL, '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads must be ≥ 1/);
  });
});
