import { describe, expect, it } from 'vitest';
import { keepConjugatePairs } from '../../src/compute/liouvillianClient.ts';
import type { SpectrumReply } from '../../src/contracts/exact.ts';

const reply = (ev: Array<[number, number]>): SpectrumReply => ({
  sector: '+1,-1', dim: 50, method: 'dense', sigma: 0,
  re: Float64Array.from(ev, (e) => e[0]), im: Float64Array.from(ev, (e) => e[1]),
  residual: new Float64Array(ev.length), errorBound: new Float64Array(ev.length).fill(NaN), converged: new Uint8Array(ev.length).fill(1),
});
const pairs = (r: SpectrumReply) => Array.from(r.re, (re, i) => [re, r.im[i]]);

describe('keepConjugatePairs', () => {
  // (N, d) = (4, 3), (γ_I, γ_C, V) = (1, 0.4, 1), sector (+1,−1): the sixth and seventh form a pair
  const ev: Array<[number, number]> = [[-1.551, 0], [-1.853, -0.591], [-1.853, 0.591], [-2.762, -0.23], [-2.762, 0.23], [-3.11, -1.793], [-3.11, 1.793], [-3.215, -0.97]];
  it('completes a pair cut at k', () => {
    expect(pairs(keepConjugatePairs(reply(ev), 6))).toEqual(ev.slice(0, 7));
  });
  it('drops a complex eigenvalue whose partner is not in the list', () => {
    expect(pairs(keepConjugatePairs(reply(ev), 8))).toEqual(ev.slice(0, 7));
  });
  it('keeps exactly k when no pair straddles the cut', () => {
    expect(pairs(keepConjugatePairs(reply(ev), 5))).toEqual(ev.slice(0, 5));
    expect(pairs(keepConjugatePairs(reply(ev), 1))).toEqual(ev.slice(0, 1));
  });
});
