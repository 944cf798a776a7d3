/**
 * Setup on real projects and the handler contracts, end to end on the sandbox (the stand-in
 * behaving as Jira documents: a project on the Default Workflow Scheme, global statuses, cached
 * JQL function results, Jira's searchSuggestions payload). What an admin and a quality engineer
 * would notice: setup works on a fresh project and can be rerun with blank names without
 * creating anything twice or changing the gadget's rows; a renamed complaint type is still
 * numbered; the validator refuses when it was never set up; `complaintRepeats(n)` partitions
 * what a user sees, never counts across projects they cannot browse, and sees new complaints.
 */
import { useSandbox } from './site';
import { kvs } from '@forge/kvs';
import { DEMO_USERS } from '../../sandbox/jira';
import { setLogSink } from '../../src/services/log';
import { LEGACY_SETUP_STATE_KEY, complaintTypeIds, setupIndex, setupStateFor } from '../../src/services/setup';

jest.setTimeout(120_000);

const { sandbox, rest, fieldId } = useSandbox('kesu-setup-', { demo: false });

interface SetupAnswer {
  ok: boolean;
  data?: { ok: boolean; steps: { id: string; status: string; detail: string; code?: string }[] };
  error?: { message: string };
}

async function setup(payload: Record<string, unknown>): Promise<NonNullable<SetupAnswer['data']>> {
  const r = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: 'setup/run', payload, accountId: DEMO_USERS.admin.accountId })) as SetupAnswer;
  expect(r.error).toBeUndefined();
  expect(r.ok).toBe(true);
  return r.data!;
}

const statusOf = (d: NonNullable<SetupAnswer['data']>): Record<string, string> => Object.fromEntries(d.steps.map((s) => [s.id, s.status]));

async function createComplaint(email: string, project: string, extra: Record<string, unknown> = {}, issuetype: Record<string, string> = { name: '客诉' }): Promise<{ id: string; key: string }> {
  const r = await rest<{ id: string; key: string }>(email, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: project }, issuetype, summary: `客诉 ${Math.random().toString(36).slice(2, 8)}`, ...extra },
  });
  expect(r.status).toBe(201);
  await sandbox.host.drain();
  return r.body;
}

async function numberOf(key: string): Promise<string | undefined> {
  const r = await rest<{ fields: Record<string, unknown> }>('admin@example.com', 'GET', `/rest/api/3/issue/${key}?fields=${fieldId('complaint-number')}`);
  return r.body.fields[fieldId('complaint-number')] as string | undefined;
}

