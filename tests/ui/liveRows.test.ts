/**
 * distinctLiveRows (src/ui/views/finite/liveSize.tsx): the live sizes of the Figs. 7/8 grids keep
 * rows of different paper N at different N, so that the two rows never show the same system.
 */
import { describe, expect, it } from 'vitest';
import { distinctLiveRows } from '../../src/ui/views/finite/liveSize.tsx';

const at = (cells: ReturnType<typeof distinctLiveRows>, paperN: number, d: number) => cells.find((c) => c.paperN === paperN && c.d === d)!.N;

describe('distinctLiveRows', () => {
  // a live-size rule as the cost model gives at 10×10 points: d ≤ 3 in full, d = 4 → 4, d = 5 → 3
  const live = (N: number, d: number) => (d <= 3 ? N : d === 4 ? Math.min(N, 4) : Math.min(N, 3));

  it('reduces the smaller row below the larger one where both would be the same N', () => {
    const cells = distinctLiveRows([5, 7], [2, 3, 4, 5], () => false, live);
    expect(cells.map((c) => [c.paperN, c.d, c.N])).toEqual([
      [5, 2, 5], [5, 3, 5], [5, 4, 3], [5, 5, 2],
      [7, 2, 7], [7, 3, 7], [7, 4, 4], [7, 5, 3],
    ]);
  });

  it('never goes below N = 2, and leaves cells computed at the paper size alone', () => {
    expect(distinctLiveRows([5, 7], [5], () => false, () => 2).map((c) => c.N)).toEqual([2, 2]);
    // paper size on, but (7, 5) is not in the paper and stays live: (5, 5) is the paper's N = 5
    const full = (N: number, d: number) => !(N === 7 && d === 5);
    expect(distinctLiveRows([5, 7], [4, 5], full, live).map((c) => [c.paperN, c.d, c.N])).toEqual([[5, 4, 5], [5, 5, 5], [7, 4, 7], [7, 5, 3]]);
  });
});
