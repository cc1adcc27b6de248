/**
 * Downloads a file as bytes with progress (bytes received of the bytes expected) and a stall
 * timeout: when no byte arrives for `stallMs` — before the response starts or in the middle of
 * it — the request is aborted and the promise rejects with a message that says so. No DOM: the
 * same code runs in Node for its tests (a fetch and a clock can be passed in).
 */

export interface ByteProgress {
  readonly loaded: number;
  /** Bytes expected (Content-Length of an uncompressed response), or null when unknown. */
  readonly total: number | null;
}

export interface FetchBytesOptions {
  /** Called whenever bytes arrive (and once with 0 when the response starts). */
  readonly onProgress?: (progress: ByteProgress) => void;
  /** Aborts when no byte has arrived for this long (ms). */
  readonly stallMs: number;
  readonly fetch?: typeof fetch;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (id: unknown) => void;
}

/** The download stopped delivering bytes (the message says for how long and how far it got). */
export class StalledError extends Error {
  constructor(
    readonly stallMs: number,
    readonly progress: ByteProgress,
  ) {
    const got =
      progress.total !== null
        ? `${kib(progress.loaded)} of ${kib(progress.total)}`
        : kib(progress.loaded);
    super(`the download stalled: nothing arrived for ${Math.round(stallMs / 1000)} s (${got})`);
    this.name = 'StalledError';
  }
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Content-Length when it counts the bytes the body stream delivers (not a compressed size). */
function expectedBytes(headers: Headers): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null;
  const length = Number(headers.get('content-length'));
  return Number.isFinite(length) && length > 0 ? length : null;
}

/**
 * The response body of `url` as an ArrayBuffer. Same request mode and credentials as a
 * `<link rel=preload as=fetch crossorigin>` of the same URL, so the browser hands over the
 * preloaded response instead of fetching again.
 */
export async function fetchBytes(url: string, options: FetchBytesOptions): Promise<ArrayBuffer> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  const controller = new AbortController();
  let progress: ByteProgress = { loaded: 0, total: null };
  let timer: unknown = null;
  // The body's reader, once the response has started: cancelled on a stall too, since not every
  // body stream ends when the request's signal aborts.
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const arm = () => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      const stalled = new StalledError(options.stallMs, progress);
      controller.abort(stalled);
      reader?.cancel(stalled).catch(() => undefined);
    }, options.stallMs);
  };
  const stalled = (): StalledError | null => {
    const reason: unknown = controller.signal.reason;
    return reason instanceof StalledError ? reason : null;
  };
  const report = (next: ByteProgress) => {
    progress = next;
    options.onProgress?.(next);
  };
  arm();
  try {
    const response = await doFetch(url, {
      mode: 'cors',
      credentials: 'same-origin',
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    const total = expectedBytes(response.headers);
    report({ loaded: 0, total });
    arm();
    if (!response.body) {
      const whole = await response.arrayBuffer();
      report({ loaded: whole.byteLength, total });
      return whole;
    }
    reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      const stall = stalled();
      if (stall) throw stall;
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      arm();
      report({ loaded, total });
    }
    if (total !== null && loaded !== total)
      throw new Error(`the download ended early: ${kib(loaded)} of ${kib(total)}`);
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes.buffer;
  } catch (e) {
    // An abort by the stall timer surfaces as an AbortError (or the reason itself): report the stall.
    throw stalled() ?? e;
  } finally {
    if (timer !== null) clearTimer(timer);
  }
}
