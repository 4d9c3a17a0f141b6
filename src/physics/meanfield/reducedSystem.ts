/**
 * The mean-field vector field of Eq. (9) in trace-reduced coordinates, its exact Jacobian and
 * parameter derivatives, and the spectrum used to judge stability (Appendix B).
 *
 * Reduced coordinates u ∈ ℝ^{d²−1}: the real parametrisation of meanfield.ts without its first
 * entry, ϱ_{00} = 1 − Σ_{k≥1} ϱ_kk (Appendix B eliminates ⟨S_{x;−j,−j}⟩ the same way). This
 * removes the trivial zero eigenvalue of the unconstrained Jacobian along the trace direction
 * (Tr ϱ is conserved), which would otherwise read as marginal stability.
 *
 * Exactness: the right-hand side is a quadratic polynomial in ϱ (Eq. 9: f, h quadratic, g
 * linear), hence also in u, so finite differences of F with unit steps give the analytic Jacobian
 * up to rounding once the (parameter-independent) quadratic part is accounted for (see jacobian). F is linear in (V, γ_I, γ_C) jointly, so
 * ∂F/∂γ_I = F with (V, γ_I, γ_C) = (0, 1, 0), exactly.
 */
import { meanFieldRhs, meanFieldWork, offDiagonalIndex, type MeanFieldWork } from './meanfield.ts';
import type { ModelParams } from '../model/model.ts';
import { eigenvaluesReal } from '../../linalg/denseEig.ts';

/** Dimension of the trace-reduced state: d² − 1. */
export function reducedDim(d: number): number {
  return d * d - 1;
}

/** Reduced coordinates u of a state s (drops ϱ_00). */
export function toReduced(s: ArrayLike<number>, u?: Float64Array): Float64Array {
  const n = s.length - 1;
  const out = u ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s[i + 1];
  return out;
}

/** Full real parametrisation of ϱ from u, with ϱ_00 = 1 − Σ_{k=1}^{d−1} ϱ_kk. */
export function fromReduced(d: number, u: ArrayLike<number>, s?: Float64Array): Float64Array {
  const out = s ?? new Float64Array(d * d);
  let tr = 0;
  for (let k = 1; k < d; k++) tr += u[k - 1];
  out[0] = 1 - tr;
  for (let i = 0; i < d * d - 1; i++) out[i + 1] = u[i];
  return out;
}

/** Workspace and parameters for repeated evaluations (one per thread; not re-entrant). */
export interface MfSystem {
  p: ModelParams;
  n: number;
  work: MeanFieldWork;
  s: Float64Array;
  ds: Float64Array;
  up: Float64Array;
  fp: Float64Array;
  fm: Float64Array;
  /** Lazily computed quadratic parts (see jacobian); depend on d and ℓ only. */
  qV?: Float64Array;
  qC?: Float64Array;
}

export function mfSystem(p: ModelParams): MfSystem {
  const n = reducedDim(p.d);
  return {
    p: { ...p }, n, work: meanFieldWork(p),
    s: new Float64Array(n + 1), ds: new Float64Array(n + 1),
    up: new Float64Array(n), fp: new Float64Array(n), fm: new Float64Array(n),
  };
}

/** F(u) (length n) at the system's current parameters. */
export function residual(sys: MfSystem, u: ArrayLike<number>, out: Float64Array): void {
  const d = sys.p.d;
  fromReduced(d, u, sys.s);
  meanFieldRhs(sys.p, sys.work, sys.s, sys.ds);
  for (let i = 0; i < sys.n; i++) out[i] = sys.ds[i + 1];
}

/**
 * Exact Jacobian ∂F/∂u (n×n row-major) at u. Writing F(u) = c + Lu + Q(u, u) (Eq. 9 is quadratic),
 * J(u)e = F(u+e) − F(u) − Q(e, e): one evaluation per column. The quadratic part comes only from
 * the Hamiltonian and the collective dissipator (g, the individual part, is linear), so
 * Q = V·Q_V + γ_C·Q_C with Q_V, Q_C computed once per system from
 * Q(e, e) = (F(e) + F(−e))/2 − F(0) at (V, γ_I, γ_C) = (1, 0, 0) and (0, 0, 1).
 */
export function jacobian(sys: MfSystem, u: ArrayLike<number>, J: Float64Array): void {
  const n = sys.n;
  const { up, fp, fm } = sys;
  const { qV, qC } = quadraticDiagonal(sys);
  const V = sys.p.V, gC = sys.p.gammaC;
  for (let i = 0; i < n; i++) up[i] = u[i];
  residual(sys, up, fm);
  for (let c = 0; c < n; c++) {
    const u0 = up[c];
    up[c] = u0 + 1;
    residual(sys, up, fp);
    up[c] = u0;
    const base = c * n;
    for (let r = 0; r < n; r++) J[r * n + c] = fp[r] - fm[r] - (V * qV[base + r] + gC * qC[base + r]);
  }
}

