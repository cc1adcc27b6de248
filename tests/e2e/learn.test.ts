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
const P5 = protocolFile('p5-flat-feet');
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
    await check.locator('label[data-item="heel_wounds"] input').check();
    expect(await check.locator('summary').textContent()).toBe('Проверка безопасности: отмечено: 1');
    // Two sources' items, one condition, said once.
    expect(await page.locator('.step-list li.skipped .skip-reason').first().textContent()).toBe(
      'Пропускается: Открытые или гноящиеся раны на пятке: Пока на пятке есть открытые или загноившиеся ранки, её не массируют. (источник 002)',
    );
    await check.scrollIntoViewIfNeeded();
    await screenshot(page, 'learn-safety-checklist-ru');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Learn: safety check', () => {
  it('a ticked condition that rules the protocol out turns Play off and names the rule and its source', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, `?protocol=${P1.id}&step=1&side=L`);
    const check = page.locator('.safety-check');
    await expect.poll(() => check.getAttribute('open')).not.toBeNull();
    const play = page.locator('.player-controls button.primary');
    expect(await play.isDisabled()).toBe(false);
    expect(await page.locator('.play-blocked').count()).toBe(0);

    await check.locator('label[data-item="cancer"] input').check();
    await expect.poll(() => play.isDisabled()).toBe(true);
    const reason = page.locator('.play-blocked');
    expect(await reason.textContent()).toContain('Play is off');
    expect(await reason.textContent()).toContain(
      'Cancer (a malignant tumour): No massage with cancer. (source 000)',
    );
    expect(await play.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    expect(await check.locator('summary').textContent()).toContain('1 ticked');
    // Space does not play either.
    await page.locator('#step-title').click();
    await page.keyboard.press('Space');
    await afterFrames(page);
    expect(await play.textContent()).toBe('Play');
    expect(await clock(page, 'sessionElapsed')).toBe('0:00');
    await page
      .locator('.safety-check label[data-item="cancer"]')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'learn-safety-blocked-checklist');
    await page
      .getByRole('region', { name: 'Player', exact: true })
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'learn-safety-blocked');

    // Unticking it lets the protocol play again.
    await check.locator('label[data-item="cancer"] input').uncheck();
    await expect.poll(() => play.isDisabled()).toBe(false);
    expect(await page.locator('.play-blocked').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a zone-limited condition marks the steps on those zones and Next jumps over them', async () => {
    const { context, page, errors } = await newPage(env.browser);
    // Flat feet (002): source 000 does not cover it, so varicose veins leave the legs out here.
    await openApp(page, `?protocol=${P5.id}&step=1&side=L`);
    const skipped = P5.steps.flatMap((s, i) => (s.zones.some((z) => LEG_ZONES.has(z)) ? [i] : []));
    // Steps 2 to 4 work on the calf; step 1 (the lower back) and 5 (the Achilles tendon) do not.
    expect(skipped.slice(0, 3)).toEqual([1, 2, 3]);
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P5.steps[0]?.title.en);
    const totalBefore =
      seconds(await clock(page, 'sessionRemaining')) + seconds(await clock(page, 'sessionElapsed'));

    await page.locator('label[data-item="varicose_veins"] input').check();
    await expect.poll(() => page.locator('.step-list li.skipped').count()).toBe(skipped.length);
    const marked = await page
      .locator('.step-list li.skipped button')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step-index'))));
    expect(marked).toEqual(skipped);
    const reason = page.locator('.step-list li.skipped .skip-reason').first();
    expect(await reason.textContent()).toBe(
      'Skipped: Varicose veins (swollen, twisted leg veins): Leave the legs out with varicose veins. (source 000)',
    );
    // That this is softer than source 000 is said, as the app's own reading.
    expect(await page.locator('.play-warning').textContent()).toContain(
      "ask a doctor before massaging the feet. (the app's suggestion, not from a source)",
    );
    expect(await page.locator('.step-count').textContent()).toContain(
      `${String(skipped.length)} steps skipped`,
    );
    // Play stays on: the other steps can be done.
    expect(await page.locator('.player-controls button.primary').isDisabled()).toBe(false);

    // Next from step 1 goes to step 5: steps 2 to 4 are passed over.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P5.steps[4]?.title.en);
    expect(await page.locator('.step-kicker').textContent()).toMatch(/· step 5$/);
    // Previous comes back to step 1; choosing a skipped step in the list does nothing.
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(P5.steps[0]?.title.en);
    // (Playwright will not click an aria-disabled button: press Enter on it as a keyboard user would.)
    await page.locator('.step-list button[data-step-index="2"]').focus();
    await page.keyboard.press('Enter');
    await afterFrames(page);
    expect(await page.locator('#step-title').textContent()).toBe(P5.steps[0]?.title.en);
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
      'Leave the legs out with varicose veins. (source 000)',
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
    await page.locator('label[data-item="varicose_veins"] input').check();
    await expect
      .poll(() => warning.textContent(), { timeout: 20_000 })
      .toContain('Do not massage: Calf');
    // The calf is hatched red on the model.
    await expect.poll(() => redShare(page), { timeout: 20_000 }).toBeGreaterThan(redBefore + 0.02);
    expect(await warning.textContent()).toContain('Leave the legs out with varicose veins.');
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
    await page.locator('label[data-item="heel_wounds"] input').check();
    await expect.poll(() => page.locator('.step-list li.skipped').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    // And with the protocol ruled out (Play off, the reason shown).
    await page.locator('label[data-item="cancer"] input').check();
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

describe('Learn: what to know before the first step', () => {
  const P3 = protocolFile('p3-valgus-feet-child-orthopedic');
  const sizes = [
    { name: 'laptop', width: 1366, height: 768, touch: false },
    { name: 'phone', width: 390, height: 844, touch: true },
  ] as const;

  for (const size of sizes)
    for (const lang of ['en', 'ru'] as const)
      it(`shows P1's protocol cautions and a sources' disagreement on its step (${size.name}, ${lang})`, async () => {
        const context = await env.browser.newContext({
          viewport: { width: size.width, height: size.height },
          hasTouch: size.touch,
          isMobile: size.touch,
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // Step 3: circles around the big-toe joint.
        await openApp(page, `?lang=${lang}&protocol=${P1.id}&step=3&side=L`);
        const p1 = JSON.parse(
          readFileSync(resolve(ROOT, `content/protocols/${P1.id}.json`), 'utf8'),
        ) as {
          cautions: { text: { en: string; ru: string } }[];
          steps: { id: string }[];
        };
        const brief = page.locator('.protocol-brief');
        await expect.poll(() => brief.count()).toBe(1);
        const mild = p1.cautions[0]?.text[lang] ?? '';
        expect(mild).toMatch(lang === 'en' ? /only when the deformity is mild/ : /выражена слабо/);
        const cautions = brief.locator('.brief-cautions li');
        expect(await cautions.first().textContent()).toBe(
          `${mild} (${lang === 'en' ? 'source 000' : 'источник 000'})`,
        );
        expect(await brief.locator('.brief-position').textContent()).toContain(
          lang === 'en'
            ? "(the app's choice: the source names no position)"
            : '(выбор приложения: в источнике положение не указано)',
        );
        // The step's disagreement: what "hallux valgus" means, this step's version marked.
        const note = page.locator('.step-panel .source-note[data-note="hallux-valgus-term"]');
        await expect.poll(() => note.count()).toBe(1);
        expect(await note.locator('.source-note-topic').textContent()).toBe(
          lang === 'en'
            ? 'Sources differ: What “hallux valgus” means here'
            : 'Источники расходятся: Что здесь значит «hallux valgus»',
        );
        expect(await note.locator('.source-note-versions li').count()).toBe(4);
        expect(await note.locator('li.here').textContent()).toContain(
          lang === 'en' ? 'Source 000, for adults' : 'Источник 000, для взрослых',
        );
        expect(await note.locator('.source-note-choice').textContent()).toContain(
          lang === 'en' ? 'What the app does:' : 'Что делает приложение:',
        );
        // Scroll the side column only (on a phone it is the lower part of the screen).
        const showInPanels = (el: Element) => {
          const box = el.closest('.side-panels');
          if (!box) return;
          box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
          window.scrollTo(0, 0);
        };
        await brief.evaluate(showInPanels);
        await screenshot(page, `learn-brief-p1-${size.name}-${lang}`);
        await note.evaluate(showInPanels);
        await screenshot(page, `learn-step-differ-p1-${size.name}-${lang}`);
        expect(errors).toEqual([]);
        await context.close();
      });

  it('shows the sole-direction disagreement on P3’s sole step, every version with its source', async () => {
    const { context, page, errors } = await newPage(env.browser);
    const index = P3.steps.findIndex((s) => s.id === 'foot-thumbs-toes-to-heel');
    await openApp(page, `?protocol=${P3.id}&step=${String(index + 1)}&side=L`);
    const note = page.locator('.step-panel .source-note[data-note="foot-rubbing-direction"]');
    await expect.poll(() => note.count()).toBe(1);
    const versions = await note.locator('.source-note-versions li').allTextContents();
    expect(versions.map((v) => /Source (\d{3})/.exec(v)?.[1])).toEqual([
      '000',
      '001',
      '002',
      '002',
      '003',
    ]);
    expect(await note.locator('li.here').textContent()).toMatch(/^Source 001 .*\(this step\)$/);
    // The protocol panel lists all of P3's disagreements, the knee among them.
    const topics = await page
      .locator('.protocol-brief .protocol-source-notes summary')
      .allTextContents();
    expect(topics).toContain('Whether to massage the knee');
    expect(topics).toContain('Who may massage a child’s feet');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers conditions, not rules: pregnancy leaves out P4’s tapping and vibration and says why', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await openApp(page, '?protocol=p4-classic-lower-limb&step=1&side=L');
    const check = page.locator('.safety-check');
    const pregnant = check.locator('li[data-condition="pregnant"]');
    await expect.poll(() => pregnant.count()).toBe(1);
    // Each condition once, however many sources name it.
    const ids = await check
      .locator('li[data-condition]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-condition')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await pregnant.locator('> .safety-rules').textContent()).toContain(
      'leaves out steps 9, 10: No tapping, patting, vibration or deep kneading. (source 002)',
    );
    await pregnant.locator('> label input').check();
    await expect
      .poll(() =>
        page
          .locator('.step-list li.skipped button')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step-index')))),
      )
      .toEqual([8, 9]);
    await pregnant.scrollIntoViewIfNeeded();
    await screenshot(page, 'learn-safety-pregnant');
    expect(errors).toEqual([]);
    await context.close();
  });
});
