/**
 * Provisions the demo site the way an admin and the users would, through the app and the REST
 * API: the app's own setup for QC and SV (issue type, workflow with the validator, schemes,
 * screens), the projects' policies (QC: auto-abc, SV: food), then the demo complaints — each
 * created by its reporter at its registration time, moved through the workflow at its
 * milestones' times, and processed by the app's lifecycle trigger (numbering, classification,
 * clocks). The stand-in's clock is moved to each moment so that history looks real.
 */
import type { ForgeHost } from '../forge/runtime';
import type { JiraServer } from '../jira';
import { DEMO_USERS } from '../jira';
import { STATUS_LABELS, formatInstant, parseInstant, presetPolicy, transitionFields, type Complaint, type MilestoneId, type StatusId } from '../../src/rules';
import { DETAILS_PROPS, fieldsFromComplaint, resolveFieldIds } from '../../src/jira/fields';
import { complaintAsOf, generateDemoComplaints, type DemoComplaint } from './index';

export interface DemoClock {
  /** When set, the stand-in's clock reads this instant (epoch ms). */
  fixed: number | null;
}

/** A write the loader made (for the test that holds it to what a real site allows). */
export interface DemoWrite {
  actor: 'app' | 'user';
  method: string;
  path: string;
  body?: unknown;
}

export interface LoadOptions {
  jira: JiraServer;
  host: ForgeHost;
  adminAccountId: string;
  demo: boolean;
  clock: DemoClock;
  now?: number;
  /** Load only the first N demo complaints (tests). */
  limit?: number;
  /** Filled with every write the loader makes. */
  writes?: DemoWrite[];
}

const PATH: StatusId[] = ['registered', 'assigned', 'investigating', 'corrective-action', 'replied', 'follow-up', 'closed'];

function statusPath(target: StatusId): StatusId[] {
  if (target === 'reopened') return [...PATH.slice(1, PATH.indexOf('follow-up') + 1), 'reopened'];
  return PATH.slice(1, PATH.indexOf(target) + 1);
}

/** When the complaint entered a status, from its milestones (or just after the step before). */
function enteredAt(d: DemoComplaint, status: StatusId, previous: number): number {
  const m = (id: MilestoneId): number | null => {
    const v = d.milestones[id];
    return v ? parseInstant(v) : null;
  };
  const candidates: Record<StatusId, (number | null)[]> = {
    registered: [m('registered')],
    assigned: [m('assigned')],
    investigating: [m('containment') !== null ? Math.min(m('containment')!, (m('assigned') ?? previous) + 3_600_000) : null],
    'corrective-action': [m('investigated'), m('solution-proposed')],
    replied: [m('replied'), m('resolved')],
    'follow-up': [m('replied') !== null ? m('replied')! + 600_000 : null],
    closed: [m('closed'), m('follow-up')],
    reopened: [m('follow-up') !== null ? m('follow-up')! + 600_000 : null],
  };
  const t = candidates[status].find((x): x is number => x !== null && x > previous);
  return t ?? previous + 60_000;
}

let audit: DemoWrite[] | undefined;

