import { readFile } from 'node:fs/promises';
import { test, expect } from './app';

type Case = [name: string, bytes: (golden: string) => Buffer, message: RegExp];

const json = (change: (file: any) => void) => (golden: string) => {
  const file = JSON.parse(golden);
  change(file);
  return Buffer.from(JSON.stringify(file));
};

/** Files that must be refused, each with what the user reads. */
const REFUSED: Case[] = [
  ['truncated.json', (g) => Buffer.from(g.slice(0, g.length / 2)), /The data is not readable \(not valid JSON\)\.Detail: EOF while parsing .* at line \d+ column \d+/],
  // Each broken rule is listed with its JSON path.
  ['wrong-types.json', json((f) => (f.plan.stages = 'five')), /The plan is damaged: it breaks the rules this app keeps\.\$\.plan\.stages The data has the wrong form here \(invalid type: string "five", expected a sequence\)\.$/],
  ['dangling.json', json((f) => (f.plan.stages[0].owner = 999_999)), /The plan is damaged.*\$\.plan\.stages\[0\]\.owner This names a department, stage, metric or member the plan does not have\./s],
  // Every rule it breaks, not only the first: the id and what it confuses.
  ['duplicate-ids.json', json((f) => (f.plan.stages[1].id = f.plan.stages[0].id)), /The plan is damaged.*\$\.plan\.metrics\[\d+\]\.stage .*\$\.plan\.stages\[1\]\.id This id is used twice\./s],
  ['huge-number.json', json((f) => (f.plan.at_risk_margin_percent = 1e300)), /The plan is damaged.*\$\.plan\.at_risk_margin_percent The data has the wrong form here \(invalid type: floating point/s],
  ['deep.json', () => Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), /The data is not readable \(not valid JSON\)\./],
  ['newer.json', json((f) => (f.version = 99)), /The plan was saved by a newer version of Funnel Planner \(format 99\)\./],
  ['not-a-plan.json', () => Buffer.from('{"hello":"world"}'), /The data is not a Funnel Planner plan\./],
  ['latin1.json', () => Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), /The file is not text in UTF-8 or UTF-16/],
  ['huge.json', () => Buffer.alloc(20 * 1024 * 1024, ' '), /The data is too large to be a plan\./],
];

/** Encodings a plan file may come in, each read as the same plan. */
const READ: Case[] = [
  ['bom.json', (g) => Buffer.from('\ufeff' + g), /./],
  ['utf16le.json', (g) => Buffer.from('\ufeff' + g, 'utf16le'), /./],
  ['utf16be.json', (g) => Buffer.from('\ufeff' + g, 'utf16le').swap16(), /./],
];

test('every malformed plan file says why and leaves every stored byte as it was; BOM and UTF-16 files read', async ({ page }) => {
  test.setTimeout(120_000);
  const golden = (await readFile('tests/golden/plan-v11.json')).toString();
  const name = JSON.parse(golden).plan.name;
  await page.goto('/#/plans');
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const before = await stored();
  const card = page.getByRole('region', { name: 'Import', exact: true });
  const input = page.getByLabel('Choose a plan file');
  for (const [file, bytes, message] of REFUSED) {
    await input.setInputFiles({ name: file, mimeType: 'application/json', buffer: bytes(golden) });
    await expect(card.getByRole('alert'), file).toHaveText(new RegExp(`^${file.replace('.', '\\.')} was not imported: ${message.source}`, message.flags));
    await expect(page.getByRole('button', { name: 'Replace the open plan' })).toHaveCount(0);
    expect(await stored(), file).toBe(before);
  }
  for (const [file, bytes] of READ) {
    await input.setInputFiles({ name: file, mimeType: 'application/json', buffer: bytes(golden) });
    const preview = page.getByRole('region', { name: `What ${file} holds` });
    await expect(preview.getByRole('row').filter({ hasText: /^Name/ }), file).toContainText(name);
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await stored(), file).toBe(before);
  }
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a broken file lists each broken rule with its JSON path in Japanese', async ({ page }) => {
    const golden = JSON.parse((await readFile('tests/golden/plan-v11.json')).toString());
    golden.plan.stages[0].owner = 999_999;
    golden.plan.stages[2].name = ' ';
    await page.goto('/#/plans');
    await page.getByLabel('プランのファイルを選ぶ').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(golden)) });
    const problems = page.getByRole('alert').getByRole('listitem');
    await expect(problems).toHaveText([
      '$.plan.stages[0].owner プランにない部門・ステージ・指標・メンバーを指しています。',
      '$.plan.stages[2].name 名前は 1 〜 60 文字で、前後に空白を入れないでください。',
    ]);
  });
});
