/**
 * WebAssembly SIMD kernels for the hot inner loops of the numerics, where scalar JavaScript
 * stalls at ≈ 4–7 GFlop/s (V8 neither vectorises nor fuses multiply–add). f64x2 lanes, one core,
 * measured:
 *  - blocked Householder tridiagonalisation (hermitianEigenvalues.ts), at n = 2100 (the largest
 *    block of the (7, 5) negativity): symv ≈ 14 GFlop/s (bound by reading the trailing matrix
 *    once per step: 6 or 8 rows per pass instead of 4 gained nothing), rank2k ≈ 28 GFlop/s;
 *  - Gram–Schmidt of krylovSchur.ts (cdots, caxpys): ≈ 20 GFlop/s against ≈ 3.6 for the JS
 *    loops at n = 1 000–3 000;
 *  - dense block solves of blockTridiagonalLu.ts (cluSolve; rluSolve2 and rluSolveT2 for real
 *    factors and a complex vector): ≈ 2.7× the JS loops at b = 64–400;
 *  - GEMM tiles under the blocked LUs (gemm.ts: dgemmT 4×4, zgemmT 2×4 complex): LU
 *    factorisations ≈ 15–18 (real) and 14–17 (complex) GFlop/s against 6.5 and 7.7;
 *  - the Hermitian block Cholesky of the strip certificate (hermitianBlockCholesky.ts:
 *    zcholColumn, zcholForward, zgramRow over the complex row dots crowdotc/crowdot).
 *
 *   symv:   p[k..ld) = A[k.., k..] v          (A symmetric, upper triangle read)
 *   rank2k: A[r][c] −= Σ_t U[r][t] Zt[t][c]     (rows k1 ≤ r < n, columns c ≥ r rounded down to 4)
 *   dots:   out[s] = Σ_j Zt[s][j] v[j]          (the panel's corrections, s < count)
 *   axpyT:  y[j] −= Σ_s c[s] Zt[s][j]
 *   (the others: see their bodies below)
 *
 * Layout of the tridiagonalisation kernels (all in the module's own memory, byte offsets passed
 * as arguments): A row-major with row stride `ld`, a multiple of 4 with ld ≥ n + 3, and every
 * padding entry (rows or columns ≥ n) zero, as are the padding entries of v, U (rows ≥ n) and Zt
 * (columns ≥ n). Then 4-row and 4-column tiles need no ragged edges: padding only ever meets
 * padding or zeros. rank2k may also write below the diagonal inside a tile (the lower triangle
 * is never read). The row-dot kernels take any offsets (unaligned loads are allowed) and handle
 * an odd length with one scalar step.
 *
 * The module is assembled here from its instruction bytes (WebAssembly core spec 2.0, §5
 * "Binary format", SIMD opcodes §5.4.8) so that the project needs no wasm toolchain; it is
 * validated by the engine at load. `wasmKernels()` returns null where WebAssembly SIMD is not
 * available; each caller then runs its scalar JavaScript loops, which are also the tests'
 * reference (every kernel is tested against them).
 */

// ---- a minimal assembler ----------------------------------------------------------------
type Bytes = number[];

function uleb(x: number): Bytes {
  const out: Bytes = [];
  do {
    let b = x & 0x7f;
    x >>>= 7;
    if (x !== 0) b |= 0x80;
    out.push(b);
  } while (x !== 0);
  return out;
}
function sleb(x: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (s: string): Bytes => vec([...s].map((ch) => [ch.charCodeAt(0)]));

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
// instructions (each returns its bytes; operands are expressions evaluated first)
const get = (l: number): Bytes => [0x20, ...uleb(l)];
const set = (l: number, ...e: Bytes[]): Bytes => [...e.flat(), 0x21, ...uleb(l)];
const i32 = (c: number): Bytes => [0x41, ...sleb(c)];
const add = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0x6a];
const mul = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0x6c];
const shl3 = (a: Bytes): Bytes => [...a, ...i32(3), 0x74];
const ltS = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0x48];
const inc = (l: number, by: Bytes): Bytes => set(l, add(get(l), by));
const f64load = (addr: Bytes, off = 0): Bytes => [...addr, 0x2b, 3, ...uleb(off)];
const f64store = (addr: Bytes, val: Bytes, off = 0): Bytes => [...addr, ...val, 0x39, 3, ...uleb(off)];
const fadd = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0xa0];
const fsub = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0xa1];
const fmul = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0xa2];
const fdiv = (a: Bytes, b: Bytes): Bytes => [...a, ...b, 0xa3];
const call = (f: number, ...args: Bytes[]): Bytes => [...args.flat(), 0x10, ...uleb(f)];
const simd = (op: number): Bytes => [0xfd, ...uleb(op)];
const vload = (addr: Bytes, off = 0): Bytes => [...addr, ...simd(0x00), 3, ...uleb(off)];
const vsplat = (addr: Bytes, off = 0): Bytes => [...addr, ...simd(0x0a), 3, ...uleb(off)]; // v128.load64_splat
const vstore = (addr: Bytes, val: Bytes, off = 0): Bytes => [...addr, ...val, ...simd(0x0b), 3, ...uleb(off)];
const vzero: Bytes = [...simd(0x0c), ...new Array(16).fill(0)];
const vadd = (a: Bytes, b: Bytes): Bytes => [...a, ...b, ...simd(0xf0)];
const vsub = (a: Bytes, b: Bytes): Bytes => [...a, ...b, ...simd(0xf1)];
const vmul = (a: Bytes, b: Bytes): Bytes => [...a, ...b, ...simd(0xf2)];
const lane = (a: Bytes, k: 0 | 1): Bytes => [...a, ...simd(0x21), k]; // f64x2.extract_lane
/** while (cond) body — as block { loop { br_if !cond → exit; body; br loop } }. */
const whileLoop = (cond: Bytes, ...body: Bytes[]): Bytes => [0x02, 0x40, 0x03, 0x40, ...cond, 0x45, 0x0d, 1, ...body.flat(), 0x0c, 0, 0x0b, 0x0b];
const ifThen = (cond: Bytes, ...body: Bytes[]): Bytes => [...cond, 0x04, 0x40, ...body.flat(), 0x0b];
function func(params: number, locals: Array<[number, number]>, ...body: Bytes[]): Bytes {
  const code = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...body.flat(), 0x0b];
  return [...uleb(code.length), ...code];
}

