/**
 * How many exact-engine workers are busy right now, summed over every client (the sweep pool,
 * the per-sector point pool, the dynamics slot). The UI shows it next to the progress bars, so a
 * user (and the e2e tests) can see that cancel really leaves no worker computing.
 */
const counts = new Map<string, number>();
const listeners = new Set<(busy: number) => void>();

export function busyWorkers(): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}

/** Called by a client whenever its number of busy workers changes. */
export function reportBusy(client: string, busy: number): void {
  if ((counts.get(client) ?? 0) === busy) return;
  counts.set(client, busy);
  const n = busyWorkers();
  for (const l of listeners) l(n);
}

export function onBusyChange(listener: (busy: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
