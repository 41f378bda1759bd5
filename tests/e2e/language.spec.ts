import { test, expect, SEED_COUNTS } from './app';

test.describe('Languages', () => {
  test('switching to Japanese translates the UI but not the plan, and is remembered', async ({ app, page }) => {
    await app.open('numbers');
    await app.enterCounts(SEED_COUNTS);
    await app.chooseLanguage('Language', 'ja');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await expect(app.navLink('フロー')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '前段階からの転換率' })).toBeVisible();
    await expect(app.kpi('リード→商談化率')).toContainText('4.0%');
    // Stage names are the user's data.
    await expect(app.countInput('Lead generation')).toHaveValue('1,000');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page).toHaveTitle('ファネルプランナー');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await app.chooseLanguage('言語', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funnel Planner');
  });

  test('Japanese messages for bad input', async ({ app, page }) => {
    await app.open('numbers');
    await app.chooseLanguage('Language', 'ja');
    await app.countInput('Won').fill('-3');
    await expect(app.countInput('Won')).toHaveAccessibleDescription('件数にマイナスは使えません。');
  });
});

test.describe('Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('the first visit follows the browser language, with Japanese stage names', async ({ app, page }) => {
    await app.open('flow');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ファネルプランナー');
    await expect(app.stageNames().first()).toHaveValue('リード獲得');
    await expect(page.getByRole('combobox', { name: '担当部門', exact: true }).first()).toHaveValue('marketing');
  });
});
