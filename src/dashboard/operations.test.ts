/**
 * The dashboard's operations are checked against the schema by codegen: removing a field one of
 * them reads makes generation fail, which fails `npm run codegen:check` and so `npm test`.
 * (Codegen runs as its command: its CLI is ES modules, which this CommonJS Jest does not load; and it
 * prints its errors only outside NODE_ENV=test.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

const schemaText = () =>
  fs
    .readdirSync(path.join(PROJECT_ROOT, 'schema'))
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => fs.readFileSync(path.join(PROJECT_ROOT, 'schema', f), 'utf8'))
    .join('\n');

/** Codegen's client preset over the dashboard's operations, against the given schema, in a scratch folder. */
function generateWith(schema: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-codegen-'));
  try {
    fs.writeFileSync(path.join(dir, 'schema.graphql'), schema);
    fs.writeFileSync(
      path.join(dir, 'codegen.json'),
      JSON.stringify({
        schema: path.join(dir, 'schema.graphql'),
        documents: [path.join(PROJECT_ROOT, 'src', 'dashboard', 'operations.ts')],
        generates: { [path.join(dir, 'out') + '/']: { preset: 'client', config: { documentMode: 'string' } } },
      }),
    );
    const run = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', path.join(dir, 'codegen.json')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('generates from the current schema', () => {
  expect(generateWith(schemaText()).status).toBe(0);
}, 120_000);

it('fails when the schema loses a field the dashboard reads (Gap.unconnectedServices)', () => {
  // The field and its description line go; the rest of the schema stays valid.
  const broken = schemaText().replace(/^\s*"[^"\n]*"\n\s*unconnectedServices: Int!$/m, '');
  expect(broken).not.toContain('unconnectedServices');
  const run = generateWith(broken);
  expect(run.status).not.toBe(0);
  expect(run.output).toContain('unconnectedServices');
}, 120_000);
