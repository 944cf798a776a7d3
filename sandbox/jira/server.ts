/**
 * The Jira Cloud REST stand-in: a node:http server on 127.0.0.1 answering the platform REST v3
 * paths the app uses (routes.ts), with Jira's authentication (auth.ts), fault injection and
 * per-invocation accounting (faults.ts), and a small control API under /__sandbox:
 *
 *   GET    /__sandbox/stats[?invocation=ID]   calls and bytes per x-sandbox-invocation
 *   DELETE /__sandbox/stats[?invocation=ID]   forget them
 *   GET    /__sandbox/faults                  pending faults/latencies and how many fired
 *   POST   /__sandbox/faults                  {kind,count?,pathPrefix?,method?,retryAfterSeconds?}
 *                                             | {faults:[…]} | {latency:{ms,count?,pathPrefix?}} | {clear:true}
 *   DELETE /__sandbox/faults                  clear all faults
 *   POST   /__sandbox/reset                   restore the seed data
 *   GET    /__sandbox/notifications           what POST /issue/{id}/notify was asked to send
 *
 * Start: `startJiraServer({port, dataDir})` or `npx tsx sandbox/jira/main.ts`.
 */
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { HEADER_INVOCATION, authenticate } from './auth';
import { JiraHttpError, errorBody } from './errors';
import { type FaultSpec, Faults, type LatencySpec, Stats } from './faults';
import { compileJql as defaultCompileJql } from './jql';
import { type CompileJql, REMOVED, ROUTES, type Res, type SuggestHook, compileRoutes, matchRoute } from './routes';
import { JiraStore } from './store';
import type { Actor } from './permissions';

export interface JiraServerOptions {
  /** Port (0 = any free port). Default: env PORT, else 8080. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Data directory. Default: env SANDBOX_DATA_DIR, else `<repo>/.sandbox/data`. */
  dataDir?: string;
  /** Restore the seed data on start. */
  reset?: boolean;
  /** Secret that makes `x-sandbox-account-id` trusted; generated when absent. */
  secret?: string;
  /** Require the secret for `x-sandbox-app: true` as well (default false). */
  appRequiresSecret?: boolean;
  /** Clock for timestamps, JQL now() and rate-limit reset headers. */
  now?: () => number;
  /** JQL engine (default: ./jql). */
  compileJql?: CompileJql;
  /** Base URL for `self` links. */
  siteUrl?: string;
  /** Max request body in bytes (default 10 MB). */
  maxBodyBytes?: number;
  /**
   * The mini Jira shell and the Forge front-end endpoints, served from the same origin: called
   * first for every request; answers `true` when it handled it. It may also add headers (a
   * browser session's identity) and answer `false` to let the REST API handle the request.
   */
  frontend?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /**
   * App JQL functions (`jira:jqlFunction`): rewrites a query's app-function clauses into the
   * fragments the app answers, before the query is compiled (Jira's precomputation step).
   */
  expandJql?: (jql: string, actor: Actor) => Promise<string>;
  /** App fields' `searchSuggestions` functions, for GET /rest/api/3/jql/autocompletedata/suggestions. */
  suggest?: SuggestHook;
}

