/**
 * Schur–Weyl decomposition of one party of n qudits, as negativity.ts needs it: for every
 * Young diagram λ ⊢ n with at most d rows, an orthonormal basis of ONE copy of the U(d) irrep
 * U_d(λ) inside (C^d)^{⊗n}, sorted by weight, and the matrix elements of the PI basis
 * operators S_t (piBasis.ts: unnormalised symmetric sums over n particles) between its vectors.
 *
 * Schur–Weyl duality (Fulton & Harris, "Representation Theory", Lecture 6; Goodman & Wallach,
 * "Symmetry, Representations, and Invariants", §9.1):  (C^d)^{⊗n} = ⊕_λ U_d(λ) ⊗ S^λ, with U(d)
 * acting on the first factors and S_n on the second. An operator commuting with S_n acts as
 * O_λ ⊗ 1 on each term; on any subspace U_d(λ) ⊗ s (s ∈ S^λ fixed) it acts as O_λ.
 *
 * Construction of the copy U_d(λ) ⊗ s (derived here; no Young symmetriser is formed):
 *  - Put the particles in the rows of λ in reading order (row 1 holds particles 0..λ1−1, ...)
 *    and let R = S_{λ1} × S_{λ2} × … permute within rows. The R-invariant ("row-symmetric")
 *    vectors form ⊕_μ U_d(μ) ⊗ (S^μ)^R, and dim (S^μ)^R = ⟨S^μ, Ind_R^{S_n} 1⟩ = K_{μλ} (Frobenius
 *    reciprocity and Young's rule, Sagan Thm. 2.11.2; K the Kostka numbers): only μ ⊵ λ occur,
 *    and λ itself once. Hence the λ-isotypic part is U_d(λ) ⊗ s with s the unique R-invariant
 *    vector of S^λ (up to scale): a valid copy.
 *  - The transposition class sum X = Σ_{i<j} (i j) acts on the μ-isotypic part as the content
 *    sum c(μ) (youngTableaux.ts), and c(μ) > c(λ) for μ ⊳ λ. So the copy is the eigenspace of
 *    X for its LOWEST eigenvalue c(λ) inside the row-symmetric space.
 *  - X and R preserve the weight (occupation numbers of the d levels), so this is done per
 *    weight space: the row-symmetric vectors of weight w are the normalised indicator vectors of
 *    the orbits of R on the product states of weight w; X is a small real symmetric matrix on
 *    them (Jacobi), and its c(λ)-eigenvectors, expanded on product states, are the basis of
 *    U_d(λ) of weight w (K_{λw} of them). The total count is checked against the hook-content
 *    dimension.
 *
 * "Tables": a pair of product states (x, y) of n particles defines the multiset of single-particle
 * labels p = x_i·d + y_i, i.e. the n-particle PI element t with ⟨x|S_t|y⟩ = 1 (else 0); t fixes
 * the row weight w(x) and the column weight w(y). For each irrep and each weight pair (w, w') the
 * module stores T[t][a][a'] = ⟨u_a|S_t|u_a'⟩ = Σ_{(x,y) → t} u_a(x) u_a'(y), u the real basis
 * vectors of weights w and w'.
 *
 * Cost: O(d^{2n}) for the tables (product-state pairs), so d^n ≤ 4096 is required (RangeError
 * otherwise): parties of up to 12 qubits, 7 qutrits, 6 (d = 4) or 5 (d = 5) qudits, i.e. N up to
 * 24, 14, 12, 10 for the default bipartition.
 */
import { buildPiBasis, rankOcc, type PiBasis } from './piBasis.ts';
import { contentSum, partitions, specht, weylDimension } from './youngTableaux.ts';

