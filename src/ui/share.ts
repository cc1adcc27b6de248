/**
 * Hands a link over: the system share sheet where the browser has one (phones, tablets), else
 * the clipboard. Returns what happened so the UI can say it.
 */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed';

export async function shareLink(url: string, title: string): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url });
      return 'shared';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
      // Refused (no user gesture, unsupported data): fall back to the clipboard.
    }
  }
  return copyText(url);
}

export async function copyText(text: string): Promise<ShareOutcome> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'failed';
  }
}

/** Reads a chosen file as text, refusing one larger than `maxBytes`. */
export async function readSmallFile(file: File, maxBytes: number): Promise<string | null> {
  if (file.size > maxBytes) return null;
  return file.text();
}
