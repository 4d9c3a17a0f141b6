/**
 * Load benchmark (issue 10): on the preview server (the production build), the time from
 * navigation to the first paint of the shell (header, parameter panel: First Contentful Paint and
 * the app's 'shell' user-timing mark), and to the first settled plot (Plotly and the view loaded
 * lazily, the worker's result drawn). Each run in a fresh browser context (cold cache). Goal:
 * shell painted in under 0.5 s. Reported, not asserted.
 * Needs a built site (`npx vite build`, or BENCH_OUTDIR) and Chromium; `npm run bench -- load`.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 4397);
const OUT = process.env.BENCH_OUTDIR ?? 'dist';
const outPath = OUT.startsWith('/') ? OUT : `${root}/${OUT}`;
const RUNS = 7;
const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function waitForServer(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`preview server at ${url} did not start`);
}

async function main() {
  if (!exe) {
    console.log('load bench skipped: no Chromium (run scripts/ensure-chromium.mjs)');
    return;
  }
  if (!existsSync(`${outPath}/index.html`)) {
    console.log(`building the site (npx vite build --outDir ${OUT})…`);
    await new Promise<void>((res, rej) => spawn('npx', ['vite', 'build', '--outDir', outPath], { cwd: root, stdio: 'inherit' }).on('exit', (c) => (c === 0 ? res() : rej(new Error('build failed')))));
  }
  const srv = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--outDir', outPath], { cwd: root, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}/`;
  try {
    await waitForServer(base);
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    const rows: Array<{ fcp: number; shell: number; plot: number; jsBeforeShell: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      await page.goto(`${base}?view=fig2&gammaI=0.5&gammaC=1.2&V=1`);
      await page.locator('[data-testid=panel-fig2][data-settled=true]').waitFor({ timeout: 60_000 });
      const r = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const shell = performance.getEntriesByName('shell')[0]?.startTime ?? NaN;
        const plot = performance.getEntriesByName('plotted:fig2')[0]?.startTime ?? NaN;
        const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.endsWith('.js') && e.responseEnd <= shell)
          .reduce((s, e) => s + (e.encodedBodySize || e.transferSize), 0);
        return { fcp, shell, plot, jsBeforeShell: js };
      });
      rows.push(r);
      await ctx.close();
    }
    await browser.close();
    const assets = readdirSync(`${outPath}/assets`).filter((f) => f.endsWith('.js'));
    const total = assets.reduce((s, f) => s + statSync(`${outPath}/assets/${f}`).size, 0);
    console.log(`\n== Load (issue 10): preview server, headless Chromium, 1280×720, cold cache, median of ${RUNS} ==`);
    console.log(`first contentful paint (the shell):   ${median(rows.map((r) => r.fcp)).toFixed(0)} ms   (goal < 500 ms)`);
    console.log(`shell mounted ('shell' mark):          ${median(rows.map((r) => r.shell)).toFixed(0)} ms`);
    console.log(`first plot drawn (Fig. 2, settled):    ${median(rows.map((r) => r.plot)).toFixed(0)} ms   (Plotly and the view loaded lazily)`);
    console.log(`JavaScript fetched before the shell:   ${(median(rows.map((r) => r.jsBeforeShell)) / 1024).toFixed(0)} kB of ${(total / 1024).toFixed(0)} kB in the build`);
  } finally {
    try { process.kill(-srv.pid!); } catch { /* already gone */ }
  }
}

await main();