// ---- symv ------------------------------------------------------------------------------------
// params: a, ld, k, n, v, p (byte offsets a, v, p; ld, k, n in elements)
function symvBody(): Bytes {
  const [a, ld, k, n, v, p] = [0, 1, 2, 3, 4, 5];
  // i32 locals
  const i = 6, j = 7, r0 = 8, r1 = 9, r2 = 10, r3 = 11, ldb = 12, jb = 13;
  // v128 locals
  const S0 = 14, S1 = 15, S2 = 16, S3 = 17, V0 = 18, V1 = 19, V2 = 20, V3 = 21, X0 = 22, X1 = 23, X2 = 24, X3 = 25, VJ = 26;
  const at = (row: number, col: Bytes) => add(get(row), shl3(col)); // byte address of A[row][col]
  const vi = (off: number) => f64load(add(get(v), shl3(get(i))), 8 * off);
  const aii = (r: number, c: number) => f64load(at([r0, r1, r2, r3][r], get(i)), 8 * c);
  // p[i+r] += Σ_c A[i+r][i+c] v[i+c] over the 4×4 diagonal tile (upper triangle mirrored)
  const diagRow = (r: number): Bytes => {
    let s: Bytes | null = null;
    for (let c = 0; c < 4; c++) {
      const term = fmul(c >= r ? aii(r, c) : aii(c, r), vi(c));
      s = s ? fadd(s, term) : term;
    }
    return s!;
  };
  const pAddr = (e: Bytes) => add(get(p), shl3(e));
  const hsum = (x: number) => fadd(lane(get(x), 0), lane(get(x), 1));
  return [
    ...set(ldb, shl3(get(ld))),
    // p[k..ld) = 0
    ...set(j, get(k)),
    ...whileLoop(ltS(get(j), get(ld)), f64store(pAddr(get(j)), [0x44, 0, 0, 0, 0, 0, 0, 0, 0]), inc(j, i32(1))),
    ...set(i, get(k)),
    ...whileLoop(
      ltS(get(i), get(n)),
      set(r0, add(get(a), mul(get(i), get(ldb)))),
      set(r1, add(get(r0), get(ldb))),
      set(r2, add(get(r1), get(ldb))),
      set(r3, add(get(r2), get(ldb))),
      set(V0, vsplat(add(get(v), shl3(get(i))), 0)),
      set(V1, vsplat(add(get(v), shl3(get(i))), 8)),
      set(V2, vsplat(add(get(v), shl3(get(i))), 16)),
      set(V3, vsplat(add(get(v), shl3(get(i))), 24)),
      set(S0, vzero), set(S1, vzero), set(S2, vzero), set(S3, vzero),
      set(j, add(get(i), i32(4))),
      // one scalar column first when an odd number remain (lane 0 of S, p[j] by a splat-free update)
      ifThen(
        [...get(ld), ...get(j), 0x6b, ...i32(1), 0x71], // (ld − j) & 1
        // S_r lane 0 += A[r][j] v[j];  p[j] += Σ_r A[r][j] v_r  (done with f64 ops)
        set(X0, [...vzero, ...f64load(at(r0, get(j))), ...simd(0x22), 0]),
        set(X1, [...vzero, ...f64load(at(r1, get(j))), ...simd(0x22), 0]),
        set(X2, [...vzero, ...f64load(at(r2, get(j))), ...simd(0x22), 0]),
        set(X3, [...vzero, ...f64load(at(r3, get(j))), ...simd(0x22), 0]),
        set(VJ, vsplat(add(get(v), shl3(get(j))))),
        set(S0, vadd(get(S0), vmul(get(X0), get(VJ)))),
        set(S1, vadd(get(S1), vmul(get(X1), get(VJ)))),
        set(S2, vadd(get(S2), vmul(get(X2), get(VJ)))),
        set(S3, vadd(get(S3), vmul(get(X3), get(VJ)))),
        f64store(pAddr(get(j)), fadd(f64load(pAddr(get(j))),
          lane(vadd(vadd(vmul(get(X0), get(V0)), vmul(get(X1), get(V1))), vadd(vmul(get(X2), get(V2)), vmul(get(X3), get(V3)))), 0))),
        inc(j, i32(1)),
      ),
      set(jb, shl3(get(j))),
      whileLoop(
        ltS(get(j), get(ld)),
        set(X0, vload(add(get(r0), get(jb)))),
        set(X1, vload(add(get(r1), get(jb)))),
        set(X2, vload(add(get(r2), get(jb)))),
        set(X3, vload(add(get(r3), get(jb)))),
        set(VJ, vload(add(get(v), get(jb)))),
        set(S0, vadd(get(S0), vmul(get(X0), get(VJ)))),
        set(S1, vadd(get(S1), vmul(get(X1), get(VJ)))),
        set(S2, vadd(get(S2), vmul(get(X2), get(VJ)))),
        set(S3, vadd(get(S3), vmul(get(X3), get(VJ)))),
        vstore(add(get(p), get(jb)), vadd(vload(add(get(p), get(jb))),
          vadd(vadd(vmul(get(X0), get(V0)), vmul(get(X1), get(V1))), vadd(vmul(get(X2), get(V2)), vmul(get(X3), get(V3)))))),
        inc(j, i32(2)),
        inc(jb, i32(16)),
      ),
      ...[0, 1, 2, 3].map((r) =>
        f64store(pAddr(add(get(i), i32(r))), fadd(f64load(pAddr(add(get(i), i32(r)))), fadd(diagRow(r), hsum([S0, S1, S2, S3][r]))))),
      inc(i, i32(4)),
    ),
  ];
}

