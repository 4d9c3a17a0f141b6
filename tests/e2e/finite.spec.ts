/**
 * Finite-N views (issue 12): never a stale number, N = 1, conjugate pairs kept whole, figure
 * presets that draw on their own (coarse to fine), cancel that frees the workers, and the README
 * screenshots of Figs. 5–7. Waits only for explicit signals (data-settled, data-state, data-busy).
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, mapRedraws, settled, longestTaskSince, watchLongTasks } from './helpers.ts';
import { fileURLToPath } from 'node:url';

const docs = (f: string) => fileURLToPath(new URL(`../../docs/${f}`, import.meta.url));

async function plot(page: Page, id: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate((pid) => {
    const el = document.querySelector(`[data-testid=plot-${pid}]`) as unknown as (Element & { data?: unknown[] }) | null;
    // a map grid (Figs. 5, 7, 8) draws each panel in a Plotly div of its own
    const data = el?.data ?? [...(el?.querySelectorAll('[data-map-cell]') ?? [])].flatMap((c) => (c as unknown as { data?: unknown[] }).data ?? []);
    return JSON.parse(JSON.stringify(data)) as Array<Record<string, unknown>>;
  }, id);
}

/** Finite numbers plotted by a panel (x/y of scatters, z of heatmaps). */
async function finiteValues(page: Page, id: string): Promise<number> {
  const data = await plot(page, id);
  let n = 0;
  for (const t of data) {
    const arr = (t.type === 'heatmap' ? (t.z as unknown[] | undefined)?.flat() : (t.y as unknown[] | undefined)) ?? [];
    for (const v of arr) if (typeof v === 'number' && Number.isFinite(v)) n++;
  }
  return n;
}

const FIRST = './?view=finite&N=4&d=3&dissipator=spin&gammaI=1&gammaC=0.4&V=1&mapRes=4';

async function firstSystem(page: Page) {
  await page.goto(FIRST);
  await settled(page, 'spectrum');
  await expect(page.getByTestId('steady-table')).toBeVisible();
  await expect(page.getByTestId('steady-table')).not.toHaveAttribute('data-stale', 'true');
}

