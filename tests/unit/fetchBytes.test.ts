/**
 * The model's download: bytes are reported as they arrive, and a download that delivers nothing
 * for the stall time (before the response or in the middle of it) is aborted with a message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchBytes, StalledError, type ByteProgress } from '../../src/bodyModel/fetchBytes.ts';

/** A response whose body is the given chunks, each after `gapMs` (never ending if `hang`). */
function streamed(chunks: readonly Uint8Array[], gapMs: number, hang = false): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, gapMs));
      const next = chunks.at(i++);
      if (next) controller.enqueue(next);
      else if (!hang) controller.close();
      else await new Promise(() => undefined);
    },
  });
  const length = chunks.reduce((n, c) => n + c.byteLength, 0);
  return new Response(body, { headers: { 'content-length': String(length) } });
}

/** A fetch that answers with `response()` and honours the abort signal. */
function fetchOf(response: () => Response | Promise<Response>): typeof fetch {
  return (_url, init) =>
    new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        reject(init.signal?.reason as Error);
      });
      void Promise.resolve(response()).then(resolve, reject);
    });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchBytes', () => {
  it('returns the bytes and reports progress of the expected total as they arrive', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
    const seen: ByteProgress[] = [];
    const bytes = await fetchBytes('/m.glb', {
      stallMs: 1000,
      fetch: fetchOf(() => streamed(chunks, 5)),
      onProgress: (p) => seen.push(p),
    });
    expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([
      { loaded: 0, total: 6 },
      { loaded: 3, total: 6 },
      { loaded: 5, total: 6 },
      { loaded: 6, total: 6 },
    ]);
  });

  it('gives up with a stall message when the response never starts', async () => {
    vi.useFakeTimers();
    const done = fetchBytes('/m.glb', {
      stallMs: 10_000,
      fetch: fetchOf(() => new Promise<Response>(() => undefined)),
    });
    const caught = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(9_999);
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => undefined);
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const error = await caught;
    expect(error).toBeInstanceOf(StalledError);
    expect((error as Error).message).toBe('the download stalled: nothing arrived for 10 s (0 KB)');
  });

  it('gives up when bytes stop arriving in the middle, saying how far it got', async () => {
    const chunk = new Uint8Array(2048);
    const seen: ByteProgress[] = [];
    const error = await fetchBytes('/m.glb', {
      stallMs: 200,
      fetch: fetchOf(() => {
        const r = streamed([chunk], 5, true);
        // Announce more than will come, as a stalled server does.
        return new Response(r.body, { headers: { 'content-length': String(10 * 1024) } });
      }),
      onProgress: (p) => seen.push(p),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalledError);
    expect((error as StalledError).progress).toEqual({ loaded: 2048, total: 10 * 1024 });
    expect((error as Error).message).toBe(
      'the download stalled: nothing arrived for 0 s (2 KB of 10 KB)',
    );
    expect(seen.at(-1)).toEqual({ loaded: 2048, total: 10 * 1024 });
  });

  it('keeps going while bytes arrive slower than the stall time in total', async () => {
    const chunks = Array.from({ length: 6 }, () => new Uint8Array(10));
    const bytes = await fetchBytes('/m.glb', {
      stallMs: 100,
      fetch: fetchOf(() => streamed(chunks, 40)),
    });
    expect(bytes.byteLength).toBe(60);
  });

  it('rejects a response that ends before its announced length, and an HTTP error', async () => {
    const short = fetchBytes('/m.glb', {
      stallMs: 1000,
      fetch: fetchOf(() => {
        const r = streamed([new Uint8Array(1024)], 1);
        return new Response(r.body, { headers: { 'content-length': '4096' } });
      }),
    });
    await expect(short).rejects.toThrow('the download ended early: 1 KB of 4 KB');
    const missing = fetchBytes('/m.glb', {
      stallMs: 1000,
      fetch: fetchOf(() => new Response('no', { status: 404, statusText: 'Not Found' })),
    });
    await expect(missing).rejects.toThrow('HTTP 404 Not Found');
  });

  it('does not take a compressed length for the bytes it will receive', async () => {
    const seen: ByteProgress[] = [];
    await fetchBytes('/m.glb', {
      stallMs: 1000,
      fetch: fetchOf(
        () =>
          new Response(new Uint8Array(8), {
            headers: { 'content-length': '3', 'content-encoding': 'gzip' },
          }),
      ),
      onProgress: (p) => seen.push(p),
    });
    expect(seen[0]).toEqual({ loaded: 0, total: null });
    expect(seen.at(-1)).toEqual({ loaded: 8, total: null });
  });
});
