/**
 * `npm run export -- --zone SUD --format GEXF [--level SERVICES|PEOPLE] [--from 2023-01-01] [--to …]
 *   [--sectors A,B] [--pseudonyms STABLE|PER_EXPORT] [--minWeight 0.25 --minCount N --minMeetings N
 *    --evidence A,B --initiativeKinds A,B --excludeInitiativeKinds A,B --backboneAlpha 0.05 --backboneCorrection HOLM]
 *   [--names] [--out <file or folder/>]`
 * Writes the export under exports/ (ignored by git) unless --out says where: a file, or a folder
 * (an existing one, or a path ending in /) that gets the default name. `--format CSV` writes both
 * CSV_NODES and CSV_EDGES (with --out <file>: <file>.nodes.csv and <file>.edges.csv). People are
 * pseudonymised unless --names is given (the analyst view).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditTrail } from '../src/access/audit';
import { loadConfig, PROJECT_ROOT } from '../src/config';
import { createContext } from '../src/context';
import { EXPORT_FORMATS, runExport, type ExportFormat } from '../src/modules/exports/run';
import { parseExportQuery, TIE_FILTER_BACKBONE, TIE_FILTER_LISTS, TIE_FILTER_NUMBERS } from '../src/http/exports';
import { withScriptDb } from './script-db';

/** Where exports go without --out: a folder of the project that git ignores. */
const DEFAULT_EXPORT_DIR = path.join(PROJECT_ROOT, 'exports');

const TERRITORY = ['region', 'zone', 'municipality', 'neighbourhood'];
// The tie filter's flags are the download's parameters (GET /exports/network), checked by the same function.
const TIE_FILTER: string[] = [...TIE_FILTER_NUMBERS, ...TIE_FILTER_LISTS, ...TIE_FILTER_BACKBONE];
const VALUED = [...TERRITORY, 'from', 'to', 'sectors', 'level', 'pseudonyms', 'format', 'out', ...TIE_FILTER];
const SWITCHES = ['names', 'help'];

const USAGE = [
  'usage: npm run export -- [--zone SUD | --municipality 21007 | --neighbourhood <code> | --region BRU] [--format <format>]',
  '         [--level SERVICES|PEOPLE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sectors A,B] [--pseudonyms STABLE|PER_EXPORT]',
  '         [--minWeight W] [--minCount N] [--minMeetings N] [--evidence A,B] [--initiativeKinds A,B] [--excludeInitiativeKinds A,B]',
  '         [--backboneAlpha 0.05] [--backboneCorrection NONE|BONFERRONI|HOLM]',
  '         [--names] [--out <file or folder/>]',
  `  --format   ${Object.keys(EXPORT_FORMATS).join(', ')}, or CSV (both CSV files); default GEXF`,
  '  --level    SERVICES (default) or PEOPLE (pseudonymised unless --names)',
  `  --out      a file, or a folder (existing, or ending in /); default: ${path.relative(PROJECT_ROOT, DEFAULT_EXPORT_DIR)}/network-<level>-<territory>.<extension>`,
  '  --minWeight … --backboneCorrection   the tie filter (docs/graph-model.md); default: minimum weight 0.25, no backbone',
  '  without a territory: the whole region (BRU)',
].join('\n');

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || ![...VALUED, ...SWITCHES].includes(name)) throw new Error(`unknown argument "${flag}"\n${USAGE}`);
    if (SWITCHES.includes(name)) out[name] = true;
    else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${USAGE}`);
      out[name] = value;
    }
  }
  return out;
}

/** The file an export is written to. */
function outputPath(out: string | undefined, defaultName: string, extension: string, several: boolean): string {
  if (out === undefined) return path.join(DEFAULT_EXPORT_DIR, defaultName);
  const folder = out.endsWith('/') || out.endsWith(path.sep) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
  if (folder) return path.join(out, defaultName);
  return several ? `${out}.${extension}` : out;
}

let args: Record<string, string | true> = {};
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

withScriptDb(async (db) => {
  const config = loadConfig();
  const format = String(args.format ?? 'GEXF').toUpperCase();
  const formats = format === 'CSV' ? (['CSV_NODES', 'CSV_EDGES'] as ExportFormat[]) : [format as ExportFormat];
  if (!formats.every((f) => f in EXPORT_FORMATS)) throw new Error(`--format: one of CSV, ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  // The same parameters, checked the same way, as GET /exports/network.
  const given: Record<string, string> = Object.fromEntries(
    [...TERRITORY, 'from', 'to', 'sectors', 'level', 'pseudonyms', ...TIE_FILTER].flatMap((name) => (typeof args[name] === 'string' ? [[name, args[name]]] : [])),
  );
  if (!TERRITORY.some((t) => t in given)) given.region = 'BRU';
  const territory = TERRITORY.map((t) => given[t]).find(Boolean) ?? 'BRU';
  const principal = args.names ? ({ role: 'analyst', keyId: 'cli' } as const) : ({ role: 'observatory', keyId: 'cli' } as const);
  const out = typeof args.out === 'string' ? args.out : undefined;
  // The command line reads people as any door does: recorded in the audit trail.
  const audit = new AuditTrail(db, config.PSEUDONYM_SECRET);
  for (const f of formats) {
    const request = parseExportQuery({ ...given, format: f });
    const { extension } = EXPORT_FORMATS[f];
    const file = outputPath(out, `network-${request.level.toLowerCase()}-${territory.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.${extension}`, extension, formats.length > 1);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const stream = fs.createWriteStream(file);
    const ctx = createContext({ db, config, principal, audit });
    try {
      const { nodes, edges } = await runExport(ctx, request, (c) => stream.write(c));
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
      console.log(
        `${path.relative(process.cwd(), path.resolve(file)) || file}: ${nodes} nodes, ${edges} edges${principal.role === 'observatory' && request.level === 'PEOPLE' ? ' (pseudonymised)' : ''}`,
      );
    } finally {
      audit.record(ctx, 'npm run export');
    }
  }
  await audit.flush();
});
