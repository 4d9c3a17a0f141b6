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

/**
 * CPU milliseconds of the browser's Web Worker threads (threads named "DedicatedWorker" in any
 * process descending from this one), read from /proc/<pid>/task/<tid>/stat; null off Linux.
 * Terminated workers' threads disappear, so this measures what the live workers still use.
 */
export function workerThreadsCpuMs(root = process.pid): number | null {
  if (!existsSync('/proc/self/task')) return null;
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid)) continue;
    const st = stat(pid);
    if (st) parent.set(pid, st.ppid);
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid) ?? 0, hops = 0;
    while (p > 1 && p !== root && hops++ < 32) p = parent.get(p) ?? 0;
    if (p !== root) continue;
    let tids: string[] = [];
    try { tids = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tids) {
      try {
        const s = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (!s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')).startsWith('DedicatedWorker')) continue;
        const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
        total += (Number(rest[11]) + Number(rest[12])) * TICK_MS;
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }
  return total;
}

/**
 * Samples the CPU of the browser's worker threads every `stepMs` in the background (the test
 * process stays free to drive the page meanwhile). `idleFrom(t)` answers when, at or after the
 * wall-clock time `t` (Date.now()), the workers stopped computing: the start of the first
 * `windowMs` window over which they used less than `maxCore` of a core — a window, not one
 * sample, since /proc counts 10 ms ticks and one short sample of a thread on a loaded core can
 * read 0. Linux only (check workerThreadsCpuMs() !== null first).
 */
export class WorkerCpuSampler {
  private samples: Array<{ t: number; used: number }> = [];
  private timer: ReturnType<typeof setInterval>;
  private prev: number;
  private used = 0;
  constructor(private readonly stepMs = 50) {
    this.prev = workerThreadsCpuMs() ?? 0;
    this.samples.push({ t: Date.now(), used: 0 });
    this.timer = setInterval(() => {
      const now = workerThreadsCpuMs() ?? this.prev;
      // a thread that ends drops out of the sum: count growth only
      this.used += Math.max(0, now - this.prev);
      this.prev = now;
      this.samples.push({ t: Date.now(), used: this.used });
    }, stepMs);
  }

  /** Waits (up to `limitMs` after `t`) for an idle window starting at or after `t`; its start time, or null. */
  async idleFrom(t: number, maxCore = 0.1, windowMs = 300, limitMs = 10_000): Promise<number | null> {
    for (;;) {
      const s = this.samples;
      for (let i = 0; i < s.length; i++) {
        if (s[i].t < t - this.stepMs) continue;
        const j = s.findIndex((x) => x.t - s[i].t >= windowMs);
        if (j < 0) break;
        if ((s[j].used - s[i].used) / (s[j].t - s[i].t) < maxCore) return s[i].t;
      }
      if (Date.now() - t > limitMs + windowMs) return null;
      await new Promise((r) => setTimeout(r, this.stepMs));
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
