/**
 * Sandbox replacement for `@forge/api` (8.x): product REST calls go to the Jira stand-in (sandbox/jira) with the
 * identity of the current invocation (see context.ts for the headers).
 *
 * Re-used unchanged from the real package (pure code): `route`, `assumeTrustedRoute`, `routeFromAbsolute` and the
 * error classes — so a `Route` built by app code is accepted here and path-manipulation checks are identical.
 * `authorize()` is the real `@forge/auth` logic (POST /rest/api/3/permissions/check as the invoking user).
 *
 * Not supported (throw): requestConfluence/requestBitbucket, requestGraph, requestConnectedData, requestAtlassian,
 * external auth providers, invokeRemote/invokeService. Egress allow-lists are not enforced on `fetch`.
 */
import { authorizeConfluenceWithFetch, authorizeJiraWithFetch } from '@forge/auth';
import { assumeTrustedRoute, isRoute, requireSafeUrl, route, routeFromAbsolute, type Route } from '@forge/api/out/safeUrl';
import { currentInvocation, currentOrDefaultInvocation, bindToCurrentInvocation, SANDBOX_HEADERS, type InvocationContext } from './context';
import { pickTranslations, translate, type TranslationResourceContent, type TranslationsConfig } from './i18n-core';

export { assumeTrustedRoute, route, routeFromAbsolute };
export type { Route };
export {
  ExternalEndpointNotAllowedError,
  FetchError,
  FUNCTION_ERR,
  HttpError,
  InvalidWorkspaceRequestedError,
  isExpectedError,
  isForgePlatformError,
  isHostedCodeError,
  NeedsAuthenticationError,
  NotAllowedError,
  ProductEndpointNotAllowedError,
  ProxyRequestError,
  RequestProductNotAllowedError,
} from '@forge/api/out/api/errors';
export type { NeedsAuthenticationErrorOptions } from '@forge/api/out/api/errors';

// ---------------------------------------------------------------------------------------------------------------
// Types (structurally identical to @forge/api's)
// ---------------------------------------------------------------------------------------------------------------
export interface RequestInit {
  body?: ArrayBuffer | string | URLSearchParams;
  headers?: Record<string, string>;
  method?: string;
  redirect?: RequestRedirect;
  signal?: AbortSignal;
}
export interface Headers {
  append: (name: string, value: string) => void;
  delete: (name: string) => void;
  get: (name: string) => string | null;
  has: (name: string) => boolean;
  set: (name: string, value: string) => void;
  forEach: (callbackfn: (value: string, key: string) => void) => void;
}
export interface Response {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/api's Response.json(): Promise<any>
  json: () => Promise<any>;
  text: () => Promise<string>;
  arrayBuffer: () => Promise<ArrayBuffer>;
  ok: boolean;
  status: number;
  statusText: string;
  headers: Headers;
}
export type APIResponse = Response;
export type FetchMethod = (url: string, init?: RequestInit) => Promise<APIResponse>;
export type FetchMethodAllowingRoute = (url: string | Route, init?: RequestInit) => Promise<APIResponse>;
export type RequestProductMethod = (url: Route, init?: RequestInit) => Promise<APIResponse>;
export type FetchOptions = RequestInit;
export interface RequestProductMethods {
  requestJira: RequestProductMethod;
  requestConfluence: RequestProductMethod;
  requestBitbucket: RequestProductMethod;
}
export interface WithContextFetchMethods {
  withContext: (contextAri: string) => RequestProductMethods;
}
export interface SandboxAsUserFetchMethods extends RequestProductMethods, WithContextFetchMethods {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/api's requestGraph signature
  requestGraph: (query: string, variables?: any, headers?: Record<string, any>) => Promise<APIResponse>;
  requestConnectedData: RequestProductMethod;
  requestAtlassian: RequestProductMethod;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/api's requestTeamworkGraph signature
  requestTeamworkGraph: (query: string, variables?: any, operationName?: string, extensions?: any, headers?: Record<string, any>) => Promise<APIResponse>;
  withProvider: (provider: string, remoteName?: string, tokenId?: string) => never;
}
export interface SandboxAsAppFetchMethods extends RequestProductMethods, WithContextFetchMethods {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/api's requestGraph signature
  requestGraph: (query: string, variables?: any, headers?: Record<string, any>) => Promise<APIResponse>;
  requestConnectedData: RequestProductMethod;
  requestAtlassian: RequestProductMethod;
}

