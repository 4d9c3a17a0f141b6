/**
 * `liouvillian --out L.mtx`: one real sector matrix of Eq. (3) in Matrix Market format, with the
 * basis and conventions in its header comments, for SciPy/MATLAB/Julia users.
 */
import { checkBudget } from '../../src/physics/exact/memory.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian, sectorNorms } from '../../src/physics/exact/liouvillian.ts';
import { type SectorSpec, sectorLabel } from '../../src/physics/exact/sectors.ts';
import type { ModelParams } from '../../src/physics/model/model.ts';
import { writeCsrMatrixMarket } from './matrixMarket.ts';
import { MODEL_CONVENTIONS, PI_BASIS_CONVENTIONS, basisLines, modelLine, provenanceLine } from './conventions.ts';

export interface LiouvillianExport {
  out: string;
  sector: string;
  dim: number;
  nnz: number;
  basis: 'normalized' | 'raw';
}

/**
 * Builds the (p1, p2) sector matrix and writes it to `path` (.mtx). `normalized` selects the
 * Hilbert–Schmidt-orthonormal basis ĥ_m = h_m/‖h_m‖ (else the raw h_m); the spectrum is the
 * same. Throws RangeError for a sector that is no symmetry of these parameters or over the budget.
 */
export function writeLiouvillianFile(path: string, N: number, p: ModelParams, dissipator: string, spec: SectorSpec, normalized: boolean, budgetBytes?: number): LiouvillianExport {
  checkBudget(N, p.d, 'build', spec, { budgetBytes });
  const b = buildPiBasis(N, p.d);
  const L = buildSectorLiouvillian(b, p, spec, { normalize: normalized });
  // An engine without the normalize option builds the raw basis; say what was actually built.
  const isNormalized = (L as { normalized?: boolean }).normalized === true;
  const label = sectorLabel(spec);
  const coords = isNormalized
    ? 'rho = sum_m y_m hhat_m with hhat_m = h_m/||h_m||_HS (orthonormal basis): d y/dt = M y, i.e. L hhat_k = sum_m M[m,k] hhat_m.'
    : 'rho = sum_m x_m h_m (raw basis h_m, not normalised): d x/dt = M x, i.e. L h_k = sum_m M[m,k] h_m.';
  const comments = [
    `Liouvillian of Pausch et al. Eq. (3) restricted to the Z2xZ2 sector (p1,p2) = (${label}), real matrix M.`,
    provenanceLine(),
    modelLine(N, p, dissipator),
    `sector (${label}), dimension ${L.sector.dim}, basis ${isNormalized ? 'normalized' : 'raw'}`,
    coords,
    'Eigenvalues of M are the Liouvillian eigenvalues in this sector (rate units); gaps: Eqs. (15)-(16).',
    ...MODEL_CONVENTIONS,
    ...PI_BASIS_CONVENTIONS,
    ...basisLines(b, L.sector, sectorNorms(b, L.sector)),
  ];
  const nnz = writeCsrMatrixMarket(path, L.matrix, comments);
  return { out: path, sector: label, dim: L.sector.dim, nnz, basis: isNormalized ? 'normalized' : 'raw' };
}

