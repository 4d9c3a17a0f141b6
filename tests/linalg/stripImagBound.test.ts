/**
 * stripImagBound (the imaginary-axis search height of rightmostEigs.ts) against dense
 * references from ml-matrix on a model sector: λmax of the 2n×2n symmetric embedding by a dense
 * symmetric eigen-decomposition, and every eigenvalue of the sector with Re λ ≥ −R inside the
 * bound (no safety margin applied here). certifiedStripImagBound (the proven bound the search
 * uses) on several sectors (small N and d, both dissipators, V < 0): above every |Im λ| of the
 * dense spectrum with Re λ ≥ −R and above the dense g(t) = λmax(K + tH) + tR, yet within 2 % of
 * it; its inertia test fails just below the dense λmax(K + tH) and holds just above it; a failed
 * first margin is retried, and all margins failing gives an estimate marked not certified. The
 * Gershgorin form (gershgorinStripImagBound) is above the dense g(t) and the spectrum as well.
 * blockBalanced (the similarity the search computes its bound on): the same dense spectrum as A,
 * balanced couplings, and a proven bound (with its rounding allowance) that holds A's spectrum
 * and is well below the bound computed on A itself.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { csrToDense } from '../../src/linalg/csr.ts';
import { blockTridiagonalPartition } from '../../src/linalg/blockTridiagonalLu.ts';
import { hermitianBlockCholesky } from '../../src/linalg/hermitianBlockCholesky.ts';
import { blockBalanced, certifiedStripImagBound, gershgorinStripImagBound, lambdaMaxShiftedField, negatedShiftedField, stripImagBound } from '../../src/linalg/stripImagBound.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';

/** Dense spectrum of A and λmax of [[tH, S], [−S, tH]] (= λmax(K + tH)) from ml-matrix. */
function denseReference(A: ReturnType<typeof buildSectorLiouvillian>['matrix']) {
  const n = A.rows;
  const D = csrToDense(A);
  const evd = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(D.subarray(i * n, (i + 1) * n)))));
  const eig = evd.realEigenvalues.map((re, i) => [re, evd.imaginaryEigenvalues[i]] as const);
  const lambdaMax = (t: number) => {
    const G = Matrix.zeros(2 * n, 2 * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const h = 0.5 * (D[i * n + j] + D[j * n + i]), s = 0.5 * (D[i * n + j] - D[j * n + i]);
      G.set(i, j, t * h); G.set(n + i, n + j, t * h); G.set(i, n + j, s); G.set(n + i, j, -s);
    }
    return Math.max(...new EigenvalueDecomposition(G, { assumeSymmetric: true }).realEigenvalues);
  };
  return { eig, lambdaMax };
}

describe('stripImagBound', () => {
  // N = 14, d = 2, sector (−1,+1), at the issue-13 point
  const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
  const A = buildSectorLiouvillian(buildPiBasis(14, 2), p, { p1: -1, p2: 1 }).matrix;
  const { eig, lambdaMax: lambdaMaxDense } = denseReference(A);

  it('λmax(K + tH) from Lanczos equals the dense value and lies above it', () => {
    for (const t of [0, 0.5, 1.4]) {
      const est = lambdaMaxShiftedField(A, t), ref = lambdaMaxDense(t);
      expect(est, `t = ${t}`).toBeGreaterThanOrEqual(ref - 1e-9 * Math.abs(ref));
      expect(est - ref, `t = ${t}`).toBeLessThan(1e-3 * Math.abs(ref));
    }
  }, 120_000);

  it('finds the minimum over t of the convex g(t) = λmax(K + tH) + tR (dense golden-section reference) to 1 %', () => {
    const gap = Math.min(...eig.map(([re]) => Math.abs(re)));
    for (const R of [gap * 1.001, 2]) {
      const g = (x: number) => lambdaMaxDense(Math.exp(x)) + Math.exp(x) * R;
      const phi = (Math.sqrt(5) - 1) / 2;
      let a = Math.log(1 / 64), b = Math.log(64);
      for (let i = 0; i < 40; i++) { const x1 = b - phi * (b - a), x2 = a + phi * (b - a); if (g(x1) <= g(x2)) b = x2; else a = x1; }
      const gMin = g((a + b) / 2);
      const { bound, t } = stripImagBound(A, R);
      expect(bound, `R = ${R}`).toBeGreaterThanOrEqual(gMin * (1 - 1e-9));
      expect(bound, `R = ${R}: t = ${t} vs ${Math.exp((a + b) / 2)}`).toBeLessThanOrEqual(1.01 * gMin);
    }
  }, 120_000);

  it('holds every eigenvalue with Re λ ≥ −R and is well below the field-of-values bound', () => {
    const fov = lambdaMaxDense(0);
    const gap = Math.min(...eig.map(([re]) => Math.abs(re)));
    for (const R of [gap * 1.001, 0.5, 2, 5]) {
      const { bound } = stripImagBound(A, R);
      const inStrip = eig.filter(([re]) => re >= -R);
      expect(inStrip.length, `R = ${R}`).toBeGreaterThan(0);
      for (const [, im] of inStrip) expect(Math.abs(im), `R = ${R}`).toBeLessThanOrEqual(bound);
      if (R < 1) expect(bound, `R = ${R}`).toBeLessThan(0.8 * fov);
    }
  }, 120_000);
});

