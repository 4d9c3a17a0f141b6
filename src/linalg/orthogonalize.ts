/**
 * Orthogonalisation of a new Krylov vector against an orthonormal basis, shared by Arnoldi and
 * GMRES: modified Gram–Schmidt applied twice ("twice is enough", Giraud, Langou & Rozložník,
 * Comput. Math. Appl. 50 (2005) 1069), which keeps the basis orthogonal to working precision
 * even for the strongly non-normal Liouvillians of this project.
 */

/** Euclidean inner product of two vectors of equal length. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Makes `w` orthogonal to basis[0..count-1] in place and returns ‖w‖ afterwards (w is not
 * normalised). The projection coefficients are added to h[offset + i·stride], i = 0..count-1,
 * so the caller's Hessenberg column receives them whatever its storage order.
 */
export function orthogonalize(w: Float64Array, basis: Float64Array[], count: number, h: Float64Array, offset: number, stride: number): number {
  const n = w.length;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < count; i++) {
      const vi = basis[i];
      const c = dot(w, vi);
      h[offset + i * stride] += c;
      for (let q = 0; q < n; q++) w[q] -= c * vi[q];
    }
  }
  return Math.sqrt(dot(w, w));
}
