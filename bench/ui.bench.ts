/**
 * Browser benchmark of the live views (issue 3): for d = 2, 4, 7 and the Fig. 2/3 views, the
 * time from a slider move to the redrawn plot, and the main thread's longest task while dragging
 * (PerformanceObserver 'longtask', i.e. tasks > 50 ms). Also the worker-side compute time of one
 * update (20 trajectories to t = 50/|V|), measured in Node in the same run, for the ratio
 * "compute / whole update".
 * Needs a built site (`npx vite build`) and Chromium; run with `npx tsx bench/ui.bench.ts`.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fig3Data } from '../src/physics/meanfield/fig3.ts';
import { fig2Data } from '../src/physics/meanfield/fig2.ts';
import { makeParams } from '../src/physics/model/model.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// UI_BENCH_PORT / UI_BENCH_OUTDIR let several checkouts run the bench side by side
const PORT = Number(process.env.UI_BENCH_PORT ?? 4398);
const OUT_DIR = process.env.UI_BENCH_OUTDIR ?? 'dist';
const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function measureView(page: Page, query: string, plotId: string, sliderId: string) {
  await page.goto(`http://127.0.0.1:${PORT}/?${query}`);
  await page.getByTestId('job-done').waitFor({ timeout: 60_000 });
  const box = (await page.getByTestId(sliderId).boundingBox())!;
  const y = box.y + box.height / 2;
  // single moves: user-timing marks 'input' (slider event) → 'plotted:<id>' (Plotly.react done)
  const updates: number[] = [];
  const toResult: number[] = [];
  for (let k = 0; k < 8; k++) {
    await page.evaluate(() => performance.clearMarks());
    await page.mouse.click(box.x + box.width * (k % 2 === 0 ? 0.25 + 0.02 * k : 0.6 + 0.02 * k), y);
    const ms = await page.evaluate(async (pid) => {
      const t0 = performance.now();
      for (;;) {
        const input = performance.getEntriesByName('input')[0];
        const done = performance.getEntriesByName(`plotted:${pid}`).find((m) => input && m.startTime > input.startTime);
        const result = performance.getEntriesByName('result').find((m) => input && m.startTime > input.startTime);
        if (input && done) return [done.startTime - input.startTime, result ? result.startTime - input.startTime : NaN];
        if (performance.now() - t0 > 10_000) return [NaN, NaN];
        await new Promise((r) => setTimeout(r, 2));
      }
    }, plotId);
    updates.push(ms[0]);
    toResult.push(ms[1]);
    // a single move ends when the panel has settled (deferred overlays and refinements drawn), so
    // one move's follow-up work is not timed as part of the next
    await page.locator(`[data-testid=panel-${plotId}][data-settled=true]`).waitFor({ timeout: 60_000 });
  }
  // a continuous drag: longest main-thread task
  await page.evaluate(() => ((window as unknown as { __long: number[] }).__long = []));
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 30 });
  await page.mouse.up();
  await page.waitForTimeout(800);
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  return { medianUpdateMs: median(updates), medianResultMs: median(toResult), longestTaskMs: long.length ? Math.max(...long) : 0, longTasks: long.length };
}

/**
 * Fig. 4 (issue 12): a γ_C slider move → first redraw (the coarse preview) and → the full result
 * drawn (data-settled); then a continuous drag: how many redraws the user sees while dragging.
 */
