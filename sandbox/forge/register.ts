/**
 * `import './sandbox/forge/register'` (first thing in the sandbox entry point, under tsx) makes Node resolve
 * `@forge/api`, `@forge/kvs`, `@forge/resolver` and `@forge/events` to the shims in this directory.
 * Only the bare specifiers are mapped; deep imports such as `@forge/kvs/out/kvs` (used by the shims) still load the
 * real package. CommonJS resolution only (the project compiles to CommonJS).
 */
import Module from 'node:module';
import { extname, join } from 'node:path';

const ext = extname(__filename) || '.js';

export const FORGE_SHIMS: Readonly<Record<string, string>> = {
  '@forge/api': join(__dirname, `api${ext}`),
  '@forge/kvs': join(__dirname, `kvs${ext}`),
  '@forge/resolver': join(__dirname, `resolver${ext}`),
  '@forge/events': join(__dirname, `events${ext}`),
};

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
// Module._resolveFilename is internal to Node and absent from @types/node.
const M = Module as unknown as { _resolveFilename: ResolveFilename & { __forgeSandbox?: true } };

if (!M._resolveFilename.__forgeSandbox) {
  const original = M._resolveFilename;
  const patched: ResolveFilename & { __forgeSandbox?: true } = function (this: unknown, request, parent, isMain, options) {
    const target = Object.prototype.hasOwnProperty.call(FORGE_SHIMS, request) ? FORGE_SHIMS[request] : undefined;
    return original.call(this, target ?? request, parent, isMain, options);
  };
  patched.__forgeSandbox = true;
  M._resolveFilename = patched;
}
