/**
 * The shell shows Jira's own refusals in the viewer's language (sandbox/shell/html.ts
 * `jiraMessage`): the sales clerk, who may not browse QC, opens a QC issue in the Chinese UI.
 */
import { sessionCookie, useSandbox } from './site';

jest.setTimeout(60_000);

const { sandbox, rest } = useSandbox('kesu-shell-locale-', { demo: false });

async function browse(email: string, key: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`${sandbox.url}/browse/${key}`, { headers: { Cookie: sessionCookie(email) }, redirect: 'manual' });
  return { status: r.status, body: await r.text() };
}

describe('/browse/<key> of an issue the viewer may not see', () => {
  let key = 'QC-1';

  beforeAll(async () => {
    const made = await rest<{ key?: string }>('admin@example.com', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'QC' }, issuetype: { name: '客诉' }, summary: '封口不严' },
    });
    if (made.body.key) key = made.body.key;
    expect((await rest('sales@example.com', 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
  });

  it('says so in Chinese to a zh_CN viewer (sales@example.com)', async () => {
    const r = await browse('sales@example.com', key);
    expect(r.status).toBe(404);
    expect(r.body).toContain('问题不存在，或您没有查看它的权限。');
    expect(r.body).not.toContain('Issue does not exist');
  });

  it('says so in English to an en_US viewer, for an issue that does not exist', async () => {
    const r = await browse('admin@example.com', 'QC-99999');
    expect(r.status).toBe(404);
    expect(r.body).toContain('Issue does not exist or you do not have permission to see it.');
  });
});
