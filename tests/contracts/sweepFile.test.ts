import { describe, expect, it } from 'vitest';
import {
  type SweepHeader, type SweepRow, axisValue, formatSweepCsv, formatSweepJsonl, gridPoint, gridSize,
  parseSweepFile, sweepColumns, sweepHeaderDifference, unshardedHeader,
} from '../../src/contracts/sweepFile.ts';

const header: SweepHeader = {
  format: 'qudit-dpt-sweep', formatVersion: 1,
  model: { N: 4, d: 3, dissipator: 'spin', V: 1 },
  gammaI: { from: 0.1, to: 0.3, n: 3 },
  gammaC: { from: 0, to: 1, n: 2 },
  chain: 5, quantities: ['gaps', 'purity'], budgetGiB: null,
  code: { name: 'qudit-dpt-explorer', version: '0.1.0', commit: 'a'.repeat(40), dirty: false },
};

/** A full grid of rows with distinct, awkward values (tiny, huge, negative, empty, text with commas). */
function rows(h: SweepHeader): SweepRow[] {
  return Array.from({ length: gridSize(h) }, (_, i) => {
    const g = gridPoint(h, i);
    const r: SweepRow = { index: i, gammaI: g.gammaI, gammaC: g.gammaC, error: '' };
    for (const c of sweepColumns(h.quantities).slice(3, -1)) {
      r[c.name] = c.type === 'bool' ? i % 2 === 0 : i === 1 ? null : (i + 1) * (c.name.length % 2 ? 1e-17 : -1.2345678901234567e5) + 0.1;
    }
    if (i === 1) r.error = 'a, "quoted" message\nwith a newline and a #hash';
    return r;
  });
}

/** Replaces the cell of `col` on the first data line of a CSV text. */
function setCsvCell(text: string, col: string, value: string): string {
  const lines = text.split('\n');
  const names = lines.find((l) => l.startsWith('index,')) as string;
  const k = names.split(',').indexOf(col);
  const at = lines.indexOf(names) + 1;
  const cells = lines[at].split(',');
  cells[k] = value;
  lines[at] = cells.join(',');
  return lines.join('\n');
}

