import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { test, expect, freshPage, storedPlans } from './app';

/** A link carrying `file` as the app makes them: deflated, base64url. */
function linkTo(file: Buffer | string, encoding = 1): string {
  return `/#/share/${encoding}/${deflateRawSync(file).toString('base64url')}`;
}

test.describe('Share links', () => {
  test('a link carries the whole plan; opened elsewhere it is read-only until imported as a new plan', async ({ app, page, browser }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.open('numbers');
    await (await app.field('Leads')).fill('420');
    await page.keyboard.press('Tab');
    await app.navLink('Plans').click();
    await page.getByRole('button', { name: 'Make a share link' }).click();
    const box = page.getByRole('textbox', { name: 'Link to the plan as it is now' });
    const link = await box.inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/share\/1\/[A-Za-z0-9_-]+$/);
    await expect(page.getByText(`${link.length} characters.`, { exact: true })).toBeVisible();
    // Short enough for chat tools: no warning.
    expect(link.length).toBeLessThan(2000);
    await expect(page.getByText(/cut long links/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    // The fragment is the plan file, deflated: the same plan the export writes.
    const file = JSON.parse(inflateRawSync(Buffer.from(link.split('/share/1/')[1], 'base64url')).toString());
    expect(file.plan.name).toBe('Inside sales funnel');
    expect(file.plan.entries).toBeTruthy();
    // A change makes the link stale: it goes.
    await page.getByRole('button', { name: 'Undo: change counts' }).click();
    await expect(box).toHaveCount(0);

    // A first visit straight to the link: the browser's own plan is the
    // fresh one, and nothing of the link is stored.
    const { page: other, errors } = await freshPage(browser);
    await other.goto(link);
    await expect(other.getByRole('heading', { name: '“Inside sales funnel”, from a link' })).toBeVisible();
    await expect(other).toHaveURL(link);
    const before = await storedPlans(other);
    for (const text of Object.values(before)) expect(JSON.parse(text).plan.entries ?? {}).toEqual({});
    const counts = other.getByRole('row').filter({ has: other.getByRole('rowheader', { name: 'Counts', exact: true }) });
    await expect(counts).toHaveText(/Nov 1, 2026 – Nov 30, 2026, figures: 1/);
    // Opening it stored nothing: not even after a reload.
    await other.reload();
    await expect(other.getByRole('heading', { name: '“Inside sales funnel”, from a link' })).toBeVisible();
    expect(await storedPlans(other)).toEqual(before);

    await other.getByRole('button', { name: 'Import as a new plan' }).click();
    const added = other.getByRole('status').filter({ hasText: 'Added “Inside sales funnel” as a new plan.' });
    await expect(added).toBeFocused();
    expect(Object.keys(await storedPlans(other))).toHaveLength(Object.keys(before).length + 1);
    await added.getByRole('link', { name: 'Open it' }).click();
    await expect(other).toHaveURL(/#\/p\/p-[0-9a-f-]+\/flow$/);
    await other.getByRole('navigation').getByRole('link', { name: 'Numbers' }).click();
    await expect(other.getByRole('textbox', { name: 'Leads November 2026', exact: true })).toHaveValue('420');
    expect(errors).toEqual([]);
    await other.context().close();
  });

  test('old links open through the migrations; damaged, cut, newer and oversized ones say why', async ({ page }) => {
    const v1 = await readFile('tests/golden/plan-v1.json');
    const name = JSON.parse(v1.toString()).plan.name;
    await page.goto(linkTo(v1));
    await expect(page.getByRole('heading', { name: `“${name}”, from a link` })).toBeVisible();

    const alert = page.getByRole('alert').filter({ hasText: /This link cannot be opened/ });
    const whole = linkTo(await readFile('tests/golden/plan-v11.json'));
    for (const [url, reason] of [
      ['/#/share/1/not*base64', /damaged or was cut short/],
      [whole.slice(0, whole.length / 2), /damaged or was cut short/],
      ['/#/share/2/AAAA', /made by a newer version of Funnel Planner/],
      [linkTo(Buffer.alloc(20 * 1024 * 1024, ' ')), /too large to be a plan/],
      [linkTo('{"format":"funnel-planner/plan","version":99,"plan":{}}'), /newer version of Funnel Planner \(format 99\)/],
    ] as const) {
      await page.goto('/#/flow');
      await page.goto(url);
      await expect(alert).toHaveText(reason);
    }
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('a shared plan opens read-only in Japanese, and a damaged link says so', async ({ page }) => {
      await page.goto('/#/plans');
      await page.getByRole('button', { name: '共有リンクを作る' }).click();
      const link = await page.getByRole('textbox', { name: '現在のプランへのリンク' }).inputValue();
      await page.goto(link);
      await expect(page.getByRole('heading', { name: 'リンクのプラン「インサイドセールスのファネル」' })).toBeVisible();
      await expect(page.getByRole('button', { name: '新しいプランとして取り込む' })).toBeVisible();
      await page.goto('/#/flow');
      await page.goto(link.slice(0, -10) + '!!');
      await expect(page.getByRole('alert').filter({ hasText: 'このリンクは開けません' })).toHaveText(/壊れているか、途中で切れています/);
    });
  });
});
