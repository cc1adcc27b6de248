/**
 * The workers' shared life cycle (src/bodyModel/lazyWorker.ts): made on first use and kept,
 * replies passed on, and given up for good after an error or where none can be made. Node has no
 * Worker, so a small stand-in class plays the browser's part.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyWorker } from '../../src/bodyModel/lazyWorker.ts';

class StandInWorker {
  static made = 0;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  terminated = false;
  constructor() {
    StandInWorker.made++;
  }
  terminate() {
    this.terminated = true;
  }
}

const g = globalThis as { Worker?: unknown };
let saved: unknown;
beforeEach(() => {
  saved = g.Worker;
  g.Worker = StandInWorker;
  StandInWorker.made = 0;
});
afterEach(() => {
  g.Worker = saved;
});

const make = () => new StandInWorker() as unknown as Worker;

describe('lazyWorker', () => {
  it('makes the worker on first use only, and passes its replies on', () => {
    const replies: number[] = [];
    const get = lazyWorker<number>(
      make,
      (r) => replies.push(r),
      () => undefined,
    );
    expect(StandInWorker.made).toBe(0);
    const w = get();
    expect(get()).toBe(w);
    expect(StandInWorker.made).toBe(1);
    (w as unknown as StandInWorker).onmessage?.({ data: 7 } as MessageEvent);
    expect(replies).toEqual([7]);
  });

  it('gives the worker up for good after an error: terminated, told, not made again', () => {
    let failures = 0;
    const get = lazyWorker<number>(
      make,
      () => undefined,
      () => failures++,
    );
    const w = get() as unknown as StandInWorker;
    w.onerror?.(new Event('error'));
    expect(w.terminated).toBe(true);
    expect(failures).toBe(1);
    expect(get()).toBeNull();
    expect(StandInWorker.made).toBe(1);
  });

  it('answers null where a worker cannot be made, and does not try again', () => {
    let tries = 0;
    const get = lazyWorker<number>(
      () => {
        tries++;
        throw new Error('blocked by the page policy');
      },
      () => undefined,
      () => undefined,
    );
    expect(get()).toBeNull();
    expect(get()).toBeNull();
    expect(tries).toBe(1);
    g.Worker = undefined;
    const none = lazyWorker<number>(
      make,
      () => undefined,
      () => undefined,
    );
    expect(none()).toBeNull();
    expect(StandInWorker.made).toBe(0);
  });
});
