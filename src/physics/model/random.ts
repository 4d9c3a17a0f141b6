/**
 * Seeded randomness for reproducible, shareable initial states (the same seed gives the same
 * states in every browser, in Node and in the CLI).
 */

/** mulberry32: a small 32-bit PRNG; returns uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` directions uniformly distributed on the unit sphere, as (θ, φ) pairs. They define
 * the random initial states "of maximal spin length" of Fig. 3 (spin-coherent product states),
 * independent of d, so the same directions are used for every d and every parameter value.
 */
export function randomDirections(seed: number, count: number): { theta: Float64Array; phi: Float64Array } {
  const r = mulberry32(seed);
  const theta = new Float64Array(count), phi = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    theta[i] = Math.acos(1 - 2 * r());
    phi[i] = 2 * Math.PI * r();
  }
  return { theta, phi };
}
