/**
 * Maps as sweep files (issue 11): every map exports the CSV that `cli sweep` writes
 * (src/contracts/sweepFile.ts: formatSweepCsv, the same header and columns, one file per model,
 * i.e. per panel of a multi-panel figure), and loads one back ("Load sweep file…"): parsed and
 * validated by parseSweepFile against the panel's model (N, d, dissipator, V) and the quantity
 * the panel plots; a wrong file shows a message naming the problem and draws nothing; a good one
 * is drawn in its panel, labelled "loaded from <file>".
 *
 * What a cell counts as converged in an exported file is what the explorer draws: the same
 * checks as the maps' white cells (steadyProblem, gapProblem, negativityProblem in common.tsx).
 */
import { useRef, useState } from 'react';
import {
  axisValue, formatSweepCsv, gridPoint, parseSweepFile, SWEEP_FORMAT, SWEEP_FORMAT_VERSION, SweepFileError, GAP_KEYS,
  type ParsedSweepFile, type SweepHeader, type SweepModel, type SweepQuantity, type SweepRow,
} from '../../../contracts/sweepFile.ts';
import { SECTOR_LABELS, WORKER_BUDGET_BYTES, type FinitePointResult } from '../../../contracts/exact.ts';
import type { GridState } from '../../../compute/finiteClient.ts';
import { currentState, useStore } from '../../../state/store.ts';
import { APP_VERSION, exportStamp } from '../../cite.ts';
import { downloadText } from '../../exportData.ts';
import { DISSIPATOR_NAME, gapProblem, negativityProblem, steadyProblem } from './common.tsx';

/** One model a figure can export and load: a panel (or a row of panels of the same system). */
export interface SweepSlot {
  key: string;
  /** "N = 5, d = 2" — names the slot in the panel selector and in messages. */
  label: string;
  /** The model computed live (its N is the live N). */
  model: SweepModel;
  /** Further N a loaded file may have (the paper's N of a reduced panel). */
  alsoN?: number[];
  /** Quantities written on export (sweep column groups). */
  quantities: SweepQuantity[];
  /** Quantities a loaded file must hold (what the panel plots). */
  need: SweepQuantity[];
  grid: GridState | null;
  /** Map axis in units of |V| (the same for γ_I and γ_C). */
  axis: number[];
  aV: number;
  /** Export file name without extension. */
  filename: string;
}

/** A map loaded from a sweep file, ready for mapFigure. */
export interface LoadedMap {
  file: string;
  header: SweepHeader;
  rows: SweepRow[];
  /** Axes in units of |V|. */
  xs: number[];
  ys: number[];
  grid: GridState;
}

/** A cell of a loaded map: the engine-shaped numbers plus the file's row (for values and reasons). */
export type LoadedPoint = FinitePointResult & { row: SweepRow };

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const orNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** spin ≡ flat for d ≤ 3 (the two ladders coincide), custom ℓ compared entry by entry. */
export function sameModel(a: SweepModel, b: SweepModel, ignoreN = false): boolean {
  const dis = (m: SweepModel) => (m.dissipator === 'flat' && m.d <= 3 ? 'spin' : m.dissipator);
  return (ignoreN || a.N === b.N) && a.d === b.d && a.V === b.V && dis(a) === dis(b)
    && (a.dissipator !== 'custom' || (JSON.stringify(a.ellRe) === JSON.stringify(b.ellRe) && JSON.stringify(a.ellIm ?? null) === JSON.stringify(b.ellIm ?? null)));
}

const describeModel = (m: SweepModel) => `N = ${m.N}, d = ${m.d}, ${DISSIPATOR_NAME[m.dissipator] ?? m.dissipator}${m.dissipator === 'custom' ? ` ℓ = (${(m.ellRe ?? []).join(', ')})` : ''}, V = ${m.V}`;