// ---- rank2k ------------------------------------------------------------------------------
// params: a, ld, k1, n, u, zt, m (byte offsets a, u, zt; ld, k1, n, m in elements)
function rank2kBody(): Bytes {
  const [a, ld, k1, n, u, zt, m] = [0, 1, 2, 3, 4, 5, 6];
  const r = 7, c = 8, t = 9, ldb = 10, mb = 11, up = 12, zp = 13, ap = 14, rowA = 15;
  const acc = [16, 17, 18, 19, 20, 21, 22, 23]; // acc[2·i + h]: rows r+i, columns c+2h..c+2h+1
  const Z0 = 24, Z1 = 25, Ui = 26;
  // per t: Z0, Z1 = Zt[t][c..c+3]; for each row q: acc_q += splat(U[r+q][t]) · (Z0, Z1)
  const inner: Bytes = [...set(Z0, vload(get(zp))), ...set(Z1, vload(get(zp), 16))];
  for (let q = 0; q < 4; q++) {
    inner.push(...set(Ui, vsplat(q === 0 ? get(up) : add(get(up), mul(get(mb), i32(q))))));
    inner.push(...set(acc[2 * q], vadd(get(acc[2 * q]), vmul(get(Ui), get(Z0)))));
    inner.push(...set(acc[2 * q + 1], vadd(get(acc[2 * q + 1]), vmul(get(Ui), get(Z1)))));
  }
  return [
    ...set(ldb, shl3(get(ld))),
    ...set(mb, shl3(get(m))),
    ...set(r, get(k1)),
    ...whileLoop(
      ltS(get(r), get(n)),
      set(rowA, add(get(a), mul(get(r), get(ldb)))),
      set(c, [...get(r), ...i32(-4), 0x71]), // r rounded down to a multiple of 4
      whileLoop(
        ltS(get(c), get(ld)),
        ...acc.map((x) => set(x, vzero)),
        set(up, add(get(u), mul(get(r), get(mb)))),
        set(zp, add(get(zt), shl3(get(c)))),
        set(t, i32(0)),
        whileLoop(ltS(get(t), get(m)), inner, inc(up, i32(8)), inc(zp, get(ldb)), inc(t, i32(1))),
        set(ap, add(get(rowA), shl3(get(c)))),
        ...[0, 1, 2, 3].flatMap((q) => [
          vstore(get(ap), vsub(vload(get(ap)), get(acc[2 * q]))),
          vstore(get(ap), vsub(vload(get(ap), 16), get(acc[2 * q + 1])), 16),
          q < 3 ? inc(ap, get(ldb)) : [],
        ]),
        inc(c, i32(4)),
      ),
      inc(r, i32(4)),
    ),
  ];
}

// ---- dots and axpyT: the panel's corrections, over the rows of Zt ---------------------------
// dots(zt, ld, count, j0, v, out): out[s] = Σ_{j ≥ j0 & ~3} Zt[s][j] v[j], s < count
function dotsBody(): Bytes {
  const [zt, ld, count, j0, v, out] = [0, 1, 2, 3, 4, 5];
  const s = 6, jb = 7, endb = 8, row = 9, ldb = 10;
  const A0 = 11, A1 = 12;
  return [
    ...set(ldb, shl3(get(ld))),
    ...set(endb, shl3(get(ld))),
    ...set(row, get(zt)),
    ...set(s, i32(0)),
    ...whileLoop(
      ltS(get(s), get(count)),
      set(A0, vzero), set(A1, vzero),
      set(jb, shl3([...get(j0), ...i32(-4), 0x71])),
      whileLoop(
        ltS(get(jb), get(endb)),
        set(A0, vadd(get(A0), vmul(vload(add(get(row), get(jb))), vload(add(get(v), get(jb)))))),
        set(A1, vadd(get(A1), vmul(vload(add(get(row), get(jb)), 16), vload(add(get(v), get(jb)), 16)))),
        inc(jb, i32(32)),
      ),
      set(A0, vadd(get(A0), get(A1))),
      f64store(add(get(out), shl3(get(s))), fadd(lane(get(A0), 0), lane(get(A0), 1))),
      inc(row, get(ldb)),
      inc(s, i32(1)),
    ),
  ];
}

// axpyT(y, zt, ld, count, j0, c): y[j] −= Σ_{s<count} c[s] Zt[s][j] for (j0 & ~3) ≤ j < ld
function axpyTBody(): Bytes {
  const [y, zt, ld, count, j0, c] = [0, 1, 2, 3, 4, 5];
  const s = 6, jb = 7, endb = 8, zp = 9, cp = 10, ldb = 11, cend = 12;
  const A0 = 13, A1 = 14, C = 15;
  return [
    ...set(ldb, shl3(get(ld))),
    ...set(endb, shl3(get(ld))),
    ...set(cend, add(get(c), shl3(get(count)))),
    ...set(jb, shl3([...get(j0), ...i32(-4), 0x71])),
    ...whileLoop(
      ltS(get(jb), get(endb)),
      set(A0, vload(add(get(y), get(jb)))),
      set(A1, vload(add(get(y), get(jb)), 16)),
      set(zp, add(get(zt), get(jb))),
      set(cp, get(c)),
      whileLoop(
        ltS(get(cp), get(cend)),
        set(C, vsplat(get(cp))),
        set(A0, vsub(get(A0), vmul(get(C), vload(get(zp))))),
        set(A1, vsub(get(A1), vmul(get(C), vload(get(zp), 16)))),
        inc(zp, get(ldb)),
        inc(cp, i32(8)),
      ),
      vstore(add(get(y), get(jb)), get(A0)),
      vstore(add(get(y), get(jb)), get(A1), 16),
      inc(jb, i32(32)),
    ),
  ];
}

// ---- complex split-storage kernels for Gram–Schmidt (krylovSchur.ts) -------------------------
// A complex vector at byte offset x: real parts x[0..nb), imaginary parts x[nb..2nb), nb a
// multiple of 16 (n rounded up to even, padding zero). Basis vector s at v + s·vs.
// cdots(v, vs, count, w, nb, out): out[2s] + i·out[2s+1] = v_sᴴ w, s < count
function cdotsBody(): Bytes {
  const [v, vs, count, w, nb, out] = [0, 1, 2, 3, 4, 5];
  const s = 6, jb = 7, row = 8, op = 9;
  const A = 10, B = 11, C = 12, D = 13, VR = 14, VI = 15, WR = 16, WI = 17;
  return [
    ...set(row, get(v)),
    ...set(op, get(out)),
    ...set(s, i32(0)),
    ...whileLoop(
      ltS(get(s), get(count)),
      set(A, vzero), set(B, vzero), set(C, vzero), set(D, vzero),
      set(jb, i32(0)),
      whileLoop(
        ltS(get(jb), get(nb)),
        set(VR, vload(add(get(row), get(jb)))),
        set(VI, vload(add(add(get(row), get(nb)), get(jb)))),
        set(WR, vload(add(get(w), get(jb)))),
        set(WI, vload(add(add(get(w), get(nb)), get(jb)))),
        set(A, vadd(get(A), vmul(get(VR), get(WR)))),
        set(B, vadd(get(B), vmul(get(VI), get(WI)))),
        set(C, vadd(get(C), vmul(get(VR), get(WI)))),
        set(D, vadd(get(D), vmul(get(VI), get(WR)))),
        inc(jb, i32(16)),
      ),
      set(A, vadd(get(A), get(B))),
      set(C, vsub(get(C), get(D))),
      f64store(get(op), fadd(lane(get(A), 0), lane(get(A), 1))),
      f64store(get(op), fadd(lane(get(C), 0), lane(get(C), 1)), 8),
      inc(op, i32(16)),
      inc(row, get(vs)),
      inc(s, i32(1)),
    ),
  ];
}

