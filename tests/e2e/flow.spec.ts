import { test, expect } from './app';

const DEFAULT_STAGES = ['Lead generation', 'Lead nurturing', 'Opportunity creation', 'Hand-off → proposal', 'Won'];

async function stageNames(app: import('./app').FunnelApp) {
  return app.stageNames().evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

test.describe('Flow: stages and owners', () => {
  test.beforeEach(async ({ app }) => {
    await app.open('flow');
  });

  test('first visit shows the default inside-sales flow with owners', async ({ app, page }) => {
    expect(await stageNames(app)).toEqual(DEFAULT_STAGES);
    const owners = await page.getByRole('combobox', { name: 'Owner', exact: true }).evaluateAll((selects) =>
      selects.map((s) => (s as HTMLSelectElement).selectedOptions[0].text),
    );
    expect(owners).toEqual(['Marketing', 'Inside sales', 'Inside sales', 'Field sales', 'Field sales']);
  });

  test('a stage is added between two, takes its neighbour\'s owner, and is named by typing', async ({ app, page }) => {
    await page.getByRole('button', { name: 'Add a stage after: Lead nurturing' }).click();
    const name = app.stageNames().nth(2);
    await expect(name).toBeFocused();
    // The placeholder name is selected: typing replaces it.
    await page.keyboard.type('Qualification');
    expect(await stageNames(app)).toEqual([
      'Lead generation',
      'Lead nurturing',
      'Qualification',
      'Opportunity creation',
      'Hand-off → proposal',
      'Won',
    ]);
    await expect(page.getByRole('combobox', { name: 'Owner', exact: true }).nth(2).locator('option:checked')).toHaveText('Inside sales');

    // The next stage's conversion says why it is blank.
    await app.navLink('Numbers').click();
    await app.enterCounts({ Opportunities: '40' });
    await expect(app.row('Opportunity creation').getByRole('cell').nth(2)).toContainText(
      'no counts for “Qualification” in this range',
    );
    await app.enterCounts({ Count: '80' });
    await expect(app.row('Opportunity creation').getByRole('cell').nth(2)).toHaveText('50.0%');
  });

  test('renaming a stage carries over to the numbers page', async ({ app }) => {
    await app.stageNames().nth(1).fill('Nurture calls');
    await app.navLink('Numbers').click();
    await expect(app.row('Nurture calls')).toBeVisible();
  });

  test('an empty name is refused with a message and the old name is kept', async ({ app }) => {
    const field = app.stageNames().first();
    await field.fill('   ');
    await expect(field).toHaveAccessibleDescription('A name cannot be empty.');
    await app.navLink('Numbers').click();
    await expect(app.row('Lead generation')).toBeVisible();
  });

  test('markup in a stage name is shown as text', async ({ app, page }) => {
    await app.stageNames().first().fill('<img src=x onerror=alert(1)>Leads');
    await app.navLink('Numbers').click();
    await expect(app.row('<img src=x onerror=alert(1)>Leads')).toBeVisible();
    await expect(page.locator('main img')).toHaveCount(0);
  });

  test('stages are added, reordered with buttons and keys, and removed with undo', async ({ app, page }) => {
    await page.getByRole('button', { name: 'Add stage' }).click();
    await expect(app.stageNames()).toHaveCount(6);
    await expect(app.stageNames().nth(5)).toBeFocused();
    await app.stageNames().nth(5).fill('Renewal');

    await page.getByRole('button', { name: 'Move up: Renewal' }).click();
    expect((await stageNames(app)).slice(3)).toEqual(['Hand-off → proposal', 'Renewal', 'Won']);
    await expect(page.getByRole('button', { name: 'Move up: Renewal' })).toBeFocused();

    await app.stageNames().nth(4).press('Alt+ArrowUp');
    expect((await stageNames(app)).slice(2, 5)).toEqual(['Opportunity creation', 'Renewal', 'Hand-off → proposal']);
    await expect(app.stageNames().nth(3)).toBeFocused();

    await app.removeStage('Renewal');
    expect(await stageNames(app)).toEqual(DEFAULT_STAGES);
    await expect(page.getByRole('status').filter({ hasText: 'Renewal' })).toBeVisible();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect((await stageNames(app))[3]).toBe('Renewal');
  });

  test('moving past either end is disabled and does nothing', async ({ app, page }) => {
    await expect(page.getByRole('button', { name: 'Move up: Lead generation' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Move down: Won' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Move down: Lead generation' })).toBeEnabled();
    await app.stageNames().first().press('Alt+ArrowUp');
    await app.stageNames().last().press('Alt+ArrowDown');
    expect(await stageNames(app)).toEqual(DEFAULT_STAGES);
    // A move refused at the end leaves the focus where the user goes next:
    // it once moved back to the first stage a frame later, where a quick
    // Alt+↓ then moved that stage.
    const focusStayed = await app.stageNames().evaluateAll(async (fields) => {
      fields[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }));
      (fields[fields.length - 1] as HTMLElement).focus();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return document.activeElement === fields[fields.length - 1];
    });
    expect(focusStayed, 'the focus stays on the last stage').toBe(true);
  });

  test('changing an owner shows in the numbers table', async ({ app, page }) => {
    await page.getByRole('combobox', { name: 'Owner', exact: true }).nth(1).selectOption({ label: 'Marketing' });
    await app.navLink('Numbers').click();
    await expect(app.row('Lead nurturing')).toContainText('Marketing');
  });

  test('removing a stage names what goes with it first; cancel keeps everything', async ({ app, page }) => {
    await page.getByRole('button', { name: 'Remove: Opportunity creation' }).click();
    const question = page.getByRole('alertdialog');
    await expect(question).toContainText('Remove the stage “Opportunity creation”? It takes with it:');
    await expect(question).toContainText('Metrics: Opportunities, Appointments, Hand-offs');
    await expect(question).toContainText('KPIs: Contact → opportunity rate, Hand-off rate, Win rate');
    await expect(question).toContainText('Shared KPIs: Lead → opportunity rate, Opportunity → won');
    await expect(question.getByRole('button', { name: 'Remove stage' })).toBeFocused();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toHaveCount(0);
    expect(await stageNames(app)).toEqual(DEFAULT_STAGES);
    await expect(page.getByRole('button', { name: 'Remove: Opportunity creation' })).toBeFocused();
  });

  test('removing a stage takes the KPIs that read its metrics, and undo brings them back', async ({ app, page }) => {
    await app.removeStage('Lead nurturing');
    const toast = page.getByRole('status').filter({ hasText: 'Lead nurturing' });
    await expect(toast).toContainText('Contact rate');
    await expect(toast).toContainText('Contact → opportunity rate');
    // Undo works from any page, after the toast is gone.
    await page.getByRole('navigation').getByRole('link', { name: 'KPIs' }).click();
    await page.getByRole('button', { name: 'Undo: remove stage' }).click();
        await expect(page.getByRole('combobox', { name: 'Numerator: Contact → opportunity rate' })).toBeVisible();
  });

  test('the last stage cannot be removed', async ({ app, page }) => {
    for (const name of DEFAULT_STAGES.slice(1)) {
      await app.removeStage(name);
    }
    await expect(page.getByRole('button', { name: 'Remove: Lead generation' })).toBeDisabled();
    await expect(app.stageNames()).toHaveCount(1);
  });
});
