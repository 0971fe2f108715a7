// Unit tests (*.test.ts) run without I/O; integration tests (*.int.test.ts) share one HAPI FHIR
// server that the integration project's globalSetup starts and its globalTeardown stops.
const transform = { '^.+\\.(t|j)sx?$': '@swc/jest' };
const ignored = ['/node_modules/', '/target/', '/dist/', '/.data/'];

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, '\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts'],
    },
    {
      // The GP app's React components, rendered in jsdom against a fake fhirclient Client.
      displayName: 'components',
      transform: {
        '^.+\\.(t|j)sx?$': [
          '@swc/jest',
          {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        ],
        '\\.css$': '<rootDir>/smart-app/test-support/css-transform.cjs',
      },
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/smart-app/test-support/jsdom-text-encoding.ts'],
      setupFilesAfterEnv: ['<rootDir>/smart-app/test-support/component-timeout.ts'],
      testMatch: ['<rootDir>/smart-app/**/*.test.tsx', '<rootDir>/link-worker-app/**/*.test.tsx'],
      testPathIgnorePatterns: ignored,
    },
  ],
};
