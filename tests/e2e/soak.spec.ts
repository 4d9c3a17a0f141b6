/**
 * Soak (issue 14): many slider changes across every view, as a researcher dragging for an
 * afternoon: two identical passes over every view (the first is the warm-up that fills the result
 * caches). Afterwards the page answers, the browser's CPU falls back to idle (no worker left
 * computing), the JS heap after the second pass is within 20 % of its value after the first, and
 * no error was logged.
 * `npm test` runs a shortened soak (SOAK_STEPS, default 240); `npm run test:soak` the full 2 000.
 * Also measured: how fast a cancelled exact computation stops using CPU.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, settled } from './helpers.ts';
import { browserLoad, WorkerCpuSampler, workerThreadsCpuMs } from './procCpu.ts';

const STEPS = Number(process.env.SOAK_STEPS ?? 240);

const VIEWS = [
  { view: 'fig2', url: './?view=fig2&d=2&gammaI=0.5&gammaC=0.5&V=1', panel: 'fig2' },
  { view: 'fig3', url: './?view=fig3&d=4&dissipator=flat&gammaI=0.5&gammaC=1&V=1', panel: 'fig3' },
  { view: 'fig4', url: './?view=fig4&d=3&gammaI=1&gammaC=0.3&V=1&fig4Ds=2,3', panel: 'fig4' },
  { view: 'finite', url: './?view=finite&N=3&d=2&gammaI=1&gammaC=0.4&V=1&mapRes=4', panel: 'spectrum' },
] as const;

/** JS heap in use after a full garbage collection (bytes), through the DevTools protocol. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Waits until the browser uses less than `limit` of a core over a `windowMs` window; returns the ms waited. */
async function becomesIdle(limit = 0.25, timeoutMs = 20_000, windowMs = 500): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const load = await browserLoad(windowMs);
    if (load === null || load < limit) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`the browser kept ${(100 * load).toFixed(0)} % of a core busy for ${timeoutMs} ms after the work was done`);
  }
}

test(`soak: ${STEPS} slider changes across all views`, async ({ page }) => {
  test.setTimeout(Math.max(180_000, STEPS * 600));
  const errors = collectErrors(page);
  await page.goto('./?view=fig2&d=3&gammaI=0.5&gammaC=0.5&V=1&N=3&mapRes=4&fig4Ds=2,3');
  await settled(page, 'fig2');
  const press = async (i: number) => {
    const slider = page.getByTestId(i % 2 ? 'slider-gammaC' : 'slider-gammaI');
    // back and forth, so the rates stay in range and the caches see revisits as well as new points
    await slider.press(Math.floor(i / 10) % 2 ? 'ArrowLeft' : 'ArrowRight');
  };
  // One pass: every view in turn, from the same rates, the same sequence of slider changes. The
  // first pass is the warm-up (it fills the result caches to what the second one will use); the
  // heap after the second must then stay within 20 % of the heap after the first.
  const half = Math.ceil(STEPS / 2 / VIEWS.length);
  let done = 0;
  const pass = async () => {
    for (const v of VIEWS) {
      await page.getByTestId(`tab-${v.view}`).click();
      await page.getByTestId('input-gammaI').fill('0.5');
      await page.getByTestId('input-gammaC').fill('0.5');
      for (let i = 0; i < half; i++, done++) await press(i);
      await settled(page, v.panel);
    }
    await page.getByTestId('tab-fig2').click();
    await settled(page, 'fig2');
  };
  await pass();
  const heap0 = await heapAfterGc(page);
  await pass();
  const heap1 = await heapAfterGc(page);
  expect(done).toBeGreaterThanOrEqual(STEPS);
  // the page answers: a typed value reaches the plot
  const plotted = () => page.evaluate(() => JSON.stringify((document.querySelector('[data-testid=plot-fig2]') as unknown as { data?: unknown })?.data ?? null));
  const before = await plotted();
  await page.getByTestId('input-gammaI').fill('3.1');
  await expect.poll(plotted, { timeout: 30_000 }).not.toBe(before);
  await settled(page, 'fig2');
  // nothing left computing
  const idleAfter = await becomesIdle();
  console.log(`soak: ${done} changes; heap after the first pass ${(heap0 / 2 ** 20).toFixed(1)} MiB, after the second ${(heap1 / 2 ** 20).toFixed(1)} MiB (${(100 * (heap1 / heap0 - 1)).toFixed(1)} %); idle ${idleAfter} ms after settling`);
  expect(heap1).toBeLessThanOrEqual(1.2 * heap0);
  expect(errors).toEqual([]);
});

test('a cancelled exact computation stops using CPU', async ({ page }) => {
  test.skip(workerThreadsCpuMs() === null, 'needs /proc (Linux) to read the browser threads\' CPU time');
  const errors = collectErrors(page);
  // sectors of dimension ≈ 13 900 (N = 6, d = 4): many seconds of work on this kind of machine
  await page.goto('./?view=finite&N=6&d=4&gammaI=1&gammaC=0.4&V=1&mapRes=4');
  // the page shares an interrupt flag with its workers only when cross-origin isolated
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const busy = page.getByTestId('panel-steady').getByTestId('job-busy');
  await expect(busy).toBeVisible({ timeout: 30_000 });
  // the workers really compute (a shared machine may lend them less than a core)
  const w0 = workerThreadsCpuMs()!;
  await expect.poll(() => workerThreadsCpuMs()! - w0, { timeout: 30_000 }).toBeGreaterThan(100);
  // every panel of the view (steady state, map, curves, dynamics) cancelled in one go, in the
  // page; the click time is taken in the page (a busy main thread can delay the call's return)
  const sampler = new WorkerCpuSampler(50);
  const { clicked, n: cancelled } = await page.evaluate(() => {
    const bs = [...document.querySelectorAll('button')].filter((b) => /^cancel/i.test(b.textContent ?? ''));
    const clicked = Date.now();
    for (const b of bs) b.click();
    return { clicked, n: bs.length };
  });
  expect(cancelled).toBeGreaterThan(0);
  // the measurement the README reports: from the click until the workers' threads use < 0.1 core
  // over a 300 ms window (sampled every 50 ms)
  const idle = await sampler.idleFrom(clicked, 0.1, 300, 10_000);
  sampler.stop();
  expect(idle).not.toBeNull();
  const ms = Math.max(0, idle! - clicked);
  console.log(`cancel: ${cancelled} job(s) cancelled; the worker threads stopped ${ms} ms after the click (50 ms steps; stopped = < 0.1 core over the next 300 ms)`);
  // Not a speed assertion but the mechanism's: without the interrupt flag Chromium lets a
  // terminated worker run on for 2 s (Blink's forcible-termination delay); with it the workers
  // stop at their next checkpoint. 1.5 s leaves room for a loaded machine and still fails when
  // the flag is not honoured.
  expect(ms).toBeLessThan(1500);
  await expect(page.getByTestId('panel-steady').getByTestId('job-busy')).toHaveCount(0);
  expect(errors).toEqual([]);
});
