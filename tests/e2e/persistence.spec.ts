import { test, expect, SEED_COUNTS } from './app';

const PLAN_KEY = 'funnel-planner/plan';

test.describe('Saving in the browser', () => {
  test('stages and counts survive a reload', async ({ app, page }) => {
    await app.open('flow');
    await app.stageNames().first().fill('Inbound leads');
    await app.navLink('Numbers').click();
    await app.enterCounts(SEED_COUNTS);
    await page.reload();
    await expect(app.cell('Leads')).toHaveValue('1,000');
    expect(await app.rates('Inbound leads')).toEqual(['—', '100.0%']);
    expect(await app.rates('Won')).toEqual(['40.0%', '1.2%']);
  });

  test('unreadable saved data is kept under a backup key and reported', async ({ app, page }) => {
    await app.open('flow');
    await page.evaluate((key) => localStorage.setItem(key, '{"broken'), PLAN_KEY);
    await page.reload();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('could not be read');
    const backupKey = (await alert.innerText()).match(/funnel-planner\/unreadable-plan\/\d+/)?.[0];
    expect(backupKey).toBeTruthy();
    expect(await page.evaluate((key) => localStorage.getItem(key), backupKey!)).toBe('{"broken');
    // A fresh, working plan replaces it.
    await expect(app.stageNames()).toHaveCount(5);
    await app.stageNames().first().fill('Fresh start');
    await page.reload();
    await expect(app.stageNames().first()).toHaveValue('Fresh start');
    expect(await page.evaluate((key) => localStorage.getItem(key), backupKey!)).toBe('{"broken');
  });

  test('a plan saved by a newer version is left untouched', async ({ app, page }) => {
    await app.open('flow');
    const newer = JSON.stringify({ format: 'funnel-planner/plan', version: 99, plan: { future: true } });
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PLAN_KEY, newer]);
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('newer version');
    await app.stageNames().first().fill('Edited here');
    expect(await page.evaluate((key) => localStorage.getItem(key), PLAN_KEY)).toBe(newer);
  });

  test('a failed save is reported and the last good copy is kept', async ({ app, page }) => {
    await app.open('numbers');
    await app.enterCounts({ Leads: '100' });
    const saved = await page.evaluate((key) => localStorage.getItem(key), PLAN_KEY);
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await app.enterCounts({ Leads: '200' });
    await expect(page.getByRole('alert')).toContainText('storage is full');
    expect(await page.evaluate((key) => localStorage.getItem(key), PLAN_KEY)).toBe(saved);
  });
});

test.describe('Two tabs', () => {
  test('a tab that falls behind stops saving instead of overwriting the other', async ({ app, page, context }) => {
    await app.open('numbers');
    const other = await context.newPage();
    await other.clock.setFixedTime(new Date('2026-11-24T10:00:00'));
    await other.goto('/#/numbers');
    await other.getByRole('textbox', { name: 'Leads November 2026', exact: true }).fill('500');
    await expect(page.getByRole('alert')).toContainText('changed in another tab');
    await app.enterCounts({ Leads: '1' });
    const saved = await page.evaluate(() => localStorage.getItem('funnel-planner/plan'));
    expect(saved).toContain(':500');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(app.cell('Leads')).toHaveValue('500');
  });
});
