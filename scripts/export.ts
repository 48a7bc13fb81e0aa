/**
 * `npm run export -- --zone SUD --format GEXF [--level SERVICES|PEOPLE] [--from 2023-01-01] [--to …]
 *   [--sectors A,B] [--names] [--out file]`
 * Writes the export (CSV writes <out>.nodes.csv and <out>.edges.csv). People are pseudonymised
 * unless --names is given (the analyst view).
 */
import fs from 'node:fs';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { EXPORT_FORMATS, runExport, type ExportFormat } from '../src/modules/exports/run';
import type { ExportLevel } from '../src/modules/exports/graph';
import { withScriptDb } from './script-db';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

withScriptDb(async (db) => {
  const config = loadConfig();
  const format = (arg('format') ?? 'GEXF').toUpperCase();
  const level = (arg('level') ?? 'SERVICES').toUpperCase() as ExportLevel;
  const formats = format === 'CSV' ? (['CSV_NODES', 'CSV_EDGES'] as ExportFormat[]) : [format as ExportFormat];
  if (!formats.every((f) => f in EXPORT_FORMATS)) throw new Error(`--format: one of CSV, ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  const territory = { region: arg('region'), zone: arg('zone'), municipality: arg('municipality'), neighbourhood: arg('neighbourhood') };
  if (!Object.values(territory).some(Boolean)) territory.region = 'BRU';
  const principal = process.argv.includes('--names') ? ({ role: 'analyst', keyId: 'cli' } as const) : ({ role: 'observatory', keyId: 'cli' } as const);
  for (const f of formats) {
    const out = arg('out') ? `${arg('out')}${formats.length > 1 ? `.${EXPORT_FORMATS[f].extension}` : ''}` : `network-${level.toLowerCase()}.${EXPORT_FORMATS[f].extension}`;
    const stream = fs.createWriteStream(out);
    const ctx = createContext({ db, config, principal });
    const { nodes, edges } = await runExport(ctx, { territory, window: { from: arg('from') ?? null, to: arg('to') ?? null }, sectors: arg('sectors')?.split(',') ?? null, level, format: f }, (c) => stream.write(c));
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    console.log(`${out}: ${nodes} nodes, ${edges} edges${principal.role === 'observatory' && level === 'PEOPLE' ? ' (pseudonymised)' : ''}`);
  }
});
