import { test, expect } from './app';

/** Serves dist/ only under /some/sub/path/ (see serve.mjs). */
const SUB_PATH_SITE = 'http://127.0.0.1:4174/some/sub/path/';

test.describe('Static hosting', () => {
  test('dist/ works from a sub-path with deep links in the fragment', async ({ app, page }) => {
    await app.open('numbers', SUB_PATH_SITE);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Numbers');
    await app.enterCounts({ Leads: '10', 'Nurtured leads': '5' });
    expect(await app.rates('Lead nurturing')).toEqual(['50.0%', '50.0%']);
    await app.navLink('Flow').click();
    await expect(page).toHaveURL(/\/some\/sub\/path\/#\/p\/main\/flow$/);
  });

  test('the sub-path server serves nothing at the root', async ({ page }) => {
    const response = await page.request.get('http://127.0.0.1:4174/index.html');
    expect(response.status()).toBe(404);
  });

  test('unknown routes fall back to the flow page', async ({ app, page }) => {
    await page.goto('/#/no-such-page');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Flow: stages and owners');
    await expect(app.navLink('Flow')).toHaveAttribute('aria-current', 'page');
  });

  test('back and forward move between pages', async ({ app, page }) => {
    await app.open('flow');
    await app.navLink('Numbers').click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Numbers');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Flow: stages and owners');
  });
});

test.describe('Leaving a page at once', () => {
  // Work a page schedules for its next frame must not outlive the page:
  // back pressed before the Numbers page painted once killed the app.
  test('leaving a page before its first frame leaves the app working', async ({ app, page }) => {
    await app.open('flow');
    for (const leaving of ['numbers', 'kpis', 'dashboard', 'numbers', 'dashboard']) {
      await page.evaluate(async (hash) => {
        const changed = () => new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
        location.hash = hash;
        await changed();
        location.hash = '#/flow';
        await changed();
      }, `#/${leaving}`);
    }
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Flow: stages and owners');
    await app.navLink('Numbers').click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Numbers');
  });
});
