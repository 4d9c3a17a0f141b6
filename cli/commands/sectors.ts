/** `sectors --N n --d d`: dimensions of the four Z2×Z2 sectors of the PI Liouvillian (Section IV). */
import { type CliArgs, rejectUnknown } from '../args.ts';
import { sizeFlags } from '../modelFlags.ts';
import { checkD } from '../../src/physics/model/model.ts';
import { checkBudget } from '../../src/physics/exact/memory.ts';
import { buildPiBasis } from '../../src/physics/exact/piBasis.ts';
import { sectorDimensions } from '../../src/physics/exact/sectors.ts';

export default function sectors(a: CliArgs): object {
  rejectUnknown(a, ['N', 'd']);
  const { N, d } = sizeFlags(a);
  checkD(d);
  checkBudget(N, d, 'sectors', undefined, {});
  const b = buildPiBasis(N, d);
  return { total: b.dim, sectors: sectorDimensions(b) };
}
