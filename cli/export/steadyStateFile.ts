/**
 * `steady-state --out rho.npz | rho.mtx`: the exact steady state for Python users (NumPy, SciPy,
 * QuTiP). The .npz holds the PI coordinates with the basis needed to interpret them and, where
 * d^N ≤ 4096, the dense d^N × d^N density matrix; the .mtx holds the dense matrix only.
 *
 * Arrays of the .npz (dim = sector dimension, D = d²):
 *   coefficients (dim,) f8   x_m with ρ = Σ_m x_m h_m (raw Hermitian basis h_m, Tr ρ = 1)
 *   occupation (dim, D) i4   the multiset n of h_m's representative S_n (label p = a·d + b ↔ |a⟩⟨b|)
 *   theta (dim,) f8          phase θ_m of h_m = e^{iθ}S_n + e^{−iθ}S_{nᵀ} (0 and h_m = S_n when n = nᵀ)
 *   level (dim,) i4          E = Σ_i (a_i + b_i)
 *   gram (dim,) f8           ⟨h_m, h_m⟩_HS, so Tr ρ² = Σ_m gram_m x_m²
 *   rho (d^N, d^N) c16       dense ρ, basis index Σ_i k_i d^(N−1−i) (particle 0 most significant,
 *                            k = 0..d−1 ↔ m = −j + k); absent when d^N > 4096
 *   meta () <U               JSON: parameters, observables, code version, conventions
 */
import { csrNormInf, type Csr } from '../../src/linalg/csr.ts';
import { CliError } from '../args.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { sectorLabel } from '../../src/physics/exact/sectors.ts';
import { buildSectorLiouvillian, sectorNorms } from '../../src/physics/exact/liouvillian.ts';
import { piExpectations, piWeights, toDenseOperator } from '../../src/physics/exact/observables.ts';
import { type SteadyStateResult, hsResidual, steadySector } from '../../src/physics/exact/steadyState.ts';
import type { ModelParams } from '../../src/physics/model/model.ts';
import { codeVersion } from './codeVersion.ts';
import { MODEL_CONVENTIONS, PI_BASIS_CONVENTIONS, modelLine, provenanceLine } from './conventions.ts';
import { writeFileAtomic } from './fileOut.ts';
import { writeDenseComplexMatrixMarket } from './matrixMarket.ts';
import { complex128Array, float64Array, int32Array, npzChunks, unicodeScalar, type NpyArray } from './npz.ts';

/** Largest d^N for which the dense matrix is written (toDenseOperator's limit; 4096² complex = 256 MiB). */
export const DENSE_LIMIT = 4096;

export interface SteadyStateExport {
  out: string;
  format: 'npz' | 'mtx';
  dim: number;
  /** Whether the dense d^N × d^N matrix was written. */
  dense: boolean;
}

/**
 * The steady state's coordinates in the raw basis h_m. The engine returns x in the basis of
 * the matrix it solved with (raw h_m, or ĥ_m = h_m/‖h_m‖ after the HS normalisation of issue
 * 13), and its result does not say which; the candidate with the smaller residual ‖ℒρ‖/‖ρ‖
 * under the RAW sector matrix `R` (built here independently) is taken, normalised to Tr ρ = 1.
 * Throws Error when neither is a steady state (relative residual above 1e-6).
 */
export function rawCoordinates(R: Csr, x: Float64Array, trace: Float64Array, gram: Float64Array, scale: Float64Array): { x: Float64Array; residual: number } {
  let best: { x: Float64Array; residual: number } | null = null;
  for (const c of [Float64Array.from(x), Float64Array.from(x, (v, m) => v / scale[m])]) {
    let tr = 0;
    for (let m = 0; m < c.length; m++) tr += trace[m] * c[m];
    if (!(Math.abs(tr) > 0)) continue;
    for (let m = 0; m < c.length; m++) c[m] /= tr;
    const residual = hsResidual(R, gram, c);
    if (!best || residual < best.residual) best = { x: c, residual };
  }
  const nR = csrNormInf(R);
  if (!best || !(best.residual <= 1e-6 * Math.max(1, nR))) {
    throw new Error(`internal: the engine's steady-state coordinates are no steady state in the raw or the normalised basis (residual ${best?.residual})`);
  }
  return best;
}


