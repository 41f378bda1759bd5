import { test, expect } from './app';
import { expectAccessible } from './axe';

/** Every page, as the main navigation and the Flow page reach it. */
const PAGES = ['flow', 'numbers', 'team', 'dashboard', 'plan', 'pdca', 'review', 'kpis', 'plans', 'sla-sheet', 'summary'] as const;

// axe-core checks each page against WCAG 2.2 A and AA and its best-practice
// rules in both languages: names, labels, roles, contrast, landmarks,
// heading order, the language of the page.
for (const locale of ['en-US', 'ja-JP'] as const) {
  test.describe(`Accessibility (${locale})`, () => {
    test.use({ locale });

    test('every page passes the WCAG 2.2 AA and best-practice checks of axe-core', async ({ page }) => {
      test.setTimeout(180_000);
      // An agreement and a saved scenario, so their cards and tables are checked too.
      await page.goto('/#/flow');
      await page.getByRole('button', { name: /Agree on|合意を作成/ }).first().click();
      await page.goto('/#/plan');
      await page.getByRole('button', { name: /Save the what-if as a scenario|what-ifをシナリオとして保存/ }).click();
      // A member counting calls, so the Team page and the Numbers page's picker are checked.
      await page.goto('/#/flow');
      await page.getByRole('button', { name: /Add member: Inside sales|メンバーを追加: インサイドセールス/ }).click();
      await page.goto('/#/kpis');
      await page.getByRole('checkbox', { name: /Counted per member: Calls|メンバー別に数える: 架電数/ }).check();
      // A cycle with an action and a target, so the PDCA page's parts are checked.
      await page.goto('/#/pdca');
      await page.getByRole('button', { name: /Start this month's cycle|今月のサイクルを始める/ }).click();
      await page.getByRole('button', { name: /\+ (Add action|アクションを追加)/ }).click();
      await page.getByRole('combobox', { name: /Add a target|目標を追加/ }).selectOption({ index: 1 });
      const check = (what: string) => expectAccessible(page, `${locale} ${what}`);
      // Every page on a laptop and on a phone.
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const route of PAGES) {
          await page.goto(`/#/${route}`);
          await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
          await check(`#/${route} at ${width} px`);
        }
        // Every step of the presentation.
        for (let step = 1; step <= 6; step++) {
          await page.goto(`/#/present/${step}`);
          await expect(page.locator('.present-top [aria-live]')).toContainText(new RegExp(`^(Step ${step} of 6|${step} / 6)`));
          await check(`the presentation's step ${step} at ${width} px`);
        }
      }
      // The import preview, with a file beside the open plan.
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto('/#/plans');
      await page.getByLabel(/Choose a plan file|プランのファイルを選ぶ/).setInputFiles('tests/golden/plan-v11.json');
      await expect(page.locator('#import-preview-heading')).toBeVisible();
      await check('the import preview');
      // The CSV import's mapping step and preview, with a row not read and a total left out.
      await page.goto('/#/numbers');
      await page.getByLabel(/Choose a CSV file|CSV ファイルを選ぶ/).setInputFiles({
        name: 'deals.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Deal Name,Deal Stage,Close Date,Amount\n"Acme, Inc.",Won,2026-11-03,1200\nGlobex,Won,2026-13-01,5\nTotal,,,1205\n'),
      });
      await expect(page.locator('#csv-preview-heading')).toBeVisible();
      await check('the CSV import preview');
      // A share link made, the page it opens, and the library renaming a plan.
      await page.goto('/#/plans');
      await page.getByRole('button', { name: /Make a share link|共有リンクを作る/ }).click();
      const link = await page.getByRole('textbox', { name: /Link to the plan|現在のプランへのリンク/ }).inputValue();
      await check('the share card with a link');
      await page.goto(link);
      await expect(page.getByRole('button', { name: /Import as a new plan|新しいプランとして取り込む/ })).toBeVisible();
      await check('the page a share link opens');
      await page.goto('/#/plans');
      await page.getByRole('button', { name: /^(Rename|名前を変更)/ }).first().click();
      await expect(page.locator('#rename-input')).toBeFocused();
      await check('the library renaming a plan');
    });
  });
}
