/**
 * Test helpers for the Jira stand-in: a server on a free port with a throw-away data directory,
 * a small fetch wrapper, and an OpenAPI validator for requests and responses (Atlassian's Jira
 * Cloud platform v3 spec, vendored in test/fixtures/jira-openapi, validated with ajv).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type JiraServer, type JiraServerOptions, startJiraServer } from '../../../sandbox/jira/server';
import { JIRA_OPENAPI_PATH, readJiraOpenApi } from '../../fixtures/jira-openapi';

export const SPEC_PATH = JIRA_OPENAPI_PATH;

export type Who = 'admin' | 'qe' | 'sales' | 'app' | 'anon' | { accountId: string; secret?: string };

export interface CallResult {
  status: number;
  // The body is whatever JSON the server answered; tests narrow it with expectations.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are inspected freely in tests
  body: any;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  as?: Who;
  body?: unknown;
  headers?: Record<string, string>;
  invocation?: string;
}

export interface TestServer {
  server: JiraServer;
  dataDir: string;
  call(method: string, path: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export function authHeaders(server: JiraServer, who: Who): Record<string, string> {
  if (who === 'anon') return {};
  if (who === 'app') return { 'x-sandbox-app': 'true' };
  if (typeof who === 'object') return { 'x-sandbox-account-id': who.accountId, 'x-sandbox-secret': who.secret ?? server.secret };
  return { authorization: `Basic ${Buffer.from(`${who}@example.com:any-token`).toString('base64')}` };
}

export async function startTestServer(opts: Partial<JiraServerOptions> & { dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'jira-sandbox-'));
  const server = await startJiraServer({ port: 0, ...opts, dataDir });
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(server, o.as ?? 'admin'), ...(o.headers ?? {}) };
    if (o.invocation) headers['x-sandbox-invocation'] = o.invocation;
    let body: string | undefined;
    if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const r = await fetch(server.url + path, { method, headers, body });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as unknown) : undefined, text, headers: r.headers };
  };
  return {
    server,
    dataDir,
    call,
    close: async () => {
      await server.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** ADF document with one paragraph. */
export function adf(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

// ───────────────────────────── OpenAPI validation ─────────────────────────────

interface OpenApiMedia {
  schema?: unknown;
}
interface OpenApiOperation {
  operationId?: string;
  requestBody?: { content?: Record<string, OpenApiMedia> };
  responses?: Record<string, { content?: Record<string, OpenApiMedia> }>;
}
interface OpenApiSpec {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, unknown>;
}

/** Jira writes offsets without a colon (`+0000`); RFC 3339 date-time wants `+00:00`. Both are accepted. */
const JIRA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export class OpenApiValidator {
  readonly spec: OpenApiSpec;
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(path: string = SPEC_PATH) {
    this.spec = readJiraOpenApi<OpenApiSpec>(path);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('date-time', JIRA_DATE_TIME);
    for (const f of ['int32', 'int64']) this.ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const f of ['double', 'float']) this.ajv.addFormat(f, { type: 'number', validate: () => true });
    for (const f of ['binary', 'byte', 'password']) this.ajv.addFormat(f, true);
    // The whole document is one schema, so `#/components/schemas/X` refs resolve inside it.
    this.ajv.addSchema({ $id: 'jira', components: this.spec.components }, 'jira');
  }

  operation(method: string, template: string): OpenApiOperation {
    const op = this.spec.paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`no operation ${method} ${template} in the spec`);
    return op;
  }

  private validatorFor(pointer: string, schema: unknown): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      // Wrap the operation's inline schema so that its `#/components/…` refs point into 'jira'.
      const rewritten = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"jira#/')) as object;
      v = this.ajv.compile(rewritten);
      this.cache.set(pointer, v);
    }
    return v;
  }

  private check(pointer: string, schema: unknown, value: unknown): string[] {
    const v = this.validatorFor(pointer, schema);
    if (v(value)) return [];
    return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /** Errors of a request body against the operation's requestBody schema ([] when valid). */
  requestErrors(method: string, template: string, body: unknown): string[] {
    const op = this.operation(method, template);
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${method} ${template} takes no JSON body`];
    return this.check(`req ${method} ${template}`, schema, body);
  }

  /**
   * Errors of a response body against the operation's schema for that status. Error statuses
   * without a documented schema are checked against ErrorCollection; documented statuses
   * without content must have no body.
   */
  responseErrors(method: string, template: string, status: number, body: unknown): string[] {
    const op = this.operation(method, template);
    const resp = op.responses?.[String(status)];
    if (!resp) return [`status ${status} is not documented for ${method} ${template}`];
    const media = resp.content ? Object.values(resp.content)[0] : undefined;
    let schema = media?.schema;
    if (schema === undefined || (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0)) {
      if (status >= 400) schema = { $ref: '#/components/schemas/ErrorCollection' };
      else if (status === 204 || !media) return body === undefined ? [] : [`expected no body for ${status}`];
      else return [];
    }
    return this.check(`res ${method} ${template} ${status}`, schema, body);
  }
}