/** The sweep header of a slot's live map (axes in rate units, as `cli sweep --gammaI a:b:n`). */
export function slotHeader(slot: SweepSlot): SweepHeader {
  const n = slot.axis.length;
  const axis = { from: slot.axis[0] * slot.aV, to: slot.axis[n - 1] * slot.aV, n };
  return {
    format: SWEEP_FORMAT, formatVersion: SWEEP_FORMAT_VERSION, model: slot.model, gammaI: axis, gammaC: { ...axis },
    // the pool's tasks are row segments of ≤ 8 points, each warm-started from its neighbour
    chain: 8,
    quantities: slot.quantities,
    budgetGiB: WORKER_BUDGET_BYTES / 1024 ** 3,
    code: { name: 'qudit-dpt-explorer', version: APP_VERSION, commit: null, dirty: null },
  };
}

/** The sweep row of one computed point (columns of sweepColumns(quantities)). */
export function pointRow(h: SweepHeader, index: number, p: FinitePointResult): SweepRow {
  const g = gridPoint(h, index);
  const { N, d } = h.model;
  const row: SweepRow = { index, gammaI: g.gammaI, gammaC: g.gammaC };
  const steadyWhy = steadyProblem(p, N, d);
  for (const q of h.quantities) {
    if (q === 'gaps') {
      SECTOR_LABELS.forEach((label, si) => {
        const key = `gap_${GAP_KEYS[label]}`;
        const e = p.spectra?.[label]?.[label === '+1,+1' ? 1 : 0];
        const ok = !gapProblem(p, si);
        row[key] = ok ? orNull(p.gaps[si]) : null;
        row[`${key}_residual`] = orNull(e?.residual);
        row[`${key}_errorBound`] = orNull(e?.errorBound);
        row[`${key}_converged`] = ok && row[key] !== null;
      });
    } else if (q === 'negativity') {
      const ok = !negativityProblem(p, N, d);
      row.negativity = ok ? orNull(p.negativity) : null;
      row.negativity_residual = orNull(p.residual);
      row.negativity_errorBound = orNull(p.negativityErrorBound);
      row.negativity_converged = ok && row.negativity !== null;
    } else {
      row[q] = steadyWhy ? null : orNull(p[q]);
      row[`${q}_residual`] = orNull(p.residual);
      row[`${q}_errorBound`] = null;
      row[`${q}_converged`] = !steadyWhy && row[q] !== null;
    }
  }
  row.error = [p.error, h.quantities.includes('negativity') && p.negativityError ? `negativity: ${p.negativityError}` : ''].filter(Boolean).join('; ');
  return row;
}

/** The explorer's stamp and link as extra comment lines after the format line (parseSweepFile and pandas skip them). */
function withStamp(text: string): string {
  if (typeof window === 'undefined') return text;
  const cut = text.indexOf('\n') + 1;
  const extra = [`# explorer: ${exportStamp(currentState(useStore.getState()))}`, `# link: ${window.location.href}`].map((l) => l.replace(/[\r\n]+/g, ' ')).join('\n') + '\n';
  return text.slice(0, cut) + extra + text.slice(cut);
}

/** The CSV of a slot: the loaded file's rows when it shows one, else every computed point so far. */
export function slotCsv(slot: SweepSlot, loaded?: LoadedMap | null): string {
  if (loaded) return withStamp(formatSweepCsv(loaded.header, loaded.rows));
  const h = slotHeader(slot);
  const n = slot.axis.length;
  const rows: SweepRow[] = [];
  slot.grid?.cells.forEach((r, iy) => r.forEach((p, ix) => { if (p) rows.push(pointRow(h, iy * n + ix, p)); }));
  return withStamp(formatSweepCsv(h, rows));
}

