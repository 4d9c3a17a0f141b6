/**
 * What every browser test needs: the page's errors, and the panels' explicit "settled" signal
 * (src/ui/PlotPanel.tsx: every job the panel shows done for the current parameters and its data
 * drawn). Tests wait on signals, never on time.
 */
import { expect, type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Waits for panel `id` to report data-settled="true". */
export async function settled(page: Page, id: string, timeout = 60_000): Promise<void> {
  await expect(page.locator(`[data-testid=panel-${id}][data-settled=true]`)).toBeVisible({ timeout });
}

/** JSON of the data plotted in panel `id` (the Plotly div carries `.data`). */
export async function plotData(page: Page, id: string): Promise<string> {
  return page.evaluate((pid) => {
    const el = document.querySelector(`[data-testid=plot-${pid}]`) as unknown as (Element & { data?: unknown[] }) | null;
    // a map grid (Figs. 5, 7, 8) draws each panel in a Plotly div of its own
    const cells = [...(el?.querySelectorAll('[data-map-cell]') ?? [])].map((c) => (c as unknown as { data?: unknown[] }).data ?? []);
    return JSON.stringify(el?.data ?? (cells.length ? cells.flat() : null));
  }, id);
}

/** ", map panels redrawn n times, longest x ms" (user timing of src/ui/views/finite/MapGridPanel.tsx), or "". */
export async function mapRedraws(page: Page): Promise<string> {
  const d = await page.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('map-cell:')).map((e) => e.duration));
  return d.length ? `; map panels redrawn ${d.length} times, longest ${Math.max(...d).toFixed(0)} ms, median ${[...d].sort((a, b) => a - b)[Math.floor(d.length / 2)].toFixed(0)} ms` : '';
}

/**
 * Records the page's main-thread long tasks (Long Tasks API, tasks > 50 ms) from its first script
 * on; call before page.goto. Read them with longestTaskSince.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: Array<{ start: number; duration: number }> };
    w.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest long task (ms, 0 if none) that started at or after page time `since` (performance.now()). */
export async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate((t) => Math.max(0, ...(window as unknown as { __long: Array<{ start: number; duration: number }> }).__long.filter((e) => e.start >= t).map((e) => e.duration)), since);
}
