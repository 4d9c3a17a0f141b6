/**
 * Compressed sparse row matrices over Float64Array (real). Column indices within a row are
 * not required to be sorted unless a function says so.
 */

export interface Csr {
  rows: number;
  cols: number;
  /** rowPtr[i]..rowPtr[i+1] index colIdx/values of row i. */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/** y = A x. */
export function csrMatVec(A: Csr, x: Float64Array, y: Float64Array): void {
  const { rows, rowPtr, colIdx, values } = A;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = rowPtr[i], e = rowPtr[i + 1]; k < e; k++) s += values[k] * x[colIdx[k]];
    y[i] = s;
  }
}

/**
 * y = A x or y = Aᵀ x for a complex x in split storage (xr + i·xi), A real; y is overwritten.
 * Shapes: A n×n, every vector of length n. The transposed product skips zero entries of x.
 */
export function csrMatVecComplex(A: Csr, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, transposed = false): void {
  const n = A.rows;
  if (!transposed) {
    for (let i = 0; i < n; i++) {
      let a = 0, b = 0;
      for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) { const v = A.values[q], j = A.colIdx[q]; a += v * xr[j]; b += v * xi[j]; }
      yr[i] = a; yi[i] = b;
    }
  } else {
    yr.fill(0); yi.fill(0);
    for (let i = 0; i < n; i++) {
      const a = xr[i], b = xi[i];
      if (a === 0 && b === 0) continue;
      for (let q = A.rowPtr[i]; q < A.rowPtr[i + 1]; q++) { const v = A.values[q], j = A.colIdx[q]; yr[j] += v * a; yi[j] += v * b; }
    }
  }
}

/** Transpose (also converts CSC ↔ CSR); the result has sorted column indices. */
export function csrTranspose(A: Csr): Csr {
  const { rows, cols, rowPtr, colIdx, values } = A;
  const nnz = rowPtr[rows];
  const ptr = new Int32Array(cols + 1);
  for (let k = 0; k < nnz; k++) ptr[colIdx[k] + 1]++;
  for (let j = 0; j < cols; j++) ptr[j + 1] += ptr[j];
  const next = ptr.slice(0, cols);
  const ci = new Int32Array(nnz);
  const v = new Float64Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let k = rowPtr[i], e = rowPtr[i + 1]; k < e; k++) {
      const p = next[colIdx[k]]++;
      ci[p] = i;
      v[p] = values[k];
    }
  }
  return { rows: cols, cols: rows, rowPtr: ptr, colIdx: ci, values: v };
}

/** Sorted-column copy of A (transpose twice). */
export function csrSorted(A: Csr): Csr {
  return csrTranspose(csrTranspose(A));
}

/** A − σ I (square A); adds diagonal entries where missing. Result has sorted columns. */
export function csrShift(A: Csr, sigma: number): Csr {
  const n = A.rows;
  const S = csrSorted(A);
  const rowPtr = new Int32Array(n + 1);
  const ci: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    let done = false;
    for (let k = S.rowPtr[i]; k < S.rowPtr[i + 1]; k++) {
      const j = S.colIdx[k];
      if (!done && j >= i) {
        if (j === i) { ci.push(i); v.push(S.values[k] - sigma); done = true; continue; }
        ci.push(i); v.push(-sigma); done = true;
      }
      ci.push(j); v.push(S.values[k]);
    }
    if (!done) { ci.push(i); v.push(-sigma); }
    rowPtr[i + 1] = ci.length;
  }
  return { rows: n, cols: n, rowPtr, colIdx: Int32Array.from(ci), values: Float64Array.from(v) };
}

/** Dense row-major copy (tests, small problems). */
export function csrToDense(A: Csr): Float64Array {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) out[i * A.cols + A.colIdx[k]] += A.values[k];
  }
  return out;
}

/** Bytes held by a CSR matrix. */
export function csrBytes(A: Csr): number {
  return A.rowPtr.byteLength + A.colIdx.byteLength + A.values.byteLength;
}

/** ‖A‖∞ = max_i Σ_j |A_ij| (largest absolute row sum). */
export function csrNormInf(A: Csr): number {
  let mx = 0;
  for (let i = 0; i < A.rows; i++) {
    let t = 0;
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) t += Math.abs(A.values[k]);
    if (t > mx) mx = t;
  }
  return mx;
}
