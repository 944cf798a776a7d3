/**
 * Nothing lost under faults, nothing trusted from users — on the sandbox (the real manifest and
 * handlers on the Jira stand-in, with its fault injection):
 * - 503 ×3 and 500 ×3 on each Jira call the issue trigger makes while 30 complaints are created:
 *   after one sweep every complaint has exactly one number, in registration order, and its full
 *   state; nothing is duplicated;
 * - a complaint whose trigger gave up after the platform's retries is numbered before later ones
 *   and completed by the sweep;
 * - a breach announcement that failed half-way is finished, once, by the next sweep;
 * - as qe and as sales, setting the number or registration date through REST (create, edit,
 *   transition) leaves the app's own values; a value written behind the app's back is
 *   overwritten and logged;
 * - the stand-in runs the sweep on demand over HTTP.
 */
import { sessionCookie, useSandbox } from './site';
import { setLogSink } from '../../src/services/log';
import { parseInstant } from '../../src/rules';

jest.setTimeout(180_000);

const lines: string[] = [];
let restoreSink: () => void;

beforeAll(() => {
  restoreSink = setLogSink((_level, line) => lines.push(line));
});

const { sandbox, rest, fieldId } = useSandbox('kesu-heal-', { demo: false, timeScaleMs: 2 });

afterAll(() => restoreSink?.());

interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties?: { complaint?: { number?: string; status?: string; slaState?: string; escalated?: string[]; pending?: string; milestones?: Record<string, string> } };
}

function complaintFields(project: 'QC' | 'SV', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    project: { key: project },
    issuetype: { name: '客诉' },
    summary: `测试客诉 ${Math.random().toString(36).slice(2, 8)}`,
    [fieldId('complaint-part-number')]: '3943450',
    [fieldId('complaint-shipped-quantity')]: 5000,
    [fieldId('complaint-defect-quantity')]: 12,
    ...extra,
  };
}

async function create(email: string, project: 'QC' | 'SV', extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const r = await rest<{ id: string; key: string }>(email, 'POST', '/rest/api/3/issue', { fields: complaintFields(project, extra) });
  expect(r.status).toBe(201);
  return r.body;
}

async function get(key: string): Promise<Issue> {
  const r = await rest<Issue>('admin@example.com', 'GET', `/rest/api/3/issue/${key}?properties=complaint`);
  expect(r.status).toBe(200);
  return r.body;
}

async function runSweep(): Promise<{ status: number; body: { moduleKey: string; result: { processed: number; failed: number; escalated: number; found: number } } }> {
  const r = await fetch(`${sandbox.url}/__sandbox/schedules/complaint-sla-sweep/run`, { method: 'POST', headers: { Cookie: sessionCookie('admin@example.com') } });
  const body = (await r.json()) as { moduleKey: string; result: { processed: number; failed: number; escalated: number; found: number } };
  await sandbox.host.drain(); // the queue's consumers, if the sweep handed work over
  return { status: r.status, body };
}

/** Every complaint of a project, in registration order (created, then id). */
async function complaintsOf(project: string): Promise<Issue[]> {
  const r = await rest<{ issues: Issue[] }>('admin@example.com', 'POST', '/rest/api/3/search/jql', {
    jql: `project = ${project} ORDER BY created ASC`,
    fields: ['created', fieldId('complaint-number'), fieldId('complaint-registered'), fieldId('complaint-sla-state')],
    properties: ['complaint'],
    maxResults: 100,
  });
  expect(r.status).toBe(200);
  return r.body.issues.sort((a, b) => {
    const d = (parseInstant(String(a.fields.created)) ?? 0) - (parseInstant(String(b.fields.created)) ?? 0);
    return d !== 0 ? d : Number(a.id) - Number(b.id);
  });
}

/** An issue-updated event as the stand-in sends it (the issue's fields, issue type id included). */
async function emitUpdated(id: string): Promise<void> {
  const doc = sandbox.jira.store.doc(id)!;
  await sandbox.host.emitProductEvent({ eventType: 'avi:jira:updated:issue', selfGenerated: false, issue: structuredClone({ id, key: doc.issue.key, fields: doc.issue.fields }) });
}

/** The number's sequence part (the last three digits of every preset's pattern). */
const seq = (n: string): number => Number(n.slice(-3));

