/** Browser downloads for exported data (CSV/JSON). */
import { currentState, useStore } from '../state/store.ts';
import { APP_VERSION, exportStamp } from './cite.ts';

export function downloadText(filename: string, text: string, mime: string): void {
  const blob = new Blob([text], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * CSV from a header and rows; numbers written with full precision. In the page, the first comment
 * lines are the explorer's stamp (version, the parameters in the explorer's vocabulary) and the
 * link that restores the view.
 */
export function toCsv(header: string[], rows: Array<Array<number | string>>, comments: string[] = []): string {
  if (typeof window !== 'undefined' && window.location) comments = [exportStamp(currentState(useStore.getState())), `link: ${window.location.href}`, ...comments];
  const esc = (v: number | string) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [...comments.map((c) => `# ${c}`), header.map(esc).join(','), ...rows.map((r) => r.map(esc).join(','))].join('\n') + '\n';
}

/**
 * JSON with typed arrays as plain arrays. In the page, an object gets a leading `explorer` entry
 * as the CSV's comment lines: the version, the stamp (the parameters in the explorer's
 * vocabulary) and the link that restores the view.
 */
export function toJson(value: unknown): string {
  const inPage = typeof window !== 'undefined' && window.location && value !== null && typeof value === 'object' && !Array.isArray(value);
  const v = inPage ? { explorer: { version: APP_VERSION, stamp: exportStamp(currentState(useStore.getState())), link: window.location.href }, ...(value as object) } : value;
  return JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x), 1);
}
