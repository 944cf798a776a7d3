/**
 * The sandbox's own state-changing endpoints refuse what a blind cross-site request could send
 * (sandbox/shell/server.ts `refuseForeignWrite`, one gate before every route): every POST/PUT/
 * DELETE — the bridge `/__sandbox/invoke`, `/__sandbox/gadget-config`, scheduled triggers on
 * demand, and the shell's create, edit, transition and inline-field posts — needs the session
 * cookie and a same-origin caller; the JSON ones also a JSON body. Each refusal is checked on a
 * running sandbox, then that the app's own frames and forms still work (the first page signs a
 * visitor in).
 */
import { request } from 'node:http';
import { sessionCookie, useSandbox } from './site';
import { DEMO_USERS } from '../../sandbox/jira';

jest.setTimeout(60_000);

const { sandbox, rest } = useSandbox('kesu-shell-', { demo: false });

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(path, sandbox.url);
  return new Promise((ok, fail) => {
    const req = request(url, { method, headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const cookie = sessionCookie;
const host = (): string => new URL(sandbox.url).host;
const json = 'application/json';
/** What setup/run as the site admin would do: the worst a forged call could reach. */
const setupCall = JSON.stringify({ functionKey: 'setup/run', payload: { projectKey: 'QC' }, context: { moduleKey: 'complaint-admin' } });
const policyGet = JSON.stringify({ functionKey: 'policy/get', payload: {}, context: { moduleKey: 'complaint-admin' } });

describe('POST /__sandbox/invoke', () => {
  it('refuses a call without the session cookie (it used to run as the admin)', async () => {
    const r = await send('POST', '/__sandbox/invoke', { 'Content-Type': json }, setupCall);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toEqual({ message: expect.stringContaining('session cookie') });
  });

  it('refuses a body that is not declared JSON (a text/plain or form post needs no preflight)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const r = await send('POST', '/__sandbox/invoke', { Cookie: cookie(DEMO_USERS.admin.emailAddress), ...(type ? { 'Content-Type': type } : {}) }, setupCall);
      expect([type, r.status]).toEqual([type, 415]);
    }
  });

  it('refuses a cross-site request by Sec-Fetch-Site', async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      const r = await send('POST', '/__sandbox/invoke', { Cookie: cookie(DEMO_USERS.admin.emailAddress), 'Content-Type': json, 'Sec-Fetch-Site': site }, setupCall);
      expect([site, r.status]).toEqual([site, 403]);
    }
  });

  it('refuses a request from another origin', async () => {
    for (const origin of ['http://evil.example', 'null', `https://${host()}`]) {
      const r = await send('POST', '/__sandbox/invoke', { Cookie: cookie(DEMO_USERS.admin.emailAddress), 'Content-Type': json, Origin: origin }, setupCall);
      expect([origin, r.status]).toEqual([origin, 403]);
    }
  });

  it("runs a same-origin JSON call with the cookie, as the cookie's user (never as someone else)", async () => {
    const ok = await send('POST', '/__sandbox/invoke', { Cookie: cookie(DEMO_USERS.sales.emailAddress), 'Content-Type': 'application/json; charset=utf-8', Origin: `http://${host()}`, 'Sec-Fetch-Site': 'same-origin' }, policyGet);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ body: { ok: true } });
    const setup = await send('POST', '/__sandbox/invoke', { Cookie: cookie(DEMO_USERS.sales.emailAddress), 'Content-Type': json }, setupCall);
    expect(JSON.parse(setup.body)).toMatchObject({ body: { ok: false, error: { code: 'forbidden' } } });
  });
});

describe('POST /__sandbox/gadget-config', () => {
  const config = JSON.stringify({ projects: ['QC'] });

  it('refuses a write without a signed-in user, without JSON, or from another site', async () => {
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { 'Content-Type': json }, config)).status).toBe(401);
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { Cookie: cookie('nobody@example.com'), 'Content-Type': json }, config)).status).toBe(401);
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { Cookie: cookie(DEMO_USERS.qe.emailAddress), 'Content-Type': 'text/plain' }, config)).status).toBe(415);
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { Cookie: cookie(DEMO_USERS.qe.emailAddress), 'Content-Type': json, Origin: 'http://evil.example' }, config)).status).toBe(403);
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { Cookie: cookie(DEMO_USERS.qe.emailAddress), 'Content-Type': json, 'Sec-Fetch-Site': 'cross-site' }, config)).status).toBe(403);
  });

  it('saves for a signed-in user', async () => {
    expect((await send('POST', '/__sandbox/gadget-config?gadgetId=1', { Cookie: cookie(DEMO_USERS.qe.emailAddress), 'Content-Type': json, Origin: `http://${host()}` }, config)).status).toBe(204);
  });
});

