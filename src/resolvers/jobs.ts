/**
 * Scheduled and JQL entry points: the hourly SLA sweep and its queue consumer, the
 * complaintRepeats() JQL function, the install event, and search suggestions for the option fields.
 */
import { route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { policyOptionList } from '../jira/fields';
import { jira } from '../jira/port';
import { repeatGroups, type Localized } from '../rules';
import { errorFields, logger } from '../services/log';
import { activePolicy } from '../services/policy-store';
import { retryDelaySeconds, transientCode } from '../services/retry';
import { runSweep, runSweepBatch, type SweepResult } from '../services/sweep';

const sweepLog = logger('sweep');

interface SearchPage {
  issues: { id: string; properties?: { complaint?: { repeatKey?: string | null } } }[];
  nextPageToken?: string;
}

/** Pages through a JQL search as the app (ids and the `complaint` property only). */
async function* searchIds(jql: string, max: number): AsyncGenerator<SearchPage['issues'][number]> {
  let token: string | undefined;
  let seen = 0;
  do {
    const page: SearchPage = await jira<SearchPage>('app', route`/rest/api/3/search/jql`, {
      method: 'POST',
      retry: 'none',
      body: { jql, fields: ['id'], properties: ['complaint'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) },
    });
    for (const issue of page.issues) {
      if (seen++ >= max) return;
      yield issue;
    }
    token = page.nextPageToken;
  } while (token);
}

/** Scheduled trigger (hourly): the SLA sweep (src/services/sweep.ts). Errors are not retried by
 * the platform for scheduled triggers, so the sweep isolates them itself and the next run retries. */
export async function slaSweep(): Promise<SweepResult | { error: string }> {
  try {
    return await runSweep();
  } catch (e) {
    // The search itself failed (Jira down): nothing was processed; the next hour tries again.
    sweepLog.error('sweep.failed', errorFields(e));
    return { error: transientCode(e) ?? 'internal' };
  }
}

const batchSchema = z.object({
  body: z.object({ issueIds: z.array(z.string().regex(/^\d{1,18}$/)).max(50) }),
  retryContext: z.object({ retryCount: z.number(), retryData: z.object({ issueIds: z.array(z.string()) }).partial().nullish() }).partial().optional(),
});

/** Queue consumer (`complaint-sweep`): one batch of the sweep; what failed transiently is retried. */
export async function sweepConsumer(event: unknown): Promise<{ processed: number; failed: number } | InvocationError> {
  const parsed = batchSchema.safeParse(event);
  if (!parsed.success) {
    sweepLog.warn('sweep.batch-invalid', { code: 'invalid-input' });
    return { processed: 0, failed: 0 };
  }
  const retryCount = parsed.data.retryContext?.retryCount ?? 0;
  const ids = parsed.data.retryContext?.retryData?.issueIds ?? parsed.data.body.issueIds;
  const r = await runSweepBatch(ids);
  if (r.retry.length > 0 && retryCount < 4) {
    return new InvocationError({
      retryAfter: retryDelaySeconds(undefined, retryCount),
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { issueIds: r.retry },
    });
  }
  return { processed: r.processed, failed: r.failed };
}

const jqlPayload = z.object({
  clause: z.object({ arguments: z.array(z.string()).min(1) }),
});

/** `issue in complaintRepeats(3)`: complaints whose part number and category occur n+ times. */
export async function jqlRepeats(payload: unknown): Promise<{ jql: string } | { error: string }> {
  const parsed = jqlPayload.safeParse(payload);
  const n = parsed.success ? Number(parsed.data.clause.arguments[0]) : NaN;
  if (!Number.isInteger(n) || n < 2 || n > 1000) return { error: 'complaintRepeats(n): n must be a whole number from 2 to 1000' };
  const keys: { partNumber: string; category: string }[] = [];
  for await (const issue of searchIds('complaintRepeatKey IS NOT EMPTY', 10_000)) {
    const key = issue.properties?.complaint?.repeatKey;
    if (!key) continue;
    const [partNumber = '', category = ''] = key.split('|');
    keys.push({ partNumber, category });
  }
  const groups = repeatGroups(keys, n).slice(0, 1000); // JQL allows at most 1,000 literal values
  if (groups.length === 0) return { jql: 'complaintRepeatKey = "-"' };
  const literals = groups.map((g) => JSON.stringify(`${g.partNumber}|${g.category}`));
  return { jql: `complaintRepeatKey in (${literals.join(', ')})` };
}

/** Install event: remember when, so the admin page can tell a fresh install from an upgrade. */
export async function onInstalled(event: unknown): Promise<{ ok: true }> {
  const e = z.object({ app: z.object({ version: z.string().optional() }).partial().optional() }).safeParse(event);
  const version = e.success ? (e.data.app?.version ?? null) : null;
  await kvs.set('app:installed', { at: new Date().toISOString(), version });
  logger('install').info('app.installed', { version });
  return { ok: true };
}

/** JQL search suggestions for the option fields: the active policy's option ids with labels. */
export async function searchSuggestions(payload: unknown): Promise<{ value: string; label: Localized }[]> {
  const p = z.object({ field: z.object({ key: z.string() }).partial(), projectKey: z.string().optional() }).partial().safeParse(payload);
  const key = (p.success ? (p.data.field?.key ?? '') : '').split('__').pop() ?? '';
  const list = policyOptionList(key);
  if (!list) return [];
  const { policy } = await activePolicy(p.success ? p.data.projectKey : null);
  return policy[list].map((o) => ({ value: o.id, label: o.label }));
}
