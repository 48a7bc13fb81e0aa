/** `npm run ties:rebuild`: recomputes every MET and KNOWS tie from the attendance lists. */
import { rebuildAllTies } from '../src/modules/network/ties';
import { withScriptDb } from './script-db';

withScriptDb(async (db) => {
  const r = await rebuildAllTies(db);
  console.log(
    `Rebuilt ${r.met.toLocaleString('en')} MET and ${r.knows.toLocaleString('en')} KNOWS ties from ${r.sessions.toLocaleString('en')} sessions in ${(r.ms / 1000).toFixed(1)} s`,
  );
});
