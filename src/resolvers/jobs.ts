/**
 * Scheduled and JQL entry points: the hourly SLA sweep and its queue consumer, the
 * complaintRepeats() JQL function, the install event, and search suggestions for the option fields.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { policyOptionList } from '../jira/fields';
import type { Localized } from '../rules';
import { errorFields, logger } from '../services/log';
import { activePolicy } from '../services/policy-store';
import { mergePolicyOptions } from '../services/policy-read';
import { queueRepeatBackfill, recountRepeatGroup, refreshRepeatPrecomputations, repeatsFragment } from '../services/repeats';
import { setupIndex } from '../services/setup';
import { cachedLocale } from '../services/user-locale';
import { retryDelaySeconds, transientCode } from '../services/retry';
import { runSweep, runSweepBatch, type SweepResult } from '../services/sweep';

const sweepLog = logger('sweep');

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
  clause: z.object({ operator: z.string().optional(), arguments: z.array(z.string()).min(1) }),
});

/**
 * `issue in complaintRepeats(3)`: complaints whose part number and category occur 3+ times in
 * their project; `issue not in complaintRepeats(3)`: every other issue. Answers a constant
 * fragment over the `complaintRepeatCount` alias (src/services/repeats.ts): no search here, so it
 * answers at once at any size, and Jira runs the fragment as the searching user, who finds only
 * what they may browse.
 */
export async function jqlRepeats(payload: unknown): Promise<{ jql: string } | { error: string }> {
  const parsed = jqlPayload.safeParse(payload);
  if (!parsed.success) return repeatsFragment('in', []);
  return repeatsFragment(parsed.data.clause.operator, parsed.data.clause.arguments);
}

/** Queue consumer (`complaint-repeats`): recounts one repeat group; transient failures are retried. */
export async function repeatRecount(event: unknown): Promise<unknown> {
  try {
    return await recountRepeatGroup(event);
  } catch (e) {
    const code = transientCode(e);
    const retryCount = z.object({ retryContext: z.object({ retryCount: z.number() }).partial().optional() }).safeParse(event);
    const n = retryCount.success ? (retryCount.data.retryContext?.retryCount ?? 0) : 0;
    if (code && n < 4) return new InvocationError({ retryAfter: retryDelaySeconds(undefined, n), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    throw e;
  }
}

/** Install event: remember when, so the admin page can tell a fresh install from an upgrade. */
export async function onInstalled(event: unknown): Promise<{ ok: true }> {
  const e = z.object({ app: z.object({ version: z.string().optional() }).partial().optional() }).safeParse(event);
  const version = e.success ? (e.data.app?.version ?? null) : null;
  await kvs.set('app:installed', { at: new Date().toISOString(), version });
  logger('install').info('app.installed', { version });
  // Fragments Jira cached for an earlier version of complaintRepeats() are brought up to date.
  // Complaints stored before repeat counts existed get theirs (a queue consumer, in rounds).
  await refreshRepeatPrecomputations().catch((err: unknown) => sweepLog.warn('repeats.refresh-failed', errorFields(err)));
  await queueRepeatBackfill().catch((err: unknown) => sweepLog.warn('repeats.backfill-failed', errorFields(err)));
  return { ok: true };
}

const suggestionPayload = z.object({
  fieldId: z.string().optional(),
  fieldType: z.string(),
  fieldName: z.string().optional(),
  query: z.string().nullish(),
  searchAlias: z.string().nullish(),
  user: z.object({ accountId: z.string().nullish() }).partial().nullish(),
});

/**
 * JQL value suggestions for the option fields, called by Jira with
 * `{fieldId, fieldType, fieldName, query, searchAlias, user: {accountId}, context: {cloudId}}`
 * (Forge jira:customField docs, "Search suggestions"); `fieldType` is the field's extension ARI,
 * ending in its module key. Answers `{value, label}` with string labels in the user's language
 * (both languages when it is unknown), the options of the site policy and of every set-up
 * project's policy, narrowed by what the user typed. No Jira call is made (the docs allow only
 * calls as the app here).
 */
export async function searchSuggestions(payload: unknown): Promise<{ value: string; label: string }[]> {
  const p = suggestionPayload.safeParse(payload);
  if (!p.success) return [];
  const moduleKey = p.data.fieldType.split('/static/').pop() ?? '';
  const list = policyOptionList(moduleKey);
  if (!list) return [];
  const [index, locale] = await Promise.all([setupIndex(), cachedLocale(p.data.user?.accountId ?? null)]);
  const base = await activePolicy(null);
  const others = await Promise.all(Object.values(index.projects).map(async (x) => (await activePolicy(x.key)).policy));
  const policy = mergePolicyOptions(base.policy, others);
  const text = (l: Localized): string => (locale ? l[locale] : l['zh-CN'] === l.en ? l.en : `${l['zh-CN']} / ${l.en}`);
  const q = (p.data.query ?? '').trim().toLowerCase();
  return policy[list]
    .filter((o) => !q || [o.id, o.label['zh-CN'], o.label.en].some((s) => s.toLowerCase().includes(q)))
    .slice(0, 100)
    .map((o) => ({ value: o.id, label: text(o.label) }));
}
