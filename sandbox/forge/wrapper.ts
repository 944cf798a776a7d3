/**
 * The sandbox's Forge runtime wrapper, for running the **bundled** app (SANDBOX_HANDLERS=bundle): the
 * package `forge deploy` would upload (scripts/forge-bundle.cjs --out DIR) has the real @forge/api,
 * @forge/kvs, @forge/events and @forge/resolver compiled in, and those call the two globals that Forge's
 * Node runtime wrapper (downloaded from the Forge CDN at deploy time, not public) installs:
 *
 * - `global.__forge_fetch__(meta, path, init)` — every platform call: product REST
 *   (`{type: 'fpp', remote: 'jira', provider: 'app' | 'user' | 'none', accountId?}`), hosted storage
 *   (`{type: 'kvs'}`), and Atlassian platform APIs (`{type: 'fpp', remote: 'stargate'}`, e.g. the async
 *   events queue `/webhook/queue/publish/…`);
 * - `global.__forge_runtime__` — the invocation: `appContext` (ids, moduleKey), `lambdaContext`
 *   (remaining time), `metrics`, `container.appCodeDir` (where __LOCALES__ lives), `proxy`, `tracing`.
 *
 * Here both are served by the same shims the source run uses (api.ts, kvs.ts, events.ts, context.ts),
 * so the bundled code sees the stand-in's Jira, the same storage and the same invocation identity.
 * The meta shapes are those the packages send (node_modules/@forge/api/out/api/fetch.js,
 * @forge/kvs/out/index.js, @forge/events/out/queue.js); what the real wrapper does with them beyond
 * that (proxy, tokens, egress rules) is not public — see docs/decisions/0004-offline-packaging.md.
 */
import { assumeTrustedRoute } from '@forge/api/out/safeUrl';
import { asApp, asUser, requestJira, type RequestInit as ShimRequestInit } from './api';
import { currentOrDefaultInvocation } from './context';
import { Queue, type PushEvent } from './events';
import { sandboxStorageFetch } from './kvs';

export interface ForgeFetchMeta {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

const QUEUE_PUSH = /^\/webhook\/queue\/publish\//;

/** Calls served, by kind (tests check that the bundled code, not the sources, did the work). */
const CALLS_KEY = Symbol.for('kesu.sandbox.forge.wrapper.calls');
export type WrapperCallKind = 'jira' | 'kvs' | 'queue';
function calls(): Record<WrapperCallKind, number> {
  const g = globalThis as unknown as Record<symbol, Record<WrapperCallKind, number> | undefined>;
  return (g[CALLS_KEY] ??= { jira: 0, kvs: 0, queue: 0 });
}
export function wrapperCalls(): Readonly<Record<WrapperCallKind, number>> {
  return { ...calls() };
}

function unsupported(meta: ForgeFetchMeta, path: string): never {
  throw new Error(`The sandbox's Forge runtime has no stand-in for ${JSON.stringify(meta)} ${path}`);
}

/** What the wrapper's `__forge_fetch__` answers, by the kind of call. */
export async function forgeFetch(meta: ForgeFetchMeta, path: string, init: FetchInit = {}): Promise<Response> {
  const shimInit: ShimRequestInit = {
    ...(init.method ? { method: init.method } : {}),
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
  };
  if (meta.type === 'kvs') {
    calls().kvs++;
    return (await sandboxStorageFetch(path, shimInit)) as unknown as Response;
  }
  if (meta.type === 'fpp' && meta.remote === 'jira') {
    const url = assumeTrustedRoute(path);
    calls().jira++;
    const answer =
      meta.provider === 'app'
        ? asApp().requestJira(url, shimInit)
        : meta.provider === 'user'
          ? asUser(meta.accountId).requestJira(url, shimInit)
          : meta.provider === 'none'
            ? requestJira(url, shimInit)
            : unsupported(meta, path);
    return (await answer) as unknown as Response;
  }
  if (meta.type === 'fpp' && meta.remote === 'stargate' && QUEUE_PUSH.test(path)) {
    const request = JSON.parse(init.body ?? '{}') as { queueName: string; payload: PushEvent[] };
    calls().queue++;
    await new Queue({ key: request.queueName }).push(request.payload);
    return new Response(JSON.stringify({}), { status: 201, headers: { 'content-type': 'application/json' } });
  }
  return unsupported(meta, path);
}

const noopMetric = { incr: () => undefined, measure: () => ({ stop: () => undefined }) };
const metrics = { counter: () => noopMetric, timing: () => noopMetric, gauge: () => noopMetric };

/** `__forge_runtime__` for the current invocation (read on every access: it follows AsyncLocalStorage). */
function runtimeOf(appCodeDir: string): Record<string, unknown> {
  const ctx = currentOrDefaultInvocation();
  return {
    appContext: {
      appId: ctx.appId,
      appVersion: '1.0.0-sandbox',
      environmentId: ctx.environmentId,
      environmentType: ctx.environmentType,
      invocationId: ctx.invocationId,
      installationId: ctx.installationId,
      moduleKey: ctx.moduleKey ?? '',
      functionKey: ctx.functionKey ?? '',
      moduleType: ctx.moduleKind ?? '',
    },
    lambdaContext: {
      getRemainingTimeInMillis: () => (ctx.deadline !== undefined ? Math.max(0, ctx.deadline - Date.now()) : 25_000),
    },
    ...(ctx.accountId ? { aaid: ctx.accountId } : {}),
    contextAri: ctx.installContext,
    metrics,
    container: { appCodeDir },
    proxy: { token: 'sandbox', url: ctx.jiraBaseUrl },
    tracing: { traceId: ctx.invocationId, spanId: '0' },
  };
}

/** Install the two globals (idempotent); `appCodeDir` is the unpacked package (index.cjs, __LOCALES__/). */
export function installForgeRuntimeWrapper(appCodeDir: string): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g['__forge_fetch__'] = forgeFetch;
  Object.defineProperty(globalThis, '__forge_runtime__', { configurable: true, get: () => runtimeOf(appCodeDir) });
}
