/** `npm run db:migrate`: applies pending migrations to NEO4J_URI (or the running local Neo4j). */
import { withScriptDb } from './script-db';
import { migrate } from '../src/neo4j/migrations';

withScriptDb(async (db) => {
  const report = await migrate(db);
  console.log(`Migrations applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.join(', ') || 'none'}`);
});
