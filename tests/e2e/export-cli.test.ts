/**
 * `npm run export` (scripts/export.ts) as a user runs it: --help names every format value, an
 * unknown flag is refused with the usage, and --out takes a file or a folder (default names inside).
 * Without --out it writes under exports/, which git ignores.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { EXPORT_FORMATS } from '../../src/modules/exports/run';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';

const cli = (...args: string[]) =>
  spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/export.ts', ...args], { cwd: PROJECT_ROOT, env: process.env, encoding: 'utf8' });

beforeAll(async () => {
  await resetGraph();
  await loadFixture('network-small');
  await rebuildAllTies(testDb());
});
afterAll(() => closeTestDb());

it('--help lists every format value; an unknown flag is refused with the usage', () => {
  const help = cli('--help');
  expect(help.status).toBe(0);
  for (const format of Object.keys(EXPORT_FORMATS)) expect(help.stdout).toContain(format);
  expect(help.stdout).toContain('exports/');
  const bad = cli('--zone', 'SUD', '--outfile', 'x');
  expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('unknown argument "--outfile"')]);
});

it('--out takes a folder (default names inside) or a file; the default folder is ignored by git', () => {
  const dir = `${fs.mkdtempSync(path.join(os.tmpdir(), 'bng-export-cli-'))}/`;
  const both = cli('--zone', 'SUD', '--format', 'CSV', '--out', dir);
  expect([both.status, both.stderr]).toEqual([0, '']);
  expect(fs.readdirSync(dir).sort()).toEqual(['network-services-sud.edges.csv', 'network-services-sud.nodes.csv']);
  const file = path.join(dir, 'nested', 'map.gexf');
  const one = cli('--zone', 'SUD', '--format', 'GEXF', '--out', file);
  expect([one.status, one.stderr]).toEqual([0, '']);
  expect(fs.readFileSync(file, 'utf8')).toContain('<gexf');
  const ignored = spawnSync('git', ['check-ignore', '-q', 'exports/network-services-sud.gexf'], { cwd: PROJECT_ROOT });
  expect(ignored.status).toBe(0);
}, 60_000);

it('takes the tie filter as the download does, checked the same way', () => {
  const dir = `${fs.mkdtempSync(path.join(os.tmpdir(), 'bng-export-cli-filter-'))}/`;
  const edges = (...filter: string[]) => {
    const out = path.join(dir, `${filter.join('_') || 'default'}.csv`);
    const res = cli('--zone', 'SUD', '--format', 'CSV_EDGES', '--out', out, ...filter);
    expect([filter, res.status, res.stderr]).toEqual([filter, 0, '']);
    return fs.readFileSync(out, 'utf8').trim().split('\n').length - 1; // minus the header row
  };
  const loose = edges('--minWeight', '0');
  expect(loose).toBeGreaterThan(0);
  expect(edges('--minWeight', '1000')).toBe(0); // no tie of the fixture weighs that much
  const bad = cli('--zone', 'SUD', '--minWeight', 'heavy');
  expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('minWeight')]);
}, 60_000);
