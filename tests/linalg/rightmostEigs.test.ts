/**
 * rightmostEigenvalues: certified eigenvalues of smallest |Re| with the Cayley transform (default)
 * and with the imaginary-axis search (cayley: false, and where the Cayley run cannot cover),
 * on a non-normal block upper-bidiagonal matrix whose spectrum is known exactly (the union of
 * its 2×2 diagonal blocks) and whose rightmost pair has |Im| = 500 |Re|, far from a real shift;
 * and the deflated left-vector iteration against dense (ml-matrix) left and right null vectors.
 */
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../src/linalg/csr.ts';
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { blockTridiagonalLu, blockTridiagonalPartition, blockTridiagonalSolve } from '../../src/linalg/blockTridiagonalLu.ts';
import { csrToDense } from '../../src/linalg/csr.ts';
import { krylovSchur } from '../../src/linalg/krylovSchur.ts';
import { leftByDeflatedIteration, rightmostEigenvalues, skewNormEstimate } from '../../src/linalg/rightmostEigs.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';
import { centred, lcg } from '../reference/random.ts';

const rng = (seed: number) => centred(lcg(seed));

/** K diagonal 2×2 blocks (eigenvalues listed) plus random couplings to the next block (upper). */
function testMatrix(K: number, special: number) {
  const r = rng(42);
  const rows: Array<Array<[number, number]>> = Array.from({ length: 2 * K }, () => []);
  const eig: Array<[number, number]> = [];
  for (let j = 0; j < K; j++) {
    const i = 2 * j;
    if (j === special) {
      // [[a, b], [−b, a]]: a ± ib with a = −0.01, b = 5
      rows[i].push([i, -0.01], [i + 1, 5]); rows[i + 1].push([i, -5], [i + 1, -0.01]);
      eig.push([-0.01, 5], [-0.01, -5]);
    } else {
      const a = -0.5 - 5 * (j / K), c = a - 2.5 / K;
      rows[i].push([i, a], [i + 1, 0.3]); rows[i + 1].push([i + 1, c]);
      eig.push([a, 0], [c, 0]);
    }
    if (j + 1 < K) for (const q of [0, 1]) for (const t of [0, 1]) rows[i + q].push([2 * j + 2 + t, 0.1 * r()]);
  }
  const rowPtr = new Int32Array(2 * K + 1);
  const ci: number[] = [], v: number[] = [];
  rows.forEach((row, i) => { row.sort((x, y) => x[0] - y[0]); for (const [c, x] of row) { ci.push(c); v.push(x); } rowPtr[i + 1] = ci.length; });
  const A: Csr = { rows: 2 * K, cols: 2 * K, rowPtr, colIdx: Int32Array.from(ci), values: Float64Array.from(v) };
  return { A, eig };
}

