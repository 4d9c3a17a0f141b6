/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * After `vite build`: the size of what the first paint needs (index.html, the entry chunk and its
 * static imports, their CSS) against everything loaded later (views, Plotly, KaTeX, workers).
 */
function initialBundleReport(): Plugin {
  let report: string[] = [];
  return {
    name: 'initial-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const size = (name: string) => {
        const f = bundle[name];
        if (!f) return { raw: 0, gz: 0 };
        const buf = Buffer.from(f.type === 'chunk' ? f.code : typeof f.source === 'string' ? f.source : f.source);
        return { raw: buf.length, gz: gzipSync(buf).length };
      };
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        const f = bundle[name];
        if (!f || f.type !== 'chunk') return;
        initial.add(name);
        for (const css of (f as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []) initial.add(css);
        for (const i of f.imports) visit(i);
      };
      for (const [name, f] of Object.entries(bundle)) if (f.type === 'chunk' && f.isEntry) visit(name);
      if (bundle['index.html']) initial.add('index.html');
      let raw = 0, gz = 0, restRaw = 0;
      for (const name of Object.keys(bundle)) {
        const s = size(name);
        if (initial.has(name)) { raw += s.raw; gz += s.gz; } else if (!name.endsWith('.map')) restRaw += s.raw;
      }
      const kB = (b: number) => `${(b / 1024).toFixed(1)} kB`;
      report = [
        `initial bundle (what the first paint loads: ${[...initial].join(', ')}): ${kB(raw)}, gzip ${kB(gz)}`,
        `loaded on demand (views, Plotly, KaTeX and its fonts; workers separately): ${kB(restRaw)}`,
      ];
    },
    closeBundle() {
      // after Vite's own file list; plain console output so it shows at every log level
      if (report.length) console.log('\n' + report.join('\n'));
    },
  };
}

// Cross-origin isolation (COOP + COEP): lets the page share an interrupt flag with its workers
// (SharedArrayBuffer), so a cancelled computation stops within milliseconds instead of running on
// for Chromium's two-second termination grace (src/compute/interruptFlag.ts). A static host must
// send the same two headers; without them cancelling still works, only slower to free the core.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// base './' so the built site works from any static host or sub-path; workers are
// emitted as ES modules next to the bundle.
export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  plugins: [react(), initialBundleReport()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
