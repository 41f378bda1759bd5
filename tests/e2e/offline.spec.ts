import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test.describe('Installable', () => {
  for (const base of ['/', 'http://127.0.0.1:4174/some/sub/path/']) {
    test(`the manifest names the app, starts at its own folder, and its icons load (served at ${base})`, async ({
      page,
    }) => {
      await page.goto(`${base}#/flow`);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      const href = await page.locator('link[rel="manifest"]').evaluate((link: HTMLLinkElement) => link.href);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      const manifest = await response.json();
      expect(manifest.name).toBe('Funnel Planner');
      expect(manifest.display).toBe('standalone');
      // Relative to the manifest: the folder the app is served from.
      expect(new URL(manifest.start_url, href).href).toBe(new URL(base, page.url()).href);
      const icons: { src: string; sizes: string; purpose: string }[] = manifest.icons;
      expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
      for (const icon of icons) {
        const image = await page.request.get(new URL(icon.src, href).href);
        expect(image.status(), icon.src).toBe(200);
        expect(image.headers()['content-type'], icon.src).toContain('image/png');
        const size = await page.evaluate(async (url) => {
          const bitmap = await createImageBitmap(await (await fetch(url)).blob());
          return `${bitmap.width}x${bitmap.height}`;
        }, new URL(icon.src, href).href);
        expect(size, icon.src).toBe(icon.sizes);
      }
      // They work offline too: the worker caches them with the app.
      const cached = await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        const names = await caches.keys();
        const cache = await caches.open(names.find((name) => name.startsWith('funnel-planner-')) ?? '');
        return (await cache.keys()).map((request) => new URL(request.url).pathname.split('/').pop());
      });
      expect(cached).toEqual(expect.arrayContaining(['manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png']));
      // Chromium itself finds nothing that stops installing it, but that a
      // test's browser context is incognito, where nothing is installed.
      const devtools = await page.context().newCDPSession(page);
      const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
      expect(installabilityErrors.map((error) => error.errorId)).toEqual(['in-incognito']);
    });
  }
});

test.describe('A new deployment', () => {
  test('is offered with "A new version is available", and reloading keeps what was just typed', async ({
    app,
    page,
  }) => {
    // A site of its own, so the test can deploy a new version to it.
    const site = mkdtempSync(join(tmpdir(), 'funnel-planner-site-'));
    cpSync('dist', site, { recursive: true });
    const port = 4180 + test.info().workerIndex;
    const server = spawn('node', ['tests/e2e/serve.mjs', site, String(port)], { stdio: 'ignore' });
    try {
      const base = `http://127.0.0.1:${port}/`;
      await expect.poll(() => fetch(base).then((r) => r.status).catch(() => 0)).toBe(200);
      await page.goto(`${base}#/numbers`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await expect(page.getByRole('status').filter({ hasText: 'A new version is available.' })).toHaveCount(0);

      // The new deployment: a different worker.
      appendFileSync(join(site, 'sw.js'), '\n// the next deployment\n');
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const notice = page.getByRole('status').filter({ hasText: 'A new version is available.' });
      await expect(notice).toBeVisible();

      // Typed just now, and not saved yet when the user reloads.
      await (await app.field('Leads')).fill('77');
      await notice.getByRole('button', { name: 'Reload' }).click();
      await expect(notice).toHaveCount(0);
      await expect(await app.field('Leads')).toHaveValue('77');
      // The new worker is in charge.
      expect(await page.evaluate(() => fetch('./sw.js').then((r) => r.text()))).toContain('the next deployment');
    } finally {
      server.kill();
      rmSync(site, { recursive: true, force: true });
    }
  });
});
