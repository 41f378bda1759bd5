import { test, expect } from './app';

test.describe('Metrics and KPIs', () => {
  test('a new metric and a KPI over it show up in the grid with their value', async ({ app, page }) => {
    await app.open('kpis');
    const stage = page.getByRole('region', { name: /^Lead generation/ });
    await stage.getByLabel('New metric').fill('Booth visitors');
    await stage.getByRole('button', { name: 'Add metric' }).click();
    await expect(stage.getByRole('textbox', { name: 'Metric name' }).last()).toHaveValue('Booth visitors');

    await stage.getByRole('button', { name: 'Add KPI' }).click();
    const name = stage.getByRole('textbox', { name: 'KPI name' }).last();
    await expect(name).toBeFocused();
    await name.fill('Booth share');
    await stage.getByRole('combobox', { name: 'Numerator: Booth share' }).selectOption({ label: 'Booth visitors' });
    await stage.getByRole('combobox', { name: 'Denominator: Booth share' }).selectOption({ label: 'Leads' });

    await app.navLink('Numbers').click();
    await app.enterCounts({ Leads: '200', 'Booth visitors': '50' });
    await expect(await app.gridRow('Booth share')).toContainText('25.0%');
  });

  test('a metric a KPI reads cannot be removed, and says which KPI', async ({ app, page }) => {
    await app.open('kpis');
    await page.getByRole('button', { name: 'Remove: Calls' }).click();
    await expect(page.getByText('Used by KPI: Contact rate')).toBeVisible();
    await app.navLink('Numbers').click();
    await expect(await app.field('Calls')).toBeVisible();
  });

  test('a shared KPI added here appears in the shared strip', async ({ app, page }) => {
    await app.open('kpis');
    const shared = page.getByRole('region', { name: 'Shared KPIs' });
    await shared.getByRole('button', { name: 'Add shared KPI' }).click();
    await shared.getByRole('textbox', { name: 'KPI name' }).last().fill('Lead → won');
    await app.navLink('Numbers').click();
    await expect(app.kpi('Lead → won')).toBeVisible();
  });

  test('bad targets and lags are refused next to the field', async ({ app, page }) => {
    await app.open('kpis');
    const target = page.getByRole('textbox', { name: 'Target: Contact rate' });
    await target.fill('-5');
    await expect(target).toHaveAccessibleDescription('Counts cannot be negative.');
    const lag = page.getByRole('textbox', { name: 'Lag: Contact rate' });
    await lag.fill('13');
    await expect(lag).toHaveAccessibleDescription('A lag is 0 to 12 periods.');
    await lag.fill('1');
    await expect(lag).toHaveAttribute('aria-invalid', 'false');
  });
});
