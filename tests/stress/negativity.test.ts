/**
 * Stress check of negativity.ts against the dense partial transpose for 1024 < d^N ≤ 4096:
 * (N, d) = (11, 2), (12, 2), (7, 3), (6, 4), (5, 5) — minutes, so it runs only with
 * NEGATIVITY_STRESS=1:
 *     NEGATIVITY_STRESS=1 npx vitest run tests/stress/negativity.test.ts
 * The dense side: ρ from toDenseOperator, the local phase e^{iπ(L(x)−L(y))/4} (asserted to leave a
 * real matrix), the partial transpose on the last ⌊N/2⌋ particles, the two Π1 parity classes
 * (their coupling asserted zero), and the eigenvalues of each dense half (up to 2048) by
 * symmetricEigenvalues' unblocked loop (panel 0; negativity() itself uses the blocked SIMD path)
 * — checked against ml-matrix in tests/physics/exact/negativityParts.test.ts and
 * tests/linalg/hermitianEigenvalues.test.ts;
 * ml-matrix itself needs several minutes per 2048 half. Steady states use the ILUT–GMRES path
 * (both sides see the same ρ, so its stationarity accuracy does not matter).
 */
import { describe, expect, it } from 'vitest';
import { makeParams, type DissipatorKind } from '../../src/physics/model/model.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';
import { type SteadyStateOptions, steadySector, steadyStateOfSector } from '../../src/physics/exact/steadyState.ts';
import { toDenseOperator } from '../../src/physics/exact/observables.ts';
import { symmetricEigenvalues } from '../../src/linalg/hermitianEigenvalues.ts';
import { negativity, piCoefficientsOfSector } from '../../src/physics/exact/negativity.ts';

const CASES: Array<[N: number, d: number, diss: DissipatorKind, gI: number, gC: number, V: number]> = [
  [11, 2, 'spin', 0.5, 0.5, 1],
  [12, 2, 'spin', 0.3, 0.6, -1],
  [7, 3, 'flat', 0.9, 0.35, 1],
  [6, 4, 'spin', 0.5, 0.5, -1],
  [6, 4, 'flat', 1.8, 0.2, 1],
  [5, 5, 'spin', 0.5, 0.5, 1],
  [5, 5, 'flat', 0.4, 1.2, -0.7],
];

describe.skipIf(!process.env.NEGATIVITY_STRESS)('negativity vs dense, 1024 < d^N ≤ 4096 (stress)', () => {
  for (const [N, d, diss, gI, gC, V] of CASES) {
    it(`N=${N} d=${d} ${diss} (${gI}, ${gC}, ${V})`, () => {
      const p = makeParams({ d, dissipator: diss, gammaI: gI, gammaC: gC, V });
      const b = buildPiBasis(N, d);
      const L = buildSectorLiouvillian(b, p, steadySector(p));
      const fast: Record<string, unknown> = { maxFactorFlops: 0 };
      const ss = steadyStateOfSector(b, L, fast as SteadyStateOptions);
      const NA = Math.ceil(N / 2);
      const r = negativity(b, piCoefficientsOfSector(b, L.sector, ss.x), NA);
      const rho = toDenseOperator(b, L.sector, ss.x);
      const n = rho.n, dB = d ** (N - NA);
      const lev = new Int32Array(n);
      for (let x = 0; x < n; x++) { let s = 0; for (let i = 0, y = x; i < N; i++, y = Math.floor(y / d)) s += y % d; lev[x] = s; }
      const ref: number[] = [];
      let maxIm = 0, maxCross = 0;
      for (const par of [0, 1]) {
        const cls: number[] = [];
        for (let x = 0; x < n; x++) if ((lev[x] & 1) === par) cls.push(x);
        const m = cls.length;
        const M = new Float64Array(m * m);
        for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
          const x = cls[i], y = cls[j];
          const xa = Math.floor(x / dB), xb = x % dB, ya = Math.floor(y / dB), yb = y % dB;
          const r1 = xa * dB + yb, c1 = ya * dB + xb; // ρ^{T_B}[x, y] = ρ[r1, c1]
          const ang = (Math.PI * (lev[r1] - lev[c1])) / 4;
          const a = rho.re[r1 * n + c1], c = rho.im[r1 * n + c1];
          M[i * m + j] = Math.cos(ang) * a - Math.sin(ang) * c;
          maxIm = Math.max(maxIm, Math.abs(Math.sin(ang) * a + Math.cos(ang) * c));
        }
        ref.push(...symmetricEigenvalues(m, M, 0)); // the unblocked loop: independent of the blocked SIMD path that negativity() uses
      }
      for (let x = 0; x < n; x += 7) for (let y = 0; y < n; y++) {
        if (((lev[x] ^ lev[y]) & 1) === 0) continue;
        const xa = Math.floor(x / dB), xb = x % dB, ya = Math.floor(y / dB), yb = y % dB;
        const s = (xa * dB + yb) * n + ya * dB + xb;
        maxCross = Math.max(maxCross, Math.abs(rho.re[s]) + Math.abs(rho.im[s]));
      }
      expect(maxIm).toBeLessThan(1e-14);
      expect(maxCross).toBe(0);
      ref.sort((x, y) => x - y);
      const mine: number[] = [];
      for (const s of r.spectrum) for (let k = 0; k < s.multiplicity; k++) mine.push(s.value);
      mine.sort((x, y) => x - y);
      expect(mine.length).toBe(n);
      let maxSpec = 0;
      for (let i = 0; i < n; i++) maxSpec = Math.max(maxSpec, Math.abs(mine[i] - ref[i]));
      const refNeg = ref.reduce((s, l) => (l < 0 ? s - l : s), 0);
      console.log(`N=${N} d=${d} ${diss}: 𝒩 = ${r.negativity}, dense ${refNeg}, max |Δλ| = ${maxSpec.toExponential(2)}`);
      expect(maxSpec).toBeLessThan(1e-9);
      expect(Math.abs(r.negativity - refNeg)).toBeLessThan(1e-9);
      expect(Math.abs(r.traceCheck - 1)).toBeLessThan(1e-12);
    }, 1_800_000);
  }
});
