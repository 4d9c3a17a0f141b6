import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createJobSlot, SUPERSEDED, WorkerCrashed } from '../../src/compute/latestJob.ts';

/** A Worker stand-in over a MessageChannel, with an API whose jobs take `ms` milliseconds. */
function fakeWorkerFactory() {
  const made: Array<{ terminated: boolean; crash: (message: string) => void }> = [];
  const factory = () => {
    const { port1, port2 } = new MessageChannel();
    const listeners: Array<(ev: Event) => void> = [];
    const state = {
      terminated: false,
      // what a browser does when a worker dies: an 'error' event on the Worker, no reply
      crash: (message: string) => {
        port2.close();
        const ev = Object.assign(new Event('error'), { message });
        listeners.forEach((l) => l(ev));
      },
    };
    made.push(state);
    Comlink.expose({ job: (value: number, ms: number) => new Promise((r) => setTimeout(() => r(value), ms)) }, port2 as unknown as Comlink.Endpoint);
    const w = port1 as unknown as Worker;
    const add = port1.addEventListener.bind(port1);
    (w as unknown as { addEventListener: (t: string, l: (ev: Event) => void) => void }).addEventListener = (t, l) => {
      if (t === 'error') listeners.push(l);
      else add(t as 'message', l as (ev: MessageEvent) => void);
    };
    (w as unknown as { terminate: () => void }).terminate = () => {
      state.terminated = true;
      port1.close();
      port2.close();
    };
    return w;
  };
  return { factory, made };
}

type Api = { job: (value: number, ms: number) => Promise<number> };

describe('latest-wins job slot', () => {
  it('runs a single job and returns its value on the same worker', async () => {
    const { factory, made } = fakeWorkerFactory();
    const slot = createJobSlot<Api>(factory, 50);
    expect(await slot.run((api) => api.job(7, 1))).toBe(7);
    expect(await slot.run((api) => api.job(8, 1))).toBe(8);
    expect(made.length).toBe(1);
    slot.dispose();
  });

  it('drops queued requests superseded by newer ones, and terminates a stale long job', async () => {
    const { factory, made } = fakeWorkerFactory();
    const slot = createJobSlot<Api>(factory, 30);
    const first = slot.run((api) => api.job(1, 5000)); // long, will be superseded while running
    await new Promise((r) => setTimeout(r, 10));
    const second = slot.run((api) => api.job(2, 5)); // queued, superseded by the third
    const third = slot.run((api) => api.job(3, 5));
    expect(await second).toBe(SUPERSEDED);
    expect(await first).toBe(SUPERSEDED);
    expect(await third).toBe(3);
    expect(made[0].terminated).toBe(true); // the stale worker was killed, not waited for
    expect(made.length).toBe(2);
    slot.dispose();
  });

  it('cancel() resolves the running job as superseded', async () => {
    const { factory, made } = fakeWorkerFactory();
    const slot = createJobSlot<Api>(factory, 30);
    const p = slot.run((api) => api.job(1, 5000));
    await new Promise((r) => setTimeout(r, 5));
    expect(slot.busy()).toBe(true);
    slot.cancel();
    expect(await p).toBe(SUPERSEDED);
    expect(made[0].terminated).toBe(true);
    expect(slot.busy()).toBe(false);
    slot.dispose();
  });

  it('a worker that crashes mid-job rejects that job with a message, and the next job runs on a fresh worker', async () => {
    const { factory, made } = fakeWorkerFactory();
    const slot = createJobSlot<Api>(factory, 30);
    const p = slot.run((api) => api.job(1, 5000));
    await new Promise((r) => setTimeout(r, 5));
    made[0].crash('out of memory');
    await expect(p).rejects.toBeInstanceOf(WorkerCrashed);
    await expect(p).rejects.toThrow(/worker crashed \(out of memory\)/);
    expect(slot.busy()).toBe(false);
    expect(await slot.run((api) => api.job(2, 1))).toBe(2);
    expect(made.length).toBe(2);
    slot.dispose();
  });
});
