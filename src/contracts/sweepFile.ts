/**
 * The sweep file: one row per (γ_I, γ_C) point of a map (Figs. 5, 7, 8 of Pausch et al.), written
 * by `cli sweep`, joined by `cli sweep-merge`, exported and imported by the explorer's maps.
 * Pure TypeScript (no Node or DOM APIs) so the CLI and the UI share one reader and one writer.
 *
 * Two encodings of the same content, chosen by the file name (.csv / .jsonl):
 *  - CSV: comment lines first — `# qudit-dpt-sweep format 1`, `# header: {JSON}` (the
 *    authoritative SweepHeader), one `# column <name>: <meaning>` line per column — then the
 *    column-name line, then one line per point. Numbers in JavaScript's shortest round-trip
 *    form (so a file re-read and re-written is identical bit for bit), an empty cell where a
 *    value is absent (not computed, not certified, or the point failed), booleans true/false.
 *    `pandas.read_csv(path, comment='#')` reads it (no data cell ever contains '#').
 *  - JSON Lines: the first line is the header object plus `"columns":[{name,type,unit,meaning}]`,
 *    then one object per point keyed by column name (null where the CSV cell is empty).
 *
 * Grid and point order: index = iC·n_I + iI, where iI counts the γ_I axis (the fast one: a row
 * of the map at fixed γ_C) and iC the γ_C axis; axis value k of a:b:n is
 * a + (b − a)·k/(n − 1) (exactly b at k = n − 1). Rates and gaps are in the unit of the rates
 * (the same unit as V); X, Y, Z are ⟨J_a⟩/(Nj); purity is Tr ρ², scaledPurity d^N Tr ρ².
 *
 * Errors: parseSweepFile throws SweepFileError whose message names the problem and, for a bad
 * cell, the line and column (e.g. `line 7, column purity: "NaN" is not a number`).
 */
import { SECTOR_LABELS, type SectorLabel } from './exact.ts';
import { type DissipatorKind, dError, ellError } from './model.ts';

export const SWEEP_FORMAT = 'qudit-dpt-sweep';
export const SWEEP_FORMAT_VERSION = 1;

/** Quantities a sweep can compute, in the column order they produce. */
export const SWEEP_QUANTITIES = ['gaps', 'X', 'Y', 'Z', 'purity', 'scaledPurity', 'negativity'] as const;
export type SweepQuantity = (typeof SWEEP_QUANTITIES)[number];

/** Column-name suffix of each sector's gap: gap_pp is Δ(+1,+1), gap_mp is Δ(−1,+1), … */
export const GAP_KEYS: Record<SectorLabel, string> = { '+1,+1': 'pp', '+1,-1': 'pm', '-1,+1': 'mp', '-1,-1': 'mm' };

/** One axis `from:to:n` (n ≥ 1 points, inclusive ends; n = 1 means the single value `from`). */
export interface SweepAxis {
  from: number;
  to: number;
  n: number;
}

/** The fixed parameters of the map (Section II); the rates γ_I, γ_C vary over the grid. */
export interface SweepModel {
  N: number;
  d: number;
  dissipator: DissipatorKind;
  /** Custom ℓ_m (m = −j..j−1), only for dissipator 'custom'. */
  ellRe?: number[];
  ellIm?: number[];
  V: number;
}

export interface SweepCodeVersion {
  /** package.json name and version of the program that wrote the file. */
  name: string;
  version: string;
  /** Git commit (40 hex digits) when known. */
  commit: string | null;
  /** Whether the working tree had uncommitted changes (null when unknown). */
  dirty: boolean | null;
}

