import { MODEL_URLS, type BodyKind } from './modelUrls.ts';

/**
 * A readable message for a failure of the 3D view. A model that failed to load or parse is named
 * (kind and file) with the reason; the loader's own text (`Could not load <url>: <reason>`) is
 * reduced to the reason. Any other failure is reported with its own message.
 */
export function describeViewerError(kind: BodyKind, error: Error): string {
  const url = MODEL_URLS[kind];
  const prefix = `Could not load ${url}: `;
  if (!error.message.startsWith(prefix)) return `The 3D view stopped: ${error.message}`;
  const file = url.slice(url.lastIndexOf('/') + 1);
  const reason = error.message.slice(prefix.length).trim() || 'unknown error';
  return `The ${kind} body model (${file}) could not be loaded: ${reason}`;
}
