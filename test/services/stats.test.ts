/**
 * Issue 13: the charts, the monthly report (a month, a year) and the summary strip equal a
 * brute-force count over the stand-in's store — on 2,000 complaints over five years in two
 * projects — and each user's figures cover only the projects that user may browse. (That the
 * calls stay the same from 1,000 to 100,000 complaints is what `npm run bench:scale` shows.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/app';
import { bulkLoadComplaints, saveScalePolicies } from '../../sandbox/demo/bulk';
import { DEMO_USERS } from '../../sandbox/jira';
import { getKvsBackend } from '../../sandbox/forge/kvs';
import { resolveFieldIds } from '../../src/jira/fields';
import { formatInstant, parseInstant } from '../../src/rules';
import type { ChartStats, Count, MonthlyReport } from '../../src/services/stats';
import type { ListSummary } from '../../src/services/tracking';
import { setLogSink } from '../../src/services/log';

jest.setTimeout(120_000);

let sandbox: Sandbox;
let dir: string;
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'kesu-stats-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, demo: false, schedules: false, log: () => undefined });
  bulkLoadComplaints(sandbox.jira, { count: 2000, policies: await saveScalePolicies(sandbox.host, DEMO_USERS.admin.accountId) });
  // 投诉日期 is optional: every tenth complaint has none and counts by its registration date.
  const ids = resolveFieldIds(sandbox.jira.store.fields());
  sandbox.jira.store.allIssues().forEach((i, n) => {
    if (n % 10 === 0) i.fields[ids['complaint-date']!] = null;
  });
});

afterAll(async () => {
  await sandbox?.close();
  await getKvsBackend().flush(); // a pending write of the storage file must land before its directory goes
  rmSync(dir, { recursive: true, force: true });
  restoreLog();
});

type Answer<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

async function ask<T>(call: string, payload: unknown, accountId: string): Promise<{ data: T; calls: number }> {
  const before = sandbox.host.invocations.length;
  const a = (await sandbox.host.invokeResolver({ moduleKey: 'complaint-tracking-gadget', call, payload, accountId, context: { locale: 'zh-CN' } })) as Answer<T>;
  if (!a.ok) throw new Error(`${call}: ${a.error.message}`);
  const calls = sandbox.host.invocations.slice(before).reduce((n, r) => n + sandbox.jira.stats.get(r.invocationId).calls, 0);
  return { data: a.data, calls };
}

/** The store, read directly: every complaint the user may browse, with what the figures use. */
function bruteForce(browse: '*' | string[]) {
  const store = sandbox.jira.store;
  const ids = resolveFieldIds(store.fields());
  const month = (v: unknown): string | null => {
    const ms = typeof v === 'string' ? parseInstant(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
    return ms === null ? null : formatInstant(ms, 'Asia/Shanghai').slice(0, 7);
  };
  return store
    .allIssues()
    .filter((i) => (i.fields.issuetype as { name?: string }).name === '客诉')
    .filter((i) => browse === '*' || browse.includes(store.issueProjectKey(i)))
    .map((i) => {
      const p = (i.properties.complaint ?? {}) as { slaState?: string; lateDays?: number };
      const done = store.issueStatus(i)?.statusCategory === 'DONE';
      return {
        received: month(i.fields[ids['complaint-date']!] ?? i.fields[ids['complaint-registered']!]),
        closed: done ? month(i.fields.resolutiondate) : null,
        done,
        slaState: p.slaState ?? null,
        late: (p.lateDays ?? 0) > 0,
        category: (i.fields[ids['complaint-category']!] as string | null) ?? '',
        cause: (i.fields[ids['complaint-root-cause']!] as string | null) ?? '',
        disposition: (i.fields[ids['complaint-disposition']!] as string | null) ?? '',
      };
    });
}

type Row = ReturnType<typeof bruteForce>[number];

/** Counts per key as the server reports them: named keys, the rest under ''. */
function countsOf(rows: Row[], pick: (r: Row) => string, named: string[]): Count[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = named.includes(pick(r)) ? pick(r) : '';
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m.entries()].map(([key, count]) => ({ key, count }));
}

const sorted = (c: Count[]): Count[] => [...c].sort((a, b) => a.key.localeCompare(b.key));
const thisMonth = formatInstant(Date.now(), 'Asia/Shanghai').slice(0, 7);
/** The latest month with complaints (the demo's dates end on a fixed day) and the year before it. */
const latest = (): string => bruteForce('*').reduce((m, r) => (r.received && r.received > m ? r.received : m), '');

