/**
 * The pieces under negativity.ts: Young-diagram dimensions (youngTableaux.ts), the Schur–Weyl
 * party bases (schurWeyl.ts) and the dense Hermitian eigenvalue routines
 * (hermitianEigenvalues.ts, checked against ml-matrix).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { contentSum, partitions, specht, weylDimension } from '../../../src/physics/exact/youngTableaux.ts';
import { buildParty } from '../../../src/physics/exact/schurWeyl.ts';
import { hermitianEigenvalues, symmetricEigenvalues, tridiagonalEigenvalues } from '../../../src/linalg/hermitianEigenvalues.ts';

/** Deterministic uniform numbers in [−0.5, 0.5). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** λ ⊵ μ (dominance) for partitions of the same n. */
function dominates(l: number[], m: number[]): boolean {
  let a = 0, b = 0;
  for (let i = 0; i < Math.max(l.length, m.length); i++) {
    a += l[i] ?? 0;
    b += m[i] ?? 0;
    if (a < b) return false;
  }
  return true;
}

describe('Young diagrams', () => {
  it('partitions, hook-length and hook-content formulas decompose (C^d)^{⊗n} (Σ_λ dim U·dim S = d^n, Σ f² = n!)', () => {
    expect(partitions(4, 5).map((l) => l.join(','))).toEqual(['4', '3,1', '2,2', '2,1,1', '1,1,1,1']);
    expect(partitions(4, 2).map((l) => l.join(','))).toEqual(['4', '3,1', '2,2']);
    expect(specht([3, 1])).toBe(3);
    expect(specht([2, 2])).toBe(2);
    expect(specht([3, 2, 1])).toBe(16);
    expect(weylDimension([3, 1], 5)).toBe(105);
    expect(weylDimension([2, 1], 5)).toBe(40);
    expect(weylDimension([1, 1, 1], 2)).toBe(0);
    for (let n = 1; n <= 7; n++) {
      let fact = 1;
      for (let k = 2; k <= n; k++) fact *= k;
      let sumF2 = 0;
      for (const l of partitions(n, n)) sumF2 += specht(l) ** 2;
      expect(sumF2).toBe(fact);
      for (let d = 2; d <= 5; d++) {
        let s = 0;
        for (const l of partitions(n, d)) s += weylDimension(l, d) * specht(l);
        expect(s).toBe(d ** n);
      }
    }
  });

  it('the content sum increases strictly along dominance (what isolates U_d(λ))', () => {
    for (let n = 2; n <= 8; n++) {
      const ps = partitions(n, n);
      for (const l of ps) for (const m of ps) {
        if (l !== m && dominates(m, l)) expect(contentSum(m)).toBeGreaterThan(contentSum(l));
      }
    }
  });
});

describe('Schur–Weyl party bases', () => {
  for (const [n, d] of [[3, 3], [4, 2], [4, 3], [3, 5]] as const) {
    it(`n=${n}, d=${d}: orthonormal vectors, eigenvectors of Σ(i j) with the content, tables consistent`, () => {
      const P = buildParty(n, d);
      const pow = (i: number) => d ** (n - 1 - i);
      for (const ir of P.irreps) {
        let count = 0;
        for (let w = 0; w < P.nW; w++) {
          const K = ir.K[w], st = P.states[w], m = st.length;
          count += K;
          const u = ir.vecs[w];
          // orthonormal rows
          for (let a = 0; a < K; a++) for (let c = 0; c < K; c++) {
            let s = 0;
            for (let x = 0; x < m; x++) s += u[a * m + x] * u[c * m + x];
            expect(Math.abs(s - (a === c ? 1 : 0))).toBeLessThan(1e-12);
          }
          // X = Σ_{i<j} (i j) u = content(λ) u, on product-state coordinates
          const pos = new Map<number, number>();
          st.forEach((code, i) => pos.set(code, i));
          for (let a = 0; a < K; a++) {
            const y = new Float64Array(m);
            for (let x = 0; x < m; x++) {
              const code = st[x];
              for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
                const di = Math.floor(code / pow(i)) % d, dj = Math.floor(code / pow(j)) % d;
                y[pos.get(code + (dj - di) * pow(i) + (di - dj) * pow(j))!] += u[a * m + x];
              }
            }
            for (let x = 0; x < m; x++) expect(Math.abs(y[x] - contentSum(ir.lambda) * u[a * m + x])).toBeLessThan(1e-11);
          }
        }
        expect(count).toBe(ir.dimU);
        // Two sums of tables with known values on any copy of U_d(λ):
        //  Σ_{t diagonal} S_t = (Σ_a |a⟩⟨a|)^{⊗n} = 1  →  δ_{αα'};
        //  Σ_t S_t = (Σ_{ab} |a⟩⟨b|)^{⊗n} = d^n |+⟩⟨+|^{⊗n}, a symmetric projector  →  0 unless
        //  λ = (n), where its trace is d^n.
        const off: number[] = [];
        for (let w = 0, o = 0; w < P.nW; w++) { off.push(o); o += ir.K[w]; }
        const dim = ir.dimU;
        const iden = new Float64Array(dim * dim), ones = new Float64Array(dim * dim);
        for (let w = 0; w < P.nW; w++) for (let w2 = 0; w2 < P.nW; w2++) {
          const T = ir.T[w * P.nW + w2];
          if (!T) continue;
          const tabs = P.pairTables[w * P.nW + w2];
          const K1 = ir.K[w], K2 = ir.K[w2];
          tabs.forEach((r, t) => {
            let diag = true;
            for (let p = 0; p < d * d; p++) if (P.pi.occ[r * d * d + p] && Math.floor(p / d) !== p % d) diag = false;
            for (let a = 0; a < K1; a++) for (let a2 = 0; a2 < K2; a2++) {
              const v = T[t * K1 * K2 + a * K2 + a2];
              ones[(off[w] + a) * dim + off[w2] + a2] += v;
              if (diag) iden[(off[w] + a) * dim + off[w2] + a2] += v;
            }
          });
        }
        const symmetric = ir.lambda.length === 1;
        let tr = 0;
        for (let a = 0; a < dim; a++) {
          tr += ones[a * dim + a];
          for (let a2 = 0; a2 < dim; a2++) {
            expect(Math.abs(iden[a * dim + a2] - (a === a2 ? 1 : 0))).toBeLessThan(1e-12);
            if (!symmetric) expect(Math.abs(ones[a * dim + a2])).toBeLessThan(1e-11);
          }
        }
        if (symmetric) expect(tr).toBeCloseTo(d ** n, 9);
      }
    });
  }

  it('refuses parties with more than 4096 product states', () => {
    expect(() => buildParty(7, 5)).toThrow(RangeError);
  });
});

