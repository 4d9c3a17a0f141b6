/**
 * Mean-field dynamics for N → ∞ (paper Section III, Eq. (9), Appendix A) for any d and any ℓ.
 *
 * The state is the averaged single-particle density matrix ϱ (Eq. 8: ⟨S_{x;m,n}⟩ = Re ϱ_nm,
 * ⟨S_{y;m,n}⟩ = Im ϱ_nm). Factorising all two-body expectation values (Eq. A9) turns Eq. (3)
 * into a closed nonlinear equation for ϱ:
 *
 *   dϱ/dt = −i[h(ϱ), ϱ] + (γ_I/j) (LϱL† − ½{L†L, ϱ}),
 *   h(ϱ)  = (V/j)(a j_+ + a* j_−) + (iγ_C/2j)(b* L − b L†),   a = Tr ϱ j_+,  b = Tr ϱ L.
 *
 * The Hamiltonian part comes from the two-body term of Eq. (2) and the collective dissipator
 * acts, at mean-field level, as a self-consistent Hermitian "Hamiltonian" (its jump term
 * factorises into ⟨L†⟩[L, ϱ] + ⟨L⟩[ϱ, L†]); both are O(1) while the one-body parts of Eq. (2)
 * and of D[L_C] are O(1/N) and drop out. For d = 2 this is exactly Eq. (10) (tested term by term).
 *
 * Real parametrisation (length d²): entries 0..d-1 are the diagonal ϱ_kk (populations of
 * m = −j + k); then for each pair a < b in row-major order, Re ϱ_ab, Im ϱ_ab. Hermiticity holds by
 * construction and the trace is an exact linear invariant of the flow (preserved to rounding by
 * any Runge–Kutta method).
 */
import { dopri5 } from '../../linalg/dopri5.ts';
import { ladderCoefficient, spinJ, type ModelParams } from '../model/model.ts';

/** Number of reals in the parametrisation of a d-level ϱ. */
export function stateLength(d: number): number {
  return d * d;
}

/** Index of Re ϱ_ab (a < b) in the real parametrisation; Im is the next entry. */
export function offDiagonalIndex(d: number, a: number, b: number): number {
  // pairs (a, b), a < b, row-major: row a starts after Σ_{r<a} (d-1-r) pairs
  const before = a * (d - 1) - (a * (a - 1)) / 2;
  return d + 2 * (before + (b - a - 1));
}

/** Unpacks the real parametrisation into full row-major complex d×d arrays. */
export function unpackRho(d: number, s: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
  for (let a = 0; a < d; a++) {
    re[a * d + a] = s[a];
    im[a * d + a] = 0;
  }
  let p = d;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const x = s[p], y = s[p + 1];
      re[a * d + b] = x;
      im[a * d + b] = y;
      re[b * d + a] = x;
      im[b * d + a] = -y;
      p += 2;
    }
  }
}

/** Packs a Hermitian row-major d×d (upper triangle and diagonal are read). */
export function packRho(d: number, re: ArrayLike<number>, im: ArrayLike<number>, s: Float64Array): void {
  for (let a = 0; a < d; a++) s[a] = re[a * d + a];
  let p = d;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      s[p] = re[a * d + b];
      s[p + 1] = im[a * d + b];
      p += 2;
    }
  }
}

/** ϱ = |ψ⟩⟨ψ| for a single-particle state ψ (ascending m), normalised here. */
export function pureState(d: number, psiRe: ArrayLike<number>, psiIm: ArrayLike<number>): Float64Array {
  let norm = 0;
  for (let k = 0; k < d; k++) norm += psiRe[k] * psiRe[k] + psiIm[k] * psiIm[k];
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError('the initial state vector must be non-zero and finite');
  const re = new Float64Array(d * d), im = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      // ψ_a ψ_b^*
      re[a * d + b] = (psiRe[a] * psiRe[b] + psiIm[a] * psiIm[b]) / norm;
      im[a * d + b] = (psiIm[a] * psiRe[b] - psiRe[a] * psiIm[b]) / norm;
    }
  }
  const s = new Float64Array(d * d);
  packRho(d, re, im, s);
  return s;
}

