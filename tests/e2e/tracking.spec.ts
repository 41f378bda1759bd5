import { test, expect, THIS_MONTH } from './app';

test.describe('Tracking over days, weeks and months', () => {
  test.beforeEach(async ({ app }) => {
    await app.open('numbers');
  });

  test('daily counts roll up into weeks and months, with KPIs from the sums', async ({ app, page }) => {
    await app.chooseRange('This month, daily');
    await app.enterCounts({ Leads: '100', Calls: '200', Contacts: '20' }, 'Mon Nov 23');
    await app.enterCounts({ Leads: '50', Calls: '100', Contacts: '40' }, 'Tue Nov 24');
    await app.enterCounts({ Leads: '7' }, 'Sun Nov 1');
    await expect(await app.gridCell('Contact rate', 'Mon Nov 23')).toContainText('10.0%');
    await expect(await app.gridCell('Contact rate', 'Tue Nov 24')).toContainText('40.0%');

    await app.viewBy('Week');
    await expect(page.getByRole('columnheader', { name: 'W48 Nov 23' })).toBeVisible();
    // Two days' entries: a read-only sum, changed in the Day view.
    await app.expectRowText('Leads', '150');
    await expect(await app.field('Leads', 'W48 Nov 23')).toHaveCount(0);
    // 60 of 300 calls connected: 20 %, not the average of 10 % and 40 %.
    await app.expectRowText('Contact rate', '20.0%');

    await app.viewBy('Month');
    await app.expectRowText('Leads', '157');
    await app.expectRowText('Contact rate', '20.0%');
  });

  test('a weekly value is entered per week and shows in the monthly total', async ({ app }) => {
    await app.chooseRange('Last 12 weeks');
    await app.enterCounts({ Calls: '300' }, 'W47 Nov 16');
    await app.enterCounts({ Calls: '200' }, 'W48 Nov 23');
    await app.viewBy('Month');
    await expect(await app.gridRow('Calls')).toContainText('500');
  });

  test('targets show the gap and a status label', async ({ app, page }) => {
    await app.enterCounts({ Calls: '1000', Contacts: '200' });
    await app.navLink('KPIs').click();
    await page.getByRole('textbox', { name: 'Target: Contact rate' }).fill('25');
    await app.navLink('Numbers').click();
    const row = (await app.gridRow('Contact rate'));
    await expect(row).toContainText('Target 25.0% · Gap −5.0 pt');
    await expect(row).toContainText('Off track');
    await app.enterCounts({ Contacts: '240' });
    await expect(row).toContainText('At risk');
    await app.enterCounts({ Contacts: '260' });
    await expect(row).toContainText('On track');
  });

  test('count targets show beside the counts, with units typed after them, and odd rate targets are questioned', async ({ app, page }) => {
    await app.navLink('KPIs').click();
    await page.getByLabel('Count target (November 2026)').first().fill('1,200件');
    const stepTarget = page.getByLabel('Conversion target (%) (November 2026)').first();
    await stepTarget.fill('0.3');
    await expect(page.getByText('0.3% is under 1 %. Rates are typed as percentages: did you mean 30.0%?')).toBeVisible();
    await stepTarget.fill('130%');
    await expect(page.getByText('Over 100 %: a conversion reaches that only across a lag.')).toBeVisible();
    await stepTarget.fill('30%');
    await expect(page.locator('.field-warning:not(:empty)')).toHaveCount(0);

    await app.navLink('Numbers').click();
    await app.enterCounts({ Leads: '1000' });
    const november = (await app.gridRow('Leads')).getByRole('cell').nth(2);
    await expect(november).toContainText('Target 1,200 · Gap −200');
    await expect(november).toContainText('Off track');
    await app.enterCounts({ Leads: '1150' });
    await expect(november).toContainText('At risk');
    // October has no target: nothing is made up for it, nor for the range.
    await expect((await app.gridRow('Leads')).getByRole('cell').nth(1)).not.toContainText('Target');
    await expect((await app.gridRow('Leads')).getByRole('cell').last()).not.toContainText('Target');
    await app.chooseRange('This month');
    await expect((await app.gridRow('Leads')).getByRole('cell').last()).toContainText('Target 1,200 · Gap −50');
  });

  test('a conversion above 100 % is explained, and a lag fixes it', async ({ app, page }) => {
    await app.enterCounts({ Opportunities: '10' }, 'October 2026');
    await app.enterCounts({ Opportunities: '2', 'Won deals': '4' });
    await expect(await app.gridRow('Win rate')).toContainText('200.0%');
    await expect(await app.gridRow('Win rate')).toContainText('Over 100%');
    await app.navLink('KPIs').click();
    await page.getByRole('textbox', { name: 'Lag: Win rate' }).fill('1');
    await app.navLink('Numbers').click();
    await expect(await app.gridRow('Win rate')).toContainText('40.0%');
  });

  test('the range moves and compares with the previous one', async ({ app, page }) => {
    await app.enterCounts({ Leads: '120' });
    await page.getByRole('button', { name: 'Previous range' }).click();
    await expect(page.getByText('Jun 1, 2026 – Aug 31, 2026')).toBeVisible();
    await app.enterCounts({ Leads: '100' }, 'August 2026');
    await page.getByRole('button', { name: 'Next range' }).click();
    await page.getByLabel('Compare with the previous range').check();
    await expect(await app.gridRow('Leads')).toContainText('▲ +20 (+20.0%)');
  });

  test('this and last month are one click, a range can be picked by date, and both survive a reload', async ({ app, page }) => {
    await app.chooseRange('Last month');
    await expect(page.getByText('Oct 1, 2026 – Oct 31, 2026')).toBeVisible();
    await expect(await app.field('Leads', 'October 2026')).toBeVisible();
    await expect(await app.field('Leads', THIS_MONTH)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Range', exact: true })).toHaveValue('last-month');
    await app.chooseRange('This month');
    await expect(page.getByText('Nov 1, 2026 – Nov 30, 2026')).toBeVisible();

    await app.viewBy('Week');
    await page.getByLabel('From', { exact: true }).fill('2026-10-05');
    await page.getByLabel('To', { exact: true }).fill('2026-10-25');
    await expect(page.getByText('Oct 5, 2026 – Oct 25, 2026')).toBeVisible();
    await expect(await app.field('Leads', 'W41 Oct 5')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Range', exact: true })).toHaveValue('custom');
    await page.reload();
    await expect(page.getByText('Oct 5, 2026 – Oct 25, 2026')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'View by' })).toHaveValue('week');
  });

  test('every KPI cell shows its change from the previous period', async ({ app }) => {
    await app.enterCounts({ Calls: '1000', Contacts: '200' }, 'October 2026');
    await app.enterCounts({ Calls: '1000', Contacts: '250' });
    await expect(await app.gridRow('Contact rate')).toContainText('▲ +5.0 pt (+25.0%)');
  });

  test('keyboard moves between cells like a spreadsheet', async ({ app, page }) => {
    await (await app.field('Leads', 'September 2026')).click();
    await page.keyboard.press('ArrowDown');
    await expect(await app.field('Site visits', 'September 2026')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(await app.field('Ad spend', 'September 2026')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(await app.field('Ad spend', 'October 2026')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(await app.field('Site visits', 'October 2026')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(await app.field('Site visits', THIS_MONTH)).toBeFocused();
  });

  test('a block pasted from a spreadsheet fills the grid, or nothing if a cell is bad', async ({ app, page }) => {
    const paste = async (text: string) =>
      (await app.field('Leads', 'September 2026')).evaluate((el, data) => {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', data);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, text);
    await paste('10\t20\t30\n1,000\t2,000\t3,000\n');
    await expect(await app.field('Leads', 'October 2026')).toHaveValue('20');
    await expect(await app.field('Site visits', THIS_MONTH)).toHaveValue('3,000');
    await paste('1\t2\nx\t4\n');
    await expect(page.getByRole('alert')).toContainText('row 2, column 1');
    await expect(await app.field('Leads', 'September 2026')).toHaveValue('10');
  });

  test('lost deals show the share of each reason', async ({ app, page }) => {
    await app.enterCounts({ 'Lost: price': '6', 'Lost: timing': '3', 'Lost: competitor': '1' });
    const table = page.getByRole('table', { name: 'Lost reasons' });
    await expect(table.getByRole('row', { name: /Lost: price/ })).toContainText('60.0%');
    await expect(table.getByRole('row', { name: /Lost: competitor/ })).toContainText('10.0%');
  });

  test('money uses the plan currency', async ({ app, page }) => {
    await app.enterCounts({ 'Ad spend': '1,500.50', Leads: '10' });
    await expect(await app.gridRow('CPA')).toContainText('$150.05');
    await app.navLink('KPIs').click();
    await page.getByLabel('Currency').selectOption('JPY');
    await app.navLink('Numbers').click();
    await app.enterCounts({ 'Ad spend': '¥150,000' });
    await expect(await app.gridRow('CPA')).toContainText('¥15,000');
  });
});
