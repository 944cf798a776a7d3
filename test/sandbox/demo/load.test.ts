/**
 * The demo loader writes only through paths a real site has (issue 11): complaints created and
 * moved by their reporters over REST (the workflow's validator on), fields typed on create, in
 * the transition dialogs and by edits — never the app's `complaint` property, its read-only
 * fields, a derived class or severity, or a milestone. Milestones, classes and numbers are what
 * the live app's trigger makes of that history; complaint dates follow the day the demo loads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/app';
import type { DemoWrite } from '../../../sandbox/demo/load';
import { generateDemoComplaints } from '../../../sandbox/demo';
import { APP_FIELDS, DETAILS_FIELD_KEY, complaintFromFields, resolveFieldIds } from '../../../src/jira/fields';
import { classify, formatInstant, milestonesOnEnter, parseInstant, presetPolicy, statusIdFromName, type Milestones } from '../../../src/rules';

jest.setTimeout(300_000);

const LIMIT = 30;
let sandbox: Sandbox;
let dir: string;
const writes: DemoWrite[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kesu-demo-load-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, schedules: false, demoLimit: LIMIT, demoWrites: writes, log: () => undefined });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const basic = `Basic ${Buffer.from('admin@example.com:token').toString('base64')}`;
interface Issue {
  key: string;
  fields: Record<string, unknown>;
  properties?: { complaint?: { milestones?: Milestones; class?: string } };
  changelog?: { histories: { created: string; items: { field: string; toString: string | null }[] }[] };
}

async function all(): Promise<Issue[]> {
  const ids = resolveFieldIds(sandbox.jira.store.fields());
  const r = await fetch(`${sandbox.url}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { Authorization: basic, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ jql: 'issuetype = "客诉" ORDER BY created ASC', maxResults: 100, fields: ['status', 'project', 'created', ...Object.values(ids)], properties: ['complaint'], expand: 'changelog' }),
  });
  return ((await r.json()) as { issues: Issue[] }).issues;
}

describe('the demo loader', () => {
  it('writes only as users, only to issues, transitions and edits — nothing the app alone writes', () => {
    expect(writes.length).toBeGreaterThan(LIMIT);
    const ids = resolveFieldIds(sandbox.jira.store.fields());
    const appOnly = new Set([
      ...APP_FIELDS.filter((f) => f.readOnly).map((f) => ids[f.moduleKey]!),
      ids['complaint-class']!,
    ]);
    const bad = writes.filter((w) => {
      if (w.actor !== 'user' || /\/properties\//.test(w.path)) return true;
      const fields = (w.body as { fields?: Record<string, unknown> } | undefined)?.fields ?? {};
      if (Object.keys(fields).some((k) => appOnly.has(k))) return true;
      const details = fields[ids[DETAILS_FIELD_KEY]!] as Record<string, unknown> | undefined;
      return details !== undefined && 'actualCompletion' in details;
    });
    expect(bad.map((w) => `${w.actor} ${w.method} ${w.path}`)).toEqual([]);
    expect(writes.every((w) => w.actor === 'user' && /^\/rest\/api\/3\/issue(\/\d+(\/transitions)?)?$/.test(w.path))).toBe(true);
  });

  it('milestones are the times the statuses were entered (the changelog) or the date fields say; classes are derived by the app', async () => {
    const ids = resolveFieldIds(sandbox.jira.store.fields());
    const issues = await all();
    expect(issues.length).toBe(LIMIT);
    const abc = presetPolicy('auto-abc');
    const seen: { key: string; partNumber?: string | null; category?: string | null; class?: string | null; registeredAt?: string | null }[] = [];
    for (const issue of issues) {
      const c = complaintFromFields(issue.fields, ids);
      const m = issue.properties?.complaint?.milestones ?? {};
      expect(c.complaintNumber).toBeTruthy();
      // Each status milestone at the moment of the changelog entry that entered the status.
      const entered = new Map<string, number>();
      for (const h of [...(issue.changelog?.histories ?? [])].reverse()) {
        for (const i of h.items) {
          const s = i.field === 'status' ? statusIdFromName(i.toString) : null;
          if (s) for (const id of milestonesOnEnter(s)) if (!entered.has(id)) entered.set(id, parseInstant(h.created)!);
        }
      }
      for (const [id, at] of entered) {
        const fromField = { containment: c.containmentAt, '8d-done': c.eightDAt, 'follow-up': c.followUpAt, 'first-response': c.firstContactAt }[id as 'containment'];
        expect({ key: issue.key, id, at: parseInstant(m[id as keyof Milestones]!) }).toEqual({ key: issue.key, id, at: fromField ? parseInstant(fromField) : at });
      }
      // The same instant, written in the policy zone as every milestone is.
      if (c.containmentAt) expect(parseInstant(m.containment!)).toBe(parseInstant(c.containmentAt));
      if (issue.key.startsWith('QC')) {
        expect(c.class).toBe(classify(abc, c, seen.filter((s) => s.key.startsWith('QC'))).level);
        seen.push({ key: issue.key, partNumber: c.partNumber ?? null, category: c.category ?? null, class: c.class ?? null, registeredAt: c.registeredAt ?? null });
      }
      if ((issue.fields.status as { name: string }).name === '已结案') expect((issue.fields[ids[DETAILS_FIELD_KEY]!] as { actualCompletion?: string }).actualCompletion).toBeTruthy();
    }
  });

  it('dates are relative to the day the demo loads: complaints registered lately carry their own complaint dates', () => {
    const now = Date.now();
    const recent = generateDemoComplaints({ now: formatInstant(now, 'Asia/Shanghai') }).filter((d) => parseInstant(d.createdAt)! > now - 10 * 86_400_000);
    expect(recent.length).toBeGreaterThan(5);
    for (const d of recent) {
      const registered = parseInstant(d.complaint.registeredAt!)!;
      const complained = parseInstant(d.complaint.complaintAt!)!;
      expect(registered - complained).toBeLessThan(4 * 86_400_000); // the same or a recent working day
      expect(complained).toBeLessThanOrEqual(registered);
    }
    expect(new Set(recent.map((d) => d.complaint.complaintAt!.slice(0, 10))).size).toBeGreaterThan(2);
  });
});
