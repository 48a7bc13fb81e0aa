/**
 * API keys: `npm run keys -- create --role <role> [--zone <code>] [--label <text>]`,
 * `npm run keys -- list`, `npm run keys -- revoke <keyId>`. The key is printed once, at creation;
 * only its hash is stored.
 */
import { createApiKey, listApiKeys, revokeApiKey } from '../src/access/api-keys';
import { isRole } from '../src/access/principal';
import { withScriptDb } from './script-db';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

withScriptDb(async (db) => {
  const command = process.argv[2];
  if (command === 'create') {
    const role = option('role') ?? '';
    if (!isRole(role)) throw new Error(`--role must be one of analyst, zone, observatory, editor, admin (got "${role}")`);
    const { key, id } = await createApiKey(db, role, { zone: option('zone'), label: option('label') });
    console.log(`Created ${role} key ${id}. Give this key to its holder now; it is not shown again:\n${key}`);
  } else if (command === 'list') {
    const keys = await listApiKeys(db);
    if (keys.length === 0) console.log('No API keys.');
    for (const k of keys) console.log([k.id, k.role, k.zone ?? '-', k.revokedAt ? `revoked ${k.revokedAt}` : 'active', k.label ?? ''].join('\t'));
  } else if (command === 'revoke') {
    const id = process.argv[3];
    if (!id) throw new Error('usage: npm run keys -- revoke <keyId>');
    console.log((await revokeApiKey(db, id)) ? `Revoked ${id}.` : `No active key ${id}.`);
  } else {
    throw new Error('usage: npm run keys -- create --role <role> [--zone <code>] [--label <text>] | list | revoke <keyId>');
  }
});
