/**
 * Matrix Market coordinate files (NIST format, https://math.nist.gov/MatrixMarket/formats.html),
 * as read by `scipy.io.mmread`: a banner `%%MatrixMarket matrix coordinate real|complex general`,
 * comment lines starting with '%', the size line `rows cols nnz`, then one entry `i j value
 * [imag]` per line with 1-based indices. Values are JavaScript's shortest round-trip decimal
 * form, so the file holds the doubles exactly. Comments are forced to ASCII (non-ASCII → '?')
 * because some readers decode the header as ASCII.
 */
import type { Csr } from '../../src/linalg/csr.ts';
import { writeFileAtomic } from './fileOut.ts';

const LINES_PER_CHUNK = 65536;

function commentLines(comments: string[]): string {
  return comments.flatMap((c) => c.split('\n')).map((c) => `% ${c.replace(/[^\x20-\x7e]/g, '?')}`.trimEnd() + '\n').join('');
}

/** Writes a real sparse matrix (CSR, entries in row order) to `path`. Returns the nnz written. */
export function writeCsrMatrixMarket(path: string, A: Csr, comments: string[]): number {
  const nnz = A.rowPtr[A.rows];
  writeFileAtomic(path, (write) => {
    write(`%%MatrixMarket matrix coordinate real general\n${commentLines(comments)}${A.rows} ${A.cols} ${nnz}\n`);
    let buf: string[] = [];
    for (let i = 0; i < A.rows; i++) {
      for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) {
        buf.push(`${i + 1} ${A.colIdx[k] + 1} ${A.values[k]}\n`);
        if (buf.length === LINES_PER_CHUNK) { write(buf.join('')); buf = []; }
      }
    }
    write(buf.join(''));
  });
  return nnz;
}

/**
 * Writes the non-zero entries of a dense complex n × n matrix (row-major re, im) to `path`
 * as `coordinate complex general`. Returns the nnz written.
 */
export function writeDenseComplexMatrixMarket(path: string, n: number, re: Float64Array, im: Float64Array, comments: string[]): number {
  let nnz = 0;
  for (let k = 0; k < n * n; k++) if (re[k] !== 0 || im[k] !== 0) nnz++;
  writeFileAtomic(path, (write) => {
    write(`%%MatrixMarket matrix coordinate complex general\n${commentLines(comments)}${n} ${n} ${nnz}\n`);
    let buf: string[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        if (re[k] === 0 && im[k] === 0) continue;
        buf.push(`${i + 1} ${j + 1} ${re[k]} ${im[k]}\n`);
        if (buf.length === LINES_PER_CHUNK) { write(buf.join('')); buf = []; }
      }
    }
    write(buf.join(''));
  });
  return nnz;
}
