/**
 * Progress of the long single-point commands (steady-state, spectrum, gaps, time-evolve) on
 * stderr, for a terminal or a cluster job's log: one line at most every `intervalMs` (default
 * 5 s, so a command that finishes quickly prints nothing), naming the part (e.g. the sector),
 * the stage (build / factorise / iterate), its fraction, the elapsed time and, once a stage is
 * past 5 %, an ETA for that stage from its own rate. stdout keeps exactly one JSON object.
 */
import type { Stage } from '../src/physics/exact/steadyState.ts';

/** "12.3 s", "4.5 min", "2.1 h"; "?" when unknown. */
export function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 90) return `${s.toFixed(1)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export interface StderrProgress {
  /** The part now running (e.g. "sector -1,+1"); restarts the stage clock. */
  part(name: string): void;
  /** Engine progress callback (ProgressFn). */
  report(stage: Stage, fraction: number): void;
}

/** Progress lines "<command> <part>: <stage> 40 %, 1.2 min elapsed, stage ETA 1.8 min". */
export function stderrProgress(command: string, opts: { intervalMs?: number; write?: (line: string) => void; now?: () => number } = {}): StderrProgress {
  const interval = opts.intervalMs ?? 5000;
  const write = opts.write ?? ((line: string) => { process.stderr.write(line); });
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  let last = t0, part = '', stage = '', stageT0 = t0;
  return {
    part(name) { part = name; stage = ''; },
    report(s, f) {
      const t = now();
      if (s !== stage) { stage = s; stageT0 = t; }
      if (t - last < interval) return;
      last = t;
      const inStage = (t - stageT0) / 1000;
      const eta = f > 0.05 && f < 1 ? `, stage ETA ${duration((inStage * (1 - f)) / f)}` : '';
      write(`${command}${part ? ` ${part}` : ''}: ${s} ${Math.round(100 * f)} %, ${duration((t - t0) / 1000)} elapsed${eta}\n`);
    },
  };
}
