/**
 * Certified sector spectra (issue 13) against dense references: (N, d) = (8, 3), two sectors
 * (the other two take as long again; spectrumCertified.test.ts covers N = 40 in all four).
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
import { checkPoint, type Ref } from './certifiedCheck.ts';

// N = 8, d = 3, (0.9, 0.35, 1); sector dims 3382, 3088, 3200, 3200.
const N8D3: Ref = {
  '+1,+1': [[9.18835166643303e-15, 0, 21.3], [-0.86325341793421, -1.06526358168127, 70], [-0.86325341793421, 1.06526358168127, 70], [-1.21508240599394, 0, 29.2]],
  '+1,-1': [[-1.40467329927564, 0, 17.9], [-1.70910249330622, -0.692438315931331, 67.9], [-1.70910249330622, 0.692438315931331, 67.9]],
  '-1,+1': [[-0.0902136241510539, 0, 9.92], [-1.0144590196426, -1.28304962980229, 21.3], [-1.0144590196426, 1.28304962980229, 21.3]],
  '-1,-1': [[-1.37883857432878, 0, 9.23], [-1.73427768439408, -0.913489523498047, 17.2], [-1.73427768439408, 0.913489523498047, 17.2]],
};

describe('certified sector spectra vs dense references, d = 3', () => {
  it('N = 8, d = 3, V = 1: sectors (+1,+1) and (−1,+1)', () => {
    checkPoint(8, 3, 1, N8D3, ['+1,+1', '-1,+1']);
  }, 240_000);
});