/** The z-polarised fixed point of Eq. (12): ϱ = |−j⟩⟨−j|. */
export function zPolarisedState(d: number): Float64Array {
  const s = new Float64Array(d * d);
  s[0] = 1;
  return s;
}

/**
 * Spin-coherent state pointing along (sinθ cosφ, sinθ sinφ, cosθ): ⟨j⟩/j equals that unit vector.
 * Amplitudes c_m = sqrt(C(2j, j+m)) cos(θ/2)^{j+m} sin(θ/2)^{j−m} e^{−i(j+m)φ}, so that
 * ⟨j_+⟩ = Σ A_{j,m} c_{m+1}^* c_m = j sinθ e^{iφ} and ⟨j_z⟩ = j cosθ.
 */
export function spinCoherentState(d: number, theta: number, phi: number): { re: Float64Array; im: Float64Array } {
  const n = d - 1; // 2j
  const re = new Float64Array(d), im = new Float64Array(d);
  const c = Math.cos(theta / 2), s = Math.sin(theta / 2);
  let logBinom = 0; // log C(n, k) built incrementally
  for (let k = 0; k < d; k++) {
    if (k > 0) logBinom += Math.log((n - k + 1) / k);
    // |m = −j + k⟩: k = j + m quanta "up"
    const amp = Math.sqrt(Math.exp(logBinom)) * Math.pow(c, k) * Math.pow(s, n - k);
    re[k] = amp * Math.cos(k * phi);
    im[k] = -amp * Math.sin(k * phi);
  }
  return { re, im };
}

/** Workspace for the right-hand side, allocated once per integration. */
export interface MeanFieldWork {
  rr: Float64Array;
  ri: Float64Array;
  dr: Float64Array;
  di: Float64Array;
  /** c_k = h_{k+1,k} (complex) of the tridiagonal mean-field Hamiltonian. */
  cr: Float64Array;
  ci: Float64Array;
  A: Float64Array;
  /** g_k = |ℓ_{k−1}|² = (L†L)_kk, g_0 = 0. */
  g: Float64Array;
}

export function meanFieldWork(p: ModelParams): MeanFieldWork {
  const d = p.d;
  const A = new Float64Array(d - 1);
  for (let k = 0; k < d - 1; k++) A[k] = ladderCoefficient(d, k);
  const g = new Float64Array(d);
  for (let k = 1; k < d; k++) g[k] = p.ell.re[k - 1] ** 2 + p.ell.im[k - 1] ** 2;
  return {
    rr: new Float64Array(d * d), ri: new Float64Array(d * d),
    dr: new Float64Array(d * d), di: new Float64Array(d * d),
    cr: new Float64Array(d - 1), ci: new Float64Array(d - 1), A, g,
  };
}

/**
 * Right-hand side of the mean-field equations (Eq. 9) in the real parametrisation.
 * Cost O(d²): h is tridiagonal, L bidiagonal, L†L diagonal.
 */