export interface PartyIrrep {
  lambda: number[];
  /** dim U_d(λ) (hook-content) = Σ_w K[w]. */
  dimU: number;
  /** dim S^λ (hook length): the multiplicity of U_d(λ) in (C^d)^{⊗n}. */
  dimS: number;
  /** K[w] = number of basis vectors of weight w (Kostka number K_{λw}). */
  K: Int32Array;
  /** vecs[w]: K[w] × states[w].length, row-major, orthonormal rows (empty when K[w] = 0). */
  vecs: Float64Array[];
  /** T[w·nW + w']: nTab × K[w] × K[w'] (null when K[w]·K[w'] = 0 or no table). */
  T: (Float64Array | null)[];
  /**
   * Tnorm[w·nW + w'][t] = ‖ Σ_{(x,y) → t} |u_a(x) u_a'(y)| ‖_F over (a, a'): the size of the terms
   * summed into T[t] (for rounding estimates; T itself may cancel to much less).
   */
  Tnorm: (Float64Array | null)[];
}

export interface Party {
  n: number;
  d: number;
  /** Number of weights (compositions of n into d parts). */
  nW: number;
  /** weights[w·d + k] = occupation of level k. */
  weights: Int32Array;
  /** (Σ_k k·w_k) mod 2: the Π1 parity of a product state of weight w. */
  parity: Uint8Array;
  /** Product states of each weight, as codes Σ_i x_i d^{n−1−i} (particle 0 most significant). */
  states: Int32Array[];
  /** The n-particle PI basis: its elements are the tables. */
  pi: PiBasis;
  /** pairTables[w·nW + w']: PI ranks of the tables with row weight w, column weight w'. */
  pairTables: Int32Array[];
  /** Position of each PI rank inside its pairTables list. */
  localIndex: Int32Array;
  /**
   * Sparse labels of each table, ascending: lab/cnt[labPtr[t] .. labPtr[t+1]]. When the party
   * was built with `transpose`, these are the labels of t^T ((a, b) ↦ (b, a)), re-sorted.
   */
  labPtr: Int32Array;
  lab: Int32Array;
  cnt: Int32Array;
  irreps: PartyIrrep[];
}

/** Largest d^n a party may have (the tables cost d^{2n}). */
export const MAX_PARTY_STATES = 1 << 12;

/**
 * Eigen-decomposition of a small real symmetric matrix (row-major, overwritten) by cyclic
 * Jacobi rotations (Golub & Van Loan §8.5.2). Returns eigenvalues w and the eigenvectors as the
 * COLUMNS of V (row-major n×n).
 */
function jacobiEigen(n: number, A: Float64Array): { w: Float64Array; V: Float64Array } {
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let offNorm = 0, total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const x = A[i * n + j] * A[i * n + j];
      total += x;
      if (i !== j) offNorm += x;
    }
    if (offNorm <= 1e-30 * total || offNorm === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = A[i * n + i];
  return { w, V };
}

/**
 * Builds the Schur–Weyl data of an n-qudit party. `transpose` stores the table labels of t^T
 * (used for the transposed party B of ρ^{T_B}). Throws RangeError when d^n > MAX_PARTY_STATES.
 */
