/**
 * Present mode in real Chromium: the presentation advances by itself with a countdown and big
 * captions; the printed handout has a real picture of every step; the calendar file holds the
 * course; the exported video plays with a real length; axe finds nothing in the mode.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  afterFrames,
  axeViolations,
  drawnFrames,
  screenshot,
  SHOTS_DIR,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';

interface StepJson {
  id: string;
  plain: { en: string; ru: string };
  durationS?: number;
  repetitions?: number;
}
interface ProtocolJson {
  id: string;
  steps: StepJson[];
}
const protocolFile = (id: string) =>
  JSON.parse(readFileSync(resolve(ROOT, `content/protocols/${id}.json`), 'utf8')) as ProtocolJson;

/** The player's time for a step (the same rule as the app: duration, else 3 s a repetition, 8–120 s). */
const stepSeconds = (s: StepJson) =>
  s.durationS ?? (s.repetitions !== undefined ? Math.min(120, Math.max(8, s.repetitions * 3)) : 10);

const SHORT = protocolFile('p7-anti-stress-toes');
const CHILD_COURSE = protocolFile('p6-hallux-valgus-child-course');
/** A child's protocol with a daily course, for the handout. */
const HANDOUT = protocolFile('p3-valgus-feet-child-orthopedic');

const env = useBuildAndBrowser();

