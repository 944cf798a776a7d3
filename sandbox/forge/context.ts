/**
 * Invocation context shared by the Forge shims (@forge/api, @forge/kvs, @forge/resolver, @forge/events)
 * and the runtime host. One AsyncLocalStorage per process, kept on globalThis so that two copies of
 * this module (e.g. jest's moduleNameMapper path and a relative import) still share it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Headers the shims put on calls to the Jira stand-in (sandbox/jira). */
export const SANDBOX_HEADERS = {
  /** 'true' on calls made with asApp() (the app's system user). */
  app: 'x-sandbox-app',
  /** The acting user's accountId on asUser() calls. */
  accountId: 'x-sandbox-account-id',
  /** Shared secret between host and stand-in; proves the call comes from the Forge host. */
  secret: 'x-sandbox-secret',
  /** Per-invocation id, for accounting (REST points, rate limits) in the stand-in. */
  invocation: 'x-sandbox-invocation',
} as const;

export type ModuleKind =
  | 'resolver'
  | 'trigger'
  | 'scheduledTrigger'
  | 'consumer'
  | 'jira:workflowValidator'
  | 'jira:workflowPostFunction'
  | 'jira:jqlFunction'
  | 'jira:customField'
  | 'webtrigger'
  | 'direct';

export interface InvocationContext {
  /** Unique per invocation; sent as x-sandbox-invocation. */
  invocationId: string;
  /** The invoking user (principal) — absent for scheduled triggers, app-caused events, queue consumers without a user. */
  accountId?: string;
  /** Base URL of the Jira stand-in, e.g. http://127.0.0.1:4010 (no trailing slash needed). */
  jiraBaseUrl: string;
  /** Shared secret for the stand-in (x-sandbox-secret). */
  secret: string;
  /** Manifest function key and module key that are running. */
  functionKey?: string;
  moduleKey?: string;
  moduleKind?: ModuleKind;
  /** ari:cloud:jira::site/<cloudId> */
  installContext: string;
  cloudId: string;
  appId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  installationId: string;
  /** Wall-clock deadline (epoch ms) of the invocation, if the host enforces one. */
  deadline?: number;
}

export interface SandboxDefaults {
  jiraBaseUrl: string;
  secret: string;
  cloudId: string;
  appId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  installationId: string;
}

interface SharedState {
  als: AsyncLocalStorage<InvocationContext>;
  defaults: SandboxDefaults;
}

const STATE_KEY = Symbol.for('kesu.sandbox.forge.context');

function shared(): SharedState {
  const g = globalThis as unknown as Record<symbol, SharedState | undefined>;
  let s = g[STATE_KEY];
  if (!s) {
    s = {
      als: new AsyncLocalStorage<InvocationContext>(),
      defaults: {
        jiraBaseUrl: process.env['SANDBOX_JIRA_URL'] ?? 'http://127.0.0.1:4010',
        secret: process.env['SANDBOX_SECRET'] ?? 'sandbox-secret',
        cloudId: 'sandbox-cloud-0000',
        appId: 'sandbox-app-0000',
        environmentId: 'sandbox-env-0000',
        environmentType: 'DEVELOPMENT',
        installationId: 'sandbox-installation-0000',
      },
    };
    g[STATE_KEY] = s;
  }
  return s;
}

/** Change process-wide defaults used for invocations (and for calls made outside any invocation). */
export function configureSandbox(defaults: Partial<SandboxDefaults>): SandboxDefaults {
  const s = shared();
  s.defaults = { ...s.defaults, ...defaults };
  return s.defaults;
}

export function sandboxDefaults(): SandboxDefaults {
  return shared().defaults;
}

/** Build a full context from defaults plus overrides; a fresh invocationId unless given. */
export function makeInvocationContext(overrides: Partial<InvocationContext> = {}): InvocationContext {
  const d = shared().defaults;
  return {
    invocationId: randomUUID(),
    jiraBaseUrl: d.jiraBaseUrl,
    secret: d.secret,
    installContext: `ari:cloud:jira::site/${d.cloudId}`,
    cloudId: d.cloudId,
    appId: d.appId,
    environmentId: d.environmentId,
    environmentType: d.environmentType,
    installationId: d.installationId,
    ...overrides,
  };
}

/** Run fn inside an invocation context (everything it awaits sees the context). */
export function runInInvocation<T>(ctx: InvocationContext, fn: () => T): T {
  return shared().als.run(ctx, fn);
}

/** The current invocation, or undefined outside any. */
export function currentInvocation(): InvocationContext | undefined {
  return shared().als.getStore();
}

/** The current invocation, or a context built from the defaults (e.g. a CLI script calling the shims directly). */
export function currentOrDefaultInvocation(): InvocationContext {
  return currentInvocation() ?? makeInvocationContext({ invocationId: 'outside-invocation', moduleKind: 'direct' });
}

/** AsyncLocalStorage.bind for @forge/api's bindInvocationContext. */
export function bindToCurrentInvocation<F extends (...args: never[]) => unknown>(fn: F): F {
  return AsyncLocalStorage.bind(fn);
}
