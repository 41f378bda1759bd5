import { test, expect, type FunnelApp } from './app';
import type { Locator, Page } from '@playwright/test';

/** The needed-volumes table's row of a metric, as the user reads it. */
function neededRow(page: Page, metric: string): Locator {
  return page
    .getByRole('table')
    .first()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: metric, exact: true }) });
}

/** The cells of a row: the rate used, then needed, so far, pace, per day. */
function neededCells(page: Page, metric: string): Locator {
  return neededRow(page, metric).getByRole('cell');
}

/** The example: won deals straight after opportunities. */
async function withoutProposals(app: FunnelApp) {
  await app.open('flow');
  await app.removeStage('Hand-off → proposal');
}

/** The example with its goal and typed rates, on the Plan & what-if page. */
async function typedExample(app: FunnelApp, page: Page) {
  await withoutProposals(app);
  await app.navLink('Plan & what-if').click();
  await page.getByLabel('Goal for November 2026').fill('20');
  await page.getByLabel('Rates from').selectOption({ label: 'Rates typed here' });
  await page.getByLabel('Rate: Opportunities', { exact: true }).fill('25');
  await page.getByLabel('Rate: Contacts', { exact: true }).fill('16');
  await page.getByLabel('Rate: Calls', { exact: true }).fill('25');
}

