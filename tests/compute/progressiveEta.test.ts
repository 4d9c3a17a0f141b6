/**
 * The progressive maps' time estimate (progressiveEtaMs, src/compute/finiteClient.ts): a cheap
 * job's cold first task must not multiply the estimate of the expensive jobs (Fig. 8 announced
 * ≈ 24 min for a map that took 35 s), a job's own measured rate wins over the model, and the
 * calibration from warm jobs carries over to jobs not measured yet.
 */
import { describe, expect, it } from 'vitest';
import { progressiveEtaMs, type TaskRates } from '../../src/compute/finiteClient.ts';

const none: TaskRates = { firstMs: 0, firstN: 0, ms: 0, n: 0 };

describe('progressiveEtaMs', () => {
  it('before anything is measured it is the model: Σ left × model / pool', () => {
    expect(progressiveEtaMs([8, 200], [none, none], [100, 100], 2)).toBeCloseTo((800 + 20_000) / 2, 9);
  });

  it('a cold first task (worker start-up) of a cheap job moves the others by at most 5×', () => {
    // (5, 2): model 8 ms per point, its first task of 8 points took 2.4 s (300 ms per point)
    const eta = progressiveEtaMs([8, 200], [{ firstMs: 2400, firstN: 8, ms: 0, n: 0 }, none], [92, 100], 2);
    const uncapped = (92 * 300 + 100 * 200 * (300 / 8)) / 2;
    expect(eta).toBeCloseTo((92 * 300 + 100 * 200 * 5) / 2, 9);
    expect(eta).toBeLessThan(uncapped / 5);
  });

  it('warm tasks calibrate the jobs not measured yet and replace their own first-task rate', () => {
    // job 0 warm at 2× its model; job 1 only its first task; job 2 unmeasured
    const rates: TaskRates[] = [{ firstMs: 2400, firstN: 8, ms: 16 * 16, n: 16 }, { firstMs: 4000, firstN: 8, ms: 0, n: 0 }, none];
    const eta = progressiveEtaMs([8, 100, 50], rates, [10, 20, 30], 1);
    expect(eta).toBeCloseTo(10 * 16 + 20 * 500 + 30 * 50 * 2, 9);
  });
});
