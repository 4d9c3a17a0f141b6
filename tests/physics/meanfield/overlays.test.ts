import { describe, expect, it } from 'vitest';
import { eq10Rhs, qubitCentres, qubitOrbit, qubitOrbitFamily, startNear } from '../../../src/physics/meanfield/qubitOrbits.ts';
import { eq14Rhs, largeSpinFixedPoints, largeSpinOverlay } from '../../../src/physics/meanfield/largeSpin.ts';
import { eigenvaluesReal } from '../../../src/linalg/denseEig.ts';

describe('γ_I = 0 qubit orbits (Eq. 11) and the large-spin limit (Eq. 14)', () => {
  it('Eq. (11) points are fixed points of Eq. (10) with eigenvalues 0 (radial) and ±√(2γ_C² − 8V²)', () => {
    for (const [gC, V] of [[0.4, 1], [1.7, -1.2], [0.1, 0.3]]) {
      const cs = qubitCentres(gC, V);
      expect(cs.length).toBe(4);
      const f = eq10Rhs(0, gC, V);
      for (const c of cs) {
        const y = new Float64Array([c.X, c.Y, c.Z]), dy = new Float64Array(3);
        f(0, y, dy);
        expect(Math.max(...dy.map(Math.abs))).toBeLessThan(1e-14);
        expect(Math.hypot(c.X, c.Y, c.Z)).toBeCloseTo(1, 14);
        expect(Math.sign(c.X * c.Y)).toBe(Math.sign(V));
        // Jacobian by central differences (Eq. 10 is quadratic: exact)
        const J = new Float64Array(9);
        for (let k = 0; k < 3; k++) {
          const yp = y.slice(), ym = y.slice(), fp = new Float64Array(3), fm = new Float64Array(3);
          yp[k] += 1; ym[k] -= 1;
          f(0, yp, fp); f(0, ym, fm);
          for (let r = 0; r < 3; r++) J[r * 3 + k] = (fp[r] - fm[r]) / 2;
        }
        const wr = new Float64Array(3), wi = new Float64Array(3);
        eigenvaluesReal(3, J, wr, wi);
        const lam = Math.sqrt(8 * V * V - 2 * gC * gC);
        const im = Array.from(wi).sort((a, b) => a - b);
        expect(Math.max(...wr.map(Math.abs))).toBeLessThan(1e-9);
        expect(im[0]).toBeCloseTo(-lam, 9);
        expect(im[1]).toBeCloseTo(0, 9);
        expect(im[2]).toBeCloseTo(lam, 9);
      }
    }
    expect(qubitCentres(2.1, 1).length).toBe(0);
  });

  it('orbits around the centres close, conserve r, and average to X̄, Ȳ ≠ 0, Z̄ = 0; small orbits have period 2π/√(8V²−2γ_C²)', () => {
    const V = 1, gC = 1.2;
    const c = qubitCentres(gC, V)[0];
    const o = qubitOrbit({ gammaC: gC, V, start: startNear(c, 0.4) });
    expect(o.closed).toBe(true);
    expect(Math.abs(o.mean.Z)).toBeLessThan(1e-5);
    expect(o.mean.X).toBeGreaterThan(0.5);
    expect(o.mean.Y).toBeGreaterThan(0.1);
    for (let i = 0; i < o.t.length; i += 97) expect(Math.hypot(o.X[i], o.Y[i], o.Z[i])).toBeCloseTo(1, 8);
    const small = qubitOrbit({ gammaC: gC, V, start: startNear(c, 1e-3) });
    expect(small.period / ((2 * Math.PI) / Math.sqrt(8 * V * V - 2 * gC * gC))).toBeCloseTo(1, 4);
    expect(Math.abs(small.mean.X - c.X)).toBeLessThan(1e-4);
  });

  it('the time-averaged steady state jumps at γ_C = 2|V| (first order)', () => {
    const f = qubitOrbitFamily({ V: 1, gammaCRange: [1.5, 2.5], points: 11 });
    for (let i = 0; i < 11; i++) {
      if (f.gammaC[i] < 2) {
        expect(f.closed[i]).toBe(1);
        expect(f.meanX[i]).toBeGreaterThan(0.5);
        expect(Math.abs(f.meanZ[i])).toBeLessThan(1e-5);
      } else {
        expect(f.meanZ[i]).toBe(-1);
      }
    }
  });

  it('Eq. (14): N identical large spins follow Eq. (13), i.e. Eq. (10) with rates (0, γ_I + γ_C)', () => {
    const gI = 0.7, gC = 0.5, V = 1.1, N = 3;
    const x = 0.3, y = -0.5, z = -Math.sqrt(1 - 0.34);
    // Eq. (13) with α^(k) = α for all k: the sums are N·α
    const eq13 = [
      (-2 * V / N) * (N * y) * z + gI * x * z + (gC / N) * (N * x) * z,
      (-2 * V / N) * (N * x) * z + gI * y * z + (gC / N) * (N * y) * z,
      (2 * V / N) * N * (x * y + y * x) - gI * (x * x + y * y) - (gC / N) * N * (x * x + y * y),
    ];
    const dy = new Float64Array(3);
    eq14Rhs(gI, gC, V)(0, new Float64Array([x, y, z]), dy);
    for (let k = 0; k < 3; k++) expect(dy[k]).toBeCloseTo(eq13[k], 14);
    expect(largeSpinFixedPoints(gI, gC, V).zPolarised.stable).toBe(false);
    expect(largeSpinFixedPoints(1.8, gC, V).zPolarised.stable).toBe(true); // 2.3 > 2|V| = 2.2
    const L = largeSpinOverlay({ V: 1, gammaC: 0, gammaIRange: [1.6, 2.4], points: 9 });
    expect(L.criticalGammaI).toBe(2);
    for (let i = 0; i < 9; i++) {
      if (L.gammaI[i] < 2 - 1e-9) expect(L.meanX[i]).toBeGreaterThan(0.5);
      else expect(L.meanZ[i]).toBe(-1);
    }
  });
});
