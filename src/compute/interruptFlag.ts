/**
 * The page's side of cooperative interruption (the worker's side is src/linalg/interrupt.ts).
 *
 * `Worker.terminate()` in Chromium lets a worker that is inside a long synchronous computation
 * run on for up to two seconds (Blink's forcible-termination delay), so a cancelled map would
 * keep a core busy that long. Every worker of the explorer therefore gets, when spawned, a flag
 * in shared memory; to stop it the page sets the flag and then terminates it: the computation
 * throws at its next checkpoint (≲ 10 ms of work away), returns to the worker's event loop, and
 * the termination completes at once.
 *
 * Shared memory needs a cross-origin-isolated page (COOP `same-origin` + COEP `require-corp`,
 * set by vite.config.ts for `npm run dev` and `vite preview`; a static host must send the same
 * two headers). Without it {@link newInterruptFlag} returns null and stopping falls back to
 * terminate() alone.
 */

/** Whether this page can share memory with its workers (cross-origin isolated). */
export function canInterrupt(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** A fresh flag (Int32Array of length 1 over a SharedArrayBuffer, 0 = run), or null when memory cannot be shared. */
export function newInterruptFlag(): Int32Array | null {
  return canInterrupt() ? new Int32Array(new SharedArrayBuffer(4)) : null;
}

/** A worker API that accepts an interrupt flag (every worker of workers/ exposes this). */
export interface Interruptible {
  interruptOn(flag: Int32Array): void;
}

/**
 * Gives a freshly spawned worker its flag (the message is queued before any job's, so it is
 * installed before the first computation starts) and returns the function that stops the worker:
 * raise the flag, then terminate.
 */
export function armInterrupt(worker: Worker, api: { interruptOn(flag: Int32Array): unknown }): () => void {
  const flag = newInterruptFlag();
  if (flag) void Promise.resolve(api.interruptOn(flag)).catch(() => {});
  return () => {
    if (flag) Atomics.store(flag, 0, 1);
    worker.terminate();
  };
}
