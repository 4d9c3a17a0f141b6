/**
 * The control bar of the map figures (Figs. 5, 7, 8): the grid (resolution, γ/|V| range), the
 * colour scale, the sweep-file bar (export a panel's CSV, load a sweep file into a panel) and,
 * when the figure fills progressively, its progress line with ETA and cancel. `figure` prefixes
 * the test ids ("fig7-sweep", "fig7-progress").
 */
import type { ReactNode } from 'react';
import { useStore } from '../../../state/store.ts';
import { CHECKS, mapRangeCheck } from '../../../state/params.ts';
import { NumberField } from '../../NumberField.tsx';
import { ColorScaleSelect } from '../FiniteView.tsx';
import { SweepFileBar, type LoadedMaps, type SweepSlot } from './sweepIO.tsx';

export function MapControls({ figure, slots, loaded, progress }: { figure: string; slots: SweepSlot[]; loaded: LoadedMaps; progress?: ReactNode }) {
  const s = useStore();
  return (
    <div className="view-controls">
      <NumberField label="resolution" value={s.mapRes} check={CHECKS.mapRes} onChange={(mapRes) => s.set({ mapRes })} testId="input-mapRes" width={60} />
      <NumberField label="γ/|V| from" value={s.mapMin} check={mapRangeCheck('mapMin', s.mapMax)} onChange={(mapMin) => s.set({ mapMin })} testId="input-mapMin" width={60} />
      <NumberField label="to" value={s.mapMax} check={mapRangeCheck('mapMax', s.mapMin)} onChange={(mapMax) => s.set({ mapMax })} testId="input-mapMax" width={60} />
      <ColorScaleSelect />
      <SweepFileBar slots={slots} loaded={loaded} testId={`${figure}-sweep`} />
      {progress}
    </div>
  );
}
