/**
 * In-memory Forge hosted storage (KVS + Custom Entity Store + secrets) for the sandbox.
 *
 * It answers the same REST calls the real `@forge/kvs` client makes (`POST /api/v1/get`, `/api/v1/entity/query`,
 * `/api/v1/transaction`, …) with the same JSON bodies, so the real client code (`KvsImpl`, `StorageApi`, its error
 * handling and `ForgeKvsAPIError`) runs unchanged on top of it — see kvs.ts.
 *
 * Atomicity: every request is handled synchronously (no await between reading and writing), so one request — in
 * particular one transaction with its condition checks — is atomic relative to all other calls. The async surface
 * (and optional simulated latency) lives in the fetch adapter in kvs.ts.
 *
 * Persistence (optional): a JSON file in a data dir, rewritten after mutations (coalesced; temp file + rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// ---------------------------------------------------------------------------------------------------------------
// Limits (docs: limits-kvs-ce, storage-reference/*). Exported for tests and for the lead's documentation.
// ---------------------------------------------------------------------------------------------------------------
export const KVS_LIMITS = {
  keyMaxLength: 500,
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/,
  valueMaxBytes: 240 * 1024,
  valueMaxDepth: 31,
  transactionMaxOps: 25,
  transactionMaxBytes: 4 * 1024 * 1024,
  batchMaxItems: 25,
  batchMaxBytes: 4 * 1024 * 1024,
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  ttlMaxSeconds: 365 * 24 * 3600,
  entityNameMin: 3,
  entityNameMax: 60,
  int32Min: -2147483648,
  int32Max: 2147483647,
} as const;

/**
 * Error codes answered by the sandbox. Codes from the docs' error tables where they exist; the ones marked
 * "sandbox" are not documented by Atlassian (verify on a dev site, research §14.2) but are stable here, so app code
 * can tell a failed transaction condition from a FAIL_IF_EXISTS conflict.
 */
export const KVS_ERROR_CODES = {
  KEY_NOT_FOUND: 'KEY_NOT_FOUND', // what the real client treats as "undefined" on get/delete
  KEY_TOO_SHORT: 'KEY_TOO_SHORT',
  EMPTY_KEY: 'EMPTY_KEY',
  KEY_TOO_LONG: 'KEY_TOO_LONG',
  INVALID_KEY: 'INVALID_KEY',
  MAX_SIZE: 'MAX_SIZE',
  MAX_DEPTH: 'MAX_DEPTH',
  /** FAIL_IF_EXISTS on an existing key — HTTP 409 (community-reported code; sandbox). */
  KEY_CONFLICT: 'KEY_CONFLICT',
  /** A transaction set/delete/check condition evaluated false — HTTP 409 (sandbox). */
  CONDITION_CHECK_FAILED: 'CONDITION_CHECK_FAILED',
  /** More than 25 operations, or the same key twice, or > 4 MB — HTTP 400 (sandbox). */
  INVALID_TRANSACTION: 'INVALID_TRANSACTION',
  INVALID_BATCH: 'INVALID_BATCH',
  INVALID_TTL: 'INVALID_TTL',
  INVALID_ENTITY_TYPE: 'INVALID_ENTITY_TYPE',
  ENTITY_TYPE_TOO_SHORT: 'ENTITY_TYPE_TOO_SHORT',
  ENTITY_TYPE_TOO_LARGE: 'ENTITY_TYPE_TOO_LARGE',
  /** Entity not declared in manifest app.storage.entities (sandbox). */
  ENTITY_NOT_FOUND: 'ENTITY_NOT_FOUND',
  INVALID_ENTITY_VALUE: 'INVALID_ENTITY_VALUE',
  INVALID_ENTITY_ATTRIBUTE: 'INVALID_ENTITY_ATTRIBUTE',
  INVALID_ENTITY_INDEX: 'INVALID_ENTITY_INDEX',
  COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
  LIST_QUERY_LIMIT_EXCEEDED: 'LIST_QUERY_LIMIT_EXCEEDED',
  QUERY_WHERE_INVALID: 'QUERY_WHERE_INVALID',
  QUERY_WHERE_FIELD_INVALID: 'QUERY_WHERE_FIELD_INVALID',
  INVALID_FILTER_CONDITION: 'INVALID_FILTER_CONDITION',
  INVALID_FILTER_VALUES: 'INVALID_FILTER_VALUES',
  EMPTY_FILTER_OPERATOR: 'EMPTY_FILTER_OPERATOR',
  INVALID_FILTER_OPERATORS_COMBINATION: 'INVALID_FILTER_OPERATORS_COMBINATION',
  INVALID_PARTITION: 'INVALID_PARTITION', // sandbox
  INVALID_CURSOR: 'INVALID_CURSOR', // sandbox
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Manifest entity declarations (app.storage.entities)
// ---------------------------------------------------------------------------------------------------------------
export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityIndexDecl {
  name: string;
  range?: string[];
  partition?: string[];
}

export interface EntityDecl {
  name: string;
  attributes: Record<string, { type: AttributeType; [k: string]: unknown }>;
  indexes?: Array<string | EntityIndexDecl>;
}

interface NormalizedIndex {
  name: string;
  range?: string;
  partition: string[];
}

interface NormalizedEntity {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, NormalizedIndex>;
}

// ---------------------------------------------------------------------------------------------------------------
// Stored records and wire shapes
// ---------------------------------------------------------------------------------------------------------------
interface StoredRecord {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** epoch ms */
  expireAt?: number;
}

type Namespace = string; // 'kvs' | 'secret' | `entity:${name}`

export interface BackendResponse {
  status: number;
  /** JSON body; undefined → empty body. */
  body?: unknown;
}

export class KvsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KvsHttpError';
  }
}

