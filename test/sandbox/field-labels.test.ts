/**
 * Option fields read by people: the app publishes the labels of each project's policy to the
 * project property the fields' formatters read, and republishes them after an admin relabels an
 * option; the shell (rendering like Jira, through the formatters) then shows the new label.
 */
import { useSandbox } from './site';
import { DEMO_USERS } from '../../sandbox/jira';
import { LABELS_PROPERTY } from '../../src/jira/fields';

jest.setTimeout(120_000);

const { sandbox, rest, fieldId } = useSandbox('kesu-labels-', { demo: false });

async function newComplaint(): Promise<string> {
  const r = await rest<{ key: string }>('qe@example.com', 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'QC' }, issuetype: { name: '客诉' }, summary: '标签', [fieldId('complaint-department')]: 'qa', [fieldId('complaint-category')]: 'delivery' },
  });
  expect(r.status).toBe(201);
  await sandbox.host.drain();
  return r.body.key;
}

async function shown(key: string, email: string): Promise<string> {
  const r = await fetch(`${sandbox.url}/browse/${key}`, { headers: { Cookie: `sandbox_user=${encodeURIComponent(email)}` } });
  const html = await r.text();
  return /data-field="complaint-department"[^>]*><span>([^<]*)</.exec(html)?.[1] ?? '';
}

describe('option labels for the fields\' formatters', () => {
  it('are published to the project, shown in each viewer\'s language, and follow a relabel', async () => {
    const key = await newComplaint();
    const prop = await rest<{ value: Record<string, Record<string, { 'zh-CN': string; en: string }>> }>('qe@example.com', 'GET', `/rest/api/3/project/QC/properties/${LABELS_PROPERTY}`);
    expect(prop.status).toBe(200);
    expect(prop.body.value['complaint-department']?.qa).toEqual({ 'zh-CN': '质量部', en: 'Quality' });
    expect(prop.body.value['complaint-sla-state']?.breached?.['zh-CN']).toBe('已超期');
    expect(await shown(key, 'qe@example.com')).toBe('质量部');
    expect(await shown(key, 'admin@example.com')).toBe('Quality');

    // A user cannot rewrite the labels; the app can.
    expect((await rest('qe@example.com', 'PUT', `/rest/api/3/project/QC/properties/${LABELS_PROPERTY}`, {})).status).toBe(403);

    const got = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: 'policy/get', payload: { projectKey: 'QC' }, accountId: DEMO_USERS.admin.accountId })) as {
      ok: boolean;
      data: { policy: { departments: { id: string; label: Record<string, string> }[] } };
    };
    const policy = structuredClone(got.data.policy);
    policy.departments.find((d) => d.id === 'qa')!.label['zh-CN'] = '品质保证部';
    const saved = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: 'policy/save', payload: { projectKey: 'QC', policy }, accountId: DEMO_USERS.admin.accountId })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    // Shown at once: saving a project's policy republishes its labels.
    expect(await shown(key, 'qe@example.com')).toBe('品质保证部');
  });
});
