import { readFile } from 'node:fs/promises';
import { test, expect, freshPage, type FunnelApp } from './app';
import type { Browser, Page } from '@playwright/test';

/** The words of one language, for the same walk through. */
interface Words {
  nav: { plans: string; numbers: string; language: 'Language' | '言語' };
  download: string;
  choose: string;
  importCard: string;
  leads: string;
  month: string;
  planName: string;
  preview: (file: string) => string;
  counts: RegExp;
  replace: string;
  addNew: string;
  added: (name: string) => string;
  removed: (name: string) => string;
  undoAdd: string;
  cancel: string;
  imported: (name: string) => string;
  undo: string;
  notJson: RegExp;
  newer: RegExp;
  huge: RegExp;
}

const EN: Words = {
  nav: { plans: 'Plans', numbers: 'Numbers', language: 'Language' },
  download: 'Download plan (JSON)',
  choose: 'Choose a plan file',
  importCard: 'Import',
  leads: 'Leads',
  month: 'November 2026',
  planName: 'Inside sales funnel',
  preview: (file) => `What ${file} holds`,
  counts: /^Nov 1, 2026 – Nov 30, 2026, figures: 1 \(changed\)$/,
  replace: 'Replace the open plan',
  addNew: 'Add as a new plan',
  added: (name) => `Added “${name}” as a new plan.`,
  removed: (name) => `Deleted “${name}”.`,
  undoAdd: 'Undo',
  cancel: 'Cancel',
  imported: (name) => `Imported “${name}”. Undo brings the previous plan back.`,
  undo: 'Undo: replace plan',
  notJson: /broken\.json was not imported: The data is not readable \(not valid JSON\)\./,
  newer: /newer\.json was not imported: The plan was saved by a newer version of Funnel Planner \(format 99\)\./,
  huge: /^huge\.json was not imported: The data is too large to be a plan\.$/,
};

const JA: Words = {
  nav: { plans: 'プラン', numbers: '数値', language: '言語' },
  download: 'プランをダウンロード(JSON)',
  choose: 'プランのファイルを選ぶ',
  importCard: '読み込み',
  leads: 'リード数',
  month: '2026年11月',
  planName: 'インサイドセールスのファネル',
  preview: (file) => `${file} の内容`,
  counts: /^2026年11月1日 – 2026年11月30日\(1件\) \(変更あり\)$/,
  replace: '開いているプランを置き換える',
  addNew: '新しいプランとして追加',
  added: (name) => `「${name}」を新しいプランとして追加しました。`,
  removed: (name) => `「${name}」を削除しました。`,
  undoAdd: '元に戻す',
  cancel: 'キャンセル',
  imported: (name) => `「${name}」を読み込みました。元に戻すと前のプランに戻ります。`,
  undo: '元に戻す: プラン置き換え',
  notJson: /broken\.json は読み込めませんでした: データを読めません\(JSON として不正です\)。/,
  newer: /newer\.json は読み込めませんでした: 新しいバージョンのファネルプランナーで保存されたプランです\(形式 99\)。/,
  huge: /^huge\.json は読み込めませんでした: データが大きすぎるため、プランとして読めません。$/,
};

/** The preview table's cell of a row, in the file's column. */
function fileCell(page: Page, row: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).getByRole('cell').nth(1);
}

/**
 * A plan with November's leads is exported; a fresh browser imports it
 * after a preview, finds the count on the Numbers page, and undoes it;
 * a broken file and one from a newer version are refused and change
 * nothing.
 */
