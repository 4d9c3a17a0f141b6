/**
 * Client side of the exact-engine worker (workers/exact.worker.ts) for many points: one pool of
 * workers (size from navigator.hardwareConcurrency) that fills maps and curves coarse-to-fine
 * (4×4, then 8×8, then the full grid) with progress, an ETA and cancellation by job group (a busy
 * worker of a cancelled group is terminated and respawned on demand); a point cache keyed by the
 * parameters so a revisited map is instant; a latest-wins slot for the exact-vs-mean-field
 * dynamics; the sector sizes. The single-point steady state and spectra use the per-sector pool
 * of liouvillianClient.ts.
 */
import * as Comlink from 'comlink';
import type { ExactWorkerApi } from '../../workers/exact.worker.ts';
import { negativityMsEstimate, type DynamicsReply, type ExactEvent, type FinitePointResult, type FiniteQuantities, type FiniteSpec, type SizeReply } from '../contracts/exact.ts';
import { reportBusy } from './activity.ts';
import { cacheKey, createCache } from './cache.ts';
import { createJobSlot, startWorker, SUPERSEDED, WorkerCrashed, type WorkerHandle } from './latestJob.ts';

const makeWorker = () => new Worker(new URL('../../workers/exact.worker.ts', import.meta.url), { type: 'module' });

let infoApi: Comlink.Remote<ExactWorkerApi> | null = null;
const infoCache = new Map<string, Promise<SizeReply>>();

export type { FiniteSpec, FinitePointResult, FiniteQuantities };

const dynSlot = createJobSlot<ExactWorkerApi>(makeWorker, 100);
const dynCache = createCache<DynamicsReply>(16);
const reportDyn = () => queueMicrotask(() => reportBusy('dynamics', dynSlot.busy() ? 1 : 0));

export function cancelPoint(): void {
  dynSlot.cancel();
  reportDyn();
}

/** Exact finite-N dynamics and the mean field from the same spin-coherent state. */
export async function requestDynamics(spec: FiniteSpec, gammaI: number, gammaC: number, theta: number, phi: number, times: number[]) {
  const key = cacheKey('dyn', { spec, gammaI, gammaC, theta, phi, times });
  const hit = dynCache.get(key);
  if (hit) return hit;
  const p = dynSlot.run((api) => api.run({ ...spec, kind: 'dynamics', gammaI, gammaC, theta, phi, times }) as Promise<DynamicsReply>);
  reportDyn();
  try {
    const r = await p;
    if (r !== SUPERSEDED) dynCache.set(key, r);
    return r;
  } finally {
    reportDyn();
  }
}