/** A loaded file as a complete grid of LoadedPoints (cells of absent points stay null). */
function loadedMap(file: string, parsed: ParsedSweepFile, aV: number): LoadedMap {
  const h = parsed.header;
  const cells: Array<Array<FinitePointResult | null>> = Array.from({ length: h.gammaC.n }, () => Array.from({ length: h.gammaI.n }, () => null));
  for (const row of parsed.rows) {
    const g = gridPoint(h, row.index as number);
    const pt: LoadedPoint = {
      gammaI: g.gammaI, gammaC: g.gammaC, X: num(row.X), Y: num(row.Y), Z: num(row.Z), jz2: NaN,
      purity: num(row.purity), scaledPurity: num(row.scaledPurity), residual: NaN,
      gaps: SECTOR_LABELS.map((l) => num(row[`gap_${GAP_KEYS[l]}`])), dims: {},
      error: typeof row.error === 'string' ? row.error : '', negativity: num(row.negativity), row,
    };
    cells[g.iC][g.iI] = pt;
  }
  return {
    file, header: h, rows: parsed.rows,
    xs: Array.from({ length: h.gammaI.n }, (_, k) => axisValue(h.gammaI, k) / aV),
    ys: Array.from({ length: h.gammaC.n }, (_, k) => axisValue(h.gammaC, k) / aV),
    grid: { cells, coarse: null, level: Math.max(h.gammaI.n, h.gammaC.n), complete: true },
  };
}

/** The plotted number of a loaded cell: the file's column `col` (null when empty). */
export function loadedValue(p: FinitePointResult, col: string): number | null {
  return orNull((p as LoadedPoint).row?.[col]);
}

/** Why a loaded cell is blank, from the file. */
export function loadedReason(p: FinitePointResult, col: string): string {
  const row = (p as LoadedPoint).row ?? {};
  const res = orNull(row[`${col}_residual`]);
  const why = typeof row.error === 'string' && row.error ? row.error : `not converged or not certified in the file${res !== null ? ` (residual ${res.toExponential(1)})` : ''}`;
  return `${why} [from the file]`;
}

/**
 * Parses and validates `text` for one of `slots`: the standard reader with the quantities the
 * panels plot, then the model. Returns the slot keys it fills (d ≤ 3 panels of both dissipators)
 * and the map, or a message naming the problem.
 */
export function loadSweepText(text: string, file: string, slots: SweepSlot[]): { keys: string[]; map: LoadedMap } | { error: string } {
  const need = [...new Set(slots.flatMap((s) => s.need))];
  try {
    if (slots.length === 1) {
      // one panel: the reader itself checks the model (message "the file is for another model: …")
      const s = slots[0];
      const pre = parseSweepFile(text, { expect: { quantities: s.need } });
      const accepted = [s.model.N, ...(s.alsoN ?? [])].includes(pre.header.model.N) ? pre.header.model.N : s.model.N;
      const sameLadder = sameModel({ ...pre.header.model, N: accepted }, { ...s.model, N: accepted });
      const expect = { ...s.model, N: accepted, dissipator: sameLadder ? pre.header.model.dissipator : s.model.dissipator };
      if (expect.dissipator !== 'custom') { delete expect.ellRe; delete expect.ellIm; }
      const parsed = parseSweepFile(text, { expect: { model: expect, quantities: s.need } });
      if (parsed.rows.length === 0) return { error: `${file}: the file holds no points` };
      return { keys: [s.key], map: loadedMap(file, parsed, s.aV) };
    }
    const parsed = parseSweepFile(text, { expect: { quantities: need } });
    const m = parsed.header.model;
    const fits = slots.filter((s) => sameModel(m, s.model, true) && [s.model.N, ...(s.alsoN ?? [])].includes(m.N));
    if (fits.length === 0) {
      return { error: `${file}: the file is for another model (${describeModel(m)}); this figure's panels are ${slots.map((s) => describeModel(s.model)).filter((x, i, a) => a.indexOf(x) === i).join('; ')}` };
    }
    const missing = fits[0].need.filter((q) => !parsed.header.quantities.includes(q));
    if (missing.length) return { error: `${file}: the file lacks ${missing.join(', ')} (it has ${parsed.header.quantities.join(', ')})` };
    if (parsed.rows.length === 0) return { error: `${file}: the file holds no points` };
    return { keys: fits.map((s) => s.key), map: loadedMap(file, parsed, fits[0].aV) };
  } catch (e) {
    if (e instanceof SweepFileError) return { error: `${file}: ${e.message}` };
    throw e;
  }
}