async function exportAndImport(app: FunnelApp, page: Page, browser: Browser, w: Words, locale: string) {
  await app.open('numbers');
  await (await app.field(w.leads, w.month)).fill('420');
  await page.keyboard.press('Tab');
  await app.navLink(w.nav.plans).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.download }).click()]);
  expect(download.suggestedFilename()).toMatch(/-2026-11-24\.json$/);
  const file = await readFile(await download.path());
  expect(JSON.parse(file.toString()).plan.name).toBe(w.planName);

  const { page: other, errors } = await freshPage(browser, locale);
  const fresh = new (app.constructor as new (page: Page) => FunnelApp)(other);
  await other.goto('/#/plans');
  const input = other.getByLabel(w.choose);
  await expect(other.getByRole('status').filter({ hasText: /Saved|保存済み/ })).toBeVisible();
  const stored = () => other.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const before = await stored();
  // A broken file and a newer one say why and leave everything as it was.
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: file.subarray(0, file.length / 2) });
  await expect(other.getByRole('region', { name: w.importCard, exact: true }).getByRole('alert')).toHaveText(w.notJson);
  const newer = file.toString().replace(/"version":\d+/, '"version":99');
  await input.setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await expect(other.getByRole('region', { name: w.importCard, exact: true }).getByRole('alert')).toHaveText(w.newer);
  // Over the limit: refused before it is read.
  await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(7 * 1024 * 1024, ' ') });
  await expect(other.getByRole('region', { name: w.importCard, exact: true }).getByRole('alert')).toHaveText(w.huge);
  await expect(other.getByRole('button', { name: w.replace })).toHaveCount(0);
  // Every stored byte as it was.
  expect(await stored()).toBe(before);

  // The preview shows what the file holds beside the open plan; nothing
  // changes on Cancel.
  const name = download.suggestedFilename();
  await input.setInputFiles({ name, mimeType: 'application/json', buffer: file });
  await expect(other.getByRole('heading', { name: w.preview(name) })).toBeVisible();
  await expect(fileCell(other, locale === 'en-US' ? 'Counts' : '数値')).toHaveText(w.counts);
  await other.getByRole('button', { name: w.cancel }).click();
  await expect(other.getByRole('heading', { name: w.preview(name) })).toHaveCount(0);
  // Added as a new plan: the open plan stays as it was, the library lists
  // both, and the status line takes the addition back.
  const plans = other.getByRole('table', { name: /^(Plans in this browser|このブラウザのプラン)$/ }).getByRole('row');
  await expect(plans).toHaveCount(2);
  await input.setInputFiles({ name, mimeType: 'application/json', buffer: file });
  await other.getByRole('button', { name: w.addNew }).click();
  const added = other.getByRole('status').filter({ hasText: w.added(w.planName) });
  await expect(added).toBeFocused();
  await expect(plans).toHaveCount(3);
  await added.getByRole('button', { name: w.undoAdd }).click();
  await expect(other.getByRole('status').filter({ hasText: w.removed(w.planName) })).toBeVisible();
  await expect(plans).toHaveCount(2);
  await fresh.navLink(w.nav.numbers).click();
  await expect(await fresh.field(w.leads, w.month)).toHaveValue('');
  await fresh.navLink(w.nav.plans).click();
  // Dropped on the import card, as from a file manager.
  const dropped = await other.evaluateHandle(
    ({ text, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    },
    { text: file.toString(), name },
  );
  await other.getByRole('region', { name: w.importCard, exact: true }).dispatchEvent('drop', { dataTransfer: dropped });
  await expect(other.getByRole('heading', { name: w.preview(name) })).toBeVisible();
  await other.getByRole('button', { name: w.replace }).click();
  await expect(other.getByRole('status').filter({ hasText: w.imported(w.planName) })).toBeVisible();
  await fresh.navLink(w.nav.numbers).click();
  await expect(await fresh.field(w.leads, w.month)).toHaveValue('420');
  // One change: undo brings the fresh plan back.
  await other.getByRole('button', { name: w.undo }).click();
  await expect(await fresh.field(w.leads, w.month)).toHaveValue('');
  expect(errors, 'errors in the fresh browser').toEqual([]);
  await other.context().close();
}

test.describe('Plans that travel as files', () => {
  test('export, then import into a fresh browser after a preview; bad files change nothing', async ({ app, page, browser }) => {
    await exportAndImport(app, page, browser, EN, 'en-US');
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('the same in Japanese', async ({ app, page, browser }) => {
      await exportAndImport(app, page, browser, JA, 'ja-JP');
    });
  });
});
