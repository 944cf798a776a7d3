/**
 * The one envelope of every UI resolver definition: `define(key, payloadSchema, handler, {admin})`.
 *
 * - the payload is checked with its zod schema; a bad one answers `invalid-input` with
 *   translated field issues, and the handler never runs;
 * - `{ admin: true }` asks Jira (as the user) whether the caller is a Jira administrator before
 *   anything else; the answer is remembered for the call, so a handler that asks again
 *   (`caller.isAdmin()`) costs nothing more;
 * - every answer is `{ ok: true, data } | { ok: false, error: { code, message, issues? } }`; a
 *   throw becomes a translated code (`invalid-input`, `forbidden`, `not-found`, `busy`,
 *   `unavailable`, `jira-refused`, `internal`), never Jira's own text, and is logged by the
 *   structured logger;
 * - the caller's language comes from the context the resolver receives (see user-locale.ts).
 *
 * The definitions' payload and answer types are what the UI's `call` (src/ui/shared/bridge.ts)
 * accepts and returns, so a wrong key, payload or answer type is a compile error.
 */
import Resolver from '@forge/resolver';
import type { z } from 'zod';
import { jiraFailureOf } from '../jira/port';
import { RulesError, issuesFromZod, text, type FieldIssue, type Locale, type TextKey, type TextVars } from '../rules';
import { errorFields, logger } from '../services/log';
import { canBrowseProject, isJiraAdmin } from '../services/permissions';
import { callerLocale } from '../services/user-locale';

export interface ResolverFailure {
  code: string;
  message: string;
  issues?: FieldIssue[];
}

/** The typed envelope every UI call answers with. */
export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverFailure };

/** What a handler knows of its caller. Only `accountId` is the platform's word; `extension` comes from the browser. */
export interface Caller {
  accountId: string | null;
  /** The extension context (issue, project, gadget…): sent by the browser, so a claim to re-check with Jira. */
  extension: Record<string, unknown>;
  locale(): Promise<Locale>;
  /** Whether Jira says the caller is a Jira administrator (asked at most once per call). */
  isAdmin(): Promise<boolean>;
}

/** A refusal the handler raises on purpose: a stable code and a dictionary text. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly textKey: TextKey,
    readonly vars: TextVars = {},
  ) {
    super(`${code}: ${textKey}`);
    this.name = 'Refusal';
  }
}

export interface Request {
  payload?: unknown;
  context?: Record<string, unknown>;
}

export interface Definition<K extends string = string, P = unknown, A = unknown> {
  readonly key: K;
  readonly admin: boolean;
  /** The payload's schema (for tests that generate payloads; the UI uses the types). */
  readonly payloadSchema: z.ZodType;
  run(request: Request): Promise<ResolverResult<A>>;
  /** Type carrier only (never set): the payload the UI sends and the data it receives. */
  readonly __types?: { payload: P; answer: A };
}

const log = logger('resolver');

function refusalOf(e: unknown): { code: string; key: TextKey; vars?: TextVars } | null {
  if (e instanceof Refusal) return { code: e.code, key: e.textKey, vars: e.vars };
  return jiraFailureOf(e);
}

/** Turns anything a handler threw into the envelope's failure, in the caller's language. */
export function failureOf(e: unknown, locale: Locale, key: string): ResolverResult<never> {
  if (e instanceof RulesError) {
    log.info('refused', { functionKey: key, code: e.code });
    return { ok: false, error: { code: e.code, message: e.localized(locale), issues: e.issues } };
  }
  const known = refusalOf(e);
  if (known) {
    // A refusal on purpose is the app working; a Jira or network failure is worth a warning.
    if (e instanceof Refusal) log.info('refused', { functionKey: key, code: known.code });
    else log.warn('failed', { functionKey: key, ...errorFields(e), code: known.code });
    return { ok: false, error: { code: known.code, message: text(locale, known.key, known.vars) } };
  }
  const ref = Math.random().toString(36).slice(2, 10);
  log.error('internal', { functionKey: key, ref, ...errorFields(e), code: 'internal' });
  return { ok: false, error: { code: 'internal', message: text(locale, 'errInternal', { ref }) } };
}

function callerOf(context: Record<string, unknown>): Caller {
  const accountId = typeof context.accountId === 'string' && context.accountId !== '' ? context.accountId : null;
  const extension = typeof context.extension === 'object' && context.extension !== null ? (context.extension as Record<string, unknown>) : {};
  let locale: Promise<Locale> | undefined;
  let admin: Promise<boolean> | undefined;
  return {
    accountId,
    extension,
    locale: () => (locale ??= callerLocale(context.locale, accountId)),
    isAdmin: () => (admin ??= accountId ? isJiraAdmin() : Promise.resolve(false)),
  };
}

/**
 * Reads follow Jira's permissions: a project's configuration (policy, calendar, option lists)
 * answers only to users who may browse the project, asked of Jira as the user, or to Jira
 * administrators. No project (the site default) needs nothing more than access to the app.
 */
export async function readableProject(caller: Caller, projectKey: string | null | undefined): Promise<string | null> {
  if (!projectKey) return null;
  if ((await canBrowseProject(projectKey)) || (await caller.isAdmin())) return projectKey;
  throw new Refusal('forbidden', 'errNoProjectAccess', { project: projectKey });
}

/**
 * One resolver definition in the envelope. `handler` gets the parsed payload (the schema's
 * output) and the caller; what it returns is the answer's `data`.
 */
export function define<K extends string, S extends z.ZodType, A>(
  key: K,
  payloadSchema: S,
  handler: (payload: z.output<S>, caller: Caller) => Promise<A>,
  options: { admin?: boolean } = {},
): Definition<K, z.input<S>, A> {
  const admin = options.admin === true;
  return {
    key,
    admin,
    payloadSchema,
    async run(request: Request): Promise<ResolverResult<A>> {
      const caller = callerOf(request.context ?? {});
      try {
        if (admin && !(await caller.isAdmin())) throw new Refusal('forbidden', 'errForbiddenAdmin');
        const parsed = payloadSchema.safeParse(request.payload ?? {});
        if (!parsed.success) throw new RulesError('invalid-input', issuesFromZod(parsed.error, 'payload'));
        return { ok: true, data: await handler(parsed.data, caller) };
      } catch (e) {
        // The language is only needed now; a failure to learn it must not hide the first error.
        const locale = await caller.locale().catch((): Locale => 'en');
        return failureOf(e, locale, key);
      }
    },
  };
}

/** The key → { payload, answer } map of a list of definitions, for the UI's `call`. */
export type ApiOf<D extends readonly Definition[]> = {
  [Def in D[number] as Def['key']]: Def extends Definition<string, infer P, infer A> ? { payload: P; answer: A } : never;
};

/**
 * The Forge resolver handler for a list of definitions, through `@forge/resolver` (which puts
 * the platform's `principal.accountId` into the context, where the browser cannot forge it).
 */
export function resolverOf(definitions: readonly Definition[]): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const d of definitions) resolver.define(d.key, (request) => d.run(request as Request));
  return resolver.getDefinitions();
}
