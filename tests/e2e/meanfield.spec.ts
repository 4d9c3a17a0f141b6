/**
 * The mean-field views (issue 12, item 4): V = 0 shown honestly, folds versus pitchforks on
 * Fig. 4, an inset that hides no curve, coarse-then-fine redraws of Fig. 4, controls that do not
 * apply disabled with their reason, and the γ_I = 0 centres of Eq. (11) in the fixed-point table.
 * Every wait is on an explicit signal (data-settled, a table row), never on a timer.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, settled } from './helpers.ts';

interface Trace { name?: string; x?: Array<number | null>; y?: Array<number | null>; xaxis?: string; yaxis?: string; type?: string }

/** The traces Plotly drew in a panel (the plot div carries `.data`). */
async function traces(page: Page, id: string): Promise<Trace[]> {
  return page.evaluate((pid) => {
    const el = document.querySelector(`[data-testid=plot-${pid}]`) as unknown as { data?: unknown[] } | null;
    return JSON.parse(JSON.stringify(el?.data ?? [])) as Trace[];
  }, id);
}

/** Plotly's full layout of a panel (domains and ranges after defaults). */
async function fullLayout(page: Page, id: string): Promise<Record<string, { domain?: [number, number]; range?: [number, number]; title?: { text?: string } } | unknown>> {
  return page.evaluate((pid) => {
    const el = document.querySelector(`[data-testid=plot-${pid}]`) as unknown as { _fullLayout?: Record<string, unknown> } | null;
    const L = el?._fullLayout ?? {};
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(L)) {
      if (/^[xy]axis\d*$/.test(k)) {
        const a = L[k] as { domain: number[]; range: number[]; type: string; title?: { text?: string } };
        out[k] = { domain: a.domain, range: a.range, type: a.type, title: { text: a.title?.text } };
      }
    }
    out.annotations = ((L.annotations ?? []) as Array<{ text?: string }>).map((a) => a.text ?? '');
    return out;
  }, id);
}

const named = (ts: Trace[], name: string) => ts.filter((t) => t.name === name);
const values = (a: Array<number | null> | undefined) => (a ?? []).filter((v): v is number => v !== null && Number.isFinite(v));

