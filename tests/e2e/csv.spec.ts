import { readFile } from 'node:fs/promises';
import { test, expect } from './app';
import type { Page } from '@playwright/test';

/** Clicks a download button and gives the file's name and text. */
async function download(page: Page, button: string): Promise<[string, string]> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return [file.suggestedFilename(), (await readFile(await file.path())).toString('utf8')];
}

test.describe('Counts out to a spreadsheet', () => {
  test('the counts in view download as CSV, a column per metric or a row per figure', async ({ app, page }) => {
    await app.open('numbers');
    await app.chooseRange('This month');
    await app.enterCounts({ Leads: '1,000', 'Nurtured leads': '250', 'Won deals': '12' });
    await (await app.field('Revenue')).fill('$15,000.50');
    await page.keyboard.press('Tab');

    const [wideName, wide] = await download(page, 'CSV, a column per metric');
    expect(wideName).toBe('Inside_sales_funnel-2026-11-2026-11.csv');
    // A byte-order mark first, so Excel reads the names as UTF-8.
    expect(wide.charCodeAt(0)).toBe(0xfeff);
    const [header, row, end] = wide.slice(1).split('\r\n');
    expect(header.split(',').slice(0, 3)).toEqual(['Period', 'Lead generation: Leads', 'Lead generation: Site visits']);
    const columns = header.split(',');
    const cells = row.split(',');
    const at = (name: string) => cells[columns.indexOf(name)];
    expect(cells[0]).toBe('2026-11');
    expect(at('Lead generation: Leads')).toBe('1000');
    expect(at('Lead nurturing: Nurtured leads')).toBe('250');
    expect(at('Won: Won deals')).toBe('12');
    expect(at('Won: Revenue')).toBe('15000.50');
    expect(at('Lead generation: Site visits')).toBe('');
    expect(end).toBe('');

    const [longName, long] = await download(page, 'CSV, a row per figure (for pivot tables)');
    expect(longName).toBe('Inside_sales_funnel-2026-11-2026-11-long.csv');
    expect(long).toBe(
      '\ufeffPeriod,Stage,Metric,Value\r\n' +
        '2026-11,Lead generation,Leads,1000\r\n' +
        '2026-11,Lead nurturing,Nurtured leads,250\r\n' +
        '2026-11,Won,Won deals,12\r\n' +
        '2026-11,Won,Revenue,15000.50\r\n',
    );
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('headers and names are in the plan’s language, and yen have no decimals', async ({ app, page }) => {
      await app.open('numbers');
      await (await app.field('リード数', '2026年11月')).fill('1000');
      await (await app.field('受注金額', '2026年11月')).fill('¥1,500,000');
      await page.keyboard.press('Tab');
      const [, long] = await download(page, 'CSV(1行に1つの数値、ピボット用)');
      expect(long).toBe(
        '\ufeff期間,ステージ,指標,値\r\n' + '2026-11,リード獲得,リード数,1000\r\n' + '2026-11,受注,受注金額,1500000\r\n',
      );
    });
  });
});