/** Everything a sweep file's numbers depend on (plus the shard it holds, if any). */
export interface SweepHeader {
  format: typeof SWEEP_FORMAT;
  formatVersion: number;
  model: SweepModel;
  gammaI: SweepAxis;
  gammaC: SweepAxis;
  /**
   * Points per warm-start chain: each row is cut into runs of `chain` consecutive γ_I points;
   * a point is warm-started from the previous point of its run only. Results therefore do not
   * depend on threads, shards or resumption.
   */
  chain: number;
  quantities: SweepQuantity[];
  /** Memory budget of the exact engine in GiB (null: the engine's default). */
  budgetGiB: number | null;
  /** Present only when set (`--maxFactorGFlop`): the exact path's factorisation limit in GFlop. */
  maxFactorGFlop?: number;
  code: SweepCodeVersion;
  /** Present only in a shard file: this file holds shard `index` of `count` (0-based). */
  shard?: { index: number; count: number };
}

export type SweepColumnType = 'int' | 'number' | 'bool' | 'text';

export interface SweepColumn {
  name: string;
  type: SweepColumnType;
  /** A required cell may not be empty (numbers: finite). */
  required: boolean;
  unit: string;
  meaning: string;
}

/** One cell: a finite number, a boolean, a text, or null (empty CSV cell). */
export type SweepCell = number | boolean | string | null;
/** One point, keyed by column name. */
export type SweepRow = Record<string, SweepCell>;

export class SweepFileError extends Error {
  override name = 'SweepFileError';
}

const STEADY_MEANING: Record<string, [string, string]> = {
  X: ['⟨J_x⟩/(Nj) of the steady state (Section V)', '1'],
  Y: ['⟨J_y⟩/(Nj) of the steady state', '1'],
  Z: ['⟨J_z⟩/(Nj) of the steady state', '1'],
  purity: ['Tr ρ² of the steady state', '1'],
  scaledPurity: ['d^N Tr ρ² of the steady state', '1'],
  negativity: ['negativity of the steady state, bipartition N_A = ⌈N/2⌉ (Eq. 17)', '1'],
};

function certColumns(q: string, what: string, resUnit: string, unit: string): SweepColumn[] {
  return [
    { name: `${q}_residual`, type: 'number', required: false, unit: resUnit, meaning: `residual of ${what}` },
    { name: `${q}_errorBound`, type: 'number', required: false, unit, meaning: `bound on |error| of ${q} when the engine gives one (empty otherwise)` },
    { name: `${q}_converged`, type: 'bool', required: true, unit: '', meaning: `whether ${q} converged (and is certified when an error bound is given); ${q} is empty when false or when the point failed` },
  ];
}

/** The columns of a file computing `quantities`, in file order. */
export function sweepColumns(quantities: readonly SweepQuantity[]): SweepColumn[] {
  const cols: SweepColumn[] = [
    { name: 'index', type: 'int', required: true, unit: '', meaning: 'point index in the full grid: iC·n_I + iI (γ_I is the fast axis)' },
    { name: 'gammaI', type: 'number', required: true, unit: 'rate', meaning: 'γ_I, individual decay rate (Eq. 3)' },
    { name: 'gammaC', type: 'number', required: true, unit: 'rate', meaning: 'γ_C, collective decay rate (Eq. 3)' },
  ];
  for (const q of SWEEP_QUANTITIES) {
    if (!quantities.includes(q)) continue;
    if (q === 'gaps') {
      for (const label of SECTOR_LABELS) {
        const key = `gap_${GAP_KEYS[label]}`;
        const def = label === '+1,+1' ? '−Re λ1 in sector (+1,+1) (Eq. 16)' : `−Re λ0 in sector (${label}) (Eq. 15)`;
        cols.push({ name: key, type: 'number', required: false, unit: 'rate', meaning: `Δ(${label}) = ${def}` });
        cols.push(...certColumns(key, 'the eigenvalue, ‖Lv − λv‖/(‖L‖‖v‖)', '1', 'rate'));
      }
    } else {
      const [meaning, unit] = STEADY_MEANING[q];
      cols.push({ name: q, type: 'number', required: false, unit, meaning });
      cols.push(...certColumns(q, 'the steady state, ‖ℒρ‖/‖ρ‖ (Hilbert–Schmidt)', 'rate', unit));
    }
  }
  cols.push({ name: 'error', type: 'text', required: false, unit: '', meaning: 'why the point failed (empty when it did not)' });
  return cols;
}