describe('a visitor without a session', () => {
  it('is signed in as the site admin by the first page, so the frames can call the app', async () => {
    const r = await send('GET', '/', { Accept: 'text/html' });
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toContain(`sandbox_user=${encodeURIComponent(DEMO_USERS.admin.emailAddress)}`);
    expect(String(r.headers['set-cookie'])).toContain('SameSite=Lax');
    // A signed-in visitor keeps their session.
    const again = await send('GET', '/', { Accept: 'text/html', Cookie: cookie(DEMO_USERS.qe.emailAddress) });
    expect(again.headers['set-cookie']).toBeUndefined();
  });
});

describe('every state-changing request to the sandbox', () => {
  const form = 'application/x-www-form-urlencoded';
  let key = '';
  /** [method, path, Content-Type, body]: each write the sandbox serves besides Jira's REST API. */
  const writes = (): [string, string, string, string][] => [
    ['POST', '/create', form, 'project=QC&summary=forged'],
    ['POST', `/browse/${key}/edit`, form, 'summary=forged'],
    ['POST', `/browse/${key}/transition`, form, 'id=11'],
    ['POST', `/browse/${key}/field`, json, JSON.stringify({ fieldId: 'x', value: 'forged' })],
    ['POST', '/__sandbox/gadget-config?gadgetId=7', json, JSON.stringify({ projects: ['QC'] })],
    ['POST', '/__sandbox/invoke', json, setupCall],
    ['POST', '/__sandbox/schedules/complaint-sla-sweep/run', json, ''],
  ];
  const state = async (): Promise<unknown> => {
    const issue = await rest<{ fields: { summary: string; status: { name: string } } }>('admin@example.com', 'GET', `/rest/api/3/issue/${key}?fields=summary,status`);
    const count = await rest<{ count: number }>('admin@example.com', 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = QC' });
    return { summary: issue.body.fields.summary, status: issue.body.fields.status.name, count: count.body.count, runs: sandbox.host.invocations.length };
  };

  beforeAll(async () => {
    const r = await rest<{ key: string }>('qe@example.com', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'QC' }, issuetype: { name: '客诉' }, summary: '原样' } });
    expect(r.status).toBe(201);
    key = r.body.key;
    await sandbox.host.drain();
  });

  it('refuses each without the session cookie, from another origin, or marked cross-site, and changes nothing', async () => {
    const before = await state();
    const signedIn = { Cookie: cookie(DEMO_USERS.admin.emailAddress) };
    for (const [method, path, type, body] of writes()) {
      const tries: [Record<string, string>, number][] = [
        [{}, 401],
        [{ Cookie: cookie('nobody@example.com') }, 401],
        [{ ...signedIn, Origin: 'http://evil.example' }, 403],
        [{ ...signedIn, 'Sec-Fetch-Site': 'cross-site' }, 403],
      ];
      for (const [headers, status] of tries) {
        const r = await send(method, path, { 'Content-Type': type, ...headers }, body);
        expect([path, headers, r.status]).toEqual([path, headers, status]);
      }
    }
    expect(await state()).toEqual(before);
  });

  it("lets the shell's own pages through: a same-origin form post with the cookie reaches its route", async () => {
    const r = await send('POST', `/browse/${key}/transition`, { 'Content-Type': form, Cookie: cookie(DEMO_USERS.qe.emailAddress), Origin: `http://${host()}`, 'Sec-Fetch-Site': 'same-origin' }, 'id=nope');
    // The transition route answered (an unknown transition is its 400 page), not the gate.
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toContain('text/html');
    const run = await send('POST', '/__sandbox/schedules/complaint-sla-sweep/run', { Cookie: cookie(DEMO_USERS.admin.emailAddress) });
    expect(run.status).toBe(200);
    expect(JSON.parse(run.body)).toMatchObject({ moduleKey: 'complaint-sla-sweep' });
  });
});
