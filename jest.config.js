/**
 * One real Neo4j for the whole run, started by tests/helpers/global-setup.ts on a free port with a
 * fresh data directory and stopped at the end. Tests share it, so they run in band.
 * Type checking is `npm run typecheck` (part of `npm test`); ts-jest only transpiles.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 1,
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
};