describe('certifiedStripImagBound', () => {
  const cases = [
    { N: 3, d: 4, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1, sector: { p1: -1, p2: 1 } },
    { N: 3, d: 4, dissipator: 'flat', gammaI: 0.3, gammaC: 0.2, V: -1, sector: { p1: -1, p2: -1 } },
    { N: 4, d: 3, dissipator: 'spin', gammaI: 0.1, gammaC: 0.05, V: -1, sector: { p1: 1, p2: 1 } },
    { N: 10, d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: -1.5, sector: { p1: 1, p2: -1 } },
  ] as const;
  for (const c of cases) {
    it(`(N, d) = (${c.N}, ${c.d}) ${c.dissipator}, V = ${c.V}, sector (${c.sector.p1},${c.sector.p2}): proven, above the dense spectrum and the dense g(t), and tight`, () => {
      const p = makeParams({ d: c.d, dissipator: c.dissipator, gammaI: c.gammaI, gammaC: c.gammaC, V: c.V });
      const A = buildSectorLiouvillian(buildPiBasis(c.N, c.d), p, c.sector).matrix;
      const ptr = blockTridiagonalPartition(A);
      expect(ptr.length - 1).toBeGreaterThan(2);
      const { eig, lambdaMax } = denseReference(A);
      const gaps = eig.map(([re]) => Math.abs(re)).sort((a, b) => a - b);
      const complex = eig.filter(([, im]) => im !== 0);
      const firstComplex = Math.min(...complex.map(([re]) => Math.abs(re)));
      const tallest = complex.reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a));
      // R: the third smallest |Re|, the smallest |Re| of a non-real eigenvalue, and the |Re| of
      // the eigenvalue of largest |Im| (so the bound must reach the top of the whole spectrum)
      for (const R of [gaps[2] * 1.001, firstComplex * 1.001, Math.abs(tallest[0]) * 1.001]) {
        const cert = certifiedStripImagBound(A, R, { ptr });
        expect(cert.certified, cert.method).toBe(true);
        expect(cert.tries).toBeGreaterThanOrEqual(1);
        const inStrip = eig.filter(([re]) => re >= -R);
        if (R > firstComplex) expect(inStrip.some(([, im]) => im !== 0), `R = ${R}`).toBe(true);
        for (const [, im] of inStrip) expect(Math.abs(im), `R = ${R}`).toBeLessThanOrEqual(cert.bound);
        const lmax = lambdaMax(cert.t);
        const g = lmax + cert.t * R;
        expect(cert.bound, `R = ${R}`).toBeGreaterThanOrEqual(g);
        expect(cert.bound, `R = ${R}`).toBeLessThanOrEqual(g + 0.02 * Math.abs(lmax));
        // the inertia test itself: μI − K − tH indefinite just below the dense λmax, definite just above
        const G = negatedShiftedField(A, cert.t);
        const eps = 1e-7 * Math.max(1, Math.abs(lmax));
        expect(hermitianBlockCholesky(G, ptr, lmax - eps).positiveDefinite).toBe(false);
        expect(hermitianBlockCholesky(G, ptr, lmax + eps).positiveDefinite).toBe(true);
        // the factorisation-free Gershgorin form: proven too, and above the Lagrangian bound
        const gb = gershgorinStripImagBound(A, R);
        expect(gb.bound, `R = ${R}`).toBeGreaterThanOrEqual(lambdaMax(gb.t) + gb.t * R);
        expect(gb.bound, `R = ${R}`).toBeGreaterThanOrEqual(cert.bound);
        for (const [, im] of inStrip) expect(Math.abs(im), `R = ${R}`).toBeLessThanOrEqual(gb.bound);
      }
    }, 120_000);
  }

  it('retries after a failed margin, and without a passing margin returns the estimate marked not certified', () => {
    const p = makeParams({ d: 3, dissipator: 'spin', gammaI: 0.4, gammaC: 0.1, V: 1 });
    const A = buildSectorLiouvillian(buildPiBasis(4, 3), p, { p1: -1, p2: 1 }).matrix;
    const ptr = blockTridiagonalPartition(A);
    const { lambdaMax } = denseReference(A);
    const R = 0.2;
    const twice = certifiedStripImagBound(A, R, { ptr, margins: [-0.05, 1e-3] });
    expect(twice.certified).toBe(true);
    expect(twice.tries).toBe(2);
    expect(twice.bound).toBeGreaterThanOrEqual(lambdaMax(twice.t) + twice.t * R);
    const none = certifiedStripImagBound(A, R, { ptr, margins: [-0.05] });
    expect(none.certified).toBe(false);
    expect(none.method).toMatch(/not proven/);
    expect(none.bound).toBeCloseTo(1.05 * none.estimate, 12);
    const budget = certifiedStripImagBound(A, R, { ptr, maxFlops: 0 });
    expect(budget.certified).toBe(false);
    expect(budget.tries).toBe(0);
  }, 120_000);
});

