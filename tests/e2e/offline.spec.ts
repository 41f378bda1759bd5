import { test, expect } from './app';

test.describe('Offline after the first visit', () => {
  for (const base of ['/', 'http://127.0.0.1:4174/some/sub/path/']) {
    test(`the app loads, counts and saves with no network (served at ${base})`, async ({ app, page, context }) => {
      await page.goto(`${base}#/numbers`);
      await expect(app.grid()).toBeVisible();
      // The worker has cached every asset and controls the page.
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await context.setOffline(true);
      await page.reload();
      await (await app.field('Leads')).fill('42');
      await expect(app.row('Lead generation')).toContainText('42');
      await page.reload();
      await expect(await app.field('Leads')).toHaveValue('42');
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    });
  }
});
