/// <reference lib="dom" />
/**
 * GraphiQL as a newcomer meets it, in a real browser (Debian chromium driven by playwright-core) on
 * the demo graph (seed 42): the page loads offline; without a key an example answers FORBIDDEN with
 * a hint saying how to send one; one key typed into the key box applies to every tab and is still
 * there after a reload; every example tab opens with its variables filled, and its Run button gives
 * data, no errors, and something to read (the path example: at least two steps; the tie filter
 * example: its aliases answer differently, the filter changes the figures). The key is never
 * in the page the server sends. Screenshot: tests/artifacts/graphiql.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/access/api-keys';
import { PROJECT_ROOT } from '../../src/config';
import { testDb } from '../helpers/db';
import type { TestApi } from '../helpers/api';
import { ARTIFACTS, useDemoBrowserRig } from '../helpers/browser';

let browser: Browser;
let api: TestApi;
let base = '';
let analystKey = '';

interface Example {
  query: string;
  variables: string;
}

/** The example tabs, read by running the page's start-up script without a document. */
export function graphiqlExamples(): Example[] {
  const window: { graphiqlExamples?: Example[] } = {};
  vm.runInNewContext(fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'http', 'graphiql-app.js'), 'utf8'), { window });
  return window.graphiqlExamples ?? [];
}

const operationName = (query: string) => /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '';

/** Something to read: no null answer, and each answer holds a non-empty list or a positive figure. */
function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasContent);
  return typeof value === 'string' && value !== '';
}
const meaningful = (data: Record<string, unknown>) => Object.values(data).every((v) => v !== null && hasContent(v));

interface FilterDifference {
  everyTie: { territory: unknown };
  withoutNetworkEvents: { territory: unknown; appliedTieFilter: { isDefault: boolean; excludeInitiativeKinds: string[] } };
  byDefault: { territory: unknown; appliedTieFilter: { isDefault: boolean } };
  significantOnly: { territory: unknown; appliedTieFilter: { backbone: { correction: string } | null } };
  brokersOfEveryTie: { brokers: unknown[] };
  brokersWithoutNetworkEvents: { brokers: unknown[] };
}
/** The tie filter example shows a difference: each alias says its filter, and the figures differ. */
function expectFilterDifference(data: unknown): void {
  const d = data as FilterDifference;
  expect(d.byDefault.appliedTieFilter.isDefault).toBe(true);
  expect(d.withoutNetworkEvents.appliedTieFilter).toMatchObject({ isDefault: false, excludeInitiativeKinds: ['NETWORK_EVENT'] });
  expect(d.significantOnly.appliedTieFilter.backbone).toMatchObject({ correction: 'HOLM' });
  expect(d.withoutNetworkEvents.territory).not.toEqual(d.everyTie.territory);
  expect(d.byDefault.territory).not.toEqual(d.everyTie.territory);
  expect(d.significantOnly.territory).not.toEqual(d.everyTie.territory);
  expect(d.brokersWithoutNetworkEvents.brokers).not.toEqual(d.brokersOfEveryTie.brokers);
}

useDemoBrowserRig(async (rig) => {
  ({ browser, base, api } = rig);
  analystKey = (await createApiKey(testDb(), 'analyst', { label: 'graphiql test' })).key;
});

it('every example has its variables and a meaningful answer on the demo graph', async () => {
  const examples = graphiqlExamples();
  expect(examples).toHaveLength(8);
  for (const example of examples) {
    const name = operationName(example.query);
    const variables = JSON.parse(example.variables) as Record<string, unknown>;
    // Every variable the operation declares is filled in.
    for (const declared of example.query.matchAll(/\$(\w+):/g))
      expect({ name, variable: declared[1], given: declared[1]! in variables }).toEqual({ name, variable: declared[1], given: true });
    const res = await api.run(example.query, variables);
    expect({ name, errors: res.errors }).toEqual({ name, errors: undefined });
    expect({ name, meaningful: meaningful(res.data ?? {}) }).toEqual({ name, meaningful: true });
    if (name === 'WhoCanIntroduceMe') {
      const found = (res.data as { introductionPath: { found: boolean; steps: unknown[] } }).introductionPath;
      expect(found.found).toBe(true);
      expect(found.steps.length).toBeGreaterThanOrEqual(2);
    }
    if (name === 'WhatTheFilterChanges') expectFilterDifference(res.data);
  }
  expect(examples.map((e) => operationName(e.query))).toContain('WhatTheFilterChanges');
}, 120_000);