/** A page of the built app (CSP bypassed only where the test injects a script or a <video>). */
async function open(
  b: Browser,
  query: string,
  options: { bypassCSP?: boolean } = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await b.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
    bypassCSP: options.bypassCSP ?? false,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${env.server.url}?mode=present&${query}`);
  await waitForFirstFrame(page);
  await expect.poll(() => page.locator('.present-caption').count(), { timeout: 30_000 }).toBe(1);
  return { page, errors, close: () => context.close() };
}

const counter = (page: Page) => page.locator('.present-counter').textContent();

describe('present mode', () => {
  it('advances on its own with big captions and a countdown, chrome hidden while presenting', async () => {
    const { page, errors, close } = await open(env.browser, `protocol=${SHORT.id}&step=1&side=L`);
    expect(await counter(page)).toBe(`Step 1 of ${String(SHORT.steps.length)}`);
    expect(await page.locator('.present-plain').textContent()).toBe(SHORT.steps[0]?.plain.en);
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Start presenting' }).click();
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(false);
    await expect.poll(() => page.locator('.side-panels').isVisible()).toBe(false);
    // First the briefing; the steps start when the presenter goes on.
    await page.getByRole('button', { name: 'Start with step 1' }).click();
    // The countdown counts down while the step plays; no key is pressed.
    await expect
      .poll(() => page.locator('.present-countdown-text').textContent(), { timeout: 10_000 })
      .toMatch(/^Next step in \d+ s$/);
    const first = Number(
      /\d+/.exec((await page.locator('.present-countdown-text').textContent()) ?? '')?.[0],
    );
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(stepSeconds(SHORT.steps[0]));
    await screenshot(page, 'present-step-1');
    await expect
      .poll(
        async () =>
          Number(
            /\d+/.exec((await page.locator('.present-countdown-text').textContent()) ?? '')?.[0],
          ),
        {
          timeout: 10_000,
        },
      )
      .toBeLessThan(first);
    // The next step comes by itself.
    await expect
      .poll(() => counter(page), { timeout: 20_000 })
      .toBe(`Step 2 of ${String(SHORT.steps.length)}`);
    expect(await page.locator('.present-plain').textContent()).toBe(SHORT.steps[1]?.plain.en);
    // The step (toe roots) is framed clear of the captions, in the space above them (the tests
    // run with reduced motion: the camera goes there at once, as soon as the step is derived).
    await waitForStepDerived(page, SHORT.steps[1]?.id);
    await drawnFrames(page, 2);
    const captionTop = (await page.locator('.present-caption').boundingBox())?.y ?? 0;
    expect(captionTop).toBeGreaterThan(0);
    const canvas = await page.locator('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const ys: number[] = [];
    for (const toe of ['toe1_base.L', 'toe3_base.L', 'toe5_base.L']) {
      const p = await page.evaluate((key) => window.footwork?.screenPointOf(key) ?? null, toe);
      expect(p?.y ?? Infinity, toe).toBeLessThan(captionTop);
      ys.push(p?.y ?? Infinity);
    }
    // Centred in the free space, not in the whole canvas: moved up by about half of what the
    // captions cover.
    const covered = canvas.y + canvas.height - captionTop;
    const middle = ys.reduce((a, b) => a + b, 0) / ys.length;
    expect(middle).toBeLessThan(canvas.y + canvas.height / 2 - covered / 4);
    await screenshot(page, 'present-step-2');
    const box = await page.locator('.present-plain').boundingBox();
    const fontSize = await page
      .locator('.present-plain')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    expect(box?.width ?? 0).toBeGreaterThan(400);

    // Escape ends the presentation: the panels come back and the player pauses.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.present-countdown-text').textContent()).toBe('Paused');
    // F starts it again (from the keyboard or a presenter remote) and ends it: the briefing
    // again, then Enter on its focused button starts the steps.
    await page.locator('body').press('f');
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(false);
    await expect.poll(() => page.locator('.present-briefing').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.present-countdown-text').textContent())
      .toMatch(/^Next step in \d+ s$/);
    await page.locator('body').press('f');
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('prints a handout with a picture of every step, the schedule and the safety list', async () => {
    const { page, errors, close } = await open(env.browser, `protocol=${HANDOUT.id}&step=2&side=L`);
    await page.evaluate(() => {
      const w = window as unknown as { printCalls: number };
      w.printCalls = 0;
      window.print = () => {
        w.printCalls += 1;
      };
    });
    await page.getByRole('button', { name: 'Print handout' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls), {
        timeout: 120_000,
      })
      .toBe(1);
    // The player is back on the step it showed.
    expect(await counter(page)).toBe(`Step 2 of ${String(HANDOUT.steps.length)}`);

    // On screen the sheet is hidden; in print it is the only thing shown.
    expect(await page.locator('.present-handout').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.present-handout').isVisible()).toBe(true);
    expect(await page.locator('#root').isVisible()).toBe(false);
    const images = page.locator('.present-handout img.present-handout-picture');
    expect(await images.count()).toBe(HANDOUT.steps.length);
    const alts = await images.evaluateAll((els) => els.map((el) => el.getAttribute('alt')));
    expect(alts).toEqual(HANDOUT.steps.map((s) => s.plain.en));

    const stats = await images.evaluateAll(async (els) =>
      Promise.all(
        (els as HTMLImageElement[]).map(async (img) => {
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return { width: 0, height: 0, colours: 0, spread: 0 };
          ctx.drawImage(img, 0, 0);
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          const colours = new Set<number>();
          let min = 255;
          let max = 0;
          // Every 7th pixel: enough to tell a picture of the body from a blank frame.
          for (let i = 0; i < data.length; i += 4 * 7) {
            const r = data[i] ?? 0;
            const g = data[i + 1] ?? 0;
            const b = data[i + 2] ?? 0;
            colours.add((r << 16) | (g << 8) | b);
            const lum = (r + g + b) / 3;
            min = Math.min(min, lum);
            max = Math.max(max, lum);
          }
          return {
            width: img.naturalWidth,
            height: img.naturalHeight,
            colours: colours.size,
            spread: max - min,
          };
        }),
      ),
    );
    // Keep the pictures to look at.
    const pictures = await images.evaluateAll((els) =>
      (els as HTMLImageElement[]).map((img) => {
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        c.getContext('2d')?.drawImage(img, 0, 0);
        return c.toDataURL('image/png').split(',')[1] ?? '';
      }),
    );
    mkdirSync(SHOTS_DIR, { recursive: true });
    pictures.forEach((b64, i) => {
      writeFileSync(
        resolve(SHOTS_DIR, `present-handout-picture-${String(i + 1).padStart(2, '0')}.png`),
        Buffer.from(b64, 'base64'),
      );
    });
    for (const s of stats) {
      expect(s.width).toBeGreaterThan(100);
      expect(s.height).toBeGreaterThan(100);
      expect(s.colours).toBeGreaterThan(50);
      expect(s.spread).toBeGreaterThan(60);
    }
    // Consecutive steps differ (each picture shows its own step, not one frame repeated).
    const sources = await images.evaluateAll((els) =>
      els.map((el) => (el as HTMLImageElement).src),
    );
    expect(new Set(sources).size).toBe(sources.length);

    const sheet = page.locator('.present-handout');
    expect(await sheet.getByRole('heading', { name: 'When to do it' }).count()).toBe(1);
    expect(await sheet.textContent()).toContain('Every day.');
    expect(await sheet.getByRole('heading', { name: 'When not to massage' }).count()).toBe(1);
    expect(await sheet.locator('.present-handout-safety li').count()).toBeGreaterThan(3);
    // Conditions by what they rule out, each with its source; the protocol's own cautions.
    expect(await sheet.locator('.present-handout-safety').textContent()).toContain(
      'Cancer (a malignant tumour) (source 000)',
    );
    expect(await sheet.locator('.present-handout-safety').textContent()).toContain(
      'Never hurt the child: stop if it is uncomfortable. (source 001)',
    );
    // Where the sources differ, both versions with their source.
    const differ = sheet.locator('.present-handout-differ');
    expect(await differ.getByRole('heading', { name: 'Whether to massage the knee' }).count()).toBe(
      1,
    );
    expect(await differ.textContent()).toContain(
      'Source 002 has the massage cover the whole surface',
    );
    await screenshot(page, 'present-handout-print');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await screenshot(page, 'present-handout-print-middle');
    await sheet.locator('.present-handout-safety').evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'present-handout-print-safety');
    await differ.evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'present-handout-print-differ');
    expect(errors).toEqual([]);
    await close();
  });

  it('downloads the course as a calendar, and explains why a protocol without a course has none', async () => {
    const { page, errors, close } = await open(
      env.browser,
      `protocol=${CHILD_COURSE.id}&step=1&side=L`,
    );
    await page.getByLabel('First session').fill('2027-03-01');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`footwork-${CHILD_COURSE.id}.ics`);
    const path = await download.path();
    const ics = readFileSync(path, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const starts = [...ics.matchAll(/DTSTART;VALUE=DATE:(\d{8})/g)].map((m) => m[1]);
    // 15 daily sessions from the chosen day, the break, and the next course.
    expect(starts.length).toBe(17);
    expect(starts[0]).toBe('20270301');
    expect(starts[14]).toBe('20270315');
    expect(ics).toContain('session 1 of 15');

    await page.locator('.protocol-picker select').selectOption(SHORT.id);
    const button = page.getByRole('button', { name: 'Download calendar (.ics)' });
    expect(await button.isDisabled()).toBe(true);
    const reasonId = await button.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    expect(await page.locator(`[id="${reasonId ?? ''}"]`).textContent()).toContain(
      'no course schedule',
    );
    expect(errors).toEqual([]);
    await close();
  });

  it('exports a captioned video that plays and reports its length', async () => {
    const { page, errors, close } = await open(env.browser, `protocol=${SHORT.id}&step=2&side=L`, {
      bypassCSP: true,
    });
    const speed = 2;
    const expected = SHORT.steps.reduce((sum, s) => sum + stepSeconds(s), 0) / speed;
    await page.getByLabel('Video speed').selectOption(String(speed));
    await page.getByRole('button', { name: 'Record video' }).click();
    await expect.poll(() => page.locator('.present-recording progress').count()).toBe(1);
    await expect
      .poll(
        () =>
          page
            .locator('.present-recording progress')
            .evaluate((el) => (el as HTMLProgressElement).value),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0.2);
    await screenshot(page, 'present-video-recording');
    const link = page.locator('a.present-download');
    await expect.poll(() => link.count(), { timeout: 90_000 }).toBe(1);
    expect(await link.getAttribute('download')).toBe(`footwork-${SHORT.id}.webm`);
    await expect.poll(() => link.evaluate((el) => el === document.activeElement)).toBe(true);
    // The player is back where it was, at its own speed.
    expect(await counter(page)).toBe(`Step 2 of ${String(SHORT.steps.length)}`);
    expect(await page.getByRole('combobox', { name: 'Speed', exact: true }).inputValue()).toBe('1');

    const href = (await link.getAttribute('href')) ?? '';
    const video = await page.evaluate(async (url) => {
      const blob = await (await fetch(url)).blob();
      const el = document.createElement('video');
      el.muted = true;
      el.src = URL.createObjectURL(blob);
      await new Promise<void>((ok, fail) => {
        el.onloadedmetadata = () => ok();
        el.onerror = () => fail(new Error('the video does not load'));
      });
      const duration = el.duration;
      // Seek near the end: a file without a duration cannot be sought.
      el.currentTime = Math.max(0, duration - 1);
      await new Promise<void>((ok) => {
        el.onseeked = () => ok();
      });
      // The frame shown there, with its caption band at the bottom (played a moment so that the
      // decoder hands out a picture).
      await el.play();
      await new Promise<void>((ok) => el.requestVideoFrameCallback(() => ok()));
      el.pause();
      const c = document.createElement('canvas');
      c.width = el.videoWidth;
      c.height = el.videoHeight;
      const ctx = c.getContext('2d');
      let white = 0;
      let whiteTop = 0;
      if (ctx) {
        ctx.drawImage(el, 0, 0);
        const band = ctx.getImageData(
          0,
          Math.round(c.height * 0.75),
          c.width,
          Math.round(c.height * 0.25),
        ).data;
        const top = ctx.getImageData(0, 0, c.width, Math.round(c.height * 0.25)).data;
        const isWhite = (d: Uint8ClampedArray, i: number) =>
          (d[i] ?? 0) > 230 && (d[i + 1] ?? 0) > 230 && (d[i + 2] ?? 0) > 230;
        for (let i = 0; i < band.length; i += 4) if (isWhite(band, i)) white += 1;
        for (let i = 0; i < top.length; i += 4) if (isWhite(top, i)) whiteTop += 1;
      }
      return {
        type: blob.type,
        size: blob.size,
        duration,
        width: el.videoWidth,
        height: el.videoHeight,
        at: el.currentTime,
        white,
        whiteTop,
        frame: c.toDataURL('image/png').split(',')[1] ?? '',
      };
    }, href);
    expect(video.type).toBe('video/webm');
    expect(video.size).toBeGreaterThan(10_000);
    expect(Number.isFinite(video.duration)).toBe(true);
    expect(video.duration).toBeGreaterThan(expected * 0.8);
    expect(video.duration).toBeLessThan(expected * 2);
    expect(video.at).toBeGreaterThan(expected * 0.5);
    expect(video.width).toBeGreaterThan(300);
    expect(video.height).toBeGreaterThan(200);
    // Caption text burnt in: white letters in the bottom band, none in the picture's top.
    writeFileSync(
      resolve(SHOTS_DIR, 'present-video-last-frame.png'),
      Buffer.from(video.frame, 'base64'),
    );
    expect(video.white).toBeGreaterThan(500);
    expect(video.whiteTop).toBeLessThan(video.white / 10);
    await screenshot(page, 'present-video-done');
    expect(errors).toEqual([]);
    await close();
  });

  it('cancels a recording and puts the player back', async () => {
    const { page, errors, close } = await open(env.browser, `protocol=${SHORT.id}&step=3&side=L`);
    await page.getByRole('button', { name: 'Record video' }).click();
    await expect
      .poll(
        () =>
          page
            .locator('.present-recording progress')
            .evaluate((el) => (el as HTMLProgressElement).value),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel recording' }).click();
    await expect
      .poll(() => page.getByText('Recording cancelled.').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.locator('a.present-download').count()).toBe(0);
    expect(await counter(page)).toBe(`Step 3 of ${String(SHORT.steps.length)}`);
    expect(await page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('reads the steps aloud in the chosen language once the device has a voice for it', async () => {
    // Headless Chromium has no voices: a small speech engine stands in for the device's, with no
    // voice at first and a Russian one arriving later (as voices do on real devices).
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 720 },
      reducedMotion: 'reduce',
    });
    await context.addInitScript(() => {
      const voices: { lang: string; name: string }[] = [];
      const listeners = new Set<() => void>();
      const spoken: { text: string; lang: string; voice: string }[] = [];
      class Utterance {
        text: string;
        lang = '';
        voice: { name: string } | null = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      const engine = {
        getVoices: () => voices,
        speak: (u: Utterance) =>
          spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? '' }),
        cancel: () => undefined,
        addEventListener: (_: string, l: () => void) => listeners.add(l),
        removeEventListener: (_: string, l: () => void) => listeners.delete(l),
      };
      Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', {
        value: Utterance,
        configurable: true,
      });
      Object.assign(window, {
        spoken,
        addVoice: (lang: string, name: string) => {
          voices.push({ lang, name });
          for (const l of listeners) l();
        },
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.url}?mode=present&lang=ru&protocol=${SHORT.id}&step=1&side=L`);
    await waitForFirstFrame(page);
    await expect.poll(() => page.locator('.present-caption').count(), { timeout: 30_000 }).toBe(1);
    const toggle = page.getByRole('checkbox', { name: 'Читать шаги вслух' });
    expect(await toggle.count()).toBe(0);
    // An English voice is no use for Russian text.
    await page.evaluate(() =>
      (window as unknown as { addVoice: (l: string, n: string) => void }).addVoice(
        'en-US',
        'English',
      ),
    );
    await afterFrames(page);
    expect(await toggle.count()).toBe(0);
    await page.evaluate(() =>
      (window as unknown as { addVoice: (l: string, n: string) => void }).addVoice(
        'ru-RU',
        'Russian',
      ),
    );
    await expect.poll(() => toggle.count()).toBe(1);

    const spoken = () =>
      page.evaluate(
        () =>
          (window as unknown as { spoken: { text: string; lang: string; voice: string }[] }).spoken,
      );
    await toggle.check();
    await expect
      .poll(spoken)
      .toEqual([{ text: SHORT.steps[0]?.plain.ru, lang: 'ru-RU', voice: 'Russian' }]);
    await page.getByRole('button', { name: 'Начать показ' }).click();
    // The briefing is not read; the first step is read again when the steps start.
    await page.waitForTimeout(300);
    expect((await spoken()).map((u) => u.text)).toEqual([SHORT.steps[0]?.plain.ru]);
    await page.getByRole('button', { name: 'Начать с шага 1' }).click();
    await expect
      .poll(() => counter(page), { timeout: 20_000 })
      .toBe(`Шаг 2 из ${String(SHORT.steps.length)}`);
    await expect
      .poll(async () => (await spoken()).map((u) => u.text))
      .toEqual([SHORT.steps[0]?.plain.ru, SHORT.steps[0]?.plain.ru, SHORT.steps[1]?.plain.ru]);
    await screenshot(page, 'present-ru-presenting');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no axe violations in Present mode, before and while presenting', async () => {
    const { page, close } = await open(env.browser, `protocol=${CHILD_COURSE.id}&step=3&side=L`, {
      bypassCSP: true,
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start presenting' }).click();
    await expect.poll(() => page.locator('.app-header').isVisible()).toBe(false);
    await expect.poll(() => page.locator('.present-briefing').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start with step 3' }).click();
    await expect.poll(() => page.locator('.present-briefing').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'present-child-presenting');
    await close();
  });
});

