/**
 * Bulk history for scale tests (bench/scale.ts, test/services/stats.test.ts): N complaints over
 * five years in the demo projects, written straight into the stand-in's store (a loader of
 * history, not N users: no REST round trips, no events), with the state the live app would
 * have written — number, SLA state, next due, breached clocks, class, late days, repeat key and
 * the announcements already made — computed by the rules engine (`complaintState`).
 *
 * How: the deterministic demo complaints (sandbox/demo/index.ts) are the templates. The first
 * pass takes them as they are (so the open queue is the demo's, live at `now`); every further
 * complaint copies a closed template moved back by a whole number of days, up to five years
 * before `now`. The open queue therefore stays the same size whatever N is, and history grows
 * with N — a plant's current work does not grow with its archive.
 */
import {
  STATUS_LABELS,
  complaintState,
  complaintStateProperty,
  formatInstant,
  formatNumber,
  maxSequence,
  parseInstant,
  presetPolicy,
  sequencePeriod,
  type Complaint,
  type Milestones,
  type Policy,
} from '../../src/rules';
import { APP_FIELDS, fieldsFromComplaint, resolveFieldIds, type FieldIds } from '../../src/jira/fields';
import type { JiraServer } from '../jira';
import type { ForgeHost } from '../forge/runtime';
import { DEMO_USERS } from '../jira';
import { RESOLUTIONS } from '../jira/seed';
import { jiraDateTime, resolutionRef, statusDetails } from '../jira/render';
import { DEMO_POLICY_OF, generateDemoComplaints, type DemoComplaint } from './index';
import { Rng } from './prng';
import { getKvsBackend } from '../forge/kvs';
import { counterKeyFor } from '../../src/services/numbering';
import { REPEAT_PROPERTY } from '../../src/services/repeats';
import type { StoredIssue } from '../jira/types';

const DAY = 86_400_000;
const FIVE_YEARS_DAYS = 5 * 365;

export interface BulkOptions {
  count: number;
  /** The policies of QC and SV as saved on the site (default: the demo's presets). */
  policies?: Record<'QC' | 'SV', Policy>;
  /** The instant the states are evaluated at (epoch ms); default now. */
  now?: number;
  seed?: number;
}

export interface BulkResult {
  count: number;
  open: number;
  byProject: Record<string, number>;
  ms: number;
}

/**
 * Moves every ISO date or instant string in a value by whole days (other values untouched):
 * the date part moves, the time of day and the offset stay, so the instant moves by exactly
 * that many days (the demo's zone has no daylight saving).
 */
function shifted<T>(value: T, shift: number): T {
  if (shift === 0) return value;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + shift).toISOString().slice(0, 10);
    return (day + value.slice(10)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => shifted(v, shift)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k in value as Record<string, unknown>) out[k] = shifted((value as Record<string, unknown>)[k], shift);
    return out as T;
  }
  return value;
}

/**
 * The demo's policies with room for tens of thousands of numbers a year: the presets' yearly
 * `{SEQ:3}` holds 999 complaints a year, a plant filing 20,000 widens it to `{SEQ:5}` — saved
 * through the app's own resolver as an admin would, before the history is loaded.
 */
export async function saveScalePolicies(host: ForgeHost, adminAccountId: string): Promise<Record<'QC' | 'SV', Policy>> {
  const out = {} as Record<'QC' | 'SV', Policy>;
  for (const key of ['QC', 'SV'] as const) {
    const policy = presetPolicy(DEMO_POLICY_OF[key]);
    policy.numbering = { ...policy.numbering, pattern: policy.numbering.pattern.replace(/\{SEQ:\d+\}/, '{SEQ:5}') };
    const r = (await host.invokeResolver({ moduleKey: 'complaint-admin', call: 'policy/save', payload: { projectKey: key, policy }, accountId: adminAccountId })) as {
      ok: boolean;
      error?: { message?: string };
    };
    if (!r.ok) throw new Error(`saving the ${key} policy failed: ${r.error?.message ?? ''}`);
    out[key] = policy;
  }
  return out;
}

