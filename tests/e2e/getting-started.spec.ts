import { test, expect, openExamplePlan } from './app';

test.describe('A first visit', () => {
  test('shows where to start, and the example plan one click away with every page alive', async ({ app, page }) => {
    await page.goto('/');
    const guide = page.getByRole('region', { name: 'Where to start' });
    await expect(guide.getByRole('listitem')).toHaveText([
      /^1\. Design the flow on this page/,
      /^2\. Set targets for the KPIs/,
      /^3\. Enter numbers per day, week or month/,
    ]);
    // The steps' links stay in this plan, also when opened in a new tab.
    await expect(guide.getByRole('link', { name: '2. Set targets' })).toHaveAttribute('href', '#/p/main/kpis');
    await expect(guide.getByRole('link', { name: '3. Enter numbers' })).toHaveAttribute('href', '#/p/main/numbers');

    await openExamplePlan(page, guide.getByRole('button', { name: 'Open the example plan' }));
    await expect(page).toHaveURL(/#\/p\/p-[0-9a-f-]+\/flow$/);
    // The example has counts: no guide on its Flow page.
    await expect(app.stageNames()).toHaveCount(5);
    await expect(page.getByRole('region', { name: 'Where to start' })).toHaveCount(0);
    await app.navLink('Dashboard').click();
    const panel = page.getByRole('region', { name: 'Bottleneck' });
    await expect(panel).toContainText(/^Bottleneck\s*Opportunity creation: conversion/);
    await expect(page.getByRole('region', { name: 'Promises kept' }).getByRole('listitem')).toHaveText([
      'Marketing: kept 3 of 3',
      'Inside sales: kept 0 of 3',
    ]);
    await app.navLink('Plans').click();
    await expect(page.getByRole('table', { name: 'Plans in this browser' }).getByRole('rowheader')).toHaveText([
      /^Inside sales funnel\s*$/,
      /^Example: inside sales funnel open in this tab$/,
    ]);

    // Back in the fresh plan, the guide can be hidden for good.
    await page.getByRole('link', { name: 'Inside sales funnel', exact: true }).click();
    await expect(page).toHaveURL(/#\/p\/main\/flow$/);
    await page.getByRole('button', { name: 'Hide this guide' }).click();
    await expect(page.getByRole('region', { name: 'Where to start' })).toHaveCount(0);
    await page.reload();
    await expect(app.stageNames()).toHaveCount(5);
    await expect(page.getByRole('region', { name: 'Where to start' })).toHaveCount(0);
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('the guide and the example plan are in Japanese', async ({ app, page }) => {
      await page.goto('/');
      const guide = page.getByRole('region', { name: 'はじめ方' });
      await expect(guide.getByRole('link', { name: '3. 数値を入力する' })).toBeVisible();
      await openExamplePlan(page, guide.getByRole('button', { name: 'サンプルプランを開く' }));
      await expect(app.stageNames().first()).toHaveValue('リード獲得');
      await app.navLink('ダッシュボード').click();
      await expect(page.getByRole('region', { name: 'ボトルネック' })).toContainText('商談化: 転換率');
    });
  });
});
