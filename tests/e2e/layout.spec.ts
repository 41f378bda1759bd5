import { test, expect } from './app';
import type { Page } from '@playwright/test';

/** How far the page scrolls sideways (0 when it fits the window). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe('Nothing scrolls sideways but the grids, inside their own box', () => {
  test('at 1366 px, on every page, in every view, in both languages', async ({ app, page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    for (const lang of ['en', 'ja'] as const) {
      await app.open('flow');
      if (lang === 'ja') await app.chooseLanguage('Language', 'ja');
      for (const link of lang === 'en' ? ['Flow', 'Numbers', 'Team', 'KPIs', 'Dashboard', 'Plan & what-if', 'PDCA', 'Reviews', 'Plans'] : ['フロー', '数値', 'チーム', 'KPI', 'ダッシュボード', '目標から逆算', '改善サイクル', '振り返り', 'プラン']) {
        await app.navLink(link).click();
        expect(await overflow(page), `${lang} ${link}`).toBe(0);
      }
    }
    await app.chooseLanguage('言語', 'en');
    await app.navLink('Numbers').click();
    for (const view of ['Day', 'Week', 'Month'] as const) {
      await app.viewBy(view);
      await expect(page.getByRole('table', { name: 'Counts and KPIs' })).toBeVisible();
      expect(await overflow(page), view).toBe(0);
      // The range total stays reachable inside the grid's box.
      await expect(page.getByRole('columnheader', { name: 'Range total' })).toBeAttached();
    }
  });

  test('every page fits a 390 px phone, in both languages; wide tables scroll in their box', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // An agreement with a promise, so the Flow page and Dashboard show their cards and tables.
    await app.open('flow');
    await page.getByRole('button', { name: /Agree on Marketing → Inside sales/ }).click();
    await page.getByRole('button', { name: 'Add promise' }).click();
    await expect(page.getByRole('table', { name: /Promises kept/ })).toBeVisible();
    // A saved scenario, so the Plan & what-if page shows its comparison.
    await app.navLink('Plan & what-if').click();
    await page.getByRole('button', { name: 'Save the what-if as a scenario' }).click();
    await expect(page.getByRole('table', { name: /Scenarios side by side/ })).toBeVisible();
    // A member counting calls, so the Team page shows its tables.
    await app.navLink('Flow').click();
    await page.getByRole('button', { name: 'Add member: Inside sales' }).click();
    await app.navLink('KPIs').click();
    await page.getByRole('checkbox', { name: 'Counted per member: Calls' }).check();
    // A cycle with an action, so the PDCA page shows its four parts.
    await app.navLink('PDCA').click();
    await page.getByRole('button', { name: "Start this month's cycle" }).click();
    await page.getByRole('button', { name: '+ Add action' }).click();
    for (const lang of ['en', 'ja'] as const) {
      await app.open('flow');
      if (lang === 'ja') await app.chooseLanguage('Language', 'ja');
      for (const link of lang === 'en' ? ['Flow', 'Numbers', 'Team', 'KPIs', 'Dashboard', 'Plan & what-if', 'PDCA', 'Reviews', 'Plans'] : ['フロー', '数値', 'チーム', 'KPI', 'ダッシュボード', '目標から逆算', '改善サイクル', '振り返り', 'プラン']) {
        await app.navLink(link).click();
        await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
        expect(await overflow(page), `${lang} ${link}`).toBe(0);
      }
      // The one-page summary, reached from the dashboard.
      await app.navLink(lang === 'en' ? 'Dashboard' : 'ダッシュボード').click();
      await page.getByRole('link', { name: lang === 'en' ? 'One-page summary' : '1 ページのまとめ' }).click();
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      expect(await overflow(page), `${lang} summary`).toBe(0);
      // Every step of the presentation; the swimlanes scroll in their box.
      await page.getByRole('link', { name: lang === 'en' ? '← Back to the dashboard' : '← ダッシュボードに戻る' }).click();
      await page.getByRole('link', { name: lang === 'en' ? '▶ Present' : '▶ プレゼン' }).click();
      for (let step = 1; step <= 6; step++) {
        await expect(page.locator('.present-top [aria-live]')).toContainText(lang === 'en' ? `Step ${step} of 6` : `${step} / 6`);
        expect(await overflow(page), `${lang} presentation step ${step}`).toBe(0);
        await page.keyboard.press('ArrowRight');
      }
      const lanes = page.locator('.swimlane-scroll');
      await page.keyboard.press('Home');
      expect(await lanes.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      await page.keyboard.press('Escape');
    }
    // The KPI definitions are wider than a phone: their box scrolls.
    await app.navLink('KPI').click();
    const box = page.locator('.table-scroll').filter({ has: page.locator('.kpi-definitions') }).first();
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  });
});
