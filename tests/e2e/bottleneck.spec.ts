import { test, expect, type FunnelApp } from './app';

/** Sets a stage's conversion target for November on the KPIs page. */
async function stepTarget(app: FunnelApp, stage: string, label: string, value: string) {
  await app.page.getByRole('region', { name: new RegExp(`^${stage}`) }).getByLabel(label).fill(value);
}

test.describe('The bottleneck', () => {
  test('is named with its numbers and hypotheses, and moves when the counts change', async ({ app, page }) => {
    await app.open('kpis');
    await stepTarget(app, 'Lead nurturing', 'Conversion target (%) (November 2026)', '30');
    await stepTarget(app, 'Opportunity creation', 'Conversion target (%) (November 2026)', '20');
    await app.navLink('Numbers').click();
    await app.enterCounts({ Leads: '1000', 'Nurtured leads': '250', Opportunities: '30' });

    await app.navLink('Dashboard').click();
    const panel = page.getByRole('region', { name: 'Bottleneck' });
    await expect(panel).toContainText('Opportunity creation: conversion 12.0% against the target 20.0% (−40.0%)');
    await expect(panel.getByRole('listitem')).toHaveText([
      'Quantity: too few calls. Bigger lists, auto-dial.',
      "Quality: a weak opening. Spread the top performers' talk into the script.",
      'Targeting: the wrong targets. Stricter MA lead scoring.',
    ]);
    const steps = panel.getByRole('table', { name: 'Steps, worst first' }).getByRole('row');
    await expect(steps.nth(1)).toHaveText(['Opportunity creation12.0%the target 20.0%−40.0%']);
    await expect(steps.nth(2)).toHaveText(['Lead nurturing25.0%the target 30.0%−16.7%']);

    // More opportunities: the bottleneck moves to lead nurturing.
    await app.navLink('Numbers').click();
    await app.enterCounts({ Opportunities: '60' });
    await app.navLink('Dashboard').click();
    await expect(panel).toContainText('Lead nurturing: conversion 25.0% against the target 30.0% (−16.7%)');
    await expect(panel.getByRole('listitem').first()).toHaveText(
      'Low contact rate: change the call timing (hours and days of the week).',
    );

    // The hypotheses follow the stage's kind, not its name.
    await app.navLink('Flow').click();
    await page.getByRole('combobox', { name: 'Kind of step' }).nth(1).selectOption({ label: 'Other' });
    await app.navLink('Dashboard').click();
    await expect(panel.getByRole('listitem')).toHaveText(["Look at this step's KPIs and at the hand-off before it."]);
  });

  test('says what it needs when nothing can be compared', async ({ app, page }) => {
    await app.open('flow');
    await app.navLink('Dashboard').click();
    await expect(page.getByRole('region', { name: 'Bottleneck' })).toContainText(
      'Set conversion targets or enter counts for earlier periods to find the bottleneck.',
    );
  });
});

test.describe('The bottleneck in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('is named with its hypotheses in Japanese', async ({ app, page }) => {
    await app.open('kpis');
    await stepTarget(app, '商談化', '転換率目標(%) (2026年11月)', '20');
    await app.navLink('数値').click();
    await app.enterCounts({ リード数: '1000', 育成リード数: '250', 商談数: '30' }, '2026年11月');
    await app.navLink('ダッシュボード').click();
    const panel = page.getByRole('region', { name: 'ボトルネック' });
    await expect(panel).toContainText('商談化: 転換率 12.0%、基準 目標 20.0% (−40.0%)');
    await expect(panel.getByRole('listitem').first()).toHaveText('量: 架電数が少ない。リストを増やす、オートコールを使う。');
  });
});
