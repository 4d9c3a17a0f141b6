/**
 * Steady state, observables, Arnoldi spectra, gaps and time evolution of the PI engine against
 * the naive dense reference, plus conservation laws (trace, hermiticity, positivity, symmetry).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { makeParams, type DissipatorKind } from '../../../src/physics/model/model.ts';
import { buildPiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { steadyState, steadyStateOfSector, steadyStateTakesExactPath } from '../../../src/physics/exact/steadyState.ts';
import { blockTridiagonalLuFlops } from '../../../src/linalg/blockTridiagonalLu.ts';
import { gaps, sectorSpectrum, spectrum } from '../../../src/physics/exact/spectrum.ts';
import { timeEvolve } from '../../../src/physics/exact/timeEvolve.ts';
import { toDenseOperator } from '../../../src/physics/exact/observables.ts';
import { spinCoherentState } from '../../../src/physics/meanfield/meanfield.ts';
import { DEFAULT_STEADY_MAX_FACTOR_FLOPS, estimateBytes, levelCounts } from '../../../src/physics/exact/memory.ts';
import { refEll, refObservables, refPi1, refSectorSpectrum, refT, refTimeEvolve } from '../../reference/denseLindblad.ts';

type Case = [N: number, d: number, diss: 'spin' | 'flat', gI: number, gC: number, V: number];
const CASES: Case[] = [
  [3, 2, 'spin', 0.5, 0.3, -1],
  [5, 2, 'spin', 1.8, 0.2, 1],
  [3, 3, 'flat', 0.4, 0.2, 1],
  [2, 4, 'flat', 1.0, 0.6, -1.2],
  [3, 4, 'spin', 0.7, 0.2, 1],
];

describe('steady state vs dense reference', () => {
  for (const [N, d, diss, gI, gC, V] of CASES) {
    it(`observables agree for N=${N} d=${d} ${diss} (${gI}, ${gC}, ${V})`, () => {
      const p = makeParams({ d, dissipator: diss as DissipatorKind, gammaI: gI, gammaC: gC, V });
      const r = steadyState(N, p);
      const ref = refObservables({ N, d, ellRe: refEll(d, diss), gammaI: gI, gammaC: gC, V });
      const j = (d - 1) / 2;
      expect(r.trace).toBeCloseTo(1, 12);
      expect(Math.abs(r.X - ref.X)).toBeLessThan(1e-9);
      expect(Math.abs(r.Y - ref.Y)).toBeLessThan(1e-9);
      expect(Math.abs(r.Z - ref.Z)).toBeLessThan(1e-9);
      expect(Math.abs(r.jz2 / (N * j) ** 2 - ref.Jz2)).toBeLessThan(1e-9);
      expect(Math.abs(r.purity - ref.purity)).toBeLessThan(1e-9);
      expect(Math.abs(r.scaledPurity - ref.scaledPurity)).toBeLessThan(1e-9 * Math.max(1, ref.scaledPurity));
      expect(r.residual).toBeLessThan(1e-9);
    });
  }

  it('the ILUT–GMRES fallback (exact factorisation refused) gives the same state as the block LU', () => {
    const N = 4, d = 3;
    const p = makeParams({ d, dissipator: 'spin', gammaI: 0.5, gammaC: 0.2, V: 1 });
    const exact = steadyState(N, p);
    const iter = steadyState(N, p, { maxFactorFlops: 0 });
    expect(exact.checks.solver).toBe('block-lu');
    expect(iter.checks.solver).toBe('ilut-gmres');
    expect(iter.method).toBe('inverse-iteration');
    expect(Math.abs(iter.Z - exact.Z)).toBeLessThan(1e-9);
    expect(Math.abs(iter.purity - exact.purity)).toBeLessThan(1e-9);
    expect(iter.residual).toBeLessThan(1e-9);
  });

  it('ρ is Hermitian, positive, of unit trace and in the (+1,+1) sector', () => {
    for (const [N, d, gI, V] of [[3, 3, 0.4, 1], [4, 2, 0.3, -1]]) {
      const p = makeParams({ d, dissipator: 'spin', gammaI: gI, gammaC: 0.2, V });
      const b = buildPiBasis(N, d);
      const L = buildSectorLiouvillian(b, p, { p1: 1, p2: 1 });
      const ss = steadyStateOfSector(b, L);
      const rho = toDenseOperator(b, L.sector, ss.x);
      const n = rho.n;
      let tr = 0, herm = 0, sym1 = 0, sym2 = 0;
      const p1 = refPi1(N, d, rho), t = refT(N, d, rho);
      for (let i = 0; i < n; i++) {
        tr += rho.re[i * n + i];
        for (let k = 0; k < n; k++) {
          herm = Math.max(herm, Math.hypot(rho.re[i * n + k] - rho.re[k * n + i], rho.im[i * n + k] + rho.im[k * n + i]));
          sym1 = Math.max(sym1, Math.hypot(p1.re[i * n + k] - rho.re[i * n + k], p1.im[i * n + k] - rho.im[i * n + k]));
          sym2 = Math.max(sym2, Math.hypot(t.re[i * n + k] - rho.re[i * n + k], t.im[i * n + k] - rho.im[i * n + k]));
        }
      }
      expect(tr).toBeCloseTo(1, 12);
      expect(herm).toBeLessThan(1e-14);
      expect(sym1).toBeLessThan(1e-14);
      expect(sym2).toBeLessThan(1e-14);
      // eigenvalues of the Hermitian ρ via the real 2n×2n embedding [[Re, −Im], [Im, Re]]
      const M = new Matrix(2 * n, 2 * n);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
        M.set(i, k, rho.re[i * n + k]); M.set(i + n, k + n, rho.re[i * n + k]);
        M.set(i, k + n, -rho.im[i * n + k]); M.set(i + n, k, rho.im[i * n + k]);
      }
      const ev = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;
      expect(Math.min(...ev)).toBeGreaterThan(-1e-10);
      // Tr ρ² from the eigenvalues (each doubled in the embedding) equals the Gram-weighted purity
      const pur = ev.reduce((s, x) => s + x * x, 0) / 2;
      expect(Math.abs(pur - ss.purity)).toBeLessThan(1e-12);
    }
  });

  it('the memory guard refuses with N, d and the estimate in the message', () => {
    const p = makeParams({ d: 5, dissipator: 'spin', gammaI: 1, gammaC: 0.2, V: 1 });
    expect(() => steadyState(6, p, { budgetBytes: 1e6 })).toThrow(/N=6, d=5: steady-state needs an estimated .* GiB \(exact solver .* GiB\)/);
    expect(estimateBytes(6, 5, 'steady-state')).toBeGreaterThan(estimateBytes(5, 5, 'steady-state'));
  });
});

describe('sector spectra and gaps', () => {
  it('shift-invert Krylov–Schur (exact block-LU inner solves, imaginary-axis search) finds reference eigenvalues', () => {
    const N = 3, d = 4;
    const rp = { N, d, ellRe: refEll(d, 'spin'), gammaI: 0.5, gammaC: 0.2, V: 1 };
    const p = makeParams({ d, dissipator: 'spin', gammaI: 0.5, gammaC: 0.2, V: 1 });
    const b = buildPiBasis(N, d);
    for (const s of [[1, 1], [-1, 1], [-1, -1]] as Array<[1 | -1, 1 | -1]>) {
      const L = buildSectorLiouvillian(b, p, { p1: s[0], p2: s[1] });
      const r = sectorSpectrum(L.matrix, { k: 4, sigma: 0.03, denseEigLimit: 0 });
      expect(r.method).toBe('shift-invert-arnoldi');
      expect(r.solver).toBe('block-lu');
      expect(r.complete).toBe(true);
      const ref = refSectorSpectrum(rp, s);
      for (const e of r.eigenvalues) {
        expect(e.converged).toBe(true);
        expect(e.residual).toBeLessThan(1e-10);
        const dist = Math.min(...ref.map(([a, c]) => Math.hypot(a - e.re, c - e.im)));
        expect(dist).toBeLessThan(1e-9);
      }
      // the slowest eigenvalue (the one the gaps need) is the reference's first, or second in (+1,+1)
      const i0 = s[0] === 1 && s[1] === 1 ? 1 : 0;
      expect(Math.abs(r.eigenvalues[i0].re - ref[i0][0])).toBeLessThan(1e-9);
    }
  });

  it('gaps follow Eqs. (15)–(16) and Δ(−1,+1) closes for V > 0, Δ(−1,−1) for V < 0', () => {
    const N = 3, d = 3;
    for (const V of [1, -1]) {
      const p = makeParams({ d, dissipator: 'spin', gammaI: 0.3, gammaC: 0.1, V });
      const g = gaps(N, p).gaps;
      const rp = { N, d, ellRe: refEll(d, 'spin'), gammaI: 0.3, gammaC: 0.1, V };
      expect(Math.abs(g['+1,+1']! + refSectorSpectrum(rp, [1, 1])[1][0])).toBeLessThan(1e-9);
      for (const s of [[1, -1], [-1, 1], [-1, -1]] as Array<[1 | -1, 1 | -1]>) {
        expect(Math.abs(g[`${s[0] > 0 ? '+1' : '-1'},${s[1] > 0 ? '+1' : '-1'}` as '+1,-1']! + refSectorSpectrum(rp, s)[0][0])).toBeLessThan(1e-9);
      }
      if (V > 0) expect(g['-1,+1']!).toBeLessThan(g['-1,-1']!);
      else expect(g['-1,-1']!).toBeLessThan(g['-1,+1']!);
    }
  });

  it('spectrum() rejects Π2 sectors for a complex dissipator', () => {
    const p = makeParams({ d: 3, dissipator: 'custom', ellRe: [1, 1], ellIm: [0, 1], gammaI: 1, gammaC: 0, V: 1 });
    expect(() => spectrum(2, p, { p1: 1, p2: 1 })).toThrow(RangeError);
  });
});

describe('time evolution vs dense reference', () => {
  it('X, Y, Z(t) from a spin-coherent state agree', () => {
    for (const [N, d, diss, V] of [[3, 2, 'spin', 1], [2, 3, 'flat', -0.7], [2, 4, 'flat', 1]] as const) {
      const p = makeParams({ d, dissipator: diss, gammaI: 0.4, gammaC: 0.3, V });
      const psi = spinCoherentState(d, 1.1, 0.4);
      const times = [0, 0.5, 2, 6];
      const r = timeEvolve(N, p, psi.re, psi.im, times, { rtol: 1e-11, atol: 1e-13 });
      const ref = refTimeEvolve({ N, d, ellRe: refEll(d, diss), gammaI: 0.4, gammaC: 0.3, V }, Array.from(psi.re), Array.from(psi.im), times);
      for (let k = 0; k < times.length; k++) {
        expect(Math.abs(r.X[k] - ref.X[k])).toBeLessThan(1e-8);
        expect(Math.abs(r.Y[k] - ref.Y[k])).toBeLessThan(1e-8);
        expect(Math.abs(r.Z[k] - ref.Z[k])).toBeLessThan(1e-8);
        expect(Math.abs(r.trace[k] - 1)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('steady state: exact path or fallback (steadyStateTakesExactPath)', () => {
  // the (+1,+1) sector's level blocks from the level counts (memory.ts), as a partition
  const partition = (N: number, d: number) => {
    const counts = levelCounts(N, d);
    const sizes: number[] = [];
    for (let E = 0; E < counts.length; E += 2) if (counts[E] > 0) sizes.push(Math.round(counts[E] / 2));
    const ptr = new Int32Array(sizes.length + 1);
    sizes.forEach((b, k) => { ptr[k + 1] = ptr[k] + b; });
    return ptr;
  };
  it('(150, 2): 1.4e12 flops, real factors ≈ 2 GiB: exact by default (was the > 25 min ILUT fallback at the old 1e11 limit); (6, 5): too big for the memory budget', () => {
    const p150 = partition(150, 2);
    expect(p150[p150.length - 1]).toBeGreaterThan(140_000); // sector ≈ 146 000
    const flops = blockTridiagonalLuFlops(p150) / 4;
    expect(flops).toBeGreaterThan(1e12);
    expect(flops).toBeLessThan(DEFAULT_STEADY_MAX_FACTOR_FLOPS);
    expect(steadyStateTakesExactPath(p150, {})).toBe(true);
    expect(steadyStateTakesExactPath(p150, { maxFactorFlops: 1e11 })).toBe(false);
    expect(steadyStateTakesExactPath(p150, { budgetBytes: 1.5 * 1024 ** 3 })).toBe(false); // a browser worker's budget
    expect(steadyStateTakesExactPath(partition(6, 5), {})).toBe(false);
    expect(steadyStateTakesExactPath(partition(6, 5), { budgetBytes: 64 * 1024 ** 3, maxFactorFlops: 1e15 })).toBe(true);
  });
});