// caxpys(v, vs, count, c, w, nb): w −= Σ_{s<count} (c[2s] + i·c[2s+1]) v_s
function caxpysBody(): Bytes {
  const [v, vs, count, c, w, nb] = [0, 1, 2, 3, 4, 5];
  const jb = 6, vp = 7, cp = 8, cend = 9;
  const WR = 10, WI = 11, CR = 12, CI = 13, VR = 14, VI = 15;
  return [
    ...set(cend, add(get(c), shl3(add(get(count), get(count))))),
    ...set(jb, i32(0)),
    ...whileLoop(
      ltS(get(jb), get(nb)),
      set(WR, vload(add(get(w), get(jb)))),
      set(WI, vload(add(add(get(w), get(nb)), get(jb)))),
      set(vp, add(get(v), get(jb))),
      set(cp, get(c)),
      whileLoop(
        ltS(get(cp), get(cend)),
        set(CR, vsplat(get(cp))),
        set(CI, vsplat(get(cp), 8)),
        set(VR, vload(get(vp))),
        set(VI, vload(add(get(vp), get(nb)))),
        set(WR, vsub(get(WR), vsub(vmul(get(CR), get(VR)), vmul(get(CI), get(VI))))),
        set(WI, vsub(get(WI), vadd(vmul(get(CR), get(VI)), vmul(get(CI), get(VR))))),
        inc(vp, get(vs)),
        inc(cp, i32(16)),
      ),
      vstore(add(get(w), get(jb)), get(WR)),
      vstore(add(add(get(w), get(nb)), get(jb)), get(WI)),
      inc(jb, i32(16)),
    ),
  ];
}

// ---- complex LU solve of one dense block (blockTridiagonalLu.ts) ------------------------------
// crowdot(ra, ia, xr, xi, len, out): out[0] + i·out[1] = Σ_{c<len} (ra[c] + i·ia[c])(xr[c] + i·xi[c])
// (byte offsets; rows of a row-major block start anywhere: unaligned loads are allowed)
const CROWDOT = 6;
function crowdotBody(conj = false): Bytes {
  const [ra, ia, xr, xi, len, out] = [0, 1, 2, 3, 4, 5];
  const c = 6, endb = 7;
  const sr = 8, si = 9, ar = 10, ai = 11, yr = 12, yi = 13; // f64
  const A = 14, B = 15, C = 16, D = 17, AR = 18, AI = 19, XR = 20, XI = 21; // v128
  return [
    ...set(endb, shl3([...get(len), ...i32(-2), 0x71])),
    ...set(A, vzero), ...set(B, vzero), ...set(C, vzero), ...set(D, vzero),
    ...set(c, i32(0)),
    ...whileLoop(
      ltS(get(c), get(endb)),
      set(AR, vload(add(get(ra), get(c)))),
      set(AI, vload(add(get(ia), get(c)))),
      set(XR, vload(add(get(xr), get(c)))),
      set(XI, vload(add(get(xi), get(c)))),
      set(A, vadd(get(A), vmul(get(AR), get(XR)))),
      set(B, vadd(get(B), vmul(get(AI), get(XI)))),
      set(C, vadd(get(C), vmul(get(AR), get(XI)))),
      set(D, vadd(get(D), vmul(get(AI), get(XR)))),
      inc(c, i32(16)),
    ),
    // Re = Σ ar·xr ∓ ai·xi, Im = Σ ar·xi ± ai·xr (lower signs: conjugated a)
    ...set(A, conj ? vadd(get(A), get(B)) : vsub(get(A), get(B))),
    ...set(C, conj ? vsub(get(C), get(D)) : vadd(get(C), get(D))),
    ...set(sr, fadd(lane(get(A), 0), lane(get(A), 1))),
    ...set(si, fadd(lane(get(C), 0), lane(get(C), 1))),
    ...ifThen(
      [...get(len), ...i32(1), 0x71],
      set(ar, f64load(add(get(ra), get(endb)))),
      set(ai, f64load(add(get(ia), get(endb)))),
      set(yr, f64load(add(get(xr), get(endb)))),
      set(yi, f64load(add(get(xi), get(endb)))),
      set(sr, fadd(get(sr), (conj ? fadd : fsub)(fmul(get(ar), get(yr)), fmul(get(ai), get(yi))))),
      set(si, fadd(get(si), (conj ? fsub : fadd)(fmul(get(ar), get(yi)), fmul(get(ai), get(yr))))),
    ),
    ...f64store(get(out), get(sr)),
    ...f64store(get(out), get(si), 8),
  ];
}

// cluSolve(re, im, b, xr, xi, out): x ← U⁻¹ L⁻¹ x for the packed LU of a b×b complex block
// (row-major, L unit lower, U upper with its diagonal), the row interchanges already applied;
// out: 16 bytes of scratch. The loops of complexLu.ts complexLuSolve.
function cluSolveBody(): Bytes {
  const [re, im, b, xr, xi, out] = [0, 1, 2, 3, 4, 5];
  const i = 6, rowb = 7, bb = 8, ib = 9, nxt = 10;
  const tr = 11, ti = 12, dr = 13, di = 14, m2 = 15; // f64
  return [
    ...set(bb, shl3(get(b))),
    // forward: x[i] −= Σ_{c<i} L[i][c] x[c]
    ...set(i, i32(1)),
    ...whileLoop(
      ltS(get(i), get(b)),
      set(rowb, mul(get(i), get(bb))),
      set(ib, shl3(get(i))),
      call(CROWDOT, add(get(re), get(rowb)), add(get(im), get(rowb)), get(xr), get(xi), get(i), get(out)),
      f64store(add(get(xr), get(ib)), fsub(f64load(add(get(xr), get(ib))), f64load(get(out)))),
      f64store(add(get(xi), get(ib)), fsub(f64load(add(get(xi), get(ib))), f64load(get(out), 8))),
      inc(i, i32(1)),
    ),
    // backward: x[i] = (x[i] − Σ_{c>i} U[i][c] x[c]) / U[i][i]
    ...set(i, get(b)),
    ...whileLoop(
      ltS(i32(0), get(i)),
      set(i, add(get(i), i32(-1))),
      set(rowb, mul(get(i), get(bb))),
      set(ib, shl3(get(i))),
      set(nxt, add(get(ib), i32(8))),
      call(CROWDOT, add(add(get(re), get(rowb)), get(nxt)), add(add(get(im), get(rowb)), get(nxt)), add(get(xr), get(nxt)), add(get(xi), get(nxt)),
        [...get(b), ...get(i), 0x6b, ...i32(1), 0x6b], get(out)),
      set(tr, fsub(f64load(add(get(xr), get(ib))), f64load(get(out)))),
      set(ti, fsub(f64load(add(get(xi), get(ib))), f64load(get(out), 8))),
      set(dr, f64load(add(add(get(re), get(rowb)), get(ib)))),
      set(di, f64load(add(add(get(im), get(rowb)), get(ib)))),
      set(m2, fadd(fmul(get(dr), get(dr)), fmul(get(di), get(di)))),
      f64store(add(get(xr), get(ib)), fdiv(fadd(fmul(get(tr), get(dr)), fmul(get(ti), get(di))), get(m2))),
      f64store(add(get(xi), get(ib)), fdiv(fsub(fmul(get(ti), get(dr)), fmul(get(tr), get(di))), get(m2))),
    ),
  ];
}

