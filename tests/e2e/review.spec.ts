import { test, expect, type FunnelApp } from './app';
import type { Locator, Page } from '@playwright/test';

/** The words and names of one language, for the same walk through. */
interface Words {
  department: string;
  addMember: string;
  memberName: string;
  member: string;
  perMember: (metric: string) => string;
  leads: string;
  calls: string;
  contacts: string;
  contactRate: string;
  countsOf: string;
  team: string;
  nav: { numbers: string; kpis: string; reviews: string; dashboard: string };
  monday: string;
  tuesday: string;
  thisMonth: string;
  range: string;
  dueToday: (n: number) => string;
  allReviews: string;
  activity: string;
  rates: string;
  weekly: string;
  sla: string;
  markHeld: string;
  takeBack: string;
  heldOn: (day: string) => string;
  notHeld: string;
  dueSince: (day: string) => string;
  dayOff: string;
  nov24: string;
  undo: string;
  noPromises: string;
  addPromises: string;
  dashboardDue: RegExp;
}

const EN: Words = {
  department: 'Members of Inside sales',
  addMember: 'Add member: Inside sales',
  memberName: 'Member name',
  member: 'Aya',
  perMember: (metric) => `Counted per member: ${metric}`,
  leads: 'Leads',
  calls: 'Calls',
  contacts: 'Contacts',
  contactRate: 'Contact rate',
  countsOf: 'Counts of',
  team: 'Team',
  nav: { numbers: 'Numbers', kpis: 'KPIs', reviews: 'Reviews', dashboard: 'Dashboard' },
  monday: 'Mon Nov 23',
  tuesday: 'Tue Nov 24',
  thisMonth: 'This month, daily',
  range: 'Range',
  dueToday: (n) => `Due today (${n})`,
  allReviews: 'All reviews',
  activity: 'Activity counts',
  rates: 'Response rates',
  weekly: 'Opportunity and win rates',
  sla: 'Agreements (SLA)',
  markHeld: 'Mark as held today',
  takeBack: 'Take back',
  heldOn: (day) => `Held ${day}`,
  notHeld: 'Due · not held yet',
  dueSince: (day) => `Due · last held ${day}`,
  dayOff: 'Not due today: not a working day',
  nov24: 'Nov 24, 2026',
  undo: 'Undo: review record',
  noPromises: 'No agreement has a promise yet.',
  addPromises: 'Add promises on the Flow page',
  dashboardDue: /^Reviews due today: Response rates, Script and targets, Department KPIs, Agreements \(SLA\), Measures$/,
};

const JA: Words = {
  department: 'インサイドセールスのメンバー',
  addMember: 'メンバーを追加: インサイドセールス',
  memberName: 'メンバー名',
  member: '佐藤',
  perMember: (metric) => `メンバー別に数える: ${metric}`,
  leads: 'リード数',
  calls: '架電数',
  contacts: '接触数',
  contactRate: '接触率',
  countsOf: '入力の対象',
  team: 'チーム',
  nav: { numbers: '数値', kpis: 'KPI', reviews: '振り返り', dashboard: 'ダッシュボード' },
  monday: '11/23(月)',
  tuesday: '11/24(火)',
  thisMonth: '今月(日次)',
  range: '期間',
  dueToday: (n) => `今日の振り返り (${n})`,
  allReviews: 'すべての振り返り',
  activity: '活動件数',
  rates: '反応率',
  weekly: '商談化率・成約率',
  sla: 'SLAの見直し',
  markHeld: '本日実施済みにする',
  takeBack: '取り消す',
  heldOn: (day) => `${day} に実施済み`,
  notHeld: '未実施 · 記録なし',
  dueSince: (day) => `未実施 · 前回 ${day}`,
  dayOff: '本日は休業日のため対象外',
  nov24: '2026年11月24日',
  undo: '元に戻す: 振り返りの記録',
  noPromises: '数値の約束があるSLAはまだありません。',
  addPromises: 'フローのページで約束を追加する',
  dashboardDue: /^今日の未実施の振り返り: 反応率, スクリプトとターゲット, 部門別KPI, SLAの見直し, 施策の再設計$/,
};

/** The cells of a table's row, found by its header cell. */
function cells(table: Locator, page: Page, name: string): Locator {
  return table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell');
}

/** A review's card on the Reviews page. */
function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** A day that passes while the page stays open: it checks every 30 s. */
async function moveTo(page: Page, time: string) {
  await page.clock.setFixedTime(new Date(time));
  await page.clock.runFor(31_000);
}

/**
 * One rep counts calls and contacts per member on Monday and Tuesday, the
 * team 30 leads on Tuesday. The daily reviews read today beside
 * yesterday; holding one is recorded (and undone); the next day asks for
 * the daily reviews again but not for the weekly one held; Saturday asks
 * for no daily review.
 */
