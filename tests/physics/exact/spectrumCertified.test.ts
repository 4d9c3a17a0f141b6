/**
 * Certified sector spectra (issue 13) against dense references at sizes the paper uses.
 *
 * Reference values: numpy 2.4.6 / scipy 1.17.1 `scipy.linalg.eig(A, left=True, right=True)`
 * (LAPACK dgeev) of the dense HS-normalised sector matrices exported by this engine
 * (buildSectorLiouvillian, spin dissipator), computed 2026-11-30 by the issue-13 helper
 * (scripts in the report: /tmp/ref/dump.ts + eig.py). Each entry is [Re λ, Im λ, κ(λ)] with κ
 * from the left and right eigenvectors; the smallest |Re| first (ties by Im). A backward-stable
 * dense solver is itself only accurate to about κ·ε·‖A‖∞, so that much is allowed on top of
 * our own error bound when testing "within its bound"; the absolute-plus-relative agreement
 * 1e-7 of the issue is tested as is.
 */
import { describe, it } from 'vitest';
import { SECTOR_LABELS } from '../../../src/physics/exact/sectors.ts';
import { checkPoint, type Ref } from './certifiedCheck.ts';

// N = 40, d = 2, (γ_I, γ_C, V) = (0.9, 0.35, 1); sector dims 3311, 2870, 3080, 3080; ‖A‖∞ ≈ 119.
const N40: Ref = {
  '+1,+1': [[-1.32558813037088e-13, 0, 1.36e+05], [-0.942452202630376, 0, 5.33e+06], [-1.17390444106561, -1.14331169474791, 1.14e+06], [-1.17390444106561, 1.14331169474791, 1.14e+06]],
  '+1,-1': [[-2.16886535942843, 0, 1.78e+04], [-3.30625604979373, -1.37422100433067, 1.66e+05], [-3.30625604979373, 1.37422100433067, 1.66e+05]],
  '-1,+1': [[-0.0155091657864605, 0, 4.28e+04], [-1.08896184486972, -1.15452941667193, 3.66e+05], [-1.08896184486972, 1.15452941667193, 3.66e+05]],
  '-1,-1': [[-2.16773956514702, 0, 3.04e+04], [-3.31579506939242, -1.36350899192014, 3.72e+05], [-3.31579506939242, 1.36350899192014, 3.72e+05]],
};
// N = 40, d = 2, (0.9, 0.35, −1): the (−1,±1) labels swap (Δ(−1,−1) closes for V < 0).
const N40M: Ref = {
  '+1,+1': [[1.79952992087468e-12, 0, 1.36e+05], [-0.942452202711174, 0, 5.33e+06], [-1.1739044411281, -1.14331169478901, 1.14e+06], [-1.1739044411281, 1.14331169478901, 1.14e+06]],
  '+1,-1': [[-2.16886535942906, 0, 1.78e+04], [-3.3062560497827, -1.37422100432735, 1.66e+05], [-3.3062560497827, 1.37422100432735, 1.66e+05]],
  '-1,+1': [[-2.16773956514788, 0, 3.04e+04], [-3.31579506936143, -1.36350899190776, 3.72e+05], [-3.31579506936143, 1.36350899190776, 3.72e+05]],
  '-1,-1': [[-0.0155091657853913, 0, 4.28e+04], [-1.0889618449182, -1.15452941667164, 3.66e+05], [-1.0889618449182, 1.15452941667164, 3.66e+05]],
};

describe('certified sector spectra vs dense references', () => {
  it('N = 40, d = 2, V = 1: the four sectors\' slowest eigenvalues (κ up to 5e6)', () => {
    checkPoint(40, 2, 1, N40, SECTOR_LABELS);
  }, 240_000);

  it('N = 40, d = 2, V = −1 (the (−1,±1) gaps swap)', () => {
    checkPoint(40, 2, -1, N40M, ['-1,+1', '-1,-1']);
  }, 240_000);
});
