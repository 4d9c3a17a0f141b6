import { describe, expect, it } from 'vitest';
import { planeRhs, qubitFixedPoints, qubitRhs } from '../../../src/physics/meanfield/qubitFlow.ts';
import { fig2Data } from '../../../src/physics/meanfield/fig2.ts';
import { mulberry32 } from '../../../src/physics/model/random.ts';

describe('qubit flow (Eq. 10) and Fig. 2 data', () => {
  it('the listed fixed points are zeros of Eq. (10), at random rates and both signs of V', () => {
    const r = mulberry32(5);
    for (let k = 0; k < 300; k++) {
      const p = { gammaI: k % 5 === 0 ? 0 : 2 * r(), gammaC: 2 * r(), V: (r() < 0.5 ? -1 : 1) * (0.2 + 2 * r()) };
      for (const f of qubitFixedPoints(p)) {
        const v = qubitRhs(p, f.X, f.Y, f.Z);
        expect(Math.hypot(...v)).toBeLessThan(1e-12);
      }
    }
  });

  it('the plane flow is Eq. (10) restricted to X = sgn(V)·Y', () => {
    const r = mulberry32(9);
    for (let k = 0; k < 100; k++) {
      const p = { gammaI: 2 * r(), gammaC: 2 * r(), V: (r() < 0.5 ? -1 : 1) * (0.2 + 2 * r()) };
      const s = Math.sign(p.V);
      const u = 2 * r() - 1, Z = 2 * r() - 1;
      const X = u / Math.SQRT2, Y = s * X;
      const [dx, dy, dz] = qubitRhs(p, X, Y, Z);
      expect(dx - s * dy).toBeCloseTo(0, 12); // invariance of the plane
      const [du, dZ] = planeRhs(p, u, Z);
      expect(du).toBeCloseTo((dx + s * dy) / Math.SQRT2, 12);
      expect(dZ).toBeCloseTo(dz, 12);
    }
  });

  it('stream lines are tangent to the field and the z-polarised point is stable exactly above the critical line', () => {
    for (const [gI, gC, stable] of [[0.5, 1.2, false], [1.5, 1.0, true]] as const) {
      const res = fig2Data({ gammaI: gI, gammaC: gC, V: 1, projection: 'plane' });
      const z = res.fixedPoints.find((f) => f.Z === -1)!;
      expect(z.stability).toBe(stable ? 'stable' : 'unstable');
      expect(res.fixedPoints.length).toBe(stable ? 1 : 3);
      const L = res.lines;
      expect(L.starts.length).toBeGreaterThan(20);
      let checked = 0;
      for (let i = 0; i + 1 < L.starts.length; i++) {
        for (let k = L.starts[i]; k + 1 < L.starts[i + 1]; k += 7) {
          const tx = L.x[k + 1] - L.x[k], ty = L.y[k + 1] - L.y[k];
          const [fx, fy] = planeRhs({ gammaI: gI, gammaC: gC, V: 1 }, L.x[k], L.y[k]);
          const cos = Math.abs(tx * fx + ty * fy) / (Math.hypot(tx, ty) * Math.hypot(fx, fy));
          if (Math.hypot(fx, fy) > 1e-3) { expect(cos).toBeGreaterThan(0.98); checked++; }
          expect(L.x[k] ** 2 + L.y[k] ** 2).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  });
});
