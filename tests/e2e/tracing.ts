/**
 * Tracing a stroke on the 3D view in e2e tests: one finger along a polyline with the event times
 * carried in the CDP events, and a polyline resampled to evenly spaced points.
 */
import type { Page } from 'playwright-core';

export interface P {
  x: number;
  y: number;
}

/** One finger along `points`, evenly over `seconds` (the events carry their own times). */
export async function touchPaced(page: Page, points: readonly P[], seconds: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const base = Date.now() / 1000;
  const at = (i: number) => base + (i / Math.max(1, points.length - 1)) * seconds;
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', p: P | null, i: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [],
      timestamp: at(i),
    });
  await send('touchStart', points[0] ?? null, 0);
  for (let i = 1; i < points.length; i++) await send('touchMove', points[i] ?? null, i);
  await send('touchEnd', null, points.length - 1);
  await cdp.detach();
}

/** `n` points evenly along a polyline. */
export function evenly(points: readonly P[], n: number): P[] {
  const cum = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? { x: 0, y: 0 };
    const b = points[i] ?? a;
    cum.push((cum[i - 1] ?? 0) + Math.hypot(b.x - a.x, b.y - a.y));
  }
  const total = cum[cum.length - 1] ?? 0;
  const out: P[] = [];
  let k = 0;
  for (let j = 0; j < n; j++) {
    const s = (j / (n - 1)) * total;
    while (k < cum.length - 2 && (cum[k + 1] ?? 0) < s) k++;
    const a = points[k] ?? { x: 0, y: 0 };
    const b = points[k + 1] ?? a;
    const seg = (cum[k + 1] ?? 0) - (cum[k] ?? 0);
    const u = seg > 0 ? (s - (cum[k] ?? 0)) / seg : 0;
    out.push({ x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u });
  }
  return out;
}
