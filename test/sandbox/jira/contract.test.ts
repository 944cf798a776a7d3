/**
 * Contract tests: every endpoint of the Jira stand-in is called at least once, and every request
 * body sent and every response body received is validated against the operation's schema in the
 * Jira Cloud platform v3 OpenAPI spec (shared/jira-openapi).
 */
import { ROUTES } from '../../../sandbox/jira/routes';
import { DEMO_USERS } from '../../../sandbox/jira/seed';
import { type CallOptions, type CallResult, OpenApiValidator, type TestServer, adf, startTestServer } from './helpers';

const v = new OpenApiValidator();
const covered = new Set<string>();
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

/** Calls `path` (an instance of `template`), checks the status and validates request and response. */
async function op(method: string, template: string, path: string, status: number, opts: CallOptions = {}): Promise<CallResult> {
  if (opts.body !== undefined) expect({ request: `${method} ${template}`, errors: v.requestErrors(method, template, opts.body) }).toEqual({ request: `${method} ${template}`, errors: [] });
  const r = await t.call(method, path, opts);
  if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${r.text}`);
  expect({ response: `${method} ${template} ${status}`, errors: v.responseErrors(method, template, r.status, r.body) }).toEqual({
    response: `${method} ${template} ${status}`,
    errors: [],
  });
  covered.add(`${method} ${template}`);
  return r;
}

const I = '/rest/api/3/issue/{issueIdOrKey}';

describe('Jira stand-in contract (OpenAPI v3)', () => {
  let issueKey = '';
  let issueId = '';
  let appFieldId = '';
  let complaintTypeId = '';

  test('the validator rejects what the spec rejects (it is not vacuous)', () => {
    expect(v.responseErrors('GET', '/rest/api/3/myself', 200, { accountId: 5, bogus: true })).toHaveLength(2);
    expect(v.responseErrors('POST', '/rest/api/3/search/jql', 200, { issues: [{ id: 1 }], isLast: 'no' })).toHaveLength(2);
    expect(v.responseErrors('GET', '/rest/api/3/issue/{issueIdOrKey}', 404, { errorMessages: 'x', errors: {} })).toHaveLength(1);
    expect(v.requestErrors('POST', '/rest/api/3/issue/bulkfetch', { fields: ['summary'] })).toHaveLength(1);
    expect(v.responseErrors('GET', '/rest/api/3/myself', 418, {})).toEqual(['status 418 is not documented for GET /rest/api/3/myself']);
  });

  test('every route is an operation of the spec', () => {
    for (const r of ROUTES) expect(() => v.operation(r.method, r.template)).not.toThrow();
  });

  test('myself, locale, users', async () => {
    const me = await op('GET', '/rest/api/3/myself', '/rest/api/3/myself', 200, { as: 'qe' });
    expect(me.body).toMatchObject({ accountId: DEMO_USERS.qe.accountId, locale: 'zh_CN', emailAddress: 'qe@example.com' });
    const app = await op('GET', '/rest/api/3/myself', '/rest/api/3/myself', 200, { as: 'app' });
    expect(app.body.accountType).toBe('app');
    await op('GET', '/rest/api/3/myself', '/rest/api/3/myself', 401, { as: 'anon' });
    const loc = await op('GET', '/rest/api/3/mypreferences/locale', '/rest/api/3/mypreferences/locale', 200, { as: 'admin' });
    expect(loc.body).toEqual({ locale: 'en_US' });
    const bulk = await op('GET', '/rest/api/3/user/bulk', `/rest/api/3/user/bulk?accountId=${DEMO_USERS.qe.accountId}&accountId=${DEMO_USERS.sales.accountId}`, 200);
    expect(bulk.body.values.map((u: { emailAddress: string }) => u.emailAddress)).toEqual(['qe@example.com', 'sales@example.com']);
    await op('GET', '/rest/api/3/user/bulk', '/rest/api/3/user/bulk', 400);
    const one = await op('GET', '/rest/api/3/user', `/rest/api/3/user?accountId=${DEMO_USERS.sales.accountId}`, 200);
    expect(one.body.displayName).toBe(DEMO_USERS.sales.displayName);
  });

  test('projects', async () => {
    const all = await op('GET', '/rest/api/3/project', '/rest/api/3/project', 200, { as: 'sales' });
    expect(all.body.map((p: { key: string }) => p.key)).toEqual(['SV']);
    const search = await op('GET', '/rest/api/3/project/search', '/rest/api/3/project/search?expand=issueTypes,lead', 200, { as: 'qe' });
    expect(search.body).toMatchObject({ total: 2, isLast: true, startAt: 0 });
    expect(search.body.values.map((p: { key: string; style: string }) => [p.key, p.style])).toEqual([
      ['QC', 'classic'],
      ['SV', 'classic'],
    ]);
    const qc = await op('GET', '/rest/api/3/project/{projectIdOrKey}', '/rest/api/3/project/QC', 200, { as: 'qe' });
    expect(qc.body).toMatchObject({ key: 'QC', name: '客诉质量', style: 'classic', simplified: false });
    await op('GET', '/rest/api/3/project/{projectIdOrKey}', '/rest/api/3/project/QC', 404, { as: 'sales' });
  });

  test('fields and app fields', async () => {
    const f = t.server.store.registerAppField({ appId: 'app-1', environmentId: 'env-1', key: 'complaint-level', name: '客诉等级', type: 'string' });
    appFieldId = f.id;
    const fields = await op('GET', '/rest/api/3/field', '/rest/api/3/field', 200);
    const mine = fields.body.find((x: { id: string }) => x.id === f.id);
    expect(mine).toMatchObject({
      custom: true,
      clauseNames: [`cf[${f.schema.customId}]`, '客诉等级'],
      schema: { type: 'string', custom: 'ari:cloud:ecosystem::extension/app-1/env-1/static/complaint-level' },
    });
    expect(fields.body.find((x: { id: string }) => x.id === 'summary')).toMatchObject({ custom: false, navigable: true });
  });

  test('issue types and issue type schemes', async () => {
    const types = await op('GET', '/rest/api/3/issuetype', '/rest/api/3/issuetype', 200);
    expect(types.body.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['Task', 'Bug']));
    const body = { name: 'Complaint', description: '客诉', type: 'standard' };
    const created = await op('POST', '/rest/api/3/issuetype', '/rest/api/3/issuetype', 201, { body });
    expect(created.body).toMatchObject({ name: 'Complaint', hierarchyLevel: 0, subtask: false });
    complaintTypeId = created.body.id;
    await op('POST', '/rest/api/3/issuetype', '/rest/api/3/issuetype', 409, { body });
    await op('POST', '/rest/api/3/issuetype', '/rest/api/3/issuetype', 403, { body: { name: 'X' }, as: 'qe' });
    await op('GET', '/rest/api/3/issuetype/{id}', `/rest/api/3/issuetype/${created.body.id}`, 200);

    const schemes = await op('GET', '/rest/api/3/issuetypescheme', '/rest/api/3/issuetypescheme', 200);
    expect(schemes.body.values.find((s: { isDefault: boolean }) => s.isDefault)).toBeTruthy();
    await op('GET', '/rest/api/3/issuetypescheme', '/rest/api/3/issuetypescheme', 403, { as: 'qe' });
    const byProject = await op('GET', '/rest/api/3/issuetypescheme/project', '/rest/api/3/issuetypescheme/project?projectId=10000', 200);
    const scheme = byProject.body.values[0].issueTypeScheme;
    expect(byProject.body.values[0].projectIds).toEqual(['10000']);
    await op('PUT', '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, 204, {
      body: { issueTypeIds: [created.body.id] },
    });
    const again = await op('PUT', '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, 400, {
      body: { issueTypeIds: [created.body.id] },
    });
    expect(again.body.errorMessages[0]).toContain('already present');
    const mapping = await op('GET', '/rest/api/3/issuetypescheme/mapping', `/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${scheme.id}`, 200);
    expect(mapping.body.values).toContainEqual({ issueTypeSchemeId: scheme.id, issueTypeId: created.body.id });
    await op('PUT', '/rest/api/3/issuetypescheme/project', '/rest/api/3/issuetypescheme/project', 204, {
      body: { issueTypeSchemeId: scheme.id, projectId: '10001' },
    });
  });

  test('screens', async () => {
    const f = t.server.store.registerAppField({ appId: 'app-1', environmentId: 'env-1', key: 'off-screen', name: 'Off screen', type: 'number', onScreen: false });
    const screens = await op('GET', '/rest/api/3/screens', '/rest/api/3/screens', 200);
    expect(screens.body.values[0]).toMatchObject({ id: 1, name: 'Default Screen' });
    await op('POST', '/rest/api/3/screens/addToDefault/{fieldId}', `/rest/api/3/screens/addToDefault/${f.id}`, 200);
    await op('POST', '/rest/api/3/screens/addToDefault/{fieldId}', `/rest/api/3/screens/addToDefault/${f.id}`, 404);
    await op('POST', '/rest/api/3/screens/addToDefault/{fieldId}', '/rest/api/3/screens/addToDefault/customfield_1', 404);
    await op('POST', '/rest/api/3/screens/addToDefault/{fieldId}', `/rest/api/3/screens/addToDefault/${f.id}`, 403, { as: 'qe' });
    expect(t.server.store.screenFieldIds().has(f.id)).toBe(true);
  });

  test('workflows: create and capabilities', async () => {
    t.server.store.registerForgeRule({ appId: 'app-1', environmentId: 'env-1', moduleKey: 'complaint-validator', name: '客诉校验', ruleType: 'Validator' });
    const caps = await op('GET', '/rest/api/3/workflows/capabilities', '/rest/api/3/workflows/capabilities?projectId=10000&issueTypeId=10001', 200);
    const rule = caps.body.forgeRules[0];
    expect(rule).toMatchObject({ ruleKey: 'forge:expression-validator', ruleType: 'Validator', id: 'ari:cloud:ecosystem::extension/app-1/env-1/static/complaint-validator' });
    const body = {
      scope: { type: 'GLOBAL' },
      statuses: [
        { name: '待受理', statusCategory: 'TODO', statusReference: 's1' },
        { name: '处理中', statusCategory: 'IN_PROGRESS', statusReference: 's2' },
        { name: '已关闭', statusCategory: 'DONE', statusReference: 's3' },
      ],
      workflows: [
        {
          name: '客诉流程',
          statuses: [
            { statusReference: 's1', properties: {} },
            { statusReference: 's2', properties: {} },
            { statusReference: 's3', properties: {} },
          ],
          transitions: [
            { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 's1', links: [] },
            { id: '11', name: '开始处理', type: 'DIRECTED', toStatusReference: 's2', links: [{ fromStatusReference: 's1' }] },
            {
              id: '21',
              name: '关闭',
              type: 'DIRECTED',
              toStatusReference: 's3',
              links: [{ fromStatusReference: 's2' }],
              validators: [{ ruleKey: rule.ruleKey, parameters: { key: rule.id, config: '{"families":["required"]}' } }],
            },
          ],
        },
      ],
    };
    const r = await op('POST', '/rest/api/3/workflows/create', '/rest/api/3/workflows/create', 200, { body });
    expect(r.body.workflows[0]).toMatchObject({ name: '客诉流程' });
    expect(r.body.statuses.map((s: { name: string }) => s.name)).toEqual(['待受理', '处理中', '已关闭']);
    await op('POST', '/rest/api/3/workflows/create', '/rest/api/3/workflows/create', 400, { body }); // its status names exist now
    const wfId: string = r.body.workflows[0].id;

    const found = await op('GET', '/rest/api/3/workflows/search', `/rest/api/3/workflows/search?queryString=${encodeURIComponent('客诉流程')}&scope=GLOBAL`, 200);
    expect(found.body.values.map((w: { id: string }) => w.id)).toEqual([wfId]);
    expect(found.body.values[0].transitions.find((x: { id: string }) => x.id === '21').validators[0].parameters.key).toBe(rule.id);

    // QC is on the Default Workflow Scheme: "If the project is associated with the `Default
    // Workflow Scheme` no ID is returned." It gets a scheme of its own, created and assigned.
    const assoc = await op('GET', '/rest/api/3/workflowscheme/project', '/rest/api/3/workflowscheme/project?projectId=10000', 200);
    expect(assoc.body.values[0].workflowScheme.id).toBeUndefined();
    expect(assoc.body.values[0].workflowScheme.name).toBe('Default Workflow Scheme');
    const createdWs = await op('POST', '/rest/api/3/workflowscheme', '/rest/api/3/workflowscheme', 201, { body: { name: 'QC 客诉方案', description: '', issueTypeMappings: {} } });
    await op('POST', '/rest/api/3/workflowscheme', '/rest/api/3/workflowscheme', 400, { body: { name: 'QC 客诉方案' } });
    await op('PUT', '/rest/api/3/workflowscheme/project', '/rest/api/3/workflowscheme/project', 204, { body: { projectId: '10000', workflowSchemeId: String(createdWs.body.id) } });
    await op('PUT', '/rest/api/3/workflowscheme/project', '/rest/api/3/workflowscheme/project', 404, { body: { projectId: '10000', workflowSchemeId: '999' } });
    const assoc2 = await op('GET', '/rest/api/3/workflowscheme/project', '/rest/api/3/workflowscheme/project?projectId=10000', 200);
    const wsId = String(assoc2.body.values[0].workflowScheme.id);
    expect(wsId).toBe(String(createdWs.body.id));
    const read = await op('POST', '/rest/api/3/workflowscheme/read', '/rest/api/3/workflowscheme/read', 200, { body: { workflowSchemeIds: [wsId] } });
    const ws = read.body[0];
    expect(ws.workflowsForIssueTypes).toEqual([]);
    const update = { id: ws.id, name: ws.name, description: ws.description, version: ws.version, workflowsForIssueTypes: [{ issueTypeIds: [complaintTypeId], workflowId: wfId }] };
    await op('POST', '/rest/api/3/workflowscheme/update', '/rest/api/3/workflowscheme/update', 200, { body: update });
    await op('POST', '/rest/api/3/workflowscheme/update', '/rest/api/3/workflowscheme/update', 409, { body: update });
    const reread = await op('POST', '/rest/api/3/workflowscheme/read', '/rest/api/3/workflowscheme/read', 200, { body: { projectIds: ['10000'] } });
    expect(reread.body[0].workflowsForIssueTypes).toEqual([{ issueTypeIds: [complaintTypeId], workflow: expect.objectContaining({ id: wfId, name: '客诉流程' }) }]);
    expect(reread.body[0].version.versionNumber).toBe(ws.version.versionNumber + 1);

    // Statuses of company-managed workflows are global: none is "part of" the project.
    const statuses = await op('GET', '/rest/api/3/statuses/search', '/rest/api/3/statuses/search?projectId=10000&maxResults=200', 200, { as: 'qe' });
    expect(statuses.body.values).toEqual([]);
    const global = await op('GET', '/rest/api/3/statuses/search', '/rest/api/3/statuses/search?maxResults=200', 200);
    expect(global.body.values.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['To Do', 'Closed', '待受理', '处理中', '已关闭']));

    // A new status named like an existing one is refused (dry run and create); reusing it by id works.
    const clash = { scope: { type: 'GLOBAL' }, statuses: [{ name: 'Closed', statusCategory: 'DONE', statusReference: 'c' }], workflows: [{ name: 'Clash', statuses: [{ statusReference: 'c', properties: {} }], transitions: [{ id: '1', type: 'INITIAL', toStatusReference: 'c', links: [] }] }] };
    const dry = await op('POST', '/rest/api/3/workflows/create/validation', '/rest/api/3/workflows/create/validation', 200, { body: { payload: clash, validationOptions: { levels: ['ERROR', 'WARNING'] } } });
    expect(dry.body.errors).toEqual([expect.objectContaining({ code: 'NON_UNIQUE_STATUS_NAME', level: 'ERROR', type: 'STATUS' })]);
    await op('POST', '/rest/api/3/workflows/create', '/rest/api/3/workflows/create', 400, { body: clash });
    const closedId = global.body.values.find((x: { name: string }) => x.name === 'Closed').id;
    const reuse = { ...clash, statuses: [{ id: closedId, name: 'Closed', statusCategory: 'DONE', statusReference: 'c' }] };
    expect((await op('POST', '/rest/api/3/workflows/create/validation', '/rest/api/3/workflows/create/validation', 200, { body: { payload: reuse } })).body.errors).toEqual([]);
    const sameName = { ...reuse, workflows: [{ ...reuse.workflows[0]!, name: '客诉流程' }] };
    await op('POST', '/rest/api/3/workflows/create', '/rest/api/3/workflows/create', 409, { body: sameName });

    // A complaint in QC now follows the new workflow.
    const c = await t.call('POST', '/rest/api/3/issue', { as: 'qe', body: { fields: { project: { key: 'QC' }, issuetype: { id: complaintTypeId }, summary: '流程测试' } } });
    const got = await t.call('GET', `/rest/api/3/issue/${c.body.key}?fields=status&expand=transitions`, { as: 'qe' });
    expect(got.body.fields.status.name).toBe('待受理');
    expect(got.body.transitions.map((x: { name: string }) => x.name)).toEqual(['开始处理']);
    await t.call('DELETE', `/rest/api/3/issue/${c.body.key}`, { as: 'admin' });
  });

  test('transition screens: screens, tabs, tab fields, workflows read and update', async () => {
    const f = t.server.store.registerAppField({ appId: 'app-1', environmentId: 'env-1', key: 'on-transition', name: 'On transition', type: 'string', onScreen: false });
    const sc = await op('POST', '/rest/api/3/screens', '/rest/api/3/screens', 201, { body: { name: '客诉流程 · 关闭', description: 'fields the close needs' } });
    await op('POST', '/rest/api/3/screens', '/rest/api/3/screens', 400, { body: { name: '客诉流程 · 关闭' } });
    const screenId = String(sc.body.id);
    const found = await op('GET', '/rest/api/3/screens', `/rest/api/3/screens?queryString=${encodeURIComponent('关闭')}`, 200);
    expect(found.body.values.map((x: { id: number }) => String(x.id))).toEqual([screenId]);
    const tab = await op('POST', '/rest/api/3/screens/{screenId}/tabs', `/rest/api/3/screens/${screenId}/tabs`, 200, { body: { name: '须填写' } });
    const tabs = await op('GET', '/rest/api/3/screens/{screenId}/tabs', `/rest/api/3/screens/${screenId}/tabs`, 200);
    expect(tabs.body).toEqual([{ id: tab.body.id, name: '须填写' }]);
    const T = '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields';
    await op('POST', T, `/rest/api/3/screens/${screenId}/tabs/${tab.body.id}/fields`, 200, { body: { fieldId: f.id } });
    await op('POST', T, `/rest/api/3/screens/${screenId}/tabs/${tab.body.id}/fields`, 400, { body: { fieldId: f.id } });
    await op('POST', T, `/rest/api/3/screens/${screenId}/tabs/99/fields`, 404, { body: { fieldId: f.id } });
    const fields = await op('GET', T, `/rest/api/3/screens/${screenId}/tabs/${tab.body.id}/fields`, 200);
    expect(fields.body).toEqual([{ id: f.id, name: 'On transition' }]);

    const read = await op('POST', '/rest/api/3/workflows', '/rest/api/3/workflows', 200, { body: { workflowNames: ['客诉流程'] } });
    const wf = read.body.workflows[0];
    const transitions = wf.transitions.map((x: { id: string }) => (x.id === '21' ? { ...x, transitionScreen: { ruleKey: 'system:transition-screen', parameters: { screenId } } } : x));
    const update = { statuses: read.body.statuses.map((x: { id: string; name: string; statusCategory: string; statusReference: string }) => ({ id: x.id, name: x.name, statusCategory: x.statusCategory, statusReference: x.statusReference })), workflows: [{ id: wf.id, version: wf.version, statuses: wf.statuses, transitions }] };
    await op('POST', '/rest/api/3/workflows/update', '/rest/api/3/workflows/update', 200, { body: update });
    await op('POST', '/rest/api/3/workflows/update', '/rest/api/3/workflows/update', 409, { body: update });
    const reread = await op('POST', '/rest/api/3/workflows', '/rest/api/3/workflows', 200, { body: { workflowIds: [wf.id] } });
    expect(reread.body.workflows[0].transitions.find((x: { id: string }) => x.id === '21').transitionScreen.parameters.screenId).toBe(screenId);
    expect(reread.body.workflows[0].version.versionNumber).toBe(wf.version.versionNumber + 1);

    await op('DELETE', '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields/{id}', `/rest/api/3/screens/${screenId}/tabs/${tab.body.id}/fields/${f.id}`, 204);
    await op('DELETE', '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields/{id}', `/rest/api/3/screens/${screenId}/tabs/${tab.body.id}/fields/${f.id}`, 404);
    await op('POST', '/rest/api/3/screens', '/rest/api/3/screens', 403, { body: { name: 'x' }, as: 'qe' });
  });

  test('create, get, edit issue', async () => {
    const body = {
      fields: {
        project: { key: 'QC' },
        issuetype: { name: 'Task' },
        summary: '客户投诉：外壳划伤',
        description: adf('到货即发现划痕'),
        labels: ['客诉', 'vip'],
        [appFieldId]: 'A',
      },
      properties: [{ key: 'complaint', value: { no: '260105001' } }],
    };
    const c = await op('POST', '/rest/api/3/issue', '/rest/api/3/issue', 201, { body, as: 'qe' });
    issueKey = c.body.key;
    issueId = c.body.id;
    expect(issueKey).toMatch(/^QC-\d+$/);

    const bad = await op('POST', '/rest/api/3/issue', '/rest/api/3/issue', 400, {
      body: { fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, description: 'plain', nope: 1 } },
    });
    expect(bad.body).toEqual({
      errorMessages: [],
      errors: {
        summary: 'You must specify a summary of the issue.',
        description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
        nope: "Field 'nope' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });

    const full = await op('GET', I, `/rest/api/3/issue/${issueKey}?properties=*all&expand=names,schema,transitions,changelog`, 200, { as: 'qe' });
    expect(full.body.fields).toMatchObject({ summary: '客户投诉：外壳划伤', labels: ['客诉', 'vip'], [appFieldId]: 'A', assignee: null });
    expect(full.body.fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    expect(full.body.properties).toEqual({ complaint: { no: '260105001' } });
    expect(full.body.names.summary).toBe('Summary');
    expect(full.body.transitions.length).toBeGreaterThan(0);

    const some = await op('GET', I, `/rest/api/3/issue/${issueId}?fields=summary,status`, 200, { as: 'qe' });
    expect(Object.keys(some.body.fields).sort()).toEqual(['status', 'summary']);
    await op('GET', I, `/rest/api/3/issue/${issueKey}`, 404, { as: 'sales' });

    await op('PUT', I, `/rest/api/3/issue/${issueKey}`, 204, {
      as: 'qe',
      body: { fields: { summary: '客户投诉：外壳划伤（补充）', assignee: { accountId: DEMO_USERS.qe.accountId } }, update: { labels: [{ add: '紧急' }, { remove: 'vip' }] } },
    });
    const after = await op('PUT', I, `/rest/api/3/issue/${issueKey}?returnIssue=true`, 200, { as: 'qe', body: { fields: { duedate: '2026-02-01' } } });
    expect(after.body.fields).toMatchObject({ labels: ['客诉', '紧急'], duedate: '2026-02-01', assignee: { accountId: DEMO_USERS.qe.accountId } });
    const invalid = await op('PUT', I, `/rest/api/3/issue/${issueKey}`, 400, { as: 'qe', body: { fields: { duedate: 'tomorrow', labels: ['a b'] } } });
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['duedate', 'labels']);
    await op('PUT', I, `/rest/api/3/issue/${issueKey}`, 404, { as: 'sales', body: { fields: { summary: 'x' } } });

    const log = await op('GET', `${I}/changelog`, `/rest/api/3/issue/${issueKey}/changelog`, 200, { as: 'qe' });
    expect(log.body.values[0].items.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['summary', 'assignee', 'labels']));
  });

  test('transitions', async () => {
    const list = await op('GET', `${I}/transitions`, `/rest/api/3/issue/${issueKey}/transitions`, 200, { as: 'qe' });
    const done = list.body.transitions.find((x: { to: { name: string } }) => x.to.name === 'Done');
    expect(done).toBeTruthy();
    await op('POST', `${I}/transitions`, `/rest/api/3/issue/${issueKey}/transitions`, 400, { as: 'qe', body: { transition: { id: '999' } } });
    await op('POST', `${I}/transitions`, `/rest/api/3/issue/${issueKey}/transitions`, 204, { as: 'qe', body: { transition: { id: done.id } } });
    const got = await t.call('GET', `/rest/api/3/issue/${issueKey}?fields=status,resolution`, { as: 'qe' });
    expect(got.body.fields.status.name).toBe('Done');
    expect(got.body.fields.resolution.name).toBe('Done');
    await op('POST', `${I}/transitions`, `/rest/api/3/issue/${issueKey}/transitions`, 404, { as: 'sales', body: { transition: { id: '11' } } });
  });

  test('comments and notify', async () => {
    const c = await op('POST', `${I}/comment`, `/rest/api/3/issue/${issueKey}/comment`, 201, { as: 'qe', body: { body: adf('已联系客户') } });
    expect(c.body.author.accountId).toBe(DEMO_USERS.qe.accountId);
    await op('POST', `${I}/comment`, `/rest/api/3/issue/${issueKey}/comment`, 400, { as: 'qe', body: { body: 'plain text' } });
    const list = await op('GET', `${I}/comment`, `/rest/api/3/issue/${issueKey}/comment`, 200, { as: 'qe' });
    expect(list.body).toMatchObject({ total: 1, startAt: 0 });
    await op('GET', `${I}/comment`, `/rest/api/3/issue/${issueKey}/comment`, 404, { as: 'sales' });
    await op('POST', `${I}/notify`, `/rest/api/3/issue/${issueKey}/notify`, 204, {
      as: 'app',
      body: { subject: '客诉超期', textBody: '请处理', to: { reporter: true, users: [{ accountId: DEMO_USERS.qe.accountId }] } },
    });
    await op('POST', `${I}/notify`, `/rest/api/3/issue/${issueKey}/notify`, 400, { as: 'app', body: { subject: 'x' } });
    expect(t.server.store.notifications()).toHaveLength(1);
  });

  test('issue properties', async () => {
    const P = `${I}/properties/{propertyKey}`;
    await op('PUT', P, `/rest/api/3/issue/${issueKey}/properties/sla`, 201, { as: 'qe', body: { state: 'running', dueAt: 1 } });
    await op('PUT', P, `/rest/api/3/issue/${issueKey}/properties/sla`, 200, { as: 'qe', body: { state: 'paused' } });
    const one = await op('GET', P, `/rest/api/3/issue/${issueKey}/properties/sla`, 200, { as: 'qe' });
    expect(one.body).toEqual({ key: 'sla', value: { state: 'paused' } });
    const keys = await op('GET', `${I}/properties`, `/rest/api/3/issue/${issueKey}/properties`, 200, { as: 'qe' });
    expect(keys.body.keys.map((k: { key: string }) => k.key).sort()).toEqual(['complaint', 'sla']);
    await op('DELETE', P, `/rest/api/3/issue/${issueKey}/properties/sla`, 204, { as: 'qe' });
    await op('GET', P, `/rest/api/3/issue/${issueKey}/properties/sla`, 404, { as: 'qe' });
    await op('GET', `${I}/properties`, `/rest/api/3/issue/${issueKey}/properties`, 404, { as: 'sales' });
    await op('PUT', P, `/rest/api/3/issue/${issueKey}/properties/big`, 400, { as: 'qe', body: { s: 'x'.repeat(40000) } });
  });

  test('app field values', async () => {
    await op('POST', '/rest/api/3/app/field/value', '/rest/api/3/app/field/value', 204, {
      as: 'app',
      body: { updates: [{ customField: appFieldId, issueIds: [Number(issueId)], value: 'B' }] },
    });
    await op('POST', '/rest/api/3/app/field/value', '/rest/api/3/app/field/value', 403, {
      as: 'qe',
      body: { updates: [{ customField: appFieldId, issueIds: [Number(issueId)], value: 'C' }] },
    });
    await op('PUT', '/rest/api/3/app/field/{fieldIdOrKey}/value', `/rest/api/3/app/field/${appFieldId}/value?generateChangelog=false`, 204, {
      as: 'app',
      body: { updates: [{ issueIds: [Number(issueId)], value: 'C' }] },
    });
    await op('PUT', '/rest/api/3/app/field/{fieldIdOrKey}/value', '/rest/api/3/app/field/customfield_99999/value', 404, {
      as: 'app',
      body: { updates: [{ issueIds: [Number(issueId)], value: 'C' }] },
    });
    const got = await t.call('GET', `/rest/api/3/issue/${issueKey}?fields=${appFieldId}`, { as: 'qe' });
    expect(got.body.fields[appFieldId]).toBe('C');
  });

  test('search, count, bulkfetch', async () => {
    const get = await op('GET', '/rest/api/3/search/jql', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = QC')}`, 200, { as: 'qe' });
    expect(get.body.issues).toEqual([{ id: issueId }]);
    expect(get.body.isLast).toBe(true);
    const post = await op('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 200, {
      as: 'qe',
      body: { jql: 'project = QC ORDER BY created DESC', fields: ['summary', 'status'], expand: 'names', properties: ['complaint'], maxResults: 10 },
    });
    expect(post.body.issues[0]).toMatchObject({ key: issueKey, properties: { complaint: { no: '260105001' } } });
    expect(post.body.names).toMatchObject({ summary: 'Summary', status: 'Status' });
    await op('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 400, { as: 'qe', body: { jql: 'ORDER BY created' } });
    await op('POST', '/rest/api/3/search/jql', '/rest/api/3/search/jql', 400, { as: 'qe', body: { jql: 'project = = QC' } });
    await op('GET', '/rest/api/3/search/jql', '/rest/api/3/search/jql?jql=project%3DQC', 401, { as: 'anon' });

    const count = await op('POST', '/rest/api/3/search/approximate-count', '/rest/api/3/search/approximate-count', 200, { as: 'qe', body: { jql: 'project in (QC, SV)' } });
    expect(count.body).toEqual({ count: 1 });
    await op('POST', '/rest/api/3/search/approximate-count', '/rest/api/3/search/approximate-count', 400, { as: 'qe', body: { jql: '' } });

    const bulk = await op('POST', '/rest/api/3/issue/bulkfetch', '/rest/api/3/issue/bulkfetch', 200, {
      as: 'qe',
      body: { issueIdsOrKeys: [issueKey, 'QC-999'], fields: ['summary', 'labels'], properties: ['complaint'] },
    });
    expect(bulk.body.issues.map((i: { key: string }) => i.key)).toEqual([issueKey]);
    expect(bulk.body.issueErrors).toEqual([{ id: 'QC-999', errorMessage: 'Issue does not exist or you do not have permission to see it.' }]);
    await op('POST', '/rest/api/3/issue/bulkfetch', '/rest/api/3/issue/bulkfetch', 400, { as: 'qe', body: { issueIdsOrKeys: [] } });
  });

  test('permissions', async () => {
    const mine = await op('GET', '/rest/api/3/mypermissions', '/rest/api/3/mypermissions?projectKey=SV&permissions=BROWSE_PROJECTS,DELETE_ISSUES,ADMINISTER', 200, { as: 'sales' });
    expect(mine.body.permissions.BROWSE_PROJECTS.havePermission).toBe(true);
    expect(mine.body.permissions.DELETE_ISSUES.havePermission).toBe(false);
    expect(mine.body.permissions.ADMINISTER).toMatchObject({ type: 'GLOBAL', havePermission: false });
    await op('GET', '/rest/api/3/mypermissions', '/rest/api/3/mypermissions?projectKey=QC&permissions=BROWSE_PROJECTS', 404, { as: 'sales' });
    await op('GET', '/rest/api/3/mypermissions', '/rest/api/3/mypermissions?permissions=NOPE', 400, { as: 'sales' });
    const all = await op('GET', '/rest/api/3/permissions', '/rest/api/3/permissions', 200);
    expect(all.body.permissions.EDIT_ISSUES.id).toBe('12');

    const body = {
      accountId: DEMO_USERS.sales.accountId,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [10000, 10001], issues: [Number(issueId)] }],
    };
    const check = await op('POST', '/rest/api/3/permissions/check', '/rest/api/3/permissions/check', 200, { as: 'app', body });
    expect(check.body).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [10001], issues: [] },
        { permission: 'EDIT_ISSUES', projects: [10001], issues: [] },
      ],
    });
    await op('POST', '/rest/api/3/permissions/check', '/rest/api/3/permissions/check', 403, { as: 'qe', body });
    const bad = await op('POST', '/rest/api/3/permissions/check', '/rest/api/3/permissions/check', 400, { as: 'qe', body: { globalPermissions: ['PERMISSION_123'] } });
    expect(bad.body).toEqual({ errorMessages: [], errors: { PERMISSION_123: 'Unrecognized permission' } });
  });

  test('JQL function precomputations (apps) and search suggestions', async () => {
    const pre = t.server.store.addPrecomputation({ functionKey: 'ari:cloud:ecosystem::extension/app-1/env-1/static/fn', functionName: 'fn', field: 'issue', operator: 'in', arguments: ['2'], value: 'key = QC-1', error: null });
    const list = await op('GET', '/rest/api/3/jql/function/computation', '/rest/api/3/jql/function/computation', 200, { as: 'app' });
    expect(list.body.values.map((p: { id: string }) => p.id)).toContain(pre.id);
    await op('GET', '/rest/api/3/jql/function/computation', '/rest/api/3/jql/function/computation', 403, { as: 'admin' });
    await op('POST', '/rest/api/3/jql/function/computation', '/rest/api/3/jql/function/computation', 204, { as: 'app', body: { values: [{ id: pre.id, value: 'key = QC-2' }] } });
    const skipped = await op('POST', '/rest/api/3/jql/function/computation', '/rest/api/3/jql/function/computation?skipNotFoundPrecomputations=true', 200, { as: 'app', body: { values: [{ id: 'nope', value: 'x' }] } });
    expect(skipped.body.notFoundPrecomputationIDs).toEqual(['nope']);
    const found = await op('POST', '/rest/api/3/jql/function/computation/search', '/rest/api/3/jql/function/computation/search', 200, { as: 'app', body: { precomputationIDs: [pre.id, 'nope'] } });
    expect(found.body.precomputations[0]).toMatchObject({ id: pre.id, value: 'key = QC-2' });
    expect(found.body.notFoundPrecomputationIDs).toEqual(['nope']);
    await op('PUT', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', '/rest/api/3/project/QC/properties/complaint-app', 201, { as: 'app', body: { issueTypes: ['10001'] } });
    const prop = await op('GET', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', '/rest/api/3/project/QC/properties/complaint-app', 200, { as: 'app' });
    expect(prop.body).toEqual({ key: 'complaint-app', value: { issueTypes: ['10001'] } });
    const sug = await op('GET', '/rest/api/3/jql/autocompletedata/suggestions', '/rest/api/3/jql/autocompletedata/suggestions?fieldName=labels&fieldValue=x', 200);
    expect(sug.body.results).toEqual([]);
  });

  test('delete issue', async () => {
    await op('DELETE', I, `/rest/api/3/issue/${issueKey}`, 403, { as: 'qe' });
    await op('DELETE', I, `/rest/api/3/issue/${issueKey}`, 204, { as: 'admin' });
    await op('DELETE', I, `/rest/api/3/issue/${issueKey}`, 404, { as: 'admin' });
  });

  test('every route was exercised', () => {
    const missing = ROUTES.map((r) => `${r.method} ${r.template}`).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });
});
