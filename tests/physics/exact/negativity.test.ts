/**
 * Negativity (paper Eq. 17) of PI states from the Schur–Weyl blocks (negativity.ts) against the
 * dense definition: the full d^N × d^N ρ, its partial transpose on the last N_B particles and
 * ml-matrix's dense symmetric eigenvalues. Every (N, d) with d^N ≤ 1024 is covered here with
 * steady states of several rate sets, both dissipators and V < 0; 1024 < d^N ≤ 4096 is in
 * tests/stress/negativity.test.ts (NEGATIVITY_STRESS=1), as ml-matrix needs minutes there.
 * Plus known states: product states (𝒩 = 0), Dicke and GHZ states (closed forms below).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { makeParams, type DissipatorKind } from '../../../src/physics/model/model.ts';
import { buildPiBasis, transposeRank, type PiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorBasis } from '../../../src/physics/exact/sectors.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { type SteadyStateOptions, steadySector, steadyState, steadyStateOfSector } from '../../../src/physics/exact/steadyState.ts';
import { productStateCoordinates, toDenseOperator } from '../../../src/physics/exact/observables.ts';
import { spinCoherentState } from '../../../src/physics/meanfield/meanfield.ts';
import {
  negativity, negativityCost, piCoefficientsOfSector, steadyStateNegativity, steadyStateXNegativity, type PiCoefficients,
} from '../../../src/physics/exact/negativity.ts';
import { refEll, refObservables } from '../../reference/denseLindblad.ts';

type Dense = { n: number; re: Float64Array; im: Float64Array };

/** Dense ρ from PI coefficients: ⟨x|ρ|y⟩ = c_{n(x,y)} (each arrangement once in S_n). */
function denseFromPi(b: PiBasis, c: PiCoefficients): Dense {
  const { N, d, D } = b;
  const n = d ** N;
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  const occ = new Int32Array(D);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) {
    occ.fill(0);
    for (let i = 0, xx = x, yy = y; i < N; i++, xx = Math.floor(xx / d), yy = Math.floor(yy / d)) occ[(xx % d) * d + (yy % d)]++;
    // rank by direct search of the occupation table (independent of rankOcc)
    let r = -1;
    for (let k = 0; k < b.dim && r < 0; k++) {
      let eq = true;
      for (let p = 0; p < D && eq; p++) eq = b.occ[k * D + p] === occ[p];
      if (eq) r = k;
    }
    re[x * n + y] = c.re[r];
    im[x * n + y] = c.im ? c.im[r] : 0;
  }
  return { n, re, im };
}

const mlEigs = (M: Matrix): number[] => new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;

/**
 * Eigenvalues (ascending) of ρ^{T_B}, B = the last N − NA particles (basis index Σ x_i d^{N−1−i}):
 * ρ^{T_B}[(x_A,x_B),(y_A,y_B)] = ρ[(x_A,y_B),(y_A,x_B)].
 * Small n: the real embedding [[Re, −Im], [Im, Re]] (each eigenvalue twice). Larger n (to keep
 * ml-matrix fast): first the local phase e^{iπ(L(x)−L(y))/4}, L = Σ levels, which must leave a
 * real matrix (asserted), then the two Π1 parity classes of L(x), whose coupling must vanish
 * (asserted), each diagonalised separately.
 */
