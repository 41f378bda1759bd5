import { readFile } from 'node:fs/promises';
import { test, expect, SEED_COUNTS, FunnelApp } from './app';

async function fillSeedPlan(app: FunnelApp) {
  await app.open('numbers');
  await app.enterCounts(SEED_COUNTS);
  await app.enterCounts({ 'Lost: price': '6', 'Lost: timing': '3' });
  await app.navLink('KPIs').click();
  await app.page.getByLabel('Count target (November 2026)').nth(1).fill('300');
  await app.page.getByLabel('Conversion target (%) (November 2026)').first().fill('30');
  await app.navLink('Dashboard').click();
}

function card(app: FunnelApp, title: string | RegExp) {
  return app.page.getByRole('region', { name: title });
}

test.describe('Dashboard', () => {
  test('shows every chart with numbers a table can repeat', async ({ app, page }, testInfo) => {
    await fillSeedPlan(app);
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
    for (const title of ['Funnel', 'Conversion vs target', 'Trend', /Stage targets this month/, 'Lost reasons']) {
      await expect(card(app, title).getByRole('img')).toBeVisible();
    }
    await expect(app.kpi('Lead → opportunity')).toContainText('4.0%');
    await page.screenshot({ path: testInfo.outputPath('dashboard-en.png'), fullPage: true });

    const conversion = card(app, 'Conversion vs target');
    await conversion.getByRole('button', { name: 'Show as table' }).click();
    await expect(conversion.getByRole('button', { name: 'Show as table' })).toHaveAttribute('aria-pressed', 'true');
    await expect(conversion.getByRole('img')).toBeHidden();
    const row = conversion.getByRole('row', { name: /Lead generation → Lead nurturing/ });
    await expect(row).toContainText('25.0%');
    await expect(row).toContainText('30.0%');
    await expect(row).toContainText('−5.0 pt');
    await expect(row).toContainText('Off track');

    const targets = card(app, /Stage targets this month/);
    await targets.getByRole('button', { name: 'Show as table' }).click();
    await expect(targets.getByRole('row', { name: /Lead nurturing/ })).toContainText('50');

    const lost = card(app, 'Lost reasons');
    await lost.getByRole('button', { name: 'Show as table' }).click();
    await expect(lost.getByRole('row', { name: /Lost: price/ })).toContainText('66.7%');
  });

  test.describe('left open overnight', () => {
    // Midnight passes on Playwright's clock.
    test.use({ fakeClock: true });

    test('the dashboard moves to the new day and month by itself', async ({ app, page }) => {
      await fillSeedPlan(app);
      await expect(card(app, 'Stage targets this month (November 2026)')).toBeVisible();
      await app.navLink('Numbers').click();
      await expect(app.grid().getByRole('columnheader', { name: 'November 2026' })).toBeVisible();
      await app.navLink('Dashboard').click();
      // Midnight passes into December; the page checks the day every 30 s.
      await page.clock.setFixedTime(new Date('2026-12-01T00:00:05'));
      await page.clock.runFor(31_000);
      await expect(card(app, 'Stage targets this month (December 2026)')).toBeVisible();
      // The preset range (the last three months) follows the day.
      await app.navLink('Numbers').click();
      await expect(app.grid().getByRole('columnheader', { name: 'December 2026' })).toBeVisible();
      await expect(app.grid().getByRole('columnheader', { name: 'September 2026' })).toHaveCount(0);
    });
  });

  test('charts download as SVG and PNG', async ({ app, page }) => {
    await fillSeedPlan(app);
    const funnel = card(app, 'Funnel');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      funnel.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    // Named after the plan, the chart and the period, and titled with them.
    expect(svg.suggestedFilename()).toBe('Inside sales funnel – Funnel – Sep 1, 2026 – Nov 30, 2026.svg');
    const svgText = await readFile(await svg.path(), 'utf8');
    expect(svgText).toContain('<svg width="1600"');
    expect(svgText).toContain('Sep 1, 2026 – Nov 30, 2026');
    expect(svgText).toContain('Lead nurturing');
    expect(svgText).toContain('1,000');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      funnel.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('Inside sales funnel – Funnel – Sep 1, 2026 – Nov 30, 2026.png');
    const bytes = await readFile(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // Wide enough for a slide, whatever the window: the IHDR width.
    expect(bytes.readUInt32BE(16)).toBe(1600);
    expect(bytes.length).toBeGreaterThan(2000);
  });

  test('the trend follows the chosen KPIs and large fonts redraw the charts', async ({ app, page }) => {
    await fillSeedPlan(app);
    const trend = card(app, 'Trend');
    await trend.getByText('KPIs to plot').click();
    await trend.getByRole('checkbox', { name: 'Contact rate (Percent)', exact: true }).check();
    // One axis, one unit: a money KPI cannot join percentages.
    await expect(trend.getByRole('checkbox', { name: 'CPA (Money per unit)', exact: true })).toBeDisabled();
    await trend.getByRole('button', { name: 'Show as table' }).click();
    await expect(trend.getByRole('columnheader', { name: 'Contact rate', exact: true })).toBeVisible();
    await expect(trend.getByRole('row', { name: /November 2026/ })).toContainText('4.0%');

    const funnel = card(app, 'Funnel').getByRole('img');
    const before = await funnel.screenshot();
    await page.getByLabel('Large fonts for projectors').check();
    await expect.poll(async () => Buffer.compare(await funnel.screenshot(), before)).not.toBe(0);
  });

  test('an empty plan draws sensible empty charts', async ({ app, page }) => {
    await app.open('flow');
    await app.navLink('Dashboard').click();
    for (const title of ['Funnel', 'Conversion vs target', 'Trend', 'Lost reasons']) {
      await expect(card(app, title).getByRole('img')).toBeVisible();
    }
    const conversion = card(app, 'Conversion vs target');
    await conversion.getByRole('button', { name: 'Show as table' }).click();
    await expect(conversion.getByRole('row', { name: /Lead generation → Lead nurturing/ })).toContainText('—');
    await expect(page.locator('main')).not.toContainText(/NaN|Infinity/);
  });
});

test.describe('Dashboard in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('Japanese stage names reach the charts and the downloads', async ({ app, page }, testInfo) => {
    await app.open('numbers');
    await app.enterCounts({ リード数: '1000', 育成リード数: '250' }, '2026年11月');
    await app.navLink('ダッシュボード').click();
    await expect(page.getByRole('heading', { name: 'ダッシュボード', level: 2 })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('dashboard-ja.png'), fullPage: true });
    const funnel = card(app, 'ファネル');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      funnel.getByRole('button', { name: 'SVGをダウンロード' }).click(),
    ]);
    const svgText = await readFile(await svg.path(), 'utf8');
    expect(svgText).toContain('リード獲得');
    expect(svgText).toContain('マーケティング');
    await funnel.getByRole('button', { name: '表で表示' }).click();
    await expect(funnel.getByRole('row', { name: /リード育成/ })).toContainText('25.0%');
  });
});