/** Q_V(e_c, e_c) and Q_C(e_c, e_c) for every unit vector e_c (column c at offset c·n). */
function quadraticDiagonal(sys: MfSystem): { qV: Float64Array; qC: Float64Array } {
  if (sys.qV && sys.qC) return { qV: sys.qV, qC: sys.qC };
  const n = sys.n;
  const saved = sys.p;
  const out: Float64Array[] = [];
  try {
    for (const which of ['V', 'gammaC'] as const) {
      sys.p = { ...saved, V: which === 'V' ? 1 : 0, gammaI: 0, gammaC: which === 'gammaC' ? 1 : 0 };
      const q = new Float64Array(n * n);
      const zero = new Float64Array(n), f0 = new Float64Array(n), e = new Float64Array(n);
      residual(sys, zero, f0);
      for (let c = 0; c < n; c++) {
        e[c] = 1;
        residual(sys, e, sys.fp);
        e[c] = -1;
        residual(sys, e, sys.fm);
        e[c] = 0;
        for (let r = 0; r < n; r++) q[c * n + r] = 0.5 * (sys.fp[r] + sys.fm[r]) - f0[r];
      }
      out.push(q);
    }
  } finally {
    sys.p = saved;
  }
  sys.qV = out[0];
  sys.qC = out[1];
  return { qV: out[0], qC: out[1] };
}

/** ∂F/∂(gammaI | gammaC | V) at u, exact (F is linear in the three rates jointly). */
export function paramDerivative(sys: MfSystem, u: ArrayLike<number>, which: 'gammaI' | 'gammaC' | 'V', out: Float64Array): void {
  const saved = sys.p;
  sys.p = { ...saved, gammaI: which === 'gammaI' ? 1 : 0, gammaC: which === 'gammaC' ? 1 : 0, V: which === 'V' ? 1 : 0 };
  try {
    residual(sys, u, out);
  } finally {
    sys.p = saved;
  }
}

/** Sets a rate of the system in place (continuation). */
export function setParameter(sys: MfSystem, which: 'gammaI' | 'gammaC', value: number): void {
  sys.p = { ...sys.p, [which]: value };
}

/**
 * The antiunitary symmetries act on one pair (a < b), q = b − a, as ϱ_ab ↦ ω^q conj(ϱ_ab):
 * Π2 (the text's sign, DESIGN.md) has ω = i and maps ⟨J_x⟩ ↔ ⟨J_y⟩; Π1Π2 has ω = −i and maps
 * (X, Y) ↦ (−Y, −X). On (Re, Im) this is the reflection [[c, s], [s, −c]] with c + is = ω^q.
 * Diagonal entries are fixed. Returns the image of s.
 */
export function antiunitaryImage(d: number, s: ArrayLike<number>, omegaSign: 1 | -1): Float64Array {
  const out = Float64Array.from(s as ArrayLike<number>);
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const [c, sn] = phasePower(omegaSign, b - a);
      const idx = offDiagonalIndex(d, a, b);
      const x = s[idx], y = s[idx + 1];
      out[idx] = c * x + sn * y;
      out[idx + 1] = sn * x - c * y;
    }
  }
  return out;
}

/** Π1: ϱ_ab ↦ (−1)^{a−b} ϱ_ab, i.e. (X, Y) ↦ (−X, −Y) (Section II). */
export function pi1Image(d: number, s: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(s as ArrayLike<number>);
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      if ((b - a) % 2 === 1) {
        const idx = offDiagonalIndex(d, a, b);
        out[idx] = -out[idx];
        out[idx + 1] = -out[idx + 1];
      }
    }
  }
  return out;
}

/** (cos, sin) of ω^q for ω = ±i. */
function phasePower(omegaSign: 1 | -1, q: number): [number, number] {
  switch (((q % 4) + 4) % 4) {
    case 0: return [1, 0];
    case 1: return [0, omegaSign];
    case 2: return [-1, 0];
    default: return [0, -omegaSign];
  }
}

export interface Spectrum {
  re: Float64Array;
  im: Float64Array;
  /** 'pi2' | 'pi1pi2' when the Jacobian was block-diagonalised by that symmetry, else 'none'. */
  reduction: 'pi2' | 'pi1pi2' | 'none';
  ok: boolean;
}

/**
 * Eigenvalues of the n×n reduced Jacobian J (J is not modified), sorted by real part,
 * descending. When the state s is invariant under Π2 (V > 0 broken states, X = Y) or Π1Π2
 * (V < 0, X = −Y) and ℓ is real, J commutes with that involution and splits into its ±1
 * eigenspaces (dimensions (d−1) + d(d−1)/2 and d(d−1)/2): ≈ 4× less work at d = 7. The split is
 * verified (off-block norm) and the full matrix is used otherwise.
 */
