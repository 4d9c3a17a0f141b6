/**
 * The blocked dense LU kernels (src/linalg/denseLu.ts, complexLu.ts over gemm.ts) against the
 * unblocked algorithm they replaced (tests/reference/unblockedLu.ts) and against direct
 * residuals: ‖PA − LU‖ / (‖A‖ n ε) and ‖AX − B‖ / (‖A‖ ‖X‖ n ε) (max norms), for sizes around
 * and above the block size, real and complex, exact zero pivots, ties in the pivot search, and
 * m = 1 … m > n right-hand sides.
 */
import { describe, expect, it } from 'vitest';
import { LU_BLOCK, luFactor, luSolveMany } from '../../src/linalg/denseLu.ts';
import { complexLuFactor, complexLuSolveMany } from '../../src/linalg/complexLu.ts';
import {
  unblockedComplexLuFactor, unblockedComplexLuSolveMany, unblockedLuFactor, unblockedLuSolveMany,
} from '../reference/unblockedLu.ts';
import { centred, lcg } from '../reference/random.ts';
import { complexGemmSub, gemmSub, setGemmSimd } from '../../src/linalg/gemm.ts';

const EPS = 2 ** -52;
const NB = LU_BLOCK;
const SIZES = [1, 2, NB - 1, NB, NB + 1, 3 * NB + 5, 300];
const random = (len: number, seed: number) => { const r = centred(lcg(seed)); return Float64Array.from({ length: len }, r); };
const maxAbs = (...xs: Float64Array[]) => Math.max(0, ...xs.map((x) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
const maxDiff = (a: Float64Array, b: Float64Array) => { let d = 0; for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i])); return d; };

/** P·A with the LAPACK interchanges piv applied to the rows of an n×n split matrix (im may be empty). */
function permuteRows(n: number, piv: Int32Array, re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const pr = re.slice(), pi = im.slice();
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    for (let c = 0; c < n; c++) {
      let t = pr[k * n + c]; pr[k * n + c] = pr[p * n + c]; pr[p * n + c] = t;
      if (pi.length) { t = pi[k * n + c]; pi[k * n + c] = pi[p * n + c]; pi[p * n + c] = t; }
    }
  }
  return [pr, pi];
}

/** max |PA − LU| / (max |A| · n · ε) from packed factors (im empty: real). */
function factorResidual(n: number, a: Float64Array, ai: Float64Array, lu: Float64Array, lui: Float64Array, piv: Int32Array): number {
  const [pr, pi] = permuteRows(n, piv, a, ai);
  const cx = ai.length > 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let k = 0; k <= Math.min(i, j); k++) {
        const lr = k === i ? 1 : lu[i * n + k], li = k === i || !cx ? 0 : lui[i * n + k];
        const ur = lu[k * n + j], ui = cx ? lui[k * n + j] : 0;
        sr += lr * ur - li * ui; si += lr * ui + li * ur;
      }
      worst = Math.max(worst, Math.abs(pr[i * n + j] - sr), cx ? Math.abs(pi[i * n + j] - si) : 0);
    }
  }
  return worst / ((maxAbs(a, ai) || 1) * n * EPS);
}

/** max |AX − B| / (max |A| · max |X| · n · ε) for n×n A and n×m X, B (im arrays empty: real). */
function solveResidual(n: number, m: number, a: Float64Array, ai: Float64Array, x: Float64Array, xi: Float64Array, b: Float64Array, bi: Float64Array): number {
  const cx = ai.length > 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < m; q++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        const ar = a[i * n + k], aim = cx ? ai[i * n + k] : 0, xr = x[k * m + q], xim = cx ? xi[k * m + q] : 0;
        sr += ar * xr - aim * xim; si += ar * xim + aim * xr;
      }
      worst = Math.max(worst, Math.abs(sr - b[i * m + q]), cx ? Math.abs(si - bi[i * m + q]) : 0);
    }
  }
  return worst / ((maxAbs(a, ai) || 1) * (maxAbs(x, xi) || 1) * n * EPS);
}

/** Sylvester–Hadamard matrix of order n (a power of 2): ±1 entries, ties in every pivot search. */
function hadamard(n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let b = i & j, s = 0;
    while (b) { s ^= b & 1; b >>= 1; }
    h[i * n + j] = s ? -1 : 1;
  }
  return h;
}

const EMPTY = new Float64Array(0);

