/**
 * Complex Schur decomposition (reconstruction, unitarity, reordering, eigenvectors) and the
 * Krylov–Schur eigensolver against matrices with known spectra.
 */
import { describe, expect, it } from 'vitest';
import { complexSchur, schurReorder, triangularEigenvector } from '../../src/linalg/complexSchur.ts';
import { krylovSchur } from '../../src/linalg/krylovSchur.ts';
import { wasmKernels } from '../../src/linalg/wasmKernels.ts';
import { centred, lcg } from '../reference/random.ts';

const rng = (seed: number) => centred(lcg(seed));

/** max |Q T Qᴴ − A| and max |QᴴQ − I|. */
function checkSchur(n: number, Ar: Float64Array, Ai: Float64Array, Tr: Float64Array, Ti: Float64Array, Qr: Float64Array, Qi: Float64Array): [number, number] {
  let rec = 0, uni = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let sr = 0, si = 0, ur = 0, ui = 0;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
      // Q_ia T_ab conj(Q_jb)
      const tr = Tr[a * n + b], ti = Ti[a * n + b];
      if (tr === 0 && ti === 0) continue;
      const xr = Qr[i * n + a] * tr - Qi[i * n + a] * ti, xi = Qr[i * n + a] * ti + Qi[i * n + a] * tr;
      sr += xr * Qr[j * n + b] + xi * Qi[j * n + b]; si += xi * Qr[j * n + b] - xr * Qi[j * n + b];
    }
    for (let a = 0; a < n; a++) { ur += Qr[a * n + i] * Qr[a * n + j] + Qi[a * n + i] * Qi[a * n + j]; ui += Qr[a * n + i] * Qi[a * n + j] - Qi[a * n + i] * Qr[a * n + j]; }
    rec = Math.max(rec, Math.hypot(sr - Ar[i * n + j], si - Ai[i * n + j]));
    uni = Math.max(uni, Math.hypot(ur - (i === j ? 1 : 0), ui));
    if (i > j) expect(Math.hypot(Tr[i * n + j], Ti[i * n + j])).toBe(0);
  }
  return [rec, uni];
}

