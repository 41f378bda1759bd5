import { test, expect, storedPlans } from './app';
import type { Page } from '@playwright/test';

function library(page: Page) {
  return page.getByRole('table', { name: /^(Plans in this browser|このブラウザのプラン)$/ });
}

/** A plan's row in the library, by the name in its row header. */
function planRow(page: Page, name: RegExp) {
  return library(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
}

test.describe('A library of plans', () => {
  test('create, switch, rename (undoable), copy, delete and undo; the URL names the plan and two tabs show two plans', async ({ app, page }) => {
    await page.goto('/#/plans');
    // The URL names the open plan; links inside it keep naming it.
    await expect(page).toHaveURL(/#\/p\/main\/plans$/);
    await expect(library(page).getByRole('row')).toHaveCount(2);
    await expect(planRow(page, /^Inside sales funnel open in this tab$/)).toBeVisible();

    await page.getByLabel('New plan from').selectOption({ label: 'Empty plan (one stage to start from)' });
    await page.getByRole('button', { name: 'Create and open' }).click();
    await expect(page).toHaveURL(/#\/p\/p-[0-9a-f]+-[0-9a-f]+\/flow$/);
    await expect(app.stageNames()).toHaveCount(1);
    const newPlan = new URL(page.url()).hash.split('/')[2];

    // Renaming the open plan is a change like any other: undo takes it back.
    await app.navLink('Plans').click();
    await expect(page).toHaveURL(new RegExp(`#/p/${newPlan}/plans$`));
    await page.getByRole('button', { name: 'Rename “New plan”' }).click();
    await page.getByRole('textbox', { name: 'New name for “New plan”' }).fill('  East team ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Renamed to “East team”.' })).toBeVisible();
    await expect(planRow(page, /^East team open in this tab$/)).toBeVisible();
    await page.getByRole('button', { name: 'Undo: plan settings' }).click();
    await expect(planRow(page, /^New plan open in this tab$/)).toBeVisible();
    await page.getByRole('button', { name: 'Redo: plan settings' }).click();
    await expect(planRow(page, /^East team open in this tab$/)).toBeVisible();
    // Saved, and still the open plan after a reload.
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
    await page.reload();
    await expect(planRow(page, /^East team open in this tab$/)).toBeVisible();

    // A second tab opens the main plan; each tab keeps its own.
    const second = await page.context().newPage();
    await second.goto('/#/p/main/plans');
    await expect(planRow(second, /^Inside sales funnel open in this tab$/)).toBeVisible();
    await expect(planRow(second, /^East team$/)).toBeVisible();
    // A link inside the plan (no plan in it) stays in the tab's plan.
    await second.evaluate(() => (location.hash = '#/flow'));
    await expect(second).toHaveURL(/#\/p\/main\/flow$/);
    await expect(second.getByRole('textbox', { name: 'Stage name' })).toHaveCount(5);
    await second.close();

    await expect(planRow(page, /^East team open in this tab$/)).toBeVisible();

    // Copy the main plan (not open here), then delete the copy.
    await page.getByRole('button', { name: 'Copy “Inside sales funnel”' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied as “Inside sales funnel (copy)”.' })).toBeVisible();
    await expect(library(page).getByRole('row')).toHaveCount(4);
    const before = await storedPlans(page);
    await page.getByRole('button', { name: 'Delete “Inside sales funnel (copy)”' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted “Inside sales funnel (copy)”.' })).toBeFocused();
    await expect(library(page).getByRole('row')).toHaveCount(3);
    expect(Object.keys(await storedPlans(page)).length).toBe(Object.keys(before).length - 1);
    // The open plan has no delete button: a tab never loses its plan under it.
    await expect(page.getByRole('button', { name: 'Delete “East team”' })).toHaveCount(0);
    await page.getByRole('status').filter({ hasText: 'Deleted' }).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status').filter({ hasText: '“Inside sales funnel (copy)” is back.' })).toBeVisible();
    await expect(library(page).getByRole('row')).toHaveCount(4);
    expect(await storedPlans(page)).toEqual(before);

    // While the open plan's changes cannot be stored, opening another plan
    // keeps this tab on it and says why; once stored, it opens.
    await page.evaluate(() => {
      const original = Storage.prototype.setItem;
      (window as unknown as { restoreStorage: () => void }).restoreStorage = () => (Storage.prototype.setItem = original);
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await page.getByRole('button', { name: 'Rename “East team”' }).click();
    await page.getByRole('textbox', { name: 'New name for “East team”' }).fill('East team, unsaved');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Not saved: storage is full. Your changes are kept in this tab only.')).toBeVisible();
    await planRow(page, /^Inside sales funnel$/).getByRole('link').click();
    await expect(page.getByText(/the other plan was not opened/)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/p/${newPlan}/plans$`));
    await expect(planRow(page, /^East team, unsaved open in this tab$/)).toBeVisible();
    await page.evaluate(() => (window as unknown as { restoreStorage: () => void }).restoreStorage());

    // Opening another plan from the list switches this tab to it.
    await planRow(page, /^Inside sales funnel$/).getByRole('link').click();
    await expect(page).toHaveURL(/#\/p\/main\/flow$/);
    await expect(app.stageNames()).toHaveCount(5);
  });

  test('a tab that left unreadable data alone, with nothing typed, can still open another plan', async ({ app, page }) => {
    const newer = '{"format":"funnel-planner/plan","version":99,"plan":{}}';
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('funnel-planner/plans/main', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, newer);
    await page.goto('/#/plans');
    await page.getByLabel('New plan from').selectOption({ label: 'Empty plan (one stage to start from)' });
    await page.getByRole('button', { name: 'Create and open' }).click();
    await expect(page).toHaveURL(/#\/p\/p-[0-9a-f-]+\/flow$/);
    await expect(app.stageNames()).toHaveCount(1);
    expect(await page.evaluate(() => localStorage.getItem('funnel-planner/plans/main'))).toBe(newer);
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('a plan made from a preset has Japanese names; deleting one can be undone', async ({ app, page }) => {
      await page.goto('/#/plans');
      await page.getByLabel('新しいプランのひな形').selectOption({ label: '空のプラン(ステージ1つから)' });
      await page.getByRole('button', { name: '作成して開く' }).click();
      await expect(page).toHaveURL(/#\/p\/p-[0-9a-f-]+\/flow$/);
      await expect(app.stageNames()).toHaveCount(1);
      await expect(app.stageNames()).toHaveValue('リード獲得');
      await app.navLink('プラン').click();
      await expect(planRow(page, /^新しいプラン このタブで表示中$/)).toBeVisible();
      const before = await storedPlans(page);
      await page.getByRole('button', { name: '削除:「インサイドセールスのファネル」' }).click();
      await expect(page.getByRole('status').filter({ hasText: '「インサイドセールスのファネル」を削除しました。' })).toBeVisible();
      await expect(library(page).getByRole('row')).toHaveCount(2);
      await page.getByRole('status').filter({ hasText: '削除しました' }).getByRole('button', { name: '元に戻す' }).click();
      await expect(page.getByRole('status').filter({ hasText: '「インサイドセールスのファネル」を元に戻しました。' })).toBeVisible();
      expect(await storedPlans(page)).toEqual(before);
    });
  });
});

test.describe('A file exported from this browser', () => {
  test('offers to replace the plan it came from, which the status line takes back', async ({ page }) => {
    await page.goto('/#/plans');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download plan (JSON)' }).click()]);
    const file = JSON.parse((await import('node:fs')).readFileSync(await download.path(), 'utf8'));
    expect(file.id).toMatch(/^[0-9a-f]+:main$/);
    file.plan.name = 'Changed in the file';

    // Another plan open: the file is a copy of one kept beside it.
    await page.getByLabel('New plan from').selectOption({ label: 'Empty plan (one stage to start from)' });
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Plans' }).click();
    await page.getByLabel('Choose a plan file').setInputFiles({ name: 'main.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(page.getByText('This file is a copy of “Inside sales funnel”, a plan kept in this browser.')).toBeVisible();
    // The file beside the plan it would replace, and beside the open one.
    const preview = page.getByRole('region', { name: 'What main.json holds' });
    await expect(preview.getByRole('columnheader')).toHaveText(['Open plan', 'Its original here', 'File']);
    await expect(preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Name' }) })).toHaveText(
      /^NameNew planInside sales funnelChanged in the file \(changed\)$/,
    );
    await page.getByRole('button', { name: 'Replace “Inside sales funnel” with it' }).click();
    await expect(page.locator('#library-status')).toContainText('“Inside sales funnel” was replaced by the file’s plan.');
    await expect(planRow(page, /^Changed in the file\s*$/)).toBeVisible();
    await expect(planRow(page, /^New plan open in this tab$/)).toBeVisible();
    await page.locator('#library-status').getByRole('button', { name: 'Undo' }).click();
    await expect(planRow(page, /^Inside sales funnel\s*$/)).toBeVisible();

    // In the plan it came from, the file is a copy of the open plan.
    await page.goto('/#/p/main/plans');
    await page.getByLabel('Choose a plan file').setInputFiles({ name: 'main.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(page.getByText(/^This file is a copy of the open plan/)).toBeVisible();
    // Every browser's first plan is "main": a file from another browser names none here.
    await page.getByRole('button', { name: 'Cancel' }).click();
    const foreign = { ...file, id: 'feedbeef:main' };
    await page.getByLabel('Choose a plan file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
    await expect(page.getByRole('region', { name: 'What other.json holds' })).toBeVisible();
    await expect(page.getByText(/^This file is a copy/)).toHaveCount(0);
  });
});
