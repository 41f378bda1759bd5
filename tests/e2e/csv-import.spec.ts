import { readFile } from 'node:fs/promises';
import { test, expect } from './app';

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test.describe('Counts in from a spreadsheet or a CRM', () => {
  test('a counts table with a bad row: preview with the line, confirm, the values in the grid, undo', async ({ app, page }) => {
    await app.open('numbers');
    await app.chooseRange('Last 3 months');
    await (await app.field('Leads')).fill('100');
    await page.keyboard.press('Tab');
    await page.getByLabel('Choose a CSV file').setInputFiles(
      csv('counts.csv', 'Period,Leads,Opportunities\r\n2026-09,120,10\r\n2026-10,13x,12\r\n2026-11,"1,500",14\r\n'),
    );
    const preview = page.getByRole('region', { name: 'What counts.csv would change' });
    await expect(preview.getByText('A table of counts: a row per period, a column per metric.')).toBeVisible();
    await expect(preview.getByRole('combobox', { name: '“Leads” is' })).toHaveValue(/\d+/);
    await expect(preview.getByRole('status')).toHaveText('4 new, 1 changed and 0 unchanged figures (September 2026 to November 2026)');
    await expect(preview.getByRole('row').filter({ hasText: 'November 2026' }).first()).toHaveText(/Leads\s*November 2026\s*100\s*1,500/);
    await expect(preview.getByRole('listitem')).toHaveText(['Line 3: column 2: “13x” is not read as a number (Enter digits only, like 1,234.)']);
    // Nothing changes before the confirmation.
    await expect(await app.field('Leads', 'September 2026')).toHaveValue('');

    await preview.getByRole('button', { name: 'Import 5 figures' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 5 figures from counts.csv. Undo takes them back.');
    await expect(await app.field('Leads', 'September 2026')).toHaveValue('120');
    await expect(await app.field('Leads')).toHaveValue('1,500');
    await expect(await app.field('Opportunities', 'October 2026')).toHaveValue('12');

    // One undo takes the whole import back.
    await page.getByRole('button', { name: /^Undo/ }).click();
    await expect(await app.field('Leads', 'September 2026')).toHaveValue('');
    await expect(await app.field('Leads')).toHaveValue('100');
    await expect(await app.field('Opportunities', 'October 2026')).toHaveValue('');
  });

  test('the preview compares with the counts typed while it is open', async ({ app, page }) => {
    await app.open('numbers');
    await app.chooseRange('Last 3 months');
    await page.getByLabel('Choose a CSV file').setInputFiles(csv('counts.csv', 'Period,Leads\r\n2026-10,120\r\n2026-11,1500\r\n'));
    const preview = page.getByRole('region', { name: 'What counts.csv would change' });
    const status = preview.getByRole('status');
    await expect(status).toHaveText('2 new, 0 changed and 0 unchanged figures (October 2026 to November 2026)');
    await (await app.field('Leads')).fill('1,500');
    await page.keyboard.press('Tab');
    await expect(status).toHaveText('1 new, 0 changed and 1 unchanged figures (October 2026 to November 2026)');
    await (await app.field('Leads', 'October 2026')).fill('100');
    await page.keyboard.press('Tab');
    await expect(status).toHaveText('0 new, 1 changed and 1 unchanged figures (October 2026 to November 2026)');
    await expect(preview.getByRole('row').filter({ hasText: 'October 2026' }).first()).toHaveText(/Leads\s*October 2026\s*100\s*120/);
    await preview.getByRole('button', { name: 'Import 1 figure' }).click();
    await expect(await app.field('Leads', 'October 2026')).toHaveValue('120');
  });

  test('rows pasted from a spreadsheet read as a file does', async ({ app, page }) => {
    await app.open('numbers');
    await page.getByLabel('Or paste rows copied from a spreadsheet or a CRM (with their header row)').fill('Period\tLeads\n2026-11\t321\n');
    await page.getByRole('button', { name: 'Read the pasted rows' }).click();
    const preview = page.getByRole('region', { name: 'What the pasted rows would change' });
    await expect(preview.getByRole('combobox', { name: 'Encoding' })).toHaveCount(0);
    await preview.getByRole('button', { name: 'Import 1 figure' }).click();
    await expect(await app.field('Leads')).toHaveValue('321');
  });

  test('the download reads back as the same figures: nothing to change', async ({ app, page }) => {
    await app.open('numbers');
    await app.chooseRange('This month');
    await app.enterCounts({ Leads: '1,000', 'Won deals': '12' });
    await (await app.field('Revenue')).fill('$15,000.50');
    await page.keyboard.press('Tab');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV, a column per metric' }).click()]);
    const bytes = await readFile(await file.path());
    await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: bytes });
    const preview = page.getByRole('region', { name: 'What export.csv would change' });
    await expect(preview.getByRole('status')).toHaveText('0 new, 0 changed and 3 unchanged figures (November 2026 to November 2026)');
    await expect(preview.getByRole('button', { name: 'Import 0 figures' })).toBeDisabled();
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(preview).toHaveCount(0);
  });

  test('a CRM deal export with quoted names: stages mapped by hand, amounts into revenue, a total row left out', async ({ app, page }) => {
    await app.open('numbers');
    await page.getByLabel('Choose a CSV file').setInputFiles(
      csv(
        'deals.csv',
        'Deal Name,Deal Stage,Close Date,Amount\r\n' +
          '"Acme, Inc.",Closed Won,2026-11-03,"$1,200"\r\n' +
          '"Initech ""Big"" deal",Appointment scheduled,2026-11-04,\r\n' +
          'Globex,Appointment scheduled,2026-11-10,\r\n' +
          'Total,,,"$1,200"\r\n',
      ),
    );
    const preview = page.getByRole('region', { name: 'What deals.csv would change' });
    await expect(preview.getByText('CRM records: each row counts once in its stage\'s count, in the period of its date.')).toBeVisible();
    await preview.getByRole('combobox', { name: '“Closed Won” counts in' }).selectOption({ label: 'Won' });
    await preview.getByRole('combobox', { name: '“Appointment scheduled” counts in' }).selectOption({ label: 'Opportunity creation' });
    await preview.getByRole('combobox', { name: 'Periods' }).selectOption({ label: 'Month' });
    await expect(preview.getByRole('combobox', { name: 'Sum amounts into' })).toHaveValue(/\d+/);
    await expect(preview.getByRole('status')).toHaveText('3 new, 0 changed and 0 unchanged figures (November 2026 to November 2026)');
    await expect(preview.getByRole('listitem')).toHaveText(['Line 5: a total: Total']);
    await preview.getByRole('button', { name: 'Import 3 figures' }).click();
    await expect(await app.field('Won deals')).toHaveValue('1');
    await expect(await app.field('Revenue')).toHaveValue('$1,200.00');
    await expect(await app.field('Opportunities')).toHaveValue('2');
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('a counts table with Japanese months, full-width digits and a bad row: preview, confirm, undo', async ({ app, page }) => {
      await app.open('numbers');
      await page.getByLabel('CSV ファイルを選ぶ').setInputFiles(
        csv('counts.csv', '期間,リード数,商談数\r\n2026年9月,１２０,10\r\n2026年10月,13x,12\r\n2026年11月,"1,500",14\r\n'),
      );
      const preview = page.getByRole('region', { name: 'counts.csv で変わる内容' });
      await expect(preview.getByRole('status')).toHaveText('新規 5 件、変更 0 件、変更なし 0 件 (2026年9月 〜 2026年11月)');
      await expect(preview.getByRole('listitem')).toHaveText([/^3 行目: 2 列目: 「13x」は数値として読めません/]);
      await preview.getByRole('button', { name: '5 件の数値を取り込む' }).click();
      await expect(page.getByRole('status').filter({ hasText: '取り込みました' })).toHaveText('5 件の数値を counts.csv から取り込みました。「元に戻す」で取り消せます。');
      await expect(await app.field('リード数', '2026年9月')).toHaveValue('120');
      await expect(await app.field('商談数', '2026年10月')).toHaveValue('12');
      await page.getByRole('button', { name: /^元に戻す/ }).click();
      await expect(await app.field('リード数', '2026年9月')).toHaveValue('');
    });

    test('a CRM deal export in Shift_JIS: quoted names, a total row left out, stages mapped by hand', async ({ app, page }) => {
      await app.open('numbers');
      // As Excel in Japan saves it (¥ is byte 0x5C):
      // 商談名,フェーズ,完了予定日,金額 / "株式会社アクメ, 本社",受注,2026/11/03,"¥1,200,000" /
      // "ベータ ""大型"" 案件",アポ獲得,2026/11/04, / ガンマ商事,アポ獲得,2026/11/10, / 合計,,,"¥1,200,000"
      const sjis = Buffer.from(
        'j6SSa5a8LIN0g0aBW4NZLIqul7mXXJLok/osi+CKeg0KIoqUjq6J747Qg0GDToOBLCCWe47QIiyO85KNLDIwMjYvMTEvMDMsIlwxLDIwMCwwMDAiDQoig3iBW4NeICIikeWMXiIiIIjEjI8iLINBg3yKbJO+LDIwMjYvMTEvMDQsDQqDS4OTg32PpI6WLINBg3yKbJO+LDIwMjYvMTEvMTAsDQqNh4x2LCwsIlwxLDIwMCwwMDAiDQo=',
        'base64',
      );
      await page.getByLabel('CSV ファイルを選ぶ').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: sjis });
      const preview = page.getByRole('region', { name: 'deals.csv で変わる内容' });
      await expect(preview.getByRole('combobox', { name: '文字コード' })).toHaveValue('shift_jis');
      await expect(preview.getByText('CRM のレコード: 各行を、日付の期間のステージ件数として 1 件数えます。')).toBeVisible();
      await expect(preview.getByRole('combobox', { name: 'ステージの列' })).toHaveValue('1');
      await expect(preview.getByRole('combobox', { name: '日付の列' })).toHaveValue('2');
      await expect(preview.getByRole('listitem')).toHaveText(['5 行目: 合計行: 合計']);
      // 受注 is a stage of the plan; アポ獲得 is mapped by hand to 商談化.
      await preview.getByRole('combobox', { name: '「アポ獲得」の数え先' }).selectOption({ label: '商談化' });
      await preview.getByRole('combobox', { name: '期間' }).selectOption({ label: '月' });
      // Won deals, their amount and opportunities, for November.
      await expect(preview.getByRole('status')).toHaveText(/^新規 3 件、変更 0 件、変更なし 0 件/);
      await preview.getByRole('button', { name: '3 件の数値を取り込む' }).click();
      await expect(page.getByRole('status').filter({ hasText: '取り込みました' })).toContainText('3 件の数値を deals.csv から取り込みました。');
      await expect(await app.field('受注数', '2026年11月')).toHaveValue('1');
      await expect(await app.field('受注金額', '2026年11月')).toHaveValue('¥1,200,000');
      await expect(await app.field('商談数', '2026年11月')).toHaveValue('2');
    });
  });
});
