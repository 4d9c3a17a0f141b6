/**
 * Interop files (issue 11, item 3): `liouvillian --out L.mtx` and `steady-state --out rho.npz|.mtx`
 * read back with small readers written here (Matrix Market coordinate; ZIP "store" + .npy v1.0),
 * compared with the in-memory matrix, with the CLI's own numbers and with the naive dense
 * reference (tests/reference). With python3 + SciPy present, SciPy reads the same files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { buildSectorLiouvillian } from '../../src/physics/exact/liouvillian.ts';
import { parseSector } from '../../src/physics/exact/sectors.ts';
import { makeParams } from '../../src/physics/model/model.ts';
import { refEll, refSteadyState } from '../reference/denseLindblad.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'interop-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { json: JSON.parse(lines[0]), err: r.stderr };
}

// --- readers written for the test -------------------------------------------------------------

interface Mtx { field: string; rows: number; cols: number; comments: string[]; i: number[]; j: number[]; re: number[]; im: number[] }

/** Matrix Market coordinate reader (general symmetry only, which is all the CLI writes). */
function readMtx(text: string): Mtx {
  const lines = text.split('\n');
  const banner = /^%%MatrixMarket matrix coordinate (real|complex) general$/.exec(lines[0]);
  if (!banner) throw new Error(`bad banner ${lines[0]}`);
  let k = 1;
  const comments: string[] = [];
  while (lines[k].startsWith('%')) comments.push(lines[k++].slice(2));
  const [rows, cols, nnz] = lines[k++].split(' ').map(Number);
  const m: Mtx = { field: banner[1], rows, cols, comments, i: [], j: [], re: [], im: [] };
  for (let e = 0; e < nnz; e++) {
    const t = lines[k++].split(' ');
    m.i.push(Number(t[0]) - 1); m.j.push(Number(t[1]) - 1); m.re.push(Number(t[2])); m.im.push(t[3] === undefined ? 0 : Number(t[3]));
  }
  expect(lines.slice(k).join('')).toBe('');
  return m;
}

interface Npy { descr: string; shape: number[]; bytes: Uint8Array }

/** Uncompressed ZIP + .npy v1.0 reader: member name → array. Checks the CRC-32 of each member. */
function readNpz(buf: Buffer): Record<string, Npy> {
  const out: Record<string, Npy> = {};
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Uint8Array) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  let p = 0;
  while (buf.readUInt32LE(p) === 0x04034b50) {
    expect(buf.readUInt16LE(p + 8)).toBe(0); // stored
    const size = buf.readUInt32LE(p + 18), nameLen = buf.readUInt16LE(p + 26), extra = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 30, p + 30 + nameLen).toString('ascii');
    const data = buf.subarray(p + 30 + nameLen + extra, p + 30 + nameLen + extra + size);
    expect(crc(data)).toBe(buf.readUInt32LE(p + 14));
    expect(data.subarray(0, 8).toString('latin1')).toBe('\x93NUMPY\x01\x00');
    const hlen = data.readUInt16LE(8);
    expect((10 + hlen) % 64).toBe(0);
    const hdr = data.subarray(10, 10 + hlen).toString('ascii');
    const descr = /'descr': '([^']+)'/.exec(hdr)?.[1] as string;
    expect(hdr).toMatch(/'fortran_order': False/);
    const shape = (/'shape': \(([^)]*)\)/.exec(hdr)?.[1] as string).split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    out[name.replace(/\.npy$/, '')] = { descr, shape, bytes: new Uint8Array(data.subarray(10 + hlen)) };
    p += 30 + nameLen + extra + size;
  }
  expect(buf.readUInt32LE(p)).toBe(0x02014b50); // central directory follows the members
  return out;
}

const f64 = (a: Npy) => new Float64Array(a.bytes.buffer.slice(a.bytes.byteOffset, a.bytes.byteOffset + a.bytes.byteLength));

function hasPython(modules: string): boolean {
  const r = spawnSync('python3', ['-c', `import ${modules}`], { encoding: 'utf8' });
  return r.status === 0;
}
const SCIPY = hasPython('numpy, scipy.io');
if (!SCIPY) console.warn('NOTICE: python3 with numpy/scipy not found: the SciPy interop checks are skipped');

