/**
 * Cooperative interruption of long synchronous computations.
 *
 * A worker that runs a synchronous loop cannot receive messages, and Chromium lets a terminated
 * worker keep running its script for up to two seconds (Blink's forcible-termination delay) —
 * so `Worker.terminate()` alone does not free the core at once. The long loops of the project
 * therefore call {@link checkInterrupt} at coarse checkpoints (a column of a factorisation, a
 * Krylov step, a block, a row chunk, an integrator step). Outside a worker nothing is installed
 * and the call is a null test. A worker installs a check that reads a flag in shared memory
 * (`Atomics.load` on an Int32Array over a SharedArrayBuffer, set by the page before it
 * terminates the worker); the computation then throws {@link Interrupted} at the next checkpoint,
 * the script returns to the event loop and the worker shuts down.
 *
 * Checkpoints should be between ~0.1 ms and ~10 ms of work apart: cheaper ones cost time, rarer
 * ones delay the stop.
 */

/** Thrown at a checkpoint after the computation was interrupted from outside. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

let check: (() => boolean) | null = null;

/**
 * Installs the test run at every checkpoint (null removes it). `test` returns true when the
 * computation must stop; it must be cheap (it runs thousands of times a second).
 */
export function setInterruptCheck(test: (() => boolean) | null): void {
  check = test;
}

/**
 * A checkpoint: throws {@link Interrupted} if the installed test says stop; otherwise returns.
 * @throws Interrupted
 */
export function checkInterrupt(): void {
  if (check !== null && check()) throw new Interrupted();
}

/**
 * Installs a check on a shared flag: the computation stops once `flag[0]` is non-zero.
 * `flag` is an Int32Array of length ≥ 1, over a SharedArrayBuffer when shared between threads.
 */
export function interruptOnFlag(flag: Int32Array): void {
  check = () => Atomics.load(flag, 0) !== 0;
}
