import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Every test runs on this day, so periods and labels are stable. */
export const TODAY = new Date('2026-11-24T10:00:00');
export const THIS_MONTH = 'November 2026';

/** The seed example: each stage's count metric and its count for the month. */
export const SEED_COUNTS = {
  Leads: '1000',
  'Nurtured leads': '250',
  Opportunities: '40',
  Proposals: '30',
  'Won deals': '12',
};

/** The app as a user sees it: found by labels and roles only. */
export class FunnelApp {
  constructor(readonly page: Page) {}

  async open(route: 'flow' | 'numbers' | 'kpis' = 'flow', basePath = '/') {
    await this.page.goto(`${basePath}#/${route}`);
    await expect(this.page.getByRole('heading', { level: 2 })).toBeVisible();
  }

  /** Removes a stage: the button asks first, naming what goes with it. */
  async removeStage(name: string, page: Page = this.page) {
    await page.getByRole('button', { name: `Remove: ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove stage' }).click();
  }

  navLink(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }

  stageNames(): Locator {
    return this.page.getByRole('textbox', { name: /^(Stage name|ステージ名)$/ });
  }

  /** A grid cell, named by its metric row and period column headers. */
  cell(metric: string, period = THIS_MONTH): Locator {
    return this.page.getByRole('textbox', { name: `${metric} ${period}`, exact: true });
  }

  /** The grid row of a metric, KPI or conversion. */
  gridRow(name: string): Locator {
    return this.page
      .getByRole('table', { name: /Counts and KPIs|件数とKPI/ })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The funnel table's row of a stage. */
  row(stage: string): Locator {
    return this.page
      .getByRole('table', { name: /^(Funnel|ファネル)$/ })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: stage, exact: true }) });
  }

  /** [from previous stage, from first stage] as displayed in the funnel table. */
  async rates(stage: string): Promise<string[]> {
    const cells = this.row(stage).getByRole('cell');
    return [await cells.nth(2).innerText(), await cells.nth(3).innerText()];
  }

  kpi(name: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: name });
  }

  async enterCounts(counts: Record<string, string>, period = THIS_MONTH) {
    for (const [metric, count] of Object.entries(counts)) {
      await this.cell(metric, period).fill(count);
    }
  }

  async chooseLanguage(label: 'Language' | '言語', value: 'ja' | 'en') {
    await this.page.getByLabel(label).selectOption(value);
  }

  async viewBy(granularity: 'Day' | 'Week' | 'Month') {
    await this.page.getByRole('combobox', { name: 'View by' }).selectOption({ label: granularity });
  }

  async chooseRange(label: string) {
    await this.page.getByRole('combobox', { name: 'Range', exact: true }).selectOption({ label });
  }
}

/** Every test fails on an uncaught error or a console error (a wasm panic shows as both). */
export const test = base.extend<{ app: FunnelApp }>({
  app: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.clock.setFixedTime(TODAY);
    await use(new FunnelApp(page));
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };

