import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import api, { asApp, asUser, assumeTrustedRoute, authorize, route, requestJira, observeSandboxRequests, i18n, configureTranslations, getAppContext } from '../../../sandbox/forge/api';
import { makeInvocationContext, runInInvocation, SANDBOX_HEADERS } from '../../../sandbox/forge/context';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('sandbox @forge/api', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/rest/api/3/permissions/check') {
          const parsed = JSON.parse(body) as { accountId: string; projectPermissions: Array<{ permissions: string[]; issues?: number[] }> };
          const allowed = parsed.accountId === 'u-admin';
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              projectPermissions: parsed.projectPermissions.map((p) => ({ permission: p.permissions[0], issues: allowed ? p.issues : [] })),
            }),
          );
          return;
        }
        if (req.url?.startsWith('/rest/api/3/issue/')) {
          res.writeHead(200, { 'content-type': 'application/json', 'x-custom': 'yes' });
          res.end(JSON.stringify({ key: 'CMP-1', fields: { summary: '客诉' } }));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errorMessages: ['not found'] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const inv = (accountId?: string) => makeInvocationContext({ jiraBaseUrl: baseUrl, secret: 's3cret', invocationId: 'inv-1', ...(accountId ? { accountId } : {}) });

  describe('route', () => {
    it('keeps path params that are safe and encodes query values', () => {
      expect(route`/rest/api/3/issue/${'CMP-12'}`.value).toBe('/rest/api/3/issue/CMP-12');
      expect(route`/rest/api/3/search/jql?jql=${'project = CMP AND 分类 = "质量"'}&maxResults=${50}`.value).toBe(
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = CMP AND 分类 = "质量"')}&maxResults=50`,
      );
      const params = new URLSearchParams({ jql: 'a = b', fields: 'summary,status' });
      expect(route`/rest/api/3/search/jql?${params}`.value).toBe('/rest/api/3/search/jql?jql=a+%3D+b&fields=summary%2Cstatus');
      expect(route`/rest/api/3/issue/${route`CMP-1/comment`}`.value).toBe('/rest/api/3/issue/CMP-1/comment');
    });

    it('rejects path manipulation in path parameters', () => {
      for (const bad of ['../admin', 'a/b', 'a\\b', 'x?y=1', 'x#frag', '%2e%2e']) {
        expect(() => route`/rest/api/3/issue/${bad}`).toThrow(/path manipulation/);
      }
    });

    it('requestJira refuses plain strings', async () => {
      await expect(runInInvocation(inv(), () => asApp().requestJira('/rest/api/3/issue/X' as never))).rejects.toThrow(/route/);
    });
  });

  describe('requestJira', () => {
    it('asUser() sends the invocation user identity and returns a Response-like object', async () => {
      const res = await runInInvocation(inv('u-1'), () => asUser().requestJira(route`/rest/api/3/issue/${'CMP-1'}?fields=${'summary'}`));
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-custom')).toBe('yes');
      expect(await res.json()).toEqual({ key: 'CMP-1', fields: { summary: '客诉' } });
      const req = seen[0];
      expect(req?.url).toBe('/rest/api/3/issue/CMP-1?fields=summary');
      expect(req?.headers[SANDBOX_HEADERS.accountId]).toBe('u-1');
      expect(req?.headers[SANDBOX_HEADERS.secret]).toBe('s3cret');
      expect(req?.headers[SANDBOX_HEADERS.invocation]).toBe('inv-1');
      expect(req?.headers[SANDBOX_HEADERS.app]).toBeUndefined();
    });

    it('asApp() marks the call as an app call; app code cannot spoof identity headers', async () => {
      const res = await runInInvocation(inv('u-1'), () =>
        asApp().requestJira(route`/rest/api/3/issue/CMP-1`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', [SANDBOX_HEADERS.accountId]: 'u-evil' },
          body: JSON.stringify({ fields: {} }),
        }),
      );
      expect(res.status).toBe(200);
      const req = seen[0];
      expect(req?.method).toBe('PUT');
      expect(req?.headers[SANDBOX_HEADERS.app]).toBe('true');
      expect(req?.headers[SANDBOX_HEADERS.accountId]).toBeUndefined();
      expect(req?.body).toBe('{"fields":{}}');
    });

    it('asUser(accountId) impersonates; asUser() without a user fails', async () => {
      await runInInvocation(inv(), () => asUser('u-offline').requestJira(route`/rest/api/3/issue/CMP-1`));
      expect(seen[0]?.headers[SANDBOX_HEADERS.accountId]).toBe('u-offline');
      await expect(runInInvocation(inv(), () => asUser().requestJira(route`/rest/api/3/issue/CMP-1`))).rejects.toThrow(/no user context/);
    });

    it('non-2xx answers come back as responses (no throw); observers see each call', async () => {
      const records: string[] = [];
      const stop = observeSandboxRequests((r) => records.push(`${r.identity}:${r.method}:${r.path}:${r.status}`));
      const res = await runInInvocation(inv('u-1'), () => api.asUser().requestJira(route`/rest/api/3/nothing`));
      stop();
      expect(res.ok).toBe(false);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('not found');
      expect(records).toEqual(['user:GET:/rest/api/3/nothing:404']);
      await runInInvocation(inv(), () => requestJira(assumeTrustedRoute('/rest/api/3/issue/CMP-1')));
      expect(seen[1]?.headers[SANDBOX_HEADERS.app]).toBeUndefined();
      expect(seen[1]?.headers[SANDBOX_HEADERS.accountId]).toBeUndefined();
    });
  });

  describe('authorize()', () => {
    it('checks issue permissions via /rest/api/3/permissions/check as the user', async () => {
      const allowed = await runInInvocation(inv('u-admin'), () => authorize().onJiraIssue(['10001']).canEdit?.());
      expect(allowed).toBe(true);
      const body = JSON.parse(seen[0]?.body ?? '{}') as unknown;
      expect(body).toEqual({ accountId: 'u-admin', projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: ['10001'] }] });
      expect(seen[0]?.headers[SANDBOX_HEADERS.accountId]).toBe('u-admin');
      const denied = await runInInvocation(inv('u-2'), () => authorize().onJiraIssue('10001').canEdit?.());
      expect(denied).toBe(false);
      expect(() => runInInvocation(inv(), () => authorize())).toThrow(/accountId/);
    });
  });

  describe('context and i18n', () => {
    it('getAppContext exposes the invocation id', () => {
      expect(runInInvocation(inv(), () => getAppContext().invocationId)).toBe('inv-1');
    });

    it('translations with dotted keys and fallback', async () => {
      configureTranslations({
        resources: { 'en-US': { validator: { owner: { error: 'Owner missing' } }, only: 'EN' }, 'zh-CN': { 'validator.owner.error': '缺少责任人' } },
        fallback: { default: 'en-US', 'zh-TW': ['zh-CN'] },
      });
      const zh = await i18n.createTranslationFunction('zh_CN');
      expect(zh('validator.owner.error')).toBe('缺少责任人');
      expect(zh('only')).toBe('EN');
      expect(zh('missing.key', 'dflt')).toBe('dflt');
      const tw = await i18n.createTranslationFunction('zh-TW');
      expect(tw('validator.owner.error')).toBe('缺少责任人');
      expect((await i18n.getTranslations('fr-FR')).locale).toBe('en-US');
    });
  });
});
