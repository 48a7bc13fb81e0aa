/**
 * The local analyst key of `npm start` on its own local Neo4j (development only): made once for
 * that database, stored like any key (its hash in Neo4j), and its plain text kept beside the local
 * Neo4j's password (`<home>/api-key.json`, mode 0600, ignored by git) so that the next start can
 * print it again. Without it a newcomer's GraphiQL answers FORBIDDEN to every network question.
 *
 * Never made in production or against an external NEO4J_URI (main.ts decides), and never sent
 * to a browser by the server: the developer pastes it from the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../neo4j/driver';
import { createApiKey, InvalidKeyError, KeyVerifier } from './api-keys';

export const LOCAL_KEY_LABEL = 'local development key (npm start)';

export function localKeyPath(home: string): string {
  return path.join(home, 'api-key.json');
}

function readStored(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: unknown };
    return typeof stored.key === 'string' ? stored.key : undefined;
  } catch {
    // A damaged file is replaced by a new key below.
    return undefined;
  }
}

/**
 * The local analyst key of this home's database: the stored one while the database still knows it
 * as an analyst key, else a new one (a wiped store, a revoked key, a first start).
 */
export async function ensureLocalAnalystKey(db: Db, home: string): Promise<{ key: string; file: string; created: boolean }> {
  const file = localKeyPath(home);
  const stored = readStored(file);
  if (stored) {
    try {
      const principal = await new KeyVerifier(db).verify(stored);
      if (principal.role === 'analyst') return { key: stored, file, created: false };
    } catch (err) {
      if (!(err instanceof InvalidKeyError)) throw err;
    }
  }
  const { key } = await createApiKey(db, 'analyst', { label: LOCAL_KEY_LABEL });
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  // Written whole then renamed, readable by its owner only (it opens person-level data).
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ key, note: 'analyst key made by `npm start` for this local database; revoke with npm run keys -- revoke <id>' }, null, 2), {
    mode: 0o600,
  });
  fs.renameSync(temporary, file);
  return { key, file, created: true };
}
