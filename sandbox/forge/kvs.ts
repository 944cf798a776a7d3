/**
 * Sandbox replacement for `@forge/kvs`.
 *
 * The public surface is the real package's: the real client classes (`KvsImpl`, `StorageApi`, query/entity/transaction
 * builders, `Filter`, `FilterConditions`, `WhereConditions`, `ForgeKvsError`, `ForgeKvsAPIError`, `MetadataField`,
 * `Sort`) are re-used from `@forge/kvs/out/*`; only the transport is replaced: instead of HTTPS to Forge hosted
 * storage, requests go to the in-memory `KvsBackend` (kvs-backend.ts), which answers with the same JSON and the
 * same error bodies. App code therefore sees exactly the real package's behaviour and error classes.
 *
 * Sandbox-only extras (not in the real package): `configureKvs`, `getKvsBackend`, `resetKvs`, `KVS_ERROR_CODES`,
 * `KVS_LIMITS`.
 */
import { KvsImpl } from '@forge/kvs/out/kvs';
import { StorageApi } from '@forge/kvs/out/storage-api';
import type { FetchMethod, RequestInit as ForgeRequestInit, APIResponse } from '@forge/api';
import { KvsBackend, type EntityDecl, type KvsBackendOptions } from './kvs-backend';

export { FilterConditions, WhereConditions } from '@forge/kvs/out/conditions';
export { FilterBuilder as Filter } from '@forge/kvs/out/entity-query';
export { ForgeKvsError, ForgeKvsAPIError } from '@forge/kvs/out/errors';
export type { ForgeError, APIErrorResponseDetails } from '@forge/kvs/out/errors';
export type { AndFilter, OrFilter } from '@forge/kvs/out/interfaces/entity-query';
export * from '@forge/kvs/out/interfaces/types';
export { KVS_ERROR_CODES, KVS_LIMITS, KvsBackend } from './kvs-backend';
export type { EntityDecl, EntityIndexDecl, AttributeType } from './kvs-backend';

interface KvsShimState {
  backend: KvsBackend;
  latencyMs: number;
}

const STATE_KEY = Symbol.for('kesu.sandbox.forge.kvs');

function state(): KvsShimState {
  const g = globalThis as unknown as Record<symbol, KvsShimState | undefined>;
  let s = g[STATE_KEY];
  if (!s) {
    s = { backend: new KvsBackend(), latencyMs: 0 };
    g[STATE_KEY] = s;
  }
  return s;
}

export interface ConfigureKvsOptions extends KvsBackendOptions {
  /**
   * Simulated round-trip latency per storage call (ms). 0 (default) still yields to the event loop once before each
   * call, so concurrent callers interleave as they would against a remote store.
   */
  latencyMs?: number;
}

/** Replace the backend (fresh, empty unless dataDir holds a kvs.json) — call once at host start or in beforeEach. */
export function configureKvs(options: ConfigureKvsOptions = {}): KvsBackend {
  const s = state();
  s.backend = new KvsBackend(options);
  s.latencyMs = options.latencyMs ?? 0;
  return s.backend;
}

/** Declare more entities on the current backend (e.g. from a manifest loaded later). */
export function declareKvsEntities(entities: EntityDecl[]): void {
  state().backend.declareEntities(entities);
}

export function getKvsBackend(): KvsBackend {
  return state().backend;
}

/** Drop all stored data of the current backend. */
export function resetKvs(): void {
  state().backend.clear();
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : new Promise((r) => setImmediate(r));
}

/** The transport the real StorageApi calls: (path, init) → Response, served by the in-memory backend. */
export const sandboxStorageFetch: FetchMethod = async (path: string, init?: ForgeRequestInit): Promise<APIResponse> => {
  const s = state();
  const body: unknown = typeof init?.body === 'string' && init.body.length > 0 ? JSON.parse(init.body) : undefined;
  await pause(s.latencyMs);
  const res = s.backend.handle(path, body);
  await pause(0);
  const text = res.body === undefined ? null : JSON.stringify(res.body);
  // A 204 cannot carry a body; the real client only reads bodies of 200s.
  return new Response(res.status === 204 ? null : text, {
    status: res.status,
    statusText: res.status >= 400 ? 'Error' : 'OK',
    headers: { 'content-type': 'application/json', 'x-trace-id': 'sandbox' },
  });
};

const kvs = new KvsImpl(new StorageApi(sandboxStorageFetch));
export { kvs };
export default kvs;