function densePartialTransposeSpectrum(rho: Dense, N: number, d: number, NA: number): number[] {
  const n = rho.n, dB = d ** (N - NA);
  const pt = (x: number, y: number): [number, number] => {
    const xa = Math.floor(x / dB), xb = x % dB, ya = Math.floor(y / dB), yb = y % dB;
    const s = (xa * dB + yb) * n + ya * dB + xb;
    return [rho.re[s], rho.im[s]];
  };
  if (n <= 128) {
    const big = Matrix.zeros(2 * n, 2 * n);
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) {
      const [a, c] = pt(x, y);
      big.set(x, y, a); big.set(x + n, y + n, a); big.set(x, y + n, -c); big.set(x + n, y, c);
    }
    return mlEigs(big).sort((a, b) => a - b).filter((_, k) => k % 2 === 0);
  }
  const L = (x: number) => { let s = 0; for (let i = 0; i < N; i++, x = Math.floor(x / d)) s += x % d; return s; };
  const lev = Array.from({ length: n }, (_, x) => L(x));
  const classes = [lev.map((l, x) => (l % 2 === 0 ? x : -1)).filter((x) => x >= 0), lev.map((l, x) => (l % 2 === 1 ? x : -1)).filter((x) => x >= 0)];
  let maxIm = 0, maxCross = 0;
  const out: number[] = [];
  for (const cls of classes) {
    const M = Matrix.zeros(cls.length, cls.length);
    cls.forEach((x, i) => cls.forEach((y, j) => {
      // the partial transpose of the rotated ρ: phase from the ρ indices (x_A y_B, y_A x_B)
      const xa = Math.floor(x / dB), xb = x % dB, ya = Math.floor(y / dB), yb = y % dB;
      const ang = (Math.PI * (L(xa * dB + yb) - L(ya * dB + xb))) / 4;
      const [a, c] = pt(x, y);
      const r = Math.cos(ang) * a - Math.sin(ang) * c;
      maxIm = Math.max(maxIm, Math.abs(Math.sin(ang) * a + Math.cos(ang) * c));
      M.set(i, j, r);
    }));
    out.push(...mlEigs(M));
  }
  for (const x of classes[0]) for (const y of classes[1]) maxCross = Math.max(maxCross, Math.hypot(...pt(x, y)));
  expect(maxIm).toBeLessThan(1e-14);
  expect(maxCross).toBe(0);
  return out.sort((a, b) => a - b);
}

function expand(spec: Array<{ value: number; multiplicity: number }>): number[] {
  const out: number[] = [];
  for (const s of spec) for (let k = 0; k < s.multiplicity; k++) out.push(s.value);
  return out.sort((a, b) => a - b);
}

function compareWithDense(b: PiBasis, c: PiCoefficients, NA: number, rho?: Dense): { maxSpec: number; negErr: number; neg: number } {
  const r = negativity(b, c, NA);
  const dense = rho ?? denseFromPi(b, c);
  const ref = densePartialTransposeSpectrum(dense, b.N, b.d, NA);
  const mine = expand(r.spectrum);
  expect(mine.length).toBe(b.d ** b.N);
  let maxSpec = 0;
  for (let i = 0; i < ref.length; i++) maxSpec = Math.max(maxSpec, Math.abs(mine[i] - ref[i]));
  const refNeg = ref.reduce((s, l) => (l < 0 ? s - l : s), 0);
  const refNorm = ref.reduce((s, l) => s + Math.abs(l), 0);
  expect(maxSpec).toBeLessThan(1e-9);
  expect(Math.abs(r.negativity - refNeg)).toBeLessThan(1e-9);
  expect(Math.abs(r.logNegativity - Math.log2(refNorm))).toBeLessThan(1e-9);
  expect(r.errorEstimate).toBeLessThan(1e-9);
  // block sizes × multiplicities cover the whole space
  expect(r.blocks.reduce((s, bl) => s + bl.size * bl.multiplicity, 0)).toBe(b.d ** b.N);
  return { maxSpec, negErr: Math.abs(r.negativity - refNeg), neg: r.negativity };
}

// (N, d) with d^N ≤ 1024, a rate set and dissipator each (cycled), V < 0 in every other case.
const RATES: Array<[gI: number, gC: number, V: number]> = [[0.5, 0.5, 1], [0.3, 0.6, -1], [1.8, 0.2, 1], [0.2, 0.1, -1.5], [0.9, 0.35, 1], [0.4, 1.2, -0.7]];
const SIZES: Array<[N: number, d: number]> = [];
for (const d of [2, 3, 4, 5]) for (let N = 2; d ** N <= 1024; N++) SIZES.push([N, d]);