/** Sector dimensions and memory estimate for (N, d); shared by every caller, computed once. */
export function describeSize(N: number, d: number) {
  const key = `${N},${d}`;
  let p = infoCache.get(key);
  if (!p) {
    infoApi ??= Comlink.wrap<ExactWorkerApi>(makeWorker());
    p = infoApi.run({ kind: 'sizes', N, d }) as Promise<SizeReply>;
    p.catch(() => infoCache.delete(key));
    infoCache.set(key, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Cost model (ms per point on one worker), fitted to measured per-point times (Node 20, warm,
// four points of a row with warm starts, as a map computes them; 2-core machine, 2026-11-30,
// engine with WebAssembly SIMD kernels and the balanced strip bound). With s the (+1,+1) sector
// dimension and L = 2N(d − 1) + 1 the number of E levels (the block-tridiagonal blocks, of
// average size s/L, so a block LU costs ∝ L·(s/L)³ = s³/L²):
//   steady state ≈ 2 + 0.01·s·(d − 1) + 1.4e-5·s³/L² ms — measured 13 ms at (5, 3) [s = 322],
//     57 at (4, 4) [969], 90 at (40, 2) [3 085], 115 at (7, 3) [1 609], 418 at (8, 3) [3 218];
//   the four sector gaps (certified, k = 2) ≈ 34 + 0.22·s + 7.7e-5·s³/L² ms — refitted in
//     session 8 (Cayley transform, trace functional, cheaper Schur forms; ≈ 2–3× faster than the
//     session-6 fit 40 + 0.46·s + 2.06e-4·s³/L²): measured 109 ms at (5, 3), 256 at (6, 3) [751],
//     420 at (4, 4), 767 at (7, 3), 1 468 at (40, 2), 2 825 at (8, 3) (.scratch-style loop of
//     finitePoints over four points, warm, Node 20);
// within ±40 % of the fit from s = 70 to 3 200 ((40, 2) 0.72×, (3, 4) 1.29×), then × 1.5 for a browser worker (a fresh
// worker's first points run before the JIT has warmed up). Used to choose live sizes and to
// state time estimates before anything ran; progress ETAs use the rates measured in the pool.
// Re-measure when the engine changes (bench/finite.bench.ts prints measured per-point times in
// Chromium).
const BROWSER_FACTOR = 1.5;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** C(N + d² − 1, N): the permutation-invariant operator-space dimension (Section IV). */
export function piDimension(N: number, d: number): number {
  return binomial(N + d * d - 1, N);
}

/** Rough ms for one point on one worker: steady state, its negativity and/or the four sector gaps. */
export function estimatePointMs(N: number, d: number, q: FiniteQuantities): number {
  const s = piDimension(N, d) / 4;
  const L = 2 * N * (d - 1) + 1;
  const lu = (s * s * s) / (L * L);
  let t = 0;
  // (the fit's flop count is ≈ 100·s³/L²; above the engine's 2e12 for the steady state it takes
  // the ILUT + GMRES fallback instead — measured 10 s per point at (7, 4) [s = 42 636] — so the
  // cubic term stops there instead of promising years for the paper's Fig. 7 sizes)
  if (q.steady || q.negativity) t += BROWSER_FACTOR * (2 + 0.01 * s * (d - 1) + (100 * lu > 2e12 ? 0.3 * s * (d - 1) : 1.4e-5 * lu));
  if (q.negativity) t += negativityMsEstimate(N, d);
  if (q.gaps) t += BROWSER_FACTOR * (34 + 0.22 * s + 7.7e-5 * lu);
  return t;
}

export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(8, cores));
}

/** Rough wall-clock ms for `points` points of (N, d) on the whole pool. */
export function estimateMs(N: number, d: number, q: FiniteQuantities, points: number): number {
  return (estimatePointMs(N, d, q) * points) / poolSize();
}

// ---------------------------------------------------------------------------------------------
// The sweep pool: tasks are short row segments of one spec; lowest priority number runs first.

interface PoolTask {
  group: number;
  seq: number;
  priority: number;
  spec: FiniteSpec;
  points: Array<[number, number]>;
  q: FiniteQuantities;
  onPoint: (i: number, r: FinitePointResult) => void;
  resolve: (r: { results: FinitePointResult[]; ms: number }) => void;
  reject: (e: unknown) => void;
}

interface PoolSlot {
  worker: Worker | null;
  api: Comlink.Remote<ExactWorkerApi> | null;
  /** Raises the worker's interrupt flag and terminates it (./interruptFlag.ts). */
  stop: (() => void) | null;
  task: PoolTask | null;
}

let slots: PoolSlot[] | null = null;
let queue: PoolTask[] = [];
let seq = 0;
let nextGroup = 1;

const poolSlots = (): PoolSlot[] => (slots ??= Array.from({ length: poolSize() }, () => ({ worker: null, api: null, stop: null, task: null })));
const report = () => reportBusy('sweep', poolSlots().filter((s) => s.task).length);

function pump(): void {
  for (const slot of poolSlots()) {
    if (slot.task || queue.length === 0) continue;
    let bi = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = queue[i], b = queue[bi];
      if (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)) bi = i;
    }
    const task = queue.splice(bi, 1)[0];
    if (!slot.worker) {
      // a worker that dies never answers: fail its task with the reason; the next task respawns
      const h: WorkerHandle<ExactWorkerApi> = startWorker<ExactWorkerApi>(makeWorker, (detail) => {
        if (slot.worker !== h.worker) return;
        const t = slot.task;
        h.worker.terminate();
        slot.worker = null;
        slot.stop = null;
        slot.api = null;
        slot.task = null;
        t?.reject(new WorkerCrashed(`a map worker crashed (${detail}); it has been restarted — change a parameter or retry`));
        report();
        pump();
      });
      slot.worker = h.worker;
      slot.api = h.api;
      slot.stop = h.stop;
    }
    slot.task = task;
    const startedAt = performance.now();
    const onEvent = Comlink.proxy((e: ExactEvent) => {
      if (slot.task === task && 'point' in e) task.onPoint(e.point, e.result);
    });
    slot.api!.run({ kind: 'points', spec: task.spec, points: task.points, quantities: task.q }, onEvent).then(
      (r) => {
        if (slot.task !== task) return; // cancelled: the worker was terminated
        slot.task = null;
        task.resolve({ results: r as FinitePointResult[], ms: performance.now() - startedAt });
        report();
        pump();
      },
      (e: unknown) => {
        if (slot.task !== task) return;
        slot.task = null;
        task.reject(e);
        report();
        pump();
      },
    );
  }
  report();
}