async function call<T>(jira: JiraServer, who: { app: true } | { email: string }, method: string, path: string, body?: unknown): Promise<T> {
  if (method !== 'GET') audit?.push({ actor: 'app' in who ? 'app' : 'user', method, path, ...(body !== undefined ? { body } : {}) });
  const headers: Record<string, string> = { Accept: 'application/json' };
  if ('app' in who) {
    headers['x-sandbox-app'] = 'true';
    headers['x-sandbox-secret'] = jira.secret;
  } else {
    headers.Authorization = `Basic ${Buffer.from(`${who.email}:demo`).toString('base64')}`;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(`${jira.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface ResolverEnvelope {
  ok: boolean;
  data?: { ok?: boolean; steps?: { id: string; status: string; detail: string }[] };
  error?: { message: string };
}

export async function loadDemoSite(opts: LoadOptions): Promise<string> {
  const { jira, host, adminAccountId, clock } = opts;
  const invoke = async (call2: string, payload: unknown): Promise<ResolverEnvelope> =>
    (await host.invokeResolver({ moduleKey: 'complaint-admin', call: call2, payload, accountId: adminAccountId })) as ResolverEnvelope;

  // Policies first: setup builds the transition screens from each project's policy.
  for (const [projectKey, preset] of [
    ['QC', 'auto-abc'],
    ['SV', 'food'],
    [null, 'general'],
  ] as const) {
    const r = await invoke('policy/save', { projectKey, policy: presetPolicy(preset) });
    if (!r.ok) throw new Error(`saving the ${preset} policy failed: ${r.error?.message ?? ''}`);
  }
  for (const projectKey of ['QC', 'SV']) {
    const r = await invoke('setup/run', { projectKey, locale: 'zh-CN' });
    if (!r.ok || !r.data?.ok) {
      throw new Error(`setup of ${projectKey} failed: ${JSON.stringify(r.error ?? r.data?.steps?.filter((s) => s.status === 'failed'))}`);
    }
  }
  if (!opts.demo) return 'setup only, no demo complaints';

  const now = opts.now ?? Date.now();
  // Dates relative to today: the generator places the history before `now`.
  const demos = generateDemoComplaints({ now: formatInstant(now, 'Asia/Shanghai') }).slice(0, opts.limit ?? Infinity);
  const ids = resolveFieldIds(jira.store.fields());
  const reporters = Object.values(DEMO_USERS);
  audit = opts.writes;

  // Replaying history through the paths a real site has: each complaint is created and moved
  // through the workflow by its reporter over REST at its own moments (the stand-in's clock is
  // set to each), with the workflow's validator on. The lifecycle trigger then runs once per
  // complaint, in registration order (as late-delivered events): it numbers and classifies the
  // complaint (the repeat rule searching the earlier ones) and records each milestone at the
  // time its status was entered (the changelog) or its date field says — nothing here writes a
  // milestone, a class or a computed field.
  const onIssueEvent = jira.store.onIssueEvent;
  jira.store.onIssueEvent = undefined;
  const created: { id: string; key: string }[] = [];
  try {
    for (const d of demos) {
      const named = reporters.find((u) => u.emailAddress === d.reporter);
      const reporter = named && (named.browse === '*' || named.browse.includes(d.project)) ? named : DEMO_USERS.qe;
      let at = parseInstant(d.createdAt) ?? now;
      clock.fixed = at;
      // What a user types in: not the app's own values (number, registration, a derived class or
      // severity, the completion date closing sets); the first contact when there was one.
      const policy = presetPolicy(d.policyId);
      /** The record as the users had typed it by the time of `status` (auto-abc: 质量部 until the cause is known). */
      const typedAsOf = (status: StatusId): Record<string, unknown> => {
        const { complaintNumber: _n, registeredAt: _r, actualCompletion: _a, class: _c, severity, ...typed } = complaintAsOf(d, status);
        return {
          ...typed,
          ...(policy.classification.mode === 'manual' && severity ? { severity } : {}),
          ...(d.milestones['first-response'] ? { firstContactAt: d.milestones['first-response'] } : {}),
        };
      };
      const record = typedAsOf(d.status);
      // Intake: what no transition asks for; each transition's dialog then carries the fields its
      // rules need (its transition screen), and whatever is left is edited in at the end.
      const path = statusPath(d.status);
      const asked = new Set<string>();
      let from: StatusId = 'registered';
      for (const status of path) {
        for (const f of transitionFields(policy, status, from)) asked.add(f);
        from = status;
      }
      const given: Record<string, unknown> = {};
      const give = (props: string[], source: Record<string, unknown>): Record<string, unknown> => {
        for (const p of props) if (p in source) given[p] = source[p];
        // The details object is one field: send all its properties given so far.
        // (only when the form at hand holds it: a transition screen may not).
        const details = props.some((p) => (DETAILS_PROPS as string[]).includes(p));
        const patch = Object.fromEntries(Object.entries(given).filter(([k]) => props.includes(k) || (details && (DETAILS_PROPS as string[]).includes(k))));
        return fieldsFromComplaint(patch as Partial<Complaint>, ids);
      };
      const intake = Object.keys(record).filter((k) => !asked.has(k));
      const fields = { project: { key: d.project }, issuetype: { name: '客诉' }, summary: d.summary, ...give(intake, record) };
      const issue = await call<{ id: string; key: string }>(jira, { email: reporter.emailAddress }, 'POST', '/rest/api/3/issue', { fields });
      from = 'registered';
      for (const status of path) {
        at = enteredAt(d, status, at);
        clock.fixed = at;
        const tr = await call<{ transitions: { id: string; to: { name: string } }[] }>(jira, { app: true }, 'GET', `/rest/api/3/issue/${issue.id}/transitions`);
        const next = tr.transitions.find((x) => x.to.name === STATUS_LABELS[status]['zh-CN']);
        if (!next) throw new Error(`${issue.key}: no transition to ${status}`);
        const asOf = typedAsOf(status);
        const needed = transitionFields(policy, status, from).filter((p) => p in asOf);
        await call(jira, { email: reporter.emailAddress }, 'POST', `/rest/api/3/issue/${issue.id}/transitions`, {
          transition: { id: next.id },
          ...(needed.length ? { fields: give(needed, asOf) } : {}),
        });
        from = status;
      }
      const rest = Object.keys(record).filter((k) => !(k in given) || given[k] !== record[k]);
      if (rest.length) await call(jira, { email: reporter.emailAddress }, 'PUT', `/rest/api/3/issue/${issue.id}`, { fields: give(rest, record) });
      created.push(issue);
    }
  } finally {
    clock.fixed = null;
    jira.store.onIssueEvent = onIssueEvent;
    audit = undefined;
  }
  // The app's lifecycle numbers and evaluates each complaint, in registration order.
  for (const issue of created) {
    await host.emitProductEvent({
      eventType: 'avi:jira:updated:issue',
      selfGenerated: false,
      atlassianId: adminAccountId,
      // The payload Jira sends (the issue's fields, with its project and issue type ids): the
      // trigger's filter expression reads the issue type id.
      issue: { id: issue.id, key: issue.key, fields: structuredClone(jira.store.doc(issue.id)?.issue.fields ?? {}) },
    });
  }
  await host.drain();
  const qc = demos.filter((d) => d.project === 'QC').length;
  return `${created.length} demo complaints (QC ${qc}, SV ${created.length - qc})`;
}
