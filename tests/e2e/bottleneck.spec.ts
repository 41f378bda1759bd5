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
    await expect(panel.getByRole('listitem')).toContainText([
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
    await expect(panel.getByRole('listitem').first()).toContainText(
      'Low contact rate: change the call timing (hours and days of the week).',
    );

    // The hypotheses follow the stage's kind, not its name.
    await app.navLink('Flow').click();
    await page.getByRole('combobox', { name: 'Kind of step' }).nth(1).selectOption({ label: 'Other' });
    await app.navLink('Dashboard').click();
    await expect(panel.getByRole('listitem')).toContainText(["Look at this step's KPIs and at the hand-off before it."]);
  });

  test('a hypothesis becomes an action with an owner, a KPI and a status', async ({ app, page }) => {
    await app.open('kpis');
    await stepTarget(app, 'Opportunity creation', 'Conversion target (%) (November 2026)', '20');
    await app.navLink('Numbers').click();
    await app.enterCounts({ Leads: '1000', 'Nurtured leads': '250', Opportunities: '30' });
    await app.navLink('Dashboard').click();
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions).toContainText('No actions yet.');
    await page
      .getByRole('button', { name: "Turn into an action: Quality: a weak opening. Spread the top performers' talk into the script." })
      .click();
    const text = actions.getByRole('textbox', { name: 'Action' });
    await expect(text).toBeFocused();
    await expect(text).toHaveValue("Quality: a weak opening. Spread the top performers' talk into the script.");
    const about = "Quality: a weak opening. Spread the top performers' talk into the script.";
    // Owned by the bottleneck's department, moving its stage's first KPI.
    await expect(actions.getByRole('combobox', { name: `Owner: ${about}` }).locator('option:checked')).toHaveText('Inside sales');
    await expect(actions.getByRole('combobox', { name: `KPI it should move: ${about}` }).locator('option:checked')).toHaveText(
      'Contact → opportunity rate',
    );
    await actions.getByRole('combobox', { name: `Status: ${about}` }).selectOption({ label: 'Doing' });
    await text.fill('Share the top talk tracks in the Monday meeting');
    await text.press('Tab');
    // The KPI it should move is not removed from under it.
    await app.navLink('KPIs').click();
    await page.getByRole('button', { name: 'Remove: Contact → opportunity rate' }).click();
    await expect(
      page.getByText('An action uses it; change or remove that action first: Share the top talk tracks in the Monday meeting'),
    ).toBeVisible();
    await app.navLink('Dashboard').click();
    await expect(actions.getByRole('combobox', { name: /^Status:/ }).locator('option:checked')).toHaveText('Doing');
  });

  test('without targets or earlier counts, a step is held to its typical range, which the team can set', async ({
    app,
    page,
  }) => {
    await app.open('numbers');
    await app.enterCounts({ Leads: '1000', 'Nurtured leads': '250', Opportunities: '30' });
    await app.navLink('Dashboard').click();
    const panel = page.getByRole('region', { name: 'Bottleneck' });
    await expect(panel).toContainText(
      'Opportunity creation: conversion 12.0% against the typical range 20.0%–40.0% (−40.0%)',
    );
    await app.navLink('KPIs').click();
    const stage = page.getByRole('region', { name: /^Opportunity creation/ });
    await expect(stage).toContainText('Empty: the B2B benchmark 20–40%');
    const range = stage.getByRole('textbox', { name: 'Typical conversion (%)' });
    await range.fill('30–20');
    await expect(stage).toContainText('Type a range of two rates from 0 to 100%, low to high, like 15–30.');
    await range.fill('10–20');
    await range.press('Tab');
    await app.navLink('Dashboard').click();
    await expect(panel).toContainText('Every step is at or above its target, its level before or its typical range.');
  });

  test('says what it needs when nothing can be compared', async ({ app, page }) => {
    await app.open('flow');
    await app.navLink('Dashboard').click();
    await expect(page.getByRole('region', { name: 'Bottleneck' })).toContainText(
      'Enter counts to find the bottleneck: each step is compared with its target, its level before, or its typical range.',
    );
    // It links to where counts are entered, in this plan.
    await page.getByRole('region', { name: 'Bottleneck' }).getByRole('link', { name: 'Numbers' }).click();
    await expect(page).toHaveURL(/#\/p\/main\/numbers$/);
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
    await expect(panel.getByRole('listitem').first()).toContainText('量: 架電数が少ない。リストを増やす、オートコールを使う。');
    await panel.getByRole('button', { name: 'アクションにする: 量: 架電数が少ない。リストを増やす、オートコールを使う。' }).click();
    const actions = page.getByRole('region', { name: 'アクション' });
    await expect(actions.getByRole('textbox', { name: 'アクション' })).toHaveValue('量: 架電数が少ない。リストを増やす、オートコールを使う。');
    await expect(actions.getByRole('combobox', { name: /^状況:/ }).locator('option:checked')).toHaveText('予定');
  });
});
