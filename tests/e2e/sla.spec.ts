import type { Locator } from '@playwright/test';
import { test, expect, type FunnelApp } from './app';
import { pdfText } from './pdf-text';

/** Takes the proposal for a hand-off; the agreement's card. */
async function agreeOn(app: FunnelApp, handOff: string) {
  await app.page.getByRole('button', { name: new RegExp(`Agree on ${handOff}`) }).click();
  return app.page.getByRole('article', { name: handOff });
}

/** Adds a promise to a card with the value typed; its value field. */
async function addPromise(card: Locator, value: string) {
  await card.getByRole('button', { name: 'Add promise' }).click();
  const field = card.getByRole('textbox', { name: /^Value:/ }).last();
  await expect(field).toBeFocused();
  await field.fill(value);
  await field.press('Tab');
  return field;
}

/** Types a figure into the grid for this month and leaves the field. */
async function count(app: FunnelApp, metric: string, value: string, period?: string) {
  const field = await app.field(metric, period);
  await field.fill(value);
  await field.press('Tab');
}

test.describe('Agreements between departments', () => {
  test('an agreement with two promises is checked against the counts on the Flow page and the Dashboard', async ({
    app,
    page,
  }) => {
    await app.open('flow');
    const card = await agreeOn(app, 'Marketing → Inside sales');
    await expect(card.getByRole('textbox', { name: 'Qualifying criteria, one per line' })).toHaveValue(
      'Form submitted\nDocument requested\nWebinar attended',
    );
    // The proposal is taken; the next hand-off is still proposed.
    await expect(page.getByRole('button', { name: /Agree on Marketing → Inside sales/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Agree on Inside sales → Field sales/ })).toBeVisible();

    // Marketing hands over at least 300 leads a month.
    await addPromise(card, '300');
    await expect(card.getByRole('combobox', { name: /^Measured on:/ }).first().locator('option:checked')).toHaveText(
      'Lead generation · Leads',
    );

    // Inside sales keeps its contact rate at 25 % or more.
    await card.getByRole('button', { name: 'Add promise' }).click();
    await card.getByRole('combobox', { name: /^Measured on:/ }).nth(1).selectOption({ label: 'Contact rate' });
    await card.getByRole('combobox', { name: /^Kept by:/ }).nth(1).selectOption({ label: 'Inside sales' });
    const rate = card.getByRole('textbox', { name: /^Value:/ }).nth(1);
    // Bad values are explained where they are typed, and change nothing.
    await rate.fill('abc');
    await expect(card.getByRole('listitem').nth(1)).toContainText('Enter digits only');
    await rate.fill('-5');
    await expect(card.getByRole('listitem').nth(1)).toContainText('Counts cannot be negative.');
    await rate.fill('150');
    await expect(card.getByRole('listitem').nth(1)).toContainText('A rate is at most 100%.');
    await rate.fill('25');
    await rate.press('Tab');
    await expect(card.getByRole('listitem').nth(1)).not.toContainText('at most 100%');

    await app.navLink('Numbers').click();
    await count(app, 'Leads', '200');
    await count(app, 'Calls', '100');
    await count(app, 'Contacts', '30');

    await app.navLink('Flow').click();
    const history = card.getByRole('table', { name: /Promises kept/ });
    const november = (promise: string) =>
      history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: promise }) }).getByRole('cell').last();
    await expect(november('Marketing: Leads ≥ 300')).toHaveText('✗ Breached 200 (−40)');
    await expect(november('Inside sales: Contact rate ≥ 25.0%')).toHaveText('✓ Met 30.0%');
    const agreements = page.getByRole('region', { name: 'Agreements between departments (SLA)' });
    await expect(agreements.getByRole('listitem').filter({ hasText: 'Marketing: kept' })).toHaveText(
      'Marketing: kept 0 of 1 · 2 without data',
    );
    await expect(agreements.getByRole('listitem').filter({ hasText: 'Inside sales: kept' })).toHaveText(
      'Inside sales: kept 1 of 1 · 2 without data',
    );

    await app.navLink('Dashboard').click();
    const dashboard = page.getByRole('region', { name: 'Promises kept' });
    await expect(dashboard.getByRole('table')).toContainText('✗ Breached 200 (−40)');
    await expect(dashboard).toContainText('Marketing: kept 0 of 1');

    // A KPI a promise uses is not removed; the message names the agreement.
    await app.navLink('KPIs').click();
    await page.getByRole('button', { name: 'Remove: Contact rate' }).click();
    await expect(
      page.getByText("An agreement's threshold uses it; change or remove that threshold first: Marketing → Inside sales"),
    ).toBeVisible();
  });

  test('an agreement is moved, changed and removed, and undo brings it back', async ({ app, page }) => {
    await app.open('flow');
    await page.getByRole('button', { name: 'Add agreement' }).click();
    const card = page.getByRole('article', { name: 'Marketing → Inside sales' });
    await card.getByRole('combobox', { name: 'Receives' }).selectOption({ label: 'Field sales' });
    const moved = page.getByRole('article', { name: 'Marketing → Field sales' });
    await expect(moved).toBeVisible();
    await moved.getByRole('combobox', { name: 'Receives' }).selectOption({ label: 'Marketing' });
    await expect(moved).toContainText('An agreement is between two different departments.');
    // The refused choice does not stay on screen.
    await expect(moved.getByRole('combobox', { name: 'Receives' }).locator('option:checked')).toHaveText('Field sales');
    const follow = moved.getByRole('textbox', { name: 'Follow-up after the hand-off' });
    await follow.fill('Field sales calls back within a day');
    await follow.blur();
    await moved.getByRole('button', { name: 'Remove agreement' }).click();
    await expect(moved).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo: change agreement' }).click();
    await expect(follow).toHaveValue('Field sales calls back within a day');
  });
});