/**
 * A real symmetric n×n test matrix (row-major): 'random' entries, 'lowrank' v vᵀ − 0.3 w wᵀ,
 * 'diagonal', 'zero-rows' (rows/columns 0..39 zero — Householder reflectors H = I inside the
 * first panels — random elsewhere) or 'zero'.
 */
function symmetricTestMatrix(n: number, kind: string, rnd: () => number): Float64Array {
  const A = new Float64Array(n * n);
  if (kind === 'random') {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = rnd();
  } else if (kind === 'lowrank') {
    const v = Array.from({ length: n }, rnd), w = Array.from({ length: n }, rnd);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = v[i] * v[j] - 0.3 * w[i] * w[j];
  } else if (kind === 'diagonal') {
    for (let i = 0; i < n; i++) A[i * n + i] = rnd();
  } else if (kind === 'zero-rows') {
    for (let i = 40; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = rnd();
  }
  return A;
}

describe('dense Hermitian eigenvalues', () => {
  const mlEigs = (M: Matrix) => new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);

  it('real symmetric: agrees with ml-matrix (random, rank-deficient, diagonal, tiny sizes)', () => {
    const rnd = lcg(7);
    for (const n of [1, 2, 3, 4, 17, 120]) {
      for (const kind of ['random', 'lowrank', 'diagonal', 'zero']) {
        const A = symmetricTestMatrix(n, kind, rnd);
        const ref = mlEigs(new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)))));
        const ev = symmetricEigenvalues(n, Float64Array.from(A));
        for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-13 * Math.max(1, n));
      }
    }
  });

  it('real symmetric, blocked reduction (panels of 32 and 8, ragged sizes): agrees with ml-matrix and the unblocked path', () => {
    const rnd = lcg(13);
    for (const n of [200, 203]) {
      for (const kind of ['random', 'lowrank', 'zero-rows', 'zero']) {
        const A = symmetricTestMatrix(n, kind, rnd);
        const ref = mlEigs(new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)))));
        const plain = symmetricEigenvalues(n, Float64Array.from(A), 0);
        for (const panel of [32, 8]) {
          const ev = symmetricEigenvalues(n, Float64Array.from(A), panel);
          for (let i = 0; i < n; i++) {
            expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-13 * n);
            expect(Math.abs(ev[i] - plain[i])).toBeLessThan(1e-13 * n);
          }
        }
      }
    }
  });

  it('real symmetric, n = 517 with the default (blocked) path: agrees with ml-matrix', () => {
    const rnd = lcg(17), n = 517;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = rnd() * (i % 7 === 0 ? 1e-3 : 1);
    const ref = mlEigs(new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)))));
    const ev = symmetricEigenvalues(n, Float64Array.from(A));
    for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-13 * n);
  });

  it('complex Hermitian: agrees with the real embedding [[Re, −Im], [Im, Re]] in ml-matrix', () => {
    const rnd = lcg(11);
    for (const n of [1, 2, 3, 9, 60]) {
      const re = new Float64Array(n * n), im = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        re[i * n + i] = rnd();
        for (let j = i + 1; j < n; j++) {
          re[i * n + j] = re[j * n + i] = rnd();
          im[i * n + j] = rnd();
          im[j * n + i] = -im[i * n + j];
        }
      }
      const big = Matrix.zeros(2 * n, 2 * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        big.set(i, j, re[i * n + j]); big.set(i + n, j + n, re[i * n + j]);
        big.set(i, j + n, -im[i * n + j]); big.set(i + n, j, im[i * n + j]);
      }
      const ref = mlEigs(big).filter((_, k) => k % 2 === 0);
      const ev = hermitianEigenvalues(n, Float64Array.from(re), Float64Array.from(im));
      for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-12);
    }
  });

  it('tridiagonal QL: the free-particle chain has eigenvalues 2 cos(kπ/(n+1))', () => {
    const n = 50;
    const ev = tridiagonalEigenvalues(n, new Float64Array(n), new Float64Array(n - 1).fill(1));
    const ref = Array.from({ length: n }, (_, k) => 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((a, b) => a - b);
    for (let i = 0; i < n; i++) expect(Math.abs(ev[i] - ref[i])).toBeLessThan(1e-13);
  });
});