function submit(t: Omit<PoolTask, 'seq' | 'resolve' | 'reject'>): Promise<{ results: FinitePointResult[]; ms: number }> {
  return new Promise((resolve, reject) => {
    queue.push({ ...t, seq: seq++, resolve, reject });
    pump();
  });
}

/** Drops a group's queued tasks and terminates the workers running its tasks, at once. */
function cancelGroup(group: number): void {
  queue = queue.filter((t) => t.group !== group);
  for (const slot of poolSlots()) {
    if (slot.task?.group === group) {
      slot.stop?.();
      slot.stop = null;
      slot.worker = null;
      slot.api = null;
      slot.task = null;
    }
  }
  report();
  pump();
}

// ---------------------------------------------------------------------------------------------
// Progressive grids

/** One grid of points of one system: columns γ_I = xs, rows γ_C = ys (rate units). */
export interface GridJob {
  spec: FiniteSpec;
  xs: number[];
  ys: number[];
  q: FiniteQuantities;
}

export interface GridState {
  /** cells[iy][ix]; null where not computed yet. */
  cells: Array<Array<FinitePointResult | null>>;
  /** The finest complete coarse level below the full grid, as column/row indices (null: none, or the grid is complete). */
  coarse: { ix: number[]; iy: number[] } | null;
  /** Points per axis of the finest complete level (0: none yet). */
  level: number;
  complete: boolean;
}

export interface ProgressiveUpdate {
  grids: GridState[];
  done: number;
  total: number;
  /** Remaining wall-clock ms (measured rates; the cost model before the first task returns). */
  etaMs: number | null;
  elapsedMs: number;
  finished: boolean;
}

export interface ProgressiveRun {
  cancel(): void;
}

/** Indices of m points spread evenly over 0..n−1 (all of them when m ≥ n). */
export function spread(m: number, n: number): number[] {
  if (m >= n) return Array.from({ length: n }, (_, i) => i);
  if (m <= 1) return [0];
  return [...new Set(Array.from({ length: m }, (_, i) => Math.round((i * (n - 1)) / (m - 1))))];
}

const pointCache = createCache<FinitePointResult>(50_000);

/** The same Liouvillian, the same key: the spin and m-independent ladders coincide for d = 2, 3. */
function canonicalSpec(spec: FiniteSpec): FiniteSpec {
  const dissipator = spec.dissipator === 'flat' && spec.d <= 3 ? 'spin' : spec.dissipator;
  return { N: spec.N, d: spec.d, dissipator, V: spec.V, ...(dissipator === 'custom' ? { ellRe: spec.ellRe, ellIm: spec.ellIm } : {}) };
}