async function walkThrough(app: FunnelApp, page: Page, w: Words) {
  await app.open('flow');
  const inside = page.getByRole('group', { name: w.department });
  await inside.getByRole('button', { name: w.addMember }).click();
  const name = inside.getByRole('textbox', { name: w.memberName }).last();
  await name.fill(w.member);
  await name.blur();
  await app.navLink(w.nav.kpis).click();
  for (const metric of [w.calls, w.contacts]) {
    await page.getByRole('checkbox', { name: w.perMember(metric) }).check();
    await expect(page.getByRole('checkbox', { name: w.perMember(metric) })).toBeChecked();
  }
  await app.navLink(w.nav.numbers).click();
  await page.getByRole('combobox', { name: w.range, exact: true }).selectOption({ label: w.thisMonth });
  await (await app.field(w.leads, w.tuesday)).fill('30');
  await page.getByRole('combobox', { name: w.countsOf }).selectOption({ label: w.member });
  for (const [day, calls, contacts] of [
    [w.monday, '20', '4'],
    [w.tuesday, '40', '10'],
  ]) {
    await (await app.field(w.calls, day)).fill(calls);
    await (await app.field(w.contacts, day)).fill(contacts);
  }
  await (await app.field(w.contacts, w.tuesday)).blur();

  await app.navLink(w.nav.reviews).click();
  const agenda = page.getByRole('button', { name: w.dueToday(7) });
  await expect(agenda).toHaveAttribute('aria-pressed', 'true');
  // Today beside yesterday: the team's counts, then the member's.
  const activity = card(page, w.activity);
  const team = activity.getByRole('table', { name: w.team, exact: true });
  await expect(cells(team, page, w.leads)).toHaveText(['30', '—']);
  await expect(cells(team, page, w.calls)).toHaveText(['40', '20']);
  await expect(cells(activity.getByRole('table', { name: w.member }), page, w.contacts)).toHaveText(['10', '4']);
  // The rates, against the target where there is one.
  const rates = card(page, w.rates);
  await expect(cells(rates.getByRole('table', { name: w.team, exact: true }), page, w.contactRate)).toHaveText(['25.0%', '20.0%']);
  await expect(cells(rates.getByRole('table', { name: w.member }), page, w.contactRate)).toHaveText(['25.0%', '20.0%']);
  // An empty review says where its data is entered.
  await expect(card(page, w.sla)).toContainText(w.noPromises);
  await expect(card(page, w.sla).getByRole('link', { name: w.addPromises })).toHaveAttribute('href', '#/p/main/flow');

  // Held: recorded with its day, one undoable step.
  await expect(activity).toContainText(w.notHeld);
  await activity.getByRole('button', { name: w.markHeld }).click();
  await expect(activity).toContainText(w.heldOn(w.nov24));
  await expect(page.getByRole('button', { name: w.dueToday(6) })).toBeVisible();
  await page.getByRole('button', { name: w.undo }).click();
  await expect(activity).toContainText(w.notHeld);
  await activity.getByRole('button', { name: w.markHeld }).click();
  await card(page, w.weekly).getByRole('button', { name: w.markHeld }).click();
  await expect(page.getByRole('button', { name: w.dueToday(5) })).toBeVisible();
  // Taken back, and held again.
  await activity.getByRole('button', { name: w.takeBack }).click();
  await expect(activity).toContainText(w.notHeld);
  await activity.getByRole('button', { name: w.markHeld }).click();

  // The dashboard names what is still due and leads to it.
  await app.navLink(w.nav.dashboard).click();
  const due = page.getByRole('link', { name: w.dashboardDue });
  await expect(due).toBeVisible();
  await due.click();
  await expect(page.getByRole('heading', { level: 2, name: w.nav.reviews })).toBeVisible();

  // Wednesday: the daily reviews are due again, the weekly one is held
  // for the week; kept across a reload.
  await moveTo(page, '2026-11-25T09:00:00');
  await page.reload();
  await expect(card(page, w.activity)).toContainText(w.dueSince(w.nov24));
  await expect(card(page, w.weekly)).toHaveCount(0);
  await page.getByRole('button', { name: w.allReviews }).click();
  await expect(card(page, w.weekly)).toContainText(w.heldOn(w.nov24));
  // Saturday: no daily review is due.
  await moveTo(page, '2026-11-28T09:00:00');
  await expect(card(page, w.activity)).toContainText(w.dayOff);
  await page.getByRole('button', { name: w.dueToday(4) }).click();
  await expect(card(page, w.activity)).toHaveCount(0);
}

test.describe('Review cadence', () => {
  // The days pass on Playwright's clock.
  test.use({ fakeClock: true });
  test("today's reviews with their figures, held and undone, due again the next day, none on Saturday", async ({ app, page }) => {
    await walkThrough(app, page, EN);
  });

  test.describe('in Japanese', () => {
    test.use({ locale: 'ja-JP' });

    test('the same days in Japanese', async ({ app, page }) => {
      await walkThrough(app, page, JA);
    });
  });
});
