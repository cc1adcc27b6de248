/**
 * Offline: the installable app precaches itself (page, code, content, body models); after one
 * visit it reloads and plays a step with no network at all.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  newPage,
  screenshot,
  serveBuild,
  useBuildAndBrowser,
  waitForFirstFrame,
} from './harness.ts';

const env = useBuildAndBrowser();

describe('offline', () => {
  it('has a web app manifest with icons', () => {
    const manifest = JSON.parse(
      readFileSync(resolve(ROOT, 'dist/manifest.webmanifest'), 'utf8'),
    ) as {
      name: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    for (const icon of manifest.icons) {
      const file = readFileSync(resolve(ROOT, 'dist', icon.src.replace(/^\//, '')));
      expect(file.length).toBeGreaterThan(0);
      if (icon.type === 'image/png') expect(file.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('reloads without a network and plays a step', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(env.server.url);
    await waitForFirstFrame(page);
    // The service worker has installed (everything precached) and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 90_000,
    });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys())
          urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached.some((u) => /^\/assets\/body-adult-[\w-]+\.glb$/.test(u))).toBe(true);
    expect(cached.some((u) => /^\/assets\/body-child-[\w-]+\.glb$/.test(u))).toBe(true);
    // The content, one module per protocol and one shared, made when the app was built.
    expect(cached.some((u) => /^\/assets\/p2-hallux-valgus-child-[\w-]+\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => /^\/assets\/content-shared-[\w-]+\.js$/.test(u))).toBe(true);
    expect(cached).toContain('/index.html');

    await context.setOffline(true);
    // Not even the server: nothing may come from the network now.
    await env.server.close();
    await page.goto(`${env.server.url}?protocol=p2-hallux-valgus-child&step=1&side=L`);
    await waitForFirstFrame(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    const first = await page.locator('#step-title').textContent();
    expect(first).toBeTruthy();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).not.toBe(first);
    await screenshot(page, 'offline-reload-playing');
    expect(errors).toEqual([]);
    await context.close();
    // Serve again so that closing after the file finds a running server.
    env.server = await serveBuild();
  });
});
