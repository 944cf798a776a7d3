/**
 * Read-only Forge fields (`readOnly: true` in the manifest — "Read-only fields can't be edited by
 * users", Forge docs, manifest-reference/modules/jira-custom-field): the stand-in refuses them in
 * create, edit (fields and update operations) and transition bodies like a field not on the
 * screen, for every caller; the app still writes them through /app/field/value.
 */
import { startTestServer, type TestServer } from './helpers';

let t: TestServer;
let numberId: string;
let noteId: string;

beforeAll(async () => {
  t = await startTestServer({ reset: true });
  numberId = t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'number', name: '客诉编号', type: 'string', readOnly: true }).id;
  noteId = t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'note', name: '备注', type: 'string' }).id;
});
afterAll(() => t.close());

const issue = (extra: Record<string, unknown>) => ({ fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, summary: 'x', ...extra } });

it.each(['admin', 'qe'] as const)('refuses a read-only field on create as %s, naming it; an ordinary app field is accepted', async (as) => {
  const refused = await t.call('POST', '/rest/api/3/issue', { as, body: issue({ [numberId]: '261203242' }) });
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual({ [numberId]: `Field '${numberId}' cannot be set. It is not on the appropriate screen, or unknown.` });
  expect((await t.call('POST', '/rest/api/3/issue', { as, body: issue({ [noteId]: 'ok' }) })).status).toBe(201);
});

it('refuses it on edit, in fields and in update operations; the app writes it with /app/field/value', async () => {
  const created = await t.call('POST', '/rest/api/3/issue', { as: 'qe', body: issue({}) });
  const key = created.body.key as string;
  expect((await t.call('PUT', `/rest/api/3/issue/${key}`, { as: 'qe', body: { fields: { [numberId]: 'HACKED-001' } } })).status).toBe(400);
  expect((await t.call('PUT', `/rest/api/3/issue/${key}`, { as: 'qe', body: { update: { [numberId]: [{ set: 'HACKED-001' }] } } })).status).toBe(400);
  expect((await t.call('PUT', `/rest/api/3/issue/${key}`, { as: 'app', body: { fields: { [numberId]: 'HACKED-001' } } })).status).toBe(400);
  const w = await t.call('POST', '/rest/api/3/app/field/value', { as: 'app', body: { updates: [{ customField: numberId, issueIds: [Number(created.body.id)], value: '261203001' }] } });
  expect(w.status).toBe(204);
  const got = await t.call('GET', `/rest/api/3/issue/${key}?fields=${numberId}`, { as: 'qe' });
  expect(got.body.fields[numberId]).toBe('261203001');
});

it('follows the manifest when it is deployed again without readOnly', () => {
  const again = t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'number', name: '客诉编号', type: 'string' });
  expect(again.id).toBe(numberId);
  expect(again.readOnly).toBeUndefined();
  t.server.store.registerAppField({ appId: 'a', environmentId: 'e', key: 'number', name: '客诉编号', type: 'string', readOnly: true });
});
