/**
 * The README's GraphQL examples (every ```graphql block) run on the demo graph (seed 42) as an
 * analyst and answer without errors and with data, so that they cannot drift from the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { useDemoApi } from '../helpers/api';

/** The ```graphql blocks of a Markdown file, with the line each starts on. */
export function graphqlBlocks(markdown: string): Array<{ line: number; query: string }> {
  const blocks: Array<{ line: number; query: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```graphql') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    blocks.push({ line: start + 1, query: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

const demo = useDemoApi();

it('every GraphQL example of the README answers on the demo graph', async () => {
  const blocks = graphqlBlocks(fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8'));
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  for (const { line, query } of blocks) {
    const res = await demo().run(query);
    expect({ line, errors: res.errors }).toEqual({ line, errors: undefined });
    expect({
      line,
      nulls: Object.entries(res.data ?? {})
        .filter(([, v]) => v === null)
        .map(([k]) => k),
    }).toEqual({ line, nulls: [] });
  }
}, 120_000);