describe.each([
  ['admin (all projects)', DEMO_USERS.admin.accountId, '*' as const],
  ['sales (SV only)', DEMO_USERS.sales.accountId, ['SV']],
])('figures over the whole scope for %s equal a brute-force count', (_who, accountId, browse) => {
  it('the summary strip', async () => {
    const rows = bruteForce(browse);
    const { data, calls } = await ask<ListSummary>('tracking/summary', { query: {} }, accountId);
    expect(data).toEqual({
      open: rows.filter((r) => !r.done).length,
      overdue: rows.filter((r) => !r.done && r.slaState === 'breached').length,
      atRisk: rows.filter((r) => r.slaState === 'at-risk').length,
    });
    expect(calls).toBeLessThanOrEqual(3);
  });

  it('the charts: Pareto by category and by cause, twelve months of trend', async () => {
    const rows = bruteForce(browse);
    const { data } = await ask<ChartStats & { from: string; to: string }>('stats/charts', { query: {} }, accountId);
    expect(data.total).toBe(rows.length);
    expect(data.to).toBe(thisMonth);
    expect(sorted(data.byCategory)).toEqual(sorted(countsOf(rows, (r) => r.category, data.byCategory.map((c) => c.key).filter((k) => k))));
    expect(sorted(data.byCause)).toEqual(sorted(countsOf(rows, (r) => r.cause, data.byCause.map((c) => c.key).filter((k) => k))));
    expect(data.trend).toHaveLength(12);
    for (const p of data.trend) {
      expect(p).toEqual({
        month: p.month,
        received: rows.filter((r) => r.received === p.month).length,
        closed: rows.filter((r) => r.closed === p.month).length,
        breached: rows.filter((r) => r.received === p.month && r.slaState === 'breached').length,
      });
    }
    expect(data.trend.reduce((s, p) => s + p.received, 0)).toBeGreaterThan(0);
  });

  it.each([['the latest month'], ['the year before it']])('the monthly report for %s', async (label) => {
    const month = latest();
    const year = String(Number(month.slice(0, 4)) - 1);
    const [from, to] = label === 'the latest month' ? [month, month] : [`${year}-01`, `${year}-12`];
    const rows = bruteForce(browse);
    const { data } = await ask<MonthlyReport>('stats/report', { query: {}, range: { from, to } }, accountId);
    for (const m of data.months) {
      const closed = rows.filter((r) => r.closed === m.month);
      expect(m).toEqual({
        month: m.month,
        received: rows.filter((r) => r.received === m.month).length,
        closed: closed.length,
        closedLate: closed.filter((r) => r.late).length,
        compliance: closed.length ? closed.filter((r) => !r.late).length / closed.length : null,
      });
    }
    expect(data.months).toHaveLength(from === to ? 1 : 12);
    const inRange = rows.filter((r) => r.received !== null && r.received >= from && r.received <= to);
    expect(data.total.received).toBe(inRange.length);
    expect(data.total.received).toBeGreaterThan(0);
    expect(sorted(data.byCategory)).toEqual(sorted(countsOf(inRange, (r) => r.category, data.byCategory.map((c) => c.key).filter((k) => k))));
    expect(sorted(data.byCause)).toEqual(sorted(countsOf(inRange, (r) => r.cause, data.byCause.map((c) => c.key).filter((k) => k))));
    expect(sorted(data.byDisposition)).toEqual(sorted(countsOf(inRange, (r) => r.disposition, data.byDisposition.map((c) => c.key).filter((k) => k))));
  });
});

it('refuses a range of more than 36 months, naming the field', async () => {
  const a = (await sandbox.host.invokeResolver({
    moduleKey: 'complaint-tracking-gadget',
    call: 'stats/report',
    payload: { query: {}, range: { from: '2020-01', to: '2026-12' } },
    accountId: DEMO_USERS.admin.accountId,
    context: { locale: 'en' },
  })) as Answer<unknown>;
  expect(a.ok).toBe(false);
  if (!a.ok) expect(a.error.message).toMatch(/range\.to/);
});

it('costs one Jira call for the first page, three for the strip, and as many for the charts at 500 as at 2,000 complaints', async () => {
  const admin = DEMO_USERS.admin.accountId;
  expect((await ask('tracking/page', { query: { pageSize: 25 } }, admin)).calls).toBe(1);
  expect((await ask('tracking/summary', { query: {} }, admin)).calls).toBe(3);
  const at2000 = await ask<ChartStats>('stats/charts', { query: {} }, admin);
  expect(at2000.calls).toBe(at2000.data.calls);
  // A smaller site: the same buckets, so the same calls.
  const dir2 = mkdtempSync(join(tmpdir(), 'kesu-stats-small-'));
  const small = await startSandbox({ port: 0, dataDir: dir2, reset: true, demo: false, schedules: false, log: () => undefined });
  try {
    bulkLoadComplaints(small.jira, { count: 500, policies: await saveScalePolicies(small.host, admin) });
    const before = small.host.invocations.length;
    await small.host.invokeResolver({ moduleKey: 'complaint-tracking-gadget', call: 'stats/charts', payload: { query: {} }, accountId: admin, context: { locale: 'zh-CN' } });
    const calls = small.host.invocations.slice(before).reduce((n, r) => n + small.jira.stats.get(r.invocationId).calls, 0);
    expect(calls).toBe(at2000.calls);
  } finally {
    await small.close();
    await getKvsBackend().flush();
    rmSync(dir2, { recursive: true, force: true });
  }
});
