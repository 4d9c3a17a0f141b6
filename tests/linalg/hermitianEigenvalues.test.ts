/**
 * The blocked tridiagonalisation of hermitianEigenvalues.ts (panels, padded layout, WebAssembly
 * SIMD kernels of wasmKernels.ts and their scalar fallback) against independent references:
 * ml-matrix's dense symmetric eigenvalues and the unblocked loop (panel 0). Sizes around the
 * panel width b = 8 (1, 2, b−1, b, b+1, 3b+5, 4b−1, 4b, 4b+1: the first blocked size; panels 8, 24
 * (the default) and 32) and larger ones
 * (300, 700: many panels, ragged ends), random and degenerate spectra; tolerance 1e-12·‖A‖₂.
 * The kernels themselves are checked one by one against plain loops.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { hermitianEigenvalues, symmetricEigenvalues } from '../../src/linalg/hermitianEigenvalues.ts';
import { wasmKernels } from '../../src/linalg/wasmKernels.ts';
import { mulberry32 } from '../../src/physics/model/random.ts';

const centred = (seed: number) => { const r = mulberry32(seed); return () => r() - 0.5; };

/** Q diag(λ) Qᵀ with Q a product of 3 random Householder reflections (row-major, exactly symmetric). */
function withSpectrum(lambda: number[], seed: number): Float64Array {
  const n = lambda.length, rnd = centred(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) A[i * n + i] = lambda[i];
  for (let h = 0; h < 3; h++) {
    const v = Float64Array.from({ length: n }, rnd);
    const vv = v.reduce((s, x) => s + x * x, 0);
    // A ← H A H, H = I − 2 v vᵀ/vᵀv
    const Av = new Float64Array(n);
    for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += A[i * n + j] * v[j]; Av[i] = s; }
    const vAv = v.reduce((s, x, i) => s + x * Av[i], 0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        A[i * n + j] += (-2 * (Av[i] * v[j] + v[i] * Av[j]) + (4 * vAv * v[i] * v[j]) / vv) / vv;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = A[j * n + i];
  return A;
}

function testMatrix(n: number, kind: string, seed: number): { A: Float64Array; exact?: number[] } {
  const rnd = centred(seed);
  if (kind === 'random') {
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = rnd();
    return { A };
  }
  if (kind === 'zero') return { A: new Float64Array(n * n), exact: new Array(n).fill(0) };
  if (kind === 'rank1') {
    const v = Float64Array.from({ length: n }, rnd), A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = v[i] * v[j];
    const vv = v.reduce((s, x) => s + x * x, 0);
    return { A, exact: [...new Array(n - 1).fill(0), vv] };
  }
  // 'repeated': eigenvalues −1, 0.5 and 2, each about n/3 times
  const lambda = Array.from({ length: n }, (_, i) => [-1, 0.5, 2][i % 3]);
  return { A: withSpectrum(lambda, seed), exact: [...lambda].sort((a, b) => a - b) };
}

const mlEigs = (n: number, A: Float64Array) =>
  new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)))), { assumeSymmetric: true })
    .realEigenvalues.sort((a, b) => a - b);

function expectClose(ev: Float64Array | number[], ref: ArrayLike<number>, scale: number, what: string): void {
  expect(ev.length).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ev[i] - ref[i]));
  expect(worst, `${what}: max |λ − λ_ref| = ${worst.toExponential(2)}, ‖A‖ = ${scale.toExponential(2)}`).toBeLessThanOrEqual(1e-12 * scale);
}

describe('real symmetric eigenvalues: blocked reduction (SIMD and scalar kernels) against ml-matrix and the unblocked loop', () => {
  const b = 8;
  const sizes = [1, 2, b - 1, b, b + 1, 3 * b + 5, 4 * b - 1, 4 * b, 4 * b + 1, 300];
  for (const kind of ['random', 'zero', 'rank1', 'repeated']) {
    it(`${kind}: n = ${sizes.join(', ')}, panels 0, ${b}, 24 and 32`, () => {
      for (const n of sizes) {
        const { A, exact } = testMatrix(n, kind, 100 + n);
        const ref = exact ?? mlEigs(n, A);
        const scale = Math.max(1e-300, ...ref.map(Math.abs));
        const plain = symmetricEigenvalues(n, Float64Array.from(A), 0);
        expectClose(plain, ref, scale, `${kind} n=${n} unblocked`);
        for (const panel of [b, 24, 32]) {
          for (const simd of [true, false]) {
            const ev = symmetricEigenvalues(n, Float64Array.from(A), panel, simd);
            expectClose(ev, ref, scale, `${kind} n=${n} panel=${panel} simd=${simd}`);
            expectClose(ev, plain, scale, `${kind} n=${n} panel=${panel} simd=${simd} vs unblocked`);
          }
        }
      }
    });
  }

  it('n = 700 (default: panels of 24, SIMD), random and repeated, against ml-matrix and the scalar kernels', () => {
    const n = 700;
    for (const kind of ['random', 'repeated']) {
      const { A, exact } = testMatrix(n, kind, 7);
      const ref = exact ?? mlEigs(n, A);
      const scale = Math.max(...ref.map(Math.abs));
      expectClose(symmetricEigenvalues(n, Float64Array.from(A)), ref, scale, `${kind} n=700 default`);
      expectClose(symmetricEigenvalues(n, Float64Array.from(A), 24, false), ref, scale, `${kind} n=700 scalar`);
    }
  });

  it('reads only the upper triangle (garbage below the diagonal is ignored)', () => {
    const n = 150, { A } = testMatrix(n, 'random', 3);
    const ref = mlEigs(n, A);
    const dirty = Float64Array.from(A);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) dirty[i * n + j] = 1e6 * (i - j);
    expectClose(symmetricEigenvalues(n, dirty, 8), ref, Math.max(...ref.map(Math.abs)), 'dirty lower triangle');
  });
});