describe('blockBalanced', () => {
  it('is a similarity (same dense spectrum), balances the couplings, and gives a much smaller proven strip bound', () => {
    // N = 12, d = 2, sector (+1,+1) at the issue-13 point; V < 0 as well
    for (const V of [1, -1.3]) {
      const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V });
      const A = buildSectorLiouvillian(buildPiBasis(12, 2), p, { p1: 1, p2: 1 }).matrix;
      const ptr = blockTridiagonalPartition(A);
      const bal = blockBalanced(A, ptr);
      const B = bal.matrix;
      // entries: a_ij·d_j/d_i; the coupling blocks between neighbouring blocks have equal norms
      const nb = ptr.length - 1;
      const block = (i: number) => { let b = 0; while (ptr[b + 1] <= i) b++; return b; };
      const up = new Float64Array(nb), down = new Float64Array(nb);
      for (let i = 0; i < A.rows; i++) for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) {
        const bi = block(i), bj = block(A.colIdx[q]);
        expect(B.values[q]).toBeCloseTo(A.values[q] * bal.scales[bj] / bal.scales[bi], 12);
        if (bj === bi + 1) up[bi] += B.values[q] ** 2; else if (bj === bi - 1) down[bj] += B.values[q] ** 2;
      }
      let unbalanced = 0;
      for (let b = 0; b + 1 < nb; b++) {
        expect(Math.sqrt(up[b] / down[b]), `blocks ${b}, ${b + 1}`).toBeCloseTo(1, 10);
        const a = (i: number, j: number) => { for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) if (A.colIdx[q] === j) return A.values[q]; return 0; };
        let u = 0, dn = 0;
        for (let i = ptr[b]; i < ptr[b + 1]; i++) for (let j = ptr[b + 1]; j < ptr[b + 2]; j++) { u += a(i, j) ** 2; dn += a(j, i) ** 2; }
        unbalanced = Math.max(unbalanced, Math.sqrt(u / dn), Math.sqrt(dn / u));
      }
      expect(unbalanced).toBeGreaterThan(2); // A itself is far from balanced (decay couples downwards)
      // same spectrum (dense eigenvalues, matched greedily; both are non-normal, hence the tolerance)
      const ea = denseReference(A).eig, { eig: eb, lambdaMax: lambdaMaxB } = denseReference(B);
      const left = eb.slice();
      for (const [re, im] of ea) {
        let best = 0, bd = Infinity;
        left.forEach(([r2, i2], j) => { const dd = Math.hypot(r2 - re, i2 - im); if (dd < bd) { bd = dd; best = j; } });
        expect(bd, `λ = ${re} + ${im}i`).toBeLessThan(1e-7 * Math.max(1, Math.hypot(re, im)));
        left.splice(best, 1);
      }
      // proven bound on the balanced matrix: holds A's spectrum, above B's dense g(t), far below A's bound
      const R = Math.min(...ea.filter(([, im]) => im !== 0).map(([re]) => Math.abs(re))) * 1.001;
      const certB = certifiedStripImagBound(B, R, { ptr, entryRounding: bal.entryRounding });
      const certA = certifiedStripImagBound(A, R, { ptr });
      expect(certB.certified, certB.method).toBe(true);
      expect(certB.bound).toBeGreaterThanOrEqual(lambdaMaxB(certB.t) + certB.t * R);
      for (const [re, im] of ea) if (re >= -R) expect(Math.abs(im)).toBeLessThanOrEqual(certB.bound);
      expect(certB.bound, `balanced ${certB.bound} vs plain ${certA.bound}`).toBeLessThan(0.75 * certA.bound);
      const gb = gershgorinStripImagBound(B, R, undefined, bal.entryRounding);
      expect(gb.bound).toBeGreaterThanOrEqual(certB.bound);
    }
  }, 120_000);
});
