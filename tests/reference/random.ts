/**
 * Deterministic pseudo-random numbers for tests (one copy instead of one per test file).
 * `lcg`: the 32-bit linear congruential generator of Numerical Recipes (a = 1664525,
 * c = 1013904223), uniform in [0, 1); `centred` shifts any generator to [−½, ½).
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** The same stream shifted to [−½, ½). */
export function centred(r: () => number): () => number {
  return () => r() - 0.5;
}