/** Value k (0-based) of an axis: a + (b − a)·k/(n − 1), exactly b at k = n − 1. */
export function axisValue(axis: SweepAxis, k: number): number {
  if (axis.n === 1 || k === 0) return axis.from;
  if (k === axis.n - 1) return axis.to;
  return axis.from + ((axis.to - axis.from) * k) / (axis.n - 1);
}

/** Number of points of the full grid. */
export function gridSize(h: Pick<SweepHeader, 'gammaI' | 'gammaC'>): number {
  return h.gammaI.n * h.gammaC.n;
}

/** The rates of point `index` and its position (iI along γ_I, iC along γ_C). */
export function gridPoint(h: Pick<SweepHeader, 'gammaI' | 'gammaC'>, index: number): { iI: number; iC: number; gammaI: number; gammaC: number } {
  const iI = index % h.gammaI.n, iC = Math.floor(index / h.gammaI.n);
  return { iI, iC, gammaI: axisValue(h.gammaI, iI), gammaC: axisValue(h.gammaC, iC) };
}

/**
 * The header with its keys in the one canonical order (so that equal headers serialise to equal
 * text whatever order they were built or parsed in).
 */
export function canonicalHeader(h: SweepHeader): SweepHeader {
  const model: SweepModel = { N: h.model.N, d: h.model.d, dissipator: h.model.dissipator, V: h.model.V };
  if (h.model.ellRe) model.ellRe = [...h.model.ellRe];
  if (h.model.ellIm) model.ellIm = [...h.model.ellIm];
  const axis = (a: SweepAxis): SweepAxis => ({ from: a.from, to: a.to, n: a.n });
  const out: SweepHeader = {
    format: SWEEP_FORMAT,
    formatVersion: h.formatVersion,
    model,
    gammaI: axis(h.gammaI),
    gammaC: axis(h.gammaC),
    chain: h.chain,
    quantities: SWEEP_QUANTITIES.filter((q) => h.quantities.includes(q)),
    budgetGiB: h.budgetGiB,
    code: { name: h.code.name, version: h.code.version, commit: h.code.commit, dirty: h.code.dirty },
  };
  if (h.maxFactorGFlop !== undefined) out.maxFactorGFlop = h.maxFactorGFlop;
  if (h.shard && h.shard.count > 1) out.shard = { index: h.shard.index, count: h.shard.count };
  return out;
}

/** The same header without its shard (what a merged file carries). */
export function unshardedHeader(h: SweepHeader): SweepHeader {
  const { shard: _s, ...rest } = canonicalHeader(h);
  return rest;
}

/**
 * Null when two headers describe the same sweep (ignoring the shard), else a message naming the
 * first field that differs and both values, e.g. `model.V differs (1 vs -1)`.
 */
export function sweepHeaderDifference(a: SweepHeader, b: SweepHeader): string | null {
  const fa = flatten(unshardedHeader(a)), fb = flatten(unshardedHeader(b));
  for (const k of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    if (fa[k] !== fb[k]) return `${k} differs (${fa[k] ?? 'absent'} vs ${fb[k] ?? 'absent'})`;
  }
  return null;
}