// ---------------------------------------------------------------------------------------------------------------
// Observation hook (sandbox-only): lets the host/tests see every product request.
// ---------------------------------------------------------------------------------------------------------------
export interface SandboxRequestRecord {
  invocationId: string;
  identity: 'app' | 'user' | 'none';
  accountId?: string;
  method: string;
  path: string;
  status: number;
}
type RequestObserver = (rec: SandboxRequestRecord) => void;
const OBSERVERS_KEY = Symbol.for('kesu.sandbox.forge.api.observers');
function observers(): Set<RequestObserver> {
  const g = globalThis as unknown as Record<symbol, Set<RequestObserver> | undefined>;
  return (g[OBSERVERS_KEY] ??= new Set());
}
/** Subscribe to product requests made through the shim; returns an unsubscribe function. */
export function observeSandboxRequests(fn: RequestObserver): () => void {
  observers().add(fn);
  return () => observers().delete(fn);
}

// ---------------------------------------------------------------------------------------------------------------
// Product requests
// ---------------------------------------------------------------------------------------------------------------
type Identity = { kind: 'app' } | { kind: 'user'; accountId?: string } | { kind: 'none' };

function notSupported(what: string): never {
  throw new Error(`${what} is not supported in the Forge sandbox.`);
}

function identityHeaders(ctx: InvocationContext, identity: Identity): { headers: Record<string, string>; accountId?: string } {
  const headers: Record<string, string> = {
    [SANDBOX_HEADERS.secret]: ctx.secret,
    [SANDBOX_HEADERS.invocation]: ctx.invocationId,
  };
  if (identity.kind === 'app') {
    headers[SANDBOX_HEADERS.app] = 'true';
    return { headers };
  }
  if (identity.kind === 'user') {
    const accountId = identity.accountId ?? ctx.accountId;
    if (!accountId) {
      throw new Error(
        'asUser() needs a user: this invocation has no user context (scheduled trigger, app-caused event or queue). Use asApp() or asUser(accountId) with allowImpersonation.',
      );
    }
    headers[SANDBOX_HEADERS.accountId] = accountId;
    return { headers, accountId };
  }
  return { headers };
}

