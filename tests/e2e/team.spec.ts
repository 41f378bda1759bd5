import { test, expect, type FunnelApp } from './app';
import type { Locator, Page } from '@playwright/test';

/** Pastes `text` into a grid field as a spreadsheet's clipboard would. */
async function paste(field: Locator, text: string) {
  await field.evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

/** The words and names of one language, for the same walk through. */
interface Words {
  department: string;
  addMember: string;
  memberName: string;
  members: [string, string, string];
  perMember: (metric: string) => string;
  calls: string;
  contacts: string;
  contactRate: string;
  countsOf: string;
  team: string;
  teamNav: string;
  numbersNav: string;
  kpisNav: string;
  monday16: string;
  monday23: string;
  today: string;
  thisMonth: string;
  range: string;
  membersTable: string;
  dailyTable: string;
  notEntered: string;
  byMember: string;
}

const EN: Words = {
  department: 'Members of Inside sales',
  addMember: 'Add member: Inside sales',
  memberName: 'Member name',
  members: ['Aya', 'Ken', 'Mio'],
  perMember: (metric) => `Counted per member: ${metric}`,
  calls: 'Calls',
  contacts: 'Contacts',
  contactRate: 'Contact rate',
  countsOf: 'Counts of',
  team: 'Team',
  teamNav: 'Team',
  numbersNav: 'Numbers',
  kpisNav: 'KPIs',
  monday16: 'Mon Nov 16',
  monday23: 'Mon Nov 23',
  today: 'Tue Nov 24',
  thisMonth: 'This month, daily',
  range: 'Range',
  membersTable: 'Members over the range',
  dailyTable: 'Daily review',
  notEntered: 'Nothing entered for today yet: Ken, Mio',
  byMember: '^Calls, Nov 16, 2026: by member$',
};

const JA: Words = {
  department: 'インサイドセールスのメンバー',
  addMember: 'メンバーを追加: インサイドセールス',
  memberName: 'メンバー名',
  members: ['佐藤', '鈴木', '高橋'],
  perMember: (metric) => `メンバー別に数える: ${metric}`,
  calls: '架電数',
  contacts: '接触数',
  contactRate: '接触率',
  countsOf: '入力の対象',
  team: 'チーム',
  teamNav: 'チーム',
  numbersNav: '数値',
  kpisNav: 'KPI',
  monday16: '11/16(月)',
  monday23: '11/23(月)',
  today: '11/24(火)',
  thisMonth: '今月(日次)',
  range: '期間',
  membersTable: '期間内のメンバー別',
  dailyTable: 'デイリーレビュー',
  notEntered: '今日の数値が未入力: 鈴木, 高橋',
  byMember: '^架電数\\(2026年11月16日\\)のメンバー別内訳$',
};

/** A row of a table, found by its header cell. */
function row(table: Locator, page: Page, name: string): Locator {
  return table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/**
 * Three reps count calls and contacts per member for a week, and one of
 * them yesterday or today; the Team page reads each one's contact rate and
 * the team's, and the daily review who has not entered today.
 */
async function walkThrough(app: FunnelApp, page: Page, w: Words) {
  await app.open('flow');
  const inside = page.getByRole('group', { name: w.department });
  for (const name of w.members) {
    await inside.getByRole('button', { name: w.addMember }).click();
    const field = inside.getByRole('textbox', { name: w.memberName }).last();
    await field.fill(name);
    await field.blur();
  }
  await app.navLink(w.kpisNav).click();
  for (const metric of [w.calls, w.contacts]) {
    await page.getByRole('checkbox', { name: w.perMember(metric) }).check();
    await expect(page.getByRole('checkbox', { name: w.perMember(metric) })).toBeChecked();
  }

  await app.navLink(w.numbersNav).click();
  await page.getByRole('combobox', { name: w.range, exact: true }).selectOption({ label: w.thisMonth });
  const picker = page.getByRole('combobox', { name: w.countsOf });
  const [aya, ken, mio] = w.members;
  // Monday to Friday, calls on the first row and contacts on the second.
  for (const [name, block] of [
    [aya, '40\t40\t40\t40\t40\n10\t10\t10\t10\t10'],
    [ken, '30\t30\t30\t30\t30\n12\t12\t12\t12\t12'],
    [mio, '50\t50\t50\n5\t5\t5'],
  ]) {
    await picker.selectOption({ label: name });
    await paste(await app.field(w.calls, w.monday16), block);
    await expect(await app.field(w.contacts, w.monday16)).toHaveValue(block.split('\n')[1].split('\t')[0]);
  }
  await picker.selectOption({ label: ken });
  await (await app.field(w.calls, w.monday23)).fill('20');
  await (await app.field(w.contacts, w.monday23)).fill('5');
  await picker.selectOption({ label: aya });
  await (await app.field(w.calls, w.today)).fill('20');
  await (await app.field(w.contacts, w.today)).fill('5');
  await (await app.field(w.contacts, w.today)).blur();

  // The team's view shows the sums, and opens who counted what.
  await picker.selectOption({ index: 0 });
  await expect(app.cell(w.calls, w.monday16)).toHaveCount(0);
  await app.scrollGridTo(w.calls, w.monday16);
  const sum = (await app.gridCell(w.calls, w.monday16)).getByRole('button');
  await expect(sum).toHaveText('120');
  await sum.click();
  const breakdown = page.getByRole('region', { name: new RegExp(w.byMember) });
  await expect(breakdown.getByRole('listitem')).toHaveText([`${aya}: 40`, `${ken}: 30`, `${mio}: 50`, /: 120$/]);

  await app.navLink(w.teamNav).click();
  const members = page.getByRole('table', { name: w.membersTable });
  await expect(row(members, page, aya)).toContainText('220');
  await expect(row(members, page, aya)).toContainText('25.0%');
  await expect(row(members, page, ken)).toContainText('38.2%');
  await expect(row(members, page, mio)).toContainText('10.0%');
  await expect(row(members, page, w.team)).toContainText('540');
  await expect(row(members, page, w.team)).toContainText('25.0%');

  const daily = page.getByRole('table', { name: w.dailyTable });
  await expect(page.getByRole('status').filter({ hasText: w.notEntered })).toBeVisible();
  await expect(row(daily, page, aya).getByRole('cell').first()).toHaveText(/^20/);
  await expect(row(daily, page, ken).getByRole('cell').first()).toHaveText(/^—.*20$/);
}

test.describe('Counting per member', () => {
  test('three reps enter their week; each one’s contact rate, the team’s, and the daily review', async ({ app, page }) => {
    await walkThrough(app, page, EN);
    // Sorting by the contact rate puts Ken first; nothing is ranked.
    const members = page.getByRole('table', { name: EN.membersTable });
    await members.getByRole('button', { name: EN.contactRate }).click();
    await expect(members.getByRole('rowheader').first()).toHaveText('Ken');

    // Someone who counted is not removed, and the refusal says why.
    await app.navLink('Flow').click();
    await page.getByRole('button', { name: 'Remove: Mio' }).click();
    await expect(page.getByText('This member has 6 figures, which would be lost. Make them inactive instead')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Active: Mio' }).uncheck();

    // Back to one total for contacts: every total stays, the split goes,
    // and undo brings it back.
    await app.navLink('KPIs').click();
    await page.getByRole('checkbox', { name: 'Counted per member: Contacts' }).uncheck();
    await expect(page.getByText('Contacts is counted for the team again. Every total stays')).toBeVisible();
    await app.navLink('Team').click();
    await expect(page.getByRole('columnheader', { name: 'Contacts' })).toHaveCount(0);
    await expect(row(members, page, 'Team')).toContainText('540');
    await page.getByRole('button', { name: 'Undo: change metric' }).click();
    await expect(row(members, page, 'Ken')).toContainText('38.2%');
    await expect(row(members, page, 'Mio (inactive)')).toContainText('10.0%');
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('the same week, read in Japanese', async ({ app, page }) => {
      await walkThrough(app, page, JA);
    });
  });
});
