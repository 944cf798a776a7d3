/**
 * Which failures a later attempt may not meet, and how long to wait before it. Used by every
 * trigger, the sweep and its queue consumer: a transient failure becomes an `InvocationError`
 * (the platform retries) or is left to the next sweep; anything else is a bug and is logged.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { JiraTransient } from '../jira/port';

/** A stable code for a transient failure (`jira-503`, `jira-429`, `jira-network`, `storage-503`), else null. */
export function transientCode(e: unknown): string | null {
  if (e instanceof JiraTransient) return e.code;
  if (e instanceof ForgeKvsAPIError) {
    const status = e.responseDetails.status;
    if (status === 429 || status >= 500) return `storage-${status}`;
  }
  if ((e as { code?: unknown } | null)?.code === 'contention') return 'contention';
  return null;
}

/**
 * Seconds before the next attempt: what Jira asked for (Retry-After) on a 429, else an
 * exponential back-off by attempt (5, 10, 20, 40 s …) with jitter, at most 900 s (Forge's limit
 * for `retryAfter`).
 */
export function retryDelaySeconds(e: unknown, retryCount: number): number {
  const asked = e instanceof JiraTransient && e.status === 429 ? e.retryAfter : 0;
  const backoff = 5 * 2 ** Math.min(Math.max(0, retryCount), 7);
  const jitter = Math.floor(Math.random() * Math.ceil(backoff / 4));
  return Math.min(900, Math.max(asked, backoff + jitter));
}