describe('blocked real LU (luFactor, luSolveMany)', () => {
  it(`matches the unblocked LU and has a backward-stable residual, n = ${SIZES.join(', ')}`, () => {
    for (const n of SIZES) {
      const a = random(n * n, 100 + n);
      const lu = a.slice(), piv = new Int32Array(n), lu0 = a.slice(), piv0 = new Int32Array(n);
      const det = luFactor(n, lu, piv), det0 = unblockedLuFactor(n, lu0, piv0);
      expect(Array.from(piv), `n = ${n}`).toEqual(Array.from(piv0));
      expect(maxDiff(lu, lu0), `n = ${n}`).toBeLessThan(1e-10 * maxAbs(lu0));
      expect(Math.abs(det / det0 - 1), `n = ${n}`).toBeLessThan(1e-10);
      expect(factorResidual(n, a, EMPTY, lu, EMPTY, piv), `n = ${n}`).toBeLessThan(10);
    }
  });

  it('exact zero pivots (zero columns inside and at the edge of a panel): det 0, same factors', () => {
    const n = 2 * NB + 7;
    const a = random(n * n, 7);
    for (const j of [3, NB - 1, NB, NB + 8]) for (let i = 0; i < n; i++) a[i * n + j] = 0;
    const lu = a.slice(), piv = new Int32Array(n), lu0 = a.slice(), piv0 = new Int32Array(n);
    expect(Math.abs(luFactor(n, lu, piv))).toBe(0);
    unblockedLuFactor(n, lu0, piv0);
    expect(Array.from(piv)).toEqual(Array.from(piv0));
    expect(maxDiff(lu, lu0)).toBeLessThan(1e-10 * maxAbs(lu0));
    expect(factorResidual(n, a, EMPTY, lu, EMPTY, piv)).toBeLessThan(10);
  });

  it('ties in the pivot search (Hadamard, exact arithmetic): bit-identical to the unblocked LU', () => {
    const n = 256;
    const a = hadamard(n);
    const lu = a.slice(), piv = new Int32Array(n), lu0 = a.slice(), piv0 = new Int32Array(n);
    const det = luFactor(n, lu, piv), det0 = unblockedLuFactor(n, lu0, piv0);
    expect(Array.from(piv)).toEqual(Array.from(piv0));
    expect(maxDiff(lu, lu0)).toBe(0);
    expect(det).toBe(det0);
    expect(factorResidual(n, a, EMPTY, lu, EMPTY, piv)).toBe(0);
  });

  it('solves A X = B for m = 1, 5 and m > n right-hand sides', () => {
    for (const [n, m] of [[1, 1], [NB + 1, 1], [3 * NB + 5, 5], [NB - 1, 150], [300, 7]]) {
      const a = random(n * n, 200 + n), b = random(n * m, 300 + m);
      const lu = a.slice(), piv = new Int32Array(n);
      luFactor(n, lu, piv);
      const x = b.slice(), x0 = b.slice();
      luSolveMany(n, lu, piv, m, x);
      unblockedLuSolveMany(n, lu, piv, m, x0);
      expect(maxDiff(x, x0), `n = ${n}, m = ${m}`).toBeLessThan(1e-10 * maxAbs(x0));
      expect(solveResidual(n, m, a, EMPTY, x, EMPTY, b, EMPTY), `n = ${n}, m = ${m}`).toBeLessThan(10);
    }
  });
});

