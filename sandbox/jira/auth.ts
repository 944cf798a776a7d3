/**
 * Who is calling, the way Jira Cloud (and Forge's requestJira) tells it:
 *
 *  - `Authorization: Basic base64(email:token)` — a user by e-mail; any token is accepted.
 *  - `x-sandbox-app: true` — the app itself (Forge `asApp()`); full access.
 *  - `x-sandbox-account-id: <accountId>` + `x-sandbox-secret: <server secret>` — a user through
 *    the app (Forge `asUser()`); the account id is trusted only with the right secret.
 *
 * Anything else is anonymous → 401.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { JiraHttpError, MSG } from './errors';
import type { Actor } from './permissions';
import type { JiraStore } from './store';

export const HEADER_APP = 'x-sandbox-app';
export const HEADER_ACCOUNT_ID = 'x-sandbox-account-id';
export const HEADER_SECRET = 'x-sandbox-secret';
export const HEADER_INVOCATION = 'x-sandbox-invocation';

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function unauthorized(message: string = MSG.unauthenticated): JiraHttpError {
  return new JiraHttpError(401, { errorMessages: [message], errors: {} });
}

export interface AuthOptions {
  secret: string;
  /** Require the secret for `x-sandbox-app` too (default false: the header alone is enough). */
  appRequiresSecret: boolean;
}

/** The calling actor; throws 401 (Jira's shape) when the request is not authenticated. */
export function authenticate(headers: IncomingHttpHeaders, store: JiraStore, opts: AuthOptions): Actor {
  const accountId = header(headers, HEADER_ACCOUNT_ID);
  const givenSecret = header(headers, HEADER_SECRET);
  if (accountId !== undefined) {
    if (!secretMatches(givenSecret, opts.secret)) throw unauthorized(`The ${HEADER_ACCOUNT_ID} header is only trusted together with a valid ${HEADER_SECRET}.`);
    const user = store.userById(accountId);
    if (!user || !user.active) throw unauthorized(`No active user with accountId '${accountId}'.`);
    return { kind: 'user', user, viaApp: true };
  }
  if (header(headers, HEADER_APP) === 'true') {
    if (opts.appRequiresSecret && !secretMatches(givenSecret, opts.secret)) throw unauthorized(`The ${HEADER_APP} header needs a valid ${HEADER_SECRET}.`);
    return { kind: 'app' };
  }
  const auth = header(headers, 'authorization');
  if (auth && /^basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const user = store.userByEmail(email);
    if (!user || !user.active) throw unauthorized();
    return { kind: 'user', user, viaApp: false };
  }
  throw unauthorized();
}
