import { test, expect, type Page } from '@playwright/test';

/** Serves dist/ only under /some/sub/path/ (see serve.mjs). */
const SUB_PATH_SITE = 'http://127.0.0.1:4174/some/sub/path/';

type Attempt = 'request' | 'script' | 'inline script' | 'inline handler';

/**
 * Tries something a plan's text could never make the app do, and resolves
 * with the directive the policy reports as violated, or 'allowed' when
 * nothing is reported in 2 s.
 */
function violation(page: Page, attempt: Attempt): Promise<string> {
  return page.evaluate(
    (attempt) =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        setTimeout(() => resolve('allowed'), 2000);
        const script = document.createElement('script');
        if (attempt === 'request') {
          fetch('http://localhost:9/steal').catch(() => {});
        } else if (attempt === 'script') {
          script.src = 'http://localhost:9/x.js';
          document.head.append(script);
        } else if (attempt === 'inline script') {
          script.textContent = 'window.injected = 1';
          document.head.append(script);
        } else {
          const button = document.createElement('button');
          button.setAttribute('onclick', 'window.injected = 1');
          document.body.append(button);
          button.click();
        }
      }),
    attempt,
  );
}

// The app's own pages never break the policy: every other spec fails on a
// console error, which is what a refused script, style or request logs.
test.describe('Content-Security-Policy', () => {
  for (const site of ['/', SUB_PATH_SITE]) {
    test(`only the app's own files run or are fetched (${site})`, async ({ page }) => {
      const refused: string[] = [];
      page.on('console', (m) => m.type() === 'error' && refused.push(m.text()));
      await page.goto(`${site}#/dashboard`);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      // The app works under the policy: nothing was refused on the way.
      expect(refused).toEqual([]);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("connect-src 'self'");
      // A request, a script or an inline handler from elsewhere is refused.
      expect(await violation(page, 'request')).toBe('connect-src');
      expect(await violation(page, 'script')).toBe('script-src-elem');
      expect(await violation(page, 'inline script')).toBe('script-src-elem');
      expect(await violation(page, 'inline handler')).toBe('script-src-attr');
      expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    });
  }
});