export function writeSteadyStateFile(path: string, N: number, p: ModelParams, dissipator: string, r: SteadyStateResult): SteadyStateExport {
  const lower = path.toLowerCase();
  const format = lower.endsWith('.npz') ? 'npz' : lower.endsWith('.mtx') ? 'mtx' : null;
  if (!format) throw new CliError(`--out must end in .npz (NumPy) or .mtx (Matrix Market) (got "${path}")`);
  const dimH = Math.pow(p.d, N);
  if (format === 'mtx' && dimH > DENSE_LIMIT) throw new CliError(`the dense steady state is d^N = ${dimH} square, above ${DENSE_LIMIT}: use --out file.npz for the PI coordinates`);
  const b = buildPiBasis(N, p.d);
  const spec = steadySector(p);
  const L = buildSectorLiouvillian(b, p, spec, { normalize: false });
  const sec = L.sector;
  if (r.x.length !== sec.dim) throw new Error(`internal: steady state has ${r.x.length} coordinates, sector has ${sec.dim}`);
  const w = piWeights(b, sec);
  const { x, residual } = rawCoordinates(L.matrix, r.x, w.trace, w.gram, sectorNorms(b, sec));
  // Observables of the state actually written (an independent evaluation of the engine's).
  const e = piExpectations(b, w, x, true);
  const observables = { X: e.X, Y: e.Y, Z: e.Z, purity: e.purity, scaledPurity: e.scaledPurity, residual };
  if (Math.abs(e.purity - r.purity) > 1e-8 * Math.max(1, r.purity) || Math.abs(e.Z - r.Z) > 1e-8) {
    process.stderr.write(`warning: the written state has purity ${e.purity}, Z ${e.Z}; the engine reported purity ${r.purity}, Z ${r.Z}\n`);
  }
  let rho: { n: number; re: Float64Array; im: Float64Array } | null = null;
  if (dimH <= DENSE_LIMIT) {
    rho = toDenseOperator(b, sec, x);
    // Independent check of the reconstruction: Tr ρ = 1 and Σ|ρ_ij|² = the engine's purity.
    let tr = 0, pur = 0;
    for (let i = 0; i < rho.n; i++) tr += rho.re[i * rho.n + i];
    for (let k = 0; k < rho.re.length; k++) pur += rho.re[k] ** 2 + rho.im[k] ** 2;
    if (Math.abs(tr - 1) > 1e-9 || Math.abs(pur - e.purity) > 1e-9 * Math.max(1, e.purity)) {
      throw new Error(`internal: dense rho has trace ${tr} and purity ${pur}, the PI coordinates give ${e.purity}`);
    }
  }
  const label = sectorLabel(spec);
  if (format === 'mtx') {
    const R = rho as NonNullable<typeof rho>;
    writeDenseComplexMatrixMarket(path, R.n, R.re, R.im, [
      `Steady state rho of Pausch et al. Eq. (3) (Section V), dense ${R.n} x ${R.n}, Tr rho = 1.`,
      provenanceLine(),
      modelLine(N, p, dissipator),
      `observables: ${JSON.stringify(observables)}`,
      'Row/column index (1-based) - 1 = sum_i k_i d^(N-1-i): particle 0 most significant, k = 0..d-1 <-> m = -j + k.',
      ...MODEL_CONVENTIONS,
    ]);
    return { out: path, format, dim: sec.dim, dense: true };
  }
  const occ = new Int32Array(sec.dim * b.D);
  for (let m = 0; m < sec.dim; m++) for (let q = 0; q < b.D; q++) occ[m * b.D + q] = b.occ[sec.rep[m] * b.D + q];
  const meta = {
    model: { N, d: p.d, dissipator, ellRe: Array.from(p.ell.re), ellIm: Array.from(p.ell.im), gammaI: p.gammaI, gammaC: p.gammaC, V: p.V },
    sector: label,
    observables,
    code: codeVersion(),
    conventions: [...MODEL_CONVENTIONS, ...PI_BASIS_CONVENTIONS,
      'coefficients: rho = sum_m coefficients[m] h_m; Tr rho^2 = sum_m gram[m] coefficients[m]^2.',
      'rho: dense matrix, index sum_i k_i d^(N-1-i) (particle 0 most significant, k = 0..d-1 <-> m = -j + k).'],
  };
  const arrays: Record<string, NpyArray> = {
    coefficients: float64Array(x),
    occupation: int32Array(occ, [sec.dim, b.D]),
    theta: float64Array(sec.theta),
    level: int32Array(sec.level),
    gram: float64Array(w.gram),
  };
  if (rho) arrays.rho = complex128Array(rho.re, rho.im, [rho.n, rho.n]);
  arrays.meta = unicodeScalar(JSON.stringify(meta));
  const chunks = npzChunks(arrays);
  writeFileAtomic(path, (write) => chunks.forEach(write));
  return { out: path, format, dim: sec.dim, dense: rho !== null };
}