async function requestProduct(identity: Identity, url: Route, init: RequestInit = {}): Promise<APIResponse> {
  const safe = requireSafeUrl(url);
  const ctx = currentOrDefaultInvocation();
  const { headers: idHeaders, accountId } = identityHeaders(ctx, identity);
  const path = safe.value.startsWith('/') ? safe.value : `/${safe.value}`;
  const target = `${ctx.jiraBaseUrl.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
  // Identity headers cannot be overridden by app code.
  for (const k of Object.keys(headers)) if (Object.values(SANDBOX_HEADERS).includes(k.toLowerCase() as never)) delete headers[k];
  Object.assign(headers, idHeaders);
  const method = (init.method ?? 'GET').toUpperCase();
  const res = await globalThis.fetch(target, {
    method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.redirect ? { redirect: init.redirect } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const rec: SandboxRequestRecord = {
    invocationId: ctx.invocationId,
    identity: identity.kind,
    method,
    path,
    status: res.status,
    ...(accountId ? { accountId } : {}),
  };
  for (const o of observers()) o(rec);
  return res;
}

function productMethods(identity: Identity): RequestProductMethods {
  return {
    requestJira: (url, init) => requestProduct(identity, url, init),
    requestConfluence: () => notSupported('requestConfluence'),
    requestBitbucket: () => notSupported('requestBitbucket'),
  };
}

export function asUser(userId?: string): SandboxAsUserFetchMethods {
  const identity: Identity = { kind: 'user', ...(userId ? { accountId: userId } : {}) };
  return {
    ...productMethods(identity),
    withContext: () => productMethods(identity),
    requestGraph: () => notSupported('requestGraph'),
    requestConnectedData: () => notSupported('requestConnectedData'),
    requestAtlassian: () => notSupported('requestAtlassian'),
    requestTeamworkGraph: () => notSupported('requestTeamworkGraph'),
    withProvider: () => notSupported('External auth (asUser().withProvider)'),
  };
}

export function asApp(): SandboxAsAppFetchMethods {
  const identity: Identity = { kind: 'app' };
  return {
    ...productMethods(identity),
    withContext: () => productMethods(identity),
    requestGraph: () => notSupported('requestGraph'),
    requestConnectedData: () => notSupported('requestConnectedData'),
    requestAtlassian: () => notSupported('requestAtlassian'),
  };
}

/** Top-level requestJira: like the real package, no auth provider ('none') — only sandbox/invocation headers. */
export const requestJira: RequestProductMethod = (url, init) => requestProduct({ kind: 'none' }, url, init);
export const requestConfluence: RequestProductMethod = () => notSupported('requestConfluence');
export const requestBitbucket: RequestProductMethod = () => notSupported('requestBitbucket');

/** Egress fetch: passthrough to Node's fetch (a Route is unwrapped to its value). */
export const fetch: FetchMethodAllowingRoute = async (url, init) => {
  const target = isRoute(url) ? url.value : url;
  return globalThis.fetch(target, init as globalThis.RequestInit | undefined);
};

export function invokeRemote(): Promise<APIResponse> {
  return notSupported('invokeRemote');
}
export function invokeService(): Promise<APIResponse> {
  return notSupported('invokeService');
}

export const __requestAtlassianAsApp: FetchMethod = () => notSupported('__requestAtlassianAsApp');
export const __requestAtlassianAsUser: FetchMethod = () => notSupported('__requestAtlassianAsUser');

// ---------------------------------------------------------------------------------------------------------------
// authorize(): the real @forge/auth logic, as the invoking user
// ---------------------------------------------------------------------------------------------------------------
export const authorize = () => {
  const accountId = currentInvocation()?.accountId;
  if (!accountId) {
    throw new Error(`Couldn’t find the accountId of the invoking user. This API can only be used inside user-invoked modules.`);
  }
  return {
    ...authorizeConfluenceWithFetch(async () => notSupported('authorize().onConfluenceContent'), accountId),
    ...authorizeJiraWithFetch(async (path: string, opts: { method: string; headers?: Record<string, string>; body: string }) => {
      const res = await asUser().requestJira(assumeTrustedRoute(path), opts);
      return res.json();
    }, accountId),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Runtime context
// ---------------------------------------------------------------------------------------------------------------
interface Ari {
  toString: () => string;
  toJSON?: () => string;
}
const ari = <T extends object>(s: string, extra: T): Ari & T => ({ ...extra, toString: () => s, toJSON: () => s });

export type AppContext = {
  appAri: Ari & { appId: string };
  appVersion: string;
  environmentAri: Ari & { environmentId: string };
  environmentType: string;
  invocationId: string;
  invocationRemainingTimeInMillis(): number;
  installationAri: Ari & { installationId: string };
  moduleKey: string;
  license?: Record<string, unknown>;
};

export function getAppContext(): AppContext {
  const ctx = currentOrDefaultInvocation();
  return {
    appAri: ari(`ari:cloud:ecosystem::app/${ctx.appId}`, { appId: ctx.appId }),
    appVersion: '1.0.0-sandbox',
    environmentAri: ari(`ari:cloud:ecosystem::environment/${ctx.appId}/${ctx.environmentId}`, { environmentId: ctx.environmentId }),
    environmentType: ctx.environmentType,
    invocationId: ctx.invocationId,
    invocationRemainingTimeInMillis: () => (ctx.deadline !== undefined ? Math.max(0, ctx.deadline - Date.now()) : 25_000),
    installationAri: ari(`ari:cloud:ecosystem::installation/${ctx.installationId}`, { installationId: ctx.installationId }),
    moduleKey: ctx.moduleKey ?? '',
  };
}

/** Minimal `__getRuntime()` (aaid = invoking user, appContext ids). */
export function __getRuntime(): { aaid?: string; contextAri: string; appContext: Record<string, unknown> } {
  const ctx = currentOrDefaultInvocation();
  return {
    ...(ctx.accountId ? { aaid: ctx.accountId } : {}),
    contextAri: ctx.installContext,
    appContext: {
      appId: ctx.appId,
      environmentId: ctx.environmentId,
      environmentType: ctx.environmentType,
      invocationId: ctx.invocationId,
      installationId: ctx.installationId,
      functionKey: ctx.functionKey ?? '',
      moduleType: ctx.moduleKind ?? '',
      moduleKey: ctx.moduleKey ?? '',
    },
  };
}

export function bindInvocationContext<Func extends (...args: never[]) => unknown>(fn: Func): Func {
  return bindToCurrentInvocation(fn);
}

// ---------------------------------------------------------------------------------------------------------------
// webTrigger (minimal): URLs point at the sandbox host's /__sandbox/webtrigger/<moduleKey>
// ---------------------------------------------------------------------------------------------------------------
const WT_KEY = Symbol.for('kesu.sandbox.forge.api.webtrigger');
interface WebTriggerState {
  baseUrl: string;
  urls: Map<string, string>;
}
function wtState(): WebTriggerState {
  const g = globalThis as unknown as Record<symbol, WebTriggerState | undefined>;
  return (g[WT_KEY] ??= { baseUrl: 'http://127.0.0.1:4020', urls: new Map() });
}
/** Sandbox-only: where web trigger URLs point (the host's HTTP server). */
export function configureWebTriggers(baseUrl: string): void {
  wtState().baseUrl = baseUrl.replace(/\/+$/, '');
}
export type WebTriggerMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export interface WebTriggerRequest {
  method: WebTriggerMethod;
  body: string;
  path: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
}
export interface WebTriggerResponse {
  statusCode: number;
  statusText?: string;
  body?: string;
  headers?: { [key: string]: string[] };
}
export interface WebTriggerContext {
  installContext: `ari:${string}`;
}
export const webTrigger = {
  getUrl: async (webTriggerModuleKey: string): Promise<string> => {
    const s = wtState();
    const url = s.urls.get(webTriggerModuleKey) ?? `${s.baseUrl}/__sandbox/webtrigger/${encodeURIComponent(webTriggerModuleKey)}`;
    s.urls.set(webTriggerModuleKey, url);
    return url;
  },
  deleteUrl: async (webTriggerUrl: string): Promise<void> => {
    const s = wtState();
    for (const [k, v] of s.urls) if (v === webTriggerUrl) s.urls.delete(k);
  },
  queryUrls: async (moduleKey?: string): Promise<Array<{ moduleKey: string; url: string }>> =>
    [...wtState().urls].filter(([k]) => moduleKey === undefined || k === moduleKey).map(([k, url]) => ({ moduleKey: k, url })),
};

// ---------------------------------------------------------------------------------------------------------------
// i18n (backend): translations configured by the host from manifest `translations`
// ---------------------------------------------------------------------------------------------------------------
const I18N_KEY = Symbol.for('kesu.sandbox.forge.api.i18n');
function i18nConfig(): TranslationsConfig {
  const g = globalThis as unknown as Record<symbol, TranslationsConfig | undefined>;
  return (g[I18N_KEY] ??= { resources: {} });
}
/** Sandbox-only: install translation resources (the host does this from manifest `translations`). */
export function configureTranslations(config: TranslationsConfig): void {
  (globalThis as unknown as Record<symbol, TranslationsConfig>)[I18N_KEY] = config;
}
export type TranslationFunction = (i18nKey: string, defaultValue?: string) => string;
export const i18n = {
  createTranslationFunction: async (rawLocale: string): Promise<TranslationFunction> => {
    const config = i18nConfig();
    return (key, defaultValue) => translate(config, rawLocale, key, defaultValue);
  },
  getTranslations: async (
    rawLocale: string,
    options?: { fallback: boolean },
  ): Promise<{ locale: string; translations: TranslationResourceContent | null }> => pickTranslations(i18nConfig(), rawLocale, options?.fallback ?? true),
};

// ---------------------------------------------------------------------------------------------------------------
// permissions (runtime): everything granted in the sandbox
// ---------------------------------------------------------------------------------------------------------------
export const permissions = {
  hasPermission: (): { granted: boolean } => ({ granted: true }),
  hasScope: (_scope: string): boolean => true,
  canFetchFrom: (_type: 'backend' | 'client', _url: string): boolean => true,
  canLoadResource: (_type: string, _url: string): boolean => true,
};

export const privacy = {
  reportPersonalData: async (_accounts: Array<{ accountId: string; updatedAt: string }>): Promise<Array<{ accountId: string; status: 'updated' | 'closed' }>> => [],
};

const API = {
  asUser,
  asApp,
  fetch,
  requestJira,
  requestConfluence,
  requestBitbucket,
  invokeRemote,
  invokeService,
};
export default API;