describe('negativity of steady states vs the dense partial transpose (d^N ≤ 1024)', () => {
  let maxSpec = 0, maxNeg = 0;
  SIZES.forEach(([N, d], k) => {
    const [gI, gC, V] = RATES[k % RATES.length];
    // both dissipators for d ≥ 4 (they coincide for d = 2, 3)
    const dissipators: DissipatorKind[] = d >= 4 ? ['spin', 'flat'] : [k % 2 ? 'flat' : 'spin'];
    for (const diss of dissipators) {
      const NAs = N >= 3 && d ** N <= 256 ? [Math.ceil(N / 2), 1] : [Math.ceil(N / 2)];
      it(`N=${N} d=${d} ${diss} (γI, γC, V) = (${gI}, ${gC}, ${V}), NA = ${NAs.join(' and ')}`, () => {
        const p = makeParams({ d, dissipator: diss, gammaI: gI, gammaC: gC, V });
        const b = buildPiBasis(N, d);
        const L = buildSectorLiouvillian(b, p, steadySector(p));
        // Above ~1000 sector elements the steady state's ILUT–GMRES path is used (a few seconds
        // instead of tens for the exact factorisation); how accurately ρ is stationary does not
        // matter here, both sides see the same ρ.
        const fast: Record<string, unknown> = L.sector.dim > 1000 ? { maxFactorFlops: 0 } : {};
        const ss = steadyStateOfSector(b, L, fast as SteadyStateOptions);
        const c = piCoefficientsOfSector(b, L.sector, ss.x);
        const rho = toDenseOperator(b, L.sector, ss.x);
        for (const NA of NAs) {
          const e = compareWithDense(b, c, NA, rho);
          maxSpec = Math.max(maxSpec, e.maxSpec);
          maxNeg = Math.max(maxNeg, e.negErr);
          const r = negativity(b, c, NA);
          expect(Math.abs(r.traceCheck - 1)).toBeLessThan(1e-12);
          expect(r.frame).toBe('rotated');
          expect(r.paritySplit).toBe(true);
          expect(r.NA + r.NB).toBe(N);
        }
      });
    }
  });
  it('(report) largest deviations', () => {
    console.log(`negativity vs dense: max |Δ eigenvalue| = ${maxSpec.toExponential(2)}, max |Δ negativity| = ${maxNeg.toExponential(2)}`);
    expect(maxSpec).toBeLessThan(1e-9);
  });
});

