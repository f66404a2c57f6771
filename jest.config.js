// One Jest set-up for the whole repo. `npm test` (scripts/test.mjs) starts the services the
// integration and end-to-end projects need and passes their addresses in the environment.
const path = require('node:path');
const ignoreAllButEsm = require('./scripts/jest/esm-packages.cjs')(path.join(__dirname, 'node_modules'));

const { compilerOptions } = require('./tsconfig.json');
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const server = (displayName, testMatch) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.m?js$': '<rootDir>/scripts/jest/esm-to-cjs.cjs',
  },
  transformIgnorePatterns: [ignoreAllButEsm],
});

module.exports = {
  projects: [
    server('unit', ['<rootDir>/{apps/api,apps/worker,libs,scripts}/**/*.spec.ts']),
    server('integration', ['<rootDir>/{apps/api,apps/worker,libs}/**/*.int-spec.ts']),
    require('./apps/dashboard/jest.config.js'),
    server('e2e', ['<rootDir>/apps/dashboard/e2e/**/*.e2e-spec.ts']),
  ],
  // Jest reads the timeout globally, not per project: integration and e2e tests start real services and browsers.
  testTimeout: 120_000,
};
