/** Loads the Brussels demo graph into an empty database at start (local mode). */
import { logger } from '../logger';
import type { Db } from '../neo4j/driver';
import { generateDataset } from './generate';
import { loadDataset } from './load';
import { rebuildAllTies } from '../modules/network/ties';

export async function seedDemo(db: Db, seed: number): Promise<void> {
  const started = Date.now();
  logger.info({ seed }, 'empty database: loading the Brussels demo graph');
  const report = await loadDataset(db, generateDataset({ scale: 'demo', seed }));
  const ties = await rebuildAllTies(db);
  logger.info({ ms: Date.now() - started, report, ties }, 'demo graph loaded');
}
