import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { compileFilterExpression, ExpressionEvalError, ExpressionParseError } from '../../../sandbox/forge/filter-expression';
import { Queue, configureQueues, drainQueues, queueLog, InvocationError, InvocationErrorCode, TooManyEventsError, InvalidQueueNameError, InvalidPushSettingsError, type AsyncEvent } from '../../../sandbox/forge/events';
import Resolver, { makeResolver } from '../../../sandbox/forge/resolver';

describe('filter expressions', () => {
  const ev = { issue: { key: 'CMP-1', fields: { issuetype: { name: 'Complaint' }, labels: ['客诉', 'x'], priority: null, count: 3 } } };
  const run = (src: string): unknown => compileFilterExpression(src)({ event: ev });

  it('evaluates the supported subset', () => {
    expect(run("event.issue.fields?.issuetype?.name == 'Complaint'")).toBe(true);
    expect(run('event.issue.fields.issuetype.name != "Complaint"')).toBe(false);
    expect(run("event.issue.fields.labels.includes('客诉') && !(event.issue.fields.count > 5)")).toBe(true);
    expect(run("event.issue['key'] == 'CMP-2' || event.issue.fields.labels.length == 2")).toBe(true);
    expect(run('event.issue.fields.priority?.name == null')).toBe(true);
    expect(run('event.issue.fields.missing?.name == null')).toBe(true);
  });

  it('rejects unsupported syntax and reports evaluation errors', () => {
    expect(() => compileFilterExpression('issue.key == 1')).toThrow(ExpressionParseError);
    expect(() => compileFilterExpression("event.issue.key.match('x')")).toThrow(ExpressionParseError);
    expect(() => compileFilterExpression('event.issue.key = 1')).toThrow(ExpressionParseError);
    expect(() => run('event.issue.fields.priority.name == null')).toThrow(ExpressionEvalError);
    expect(() => run("event.issue.fields.count > 'a'")).toThrow(ExpressionEvalError);
  });
});

