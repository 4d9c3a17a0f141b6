#!/usr/bin/env node
// Finds a Chromium for the browser tests; as root on Debian/Ubuntu it installs the `chromium`
// package when none is present, otherwise it says what to install. Prints the path it found.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].filter(Boolean);
const found = () => candidates.find((p) => existsSync(p));

let path = found();
if (!path) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.error('ensure-chromium: no Chromium found; installing Debian package "chromium" (apt-get)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    path = found();
  }
  if (!path) {
    console.error('ensure-chromium: no Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to its executable.');
    process.exit(1);
  }
}
console.error(`ensure-chromium: using ${path}`);
