import type { Locator, Page } from '@playwright/test';
import { test, expect, openExamplePlan, type FunnelApp } from './app';

/** The words of one language for the presentation. */
interface Words {
  example: string;
  present: string;
  steps: [string, string, string, string, string, string];
  stepOf: (n: number) => string;
  /** Something each step shows of the example plan. */
  shows: [string, string, string, string, string, string];
  leave: string;
  /** The link of step 6 to the PDCA page. */
  cycle: string;
}

const EN: Words = {
  example: 'Open the example plan',
  present: 'Present',
  steps: [
    'The flow across departments',
    'Agreements between departments',
    'KPIs and targets',
    'Funnel and bottleneck',
    'The month planned from the goal',
    'Improvement cycle (PDCA)',
  ],
  stepOf: (n) => `Step ${n} of 6`,
  shows: [
    '✗ Breached',
    'Inside sales: Hand-offs ≥ 50 per month',
    'Lead → opportunity rate',
    'Why it may stall',
    'Needed in November 2026',
    'Focus stage: Opportunity creation',
  ],
  leave: 'Leave (Esc)',
  cycle: 'The improvement cycle under way',
};

const JA: Words = {
  example: 'サンプルプランを開く',
  present: 'プレゼン',
  steps: ['部門をまたぐフロー', '部門間の合意(SLA)', 'KPI と目標', 'ファネルとボトルネック', '目標から逆算した月次計画', '改善サイクル(PDCA)'],
  stepOf: (n) => `${n} / 6`,
  shows: ['✗ 未達', 'マーケティング: 育成リード数 ≥ 200', 'リード→商談化率', 'ボトルネック', '必要', '重点ステージ: 商談化'],
  leave: 'プレゼンを終了 (Esc)',
  cycle: '進行中の改善サイクル',
};

async function openExample(app: FunnelApp, words: Words) {
  await app.open('flow');
  await openExamplePlan(app.page, app.page.getByRole('button', { name: words.example }));
  await expect(app.page.getByRole('heading', { level: 2 })).toBeVisible();
}

function heading(page: Page): Locator {
  return page.getByRole('heading', { level: 2 });
}

