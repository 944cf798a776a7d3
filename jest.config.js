/** Jest: ts-jest in transpile-only mode (type-checking is `npm run typecheck`). */
const { forgeSandboxMapper } = require('./sandbox/forge/jest-mapper');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/sandbox'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/test-results/'],
  // Atlaskit components import their extracted styles (*.compiled.css); the UI tests (test/ui,
  // jsdom) do not need them.
  // Backend code runs on the sandbox's Forge shims in tests (as under `npm start`); a test that
  // needs a fake of its own still uses jest.mock.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/ui/style-stub.js', ...forgeSandboxMapper },
};