describe('present mode: before the first step', () => {
  const sizes = [
    { name: 'laptop', width: 1366, height: 768, touch: false },
    { name: 'phone', width: 390, height: 844, touch: true },
  ] as const;
  for (const size of sizes)
    for (const lang of ['en', 'ru'] as const)
      it(`shows the protocol's cautions before step 1, then the steps (${size.name}, ${lang})`, async () => {
        const context = await env.browser.newContext({
          viewport: { width: size.width, height: size.height },
          hasTouch: size.touch,
          isMobile: size.touch,
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(
          `${env.server.url}?mode=present&lang=${lang}&protocol=${HANDOUT.id}&step=1&side=L`,
        );
        await waitForFirstFrame(page);
        await expect
          .poll(() => page.locator('.present-caption').count(), { timeout: 30_000 })
          .toBe(1);
        const p3 = JSON.parse(
          readFileSync(resolve(ROOT, `content/protocols/${HANDOUT.id}.json`), 'utf8'),
        ) as { cautions: { text: Record<string, string>; plain?: Record<string, string> }[] };
        // The side column says it too, before presenting.
        expect(await page.locator('.protocol-brief .brief-cautions li').count()).toBe(
          p3.cautions.length,
        );
        const start = lang === 'en' ? 'Start presenting' : 'Начать показ';
        await page.getByRole('button', { name: start }).click();
        const briefing = page.locator('.present-briefing');
        await expect.poll(() => briefing.count()).toBe(1);
        const items = await briefing.locator('.present-briefing-cautions li').allTextContents();
        const source = lang === 'en' ? 'source 001' : 'источник 001';
        expect(items).toEqual(
          p3.cautions.map((c) => `${(c.plain ?? c.text)[lang] ?? ''} (${source})`),
        );
        // No step plays yet: no caption, no countdown.
        expect(await page.locator('.present-caption').isVisible()).toBe(false);
        expect(await page.locator('.present-countdown').count()).toBe(0);
        // Nothing advances meanwhile: after a while the steps still start at step 1.
        await page.waitForTimeout(1500);
        await screenshot(page, `present-briefing-${size.name}-${lang}`);
        const begin = lang === 'en' ? 'Start with step 1' : 'Начать с шага 1';
        if (size.touch) await page.getByRole('button', { name: begin }).tap();
        else await page.getByRole('button', { name: begin }).click();
        await expect.poll(() => briefing.count()).toBe(0);
        await expect
          .poll(() => page.locator('.present-counter').textContent())
          .toBe(
            lang === 'en'
              ? `Step 1 of ${String(HANDOUT.steps.length)}`
              : `Шаг 1 из ${String(HANDOUT.steps.length)}`,
          );
        await expect
          .poll(() => page.locator('.present-countdown-text').textContent(), { timeout: 10_000 })
          .toMatch(lang === 'en' ? /^Next step in \d+ s$/ : /\d+/);
        await screenshot(page, `present-after-briefing-${size.name}-${lang}`);
        expect(errors).toEqual([]);
        await context.close();
      });
});