const bad = (code: string, message: string, context?: Record<string, unknown>): KvsHttpError =>
  new KvsHttpError(400, code, message, context);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface FilterItem {
  property: string;
  condition: string;
  values: unknown[];
}

interface Filters {
  and?: FilterItem[];
  or?: FilterItem[];
}

export interface KvsBackendOptions {
  /** Directory for kvs.json; omit for memory only. */
  dataDir?: string;
  /** Entities from manifest app.storage.entities. */
  entities?: EntityDecl[];
  /** Clock (epoch ms), for TTL tests. */
  now?: () => number;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  if (isRecord(v)) return 1 + Object.values(v).reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  return 0;
}

function validateKey(key: unknown, entity: boolean): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw entity ? bad(KVS_ERROR_CODES.EMPTY_KEY, 'Key cannot be empty.') : bad(KVS_ERROR_CODES.KEY_TOO_SHORT, 'The provided key needs to be more than one character.');
  }
  if (key.length > KVS_LIMITS.keyMaxLength) {
    throw bad(KVS_ERROR_CODES.KEY_TOO_LONG, `The provided key has exceeded the maximum ${KVS_LIMITS.keyMaxLength} characters.`);
  }
  if (!KVS_LIMITS.keyPattern.test(key)) {
    throw bad(KVS_ERROR_CODES.INVALID_KEY, `The provided key does not match the regex: ${String(KVS_LIMITS.keyPattern)}`, { key });
  }
  return key;
}

function validateValue(value: unknown): void {
  if (value === undefined) throw bad(KVS_ERROR_CODES.BAD_REQUEST, 'A value is required.');
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > KVS_LIMITS.valueMaxBytes) {
    throw bad(KVS_ERROR_CODES.MAX_SIZE, `The provided value has exceeded the maximum size limit (${size} > ${KVS_LIMITS.valueMaxBytes} bytes).`);
  }
  if (depthOf(value) > KVS_LIMITS.valueMaxDepth) {
    throw bad(KVS_ERROR_CODES.MAX_DEPTH, `The provided value has exceeded the maximum object depth (${KVS_LIMITS.valueMaxDepth}) limit.`);
  }
}

const TTL_SECONDS: Record<string, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 };

function ttlToMs(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  if (!isRecord(ttl)) throw bad(KVS_ERROR_CODES.INVALID_TTL, 'ttl must be an object { unit, value }.');
  const unitSeconds = typeof ttl['unit'] === 'string' ? TTL_SECONDS[ttl['unit']] : undefined;
  const value = ttl['value'];
  if (unitSeconds === undefined) throw bad(KVS_ERROR_CODES.INVALID_TTL, `Invalid ttl unit '${String(ttl['unit'])}'.`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw bad(KVS_ERROR_CODES.INVALID_TTL, 'ttl value must be a positive integer.');
  }
  const seconds = value * unitSeconds;
  if (seconds > KVS_LIMITS.ttlMaxSeconds) throw bad(KVS_ERROR_CODES.INVALID_TTL, 'The maximum supported TTL is 1 year.');
  return seconds * 1000;
}

type Comparable = string | number | boolean;

function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sameKind(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean');
}

/** Evaluates one condition clause against an attribute value (undefined = attribute absent). */
function evalCondition(actual: unknown, condition: string, values: unknown[]): boolean {
  const v0 = values[0];
  switch (condition) {
    case 'EXISTS':
      return actual !== undefined && actual !== null;
    case 'NOT_EXISTS':
      return actual === undefined || actual === null;
    case 'EQUAL_TO':
      return actual !== undefined && actual === v0;
    case 'NOT_EQUAL_TO':
      return actual !== v0;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(v0));
    case 'CONTAINS':
      return typeof actual === 'string' && actual.includes(String(v0));
    case 'NOT_CONTAINS':
      return typeof actual === 'string' && !actual.includes(String(v0));
    case 'GREATER_THAN':
      return sameKind(actual, v0) && compareValues(actual as Comparable, v0 as Comparable) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return sameKind(actual, v0) && compareValues(actual as Comparable, v0 as Comparable) >= 0;
    case 'LESS_THAN':
      return sameKind(actual, v0) && compareValues(actual as Comparable, v0 as Comparable) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return sameKind(actual, v0) && compareValues(actual as Comparable, v0 as Comparable) <= 0;
    case 'BETWEEN': {
      const v1 = values[1];
      return (
        sameKind(actual, v0) &&
        sameKind(actual, v1) &&
        compareValues(actual as Comparable, v0 as Comparable) >= 0 &&
        compareValues(actual as Comparable, v1 as Comparable) <= 0
      );
    }
    default:
      throw bad(KVS_ERROR_CODES.INVALID_FILTER_CONDITION, `The condition '${condition}' is not supported.`);
  }
}

