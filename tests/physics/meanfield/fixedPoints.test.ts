import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/physics/model/random.ts';
import { customEll, makeParams, type ModelParams } from '../../../src/physics/model/model.ts';
import {
  integrateMeanField, offDiagonalIndex, pureState, spinCoherentState, spinExpectations, zPolarisedState,
} from '../../../src/physics/meanfield/meanfield.ts';
import { findFixedPoints, newtonFixedPoint, stabilityOf } from '../../../src/physics/meanfield/fixedPoints.ts';
import {
  antiunitaryImage, jacobian, jacobianSpectrum, mfSystem, pi1Image, reducedDim, residual, toReduced,
} from '../../../src/physics/meanfield/reducedSystem.ts';

const rng = mulberry32;

/** Qubit ϱ from Bloch coordinates (k = 0 ↔ m = −1/2): ϱ_01 = (X + iY)/2. */
function qubitState(X: number, Y: number, Z: number): Float64Array {
  const s = new Float64Array(4);
  s[0] = (1 - Z) / 2;
  s[1] = (1 + Z) / 2;
  const idx = offDiagonalIndex(2, 0, 1);
  s[idx] = X / 2;
  s[idx + 1] = Y / 2;
  return s;
}

/** Sorted [re, im] pairs compared entrywise after sorting both by (re, im). */
function expectSameSpectrum(got: Array<[number, number]>, want: Array<[number, number]>, tol: number) {
  const key = (a: [number, number], b: [number, number]) => b[0] - a[0] || b[1] - a[1];
  const g = [...got].sort(key), w = [...want].sort(key);
  expect(g.length).toBe(w.length);
  for (let i = 0; i < g.length; i++) {
    expect(Math.abs(g[i][0] - w[i][0])).toBeLessThan(tol);
    expect(Math.abs(g[i][1] - w[i][1])).toBeLessThan(tol);
  }
}

describe('qubit fixed points (Eq. 10, Appendix B)', () => {
  it('broken-symmetry points X = sgn(V)Y = ±√(γ_I(2|V|−γ_I−γ_C))/(2|V|−γ_C), Z = −γ_I/(2|V|−γ_C) at random rates', () => {
    const r = rng(1);
    for (let trial = 0; trial < 6; trial++) {
      const V = (r() < 0.5 ? -1 : 1) * (0.5 + 2 * r());
      const aV = Math.abs(V);
      const gC = 1.5 * aV * r();
      const gI = (2 * aV - gC) * (0.05 + 0.9 * r()); // below the critical line
      const p = makeParams({ d: 2, dissipator: 'spin', gammaI: gI, gammaC: gC, V });
      const den = 2 * aV - gC;
      const X = Math.sqrt(gI * (2 * aV - gI - gC)) / den, Z = -gI / den;
      const fps = findFixedPoints(p, { thetaSamples: 3, phiSamples: 4 });
      const broken = fps.filter((f) => f.kind === 'broken');
      expect(broken.length).toBe(2);
      for (const f of broken) {
        expect(f.stable).toBe(true);
        expect(Math.abs(Math.abs(f.X) - X)).toBeLessThan(1e-10);
        expect(Math.abs(f.Y - Math.sign(V) * f.X)).toBeLessThan(1e-10);
        expect(Math.abs(f.Z - Z)).toBeLessThan(1e-10);
      }
      expect(broken[0].X * broken[1].X).toBeLessThan(0);
      const z = fps.filter((f) => f.kind === 'z-polarised');
      expect(z.length).toBe(1);
      expect(z[0].stable).toBe(false);
    }
  });

  it('Jacobian at the broken points: −4|V|γ_I/(2|V|−γ_C), −γ_I ± √(γ_I(5γ_I+4γ_C−8|V|)) (3 eigenvalues, trace eliminated)', () => {
    const r = rng(2);
    for (let trial = 0; trial < 20; trial++) {
      const V = (r() < 0.5 ? -1 : 1) * (0.5 + 2 * r());
      const aV = Math.abs(V);
      const gC = 1.5 * aV * r();
      const gI = (2 * aV - gC) * (0.05 + 0.9 * r());
      const p = makeParams({ d: 2, dissipator: 'spin', gammaI: gI, gammaC: gC, V });
      const den = 2 * aV - gC;
      const X = Math.sqrt(gI * (2 * aV - gI - gC)) / den;
      const s = qubitState(X, Math.sign(V) * X, -gI / den);
      const nr = newtonFixedPoint(p, s);
      expect(nr.converged).toBe(true);
      let dev = 0;
      for (let i = 0; i < 4; i++) dev = Math.max(dev, Math.abs(nr.state[i] - s[i]));
      expect(dev).toBeLessThan(1e-12); // the closed form is an exact zero of our F
      const disc = gI * (5 * gI + 4 * gC - 8 * aV);
      const want: Array<[number, number]> = [[(-4 * aV * gI) / den, 0]];
      if (disc >= 0) want.push([-gI + Math.sqrt(disc), 0], [-gI - Math.sqrt(disc), 0]);
      else want.push([-gI, Math.sqrt(-disc)], [-gI, -Math.sqrt(-disc)]);
      const st = stabilityOf(p, s);
      expect(st.eigenvalues.length).toBe(3);
      expectSameSpectrum(st.eigenvalues, want, 1e-10);
      expect(st.stable).toBe(true);
    }
  });
});

