/**
 * `npm run export -- --zone SUD --format GEXF [--level SERVICES|PEOPLE] [--from 2023-01-01] [--to …]
 *   [--sectors A,B] [--names] [--out file]`
 * Writes the export (CSV writes <out>.nodes.csv and <out>.edges.csv). People are pseudonymised
 * unless --names is given (the analyst view).
 */
import fs from 'node:fs';
import { AuditTrail } from '../src/access/audit';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { EXPORT_FORMATS, runExport, type ExportFormat } from '../src/modules/exports/run';
import { parseExportQuery } from '../src/http/exports';
import { withScriptDb } from './script-db';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

withScriptDb(async (db) => {
  const config = loadConfig();
  const format = (arg('format') ?? 'GEXF').toUpperCase();
  const formats = format === 'CSV' ? (['CSV_NODES', 'CSV_EDGES'] as ExportFormat[]) : [format as ExportFormat];
  if (!formats.every((f) => f in EXPORT_FORMATS)) throw new Error(`--format: one of CSV, ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  // The same parameters, checked the same way, as GET /exports/network.
  const given = Object.fromEntries(['region', 'zone', 'municipality', 'neighbourhood', 'from', 'to', 'sectors', 'level', 'pseudonyms'].flatMap((name) => (arg(name) === undefined ? [] : [[name, arg(name)]])));
  if (!['region', 'zone', 'municipality', 'neighbourhood'].some((t) => t in given)) given.region = 'BRU';
  const principal = process.argv.includes('--names') ? ({ role: 'analyst', keyId: 'cli' } as const) : ({ role: 'observatory', keyId: 'cli' } as const);
  // The command line reads people as any door does: recorded in the audit trail.
  const audit = new AuditTrail(db, config.PSEUDONYM_SECRET);
  for (const f of formats) {
    const request = parseExportQuery({ ...given, format: f });
    const out = arg('out') ? `${arg('out')}${formats.length > 1 ? `.${EXPORT_FORMATS[f].extension}` : ''}` : `network-${request.level.toLowerCase()}.${EXPORT_FORMATS[f].extension}`;
    const stream = fs.createWriteStream(out);
    const ctx = createContext({ db, config, principal, audit });
    try {
      const { nodes, edges } = await runExport(ctx, request, (c) => stream.write(c));
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
      console.log(`${out}: ${nodes} nodes, ${edges} edges${principal.role === 'observatory' && request.level === 'PEOPLE' ? ' (pseudonymised)' : ''}`);
    } finally {
      audit.record(ctx, 'npm run export');
    }
  }
  await audit.flush();
});