const FILTER_CONDITIONS = new Set([
  'BEGINS_WITH', 'BETWEEN', 'CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS',
  'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
]);
const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

function checkClauseValues(condition: string, values: unknown): unknown[] {
  if (!Array.isArray(values)) throw bad(KVS_ERROR_CODES.INVALID_FILTER_VALUES, `Condition ${condition} needs a values array.`);
  const need = condition === 'BETWEEN' ? 2 : 1;
  if (values.length !== need) {
    throw bad(
      condition === 'BETWEEN' ? 'INSUFFICIENT_FILTER_VALUES' : KVS_ERROR_CODES.INVALID_FILTER_VALUES,
      `The condition ${condition} needs exactly ${need} value(s).`,
    );
  }
  return values;
}

function encodeCursor(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw bad(KVS_ERROR_CODES.INVALID_CURSOR, 'The cursor is invalid.');
}

// ---------------------------------------------------------------------------------------------------------------
// The backend
// ---------------------------------------------------------------------------------------------------------------
export class KvsBackend {
  private data = new Map<Namespace, Map<string, StoredRecord>>();
  private entities = new Map<string, NormalizedEntity>();
  private readonly now: () => number;
  private dataFile: string | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private saveScheduled = false;
  /** Counts of handled requests per API path, for tests/accounting. */
  readonly requestCounts = new Map<string, number>();

  constructor(options: KvsBackendOptions = {}) {
    this.now = options.now ?? Date.now;
    if (options.entities) this.declareEntities(options.entities);
    if (options.dataDir) this.attachDataDir(options.dataDir);
  }

