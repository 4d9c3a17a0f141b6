/**
 * Evenly spaced streamlines of a planar vector field (in the spirit of Jobard & Lefer 1997):
 * seeds on a regular grid, each line traced both ways with RK4 along the unit direction field,
 * stopping at the domain boundary, at (near-)fixed points, at closed orbits, or when it comes
 * closer than `separation`/2 to another line. Geometry only; no drawing.
 */

export type Field2 = (x: number, y: number) => [number, number];

export interface StreamOptions {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Inside-domain test (e.g. the unit disc); the bounding box is always enforced. */
  inside?: (x: number, y: number) => boolean;
  /** Lines per axis, roughly; separation = (xMax − xMin)/density. */
  density?: number;
  /** Maximum points per half line. */
  maxPoints?: number;
}

import type { Streamlines } from '../../contracts/meanfield.ts';

export type { Streamlines };

export function streamlines(F: Field2, o: StreamOptions): Streamlines {
  const density = o.density ?? 18;
  const w = o.xMax - o.xMin, h = o.yMax - o.yMin;
  const sep = w / density;
  const step = sep / 6;
  const maxPoints = o.maxPoints ?? 4000;
  const inside = (x: number, y: number) =>
    x >= o.xMin && x <= o.xMax && y >= o.yMin && y <= o.yMax && (o.inside ? o.inside(x, y) : true);

  // occupancy grid with cell size sep/2, storing the id of the line that passed (0 = free)
  const cell = sep / 2;
  const gw = Math.ceil(w / cell) + 1, gh = Math.ceil(h / cell) + 1;
  const grid = new Int32Array(gw * gh);
  const cellOf = (x: number, y: number) => {
    const i = Math.min(gw - 1, Math.max(0, Math.floor((x - o.xMin) / cell)));
    const k = Math.min(gh - 1, Math.max(0, Math.floor((y - o.yMin) / cell)));
    return k * gw + i;
  };
  // speeds set the "fixed point" threshold relative to the field's typical magnitude
  let typical = 0, count = 0;
  for (let a = 0; a <= 10; a++) {
    for (let b = 0; b <= 10; b++) {
      const x = o.xMin + (w * a) / 10, y = o.yMin + (h * b) / 10;
      if (!inside(x, y)) continue;
      const [fx, fy] = F(x, y);
      const s = Math.hypot(fx, fy);
      if (Number.isFinite(s)) { typical += s; count++; }
    }
  }
  typical = count ? typical / count : 1;
  const still = 1e-6 * (typical || 1);

  const dir = (x: number, y: number, sgn: number): [number, number] | null => {
    const [fx, fy] = F(x, y);
    const s = Math.hypot(fx, fy);
    if (!(s > still)) return null;
    return [(sgn * fx) / s, (sgn * fy) / s];
  };

  const xs: number[] = [], ys: number[] = [], sp: number[] = [], starts: number[] = [];
  const ax: number[] = [], ay: number[] = [], aa: number[] = [];
  let lineId = 0;

  const trace = (x0: number, y0: number, sgn: number, id: number): Array<[number, number]> => {
    const pts: Array<[number, number]> = [];
    let x = x0, y = y0;
    for (let n = 0; n < maxPoints; n++) {
      const k1 = dir(x, y, sgn); if (!k1) break;
      const k2 = dir(x + 0.5 * step * k1[0], y + 0.5 * step * k1[1], sgn); if (!k2) break;
      const k3 = dir(x + 0.5 * step * k2[0], y + 0.5 * step * k2[1], sgn); if (!k3) break;
      const k4 = dir(x + step * k3[0], y + step * k3[1], sgn); if (!k4) break;
      const nx = x + (step / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
      const ny = y + (step / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
      if (!inside(nx, ny)) break;
      // a turn of more than ~25° within one step means the curvature radius is below the step:
      // we are at a fixed point's scale, where the normalised field only jitters
      const kn = dir(nx, ny, sgn);
      if (!kn || kn[0] * k1[0] + kn[1] * k1[1] < 0.9) break;
      const c = cellOf(nx, ny);
      if (grid[c] !== 0 && grid[c] !== id) break;
      // closed orbit: back near the seed after having left it
      if (n > 12 && Math.hypot(nx - x0, ny - y0) < step) { pts.push([nx, ny]); break; }
      // stagnation: circling a sink or a focus at the scale of the step (the direction field
      // is normalised, so the tracer never stops on its own near a fixed point)
      if (n >= 16 && Math.hypot(nx - pts[n - 16][0], ny - pts[n - 16][1]) < 4 * step) break;
      pts.push([nx, ny]);
      x = nx; y = ny;
    }
    return pts;
  };

  for (let a = 0; a < density; a++) {
    for (let b = 0; b < density; b++) {
      const sx = o.xMin + (w * (a + 0.5)) / density;
      const sy = o.yMin + (h * (b + 0.5)) / density;
      if (!inside(sx, sy) || grid[cellOf(sx, sy)] !== 0) continue;
      const id = ++lineId;
      const back = trace(sx, sy, -1, id);
      const fwd = trace(sx, sy, +1, id);
      const line: Array<[number, number]> = [...back.reverse(), [sx, sy], ...fwd];
      if (line.length < 6) continue;
      starts.push(xs.length);
      for (const [px, py] of line) {
        xs.push(px); ys.push(py);
        const [fx, fy] = F(px, py);
        sp.push(Math.hypot(fx, fy));
        grid[cellOf(px, py)] = id;
      }
      // arrow in the middle of the line, pointing along the flow
      const mid = Math.floor(line.length / 2);
      const [mx, my] = line[mid];
      const [fx, fy] = F(mx, my);
      ax.push(mx); ay.push(my); aa.push(Math.atan2(fy, fx));
    }
  }
  starts.push(xs.length);
  return {
    x: Float64Array.from(xs), y: Float64Array.from(ys), starts: Int32Array.from(starts),
    arrowX: Float64Array.from(ax), arrowY: Float64Array.from(ay), arrowAngle: Float64Array.from(aa),
    speed: Float64Array.from(sp),
  };
}
