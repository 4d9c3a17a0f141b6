/**
 * Runs a worker request whenever its key changes and keeps the last good result on screen while
 * the next one computes (so dragging never blanks a plot). Superseded results are dropped.
 */
import { useEffect, useState } from 'react';

/**
 * The value, once it has stopped changing for `ms` milliseconds (for secondary work while dragging).
 * Compare the result with the input (`settledValue === value`) to know whether work is still owed.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
import { SUPERSEDED, type Superseded } from '../compute/latestJob.ts';

export interface JobState<T> {
  result: T | null;
  error: string | null;
  busy: boolean;
  progress: number | null;
  /** Milliseconds from request to result of the last completed job. */
  elapsed: number | null;
  /** The key whose job finished last (result or error); `busy` is true until it equals the current key. */
  doneKey?: string | null;
  /** The key the shown `result` was computed for (it stays on screen while a newer key computes or fails). */
  resultKey?: string | null;
}

export function useJob<T>(
  key: string,
  run: (onProgress: (f: number) => void) => Promise<T | Superseded>,
  validate?: (r: T) => string | null,
): JobState<T> {
  const [state, setState] = useState<JobState<T>>({ result: null, error: null, busy: false, progress: null, elapsed: null, doneKey: null });
  useEffect(() => {
    let live = true;
    const t0 = performance.now();
    setState((s) => ({ ...s, progress: null }));
    run((f) => live && setState((s) => ({ ...s, progress: f }))).then(
      (r) => {
        if (!live || r === SUPERSEDED) return;
        performance.mark('result'); // read by bench/ui.bench.ts (input → result → plotted)
        const bad = validate?.(r as T) ?? null;
        if (bad) setState((s) => ({ ...s, error: bad, progress: null, doneKey: key }));
        else setState({ result: r as T, error: null, busy: false, progress: null, elapsed: performance.now() - t0, doneKey: key, resultKey: key });
      },
      (e: unknown) => {
        if (!live) return;
        setState((s) => ({ ...s, progress: null, error: e instanceof Error ? e.message : String(e), doneKey: key }));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // busy is derived from the key, not set in an effect: on the render where the key changes the
  // job is already busy, so a view never looks settled between a parameter change and its job
  return { ...state, busy: state.doneKey !== key };
}

/** True when every entry is a finite number (guards plots against NaN). */
export function allFinite(...arrays: ArrayLike<number>[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
