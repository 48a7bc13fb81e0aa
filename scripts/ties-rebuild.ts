/**
 * `npm run ties:rebuild [-- --rewrite]`: recomputes every MET and KNOWS tie from the attendance lists
 * and the other evidence, and rewrites the stored ties that differ; `--rewrite` deletes and writes
 * them all (after ties were changed by hand outside the API).
 */
import { rebuildAllTies } from '../src/modules/network/ties';
import { withScriptDb } from './script-db';

const rewrite = process.argv.includes('--rewrite');
const count = (n: number) => n.toLocaleString('en');

withScriptDb(async (db) => {
  const r = await rebuildAllTies(db, { rewrite });
  console.log(
    `${count(r.met)} MET and ${count(r.knows)} KNOWS ties from ${count(r.sessions)} sessions in ${(r.ms / 1000).toFixed(1)} s: ${count(r.written)} written, ${count(r.deleted)} deleted`,
  );
});
