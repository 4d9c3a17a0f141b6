/**
 * Cooperative interruption (src/linalg/interrupt.ts): every long computation a worker runs
 * reaches checkpoints, and a raised flag stops it with `Interrupted` at the next one — never
 * swallowed by a fallback or turned into an error row of a sweep (which would let the worker run
 * on through the remaining points). The page side (raise the flag, then terminate) is measured
 * in tests/e2e/soak.spec.ts.
 *
 * For each routine: a first run counts its checkpoints (and logs the longest stretch of work
 * between two of them, for the README; not asserted, since it is a time); then runs that stop at
 * the first, the middle and the last checkpoint must each throw Interrupted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Interrupted, checkInterrupt, interruptOnFlag, setInterruptCheck } from '../../src/linalg/interrupt.ts';
import { luFactor } from '../../src/linalg/denseLu.ts';
import { eigenvaluesReal } from '../../src/linalg/denseEig.ts';
import { complexSchur } from '../../src/linalg/complexSchur.ts';
import { hermitianEigenvalues, symmetricEigenvalues } from '../../src/linalg/hermitianEigenvalues.ts';
import { ilut } from '../../src/linalg/ilut.ts';
import { blockTridiagonalPartition } from '../../src/linalg/blockTridiagonalLu.ts';
import { hermitianBlockCholesky } from '../../src/linalg/hermitianBlockCholesky.ts';
import { negatedShiftedField } from '../../src/linalg/stripImagBound.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { steadyState } from '../../src/physics/exact/steadyState.ts';
import { spectrum } from '../../src/physics/exact/spectrum.ts';
import { parseSector } from '../../src/physics/exact/sectors.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';
import { finitePoints } from '../../src/physics/exact/sweep.ts';
import { steadyStateNegativity } from '../../src/physics/exact/negativity.ts';
import { integrateMeanField, pureState, spinCoherentState } from '../../src/physics/meanfield/meanfield.ts';
import { findFixedPoints } from '../../src/physics/meanfield/fixedPoints.ts';
import { centred, lcg } from '../reference/random.ts';

afterEach(() => setInterruptCheck(null));

const randomArray = (n: number, seed: number) => { const r = centred(lcg(seed)); return Float64Array.from({ length: n }, r); };

/** Counts the checkpoints of one uninterrupted run; returns the count and the longest gap (ms). */
function survey(run: () => unknown): { count: number; maxGapMs: number } {
  let count = 0, last = performance.now(), maxGapMs = 0;
  setInterruptCheck(() => {
    const t = performance.now();
    maxGapMs = Math.max(maxGapMs, t - last);
    last = t;
    count++;
    return false;
  });
  try {
    run();
  } finally {
    setInterruptCheck(null);
  }
  return { count, maxGapMs };
}

/** Runs `run` with the flag raised at the `at`-th checkpoint; returns what it threw (or 'returned'). */
function stopAt(run: () => unknown, at: number): unknown {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let seen = 0;
  interruptOnFlag(flag);
  const inner = (): boolean => { if (++seen >= at) Atomics.store(flag, 0, 1); return Atomics.load(flag, 0) !== 0; };
  setInterruptCheck(inner);
  try {
    run();
    return 'returned';
  } catch (e) {
    return e;
  } finally {
    setInterruptCheck(null);
  }
}

