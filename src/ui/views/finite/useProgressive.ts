/**
 * Runs a set of grids coarse-to-fine (src/compute/finiteClient.ts runProgressive) whenever `key`
 * changes, and cancels the stale run at once (no grace period: a new N, d or dissipator frees the
 * workers immediately). The returned update belongs to the current key only: a view never draws
 * the grids of other parameters.
 */
import { useEffect, useRef, useState } from 'react';
import { runProgressive, type GridJob, type ProgressiveRun, type ProgressiveUpdate } from '../../../compute/finiteClient.ts';

export interface Progressive {
  /** The latest update for the current key (null before the first one). */
  u: ProgressiveUpdate | null;
  cancelled: boolean;
  /** Work still owed for the current key (not finished, not cancelled). */
  running: boolean;
  cancel: () => void;
  restart: () => void;
}

export function useProgressive(key: string, make: () => GridJob[] | null, enabled = true): Progressive {
  const [st, setSt] = useState<{ key: string; u: ProgressiveUpdate | null; cancelled: boolean }>({ key: '', u: null, cancelled: false });
  const run = useRef<ProgressiveRun | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const jobs = make();
    if (!jobs || jobs.length === 0) return;
    let live = true;
    const r = runProgressive(jobs, (u) => { if (live) setSt({ key, u, cancelled: false }); });
    run.current = r;
    return () => {
      live = false;
      r.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled, nonce]);
  const mine = st.key === key;
  const u = mine ? st.u : null;
  const cancelled = mine && st.cancelled;
  return {
    u,
    cancelled,
    running: enabled && !cancelled && !(u?.finished ?? false),
    cancel: () => {
      run.current?.cancel();
      setSt((s) => ({ key, u: s.key === key ? s.u : null, cancelled: true }));
    },
    restart: () => setNonce((n) => n + 1),
  };
}
