import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const SEED_COUNTS = {
  'Lead generation': '1000',
  'Lead nurturing': '250',
  'Opportunity creation': '40',
  'Hand-off → proposal': '30',
  Won: '12',
};

/** The app as a user sees it: found by labels and roles only. */
export class FunnelApp {
  constructor(readonly page: Page) {}

  async open(route: 'flow' | 'numbers' = 'flow', basePath = '/') {
    await this.page.goto(`${basePath}#/${route}`);
    await expect(this.page.getByRole('heading', { level: 2 })).toBeVisible();
  }

  navLink(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }

  stageNames(): Locator {
    return this.page.getByRole('textbox', { name: /^(Stage name|ステージ名)$/ });
  }

  /** On the Numbers page each count field is labelled by its stage name. */
  countInput(stage: string): Locator {
    return this.page.getByRole('textbox', { name: stage, exact: true });
  }

  row(stage: string): Locator {
    return this.page.getByRole('row').filter({ has: this.countInput(stage) });
  }

  /** [from previous stage, from first stage] as displayed. */
  async rates(stage: string): Promise<string[]> {
    const cells = this.row(stage).getByRole('cell');
    return [await cells.nth(2).innerText(), await cells.nth(3).innerText()];
  }

  kpi(name: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: name });
  }

  async enterCounts(counts: Record<string, string>) {
    for (const [stage, count] of Object.entries(counts)) {
      await this.countInput(stage).fill(count);
    }
  }

  async chooseLanguage(label: 'Language' | '言語', value: 'ja' | 'en') {
    await this.page.getByLabel(label).selectOption(value);
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
    await use(new FunnelApp(page));
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };
