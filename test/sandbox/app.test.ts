/**
 * The app end to end on the sandbox: the real manifest and handlers on the Jira stand-in,
 * provisioned by the app's own setup. What a Jira admin, a quality engineer and a sales clerk
 * would notice: the shell answers, search answers like Jira, permissions hold, complaints get
 * unique consecutive numbers however events arrive, validators refuse what the rules refuse
 * (in the user's language), a matrix change takes effect, breaches are announced once, the
 * JQL cookbook runs — and the app stays within its REST budgets (counted by the stand-in).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/app';
import { wrapperCalls } from '../../sandbox/forge/wrapper';
import { DEMO_USERS } from '../../sandbox/jira';
import { presetPolicy } from '../../src/rules';

jest.setTimeout(120_000);

let sandbox: Sandbox;
let dir: string;

const basic = (email: string): string => `Basic ${Buffer.from(`${email}:token`).toString('base64')}`;

async function rest<T = unknown>(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { Authorization: basic(email), Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function fieldId(moduleKey: string): string {
  const f = sandbox.jira.store.fields().find((x) => x.schema.custom?.endsWith(`/static/${moduleKey}`));
  if (!f) throw new Error(`no field ${moduleKey}`);
  return f.id;
}

interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties?: { complaint?: { number?: string; slaState?: string; escalated?: string[]; milestones?: Record<string, string> } };
}

async function createComplaint(email: string, project: 'QC' | 'SV', extra: Record<string, unknown> = {}): Promise<Issue> {
  const r = await rest<{ id: string; key: string }>(email, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: project },
      issuetype: { name: '客诉' },
      summary: `测试客诉 ${Math.random().toString(36).slice(2, 8)}`,
      [fieldId('complaint-customer')]: '玉柴机器股份有限公司',
      [fieldId('complaint-part-number')]: '3943450',
      [fieldId('complaint-shipped-quantity')]: 5000,
      [fieldId('complaint-defect-quantity')]: 12,
      ...extra,
    },
  });
  expect(r.status).toBe(201);
  await sandbox.host.drain();
  return get(email, r.body.key);
}

async function get(email: string, key: string): Promise<Issue> {
  const r = await rest<Issue>(email, 'GET', `/rest/api/3/issue/${key}?properties=complaint`);
  expect(r.status).toBe(200);
  return r.body;
}

async function transitionTo(email: string, key: string, statusName: string): Promise<{ status: number; body: { errorMessages?: string[] } | undefined }> {
  const tr = await rest<{ transitions: { id: string; to: { name: string } }[] }>(email, 'GET', `/rest/api/3/issue/${key}/transitions`);
  const t = tr.body.transitions.find((x) => x.to.name === statusName);
  if (!t) throw new Error(`${key}: no transition to ${statusName}`);
  const r = await rest<{ errorMessages?: string[] }>(email, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: t.id } });
  await sandbox.host.drain();
  return r;
}

/** REST calls the stand-in counted for the invocations recorded after `since`. */
function callsOf(kind: string, moduleKey: string, since: number): number[] {
  return sandbox.host.invocations
    .filter((i) => i.moduleKind === kind && i.moduleKey === moduleKey && i.startedAt >= since)
    .map((i) => sandbox.jira.stats.get(i.invocationId).calls);
}