describe('sandbox @forge/events Queue', () => {
  afterEach(async () => {
    await drainQueues();
  });

  it('validates like the real client', async () => {
    expect(() => new Queue({ key: 'bad name!' })).toThrow(InvalidQueueNameError);
    const q = new Queue({ key: 'jobs' });
    await expect(q.push(Array.from({ length: 51 }, () => ({ body: {} })))).rejects.toThrow(TooManyEventsError);
    await expect(q.push({ body: {}, delayInSeconds: 901 })).rejects.toThrow(InvalidPushSettingsError);
  });

  it('delivers asynchronously, retries InvocationError and thrown errors, tracks job stats', async () => {
    const seen: AsyncEvent[] = [];
    configureQueues({
      timeScaleMs: 0,
      maxRetries: 2,
      deliverer: async (_queue, event) => {
        seen.push(event);
        if (event.body['mode'] === 'retry-once' && !event.retryContext) {
          return new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { a: 1 } });
        }
        if (event.body['mode'] === 'always-throw') throw new Error('boom');
        return undefined;
      },
    });
    const q = new Queue({ key: 'jobs' });
    const { jobId } = await q.push([{ body: { mode: 'ok' } }, { body: { mode: 'retry-once' } }, { body: { mode: 'always-throw' } }]);
    expect(seen).toHaveLength(0); // not delivered synchronously
    await drainQueues();
    expect(await q.getStats(jobId)).toEqual({ success: 2, inProgress: 0, failed: 1 });
    const retried = seen.filter((e) => e.body['mode'] === 'retry-once');
    expect(retried[1]?.retryContext).toEqual({ retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { a: 1 } });
    expect(seen.filter((e) => e.body['mode'] === 'always-throw')).toHaveLength(3);
    expect(queueLog().some((l) => l.outcome === 'failed')).toBe(true);
  });

  it('honours concurrency { key, limit }', async () => {
    let running = 0;
    let max = 0;
    configureQueues({
      timeScaleMs: 0,
      deliverer: async () => {
        running++;
        max = Math.max(max, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    await new Queue({ key: 'serial' }).push(Array.from({ length: 6 }, (_, i) => ({ body: { i }, concurrency: { key: 'cn-2026', limit: 1 } })));
    await drainQueues();
    expect(max).toBe(1);
  });
});

describe('sandbox @forge/resolver', () => {
  it('behaves like the real Resolver', async () => {
    const r = new Resolver().define('a', ({ payload, context }) => ({ payload: payload as unknown, who: context.accountId as string, d: new Date(0) }));
    expect(() => r.define('a', () => 'x')).toThrow(/already exists/);
    const h = r.getDefinitions();
    expect(await h({ call: { functionKey: 'a' }, context: { accountId: 'forged' } }, { principal: { accountId: 'u-1' } })).toEqual({
      payload: {},
      who: 'u-1',
      d: '1970-01-01T00:00:00.000Z',
    });
    await expect(h({ call: { functionKey: 'zz' }, context: {} })).rejects.toThrow(/no definition/);
    const m = makeResolver<{ ping: (p: { n: number }) => number }>({ ping: ({ payload }) => payload.n + 1 });
    expect(await m({ call: { functionKey: 'ping', payload: { n: 1 } }, context: {} })).toBe(2);
  });
});

describe('register.ts (Module._resolveFilename hook under tsx)', () => {
  it('maps @forge/* to the shims and leaves deep imports alone', () => {
    const root = join(__dirname, '..', '..', '..');
    const script = [
      "require('./sandbox/forge/register');",
      "const kvs = require('@forge/kvs');",
      "const api = require('@forge/api');",
      "const ev = require('@forge/events');",
      "const res = require('@forge/resolver');",
      "const deep = require('@forge/kvs/out/errors');",
      'console.log(JSON.stringify({ kvs: typeof kvs.configureKvs, api: typeof api.observeSandboxRequests, ev: typeof ev.drainQueues, res: typeof res.default, same: kvs.ForgeKvsAPIError === deep.ForgeKvsAPIError }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop() ?? '{}')).toEqual({ kvs: 'function', api: 'function', ev: 'function', res: 'function', same: true });
  }, 30_000);

  it('exports a jest moduleNameMapper', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mapper is a CommonJS config file
    const { forgeSandboxMapper, forgeBridgeMapper } = require('../../../sandbox/forge/jest-mapper') as Record<string, Record<string, string>>;
    expect(Object.keys(forgeSandboxMapper ?? {})).toEqual(['^@forge/api$', '^@forge/kvs$', '^@forge/resolver$', '^@forge/events$']);
    expect(forgeBridgeMapper?.['^@forge/bridge$']).toBe('<rootDir>/sandbox/forge/bridge/index.ts');
  });
});

describe('@forge/bridge shim', () => {
  let server: Server;
  let baseUrl: string;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url === '/__sandbox/invoke') {
          bodies.push(JSON.parse(body));
          res.end(JSON.stringify({ body: { ok: true } }));
        } else if (req.url === '/__sandbox/translations') {
          res.end(JSON.stringify({ resources: { 'en-US': { hi: 'Hello' }, 'zh-CN': { hi: '你好' } }, fallback: { default: 'en-US' } }));
        } else res.end(JSON.stringify({ path: req.url }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    (globalThis as unknown as { window: unknown }).window = {
      __FORGE_SANDBOX_ORIGIN__: baseUrl,
      __FORGE_SANDBOX_CONTEXT__: { moduleKey: 'cmp-panel', localId: 'L1', locale: 'zh-CN', extension: { issue: { key: 'CMP-1' } } },
      location: { origin: baseUrl, search: '' },
    };
  });

  afterAll(async () => {
    delete (globalThis as unknown as { window?: unknown }).window;
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('invoke posts to /__sandbox/invoke with the module context; requestJira and i18n use the same origin', async () => {
    const bridge = await import('../../../sandbox/forge/bridge/index');
    expect(await bridge.invoke('whoami', { a: 1 })).toEqual({ ok: true });
    expect(bodies[0]).toEqual({ functionKey: 'whoami', payload: { a: 1 }, context: { moduleKey: 'cmp-panel', localId: 'L1', extension: { issue: { key: 'CMP-1' } }, locale: 'zh-CN' } });
    expect((await bridge.view.getContext()).moduleKey).toBe('cmp-panel');
    const res = await bridge.requestJira('/rest/api/3/myself');
    expect(await res.json()).toEqual({ path: '/rest/api/3/myself' });
    const t = await bridge.i18n.createTranslationFunction();
    expect(t('hi')).toBe('你好');
    expect((await bridge.i18n.getTranslations('fr-FR')).locale).toBe('en-US');
    const got: unknown[] = [];
    const sub = await bridge.events.on('refresh', (p) => got.push(p));
    await bridge.events.emit('refresh', { n: 1 });
    sub.unsubscribe();
    await bridge.events.emit('refresh', { n: 2 });
    expect(got).toEqual([{ n: 1 }]);
  });
});