describe('blocked complex LU (complexLuFactor, complexLuSolveMany)', () => {
  it(`matches the unblocked LU and has a backward-stable residual, n = ${SIZES.join(', ')}`, () => {
    for (const n of SIZES) {
      const ar = random(n * n, 400 + n), ai = random(n * n, 500 + n);
      const re = ar.slice(), im = ai.slice(), piv = new Int32Array(n);
      const re0 = ar.slice(), im0 = ai.slice(), piv0 = new Int32Array(n);
      const mp = complexLuFactor(n, re, im, piv), mp0 = unblockedComplexLuFactor(n, re0, im0, piv0);
      expect(Array.from(piv), `n = ${n}`).toEqual(Array.from(piv0));
      expect(Math.max(maxDiff(re, re0), maxDiff(im, im0)), `n = ${n}`).toBeLessThan(1e-10 * maxAbs(re0, im0));
      expect(Math.abs(mp / mp0 - 1), `n = ${n}`).toBeLessThan(1e-10);
      expect(factorResidual(n, ar, ai, re, im, piv), `n = ${n}`).toBeLessThan(10);
    }
  });

  it('exact zero pivots: smallest pivot 0, same factors', () => {
    const n = 2 * NB + 7;
    const ar = random(n * n, 8), ai = random(n * n, 9);
    for (const j of [0, NB - 1, NB, NB + 8]) for (let i = 0; i < n; i++) { ar[i * n + j] = 0; ai[i * n + j] = 0; }
    const re = ar.slice(), im = ai.slice(), piv = new Int32Array(n), re0 = ar.slice(), im0 = ai.slice(), piv0 = new Int32Array(n);
    expect(complexLuFactor(n, re, im, piv)).toBe(0);
    unblockedComplexLuFactor(n, re0, im0, piv0);
    expect(Array.from(piv)).toEqual(Array.from(piv0));
    expect(Math.max(maxDiff(re, re0), maxDiff(im, im0))).toBeLessThan(1e-10 * maxAbs(re0, im0));
    expect(factorResidual(n, ar, ai, re, im, piv)).toBeLessThan(10);
  });

  it('ties in the pivot search ((1 + i)·Hadamard, exact arithmetic): bit-identical to the unblocked LU', () => {
    const n = 256;
    const h = hadamard(n), g = hadamard(n);
    const re = h.slice(), im = g.slice(), piv = new Int32Array(n), re0 = h.slice(), im0 = g.slice(), piv0 = new Int32Array(n);
    const mp = complexLuFactor(n, re, im, piv), mp0 = unblockedComplexLuFactor(n, re0, im0, piv0);
    expect(Array.from(piv)).toEqual(Array.from(piv0));
    expect(Math.max(maxDiff(re, re0), maxDiff(im, im0))).toBe(0);
    expect(mp).toBe(mp0);
  });

  it('solves A X = B for m = 1, 5 and m > n right-hand sides', () => {
    for (const [n, m] of [[1, 1], [NB + 1, 1], [3 * NB + 5, 5], [NB - 1, 150], [300, 7]]) {
      const ar = random(n * n, 600 + n), ai = random(n * n, 700 + n), br = random(n * m, 800 + m), bi = random(n * m, 900 + m);
      const re = ar.slice(), im = ai.slice(), piv = new Int32Array(n);
      complexLuFactor(n, re, im, piv);
      const xr = br.slice(), xi = bi.slice(), xr0 = br.slice(), xi0 = bi.slice();
      complexLuSolveMany(n, re, im, piv, m, xr, xi);
      unblockedComplexLuSolveMany(n, re, im, piv, m, xr0, xi0);
      expect(Math.max(maxDiff(xr, xr0), maxDiff(xi, xi0)), `n = ${n}, m = ${m}`).toBeLessThan(1e-10 * maxAbs(xr0, xi0));
      expect(solveResidual(n, m, ar, ai, xr, xi, br, bi), `n = ${n}, m = ${m}`).toBeLessThan(10);
    }
  });
});

describe('GEMM (gemm.ts): the WebAssembly SIMD tiles and the JS micro-kernels against a plain triple loop', () => {
  const naive = (M: number, N: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array) => {
    const out = Float64Array.from(c);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) { let s = 0; for (let p = 0; p < K; p++) s += a[i * K + p] * b[p * N + j]; out[i * N + j] -= s; }
    return out;
  };
  // edges: M, N not multiples of the tiles, N > 512 (two column tiles), M > 96 (two row chunks), K below and above the SIMD threshold
  for (const [M, N, K] of [[1, 1, 9], [5, 7, 8], [97, 515, 13], [130, 6, 64], [3, 5, 4]]) {
    it(`M, N, K = ${M}, ${N}, ${K}: real and complex, both paths`, () => {
      const r = centred(lcg(M * 1000 + N + K));
      const rand = (len: number) => Float64Array.from({ length: len }, () => r());
      const a = rand(M * K), b = rand(K * N), c = rand(M * N), ai = rand(M * K), bi = rand(K * N), ci = rand(M * N);
      const want = naive(M, N, K, a, b, c);
      // complex reference: (a + i ai)(b + i bi) = (ab − ai bi) + i(a bi + ai b)
      const wantRe = naive(M, N, K, ai, bi.map((v) => -v), naive(M, N, K, a, b, c)); // c − ab + ai bi
      const wantIm = naive(M, N, K, ai, b, naive(M, N, K, a, bi, ci));
      for (const simd of [true, false]) {
        setGemmSimd(simd);
        try {
          const x = Float64Array.from(c);
          gemmSub(M, N, K, a, 0, K, b, 0, N, x, 0, N);
          x.forEach((v, q) => expect(Math.abs(v - want[q])).toBeLessThan(1e-13 * K));
          const xr = Float64Array.from(c), xi = Float64Array.from(ci);
          complexGemmSub(M, N, K, a, ai, 0, K, b, bi, 0, N, xr, xi, 0, N);
          xr.forEach((v, q) => expect(Math.abs(v - wantRe[q])).toBeLessThan(1e-13 * K));
          xi.forEach((v, q) => expect(Math.abs(v - wantIm[q])).toBeLessThan(1e-13 * K));
        } finally { setGemmSimd(true); }
      }
    });
  }
});
