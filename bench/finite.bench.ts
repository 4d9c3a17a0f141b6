/**
 * Progressive finite-N maps in Chromium (issue 12): time from opening the view to the first
 * drawn cell, to the first complete coarse picture (every map's 4×4 level) and to the full map,
 * for a 20 × 20 Fig. 7 purity map at (N, d) = (5, 3) (the single-system map of the finite view)
 * and for the Fig. 5 figure at its live sizes (three rows of (N, d) × four sector gaps, 10 × 10).
 * Each run in a fresh page, so nothing comes from the point cache. Also the measured worker ms
 * per point (to recalibrate the cost model in src/compute/finiteClient.ts).
 * Needs a built site (BENCH_OUTDIR, default dist/; built when missing) and Chromium.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = 4399;
const OUT = process.env.BENCH_OUTDIR ?? `${root}/dist`;
const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

/** Watches a progress line: ms (since navigation) of the first point, the first complete coarse level and the end. */
async function timeline(page: Page, url: string, progressId: string): Promise<{ first: number; coarse: number; full: number; points: number; cores: number }> {
  // a string, not a function: tsx (esbuild keepNames) would inject a __name helper the page lacks
  await page.addInitScript(`
    window.__t = { first: NaN, coarse: NaN, full: NaN, points: 0 };
    setInterval(function () {
      var el = document.querySelector('[data-testid=${progressId}]');
      if (!el) return;
      var now = performance.now(), t = window.__t;
      var done = Number(el.getAttribute('data-done') || 0), level = el.getAttribute('data-level');
      if (done > 0 && isNaN(t.first)) t.first = now;
      if (level && level !== '0' && isNaN(t.coarse)) t.coarse = now;
      if (level === 'full' && isNaN(t.full)) { t.full = now; t.points = done; }
    }, 10); // a bench may poll: 10 ms against seconds
  `);
  await page.goto(`http://127.0.0.1:${PORT}/?${url}`);
  await page.locator(`[data-testid=${progressId}][data-state=done]`).waitFor({ timeout: 1_800_000 });
  const t = await page.evaluate(() => (window as unknown as { __t: { first: number; coarse: number; full: number; points: number } }).__t);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  return { ...t, cores };
}

async function main() {
  if (!exe) {
    console.log('finite bench skipped: no Chromium (run scripts/ensure-chromium.mjs)');
    return;
  }
  if (!existsSync(`${OUT}/index.html`)) {
    console.log(`building the site into ${OUT} (npx vite build)…`);
    await new Promise<void>((res, rej) => spawn('npx', ['vite', 'build', '--outDir', OUT], { cwd: root, stdio: 'ignore' }).on('exit', (c) => (c === 0 ? res() : rej(new Error('build failed')))));
  }
  const srv = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--outDir', OUT], { cwd: root, stdio: 'ignore', detached: true });
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    console.log('\n== Progressive finite-N maps (issue 12), headless Chromium, ms since navigation ==');
    console.log('map                                             points  first cell  coarse 4×4  full map   ms/point (pool)');
    const runs: Array<[string, string, string]> = [
      ['Fig. 7 purity, (N, d) = (5, 3), 20 × 20', 'view=finite&N=5&d=3&dissipator=spin&gammaI=1&gammaC=0.4&V=1&mapRes=20&mapQuantity=purity&mapMin=0.35&mapMax=4', 'map-progress'],
      ['Fig. 5 gaps, live rows, 3 × 4 panels, 10 × 10', 'view=fig5&d=3&dissipator=spin&gammaI=1.8&gammaC=0.2&V=1&mapRes=10', 'fig5-progress'],
    ];
    for (const [name, url, pid] of runs) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t = await timeline(page, url, pid);
      console.log(`${name.padEnd(48)}${String(t.points).padStart(6)}  ${t.first.toFixed(0).padStart(9)}  ${t.coarse.toFixed(0).padStart(10)}  ${t.full.toFixed(0).padStart(8)}   ${((t.full - t.first) * t.cores / Math.max(1, t.points)).toFixed(0).padStart(6)} (${t.cores} workers)`);
      await page.close();
    }
    console.log('first cell = first point drawn; coarse = every grid of the figure has its 4×4 level; full = every point. The finite view also runs the live point (steady state + spectra) on its own workers meanwhile.');
    await browser.close();
  } finally {
    try { process.kill(-srv.pid!); } catch { /* already gone */ }
  }
}

await main();