// ---- real LU solve of one dense block for a complex right-hand side (x1 + i·x2) --------------
// rrowdot2(a, x1, x2, len, out): out[0] = Σ_{c<len} a[c] x1[c], out[1] = Σ a[c] x2[c]
const RROWDOT2 = 8, RAXPY2 = 9;
function rrowdot2Body(): Bytes {
  const [a, x1, x2, len, out] = [0, 1, 2, 3, 4];
  const c = 6, endb = 7;
  const s1 = 8, s2 = 9, av = 10; // f64
  const S1 = 11, S2 = 12, AV = 13; // v128
  return [
    ...set(endb, shl3([...get(len), ...i32(-2), 0x71])),
    ...set(S1, vzero), ...set(S2, vzero),
    ...set(c, i32(0)),
    ...whileLoop(
      ltS(get(c), get(endb)),
      set(AV, vload(add(get(a), get(c)))),
      set(S1, vadd(get(S1), vmul(get(AV), vload(add(get(x1), get(c)))))),
      set(S2, vadd(get(S2), vmul(get(AV), vload(add(get(x2), get(c)))))),
      inc(c, i32(16)),
    ),
    ...set(s1, fadd(lane(get(S1), 0), lane(get(S1), 1))),
    ...set(s2, fadd(lane(get(S2), 0), lane(get(S2), 1))),
    ...ifThen(
      [...get(len), ...i32(1), 0x71],
      set(av, f64load(add(get(a), get(endb)))),
      set(s1, fadd(get(s1), fmul(get(av), f64load(add(get(x1), get(endb)))))),
      set(s2, fadd(get(s2), fmul(get(av), f64load(add(get(x2), get(endb)))))),
    ),
    ...f64store(get(out), get(s1)),
    ...f64store(get(out), get(s2), 8),
  ];
}

// raxpy2(a, x1, x2, len, out): x1[c] −= a[c]·out[0], x2[c] −= a[c]·out[1], c < len
function raxpy2Body(): Bytes {
  const [a, x1, x2, len, out] = [0, 1, 2, 3, 4];
  const c = 6, endb = 7;
  const y1 = 8, y2 = 9, av = 10; // f64
  const Y1 = 11, Y2 = 12, AV = 13; // v128
  return [
    ...set(endb, shl3([...get(len), ...i32(-2), 0x71])),
    ...set(y1, f64load(get(out))),
    ...set(y2, f64load(get(out), 8)),
    ...set(Y1, vsplat(get(out))),
    ...set(Y2, vsplat(get(out), 8)),
    ...set(c, i32(0)),
    ...whileLoop(
      ltS(get(c), get(endb)),
      set(AV, vload(add(get(a), get(c)))),
      vstore(add(get(x1), get(c)), vsub(vload(add(get(x1), get(c))), vmul(get(AV), get(Y1)))),
      vstore(add(get(x2), get(c)), vsub(vload(add(get(x2), get(c))), vmul(get(AV), get(Y2)))),
      inc(c, i32(16)),
    ),
    ...ifThen(
      [...get(len), ...i32(1), 0x71],
      set(av, f64load(add(get(a), get(endb)))),
      f64store(add(get(x1), get(endb)), fsub(f64load(add(get(x1), get(endb))), fmul(get(av), get(y1)))),
      f64store(add(get(x2), get(endb)), fsub(f64load(add(get(x2), get(endb))), fmul(get(av), get(y2)))),
    ),
  ];
}

// rluSolve2(a, b, x1, x2, out): x ← U⁻¹ L⁻¹ x (packed real LU, row interchanges applied);
// the loops of denseLu.ts luSolvePair. out: 16 bytes of scratch.
function rluSolve2Body(): Bytes {
  const [a, b, x1, x2, out] = [0, 1, 2, 3, 4];
  const i = 6, rowb = 7, bb = 8, ib = 9, nxt = 10;
  const d = 11; // f64
  return [
    ...set(bb, shl3(get(b))),
    ...set(i, i32(1)),
    ...whileLoop(
      ltS(get(i), get(b)),
      set(rowb, add(get(a), mul(get(i), get(bb)))),
      set(ib, shl3(get(i))),
      call(RROWDOT2, get(rowb), get(x1), get(x2), get(i), get(out)),
      f64store(add(get(x1), get(ib)), fsub(f64load(add(get(x1), get(ib))), f64load(get(out)))),
      f64store(add(get(x2), get(ib)), fsub(f64load(add(get(x2), get(ib))), f64load(get(out), 8))),
      inc(i, i32(1)),
    ),
    ...set(i, get(b)),
    ...whileLoop(
      ltS(i32(0), get(i)),
      set(i, add(get(i), i32(-1))),
      set(rowb, add(get(a), mul(get(i), get(bb)))),
      set(ib, shl3(get(i))),
      set(nxt, add(get(ib), i32(8))),
      call(RROWDOT2, add(get(rowb), get(nxt)), add(get(x1), get(nxt)), add(get(x2), get(nxt)), [...get(b), ...get(i), 0x6b, ...i32(1), 0x6b], get(out)),
      set(d, f64load(add(get(rowb), get(ib)))),
      f64store(add(get(x1), get(ib)), fdiv(fsub(f64load(add(get(x1), get(ib))), f64load(get(out))), get(d))),
      f64store(add(get(x2), get(ib)), fdiv(fsub(f64load(add(get(x2), get(ib))), f64load(get(out), 8)), get(d))),
    ),
  ];
}

