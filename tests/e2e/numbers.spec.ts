import { test, expect, SEED_COUNTS } from './app';

test.describe('Numbers: counts and conversions', () => {
  test.beforeEach(async ({ app }) => {
    await app.open('numbers');
  });

  test('a new plan explains what to do and shows no rates', async ({ app, page }) => {
    await expect(page.getByText("Enter this period's counts for each stage")).toBeVisible();
    expect(await app.rates('Lead nurturing')).toEqual(['—', '—']);
    await expect(app.kpi('Lead → opportunity')).toContainText('—');
  });

  test('the seed example gives the exact rates at every step', async ({ app, page }) => {
    await app.enterCounts(SEED_COUNTS);
    expect(await app.rates('Lead generation')).toEqual(['—', '100.0%']);
    expect(await app.rates('Lead nurturing')).toEqual(['25.0%', '25.0%']);
    expect(await app.rates('Opportunity creation')).toEqual(['16.0%', '4.0%']);
    expect(await app.rates('Hand-off → proposal')).toEqual(['75.0%', '3.0%']);
    expect(await app.rates('Won')).toEqual(['40.0%', '1.2%']);
    await expect(app.kpi('Lead → opportunity')).toContainText('4.0%');
    await expect(app.kpi('Opportunity → won')).toContainText('30.0%');
    await expect(page.getByText("Enter this period's counts for each stage")).toBeHidden();
  });

  test('rates update as the user types, before leaving the field', async ({ app }) => {
    await app.enterCounts({ Leads: '200' });
    await (await app.field('Nurtured leads')).pressSequentially('5');
    expect(await app.rates('Lead nurturing')).toEqual(['2.5%', '2.5%']);
    await (await app.field('Nurtured leads')).pressSequentially('0');
    expect(await app.rates('Lead nurturing')).toEqual(['25.0%', '25.0%']);
  });

  test('a value typed key by key counts only while it is valid; a rejected one never counts', async ({ app, page }) => {
    await app.enterCounts({ Leads: '1000', 'Nurtured leads': '250' });
    await (await app.field('Nurtured leads')).blur();
    const field = (await app.field('Opportunities'));
    const message = page.locator('#' + (await field.getAttribute('aria-describedby')));
    // "12.5": the 12 typed on the way never stays in the funnel.
    await field.pressSequentially('12.5');
    await expect(message).toHaveText('Counts are whole numbers.');
    expect(await app.rates('Opportunity creation')).toEqual(['—', '—']);
    await field.blur();
    await expect(field).toHaveValue('');
    await expect(message).toContainText('“12.5” is not a valid entry and was not counted');
    for (const typing of ['1,2,3', '99999999999999999999']) {
      await field.pressSequentially(typing);
      expect(await app.rates('Opportunity creation'), typing).toEqual(['—', '—']);
      await field.blur();
      await expect(field).toHaveValue('');
    }
    // An edit that starts from a counted value falls back to it.
    await field.pressSequentially('40');
    await field.blur();
    await field.press('End');
    await field.pressSequentially('.5');
    expect(await app.rates('Opportunity creation')).toEqual(['16.0%', '4.0%']);
    await field.press('Escape');
    await expect(field).toHaveValue('40');
    // Undo and redo with the keys while typing: the next invalid typing
    // falls back to what the plan holds after the redo, not before it.
    await field.press('End');
    await field.pressSequentially('0');
    await page.keyboard.press('Control+z');
    await expect(field).toHaveValue('40');
    await page.keyboard.press('Control+y');
    await expect(field).toHaveValue('400');
    await field.press('End');
    await field.pressSequentially('x');
    expect(await app.rates('Opportunity creation')).toEqual(['160.0%', '40.0%']);
    await field.blur();
    await expect(field).toHaveValue('400');
    // The whole typing of one field is one undo step.
    await page.getByRole('button', { name: 'Undo: change counts' }).click();
    await expect(field).toHaveValue('40');
  });

  test('a zero denominator shows a dash, never NaN or Infinity', async ({ app, page }) => {
    await app.enterCounts({ Leads: '0', 'Nurtured leads': '5', Opportunities: '0' });
    expect(await app.rates('Lead nurturing')).toEqual(['—', '—']);
    expect(await app.rates('Opportunity creation')).toEqual(['0.0%', '—']);
    await expect(app.kpi('Opportunity → won')).toContainText('—');
    await expect(page.locator('main')).not.toContainText(/NaN|Infinity|∞/);
  });

  test('separators, full-width digits and spaces are accepted and tidied', async ({ app }) => {
    await app.enterCounts({ Leads: '1,000', 'Nurtured leads': ' １２５０ ' });
    expect(await app.rates('Lead nurturing')).toEqual(['125.0%', '125.0%']);
    await (await app.field('Nurtured leads')).blur();
    await expect(await app.field('Nurtured leads')).toHaveValue('1,250');
    await expect(await app.field('Leads')).toHaveValue('1,000');
  });

  for (const [input, message] of [
    ['-5', 'Counts cannot be negative.'],
    ['2.5', 'Counts are whole numbers.'],
    ['abc', 'Enter digits only, like 1,234.'],
    ['1e308', 'Enter digits only, like 1,234.'],
    ['99999999999999', 'That number is too large.'],
    ['<b>7</b>', 'Enter digits only, like 1,234.'],
  ]) {
    test(`bad input ${JSON.stringify(input)} is explained and changes nothing`, async ({ app, page }) => {
      await app.enterCounts({ Leads: '400', 'Nurtured leads': '100' });
      const field = (await app.field('Nurtured leads'));
      // A later edit of a counted value: it falls back to that value.
      await field.blur();
      await field.fill(input);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(message);
      expect(await app.rates('Lead nurturing')).toEqual(['25.0%', '25.0%']);
      // Still the last valid value after a reload.
      await page.reload();
      await expect(await app.field('Nurtured leads')).toHaveValue('100');
    });
  }

  test('clearing a cell makes its count unknown; fixing a bad entry clears the message', async ({ app }) => {
    await app.enterCounts({ Leads: '10', 'Nurtured leads': '5' });
    const field = (await app.field('Won deals'));
    await field.fill('x');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('7');
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await (await app.field('Nurtured leads')).fill('');
    expect(await app.rates('Lead nurturing')).toEqual(['—', '—']);
  });

  test('the funnel chart is drawn and redrawn on every change', async ({ app, page }) => {
    const chart = page.getByRole('img', { name: 'Funnel chart of the counts in the range' });
    await expect(chart).toBeVisible();
    const empty = await chart.screenshot();
    await app.enterCounts(SEED_COUNTS);
    await expect.poll(async () => Buffer.compare(await chart.screenshot(), empty)).not.toBe(0);
    const filled = await chart.screenshot();
    await app.enterCounts({ 'Won deals': '20' });
    await expect.poll(async () => Buffer.compare(await chart.screenshot(), filled)).not.toBe(0);
  });
});
