/**
 * src/linalg against closed forms and dense arithmetic: CSR algebra, dense LU, ILUT (exact
 * when nothing is dropped), GMRES, and Arnoldi on matrices with known spectra.
 */
import { describe, expect, it } from 'vitest';
import { type Csr, csrMatVec, csrShift, csrToDense, csrTranspose } from '../../src/linalg/csr.ts';
import { denseLu, denseLuSolve } from '../../src/linalg/denseLu.ts';
import { ilut, ilutSolve } from '../../src/linalg/ilut.ts';
import { gmres } from '../../src/linalg/gmres.ts';
import { arnoldiLargest } from '../../src/linalg/arnoldi.ts';
import { makeSolver } from '../../src/linalg/solver.ts';
import { lcg } from '../reference/random.ts';

const rng = lcg;

/** Random sparse non-symmetric matrix with a banded pattern and a nonzero diagonal. */
function randomSparse(n: number, seed: number, diag = 4): Csr {
  const r = rng(seed);
  const rows: Array<Array<[number, number]>> = [];
  for (let i = 0; i < n; i++) {
    const row = new Map<number, number>();
    row.set(i, diag + r());
    for (let k = 0; k < 4; k++) {
      const j = Math.min(n - 1, Math.max(0, i + Math.floor((r() - 0.5) * 12)));
      row.set(j, (row.get(j) ?? 0) + (r() - 0.5) * 2);
    }
    rows.push([...row.entries()].sort((a, b) => a[0] - b[0]));
  }
  const rowPtr = new Int32Array(n + 1);
  const ci: number[] = [], v: number[] = [];
  rows.forEach((row, i) => { for (const [j, x] of row) { ci.push(j); v.push(x); } rowPtr[i + 1] = ci.length; });
  return { rows: n, cols: n, rowPtr, colIdx: Int32Array.from(ci), values: Float64Array.from(v) };
}

function residual(A: Csr, x: Float64Array, b: Float64Array): number {
  const y = new Float64Array(A.rows);
  csrMatVec(A, x, y);
  let r = 0, bn = 0;
  for (let i = 0; i < y.length; i++) { r += (y[i] - b[i]) ** 2; bn += b[i] ** 2; }
  return Math.sqrt(r / bn);
}

describe('csr', () => {
  it('transpose and shift agree with dense arithmetic', () => {
    const A = randomSparse(30, 1);
    const D = csrToDense(A), T = csrToDense(csrTranspose(A)), S = csrToDense(csrShift(A, 0.7));
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) {
      expect(T[i * 30 + j]).toBe(D[j * 30 + i]);
      expect(S[i * 30 + j]).toBeCloseTo(D[i * 30 + j] - (i === j ? 0.7 : 0), 14);
    }
  });
});

describe('linear solvers', () => {
  const n = 200;
  const A = randomSparse(n, 7, 1.5);
  const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));

  it('dense LU solves to rounding level', () => {
    const f = denseLu(csrToDense(A), n);
    const x = new Float64Array(n);
    denseLuSolve(f, b, x);
    expect(residual(A, x, b)).toBeLessThan(1e-13);
  });

  it('ILUT without dropping is an exact LU', () => {
    const f = ilut(A, { dropTol: 0, fill: Infinity });
    const x = new Float64Array(n);
    ilutSolve(f, b, x);
    expect(residual(A, x, b)).toBeLessThan(1e-12);
  });

  it('ILUT keeps at most p entries per row of L and U, and dropping everything leaves diag(A)', () => {
    const p = 3;
    const f = ilut(A, { dropTol: 1e-3, fill: p });
    for (let i = 0; i < n; i++) {
      expect(f.lPtr[i + 1] - f.lPtr[i]).toBeLessThanOrEqual(p);
      expect(f.uPtr[i + 1] - f.uPtr[i]).toBeLessThanOrEqual(p + 1);
      expect(f.uIdx[f.uPtr[i]]).toBe(i);
    }
    const g = ilut(A, { dropTol: 1e300, fill: 0 });
    const D = csrToDense(A);
    for (let i = 0; i < n; i++) {
      expect(g.lPtr[i + 1] - g.lPtr[i]).toBe(0);
      expect(g.uVal[g.uPtr[i]]).toBe(D[i * n + i]);
    }
  });

  it('GMRES converges unpreconditioned and converges faster with ILUT', () => {
    const plain = gmres(n, (x, y) => csrMatVec(A, x, y), b, { tol: 1e-11, restart: 200, maxIter: 400 });
    const f = ilut(A, { dropTol: 1e-2, fill: 5 });
    const pre = gmres(n, (x, y) => csrMatVec(A, x, y), b, { tol: 1e-11, precond: (x, y) => ilutSolve(f, x, y) });
    expect(plain.converged).toBe(true);
    expect(pre.converged).toBe(true);
    expect(residual(A, plain.x, b)).toBeLessThan(1e-10);
    expect(residual(A, pre.x, b)).toBeLessThan(1e-10);
    expect(pre.iterations).toBeLessThan(plain.iterations);
  });

  it('makeSolver picks dense below the limit and ILUT–GMRES above, both accurate', () => {
    for (const denseLimit of [1000, 0]) {
      const s = makeSolver(A, { denseLimit });
      expect(s.method).toBe(denseLimit ? 'dense-lu' : 'ilut-gmres');
      const x = new Float64Array(n);
      s.solve(b, x);
      expect(residual(A, x, b)).toBeLessThan(1e-11);
    }
  });
});

describe('Arnoldi', () => {
  it('finds the largest eigenvalues of a block-diagonal matrix with known complex pairs', () => {
    // blocks [[a, b], [−b, a]] (eigenvalues a ± ib) along the diagonal, plus small real ones
    const n = 120;
    const entries: Array<[number, number, number]> = [];
    const pairs = [[3, 1], [2.5, -0.5], [2, 2]];
    pairs.forEach(([a, c], k) => {
      entries.push([2 * k, 2 * k, a], [2 * k, 2 * k + 1, c], [2 * k + 1, 2 * k, -c], [2 * k + 1, 2 * k + 1, a]);
    });
    for (let i = 2 * pairs.length; i < n; i++) entries.push([i, i, 1 / (1 + i)]);
    // a non-normal coupling that does not change the spectrum (strictly upper triangular in block order)
    for (let i = 0; i + 7 < n; i++) if (i >= 2 * pairs.length) entries.push([i, i + 7, 0.3]);
    const op = (x: Float64Array, y: Float64Array) => {
      y.fill(0);
      for (const [i, j, v] of entries) y[i] += v * x[j];
    };
    const r = arnoldiLargest(n, op, { nev: 6, tol: 1e-12 });
    const mods = r.pairs.map((p) => [p.re, p.im]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const expected = [[2, -2], [2, 2], [2.5, -0.5], [2.5, 0.5], [3, -1], [3, 1]];
    expect(r.converged).toBe(true);
    mods.forEach((m, i) => {
      expect(m[0]).toBeCloseTo(expected[i][0], 10);
      expect(m[1]).toBeCloseTo(expected[i][1], 10);
    });
  });
});
