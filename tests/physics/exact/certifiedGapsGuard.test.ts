/**
 * Certified gaps only come from the exact path (issue 13): the size guard that refuses what
 * clearly cannot run, its flop estimate against the factorisation of the real sector matrices,
 * the per-sector skip of the (uncertifiable) fallback, and the CLI's stderr progress.
 */
import { describe, expect, it } from 'vitest';
import { blockLuFlops, checkCertifiedGaps } from '../../../src/physics/exact/memory.ts';
import { buildPiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { SECTOR_LABELS, parseSector } from '../../../src/physics/exact/sectors.ts';
import { blockTridiagonalLuFlops, blockTridiagonalPartition } from '../../../src/linalg/blockTridiagonalLu.ts';
import { makeParams } from '../../../src/physics/model/model.ts';
import { gaps, sectorSpectrum } from '../../../src/physics/exact/spectrum.ts';
import { stderrProgress } from '../../../cli/progress.ts';

const P = makeParams({ d: 3, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1 });

describe('size guard for certified gaps', () => {
  it('blockLuFlops from level counts never exceeds the factorisation flops of the largest built sector, and approaches it', () => {
    // (−1, ±1) hold exactly half of each odd level, so their estimate is exact; (+1, +1) holds more
    // than half of each even level (the elements fixed by the Π2 pairing), (+1, −1) less, so the
    // estimate for the largest sector is low by the self-paired fraction, which shrinks with N, d.
    for (const [N, d, lo] of [[4, 3, 0.6], [12, 2, 0.6], [6, 3, 0.8], [4, 4, 0.85]]) {
      const b = buildPiBasis(N, d);
      const p = makeParams({ d, dissipator: 'spin', gammaI: 1.8, gammaC: 0.2, V: 1 });
      let actualMax = 0, estMax = 0;
      for (const label of SECTOR_LABELS) {
        const spec = parseSector(label);
        const actual = blockTridiagonalLuFlops(blockTridiagonalPartition(buildSectorLiouvillian(b, p, spec).matrix));
        const est = blockLuFlops(N, d, spec);
        if (spec.p1 === -1) expect(est / actual, `${N},${d} ${label}`).toBeCloseTo(1, 12);
        actualMax = Math.max(actualMax, actual); estMax = Math.max(estMax, est);
      }
      expect(estMax / actualMax, `${N},${d}`).toBeLessThanOrEqual(1 + 1e-12);
      expect(estMax / actualMax, `${N},${d}`).toBeGreaterThan(lo);
    }
  }, 60_000);

  it("refuses the paper's Fig. 6(a) systems with the figures, and passes what runs", () => {
    expect(() => checkCertifiedGaps(9, 4, {})).toThrow(/N=9, d=4: certified gaps need the exact block LU: an estimated 18\d\.\d\d GiB per sector, above the memory budget of 4\.00 GiB \(--budgetGiB\).*cannot certify a gap/);
    expect(() => checkCertifiedGaps(18, 3, {})).toThrow(/N=18, d=3: .*GiB per sector.*--maxFactorGFlop/);
    // Fig. 5 at the paper's size: memory fits, the default flop limit does not
    expect(() => checkCertifiedGaps(5, 5, {})).toThrow(/^N=5, d=5: certified gaps need the exact block LU: 42\d\d GFlop per factorisation, above the limit of 100 GFlop \(--maxFactorGFlop\)/);
    expect(() => checkCertifiedGaps(5, 5, { maxFactorFlops: 5e12 })).not.toThrow();
    expect(() => checkCertifiedGaps(4, 4, {})).not.toThrow();
    expect(() => checkCertifiedGaps(40, 2, {})).not.toThrow();
    // a budget just too small (beyond the 25 % slack) is refused
    expect(() => checkCertifiedGaps(4, 4, { budgetBytes: 1e5 })).toThrow(/above the memory budget/);
  });

  it('a sector whose factorisation is above the limit is skipped (no fallback), the others certified', () => {
    const N = 6; // (6, 3): sectors ≈ 700, above the dense limit
    const b = buildPiBasis(N, 3);
    const L = buildSectorLiouvillian(b, P, { p1: -1, p2: 1 });
    const flops = blockTridiagonalLuFlops(blockTridiagonalPartition(L.matrix));
    const skipped = sectorSpectrum(L.matrix, { k: 1, maxFactorFlops: flops / 1.1, exactOnly: true });
    expect(skipped.eigenvalues).toEqual([]);
    expect(skipped.solver).toBe('none');
    expect(skipped.notes.join(' ')).toMatch(/flops per shift > .*: not computed \(the ILUT \+ GMRES fallback cannot certify\)/);
    // the same sector with the limit above its factorisation is certified
    const done = sectorSpectrum(L.matrix, { k: 1, maxFactorFlops: flops * 1.1, exactOnly: true });
    expect(done.solver).toBe('block-lu');
    expect(done.eigenvalues[0].certified).toBe(true);
    // gaps(): a limit between the sectors' flops (within the guard's slack) nulls exactly those above it
    const perSector = SECTOR_LABELS.map((l) => blockTridiagonalLuFlops(blockTridiagonalPartition(buildSectorLiouvillian(b, P, parseSector(l)).matrix)));
    const limit = Math.min(...perSector) * 1.0001;
    const g = gaps(N, P, { maxFactorFlops: limit });
    SECTOR_LABELS.forEach((l, i) => {
      if (perSector[i] > limit) expect(g.gaps[l], l).toBeNull();
      else expect(g.gaps[l], l).toBeGreaterThan(0);
    });
    expect(g.notes.some((n) => /not computed/.test(n))).toBe(perSector.some((f) => f > limit));
  }, 120_000);
});

describe('CLI progress on stderr', () => {
  it('prints nothing before the interval, then stage, fraction, elapsed and a stage ETA', () => {
    let t = 0;
    const lines: string[] = [];
    const pr = stderrProgress('gaps', { intervalMs: 5000, now: () => t, write: (l) => lines.push(l) });
    pr.part('sector +1,+1');
    pr.report('build', 0);
    t = 1000; pr.report('build', 1);
    expect(lines).toEqual([]);
    t = 2000; pr.report('factorise', 0);
    t = 6000; pr.report('factorise', 0.4); // 4 s into the stage, 40 % → 6 s left
    expect(lines).toEqual(['gaps sector +1,+1: factorise 40 %, 6.0 s elapsed, stage ETA 6.0 s\n']);
    t = 7000; pr.report('factorise', 0.5);
    expect(lines).toHaveLength(1);
    t = 12000; pr.report('iterate', 0.02); // new stage, too early for an ETA
    expect(lines[1]).toBe('gaps sector +1,+1: iterate 2 %, 12.0 s elapsed\n');
  });
});