async function invokeAdmin(call: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> {
  return (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call, payload, accountId: DEMO_USERS.admin.accountId })) as {
    ok: boolean;
    data?: unknown;
    error?: { message: string };
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kesu-sandbox-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, schedules: false, log: () => undefined });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local site', () => {
  it(`runs the handlers SANDBOX_HANDLERS names (now: ${process.env.SANDBOX_HANDLERS ?? 'source'})`, () => {
    // bundle: the package Forge's own bundler built, its @forge/* calls served by the sandbox's runtime wrapper
    const calls = wrapperCalls();
    if (process.env.SANDBOX_HANDLERS === 'bundle') {
      expect(calls.jira).toBeGreaterThan(100);
      expect(calls.kvs).toBeGreaterThan(100);
    } else {
      expect(calls).toEqual({ jira: 0, kvs: 0, queue: 0 });
    }
  });

  it('serves the shell at the printed URL', async () => {
    const r = await fetch(`${sandbox.url}/`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('<html');
    expect(text).toContain('data-testid="user-switcher"');
  });

  it('answers Jira-shaped search results to HTTP basic auth, like curl -u', async () => {
    const r = await rest<{ issues: Issue[]; isLast: boolean; nextPageToken?: string }>(
      'admin@example.com',
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('complaintSlaState = breached')}&fields=summary,status&maxResults=10`,
    );
    expect(r.status).toBe(200);
    expect(r.body.issues.length).toBe(10);
    expect(r.body.issues[0]).toEqual(expect.objectContaining({ id: expect.any(String), key: expect.stringMatching(/^(QC|SV)-\d+$/) }));
    expect(Object.keys(r.body.issues[0]!.fields).sort()).toEqual(['status', 'summary']);
    expect(typeof r.body.nextPageToken).toBe('string');
  });

  it('was provisioned with at least 300 numbered demo complaints in both projects', async () => {
    const count = async (jql: string): Promise<number> =>
      (await rest<{ count: number }>('admin@example.com', 'POST', '/rest/api/3/search/approximate-count', { jql })).body.count;
    expect(await count('issuetype = "客诉"')).toBeGreaterThanOrEqual(300);
    expect(await count('project = QC')).toBeGreaterThan(100);
    expect(await count('project = SV')).toBeGreaterThan(100);
    expect(await count('issuetype = "客诉" AND complaintNumber IS EMPTY')).toBe(0);
    for (const state of ['running', 'at-risk', 'met', 'breached']) expect(await count(`complaintSlaState = "${state}"`)).toBeGreaterThan(0);
  });

  it('shows the sales clerk nothing of the project she cannot browse', async () => {
    const qc = await rest<{ issues: Issue[] }>('admin@example.com', 'POST', '/rest/api/3/search/jql', { jql: 'project = QC', maxResults: 1, fields: ['id'] });
    const key = qc.body.issues[0]!.key;
    expect((await rest('sales@example.com', 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
    const seen = await rest<{ issues: Issue[] }>('sales@example.com', 'POST', '/rest/api/3/search/jql', { jql: 'issuetype = "客诉"', maxResults: 100, fields: ['project'] });
    expect(seen.body.issues.length).toBeGreaterThan(0);
    expect(seen.body.issues.every((i) => i.key.startsWith('SV-'))).toBe(true);
  });
});

describe('complaint lifecycle', () => {
  // 6 = read the issue, the project's field-label property (kept in step with the policy), look
  // for earlier complaints still without a number (numbered first: registration order), the
  // read-only fields, the `complaint` property, the user's locale.
  it('numbers a new complaint, classifies it and starts its clocks within 6 REST calls', async () => {
    const since = Date.now();
    const issue = await createComplaint('qe@example.com', 'QC', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-loss')]: 8000 });
    const number = issue.fields[fieldId('complaint-number')] as string;
    expect(number).toMatch(/^\d{9}$/);
    expect(issue.properties?.complaint?.number).toBe(number);
    expect(issue.fields[fieldId('complaint-class')]).toBe('A'); // loss ≥ 5000
    expect(issue.properties?.complaint?.slaState).toBe('running');
    const calls = callsOf('trigger', 'complaint-issue-events', since);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...calls)).toBeLessThanOrEqual(6);
  });

  it('keeps one number per complaint when events arrive twice and late', async () => {
    sandbox.host.setEventDelivery({ duplicate: true, duplicateDelayMs: 30 });
    try {
      const a = await createComplaint('qe@example.com', 'SV', { [fieldId('complaint-category')]: 'packaging' });
      const b = await createComplaint('qe@example.com', 'SV', { [fieldId('complaint-category')]: 'packaging' });
      const na = a.fields[fieldId('complaint-number')] as string;
      const nb = b.fields[fieldId('complaint-number')] as string;
      expect(Number(nb.slice(-3)) - Number(na.slice(-3))).toBe(1);
      expect((await get('qe@example.com', a.key)).fields[fieldId('complaint-number')]).toBe(na);
    } finally {
      sandbox.host.setEventDelivery({});
    }
  });

  it('gives 200 complaints created at once, every event delivered twice, 200 distinct consecutive numbers', async () => {
    sandbox.host.setEventDelivery({ duplicate: true, duplicateDelayMs: 5 });
    try {
      const created = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          rest<{ key: string }>('qe@example.com', 'POST', '/rest/api/3/issue', {
            fields: { project: { key: i % 2 ? 'QC' : 'SV' }, issuetype: { name: '客诉' }, summary: `并发 ${i}`, [fieldId('complaint-batch')]: `LOAD-${i}` },
          }),
        ),
      );
      expect(created.every((c) => c.status === 201)).toBe(true);
      await sandbox.host.drain();
    } finally {
      sandbox.host.setEventDelivery({});
    }
    const found = await rest<{ issues: Issue[] }>('qe@example.com', 'POST', '/rest/api/3/search/jql', {
      jql: '"产品批号" ~ "LOAD-"',
      maxResults: 100,
      fields: [fieldId('complaint-number')],
    });
    expect(found.status).toBe(200);
    const numbers: string[] = [];
    let token: string | undefined;
    do {
      const page = await rest<{ issues: Issue[]; nextPageToken?: string }>('qe@example.com', 'POST', '/rest/api/3/search/jql', {
        jql: '"产品批号" ~ "LOAD-"',
        maxResults: 100,
        fields: [fieldId('complaint-number')],
        ...(token ? { nextPageToken: token } : {}),
      });
      numbers.push(...page.body.issues.map((i) => i.fields[fieldId('complaint-number')] as string));
      token = page.body.nextPageToken;
    } while (token);
    expect(numbers).toHaveLength(200);
    expect(new Set(numbers).size).toBe(200);
    const seqs = numbers.map((n) => Number(n.slice(-3))).sort((x, y) => x - y);
    expect(seqs[199]! - seqs[0]!).toBe(199);
  });

  it('makes a new complaint findable by its batch number and by the computed-state aliases', async () => {
    // A part number of its own: the demo's 3943450 quality complaints would make this one a repeat (class A).
    const issue = await createComplaint('qe@example.com', 'QC', {
      [fieldId('complaint-batch')]: 'B20261123-99',
      [fieldId('complaint-category')]: 'quality',
      [fieldId('complaint-part-number')]: 'ALIAS-1',
    });
    const number = issue.fields[fieldId('complaint-number')] as string;
    expect(issue.fields[fieldId('complaint-next-due')]).toEqual(expect.any(String));
    const byBatch = await rest<{ issues: Issue[] }>('qe@example.com', 'POST', '/rest/api/3/search/jql', { jql: '"产品批号" = "B20261123-99"', fields: ['id'] });
    expect(byBatch.body.issues.map((i) => i.id)).toEqual([issue.id]);
    const byAlias = await rest<{ issues: Issue[] }>('qe@example.com', 'POST', '/rest/api/3/search/jql', {
      jql: `complaintNumber = "${number}" AND complaintClass = B AND complaintSlaState = running AND complaintNextDue > now()`,
      fields: ['id'],
    });
    expect(byAlias.body.issues.map((i) => i.id)).toEqual([issue.id]);
  });
});

describe('workflow validator', () => {
  it('refuses a department the matrix does not allow, in Chinese, with one REST call', async () => {
    const issue = await createComplaint('qe@example.com', 'SV', {
      [fieldId('complaint-category')]: 'quality',
      [fieldId('complaint-department')]: 'logistics',
      [fieldId('complaint-details')]: { approvedBy: '王副总' },
    });
    const since = Date.now();
    const r = await transitionTo('qe@example.com', issue.key, '已分派');
    expect(r.status).toBe(400);
    expect(r.body?.errorMessages?.join('\n')).toContain('责任矩阵');
    expect(r.body?.errorMessages?.join('\n')).toContain('品质部');
    expect(r.body?.errorMessages?.join('\n')).not.toContain('responsibility matrix');
    expect((await get('qe@example.com', issue.key)).fields.status).toEqual(expect.objectContaining({ name: '登记' }));
    const calls = callsOf('jira:workflowValidator', 'complaint-rules-validator', since);
    expect(calls.length).toBe(1);
    expect(calls[0]).toBeLessThanOrEqual(1);
  });

  it('answers an English-speaking user in English', async () => {
    const issue = await createComplaint('admin@example.com', 'SV', {
      [fieldId('complaint-category')]: 'quality',
      [fieldId('complaint-department')]: 'sales',
      [fieldId('complaint-details')]: { approvedBy: 'Deputy GM' },
    });
    const r = await transitionTo('admin@example.com', issue.key, '已分派');
    expect(r.status).toBe(400);
    const text = r.body?.errorMessages?.join('\n') ?? '';
    expect(text).toContain('responsibility matrix');
    expect(text).not.toContain('责任矩阵');
  });

  it('lets the same transition pass once an admin changes the matrix', async () => {
    const issue = await createComplaint('qe@example.com', 'SV', {
      [fieldId('complaint-category')]: 'quality',
      [fieldId('complaint-department')]: 'logistics',
      [fieldId('complaint-details')]: { approvedBy: '王副总' },
    });
    const policy = presetPolicy('food');
    policy.matrix.byCategory.quality = ['qa', 'production', 'logistics'];
    const saved = await invokeAdmin('policy/save', { projectKey: 'SV', policy });
    expect(saved.ok).toBe(true);
    try {
      expect((await transitionTo('qe@example.com', issue.key, '已分派')).status).toBe(204);
    } finally {
      expect((await invokeAdmin('policy/save', { projectKey: 'SV', policy: presetPolicy('food') })).ok).toBe(true);
    }
  });

  it('refuses a policy change from someone who is not a Jira admin', async () => {
    const r = (await sandbox.host.invokeResolver({
      moduleKey: 'complaint-admin',
      call: 'policy/save',
      payload: { projectKey: 'SV', policy: presetPolicy('general') },
      accountId: DEMO_USERS.qe.accountId,
    })) as { ok: boolean; error?: { code: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('forbidden');
  });
});

describe('setup', () => {
  it('can be rerun: every step reports unchanged and nothing is created twice', async () => {
    const before = sandbox.jira.store.workflows().length;
    const r = (await invokeAdmin('setup/run', { projectKey: 'QC', locale: 'zh-CN' })) as {
      ok: boolean;
      data?: { ok: boolean; steps: { id: string; status: string }[] };
    };
    expect(r.ok).toBe(true);
    expect(r.data?.ok).toBe(true);
    const status = Object.fromEntries((r.data?.steps ?? []).map((x) => [x.id, x.status]));
    expect(status).toEqual(
      expect.objectContaining({ 'issue-type': 'unchanged', 'issue-type-scheme': 'unchanged', workflow: 'unchanged', 'workflow-scheme': 'unchanged', screens: 'unchanged' }),
    );
    expect(sandbox.jira.store.workflows().length).toBe(before);
  });

  it('is refused to a user who is not a Jira admin', async () => {
    const r = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: 'setup/run', payload: { projectKey: 'SV' }, accountId: DEMO_USERS.sales.accountId })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('forbidden');
  });
});

describe('SLA sweep', () => {
  it('announces a breach once, however often the sweep runs', async () => {
    // A part number of its own, so that it is class B (the demo's 3943450 complaints would make it a repeat, A).
    const issue = await createComplaint('qe@example.com', 'QC', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-part-number')]: 'SWEEP-1' });
    // Pretend it was registered three days ago: the 48 h first report (class B) is now breached.
    // The registration moment is Jira's record of the issue's creation (no user can set it).
    const app = { 'x-sandbox-app': 'true', 'Content-Type': 'application/json' };
    sandbox.jira.store.doc(issue.id)!.issue.fields.created = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '+0000');
    const props = issue.properties?.complaint ?? {};
    const w2 = await fetch(`${sandbox.url}/rest/api/3/issue/${issue.id}/properties/complaint`, {
      method: 'PUT',
      headers: app,
      body: JSON.stringify({ ...props, nextDue: new Date(Date.now() - 60_000).toISOString() }),
    });
    expect(w2.ok).toBe(true);
    const first = (await sandbox.host.runScheduled('complaint-sla-sweep')) as { processed: number; escalated: number };
    const second = (await sandbox.host.runScheduled('complaint-sla-sweep')) as { processed: number; escalated: number };
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect(second.escalated).toBe(0);
    const comments = await rest<{ comments: { body: unknown }[] }>('qe@example.com', 'GET', `/rest/api/3/issue/${issue.key}/comment`);
    const overdue = comments.body.comments.filter((c) => JSON.stringify(c.body).includes('客诉超期'));
    expect(overdue).toHaveLength(1);
    const after = await get('qe@example.com', issue.key);
    expect(after.properties?.complaint?.slaState).toBe('breached');
    expect(after.properties?.complaint?.escalated).toContain('abc.report-b');
  });
});

describe('JQL cookbook', () => {
  const md = readFileSync(join(__dirname, '..', '..', 'docs', 'jql-cookbook.md'), 'utf8');
  const queries = [...md.matchAll(/```jql\n([\s\S]*?)\n```/g)].map((m) => m[1]!.trim());

  it('has queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
  });

  it.each(queries)('runs: %s', async (jql) => {
    const r = await rest<{ issues: Issue[] }>('admin@example.com', 'POST', '/rest/api/3/search/jql', { jql, maxResults: 5, fields: ['id'] });
    expect(r.status).toBe(200);
    expect(r.body.issues.length).toBeGreaterThan(0);
  });
});
