/**
 * The check shared by the certified-spectrum tests (spectrumCertified*.test.ts): at (N, d, V) with
 * (γ_I, γ_C) = (0.9, 0.35), spin dissipator, each listed sector's slowest eigenvalues from
 * sectorSpectrum (block-LU path, search complete) equal the dense reference to 1e-7
 * (absolute + relative), lie within their own error bound plus the reference's own accuracy
 * κ·ε·‖A‖∞, are certified, and their condition numbers match the dense ones to 2 % — through
 * sectorLiouvillianSpectrum (with the trace functional as λ = 0's left vector where the sector
 * has one) and, in those sectors, also on the bare matrix.
 */
import { expect } from 'vitest';
import { makeParams } from '../../../src/physics/model/model.ts';
import { buildPiBasis } from '../../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../../src/physics/exact/liouvillian.ts';
import { type SectorSpectrum, sectorLiouvillianSpectrum, sectorSpectrum, traceFunctional } from '../../../src/physics/exact/spectrum.ts';
import { parseSector, type SectorLabel } from '../../../src/physics/exact/sectors.ts';

/** Per sector: [Re λ, Im λ, κ(λ)] of the dense reference, smallest |Re| first. */
export type Ref = Record<SectorLabel, Array<[number, number, number]>>;
const EPS = 2.220446049250313e-16;

export function checkPoint(N: number, d: number, V: number, ref: Ref, sectors: readonly SectorLabel[]): void {
  const p = makeParams({ d, dissipator: 'spin', gammaI: 0.9, gammaC: 0.35, V });
  const b = buildPiBasis(N, d);
  for (const label of sectors) {
    const L = buildSectorLiouvillian(b, p, parseSector(label));
    const A = L.matrix;
    let nA = 0;
    for (let i = 0; i < A.rows; i++) { let s = 0; for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) s += Math.abs(A.values[q]); nA = Math.max(nA, s); }
    const want = ref[label];
    const opts = { k: want.length, sigma: 0.02 * (0.9 + 0.35 + Math.abs(V)) };
    // the production path (sectorLiouvillianSpectrum: λ = 0's left vector is the trace
    // functional in closed form, in the sectors that have one) and the bare matrix (computed
    // left vectors) must both meet the reference
    const w = traceFunctional(b, L);
    if (w) checkSpectrum(`${label} (bare matrix)`, sectorSpectrum(A, opts), want, nA);
    checkSpectrum(label, sectorLiouvillianSpectrum(b, L, opts), want, nA);
  }
}

function checkSpectrum(label: string, s: SectorSpectrum, want: Array<[number, number, number]>, nA: number): void {
  expect(s.solver).toBe('block-lu');
  expect(s.complete).toBe(true);
  expect(s.eigenvalues.length).toBe(want.length);
  s.eigenvalues.forEach((e, i) => {
    const [re, im, kappa] = want[i];
    const err = Math.hypot(e.re - re, e.im - im);
    expect(err, `${label} λ${i}`).toBeLessThan(1e-7 * (1 + Math.hypot(re, im)));
    expect(e.errorBound, `${label} λ${i} has a bound`).toBeDefined();
    expect(err, `${label} λ${i} within its bound`).toBeLessThanOrEqual(e.errorBound! + kappa * EPS * nA);
    expect(e.certified, `${label} λ${i} certified`).toBe(true);
    // the condition number from our left/right vectors matches the dense one (3 digits stored)
    expect(Math.abs(e.condition! / kappa - 1), `${label} λ${i} condition`).toBeLessThan(0.02);
  });
  expect(s.certified).toBe(true);
}
