import { test, expect, THIS_MONTH, type FunnelApp } from './app';

/** Pastes `text` into a grid field as a spreadsheet's clipboard would. */
async function paste(app: FunnelApp, metric: string, period: string, text: string) {
  await (await app.field(metric, period)).evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('Pasting a block', () => {
  test('rows with labels go to the metrics they name, shown first', async ({ app, page }) => {
    await app.open('numbers');
    await paste(app, 'Leads', 'September 2026', 'Metric\tSep\tOct\nCalls\t300\t310\nLead generation\t90\t95\n');
    const preview = page.getByRole('alertdialog');
    await expect(preview).toContainText('Paste 4 values (September 2026 – October 2026)?');
    await expect(preview).toContainText('Rows go to the metrics their labels name.');
    await expect(await app.field('Calls', 'September 2026')).toHaveValue('');
    await preview.getByRole('button', { name: 'Paste' }).click();
    await expect(preview).toBeHidden();
    await expect(await app.field('Calls', 'September 2026')).toHaveValue('300');
    await expect(await app.field('Calls', 'October 2026')).toHaveValue('310');
    await expect(await app.field('Leads', 'October 2026')).toHaveValue('95');
    await expect(await app.field('Site visits', 'September 2026')).toHaveValue('');
    // One step to undo.
    await page.getByRole('button', { name: /^Undo/ }).click();
    await expect(await app.field('Calls', 'September 2026')).toHaveValue('');
    await expect(await app.field('Leads', 'October 2026')).toHaveValue('');
  });

  test('a label no metric has refuses the block and names it', async ({ app, page }) => {
    await app.open('numbers');
    await paste(app, 'Leads', THIS_MONTH, 'Calls\t5\nDemos\t6\n');
    await expect(page.getByRole('alert')).toContainText('no single metric is named Demos');
    await expect(await app.field('Calls')).toHaveValue('');
  });

  test('overwriting values and crossing into the next stage are shown before and after', async ({ app, page }) => {
    await app.open('numbers');
    await app.enterCounts({ 'Webinar attendees': '40' });
    // The first stage's last two rows, then on into Lead nurturing.
    await paste(app, 'Webinar registrations', THIS_MONTH, '50\n45\n250\n');
    const preview = page.getByRole('alertdialog');
    await expect(preview).toContainText('The block runs across stages: Lead generation → Lead nurturing.');
    await expect(preview).toContainText('Values it replaces (1):');
    await expect(preview).toContainText('• Lead generation · Webinar attendees · November 2026: 40 → 45');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(await app.field('Webinar attendees')).toHaveValue('40');
    await expect(await app.field('Webinar registrations')).toBeFocused();
    // Into empty cells of one stage: pasted at once, as before.
    await paste(app, 'Leads', 'September 2026', '10\t20\n');
    await expect(preview).toBeHidden();
    await expect(await app.field('Leads', 'October 2026')).toHaveValue('20');
  });

  test('Japanese labels match the Japanese plan', async ({ app, page }) => {
    await page.addInitScript(() => localStorage.setItem('funnel-planner/lang', 'ja'));
    await page.goto('/#/numbers');
    await page
      .getByRole('textbox', { name: 'リード数 2026年11月', exact: true })
      .evaluate((el, data) => {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', data);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, 'リード育成・架電数\t３００\n');
    const preview = page.getByRole('alertdialog');
    await expect(preview).toContainText('1 個の値を貼り付けますか?');
    await preview.getByRole('button', { name: '貼り付ける' }).click();
    await expect(page.getByRole('textbox', { name: '架電数 2026年11月', exact: true })).toHaveValue('300');
  });
});
