/**
 * Two projects. `shared-neo4j`: the suites that use the run's one real Neo4j, started by
 * tests/helpers/global-setup.ts on a free port with a fresh data directory and stopped at the end;
 * they share it, so they run one file at a time. `own-neo4j`: the suites that start (and stop, or
 * kill) a Neo4j of their own; `npm test` (scripts/test.sh) runs them beside the others.
 * Type checking is `npm run typecheck` (part of `npm test`); ts-jest only transpiles.
 */
const OWN_NEO4J = ['tests/e2e/start.test.ts', 'tests/e2e/resilience.test.ts', 'tests/e2e/local-neo4j-dies.test.ts'];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 1,
  projects: [
    {
      ...common,
      displayName: 'shared-neo4j',
      roots: ['<rootDir>/src', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...OWN_NEO4J.map((file) => `<rootDir>/${file}`)],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'own-neo4j',
      roots: ['<rootDir>/tests'],
      testMatch: OWN_NEO4J.map((file) => `<rootDir>/${file}`),
    },
  ],
};