// rluSolveT2(a, b, x1, x2, out): x ← L⁻ᵀ U⁻ᵀ x (the loops of denseLu.ts luSolveTransposedPair;
// the caller undoes the row interchanges afterwards, in reverse order)
function rluSolveT2Body(): Bytes {
  const [a, b, x1, x2, out] = [0, 1, 2, 3, 4];
  const i = 6, rowb = 7, bb = 8, ib = 9, nxt = 10;
  const d = 11, y1 = 12, y2 = 13; // f64
  return [
    ...set(bb, shl3(get(b))),
    // Uᵀ y = x: y_i = x_i / U_ii, then x[c] −= U[i][c] y_i for c > i
    ...set(i, i32(0)),
    ...whileLoop(
      ltS(get(i), get(b)),
      set(rowb, add(get(a), mul(get(i), get(bb)))),
      set(ib, shl3(get(i))),
      set(nxt, add(get(ib), i32(8))),
      set(d, f64load(add(get(rowb), get(ib)))),
      set(y1, fdiv(f64load(add(get(x1), get(ib))), get(d))),
      set(y2, fdiv(f64load(add(get(x2), get(ib))), get(d))),
      f64store(add(get(x1), get(ib)), get(y1)),
      f64store(add(get(x2), get(ib)), get(y2)),
      f64store(get(out), get(y1)),
      f64store(get(out), get(y2), 8),
      call(RAXPY2, add(get(rowb), get(nxt)), add(get(x1), get(nxt)), add(get(x2), get(nxt)), [...get(b), ...get(i), 0x6b, ...i32(1), 0x6b], get(out)),
      inc(i, i32(1)),
    ),
    // Lᵀ z = y: for i = b − 1 … 1, x[c] −= L[i][c] x_i for c < i
    ...set(i, get(b)),
    ...whileLoop(
      ltS(i32(1), get(i)),
      set(i, add(get(i), i32(-1))),
      set(rowb, add(get(a), mul(get(i), get(bb)))),
      set(ib, shl3(get(i))),
      f64store(get(out), f64load(add(get(x1), get(ib)))),
      f64store(get(out), f64load(add(get(x2), get(ib))), 8),
      call(RAXPY2, get(rowb), get(x1), get(x2), get(i), get(out)),
    ),
  ];
}

// ---- GEMM tiles for gemm.ts: T = Ap·Bp over packed panels ------------------------------------
// zgemmT(ap, bp, k, mp, ns, t): complex. Ap: mp panels of 2 rows, per p [ar0, ar1, ai0, ai1]
// (panel stride 32k bytes); Bp: ns strips of 4 columns, per p [br0..br3, bi0..bi3] (strip
// stride 64k bytes). T: real parts (2mp × 4ns, row-major) then imaginary parts right after.
function zgemmTBody(): Bytes {
  const [ap, bp, k, mp, ns, t] = [0, 1, 2, 3, 4, 5];
  const i = 6, s = 7, pa = 8, pb = 9, pend = 10, ldt = 11, trow = 12, timOff = 13;
  const R0a = 14, R0b = 15, I0a = 16, I0b = 17, R1a = 18, R1b = 19, I1a = 20, I1b = 21;
  const BRa = 22, BRb = 23, BIa = 24, BIb = 25, A0 = 26, A1 = 27, A2 = 28, A3 = 29;
  const acc = [R0a, R0b, I0a, I0b, R1a, R1b, I1a, I1b];
  const mac = (X: number, a: number, b: number) => set(X, vadd(get(X), vmul(get(a), get(b))));
  const msub = (X: number, a: number, b: number) => set(X, vsub(get(X), vmul(get(a), get(b))));
  const inner: Bytes = [
    ...set(BRa, vload(get(pb))), ...set(BRb, vload(get(pb), 16)),
    ...set(BIa, vload(get(pb), 32)), ...set(BIb, vload(get(pb), 48)),
    ...set(A0, vsplat(get(pa))), ...set(A2, vsplat(get(pa), 16)), // ar0, ai0
    ...mac(R0a, A0, BRa), ...mac(R0b, A0, BRb), ...msub(R0a, A2, BIa), ...msub(R0b, A2, BIb),
    ...mac(I0a, A0, BIa), ...mac(I0b, A0, BIb), ...mac(I0a, A2, BRa), ...mac(I0b, A2, BRb),
    ...set(A1, vsplat(get(pa), 8)), ...set(A3, vsplat(get(pa), 24)), // ar1, ai1
    ...mac(R1a, A1, BRa), ...mac(R1b, A1, BRb), ...msub(R1a, A3, BIa), ...msub(R1b, A3, BIb),
    ...mac(I1a, A1, BIa), ...mac(I1b, A1, BIb), ...mac(I1a, A3, BRa), ...mac(I1b, A3, BRb),
  ];
  // T rows 2i, 2i+1, columns 4s..4s+3 (real parts; the imaginary parts timOff further)
  const store: Bytes[] = [
    set(trow, add(add(get(t), mul(mul(get(i), i32(2)), get(ldt))), shl3(mul(get(s), i32(4))))),
    vstore(get(trow), get(R0a)), vstore(get(trow), get(R0b), 16),
    vstore(add(get(trow), get(timOff)), get(I0a)), vstore(add(get(trow), get(timOff)), get(I0b), 16),
    set(trow, add(get(trow), get(ldt))),
    vstore(get(trow), get(R1a)), vstore(get(trow), get(R1b), 16),
    vstore(add(get(trow), get(timOff)), get(I1a)), vstore(add(get(trow), get(timOff)), get(I1b), 16),
  ];
  return [
    ...set(ldt, mul(get(ns), i32(32))), // 4ns doubles per row
    ...set(timOff, mul(mul(get(mp), i32(2)), get(ldt))),
    ...tileLoops({ i, s, pa, pb, pend, ap, bp, k, mp, ns }, 8, acc, inner, store),
  ];
}

/**
 * The panel × strip loops shared by the GEMM tiles: for each A panel i < mp and B strip s < ns,
 * zero the accumulators, run `inner` over p < k (A panels hold 4 doubles per p, B strips
 * bPerP), then `store`.
 */
function tileLoops(
  l: { i: number; s: number; pa: number; pb: number; pend: number; ap: number; bp: number; k: number; mp: number; ns: number },
  bPerP: number, acc: number[], inner: Bytes, store: Bytes[],
): Bytes {
  const { i, s, pa, pb, pend, ap, bp, k, mp, ns } = l;
  return [
    ...set(i, i32(0)),
    ...whileLoop(
      ltS(get(i), get(mp)),
      set(s, i32(0)),
      whileLoop(
        ltS(get(s), get(ns)),
        ...acc.map((x) => set(x, vzero)),
        set(pa, add(get(ap), mul(get(i), shl3(mul(get(k), i32(4)))))),
        set(pb, add(get(bp), mul(get(s), shl3(mul(get(k), i32(bPerP)))))),
        set(pend, add(get(pb), shl3(mul(get(k), i32(bPerP))))),
        whileLoop(ltS(get(pb), get(pend)), inner, inc(pa, i32(32)), inc(pb, i32(8 * bPerP))),
        ...store,
        inc(s, i32(1)),
      ),
      inc(i, i32(1)),
    ),
  ];
}

