/**
 * Security: the built page carries a strict Content-Security-Policy, a full load and play breaks
 * none of it, and nothing is requested from any origin but the page's own.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  drawnFrames,
  newPage,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';

const env = useBuildAndBrowser();

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security', () => {
  it('ships a strict Content-Security-Policy and no inline script but the one it pins by hash', () => {
    const html = readFileSync(resolve(ROOT, 'dist/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    const csp = directives((meta?.[1] ?? '').replaceAll('&#39;', "'").replaceAll('&quot;', '"'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const scriptSrc = csp.get('script-src') ?? [];
    const hashes = scriptSrc.filter((v) => v.startsWith("'sha256-"));
    expect(scriptSrc.filter((v) => !hashes.includes(v))).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-inline'");
      expect(values).not.toContain("'unsafe-eval'");
      expect(values.filter((v) => /^https?:|^\*$/.test(v))).toEqual([]);
    }
    // The policy comes before any script; every script is an external file, except the model
    // preload, whose exact text the policy allows by its hash (and no hash allows anything else).
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    const inline: string[] = [];
    for (const [, attrs, body] of scripts) {
      if (/\bsrc=/.test(attrs)) {
        expect(attrs).toMatch(/\bsrc="\//);
        expect(body.trim()).toBe('');
      } else inline.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
    expect(inline.length).toBeLessThanOrEqual(1);
    expect(hashes.sort()).toEqual(inline.sort());
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('loads, plays and steps with no policy violation and no request to another origin', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const origin = new URL(env.server.url).origin;
    const foreign: string[] = [];
    const requests: string[] = [];
    context.on('request', (r) => {
      const url = r.url();
      requests.push(url);
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
        foreign.push(url);
    });
    const cspConsole: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspConsole.push(m.text());
    });
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`${env.server.url}?protocol=p1-hallux-valgus-adult-self&step=1&side=L`);
    await waitForFirstFrame(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    const first = await page.locator('#step-title').textContent();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).not.toBe(first);
    // The step scene, zone list and other views load their code lazily: exercise them too.
    await page.getByText('Zones', { exact: true }).click();
    await page.getByRole('button', { name: /^Bunion/ }).click();
    await page.locator('.toolbar [data-view="plantar"]').click();
    await waitForStepDerived(page);
    await drawnFrames(page, 30);

    expect(requests.some((u) => u.endsWith('.glb'))).toBe(true);
    expect(foreign).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    expect(cspConsole).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