export function jacobianSpectrum(d: number, J: Float64Array, s: ArrayLike<number> | null, ellReal: boolean): Spectrum {
  const n = d * d - 1;
  let reduction: Spectrum['reduction'] = 'none';
  if (s && ellReal && d > 2) {
    const tol = 1e-10;
    for (const sign of [1, -1] as const) {
      const img = antiunitaryImage(d, s, sign);
      let diff = 0;
      for (let i = 0; i < img.length; i++) diff = Math.max(diff, Math.abs(img[i] - s[i]));
      if (diff < tol) {
        const res = splitSpectrum(d, n, J, sign);
        if (res) return { ...res, reduction: sign === 1 ? 'pi2' : 'pi1pi2' };
      }
    }
  }
  const A = Float64Array.from(J);
  const re = new Float64Array(n), im = new Float64Array(n);
  const ok = eigenvaluesReal(n, A, re, im);
  sortSpectrum(re, im);
  return { re, im, reduction, ok };
}

function splitSpectrum(d: number, n: number, J: Float64Array, sign: 1 | -1): { re: Float64Array; im: Float64Array; ok: boolean } | null {
  // Orthogonal Q: columns are the ±1 eigenvectors of the involution in reduced coordinates
  // (index i ↔ full index i+1). Diagonal populations and the +1 halves form the even block.
  const even: number[][] = []; // each: list of [index, coefficient]
  const odd: number[][] = [];
  for (let k = 1; k < d; k++) even.push([k - 1, 1]);
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const [c, sn] = phasePower(sign, b - a);
      const th = Math.atan2(sn, c) / 2;
      const idx = offDiagonalIndex(d, a, b) - 1;
      even.push([idx, Math.cos(th), idx + 1, Math.sin(th)]);
      odd.push([idx, -Math.sin(th), idx + 1, Math.cos(th)]);
    }
  }
  const cols = [...even, ...odd];
  // B = Qᵀ J Q, exploiting that each column of Q has ≤ 2 non-zeros
  const JQ = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const v = cols[c];
    for (let r = 0; r < n; r++) {
      let acc = 0;
      for (let t = 0; t < v.length; t += 2) acc += J[r * n + v[t]] * v[t + 1];
      JQ[r * n + c] = acc;
    }
  }
  const B = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const v = cols[r];
    for (let c = 0; c < n; c++) {
      let acc = 0;
      for (let t = 0; t < v.length; t += 2) acc += v[t + 1] * JQ[v[t] * n + c];
      B[r * n + c] = acc;
    }
  }
  const ne = even.length, no = odd.length;
  let off = 0, scale = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const x = Math.abs(B[r * n + c]);
      scale = Math.max(scale, x);
      if ((r < ne) !== (c < ne)) off = Math.max(off, x);
    }
  }
  if (off > 1e-9 * Math.max(scale, 1e-300)) return null;
  const Be = new Float64Array(ne * ne), Bo = new Float64Array(no * no);
  for (let r = 0; r < ne; r++) for (let c = 0; c < ne; c++) Be[r * ne + c] = B[r * n + c];
  for (let r = 0; r < no; r++) for (let c = 0; c < no; c++) Bo[r * no + c] = B[(r + ne) * n + c + ne];
  const re = new Float64Array(n), im = new Float64Array(n);
  const ok1 = eigenvaluesReal(ne, Be, re.subarray(0, ne), im.subarray(0, ne));
  const ok2 = eigenvaluesReal(no, Bo, re.subarray(ne), im.subarray(ne));
  sortSpectrum(re, im);
  return { re, im, ok: ok1 && ok2 };
}

function sortSpectrum(re: Float64Array, im: Float64Array): void {
  const idx = Array.from(re, (_, i) => i).sort((a, b) => re[b] - re[a] || im[b] - im[a]);
  const r = Float64Array.from(idx, (i) => re[i]);
  const m = Float64Array.from(idx, (i) => im[i]);
  re.set(r);
  im.set(m);
}

/**
 * Closed-form spectrum of the Jacobian at the z-polarised state (Appendix B, Eqs. B1–B2), for any
 * d and ℓ: the 2×2 block −|ℓ_{−j}|²(γ_I+γ_C)/(2j) ± 2V; −γ_I(|ℓ_{a−1}|²+|ℓ_{b−1}|²)/(2j), twice,
 * for every pair a < b except (0, 1) (level indices, ℓ_{−1} := 0); −γ_I|ℓ_{k−1}|²/j, k = 1..d−1.
 */
export function zPolarisedSpectrum(p: ModelParams): { re: Float64Array; im: Float64Array } {
  const d = p.d, j = (d - 1) / 2;
  const g = new Float64Array(d);
  for (let k = 1; k < d; k++) g[k] = p.ell.re[k - 1] ** 2 + p.ell.im[k - 1] ** 2;
  const vals: number[] = [];
  const diag = (-g[1] * (p.gammaI + p.gammaC)) / (2 * j);
  vals.push(diag + 2 * Math.abs(p.V), diag - 2 * Math.abs(p.V));
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      if (a === 0 && b === 1) continue;
      const v = (-p.gammaI * (g[a] + g[b])) / (2 * j);
      vals.push(v, v);
    }
  }
  for (let k = 1; k < d; k++) vals.push((-p.gammaI * g[k]) / j);
  vals.sort((x, y) => y - x);
  return { re: Float64Array.from(vals), im: new Float64Array(vals.length) };
}