/** Appendix B's z-polarised spectrum, written in the paper's m labels (ℓ_{−j−1} := 0). */
function appendixBSpectrum(p: ModelParams): Array<[number, number]> {
  const j = (p.d - 1) / 2;
  const l2 = (m: number) => {
    const k = Math.round(m + j); // ℓ_m is entry k = m + j
    if (k < 0 || k > p.d - 2) return 0;
    return p.ell.re[k] ** 2 + p.ell.im[k] ** 2;
  };
  const out: Array<[number, number]> = [];
  const b = (-l2(-j) * (p.gammaI + p.gammaC)) / (2 * j);
  out.push([b + 2 * p.V, 0], [b - 2 * p.V, 0]); // Eq. (B2), V with sign: the pair is ±2V either way
  for (let m = -j + 2; m <= j + 1e-9; m++) {
    for (let n = -j; n <= m - 1 + 1e-9; n++) {
      const v = (-p.gammaI * (l2(m - 1) + l2(n - 1))) / (2 * j);
      out.push([v, 0], [v, 0]);
    }
  }
  for (let m = -j + 1; m <= j + 1e-9; m++) out.push([(-p.gammaI * l2(m - 1)) / j, 0]);
  return out;
}

describe('z-polarised state (Eq. 12, Appendix B)', () => {
  it('is a fixed point and its full Jacobian spectrum equals Eqs. (B1)–(B2) for d = 2..7, spin/flat/complex ℓ', () => {
    const r = rng(3);
    for (let d = 2; d <= 7; d++) {
      for (const kind of ['spin', 'flat', 'custom'] as const) {
        const V = (r() < 0.5 ? -1 : 1) * (0.3 + 2 * r());
        const p: ModelParams = kind === 'custom'
          ? { d, ell: customEll(d, Array.from({ length: d - 1 }, () => 0.2 + r()), Array.from({ length: d - 1 }, () => r() - 0.5)), gammaI: 3 * r(), gammaC: 3 * r(), V }
          : makeParams({ d, dissipator: kind, gammaI: 3 * r(), gammaC: 3 * r(), V });
        const sys = mfSystem(p);
        const F = new Float64Array(reducedDim(d));
        residual(sys, toReduced(zPolarisedState(d)), F);
        expect(Math.max(...F.map(Math.abs))).toBe(0);
        const J = new Float64Array(reducedDim(d) ** 2);
        jacobian(sys, toReduced(zPolarisedState(d)), J);
        const sp = jacobianSpectrum(d, J, null, false);
        const got = Array.from(sp.re, (x, i) => [x, sp.im[i]] as [number, number]);
        expect(got.length).toBe(d * d - 1);
        // degenerate eigenvalues of a non-normal matrix: agreement to ~√ε·scale is the best possible
        expectSameSpectrum(got, appendixBSpectrum(p), 1e-6);
      }
    }
  });

  it('loses stability exactly on the critical line γ_I + γ_C = 2|V| (spin dissipator, d = 2..7)', () => {
    const r = rng(4);
    for (let d = 2; d <= 7; d++) {
      const V = (r() < 0.5 ? -1 : 1) * (0.5 + r());
      const gC = 1.5 * Math.abs(V) * r();
      const crit = 2 * Math.abs(V) - gC;
      for (const [eps, stable] of [[-1e-4, false], [1e-4, true]] as const) {
        const p = makeParams({ d, dissipator: 'spin', gammaI: crit + eps, gammaC: gC, V });
        const st = stabilityOf(p, zPolarisedState(d)); // numerical Jacobian, not the closed form
        expect(st.stable).toBe(stable);
        expect(Math.abs(st.maxRealEigenvalue - (-eps))).toBeLessThan(1e-9); // −(γ_I+γ_C) + 2|V|
      }
    }
  });
});