for (const [lang, words] of [
  ['en-US', EN],
  ['ja-JP', JA],
] as const) {
  test.describe(`The presentation (${lang})`, () => {
    test.use({ locale: lang });

    test('steps through the workshop by keyboard, each step a link', async ({ app, page }, info) => {
      await openExample(app, words);
      await app.navLink(lang === 'en-US' ? 'Dashboard' : 'ダッシュボード').click();
      await page.getByRole('link', { name: words.present }).click();

      for (let n = 1; n <= 6; n++) {
        await expect(heading(page)).toHaveText(words.steps[n - 1]);
        await expect(page.locator('.present-top [aria-live]')).toHaveText(`${words.stepOf(n)}: ${words.steps[n - 1]}`);
        await expect(page.locator('.present-body')).toContainText(words.shows[n - 1]);
        await expect(page).toHaveURL(new RegExp(`#/p/[^/]+/present/${n}$`));
        // The app's own header and navigation are out of the way.
        await expect(page.getByRole('navigation', { name: /Main|メイン/ })).toBeHidden();
        await page.screenshot({ path: info.outputPath(`step-${n}.png`) });
        await page.keyboard.press(n % 2 ? 'ArrowRight' : 'PageDown');
      }
      // Past the last step stays there.
      await expect(heading(page)).toHaveText(words.steps[5]);

      await page.keyboard.press('ArrowLeft');
      await expect(heading(page)).toHaveText(words.steps[4]);
      await page.keyboard.press('PageUp');
      await expect(heading(page)).toHaveText(words.steps[3]);
      await page.keyboard.press('Home');
      await expect(heading(page)).toHaveText(words.steps[0]);
      await page.keyboard.press('End');
      await expect(heading(page)).toHaveText(words.steps[5]);

      // A step is a link: reloaded, the presentation opens on it.
      await page.keyboard.press('ArrowLeft');
      await expect(heading(page)).toHaveText(words.steps[4]);
      await expect(page).toHaveURL(/\/present\/5$/);
      await page.reload();
      await expect(heading(page)).toHaveText(words.steps[4]);
      // The step links jump.
      await page.getByRole('navigation').getByRole('link', { name: words.steps[1] }).click();
      await expect(heading(page)).toHaveText(words.steps[1]);

      // F toggles full screen.
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    });

    test('Esc goes back to the page it was started from', async ({ app, page }) => {
      await openExample(app, words);
      await app.navLink(lang === 'en-US' ? 'Dashboard' : 'ダッシュボード').click();
      await page.getByRole('link', { name: words.present }).click();
      // Keys wait for the presentation to be on screen.
      await expect(heading(page)).toHaveText(words.steps[0]);
      await page.keyboard.press('ArrowRight');
      await expect(heading(page)).toHaveText(words.steps[1]);
      await page.keyboard.press('Escape');
      await expect(page).toHaveURL(/#\/p\/[^/]+\/dashboard$/);
      await expect(page.getByRole('navigation', { name: /Main|メイン/ })).toBeVisible();
      // And its button does the same.
      await page.getByRole('link', { name: words.present }).click();
      await page.getByRole('button', { name: words.leave }).click();
      await expect(page).toHaveURL(/#\/p\/[^/]+\/dashboard$/);
      // Opened afresh, with no page of the visit before it, Esc goes to the flow.
      await page.goto('/#/present/3');
      await page.reload();
      await expect(heading(page)).toHaveText(words.steps[2]);
      await page.keyboard.press('Escape');
      await expect(page).toHaveURL(/#\/p\/[^/]+\/flow$/);
      // Back into it from a page it linked to, Esc returns to that page.
      await page.getByRole('link', { name: words.present }).click();
      await expect(heading(page)).toHaveText(words.steps[0]);
      await page.keyboard.press('End');
      await page.getByRole('link', { name: words.cycle }).click();
      await expect(page).toHaveURL(/\/pdca$/);
      await page.goBack();
      await expect(heading(page)).toHaveText(words.steps[5]);
      await page.keyboard.press('Escape');
      await expect(page).toHaveURL(/\/pdca$/);
    });

    test('on a phone, the arrows scroll a wide table instead of turning the step', async ({ app, page }) => {
      await openExample(app, words);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/#/present/2');
      // The title takes the focus as the presentation opens; then the box.
      await expect(heading(page)).toBeFocused();
      const box = page.locator('.present-body .table-scroll').first();
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
      await expect(heading(page)).toHaveText(words.steps[1]);
      // Page Down still turns it.
      await page.keyboard.press('PageDown');
      await expect(heading(page)).toHaveText(words.steps[2]);
    });
  });
}

test.describe('The swimlane diagram', () => {
  test('draws a breached hand-off, reachable by keyboard and told in words', async ({ app, page }) => {
    await app.open('flow');
    const diagram = page.getByRole('group', { name: 'Swimlane diagram of the flow' });
    const handOff = diagram.getByRole('img', { name: /hand-off from Marketing to Inside sales/ });
    await expect(handOff).toHaveAccessibleName(/no agreement$/);
    await expect(handOff).toContainText('— No SLA');

    // Marketing promises at least 300 leads a month and hands over 200.
    await page.getByRole('button', { name: /Agree on Marketing → Inside sales/ }).click();
    await expect(handOff).toHaveAccessibleName(/agreement without promises to check$/);
    await expect(handOff).toContainText('— No promises');
    const card = page.getByRole('article', { name: 'Marketing → Inside sales' });
    await card.getByRole('button', { name: 'Add promise' }).click();
    const value = card.getByRole('textbox', { name: /^Value:/ });
    await value.fill('300');
    await value.press('Tab');
    await expect(handOff).toHaveAccessibleName(/agreement without data yet$/);
    await app.navLink('Numbers').click();
    await (await app.field('Leads')).fill('200');
    await (await app.field('Leads')).press('Tab');
    await app.navLink('Flow').click();

    await expect(handOff).toHaveAccessibleName(
      /^Lead generation → .+: nothing to convert yet · hand-off from Marketing to Inside sales: agreement breached, 1 of 1 promise checks broken$/,
    );
    await expect(handOff).toContainText('✗ Breached');
    await expect(handOff.locator('.hand-off')).toHaveClass(/breached/);

    // Tab reaches it.
    await page.getByRole('button', { name: '+ Add stage' }).focus();
    let reached = false;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await handOff.evaluate((element) => element === document.activeElement);
    }
    expect(reached).toBe(true);

    // The same, in words.
    await page.getByText('The flow in words').click();
    await expect(page.locator('.swimlane-words')).toContainText('hand-off from Marketing to Inside sales: agreement breached');
  });
});