describe('rightmostEigenvalues', () => {
  const { A, eig } = testMatrix(100, 50);
  const exact4 = eig.slice().sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]) || a[1] - b[1]).slice(0, 4);
  /** The four eigenvalues of smallest |Re| of the known spectrum, each within its certified bound; the first pair has |Im| ≥ 10|Re|. */
  const expectExactCertified = (r: ReturnType<typeof rightmostEigenvalues>) => {
    r.eigenvalues.forEach((e, i) => {
      const err = Math.hypot(e.re - exact4[i][0], e.im - exact4[i][1]);
      expect(err).toBeLessThan(1e-10);
      expect(err).toBeLessThanOrEqual(e.errorBound);
      expect(e.certified).toBe(true);
    });
    expect(Math.abs(r.eigenvalues[0].im)).toBeGreaterThanOrEqual(10 * Math.abs(r.eigenvalues[0].re));
  };

  it('the Cayley transform finds the rightmost pair with |Im| = 500|Re| with one real factorisation, and certifies it', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05 });
    expect(r.complete).toBe(true);
    expect(r.shifts).toHaveLength(1);
    expect(r.shifts[0].im).toBe(0);
    expect(r.strip.method).toMatch(/^Cayley transform at σ = [\d.]+: every eigenvalue with Re λ ≥ −[\d.e-]+ has .* ≤ ρ$/);
    expect(r.strip.imMax).toBe(Infinity);
    expectExactCertified(r);
  });

  it('a Cayley pole far too small for the spectrum cannot cover Re λ ≥ −R: said so, and the search finds the same eigenvalues', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05, cayleySigma: 1e-3 });
    expect(r.notes.join(' ')).toMatch(/the Cayley transform at σ = 0\.00100 did not cover Re λ ≥ −R/);
    expect(r.complete).toBe(true);
    expect(r.shifts.length).toBeGreaterThan(1);
    expect(r.strip.method).not.toMatch(/Cayley/);
    r.eigenvalues.forEach((e, i) => expect(Math.hypot(e.re - exact4[i][0], e.im - exact4[i][1])).toBeLessThan(1e-10));
  });

  it('finds the rightmost pair with |Im| = 500|Re| that a real shift misses, and certifies it (imaginary-axis search)', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05, cayley: false });
    expect(r.complete).toBe(true);
    expect(r.shifts.length).toBeGreaterThan(1);
    expectExactCertified(r);
    // the searched strip reaches the field-of-values bound
    expect(r.strip.imMax).toBeGreaterThanOrEqual(skewNormEstimate(A));
    expect(r.strip.imMax).toBeGreaterThan(5);
    // (here the factorisation-free Gershgorin form of the strip bound suffices)
    expect(r.strip.certified).toBe(true);
    expect(r.strip.method).toMatch(/Gershgorin/);
  });

  it('on a sector the strip height is proven by the inertia certificate; without it (no flops allowed) the search is not complete', () => {
    // N = 14, d = 2, sector (−1,+1): the Gershgorin form is above the covered height
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
    const S = buildSectorLiouvillian(buildPiBasis(14, 2), p, { p1: -1, p2: 1 }).matrix;
    const r = rightmostEigenvalues(S, { k: 2, sigma: 0.02, cayley: false });
    expect(r.complete).toBe(true);
    expect(r.strip.certified).toBe(true);
    expect(r.strip.method).toMatch(/proven by a block Cholesky/);
    const r0 = rightmostEigenvalues(S, { k: 2, sigma: 0.02, maxCertificateFlops: 0, cayley: false });
    expect(r0.complete).toBe(false);
    expect(r0.strip.certified).toBe(false);
    expect(r0.notes.join(' ')).toMatch(/completeness not proven/);
    // the eigenvalues themselves are the same
    expect(r0.eigenvalues.map((e) => [e.re, e.im])).toEqual(r.eigenvalues.map((e) => [e.re, e.im]));
  });

  it('without the search (maxShifts = 0) the pair is missed and the result says it is incomplete', () => {
    const r = rightmostEigenvalues(A, { k: 4, sigma: 0.05, maxShifts: 0 });
    expect(r.notes.join(' ')).not.toMatch(/Cayley/);
    expect(r.complete).toBe(false);
    expect(r.eigenvalues.every((e) => e.im === 0)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/searched for \|Im λ\| ≤ .* only/);
  });

  it('keeps a real eigenvalue whose Ritz value comes out below the real axis (ill-conditioned, loose tolerance)', () => {
    // N = 40, d = 2, (−1,+1): λ0 = −0.0155091657864605 (κ = 4.3e4, dense reference of
    // tests/physics/exact/spectrumCertified.test.ts). At a Krylov–Schur tolerance of 1e-10 its
    // Ritz value has Im ≈ −κ·1e-10·σ, beyond the 1e-10 relative "real" threshold; it used to be
    // dropped as the lower member of a pair: the first Cayley run (nev = k + 2 = 3) then took
    // the pair −1.089 ± 1.155i for the slowest, could not cover Re λ ≥ −1.089 and had to run
    // again with a larger nev (or, worse, could have reported the pair as the gap).
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
    const S = buildSectorLiouvillian(buildPiBasis(40, 2), p, { p1: -1, p2: 1 }).matrix;
    const r = rightmostEigenvalues(S, { k: 1, sigma: 0.045, tol: 1e-10 });
    expect(r.notes.join(' ')).not.toMatch(/did not cover/);
    expect(r.strip.method).toMatch(/^Cayley transform .* converged the 3 eigenvalues of largest modulus/);
    expect(r.complete).toBe(true);
    const e = r.eigenvalues[0];
    expect(Math.abs(e.re - -0.0155091657864605)).toBeLessThan(1e-9);
    expect(e.im).toBe(0);
    expect(e.certified).toBe(true);
  }, 60_000);
});