export function meanFieldRhs(p: ModelParams, w: MeanFieldWork, s: ArrayLike<number>, ds: Float64Array): void {
  const d = p.d;
  const j = spinJ(d);
  const { rr, ri, dr, di, cr, ci, A, g } = w;
  const lr = p.ell.re, li = p.ell.im;
  unpackRho(d, s, rr, ri);

  // a = Tr ϱ j_+ = Σ_k A_k ϱ_{k,k+1};  b = Tr ϱ L = Σ_k ℓ_k ϱ_{k+1,k}
  let ar = 0, ai = 0, br = 0, bi = 0;
  for (let k = 0; k < d - 1; k++) {
    const up = k * d + k + 1, dn = (k + 1) * d + k;
    ar += A[k] * rr[up];
    ai += A[k] * ri[up];
    br += lr[k] * rr[dn] - li[k] * ri[dn];
    bi += lr[k] * ri[dn] + li[k] * rr[dn];
  }
  // c_k = h_{k+1,k} = (V/j) a A_k − (iγ_C/2j) b conj(ℓ_k)
  const vj = p.V / j, gc = p.gammaC / (2 * j);
  for (let k = 0; k < d - 1; k++) {
    // b·conj(ℓ_k)
    const pr = br * lr[k] + bi * li[k];
    const pi = bi * lr[k] - br * li[k];
    cr[k] = vj * ar * A[k] + gc * pi; // −i·(pr + i pi)·gc = gc·pi − i gc·pr
    ci[k] = vj * ai * A[k] - gc * pr;
  }

  const gi = p.gammaI / j;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      // (hϱ)_ab = c_{a−1} ϱ_{a−1,b} + conj(c_a) ϱ_{a+1,b};  (ϱh)_ab = ϱ_{a,b−1} conj(c_{b−1}) + ϱ_{a,b+1} c_b
      let hr = 0, hi = 0;
      if (a > 0) {
        const xr = rr[(a - 1) * d + b], xi = ri[(a - 1) * d + b];
        hr += cr[a - 1] * xr - ci[a - 1] * xi;
        hi += cr[a - 1] * xi + ci[a - 1] * xr;
      }
      if (a < d - 1) {
        const xr = rr[(a + 1) * d + b], xi = ri[(a + 1) * d + b];
        hr += cr[a] * xr + ci[a] * xi;
        hi += cr[a] * xi - ci[a] * xr;
      }
      if (b > 0) {
        const xr = rr[a * d + b - 1], xi = ri[a * d + b - 1];
        hr -= xr * cr[b - 1] + xi * ci[b - 1];
        hi -= xi * cr[b - 1] - xr * ci[b - 1];
      }
      if (b < d - 1) {
        const xr = rr[a * d + b + 1], xi = ri[a * d + b + 1];
        hr -= xr * cr[b] - xi * ci[b];
        hi -= xr * ci[b] + xi * cr[b];
      }
      // −i[h, ϱ] = −i (hr + i hi) = hi − i hr
      let outR = hi, outI = -hr;
      // (γ_I/j)(L ϱ L† − ½{L†L, ϱ}): (LϱL†)_ab = ℓ_a ϱ_{a+1,b+1} conj(ℓ_b)
      if (gi !== 0) {
        if (a < d - 1 && b < d - 1) {
          const xr = rr[(a + 1) * d + b + 1], xi = ri[(a + 1) * d + b + 1];
          // ℓ_a · x
          const tr = lr[a] * xr - li[a] * xi, ti = lr[a] * xi + li[a] * xr;
          // · conj(ℓ_b)
          outR += gi * (tr * lr[b] + ti * li[b]);
          outI += gi * (ti * lr[b] - tr * li[b]);
        }
        const half = 0.5 * gi * (g[a] + g[b]);
        outR -= half * rr[a * d + b];
        outI -= half * ri[a * d + b];
      }
      dr[a * d + b] = outR;
      di[a * d + b] = outI;
    }
  }
  packRho(d, dr, di, ds);
}

/** Scaled spin expectation values X, Y, Z = ⟨j_x⟩/j, ⟨j_y⟩/j, ⟨j_z⟩/j of ϱ. */
export function spinExpectations(d: number, s: ArrayLike<number>): { X: number; Y: number; Z: number } {
  const j = spinJ(d);
  let ar = 0, ai = 0, z = 0;
  for (let k = 0; k < d - 1; k++) {
    const idx = offDiagonalIndex(d, k, k + 1);
    const A = ladderCoefficient(d, k);
    // ⟨j_+⟩ = Σ A_k ϱ_{k,k+1}; ⟨j_x⟩ = Re, ⟨j_y⟩ = Im
    ar += A * s[idx];
    ai += A * s[idx + 1];
  }
  for (let k = 0; k < d; k++) z += (-j + k) * s[k];
  return { X: ar / j, Y: ai / j, Z: z / j };
}

/** Tr ϱ (should stay 1). */
export function traceOf(d: number, s: ArrayLike<number>): number {
  let t = 0;
  for (let k = 0; k < d; k++) t += s[k];
  return t;
}

/** Tr ϱ² (≤ 1; 1 for pure states). */
export function purityOf(d: number, s: ArrayLike<number>): number {
  let t = 0;
  for (let k = 0; k < d; k++) t += s[k] * s[k];
  for (let p = d; p < d * d; p++) t += 2 * s[p] * s[p];
  return t;
}

