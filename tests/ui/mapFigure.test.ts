/**
 * The map grids of Figs. 5, 7, 8 (src/ui/views/finite/mapFigure.ts): the screen draws each panel
 * as a figure of its own (mapCellFigure) and exports the grid as one figure (mapFigure); both
 * must show the same traces (values, white uncertified cells, coarse preview, critical line) on
 * one shared colour range.
 */
import { describe, expect, it } from 'vitest';
import type { FinitePointResult } from '../../src/contracts/exact.ts';
import type { GridState } from '../../src/compute/finiteClient.ts';
import { colorBarFigure, figureRange, mapCellFigure, mapFigure, type MapFigureOptions, type MapPanelSpec } from '../../src/ui/views/finite/mapFigure.ts';

const axis = [0.5, 1, 1.5, 2];
const point = (gI: number, gC: number, purity: number): FinitePointResult => ({
  gammaI: gI, gammaC: gC, X: 0, Y: 0, Z: -0.5, jz2: 1, purity, scaledPurity: purity, residual: 1e-13, gaps: [NaN, NaN, NaN, NaN], dims: {}, error: '',
});

function panel(col: number, scale: number): MapPanelSpec {
  const cells = axis.map((gC, iy) => axis.map((gI, ix) => (iy === 3 && ix === 3 ? null : point(gI, gC, scale * (0.2 + 0.05 * (iy * 4 + ix))))));
  cells[0][1] = { ...cells[0][1]!, error: 'not converged' };
  const grid: GridState = { cells, coarse: { ix: [0, 3], iy: [0, 3] }, level: 2, complete: false };
  return {
    row: 0, col, title: `N = 5, d = ${col + 2}`, xs: axis, ys: axis, grid, context: `Tr ρ², N = 5, d = ${col + 2}`,
    value: (r) => (r.error ? null : r.purity), reason: (r) => r.error ?? '',
  };
}

const options: MapFigureOptions = { rows: 1, cols: 2, quantity: 'Tr ρ²', scale: 'shared', fixed: [0, 1], height: 400 };

describe('map grid figures', () => {
  const panels = [panel(0, 1), panel(1, 0.5)];
  const whole = mapFigure(panels, options);
  const range = figureRange(panels, options)!;

  it('log scale: the bar is titled "(log scale)" and its ticks are the values 1, 2, 5 × 10^k at log₁₀ positions', () => {
    const o: MapFigureOptions = { ...options, scale: 'log' };
    const r = figureRange(panels, o)!;
    const bar = colorBarFigure(o, r, 300, 12).layout as { coloraxis: { colorbar: { title: { text: string }; tickvals: number[]; ticktext: string[] } } };
    const cb = bar.coloraxis.colorbar;
    expect(cb.title.text).toBe('Tr ρ² (log scale)');
    expect(cb.tickvals.map((v) => +(10 ** v).toPrecision(6))).toEqual(cb.ticktext.map(Number));
    expect(cb.ticktext).toContain('0.2');
  });

  it('one shared colour range over every panel', () => {
    expect(range[0]).toBeCloseTo(0.5 * 0.2, 12);
    expect(range[1]).toBeCloseTo(0.2 + 0.05 * 14, 12);
    expect((whole.layout as { coloraxis: { cmin: number; cmax: number } }).coloraxis.cmin).toBe(range[0]);
  });

  it('each screen panel shows exactly the traces the exported figure has for it', () => {
    const strip = (t: Record<string, unknown>) => { const { xaxis: _x, yaxis: _y, ...rest } = t; return rest; };
    const fromCells = panels.flatMap((p) => mapCellFigure(p, options, range, 180, { tick: 11, title: 13 }).data);
    expect(fromCells.map((t) => strip(t as Record<string, unknown>))).toEqual(whole.data.map((t) => strip(t as Record<string, unknown>)));
    const cell = mapCellFigure(panels[1], options, range, 180, { tick: 11, title: 13 });
    const ax = (cell.layout as { coloraxis: { cmin: number; cmax: number; showscale: boolean } }).coloraxis;
    expect([ax.cmin, ax.cmax, ax.showscale]).toEqual([range[0], range[1], false]);
    const names = cell.data.map((t) => (t as { name: string }).name);
    expect(names).toEqual(['N = 5, d = 3 (coarse)', 'N = 5, d = 3 (uncertified)', 'N = 5, d = 3', 'γ_I + γ_C = 2|V|']);
    // the failed point is white with its reason, the missing one says so
    const fine = cell.data[2] as { z: Array<Array<number | null>>; text: string[][] };
    expect(fine.z[0][1]).toBeNull();
    expect(fine.text[0][1]).toContain('not converged');
    expect(fine.text[3][3]).toContain('not computed yet');
    expect((cell.data[1] as { z: Array<Array<number | null>> }).z[0][1]).toBe(1);
  });

  it('γ_C horizontal (Fig. 5): the panel drawn transposed, hover and axis titles follow, the critical line is the same', () => {
    const xs = [0.5, 1, 1.5, 2], ys = [0.3, 0.6, 0.9]; // γ_I, γ_C
    const cells = ys.map((gC, iy) => xs.map((gI, ix) => point(gI, gC, 10 * iy + ix)));
    const p: MapPanelSpec = {
      row: 0, col: 0, title: 'Δ', xs, ys, grid: { cells, coarse: null, level: 3, complete: true }, context: 'Δ',
      value: (r) => r.purity, reason: () => '',
    };
    const o: MapFigureOptions = { ...options, rows: 1, cols: 1, gammaCHorizontal: true };
    const fig = mapFigure([p], o);
    const fine = fig.data.find((t) => (t as { name: string }).name === 'Δ') as { x: number[]; y: number[]; z: number[][]; text: string[][] };
    expect(fine.x).toEqual(ys);
    expect(fine.y).toEqual(xs);
    // z[r][c] is the point at γ_C = x[c], γ_I = y[r]: purity 10·iy + ix with iy the γ_C index
    fine.y.forEach((gI, r) => fine.x.forEach((gC, c) => {
      expect(fine.z[r][c]).toBe(10 * ys.indexOf(gC) + xs.indexOf(gI));
      expect(fine.text[r][c]).toContain(`γ_C/|V| = ${gC.toFixed(3)}, γ_I/|V| = ${gI.toFixed(3)}`);
    }));
    const L = fig.layout as { xaxis: { title: { text: string } }; yaxis: { title: { text: string } } };
    expect([L.xaxis.title.text, L.yaxis.title.text]).toEqual(['γ_C / |V|', 'γ_I / |V|']);
    const line = fig.data.find((t) => (t as { name: string }).name === 'γ_I + γ_C = 2|V|') as { x: number[]; y: number[] };
    line.x.forEach((x, i) => expect(x + line.y[i]).toBeCloseTo(2, 12));
    // and the default keeps γ_I horizontal
    const plain = mapFigure([p], { ...o, gammaCHorizontal: false }).data.find((t) => (t as { name: string }).name === 'Δ') as { x: number[]; z: number[][] };
    expect(plain.x).toEqual(xs);
    expect(plain.z[2][1]).toBe(21);
  });

  it('the colour bar alone carries the quantity and the shared range', () => {
    const bar = colorBarFigure(options, range, 360, 12);
    const ax = (bar.layout as { coloraxis: { cmin: number; cmax: number; colorbar: { title: { text: string } } } }).coloraxis;
    expect([ax.cmin, ax.cmax]).toEqual(range);
    expect(ax.colorbar.title.text).toBe('Tr ρ²');
  });
});
