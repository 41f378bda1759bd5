import { test, expect } from './app';
import type { Locator } from '@playwright/test';

/** How many lines an element's text takes (its text nodes' line boxes). */
const lines = (element: Locator) =>
  element.evaluate((el) => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });

// The reproductions a new user met, typed key by key in Japanese.
test.describe('What is typed is what is counted, in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a rejected value never counts, and leaving the field says so', async ({ app, page }) => {
    await page.goto('/#/numbers');
    const field = page.getByRole('textbox', { name: 'リード数 2026年11月', exact: true });
    await field.pressSequentially('12.5');
    await expect(field).toHaveAccessibleDescription('件数は整数で入力してください。');
    await expect(app.row('リード獲得').getByRole('cell').nth(1)).toHaveText('0');
    await field.blur();
    await expect(field).toHaveValue('');
    await expect(page.getByText('「12.5」は有効な値ではないため反映していません。')).toBeVisible();
  });

  test('a month total and weekly figures are never added together', async ({ app, page }) => {
    await page.goto('/#/numbers');
    await page.getByRole('textbox', { name: 'リード数 2026年11月', exact: true }).pressSequentially('100');
    await page.getByRole('combobox', { name: '表示単位' }).selectOption('week');
    const band = page.getByRole('button', { name: '2026年11月:月全体で 100(週・日には分けません)' });
    await app.scrollGridTo('リード数', '第45週 11/2〜');
    await band.click();
    const question = page.getByRole('alertdialog');
    await expect(question).toContainText('リード数には月合計 100(2026年11月)が入力されています。');
    await question.getByRole('button', { name: '月合計を削除' }).click();
    await page.getByRole('textbox', { name: 'リード数 第45週 11/2〜', exact: true }).pressSequentially('30');
    await page.getByRole('combobox', { name: '表示単位' }).selectOption('month');
    await expect(page.getByRole('table', { name: '件数とKPI' }).getByRole('row', { name: /^リード数/ })).not.toContainText('130');
  });

  test('removing a stage names its KPIs, shared ones too, before it happens', async ({ page }) => {
    await page.goto('/#/flow');
    await page.getByRole('button', { name: '削除: 商談化' }).click();
    const question = page.getByRole('alertdialog');
    await expect(question).toContainText('ステージ「商談化」を削除しますか?');
    await expect(question).toContainText('KPI: 商談化率, 引き継ぎ率, 受注率');
    await expect(question).toContainText('共通KPI: リード→商談化率, 商談→受注率');
    await question.getByRole('button', { name: 'キャンセル' }).click();
    await expect(page.getByRole('textbox', { name: 'ステージ名' })).toHaveCount(5);
  });

  test('words are never broken inside, at 1366 px and on a phone', async ({ app, page }) => {
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/#/numbers');
      await expect(app.navLink('フロー')).toBeVisible();
      for (const word of [app.navLink('フロー'), app.row('リード育成').getByRole('cell').first()]) {
        expect(await lines(word), `${width}px`).toBe(1);
      }
      await expect(page.locator('html')).toHaveCSS('word-break', 'auto-phrase');
    }
  });
});