test('the steady state shows its checks: unique with λ₁, Tr ρ, the inner solver; no uniqueness notice', async ({ page }) => {
  const errors = collectErrors(page);
  await firstSystem(page);
  await expect(page.getByTestId('steady-unique')).toHaveText(/^yes \(nearest nonzero eigenvalue -\d\.\d{3}e[-+]\d+/);
  await expect(page.getByTestId('steady-checks')).toHaveText(/≥ 0$/);
  await expect(page.getByTestId('steady-solver')).toHaveText('exact block LU');
  await expect(page.getByTestId('steady-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the steady state is shown as soon as it is done, its gaps marked "computing…" until the spectra are', async ({ page }) => {
  const errors = collectErrors(page);
  // (5, 3): the steady state ≈ 20 ms, the four certified spectra ≈ 0.3 s after it
  await page.addInitScript(`
    window.__steadyFirst = false;
    new MutationObserver(function () {
      var t = document.querySelector('[data-testid=steady-table]');
      var why = document.querySelector('[data-testid="gap-why-+1,+1"]');
      if (t && t.getAttribute('data-stale') === 'false' && why && why.textContent === 'computing…' && document.querySelector('[data-testid=purity]').textContent !== '—') window.__steadyFirst = true;
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  `);
  await page.goto('./?view=finite&N=5&d=3&dissipator=spin&gammaI=1&gammaC=0.4&V=1&mapRes=4');
  await settled(page, 'spectrum');
  expect(await page.evaluate(() => (window as unknown as { __steadyFirst: boolean }).__steadyFirst)).toBe(true);
  // then every gap is a number (or says why not), none left "computing…"
  await expect(page.getByTestId('gap-+1,+1')).not.toHaveText('—');
  await expect(page.locator('[data-testid^=gap-why-]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a new N never leaves the old table unlabelled while the new system computes', async ({ page }) => {
  const errors = collectErrors(page);
  await firstSystem(page);
  await page.getByTestId('input-N').fill('9'); // (9, 3): seconds of work, so the check happens mid-computation
  // at once: either no table or the N = 4 table greyed out and labelled "previous"
  const table = page.getByTestId('steady-table');
  if (await table.count()) {
    await expect(table).toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('stale-note')).toContainText('N = 4, d = 3');
    await expect(page.getByTestId('stale-note')).toContainText('previous');
  }
  // ⟨J_z²⟩/(Nj)² is never rescaled with the new N (≤ 1 whatever is shown)
  for (const t of await page.getByTestId('jz2').allTextContents()) if (t !== '—') expect(Number(t)).toBeLessThanOrEqual(1 + 1e-9);
  expect(errors).toEqual([]);
});

test('a memory-guard refusal clears the previous table and spectrum', async ({ page }) => {
  const errors = collectErrors(page);
  await firstSystem(page);
  await page.getByTestId('input-d').fill('6');
  await page.getByTestId('input-N').fill('40');
  await expect(page.getByTestId('job-error').first()).toContainText('N=40, d=6', { timeout: 30_000 });
  await expect(page.getByTestId('steady-table')).toHaveCount(0);
  await settled(page, 'spectrum');
  expect(await finiteValues(page, 'spectrum')).toBe(0);
  expect(errors).toEqual([]);
});

test('cancel labels the previous numbers and leaves no worker busy', async ({ page }) => {
  const errors = collectErrors(page);
  await firstSystem(page);
  await page.getByTestId('input-N').fill('8');
  const cancel = page.getByTestId('panel-steady').getByRole('button', { name: 'cancel' });
  await cancel.click();
  await expect(page.getByTestId('steady-table')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('stale-note')).toContainText('N = 4, d = 3');
  await expect(page.getByTestId('stale-note')).toContainText('cancelled');
  await expect(page.getByTestId('panel-steady').getByTestId('job-error')).toContainText('cancelled');
  // the map of N = 10 was started too; cancel it and every exact-engine worker is idle
  const mapCancel = page.getByTestId('map-progress-cancel');
  if (await mapCancel.count()) await mapCancel.click();
  await expect(page.getByTestId('workers-busy').first()).toHaveAttribute('data-busy', '0', { timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('N = 1 is a single qudit: steady state and spectra, the empty sector explained', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=finite&N=1&d=2&dissipator=spin&gammaI=0.5&gammaC=0.2&V=1&mapRes=4');
  await settled(page, 'spectrum');
  await expect(page.getByTestId('panel-steady').getByTestId('job-error')).toHaveCount(0);
  const table = page.getByTestId('steady-table');
  await expect(table).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('steady-params')).toContainText('N = 1, d = 2');
  // a single qubit decays to |−1/2⟩: Z = −1, pure
  await expect(page.getByTestId('purity')).toHaveText((1).toFixed(8));
  await expect(page.getByTestId('gap-+1,-1')).toHaveText('—');
  await expect(page.getByTestId('gap-why-+1,-1')).toContainText('empty');
  await expect(page.getByTestId('gap--1,+1')).not.toHaveText('—');
  await expect(page.getByTestId('panel-steady').getByTestId('job-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the spectrum plot keeps complex-conjugate pairs whole', async ({ page }) => {
  const errors = collectErrors(page);
  // (N, d) = (4, 3), (γ_I, γ_C) = (1, 0.4): the sixth eigenvalue of (+1,−1) and (−1,−1) is half of a pair
  await firstSystem(page);
  const data = (await plot(page, 'spectrum')) as Array<{ name: string; x: number[]; y: number[] }>;
  expect(data.length).toBe(4);
  for (const t of data) {
    expect(t.x.length).toBeGreaterThanOrEqual(6);
    t.x.forEach((re, i) => {
      const im = t.y[i];
      if (Math.abs(im) < 1e-9) return;
      const partner = t.x.some((re2, k) => k !== i && Math.abs(re2 - re) < 1e-6 && Math.abs(t.y[k] + im) < 1e-6);
      expect(partner, `${t.name}: ${re} ${im}i has no conjugate`).toBe(true);
    });
  }
  expect(errors).toEqual([]);
});

test('a map fills coarse-to-fine: a coarse picture is drawn before the full grid', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  // a range no other test uses, so nothing comes from the cache
  await page.goto('./?view=finite&N=5&d=3&dissipator=spin&gammaI=1&gammaC=0.4&V=1&mapRes=12&mapMin=0.31&mapMax=3.9&mapQuantity=purity');
  await page.getByTestId('map-level').waitFor({ state: 'attached' });
  await page.getByTestId('panel-map').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const w = window as unknown as { __levels: Array<{ level: string; coarse: number; fine: number }> };
    w.__levels = [];
    const el = document.querySelector('[data-testid=map-level]')!;
    const snap = () => {
      const data = (document.querySelector('[data-testid=plot-map]') as unknown as { data?: Array<{ type: string; name: string; z?: Array<Array<number | null>> }> }).data ?? [];
      const count = (pred: (n: string) => boolean) => data.filter((t) => t.type === 'heatmap' && pred(t.name)).reduce((a, t) => a + (t.z ?? []).flat().filter((v) => v !== null).length, 0);
      w.__levels.push({ level: el.getAttribute('data-level')!, coarse: count((n) => n.endsWith('(coarse)')), fine: count((n) => !n.endsWith('(coarse)') && !n.endsWith('(uncertified)')) });
    };
    new MutationObserver(snap).observe(el, { attributes: true });
    // the plot is redrawn after the attribute changes: sample it again when Plotly has drawn
    new MutationObserver(snap).observe(document.querySelector('[data-testid=panel-map]')!, { attributes: true, subtree: false });
  });
  await expect(page.getByTestId('map-level')).toHaveAttribute('data-level', 'full', { timeout: 200_000 });
  await settled(page, 'map');
  const levels = await page.evaluate(() => (window as unknown as { __levels: Array<{ level: string; coarse: number; fine: number }> }).__levels);
  const seen = levels.map((l) => l.level);
  const coarseAt = seen.findIndex((l) => l === '4' || l === '8');
  expect(coarseAt, `levels seen: ${seen.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(coarseAt).toBeLessThan(seen.indexOf('full'));
  // while coarse: a full coarse picture underneath, fewer than all fine cells
  expect(levels.some((l) => (l.level === '4' || l.level === '8') && l.coarse >= 16 && l.fine < 144)).toBe(true);
  const final = await plot(page, 'map');
  const fine = final.find((t) => t.type === 'heatmap' && !String(t.name).endsWith('(coarse)')) as { z: Array<Array<number | null>> };
  expect(fine.z.flat().filter((v) => v !== null && v > 0 && v <= 1).length).toBe(144);
  expect(final.some((t) => String(t.name).endsWith('(coarse)'))).toBe(false);
  expect(errors).toEqual([]);
});

for (const [preset, view, panels, shot] of [
  ['fig5', 'fig5', ['fig5'], 'fig5.png'],
  ['fig6', 'fig6', ['fig6a', 'fig6b'], 'fig6.png'],
  ['fig7', 'fig7', ['fig7a', 'fig7b'], 'fig7.png'],
] as const) {
  test(`preset ${preset} shows data within 10 s, then its full result (README screenshot)`, async ({ page }) => {
    test.setTimeout(420_000);
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1600, height: 1000 });
    // main-thread long tasks (Long Tasks API), to see what filling the maps costs the page
    await watchLongTasks(page);
    await page.goto('./?view=fig2');
    // Plotly's one-time evaluation (≈ 1 s on a busy machine) is page start-up, not map filling
    await settled(page, 'fig2');
    await page.getByTestId('select-preset').selectOption(preset);
    await expect(page.getByTestId(`view-${view}`)).toBeVisible({ timeout: 20_000 });
    const t0 = Date.now();
    const since = await page.evaluate(() => performance.now());
    // something drawn (finite numbers) within 10 s of the view opening
    await expect.poll(() => finiteValues(page, panels[0]), { timeout: 10_000, intervals: [100] }).toBeGreaterThan(0);
    console.log(`${preset}: first data after ${Date.now() - t0} ms`);
    for (const id of panels) {
      const text = JSON.stringify(await plot(page, id));
      expect(text).not.toContain('NaN');
    }
    // the full result: every progress line done, every panel settled
    for (const pl of await page.locator('[data-testid$=-progress]').all()) await expect(pl).toHaveAttribute('data-state', 'done', { timeout: 400_000 });
    for (const id of panels) await settled(page, id, 30_000);
    console.log(`${preset}: full result after ${Date.now() - t0} ms`);
    const longest = await longestTaskSince(page, since);
    // logged, not asserted: on a shared 2-core machine a 30 ms redraw can take 300 ms of wall time
    console.log(`${preset}: longest main-thread task while the maps filled: ${longest.toFixed(0)} ms${await mapRedraws(page)}`);
    for (const id of panels) {
      const data = await plot(page, id);
      expect(JSON.stringify(data)).not.toContain('NaN');
      // no empty trace: every heatmap and every curve has values
      for (const t of data) {
        const vals = (t.type === 'heatmap' ? (t.z as unknown[][]).flat() : (t.y as unknown[])) ?? [];
        expect(vals.length, `${id}: trace ${String(t.name)} is empty`).toBeGreaterThan(0);
      }
      expect(await finiteValues(page, id)).toBeGreaterThan(0);
    }
    if (preset === 'fig5') {
      // the paper's sizes need exact factorisations above the worker's flop limit: stated with the figure, no button that could only fail
      await expect(page.getByTestId('paper-size')).toContainText(/cannot be certified in the browser — N=\d+, d=\d: certified gaps need the exact block LU: .*GFlop per factorisation/, { timeout: 20_000 });
      await expect(page.getByTestId('paper-size-on')).toHaveCount(0);
    }
    if (preset === 'fig6') {
      await expect(page.getByTestId('fig6b-fits')).toContainText('d = 2');
      // the paper's N = 6 curves of Δ(+1,+1) with circles (Fig. 6 caption): d = 3 is live
      const marked = (await plot(page, 'fig6a')).filter((t) => String(t.name).startsWith('N = 6, d = 3') && (t.xaxis ?? 'x') === 'x');
      expect(marked.length).toBe(1);
      expect(marked[0].mode).toBe('lines+markers');
      expect((marked[0].y as number[]).length).toBe(24);
    }
    await expect(page.getByTestId('workers-busy').first()).toHaveAttribute('data-busy', '0');
    await page.getByTestId(`view-${view}`).screenshot({ path: docs(shot) });
    expect(errors).toEqual([]);
  });
}

test('cancelling a figure leaves no worker busy and labels the partial picture', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig7&d=3&dissipator=spin&gammaI=1.8&gammaC=0.2&V=1&mapRes=14&mapMin=0.33&mapMax=3.8');
  await expect(page.getByTestId('fig7-progress')).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await expect(page.getByTestId('workers-busy').first()).not.toHaveAttribute('data-busy', '0', { timeout: 20_000 });
  await page.getByTestId('fig7-progress-cancel').click();
  await expect(page.getByTestId('fig7-progress')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('fig7-progress')).toContainText('cancelled');
  await expect(page.getByTestId('workers-busy').first()).toHaveAttribute('data-busy', '0', { timeout: 5_000 });
  expect(errors).toEqual([]);
});
