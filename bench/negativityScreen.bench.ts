/**
 * Would a positive-definiteness screen pay in negativity.ts (issue 9)? Only negative eigenvalues
 * of ρ^{T_B} count, so a block M whose shifted Cholesky factorisation (M + δI, δ ≈ n·u·tr M)
 * completes could be skipped with an error of at most multiplicity·n·(δ + backward error). This
 * bench measures, on real steady states over a Fig. 8 grid of (γ_I, γ_C) at V = 1, the share of
 * the eigenvalue work Σ (4/3)·size³ that lies in blocks with λ_min > 0 — what such a screen
 * could skip (blocks with λ_min in (−δ, 0] would pass too; none occur at these states beyond
 * rounding) — from the public result (blocks[].minEigenvalue), with 𝒩 for reference.
 *
 * Measured 2026-11-30 (see the doc comment of negativity.ts for the conclusion): 0 % wherever
 * γ_I + γ_C ≥ 2 (every block is indefinite: the dissipation-dominated side, where 𝒩 is
 * largest), 0–26 % nearer the origin where 𝒩 > 0 (flat dissipator: up to 39 %, at
 * 𝒩 ≈ 3·10⁻⁵), 100 % only where 𝒩 = 0 (the interaction-dominated corner: γ_I = 0.1, γ_C ≤ 0.5).
 *
 * Run: `npx tsx bench/negativityScreen.bench.ts [--cases=7,3;5,4] [--dissipator=spin|flat] [--quick]`
 * (--quick: (5, 3) on a 3 × 3 grid, ≈ 5 s). About 2 min per case on the loaded 2-core machine;
 * the steady states use the default solver (15–50 s CPU each at (5, 5) or (7, 4), so those are
 * not in the default cases).
 */
import { makeParams, type DissipatorKind } from '../src/physics/model/model.ts';
import { steadyStateNegativity } from '../src/physics/exact/negativity.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const cases: Array<[number, number]> = (arg('cases') ?? (quick ? '5,3' : '7,3;5,4')).split(';').map((c) => c.split(',').map(Number) as [number, number]);
const dissipator = (arg('dissipator') ?? 'spin') as DissipatorKind;
const GRID = quick ? [0.1, 0.5, 2] : [0.1, 0.5, 1, 2, 3];

console.log(`positive-definite share of the block eigenvalue work Σ (4/3)·size³, real steady states, ${dissipator} dissipator, V = 1, NA = ⌈N/2⌉`);
for (const [N, d] of cases) {
  console.log(`\n(N, d) = (${N}, ${d}); rows γ_I, columns γ_C = ${GRID.join(', ')}: "share % (𝒩)"`);
  let sum = 0, count = 0;
  for (const gammaI of GRID) {
    const cells: string[] = [];
    for (const gammaC of GRID) {
      const r = steadyStateNegativity(N, makeParams({ d, dissipator, gammaI, gammaC, V: 1 }), Math.ceil(N / 2), { negativity: { spectrum: false } });
      let all = 0, pd = 0;
      for (const b of r.blocks) {
        all += b.size ** 3;
        if (b.minEigenvalue > 0) pd += b.size ** 3;
      }
      const share = (100 * pd) / all;
      sum += share;
      count++;
      cells.push(`${share.toFixed(0).padStart(3)} % (${r.negativity.toExponential(1)})`);
    }
    console.log(`  γ_I = ${String(gammaI).padEnd(4)} ${cells.join('  ')}`);
  }
  console.log(`  mean over the grid: ${(sum / count).toFixed(1)} %`);
}