/** The text of GraphiQL's response pane, once it holds a whole answer. */
async function response(page: Page): Promise<{ data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const handle = await page.waitForFunction(
    () => {
      const editor = document.querySelector<Element & { CodeMirror?: { getValue(): string } }>('.result-window .CodeMirror');
      const text = editor?.CodeMirror?.getValue() ?? '';
      try {
        return text.trim() ? (JSON.parse(text) as unknown) : false;
      } catch {
        return false;
      }
    },
    null,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as Awaited<ReturnType<typeof response>>;
}

const editorValue = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector<Element & { CodeMirror?: { getValue(): string } }>(sel)?.CodeMirror?.getValue() ?? null, selector);

it('in the page: a hint without a key, one key for every tab, every Run button answers with data', async () => {
  const examples = graphiqlExamples();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (outside.push(route.request().url()), route.abort())));
  const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
  expect(html).not.toMatch(/bng_[a-f0-9]/);
  await page.goto(`${base}/graphql`);
  await page.waitForSelector('.graphiql-tab', { timeout: 60_000 });
  expect(await page.$$eval('.graphiql-tab', (t) => t.length)).toBe(examples.length);
  expect(await page.textContent('#api-key-status')).toContain('npm start');

  // The first tab opens with its own variables (GraphiQL 3 would leave them empty).
  expect(await editorValue(page, '.graphiql-editor-tool .CodeMirror')).toBe(examples[0]!.variables);

  // Without a key: FORBIDDEN, saying how to send one.
  await page.click('.graphiql-execute-button');
  const refused = await response(page);
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(refused.errors?.[0]?.extensions?.hint).toMatch(/Authorization: Bearer/);

  await page.fill('#api-key', analystKey);
  await page.click('#api-key-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('api-key-status')?.dataset.state === 'ok', null, { timeout: 30_000 });
  expect(await page.textContent('#api-key-status')).toContain('analyst');

  for (let i = 0; i < examples.length; i++) {
    const example = examples[i]!;
    const name = operationName(example.query);
    await page.click(`.graphiql-tab:nth-child(${i + 1}) .graphiql-tab-button`);
    // GraphiQL reads the operation's name from the editor shortly after a tab switch.
    await page.waitForFunction(
      (op) => document.querySelector<Element & { CodeMirror?: { operationName?: string } }>('.graphiql-query-editor .CodeMirror')?.CodeMirror?.operationName === op,
      name,
      { timeout: 10_000 },
    );
    expect({ name, variables: await editorValue(page, '.graphiql-editor-tool .CodeMirror') }).toEqual({ name, variables: example.variables });
    // The first tab still shows its FORBIDDEN answer: a new one replaces it.
    if (i === 0)
      await page.evaluate(() => (document.querySelector('.result-window .CodeMirror') as Element & { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(''));
    await page.click('.graphiql-execute-button');
    const answer = await response(page);
    expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
    expect({ name, meaningful: meaningful(answer.data ?? {}) }).toEqual({ name, meaningful: true });
    if (name === 'WhoCanIntroduceMe') expect((answer.data as { introductionPath: { steps: unknown[] } }).introductionPath.steps.length).toBeGreaterThanOrEqual(2);
    if (name === 'WhatTheFilterChanges') expectFilterDifference(answer.data);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql.png') });

  // Remembered: a reload keeps the key, and it is the analyst's again.
  await page.reload();
  await page.waitForSelector('.graphiql-tab', { timeout: 60_000 });
  expect(await page.inputValue('#api-key')).toBe(analystKey);
  await page.waitForFunction(() => document.getElementById('api-key-status')?.dataset.state === 'ok', null, { timeout: 30_000 });

  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.close();
}, 300_000);