describe('leftByDeflatedIteration', () => {
  it('gives the left eigenvector and condition number of the dense reference (real and complex λ)', () => {
    // weak dissipation: complex eigenvalues near the shift; N = 12, d = 2, sector (−1,+1)
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.3, gammaC: 0.1, V: 1 });
    const A = buildSectorLiouvillian(buildPiBasis(12, 2), p, { p1: -1, p2: 1 }).matrix;
    const n = A.rows;
    const D = csrToDense(A);
    const rows = (T: boolean) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (T ? D[j * n + i] : D[i * n + j])));
    const evd = new EigenvalueDecomposition(new Matrix(rows(false)));
    /** Unit null vector of the real 2n embedding of (M − λ), M = A or Aᵀ, by a dense SVD. */
    const nullVec = (T: boolean, lr: number, li: number) => {
      const M = rows(T);
      const G = Matrix.zeros(2 * n, 2 * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        const v = M[i][j] - (i === j ? lr : 0), w = i === j ? -li : 0;
        G.set(i, j, v); G.set(n + i, n + j, v); G.set(i, n + j, -w); G.set(n + i, j, w);
      }
      const V = new SingularValueDecomposition(G).rightSingularVectors;
      const c = 2 * n - 1; // smallest singular value last
      const re = Float64Array.from({ length: n }, (_, i) => V.get(i, c)), im = Float64Array.from({ length: n }, (_, i) => V.get(n + i, c));
      return [re, im] as const;
    };
    const sigma = 0.02;
    const f = blockTridiagonalLu(A, blockTridiagonalPartition(A), sigma, 0);
    const right = krylovSchur(n, (xr, xi, yr, yi) => blockTridiagonalSolve(f, xr, xi, yr, yi), { nev: 10, ncv: 40, tol: 1e-13 });
    expect(right.converged).toBe(true);
    const bilin = (ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array) => {
      let r = 0, i = 0, na = 0, nb = 0;
      for (let q = 0; q < n; q++) { r += ar[q] * br[q] - ai[q] * bi[q]; i += ar[q] * bi[q] + ai[q] * br[q]; na += ar[q] ** 2 + ai[q] ** 2; nb += br[q] ** 2 + bi[q] ** 2; }
      return Math.hypot(r, i) / Math.sqrt(na * nb);
    };
    let real = 0, complex = 0;
    for (const pair of right.pairs.slice(0, 6)) {
      const m2 = pair.re ** 2 + pair.im ** 2;
      const dRe = pair.re / m2, dIm = -pair.im / m2;
      const others = right.pairs.filter((q) => q !== pair).map((q) => [q.vecRe, q.vecIm] as const);
      const l = leftByDeflatedIteration(f, pair.vecRe, pair.vecIm, others, dRe, dIm, 200);
      expect(l.converged).toBe(true);
      // the dense eigenvalue nearest, and its left and right null vectors
      let best = 0;
      evd.realEigenvalues.forEach((re, j) => { if (Math.hypot(re - sigma - dRe, evd.imaginaryEigenvalues[j] - dIm) < Math.hypot(evd.realEigenvalues[best] - sigma - dRe, evd.imaginaryEigenvalues[best] - dIm)) best = j; });
      const lr = evd.realEigenvalues[best], li = evd.imaginaryEigenvalues[best];
      expect(Math.hypot(lr - sigma - dRe, li - dIm)).toBeLessThan(1e-8);
      const [wr, wi] = nullVec(true, lr, li), [yr, yi] = nullVec(false, lr, li);
      // same direction as the dense left vector (|cos| = 1 for the Hermitian angle)
      let cr = 0, ci = 0, nw = 0, nl = 0;
      for (let q = 0; q < n; q++) { cr += wr[q] * l.wr[q] + wi[q] * l.wi[q]; ci += wr[q] * l.wi[q] - wi[q] * l.wr[q]; nw += wr[q] ** 2 + wi[q] ** 2; nl += l.wr[q] ** 2 + l.wi[q] ** 2; }
      expect(1 - Math.hypot(cr, ci) / Math.sqrt(nw * nl)).toBeLessThan(1e-10);
      // the condition number 1/|wᵀy| from our vectors equals the dense one
      const kOurs = 1 / bilin(l.wr, l.wi, pair.vecRe, pair.vecIm), kRef = 1 / bilin(wr, wi, yr, yi);
      expect(Math.abs(kOurs / kRef - 1)).toBeLessThan(1e-6);
      if (Math.abs(li) > 1e-8) complex++; else real++;
    }
    expect(real).toBeGreaterThan(0);
    expect(complex).toBeGreaterThan(0);
  }, 120_000);
});
