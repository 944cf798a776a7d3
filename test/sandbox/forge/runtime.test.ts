import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ForgeHost, type InvocationRecord } from '../../../sandbox/forge/runtime';
import { SANDBOX_HEADERS } from '../../../sandbox/forge/context';
import * as fixture from './fixtures/index';

// App-style code in fixtures/index.ts imports the real package names; run it on the shims.
jest.mock('@forge/api', () => jest.requireActual('../../../sandbox/forge/api'));
jest.mock('@forge/kvs', () => jest.requireActual('../../../sandbox/forge/kvs'));
jest.mock('@forge/resolver', () => jest.requireActual('../../../sandbox/forge/resolver'));
jest.mock('@forge/events', () => jest.requireActual('../../../sandbox/forge/events'));

const MANIFEST = join(__dirname, 'fixtures', 'manifest.yml');

describe('sandbox Forge runtime host', () => {
  let server: Server;
  let baseUrl: string;
  const jiraRequests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  let host: ForgeHost;
  const records: InvocationRecord[] = [];
  const quietLogger = { warn: jest.fn(), error: jest.fn(), info: jest.fn() };

  beforeAll(async () => {
    server = createServer((req, res) => {
      jiraRequests.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ key: 'CMP-7', fields: { summary: '包装破损', labels: ['客诉'] } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  beforeEach(async () => {
    fixture.calls.length = 0;
    fixture.control.retriesWanted = 0;
    jiraRequests.length = 0;
    records.length = 0;
    host = await ForgeHost.load({
      manifestPath: MANIFEST,
      modules: { index: fixture },
      jiraBaseUrl: baseUrl,
      secret: 'host-secret',
      appAccountId: 'app-account',
      timeScaleMs: 0,
      onInvocation: (r) => records.push(r),
      logger: quietLogger,
    });
  });

  afterEach(async () => {
    await host.close();
  });

  it('fails fast on a handler that is not exported', async () => {
    await expect(ForgeHost.load({ manifestPath: MANIFEST, modules: { index: {} }, jiraBaseUrl: baseUrl, secret: 's' })).rejects.toThrow(/no exported function 'handler'/);
  });

  describe('resolvers', () => {
    it('invokes a resolver definition with Forge-shaped context inside an invocation', async () => {
      const r = (await host.invokeResolver({ moduleKey: 'cmp-panel', call: 'whoami', accountId: 'u-1', extension: { issue: { key: 'CMP-7' } } })) as Record<string, string>;
      expect(r['accountId']).toBe('u-1');
      expect(r['issueKey']).toBe('CMP-7');
      expect(r['moduleKey']).toBe('cmp-panel');
      expect(r['installContext']).toMatch(/^ari:cloud:jira::site\//);
      expect(r['localId']).toContain('cmp-panel');
      expect(r['invocationId']).toBe(records[0]?.invocationId);
      expect(records[0]).toMatchObject({ moduleKind: 'resolver', moduleKey: 'cmp-panel', functionKey: 'resolver', accountId: 'u-1', outcome: 'ok' });
    });

    it('bridge invoke: the account comes from the server, not from the browser body', async () => {
      const res = await host.handleBridgeInvoke(
        { functionKey: 'whoami', payload: {}, context: { moduleKey: 'cmp-panel', accountId: 'u-forged', extension: { issue: { key: 'CMP-9' } } } },
        'u-real',
      );
      expect(res.status).toBe(200);
      expect((res.body as { body: Record<string, string> }).body).toMatchObject({ accountId: 'u-real', issueKey: 'CMP-9' });
      const bad = await host.handleBridgeInvoke({ functionKey: 'nope', context: { moduleKey: 'cmp-panel' } }, 'u-real');
      expect(bad.status).toBe(500);
      expect((bad.body as { message: string }).message).toMatch(/no definition for 'nope'/);
    });

    it('requestJira from a resolver carries the invocation identity to the stand-in', async () => {
      const r = (await host.invokeResolver({ moduleKey: 'cmp-panel', call: 'getIssue', payload: { key: 'CMP-7' }, accountId: 'u-2' })) as { status: number };
      expect(r.status).toBe(200);
      expect(jiraRequests[0]?.url).toBe('/rest/api/3/issue/CMP-7?fields=summary%2Clabels');
      expect(jiraRequests[0]?.headers[SANDBOX_HEADERS.accountId]).toBe('u-2');
      expect(jiraRequests[0]?.headers[SANDBOX_HEADERS.secret]).toBe('host-secret');
      expect(jiraRequests[0]?.headers[SANDBOX_HEADERS.invocation]).toBe(records[0]?.invocationId);
    });

    it('concurrent resolver invocations get distinct invocation ids; the CAS counter stays gap-free', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => host.invokeResolver({ moduleKey: 'cmp-panel', call: 'nextNumber', accountId: 'u-1' })));
      expect((results as Array<{ n: number }>).map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(records.map((r) => r.invocationId)).size).toBe(20);
    });
  });

  describe('product-event triggers', () => {
    const complaintEvent = (key: string, extra: Record<string, unknown> = {}) => ({
      eventType: 'avi:jira:created:issue',
      atlassianId: 'u-1',
      issue: { key, fields: { issuetype: { name: 'Complaint' }, labels: ['客诉'] } },
      ...extra,
    });

    it('routes by event type and evaluates filter.expression', async () => {
      const report = await host.emitProductEvent(complaintEvent('CMP-1'));
      expect(report.filter((d) => d.delivered).map((d) => d.moduleKey).sort()).toEqual(['cmp-all-created', 'cmp-issue-events']);
      await host.emitProductEvent({ eventType: 'avi:jira:created:issue', issue: { key: 'BUG-1', fields: { issuetype: { name: 'Bug' } } } });
      await host.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'CMP-2', fields: { issuetype: { name: 'Complaint' }, labels: ['其他'] } } });
      await host.emitProductEvent({ eventType: 'avi:jira:deleted:issue', issue: { key: 'CMP-3' } });
      expect(fixture.calls.filter((c) => c.kind === 'onIssueEvent').map((c) => (c.data as { key: string }).key)).toEqual(['CMP-1']);
      expect(fixture.calls.filter((c) => c.kind === 'onAnyEvent').map((c) => (c.data as { key: string }).key)).toEqual(['CMP-1', 'BUG-1']);
      const trigger = records.find((r) => r.moduleKey === 'cmp-issue-events');
      expect(trigger).toMatchObject({ moduleKind: 'trigger', accountId: 'u-1' });
    });

    it('honours ignoreSelf for app-caused events (selfGenerated or the app account)', async () => {
      const r1 = await host.emitProductEvent(complaintEvent('CMP-4', { selfGenerated: true }));
      const r2 = await host.emitProductEvent(complaintEvent('CMP-5', { atlassianId: 'app-account' }));
      expect(r1.find((d) => d.moduleKey === 'cmp-issue-events')).toMatchObject({ delivered: false, reason: 'ignoreSelf' });
      expect(r2.find((d) => d.moduleKey === 'cmp-issue-events')).toMatchObject({ delivered: false, reason: 'ignoreSelf' });
      // the trigger without ignoreSelf still gets them, flagged selfGenerated, with no user identity
      expect(fixture.calls.filter((c) => c.kind === 'onAnyEvent')).toHaveLength(2);
      expect(records.filter((r) => r.moduleKey === 'cmp-all-created').every((r) => r.accountId === undefined)).toBe(true);
    });

    it('delivers each event twice and late when duplicates are switched on', async () => {
      host.setEventDelivery({ duplicate: true, delayMs: 10, duplicateDelayMs: 40 });
      const t0 = Date.now();
      const report = await host.emitProductEvent(complaintEvent('CMP-6'));
      expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
      expect(report.filter((d) => d.moduleKey === 'cmp-issue-events').map((d) => d.copy)).toEqual([0, 1]);
      const deliveries = fixture.calls.filter((c) => c.kind === 'onIssueEvent');
      expect(deliveries).toHaveLength(2);
      expect(deliveries[0]?.invocationId).not.toBe(deliveries[1]?.invocationId);
      // the handler is idempotent: the entity row exists once
      const seen = await (await import('../../../sandbox/forge/kvs')).kvs.entity('fixture-seen').query().index('by-issue', { partition: ['CMP-6'] }).getMany();
      expect(seen.results).toHaveLength(1);
    });

    it('fire-and-forget emit + drain()', async () => {
      host.setEventDelivery({ delayMs: 20 });
      void host.emitProductEvent(complaintEvent('CMP-8'));
      expect(fixture.calls).toHaveLength(0);
      await host.drain();
      expect(fixture.calls.map((c) => c.kind).sort()).toEqual(['onAnyEvent', 'onIssueEvent']);
    });

    it('retries when the handler returns InvocationError, with retryContext', async () => {
      fixture.control.retriesWanted = 2;
      const report = await host.emitProductEvent(complaintEvent('CMP-10'));
      expect(report.find((d) => d.moduleKey === 'cmp-all-created')?.attempts).toBe(3);
      expect(fixture.calls.filter((c) => c.kind === 'onAnyEvent').map((c) => (c.data as { retry: number }).retry)).toEqual([0, 1, 2]);
      expect(records.filter((r) => r.moduleKey === 'cmp-all-created').map((r) => r.outcome)).toEqual(['retry', 'retry', 'ok']);
    });
  });

  describe('scheduled triggers', () => {
    it('runs on demand and on a timer', async () => {
      await host.emitProductEvent({ eventType: 'avi:jira:created:issue', issue: { key: 'CMP-1', fields: { issuetype: { name: 'Complaint' }, labels: ['客诉'] } } });
      await host.runScheduled('cmp-sla-sweep');
      const sweep = fixture.calls.find((c) => c.kind === 'slaSweep');
      expect(sweep?.data).toEqual({ moduleKey: 'cmp-sla-sweep', seen: 1 });
      expect(records.find((r) => r.moduleKind === 'scheduledTrigger')?.accountId).toBeUndefined();

      const timed = await ForgeHost.load({
        manifestPath: MANIFEST,
        modules: { index: fixture },
        jiraBaseUrl: baseUrl,
        secret: 's',
        scheduleIntervalsMs: { fiveMinute: 15 },
      });
      timed.startSchedules();
      await new Promise((r) => setTimeout(r, 80));
      await timed.close();
      expect(fixture.calls.filter((c) => c.kind === 'slaSweep').length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('workflow validator', () => {
    it('passes the documented payload and returns { result, errorMessage }', async () => {
      const denied = await host.runValidator('cmp-owner-validator', {
        issueKey: 'CMP-12',
        configuration: JSON.stringify({ requiredField: 'assignee', locale: 'zh-CN' }),
        from: '10001',
        to: '10002',
        modifiedFields: { labels: null },
        accountId: 'u-1',
      });
      expect(denied).toEqual({ result: false, errorMessage: '必须指定责任人' });
      expect(fixture.calls[0]?.data).toEqual({
        issue: { key: 'CMP-12' },
        configuration: { requiredField: 'assignee', locale: 'zh-CN' },
        transition: { from: { id: '10001' }, to: { id: '10002' }, modifiedFields: { labels: null } },
      });
      const allowed = await host.runValidator('cmp-owner-validator', {
        issueKey: 'CMP-12',
        configuration: {},
        from: '10001',
        to: '10002',
        modifiedFields: { assignee: { accountId: 'u-3' } },
      });
      expect(allowed).toEqual({ result: true });
      expect(records.find((r) => r.moduleKind === 'jira:workflowValidator')?.accountId).toBe('u-1');
    });
  });

  describe('queues', () => {
    it('Queue.push from a resolver is delivered to the manifest consumer', async () => {
      const { jobId } = (await host.invokeResolver({ moduleKey: 'cmp-panel', call: 'enqueue', payload: { issueId: '10042' }, accountId: 'u-1' })) as { jobId: string };
      expect(typeof jobId).toBe('string');
      await host.drain();
      expect(fixture.calls.find((c) => c.kind === 'consume')?.data).toEqual({ body: { issueId: '10042' }, queueName: 'cmp-jobs' });
      expect(records.find((r) => r.moduleKind === 'consumer')?.moduleKey).toBe('cmp-consumer');
    });
  });
});
