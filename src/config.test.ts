/** Configuration is validated at start, with errors naming the variable. */
import { loadConfig } from './config';

it('uses defaults for an empty environment', () => {
  const config = loadConfig({});
  expect(config.PORT).toBe(4000);
  expect(config.NEO4J_URI).toBeUndefined();
  expect(config.MAX_PAGE_SIZE).toBe(500);
});

it('accepts routing URIs for clusters', () => {
  expect(loadConfig({ NEO4J_URI: 'neo4j+s://db.example.org:7687' }).NEO4J_URI).toBe('neo4j+s://db.example.org:7687');
});

it('names the variable and the reason when a value is wrong', () => {
  expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI/);
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ LOCAL_NEO4J_HEAP: 'lots' })).toThrow(/LOCAL_NEO4J_HEAP: must look like 1g or 512m/);
});