const pointKey = (spec: FiniteSpec, q: FiniteQuantities, gI: number, gC: number) => cacheKey('pt', { s: canonicalSpec(spec), q: [q.steady, q.gaps, q.k ?? 0, !!q.negativity], gI, gC });

/** Whether every point of the job is cached (then it is drawn at once). */
export function isCached(job: GridJob): boolean {
  return job.ys.every((gC) => job.xs.every((gI) => pointCache.get(pointKey(job.spec, job.q, gI, gC)) !== undefined));
}

/** Levels (points per axis) a grid fills through: 4, 8, then the full grid. */
function levelsOf(nx: number, ny: number): number[] {
  const full = Math.max(nx, ny);
  return [...new Set([4, 8, full].filter((l) => l <= full))].sort((a, b) => a - b);
}

/** Measured worker ms of one progressive job: its first task (cold: a fresh worker's JIT, the PI basis) and the rest. */
export interface TaskRates { firstMs: number; firstN: number; ms: number; n: number }

/**
 * Milliseconds until a progressive run is complete (wall, on `pool` workers): Σ_jobs points left ×
 * ms per point. A job's own rate once measured (its later tasks; its first task only until
 * then); a job not measured yet gets the model's rate times the calibration measured/model over
 * the jobs measured so far — from their later tasks when any job has them — kept within
 * [1/5, 5]: the first tasks of cheap jobs carry the worker's start-up (≈ 40× the model's 8 ms per
 * point at (5, 2) in Fig. 8), which must not multiply the estimate of the expensive ones
 * (before this, Fig. 8 announced ≈ 24 min for a map that took 35 s).
 * Shapes: model, rates and left per job (ms per point, TaskRates, points left).
 */
export function progressiveEtaMs(model: readonly number[], rates: readonly TaskRates[], left: readonly number[], pool: number): number {
  const warm = rates.some((r) => r.n > 0);
  let num = 0, den = 0;
  rates.forEach((r, ji) => {
    if (warm ? r.n > 0 : r.firstN > 0) { num += warm ? r.ms : r.firstMs; den += model[ji] * (warm ? r.n : r.firstN); }
  });
  const calib = den > 0 ? Math.min(5, Math.max(0.2, num / den)) : 1;
  let work = 0;
  rates.forEach((r, ji) => {
    const rate = r.n > 0 ? r.ms / r.n : r.firstN > 0 ? r.firstMs / r.firstN : model[ji] * calib;
    work += left[ji] * rate;
  });
  return work / Math.max(1, pool);
}

/**
 * Fills the grids coarse-to-fine on the pool: every grid's 4×4 level before any 8×8 level, cheap
 * grids first within a level, each row segment one task (the engine warm-starts each point of a
 * segment from its neighbour). onUpdate is coalesced (at most every ~120 ms, plus the last one).
 */