export interface JiraServer {
  url: string;
  port: number;
  /** Value for the `x-sandbox-secret` header. */
  secret: string;
  store: JiraStore;
  stats: Stats;
  faults: Faults;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = resolve(__dirname, '..', '..', '.sandbox', 'data');

const JSON_TYPE = 'application/json;charset=UTF-8';

function send(res: ServerResponse, r: Res): number {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.status === 204 || r.body === undefined) {
    res.writeHead(r.status, headers);
    res.end();
    return 0;
  }
  const buf = Buffer.from(JSON.stringify(r.body), 'utf8');
  headers['Content-Type'] = JSON_TYPE;
  headers['Content-Length'] = String(buf.length);
  res.writeHead(r.status, headers);
  res.end(buf);
  return buf.length;
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        fail(new JiraHttpError(413, errorBody([`Request body exceeds ${max} bytes.`])));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function parseJson(buf: Buffer): unknown {
  const text = buf.toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new JiraHttpError(400, errorBody([`Unexpected character in JSON body: ${e instanceof Error ? e.message : String(e)}`]));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function startJiraServer(opts: JiraServerOptions = {}): Promise<JiraServer> {
  const now = opts.now ?? Date.now;
  const dataDir = opts.dataDir ?? process.env.SANDBOX_DATA_DIR ?? DEFAULT_DATA_DIR;
  const store = new JiraStore({ dataDir, now, ...(opts.siteUrl ? { siteUrl: opts.siteUrl } : {}) });
  if (opts.reset) store.reset();
  const secret = opts.secret ?? randomBytes(24).toString('hex');
  const stats = new Stats();
  const faults = new Faults(now);
  const routes = compileRoutes(ROUTES);
  const compileJql = opts.compileJql ?? defaultCompileJql;
  const maxBody = opts.maxBodyBytes ?? 10 * 1024 * 1024;
  const authOpts = { secret, appRequiresSecret: opts.appRequiresSecret ?? false };

  async function control(method: string, url: URL, body: unknown): Promise<Res> {
    const p = url.pathname.replace(/\/+$/, '');
    const inv = url.searchParams.get('invocation');
    if (p === '/__sandbox/stats' && method === 'GET') {
      return { status: 200, body: inv !== null ? stats.get(inv) : { invocations: stats.all(), total: stats.total() } };
    }
    if (p === '/__sandbox/stats' && method === 'DELETE') {
      stats.reset(inv ?? undefined);
      return { status: 204 };
    }
    if (p === '/__sandbox/faults' && method === 'GET') return { status: 200, body: faults.snapshot() };
    if (p === '/__sandbox/faults' && method === 'DELETE') {
      faults.clear();
      return { status: 204 };
    }
    if (p === '/__sandbox/faults' && method === 'POST') {
      if (!isObject(body)) throw new JiraHttpError(400, errorBody(['Body must be a JSON object.']));
      try {
        if (body.clear === true) faults.clear();
        if (typeof body.kind === 'string') faults.inject(body as unknown as FaultSpec);
        if (Array.isArray(body.faults)) for (const f of body.faults) faults.inject(f as FaultSpec);
        if (isObject(body.latency)) faults.latency(body.latency as unknown as LatencySpec);
        if (Array.isArray(body.latencies)) for (const l of body.latencies) faults.latency(l as LatencySpec);
      } catch (e) {
        throw new JiraHttpError(400, errorBody([e instanceof Error ? e.message : String(e)]));
      }
      return { status: 200, body: faults.snapshot() };
    }
    if (p === '/__sandbox/reset' && method === 'POST') {
      store.reset();
      return { status: 204 };
    }
    if (p === '/__sandbox/notifications' && method === 'GET') return { status: 200, body: store.notifications() };
    throw new JiraHttpError(404, errorBody([`No sandbox control endpoint ${method} ${p}.`]));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    const invocationHeader = req.headers[HEADER_INVOCATION];
    const invocation = Array.isArray(invocationHeader) ? invocationHeader[0] : invocationHeader;
    let reqBytes = 0;
    let routeKey = `${method} ${path}`;
    let out: Res;
    const isControl = path.startsWith('/__sandbox/') || path === '/__sandbox';
    if (opts.frontend) {
      try {
        if (await opts.frontend(req, res, url)) return;
      } catch (e) {
        console.error('[jira-sandbox] front end error', e);
        if (!res.headersSent) send(res, { status: 500, body: errorBody([`Internal server error: ${e instanceof Error ? e.message : String(e)}`]) });
        return;
      }
    }
    try {
      const raw = await readBody(req, maxBody);
      reqBytes = raw.length;
      if (isControl) {
        out = await control(method, url, parseJson(raw));
      } else {
        const matched = matchRoute(routes, method, path);
        if (matched && matched !== 'methodNotAllowed') routeKey = `${method} ${matched.route.template}`;
        const delay = faults.takeLatency(method, path);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        const fault = path.startsWith('/rest/') ? faults.take(method, path) : null;
        if (fault) {
          out = fault;
        } else {
          const actor = authenticate(req.headers, store, authOpts);
          const removed = REMOVED.find((r) => r.pattern.test(path));
          if (removed) throw new JiraHttpError(410, errorBody([removed.message]));
          if (matched === null) {
            throw new JiraHttpError(404, errorBody([`No resource found for ${method} ${path}. The stand-in does not implement this endpoint.`]));
          }
          if (matched === 'methodNotAllowed') {
            const allowed = routes.filter((r) => r.regex.test(path)).map((r) => r.method);
            out = { status: 405, body: errorBody([`Method ${method} is not allowed for ${path}; allowed: ${allowed.join(', ')}.`]), headers: { Allow: allowed.join(', ') } };
          } else {
            let body = parseJson(raw);
            if (opts.expandJql && /^\/rest\/api\/3\/search\/(jql|approximate-count)$/.test(path)) {
              if (isObject(body) && typeof body.jql === 'string') body = { ...body, jql: await opts.expandJql(body.jql, actor) };
              const q = url.searchParams.get('jql');
              if (q) url.searchParams.set('jql', await opts.expandJql(q, actor));
            }
            out = await matched.route.handler({ method, path, params: matched.params, query: url.searchParams, body, actor, store, compileJql, ...(opts.suggest ? { suggest: opts.suggest } : {}) });
          }
        }
      }
    } catch (e) {
      if (e instanceof JiraHttpError) {
        out = { status: e.status, body: e.body, headers: e.headers };
      } else {
        console.error('[jira-sandbox] internal error', e);
        out = { status: 500, body: errorBody([`Internal server error: ${e instanceof Error ? e.message : String(e)}`]) };
      }
    }
    const resBytes = res.writableEnded ? 0 : send(res, out);
    if (!isControl) stats.record(invocation, routeKey, reqBytes, resBytes, out.status, performance.now() - started);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[jira-sandbox] unhandled', e);
      if (!res.headersSent) send(res, { status: 500, body: errorBody(['Internal server error.']) });
    });
  });
  // The stand-in shares its process (and event loop) with the Forge host: while a long search
  // holds the loop, a keep-alive socket idle past Node's 5 s default is closed just as the
  // client reuses it (ECONNRESET). Keep idle sockets longer than any one answer takes.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 8080);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    secret,
    store,
    stats,
    faults,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        server.closeAllConnections();
      }),
  };
}
