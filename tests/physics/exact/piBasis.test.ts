import { describe, expect, it } from 'vitest';
import { buildPiBasis, multiplicity, piDimension, rankOcc, transposeRank } from '../../../src/physics/exact/piBasis.ts';
import { sectorDimensions, buildSectorBasis } from '../../../src/physics/exact/sectors.ts';
import { refPIDimension, refSectorDimensions } from '../../reference/denseLindblad.ts';

function binom(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

describe('PI basis', () => {
  it('has dimension C(N+d²−1, N) and ranks every occupation vector bijectively', () => {
    for (const [N, d] of [[1, 2], [3, 2], [4, 3], [3, 4], [2, 5]]) {
      const b = buildPiBasis(N, d);
      expect(b.dim).toBe(binom(N + d * d - 1, N));
      expect(piDimension(N, d)).toBe(b.dim);
      const seen = new Set<string>();
      for (let r = 0; r < b.dim; r++) {
        const n = Array.from(b.occ.subarray(r * b.D, (r + 1) * b.D));
        expect(n.reduce((s, v) => s + v, 0)).toBe(N);
        expect(rankOcc(b, n)).toBe(r);
        seen.add(n.join(','));
      }
      expect(seen.size).toBe(b.dim);
    }
  });

  it('agrees with the naive symmetriser on the PI dimension', () => {
    expect(buildPiBasis(3, 2).dim).toBe(refPIDimension(3, 2));
    expect(buildPiBasis(2, 3).dim).toBe(refPIDimension(2, 3));
  });

  it('multiplicities of the all-diagonal elements sum to Tr 1 = d^N', () => {
    for (const [N, d] of [[4, 2], [3, 3], [5, 4]]) {
      const b = buildPiBasis(N, d);
      let s = 0;
      for (let r = 0; r < b.dim; r++) {
        let diag = true;
        for (let p = 0; p < b.D; p++) if (b.occ[r * b.D + p] && ((p / d) | 0) !== p % d) diag = false;
        if (diag) s += multiplicity(b, r);
      }
      expect(s).toBe(Math.pow(d, N));
    }
  });

  it('transposition is an involution', () => {
    const b = buildPiBasis(3, 3);
    const sc = new Int32Array(b.D);
    for (let r = 0; r < b.dim; r++) {
      const t = transposeRank(b, r, sc);
      expect(transposeRank(b, t, sc)).toBe(r);
    }
  });
});

describe('Z2×Z2 sector dimensions', () => {
  it('match the rank of the sector projectors of the naive reference', () => {
    for (const [N, d] of [[2, 2], [3, 2], [4, 2], [2, 3], [3, 3], [2, 4]]) {
      expect(sectorDimensions(buildPiBasis(N, d))).toEqual(refSectorDimensions(N, d));
    }
  });

  it('reproduce the exact dimensions quoted in Section IV and under Figs. 7 and 8', () => {
    expect(sectorDimensions(buildPiBasis(150, 2))).toEqual({ '+1,+1': 149226, '+1,-1': 143450, '-1,+1': 146300, '-1,-1': 146300 });
    expect(sectorDimensions(buildPiBasis(6, 5))).toEqual({ '+1,+1': 149535, '+1,-1': 147580, '-1,+1': 148330, '-1,-1': 148330 });
    expect(sectorDimensions(buildPiBasis(5, 5))['+1,+1']).toBe(30087);
    expect(sectorDimensions(buildPiBasis(7, 4))['+1,+1']).toBe(43186);
  });

  it('sector bases partition the PI space and are ordered by E', () => {
    const b = buildPiBasis(3, 3);
    const dims = sectorDimensions(b);
    let total = 0;
    for (const [p1, p2] of [[1, 1], [1, -1], [-1, 1], [-1, -1]] as const) {
      const s = buildSectorBasis(b, { p1, p2 });
      expect(s.dim).toBe(dims[`${p1 > 0 ? '+1' : '-1'},${p2 > 0 ? '+1' : '-1'}` as keyof typeof dims]);
      for (let i = 1; i < s.dim; i++) expect(s.level[i]).toBeGreaterThanOrEqual(s.level[i - 1]);
      for (let i = 0; i < s.dim; i++) expect(s.level[i] % 2).toBe(p1 > 0 ? 0 : 1);
      total += s.dim;
    }
    expect(total).toBe(b.dim);
  });
});
