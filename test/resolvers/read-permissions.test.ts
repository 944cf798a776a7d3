/**
 * Reads follow Jira's permissions, on the sandbox (real manifest and resolver, the Jira
 * stand-in deciding who may browse what): a sales clerk, who may browse SV only, reads no QC
 * policy, calendar, option list or history; the policy history answers to Jira administrators
 * only, naming savers by display name, never by account id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/app';
import { DEMO_USERS } from '../../sandbox/jira';
import { presetPolicy } from '../../src/rules';

jest.setTimeout(120_000);

let sandbox: Sandbox;
let dir: string;

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

async function as(user: keyof typeof DEMO_USERS, call: string, payload: unknown, locale = 'en-US'): Promise<Answer> {
  return (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call, payload, accountId: DEMO_USERS[user].accountId, context: { locale } })) as Answer;
}

const optionIds = (a: Answer): string[] => (a.ok ? (a.data as { options: { id: string }[] }).options.map((o) => o.id) : []);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kesu-reads-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, demo: false, schedules: false, log: () => undefined });
  // The site runs `general`; QC has a policy of its own (auto-abc, classes A/B/C), SV the food preset.
  expect(await as('admin', 'policy/save', { policy: presetPolicy('general') })).toMatchObject({ ok: true });
  expect(await as('admin', 'policy/save', { policy: presetPolicy('auto-abc'), projectKey: 'QC' })).toMatchObject({ ok: true });
  expect(await as('qe', 'policy/save', { policy: presetPolicy('auto-abc'), projectKey: 'QC' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await as('admin', 'policy/save', { policy: presetPolicy('food'), projectKey: 'SV' })).toMatchObject({ ok: true });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('as sales (may browse SV only)', () => {
  it('reads no QC policy, calendar or option list, in the user’s language', async () => {
    for (const [call, payload] of [
      ['policy/get', { projectKey: 'QC' }],
      ['calendar/month', { projectKey: 'QC', year: 2026, month: 10 }],
      ['field/options', { fieldKey: 'complaint-class', projectKey: 'QC' }],
      ['field/options', { fieldKey: 'complaint-department', projectKey: 'QC' }],
    ] as const) {
      const r = await as('sales', call, payload);
      expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'You do not have permission to browse project QC' } });
    }
    const zh = await as('sales', 'policy/get', { projectKey: 'QC' }, 'zh-CN');
    expect(zh).toMatchObject({ ok: false, error: { message: '您没有浏览项目 QC 的权限' } });
  });

  it('reads no policy history at all (administrators only), not even of SV', async () => {
    for (const projectKey of ['QC', 'SV', null]) {
      expect(await as('sales', 'policy/history', projectKey ? { projectKey } : {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('gets nothing of QC through the union of policies, even when naming QC', async () => {
    const r = await as('sales', 'policy/scope', { projects: ['QC', 'SV'] });
    if (!r.ok) throw new Error(r.error.message);
    const severities = (r.data as { policy: { severities: { id: string }[] } }).policy.severities.map((s) => s.id);
    const abcOnly = presetPolicy('auto-abc').severities.map((s) => s.id).filter((id) => !presetPolicy('general').severities.some((s) => s.id === id) && !presetPolicy('food').severities.some((s) => s.id === id));
    expect(abcOnly.length).toBeGreaterThan(0);
    for (const id of abcOnly) expect(severities).not.toContain(id);
    // SV, which sales may browse, is in the union (its food-preset departments).
    const departments = (r.data as { policy: { departments: { id: string }[] } }).policy.departments.map((d) => d.id);
    expect(departments).toEqual(expect.arrayContaining(['ecommerce', 'logistics', 'vp']));
  });

  it('still reads SV and the site default', async () => {
    expect(await as('sales', 'policy/get', { projectKey: 'SV' })).toMatchObject({ ok: true, data: { scope: 'project-SV' } });
    expect(optionIds(await as('sales', 'field/options', { fieldKey: 'complaint-department', projectKey: 'SV' }))).toEqual(presetPolicy('food').departments.map((d) => d.id));
    expect(await as('sales', 'calendar/month', { year: 2026, month: 10, projectKey: 'SV' })).toMatchObject({ ok: true });
    expect(await as('sales', 'policy/get', {})).toMatchObject({ ok: true });
  });
});

describe('as qe (may browse QC and SV) and as admin', () => {
  it('qe reads the QC policy and option lists, not the history', async () => {
    expect(optionIds(await as('qe', 'field/options', { fieldKey: 'complaint-class', projectKey: 'QC' }))).toEqual(['A', 'B', 'C']);
    expect(await as('qe', 'policy/history', { projectKey: 'QC' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the history names who saved each version by display name, never by account id', async () => {
    const r = await as('admin', 'policy/history', { projectKey: 'QC' });
    if (!r.ok) throw new Error(r.error.message);
    const entries = r.data as { version: number; savedBy: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.savedBy).toBe(DEMO_USERS.admin.displayName);
    expect(JSON.stringify(r.data)).not.toContain(DEMO_USERS.admin.accountId);
  });
});
