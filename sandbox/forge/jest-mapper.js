/**
 * Jest moduleNameMapper entries that substitute the Forge runtime packages with the sandbox shims.
 * Usage in jest.config.js (for tests that opt in, e.g. a separate project):
 *   const { forgeSandboxMapper, forgeBridgeMapper } = require('./sandbox/forge/jest-mapper');
 *   moduleNameMapper: { ...forgeSandboxMapper }          // backend code
 *   moduleNameMapper: { ...forgeBridgeMapper }           // Custom UI code (jsdom)
 * Only bare specifiers are mapped, so the shims' deep imports (@forge/kvs/out/…) still load the real package.
 */
const forgeSandboxMapper = {
  '^@forge/api$': '<rootDir>/sandbox/forge/api.ts',
  '^@forge/kvs$': '<rootDir>/sandbox/forge/kvs.ts',
  '^@forge/resolver$': '<rootDir>/sandbox/forge/resolver.ts',
  '^@forge/events$': '<rootDir>/sandbox/forge/events.ts',
};

const forgeBridgeMapper = {
  '^@forge/bridge$': '<rootDir>/sandbox/forge/bridge/index.ts',
};

module.exports = { forgeSandboxMapper, forgeBridgeMapper };