/** Loaded maps of a view, by slot key, valid while the slot's model is the file's. */
export function useLoadedMaps() {
  const [maps, setMaps] = useState<Record<string, LoadedMap>>({});
  const [error, setError] = useState<string | null>(null);
  return {
    maps, error,
    /** The loaded map of a slot, when the slot still shows the file's model. */
    of: (slot: SweepSlot): LoadedMap | null => {
      const m = maps[slot.key];
      return m && sameModel(m.header.model, slot.model, true) && [slot.model.N, ...(slot.alsoN ?? [])].includes(m.header.model.N) ? m : null;
    },
    load: (text: string, file: string, slots: SweepSlot[]) => {
      const r = loadSweepText(text, file, slots);
      if ('error' in r) { setError(r.error); return; }
      setError(null);
      setMaps((old) => ({ ...old, ...Object.fromEntries(r.keys.map((k) => [k, r.map])) }));
    },
    clear: (key?: string) => { setError(null); setMaps((old) => (key === undefined ? {} : Object.fromEntries(Object.entries(old).filter(([k]) => k !== key)))); },
  };
}

export type LoadedMaps = ReturnType<typeof useLoadedMaps>;

/** " — loaded from fig8.csv (N = 7)" for a panel title. */
export const loadedNote = (m: LoadedMap | null) => (m ? ` — loaded from ${m.file}` : '');

/**
 * The sweep-file controls of a map, one line (fits in a view's control row): "sweep CSV of
 * [panel] CSV" and "Load sweep file…". SweepFileMessages shows what happened.
 */
export function SweepFileBar({ slots, loaded, testId }: { slots: SweepSlot[]; loaded: LoadedMaps; testId: string }) {
  const [sel, setSel] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const slot = slots[Math.min(sel, slots.length - 1)];
  const onFile = (f: File | undefined) => {
    if (!f) return;
    void f.text().then((text) => loaded.load(text, f.name, slots), (e: unknown) => loaded.load('', `${f.name} (${String(e)})`, slots));
    if (input.current) input.current.value = '';
  };
  return (
    <span className="sweep-bar" data-testid={testId} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      {slots.length > 1 && (
        <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <span>sweep CSV of</span>
          <select value={Math.min(sel, slots.length - 1)} onChange={(e) => setSel(Number(e.target.value))} data-testid={`${testId}-panel`} style={{ maxWidth: 260 }}>
            {slots.map((s, i) => <option key={s.key} value={i}>{s.label}</option>)}
          </select>
        </label>
      )}
      <button data-testid={`${testId}-csv`} title="The CSV that `npm run -s cli -- sweep` writes for this model (header, columns, certification); one file per model"
        onClick={() => downloadText(`${slot.filename}.csv`, slotCsv(slot, loaded.of(slot)), 'text/csv')}>
        {slots.length > 1 ? 'CSV' : 'sweep CSV'}
      </button>
      <button data-testid={`${testId}-load`} onClick={() => input.current?.click()} title="Draw a map from a sweep file (cli sweep / sweep-merge, or an exported CSV); it must be for this panel's model">Load sweep file…</button>
      <input ref={input} type="file" accept=".csv,.jsonl,text/csv" hidden data-testid={`${testId}-file`} onChange={(e) => onFile(e.target.files?.[0])} />
    </span>
  );
}

/** The message of a rejected file, and the loaded panels (each with "clear"). */
export function SweepFileMessages({ slots, loaded, testId }: { slots: SweepSlot[]; loaded: LoadedMaps; testId: string }) {
  const shown = slots.map((s) => ({ s, m: loaded.of(s) })).filter((x) => x.m);
  return (
    <>
      {loaded.error && <p className="error" role="alert" data-testid={`${testId}-error`}>Not loaded: {loaded.error}</p>}
      {shown.length > 0 && (
        <p className="note" data-testid={`${testId}-loaded`}>
          {shown.map(({ s, m }) => (
            <span key={s.key}>
              {s.label}{m!.header.model.N !== s.model.N ? ` (file N = ${m!.header.model.N})` : ''}: loaded from {m!.file} ({m!.rows.length}/{m!.header.gammaI.n * m!.header.gammaC.n} points){' '}
              <button onClick={() => loaded.clear(s.key)}>clear</button>{'; '}
            </span>
          ))}
        </p>
      )}
    </>
  );
}
