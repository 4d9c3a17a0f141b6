/**
 * Maps as sweep files (issue 11, src/ui/views/finite/sweepIO.tsx): a map's CSV is a `cli sweep`
 * file that parseSweepFile reads back to the same numbers; a loaded file is validated against
 * the panel's model and quantity, and a bad one yields a message naming the problem.
 */
import { describe, expect, it } from 'vitest';
import { parseSweepFile, sweepColumns } from '../../src/contracts/sweepFile.ts';
import type { FinitePointResult } from '../../src/contracts/exact.ts';
import type { GridState } from '../../src/compute/finiteClient.ts';
import { loadedValue, loadSweepText, slotCsv, type SweepSlot } from '../../src/ui/views/finite/sweepIO.tsx';

const axis = [0.5, 1, 1.5];
function point(gI: number, gC: number, k: number): FinitePointResult {
  return {
    gammaI: gI, gammaC: gC, X: 0, Y: 0, Z: -0.5 - 0.01 * k, jz2: 1, purity: 0.3 + 0.01 * k, scaledPurity: 32 * (0.3 + 0.01 * k), residual: 1e-13,
    gaps: [NaN, NaN, NaN, NaN], dims: {}, error: '', negativity: 0.1 + 0.001 * k, logNegativity: 0, NA: 3, negativityTrace: 1, negativityErrorBound: 1e-15,
  };
}
function slot(over: Partial<SweepSlot> = {}): SweepSlot {
  const cells = axis.map((gC, iy) => axis.map((gI, ix) => (iy === 2 && ix === 2 ? null : point(gI, gC, iy * 3 + ix))));
  cells[1][1] = { ...cells[1][1]!, negativityError: 'parties too large' };
  const grid: GridState = { cells, coarse: null, level: 3, complete: false };
  return {
    key: 'k', label: 'N = 5, d = 2', model: { N: 5, d: 2, dissipator: 'spin', V: 1 }, alsoN: [7],
    quantities: ['X', 'Y', 'Z', 'purity', 'scaledPurity', 'negativity'], need: ['negativity'], grid, axis, aV: 1, filename: 'f', ...over,
  };
}

describe('map ⇄ sweep file', () => {
  it('exports the sweep columns and reads back the same numbers (absent and failed points kept as such)', () => {
    const text = slotCsv(slot());
    const f = parseSweepFile(text, { expect: { model: { N: 5, d: 2, dissipator: 'spin', V: 1 }, quantities: ['negativity'] } });
    expect(f.columns.map((c) => c.name)).toEqual(sweepColumns(['X', 'Y', 'Z', 'purity', 'scaledPurity', 'negativity']).map((c) => c.name));
    expect(f.rows.length).toBe(8);
    const r4 = f.rows.find((r) => r.index === 4)!;
    expect(r4.negativity).toBeNull();
    expect(r4.negativity_converged).toBe(false);
    expect(String(r4.error)).toContain('parties too large');
    expect(r4.purity).toBe(0.3 + 0.01 * 4); // bit for bit
    expect(f.rows.find((r) => r.index === 5)!.negativity).toBe(0.1 + 0.001 * 5);
    const got = loadSweepText(text, 'f.csv', [slot()]);
    if ('error' in got) throw new Error(got.error);
    expect(loadedValue(got.map.grid.cells[1][2]!, 'negativity')).toBe(0.1 + 0.001 * 5);
    expect(got.map.grid.cells[2][2]).toBeNull();
    // re-export of the loaded map is the same file (the stamp lines aside)
    const strip = (t: string) => t.split('\n').filter((l) => !l.startsWith('# explorer') && !l.startsWith('# link')).join('\n');
    expect(strip(slotCsv(slot(), got.map))).toBe(strip(text));
  });

  it('refuses another model, missing columns, NaN and an unknown file, naming the problem', () => {
    const text = slotCsv(slot());
    const other = loadSweepText(text, 'f.csv', [slot({ model: { N: 5, d: 3, dissipator: 'spin', V: 1 } })]);
    expect('error' in other && other.error).toMatch(/another model.*d = 2 \(expected 3\)/);
    const twoPanels = loadSweepText(text, 'f.csv', [slot({ key: 'a', model: { N: 5, d: 3, dissipator: 'spin', V: 1 } }), slot({ key: 'b', model: { N: 5, d: 2, dissipator: 'spin', V: -1 } })]);
    expect('error' in twoPanels && twoPanels.error).toMatch(/another model \(N = 5, d = 2, spin ladder, V = 1\)/);
    const purityOnly = slotCsv(slot({ quantities: ['purity'] }));
    const lacks = loadSweepText(purityOnly, 'p.csv', [slot()]);
    expect('error' in lacks && lacks.error).toMatch(/lacks negativity/);
    const lines = text.split('\n');
    const names = lines.findIndex((l) => l.startsWith('index,'));
    const wrongCols = [...lines.slice(0, names), lines[names].replace('negativity,', 'negativty,'), ...lines.slice(names + 1)].join('\n');
    expect(('error' in loadSweepText(wrongCols, 'w.csv', [slot()])) && (loadSweepText(wrongCols, 'w.csv', [slot()]) as { error: string }).error).toMatch(/wrong columns/);
    const row = lines[names + 1].split(',');
    const nanCol = lines[names].split(',').indexOf('negativity');
    row[nanCol] = 'NaN';
    const nan = [...lines.slice(0, names + 1), row.join(','), ...lines.slice(names + 2)].join('\n');
    expect((loadSweepText(nan, 'n.csv', [slot()]) as { error: string }).error).toMatch(/column negativity: "NaN" is not a number/);
    expect((loadSweepText('gammaI,gammaC\n1,2\n', 'x.csv', [slot()]) as { error: string }).error).toMatch(/missing header/);
  });

  it('accepts the paper’s N of a reduced panel and spin ≡ flat for d ≤ 3', () => {
    const at7 = slotCsv(slot({ model: { N: 7, d: 2, dissipator: 'flat', V: 1 } }));
    const got = loadSweepText(at7, 'paper.csv', [slot()]);
    expect('error' in got ? got.error : got.map.header.model.N).toBe(7);
  });
});