function expectFullState(issue: Issue): void {
  const p = issue.properties?.complaint;
  expect(p?.number).toMatch(/^\d{9}$/);
  expect(issue.fields[fieldId('complaint-number')]).toBe(p?.number);
  expect(p?.status).toBe('registered');
  expect(p?.slaState).toBeTruthy();
  expect(p?.pending).toBeUndefined();
  expect(issue.fields[fieldId('complaint-sla-state')]).toBe(p?.slaState);
  // The registration moment is the issue's creation, to the second.
  const registered = parseInstant(String(issue.fields[fieldId('complaint-registered')]));
  expect(Math.floor((registered ?? 0) / 1000)).toBe(Math.floor((parseInstant(String(issue.fields.created)) ?? -1) / 1000));
}

afterEach(() => sandbox.jira.faults.clear());

describe('faults during 30 creations', () => {
  it('after one sweep, every complaint has exactly one number, in registration order, and its full state', async () => {
    // The calls the issue trigger makes, each failing 503 ×3 and 500 ×3.
    const calls: { method: string; pathPrefix: string }[] = [
      { method: 'GET', pathPrefix: '/rest/api/3/issue/' },
      { method: 'POST', pathPrefix: '/rest/api/3/search/jql' },
      { method: 'POST', pathPrefix: '/rest/api/3/app/field/value' },
      { method: 'PUT', pathPrefix: '/rest/api/3/issue/' },
    ];
    for (const c of calls) {
      sandbox.jira.faults.inject({ kind: '503', count: 3, ...c }).inject({ kind: '500', count: 3, ...c });
    }
    const created: string[] = [];
    for (let i = 0; i < 30; i++) created.push((await create('qe@example.com', 'QC')).key);
    await sandbox.host.drain();
    const fired = sandbox.jira.faults.snapshot().fired;
    expect(fired['503'] + fired['500']).toBe(calls.length * 6); // every injected fault hit the app
    sandbox.jira.faults.clear();

    const sweep = await runSweep();
    expect(sweep.status).toBe(200);
    expect(sweep.body.result.failed).toBe(0);

    const issues = await complaintsOf('QC');
    expect(issues.map((i) => i.key).sort()).toEqual([...created].sort()); // nothing created twice
    for (const issue of issues) expectFullState(issue);
    const numbers = issues.map((i) => i.properties!.complaint!.number!);
    expect(new Set(numbers).size).toBe(30);
    // In registration order and gap-free: 001, 002, … 030 (one period).
    expect(numbers.map(seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The platform retried: some invocations answered InvocationError.
    expect(sandbox.host.invocations.some((i) => i.moduleKey === 'complaint-issue-events' && i.outcome === 'retry')).toBe(true);
    expect(lines.some((l) => l.includes('"event":"trigger.retry"') && /"code":"jira-50[03]"/.test(l))).toBe(true);
  });

  it('a complaint whose trigger gave up is numbered before later ones and completed by the sweep', async () => {
    // QC and SV share a numbering pattern, hence a counter: the highest number so far.
    const before = Math.max(...[...(await complaintsOf('QC')), ...(await complaintsOf('SV'))].map((i) => seq(i.properties?.complaint?.number ?? '000')));
    // Every attempt of the trigger fails (5 deliveries): the complaint is left without state.
    sandbox.jira.faults.inject({ kind: '503', count: 5, method: 'GET', pathPrefix: '/rest/api/3/issue/' });
    const a = await create('qe@example.com', 'SV');
    await sandbox.host.drain();
    sandbox.jira.faults.clear();
    expect((await get(a.key)).properties?.complaint).toBeUndefined();
    const b = await create('qe@example.com', 'SV');
    await sandbox.host.drain();
    const sweep = await runSweep();
    expect(sweep.body.result.processed).toBeGreaterThanOrEqual(1);
    const [ia, ib] = [await get(a.key), await get(b.key)];
    expectFullState(ia);
    expectFullState(ib);
    expect(seq(ia.properties!.complaint!.number!)).toBe(before + 1);
    expect(seq(ib.properties!.complaint!.number!)).toBe(before + 2);
    // The sweep does not pick up complete complaints again for lack of state.
    const again = await runSweep();
    expect(again.body.result.found).toBe(0);
  });
});

describe('announcements', () => {
  it('a breach announcement that failed is finished, once, by the next sweep', async () => {
    const { key, id } = await create('qe@example.com', 'QC', { [fieldId('complaint-category')]: 'quality' });
    await sandbox.host.drain();
    // Registered three days ago (Jira's record of the creation): the 48 h report is breached.
    const doc = sandbox.jira.store.doc(id)!;
    doc.issue.fields.created = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '+0000');
    const comments = async (): Promise<number> =>
      (await rest<{ comments: { body: unknown }[] }>('admin@example.com', 'GET', `/rest/api/3/issue/${key}/comment`)).body.comments.filter((c) =>
        JSON.stringify(c.body).includes('客诉超期'),
      ).length;
    const notifications = (): number => sandbox.jira.store.notifications().filter((n) => n.issueKey === key && String(n.notification.subject).includes('超期')).length;
    // The notification fails: the comment went out, the breach is not recorded as announced.
    sandbox.jira.faults.inject({ kind: '500', count: 10, method: 'POST', pathPrefix: `/rest/api/3/issue/${id}/notify` });
    await emitUpdated(id);
    await sandbox.host.drain();
    sandbox.jira.faults.clear();
    let issue = await get(key);
    expect(issue.properties?.complaint?.pending).toBe('announce');
    expect(issue.properties?.complaint?.escalated ?? []).not.toContain('abc.report-b');
    expect(await comments()).toBe(1);
    expect(notifications()).toBe(0);
    // The next sweep finishes it: the notification once, no second comment.
    await runSweep();
    issue = await get(key);
    expect(issue.properties?.complaint?.pending).toBeUndefined();
    expect(issue.properties?.complaint?.escalated).toContain('abc.report-b');
    expect(await comments()).toBe(1);
    expect(notifications()).toBe(1);
    await runSweep();
    expect(await comments()).toBe(1);
    expect(notifications()).toBe(1);
  });
});

describe("the app's own values are the only truth", () => {
  it.each([
    ['qe@example.com', 'QC'],
    ['sales@example.com', 'SV'],
  ] as const)('as %s, REST cannot set the number or the registration date', async (email, project) => {
    const numberId = fieldId('complaint-number');
    const registeredId = fieldId('complaint-registered');
    // Create with either value: refused as Jira refuses read-only fields.
    for (const extra of [{ [numberId]: '261203242' }, { [numberId]: 'HACKED-001' }, { [registeredId]: '2099-01-01T00:00:00.000+0800' }]) {
      const r = await rest<{ errors: Record<string, string> }>(email, 'POST', '/rest/api/3/issue', { fields: complaintFields(project, extra) });
      expect(r.status).toBe(400);
      expect(Object.keys(r.body.errors)).toEqual(Object.keys(extra));
    }
    const made = await Promise.all([create(email, project), create(email, project), create(email, project)]);
    await sandbox.host.drain();
    const own = await Promise.all(made.map((m) => get(m.key)));
    // Edit (fields and update operations) and transition bodies: refused, values unchanged.
    for (const m of made) {
      for (const body of [
        { fields: { [numberId]: own[0]!.properties!.complaint!.number } },
        { update: { [numberId]: [{ set: 'HACKED-001' }] } },
        { fields: { [registeredId]: '2099-01-01T00:00:00.000+0800' } },
      ]) {
        const r = await rest(email, 'PUT', `/rest/api/3/issue/${m.key}`, body);
        expect(r.status).toBe(400);
      }
    }
    await sandbox.host.drain();
    const after = await Promise.all(made.map((m) => get(m.key)));
    after.forEach((a, i) => {
      expect(a.fields[numberId]).toBe(own[i]!.fields[numberId]);
      expect(a.fields[registeredId]).toBe(own[i]!.fields[registeredId]);
      expectFullState(a);
    });
    const all = await complaintsOf(project);
    const numbers = all.map((i) => i.properties?.complaint?.number).filter((n): n is string => n !== undefined);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('a number or registration date written behind the app is overwritten with its own, and logged', async () => {
    const m = await create('qe@example.com', 'QC');
    await sandbox.host.drain();
    const own = await get(m.key);
    const app = { 'x-sandbox-app': 'true', 'Content-Type': 'application/json' };
    // As if another app or an import had written them.
    const w = await fetch(`${sandbox.url}/rest/api/3/app/field/value`, {
      method: 'POST',
      headers: app,
      body: JSON.stringify({
        updates: [
          { customField: fieldId('complaint-number'), issueIds: [Number(m.id)], value: 'HACKED-001' },
          { customField: fieldId('complaint-registered'), issueIds: [Number(m.id)], value: '2099-01-01T00:00:00.000+0800' },
        ],
      }),
    });
    expect(w.status).toBe(204);
    const mark = lines.length;
    await emitUpdated(m.id);
    await sandbox.host.drain();
    const after = await get(m.key);
    expect(after.fields[fieldId('complaint-number')]).toBe(own.fields[fieldId('complaint-number')]);
    expect(after.properties?.complaint?.number).toBe(own.properties?.complaint?.number);
    expectFullState(after);
    const logged = lines.slice(mark).filter((l) => l.includes('complaint.user-value-overwritten'));
    expect(logged.map((l) => (JSON.parse(l) as { field: string }).field).sort()).toEqual(['complaint-number', 'complaint-registered']);
    expect(logged.join('\n')).not.toContain('HACKED');
  });
});

describe('scheduled triggers on demand', () => {
  it('answers 404 for a key the manifest does not have, and refuses cross-site requests', async () => {
    const Cookie = sessionCookie('admin@example.com');
    expect((await fetch(`${sandbox.url}/__sandbox/schedules/nope/run`, { method: 'POST', headers: { Cookie } })).status).toBe(404);
    const cross = await fetch(`${sandbox.url}/__sandbox/schedules/complaint-sla-sweep/run`, { method: 'POST', headers: { Cookie, Origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
  });
});

describe('the sweep at scale', () => {
  /** Complaints created while the trigger is lost (no event reaches the app). */
  async function createUnseen(n: number): Promise<string[]> {
    const deliver = sandbox.jira.store.onIssueEvent;
    sandbox.jira.store.onIssueEvent = undefined;
    const keys: string[] = [];
    try {
      for (let i = 0; i < n; i++) keys.push((await create('qe@example.com', 'QC')).key);
    } finally {
      sandbox.jira.store.onIssueEvent = deliver;
    }
    return keys;
  }

  it('hands more than one invocation of work to the queue; every complaint is completed in registration order', async () => {
    const keys = await createUnseen(55);
    const sweep = await runSweep();
    expect(sweep.status).toBe(200);
    const result = sweep.body.result as unknown as { found: number; processed: number; queued: number };
    expect(result.found).toBe(55);
    expect(result.processed).toBe(40);
    expect(result.queued).toBe(15);
    expect(sandbox.host.invocations.filter((i) => i.moduleKind === 'consumer' && i.moduleKey === 'complaint-sweep-consumer').length).toBeGreaterThanOrEqual(2);
    const all = await complaintsOf('QC');
    const fresh = all.filter((i) => keys.includes(i.key));
    expect(fresh).toHaveLength(55);
    for (const issue of fresh) expectFullState(issue);
    const numbers = fresh.map((i) => seq(i.properties!.complaint!.number!));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b)); // registration order
    const everyNumber = all.map((i) => i.properties!.complaint!.number!);
    expect(new Set(everyNumber).size).toBe(everyNumber.length);
  });

  it('stops at its time budget, remembers where it got to, and the next run resumes there', async () => {
    const keys = await createUnseen(6);
    const { runSweep: sweepNow } = await import('../../src/services/sweep');
    // A clock that advances 1 s per look: the 3.5 s budget lets 3 complaints start.
    let t = Date.now();
    const now = (): number => (t += 1000);
    const first = await sweepNow({ budgetMs: 3500, now });
    expect(first.resumable).toBe(true);
    expect(first.processed).toBeLessThan(6);
    expect(first.processed).toBeGreaterThan(0);
    const second = await sweepNow({ budgetMs: 60_000 });
    expect(second.resumable).toBe(false);
    expect(first.processed + second.processed).toBe(6); // nothing done twice, nothing skipped
    for (const key of keys) expectFullState(await get(key));
  });

  it('one failing complaint is logged and left to the next run; the others proceed', async () => {
    const [a, b, c] = await createUnseen(3);
    const { id: bId } = await get(b!);
    const mark = lines.length;
    sandbox.jira.faults.inject({ kind: '500', count: 1, method: 'GET', pathPrefix: `/rest/api/3/issue/${bId}` });
    const sweep = await runSweep();
    expect(sweep.body.result.failed).toBe(1);
    expectFullState(await get(a!));
    expectFullState(await get(c!));
    expect((await get(b!)).properties?.complaint).toBeUndefined();
    const failed = lines.slice(mark).map((l) => JSON.parse(l) as { event: string; issueId?: string; code?: string }).filter((l) => l.event === 'sweep.item-failed');
    expect(failed).toEqual([expect.objectContaining({ issueId: bId, code: 'jira-500' })]);
    await runSweep();
    expectFullState(await get(b!));
  });
});

describe('escalation priority', () => {
  /**
   * SV runs the general preset with `priority` as its escalation priority from here on; a major
   * quality complaint registered ten days ago: its 7-day escalation clock is breached.
   */
  async function breachedIn(priority: string): Promise<{ id: string; key: string }> {
    const { presetPolicy } = await import('../../src/rules');
    const { DEMO_USERS } = await import('../../sandbox/jira');
    const policy = { ...presetPolicy('general'), escalationPriority: priority };
    const saved = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: 'policy/save', payload: { projectKey: 'SV', policy }, accountId: DEMO_USERS.admin.accountId })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    const c = await create('qe@example.com', 'SV', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-severity')]: 'major' });
    await sandbox.host.drain();
    sandbox.jira.store.doc(c.id)!.issue.fields.created = new Date(Date.now() - 10 * 86_400_000).toISOString().replace('Z', '+0000');
    return c;
  }

  it("a breach of an escalating clock raises the priority the policy names (default High)", async () => {
    const { id, key } = await breachedIn('Highest');
    await emitUpdated(id);
    await sandbox.host.drain();
    const issue = await rest<{ fields: { priority: { name: string } }; properties: { complaint: { escalated: string[] } } }>(
      'admin@example.com',
      'GET',
      `/rest/api/3/issue/${key}?fields=priority&properties=complaint`,
    );
    expect(issue.body.properties.complaint.escalated).toContain('general.escalate');
    expect(issue.body.fields.priority.name).toBe('Highest');
  });

  it('a priority the site does not have is logged once; the breach is still recorded as announced', async () => {
    const { id, key } = await breachedIn('Urgent');
    const mark = lines.length;
    await emitUpdated(id);
    await sandbox.host.drain();
    const issue = await get(key);
    expect(issue.properties?.complaint?.escalated).toContain('general.escalate');
    expect(issue.properties?.complaint?.pending).toBeUndefined();
    expect(lines.slice(mark).filter((l) => l.includes('complaint.priority-refused'))).toHaveLength(1);
  });
});

describe('bounded rules through the app', () => {
  it('a ReDoS batch pattern is saved (RE2 runs it in linear time) and the issue panel answers at once; a look-ahead is refused at save', async () => {
    const { presetPolicy } = await import('../../src/rules');
    const { DEMO_USERS } = await import('../../sandbox/jira');
    const save = async (batchPattern: string) =>
      (await sandbox.host.invokeResolver({
        moduleKey: 'complaint-admin',
        call: 'policy/save',
        payload: { projectKey: 'SV', policy: { ...presetPolicy('general'), batchPattern } },
        accountId: DEMO_USERS.admin.accountId,
      })) as { ok: boolean; error?: { code: string; message: string } };
    expect((await save('^([A-Z0-9]+-?)+$')).ok).toBe(true);
    // The batch that hung a backtracking engine: the create is refused at once (batch format).
    let started = Date.now();
    const refusedCreate = await rest<{ errorMessages: string[] }>('qe@example.com', 'POST', '/rest/api/3/issue', {
      fields: complaintFields('SV', { [fieldId('complaint-batch')]: 'A'.repeat(27) + '!' }),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refusedCreate.status).toBe(400);
    const { key } = await create('qe@example.com', 'SV', { [fieldId('complaint-batch')]: 'AB-'.repeat(9) + 'A' });
    await sandbox.host.drain();
    started = Date.now();
    const panel = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-panel', call: 'panel/state', payload: {}, accountId: DEMO_USERS.qe.accountId, extension: { issue: { key } } })) as { ok: boolean };
    expect(panel.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000); // a backtracking engine took 30 s here
    const refused = await save('^(?=B)[A-Z0-9]+$');
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/batchPattern|批号/);
  });
});
