/**
 * CPU time of the browser this test process launched (all its descendant processes: browser,
 * renderer with its worker threads, GPU, utility), read from /proc. Lets e2e tests measure
 * whether computation has really stopped (a terminated worker frees its core) instead of
 * trusting the page's own flags. Linux only; returns null elsewhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after "(comm)": state(3) ppid(4) … utime(14) stime(15) → rest[0] is field 3
    return { ppid: Number(rest[1]), cpuMs: (Number(rest[11]) + Number(rest[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Total CPU milliseconds of every live process descending from `root` (default: this process). */
export function descendantCpuMs(root = process.pid): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const procs = new Map<number, { ppid: number; cpuMs: number }>();
  for (const e of readdirSync('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid)) continue;
    const st = stat(pid);
    if (st) procs.set(pid, st);
  }
  let total = 0;
  for (const [pid, st] of procs) {
    if (pid === root) continue;
    let p = st.ppid, hops = 0;
    while (p > 1 && p !== root && hops++ < 32) p = procs.get(p)?.ppid ?? 0;
    if (p === root) total += st.cpuMs;
  }
  return total;
}

/** Fraction of one core the browser used over the next `ms` milliseconds. */
export async function browserLoad(ms: number): Promise<number | null> {
  const a = descendantCpuMs();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  const b = descendantCpuMs();
  if (a === null || b === null) return null;
  return (b - a) / (Date.now() - t0);
}