test.describe('Plan & what-if', () => {
  test('back-calculates the month from the goal, runs what-ifs and sets the targets', async ({ app, page }) => {
    await withoutProposals(app);
    await app.navLink('Plan & what-if').click();
    await page.getByLabel('Goal for November 2026').fill('20');
    // No counts yet: the default rates (the months before) say so at each step.
    await expect(neededRow(page, 'Opportunities')).toContainText('No counts for this step in August 2026 – October 2026.');

    await page.getByLabel('Rates from').selectOption({ label: 'Rates typed here' });
    await page.getByLabel('Rate: Opportunities', { exact: true }).fill('25');
    await page.getByLabel('Rate: Contacts', { exact: true }).fill('16');
    await page.getByLabel('Rate: Calls', { exact: true }).fill('25');
    await expect(neededCells(page, 'Won deals').nth(1)).toHaveText('20');
    await expect(neededCells(page, 'Opportunities').nth(1)).toHaveText('80');
    await expect(neededCells(page, 'Opportunities').first()).toContainText('% → Won deals');
    await expect(neededCells(page, 'Contacts').nth(1)).toHaveText('500');
    await expect(neededCells(page, 'Contacts').first()).toContainText('→ Opportunities (Contact → opportunity rate)');
    await expect(neededCells(page, 'Calls').nth(1)).toHaveText('2,000');
    // Without a rate into opportunities from nurtured leads, that step and
    // the ones before it say why they are not computed.
    await expect(neededRow(page, 'Nurtured leads')).toContainText('Type a rate for this step.');
    await expect(neededRow(page, 'Leads')).toContainText('Not computable: a later step has no rate.');
    // Each department reads its own numbers, with the pace by working days.
    await expect(page.getByRole('row', { name: 'Inside sales', exact: true })).toBeVisible();
    await expect(page.getByText('Working days in November 2026: 21 (16 worked, 5 left, today included).')).toBeVisible();
    await expect(neededCells(page, 'Calls')).toHaveText([/%/, '2,000', '0', '0 (behind)', '400']);

    // Rounded up at every step: 9 won at 40 % needs 23 opportunities.
    await page.getByLabel('Goal for November 2026').fill('9');
    await page.getByLabel('Rate: Opportunities', { exact: true }).fill('40');
    await expect(neededCells(page, 'Opportunities').nth(1)).toHaveText('23');
    await page.getByLabel('Goal for November 2026').fill('20');
    await page.getByLabel('Rate: Opportunities', { exact: true }).fill('25');

    // The what-if starts from the plan; a rate changed moves the wins.
    const whatIf = page.getByRole('region', { name: 'What if' });
    await expect(whatIf).toContainText('Won deals: 20 (goal 20)');
    await whatIf.getByLabel('Rate (%): Opportunities').fill('30');
    await expect(whatIf).toContainText('Won deals: 24 (goal 20)');
    await whatIf.getByLabel('Volume: Calls').fill('1500');
    await expect(whatIf).toContainText('Won deals: 18 (goal 20)');
    await whatIf.getByRole('button', { name: 'Back to the plan' }).click();
    await expect(whatIf).toContainText('Won deals: 20 (goal 20)');

    // Which single improvement moves the goal most, with its numbers.
    const ranking = whatIf.getByRole('region', { name: 'Which single improvement moves the goal most' }).getByRole('listitem');
    await expect(ranking.first()).toHaveText(
      'Contact → opportunity rate 16.0% → 21.0%: Opportunities 80 → 105, 26 won deals (+6)',
    );
    await expect(ranking.nth(1)).toHaveText('Opportunities → Won deals 25.0% → 30.0%: Won deals 20 → 24, 24 won deals (+4)');
    await whatIf.getByLabel('Rates up by (points)').fill('10');
    await expect(ranking.first()).toHaveText(
      'Contact → opportunity rate 16.0% → 26.0%: Opportunities 80 → 130, 32 won deals (+12)',
    );

    // One click makes the needed stage counts November's count targets.
    await page.getByRole('button', { name: 'Set as the count targets for November 2026' }).click();
    await expect(page.getByText('Count targets for November 2026 set for 2 stages (Numbers page).')).toBeVisible();
    await app.navLink('Numbers').click();
    await app.expectRowText('Opportunities', 'Target 80');
    await app.expectRowText('Won deals', 'Target 20');
    // One undo takes them all back.
    await page.getByRole('button', { name: 'Undo: change target' }).click();
    await expect(await app.gridRow('Opportunities')).not.toContainText('Target');
    await expect(await app.gridRow('Won deals')).not.toContainText('Target');
  });

  test('scenarios are saved, compared with the actuals and promoted to the targets in one undoable change', async ({ app, page }) => {
    await typedExample(app, page);
    const whatIf = page.getByRole('region', { name: 'What if' });
    const scenarios = page.getByRole('region', { name: 'Scenarios' });
    await expect(scenarios).toContainText('Save a what-if as a scenario to compare it');
    await whatIf.getByLabel('Scenario name').fill('As planned');
    await whatIf.getByRole('button', { name: 'Save the what-if as a scenario' }).click();
    await whatIf.getByLabel('Rate (%): Opportunities').fill('30');
    await whatIf.getByLabel('Volume: Calls').fill('2500');
    await whatIf.getByLabel('Scenario name').fill('Better closing');
    await whatIf.getByRole('button', { name: 'Save the what-if as a scenario' }).click();

    const table = scenarios.getByRole('table', { name: /Scenarios side by side with the actuals of November 2026/ });
    await expect(table.getByRole('columnheader')).toHaveText(['Volume', 'Actual so far', 'As planned', 'Better closing']);
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row('Calls').getByRole('cell')).toHaveText(['0', '2,000 · 25.0%', '2,500 (+500) · 25.0%']);
    await expect(row('Opportunities').getByRole('cell')).toHaveText(['0', '80 · 25.0%', '100 (+20) · 30.0%']);
    await expect(row('Won deals').getByRole('cell')).toHaveText(['0', '20', '30 (+10)']);
    // Differences from the first scenario are marked, not only coloured.
    await expect(row('Won deals').getByRole('cell').last()).toHaveClass(/differs/);
    await expect(row('Contacts').getByRole('cell').last()).toHaveText('625 (+125) · 16.0%');

    await scenarios.getByRole('button', { name: 'Set as the targets for November 2026: Better closing' }).click();
    await expect(scenarios).toContainText('“Better closing” is now the targets for November 2026');
    await app.navLink('Numbers').click();
    await app.expectRowText('Opportunities', 'Target 100');
    await app.expectRowText('Won deals', 'Target 30');
    await page.getByRole('button', { name: 'Undo: change target' }).click();
    await expect(await app.gridRow('Won deals')).not.toContainText('Target');
    // The scenarios stay in the plan, and a removal is undone too.
    await app.navLink('Plan & what-if').click();
    await scenarios.getByRole('button', { name: 'Remove: As planned' }).click();
    await expect(table.getByRole('columnheader')).toHaveText(['Volume', 'Actual so far', 'Better closing']);
    await page.getByRole('button', { name: 'Undo: change the plan from the goal' }).click();
    await expect(table.getByRole('columnheader')).toHaveText(['Volume', 'Actual so far', 'As planned', 'Better closing']);
  });

  test('a revenue goal divides by the deal size, and holidays leave the working days', async ({ app, page }) => {
    await app.open('flow');
    await app.navLink('Plan & what-if').click();
    await page.getByLabel('Goal in').selectOption({ label: 'Revenue' });
    await page.getByLabel('Goal for November 2026').fill('100000');
    await expect(page.getByText('No average deal size: count won deals and revenue').first()).toBeVisible();
    await page.getByLabel('Average deal size').selectOption({ label: 'Typed' });
    await page.getByLabel('Deal size', { exact: true }).fill('15000');
    // 6.7 deals → 7.
    await expect(page.getByText('= 7 won deals')).toBeVisible();
    // Cleared and retyped key by key, the goal stays a revenue goal, and the
    // deal size stays typed while it is retyped.
    const goal = page.getByLabel('Goal for November 2026');
    await goal.selectText();
    await goal.press('Backspace');
    await expect(page.getByLabel('Goal in')).toHaveValue('revenue');
    await goal.pressSequentially('90000');
    await expect(page.getByText('= 6 won deals')).toBeVisible();
    const size = page.getByLabel('Deal size', { exact: true });
    await size.selectText();
    await size.press('Backspace');
    await expect(page.getByLabel('Average deal size')).toHaveValue('typed');
    await size.pressSequentially('45000');
    await expect(page.getByText('= 2 won deals')).toBeVisible();
    // The what-if reads revenue against the revenue goal.
    await page.getByLabel('Rates from').selectOption({ label: 'Rates typed here' });
    await page.getByLabel('Rate: Proposals', { exact: true }).fill('50');
    await page.getByLabel('Rate: Opportunities', { exact: true }).fill('50');
    const whatIf = page.getByRole('region', { name: 'What if' });
    await expect(whatIf).toContainText('Won deals: 2 (goal 2) · Revenue: $90,000.00 (goal $90,000.00)');
    await whatIf.getByLabel('Volume: Opportunities').fill('12');
    await expect(whatIf).toContainText('Won deals: 3 (goal 2) · Revenue: $135,000.00 (goal $90,000.00)');

    await page.getByRole('button', { name: "Add Japan's national holidays 2026–2027" }).click();
    await expect(page.getByText('Working days in November 2026: 19 (14 worked, 5 left, today included).')).toBeVisible();
    await page.getByText('Holidays (35)').click();
    await page.getByRole('button', { name: 'Remove Nov 23, 2026' }).click();
    await expect(page.getByText('Working days in November 2026: 20 (15 worked, 5 left, today included).')).toBeVisible();
    // Every change here is one undo step.
    await page.getByRole('button', { name: 'Undo: change the plan from the goal' }).click();
    await expect(page.getByText('Working days in November 2026: 19 (14 worked, 5 left, today included).')).toBeVisible();
  });
});