  // ----- configuration ----------------------------------------------------------------------------------------
  declareEntities(decls: EntityDecl[]): void {
    for (const decl of decls) {
      const name = decl.name;
      this.validateEntityName(name);
      const attributes = new Map<string, AttributeType>();
      for (const [attr, spec] of Object.entries(decl.attributes ?? {})) {
        if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(attr) || attr.length > 64) {
          throw new Error(`Entity '${name}': invalid attribute name '${attr}'.`);
        }
        const t = spec?.type;
        if (t !== 'string' && t !== 'integer' && t !== 'float' && t !== 'boolean' && t !== 'any') {
          throw new Error(`Entity '${name}': attribute '${attr}' has unsupported type '${String(t)}'.`);
        }
        attributes.set(attr, t);
      }
      const indexes = new Map<string, NormalizedIndex>();
      indexes.set('by-key', { name: 'by-key', partition: [] });
      for (const idx of decl.indexes ?? []) {
        const n: NormalizedIndex =
          typeof idx === 'string' ? { name: idx, range: idx, partition: [] } : { name: idx.name, range: idx.range?.[0], partition: idx.partition ?? [] };
        for (const a of [...(n.range ? [n.range] : []), ...n.partition]) {
          const t = attributes.get(a);
          if (t === undefined) throw new Error(`Entity '${name}': index '${n.name}' uses undeclared attribute '${a}'.`);
          if (t === 'any') throw new Error(`Entity '${name}': index '${n.name}' cannot use 'any' attribute '${a}'.`);
        }
        if (typeof idx !== 'string' && (idx.range?.length ?? 0) > 1) throw new Error(`Entity '${name}': index '${n.name}' range takes one attribute.`);
        indexes.set(n.name, n);
      }
      if (indexes.size - 1 > 7) throw new Error(`Entity '${name}': at most 7 custom indexes.`);
      if (attributes.size > 50) throw new Error(`Entity '${name}': at most 50 attributes.`);
      this.entities.set(name, { name, attributes, indexes });
    }
    if (this.entities.size > 20) throw new Error('An app can have at most 20 entities.');
  }

  /** Load (if present) and persist to <dataDir>/kvs.json. */
  attachDataDir(dataDir: string): void {
    mkdirSync(dataDir, { recursive: true });
    this.dataFile = join(dataDir, 'kvs.json');
    if (existsSync(this.dataFile)) {
      const parsed: unknown = JSON.parse(readFileSync(this.dataFile, 'utf8'));
      const spaces = isRecord(parsed) && isRecord(parsed['namespaces']) ? parsed['namespaces'] : {};
      this.data.clear();
      for (const [ns, entries] of Object.entries(spaces)) {
        if (!isRecord(entries)) continue;
        const m = new Map<string, StoredRecord>();
        for (const [k, rec] of Object.entries(entries)) if (isRecord(rec)) m.set(k, rec as unknown as StoredRecord);
        this.data.set(ns, m);
      }
    }
  }

  /** Drop all data (entity declarations stay). */
  clear(): void {
    this.data.clear();
    this.markDirty();
  }

  /** Resolves when everything written so far is on disk. */
  async flush(): Promise<void> {
    while (this.saveScheduled) await this.saving;
  }

  /** A deep copy of a namespace's live records (for debugging / assertions). */
  dump(namespace: 'kvs' | 'secret' | `entity:${string}` = 'kvs'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, rec] of this.ns(namespace)) if (!this.expired(rec)) out[k] = JSON.parse(JSON.stringify(rec.value));
    return out;
  }

  // ----- request dispatch -------------------------------------------------------------------------------------
  /** Handle one REST call of the storage API. Synchronous → atomic. */
  handle(path: string, body: unknown): BackendResponse {
    this.requestCounts.set(path, (this.requestCounts.get(path) ?? 0) + 1);
    try {
      return this.dispatch(path, body);
    } catch (e) {
      if (e instanceof KvsHttpError) {
        return { status: e.status, body: { code: e.code, message: e.message, ...(e.context ? { context: e.context } : {}) } };
      }
      const message = e instanceof Error ? e.message : String(e);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message } };
    }
  }

  private dispatch(path: string, body: unknown): BackendResponse {
    const b = isRecord(body) ? body : Array.isArray(body) ? { items: body } : {};
    switch (path) {
      case '/api/v1/get':
        return this.get('kvs', b);
      case '/api/v1/secret/get':
        return this.get('secret', b);
      case '/api/v1/entity/get':
        return this.get(this.entityNs(b['entityName']), b);
      case '/api/v1/set':
        return this.set('kvs', b);
      case '/api/v1/secret/set':
        return this.set('secret', b);
      case '/api/v1/entity/set':
        return this.set(this.entityNs(b['entityName']), b);
      case '/api/v1/delete':
        return this.delete('kvs', b);
      case '/api/v1/secret/delete':
        return this.delete('secret', b);
      case '/api/v1/entity/delete':
        return this.delete(this.entityNs(b['entityName']), b);
      case '/api/v1/query':
        return this.query(b);
      case '/api/v1/entity/query':
        return this.entityQuery(b);
      case '/api/v1/batch/set':
        return this.batchSet(Array.isArray(body) ? body : []);
      case '/api/v1/batch/get':
        return this.batchGet(Array.isArray(body) ? body : []);
      case '/api/v1/batch/delete':
        return this.batchDelete(Array.isArray(body) ? body : []);
      case '/api/v1/transaction':
        return this.transaction(b);
      default:
        throw new KvsHttpError(404, KVS_ERROR_CODES.NOT_FOUND, `Unknown storage API path ${path}`);
    }
  }

  // ----- namespaces -------------------------------------------------------------------------------------------
  private validateEntityName(name: unknown): asserts name is string {
    if (typeof name !== 'string' || name.length < KVS_LIMITS.entityNameMin) {
      throw bad(KVS_ERROR_CODES.ENTITY_TYPE_TOO_SHORT, 'The entity name needs to be at least 3 characters.');
    }
    if (name.length > KVS_LIMITS.entityNameMax) throw bad(KVS_ERROR_CODES.ENTITY_TYPE_TOO_LARGE, 'The entity name exceeds 60 characters.');
    if (!/^(?![.\-_])(?!.*\.{2})[a-z0-9:\-._]*(?<![.])$/.test(name)) {
      throw bad(KVS_ERROR_CODES.INVALID_ENTITY_TYPE, `Invalid entity name '${name}'.`);
    }
  }

  private entity(name: unknown): NormalizedEntity {
    this.validateEntityName(name);
    const e = this.entities.get(name);
    if (!e) {
      throw bad(KVS_ERROR_CODES.ENTITY_NOT_FOUND, `Entity '${name}' is not declared in manifest app.storage.entities.`, { entityName: name });
    }
    return e;
  }

  private entityNs(name: unknown): Namespace {
    return `entity:${this.entity(name).name}`;
  }

  private ns(namespace: Namespace): Map<string, StoredRecord> {
    let m = this.data.get(namespace);
    if (!m) {
      m = new Map();
      this.data.set(namespace, m);
    }
    return m;
  }

  private expired(rec: StoredRecord): boolean {
    return rec.expireAt !== undefined && rec.expireAt <= this.now();
  }

  private live(namespace: Namespace, key: string): StoredRecord | undefined {
    const rec = this.data.get(namespace)?.get(key);
    if (!rec) return undefined;
    if (this.expired(rec)) {
      this.data.get(namespace)?.delete(key);
      this.markDirty();
      return undefined;
    }
    return rec;
  }

  private wire(key: string, rec: StoredRecord, metadataFields?: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = { key, value: JSON.parse(JSON.stringify(rec.value)) as Json };
    const want = Array.isArray(metadataFields) ? metadataFields : undefined;
    const include = (f: string): boolean => want === undefined || want.includes(f);
    if (include('CREATED_AT')) out['createdAt'] = rec.createdAt;
    if (include('UPDATED_AT')) out['updatedAt'] = rec.updatedAt;
    if (include('EXPIRE_TIME') && rec.expireAt !== undefined) out['expireTime'] = new Date(rec.expireAt).toISOString();
    return out;
  }

  // ----- entity value validation ------------------------------------------------------------------------------
  private validateEntityValue(entity: NormalizedEntity, value: unknown): void {
    if (!isRecord(value)) throw bad(KVS_ERROR_CODES.INVALID_ENTITY_VALUE, `Entity '${entity.name}' values must be objects.`);
    for (const [attr, v] of Object.entries(value)) {
      const t = entity.attributes.get(attr);
      if (t === undefined) {
        throw bad(KVS_ERROR_CODES.INVALID_ENTITY_VALUE, `Attribute '${attr}' is not declared for entity '${entity.name}'.`, { attribute: attr });
      }
      if (v === undefined) continue;
      const ok =
        t === 'any' ||
        (t === 'string' && typeof v === 'string' && v.trim().length > 0) ||
        (t === 'boolean' && typeof v === 'boolean') ||
        (t === 'integer' && typeof v === 'number' && Number.isInteger(v) && v >= KVS_LIMITS.int32Min && v <= KVS_LIMITS.int32Max) ||
        (t === 'float' && typeof v === 'number' && Number.isFinite(v));
      if (!ok) {
        throw bad(KVS_ERROR_CODES.INVALID_ENTITY_VALUE, `Attribute '${attr}' of entity '${entity.name}' must be of type ${t}.`, {
          attribute: attr,
          expectedType: t,
        });
      }
    }
  }

  // ----- basic operations -------------------------------------------------------------------------------------
  private get(namespace: Namespace, b: Record<string, unknown>): BackendResponse {
    const key = validateKey(b['key'], namespace.startsWith('entity:'));
    const rec = this.live(namespace, key);
    if (!rec) throw new KvsHttpError(404, KVS_ERROR_CODES.KEY_NOT_FOUND, `Key '${key}' not found.`);
    return { status: 200, body: this.wire(key, rec) };
  }

  /** Validate + compute the new record without writing it. */
  private prepareSet(namespace: Namespace, key: unknown, value: unknown, options: unknown): { key: string; rec: StoredRecord } {
    const isEntity = namespace.startsWith('entity:');
    const k = validateKey(key, isEntity);
    validateValue(value);
    if (isEntity) this.validateEntityValue(this.entity(namespace.slice('entity:'.length)), value);
    const opts = isRecord(options) ? options : {};
    const ttlMs = ttlToMs(opts['ttl']);
    const now = this.now();
    const prev = this.live(namespace, k);
    const rec: StoredRecord = {
      value: JSON.parse(JSON.stringify(value)) as Json,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
      ...(ttlMs !== undefined ? { expireAt: now + ttlMs } : {}),
    };
    return { key: k, rec };
  }

  private set(namespace: Namespace, b: Record<string, unknown>): BackendResponse {
    const opts = isRecord(b['options']) ? b['options'] : {};
    const keyPolicy = opts['keyPolicy'] ?? 'OVERRIDE';
    const returnValue = opts['returnValue'];
    if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') throw bad(KVS_ERROR_CODES.BAD_REQUEST, `Invalid keyPolicy '${String(keyPolicy)}'.`);
    if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
      throw bad(KVS_ERROR_CODES.BAD_REQUEST, `Invalid returnValue '${String(returnValue)}'.`);
    }
    if (returnValue !== undefined && keyPolicy !== 'OVERRIDE') throw bad(KVS_ERROR_CODES.BAD_REQUEST, "returnValue requires keyPolicy 'OVERRIDE'.");
    const { key, rec } = this.prepareSet(namespace, b['key'], b['value'], opts);
    const prev = this.live(namespace, key);
    if (keyPolicy === 'FAIL_IF_EXISTS' && prev) {
      throw new KvsHttpError(409, KVS_ERROR_CODES.KEY_CONFLICT, `Key '${key}' already exists.`, { key });
    }
    this.ns(namespace).set(key, rec);
    this.markDirty();
    const returnFields = opts['returnMetadataFields'];
    if (returnValue === 'LATEST') return { status: 200, body: this.wire(key, rec, returnFields ?? []) };
    if (returnValue === 'PREVIOUS') return prev ? { status: 200, body: this.wire(key, prev, returnFields ?? []) } : { status: 200 };
    return { status: 204 };
  }

  private delete(namespace: Namespace, b: Record<string, unknown>): BackendResponse {
    const key = validateKey(b['key'], namespace.startsWith('entity:'));
    if (this.data.get(namespace)?.delete(key)) this.markDirty();
    return { status: 204 };
  }

  // ----- KVS query --------------------------------------------------------------------------------------------
  private query(b: Record<string, unknown>): BackendResponse {
    const limit = b['limit'] ?? KVS_LIMITS.queryDefaultLimit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryMaxLimit) {
      throw bad(KVS_ERROR_CODES.LIST_QUERY_LIMIT_EXCEEDED, `Limit for list query should be between 1 and ${KVS_LIMITS.queryMaxLimit}.`);
    }
    let prefix = '';
    const where = b['where'];
    if (where !== undefined) {
      if (!Array.isArray(where) || where.length !== 1) throw bad(KVS_ERROR_CODES.QUERY_WHERE_INVALID, 'KVS queries should contain only a single "where" clause.');
      const w: unknown = where[0];
      if (!isRecord(w) || w['property'] !== 'key') throw bad(KVS_ERROR_CODES.QUERY_WHERE_FIELD_INVALID, 'Only the key field is supported.');
      if (w['condition'] !== 'BEGINS_WITH') throw bad(KVS_ERROR_CODES.INVALID_FILTER_CONDITION, 'Only BEGINS_WITH is supported.');
      const values = checkClauseValues('BEGINS_WITH', w['values']);
      prefix = String(values[0]);
    }
    const after = typeof b['after'] === 'string' ? decodeCursor(b['after'])['k'] : undefined;
    const keys = [...this.ns('kvs').keys()].filter((k) => k.startsWith(prefix)).sort();
    const out: Record<string, unknown>[] = [];
    let lastKey: string | undefined;
    let more = false;
    const metadataFields = isRecord(b['options']) ? b['options']['metadataFields'] : undefined;
    for (const k of keys) {
      if (typeof after === 'string' && k <= after) continue;
      const rec = this.live('kvs', k);
      if (!rec) continue;
      if (out.length === limit) {
        more = true;
        break;
      }
      out.push(this.wire(k, rec, metadataFields ?? []));
      lastKey = k;
    }
    return { status: 200, body: { data: out, ...(more && lastKey !== undefined ? { cursor: encodeCursor({ k: lastKey }) } : {}) } };
  }

  // ----- entity query -----------------------------------------------------------------------------------------
  private validateFilters(entity: NormalizedEntity, filters: unknown): { op: 'and' | 'or'; items: FilterItem[] } | undefined {
    if (filters === undefined || filters === null) return undefined;
    if (!isRecord(filters)) throw bad(KVS_ERROR_CODES.BAD_REQUEST, 'filters must be an object.');
    const hasAnd = filters['and'] !== undefined;
    const hasOr = filters['or'] !== undefined;
    if (hasAnd && hasOr) throw bad(KVS_ERROR_CODES.INVALID_FILTER_OPERATORS_COMBINATION, 'Filter operators "and" and "or" cannot be present at the same level.');
    const op: 'and' | 'or' = hasOr ? 'or' : 'and';
    const raw = filters[op];
    if (!Array.isArray(raw) || raw.length === 0) throw bad(KVS_ERROR_CODES.EMPTY_FILTER_OPERATOR, 'Filter operators "and" and "or" cannot be empty.');
    if (raw.length > 100) throw bad(KVS_ERROR_CODES.BAD_REQUEST, 'A query can have at most 100 conditions.');
    const items = raw.map((it: unknown): FilterItem => {
      if (!isRecord(it) || typeof it['property'] !== 'string' || typeof it['condition'] !== 'string') {
        throw bad(KVS_ERROR_CODES.BAD_REQUEST, 'Invalid filter item.');
      }
      const property = it['property'];
      const condition = it['condition'];
      if (!FILTER_CONDITIONS.has(condition)) throw bad(KVS_ERROR_CODES.INVALID_FILTER_CONDITION, `The condition '${condition}' is not supported for filters.`);
      const t = entity.attributes.get(property);
      if (t === undefined) throw bad(KVS_ERROR_CODES.INVALID_ENTITY_ATTRIBUTE, `Attribute '${property}' is not declared for entity '${entity.name}'.`);
      if (t === 'any') throw new KvsHttpError(422, KVS_ERROR_CODES.INVALID_FILTER_CONDITION, `Attributes of type 'any' cannot be used in conditions ('${property}').`);
      return { property, condition, values: checkClauseValues(condition, it['values']) };
    });
    return { op, items };
  }

  private matchesFilters(value: unknown, f: { op: 'and' | 'or'; items: FilterItem[] } | undefined): boolean {
    if (!f) return true;
    const obj = isRecord(value) ? value : {};
    const test = (it: FilterItem): boolean => evalCondition(obj[it.property], it.condition, it.values);
    return f.op === 'and' ? f.items.every(test) : f.items.some(test);
  }

  private entityQuery(b: Record<string, unknown>): BackendResponse {
    const entity = this.entity(b['entityName']);
    const indexName = b['indexName'];
    const index = typeof indexName === 'string' ? entity.indexes.get(indexName) : undefined;
    if (!index) throw bad(KVS_ERROR_CODES.INVALID_ENTITY_INDEX, `Index '${String(indexName)}' is not declared for entity '${entity.name}'.`);
    const limit = b['limit'] ?? KVS_LIMITS.queryDefaultLimit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryMaxLimit) {
      throw bad(KVS_ERROR_CODES.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE, 'The page limit must be set between 1 and 100.');
    }
    const partition = b['partition'];
    if (index.partition.length > 0) {
      if (!Array.isArray(partition) || partition.length !== index.partition.length) {
        throw bad(KVS_ERROR_CODES.INVALID_PARTITION, `Index '${index.name}' needs partition values for [${index.partition.join(', ')}].`);
      }
    } else if (partition !== undefined && partition !== null && !(Array.isArray(partition) && partition.length === 0)) {
      throw bad(KVS_ERROR_CODES.INVALID_PARTITION, `Index '${index.name}' has no partition.`);
    }
    const range = b['range'];
    let rangeCond: { condition: string; values: unknown[] } | undefined;
    if (range !== undefined && range !== null) {
      if (!isRecord(range) || typeof range['condition'] !== 'string' || !RANGE_CONDITIONS.has(range['condition'])) {
        throw bad(KVS_ERROR_CODES.INVALID_FILTER_CONDITION, 'Unsupported where condition.');
      }
      rangeCond = { condition: range['condition'], values: checkClauseValues(range['condition'], range['values']) };
    }
    const filters = this.validateFilters(entity, b['filters']);
    const desc = b['sort'] === 'DESC';
    const metadataFields = isRecord(b['options']) ? b['options']['metadataFields'] : b['metadataFields'];

    // Build the index view: [rangeValue, key] for items that have the index's attributes.
    const ns = `entity:${entity.name}`;
    const rows: Array<{ r: Comparable; key: string; rec: StoredRecord }> = [];
    for (const key of [...this.ns(ns).keys()]) {
      const rec = this.live(ns, key);
      if (!rec || !isRecord(rec.value)) continue;
      const value = rec.value;
      if (index.partition.some((p, i) => value[p] === undefined || value[p] !== (partition as unknown[])[i])) continue;
      let r: Comparable;
      if (index.range === undefined) r = key;
      else {
        const rv = value[index.range];
        if (rv === undefined || rv === null || (typeof rv !== 'string' && typeof rv !== 'number' && typeof rv !== 'boolean')) continue;
        r = rv;
      }
      if (rangeCond && !evalCondition(r, rangeCond.condition, rangeCond.values)) continue;
      rows.push({ r, key, rec });
    }
    const cmp = (a: { r: Comparable; key: string }, b2: { r: Comparable; key: string }): number => {
      const c = compareValues(a.r, b2.r);
      return c !== 0 ? c : a.key < b2.key ? -1 : a.key > b2.key ? 1 : 0;
    };
    rows.sort((a, b2) => (desc ? -cmp(a, b2) : cmp(a, b2)));

    let start = 0;
    if (typeof b['cursor'] === 'string') {
      const c = decodeCursor(b['cursor']);
      if (c['i'] !== index.name) throw bad(KVS_ERROR_CODES.INVALID_CURSOR, 'The cursor belongs to another index.');
      const pos = { r: c['r'] as Comparable, key: String(c['k']) };
      start = rows.findIndex((row) => (desc ? -cmp(row, pos) : cmp(row, pos)) > 0);
      if (start < 0) start = rows.length;
    }
    // Like Forge: read `limit` index entries, then apply filters in memory (pages may come back short or empty).
    const page = rows.slice(start, start + limit);
    const more = start + limit < rows.length;
    const last = page[page.length - 1];
    const data = page.filter((row) => this.matchesFilters(row.rec.value, filters)).map((row) => this.wire(row.key, row.rec, metadataFields ?? []));
    return {
      status: 200,
      body: { data, ...(more && last ? { cursor: encodeCursor({ i: index.name, r: last.r, k: last.key }) } : {}) },
    };
  }

  // ----- batch ------------------------------------------------------------------------------------------------
  private checkBatch(items: unknown[]): Array<Record<string, unknown>> {
    if (items.length === 0) throw bad(KVS_ERROR_CODES.INVALID_BATCH, 'A batch operation must contain at least one key.');
    if (items.length > KVS_LIMITS.batchMaxItems) throw bad(KVS_ERROR_CODES.INVALID_BATCH, `A batch operation can contain at most ${KVS_LIMITS.batchMaxItems} keys.`);
    if (Buffer.byteLength(JSON.stringify(items)) > KVS_LIMITS.batchMaxBytes) throw bad(KVS_ERROR_CODES.INVALID_BATCH, 'A batch payload is limited to 4MB.');
    const seen = new Set<string>();
    return items.map((it) => {
      if (!isRecord(it)) throw bad(KVS_ERROR_CODES.INVALID_BATCH, 'Invalid batch item.');
      const id = `${String(it['entityName'] ?? '')}\u0000${String(it['key'])}`;
      if (seen.has(id)) throw bad(KVS_ERROR_CODES.INVALID_BATCH, `Key '${String(it['key'])}' appears more than once in the batch.`);
      seen.add(id);
      return it;
    });
  }

  private batchEach(
    items: unknown[],
    fn: (ns: Namespace, it: Record<string, unknown>) => Record<string, unknown> | undefined,
  ): { successfulKeys: Record<string, unknown>[]; failedKeys: Record<string, unknown>[] } {
    const successfulKeys: Record<string, unknown>[] = [];
    const failedKeys: Record<string, unknown>[] = [];
    for (const it of this.checkBatch(items)) {
      const entityName = it['entityName'];
      const ident = { key: it['key'], ...(entityName !== undefined ? { entityName } : {}) };
      try {
        const ns = entityName === undefined ? 'kvs' : this.entityNs(entityName);
        const extra = fn(ns, it);
        successfulKeys.push({ ...ident, ...(extra ?? {}) });
      } catch (e) {
        if (!(e instanceof KvsHttpError)) throw e;
        failedKeys.push({ ...ident, error: { code: e.code, message: e.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }

  private batchSet(items: unknown[]): BackendResponse {
    return {
      status: 200,
      body: this.batchEach(items, (ns, it) => {
        const { key, rec } = this.prepareSet(ns, it['key'], it['value'], it['options']);
        this.ns(ns).set(key, rec);
        this.markDirty();
        return undefined;
      }),
    };
  }

  private batchGet(items: unknown[]): BackendResponse {
    return {
      status: 200,
      body: this.batchEach(items, (ns, it) => {
        const key = validateKey(it['key'], ns !== 'kvs');
        const rec = this.live(ns, key);
        if (!rec) throw new KvsHttpError(404, KVS_ERROR_CODES.KEY_NOT_FOUND, `Key '${key}' not found.`);
        const opts = isRecord(it['options']) ? it['options'] : {};
        const w = this.wire(key, rec, opts['metadataFields'] ?? []);
        delete w['key'];
        return w;
      }),
    };
  }

  private batchDelete(items: unknown[]): BackendResponse {
    return {
      status: 200,
      body: this.batchEach(items, (ns, it) => {
        const key = validateKey(it['key'], ns !== 'kvs');
        if (this.data.get(ns)?.delete(key)) this.markDirty();
        return undefined;
      }),
    };
  }

  // ----- transactions -----------------------------------------------------------------------------------------
  private transaction(b: Record<string, unknown>): BackendResponse {
    const sets = Array.isArray(b['set']) ? (b['set'] as unknown[]) : [];
    const deletes = Array.isArray(b['delete']) ? (b['delete'] as unknown[]) : [];
    const checks = Array.isArray(b['check']) ? (b['check'] as unknown[]) : [];
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, 'A transaction must contain at least one operation.');
    if (total > KVS_LIMITS.transactionMaxOps) {
      throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, `Each transaction can contain a maximum of ${KVS_LIMITS.transactionMaxOps} operations (got ${total}).`);
    }
    if (Buffer.byteLength(JSON.stringify(b)) > KVS_LIMITS.transactionMaxBytes) throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, 'Each transaction is limited to 4MB.');

    type Op = { kind: 'set' | 'delete' | 'check'; ns: Namespace; key: string; item: Record<string, unknown>; conditions?: Filters };
    const ops: Op[] = [];
    const seen = new Set<string>();
    const addOp = (kind: Op['kind'], raw: unknown): void => {
      if (!isRecord(raw)) throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, `Invalid ${kind} operation.`);
      const entityName = raw['entityName'];
      const ns = entityName === undefined || entityName === null ? 'kvs' : this.entityNs(entityName);
      const key = validateKey(raw['key'], ns !== 'kvs');
      if (seen.has(key)) throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, `Each key can only be used once in a transaction ('${key}').`, { key });
      seen.add(key);
      const conditions = raw['conditions'];
      if (conditions !== undefined && conditions !== null && ns === 'kvs') {
        throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, 'Conditions are only supported for custom entities.');
      }
      if (kind === 'check' && (conditions === undefined || conditions === null)) throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, 'check needs conditions.');
      if (kind === 'check' && ns === 'kvs') throw bad(KVS_ERROR_CODES.INVALID_TRANSACTION, 'check is only supported for custom entities.');
      ops.push({ kind, ns, key, item: raw, ...(isRecord(conditions) ? { conditions: conditions as Filters } : {}) });
    };
    sets.forEach((s) => addOp('set', s));
    deletes.forEach((d) => addOp('delete', d));
    checks.forEach((c) => addOp('check', c));

    // 1. validate everything, 2. evaluate all conditions against the current state, 3. apply — all synchronous.
    const prepared = new Map<Op, StoredRecord>();
    for (const op of ops) {
      if (op.kind === 'set') prepared.set(op, this.prepareSet(op.ns, op.key, op.item['value'], op.item['options']).rec);
    }
    const failed: Array<{ key: string; entityName?: string; operation: string }> = [];
    for (const op of ops) {
      if (!op.conditions) continue;
      const entity = this.entity(op.ns.slice('entity:'.length));
      const f = this.validateFilters(entity, op.conditions);
      const current = this.live(op.ns, op.key);
      // A missing item is evaluated as an item without attributes (notExists passes, equalTo fails).
      if (!this.matchesFilters(current?.value ?? {}, f)) failed.push({ key: op.key, entityName: entity.name, operation: op.kind });
    }
    if (failed.length > 0) {
      throw new KvsHttpError(409, KVS_ERROR_CODES.CONDITION_CHECK_FAILED, `Transaction cancelled: condition check failed for ${failed.map((f) => f.key).join(', ')}.`, {
        failedOperations: failed,
      });
    }
    for (const op of ops) {
      if (op.kind === 'set') this.ns(op.ns).set(op.key, prepared.get(op) as StoredRecord);
      else if (op.kind === 'delete') this.data.get(op.ns)?.delete(op.key);
    }
    this.markDirty();
    return { status: 204 };
  }

  // ----- persistence ------------------------------------------------------------------------------------------
  private markDirty(): void {
    if (!this.dataFile) return;
    this.dirty = true;
    if (!this.saveScheduled) this.scheduleSave();
  }

  private scheduleSave(): void {
    this.saveScheduled = true;
    this.saving = this.saving.then(
      () =>
        new Promise<void>((resolve) => {
          setImmediate(() => {
            this.saveScheduled = false;
            try {
              this.writeNow();
            } finally {
              resolve();
            }
          });
        }),
    );
  }

  /** Write the whole store now (temp file + rename). */
  writeNow(): void {
    if (!this.dataFile) return;
    this.dirty = false;
    const namespaces: Record<string, Record<string, StoredRecord>> = {};
    for (const [ns, m] of this.data) {
      const entries: Record<string, StoredRecord> = {};
      for (const [k, rec] of m) if (!this.expired(rec)) entries[k] = rec;
      namespaces[ns] = entries;
    }
    const tmp = `${this.dataFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, namespaces }), 'utf8');
    renameSync(tmp, this.dataFile);
  }
}
