/** `npm run db:migrate`: applies pending migrations to NEO4J_URI (or the running local Neo4j). */
import { withScriptDb } from './script-db';
import { migrate } from '../src/neo4j/migrations';
import { ensureTiesCurrent } from '../src/modules/network/ties';

withScriptDb(async (db) => {
  const report = await migrate(db);
  const rebuilt = await ensureTiesCurrent(db);
  if (rebuilt) console.log(`Ties were stored in an older format: rebuilt (${rebuilt.met} MET, ${rebuilt.knows} KNOWS in ${rebuilt.ms} ms)`);
  console.log(`Migrations applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.join(', ') || 'none'}`);
});