function python(code: string): string {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

// --- tests ------------------------------------------------------------------------------------

const MODEL = { N: 3, d: 3, gammaI: 0.5, gammaC: 0.2, V: -1 };
const MODEL_FLAGS = ['--N', '3', '--d', '3', '--dissipator', 'spin', '--gammaI', '0.5', '--gammaC', '0.2', '--V', '-1'];

describe('liouvillian --out L.mtx', () => {
  for (const basis of ['normalized', 'raw'] as const) {
    it(`equals the in-memory sector matrix entry for entry (${basis} basis)`, () => {
      const out = f(`L-${basis}.mtx`);
      const { json } = cli('liouvillian', ...MODEL_FLAGS, '--sector', '-1,-1', '--basis', basis, '--out', out);
      const b = buildPiBasis(MODEL.N, MODEL.d);
      const p = makeParams({ ...MODEL, dissipator: 'spin' });
      const A = buildSectorLiouvillian(b, p, parseSector('-1,-1'), { normalize: basis === 'normalized' }).matrix;
      const m = readMtx(readFileSync(out, 'utf8'));
      expect(json).toEqual({ out, sector: '-1,-1', dim: A.rows, nnz: A.rowPtr[A.rows], basis });
      expect([m.field, m.rows, m.cols, m.re.length]).toEqual(['real', A.rows, A.cols, A.rowPtr[A.rows]]);
      let e = 0;
      for (let i = 0; i < A.rows; i++) {
        for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++, e++) {
          expect([m.i[e], m.j[e]]).toEqual([i, A.colIdx[k]]);
          expect(m.re[e]).toBe(A.values[k]); // bit for bit
        }
      }
      const text = m.comments.join('\n');
      expect(text).toContain('N=3 d=3 dissipator=spin gammaI=0.5 gammaC=0.2 V=-1');
      expect(text).toContain(`sector (-1,-1), dimension ${A.rows}, basis ${basis}`);
      expect(text).toMatch(/qudit-dpt-explorer \d+\.\d+\.\d+ \(commit/);
      expect(m.comments.filter((c) => c.startsWith('element ')).length).toBe(A.rows);
    }, 30_000);
  }

  it.skipIf(!SCIPY)('is read by scipy.io.mmread, with the eigenvalues that the CLI spectrum prints', () => {
    const out = f('L-normalized.mtx');
    const py = python(`import scipy.io, numpy as np, json
M = scipy.io.mmread(${JSON.stringify(out)}).toarray()
ev = np.linalg.eigvals(M)
print(json.dumps([[float(z.real), float(z.imag)] for z in ev]))`);
    const all: Array<[number, number]> = JSON.parse(py);
    // each eigenvalue as [re, im] or {re, im, residual, errorBound, …} (the certified format of issue 13)
    const raw: Array<[number, number] | { re: number; im: number }> = cli('spectrum', ...MODEL_FLAGS, '--sector', '-1,-1', '--k', '6').json.eigenvalues;
    const cli6 = raw.map((e) => (Array.isArray(e) ? e : [e.re, e.im]));
    expect(cli6).toHaveLength(6);
    for (const [re, im] of cli6) {
      const nearest = Math.min(...all.map(([a, b]) => Math.hypot(a - re, b - im)));
      expect(nearest).toBeLessThan(1e-9);
    }
    // and SciPy's slowest mode is the CLI's first one (sorted by |Re|)
    const slowest = all.reduce((x, y) => (Math.abs(y[0]) < Math.abs(x[0]) ? y : x));
    expect(slowest[0]).toBeCloseTo(cli6[0][0], 9);
  }, 30_000);
});

describe('steady-state --out rho.npz | rho.mtx', () => {
  const npz = f('rho.npz');
  const mtx = f('rho.mtx');

  it('writes a NumPy archive whose rho and PI coordinates give the CLI’s purity and the dense reference state', () => {
    const { json, err } = cli('steady-state', ...MODEL_FLAGS, '--out', npz);
    expect(err).toBe(''); // no warning: the written state reproduces the engine's numbers
    expect(json.file).toEqual({ out: npz, format: 'npz', dim: expect.any(Number), dense: true });
    const a = readNpz(readFileSync(npz));
    expect(Object.keys(a).sort()).toEqual(['coefficients', 'gram', 'level', 'meta', 'occupation', 'rho', 'theta']);
    const n = 27;
    expect(a.rho.descr).toBe('<c16');
    expect(a.rho.shape).toEqual([n, n]);
    const rho = f64(a.rho); // interleaved re, im
    let tr = 0, pur = 0, herm = 0;
    for (let i = 0; i < n; i++) {
      tr += rho[2 * (i * n + i)];
      for (let j = 0; j < n; j++) {
        const k = 2 * (i * n + j), kt = 2 * (j * n + i);
        pur += rho[k] ** 2 + rho[k + 1] ** 2;
        herm = Math.max(herm, Math.abs(rho[k] - rho[kt]), Math.abs(rho[k + 1] + rho[kt + 1]));
      }
    }
    expect(tr).toBeCloseTo(1, 12);
    expect(herm).toBeLessThan(1e-15);
    expect(pur).toBeCloseTo(json.purity, 12);
    // the PI coordinates: Tr ρ² = Σ gram·x²
    const x = f64(a.coefficients), g = f64(a.gram);
    expect(a.occupation.shape).toEqual([x.length, 9]);
    expect(x.reduce((s, v, m) => s + g[m] * v * v, 0)).toBeCloseTo(json.purity, 12);
    // the independent dense reference (full d^N space, tests/reference)
    const ref = refSteadyState({ N: 3, d: 3, ellRe: refEll(3, 'spin'), gammaI: 0.5, gammaC: 0.2, V: -1 });
    let dmax = 0;
    for (let k = 0; k < n * n; k++) dmax = Math.max(dmax, Math.abs(ref.re[k] - rho[2 * k]), Math.abs(ref.im[k] - rho[2 * k + 1]));
    expect(dmax).toBeLessThan(1e-9);
    const meta = JSON.parse(decodeUtf32(a.meta.bytes));
    expect(meta.model).toMatchObject({ N: 3, d: 3, dissipator: 'spin', gammaI: 0.5, gammaC: 0.2, V: -1 });
    expect(meta.observables.purity).toBeCloseTo(json.purity, 12);
  }, 60_000);

  it('writes the same dense matrix as Matrix Market (coordinate complex)', () => {
    cli('steady-state', ...MODEL_FLAGS, '--out', mtx);
    const m = readMtx(readFileSync(mtx, 'utf8'));
    expect([m.field, m.rows, m.cols]).toEqual(['complex', 27, 27]);
    const rho = f64(readNpz(readFileSync(npz)).rho);
    const dense = new Float64Array(2 * 27 * 27);
    m.i.forEach((i, e) => { dense[2 * (i * 27 + m.j[e])] = m.re[e]; dense[2 * (i * 27 + m.j[e]) + 1] = m.im[e]; });
    expect(Array.from(dense)).toEqual(Array.from(rho));
    expect(m.comments.join('\n')).toContain('particle 0 most significant');
  }, 30_000);

  it.skipIf(!SCIPY)('numpy.load and scipy.io.mmread read them: same purity, ρ ≥ 0', () => {
    const out = python(`import numpy as np, scipy.io, json
f = np.load(${JSON.stringify(npz)})
rho = f['rho']; meta = json.loads(str(f['meta']))
r2 = scipy.io.mmread(${JSON.stringify(mtx)}).toarray()
print(json.dumps([float(np.sum(np.abs(rho)**2)), meta['observables']['purity'], float(np.abs(r2 - rho).max()), float(np.linalg.eigvalsh(rho).min())]))`);
    const [pur, metaPur, diff, minEig] = JSON.parse(out);
    expect(pur).toBeCloseTo(metaPur, 12);
    expect(diff).toBe(0);
    expect(minEig).toBeGreaterThan(-1e-12);
  }, 30_000);

  it('refuses a dense .mtx that would not fit and an unknown extension', () => {
    for (const [args, msg] of [
      [['--N', '13', '--d', '2', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--out', f('big.mtx')], /d\^N = 8192 square, above 4096: use --out file\.npz/],
      [['--N', '2', '--d', '2', '--gammaI', '1', '--gammaC', '0', '--V', '1', '--out', f('rho.txt')], /--out must end in \.npz \(NumPy\) or \.mtx/],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'steady-state', ...args], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  }, 30_000);
});

function decodeUtf32(bytes: Uint8Array): string {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s = '';
  for (let k = 0; k + 4 <= bytes.byteLength; k += 4) { const c = v.getUint32(k, true); if (c) s += String.fromCodePoint(c); }
  return s;
}
