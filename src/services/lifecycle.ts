/**
 * A complaint's lifecycle, run by the issue trigger, the SLA sweep and the sweep's queue: number
 * it, record the milestones its status and date fields reached, classify it, evaluate its
 * clocks, write what JQL must see, and announce breaches and warnings.
 *
 * Self-healing by construction — every step can fail (Jira 5xx, 429, no answer) and the next
 * run finishes what the last one left:
 * 1. the number is the app's claim in the KVS (numbering.ts), never the field; earlier
 *    complaints of the project still without a number are numbered first, so numbers follow
 *    registration order even when an earlier complaint's trigger failed;
 * 2. the read-only fields (one bulk call), then the `complaint` property (one call) with the
 *    whole state — both rewritten in full by every run, so a half-written state is completed;
 * 3. announcements (breach comment, notification, raised priority, warning) one step at a
 *    time, each recorded in the property only AFTER it succeeded; `pending` marks an
 *    announcement in progress so the sweep (JQL `complaintPending IS NOT EMPTY`) finishes it.
 * The registration moment is the issue's `created`, never a user-set field; a user-set number
 * or registration date is overwritten and the event logged.
 */
import { route } from '@forge/api';
import { DETAILS_FIELD_KEY, complaintFromFields, type FieldIds } from '../jira/fields';
import { JiraError, isTransient, jira } from '../jira/port';
import {
  classify,
  complaintState,
  complaintStateProperty,
  formatInstant,
  levelField,
  milestonesFromFields,
  parseInstant,
  planEscalation,
  reconcileMilestones,
  recordMilestones,
  recordStatusHistory,
  statusIdFromName,
  type Milestones,
  type Policy,
} from '../rules';
import { errorFields, logger } from './log';
import { claimedNumber, counterKeyFor, numberFor } from './numbering';
import { activePolicy } from './policy-store';
import { repeatHistory } from './repeat-history';
import { queueRepeatRecount } from './repeats';
import { complaintTypesJql, isComplaintType } from './setup';
import { publishFieldLabels } from './field-labels';
import { appFieldIds } from './site';

/** The priority a breach of an escalating clock raises to, when the policy names none. */
export const DEFAULT_ESCALATION_PRIORITY = 'High';

const log = logger('lifecycle');
const PREDECESSOR_PAGES = 2;

type Step = 'comment' | 'notify-breach' | 'priority' | 'notify-warn';

/** An announcement in progress: what it announces, and which of its steps already succeeded. */
interface Announcing {
  escalated: string[];
  warned: string[];
  done: Step[];
}

interface ComplaintProperty {
  number?: string;
  milestones?: Milestones;
  escalated?: string[];
  warned?: string[];
  announcing?: Announcing;
  pending?: string;
  repeatKey?: string | null;
}

interface IssueAnswer {
  id: string;
  key?: string;
  fields: Record<string, unknown> & { status?: { name?: string }; created?: string; issuetype?: { id?: string; name?: string }; project?: { key?: string } };
  properties?: { complaint?: ComplaintProperty };
  /** The issue's recent history (expand=changelog): when each status was entered. */
  changelog?: { histories?: { created?: string; items?: { field?: string; fieldId?: string; toString?: string | null }[] }[] };
}

export interface LifecycleResult {
  skipped?: string;
  number?: string;
  slaState?: string;
  /** Clocks whose breach this run announced, and clocks it warned about. */
  escalated?: string[];
  warned?: string[];
}

interface SearchAnswer {
  issues: { id: string; key?: string; fields?: { created?: string; project?: { key?: string } } }[];
  nextPageToken?: string;
}

/** Orders issues by registration: `created`, then the issue id (Jira ids grow). */
function registeredBefore(a: { created: number; id: string }, b: { created: number; id: string }): boolean {
  return a.created < b.created || (a.created === b.created && Number(a.id) < Number(b.id));
}

/**
 * The issue's number from the app's claim. Before claiming a new one, the earlier complaints
 * that still have none (their trigger failed after all retries) and draw from the same counter
 * (projects whose policies share a numbering pattern share it) take theirs, in registration
 * order: the claim is what counts; their fields follow when the sweep reaches them.
 */