describe('complex Hermitian eigenvalues on degenerate spectra', () => {
  it('zero, rank-1 (u uᴴ) and a real matrix with repeated eigenvalues as Hermitian input', () => {
    for (const n of [1, 2, 9, 40]) {
      expectClose(hermitianEigenvalues(n, new Float64Array(n * n), new Float64Array(n * n)), new Array(n).fill(0), 1e-300, `zero n=${n}`);
      const rnd = centred(n);
      const ur = Float64Array.from({ length: n }, rnd), ui = Float64Array.from({ length: n }, rnd);
      const re = new Float64Array(n * n), im = new Float64Array(n * n);
      let uu = 0;
      for (let i = 0; i < n; i++) {
        uu += ur[i] ** 2 + ui[i] ** 2;
        for (let j = 0; j < n; j++) { re[i * n + j] = ur[i] * ur[j] + ui[i] * ui[j]; im[i * n + j] = ui[i] * ur[j] - ur[i] * ui[j]; }
      }
      expectClose(hermitianEigenvalues(n, re, im), [...new Array(n - 1).fill(0), uu], uu, `rank-1 n=${n}`);
      const { A, exact } = testMatrix(n, 'repeated', n);
      expectClose(hermitianEigenvalues(n, A, new Float64Array(n * n)), exact!, 2, `repeated n=${n}`);
    }
  });
});

describe('WebAssembly SIMD kernels (wasmKernels.ts) against plain loops', () => {
  const K = wasmKernels(8 * 400_000);
  it('are available in this engine', () => expect(K).not.toBeNull());
  if (!K) return;
  // layout: A (ld × ld) at 0, U (ld × m), Zt (m × ld), v, p, c, out; padding zero
  const setup = (n: number, m: number, seed: number) => {
    const ld = 4 * Math.ceil((n + 3) / 4), rnd = centred(seed);
    const o = { a: 0, u: ld * ld, zt: ld * ld + ld * m, v: ld * ld + 2 * ld * m, p: ld * ld + 2 * ld * m + ld, c: ld * ld + 2 * ld * m + 2 * ld };
    const out = o.c + m;
    const F = K.heap;
    F.fill(0, 0, out + m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) F[o.a + i * ld + j] = rnd();
      F[o.v + i] = rnd();
      for (let t = 0; t < m; t++) { F[o.u + i * m + t] = rnd(); F[o.zt + t * ld + i] = rnd(); }
    }
    for (let t = 0; t < m; t++) F[o.c + t] = rnd();
    return { F, ld, o, out };
  };
  for (const n of [1, 2, 5, 8, 13, 64, 97]) {
    it(`n = ${n}: symv, rank2k, dots, axpyT`, () => {
      const m = 12;
      for (const k of [0, 1, 2, 3, Math.max(0, n - 1)].filter((x) => x < n)) {
        const { F, ld, o } = setup(n, m, 10 * n + k);
        const sym = (i: number, j: number) => (j >= i ? F[o.a + i * ld + j] : F[o.a + j * ld + i]);
        K.symv(8 * o.a, ld, k, n, 8 * o.v, 8 * o.p);
        for (let i = k; i < n; i++) {
          let s = 0;
          for (let j = k; j < n; j++) s += sym(i, j) * F[o.v + j];
          expect(Math.abs(F[o.p + i] - s)).toBeLessThan(1e-13 * n);
        }
        for (let j = n; j < ld; j++) expect(F[o.p + j]).toBe(0);

        const A0 = F.slice(o.a, o.a + ld * ld);
        K.rank2k(8 * o.a, ld, k, n, 8 * o.u, 8 * o.zt, m);
        for (let r = 0; r < ld; r++) {
          for (let c = 0; c < ld; c++) {
            const now = F[o.a + r * ld + c], was = A0[r * ld + c];
            if (r >= k && r < n && c >= r && c < n) {
              let s = 0;
              for (let t = 0; t < m; t++) s += F[o.u + r * m + t] * F[o.zt + t * ld + c];
              expect(Math.abs(now - (was - s))).toBeLessThan(1e-13 * m);
            } else if (r < k || r >= n || c >= n) expect(now).toBe(was); // only rows k1..n−1, columns < n (and padding stays 0)
          }
        }

        const j0 = k;
        F.fill(0, o.v, o.v + j0); // the contract: v is zero below j0
        const count = Math.min(m, 5);
        K.dots(8 * o.zt, ld, count, j0, 8 * o.v, 8 * (o.c + m));
        for (let s = 0; s < count; s++) {
          let x = 0;
          for (let j = j0; j < n; j++) x += F[o.zt + s * ld + j] * F[o.v + j];
          expect(Math.abs(F[o.c + m + s] - x)).toBeLessThan(1e-14 * n);
        }
        const y0 = F.slice(o.p, o.p + ld);
        K.axpyT(8 * o.p, 8 * o.zt, ld, count, j0, 8 * o.c);
        for (let j = j0; j < ld; j++) {
          let x = y0[j];
          for (let s = 0; s < count; s++) x -= F[o.c + s] * F[o.zt + s * ld + j];
          expect(Math.abs(F[o.p + j] - x)).toBeLessThan(1e-14 * count);
        }
      }
    });
  }
});
