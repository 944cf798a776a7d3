/**
 * Behaviour of the Jira stand-in beyond the schemas: permissions, authentication, paging,
 * persistence, faults and accounting, the transition validator hook, error shapes.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../../../sandbox/jira/seed';
import type { TransitionHookArgs } from '../../../sandbox/jira/store';
import { OpenApiValidator, type TestServer, adf, startTestServer } from './helpers';

const NOT_FOUND = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };

async function createIssue(t: TestServer, project: string, summary: string, as: 'admin' | 'qe' | 'sales' | 'app' = 'admin'): Promise<{ id: string; key: string }> {
  const r = await t.call('POST', '/rest/api/3/issue', { as, body: { fields: { project: { key: project }, issuetype: { name: 'Task' }, summary } } });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
  return r.body as { id: string; key: string };
}

describe('permissions: the sales clerk cannot read QC issues', () => {
  let t: TestServer;
  let qc: { id: string; key: string };
  let sv: { id: string; key: string };
  beforeAll(async () => {
    t = await startTestServer();
    qc = await createIssue(t, 'QC', '质量问题', 'qe');
    sv = await createIssue(t, 'SV', '服务问题', 'sales');
  });
  afterAll(() => t.close());

  test('GET issue answers 404 with Jira’s message, for ids and keys alike', async () => {
    for (const ref of [qc.key, qc.id, qc.key.toLowerCase()]) {
      const r = await t.call('GET', `/rest/api/3/issue/${ref}`, { as: 'sales' });
      expect(r.status).toBe(404);
      expect(r.body).toEqual(NOT_FOUND);
    }
    const missing = await t.call('GET', '/rest/api/3/issue/QC-4242', { as: 'sales' });
    expect(missing.body).toEqual(NOT_FOUND);
    expect((await t.call('GET', `/rest/api/3/issue/${qc.key}`, { as: 'qe' })).status).toBe(200);
    expect((await t.call('GET', `/rest/api/3/issue/${qc.key}`, { as: 'app' })).status).toBe(200);
  });

  test('search and approximate count leave QC issues out', async () => {
    const r = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project in (QC, SV)', fields: ['key'] } });
    expect(r.status).toBe(200);
    expect(r.body.issues).toEqual([{ expand: expect.any(String), id: sv.id, self: expect.any(String), key: sv.key }]);
    const byKey = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: `key = ${qc.key}` } });
    expect(byKey.body.issues).toEqual([]);
    const count = await t.call('POST', '/rest/api/3/search/approximate-count', { as: 'sales', body: { jql: 'project in (QC, SV)' } });
    expect(count.body).toEqual({ count: 1 });
    const qe = await t.call('POST', '/rest/api/3/search/approximate-count', { as: 'qe', body: { jql: 'project in (QC, SV)' } });
    expect(qe.body).toEqual({ count: 2 });
  });

  test('bulkfetch reports QC issues as errors', async () => {
    const r = await t.call('POST', '/rest/api/3/issue/bulkfetch', { as: 'sales', body: { issueIdsOrKeys: [qc.key, sv.key, qc.id] } });
    expect(r.status).toBe(200);
    expect(r.body.issues.map((i: { key: string }) => i.key)).toEqual([sv.key]);
    expect(r.body.issueErrors).toEqual([
      { id: qc.key, errorMessage: NOT_FOUND.errorMessages[0] },
      { id: qc.id, errorMessage: NOT_FOUND.errorMessages[0] },
    ]);
  });

  test('writes, comments, properties and transitions on QC issues are 404 too', async () => {
    const calls: [string, string, unknown][] = [
      ['PUT', `/rest/api/3/issue/${qc.key}`, { fields: { summary: 'x' } }],
      ['POST', `/rest/api/3/issue/${qc.key}/comment`, { body: adf('x') }],
      ['PUT', `/rest/api/3/issue/${qc.key}/properties/p`, { a: 1 }],
      ['POST', `/rest/api/3/issue/${qc.key}/transitions`, { transition: { id: '31' } }],
      ['GET', `/rest/api/3/issue/${qc.key}/transitions`, undefined],
    ];
    for (const [m, p, body] of calls) {
      const r = await t.call(m, p, { as: 'sales', body });
      expect([m, p, r.status, r.body]).toEqual([m, p, 404, NOT_FOUND]);
    }
    const create = await t.call('POST', '/rest/api/3/issue', { as: 'sales', body: { fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, summary: 'x' } } });
    expect(create.status).toBe(400);
    expect(create.body.errors.project).toBe('Specify a valid project ID or key');
  });

  test('asUser() through the app acts with the user’s permissions', async () => {
    const r = await t.call('GET', `/rest/api/3/issue/${qc.key}`, { as: { accountId: DEMO_USERS.sales.accountId } });
    expect(r.status).toBe(404);
    const me = await t.call('GET', '/rest/api/3/myself', { as: { accountId: DEMO_USERS.sales.accountId } });
    expect(me.body.emailAddress).toBe('sales@example.com');
  });
});

describe('authentication', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const UNAUTH = { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} };

  test('no credentials and unknown e-mails answer 401 in Jira’s shape', async () => {
    const anon = await t.call('GET', '/rest/api/3/myself', { as: 'anon' });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual(UNAUTH);
    const stranger = await t.call('GET', '/rest/api/3/myself', {
      as: 'anon',
      headers: { authorization: `Basic ${Buffer.from('nobody@example.com:tok').toString('base64')}` },
    });
    expect(stranger.status).toBe(401);
    expect(stranger.body).toEqual(UNAUTH);
    // Unknown endpoints need credentials too (as in Jira).
    expect((await t.call('GET', '/rest/api/3/nothing-here', { as: 'anon' })).status).toBe(401);
  });

  test('x-sandbox-account-id is trusted only with the server’s secret', async () => {
    const wrong = await t.call('GET', '/rest/api/3/myself', { as: { accountId: DEMO_USERS.admin.accountId, secret: 'guess' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors).toEqual({});
    const bare = await t.call('GET', '/rest/api/3/myself', { as: 'anon', headers: { 'x-sandbox-account-id': DEMO_USERS.admin.accountId } });
    expect(bare.status).toBe(401);
    const good = await t.call('GET', '/rest/api/3/myself', { as: { accountId: DEMO_USERS.admin.accountId } });
    expect(good.status).toBe(200);
    expect(good.body.accountId).toBe(DEMO_USERS.admin.accountId);
    expect(t.server.secret).toMatch(/^[0-9a-f]{48}$/);
  });

  test('x-sandbox-app: true is the app (full access; the app user in /myself)', async () => {
    const me = await t.call('GET', '/rest/api/3/myself', { as: 'app' });
    expect(me.body).toMatchObject({ accountType: 'app' });
    const projects = await t.call('GET', '/rest/api/3/project', { as: 'app' });
    expect(projects.body.map((p: { key: string }) => p.key)).toEqual(['QC', 'SV']);
  });

  test('appRequiresSecret makes x-sandbox-app need the secret as well', async () => {
    const strict = await startTestServer({ appRequiresSecret: true, secret: 's3cret' });
    try {
      expect((await strict.call('GET', '/rest/api/3/myself', { as: 'app' })).status).toBe(401);
      expect((await strict.call('GET', '/rest/api/3/myself', { as: 'app', headers: { 'x-sandbox-secret': 's3cret' } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('error shapes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  test('unknown endpoints answer 404 with an ErrorCollection', async () => {
    for (const p of ['/rest/api/3/nope', '/rest/api/2/issue/QC-1', '/rest/api/3/issue/QC-1/worklog']) {
      const r = await t.call('GET', p);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Object.keys(r.body).sort()).toEqual(['errorMessages', 'errors']);
      expect(r.body.errorMessages).toHaveLength(1);
      expect(r.body.errors).toEqual({});
    }
  });

  test('removed endpoints (the old /search) answer 410 Gone', async () => {
    for (const [m, p] of [['GET', '/rest/api/3/search?jql=project%3DQC'], ['POST', '/rest/api/2/search']] as const) {
      const r = await t.call(m, p, { body: m === 'POST' ? { jql: 'project = QC' } : undefined });
      expect(r.status).toBe(410);
      expect(r.body.errorMessages[0]).toContain('/rest/api/3/search/jql');
      expect(r.body.errors).toEqual({});
    }
  });

  test('a known path with another method answers 405 (e.g. PUT /app/field/value, which is POST)', async () => {
    const r = await t.call('PUT', '/rest/api/3/app/field/value', { as: 'app', body: { updates: [] } });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect(r.body.errors).toEqual({});
  });

  test('invalid JSON answers 400 with errorMessages', async () => {
    const r = await fetch(`${t.server.url}/rest/api/3/issue`, { method: 'POST', headers: { 'x-sandbox-app': 'true', 'content-type': 'application/json' }, body: '{"fields":' });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errorMessages: string[]; errors: object };
    expect(body.errorMessages.length).toBe(1);
    expect(body.errors).toEqual({});
  });

  test('field validation answers 400 with errors per field', async () => {
    const f = t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'hidden', name: 'Hidden', type: 'number', onScreen: false });
    const g = t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'amount', name: '金额', type: 'number' });
    const r = await t.call('POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'QC' }, issuetype: { id: '99' }, summary: 'x', [f.id]: 1, [g.id]: 'ten' } },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      errorMessages: [],
      errors: {
        issuetype: 'The issue type selected is invalid.',
        [f.id]: `Field '${f.id}' cannot be set. It is not on the appropriate screen, or unknown.`,
        [g.id]: 'Operation value must be a number',
      },
    });
  });
});

describe('search paging', () => {
  let t: TestServer;
  const v = new OpenApiValidator();
  beforeAll(async () => {
    t = await startTestServer();
    // 130 SV issues, created through the store (fast).
    for (let i = 1; i <= 130; i++) {
      t.server.store.createIssue({ fields: { project: { key: 'SV' }, issuetype: { name: 'Task' }, summary: `投诉 ${i}` } }, { kind: 'app' });
    }
  });
  afterAll(() => t.close());

  test('nextPageToken walks all pages; absent on the last page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const body: Record<string, unknown> = { jql: 'project = SV ORDER BY key ASC', maxResults: 50, fields: ['key'] };
      if (token) body.nextPageToken = token;
      const r = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body });
      expect(r.status).toBe(200);
      expect(v.responseErrors('POST', '/rest/api/3/search/jql', 200, r.body)).toEqual([]);
      seen.push(...r.body.issues.map((i: { key: string }) => i.key));
      token = r.body.nextPageToken;
      pages++;
      if (r.body.isLast) expect(token).toBeUndefined();
      else expect(typeof token).toBe('string');
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(seen.slice(0, 3)).toEqual(['SV-1', 'SV-2', 'SV-3']);
  });

  test('GET variant pages the same way; default page size is 50; default fields are ids only', async () => {
    const first = await t.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SV')}`, { as: 'sales' });
    expect(first.body.issues).toHaveLength(50);
    expect(Object.keys(first.body.issues[0])).toEqual(['id']);
    const second = await t.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SV')}&nextPageToken=${encodeURIComponent(first.body.nextPageToken)}`, { as: 'sales' });
    expect(second.body.issues).toHaveLength(50);
    expect(second.body.issues[0].id).not.toBe(first.body.issues[0].id);
  });

  test('maxResults is capped at 100 with fields, 5000 with id/key only', async () => {
    const withFields = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project = SV', maxResults: 1000, fields: ['summary'] } });
    expect(withFields.body.issues).toHaveLength(100);
    expect(withFields.body.isLast).toBe(false);
    const idsOnly = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project = SV', maxResults: 1000, fields: ['id', 'key'] } });
    expect(idsOnly.body.issues).toHaveLength(130);
    expect(idsOnly.body.isLast).toBe(true);
  });

  test('a token is bound to its query and user; garbage is rejected', async () => {
    const first = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project = SV', maxResults: 10 } });
    const token = first.body.nextPageToken as string;
    expect(token).not.toContain('10');
    const other = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project = SV AND summary ~ 投诉', maxResults: 10, nextPageToken: token } });
    expect(other.status).toBe(400);
    const otherUser = await t.call('POST', '/rest/api/3/search/jql', { as: 'qe', body: { jql: 'project = SV', maxResults: 10, nextPageToken: token } });
    expect(otherUser.status).toBe(400);
    const junk = await t.call('POST', '/rest/api/3/search/jql', { as: 'sales', body: { jql: 'project = SV', nextPageToken: 'not-a-token' } });
    expect(junk.status).toBe(400);
    expect(junk.body.errors).toEqual({});
  });
});

describe('persistence', () => {
  test('data survives a restart; reset() restores the seed; writes leave no temp files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jira-persist-'));
    try {
      const a = await startTestServer({ dataDir });
      const field = a.server.store.registerAppField({ appId: 'app', environmentId: 'dev', key: 'level', name: '等级', type: 'string' });
      const i1 = await createIssue(a, 'QC', '第一单', 'qe');
      await a.call('PUT', `/rest/api/3/issue/${i1.key}/properties/sla`, { as: 'qe', body: { state: 'running' } });
      await a.call('POST', `/rest/api/3/issue/${i1.key}/comment`, { as: 'qe', body: { body: adf('备注') } });
      await a.call('POST', '/rest/api/3/app/field/value', { as: 'app', body: { updates: [{ customField: field.id, issueIds: [Number(i1.id)], value: 'A' }] } });
      await a.call('POST', `/rest/api/3/issue/${i1.key}/transitions`, { as: 'qe', body: { transition: { id: '21' } } });
      await a.close();

      const b = await startTestServer({ dataDir });
      const got = await b.call('GET', `/rest/api/3/issue/${i1.key}?properties=sla&expand=changelog`, { as: 'qe' });
      expect(got.status).toBe(200);
      expect(got.body.fields).toMatchObject({ summary: '第一单', status: { name: 'In Progress' }, [field.id]: 'A', comment: { total: 1 } });
      expect(got.body.properties).toEqual({ sla: { state: 'running' } });
      expect(got.body.changelog.total).toBe(2);
      expect(b.server.store.field(field.id)?.schema.custom).toBe('ari:cloud:ecosystem::extension/app/dev/static/level');
      const i2 = await createIssue(b, 'QC', '第二单', 'qe');
      expect(i2.key).toBe('QC-2');
      expect(Number(i2.id)).toBeGreaterThan(Number(i1.id));
      const leftovers = [...readdirSync(dataDir), ...readdirSync(join(dataDir, 'issues'))].filter((n) => n.endsWith('.tmp'));
      expect(leftovers).toEqual([]);

      b.server.store.reset();
      expect((await b.call('GET', `/rest/api/3/issue/${i1.key}`, { as: 'admin' })).status).toBe(404);
      expect(b.server.store.field(field.id)).toBeUndefined();
      expect(readdirSync(join(dataDir, 'issues'))).toEqual([]);
      await b.close();

      const c = await startTestServer({ dataDir });
      expect(c.server.store.allIssues()).toEqual([]);
      expect((await createIssue(c, 'QC', 'again')).key).toBe('QC-1');
      await c.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('POST /__sandbox/reset restores the seed over HTTP', async () => {
    const t = await startTestServer();
    try {
      await createIssue(t, 'SV', 'x');
      expect(t.server.store.allIssues()).toHaveLength(1);
      const r = await fetch(`${t.server.url}/__sandbox/reset`, { method: 'POST' });
      expect(r.status).toBe(204);
      expect(t.server.store.allIssues()).toHaveLength(0);
      expect(existsSync(join(t.dataDir, 'site.json'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('faults and stats', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(() => t.close());

  test('429 with Retry-After for the next N requests, then normal answers', async () => {
    t.server.faults.inject({ kind: '429', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await t.call('GET', '/rest/api/3/myself');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(Date.parse(r.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
      expect(r.body.errors).toEqual({});
    }
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
    expect(t.server.faults.fired['429']).toBe(2);
  });

  test('429 with only X-RateLimit-Reset', async () => {
    t.server.faults.inject({ kind: '429-reset', retryAfterSeconds: 30 });
    const r = await t.call('GET', '/rest/api/3/myself');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeNull();
    const reset = Date.parse(r.headers.get('x-ratelimit-reset') ?? '');
    expect(reset - Date.now()).toBeGreaterThan(25_000);
  });

  test('500 and 503 only for a path prefix', async () => {
    t.server.faults.inject({ kind: '500', count: 1, pathPrefix: '/rest/api/3/search' }).inject({ kind: '503', count: 1, pathPrefix: '/rest/api/3/search' });
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
    const body = { jql: 'project = QC' };
    expect((await t.call('POST', '/rest/api/3/search/jql', { body })).status).toBe(500);
    const unavailable = await t.call('POST', '/rest/api/3/search/jql', { body });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.errorMessages).toHaveLength(1);
    expect((await t.call('POST', '/rest/api/3/search/jql', { body })).status).toBe(200);
  });

  test('faults and latency via POST /__sandbox/faults', async () => {
    const set = await fetch(`${t.server.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ kind: '503', count: 1, pathPrefix: '/rest/api/3/issue' }], latency: { ms: 120, count: 1 } }),
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { faults: unknown[] }).faults).toHaveLength(1);
    const started = Date.now();
    const r = await t.call('GET', '/rest/api/3/issue/QC-1');
    expect(r.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    const clear = await fetch(`${t.server.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clear: true }) });
    expect(((await clear.json()) as { faults: unknown[] }).faults).toEqual([]);
    const bad = await fetch(`${t.server.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: '418' }) });
    expect(bad.status).toBe(400);
  });

  test('calls and bytes per invocation, programmatically and at GET /__sandbox/stats', async () => {
    const i1 = await createIssue(t, 'QC', 'stats');
    t.server.stats.reset();
    const body = { jql: 'project = QC', fields: ['summary'] };
    const r1 = await t.call('POST', '/rest/api/3/search/jql', { body, invocation: 'inv-1' });
    const r2 = await t.call('GET', `/rest/api/3/issue/${i1.key}`, { invocation: 'inv-1' });
    await t.call('GET', '/rest/api/3/myself', { invocation: 'inv-2' });
    await t.call('GET', '/rest/api/3/myself');
    t.server.faults.inject({ kind: '429' });
    await t.call('GET', '/rest/api/3/myself', { invocation: 'inv-2' });

    const s1 = t.server.stats.get('inv-1');
    expect(s1.calls).toBe(2);
    expect(s1.requestBytes).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(s1.responseBytes).toBe(Buffer.byteLength(r1.text) + Buffer.byteLength(r2.text));
    expect(s1.byRoute).toEqual({ 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/issue/{issueIdOrKey}': 1 });
    expect(t.server.stats.get('inv-2')).toMatchObject({ calls: 2, errors: 1 });
    expect(t.server.stats.get('never').calls).toBe(0);

    const http = (await (await fetch(`${t.server.url}/__sandbox/stats`)).json()) as { invocations: Record<string, { calls: number }>; total: { calls: number } };
    expect(Object.keys(http.invocations).sort()).toEqual(['-', 'inv-1', 'inv-2']);
    expect(http.total.calls).toBe(5);
    const one = (await (await fetch(`${t.server.url}/__sandbox/stats?invocation=inv-1`)).json()) as { calls: number };
    expect(one.calls).toBe(2);
    await fetch(`${t.server.url}/__sandbox/stats`, { method: 'DELETE' });
    expect(t.server.stats.total().calls).toBe(0);
  });
});

describe('transition validator hook', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(() => t.close());

  test('a rejection answers 400 as Jira shows validator failures; nothing changes', async () => {
    const issue = await createIssue(t, 'QC', '待关闭', 'qe');
    const seen: TransitionHookArgs[] = [];
    t.server.store.onTransition = async (args) => {
      seen.push(args);
      return args.transition.to.name === 'Done' ? { ok: false, errorMessage: '关闭前必须填写责任部门。' } : { ok: true };
    };
    const r = await t.call('POST', `/rest/api/3/issue/${issue.key}/transitions`, { as: 'qe', body: { transition: { id: '31' } } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errorMessages: ['关闭前必须填写责任部门。'], errors: {} });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      issue: { key: issue.key },
      transition: { id: '31', name: 'Done', from: { name: 'To Do' }, to: { name: 'Done' }, validators: [] },
      user: { accountId: DEMO_USERS.qe.accountId },
      fields: {},
      workflow: { name: 'Sandbox Simplified Workflow' },
    });
    const after = await t.call('GET', `/rest/api/3/issue/${issue.key}?fields=status&expand=changelog`, { as: 'qe' });
    expect(after.body.fields.status.name).toBe('To Do');
    expect(after.body.changelog.total).toBe(0);

    const ok = await t.call('POST', `/rest/api/3/issue/${issue.key}/transitions`, { as: 'qe', body: { transition: { id: '21' } } });
    expect(ok.status).toBe(204);
    const moved = await t.call('GET', `/rest/api/3/issue/${issue.key}?fields=status&expand=changelog`, { as: 'qe' });
    expect(moved.body.fields.status.name).toBe('In Progress');
    expect(moved.body.changelog.histories[0].items).toEqual([
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' },
    ]);
  });

  test('the hook sees the transition’s validator configuration and the app as user null', async () => {
    const { store } = t.server;
    const rule = store.registerForgeRule({ appId: 'app', environmentId: 'dev', moduleKey: 'close-check', name: 'Close check', ruleType: 'Validator' });
    const created = store.createWorkflows({
      statuses: [
        { name: 'Open', statusCategory: 'TODO', statusReference: 'o' },
        { id: '6', name: 'Closed', statusCategory: 'DONE', statusReference: 'c' }, // the site's global Closed status
      ],
      workflows: [
        {
          name: 'WF',
          statuses: [{ statusReference: 'o' }, { statusReference: 'c' }],
          transitions: [
            { id: '1', type: 'INITIAL', toStatusReference: 'o' },
            {
              id: '51',
              name: 'Close',
              type: 'DIRECTED',
              toStatusReference: 'c',
              links: [{ fromStatusReference: 'o' }],
              validators: [{ ruleKey: rule.ruleKey, parameters: { key: rule.id, config: '{}' } }],
              transitionScreen: { ruleKey: 'system:transition-screen', parameters: { screenId: '1' } },
            },
          ],
        },
      ],
    });
    store.bindWorkflow({ projectId: '10001', workflowId: String(created.workflows[0]?.id) });
    const issue = await createIssue(t, 'SV', 'wf', 'app');
    const list = await t.call('GET', `/rest/api/3/issue/${issue.key}/transitions`, { as: 'app' });
    expect(list.body.transitions.map((x: { id: string }) => x.id)).toEqual(['51']);
    let args: TransitionHookArgs | undefined;
    store.onTransition = async (a) => {
      args = a;
      return { ok: true };
    };
    const close = await t.call('POST', `/rest/api/3/issue/${issue.key}/transitions`, {
      as: 'app',
      body: { transition: { id: '51' }, fields: { duedate: '2026-03-01' }, update: { labels: [{ add: '已结案' }] } },
    });
    expect(close.status).toBe(204);
    expect(args?.user).toBeNull();
    expect(args?.fields).toEqual({ duedate: '2026-03-01', labels: ['已结案'] });
    expect(args?.transition.validators).toEqual([{ id: expect.any(String), ruleKey: 'forge:expression-validator', parameters: { key: rule.id, config: '{}' } }]);
    const done = await t.call('GET', `/rest/api/3/issue/${issue.key}?fields=status,resolution,duedate`, { as: 'app' });
    expect(done.body.fields.status.name).toBe('Closed');
    expect(done.body.fields.duedate).toBe('2026-03-01');
    expect(done.body.fields.resolution).toMatchObject({ name: 'Done' });
  });

  test('a transition without a screen takes no fields (as in Jira); the hook is not consulted', async () => {
    const issue = await createIssue(t, 'QC', 'no screen');
    let called = false;
    t.server.store.onTransition = async () => {
      called = true;
      return { ok: true };
    };
    const r = await t.call('POST', `/rest/api/3/issue/${issue.key}/transitions`, { body: { transition: { id: '21' }, fields: { labels: ['x'] } } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errorMessages: [], errors: { labels: "Field 'labels' cannot be set. It is not on the appropriate screen, or unknown." } });
    expect(called).toBe(false);
  });

  test('a hook that throws answers 500 (a shim bug, not a business rejection)', async () => {
    const issue = await createIssue(t, 'QC', 'boom');
    t.server.store.onTransition = async () => {
      throw new Error('validator crashed');
    };
    const r = await t.call('POST', `/rest/api/3/issue/${issue.key}/transitions`, { body: { transition: { id: '21' } } });
    expect(r.status).toBe(500);
    expect(r.body.errorMessages[0]).toContain('validator crashed');
  });
});
