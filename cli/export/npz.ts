/**
 * A minimal NumPy .npz writer: an uncompressed ZIP archive (method 0, "store") of .npy v1.0
 * files, as `numpy.savez` writes them, so `numpy.load(path)` reads it with no extra package.
 * ZIP64 is not written: every member and the whole archive must stay below 4 GiB (RangeError).
 * Formats: NumPy NEP 1 (.npy v1.0: magic, version, little-endian u16 header length, a Python
 * dict literal padded with spaces to a multiple of 64 bytes, then the raw C-order data) and
 * PKWARE APPNOTE 6.3 (local headers, central directory, end record; CRC-32 of each member).
 */

/** One array: dtype descriptor (e.g. '<f8', '<c16', '<i4', '|u1', '<U12'), shape and raw bytes. */
export interface NpyArray {
  descr: string;
  shape: number[];
  data: Uint8Array;
}

export function float64Array(values: ArrayLike<number>, shape: number[] = [values.length]): NpyArray {
  const a = Float64Array.from(values);
  return { descr: '<f8', shape, data: new Uint8Array(a.buffer) };
}

/** complex128 from separate real and imaginary parts (interleaved re, im as NumPy stores it). */
export function complex128Array(re: ArrayLike<number>, im: ArrayLike<number>, shape: number[]): NpyArray {
  const a = new Float64Array(2 * re.length);
  for (let k = 0; k < re.length; k++) { a[2 * k] = re[k]; a[2 * k + 1] = im[k]; }
  return { descr: '<c16', shape, data: new Uint8Array(a.buffer) };
}

export function int32Array(values: ArrayLike<number>, shape: number[] = [values.length]): NpyArray {
  const a = Int32Array.from(values);
  return { descr: '<i4', shape, data: new Uint8Array(a.buffer) };
}

/** A 0-d unicode string array (dtype '<U{n}', UTF-32LE): `str(np.load(f)['meta'])` gives the text back. */
export function unicodeScalar(text: string): NpyArray {
  const cps = Array.from(text, (c) => c.codePointAt(0) as number);
  const a = Uint32Array.from(cps);
  return { descr: `<U${Math.max(1, cps.length)}`, shape: [], data: new Uint8Array(a.buffer, 0, cps.length === 0 ? 0 : a.byteLength) };
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The bytes of one .npy v1.0 file. Throws RangeError when the data size does not match the shape. */
export function npyBytes(arr: NpyArray): Uint8Array {
  const itemSize = arr.descr.startsWith('<U') ? 4 * Number(arr.descr.slice(2)) : Number(arr.descr.slice(2)) || 1;
  const count = arr.shape.reduce((x, y) => x * y, 1);
  const expected = arr.descr.startsWith('<U') && arr.data.length === 0 ? 0 : count * itemSize;
  if (arr.data.length !== expected) throw new RangeError(`npy: ${arr.data.length} bytes for shape (${arr.shape}) of ${arr.descr} (expected ${expected})`);
  const shape = arr.shape.length === 1 ? `(${arr.shape[0]},)` : `(${arr.shape.join(', ')})`;
  let dict = `{'descr': '${arr.descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  dict += ' '.repeat(pad % 64) + '\n';
  const head = new Uint8Array(10 + dict.length);
  head.set([0x93, ...ascii('NUMPY'), 1, 0]);
  head[8] = dict.length & 0xff;
  head[9] = dict.length >> 8;
  head.set(ascii(dict), 10);
  // A '<U' scalar of the empty string still needs one (zero) code point.
  const data = arr.descr.startsWith('<U') && arr.data.length === 0 ? new Uint8Array(4) : arr.data;
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO-HDLC, as in ZIP and zlib). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The chunks of an uncompressed ZIP archive holding the given members (names in ASCII), in
 * write order. DOS time is fixed to 1980-01-01 so equal contents give equal files.
 */
export function zipStoreChunks(members: Array<{ name: string; data: Uint8Array }>): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const LIMIT = 0xffffffff;
  for (const m of members) {
    const name = ascii(m.name);
    const crc = crc32(m.data);
    if (m.data.length >= LIMIT || offset >= LIMIT) throw new RangeError(`npz: member ${m.name} or the archive exceeds 4 GiB (ZIP64 is not written)`);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0, true); // flags
    local.setUint16(8, 0, true); // method: store
    local.setUint16(10, 0, true); // time
    local.setUint16(12, 0x21, true); // date 1980-01-01
    local.setUint32(14, crc, true);
    local.setUint32(18, m.data.length, true);
    local.setUint32(22, m.data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), name, m.data);
    const cen = new DataView(new ArrayBuffer(46));
    cen.setUint32(0, 0x02014b50, true);
    cen.setUint16(4, 20, true); // version made by
    cen.setUint16(6, 20, true);
    cen.setUint16(8, 0, true);
    cen.setUint16(10, 0, true);
    cen.setUint16(12, 0, true);
    cen.setUint16(14, 0x21, true);
    cen.setUint32(16, crc, true);
    cen.setUint32(20, m.data.length, true);
    cen.setUint32(24, m.data.length, true);
    cen.setUint16(28, name.length, true);
    cen.setUint32(42, offset, true); // local header offset (extra, comment, disk, attrs = 0)
    central.push(new Uint8Array(cen.buffer), name);
    offset += 30 + name.length + m.data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  if (offset + cdSize >= LIMIT) throw new RangeError('npz: the archive exceeds 4 GiB (ZIP64 is not written)');
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, members.length, true);
  end.setUint16(10, members.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  return [...chunks, ...central, new Uint8Array(end.buffer)];
}

/** The chunks of a .npz file holding `arrays` as `<name>.npy`. */
export function npzChunks(arrays: Record<string, NpyArray>): Uint8Array[] {
  return zipStoreChunks(Object.entries(arrays).map(([name, a]) => ({ name: `${name}.npy`, data: npyBytes(a) })));
}
