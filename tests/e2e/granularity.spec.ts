import { test, expect } from './app';

// Figures keep the granularity they were typed in: a month's figure is a
// month's, and never adds up with weekly or daily ones.
test.describe('Counts keep the granularity they were entered at', () => {
  test.beforeEach(async ({ app }) => {
    await app.open('numbers');
  });

  test('a month total and weekly figures are never added together', async ({ app, page }) => {
    await (await app.field('Leads')).pressSequentially('100');
    await app.viewBy('Week');
    const band = page.getByRole('button', {
      name: 'November 2026: 100 for the whole month, not split by week or day',
    });
    await app.scrollGridTo('Leads', 'W45 Nov 2');
    await expect(band).toBeVisible();
    // Not a spike in the week of Oct 26 – Nov 1, and no field to type over it.
    await expect(await app.field('Leads', 'W44 Oct 26 †')).toHaveValue('');
    await expect(await app.field('Leads', 'W45 Nov 2')).toHaveCount(0);

    // Asked first; keeping it changes nothing.
    await band.click();
    const question = page.getByRole('alertdialog');
    await expect(question).toContainText('Leads has a monthly total of 100 for November 2026.');
    await expect(question.getByRole('button', { name: 'Remove the monthly total' })).toBeFocused();
    await question.getByRole('button', { name: 'Keep it' }).click();
    await expect(question).toBeHidden();
    await expect(band).toBeFocused();

    // Replacing it: the weeks are typed, and November counts them only.
    await band.click();
    await question.getByRole('button', { name: 'Remove the monthly total' }).click();
    await expect(await app.field('Leads', 'W45 Nov 2')).toBeFocused();
    await (await app.field('Leads', 'W45 Nov 2')).pressSequentially('30');
    await app.viewBy('Month');
    await expect((await app.gridRow('Leads')).getByRole('cell').nth(2)).toHaveText(/^30/);
    await expect(await app.gridRow('Leads')).not.toContainText('130');
    // The month is now the weeks' sum, and says where to change it.
    await expect(await app.field('Leads')).toHaveCount(0);
    await expect((await app.gridRow('Leads')).getByTitle('The sum of 1 weekly figures: change them in the Week view.')).toBeVisible();

    // Undo brings the month total back in one step each.
    await page.getByRole('button', { name: /^Undo/ }).click();
    await page.getByRole('button', { name: /^Undo/ }).click();
    await expect(await app.field('Leads')).toHaveValue('100');
  });

  test('a week across two months counts in the month of its Thursday, and says so', async ({ app, page }) => {
    await app.viewBy('Week');
    await expect(page.getByText('A week that spans two months counts in the month of its Thursday')).toBeVisible();
    // Oct 26 – Nov 1: its Thursday is Oct 29.
    await (await app.field('Calls', 'W44 Oct 26 †')).pressSequentially('70');
    await app.viewBy('Month');
    await expect((await app.gridRow('Calls')).getByRole('cell').nth(1)).toHaveText(/^70/);
    await expect(await app.field('Calls')).toHaveValue('');
  });

  test('the day view shows a month figure as a band, not on the 1st', async ({ app, page }) => {
    await (await app.field('Leads')).fill('100');
    await app.chooseRange('This month, daily');
    await expect(await app.field('Leads', 'Sun Nov 1')).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: 'November 2026: 100 for the whole month, not split by week or day' }),
    ).toBeVisible();
    // The range is the whole month, so it counts the month's figure.
    await expect((await app.gridRow('Leads')).getByRole('cell').last()).toHaveText('100');
  });
});