export function buildParty(n: number, d: number, transpose = false): Party {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`party size must be a positive integer (got ${n})`);
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`d must be an integer ≥ 2 (got ${d})`);
  const nStates = Math.pow(d, n);
  if (nStates > MAX_PARTY_STATES) {
    throw new RangeError(`negativity: a party of ${n} qudits with d = ${d} has d^n = ${nStates} product states, above the limit ${MAX_PARTY_STATES}`);
  }
  // --- weights and product states -------------------------------------------------------
  const weightIndex = new Map<string, number>();
  const weightList: number[][] = [];
  const occ = new Int32Array(d);
  const digits = new Int32Array(n);
  const weightOf = new Int32Array(nStates);
  const statesTmp: number[][] = [];
  for (let code = 0; code < nStates; code++) {
    occ.fill(0);
    let c = code;
    for (let i = n - 1; i >= 0; i--) { digits[i] = c % d; c = (c - digits[i]) / d; occ[digits[i]]++; }
    const key = occ.join(',');
    let w = weightIndex.get(key);
    if (w === undefined) {
      w = weightList.length;
      weightIndex.set(key, w);
      weightList.push(Array.from(occ));
      statesTmp.push([]);
    }
    weightOf[code] = w;
    statesTmp[w].push(code);
  }
  const nW = weightList.length;
  const weights = new Int32Array(nW * d);
  const parity = new Uint8Array(nW);
  for (let w = 0; w < nW; w++) {
    let s = 0;
    for (let k = 0; k < d; k++) { weights[w * d + k] = weightList[w][k]; s += k * weightList[w][k]; }
    parity[w] = s & 1;
  }
  const states = statesTmp.map((s) => Int32Array.from(s));
  const posOf = new Int32Array(nStates);
  for (let w = 0; w < nW; w++) for (let i = 0; i < states[w].length; i++) posOf[states[w][i]] = i;
  const pow = new Int32Array(n);
  for (let i = 0; i < n; i++) pow[i] = Math.pow(d, n - 1 - i);
  const digit = (code: number, i: number) => Math.floor(code / pow[i]) % d;

  // --- one copy of U_d(λ) per λ -----------------------------------------------------------
  const irreps: PartyIrrep[] = [];
  for (const lambda of partitions(n, d)) {
    const dimU = weylDimension(lambda, d);
    const target = contentSum(lambda);
    const rowOf = new Int32Array(n);
    for (let r = 0, i = 0; r < lambda.length; r++) for (let k = 0; k < lambda[r]; k++) rowOf[i++] = r;
    const K = new Int32Array(nW);
    const vecs: Float64Array[] = [];
    let total = 0;
    const sig = new Int32Array(lambda.length * d);
    for (let w = 0; w < nW; w++) {
      const st = states[w];
      const m = st.length;
      // orbits of the row group R: product states with the same per-row occupations
      const orbitIndex = new Map<string, number>();
      const orbitOf = new Int32Array(m);
      const orbitSize: number[] = [];
      for (let s = 0; s < m; s++) {
        sig.fill(0);
        for (let i = 0; i < n; i++) sig[rowOf[i] * d + digit(st[s], i)]++;
        const key = sig.join(',');
        let g = orbitIndex.get(key);
        if (g === undefined) { g = orbitSize.length; orbitIndex.set(key, g); orbitSize.push(0); }
        orbitOf[s] = g;
        orbitSize[g]++;
      }
      const G = orbitSize.length;
      // X = Σ_{i<j} (i j) on the normalised orbit indicators: ⟨e_g|X|e_h⟩ = #{x ∈ g, i<j : (ij)x ∈ h}/√(|g||h|)
      const X = new Float64Array(G * G);
      for (let s = 0; s < m; s++) {
        const code = st[s];
        const g = orbitOf[s];
        for (let i = 0; i < n; i++) {
          const di = digit(code, i);
          for (let j = i + 1; j < n; j++) {
            const dj = digit(code, j);
            const swapped = code + (dj - di) * pow[i] + (di - dj) * pow[j];
            X[g * G + orbitOf[posOf[swapped]]] += 1;
          }
        }
      }
      for (let g = 0; g < G; g++) for (let h = 0; h < G; h++) X[g * G + h] /= Math.sqrt(orbitSize[g] * orbitSize[h]);
      const { w: ev, V } = jacobiEigen(G, X);
      const keep: number[] = [];
      for (let k = 0; k < G; k++) {
        if (Math.abs(ev[k] - target) < 0.25) keep.push(k);
        else if (ev[k] < target - 0.25) throw new Error(`internal: X eigenvalue ${ev[k]} below the content ${target} of λ = ${lambda}`);
      }
      K[w] = keep.length;
      total += keep.length;
      const u = new Float64Array(keep.length * m);
      keep.forEach((k, a) => {
        for (let s = 0; s < m; s++) u[a * m + s] = V[orbitOf[s] * G + k] / Math.sqrt(orbitSize[orbitOf[s]]);
      });
      vecs.push(u);
    }
    if (total !== dimU) throw new Error(`internal: found ${total} vectors of U_${d}(${lambda}), hook-content dimension ${dimU}`);
    irreps.push({ lambda, dimU, dimS: specht(lambda), K, vecs, T: new Array(nW * nW).fill(null), Tnorm: new Array(nW * nW).fill(null) });
  }

  // --- tables: the n-particle PI elements, grouped by (row weight, column weight) ----------
  const pi = buildPiBasis(n, d);
  const D = d * d;
  const pairLists: number[][] = Array.from({ length: nW * nW }, () => []);
  const localIndex = new Int32Array(pi.dim);
  const labPtr = new Int32Array(pi.dim + 1);
  const labs: number[] = [], cnts: number[] = [];
  const rowW = new Int32Array(d), colW = new Int32Array(d);
  for (let r = 0; r < pi.dim; r++) {
    rowW.fill(0);
    colW.fill(0);
    const entries: Array<[number, number]> = [];
    for (let p = 0; p < D; p++) {
      const c = pi.occ[r * D + p];
      if (!c) continue;
      const a = (p / d) | 0, b = p % d;
      rowW[a] += c;
      colW[b] += c;
      entries.push([transpose ? b * d + a : p, c]);
    }
    if (transpose) entries.sort((x, y) => x[0] - y[0]);
    for (const [p, c] of entries) { labs.push(p); cnts.push(c); }
    labPtr[r + 1] = labs.length;
    const P = weightIndex.get(rowW.join(','))! * nW + weightIndex.get(colW.join(','))!;
    localIndex[r] = pairLists[P].length;
    pairLists[P].push(r);
  }
  const pairTables = pairLists.map((l) => Int32Array.from(l));

  // --- T[t][a][a'] = Σ_{(x,y) → t} u_a(x) u_a'(y) ------------------------------------------
  const nOcc = new Int32Array(D);
  for (let w = 0; w < nW; w++) {
    for (let w2 = 0; w2 < nW; w2++) {
      const P = w * nW + w2;
      const nTab = pairTables[P].length;
      if (nTab === 0) continue;
      const active = irreps.filter((ir) => ir.K[w] > 0 && ir.K[w2] > 0);
      if (active.length === 0) continue;
      const absT = active.map((ir) => new Float64Array(nTab * ir.K[w] * ir.K[w2]));
      for (const ir of active) ir.T[P] = new Float64Array(nTab * ir.K[w] * ir.K[w2]);
      const sx = states[w], sy = states[w2];
      for (let ix = 0; ix < sx.length; ix++) {
        for (let iy = 0; iy < sy.length; iy++) {
          for (let i = 0; i < n; i++) nOcc[digit(sx[ix], i) * d + digit(sy[iy], i)]++;
          const t = localIndex[rankOcc(pi, nOcc)];
          for (let i = 0; i < n; i++) nOcc[digit(sx[ix], i) * d + digit(sy[iy], i)] = 0;
          for (let m = 0; m < active.length; m++) {
            const ir = active[m];
            const Ka = ir.K[w], Kb = ir.K[w2];
            const T = ir.T[P]!, Ta = absT[m];
            const u = ir.vecs[w], v = ir.vecs[w2];
            const mx = sx.length, my = sy.length;
            const base = t * Ka * Kb;
            for (let a = 0; a < Ka; a++) {
              const ua = u[a * mx + ix];
              if (ua === 0) continue;
              for (let b = 0; b < Kb; b++) {
                const x = ua * v[b * my + iy];
                T[base + a * Kb + b] += x;
                Ta[base + a * Kb + b] += Math.abs(x);
              }
            }
          }
        }
      }
      active.forEach((ir, m) => {
        const kk = ir.K[w] * ir.K[w2], Ta = absT[m];
        const nrm = new Float64Array(nTab);
        for (let t = 0; t < nTab; t++) {
          let q = 0;
          for (let x = t * kk; x < (t + 1) * kk; x++) q += Ta[x] * Ta[x];
          nrm[t] = Math.sqrt(q);
        }
        ir.Tnorm[P] = nrm;
      });
    }
  }
  return {
    n, d, nW, weights, parity, states, pi, pairTables, localIndex,
    labPtr, lab: Int32Array.from(labs), cnt: Int32Array.from(cnts), irreps,
  };
}