describe('negativity: other inputs and the full pipeline', () => {
  it('complex ℓ (custom dissipator): complex blocks, Π1 split, vs dense', () => {
    const N = 3, d = 3;
    const p = makeParams({ d, dissipator: 'custom', ellRe: [1, 0.7], ellIm: [0.2, -0.5], gammaI: 0.6, gammaC: 0.4, V: -1 });
    const b = buildPiBasis(N, d);
    const L = buildSectorLiouvillian(b, p, steadySector(p));
    const ss = steadyStateOfSector(b, L);
    const c = piCoefficientsOfSector(b, L.sector, ss.x);
    const r = negativity(b, c);
    expect(r.frame).toBe('complex');
    expect(r.paritySplit).toBe(true);
    compareWithDense(b, c, 2, toDenseOperator(b, L.sector, ss.x));
  });

  it('a random Hermitian PI operator (no symmetry at all) vs dense, several bipartitions', () => {
    let s = 12345;
    const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32 - 0.5; };
    for (const [N, d] of [[4, 2], [3, 3], [2, 4], [5, 2]] as const) {
      const b = buildPiBasis(N, d);
      const re = new Float64Array(b.dim), im = new Float64Array(b.dim);
      const scratch = new Int32Array(b.D);
      for (let r = 0; r < b.dim; r++) {
        const t = transposeRank(b, r, scratch);
        if (t < r) continue;
        re[r] = re[t] = rnd();
        if (t !== r) { im[r] = rnd(); im[t] = -im[r]; }
      }
      for (let NA = 1; NA < N; NA++) {
        const res = negativity(b, { re, im }, NA);
        expect(res.frame).toBe('complex');
        expect(res.paritySplit).toBe(false);
        compareWithDense(b, { re, im }, NA);
      }
    }
  });

  it('steadyStateNegativity equals the naive dense Lindblad reference (tests/reference) end to end', () => {
    for (const [N, d, diss, gI, gC, V] of [[3, 3, 'spin', 0.4, 0.2, 1], [4, 2, 'spin', 0.3, 0.2, -1], [2, 4, 'flat', 1.0, 0.6, -1.2]] as const) {
      const p = makeParams({ d, dissipator: diss, gammaI: gI, gammaC: gC, V });
      const r = steadyStateNegativity(N, p);
      const ref = refObservables({ N, d, ellRe: refEll(d, diss), gammaI: gI, gammaC: gC, V });
      expect(Math.abs(r.negativity - ref.negativity)).toBeLessThan(1e-9);
      expect(r.steadyState.residual).toBeLessThan(1e-9);
      expect(r.steadyStateMs).toBeGreaterThan(0);
      // the CLI path: x from steadyState() with the sector basis rebuilt
      const x = steadyState(N, p).x;
      expect(Math.abs(steadyStateXNegativity(N, p, x).negativity - r.negativity)).toBeLessThan(1e-12);
    }
  });

  it('rejects bad bipartitions, non-Hermitian c and wrong lengths', () => {
    const b = buildPiBasis(3, 2);
    const c = { re: new Float64Array(b.dim) };
    c.re[0] = 1;
    expect(() => negativity(b, c, 0)).toThrow(RangeError);
    expect(() => negativity(b, c, 3)).toThrow(/1 ≤ NA ≤ N − 1 = 2/);
    expect(() => negativity(b, c, 1.5)).toThrow(RangeError);
    expect(() => negativity(buildPiBasis(1, 3), { re: new Float64Array(9) })).toThrow(RangeError);
    expect(() => negativity(b, { re: new Float64Array(3) })).toThrow(/length/);
    const bad = { re: new Float64Array(b.dim), im: new Float64Array(b.dim) };
    bad.re[0] = 1;
    bad.im[1] = 0.3; // S_n with n ≠ nᵀ but no conjugate partner
    expect(() => negativity(b, bad)).toThrow(/not Hermitian/);
    expect(() => negativityCost(7, 5, 7)).toThrow(RangeError);
  });
});