export function runProgressive(jobs: GridJob[], onUpdate: (u: ProgressiveUpdate) => void): ProgressiveRun {
  const group = nextGroup++;
  const t0 = performance.now();
  const grids: GridState[] = jobs.map((j) => ({ cells: j.ys.map(() => j.xs.map(() => null)), coarse: null, level: 0, complete: false }));
  const total = jobs.reduce((a, j) => a + j.xs.length * j.ys.length, 0);
  let done = 0;
  let cancelled = false;
  // measured ms per point per job (worker wall time), and the model's estimate
  const model = jobs.map((j) => estimatePointMs(j.spec.N, j.spec.d, j.q));
  const measured: TaskRates[] = jobs.map(() => ({ firstMs: 0, firstN: 0, ms: 0, n: 0 }));

  const levels = jobs.map((j) => levelsOf(j.xs.length, j.ys.length).map((l) => ({ l, ix: spread(l, j.xs.length), iy: spread(l, j.ys.length) })));
  const put = (ji: number, iy: number, ix: number, r: FinitePointResult) => {
    if (grids[ji].cells[iy][ix]) return;
    grids[ji].cells[iy][ix] = r;
    done++;
  };
  // cached points first
  jobs.forEach((j, ji) => j.ys.forEach((gC, iy) => j.xs.forEach((gI, ix) => {
    const hit = pointCache.get(pointKey(j.spec, j.q, gI, gC));
    if (hit) put(ji, iy, ix, hit);
  })));

  const eta = (): number | null => progressiveEtaMs(model, measured, grids.map((g) => g.cells.reduce((a, row) => a + row.filter((c) => !c).length, 0)), poolSize());

  const refreshLevels = () => {
    jobs.forEach((_, ji) => {
      const g = grids[ji];
      g.level = 0;
      g.coarse = null;
      for (const L of levels[ji]) {
        if (L.iy.every((iy) => L.ix.every((ix) => g.cells[iy][ix]))) {
          g.level = L.l;
          g.coarse = { ix: L.ix, iy: L.iy };
        } else break;
      }
      g.complete = g.cells.every((row) => row.every((c) => c));
      if (g.complete) g.coarse = null;
    });
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (cancelled) return;
    refreshLevels();
    const finished = done >= total;
    onUpdate({ grids: grids.map((g) => ({ ...g, cells: g.cells.map((r) => [...r]) })), done, total, etaMs: finished ? 0 : eta(), elapsedMs: performance.now() - t0, finished });
  };
  const schedule = (now = false) => {
    if (now || done >= total) {
      if (timer) clearTimeout(timer);
      flush();
    } else if (!timer) timer = setTimeout(flush, 120);
  };

  // tasks: level-major, cheap jobs first, one row segment (≤ 8 points) per task
  const order = jobs.map((_, ji) => ji).sort((a, b) => model[a] - model[b]);
  const scheduled = jobs.map((j) => j.ys.map(() => j.xs.map(() => false)));
  const maxLevels = Math.max(0, ...levels.map((l) => l.length));
  for (let li = 0; li < maxLevels; li++) {
    for (const ji of order) {
      const L = levels[ji][li];
      if (!L) continue;
      const j = jobs[ji];
      for (const iy of L.iy) {
        const cols = L.ix.filter((ix) => !grids[ji].cells[iy][ix] && !scheduled[ji][iy][ix]);
        for (let c0 = 0; c0 < cols.length; c0 += 8) {
          const seg = cols.slice(c0, c0 + 8);
          seg.forEach((ix) => { scheduled[ji][iy][ix] = true; });
          const pts = seg.map((ix) => [j.xs[ix], j.ys[iy]] as [number, number]);
          const accept = (k: number, r: FinitePointResult) => {
            if (cancelled) return;
            if (!r.error) pointCache.set(pointKey(j.spec, j.q, pts[k][0], pts[k][1]), r);
            put(ji, iy, seg[k], r);
            schedule();
          };
          submit({ group, priority: li, spec: j.spec, points: pts, q: j.q, onPoint: accept }).then(
            ({ results: rs, ms }) => {
              if (cancelled) return;
              // worker wall time of the task (queueing excluded); a job's first task apart (cold)
              const m = measured[ji];
              if (m.firstN === 0) { m.firstMs = ms; m.firstN = rs.length; } else { m.ms += ms; m.n += rs.length; }
              rs.forEach((r, k) => accept(k, r));
            },
            (e: unknown) => {
              if (cancelled) return;
              const msg = e instanceof Error ? e.message : String(e);
              pts.forEach(([gI, gC], k) => accept(k, {
                gammaI: gI, gammaC: gC, X: NaN, Y: NaN, Z: NaN, jz2: NaN, purity: NaN, scaledPurity: NaN, residual: NaN,
                gaps: [NaN, NaN, NaN, NaN], dims: {}, error: msg,
              }));
            },
          );
        }
      }
    }
  }
  schedule(true);
  return {
    cancel() {
      if (cancelled) return;
      cancelled = true;
      if (timer) clearTimeout(timer);
      cancelGroup(group);
    },
  };
}
