/**
 * The shell's state-changing endpoints refuse what a blind cross-site request could send
 * (sandbox/shell/server.ts `writeRefusal`): `POST /__sandbox/invoke` and
 * `POST /__sandbox/gadget-config` need the session cookie, a JSON body and a same-origin
 * caller. Each refusal is checked on a running sandbox, then that the app's own frames still
 * work (the first page signs a visitor in).
 */
import { request } from 'node:http';
import { useSandbox } from './site';
import { DEMO_USERS } from '../../sandbox/jira';

jest.setTimeout(60_000);

const { sandbox } = useSandbox('kesu-shell-', { demo: false });

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

const cookie = (email: string): string => `sandbox_user=${encodeURIComponent(email)}`;
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
