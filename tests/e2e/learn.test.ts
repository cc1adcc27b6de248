/**
 * Learn mode in real Chromium: the protocol library (search, filters, opening a result), the
 * safety check (a ticked item that rules the protocol out turns Play off with the reason; a
 * zone-limited one marks and skips the steps on those zones), the session timer, and axe with
 * the library and the checklist open.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  afterFrames,
  axeViolations,
  newPage,
  screenshot,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';

interface ProtocolJson {
  id: string;
  audience: string;
  title: { en: string };
  steps: { id: string; title: { en: string }; zones: string[] }[];
}
const protocolFile = (id: string) =>
  JSON.parse(readFileSync(resolve(ROOT, `content/protocols/${id}.json`), 'utf8')) as ProtocolJson;

const P1 = protocolFile('p1-hallux-valgus-adult-self');
const P2 = protocolFile('p2-hallux-valgus-child');
const P6 = protocolFile('p6-hallux-valgus-child-course');
const CHILD_IDS = [
  'p2-hallux-valgus-child',
  'p3-valgus-feet-child-orthopedic',
  'p6-hallux-valgus-child-course',
];
const LEG_ZONES = new Set([
  'calf',
  'shin',
  'lateral_lower_leg',
  'popliteal_fossa',
  'thigh_back',
  'thigh_front',
  'thigh_inner',
  'thigh_outer',
]);

const env = useBuildAndBrowser();

async function openApp(page: Page, search = ''): Promise<void> {
  await page.goto(`${env.server.url}${search}`);
  await waitForFirstFrame(page);
  await expect
    .poll(() => page.locator('.protocol-picker select option').count(), { timeout: 30_000 })
    .toBeGreaterThan(1);
}

const resultIds = (page: Page) =>
  page
    .locator('.library-results button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-protocol')));

const clock = (page: Page, part: string) =>
  page.locator(`.session-timer [data-part="${part}"]`).textContent();

/** "m:ss" or "h:mm:ss" to seconds. */
function seconds(text: string | null): number {
  if (!text) return Number.NaN;
  return text.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
}

/** Share of the canvas's pixels in the avoid hatching's red, decoded in the page. */
async function redShare(page: Page): Promise<number> {
  const png = await page.locator('canvas').first().screenshot();
  return page.evaluate(
    async (bytes) => {
      const bitmap = await createImageBitmap(
        new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
      );
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      let red = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const g = data[i + 1] ?? 0;
        const b = data[i + 2] ?? 0;
        if (r > 170 && g < 110 && b < 110) red++;
      }
      return red / (data.length / 4);
    },
    [...png],
  );
}

