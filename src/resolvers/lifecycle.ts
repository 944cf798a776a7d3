/**
 * The issue trigger (avi:jira:created:issue / avi:jira:updated:issue): a thin entry point to the
 * complaint lifecycle (src/services/lifecycle.ts). Every transient failure — Jira 429, 5xx, no
 * answer, a storage hiccup — becomes an `InvocationError` with a back-off, so the platform
 * retries the event (at most 4 times, Forge docs: events-reference/product_events, "Retry
 * Atlassian app events"); what is still incomplete after that is completed by the SLA sweep, which
 * looks for complaints lacking the app's state.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { processComplaint, type LifecycleResult } from '../services/lifecycle';
import { errorFields, logger } from '../services/log';
import { retryDelaySeconds, transientCode } from '../services/retry';
import { isComplaintType } from '../services/setup';
import { ensureLocale } from '../services/user-locale';

export { processComplaint, type LifecycleResult };

const log = logger('trigger');

const eventSchema = z.object({
  atlassianId: z.string().optional(),
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({ issuetype: z.object({ id: z.string(), name: z.string() }).partial().optional() }).passthrough().optional(),
  }),
  retryContext: z.object({ retryCount: z.number() }).partial().optional(),
});

/** Trigger handler for avi:jira:created:issue / avi:jira:updated:issue. */
export async function onIssueEvent(event: unknown): Promise<LifecycleResult | InvocationError> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    log.warn('trigger.unexpected-payload', { code: 'invalid-input' });
    return { skipped: 'unexpected event payload' };
  }
  const { issue } = parsed.data;
  // Complaint types by the ids recorded at setup: a renamed type is still a complaint.
  const typeId = issue.fields?.issuetype?.id;
  if (typeId !== undefined && !(await isComplaintType(typeId))) return { skipped: 'not a complaint' };
  const retryCount = parsed.data.retryContext?.retryCount ?? 0;
  try {
    const result = await processComplaint(issue.id);
    // Learn the language of whoever changed the complaint, for the workflow validator's
    // messages (one call the first time a user is seen; within the trigger's budget).
    const who = parsed.data.atlassianId;
    if (who && !result.skipped) await ensureLocale(who).catch((e: unknown) => log.warn('trigger.locale-failed', { issueKey: issue.key, ...errorFields(e) }));
    if (!result.skipped) log.info('trigger.done', { issueKey: issue.key, retryCount, slaState: result.slaState });
    return result;
  } catch (e) {
    const code = transientCode(e);
    if (code) {
      const retryAfter = retryDelaySeconds(e, retryCount);
      log.warn('trigger.retry', { issueKey: issue.key, retryCount, retryAfter, ...errorFields(e), code });
      return new InvocationError({
        retryAfter,
        retryReason: code === 'jira-429' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    log.error('trigger.failed', { issueKey: issue.key, retryCount, ...errorFields(e) });
    throw e;
  }
}