/** Loads `count` complaints into the stand-in (after the app's setup of QC and SV). */
export function bulkLoadComplaints(jira: JiraServer, options: BulkOptions): BulkResult {
  const started = Date.now();
  const store = jira.store;
  const now = options.now ?? Date.now();
  const rng = new Rng(options.seed ?? 20261203);
  const templates = generateDemoComplaints({ now: formatInstant(now, 'Asia/Shanghai') });
  const closed = templates.filter((t) => t.status === 'closed');
  const ids: FieldIds = resolveFieldIds(store.fields());
  const policies: Record<string, Policy> = options.policies ?? { QC: presetPolicy(DEMO_POLICY_OF.QC), SV: presetPolicy(DEMO_POLICY_OF.SV) };
  const issueType = store.issueTypes().find((t) => t.name === '客诉');
  if (!issueType) throw new Error('bulk load: run the app setup first (no 客诉 issue type)');
  const proto: Record<string, Record<string, unknown>> = {};
  for (const key of ['QC', 'SV']) {
    // A template of the system fields as the stand-in writes them (project, type, priority…).
    const onIssueEvent = store.onIssueEvent;
    store.onIssueEvent = undefined;
    try {
      const p = store.createIssue({ fields: { project: { key }, issuetype: { id: issueType.id }, summary: 'bulk prototype' } }, { kind: 'app' });
      proto[key] = structuredClone(p.fields);
      store.deleteIssue(p.id, { kind: 'app' });
    } finally {
      store.onIssueEvent = onIssueEvent;
    }
  }
  const statuses = new Map<string, Record<string, unknown>>();
  const statusOf = (label: string): Record<string, unknown> => {
    let details = statuses.get(label);
    if (!details) {
      const s = store.statuses().find((x) => x.name === label);
      if (!s) throw new Error(`bulk load: no status named ${label}`);
      statuses.set(label, (details = statusDetails(store.siteUrl, s)));
    }
    return structuredClone(details);
  };
  const datetimeIds = new Set(APP_FIELDS.filter((f) => f.type === 'datetime').map((f) => ids[f.moduleKey]).filter((x): x is string => !!x));
  // The app's numbering state (src/services/numbering.ts): a counter per period and a claim per issue.
  const sequences = new Map<string, { seq: number; period: string }>();
  const kvsBackend = getKvsBackend();
  const entitySet = (entityName: string, key: string, value: unknown): void => {
    const r = kvsBackend.handle('/api/v1/entity/set', { entityName, key, value });
    if (r.status >= 300) throw new Error(`bulk load: storing ${entityName} ${key} failed (${r.status})`);
  };
  const byProject: Record<string, number> = {};
  const groups = new Map<string, StoredIssue[]>();
  let open = 0;
  const resolution = RESOLUTIONS[0] ? resolutionRef(store.siteUrl, RESOLUTIONS[0]) : null;

  for (let i = 0; i < options.count; i++) {
    let t: DemoComplaint;
    let shift = 0;
    if (i < templates.length) t = templates[i]!;
    else {
      t = closed[rng.int(0, closed.length - 1)]!;
      const age = Math.floor((now - (parseInstant(t.createdAt) ?? now)) / DAY);
      shift = -rng.int(0, Math.max(0, FIVE_YEARS_DAYS - age)) * DAY;
    }
    const policy = policies[t.project]!;
    const milestones = shifted(t.milestones, shift) as Milestones;
    const complaint: Complaint = shifted(structuredClone(t.complaint), shift);
    const registered = parseInstant(milestones.registered ?? t.createdAt) ?? now;
    const counter = counterKeyFor(policy, registered);
    const seq = (sequences.get(counter)?.seq ?? 0) + 1;
    sequences.set(counter, { seq, period: sequencePeriod(policy, registered) });
    const max = maxSequence(policy);
    complaint.complaintNumber = seq <= max ? formatNumber(policy, registered, seq) : `${formatNumber(policy, registered, max)}-${seq}`;
    complaint.registeredAt = formatInstant(registered, policy.timeZone);
    const state = complaintState(policy, complaint, t.status, milestones, now);
    if (t.status !== 'closed') open++;
    byProject[t.project] = (byProject[t.project] ?? 0) + 1;

    const fields: Record<string, unknown> = { ...fieldsFromComplaint(complaint, ids) };
    const slaId = ids['complaint-sla-state'];
    const dueId = ids['complaint-next-due'];
    if (slaId) fields[slaId] = state.slaState;
    if (dueId) fields[dueId] = state.nextDue;
    for (const id of datetimeIds) {
      const v = fields[id];
      if (typeof v === 'string') fields[id] = jiraDateTime(parseInstant(v) ?? 0);
    }
    const closedAt = t.status === 'closed' ? parseInstant(milestones.closed ?? milestones['follow-up'] ?? '') : null;
    const times = Object.values(milestones).map((v) => parseInstant(String(v)) ?? registered);
    const updated = Math.max(registered, ...times);
    const reporter = Object.values(DEMO_USERS).find((u) => u.emailAddress === t.reporter && (u.browse === '*' || u.browse.includes(t.project))) ?? DEMO_USERS.qe;
    const userRef = store.userRef(reporter.accountId);
    const imported = store.importIssue(t.project, (id, key) => ({
      issue: {
        id,
        key,
        fields: {
          ...proto[t.project]!,
          labels: [],
          summary: t.summary,
          status: statusOf(STATUS_LABELS[t.status]['zh-CN']),
          reporter: userRef,
          creator: userRef,
          created: jiraDateTime(registered),
          updated: jiraDateTime(updated),
          statuscategorychangedate: jiraDateTime(closedAt ?? updated),
          resolution: closedAt !== null ? resolution : null,
          resolutiondate: closedAt !== null ? jiraDateTime(closedAt) : null,
          ...fields,
        },
        properties: {
          complaint: {
            // History: what the live app would already have announced.
            escalated: state.breached,
            warned: state.clocks.filter((c) => c.status === 'at-risk').map((c) => c.id),
            ...complaintStateProperty(state, milestones),
          },
        },
      },
      comments: [],
      changelog: [],
    }));
    entitySet('number-claim', `issue-${imported.id}`, { number: complaint.complaintNumber });
    if (state.repeatKey) {
      const group = `${t.project}|${state.repeatKey}`;
      const members = groups.get(group) ?? [];
      members.push(imported);
      groups.set(group, members);
    }
  }
  // The repeat counts the app's queue keeps (src/services/repeats.ts): per project and repeat key.
  for (const members of groups.values()) for (const issue of members) issue.properties[REPEAT_PROPERTY] = { count: members.length };
  for (const [key, value] of sequences) entitySet('counter', key, value);
  store.flushImports();
  return { count: options.count, open, byProject, ms: Date.now() - started };
}
