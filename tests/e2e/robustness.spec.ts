/**
 * Robustness in the browser (issue 14): the bad-input corpus (tests/corpus/badInput.ts) typed
 * into the fields and sent as links, and injected faults — a worker that dies in the middle of a
 * job (the 'error' event a browser fires for an uncaught error or an out-of-memory worker). Each
 * case: a clear message, the previous valid view kept, no NaN drawn, no uncaught error, and the
 * next change works. Waits on the panels' data-settled signal, never on time.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, plotData, settled } from './helpers.ts';
import { FIELD_CASES, URL_CASES } from '../corpus/badInput.ts';

/** Keeps every Worker the page creates in window.__workers, so a test can inject a crash. */
async function trackWorkers(page: Page) {
  await page.addInitScript(() => {
    const W = window.Worker;
    const all: Worker[] = [];
    (window as unknown as { __workers: Worker[] }).__workers = all;
    window.Worker = class extends W {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        all.push(this);
      }
    } as typeof Worker;
  });
}

/** What the browser does when a worker dies: an 'error' event on every Worker object. */
async function crashAllWorkers(page: Page, message: string) {
  await page.evaluate((m) => {
    // a snapshot: the app replaces a dead worker at once, and the replacements must live
    for (const w of [...(window as unknown as { __workers: Worker[] }).__workers]) w.dispatchEvent(new ErrorEvent('error', { message: m }));
  }, message);
}

test(`bad field input (${FIELD_CASES.length} cases of the corpus): a message naming the limit, the plot kept`, async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=fig3&d=3');
  await settled(page, 'fig3');
  const before = await plotData(page, 'fig3');
  for (const c of FIELD_CASES) {
    await page.getByTestId(c.testId).fill(c.text);
    await expect(page.getByTestId(c.testId).locator('xpath=..').getByRole('alert')).toContainText(c.message);
  }
  await settled(page, 'fig3');
  expect(await plotData(page, 'fig3')).toBe(before);
  expect(before).not.toContain('NaN');
  expect(errors).toEqual([]);
});

// (the 100 kB query is checked in tests/state/corpus.test.ts: HTTP servers, Vite's preview among
// them, refuse such a URL before the page could load; here a 7 kB one of 600 unknown keys)
const browserUrlCases = [
  ...URL_CASES,
  { name: '7 kB query of unknown keys', query: '?' + Array.from({ length: 600 }, (_, i) => `k${i}=xxxxxx`).join('&'), notice: /600 unknown link parameters ignored/ },
];
for (const c of browserUrlCases.filter((u) => ['7 kB query of unknown keys', 'script in a value', 'script as a key', 'repeated key', 'N = 1e6', 'custom ℓ with NaN'].includes(u.name))) {
  test(`hostile link: ${c.name} — defaults, a notice, the address bar corrected`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./' + c.query);
    await expect(page.getByTestId('notice')).toContainText(c.notice);
    await settled(page, new URL('http://x/' + c.query).searchParams.get('view') === 'finite' ? 'spectrum' : 'fig2');
    const url = page.url();
    expect(url.length).toBeLessThan(2000);
    expect(url).not.toContain('script');
    expect(decodeURIComponent(url)).not.toContain('<');
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src]):not([type])').length)).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('fault: the mean-field worker dies mid-job — the panel says so, the plot stays, the next change works', async ({ page }) => {
  const errors = collectErrors(page);
  await trackWorkers(page);
  await page.goto('./?view=fig3&d=12&count=200&tEnd=1&gammaI=0.5&gammaC=1&V=1');
  await settled(page, 'fig3');
  const before = await plotData(page, 'fig3');
  // one change that makes the job ten thousand times longer: 200 trajectories of d = 12 to |V|t = 10⁴
  await page.getByTestId('input-tEnd').fill('10000');
  await expect(page.getByTestId('panel-fig3').getByTestId('job-busy')).toBeVisible();
  await crashAllWorkers(page, 'injected fault');
  await expect(page.getByTestId('panel-fig3').getByTestId('job-error')).toContainText('worker crashed (injected fault)');
  expect(await plotData(page, 'fig3')).toBe(before); // the previous valid view stays
  // the next change runs on a fresh worker
  await page.getByTestId('input-count').fill('20');
  await page.getByTestId('input-tEnd').fill('50');
  await page.getByTestId('input-d').fill('4');
  await settled(page, 'fig3');
  const after = await plotData(page, 'fig3');
  expect(after).not.toBe(before);
  expect(after).not.toContain('NaN');
  expect(errors).toEqual([]);
});

test('fault: the exact-engine workers die mid-job — the finite panel says so and recovers', async ({ page }) => {
  const errors = collectErrors(page);
  await trackWorkers(page);
  await page.goto('./?view=finite&N=6&d=4&gammaI=1&gammaC=0.4&V=1&mapRes=4');
  const steady = page.getByTestId('panel-steady');
  await expect(steady.getByTestId('job-busy')).toBeVisible({ timeout: 30_000 });
  await crashAllWorkers(page, 'injected fault');
  await expect(steady.getByText(/crashed \(injected fault\)/).first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('input-N').fill('3');
  await page.getByTestId('input-d').fill('2');
  await expect(page.getByTestId('purity')).toHaveText(/^0\.\d{8}$/, { timeout: 60_000 });
  await settled(page, 'spectrum');
  expect(errors).toEqual([]);
});

test('finite page: a map range with start ≥ end stays in its field and the results stay; |V| typed through 0 keeps γ/|V|', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?view=finite&N=3&d=2&gammaI=0.5&gammaC=1.2&V=1');
  await settled(page, 'spectrum');
  const before = await plotData(page, 'spectrum');
  // "from" 5 with "to" 4: a message at the field, nothing else changes (it used to blank the page)
  await page.getByTestId('input-mapMin').fill('5');
  await expect(page.getByTestId('input-mapMin').locator('xpath=..').getByRole('alert')).toContainText('γ/|V| from must be below to = 4 (got 5)');
  await expect(page.getByTestId('panel-steady')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('mapMin')).not.toBe('5');
  expect(await plotData(page, 'spectrum')).toBe(before);
  await page.getByTestId('input-mapMin').fill('0.35');
  // |V| = 1 → 0.5 typed key by key: "0" (V = 0) on the way must not lose the ratios
  await page.getByTestId('input-V').fill('');
  await page.getByTestId('input-V').pressSequentially('0.5');
  await expect(page.getByTestId('input-V')).toHaveValue('0.5');
  await expect(page.getByTestId('input-gammaI')).toHaveValue('0.5');
  await expect(page.getByTestId('input-gammaC')).toHaveValue('1.2');
  await expect.poll(() => new URL(page.url()).searchParams.get('V')).toBe('0.5');
  expect(Number(new URL(page.url()).searchParams.get('gammaI'))).toBeCloseTo(0.25, 12);
  expect(Number(new URL(page.url()).searchParams.get('gammaC'))).toBeCloseTo(0.6, 12);
  // and the |V| field names its own range
  await page.getByTestId('input-V').fill('1e9');
  await expect(page.getByTestId('input-V').locator('xpath=..').getByRole('alert')).toContainText('|V| must be between 0 and 1000 (got 1000000000)');
  expect(errors).toEqual([]);
});