const CASES: Array<[name: string, minCheckpoints: number, run: () => unknown]> = [
  ['dense LU (n = 300)', 300, () => luFactor(300, randomArray(300 * 300, 1), new Int32Array(300))],
  ['real Hessenberg–QR eigenvalues (n = 120)', 100, () => eigenvaluesReal(120, randomArray(120 * 120, 2), new Float64Array(120), new Float64Array(120))],
  ['complex Schur (n = 80)', 70, () => complexSchur(80, randomArray(6400, 3), randomArray(6400, 4), new Float64Array(6400), new Float64Array(6400))],
  ['Hermitian eigenvalues (n = 150)', 140, () => {
    const n = 150, re = randomArray(n * n, 5), im = randomArray(n * n, 6);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { re[i * n + j] = re[j * n + i]; im[i * n + j] = -im[j * n + i]; }
    for (let i = 0; i < n; i++) im[i * n + i] = 0;
    return hermitianEigenvalues(n, re, im);
  }],
  ['real symmetric eigenvalues, blocked with the SIMD kernels (n = 600)', 590, () => {
    const n = 600, A = randomArray(n * n, 7);
    return symmetricEigenvalues(n, A);
  }],
  ['real symmetric eigenvalues, blocked with the scalar kernels (n = 600)', 590, () => symmetricEigenvalues(600, randomArray(600 * 600, 8), 32, false)],
  ['ILUT of a sector Liouvillian (N = 5, d = 3)', 10, () => {
    const p = makeParams({ d: 3, dissipator: 'spin', gammaI: 0.8, gammaC: 0.3, V: 1 });
    return ilut(buildSectorLiouvillian(buildPiBasis(5, 3), p, parseSector('+1,+1')).matrix, {});
  }],
  ['inertia certificate of the search height, block Cholesky (N = 5, d = 3)', 100, () => {
    const p = makeParams({ d: 3, dissipator: 'spin', gammaI: 0.8, gammaC: 0.3, V: 1 });
    const A = buildSectorLiouvillian(buildPiBasis(5, 3), p, parseSector('-1,+1')).matrix;
    const r = hermitianBlockCholesky(negatedShiftedField(A, 1), blockTridiagonalPartition(A), 1e3);
    if (!r.positiveDefinite) throw new Error('expected a positive definite test matrix');
    return r;
  }],
  ['steady state, block-tridiagonal LU (N = 6, d = 3)', 20, () => steadyState(6, makeParams({ d: 3, dissipator: 'spin', gammaI: 0.8, gammaC: 0.3, V: 1 }))],
  ['sector spectrum, Krylov–Schur (N = 24, d = 2, sector −1,+1)', 20, () => spectrum(24, makeParams({ d: 2, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V: 1 }), parseSector('-1,+1'), { k: 3 })],
  ['sweep points: steady state, gaps and negativity (N = 4, d = 3)', 20, () =>
    finitePoints(4, makeParams({ d: 3, dissipator: 'flat', gammaI: 1, gammaC: 0.2, V: -1 }), [[0.6, 0.2], [1.4, 0.5]], { steady: true, gaps: true, negativity: true })],
  ['steady-state negativity (N = 5, d = 3)', 10, () => steadyStateNegativity(5, makeParams({ d: 3, dissipator: 'spin', gammaI: 0.7, gammaC: 0.4, V: 1 }))],
  ['mean-field integration (d = 4, t = 400)', 50, () => {
    const p = makeParams({ d: 4, dissipator: 'spin', gammaI: 0.3, gammaC: 0.1, V: 1 });
    const psi = spinCoherentState(4, 1.2, 0.4);
    return integrateMeanField(p, pureState(4, psi.re, psi.im), [400], { rtol: 1e-9, atol: 1e-11 });
  }],
  ['mean-field fixed points (d = 3)', 20, () => findFixedPoints(makeParams({ d: 3, dissipator: 'spin', gammaI: 0.6, gammaC: 0.2, V: 1 }))],
];

describe('cooperative interruption: every long computation stops at its next checkpoint', () => {
  it('checkInterrupt is a no-op without an installed check and throws Interrupted once the flag is set', () => {
    expect(() => checkInterrupt()).not.toThrow();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    interruptOnFlag(flag);
    expect(() => checkInterrupt()).not.toThrow();
    Atomics.store(flag, 0, 1);
    expect(() => checkInterrupt()).toThrow(Interrupted);
  });

  for (const [name, minCheckpoints, run] of CASES) {
    it(name, () => {
      const { count, maxGapMs } = survey(run);
      console.log(`interrupt: ${name}: ${count} checkpoints, longest stretch between two ${maxGapMs.toFixed(1)} ms`);
      expect(count).toBeGreaterThanOrEqual(minCheckpoints);
      for (const at of [1, Math.ceil(count / 2), count]) {
        const e = stopAt(run, at);
        expect(e, `stopped at checkpoint ${at} of ${count}`).toBeInstanceOf(Interrupted);
      }
    });
  }
});
