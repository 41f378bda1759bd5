import type { Locator, Page } from '@playwright/test';
import { test, expect } from './app';

/**
 * Presses Tab until `target` has the focus, as a keyboard user would move
 * through the page; fails if it never gets there.
 */
async function tabTo(page: Page, target: Locator, presses = 400) {
  await expect(target).toBeVisible();
  for (let i = 0; i < presses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe('A workshop without the mouse', () => {
  test('design the flow, agree on a hand-off, plan the month, start a cycle and present it, by keyboard only', async ({
    app,
    page,
  }) => {
    test.setTimeout(120_000);
    await app.open('flow');
    const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

    // The flow: rename the first stage and add one at the end.
    const first = app.stageNames().first();
    await tabTo(page, first);
    await page.keyboard.type('Inquiries');
    await page.keyboard.press('Enter');
    await expect(first).toHaveValue('Inquiries');
    await tabTo(page, page.getByRole('button', { name: '+ Add stage' }));
    await page.keyboard.press('Enter');
    const added = app.stageNames().last();
    await expect(added).toBeFocused();
    await page.keyboard.type('Contract signed');
    await page.keyboard.press('Enter');
    await expect(added).toHaveValue('Contract signed');

    // The agreement at the first hand-off, with a promise of 300 a month.
    await tabTo(page, page.getByRole('button', { name: /Agree on Marketing → Inside sales/ }));
    await page.keyboard.press('Enter');
    const card = page.getByRole('article', { name: 'Marketing → Inside sales' });
    await tabTo(page, card.getByRole('button', { name: 'Add promise' }));
    await page.keyboard.press('Enter');
    const value = card.getByRole('textbox', { name: /^Value:/ });
    await expect(value).toBeFocused();
    await page.keyboard.type('300');
    await page.keyboard.press('Tab');
    const diagram = page.getByRole('group', { name: 'Swimlane diagram of the flow' });
    await expect(diagram.getByRole('img', { name: /hand-off from Marketing to Inside sales: agreement without data yet/ })).toBeVisible();

    // The month planned back from a goal of 20 won deals.
    await tabTo(page, nav('Plan & what-if'));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Goal for November 2026'));
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Goal for November 2026')).toHaveValue('20');

    // This month's improvement cycle with one action.
    await tabTo(page, nav('PDCA'));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: "Start this month's cycle" }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: '+ Add action' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Action', exact: true })).toBeFocused();
    await page.keyboard.type('Call every inquiry within an hour');
    await page.keyboard.press('Tab');
    // Under way: the arrow keys choose in a closed list.
    const status = page.getByRole('combobox', { name: 'Status: Call every inquiry within an hour' });
    await tabTo(page, status);
    await page.keyboard.press('ArrowDown');
    await expect(status.locator('option:checked')).toHaveText('Doing');

    // Present it, step by step.
    await tabTo(page, page.getByRole('link', { name: '▶ Present' }));
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 2 });
    const body = page.locator('.present-body');
    await expect(heading).toHaveText('The flow across departments');
    await expect(body).toContainText('Contract signed');
    await expect(body.getByRole('img', { name: /^1\. Inquiries \(Marketing\)/ })).toBeAttached();
    await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText('Agreements between departments');
    await expect(body).toContainText('≥ 300 per month');
    await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText('KPIs and targets');
    await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText('Funnel and bottleneck');
    await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText('The month planned from the goal');
    await expect(body).toContainText('Needed in November 2026');
    await expect(body).toContainText('Contract signed: 20 needed');
    await page.keyboard.press('ArrowRight');
    await expect(heading).toHaveText('Improvement cycle (PDCA)');
    await expect(body).toContainText('Call every inquiry within an hour');
    // Esc goes back to the page it was started from.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/#\/p\/[^/]+\/pdca$/);
    await expect(nav('PDCA')).toHaveAttribute('aria-current', 'page');
  });
});