test.describe('Agreements in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a breached promise shows its figure in Japanese', async ({ app, page }) => {
    await app.open('flow');
    await page.getByRole('button', { name: /合意を作成: マーケティング → インサイドセールス/ }).click();
    const card = page.getByRole('article', { name: 'マーケティング → インサイドセールス' });
    await expect(card.getByRole('textbox', { name: '引き渡し条件(1行に1つ)' })).toHaveValue('フォーム送信\n資料請求\nウェビナー参加');
    await card.getByRole('button', { name: '数値の約束を追加' }).click();
    const volume = card.getByRole('textbox', { name: /^基準値:/ }).first();
    await volume.fill('300件');
    await volume.press('Tab');
    await app.navLink('数値').click();
    await count(app, 'リード数', '200', '2026年11月');
    await app.navLink('フロー').click();
    await expect(card.getByRole('table')).toContainText('✗ 未達 200 (−40)');
    await expect(page.getByText('マーケティング: 0件 / 1件を遵守')).toBeVisible();
  });
});

test.describe('The agreement sheet', () => {
  test('prints each agreement with its criteria, promises and a signature line per department', async ({
    app,
    page,
  }) => {
    await app.open('flow');
    const card = await agreeOn(app, 'Marketing → Inside sales');
    await addPromise(card, '300');
    await card.getByRole('textbox', { name: 'Follow-up after the hand-off' }).fill('Inside sales calls within one working day');
    await card.getByRole('textbox', { name: 'Follow-up after the hand-off' }).blur();
    await page.getByRole('link', { name: 'Print the agreement sheet' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Service-level agreements');

    for (const format of ['A4', 'Letter'] as const) {
      const pages = await pdfText(await page.pdf({ format }));
      expect(pages, format).toHaveLength(1);
      const text = pages[0];
      for (const expected of [
        'Service-level agreements',
        'Marketing → Inside sales',
        'Form submitted',
        'Webinar attended',
        'Inside sales calls within one working day',
        'Marketing: Leads ≥ 300',
        'Marketing · Name, signature and date',
        'Inside sales · Name, signature and date',
        // The flow drawn as swimlanes above, its hand-off judged.
        'The flow across departments',
        '— No data',
        '— No SLA',
      ]) {
        expect(text, `${format}: ${expected}`).toContain(expected);
      }
      // Only the sheet prints: no navigation, no buttons.
      expect(text).not.toContain('Dashboard');
      expect(text).not.toContain('Back to the flow');
    }
  });
});

test.describe('The agreement sheet in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('is worded in Japanese', async ({ app, page }) => {
    await app.open('flow');
    await page.getByRole('button', { name: /合意を作成: マーケティング → インサイドセールス/ }).click();
    await page.getByRole('link', { name: '合意書を印刷' }).click();
    const [text] = await pdfText(await page.pdf({ format: 'A4' }));
    for (const expected of ['部門間合意書(SLA)', 'フォーム送信', 'マーケティング · 氏名・署名・日付', 'インサイドセールス · 氏名・署名・日付']) {
      expect(text).toContain(expected);
    }
  });
});