describe('Learn: protocol library', () => {
  it('narrows the list by a word and by audience, and opens the chosen protocol', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page);
    const library = page.locator('.protocol-library');
    await library.locator('summary').click();
    await expect.poll(() => library.getAttribute('open')).not.toBeNull();
    await expect.poll(() => resultIds(page)).toHaveLength(10);
    expect(await page.locator('.library-count').textContent()).toBe('10 of 10 protocols');

    // A word of one protocol's title finds just that one.
    await page.getByLabel('Search protocols').fill('spur');
    await expect.poll(() => resultIds(page)).toEqual(['p8-heel-spur-self']);
    expect(await page.locator('.library-count').textContent()).toBe('1 of 10 protocols');
    expect(await page.locator('.library-results button').textContent()).toContain('Heel spur');
    await screenshot(page, 'learn-library-search');

    // Case and diacritics do not matter; a word nothing has finds nothing.
    await page.getByLabel('Search protocols').fill('SPÛR');
    await expect.poll(() => resultIds(page)).toEqual(['p8-heel-spur-self']);
    await page.getByLabel('Search protocols').fill('zebra');
    await expect.poll(() => resultIds(page)).toEqual([]);
    expect(await library.textContent()).toContain('No protocol matches');

    // Audience "Child" leaves only the child protocols.
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.poll(() => resultIds(page)).toHaveLength(10);
    await page.getByLabel('For whom').selectOption('child');
    await expect.poll(() => resultIds(page)).toEqual(CHILD_IDS);
    for (const meta of await page.locator('.library-meta').allTextContents())
      expect(meta).toMatch(/^Child · /);
    // With a word as well: both must hold.
    await page.getByLabel('Search protocols').fill('course');
    await expect.poll(() => resultIds(page)).toEqual(['p6-hallux-valgus-child-course']);
    await screenshot(page, 'learn-library-child');

    // Choosing a result opens it in the player and folds the library away.
    await page
      .locator('.library-results button[data-protocol="p6-hallux-valgus-child-course"]')
      .click();
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P6.steps[0]?.title.en);
    expect(await page.locator('.protocol-picker select').inputValue()).toBe(P6.id);
    await expect.poll(() => library.getAttribute('open')).toBeNull();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: in Russian', () => {
  it('searches the Russian texts, ignoring case and ё, and shows the checklist in Russian', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, `?lang=ru&protocol=${P2.id}&step=1&side=L`);
    await page.locator('.protocol-library summary').click();
    await page.getByLabel('Поиск протоколов').fill('шпора');
    await expect.poll(() => resultIds(page)).toEqual(['p8-heel-spur-self']);
    expect(await page.locator('.library-count').textContent()).toBe('Найдено протоколов: 1 из 10');
    // The English word is not in the Russian texts.
    await page.getByLabel('Поиск протоколов').fill('spur');
    await expect.poll(() => resultIds(page)).toEqual([]);
    await page.getByLabel('Поиск протоколов').fill('РЕБЕНКА');
    await expect.poll(() => resultIds(page)).toEqual(CHILD_IDS);
    await page.getByLabel('Для кого').selectOption('self');
    await expect.poll(() => resultIds(page)).toEqual([]);
    await page.getByRole('button', { name: 'Сбросить поиск и фильтры' }).click();
    await expect.poll(() => resultIds(page)).toHaveLength(10);
    await page.locator('.protocol-library summary').click();
    const check = page.locator('.safety-check');
    expect(await check.locator('summary').textContent()).toBe(
      'Проверка безопасности: ничего не отмечено',
    );
    await check.locator('label[data-item="c000-plano-valgus/varicose_veins"] input').check();
    expect(await check.locator('summary').textContent()).toBe('Проверка безопасности: отмечено: 1');
    expect(await page.locator('.step-list li.skipped .skip-reason').first().textContent()).toBe(
      'Пропускается: Вздутые, извитые вены на ногах.',
    );
    await check.scrollIntoViewIfNeeded();
    await screenshot(page, 'learn-safety-checklist-ru');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: safety check', () => {
  it('a ticked item that rules the protocol out turns Play off and names the item', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, `?protocol=${P1.id}&step=1&side=L`);
    const check = page.locator('.safety-check');
    await expect.poll(() => check.getAttribute('open')).not.toBeNull();
    const play = page.locator('.player-controls button.primary');
    expect(await play.isDisabled()).toBe(false);
    expect(await page.locator('.play-blocked').count()).toBe(0);

    await check.locator('label[data-item="c000-plano-valgus/malignant_neoplasm"] input').check();
    await expect.poll(() => play.isDisabled()).toBe(true);
    const reason = page.locator('.play-blocked');
    expect(await reason.textContent()).toContain('Play is off');
    expect(await reason.textContent()).toContain('Cancer.');
    expect(await play.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    expect(await check.locator('summary').textContent()).toContain('1 ticked');
    // Space does not play either.
    await page.locator('#step-title').click();
    await page.keyboard.press('Space');
    await afterFrames(page);
    expect(await play.textContent()).toBe('Play');
    expect(await clock(page, 'sessionElapsed')).toBe('0:00');
    await page
      .locator('.safety-check label[data-item="c000-plano-valgus/malignant_neoplasm"]')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'learn-safety-blocked-checklist');
    await page.locator('.player-controls').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'learn-safety-blocked');

    // Unticking it lets the protocol play again.
    await check.locator('label[data-item="c000-plano-valgus/malignant_neoplasm"] input').uncheck();
    await expect.poll(() => play.isDisabled()).toBe(false);
    expect(await page.locator('.play-blocked').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a zone-limited item marks the steps on those zones and Next jumps over them', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, `?protocol=${P2.id}&step=2&side=L`);
    const skipped = P2.steps.flatMap((s, i) => (s.zones.some((z) => LEG_ZONES.has(z)) ? [i] : []));
    // Steps 3 and 4 work on the legs; step 2 (the lower back) does not.
    expect(skipped.slice(0, 2)).toEqual([2, 3]);
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P2.steps[1]?.title.en);
    const totalBefore =
      seconds(await clock(page, 'sessionRemaining')) + seconds(await clock(page, 'sessionElapsed'));

    await page.locator('label[data-item="c000-plano-valgus/varicose_veins"] input').check();
    await expect.poll(() => page.locator('.step-list li.skipped').count()).toBe(skipped.length);
    const marked = await page
      .locator('.step-list li.skipped button')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step-index'))));
    expect(marked).toEqual(skipped);
    const reason = page.locator('.step-list li.skipped .skip-reason').first();
    expect(await reason.textContent()).toBe('Skipped: Swollen, twisted leg veins.');
    expect(await page.locator('.step-count').textContent()).toContain(
      `${String(skipped.length)} steps skipped`,
    );
    // Play stays on: the other steps can be done.
    expect(await page.locator('.player-controls button.primary').isDisabled()).toBe(false);

    // Next from step 2 goes to step 5: steps 3 and 4 are passed over.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P2.steps[4]?.title.en);
    expect(await page.locator('.step-kicker').textContent()).toMatch(/· step 5$/);
    // Previous comes back to step 2; choosing a skipped step in the list does nothing.
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P2.steps[1]?.title.en);
    // (Playwright will not click an aria-disabled button: press Enter on it as a keyboard user would.)
    await page.locator('.step-list button[data-step-index="2"]').focus();
    await page.keyboard.press('Enter');
    await afterFrames(page);
    expect(await page.locator('#step-title').textContent()).toBe(P2.steps[1]?.title.en);
    expect(
      await page.locator('.step-list button[data-step-index="2"]').getAttribute('aria-disabled'),
    ).toBe('true');

    // The session is shorter by the skipped steps.
    const totalAfter =
      seconds(await clock(page, 'sessionRemaining')) + seconds(await clock(page, 'sessionElapsed'));
    expect(totalAfter).toBeLessThan(totalBefore);

    // The calf is now an avoid zone in the zone panel, with the ticked item as the reason.
    await page.locator('.zone-list summary').click();
    await page.locator('.zone-list').getByRole('button', { name: /^Calf/ }).click();
    const panel = page.locator('.zone-panel');
    await expect.poll(() => panel.getAttribute('data-zone')).toBe('calf');
    expect(await panel.locator('.safety-avoid').textContent()).toContain(
      'Swollen, twisted leg veins.',
    );
    await page.locator('.step-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'learn-safety-skipped-steps');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: added avoid zones on the model', () => {
  it('a zone ruled out by the safety check is warned about next to a step that comes close', async () => {
    const { context, page, errors } = await newPage(env.browser);
    // Step 5 of the flat-feet protocol works the Achilles tendon, right below the calf.
    await openApp(page, '?protocol=p5-flat-feet&step=5&side=L');
    await expect.poll(() => page.locator('#step-title').textContent()).toBe('Achilles tendon');
    const warning = page.locator('.step-panel .avoid-warning');
    // Once the step's motion (and so its nearby avoid zones) is there: no warning yet.
    await waitForStepDerived(page);
    await afterFrames(page);
    expect(await warning.count()).toBe(0);
    const redBefore = await redShare(page);
    await page.locator('label[data-item="avoid-areas/legs_varicose"] input').check();
    await expect
      .poll(() => warning.textContent(), { timeout: 20_000 })
      .toContain('Do not massage: Calf');
    // The calf is hatched red on the model.
    await expect.poll(() => redShare(page), { timeout: 20_000 }).toBeGreaterThan(redBefore + 0.02);
    expect(await warning.textContent()).toContain('Legs with swollen, twisted veins.');
    // The step itself stays: it is on the tendon, not on the calf.
    expect(await page.locator('#step-title').textContent()).toBe('Achilles tendon');
    await screenshot(page, 'learn-safety-calf-hatched');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: session timer', () => {
  it('counts while playing and follows the speed', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, `?protocol=${P1.id}&step=1&side=L`);
    await expect.poll(() => clock(page, 'sessionElapsed')).toBe('0:00');
    const total = seconds(await clock(page, 'sessionRemaining'));
    expect(total).toBeGreaterThan(60);
    expect(await clock(page, 'stepElapsed')).toBe('0:00');

    // At 2× the same session takes half the time.
    await page.getByLabel('Speed').selectOption('2');
    await expect
      .poll(async () => seconds(await clock(page, 'sessionRemaining')))
      .toBe(Math.ceil(total / 2));
    await page.getByLabel('Speed').selectOption('1');
    await expect.poll(async () => seconds(await clock(page, 'sessionRemaining'))).toBe(total);

    const stepLeft = seconds(await clock(page, 'stepRemaining'));
    await page.locator('.player-controls button.primary').click();
    await expect
      .poll(async () => seconds(await clock(page, 'stepElapsed')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    expect(seconds(await clock(page, 'sessionElapsed'))).toBeGreaterThanOrEqual(2);
    expect(seconds(await clock(page, 'sessionRemaining'))).toBeLessThan(total);
    expect(seconds(await clock(page, 'stepRemaining'))).toBeLessThan(stepLeft);
    await page.locator('.player-controls button.primary').click();
    expect(await page.locator('.session-timer').getAttribute('role')).toBe('timer');
    await screenshot(page, 'learn-timer');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: accessibility', () => {
  it('has no axe violations with the library and the checklist open', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 720 },
      reducedMotion: 'reduce',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await openApp(page, `?protocol=${P2.id}&step=1&side=L`);
    await page.locator('.protocol-library summary').click();
    await page.getByLabel('For whom').selectOption('child');
    await expect.poll(() => resultIds(page)).toEqual(CHILD_IDS);
    await expect.poll(() => page.locator('.safety-check').getAttribute('open')).not.toBeNull();
    await page.locator('label[data-item="c000-plano-valgus/varicose_veins"] input').check();
    await expect.poll(() => page.locator('.step-list li.skipped').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    // And with the protocol ruled out (Play off, the reason shown).
    await page.locator('label[data-item="c000-plano-valgus/malignant_neoplasm"] input').check();
    await expect.poll(() => page.locator('.play-blocked').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Learn: audience list', () => {
  it('the child protocols of the content are the ones the library shows for "Child"', () => {
    const all = [
      'p1-hallux-valgus-adult-self',
      'p2-hallux-valgus-child',
      'p3-valgus-feet-child-orthopedic',
      'p4-classic-lower-limb',
      'p5-flat-feet',
      'p6-hallux-valgus-child-course',
      'p7-anti-stress-toes',
      'p8-heel-spur-self',
      'p9-foot-self-massage-seated',
      'p10-plantar-pain-care',
    ];
    expect(all.filter((id) => protocolFile(id).audience === 'child')).toEqual(CHILD_IDS);
    expect(P1.audience).toBe('self');
  });
});