describe('negativity of known states', () => {
  /** PI coefficients of a pure product state ψ^{⊗N}: c_n = Π_p ϱ_p^{n_p}, via the unsplit sector basis. */
  function productState(N: number, d: number, psiRe: ArrayLike<number>, psiIm: ArrayLike<number>) {
    const b = buildPiBasis(N, d);
    const sec = buildSectorBasis(b, { p1: 0, p2: 0 });
    return { b, c: piCoefficientsOfSector(b, sec, productStateCoordinates(b, sec, psiRe, psiIm)) };
  }

  it('product states (spin-coherent, and |−j⟩^{⊗N}) have negativity 0 and ρ^{T_B} ≥ 0', () => {
    for (const [N, d, th, ph] of [[5, 3, 1.1, 0.4], [4, 4, 2.0, -0.7], [7, 2, 0.6, 1.3], [3, 5, 0.9, 2.2]] as const) {
      const psi = spinCoherentState(d, th, ph);
      const { b, c } = productState(N, d, psi.re, psi.im);
      const r = negativity(b, c);
      expect(r.negativity).toBeLessThan(1e-12);
      expect(Math.abs(r.logNegativity)).toBeLessThan(1e-12);
      expect(Math.abs(r.traceCheck - 1)).toBeLessThan(1e-12);
      // ρ^{T_B} = ϱ_A ⊗ ϱ_Bᵀ for a pure product: eigenvalues 1 (once) and 0
      expect(r.spectrum[r.spectrum.length - 1].value).toBeCloseTo(1, 12);
      expect(r.spectrum[r.spectrum.length - 1].multiplicity).toBe(1);
    }
    const ground = new Float64Array(4);
    ground[0] = 1;
    const { b, c } = productState(6, 4, ground, new Float64Array(4));
    const r = negativity(b, c);
    expect(r.negativity).toBe(0);
    expect(r.frame).toBe('real');
  });

  /**
   * Dicke state |D_N^k⟩ = C(N,k)^{−1/2} Σ_{|x| = k} |x⟩: ⟨x|ρ|y⟩ = 1/C(N,k) when both have k
   * excitations, so c_n = 1/C(N,k) for every n with row and column weight k. Its Schmidt form is
   * Σ_q √p_q |D_{N_A}^q⟩|D_{N_B}^{k−q}⟩ with p_q = C(N_A,q) C(N_B,k−q)/C(N,k), and a pure state
   * with Schmidt coefficients s_q has ‖ρ^{T_B}‖₁ = (Σ_q s_q)², hence
   *     𝒩 = ((Σ_q √p_q)² − 1)/2   (e.g. N = 6, k = 3, N_A = 3: p = (1, 9, 9, 1)/20, 𝒩 = 1.1).
   */
  it('qubit Dicke states have 𝒩 = ((Σ_q √p_q)² − 1)/2', () => {
    const C = (n: number, k: number) => { let v = 1; for (let i = 1; i <= k; i++) v = (v * (n - k + i)) / i; return k < 0 || k > n ? 0 : v; };
    for (const [N, k, NA] of [[6, 3, 3], [5, 2, 3], [7, 3, 4], [4, 1, 2], [8, 4, 4], [7, 2, 2], [16, 8, 8], [20, 6, 10]]) {
      const b = buildPiBasis(N, 2);
      const re = new Float64Array(b.dim);
      for (let r = 0; r < b.dim; r++) {
        const o = b.occ.subarray(r * 4, r * 4 + 4); // labels (a,b) = 00, 01, 10, 11
        if (o[2] + o[3] === k && o[1] + o[3] === k) re[r] = 1 / C(N, k);
      }
      const NB = N - NA;
      let sum = 0;
      for (let q = 0; q <= k; q++) sum += Math.sqrt((C(NA, q) * C(NB, k - q)) / C(N, k));
      const r = negativity(b, { re }, NA);
      // rounding grows with the number of eigenvalues (2^20 at N = 20): 1e-11 absolute
      expect(Math.abs(r.negativity - (sum * sum - 1) / 2)).toBeLessThan(1e-11);
      expect(Math.abs(r.negativity - (sum * sum - 1) / 2)).toBeLessThan(Math.max(1e-13, r.errorEstimate));
      expect(Math.abs(r.logNegativity - Math.log2(sum * sum))).toBeLessThan(1e-11);
      expect(Math.abs(r.traceCheck - 1)).toBeLessThan(1e-12);
      if (N === 6 && k === 3) expect(r.negativity).toBeCloseTo(1.1, 12);
    }
  });

  /**
   * GHZ state d^{−1/2} Σ_k |k⟩^{⊗N}: ρ = (1/d) Σ_{k,k'} |k…k⟩⟨k'…k'|, so c = 1/d on the N-fold
   * labels (k,k') and 0 elsewhere. d equal Schmidt coefficients 1/√d: 𝒩 = (d − 1)/2 for every
   * bipartition. For odd N and d = 2 it has no Π1 symmetry (the real path without the split).
   */
  it('GHZ states have 𝒩 = (d − 1)/2', () => {
    for (const [N, d] of [[5, 2], [4, 2], [4, 3], [3, 5], [7, 2]]) {
      const b = buildPiBasis(N, d);
      const re = new Float64Array(b.dim);
      for (let r = 0; r < b.dim; r++) for (let p = 0; p < d * d; p++) if (b.occ[r * d * d + p] === N) re[r] = 1 / d;
      for (let NA = 1; NA < N; NA++) {
        const r = negativity(b, { re }, NA);
        expect(Math.abs(r.negativity - (d - 1) / 2)).toBeLessThan(1e-12);
        expect(Math.abs(r.traceCheck - 1)).toBeLessThan(1e-12);
        if (N === 5 && d === 2) expect(r.paritySplit).toBe(false);
      }
    }
  });
});
