import { test, expect, type FunnelApp } from './app';

/** The Departments section of the Flow page. */
const departments = (app: FunnelApp) => app.page.getByRole('region', { name: /^(Departments|部門)$/ });

/** The colour a stage card shows its owner with. */
const cardColour = (app: FunnelApp, index: number) =>
  app.page.locator('.stage-card').nth(index).evaluate((card) => getComputedStyle(card).borderLeftColor);

test.describe('Departments as data', () => {
  test('a department is added, coloured, given a stage, and named wherever the stage is', async ({ app, page }) => {
    await app.open('flow');
    const section = departments(app);
    await expect(section.getByRole('textbox', { name: 'Department name' })).toHaveCount(3);
    await section.getByRole('button', { name: 'Add department' }).click();
    const name = section.getByRole('textbox', { name: 'Department name' }).last();
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('New department');
    await name.fill('Calling partner');
    await name.press('Tab');
    // A new department takes the first colour no other has.
    const colour = section.getByRole('combobox', { name: 'Colour: Calling partner' });
    await expect(colour.locator('option:checked')).toHaveText('Purple');
    await colour.selectOption({ label: 'Sky blue' });
    await expect(section.getByRole('listitem').last()).toContainText('Owns no stage yet');

    const owner = page.getByRole('combobox', { name: 'Owner', exact: true }).nth(1);
    await owner.selectOption({ label: 'Calling partner' });
    await expect(owner.locator('option:checked')).toHaveText('Calling partner');
    await expect(section.getByRole('listitem').last()).toContainText('Owns: Lead nurturing');
    await expect(section.getByRole('listitem').nth(1)).toContainText('Owns: Opportunity creation');
    expect(await cardColour(app, 1)).toBe('rgb(86, 180, 233)');

    // Renaming the department renames it in the stage's owner list.
    await section.getByRole('textbox', { name: 'Department name' }).last().fill('Calling vendor');
    await expect(owner.locator('option:checked')).toHaveText('Calling vendor');

    await app.navLink('Numbers').click();
    await expect(app.row('Lead nurturing')).toContainText('Calling vendor');
    await app.navLink('KPIs').click();
    await expect(page.getByRole('heading', { name: /Lead nurturing/ })).toContainText('Calling vendor');
  });

  test('a department that owns stages stays, and the refusal names them', async ({ app, page }) => {
    await app.open('flow');
    const section = departments(app);
    await section.getByRole('button', { name: 'Remove: Inside sales' }).click();
    await expect(section.getByRole('listitem').nth(1)).toContainText(
      'It still owns stages; give them to another department first: Lead nurturing, Opportunity creation',
    );
    await expect(section.getByRole('textbox', { name: 'Department name' })).toHaveCount(3);
    // Once its stages move, it goes; undo brings it back with its colour.
    for (const stage of [1, 2]) {
      await page.getByRole('combobox', { name: 'Owner', exact: true }).nth(stage).selectOption({ label: 'Marketing' });
    }
    await expect(section.getByRole('listitem').nth(1)).not.toContainText('It still owns');
    await section.getByRole('button', { name: 'Remove: Inside sales' }).click();
    await expect(section.getByRole('textbox', { name: 'Department name' })).toHaveCount(2);
    await expect(page.getByRole('combobox', { name: 'Owner', exact: true }).first().locator('option')).toHaveText([
      'Marketing',
      'Field sales',
    ]);
    await page.getByRole('button', { name: 'Undo: change departments' }).click();
    await expect(section.getByRole('textbox', { name: 'Department name' }).nth(1)).toHaveValue('Inside sales');
    await expect(section.getByRole('combobox', { name: 'Colour: Inside sales' }).locator('option:checked')).toHaveText(
      'Vermillion',
    );
  });

  test('two departments cannot share a name', async ({ app }) => {
    await app.open('flow');
    const section = departments(app);
    const marketing = section.getByRole('textbox', { name: 'Department name' }).first();
    await marketing.fill('field SALES');
    await expect(section.getByRole('listitem').first()).toContainText('Another department has that name.');
    await marketing.press('Tab');
    await expect(marketing).toHaveValue('Marketing');
    await expect(app.page.getByRole('combobox', { name: 'Owner', exact: true }).first().locator('option:checked')).toHaveText(
      'Marketing',
    );
  });
});

test.describe('Departments in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a department is added and given a stage, and a refusal is worded in Japanese', async ({ app, page }) => {
    await app.open('flow');
    const section = departments(app);
    await section.getByRole('button', { name: '部門を追加' }).click();
    const name = section.getByRole('textbox', { name: '部門名' }).last();
    await expect(name).toHaveValue('新しい部門');
    await name.fill('架電代行');
    await expect(section.getByRole('combobox', { name: '色: 架電代行' }).locator('option:checked')).toHaveText('赤紫');
    await page.getByRole('combobox', { name: '担当部門', exact: true }).nth(1).selectOption({ label: '架電代行' });
    await expect(section.getByRole('listitem').last()).toContainText('担当: リード育成');
    await section.getByRole('button', { name: '削除: 架電代行' }).click();
    await expect(section.getByRole('listitem').last()).toContainText(
      '担当しているステージがあります。先に別の部門へ移してください: リード育成',
    );
    await app.navLink('数値').click();
    await expect(app.row('リード育成')).toContainText('架電代行');
  });
});
