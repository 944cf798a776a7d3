/**
 * Logs that diagnose without personal data: the end-to-end path on the sandbox — the demo site
 * provisioned by the app's own setup, every demo complaint through the issue trigger, new
 * complaints with a contact, failures injected so the retry and sweep paths log, the sweep, the
 * issue panel and the tracking list — with the log sink captured. Every line is one JSON object
 * with level, module and event; none carries a demo contact, phone number, customer or address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/app';
import { QC_CUSTOMERS } from '../../sandbox/demo/catalog-qc';
import { SV_CUSTOMERS } from '../../sandbox/demo/catalog-sv';
import { DEMO_USERS } from '../../sandbox/jira';
import { setLogSink } from '../../src/services/log';
import { sessionCookie } from './site';

jest.setTimeout(300_000);

let sandbox: Sandbox;
let dir: string;
const lines: string[] = [];
let restore: () => void;

const basic = (email: string): string => `Basic ${Buffer.from(`${email}:token`).toString('base64')}`;

function fieldId(moduleKey: string): string {
  const f = sandbox.jira.store.fields().find((x) => x.schema.custom?.endsWith(`/static/${moduleKey}`));
  if (!f) throw new Error(`no field ${moduleKey}`);
  return f.id;
}

const CONTACT = '林女士 139-1234-5678 福建省福州市仓山区建新镇金山大道 88 号';

beforeAll(async () => {
  restore = setLogSink((_level, line) => lines.push(line));
  dir = mkdtempSync(join(tmpdir(), 'kesu-logs-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, schedules: false, timeScaleMs: 2, log: () => undefined });

  const create = async (project: 'QC' | 'SV', customer: string): Promise<{ id: string; key: string }> => {
    const r = await fetch(`${sandbox.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { Authorization: basic('qe@example.com'), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: project },
          issuetype: { name: '客诉' },
          summary: `${customer} 投诉`,
          [fieldId('complaint-customer')]: customer,
          [fieldId('complaint-details')]: { contact: CONTACT, reply: `已致电 ${CONTACT}` },
          [fieldId('complaint-part-number')]: '3943450',
        },
      }),
    });
    expect(r.status).toBe(201);
    return (await r.json()) as { id: string; key: string };
  };
  // Failures on the way: the trigger retries, one complaint is left to the sweep.
  sandbox.jira.faults.inject({ kind: '503', count: 3, method: 'PUT', pathPrefix: '/rest/api/3/issue/' });
  const a = await create('QC', QC_CUSTOMERS[0]!.name);
  sandbox.jira.faults.inject({ kind: '500', count: 5, method: 'GET', pathPrefix: '/rest/api/3/issue/' });
  await create('SV', SV_CUSTOMERS[0]!.name);
  await sandbox.host.drain();
  sandbox.jira.faults.clear();
  // A read-only value written behind the app's back, then an update event.
  await fetch(`${sandbox.url}/rest/api/3/app/field/value`, {
    method: 'POST',
    headers: { 'x-sandbox-app': 'true', 'Content-Type': 'application/json' },
    body: JSON.stringify({ updates: [{ customField: fieldId('complaint-number'), issueIds: [Number(a.id)], value: CONTACT }] }),
  });
  const doc = sandbox.jira.store.doc(a.id)!;
  await sandbox.host.emitProductEvent({ eventType: 'avi:jira:updated:issue', selfGenerated: false, issue: structuredClone({ id: a.id, key: a.key, fields: doc.issue.fields }) });
  await sandbox.host.drain();
  // The sweep (with one failing item), the issue panel and the tracking list.
  sandbox.jira.faults.inject({ kind: '500', count: 1, method: 'GET', pathPrefix: '/rest/api/3/issue/' });
  await fetch(`${sandbox.url}/__sandbox/schedules/complaint-sla-sweep/run`, { method: 'POST', headers: { Cookie: sessionCookie('admin@example.com') } });
  await sandbox.host.drain();
  sandbox.jira.faults.clear();
  await sandbox.host.invokeResolver({ moduleKey: 'complaint-panel', call: 'panel/state', payload: {}, accountId: DEMO_USERS.qe.accountId, extension: { issue: { key: a.key } } });
  await sandbox.host.invokeResolver({ moduleKey: 'complaint-tracking-gadget', call: 'tracking/page', payload: { query: {} }, accountId: DEMO_USERS.qe.accountId });
  await sandbox.host.invokeResolver({ moduleKey: 'complaint-panel', call: 'panel/state', payload: { contact: CONTACT }, accountId: DEMO_USERS.qe.accountId, extension: { issue: { key: a.key } } });
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise((r) => setTimeout(r, 100)); // the KVS file's last deferred write
  restore?.();
  rmSync(dir, { recursive: true, force: true });
});

it('logs the lifecycle, its retries and the sweep as JSON lines with module, event and codes', () => {
  expect(lines.length).toBeGreaterThan(50);
  const parsed = lines.map((l) => JSON.parse(l) as { level: string; module: string; event: string; code?: string });
  for (const p of parsed) {
    expect(['debug', 'info', 'warn', 'error']).toContain(p.level);
    expect(p.module).toMatch(/^[a-z-]+$/);
    expect(p.event).toMatch(/^[a-z][a-z.-]*$/);
  }
  const events = new Set(parsed.map((p) => p.event));
  for (const e of ['complaint.numbered', 'complaint.state-written', 'trigger.retry', 'complaint.user-value-overwritten', 'sweep.started', 'sweep.finished', 'sweep.item-failed']) {
    expect(events).toContain(e);
  }
  expect(parsed.filter((p) => p.event === 'trigger.retry').every((p) => /^jira-50[03]$/.test(p.code ?? ''))).toBe(true);
});

it('carries no demo contact, phone number, customer name or address', () => {
  const text = lines.join('\n');
  const secrets = [
    ...QC_CUSTOMERS.flatMap((c) => [c.contact, c.name, c.contact.split(' ').pop()!]),
    ...SV_CUSTOMERS.flatMap((c) => [c.contact, c.name, c.contact.split(' ').pop()!]),
    CONTACT,
    '139-1234-5678',
    '金山大道',
  ];
  const hits = secrets.filter((s) => text.includes(s));
  expect(hits).toEqual([]);
  // Mainland mobile numbers in any spelling (not inside a uuid's hex groups).
  expect(text.match(/(?<![0-9a-f-])1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9a-f])/g) ?? []).toEqual([]);
});
