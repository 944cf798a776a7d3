/**
 * The Jira port: every Jira REST call of the app goes through here. Typed JSON in and out,
 * `route` for every path, and Jira's rate limits respected: a 429 is retried once after
 * `Retry-After` (else `X-RateLimit-Reset`) when the caller is a 25-second resolver or
 * validator, and surfaced as `JiraRateLimited` (with `retryAfter` seconds) for triggers, which
 * turn it into an `InvocationError` so the platform retries later. Every other transient
 * failure — a 5xx answer or a request that never got an answer (network) — is a
 * `JiraTransient` too, so triggers retry it the same way (see `isTransient`).
 */
import { asApp, asUser, type Route } from '@forge/api';
import type { TextKey, TextVars } from '../rules/dictionary';

export type Actor = 'user' | 'app';

export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string>,
    readonly path: string,
  ) {
    super(`Jira answered ${status} for ${path}: ${[...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`);
    this.name = 'JiraError';
  }
}

/**
 * A failure worth retrying later: 429, 5xx, or no answer at all (`status` 0). `retryAfter` is
 * the wait in seconds Jira asked for (Retry-After / X-RateLimit-Reset), else a default.
 */
export class JiraTransient extends JiraError {
  constructor(
    status: number,
    readonly retryAfter: number,
    path: string,
    messages: string[] = [],
  ) {
    super(status, messages.length ? messages : [status === 0 ? 'no answer (network error)' : `transient failure; retry after ${retryAfter} s`], {}, path);
    this.name = 'JiraTransient';
  }

  /** A stable code for logs: `jira-429`, `jira-503`, `jira-network`. */
  get code(): string {
    return this.status === 0 ? 'jira-network' : `jira-${this.status}`;
  }
}

export class JiraRateLimited extends JiraTransient {
  constructor(retryAfter: number, path: string) {
    super(429, retryAfter, path, [`rate limited; retry after ${retryAfter} s`]);
    this.name = 'JiraRateLimited';
  }
}

/** Whether an error is a transient Jira failure that a later attempt may not meet. */
export function isTransient(e: unknown): e is JiraTransient {
  return e instanceof JiraTransient;
}

/** Errors of the network itself (no HTTP answer): the fetch implementation's, Node's socket codes. */
function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code ?? (e.cause as { code?: unknown } | undefined)?.code;
  return e.name === 'FetchError' || (e instanceof TypeError && /fetch failed/i.test(e.message)) || (typeof code === 'string' && /^(ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR)/.test(code));
}

/**
 * What a failed Jira call (or a call that got no answer) means to a user: a stable code and the
 * dictionary text that says it — never Jira's own words, which go to the log only. Null: not a
 * Jira or network failure.
 */
export function jiraFailureOf(e: unknown): { code: string; key: TextKey; vars?: TextVars } | null {
  if (e instanceof JiraError) {
    if (e.status === 429) return { code: 'busy', key: 'errBusy' };
    if (e.status === 404) return { code: 'not-found', key: 'errNotFound' };
    if (e.status === 403 || e.status === 401) return { code: 'forbidden', key: 'errNotFound' };
    if (e.status >= 500 || e.status === 0) return { code: 'unavailable', key: 'errUnavailable' };
    return { code: 'jira-refused', key: 'errJiraRefused', vars: { status: e.status } };
  }
  if (isNetworkError(e)) return { code: 'unavailable', key: 'errUnavailable' };
  return null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** `once`: one short retry on 429 (resolvers, validators); `none`: throw JiraRateLimited. */
  retry?: 'once' | 'none';
  /** Longest wait for the one retry, in ms (a resolver has 25 s in all). */
  maxWaitMs?: number;
}

interface HeadersLike {
  get(name: string): string | null;
}

/** Seconds to wait from a 429's headers: Retry-After, else X-RateLimit-Reset, else 5. */
export function retryAfterSeconds(headers: HeadersLike, now: number = Date.now()): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const n = Number(retryAfter);
    if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && reset.trim() !== '') {
    const n = Number(reset);
    // Epoch seconds, or an ISO date-time.
    const at = Number.isFinite(n) ? n * 1000 : Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  return 5;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function errorOf(status: number, text: string, path: string): Promise<JiraError> {
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    const errors =
      body.errors && typeof body.errors === 'object' ? Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, String(v)])) : {};
    return new JiraError(status, messages, errors, path);
  } catch {
    return new JiraError(status, [text.slice(0, 200)], {}, path);
  }
}

/** Sends one request as the user or the app and returns the parsed JSON (undefined for 204). */
export async function jira<T>(actor: Actor, path: Route, options: RequestOptions = {}): Promise<T> {
  const client = actor === 'user' ? asUser() : asApp();
  const init = {
    method: options.method ?? 'GET',
    headers: { Accept: 'application/json', ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  };
  const pathText = path.value;
  for (let attempt = 0; ; attempt++) {
    let res: Awaited<ReturnType<typeof client.requestJira>>;
    try {
      res = await client.requestJira(path, init);
    } catch (e) {
      // No answer (connection reset, DNS, timeout): nothing is known about the write, so the
      // caller must be idempotent — every trigger is.
      throw new JiraTransient(0, 5, pathText, [`no answer (${e instanceof Error ? e.name : 'network error'})`]);
    }
    if (res.status === 429) {
      const wait = retryAfterSeconds(res.headers);
      const maxWait = options.maxWaitMs ?? 5000;
      if ((options.retry ?? 'once') === 'once' && attempt === 0 && wait * 1000 <= maxWait) {
        await sleep(wait * 1000);
        continue;
      }
      throw new JiraRateLimited(Math.max(1, wait), pathText);
    }
    const text = await res.text();
    if (res.status >= 500) {
      const wait = res.headers.get('retry-after') !== null ? retryAfterSeconds(res.headers) : 5;
      throw new JiraTransient(res.status, Math.max(1, wait), pathText, (await errorOf(res.status, text, pathText)).errorMessages);
    }
    if (!res.ok) throw await errorOf(res.status, text, pathText);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
