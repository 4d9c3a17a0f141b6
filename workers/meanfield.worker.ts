/**
 * Mean-field worker (Comlink): Fig. 2 stream plots and Fig. 3 trajectories off the main thread.
 * Results carry typed arrays that are transferred, not copied.
 */
import * as Comlink from 'comlink';
import { fig2Data, fig2Grid } from '../src/physics/meanfield/fig2.ts';
import { fig3Data } from '../src/physics/meanfield/fig3.ts';
import { makeParams } from '../src/physics/model/model.ts';
import type { Fig2Request, Fig2Result, Fig3Request, Fig3Result } from '../src/contracts/meanfield.ts';
import { interruptOnFlag } from '../src/linalg/interrupt.ts';

const api = {
  /** Installs the page's interrupt flag (src/compute/interruptFlag.ts): long loops stop once it is set. */
  interruptOn(flag: Int32Array): void {
    interruptOnFlag(flag);
  },
  fig2(req: Fig2Request): Fig2Result {
    const r = fig2Data(req);
    const l = r.lines;
    return Comlink.transfer(r, [l.x.buffer, l.y.buffer, l.starts.buffer, l.arrowX.buffer, l.arrowY.buffer, l.arrowAngle.buffer, l.speed.buffer]);
  },
  fig2Grid(signV: 1 | -1): Fig2Result[] {
    return fig2Grid(signV);
  },
  fig3(req: Fig3Request, progress?: (f: number) => void): Fig3Result {
    const r = fig3Data({ ...req, params: makeParams(req.spec) }, progress);
    return Comlink.transfer(r, [r.times.buffer, r.X.buffer, r.Y.buffer, r.Z.buffer]);
  },
};

export type MeanFieldWorkerApi = typeof api;
Comlink.expose(api);
