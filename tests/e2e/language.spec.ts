import { test, expect, SEED_COUNTS } from './app';

test.describe('Languages', () => {
  test('switching to Japanese translates the UI but not the plan, and is remembered', async ({ app, page }) => {
    await app.open('numbers');
    await app.enterCounts(SEED_COUNTS);
    await app.chooseLanguage('Language', 'ja');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await expect(app.navLink('フロー')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '前段階からの転換率' })).toBeVisible();
    // Names in the plan are the user's data and stay as they were created.
    await expect(app.kpi('Lead → opportunity')).toContainText('4.0%');
    await expect(app.row('Lead generation')).toBeVisible();
    await expect(await app.field('Leads', '2026年11月')).toHaveValue('1,000');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page).toHaveTitle('ファネルプランナー');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await app.chooseLanguage('言語', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funnel Planner');
  });

  test('messages for bad input follow the language, even one already shown', async ({ app }) => {
    await app.open('numbers');
    await (await app.field('Leads')).fill('-1');
    await expect(await app.field('Leads')).toHaveAccessibleDescription('Counts cannot be negative.');
    await app.chooseLanguage('Language', 'ja');
    await expect(await app.field('Leads', '2026年11月')).toHaveAccessibleDescription('件数にマイナスは使えません。');
    await (await app.field('Won deals', '2026年11月')).fill('-3');
    await expect(await app.field('Won deals', '2026年11月')).toHaveAccessibleDescription('件数にマイナスは使えません。');
  });
});

test.describe('Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('the first visit follows the browser language, with Japanese stage names', async ({ app, page }) => {
    await app.open('flow');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await expect(app.stageNames().first()).toHaveValue('リード獲得');
    await app.navLink('数値').click();
    await expect(await app.field('リード数', '2026年11月')).toBeVisible();
    await app.navLink('フロー').click();
    await expect(page.getByRole('combobox', { name: '担当部門', exact: true }).first().locator('option:checked')).toHaveText('マーケティング');
  });
});
