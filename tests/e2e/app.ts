import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';

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

  /**
   * A grid cell, named by its metric row and period column headers. The grid
   * renders only the rows and columns in view: `field` scrolls to it first.
   */
  cell(metric: string, period = THIS_MONTH): Locator {
    return this.page.getByRole('textbox', { name: `${metric} ${period}`, exact: true });
  }

  /** The grid cell, scrolled into the rendered part of the grid. */
  async field(metric: string, period = THIS_MONTH): Promise<Locator> {
    await this.scrollGridTo(metric, period);
    return this.cell(metric, period);
  }

  /** The grid row of a metric, KPI or conversion, scrolled into view. */
  async gridRow(name: string): Promise<Locator> {
    await this.scrollGridTo(name);
    return this.grid()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** Waits until the grid row `name`, scrolled into view, shows `text`. */
  async expectRowText(name: string, text: string) {
    await expect(async () => {
      await expect(await this.gridRow(name)).toContainText(text, { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
  }

  /** The cell of a grid row in a period's column, scrolled into view. */
  async gridCell(row: string, period: string): Promise<Locator> {
    const cells = await this.gridRow(row);
    await this.scrollGridTo(row, period);
    const column = await this.grid().getByRole('columnheader', { name: period, exact: true }).getAttribute('aria-colindex');
    return cells.locator(`[aria-colindex="${column}"]`);
  }

  grid(): Locator {
    return this.page.getByRole('table', { name: /Counts and KPIs|件数とKPI/ });
  }

  /**
   * Scrolls the grid's box as a user would, from the top left, down until
   * the row named `row` is rendered, then right until the column `period`
   * is. Does nothing when both are already there.
   */
  async scrollGridTo(row: string, period?: string) {
    const header = this.grid().getByRole('rowheader', { name: row, exact: true });
    const column = period ? this.grid().getByRole('columnheader', { name: period, exact: true }) : undefined;
    const shown = async () => (await header.count()) > 0 && (!column || (await column.count()) > 0);
    const box = this.page.locator('.grid-scroll');
    // Scrolls by half a view; false at the end of the axis.
    const scroll = (to: 'start' | 'down' | 'right' | 'settle') =>
      box.evaluate(async (element, to) => {
        const before = [element.scrollTop, element.scrollLeft];
        if (to === 'start') element.scrollTo(0, 0);
        if (to === 'down') element.scrollBy(0, element.clientHeight / 2);
        if (to === 'right') element.scrollBy(element.clientWidth / 2, 0);
        // The grid renders the new window after the scroll event.
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return before[0] !== element.scrollTop || before[1] !== element.scrollLeft;
      }, to);
    // A view just switched can still move the box (the browser clamps its
    // scroll position a frame later): look again until it holds still.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await shown())) {
        await scroll('start');
        while (!(await header.count()) && (await scroll('down')));
        while (column && !(await column.count()) && (await scroll('right')));
      }
      // Rendered in the margin is not in view: bring it into view, as a
      // user would, so the window keeps it while rows are measured again.
      if (await header.count()) await header.scrollIntoViewIfNeeded();
      if (column && (await column.count())) await column.scrollIntoViewIfNeeded();
      await scroll('settle');
      if (await shown()) return;
    }
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
      await (await this.field(metric, period)).fill(count);
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
export const test = base.extend<{ app: FunnelApp; fakeClock: boolean }>({
  /**
   * Playwright's clock instead of `startClockAt`, for the tests that move
   * time on (a page left open past midnight). Under it the app's timers
   * cannot be cleared: its timer ids start at 10^12, past the 32-bit
   * handles web-sys and Leptos keep, so a debounced save runs after every
   * key press.
   */
  fakeClock: [false, { option: true }],
  app: async ({ page, fakeClock }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    if (fakeClock) await page.clock.setFixedTime(TODAY);
    else await startClockAt(page, TODAY);
    await use(new FunnelApp(page));
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };

/**
 * Sets the page's date to `day` and lets it run on (across reloads),
 * leaving the timers to the browser, so debounced saves and redraws run as
 * they do for users.
 */
export async function startClockAt(page: Page, day: Date) {
  await page.addInitScript((offset) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as [string]));
      }
      static now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  }, day.getTime() - Date.now());
}

/**
 * Opens `route` with `text` stored as the main plan before the app starts,
 * so no save of the app's can race the test's write. Only the first load
 * of the tab finds it written; reloads keep what the app saved since.
 */
export async function openWithPlan(page: Page, text: string, route: string) {
  await page.addInitScript(
    ([key, value]) => {
      if (sessionStorage.getItem('test-plan-seeded') === null) {
        sessionStorage.setItem('test-plan-seeded', '1');
        localStorage.setItem(key, value);
      }
    },
    ['funnel-planner/plans/main', text],
  );
  await page.goto(`/#/${route}`);
}

/**
 * Clicks the guide's button that opens the example plan, and waits for the
 * page to reload into it (a click before then would land on the old page).
 */
export async function openExamplePlan(page: Page, button: Locator) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** The stored plans and their snapshots, key by key (the index aside). */
export async function storedPlans(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('funnel-planner/plans/') || k.startsWith('funnel-planner/snapshots/'))
        .sort()
        .map((k) => [k, localStorage.getItem(k) ?? '']),
    ),
  );
}

/**
 * A browser profile of its own, on the same day; like the fixture's page,
 * it collects uncaught errors and console errors (a wasm panic shows as both).
 */
export async function freshPage(browser: Browser, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await startClockAt(page, TODAY);
  return { page, errors };
}