describe('complex Schur decomposition', () => {
  it('A = Q T Qᴴ, reordering keeps it, eigenvectors of T satisfy T x = t_ii x', () => {
    const n = 17, r = rng(5);
    const Ar = Float64Array.from({ length: n * n }, () => r()), Ai = Float64Array.from({ length: n * n }, () => r());
    const Tr = Float64Array.from(Ar), Ti = Float64Array.from(Ai);
    const Qr = new Float64Array(n * n), Qi = new Float64Array(n * n);
    for (let i = 0; i < n; i++) Qr[i * n + i] = 1;
    expect(complexSchur(n, Tr, Ti, Qr, Qi)).toBe(true);
    let [rec, uni] = checkSchur(n, Ar, Ai, Tr, Ti, Qr, Qi);
    expect(rec).toBeLessThan(1e-13);
    expect(uni).toBeLessThan(1e-13);
    // trace is the sum of eigenvalues
    let tr = 0, trA = 0;
    for (let i = 0; i < n; i++) { tr += Tr[i * n + i]; trA += Ar[i * n + i]; }
    expect(Math.abs(tr - trA)).toBeLessThan(1e-12);
    const before = Array.from({ length: n }, (_, i) => [Tr[i * n + i], Ti[i * n + i]]);
    const select = before.map(([a]) => a > 0);
    const cnt = schurReorder(n, Tr, Ti, Qr, Qi, select);
    [rec, uni] = checkSchur(n, Ar, Ai, Tr, Ti, Qr, Qi);
    expect(rec).toBeLessThan(1e-12);
    expect(uni).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) expect(Tr[i * n + i] > 0).toBe(i < cnt);
    for (const i of [0, 5, n - 1]) {
      const [xr, xi] = triangularEigenvector(n, Tr, Ti, i);
      for (let a = 0; a < n; a++) {
        let sr = 0, si = 0;
        for (let b = 0; b < n; b++) { sr += Tr[a * n + b] * xr[b] - Ti[a * n + b] * xi[b]; si += Tr[a * n + b] * xi[b] + Ti[a * n + b] * xr[b]; }
        const lr = Tr[i * n + i], li = Ti[i * n + i];
        expect(Math.hypot(sr - (lr * xr[a] - li * xi[a]), si - (lr * xi[a] + li * xr[a]))).toBeLessThan(1e-12);
      }
    }
  });

  it('an upper Hessenberg input (as Arnoldi gives; no reflectors needed), also scaled by 1e±100, and a Krylov–Schur restart shape (short reflectors)', () => {
    // restart: a 12×12 upper triangle, the coupling row b below it, then an Arnoldi (Hessenberg) tail
    for (const [n, scale, shape] of [[30, 1, 'hessenberg'], [12, 1e-100, 'hessenberg'], [12, 1e100, 'hessenberg'], [30, 1, 'restart']] as const) {
      const r = rng(n + 1);
      const Ar = new Float64Array(n * n), Ai = new Float64Array(n * n);
      const nonzero = (i: number, j: number) => shape === 'hessenberg' ? i <= j + 1 : j < 12 ? i <= j || i === 12 : i <= j + 1;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (nonzero(i, j)) { Ar[i * n + j] = scale * r(); Ai[i * n + j] = scale * r(); }
      const Tr = Float64Array.from(Ar), Ti = Float64Array.from(Ai);
      const Qr = new Float64Array(n * n), Qi = new Float64Array(n * n);
      for (let i = 0; i < n; i++) Qr[i * n + i] = 1;
      expect(complexSchur(n, Tr, Ti, Qr, Qi)).toBe(true);
      const [rec, uni] = checkSchur(n, Ar, Ai, Tr, Ti, Qr, Qi);
      expect(rec / scale).toBeLessThan(1e-13);
      expect(uni).toBeLessThan(1e-13);
      let tr = 0, trA = 0;
      for (let i = 0; i < n; i++) { tr += Tr[i * n + i]; trA += Ar[i * n + i]; }
      expect(Math.abs(tr - trA) / scale).toBeLessThan(1e-12);
    }
  });
});

describe('complex Gram–Schmidt SIMD kernels (wasmKernels.ts cdots, caxpys) against plain loops', () => {
  const K = wasmKernels(1 << 20);
  it('are available in this engine', () => expect(K).not.toBeNull());
  if (!K) return;
  for (const n of [1, 2, 3, 7, 64, 301]) {
    it(`n = ${n}`, () => {
      const np = n + (n & 1), nb = 8 * np, vs = 2 * nb, count = 9, r = rng(n);
      const H = K.heap;
      H.fill(0, 0, (count + 2) * 2 * np + 2 * count);
      const re = (j: number) => H.subarray(j * 2 * np, j * 2 * np + n), im = (j: number) => H.subarray(j * 2 * np + np, j * 2 * np + np + n);
      for (let j = 0; j <= count; j++) for (let q = 0; q < n; q++) { re(j)[q] = r(); im(j)[q] = r(); }
      const w = count, c = (count + 1) * 2 * np;
      K.cdots(0, vs, count, w * vs, nb, 8 * c);
      for (let s = 0; s < count; s++) {
        let sr = 0, si = 0; // v_sᴴ w
        for (let q = 0; q < n; q++) { sr += re(s)[q] * re(w)[q] + im(s)[q] * im(w)[q]; si += re(s)[q] * im(w)[q] - im(s)[q] * re(w)[q]; }
        expect(Math.abs(H[c + 2 * s] - sr)).toBeLessThan(1e-14 * n);
        expect(Math.abs(H[c + 2 * s + 1] - si)).toBeLessThan(1e-14 * n);
      }
      const wr = Float64Array.from(re(w)), wi = Float64Array.from(im(w));
      for (let s = 0; s < count; s++) { H[c + 2 * s] = r(); H[c + 2 * s + 1] = r(); }
      K.caxpys(0, vs, count, 8 * c, w * vs, nb);
      for (let q = 0; q < n; q++) {
        let xr = wr[q], xi = wi[q];
        for (let s = 0; s < count; s++) {
          const cr = H[c + 2 * s], ci = H[c + 2 * s + 1];
          xr -= cr * re(s)[q] - ci * im(s)[q]; xi -= cr * im(s)[q] + ci * re(s)[q];
        }
        expect(Math.abs(re(w)[q] - xr)).toBeLessThan(1e-14 * count);
        expect(Math.abs(im(w)[q] - xi)).toBeLessThan(1e-14 * count);
      }
      if (n & 1) { expect(H[w * 2 * np + n]).toBe(0); expect(H[w * 2 * np + np + n]).toBe(0); } // padding stays zero
    });
  }
});

describe('Krylov–Schur', () => {
  it('gives the same pairs with the SIMD and the JS Gram–Schmidt (odd n, restarts, intermediate checks)', () => {
    const n = 501, c = 0.05;
    const d = Float64Array.from({ length: n }, (_, i) => 1 / (1 + 0.2 * i));
    const op = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => {
      for (let i = 0; i < n; i++) { yr[i] = d[i] * xr[i] + (i + 1 < n ? c * xr[i + 1] : 0); yi[i] = d[i] * xi[i] + (i + 1 < n ? c * xi[i + 1] : 0); }
    };
    const a = krylovSchur(n, op, { nev: 6, ncv: 20, tol: 1e-12, simd: true });
    const b = krylovSchur(n, op, { nev: 6, ncv: 20, tol: 1e-12, simd: false });
    expect(a.converged && b.converged).toBe(true);
    expect(a.restarts).toBeGreaterThan(0);
    // upper triangular: the eigenvalues are d_0 > d_1 > …
    a.pairs.forEach((p, i) => {
      expect(Math.abs(p.re - d[i])).toBeLessThan(1e-10);
      expect(Math.abs(b.pairs[i].re - d[i])).toBeLessThan(1e-10);
    });
  });

  it('finds the largest-modulus eigenvalues of a non-normal operator with known spectrum', () => {
    // Op = S D S⁻¹ with S = I + upper bidiagonal c (non-normal), D diagonal with known entries
    const n = 400, c = 0.9;
    const d = Float64Array.from({ length: n }, (_, i) => 1 / (1 + i + 0.3 * Math.sin(i)));
    const dIm = Float64Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 0.2 * d[i] : 0));
    const op = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => {
      // y = S D S⁻¹ x; S⁻¹ x by back substitution of (I + cU)
      const tr = Float64Array.from(xr), ti = Float64Array.from(xi);
      for (let i = n - 2; i >= 0; i--) { tr[i] -= c * tr[i + 1]; ti[i] -= c * ti[i + 1]; }
      for (let i = 0; i < n; i++) { const a = tr[i], b = ti[i]; tr[i] = d[i] * a - dIm[i] * b; ti[i] = d[i] * b + dIm[i] * a; }
      for (let i = 0; i < n; i++) { yr[i] = tr[i] + (i + 1 < n ? c * tr[i + 1] : 0); yi[i] = ti[i] + (i + 1 < n ? c * ti[i + 1] : 0); }
    };
    const r = krylovSchur(n, op, { nev: 8, tol: 1e-12 });
    expect(r.converged).toBe(true);
    const exact = Array.from(d, (x, i) => [x, dIm[i]]).sort((a, b) => Math.hypot(b[0], b[1]) - Math.hypot(a[0], a[1])).slice(0, 8);
    r.pairs.forEach((p, i) => {
      expect(Math.hypot(p.re - exact[i][0], p.im - exact[i][1])).toBeLessThan(1e-10);
      // the true residual of the returned vector
      const yr = new Float64Array(n), yi = new Float64Array(n);
      op(p.vecRe, p.vecIm, yr, yi);
      let s = 0;
      for (let q = 0; q < n; q++) s += (yr[q] - (p.re * p.vecRe[q] - p.im * p.vecIm[q])) ** 2 + (yi[q] - (p.re * p.vecIm[q] + p.im * p.vecRe[q])) ** 2;
      expect(Math.sqrt(s)).toBeLessThan(1e-10 * Math.hypot(p.re, p.im));
    });
    expect(r.steps).toBeLessThan(400);
  });
});
