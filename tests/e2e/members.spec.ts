import { test, expect } from './app';
import type { Locator } from '@playwright/test';

/** The values of every field the locator finds, in order. */
const values = (fields: Locator) => fields.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

test.describe('Team members', () => {
  test('each department keeps its members: added, renamed, made inactive, moved and removed, all undoable', async ({ app, page }) => {
    await app.open('flow');
    const inside = page.getByRole('group', { name: 'Members of Inside sales' });
    await expect(inside).toContainText('No members yet');
    for (const name of ['Aya', 'Ken', 'Mio']) {
      await inside.getByRole('button', { name: 'Add member: Inside sales' }).click();
      const field = inside.getByRole('textbox', { name: 'Member name' }).last();
      await expect(field).toBeFocused();
      await field.fill(name);
      await field.blur();
    }
    await expect.poll(() => values(inside.getByRole('textbox', { name: 'Member name' }))).toEqual(['Aya', 'Ken', 'Mio']);

    // Names are unique, case aside; the refusal says so and keeps the old name.
    const ken = inside.getByRole('textbox', { name: 'Member name' }).nth(1);
    await ken.fill('aya');
    await expect(ken).toHaveAccessibleDescription('Another member has that name.');
    await ken.blur();
    await expect(ken).toHaveValue('Ken');

    // Someone who left stays, inactive.
    await inside.getByRole('checkbox', { name: 'Active: Mio' }).uncheck();
    await expect(inside.getByRole('checkbox', { name: 'Active: Mio' })).not.toBeChecked();

    // A department with members is not removed; the refusal names them.
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('combobox', { name: 'Department: Aya' }).selectOption({ label: 'New department' });
    const added = page.getByRole('group', { name: 'Members of New department' });
    await expect.poll(() => values(added.getByRole('textbox', { name: 'Member name' }))).toEqual(['Aya']);
    await page.getByRole('button', { name: 'Remove: New department' }).click();
    await expect(page.getByText('The department still has members; move them first: Aya')).toBeVisible();

    // Removing a member is one undo step away.
    await inside.getByRole('button', { name: 'Remove: Ken' }).click();
    await expect.poll(() => values(inside.getByRole('textbox', { name: 'Member name' }))).toEqual(['Mio']);
    await page.getByRole('button', { name: 'Undo: change team members' }).click();
    await expect.poll(() => values(inside.getByRole('textbox', { name: 'Member name' }))).toEqual(['Ken', 'Mio']);

    // Kept across a reload.
    await page.reload();
    await expect.poll(() => values(page.getByRole('group', { name: 'Members of New department' }).getByRole('textbox'))).toEqual(['Aya']);
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('members are typed as data and never translated', async ({ page }) => {
      await page.goto('/#/flow');
      const inside = page.getByRole('group', { name: 'インサイドセールスのメンバー' });
      await inside.getByRole('button', { name: 'メンバーを追加: インサイドセールス' }).click();
      const field = inside.getByRole('textbox', { name: 'メンバー名' });
      await expect(field).toHaveValue('メンバー 1');
      await field.fill('佐藤 美咲');
      await field.blur();
      await page.getByLabel('言語').selectOption('en');
      await expect(page.getByRole('group', { name: 'Members of インサイドセールス' }).getByRole('textbox')).toHaveValue('佐藤 美咲');
    });
  });
});
