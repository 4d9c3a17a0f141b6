import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/physics/model/random.ts';
import { dissipatorEll, customEll, makeParams, type ModelParams } from '../../../src/physics/model/model.ts';
import {
  integrateMeanField, meanFieldRhs, meanFieldWork, offDiagonalIndex, pureState, purityOf,
  spinCoherentState, spinExpectations, stateLength, traceOf, zPolarisedState, minEigenvalue,
} from '../../../src/physics/meanfield/meanfield.ts';

const rng = mulberry32;

/** Qubit state from Bloch coordinates: ϱ = (1 + Xσx + Yσy + Zσz)/2 with k = 0 ↔ m = −1/2. */
function qubitState(X: number, Y: number, Z: number): Float64Array {
  const s = new Float64Array(4);
  s[0] = (1 - Z) / 2; // ⟨−|ϱ|−⟩
  s[1] = (1 + Z) / 2; // ⟨+|ϱ|+⟩
  // ϱ_{−,+} = ⟨−|ϱ|+⟩ = (X + iY)/2 since ⟨j_+⟩ = Tr ϱ j_+ = ϱ_{01}·A, A = 1, and ⟨σ_+⟩... X = 2 Re ϱ_01 ... with j = 1/2
  const idx = offDiagonalIndex(2, 0, 1);
  s[idx] = X / 2;
  s[idx + 1] = Y / 2;
  return s;
}

/** Eq. (10) of the paper, written out independently. */
function eq10(gI: number, gC: number, V: number, X: number, Y: number, Z: number): [number, number, number] {
  return [
    -2 * V * Y * Z - gI * X + gC * X * Z,
    -2 * V * X * Z - gI * Y + gC * Y * Z,
    4 * V * X * Y - 2 * gI * (Z + 1) - gC * (X * X + Y * Y),
  ];
}

function xyzRate(p: ModelParams, s: Float64Array): [number, number, number] {
  const ds = new Float64Array(s.length);
  meanFieldRhs(p, meanFieldWork(p), s, ds);
  const e = spinExpectations(p.d, ds); // X, Y, Z are linear in ϱ, so they map derivatives too
  return [e.X, e.Y, e.Z];
}

describe('mean-field equations (Eq. 9)', () => {
  it('reduce to Eq. (10) for d = 2, term by term, at random points', () => {
    const r = rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const gI = 3 * r(), gC = 3 * r(), V = 4 * r() - 2;
      // random point inside the Bloch ball
      let X = 2 * r() - 1, Y = 2 * r() - 1, Z = 2 * r() - 1;
      const len = Math.hypot(X, Y, Z);
      if (len > 1) { X /= len; Y /= len; Z /= len; }
      const s = qubitState(X, Y, Z);
      expect(spinExpectations(2, s).X).toBeCloseTo(X, 14);
      expect(spinExpectations(2, s).Z).toBeCloseTo(Z, 14);
      // each of the three terms separately: V only, γ_I only, γ_C only
      const ell = dissipatorEll(2, 'spin');
      for (const [a, b, c] of [[0, 0, V], [gI, 0, 0], [0, gC, 0], [gI, gC, V]]) {
        const got = xyzRate({ d: 2, ell, gammaI: a, gammaC: b, V: c }, s);
        const want = eq10(a, b, c, X, Y, Z);
        for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(want[i], 12);
      }
    }
  });

  it('have the z-polarised state (Eq. 12) as a fixed point for every d and ℓ', () => {
    const r = rng(3);
    for (let d = 2; d <= 10; d++) {
      const ells = [dissipatorEll(d, 'spin'), dissipatorEll(d, 'flat'),
        customEll(d, Array.from({ length: d - 1 }, () => r() + 0.1), Array.from({ length: d - 1 }, () => r() - 0.5))];
      for (const ell of ells) {
        const p = { d, ell, gammaI: 1.3, gammaC: 0.7, V: -0.9 };
        const ds = new Float64Array(stateLength(d));
        meanFieldRhs(p, meanFieldWork(p), zPolarisedState(d), ds);
        expect(Math.max(...ds.map(Math.abs))).toBe(0);
      }
    }
  });

  it('a non-fixed point really moves (the fixed-point test can fail)', () => {
    const d = 4;
    const p = makeParams({ d, dissipator: 'flat', gammaI: 1, gammaC: 1, V: 1 });
    const c = spinCoherentState(d, 1.0, 0.3);
    const ds = new Float64Array(stateLength(d));
    meanFieldRhs(p, meanFieldWork(p), pureState(d, c.re, c.im), ds);
    expect(Math.max(...ds.map(Math.abs))).toBeGreaterThan(1e-2);
  });

  it('preserve the trace exactly and hermiticity by construction (derivative traceless)', () => {
    const r = rng(11);
    for (const d of [3, 5, 8]) {
      const p = makeParams({ d, dissipator: 'spin', gammaI: 0.4, gammaC: 0.9, V: 1.1 });
      const s = new Float64Array(stateLength(d));
      for (let i = 0; i < s.length; i++) s[i] = r() - 0.5;
      const ds = new Float64Array(s.length);
      meanFieldRhs(p, meanFieldWork(p), s, ds);
      expect(Math.abs(traceOf(d, ds))).toBeLessThan(1e-14);
    }
  });
});