async function measureFig4(page: Page) {
  await page.goto(`http://127.0.0.1:${PORT}/?view=fig4&d=5&dissipator=flat&gammaI=1&gammaC=0.2&V=1`);
  await page.locator('[data-testid=panel-fig4][data-settled=true]').waitFor({ timeout: 120_000 });
  const box = (await page.getByTestId('slider-gammaC').boundingBox())!;
  const y = box.y + box.height / 2;
  const first: number[] = [], full: number[] = [];
  for (let k = 0; k < 4; k++) {
    await page.evaluate(() => performance.clearMarks());
    await page.mouse.click(box.x + box.width * (0.08 + 0.03 * k), y);
    const t = await page.evaluate(async () => {
      const t0 = performance.now();
      let firstAt = NaN;
      for (;;) {
        const input = performance.getEntriesByName('input')[0];
        const done = input && performance.getEntriesByName('plotted:fig4').find((m) => m.startTime > input.startTime);
        if (done && Number.isNaN(firstAt)) firstAt = done.startTime - input.startTime;
        if (done && document.querySelector('[data-testid=panel-fig4][data-settled=true]')) return [firstAt, performance.now() - input.startTime];
        if (performance.now() - t0 > 60_000) return [firstAt, NaN];
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    first.push(t[0]);
    full.push(t[1]);
  }
  await page.evaluate(() => { performance.clearMarks(); (window as unknown as { __long: number[] }).__long = []; });
  await page.mouse.move(box.x + box.width * 0.05, y);
  await page.mouse.down();
  const t0 = Date.now();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 60 });
  await page.mouse.up();
  const dragMs = Date.now() - t0;
  const redraws = await page.evaluate(() => performance.getEntriesByName('plotted:fig4').length);
  await page.locator('[data-testid=panel-fig4][data-settled=true]').waitFor({ timeout: 120_000 });
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  return { firstMs: median(first), fullMs: median(full), dragMs, redraws, longestTaskMs: long.length ? Math.max(...long) : 0 };
}

function computeOnly(d: number): { fig3Ms: number; fig2Ms: number } {
  const p = makeParams({ d, dissipator: 'flat', gammaI: 0.5, gammaC: 1, V: 1 });
  fig3Data({ params: p, count: 20, seed: 1, tEndScaled: 50, samples: 400, rtol: 1e-6 }); // warm up the JIT
  const t: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fig3Data({ params: { ...p, gammaC: 1 + 0.01 * i }, count: 20, seed: 1, tEndScaled: 50, samples: 400, rtol: 1e-6 });
    t.push(performance.now() - t0);
  }
  const t2: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fig2Data({ gammaI: 0.5, gammaC: 1 + 0.01 * i, V: 1, projection: 'plane' });
    t2.push(performance.now() - t0);
  }
  return { fig3Ms: median(t), fig2Ms: median(t2) };
}

async function main() {
  if (!exe) {
    console.log('ui bench skipped: no Chromium (run scripts/ensure-chromium.mjs)');
    return;
  }
  if (!existsSync(`${OUT_DIR.startsWith('/') ? OUT_DIR : `${root}/${OUT_DIR}`}/index.html`)) {
    console.log('building the site (npx vite build)…');
    await new Promise<void>((res, rej) => spawn('npx', ['vite', 'build', '--outDir', OUT_DIR], { cwd: root, stdio: 'ignore' }).on('exit', (c) => (c === 0 ? res() : rej(new Error('build failed')))));
  }
  const srv = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--outDir', OUT_DIR], { cwd: root, stdio: 'ignore', detached: true });
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    console.log('\n== Live views (issue 3): slider move → redrawn plot, in headless Chromium (software rendering) ==');
    console.log('view   d  update(median ms)  of which worker round trip (ms)  longest main-thread task while dragging (ms)  worker compute alone (ms, Node)  compute/update');
    for (const d of [2, 4, 7]) {
      const c = computeOnly(d);
      const f3 = await measureView(page, `view=fig3&d=${d}&dissipator=flat&gammaI=0.5&gammaC=1&V=1`, 'fig3', 'slider-gammaC');
      console.log(`fig3   ${d}  ${f3.medianUpdateMs.toFixed(0).padStart(8)}           ${f3.medianResultMs.toFixed(0).padStart(8)}                        ${f3.longestTaskMs.toFixed(0).padStart(8)} (${f3.longTasks} long tasks)                  ${c.fig3Ms.toFixed(1).padStart(8)}              ${(c.fig3Ms / f3.medianUpdateMs).toFixed(2)}`);
      if (d === 2) {
        const f2 = await measureView(page, 'view=fig2&gammaI=0.5&gammaC=1&V=1', 'fig2', 'slider-gammaC');
        console.log(`fig2   2  ${f2.medianUpdateMs.toFixed(0).padStart(8)}           ${f2.medianResultMs.toFixed(0).padStart(8)}                        ${f2.longestTaskMs.toFixed(0).padStart(8)} (${f2.longTasks} long tasks)                  ${c.fig2Ms.toFixed(1).padStart(8)}              ${(c.fig2Ms / f2.medianUpdateMs).toFixed(2)}`);
      }
    }
    console.log('update = slider input event → Plotly.react resolved (user-timing marks). Goal: < 50 ms for d ≤ 4.');
    const f4 = await measureFig4(page);
    console.log(`\nfig4 (d = 2..7, both dissipators) γ_C move → first redraw ${f4.firstMs.toFixed(0)} ms, → full result drawn ${f4.fullMs.toFixed(0)} ms (median of 4);`);
    console.log(`     a ${f4.dragMs} ms drag → ${f4.redraws} redraws while dragging; longest main-thread task ${f4.longestTaskMs.toFixed(0)} ms`);
    const load = (await import('node:os')).loadavg();
    console.log(`machine load average (1, 5, 15 min): ${load.map((x) => x.toFixed(1)).join(', ')} on ${(await import('node:os')).cpus().length} cores`);
    await browser.close();
  } finally {
    try { process.kill(-srv.pid!); } catch { /* already gone */ }
  }
}

await main();
