/**
 * The trace functional as the closed-form left eigenvector of λ = 0 (spectrum.ts
 * traceFunctional, rightmostEigs.ts knownLeft): it is the left null vector of the (+1,+1) sector
 * matrix (trace preservation, Eq. 1) — checked against a dense SVD (ml-matrix) — and the
 * eigensolver uses it for λ = 0's certificate only where its residual confirms it.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { csrMatVec, csrNormInf, csrToDense, csrTranspose } from '../../../src/linalg/csr.ts';
import { rightmostEigenvalues } from '../../../src/linalg/rightmostEigs.ts';
import { makeParams } from '../../../src/physics/model/model.ts';
import { buildPiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { SECTOR_LABELS, parseSector } from '../../../src/physics/exact/sectors.ts';
import { traceFunctional } from '../../../src/physics/exact/spectrum.ts';
import { centred, lcg } from '../../reference/random.ts';

const p = makeParams({ d: 3, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 });
const b = buildPiBasis(4, 3);
const unit = (v: ArrayLike<number>) => { const s = Math.hypot(...Array.from(v)); return Array.from(v, (x) => x / s); };
const dot = (a: ArrayLike<number>, c: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * c[i]; return s; };

describe('trace functional', () => {
  it('exists exactly in the sectors that hold a trace, and is the left null vector there', () => {
    for (const label of SECTOR_LABELS) {
      const L = buildSectorLiouvillian(b, p, parseSector(label));
      const w = traceFunctional(b, L);
      if (label !== '+1,+1') { expect(w, label).toBeNull(); continue; }
      expect(w).not.toBeNull();
      const A = L.matrix, n = A.rows;
      // conservation law: wᵀA = 0 to rounding
      const r = new Float64Array(n);
      csrMatVec(csrTranspose(A), w!, r);
      const wn = Math.hypot(...Array.from(w!));
      expect(Math.max(...Array.from(r, Math.abs))).toBeLessThan(1e-13 * csrNormInf(A) * wn);
      // and the dense left singular vector of the smallest singular value, up to sign
      const svd = new SingularValueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(csrToDense(A).subarray(i * n, (i + 1) * n)))));
      const s = svd.diagonal;
      const last = s.indexOf(Math.min(...s));
      expect(s[last]).toBeLessThan(1e-12 * s[0]);
      const u = svd.leftSingularVectors.getColumn(last);
      expect(Math.abs(dot(unit(w!), unit(u)))).toBeGreaterThan(1 - 1e-10);
    }
  });

  it('certifies λ = 0 with it (no computed left vector) and ignores a vector that is not one', () => {
    const L = buildSectorLiouvillian(b, p, parseSector('+1,+1'));
    const A = L.matrix, n = A.rows;
    const w = traceFunctional(b, L)!;
    const opts = { k: 1, sigma: 0.05 };
    const plain = rightmostEigenvalues(A, opts);
    const known = rightmostEigenvalues(A, { ...opts, knownLeft: [{ re: 0, im: 0, w }] });
    const rnd = centred(lcg(7));
    const wrong = rightmostEigenvalues(A, { ...opts, knownLeft: [{ re: 0, im: 0, w: Float64Array.from(w, (x) => x + 1e-3 * rnd()) }] });
    // dense κ of λ = 0 from the SVD's null vectors
    const svd = new SingularValueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(csrToDense(A).subarray(i * n, (i + 1) * n)))));
    const last = svd.diagonal.indexOf(Math.min(...svd.diagonal));
    const kappa = 1 / Math.abs(dot(unit(svd.leftSingularVectors.getColumn(last)), unit(svd.rightSingularVectors.getColumn(last))));
    for (const r of [plain, known, wrong]) {
      const e = r.eigenvalues[0];
      expect(Math.hypot(e.re, e.im)).toBeLessThanOrEqual(e.errorBound);
      expect(e.certified).toBe(true);
      expect(Math.abs(e.condition / kappa - 1)).toBeLessThan(1e-6);
    }
    // the known vector saves the left computation (operator applications) and is exact to rounding
    expect(known.steps).toBeLessThan(plain.steps);
    expect(known.eigenvalues[0].leftResidual).toBeLessThan(1e-14 * csrNormInf(A));
    // a perturbed vector fails its residual check: the run is the plain one
    expect(wrong.steps).toBe(plain.steps);
    expect(wrong.eigenvalues[0].re).toBe(plain.eigenvalues[0].re);
  });
});