describe('symmetries and the search', () => {
  it('Π1, Π2 (⟨J_x⟩ ↦ ⟨J_y⟩) and Π1Π2 map fixed points to fixed points', () => {
    const p = makeParams({ d: 5, dissipator: 'flat', gammaI: 1.2, gammaC: 0.3, V: -0.8 });
    const fps = findFixedPoints(p, { thetaSamples: 3, phiSamples: 4 });
    const b = fps.find((f) => f.kind === 'broken')!;
    expect(Math.abs(b.X + b.Y)).toBeLessThan(1e-10); // V < 0: X = −Y
    const sys = mfSystem(p);
    const F = new Float64Array(reducedDim(5));
    for (const img of [pi1Image(5, b.state), antiunitaryImage(5, b.state, 1), antiunitaryImage(5, b.state, -1)]) {
      residual(sys, toReduced(img), F);
      expect(Math.max(...F.map(Math.abs))).toBeLessThan(1e-13);
    }
    const e2 = spinExpectations(5, antiunitaryImage(5, b.state, 1));
    expect(e2.X).toBeCloseTo(b.Y, 14);
    expect(e2.Y).toBeCloseTo(b.X, 14);
  });

  it('bistable region (flat, d = 5, γ_I = 2.1|V|): every attractor of 60 trajectories is a stable fixed point found, and vice versa', () => {
    const d = 5;
    const p = makeParams({ d, dissipator: 'flat', gammaI: 2.1, gammaC: 0, V: 1 });
    const fps = findFixedPoints(p);
    const stable = fps.filter((f) => f.stable);
    expect(stable.map((f) => f.kind).sort()).toEqual(['broken', 'broken', 'z-polarised']);
    // the unstable broken pair between the fold and the pitchfork is found too (from the branch)
    expect(fps.filter((f) => f.kind === 'broken' && !f.stable).length).toBe(2);
    const r = rng(6);
    const hits = new Array(stable.length).fill(0);
    for (let k = 0; k < 60; k++) {
      // random pure states (not only spin-coherent ones)
      const re = Array.from({ length: d }, () => r() - 0.5), im = Array.from({ length: d }, () => r() - 0.5);
      const tr = integrateMeanField(p, pureState(d, re, im), [600], { rtol: 1e-9, atol: 1e-12 }, 1);
      const e = spinExpectations(d, tr.final);
      const idx = stable.findIndex((f) => Math.abs(f.X - e.X) + Math.abs(f.Y - e.Y) + Math.abs(f.Z - e.Z) < 1e-5);
      expect(idx).toBeGreaterThanOrEqual(0);
      hits[idx]++;
    }
    for (const h of hits) expect(h).toBeGreaterThan(0);
  });

  it('γ_I = 0: the z-polarised state is not called stable (continuum of fixed points, zero eigenvalues)', () => {
    const p = makeParams({ d: 4, dissipator: 'flat', gammaI: 0, gammaC: 2.5, V: 1 });
    const st = stabilityOf(p, zPolarisedState(4));
    expect(st.stable).toBe(false);
    expect(Math.abs(st.maxRealEigenvalue)).toBeLessThan(1e-12);
  });

  it('a single spin-coherent initial state relaxes to one of the fixed points returned (d = 3)', () => {
    const p = makeParams({ d: 3, dissipator: 'spin', gammaI: 0.6, gammaC: 0.2, V: 1 });
    const fps = findFixedPoints(p, { thetaSamples: 2, phiSamples: 2 });
    const psi = spinCoherentState(3, 2.0, 0.3);
    const tr = integrateMeanField(p, pureState(3, psi.re, psi.im), [400], { rtol: 1e-10, atol: 1e-12 }, 1);
    const e = spinExpectations(3, tr.final);
    expect(fps.some((f) => f.stable && Math.abs(f.X - e.X) + Math.abs(f.Z - e.Z) < 1e-6)).toBe(true);
  });
});
