/**
 * Young diagrams λ ⊢ n and the dimensions Schur–Weyl duality attaches to them (used by
 * negativity.ts). A diagram is a non-increasing array of positive row lengths, e.g. [3, 1].
 *
 * Sources: Sagan, "The Symmetric Group", 2nd ed. (Springer 2001), Thm. 3.10.2 (hook-length
 * formula); Stanley, "Enumerative Combinatorics" vol. 2, Cor. 7.21.4 (hook-content formula);
 * Fulton & Harris, "Representation Theory", Lecture 6 (Schur–Weyl duality);
 * Okounkov & Vershik, Selecta Math. 2 (1996) 581 (Jucys–Murphy elements, contents).
 */

/** All λ ⊢ n with at most maxRows rows, in reverse lexicographic order ([n] first). */
export function partitions(n: number, maxRows: number): number[][] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer (got ${n})`);
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (left: number, maxPart: number): void => {
    if (left === 0) {
      out.push(cur.slice());
      return;
    }
    if (cur.length === maxRows) return;
    for (let k = Math.min(left, maxPart); k >= 1; k--) {
      cur.push(k);
      rec(left - k, k);
      cur.pop();
    }
  };
  rec(n, n);
  return out;
}

/** Hook length of cell (r, c) (0-based): arm + leg + 1. */
function hook(lambda: number[], r: number, c: number): number {
  let leg = 0;
  for (let s = r + 1; s < lambda.length && lambda[s] > c; s++) leg++;
  return lambda[r] - c - 1 + leg + 1;
}

/**
 * f^λ = dim of the Specht module S^λ (irrep of S_n) = n! / Π hooks (hook-length formula,
 * Sagan Thm. 3.10.2). Exact as a double while n! < 2^53 (n ≤ 18); computed as a running
 * product of ratios and rounded.
 */
export function specht(lambda: number[]): number {
  let n = 0;
  for (const l of lambda) n += l;
  const hooks: number[] = [];
  for (let r = 0; r < lambda.length; r++) for (let c = 0; c < lambda[r]; c++) hooks.push(hook(lambda, r, c));
  hooks.sort((a, b) => a - b);
  let v = 1;
  for (let k = 1; k <= n; k++) v = (v * k) / hooks[k - 1];
  return Math.round(v);
}

/**
 * dim of the GL(d) / U(d) irrep U_d(λ) (Schur module S_λ C^d) = Π_cells (d + c − r) / hook
 * (hook-content formula, Stanley EC2 Cor. 7.21.4). Zero when λ has more than d rows.
 */
export function weylDimension(lambda: number[], d: number): number {
  if (lambda.length > d) return 0;
  let v = 1;
  for (let r = 0; r < lambda.length; r++) for (let c = 0; c < lambda[r]; c++) v = (v * (d + c - r)) / hook(lambda, r, c);
  return Math.round(v);
}

/**
 * Content sum Σ_cells (c − r). The class sum of transpositions X = Σ_{i<j} (i j) (the sum of the
 * Jucys–Murphy elements) acts on S^λ as this scalar (Okounkov–Vershik 1996), so on (C^d)^{⊗n}
 * X = content(λ) on the λ-isotypic component. It is strictly increasing in dominance order:
 * μ ⊳ λ is reached from λ by moves of one box from a row s to the end of a row r < s, and such a
 * move replaces the content λ_s − 1 − s by λ_r − r > λ_s − 1 − s (as λ_r ≥ λ_s, r < s).
 * negativity.ts uses this to isolate U_d(λ).
 */
export function contentSum(lambda: number[]): number {
  let s = 0;
  for (let r = 0; r < lambda.length; r++) for (let c = 0; c < lambda[r]; c++) s += c - r;
  return s;
}

/** "3,1" style label, as used in the result's block list. */
export function partitionLabel(lambda: number[]): string {
  return lambda.join(',');
}
