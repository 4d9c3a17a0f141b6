/**
 * `liouvillian --N --d --dissipator --gammaI --gammaC --V --sector "+1,+1" --out L.mtx
 * [--basis normalized|raw]`: writes one real sector matrix of Eq. (3) in Matrix Market format
 * (scipy.io.mmread) with the basis and conventions in its header; prints
 * `{"out","sector","dim","nnz","basis"}`.
 */
import { type CliArgs, CliError, rejectUnknown, stringFlag } from '../args.ts';
import { MODEL_FLAGS, modelFlags } from '../modelFlags.ts';
import { parseSector } from '../../src/physics/exact/sectors.ts';
import { writeLiouvillianFile } from '../export/liouvillianFile.ts';

export default function liouvillianCommand(a: CliArgs): object {
  rejectUnknown(a, [...MODEL_FLAGS, 'sector', 'out', 'basis']);
  const { N, p, budgetBytes } = modelFlags(a);
  const spec = parseSector(stringFlag(a, 'sector', '+1,+1'));
  const out = stringFlag(a, 'out');
  if (!out.toLowerCase().endsWith('.mtx')) throw new CliError(`--out must name a Matrix Market file ending in .mtx (got "${out}")`);
  const basis = stringFlag(a, 'basis', 'normalized');
  if (basis !== 'normalized' && basis !== 'raw') throw new CliError(`--basis must be normalized or raw (got "${basis}")`);
  return writeLiouvillianFile(out, N, p, stringFlag(a, 'dissipator', 'spin'), spec, basis === 'normalized', budgetBytes);
}