describe('sweep file format', () => {
  it('has the columns of the quantities asked for, with certification for each', () => {
    const names = sweepColumns(['purity', 'gaps']).map((c) => c.name);
    expect(names.slice(0, 3)).toEqual(['index', 'gammaI', 'gammaC']);
    expect(names).toContain('gap_mp');
    expect(names).toContain('gap_mp_errorBound');
    expect(names).toContain('purity_converged');
    expect(names.indexOf('gap_pp')).toBeLessThan(names.indexOf('purity')); // canonical order, not the order asked
    expect(names.at(-1)).toBe('error');
    expect(names).toHaveLength(3 + 4 * 4 + 4 + 1);
  });

  it('hits the axis ends exactly and orders points with γ_I fastest', () => {
    const a = { from: 0.1, to: 0.3, n: 3 };
    expect(axisValue(a, 2)).toBe(0.3); // 0.1 + (0.3 − 0.1)·2/2 would be 0.30000000000000004
    expect(gridPoint(header, 4)).toEqual({ iI: 1, iC: 1, gammaI: 0.2, gammaC: 1 });
  });

  it('round-trips CSV and JSON Lines exactly (parse then format gives the same text)', () => {
    const rs = rows(header);
    for (const [fmt, kind] of [[formatSweepCsv, 'csv'], [formatSweepJsonl, 'jsonl']] as const) {
      const text = fmt(header, rs);
      const p = parseSweepFile(text);
      expect(p.kind).toBe(kind);
      expect(p.header).toEqual(header);
      expect(fmt(p.header, p.rows)).toBe(text);
      expect(p.rows[1].error).toBe('a, "quoted" message with a newline and a No.hash');
      expect(p.rows[1].purity).toBeNull();
      expect(p.rows[2].purity).toBe(rs[2].purity);
    }
    // no data cell holds '#', so pandas.read_csv(comment='#') is safe
    const csv = formatSweepCsv(header, rs);
    expect(csv.split('\n').filter((l) => !l.startsWith('#') && l.includes('#'))).toEqual([]);
  });

  it('writes NaN and ±Infinity as empty cells and refuses a missing required number', () => {
    const r = rows(header)[0];
    const text = formatSweepCsv(header, [{ ...r, purity: NaN, purity_errorBound: Infinity }]);
    const p = parseSweepFile(text);
    expect(p.rows[0].purity).toBeNull();
    expect(p.rows[0].purity_errorBound).toBeNull();
    expect(() => formatSweepCsv(header, [{ ...r, gammaI: NaN }])).toThrow(/column gammaI needs a finite number/);
  });

  it('rejects bad files with a message naming the problem', () => {
    const good = formatSweepCsv(header, rows(header));
    const goodJsonl = formatSweepJsonl(header, rows(header));
    const dataOnly = good.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    const cases: Array<[string, string, RegExp]> = [
      ['empty', '', /the file is empty/],
      ['no header (plain CSV)', dataOnly, /^missing header: a sweep file starts with/],
      ['no header line', good.replace(/# header: .*\n/, ''), /missing header: no "# header: \{…\}" line/],
      ['another program', good.replace('qudit-dpt-sweep","formatVersion', 'other-tool","formatVersion'), /not a qudit-dpt-sweep file \(format "other-tool"\)/],
      ['newer format', goodJsonl.replace('"formatVersion":1', '"formatVersion":2'), /format version 2 is not supported/],
      ['wrong column name', good.replace(',gap_mp,', ',gap_MP,'), /wrong columns for the quantities in the header: missing gap_mp; unexpected gap_MP/],
      ['columns swapped', good.replace('gap_pp,gap_pp_residual', 'gap_pp_residual,gap_pp'), /wrong columns: column 4 is gap_pp_residual, expected gap_pp/],
      ['NaN in a number column', setCsvCell(good, 'purity', 'NaN'), /line \d+, column purity: "NaN" is not a number \(write an empty cell/],
      ['text in a number column', setCsvCell(good, 'gap_mm', '0.1x'), /line \d+, column gap_mm: "0.1x" is not a number/],
      ['empty required cell', setCsvCell(good, 'gammaC', ''), /column gammaC: empty, but a number is required/],
      ['bad boolean', setCsvCell(good, 'purity_converged', 'yes'), /column purity_converged: "yes" is not true or false/],
      ['rate off the grid', setCsvCell(good, 'gammaI', '0.15'), /gammaI = 0.15 does not match the grid \(point 0 has gammaI = 0.1\)/],
      ['index outside the grid', setCsvCell(good, 'index', '6'), /index 6 is outside the grid \(0\.\.5\)/],
      ['cell count', good.replace(/\n(0,[^\n]*)\n/, '\n$1,extra\n'), /line 28: 25 cells, but the header has 24 columns/],
      ['duplicate point', good + good.split('\n').filter((l) => l.startsWith('2,'))[0] + '\n', /point 2 appears twice \(also on line \d+\)/],
      ['truncated file', good.slice(0, -10), /the last line is incomplete/],
      ['JSONL NaN', goodJsonl.replace(/"purity":[^,]+,/, '"purity":"NaN",'), /column purity: "NaN" is not a number \(write null/],
      ['JSONL unknown key', goodJsonl.replace(/"error":""\}/, '"error":"","extra":1}'), /unknown column extra/],
      ['JSONL bad header JSON', '{"format":\n', /line 1: the JSON header is not valid JSON/],
      ['bad model in header', good.replace('"d":3', '"d":1'), /bad header: model\.d must be an integer with 2 ≤ d ≤ 20 \(got 1\)/],
    ];
    for (const [what, text, msg] of cases) {
      expect(() => parseSweepFile(text), what).toThrow(msg);
    }
  });

  it('rejects another model’s file when the caller says what it expects', () => {
    const text = formatSweepCsv(header, rows(header));
    expect(() => parseSweepFile(text, { expect: { model: { N: 5, d: 3 } } })).toThrow(/the file is for another model: N = 4 \(expected 5\)/);
    expect(() => parseSweepFile(text, { expect: { quantities: ['negativity'] } })).toThrow(/the file lacks negativity \(it has gaps, purity\)/);
    expect(parseSweepFile(text, { expect: { model: { N: 4, d: 3, dissipator: 'spin', V: 1 }, quantities: ['gaps'] } }).rows).toHaveLength(6);
  });

  it('drops a torn last line only when asked (resume after a crash)', () => {
    const good = formatSweepCsv(header, rows(header));
    const torn = good.slice(0, -10);
    const p = parseSweepFile(torn, { allowPartialLastLine: true });
    expect(p.droppedPartialLine).toBe(true);
    expect(p.rows).toHaveLength(5);
    expect(torn.slice(0, p.completeLength)).toBe(formatSweepCsv(header, rows(header).slice(0, 5)));
  });

  it('compares headers ignoring the shard and names the first difference', () => {
    const shard = { ...header, shard: { index: 1, count: 3 } };
    expect(sweepHeaderDifference(header, shard)).toBeNull();
    expect(unshardedHeader(shard)).toEqual(header);
    expect(sweepHeaderDifference(header, { ...header, model: { ...header.model, V: -1 } })).toBe('model.V differs (1 vs -1)');
    expect(sweepHeaderDifference(header, { ...header, code: { ...header.code, commit: 'b'.repeat(40) } })).toMatch(/^code\.commit differs/);
  });
});