test.describe('Plan & what-if in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('reads the needed volumes and the best improvement', async ({ app, page }) => {
    await page.goto('/#/plan');
    await expect(page.getByRole('heading', { level: 2, name: '目標から逆算' })).toBeVisible();
    await page.getByLabel('2026年11月の目標').fill('20');
    await page.getByLabel('転換率の出どころ').selectOption({ label: 'ここで入力した率' });
    for (const [metric, rate] of [
      ['提案数', '50'],
      ['商談数', '50'],
      ['接触数', '16'],
      ['架電数', '25'],
    ]) {
      await page.getByLabel(`率: ${metric}`, { exact: true }).fill(rate);
    }
    await expect(neededCells(page, '提案数').nth(1)).toHaveText('40');
    await expect(neededCells(page, '商談数').nth(1)).toHaveText('80');
    await expect(neededCells(page, '接触数').nth(1)).toHaveText('500');
    await expect(neededCells(page, '架電数').nth(1)).toHaveText('2,000');
    await expect(page.getByText('2026年11月の営業日は21日: 経過16日、残り5日(今日を含む)。')).toBeVisible();
    await expect(neededRow(page, '育成リード数')).toContainText('このステップの率を入力してください。');
    const whatIf = page.getByRole('region', { name: 'what-if' });
    await expect(whatIf).toContainText('受注数: 20(目標 20)');
    await whatIf.getByLabel('率(%): 架電数').fill('30');
    await expect(whatIf).toContainText('受注数: 24(目標 20)');
    const ranking = whatIf.getByRole('region', { name: 'どの改善が最も効くか' }).getByRole('listitem');
    await expect(ranking.first()).toHaveText('商談化率を16.0%→21.0%にすると、商談数が96→126、受注31件(+7)');

    await whatIf.getByLabel('シナリオ名').fill('接触率改善');
    await whatIf.getByRole('button', { name: 'what-ifをシナリオとして保存' }).click();
    await whatIf.getByRole('button', { name: '計画値に戻す' }).click();
    await whatIf.getByRole('button', { name: 'what-ifをシナリオとして保存' }).click();
    const table = page.getByRole('table', { name: /2026年11月の実績とシナリオの比較/ });
    await expect(table.getByRole('columnheader')).toHaveText(['項目', '実績', '接触率改善', 'シナリオ2']);
    await expect(
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '受注数', exact: true }) }).getByRole('cell'),
    ).toHaveText(['0', '24', '20 (−4)']);
  });
});
