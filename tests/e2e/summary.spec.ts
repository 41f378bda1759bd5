import { test, expect, openExamplePlan } from './app';
import { pdfText } from './pdf-text';

/** Opens the example plan (six months of counts, a breached promise and a
 *  bottleneck) and its one-page summary from the dashboard. */
async function exampleSummary(page: import('@playwright/test').Page, example: string, dashboard: string, link: string) {
  await page.goto('/');
  await openExamplePlan(page, page.getByRole('button', { name: example }));
  await page.getByRole('navigation').getByRole('link', { name: dashboard }).click();
  await page.getByRole('link', { name: link }).click();
  await expect(page).toHaveURL(/#\/p\/p-[0-9a-f-]+\/summary$/);
  await expect(page.locator('.summary-page')).toBeVisible();
}

test.describe('The one-page summary', () => {
  test('shows the plan on one page and prints it on one sheet of A4 or Letter, without the app around it', async ({ app: _app, page }) => {
    await exampleSummary(page, 'Open the example plan', 'Dashboard', 'One-page summary');
    await expect(page).toHaveURL(/#\/p\/p-[0-9a-f-]+\/summary$/);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Example: inside sales funnel');
    for (const part of ['The flow and its funnel', 'Shared KPIs', 'Bottleneck', 'Agreements between departments']) {
      await expect(page.getByRole('region', { name: part })).toBeVisible();
    }
    // The flow with each stage's department, and the funnel drawn as vector graphics.
    const flow = page.getByRole('region', { name: 'The flow and its funnel' });
    await expect(flow.getByRole('rowheader')).toHaveText(['Lead generation', 'Lead nurturing', 'Opportunity creation', 'Hand-off → proposal', 'Won']);
    await expect(flow.getByRole('row').nth(1)).toContainText('Marketing');
    await expect(flow.getByRole('img', { name: 'Funnel' }).locator('svg rect')).not.toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Bottleneck' })).toContainText('Opportunity creation: conversion');
    await expect(page.getByRole('region', { name: 'Agreements between departments' })).toContainText(/kept in 0 of \d+ periods/);

    for (const format of ['A4', 'Letter'] as const) {
      const pages = await pdfText(await page.pdf({ format }));
      expect(pages, format).toHaveLength(1);
      const text = pages[0];
      for (const expected of [
        'Example: inside sales funnel',
        'The flow and its funnel',
        'Lead generation',
        'Marketing',
        'Shared KPIs',
        'Bottleneck',
        'Opportunity creation: conversion',
        'Needed in November 2026',
        'Agreements between departments',
        'Marketing → Inside sales',
      ]) {
        expect(text, `${format}: ${expected}`).toContain(expected);
      }
      // Only the summary prints: no navigation, no buttons.
      expect(text).not.toContain('Numbers');
      expect(text).not.toContain('Back to the dashboard');
      expect(text).not.toContain('Print');
    }
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('is worded in Japanese and prints on one page', async ({ app: _app, page }) => {
      await exampleSummary(page, 'サンプルプランを開く', 'ダッシュボード', '1 ページのまとめ');
      const pages = await pdfText(await page.pdf({ format: 'A4' }));
      expect(pages).toHaveLength(1);
      for (const expected of ['フローとファネル', 'リード獲得', 'マーケティング', 'ボトルネック', '商談化: 転換率', '部門間の合意(SLA)']) {
        expect(pages[0]).toContain(expected);
      }
    });
  });
});