describe('spin-coherent states', () => {
  it('point along (sinθcosφ, sinθsinφ, cosθ) with maximal spin length, any d', () => {
    for (const d of [2, 3, 4, 7, 10]) {
      for (const [th, ph] of [[0.3, 1.2], [2.5, -0.7], [Math.PI / 2, 3.0]]) {
        const c = spinCoherentState(d, th, ph);
        const s = pureState(d, c.re, c.im);
        const e = spinExpectations(d, s);
        expect(e.X).toBeCloseTo(Math.sin(th) * Math.cos(ph), 12);
        expect(e.Y).toBeCloseTo(Math.sin(th) * Math.sin(ph), 12);
        expect(e.Z).toBeCloseTo(Math.cos(th), 12);
        expect(purityOf(d, s)).toBeCloseTo(1, 12);
      }
    }
  });
});

describe('integration of the mean-field flow', () => {
  it('matches the closed-form qubit decay (V = γ_C = 0) to the requested tolerance', () => {
    const gI = 0.8;
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: gI, gammaC: 0, V: 0 });
    const X0 = 0.6, Y0 = -0.2, Z0 = 0.5;
    const times = [0.5, 1, 2, 5, 10];
    for (const tol of [1e-6, 1e-9]) {
      const tr = integrateMeanField(p, qubitState(X0, Y0, Z0), times, { rtol: tol, atol: tol * 1e-2 });
      times.forEach((t, k) => {
        // Eq. (10) with V = γ_C = 0: X' = −γ_I X, Z' = −2γ_I (Z + 1)
        expect(Math.abs(tr.X[k] - X0 * Math.exp(-gI * t))).toBeLessThan(20 * tol);
        expect(Math.abs(tr.Y[k] - Y0 * Math.exp(-gI * t))).toBeLessThan(20 * tol);
        expect(Math.abs(tr.Z[k] - (-1 + (Z0 + 1) * Math.exp(-2 * gI * t)))).toBeLessThan(20 * tol);
      });
    }
  });

  it('matches the closed-form precession for γ = 0 in the X = −Y plane... (exact rotation)', () => {
    // With γ_I = γ_C = 0 and d = 2, Eq. (10) on the circle X = Y, starting at Z = 0:
    // u = (X+Y)/√2 obeys u' = −2V u Z, Z' = 2V u², so (u, Z) rotates on u² + Z² = r²:
    // u(t) = r / cosh(2V r t)... (a heteroclinic orbit); check r is conserved and Z(t) = r tanh(2Vrt).
    const V = 0.7, r0 = 0.8;
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: 0, gammaC: 0, V });
    const X0 = r0 / Math.SQRT2;
    const times = [0.3, 1, 2, 4];
    const tr = integrateMeanField(p, qubitState(X0, X0, 0), times, { rtol: 1e-10, atol: 1e-12 });
    times.forEach((t, k) => {
      expect(tr.Z[k]).toBeCloseTo(r0 * Math.tanh(2 * V * r0 * t), 7);
      expect(Math.hypot(tr.X[k], tr.Y[k], tr.Z[k])).toBeCloseTo(r0, 8);
    });
  });

  it('conserves the trace to 1e-12 and stays positive for d = 4, 7 over long runs', () => {
    for (const d of [4, 7]) {
      for (const kind of ['spin', 'flat'] as const) {
        const p = makeParams({ d, dissipator: kind, gammaI: 0.5, gammaC: 1, V: 1 });
        const c = spinCoherentState(d, 2.0, 0.4);
        const times = Array.from({ length: 101 }, (_, i) => i * 0.5);
        const tr = integrateMeanField(p, pureState(d, c.re, c.im), times);
        expect(tr.traceError).toBeLessThan(1e-12);
        expect(tr.minEigenvalue).toBeGreaterThan(-1e-7);
      }
    }
  });

  it('converges to the paper\'s qubit broken-symmetry steady state (Sec. III A)', () => {
    const gI = 0.5, gC = 0.3, V = 1;
    const p = makeParams({ d: 2, dissipator: 'spin', gammaI: gI, gammaC: gC, V });
    const tr = integrateMeanField(p, qubitState(0.3, 0.5, 0.1), [400]);
    const Xs = Math.sqrt(gI * (2 * V - gI - gC)) / (2 * V - gC);
    expect(Math.abs(tr.X[0])).toBeCloseTo(Xs, 6);
    expect(tr.Y[0]).toBeCloseTo(tr.X[0], 6); // X = sgn(V) Y
    expect(tr.Z[0]).toBeCloseTo(-gI / (2 * V - gC), 6);
  });

  it('minEigenvalue detects a non-positive matrix', () => {
    const s = qubitState(0, 0, 1.5); // not a state: populations −0.25, 1.25
    expect(minEigenvalue(2, s)).toBeCloseTo(-0.25, 12);
  });
});