/**
 * Smallest eigenvalue of ϱ (positivity monitor), via the real symmetric 2d×2d embedding
 * [[Re, −Im], [Im, Re]] whose spectrum is that of ϱ, doubled. Cyclic Jacobi: d ≤ 20 is tiny.
 */
export function minEigenvalue(d: number, s: ArrayLike<number>): number {
  const n = 2 * d;
  const re = new Float64Array(d * d), im = new Float64Array(d * d);
  unpackRho(d, s, re, im);
  const M = new Float64Array(n * n);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      M[a * n + b] = re[a * d + b];
      M[(a + d) * n + b + d] = re[a * d + b];
      M[a * n + b + d] = -im[a * d + b];
      M[(a + d) * n + b] = im[a * d + b];
    }
  }
  jacobiEigenvaluesInPlace(M, n);
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, M[i * n + i]);
  return min;
}

function jacobiEigenvaluesInPlace(M: Float64Array, n: number): void {
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += M[p * n + q] ** 2;
    if (off < 1e-30) return;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = M[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const app = M[p * n + p], aqq = M[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = M[k * n + p], mkq = M[k * n + q];
          M[k * n + p] = c * mkp - sn * mkq;
          M[k * n + q] = sn * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = M[p * n + k], mqk = M[q * n + k];
          M[p * n + k] = c * mpk - sn * mqk;
          M[q * n + k] = sn * mpk + c * mqk;
        }
      }
    }
  }
}

export interface TrajectoryOptions {
  rtol?: number;
  atol?: number;
  /** Return false to abort (cancellation); checked after every accepted step. */
  shouldContinue?: () => boolean;
}

export interface Trajectory {
  times: Float64Array;
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
  /** Largest |Tr ϱ − 1| over the output times. */
  traceError: number;
  /** Smallest eigenvalue of ϱ seen at the output times (positivity monitor). */
  minEigenvalue: number;
  /** Final state (real parametrisation). */
  final: Float64Array;
  steps: number;
}

/**
 * Integrates the mean-field equations from ϱ(0) = s0 and samples X, Y, Z at `times`
 * (t of Eq. (3), ħ = 1). Positivity is checked at up to `positivitySamples` output times.
 */
export function integrateMeanField(
  p: ModelParams,
  s0: Float64Array,
  times: ArrayLike<number>,
  opts: TrajectoryOptions = {},
  positivitySamples = 16,
): Trajectory {
  const d = p.d;
  const n = stateLength(d);
  if (s0.length !== n) throw new RangeError(`state length ${s0.length} ≠ d² = ${n}`);
  const w = meanFieldWork(p);
  const nT = times.length;
  const out = new Float64Array(nT * n);
  let aborted = false;
  const stats = dopri5((_t, y, dy) => meanFieldRhs(p, w, y, dy), 0, s0, times, out, {
    rtol: opts.rtol ?? 1e-8,
    atol: opts.atol ?? 1e-10,
    onStep: opts.shouldContinue
      ? () => {
          if (!opts.shouldContinue!()) {
            aborted = true;
            return false;
          }
          return true;
        }
      : undefined,
  });
  if (aborted) throw new CancelledError();
  const X = new Float64Array(nT), Y = new Float64Array(nT), Z = new Float64Array(nT);
  let traceError = 0, minEig = Infinity;
  const every = Math.max(1, Math.floor(nT / Math.max(1, positivitySamples)));
  for (let k = 0; k < nT; k++) {
    const s = out.subarray(k * n, (k + 1) * n);
    const e = spinExpectations(d, s);
    X[k] = e.X;
    Y[k] = e.Y;
    Z[k] = e.Z;
    traceError = Math.max(traceError, Math.abs(traceOf(d, s) - 1));
    if (k % every === 0 || k === nT - 1) minEig = Math.min(minEig, minEigenvalue(d, s));
  }
  return {
    times: Float64Array.from(times),
    X, Y, Z, traceError, minEigenvalue: minEig,
    final: out.slice((nT - 1) * n, nT * n),
    steps: stats.accepted,
  };
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
