/**
 * The issue trigger: on a complaint's creation or update, number it, record the milestones its
 * status and date fields reached, classify it, evaluate its clocks, and write what JQL must see
 * (read-only fields in one bulk call, the `complaint` issue property in another). Idempotent:
 * the number is claimed per issue and milestones keep their first time, so a duplicate or late
 * event rewrites the same values.
 */
import { route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { complaintFromFields } from '../jira/fields';
import { JiraRateLimited, jira } from '../jira/port';
import {
  classify,
  complaintState,
  formatInstant,
  levelField,
  milestonesFromFields,
  planEscalation,
  parseInstant,
  recordMilestones,
  statusIdFromName,
  type Milestones,
} from '../rules';
import { numberFor } from '../services/numbering';
import { activePolicy } from '../services/policy-store';
import { isComplaintType } from '../services/setup';
import { appFieldIds } from '../services/site';
import { ensureLocale } from '../services/user-locale';

/** @deprecated Complaints are found by the issue type ids recorded at setup (isComplaintType). */
export const COMPLAINT_TYPE_NAMES = ['客诉', 'Complaint'];

const eventSchema = z.object({
  atlassianId: z.string().optional(),
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({ issuetype: z.object({ id: z.string(), name: z.string() }).partial().optional() }).passthrough().optional(),
  }),
});

interface IssueAnswer {
  id: string;
  fields: Record<string, unknown> & { status?: { name?: string }; created?: string; issuetype?: { id?: string; name?: string }; project?: { key?: string } };
  properties?: { complaint?: { milestones?: Milestones; escalated?: string[]; warned?: string[] } };
}

export interface LifecycleResult {
  skipped?: string;
  number?: string;
  slaState?: string;
  /** Clocks whose breach this run announced, and clocks it warned about. */
  escalated?: string[];
  warned?: string[];
}

export async function processComplaint(issueId: string, now: number = Date.now()): Promise<LifecycleResult> {
  const ids = await appFieldIds();
  const fieldList = ['status', 'created', 'issuetype', 'project', ...Object.values(ids)].join(',');
  const issue = await jira<IssueAnswer>('app', route`/rest/api/3/issue/${issueId}?fields=${fieldList}&properties=complaint`, { retry: 'none' });
  if (!(await isComplaintType(issue.fields.issuetype?.id))) return { skipped: 'not a complaint' };
  const { policy } = await activePolicy(issue.fields.project?.key ?? null);
  const complaint = complaintFromFields(issue.fields, ids);
  const status = statusIdFromName(issue.fields.status?.name) ?? 'registered';
  const zone = policy.timeZone;
  const created = parseInstant(String(issue.fields.created ?? '')) ?? now;
  const registeredAt = complaint.registeredAt ?? formatInstant(created, zone);

  let milestones: Milestones = { ...(issue.properties?.complaint?.milestones ?? {}), registered: registeredAt };
  milestones = recordMilestones(milestones, status, formatInstant(now, zone));
  for (const [k, v] of Object.entries(milestonesFromFields(complaint))) if (v) milestones[k as keyof Milestones] = v;

  const number = complaint.complaintNumber ?? (await numberFor(policy, issue.id, parseInstant(registeredAt)!));
  const full = { ...complaint, complaintNumber: number, registeredAt };
  const level = levelField(policy);
  const derived = full[level] ? null : classify(policy, full).level;
  if (derived) full[level] = derived;
  const state = complaintState(policy, full, status, milestones, now);

  const updates: { fieldId: string; value: unknown }[] = [];
  const put = (key: string, value: unknown): void => {
    const id = ids[key];
    if (id) updates.push({ fieldId: id, value });
  };
  if (!complaint.complaintNumber) put('complaint-number', number);
  if (!complaint.registeredAt) put('complaint-registered', registeredAt);
  if (derived) put(level === 'class' ? 'complaint-class' : 'complaint-severity', derived);
  put('complaint-sla-state', state.slaState);
  put('complaint-next-due', state.nextDue);
  await jira('app', route`/rest/api/3/app/field/value?generateAppEvents=false`, {
    method: 'POST',
    retry: 'none',
    body: { updates: updates.map((u) => ({ customField: u.fieldId, issueIds: [Number(issue.id)], value: u.value })) },
  });
  const previous = issue.properties?.complaint;
  const plan = planEscalation(number, state.clocks, { escalated: previous?.escalated ?? [], warned: previous?.warned ?? [] });
  // The property records what was announced before anything is announced: a failure in between
  // loses one announcement rather than sending it twice (events and sweeps repeat).
  await jira('app', route`/rest/api/3/issue/${issue.id}/properties/complaint`, {
    method: 'PUT',
    retry: 'none',
    body: {
      escalated: plan.announced.escalated,
      warned: plan.announced.warned,
      number,
      status,
      slaState: state.slaState,
      nextDue: state.nextDue,
      breached: state.breached,
      class: state.class,
      department: state.department,
      lateDays: state.lateDays,
      repeatKey: state.repeatKey,
      milestones,
    },
  });
  if (plan.breachText) {
    await jira('app', route`/rest/api/3/issue/${issue.id}/comment`, { method: 'POST', retry: 'none', body: { body: adf(plan.breachText) } });
    await notify(issue.id, `[${number}] ${plan.breached.map((c) => c.label['zh-CN']).join('、')} 超期 / overdue`, plan.breachText);
    if (plan.raisePriority) {
      await jira('app', route`/rest/api/3/issue/${issue.id}`, { method: 'PUT', retry: 'none', body: { fields: { priority: { name: 'High' } } } });
    }
  }
  if (plan.warnText) await notify(issue.id, `[${number}] 即将超期 / due soon`, plan.warnText);
  return { number, slaState: state.slaState, escalated: plan.breached.map((c) => c.id), warned: plan.atRisk.map((c) => c.id) };
}

function adf(text: string): unknown {
  return { type: 'doc', version: 1, content: text.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })) };
}

async function notify(issueId: string, subject: string, textBody: string): Promise<void> {
  await jira('app', route`/rest/api/3/issue/${issueId}/notify`, {
    method: 'POST',
    retry: 'none',
    body: { subject, textBody, to: { reporter: true, assignee: true, watchers: true } },
  });
}

/** Trigger handler for avi:jira:created:issue / avi:jira:updated:issue. */
export async function onIssueEvent(event: unknown): Promise<LifecycleResult | InvocationError> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) return { skipped: 'unexpected event payload' };
  const typeId = parsed.data.issue.fields?.issuetype?.id;
  if (typeId !== undefined && !(await isComplaintType(typeId))) return { skipped: 'not a complaint' };
  try {
    const result = await processComplaint(parsed.data.issue.id);
    // Learn the language of whoever changed the complaint, for the workflow validator's
    // messages (one call the first time a user is seen; within the trigger's budget).
    const who = parsed.data.atlassianId;
    if (who && !result.skipped) await ensureLocale(who).catch(() => undefined);
    return result;
  } catch (e) {
    if (e instanceof JiraRateLimited) {
      return new InvocationError({ retryAfter: Math.min(900, e.retryAfter), retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED });
    }
    throw e;
  }
}