// dgemmT(ap, bp, k, mp, ns, t): real. Ap: mp panels of 4 rows, per p [a0..a3]; Bp: ns strips of
// 4 columns, per p [b0..b3]. T: 4mp × 4ns, row-major.
function dgemmTBody(): Bytes {
  const [ap, bp, k, mp, ns, t] = [0, 1, 2, 3, 4, 5];
  const i = 6, s = 7, pa = 8, pb = 9, pend = 10, ldt = 11, trow = 12;
  const C = [13, 14, 15, 16, 17, 18, 19, 20]; // row r: C[2r], C[2r+1]
  const B0 = 21, B1 = 22, A = 23;
  const inner: Bytes = [...set(B0, vload(get(pb))), ...set(B1, vload(get(pb), 16))];
  for (let r = 0; r < 4; r++) {
    inner.push(...set(A, vsplat(get(pa), 8 * r)));
    inner.push(...set(C[2 * r], vadd(get(C[2 * r]), vmul(get(A), get(B0)))));
    inner.push(...set(C[2 * r + 1], vadd(get(C[2 * r + 1]), vmul(get(A), get(B1)))));
  }
  const store: Bytes[] = [
    set(trow, add(add(get(t), mul(mul(get(i), i32(4)), get(ldt))), shl3(mul(get(s), i32(4))))),
    ...[0, 1, 2, 3].flatMap((r) => [
      vstore(get(trow), get(C[2 * r])), vstore(get(trow), get(C[2 * r + 1]), 16),
      r < 3 ? set(trow, add(get(trow), get(ldt))) : [],
    ]),
  ];
  return [
    ...set(ldt, mul(get(ns), i32(32))),
    ...tileLoops({ i, s, pa, pb, pend, ap, bp, k, mp, ns }, 4, C, inner, store),
  ];
}

// ---- Hermitian block Cholesky (hermitianBlockCholesky.ts) --------------------------------------
// crowdotc(ra, ia, xr, xi, len, out): out[0] + i·out[1] = Σ_{c<len} conj(ra[c] + i·ia[c])(xr[c] + i·xi[c])
// (crowdotBody(true))
const CROWDOTC = 14;

// zcholColumn(re, im, b, j, out): column j of the lower Cholesky factor of a b×b Hermitian block
// (row-major, lower triangle, columns < j done): out[0] = d = a_jj − Σ_{l<j} |l_jl|²; when
// 0 < d < ∞, l_jj = √d and l_ij = (a_ij − Σ_{l<j} l_il conj(l_jl)) / l_jj for i > j.
function zcholColumnBody(): Bytes {
  const [re, im, b, j, out] = [0, 1, 2, 3, 4];
  const i = 6, bb = 7, rowj = 8, rowi = 9, jb = 10;
  const d = 11, l = 12; // f64
  const INF: Bytes = [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f];
  return [
    ...set(bb, shl3(get(b))),
    ...set(rowj, mul(get(j), get(bb))),
    ...set(jb, shl3(get(j))),
    ...call(CROWDOTC, add(get(re), get(rowj)), add(get(im), get(rowj)), add(get(re), get(rowj)), add(get(im), get(rowj)), get(j), get(out)),
    ...set(d, fsub(f64load(add(add(get(re), get(rowj)), get(jb))), f64load(get(out)))),
    ...f64store(get(out), get(d)),
    ...ifThen(
      [...get(d), 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, ...get(d), ...INF, 0x63, 0x71], // 0 < d < ∞ (false for NaN)
      set(l, [...get(d), 0x9f]),
      f64store(add(add(get(re), get(rowj)), get(jb)), get(l)),
      f64store(add(add(get(im), get(rowj)), get(jb)), [0x44, 0, 0, 0, 0, 0, 0, 0, 0]),
      set(i, add(get(j), i32(1))),
      whileLoop(
        ltS(get(i), get(b)),
        set(rowi, mul(get(i), get(bb))),
        call(CROWDOTC, add(get(re), get(rowi)), add(get(im), get(rowi)), add(get(re), get(rowj)), add(get(im), get(rowj)), get(j), add(get(out), i32(16))),
        f64store(add(add(get(re), get(rowi)), get(jb)), fdiv(fsub(f64load(add(add(get(re), get(rowi)), get(jb))), f64load(get(out), 16)), get(l))),
        f64store(add(add(get(im), get(rowi)), get(jb)), fdiv(fadd(f64load(add(add(get(im), get(rowi)), get(jb))), f64load(get(out), 24)), get(l))),
        inc(i, i32(1)),
      ),
    ),
  ];
}

// zcholForward(re, im, b, wr, wi, out): w ← L⁻¹ w for the lower factor in (re, im) (real diagonal)
function zcholForwardBody(): Bytes {
  const [re, im, b, wr, wi, out] = [0, 1, 2, 3, 4, 5];
  const i = 6, rowi = 7, ib = 8, bb = 9;
  const l = 10; // f64
  return [
    ...set(bb, shl3(get(b))),
    ...set(i, i32(0)),
    ...whileLoop(
      ltS(get(i), get(b)),
      set(rowi, mul(get(i), get(bb))),
      set(ib, shl3(get(i))),
      call(CROWDOT, add(get(re), get(rowi)), add(get(im), get(rowi)), get(wr), get(wi), get(i), get(out)),
      set(l, f64load(add(add(get(re), get(rowi)), get(ib)))),
      f64store(add(get(wr), get(ib)), fdiv(fsub(f64load(add(get(wr), get(ib))), f64load(get(out))), get(l))),
      f64store(add(get(wi), get(ib)), fdiv(fsub(f64load(add(get(wi), get(ib))), f64load(get(out), 8)), get(l))),
      inc(i, i32(1)),
    ),
  ];
}

// zgramRow(wre, wim, b, r, nr, ni, out): N[r][s] = −Σ_i conj(W_ri) W_si for s ≤ r (rows of length
// b at stride b; nr, ni point at row r of N), imaginary part of N[r][r] set to 0; out: 16 bytes.
function zgramRowBody(): Bytes {
  const [wre, wim, b, r, nr, ni, out] = [0, 1, 2, 3, 4, 5, 6];
  const s = 7, bb = 8, rowr = 9, rows = 10, sb = 11;
  return [
    ...set(bb, shl3(get(b))),
    ...set(rowr, mul(get(r), get(bb))),
    ...set(s, i32(0)),
    ...whileLoop(
      [...get(r), ...get(s), 0x4e], // s ≤ r (i32.ge_s r s)
      set(rows, mul(get(s), get(bb))),
      set(sb, shl3(get(s))),
      call(CROWDOTC, add(get(wre), get(rowr)), add(get(wim), get(rowr)), add(get(wre), get(rows)), add(get(wim), get(rows)), get(b), get(out)),
      f64store(add(get(ni), get(sb)), [...f64load(get(out), 8), 0x9a]), // f64.neg
      f64store(add(get(nr), get(sb)), [...f64load(get(out)), 0x9a]),
      inc(s, i32(1)),
    ),
    ...f64store(add(get(ni), shl3(get(r))), [0x44, 0, 0, 0, 0, 0, 0, 0, 0]),
  ];
}