async function keys(email: string, jql: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const r = await rest<{ issues: { key: string }[]; nextPageToken?: string; errorMessages?: string[] }>(email, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields: ['summary'],
      maxResults: 100,
      ...(token ? { nextPageToken: token } : {}),
    });
    if (r.status !== 200) throw new Error(`${jql}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.issues.map((i) => i.key));
    expect(out.every((k) => /^[A-Z]+-\d+$/.test(k))).toBe(true);
    token = r.body.nextPageToken;
  } while (token);
  return out.sort();
}

async function gadgetRows(): Promise<string[]> {
  const r = (await sandbox.host.invokeResolver({
    moduleKey: 'complaint-tracking-gadget',
    call: 'tracking/page',
    payload: { query: { pageSize: 100 } },
    accountId: DEMO_USERS.admin.accountId,
  })) as { ok: boolean; data?: { rows: { issueKey: string | null }[] } };
  expect(r.ok).toBe(true);
  return (r.data?.rows ?? []).map((x) => String(x.issueKey)).sort();
}

beforeAll(async () => {
  // A few complaints for the gadget and the repeat counts.
  for (const project of ['QC', 'QC', 'SV']) await createComplaint('admin@example.com', project, { [fieldId('complaint-part-number')]: 'P-100', [fieldId('complaint-category')]: 'quality' });
});

describe('setup on a real project', () => {
  it('sets up a project on the Default Workflow Scheme (Jira answers it without an id)', async () => {
    const project = sandbox.jira.store.addProject({ key: 'NP', name: '新项目' });
    const before = await rest<{ values: { workflowScheme: { id?: number; name: string } }[] }>('admin@example.com', 'GET', `/rest/api/3/workflowscheme/project?projectId=${project.id}`);
    expect(before.body.values[0]?.workflowScheme.id).toBeUndefined();
    const d = await setup({ projectKey: 'NP', locale: 'zh-CN' });
    expect(d.ok).toBe(true);
    expect(statusOf(d)['workflow-scheme']).toBe('done');
    const after = await rest<{ values: { workflowScheme: { id?: number } }[] }>('admin@example.com', 'GET', `/rest/api/3/workflowscheme/project?projectId=${project.id}`);
    expect(after.body.values[0]?.workflowScheme.id).toEqual(expect.any(Number));
    const c = await createComplaint('admin@example.com', 'NP');
    expect(await numberOf(c.key)).toMatch(/^\d+$/);
    const issue = await rest<{ fields: { status: { name: string } } }>('admin@example.com', 'GET', `/rest/api/3/issue/${c.key}?fields=status`);
    expect(issue.body.fields.status.name).toBe('登记');
  });

  it('runs twice, once with blank names and another language: one issue type, one workflow, the same gadget rows', async () => {
    const types = sandbox.jira.store.issueTypes().length;
    const workflows = sandbox.jira.store.workflows().length;
    const rows = await gadgetRows();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const again = await setup({ projectKey: 'QC', issueTypeName: '客诉', locale: 'zh-CN' });
    const screens = sandbox.jira.store.screens().map((s) => s.name).sort();
    const blank = await setup({ projectKey: 'QC', locale: 'en' });
    for (const d of [again, blank]) {
      expect(d.ok).toBe(true);
      expect(statusOf(d)).toEqual(expect.objectContaining({ 'issue-type': 'unchanged', workflow: 'unchanged', 'workflow-scheme': 'unchanged', screens: 'unchanged', 'transition-screens': 'unchanged' }));
    }
    expect(sandbox.jira.store.issueTypes().length).toBe(types);
    expect(sandbox.jira.store.workflows().length).toBe(workflows);
    // The transition screens are found by the ids setup recorded, not by their translated names.
    expect(sandbox.jira.store.screens().map((s) => s.name).sort()).toEqual(screens);
    expect(await gadgetRows()).toEqual(rows);
  });

  it('sets up in English on a fresh site project, reusing the global statuses Closed and Reopened', async () => {
    const closed = sandbox.jira.store.statuses().filter((s) => s.name === 'Closed');
    expect(closed).toHaveLength(1);
    sandbox.jira.store.addProject({ key: 'EN', name: 'English project' });
    const d = await setup({ projectKey: 'EN', issueTypeName: 'Customer complaint', locale: 'en' });
    expect(d.ok).toBe(true);
    expect(d.steps.find((s) => s.id === 'workflow')?.detail).toContain('2 existing statuses reused');
    expect(sandbox.jira.store.statuses().filter((s) => s.name === 'Closed')).toHaveLength(1);
    const c = await createComplaint('admin@example.com', 'EN', {}, { name: 'Customer complaint' });
    expect(await numberOf(c.key)).toMatch(/^\d+$/);
  });

  it('on a Default Workflow Scheme project that has issues: stops with a clear step, and a rerun creates no second scheme', async () => {
    sandbox.jira.store.addProject({ key: 'NQ', name: '已有问题' });
    const task = await rest<{ key: string }>('admin@example.com', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'NQ' }, issuetype: { name: 'Task' }, summary: '旧任务' } });
    expect(task.status).toBe(201);
    const schemes = sandbox.jira.store.workflowSchemeRecords().length;
    const first = await setup({ projectKey: 'NQ' });
    expect(first.ok).toBe(false);
    const failed = first.steps.find((x) => x.id === 'workflow-scheme');
    expect(failed?.status).toBe('failed');
    expect(failed?.detail).toContain('Default Workflow Scheme');
    // The admin reads the app's text in their language with a code, not Jira's refusal.
    expect(failed?.code).toBe('default-scheme-refused');
    expect(failed?.detail).toContain('then run setup again'); // the admin's language: en
    expect(failed?.detail).not.toMatch(/can only be changed|Jira answered/);
    const second = await setup({ projectKey: 'NQ' });
    expect(second.ok).toBe(false);
    expect(sandbox.jira.store.workflowSchemeRecords().length).toBe(schemes + 1);
    expect((await rest('admin@example.com', 'DELETE', `/rest/api/3/issue/${task.body.key}`)).status).toBe(204);
    const third = await setup({ projectKey: 'NQ' });
    expect(third.ok).toBe(true);
    expect(third.steps.find((x) => x.id === 'workflow-scheme')?.detail).toContain('reused');
    expect(sandbox.jira.store.workflowSchemeRecords().length).toBe(schemes + 1);
  });

  it('a Jira failure during setup is a translated step with a code; what Jira said goes to the log only', async () => {
    const lines: string[] = [];
    const restore = setLogSink((_level, line) => lines.push(line));
    sandbox.jira.faults.inject({ kind: '500', count: 10, method: 'GET', pathPrefix: '/rest/api/3/issuetypescheme/project' });
    try {
      for (const [locale, words] of [['zh-CN', '暂时无法连接 Jira'], ['en', 'Jira could not be reached']] as const) {
        const d = await setup({ projectKey: 'QC', locale });
        expect(d.ok).toBe(false);
        const failed = d.steps.find((s) => s.status === 'failed');
        expect(failed).toMatchObject({ id: 'issue-type-scheme', code: 'unavailable' });
        expect(failed?.detail).toContain(words);
        expect(failed?.detail).not.toMatch(/Internal server error|Jira answered|\/rest\//);
      }
    } finally {
      sandbox.jira.faults.clear();
      restore();
    }
    const logged = lines.map((l) => JSON.parse(l) as { module?: string; event?: string; code?: string; error?: string }).filter((l) => l.module === 'setup' && l.event === 'step-failed');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ code: 'unavailable', error: expect.stringContaining('Jira answered 500') });
    // Setup works again once Jira does.
    expect((await setup({ projectKey: 'QC' })).ok).toBe(true);
  });

  it('reads the one site-wide state an earlier version kept, as the setup of its project', async () => {
    const legacy = { projectId: '99001', projectKey: 'OLD', issueTypeId: '99002', issueTypeName: '旧客诉', workflowId: null, statuses: { '99003': 'registered' } };
    await kvs.set(LEGACY_SETUP_STATE_KEY, legacy);
    try {
      expect(await complaintTypeIds()).toEqual(expect.arrayContaining(['99002']));
      expect(await setupStateFor('OLD')).toMatchObject({ projectId: '99001', statuses: { '99003': 'registered' } });
      expect((await setupIndex()).projects['99001']).toEqual({ key: 'OLD', issueTypeId: '99002' });
    } finally {
      await kvs.delete(LEGACY_SETUP_STATE_KEY);
    }
    expect(await complaintTypeIds()).not.toContain('99002');
  });

  it('numbers a complaint of a renamed complaint type', async () => {
    const type = sandbox.jira.store.issueTypes().find((t) => t.name === '客诉')!;
    type.name = '客户投诉';
    try {
      const c = await createComplaint('qe@example.com', 'QC', {}, { id: type.id });
      expect(await numberOf(c.key)).toMatch(/^\d{9}$/);
    } finally {
      type.name = '客诉';
    }
  });

  it('does not invoke the app for issues that are not complaints (trigger filter)', async () => {
    const since = Date.now();
    const r = await rest<{ key: string }>('qe@example.com', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, summary: '不是客诉' } });
    expect(r.status).toBe(201);
    await sandbox.host.drain();
    const invoked = sandbox.host.invocations.filter((i) => i.moduleKey === 'complaint-issue-events' && i.startedAt >= since);
    expect(invoked).toHaveLength(0);
  });

  it('refuses every transition, in the user language, in a project whose status map it does not have', async () => {
    const project = sandbox.jira.store.addProject({ key: 'NS', name: '未设置' });
    const wf = sandbox.jira.store.workflowFor(sandbox.jira.store.project('QC')!.id, sandbox.jira.store.issueTypes().find((t) => t.name === '客诉')!.id);
    sandbox.jira.store.bindWorkflow({ projectId: project.id, workflowId: wf.id });
    const c = await rest<{ key: string }>('admin@example.com', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'NS' }, issuetype: { name: '客诉' }, summary: '未设置项目' } });
    expect(c.status).toBe(201);
    const tr = await rest<{ transitions: { id: string }[] }>('admin@example.com', 'GET', `/rest/api/3/issue/${c.body.key}/transitions`);
    const r = await rest<{ errorMessages?: string[] }>('admin@example.com', 'POST', `/rest/api/3/issue/${c.body.key}/transitions`, { transition: { id: tr.body.transitions[0]!.id } });
    expect(r.status).toBe(400);
    expect(r.body.errorMessages?.join('\n')).toMatch(/尚未为项目 NS 完成设置|has not been set up for project NS/);
  });
});

describe('search suggestions', () => {
  it('Jira asks with its documented payload and shows string labels of the policies options', async () => {
    const name = sandbox.jira.store.field(fieldId('complaint-category'))!.name;
    const r = await rest<{ results: { value: string; displayName: string }[] }>('qe@example.com', 'GET', `/rest/api/3/jql/autocompletedata/suggestions?fieldName=${encodeURIComponent(name)}&fieldValue=`);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.value)).toContain('quality');
    expect(r.body.results.every((x) => typeof x.displayName === 'string' && x.displayName.length > 0)).toBe(true);
    const narrowed = await rest<{ results: { value: string }[] }>('qe@example.com', 'GET', `/rest/api/3/jql/autocompletedata/suggestions?fieldName=${encodeURIComponent(name)}&fieldValue=qual`);
    expect(narrowed.body.results.map((x) => x.value)).toEqual(['quality']);
  });
});

describe('complaintRepeats(n)', () => {
  it('partitions what a user can see: in and not in never overlap and together are everything', async () => {
    for (const email of ['qe@example.com', 'sales@example.com', 'admin@example.com']) {
      const all = await keys(email, 'created >= "2000-01-01"');
      expect(all.length).toBeGreaterThan(0);
      const yes = await keys(email, 'issue in complaintRepeats(2)');
      const no = await keys(email, 'issue not in complaintRepeats(2)');
      expect(yes.filter((k) => no.includes(k))).toEqual([]);
      expect([...yes, ...no].sort()).toEqual(all);
    }
  });

  it('counts per project: a user never learns of complaints in a project they cannot browse', async () => {
    // P-100/quality: two complaints in QC, one in SV. The sales clerk browses only SV.
    const qe = await keys('qe@example.com', 'issue in complaintRepeats(2)');
    expect(qe.filter((k) => k.startsWith('QC-')).length).toBeGreaterThanOrEqual(2);
    const sales = await keys('sales@example.com', 'issue in complaintRepeats(2)');
    expect(sales).toEqual([]);
  });

  it('finds complaints that became repeats after Jira cached the function (it is refreshed)', async () => {
    const before = await keys('qe@example.com', 'issue in complaintRepeats(2)');
    const a = await createComplaint('qe@example.com', 'QC', { [fieldId('complaint-part-number')]: 'R-777', [fieldId('complaint-category')]: 'quality' });
    const b = await createComplaint('qe@example.com', 'QC', { [fieldId('complaint-part-number')]: 'R-777', [fieldId('complaint-category')]: 'quality' });
    const after = await keys('qe@example.com', 'issue in complaintRepeats(2)');
    expect(before).not.toContain(a.key);
    expect(after).toEqual(expect.arrayContaining([a.key, b.key]));
    expect(sandbox.jira.store.precomputations().some((p) => p.functionName === 'complaintRepeats')).toBe(true);
    // The function itself searches nothing (constant time at any number of complaints).
    const runs = sandbox.host.invocations.filter((i) => i.moduleKey === 'complaint-repeats');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.map((i) => sandbox.jira.stats.get(i.invocationId).calls)).toEqual(runs.map(() => 0));
  });

  it('after an upgrade, counts complaints stored without a count and replaces fragments Jira cached from the old version', async () => {
    const qcRepeats = await keys('qe@example.com', 'issue in complaintRepeats(2)');
    expect(qcRepeats.length).toBeGreaterThanOrEqual(2);
    // As stored by a version without counts: no complaint-repeat property; an old fragment cached.
    for (const k of qcRepeats) {
      const id = (await rest<{ id: string }>('admin@example.com', 'GET', `/rest/api/3/issue/${k}?fields=summary`)).body.id;
      const del = await fetch(`${sandbox.url}/rest/api/3/issue/${id}/properties/complaint-repeat`, { method: 'DELETE', headers: { 'x-sandbox-app': 'true' } });
      expect(del.status).toBe(204);
    }
    const cached = sandbox.jira.store.precomputations().find((p) => p.functionName === 'complaintRepeats' && p.operator === 'in' && p.arguments[0] === '2')!;
    cached.value = 'complaintRepeatKey in ("none|none")';
    await sandbox.host.emitProductEvent({ eventType: 'avi:forge:upgraded:app', app: { version: '2.0.0' } });
    await sandbox.host.drain();
    expect(cached.value).toBe('complaintRepeatCount >= 2');
    expect(await keys('qe@example.com', 'issue in complaintRepeats(2)')).toEqual(qcRepeats);
  });

  it('answers a bad argument with a translated error', async () => {
    const r = await rest<{ errorMessages?: string[] }>('qe@example.com', 'POST', '/rest/api/3/search/jql', { jql: 'issue in complaintRepeats(1)', fields: ['id'] });
    expect(r.status).toBe(400);
    expect(r.body.errorMessages?.join(' ')).toContain('n 必须是 2 到 1000 之间的整数');
  });
});