async function numberInOrder(policy: Policy, issueId: string, created: number): Promise<string> {
  const existing = await claimedNumber(issueId);
  if (existing) return existing;
  const counter = counterKeyFor(policy, created);
  const policies = new Map<string, Policy>();
  const policyOf = async (projectKey: string): Promise<Policy> => {
    const known = policies.get(projectKey);
    if (known) return known;
    const p = (await activePolicy(projectKey)).policy;
    policies.set(projectKey, p);
    return p;
  };
  const jql = `${await complaintTypesJql()} AND complaintNumber IS EMPTY ORDER BY created ASC`;
  const self = { id: issueId, created };
  let token: string | undefined;
  // At most two pages: a backlog larger than that (an install on a site full of old complaints)
  // is numbered by the sweep, in order, instead of by every new complaint's trigger.
  for (let page = 0; page < PREDECESSOR_PAGES; page++) {
    const answer: SearchAnswer = await jira<SearchAnswer>('app', route`/rest/api/3/search/jql`, {
      method: 'POST',
      retry: 'none',
      body: { jql, fields: ['created', 'project'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) },
    });
    let reachedSelf = false;
    for (const other of answer.issues) {
      const at = parseInstant(String(other.fields?.created ?? ''));
      if (other.id === issueId || at === null) continue;
      if (!registeredBefore({ id: other.id, created: at }, self)) {
        reachedSelf = true;
        break;
      }
      const theirs = await policyOf(other.fields?.project?.key ?? '');
      if (counterKeyFor(theirs, at) !== counter) continue;
      const n = await numberFor(theirs, other.id, at);
      log.info('complaint.numbered', { issueId: other.id, number: n, via: 'predecessor' });
    }
    token = answer.nextPageToken;
    if (reachedSelf || !token) break;
    if (page === PREDECESSOR_PAGES - 1) log.warn('numbering.backlog', { issueId, code: 'backlog' });
  }
  const number = await numberFor(policy, issueId, created);
  log.info('complaint.numbered', { issueId, number });
  return number;
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

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

function fieldList(ids: FieldIds): string {
  return ['status', 'created', 'issuetype', 'project', ...Object.values(ids)].join(',');
}

export async function processComplaint(issueId: string, now: number = Date.now()): Promise<LifecycleResult> {
  const ids = await appFieldIds();
  const issue = await jira<IssueAnswer>('app', route`/rest/api/3/issue/${issueId}?fields=${fieldList(ids)}&properties=complaint&expand=changelog`, { retry: 'none' });
  if (!(await isComplaintType(issue.fields.issuetype?.id))) return { skipped: 'not a complaint' };
  const issueKey = issue.key;
  const projectKey = issue.fields.project?.key ?? null;
  const { policy } = await activePolicy(projectKey);
  // The fields' formatters show labels from a project property: keep it in step with the policy
  // (idempotent; a transient failure is retried with the event like the rest of this run).
  if (projectKey) await publishFieldLabels(projectKey, policy);
  const complaint = complaintFromFields(issue.fields, ids);
  const status = statusIdFromName(issue.fields.status?.name) ?? 'registered';
  const zone = policy.timeZone;
  const createdAt = parseInstant(String(issue.fields.created ?? ''));
  if (createdAt === null) log.warn('complaint.created-missing', { issueId, issueKey });
  // The registration moment is Jira's own record of the issue's creation.
  const created = createdAt ?? now;
  const registeredAt = formatInstant(created, zone);
  const previous = issue.properties?.complaint;

  let milestones: Milestones = { ...(previous?.milestones ?? {}), registered: registeredAt };
  // Milestones at the time each status was entered (the changelog), then the current status now
  // (first times are kept: a status entered before the changelog's window keeps its record).
  const entries = (issue.changelog?.histories ?? []).flatMap((h) =>
    (h.items ?? []).filter((i) => i.field === 'status' || i.fieldId === 'status').map((i) => ({ status: i.toString, at: h.created ?? '' })),
  );
  milestones = recordStatusHistory(milestones, entries, zone);
  milestones = recordMilestones(milestones, status, formatInstant(now, zone));
  // Date fields record milestones; one before the registration (a typing error) is not a
  // milestone the clocks could use — the rules refuse a stop before its clock's start.
  const typed = new Set<string>();
  for (const [k, v] of Object.entries(milestonesFromFields(complaint))) {
    if (!v || k === 'registered') continue;
    const at = parseInstant(v);
    // A time typed to the minute within the minute of registration (Jira records it to the
    // second) is the registration moment, not an error.
    if (at !== null && at < created - 60_000) log.warn('complaint.milestone-before-registration', { issueId, issueKey, milestone: k });
    else {
      // Stored like every other milestone: in the policy's zone (Jira answers a datetime in UTC).
      milestones[k as keyof Milestones] = at !== null ? formatInstant(Math.max(at, created), zone) : v;
      typed.add(k);
    }
  }
  // A typed stop before its clock's start (same minute: met at once; earlier: not kept).
  const reconciled = reconcileMilestones(policy, milestones, typed);
  milestones = reconciled.milestones;
  for (const m of reconciled.dropped) log.warn('complaint.milestone-before-start', { issueId, issueKey, milestone: m });

  // 1. The number: the app's claim (a KVS transaction), before anything is written to Jira.
  const number = await numberInOrder(policy, issue.id, created);
  const full = { ...complaint, complaintNumber: number, registeredAt };
  const level = levelField(policy);
  // The 004 repeat rule: the earlier complaints of the same part and category (one JQL search).
  // Only a class-B complaint can become A by repeating: A and C need no search.
  const withoutHistory = full[level] ? null : classify(policy, full).level;
  const history = withoutHistory === 'B' && policy.classification.mode === 'auto-abc' ? await repeatHistory(policy, full, issueKey ?? null, 'app', now, ids) : [];
  const derived = full[level] ? null : classify(policy, full, history).level;
  if (derived) full[level] = derived;
  // Closing records 实际完成日 (when nobody filled it in).
  const completedAt = status === 'closed' && !complaint.actualCompletion ? (milestones.closed ?? formatInstant(now, zone)) : null;
  if (completedAt) full.actualCompletion = completedAt;
  const state = complaintState(policy, full, status, milestones, now);

  // 2. The fields JQL and the issue view show. A number or registration date in the field that
  // is not the app's own was set by someone else: overwritten, and logged (without the value).
  const ourRegistered = parseInstant(registeredAt);
  const numberDiffers = complaint.complaintNumber != null && complaint.complaintNumber !== number;
  const registeredDiffers = complaint.registeredAt != null && parseInstant(complaint.registeredAt) !== ourRegistered;
  if (numberDiffers) log.warn('complaint.user-value-overwritten', { issueId, issueKey, field: 'complaint-number' });
  if (registeredDiffers) log.warn('complaint.user-value-overwritten', { issueId, issueKey, field: 'complaint-registered' });
  const updates: { fieldId: string; value: unknown }[] = [];
  const put = (key: string, value: unknown): void => {
    const id = ids[key];
    if (id) updates.push({ fieldId: id, value });
  };
  if (complaint.complaintNumber == null || numberDiffers) put('complaint-number', number);
  if (complaint.registeredAt == null || registeredDiffers) put('complaint-registered', registeredAt);
  if (derived) put(level === 'class' ? 'complaint-class' : 'complaint-severity', derived);
  if (completedAt) {
    const raw = ids[DETAILS_FIELD_KEY] ? issue.fields[ids[DETAILS_FIELD_KEY]] : undefined;
    put(DETAILS_FIELD_KEY, { ...(raw && typeof raw === 'object' ? raw : {}), actualCompletion: completedAt });
  }
  put('complaint-sla-state', state.slaState);
  put('complaint-next-due', state.nextDue);
  await jira('app', route`/rest/api/3/app/field/value?generateAppEvents=false`, {
    method: 'POST',
    retry: 'none',
    body: { updates: updates.map((u) => ({ customField: u.fieldId, issueIds: [Number(issue.id)], value: u.value })) },
  });

  // 3. The property with the whole state. What was announced stays as it was until each
  // announcement step has succeeded; an announcement in progress is `pending`.
  const announced = { escalated: previous?.escalated ?? [], warned: previous?.warned ?? [] };
  const plan = planEscalation(number, state.clocks, announced);
  const target = plan.announced;
  const inProgress = previous?.announcing;
  const done: Step[] = inProgress && sameSet(inProgress.escalated, target.escalated) && sameSet(inProgress.warned, target.warned) ? [...inProgress.done] : [];
  const steps: { step: Step; run: () => Promise<void> }[] = [];
  if (plan.breachText) {
    const text = plan.breachText;
    steps.push({ step: 'comment', run: async () => void (await jira('app', route`/rest/api/3/issue/${issue.id}/comment`, { method: 'POST', retry: 'none', body: { body: adf(text) } })) });
    steps.push({ step: 'notify-breach', run: () => notify(issue.id, `[${number}] ${plan.breached.map((c) => c.label['zh-CN']).join('、')} 超期 / overdue`, text) });
    if (plan.raisePriority) {
      const priority = policy.escalationPriority ?? DEFAULT_ESCALATION_PRIORITY;
      steps.push({
        step: 'priority',
        run: async () => {
          try {
            await jira('app', route`/rest/api/3/issue/${issue.id}`, { method: 'PUT', retry: 'none', body: { fields: { priority: { name: priority } } } });
          } catch (e) {
            // A priority the site does not have (or a screen without Priority) is refused for good:
            // logged for the admin, not retried every hour. Transient failures are retried.
            if (!(e instanceof JiraError) || isTransient(e) || e.status !== 400) throw e;
            log.warn('complaint.priority-refused', { issueId, issueKey, ...errorFields(e), code: 'priority-refused' });
          }
        },
      });
    }
  }
  if (plan.warnText) {
    const text = plan.warnText;
    steps.push({ step: 'notify-warn', run: () => notify(issue.id, `[${number}] 即将超期 / due soon`, text) });
  }
  const todo = steps.filter((s) => !done.includes(s.step));
  const property = (pending: boolean, announcedNow: { escalated: string[]; warned: string[] }, doneNow: Step[]): Record<string, unknown> => ({
    escalated: announcedNow.escalated,
    warned: announcedNow.warned,
    ...(pending ? { pending: 'announce', announcing: { escalated: target.escalated, warned: target.warned, done: doneNow } } : {}),
    ...complaintStateProperty(state, milestones),
  });
  const writeProperty = (body: Record<string, unknown>): Promise<unknown> =>
    jira('app', route`/rest/api/3/issue/${issue.id}/properties/complaint`, { method: 'PUT', retry: 'none', body });
  const complete = todo.length === 0;
  await writeProperty(property(!complete && steps.length > 0, complete && steps.length > 0 ? target : announced, done));
  if (previous?.number === undefined) log.info('complaint.state-written', { issueId, issueKey, number, slaState: state.slaState });
  // The repeat counts of the groups it joined/left are recounted by a queue consumer (src/services/repeats.ts).
  await queueRepeatRecount(projectKey, state.repeatKey, previous?.repeatKey);

  // 4. Announcements, each recorded after it succeeded; the last record clears `pending`.
  for (const [i, s] of todo.entries()) {
    await s.run();
    done.push(s.step);
    const last = i === todo.length - 1;
    await writeProperty(property(!last, last ? target : announced, done));
    log.info('complaint.announced', { issueId, issueKey, step: s.step, clocks: s.step === 'notify-warn' ? plan.atRisk.map((c) => c.id) : plan.breached.map((c) => c.id) });
  }
  return { number, slaState: state.slaState, escalated: plan.breached.map((c) => c.id), warned: plan.atRisk.map((c) => c.id) };
}