/** The kernels over one WebAssembly memory, `heap` a view of all of it (zero on creation). */
export interface WasmKernels {
  heap: Float64Array;
  /** Offsets in BYTES (8 × the element index into heap); ld, k, n in elements. */
  symv(a: number, ld: number, k: number, n: number, v: number, p: number): void;
  rank2k(a: number, ld: number, k1: number, n: number, u: number, zt: number, m: number): void;
  dots(zt: number, ld: number, count: number, j0: number, v: number, out: number): void;
  axpyT(y: number, zt: number, ld: number, count: number, j0: number, c: number): void;
  /** Complex split storage (see cdotsBody); all offsets and nb, vs in BYTES. */
  cdots(v: number, vs: number, count: number, w: number, nb: number, out: number): void;
  caxpys(v: number, vs: number, count: number, c: number, w: number, nb: number): void;
  /** Byte offsets; b in elements (see cluSolveBody). */
  cluSolve(re: number, im: number, b: number, xr: number, xi: number, out: number): void;
  /** Real packed LU, complex right-hand side x1 + i·x2 (see rluSolve2Body, rluSolveT2Body). */
  rluSolve2(a: number, b: number, x1: number, x2: number, out: number): void;
  rluSolveT2(a: number, b: number, x1: number, x2: number, out: number): void;
  /** GEMM tiles over packed panels (see zgemmTBody, dgemmTBody); offsets in bytes. */
  zgemmT(ap: number, bp: number, k: number, mp: number, ns: number, t: number): void;
  dgemmT(ap: number, bp: number, k: number, mp: number, ns: number, t: number): void;
  /** Hermitian block Cholesky pieces (see zcholColumnBody, zcholForwardBody, zgramRowBody); offsets in bytes. */
  zcholColumn(re: number, im: number, b: number, j: number, out: number): void;
  zcholForward(re: number, im: number, b: number, wr: number, wi: number, out: number): void;
  zgramRow(wre: number, wim: number, b: number, r: number, nr: number, ni: number, out: number): void;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const types = section(1, vec([
    [0x60, ...vec(new Array(6).fill([I32])), 0x00],
    [0x60, ...vec(new Array(7).fill([I32])), 0x00],
    [0x60, ...vec(new Array(5).fill([I32])), 0x00],
  ]));
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]]));
  const funcs = section(3, vec([[0], [1], [0], [0], [0], [0], [0], [0], [2], [2], [2], [2], [0], [0], [0], [2], [0], [1]]));
  const exports = section(7, vec([
    [...name('symv'), 0x00, 0], [...name('rank2k'), 0x00, 1], [...name('dots'), 0x00, 2], [...name('axpyT'), 0x00, 3],
    [...name('cdots'), 0x00, 4], [...name('caxpys'), 0x00, 5], [...name('cluSolve'), 0x00, 7],
    [...name('rluSolve2'), 0x00, 10], [...name('rluSolveT2'), 0x00, 11],
    [...name('zgemmT'), 0x00, 12], [...name('dgemmT'), 0x00, 13],
    [...name('zcholColumn'), 0x00, 15], [...name('zcholForward'), 0x00, 16], [...name('zgramRow'), 0x00, 17],
  ]));
  const code = section(10, vec([
    func(6, [[8, I32], [13, V128]], symvBody()),
    func(7, [[9, I32], [11, V128]], rank2kBody()),
    func(6, [[5, I32], [2, V128]], dotsBody()),
    func(6, [[7, I32], [3, V128]], axpyTBody()),
    func(6, [[4, I32], [8, V128]], cdotsBody()),
    func(6, [[4, I32], [6, V128]], caxpysBody()),
    func(6, [[2, I32], [6, F64], [8, V128]], crowdotBody()),
    func(6, [[5, I32], [5, F64]], cluSolveBody()),
    func(5, [[1, I32], [2, I32], [3, F64], [3, V128]], rrowdot2Body()),
    func(5, [[1, I32], [2, I32], [3, F64], [3, V128]], raxpy2Body()),
    func(5, [[1, I32], [5, I32], [1, F64]], rluSolve2Body()),
    func(5, [[1, I32], [5, I32], [3, F64]], rluSolveT2Body()),
    func(6, [[8, I32], [16, V128]], zgemmTBody()),
    func(6, [[7, I32], [11, V128]], dgemmTBody()),
    func(6, [[2, I32], [6, F64], [8, V128]], crowdotBody(true)),
    func(5, [[1, I32], [5, I32], [2, F64]], zcholColumnBody()),
    func(6, [[4, I32], [1, F64]], zcholForwardBody()),
    func(7, [[5, I32]], zgramRowBody()),
  ]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * The kernels over a new memory of at least `bytes` (zeroed), or null when WebAssembly or its
 * SIMD is unavailable or the memory cannot be had (> 4 GiB). The module (≈ 7 KB) is compiled
 * once per thread, synchronously: fine in workers and Node; a browser main thread refuses a
 * synchronous compile above 4 KB, and there the callers run their JS fallback (all numerics run
 * in workers anyway).
 */
export function wasmKernels(bytes: number): WasmKernels | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const code = moduleBytes();
      if (typeof WebAssembly === 'object' && WebAssembly.validate(code)) compiled = new WebAssembly.Module(code);
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 65536) return null;
  try {
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const ex = new WebAssembly.Instance(compiled, { env: { mem: memory } }).exports as unknown as Omit<WasmKernels, 'heap'>;
    return { heap: new Float64Array(memory.buffer), symv: ex.symv, rank2k: ex.rank2k, dots: ex.dots, axpyT: ex.axpyT, cdots: ex.cdots, caxpys: ex.caxpys, cluSolve: ex.cluSolve, rluSolve2: ex.rluSolve2, rluSolveT2: ex.rluSolveT2, zgemmT: ex.zgemmT, dgemmT: ex.dgemmT, zcholColumn: ex.zcholColumn, zcholForward: ex.zcholForward, zgramRow: ex.zgramRow };
  } catch {
    return null; // out of memory, or a policy that forbids instantiation
  }
}