function flatten(v: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = JSON.stringify(v);
  return out;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Null when `h` is a well-formed SweepHeader, else what is wrong with it. */
export function sweepHeaderError(h: unknown): string | null {
  if (h === null || typeof h !== 'object') return 'the header is not an object';
  const o = h as Record<string, unknown>;
  if (o.format !== SWEEP_FORMAT) return `not a ${SWEEP_FORMAT} file (format ${JSON.stringify(o.format)})`;
  if (o.formatVersion !== SWEEP_FORMAT_VERSION) return `format version ${JSON.stringify(o.formatVersion)} is not supported (this reader knows version ${SWEEP_FORMAT_VERSION})`;
  const m = o.model as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object') return 'the header has no model';
  if (!isNum(m.N) || !Number.isInteger(m.N) || m.N < 1) return `model.N must be a positive integer (got ${JSON.stringify(m.N)})`;
  if (!isNum(m.d)) return `model.d must be a number (got ${JSON.stringify(m.d)})`;
  const dErr = dError(m.d);
  if (dErr) return `model.${dErr}`;
  if (!['spin', 'flat', 'custom'].includes(m.dissipator as string)) return `model.dissipator must be spin, flat or custom (got ${JSON.stringify(m.dissipator)})`;
  if (!isNum(m.V)) return `model.V must be a finite number (got ${JSON.stringify(m.V)})`;
  if (m.dissipator === 'custom') {
    if (!Array.isArray(m.ellRe) || (m.ellIm !== undefined && !Array.isArray(m.ellIm))) return 'a custom dissipator needs model.ellRe (and optionally model.ellIm) arrays';
    const e = ellError(m.d, m.ellRe as number[], m.ellIm as number[] | undefined);
    if (e) return `model: ${e}`;
  }
  for (const name of ['gammaI', 'gammaC'] as const) {
    const a = o[name] as Record<string, unknown> | undefined;
    if (!a || typeof a !== 'object') return `the header has no ${name} axis`;
    if (!isNum(a.from) || !isNum(a.to)) return `${name}.from and ${name}.to must be finite numbers`;
    if (!isNum(a.n) || !Number.isInteger(a.n) || a.n < 1) return `${name}.n must be a positive integer (got ${JSON.stringify(a.n)})`;
    if (a.from < 0 || a.to < 0) return `${name} must be ≥ 0 (got ${a.from}:${a.to})`;
  }
  if (!isNum(o.chain) || !Number.isInteger(o.chain) || o.chain < 1) return `chain must be a positive integer (got ${JSON.stringify(o.chain)})`;
  if (!Array.isArray(o.quantities) || o.quantities.length === 0) return 'the header lists no quantities';
  for (const q of o.quantities) if (!(SWEEP_QUANTITIES as readonly unknown[]).includes(q)) return `unknown quantity ${JSON.stringify(q)} (known: ${SWEEP_QUANTITIES.join(', ')})`;
  if (new Set(o.quantities).size !== o.quantities.length) return 'a quantity is listed twice';
  if (o.budgetGiB !== null && !(isNum(o.budgetGiB) && o.budgetGiB > 0)) return `budgetGiB must be null or a positive number (got ${JSON.stringify(o.budgetGiB)})`;
  if (o.maxFactorGFlop !== undefined && !(isNum(o.maxFactorGFlop) && o.maxFactorGFlop > 0)) return `maxFactorGFlop must be a positive number when present (got ${JSON.stringify(o.maxFactorGFlop)})`;
  const c = o.code as Record<string, unknown> | undefined;
  if (!c || typeof c !== 'object' || typeof c.name !== 'string' || typeof c.version !== 'string') return 'the header has no code version (code.name, code.version)';
  if (c.commit !== null && !(typeof c.commit === 'string' && /^[0-9a-f]{7,40}$/.test(c.commit))) return `code.commit must be null or a git hash (got ${JSON.stringify(c.commit)})`;
  if (c.dirty !== null && typeof c.dirty !== 'boolean') return 'code.dirty must be true, false or null';
  if (o.shard !== undefined) {
    const s = o.shard as Record<string, unknown>;
    if (!s || !isNum(s.index) || !isNum(s.count) || !Number.isInteger(s.index) || !Number.isInteger(s.count) || s.count < 2 || s.index < 0 || s.index >= s.count) {
      return `shard must be {index, count} with 0 ≤ index < count (got ${JSON.stringify(o.shard)})`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** CSV cell text: '' for null, true/false, shortest round-trip numbers, quoted text when needed. */
function csvCell(col: SweepColumn, v: SweepCell): string {
  if (v === null) return '';
  if (col.type === 'bool') return v ? 'true' : 'false';
  if (col.type === 'text') {
    const s = sanitizeText(String(v));
    return /[",]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return String(v);
}

/** One line per row and no comment markers inside data: newlines become spaces, '#' becomes 'No.'. */
function sanitizeText(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/#/g, 'No.');
}

/** A cell as written (numbers: finite or null; NaN and ±Infinity become null). */
function normaliseCell(col: SweepColumn, v: SweepCell | undefined): SweepCell {
  if (v === undefined || v === null) return col.type === 'bool' ? false : col.type === 'text' ? '' : null;
  if (col.type === 'bool') return v === true;
  if (col.type === 'text') return sanitizeText(String(v));
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Checks a row before writing: throws SweepFileError when a required number is missing. */
function checkedCells(cols: SweepColumn[], row: SweepRow): SweepCell[] {
  return cols.map((c) => {
    const v = normaliseCell(c, row[c.name]);
    if (c.required && c.type !== 'bool' && v === null) throw new SweepFileError(`row ${JSON.stringify(row.index)}: column ${c.name} needs a finite number (got ${String(row[c.name])})`);
    return v;
  });
}

/** The CSV header: comment lines (format, header JSON, column meanings) and the column-name line. */
export function formatSweepCsvHeader(h: SweepHeader): string {
  const hc = canonicalHeader(h);
  const cols = sweepColumns(hc.quantities);
  const lines = [
    `# ${SWEEP_FORMAT} format ${SWEEP_FORMAT_VERSION}`,
    `# header: ${JSON.stringify(hc)}`,
    ...cols.map((c) => `# column ${c.name}: ${c.meaning}${c.unit ? ` [${c.unit === 'rate' ? 'unit of the rates' : c.unit}]` : ''}`),
    cols.map((c) => c.name).join(','),
  ];
  return lines.join('\n') + '\n';
}

/** One CSV data line, newline-terminated. */
export function formatSweepCsvRow(h: SweepHeader, row: SweepRow): string {
  const cols = sweepColumns(h.quantities);
  const cells = checkedCells(cols, row);
  return cols.map((c, k) => csvCell(c, cells[k])).join(',') + '\n';
}

/** Whole CSV file text. */
export function formatSweepCsv(h: SweepHeader, rows: readonly SweepRow[]): string {
  return formatSweepCsvHeader(h) + rows.map((r) => formatSweepCsvRow(h, r)).join('');
}

/** The JSON Lines header line (newline-terminated). */
export function formatSweepJsonlHeader(h: SweepHeader): string {
  const hc = canonicalHeader(h);
  const columns = sweepColumns(hc.quantities).map((c) => ({ name: c.name, type: c.type, unit: c.unit, meaning: c.meaning }));
  return JSON.stringify({ ...hc, columns }) + '\n';
}

/** One JSON Lines data line, newline-terminated. */
export function formatSweepJsonlRow(h: SweepHeader, row: SweepRow): string {
  const cols = sweepColumns(h.quantities);
  const cells = checkedCells(cols, row);
  const o: Record<string, SweepCell> = {};
  cols.forEach((c, k) => { o[c.name] = cells[k]; });
  return JSON.stringify(o) + '\n';
}

export function formatSweepJsonl(h: SweepHeader, rows: readonly SweepRow[]): string {
  return formatSweepJsonlHeader(h) + rows.map((r) => formatSweepJsonlRow(h, r)).join('');
}

export type SweepFileKind = 'csv' | 'jsonl';

/** The encoding a file name asks for (.csv or .jsonl), or null. */
export function sweepFileKind(fileName: string): SweepFileKind | null {
  const f = fileName.toLowerCase();
  return f.endsWith('.csv') ? 'csv' : f.endsWith('.jsonl') ? 'jsonl' : null;
}

export function formatSweepHeader(kind: SweepFileKind, h: SweepHeader): string {
  return kind === 'csv' ? formatSweepCsvHeader(h) : formatSweepJsonlHeader(h);
}

export function formatSweepRow(kind: SweepFileKind, h: SweepHeader, row: SweepRow): string {
  return kind === 'csv' ? formatSweepCsvRow(h, row) : formatSweepJsonlRow(h, row);
}

export function formatSweepFile(kind: SweepFileKind, h: SweepHeader, rows: readonly SweepRow[]): string {
  return kind === 'csv' ? formatSweepCsv(h, rows) : formatSweepJsonl(h, rows);
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ParseSweepOptions {
  /**
   * Accept (and drop) a last line without its newline, as left by a crash in the middle of a
   * write; otherwise such a file is rejected as truncated. Default false.
   */
  allowPartialLastLine?: boolean;
  /** Reject a file whose model or quantities differ from what the caller expects. */
  expect?: { model?: Partial<SweepModel>; quantities?: readonly SweepQuantity[] };
}

export interface ParsedSweepFile {
  kind: SweepFileKind;
  header: SweepHeader;
  columns: SweepColumn[];
  /** Rows in file order. */
  rows: SweepRow[];
  /** 1-based line number of each row (for messages). */
  lines: number[];
  /** Whether a partial last line was dropped (only with allowPartialLastLine). */
  droppedPartialLine: boolean;
  /** Length (UTF-16 code units) of the text up to and including the last complete line. */
  completeLength: number;
}

const fail = (msg: string): never => {
  throw new SweepFileError(msg);
};

/** Splits one CSV line into cells (RFC 4180 quoting, no newlines inside cells). */
function splitCsvLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= line.length) fail(`line ${lineNo}: unterminated quoted cell`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') { s += '"'; i += 2; continue; }
          i++;
          break;
        }
        s += line[i++];
      }
      out.push(s);
      if (i === line.length) return out;
      if (line[i] !== ',') fail(`line ${lineNo}: text after a quoted cell`);
      i++;
    } else {
      const j = line.indexOf(',', i);
      if (j < 0) { out.push(line.slice(i)); return out; }
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function cellFromCsv(col: SweepColumn, raw: string, lineNo: number): SweepCell {
  const where = `line ${lineNo}, column ${col.name}`;
  if (col.type === 'text') return raw;
  if (raw === '') {
    if (col.required) fail(`${where}: empty, but a ${col.type === 'bool' ? 'true/false value' : 'number'} is required`);
    return null;
  }
  if (col.type === 'bool') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return fail(`${where}: ${JSON.stringify(raw)} is not true or false`);
  }
  if (!NUMBER.test(raw)) fail(`${where}: ${JSON.stringify(raw)} is not a number${/nan|inf/i.test(raw) ? ' (write an empty cell for a missing value)' : ''}`);
  const v = Number(raw);
  if (!Number.isFinite(v)) fail(`${where}: ${raw} is out of range`);
  return v;
}

function cellFromJson(col: SweepColumn, v: unknown, lineNo: number): SweepCell {
  const where = `line ${lineNo}, column ${col.name}`;
  if (v === undefined) return fail(`${where}: missing`);
  if (col.type === 'text') {
    if (v === null) return '';
    if (typeof v !== 'string') fail(`${where}: expected text`);
    return v as string;
  }
  if (v === null) {
    if (col.required) fail(`${where}: null, but a ${col.type === 'bool' ? 'true/false value' : 'number'} is required`);
    return null;
  }
  if (col.type === 'bool') {
    if (typeof v !== 'boolean') fail(`${where}: ${JSON.stringify(v)} is not true or false`);
    return v as boolean;
  }
  if (typeof v !== 'number') return fail(`${where}: ${JSON.stringify(v)} is not a number${typeof v === 'string' && /nan|inf/i.test(v) ? ' (write null for a missing value)' : ''}`);
  return v;
}

function checkRowAgainstGrid(h: SweepHeader, row: SweepRow, lineNo: number, total: number): void {
  const index = row.index as number;
  if (!Number.isInteger(index) || index < 0 || index >= total) fail(`line ${lineNo}: index ${index} is outside the grid (0..${total - 1})`);
  const g = gridPoint(h, index);
  for (const k of ['gammaI', 'gammaC'] as const) {
    const v = row[k] as number;
    if (Math.abs(v - g[k]) > 1e-12 * Math.max(1, Math.abs(g[k]))) fail(`line ${lineNo}: ${k} = ${v} does not match the grid (point ${index} has ${k} = ${g[k]})`);
  }
}

function checkExpected(h: SweepHeader, expect: ParseSweepOptions['expect']): void {
  if (!expect) return;
  const m = expect.model ?? {};
  const diffs: string[] = [];
  for (const k of ['N', 'd', 'dissipator', 'V'] as const) {
    if (m[k] !== undefined && m[k] !== h.model[k]) diffs.push(`${k} = ${h.model[k]} (expected ${m[k]})`);
  }
  for (const k of ['ellRe', 'ellIm'] as const) {
    if (m[k] !== undefined && JSON.stringify(m[k]) !== JSON.stringify(h.model[k])) diffs.push(`${k} = ${JSON.stringify(h.model[k])} (expected ${JSON.stringify(m[k])})`);
  }
  if (diffs.length) fail(`the file is for another model: ${diffs.join(', ')}`);
  const missing = (expect.quantities ?? []).filter((q) => !h.quantities.includes(q));
  if (missing.length) fail(`the file lacks ${missing.join(', ')} (it has ${h.quantities.join(', ')})`);
}

/**
 * Reads a sweep file (CSV or JSON Lines, recognised from its first line) and validates it: the
 * header (format, version, parameters), the column names, every cell's type (no NaN or text
 * where a number is required), each row's index and rates against the grid, no point twice.
 * Throws SweepFileError naming the problem; a file with no header is refused
 * ("missing header …"), as is a file of another program or of another model (`expect`).
 */
export function parseSweepFile(text: string, opts: ParseSweepOptions = {}): ParsedSweepFile {
  if (text.charCodeAt(0) === 0xfeff) fail('the file starts with a byte-order mark; save it as plain UTF-8');
  let body = text;
  let droppedPartialLine = false;
  if (body.length > 0 && !body.endsWith('\n')) {
    if (!opts.allowPartialLastLine) fail('the last line is incomplete (no newline at the end: a truncated file?)');
    body = body.slice(0, body.lastIndexOf('\n') + 1);
    droppedPartialLine = true;
  }
  const lines = body.split('\n');
  lines.pop(); // after the final newline
  for (let k = 0; k < lines.length; k++) if (lines[k].endsWith('\r')) lines[k] = lines[k].slice(0, -1);
  if (lines.length === 0) fail(droppedPartialLine ? 'missing header: the file holds only an incomplete first line' : 'the file is empty');
  const first = lines[0].trimStart();
  let kind: SweepFileKind;
  let header: SweepHeader;
  let dataStart: number;
  if (first.startsWith('{')) {
    kind = 'jsonl';
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(lines[0]);
    } catch {
      return fail('line 1: the JSON header is not valid JSON');
    }
    const { columns, ...rest } = obj;
    const err = sweepHeaderError(rest);
    if (err) fail(`bad header: ${err}`);
    header = canonicalHeader(rest as unknown as SweepHeader);
    const want = sweepColumns(header.quantities).map((c) => c.name);
    const got = Array.isArray(columns) ? columns.map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : c)) : null;
    if (!got) fail('bad header: no "columns" list');
    checkColumnNames(want, got as unknown[]);
    dataStart = 1;
  } else if (first.startsWith('#')) {
    kind = 'csv';
    if (!lines[0].startsWith(`# ${SWEEP_FORMAT} `)) fail(`missing header: the first line should be "# ${SWEEP_FORMAT} format ${SWEEP_FORMAT_VERSION}" (not a sweep file?)`);
    let k = 1;
    let hjson: string | null = null;
    while (k < lines.length && lines[k].startsWith('#')) {
      if (lines[k].startsWith('# header: ')) hjson = lines[k].slice('# header: '.length);
      k++;
    }
    if (hjson === null) fail('missing header: no "# header: {…}" line');
    let obj: unknown;
    try {
      obj = JSON.parse(hjson as string);
    } catch {
      return fail('the "# header:" line is not valid JSON');
    }
    const err = sweepHeaderError(obj);
    if (err) fail(`bad header: ${err}`);
    header = canonicalHeader(obj as SweepHeader);
    if (k >= lines.length) fail('missing column-name line after the header');
    checkColumnNames(sweepColumns(header.quantities).map((c) => c.name), splitCsvLine(lines[k], k + 1));
    dataStart = k + 1;
  } else {
    return fail(`missing header: a sweep file starts with "# ${SWEEP_FORMAT} format ${SWEEP_FORMAT_VERSION}" (CSV) or a JSON header line (JSON Lines); this one starts with ${JSON.stringify(lines[0].slice(0, 40))}`);
  }
  checkExpected(header, opts.expect);
  const columns = sweepColumns(header.quantities);
  const total = gridSize(header);
  const rows: SweepRow[] = [];
  const rowLines: number[] = [];
  const seen = new Map<number, number>();
  for (let k = dataStart; k < lines.length; k++) {
    const lineNo = k + 1;
    const line = lines[k];
    if (line.trim() === '') fail(`line ${lineNo}: empty line`);
    const row: SweepRow = {};
    if (kind === 'csv') {
      if (line.startsWith('#')) fail(`line ${lineNo}: a comment line among the data`);
      const cells = splitCsvLine(line, lineNo);
      if (cells.length !== columns.length) fail(`line ${lineNo}: ${cells.length} cells, but the header has ${columns.length} columns`);
      columns.forEach((c, j) => { row[c.name] = cellFromCsv(c, cells[j], lineNo); });
    } else {
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch {
        fail(`line ${lineNo}: not valid JSON`);
      }
      if (!o || typeof o !== 'object' || Array.isArray(o)) fail(`line ${lineNo}: a row must be a JSON object`);
      const rec = o as Record<string, unknown>;
      for (const key of Object.keys(rec)) if (!columns.some((c) => c.name === key)) fail(`line ${lineNo}: unknown column ${key}`);
      columns.forEach((c) => { row[c.name] = cellFromJson(c, rec[c.name], lineNo); });
    }
    checkRowAgainstGrid(header, row, lineNo, total);
    const idx = row.index as number;
    if (seen.has(idx)) fail(`line ${lineNo}: point ${idx} appears twice (also on line ${seen.get(idx)})`);
    seen.set(idx, lineNo);
    rows.push(row);
    rowLines.push(lineNo);
  }
  return { kind, header, columns, rows, lines: rowLines, droppedPartialLine, completeLength: body.length };
}

function checkColumnNames(want: string[], got: unknown[]): void {
  const missing = want.filter((w) => !got.includes(w));
  const extra = got.filter((g) => !want.includes(g as string));
  if (missing.length || extra.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${missing.join(', ')}`);
    if (extra.length) parts.push(`unexpected ${extra.map(String).join(', ')}`);
    fail(`wrong columns for the quantities in the header: ${parts.join('; ')}`);
  }
  for (let k = 0; k < want.length; k++) {
    if (got[k] !== want[k]) fail(`wrong columns: column ${k + 1} is ${String(got[k])}, expected ${want[k]} (columns: ${want.join(',')})`);
  }
}
