import { test, expect, openWithPlan, type FunnelApp } from './app';
import { largePlan } from './large-plan';

/** The largest plan the product promises, on the Numbers page. */
async function openLargePlan(app: FunnelApp) {
  await openWithPlan(app.page, largePlan(), 'numbers');
  await app.chooseRange('Last 12 weeks');
}

const focused = (app: FunnelApp) => app.page.locator(':focus');

test.describe('A grid larger than the screen', () => {
  test('renders only what is in view, and tells screen readers its whole size', async ({ app }) => {
    await openLargePlan(app);
    await app.chooseRange('Last 12 months');
    await app.viewBy('Day');
    const grid = app.grid();
    // 12 stage titles, 96 metrics, 11 step conversions and 23 KPIs, and the header.
    await expect(grid).toHaveAttribute('aria-rowcount', '143');
    // The metric names, 365 days and the range total.
    await expect(grid).toHaveAttribute('aria-colcount', '367');
    await expect(grid.getByRole('row').first()).toHaveAttribute('aria-rowindex', '1');
    const rows = await grid.getByRole('row').count();
    const columns = await grid.getByRole('columnheader').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(50);
    expect(columns).toBeGreaterThan(5);
    expect(columns).toBeLessThan(20);
    // Each rendered cell says which column it is.
    await expect(grid.getByRole('columnheader', { name: 'Range total' })).toHaveAttribute('aria-colindex', '367');
  });

  test('the header row and the names stay in view while the grid scrolls', async ({ app, page }) => {
    await app.open('numbers');
    await app.viewBy('Week');
    const box = page.locator('.grid-scroll');
    await box.evaluate((element) => element.scrollBy(700, 900));
    const header = app.grid().getByRole('columnheader', { name: 'Metric' });
    const rowName = app.grid().getByRole('rowheader').nth(3);
    await expect(rowName).toBeVisible();
    const [boxAt, headerAt, nameAt] = await Promise.all([box.boundingBox(), header.boundingBox(), rowName.boundingBox()]);
    expect(Math.abs(headerAt!.y - boxAt!.y)).toBeLessThan(3);
    expect(Math.abs(nameAt!.x - boxAt!.x)).toBeLessThan(3);
  });

  test('arrow keys, Enter and Tab reach cells that were not rendered, and typing counts there', async ({ app, page }) => {
    await openLargePlan(app);
    await (await app.field('Metric 1.1', 'W37 Sep 7')).click();
    await expect(app.cell('Metric 9.3', 'W37 Sep 7')).toHaveCount(0);
    await expect(app.cell('Metric 1.1', 'W48 Nov 23')).toHaveCount(0);
    // 66 rows down: the 67th metric, in stage 9.
    for (let i = 0; i < 66; i++) await page.keyboard.press('ArrowDown');
    await expect(focused(app)).toHaveAccessibleName('Metric 9.3 W37 Sep 7');
    // W40 holds a day's figure in this plan (its Thursday is in October):
    // a read-only sum that Tab passes over.
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    await expect(focused(app)).toHaveAccessibleName('Metric 9.3 W48 Nov 23');
    await page.keyboard.press('Enter');
    await expect(focused(app)).toHaveAccessibleName('Metric 9.4 W48 Nov 23');
    await page.keyboard.press('Shift+Tab');
    await expect(focused(app)).toHaveAccessibleName('Metric 9.4 W47 Nov 16');
    await page.keyboard.type('4321');
    await expect(focused(app)).toHaveValue('4321');
    // Back at the top left and down again: the value is the plan's.
    await page.locator('.grid-scroll').evaluate((element) => element.scrollTo(0, 0));
    await expect(app.cell('Metric 9.4', 'W47 Nov 16')).toHaveCount(0);
    await expect(await app.field('Metric 9.4', 'W47 Nov 16')).toHaveValue('4,321');
  });

  test('an arrow key jumps over weekly figures to a day far outside the rendered columns', async ({ app, page }) => {
    await openLargePlan(app);
    await app.chooseRange('Last 3 months');
    await app.viewBy('Day');
    // Sep 7–27 are inside three weekly figures; Sep 28 holds a day's figure.
    await (await app.field('Metric 1.1', 'Sun Sep 6')).click();
    await expect(app.cell('Metric 1.1', 'Mon Sep 28')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(focused(app)).toHaveAccessibleName('Metric 1.1 Mon Sep 28');
    // The arrow leaves a field from the start of its text.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await expect(focused(app)).toHaveAccessibleName('Metric 1.1 Sun Sep 6');
  });

  test('a pasted block fills rows and columns that are not rendered', async ({ app, page }) => {
    await openLargePlan(app);
    // 30 metric rows × the 4 weeks of November, each value telling its place.
    const block = Array.from({ length: 30 }, (_, row) =>
      Array.from({ length: 4 }, (_, column) => String(row * 4 + column + 1)).join('\t'),
    ).join('\n');
    await (await app.field('Metric 1.1', 'W45 Nov 2')).evaluate((element, text) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', text);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, block);
    const question = page.getByRole('alertdialog');
    await expect(question).toContainText('Paste 120 values (W45 Nov 2 – W48 Nov 23)?');
    await question.getByRole('button', { name: 'Paste' }).click();
    // Row 30 is Metric 4.6; its last week holds the block's last value.
    await expect(await app.field('Metric 4.6', 'W48 Nov 23')).toHaveValue('120');
    await expect(await app.field('Metric 2.3', 'W46 Nov 9')).toHaveValue(String(10 * 4 + 1 + 1));
    await expect(await app.field('Metric 1.1', 'W45 Nov 2')).toHaveValue('1');
  });
});