test('V = 0: Fig. 4, the phase diagram and the exponents all say "no interaction, no transition", in rate units', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig4&d=3&dissipator=spin&gammaI=0.5&gammaC=0.5&V=0');
  await expect(page.getByTestId('critical')).toContainText('V = 0: no interaction');
  await expect(page.getByTestId('v-zero-note')).toContainText('in the rates’ own unit');
  await settled(page, 'fig4');
  await settled(page, 'phase');
  const fig4 = await traces(page, 'fig4');
  // no broken-symmetry branch for any d: with V = 0 nothing lifts the state off Z = −1
  const broken = fig4.filter((t) => /^d = \d+, (spin|flat)/.test(t.name ?? ''));
  expect(broken.length).toBeGreaterThan(0);
  for (const t of broken) expect(values(t.y)).toEqual([]);
  expect(fig4.filter((t) => /^fold|pitchfork/.test(t.name ?? ''))).toEqual([]);
  // the z-polarised state is stable for every γ_I > 0 shown
  const zStable = named(fig4, 'z-polarised (Eq. 12)').find((t) => t.yaxis === 'y2')!;
  expect(Math.min(...values(zStable.x).filter((x) => x > 0))).toBeLessThan(0.05);
  expect(values(zStable.y).every((z) => z === -1)).toBe(true);
  const L4 = await fullLayout(page, 'fig4') as Record<string, { title: { text: string } }>;
  expect(L4.xaxis.title.text).toContain('V = 0');
  expect(L4.xaxis.title.text).not.toContain('|V|');
  await expect(page.getByTestId('panel-fig4').locator('h2')).toContainText('no transition');
  // phase diagram: no critical line away from the origin, and it says why
  const phase = await traces(page, 'phase');
  expect(phase.filter((t) => (t.name ?? '').includes('critical line'))).toEqual([]);
  expect(phase.filter((t) => (t.name ?? '').includes('bistable'))).toEqual([]);
  const LP = await fullLayout(page, 'phase') as Record<string, unknown> & { annotations: string[]; xaxis: { title: { text: string } } };
  expect(LP.annotations.join(' ')).toContain('V = 0');
  expect(LP.xaxis.title.text).toContain('V = 0');
  await expect(page.getByTestId('betas')).toContainText('no transition');
  // the Eq. (14) overlay needs V ≠ 0: its switch is disabled and says so
  await expect(page.getByTestId('check-largeSpin')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('Fig. 4: d = 2, 3 end at a pitchfork (no fold marker); d = 5 flat has its fold at γ_I/|V| ≈ 2.16', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig4&d=3&dissipator=spin&gammaI=1&gammaC=0&V=1');
  await settled(page, 'fig4');
  const ts = await traces(page, 'fig4');
  for (const d of [2, 3]) for (const dis of ['spin', 'flat']) expect(named(ts, `fold d = ${d}, ${dis}`)).toEqual([]);
  for (const d of [2, 3, 4, 5, 6, 7]) expect(named(ts, `fold d = ${d}, spin`)).toEqual([]);
  for (const [d, at] of [[4, 2.05], [5, 2.16], [6, 2.3], [7, 2.46]] as const) {
    const fold = named(ts, `fold d = ${d}, flat`);
    expect(fold.length).toBe(2); // on the |X| and on the Z panel
    expect(Math.abs(values(fold[0].x)[0] - at)).toBeLessThan(0.01);
  }
  // the continuous transition is marked as what it is: a pitchfork at γ_I = 2|V| on X = 0, Z = −1
  const pf = named(ts, 'pitchfork (branch point)');
  expect(pf.length).toBe(2);
  expect(values(pf[0].x).length).toBe(1);
  expect(values(pf[0].x)[0]).toBeCloseTo(2, 9);
  expect(values(pf[1].y)).toEqual([-1]);
  expect(errors).toEqual([]);
});

test('Fig. 4: the inset covers no curve of the main panels (the d = 2, 3 Z curves included)', async ({ page }) => {
  const errors = collectErrors(page);
  // γ_C = 1.2|V| (the default): the Z curves drop to −1 by γ_I = 0.8|V|, through the lower left
  for (const gC of [1.2, 0]) {
  await page.goto(`./?view=fig4&d=5&dissipator=flat&gammaI=0.5&gammaC=${gC}&V=1`);
  await settled(page, 'fig4');
  const ts = await traces(page, 'fig4');
  const L = await fullLayout(page, 'fig4') as Record<string, { domain: [number, number]; range: [number, number] }>;
  const inset = { x: L.xaxis2.domain, y: L.yaxis3.domain };
  // the inset is drawn and carries the small-γ_I |X| of every curve
  expect(ts.filter((t) => t.xaxis === 'x2' && values(t.y).length > 0).length).toBeGreaterThan(6);
  const toPaper = (v: number, ax: { domain: [number, number]; range: [number, number] }) =>
    ax.domain[0] + ((v - ax.range[0]) / (ax.range[1] - ax.range[0])) * (ax.domain[1] - ax.domain[0]);
  let checked = 0;
  const hidden: string[] = [];
  for (const t of ts) {
    if ((t.xaxis ?? 'x') !== 'x') continue;
    const yax = L[(t.yaxis ?? 'y').replace('y', 'yaxis')];
    const xs = t.x ?? [], ys = t.y ?? [];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i], y = ys[i];
      if (x === null || y === null || x === undefined || y === undefined) continue;
      const px = toPaper(x, L.xaxis), py = toPaper(y, yax);
      // only what is inside the main plot area can be hidden
      if (px < L.xaxis.domain[0] || px > L.xaxis.domain[1] || py < yax.domain[0] || py > yax.domain[1]) continue;
      checked++;
      if (px > inset.x[0] && px < inset.x[1] && py > inset.y[0] && py < inset.y[1]) hidden.push(`${t.name} at (${x}, ${y})`);
    }
  }
  expect(checked).toBeGreaterThan(1000);
  expect(hidden, 'points of the main panels under the inset').toEqual([]);
  // the Z curves of d = 2 and 3 are drawn
  for (const d of [2, 3]) expect(values(named(ts, `d = ${d}, spin`).find((t) => t.yaxis === 'y2')?.y).length).toBeGreaterThan(20);
  }
  expect(errors).toEqual([]);
});

