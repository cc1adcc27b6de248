/**
 * A module worker made the first time it is asked for, kept for later requests, and given up for
 * good once it fails (it cannot be made here, or it stops with an error): the caller then does
 * the work on this thread. `create` stays with the caller, because the bundler finds a worker's
 * code by the literal `new Worker(new URL('./x.worker.ts', import.meta.url))` there.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- names the type of the worker's messages, which the browser hands over untyped
export function lazyWorker<Reply>(
  create: () => Worker,
  onReply: (reply: Reply) => void,
  onFail: () => void,
): () => Worker | null {
  let worker: Worker | null = null;
  let failed = false;
  return () => {
    if (failed || typeof Worker === 'undefined') return null;
    if (worker) return worker;
    try {
      const w = create();
      w.onmessage = (e: MessageEvent<Reply>) => onReply(e.data);
      w.onerror = () => {
        failed = true;
        worker = null;
        w.terminate();
        onFail();
      };
      worker = w;
      return w;
    } catch {
      failed = true;
      return null;
    }
  };
}