test('Fig. 4: a γ_C change draws a coarse preview at once and the full result when the slider rests', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig4&d=5&dissipator=flat&gammaI=1&gammaC=0&V=1');
  await settled(page, 'fig4');
  const title = page.getByTestId('panel-fig4').locator('h2');
  await expect(title).not.toContainText('coarse');
  await page.getByTestId('input-gammaC').fill('0.37');
  // the preview is labelled with the γ_C it belongs to, then replaced by the full computation
  await expect(title).toContainText('coarse preview', { timeout: 20_000 });
  await expect(title).toContainText('0.370');
  await settled(page, 'fig4');
  await expect(title).not.toContainText('coarse');
  await expect(title).toContainText('= 0.370');
  // γ_C = 0.37: the fold of d = 5 moves to γ_I/|V| < 2.16, above the pitchfork at 2 − 0.37
  const ts = await traces(page, 'fig4');
  const fold = values(named(ts, 'fold d = 5, flat')[0].x)[0];
  expect(fold).toBeGreaterThan(1.63);
  expect(fold).toBeLessThan(2.16);
  expect(values(named(ts, 'pitchfork (branch point)')[0].x)[0]).toBeCloseTo(1.63, 9);
  expect(errors).toEqual([]);
});

test('controls that do not apply are disabled with a one-line reason (d and the dissipator on the qubit-only Fig. 2)', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig2&d=4&gammaI=0.5&gammaC=0.5&V=1');
  await settled(page, 'fig2');
  for (const id of ['slider-d', 'input-d', 'select-dissipator']) await expect(page.getByTestId(id)).toBeDisabled();
  await expect(page.getByTestId('disabled-d')).toContainText('qubit');
  await expect(page.getByTestId('disabled-dissipator')).toBeVisible();
  // the same controls apply to Fig. 3
  await page.getByTestId('tab-fig3').click();
  for (const id of ['slider-d', 'input-d', 'select-dissipator']) await expect(page.getByTestId(id)).toBeEnabled();
  await expect(page.getByTestId('disabled-d')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('γ_I = 0: the fixed-point table lists the four centres of Eq. (11) (qubit and spin-ladder d = 4)', async ({ page }) => {
  const errors = collectErrors(page);
  for (const [d, V, gC] of [[2, 1, 1], [4, -1.5, 0.6]] as const) {
    await page.goto(`./?view=fig4&d=${d}&dissipator=spin&gammaI=0&gammaC=${gC}&V=${V}`);
    const table = page.getByTestId('fixed-table');
    const rows = table.locator('tbody tr.centre');
    await expect(rows).toHaveCount(4, { timeout: 60_000 });
    // Eq. (11): X = ±√(½ ± ½√(1 − (γ_C/2V)²)), Y = sgn(V)·√(½ ∓ ½√(…)), Z = 0
    const q = Math.sqrt(1 - (gC / (2 * V)) ** 2);
    const want = [1, -1].flatMap((pm) => {
      const X = Math.sqrt(0.5 + 0.5 * pm * q), Y = Math.sign(V) * Math.sqrt(0.5 - 0.5 * pm * q);
      return [[X, Y], [-X, -Y]];
    }).map(([X, Y]) => `${X.toFixed(5)} ${Y.toFixed(5)}`).sort();
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const cells = rows.nth(i).locator('td');
      await expect(cells.nth(0)).toContainText('centre (Eq. 11)');
      await expect(cells.nth(3)).toHaveText(/^-?0\.00000$/);
      got.push(`${await cells.nth(1).textContent()} ${await cells.nth(2).textContent()}`.replace(/-0\.00000/g, '0.00000'));
    }
    expect(got.sort()).toEqual(want.map((w) => w.replace(/-0\.00000/g, '0.00000')));
  }
  expect(errors).toEqual([]);
});
