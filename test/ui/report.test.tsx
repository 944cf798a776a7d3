/** @jest-environment jsdom */
/**
 * The figures over the whole scope: the monthly report (a month, a year) and the charts ask the
 * server's counts (never every row), Pareto bars from counts, the strip's page fallback; the
 * export's progress bar and Cancel.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GadgetRoot } from '../../src/ui/gadget/GadgetRoot';
import { paretoBars, summarize } from '../../src/ui/gadget/stats';
import type { MonthlyReport } from '../../src/services/stats';
import { BREACHED, bridge, context, page, preset, routeInvoke, row } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const policy = preset('general');

function month(m: string, received: number, closed: number, closedLate: number): MonthlyReport['months'][number] {
  return { month: m, received, closed, closedLate, compliance: closed ? (closed - closedLate) / closed : null };
}

function report(from: string, to: string, months: MonthlyReport['months']): MonthlyReport {
  const sum = (k: 'received' | 'closed' | 'closedLate'): number => months.reduce((s, x) => s + x[k], 0);
  return {
    from,
    to,
    months,
    total: month(`${from}…${to}`, sum('received'), sum('closed'), sum('closedLate')),
    byCategory: [
      { key: 'quality', count: 40_000 },
      { key: '', count: 2 },
    ],
    byCause: [],
    byDisposition: [{ key: 'exchange', count: 7 }],
    calls: 29,
  };
}

function open(extra: Record<string, (p: Record<string, unknown>) => unknown>): jest.Mock {
  bridge().view.getContext.mockResolvedValue(context({ entryPoint: 'view' }, 'zh-CN'));
  return routeInvoke({
    'policy/get': () => ({ policy, version: 1 }),
    'policy/scope': () => ({ policy, version: 1, scope: 'union' }),
    'tracking/page': (p) => ((p.query as { nextPageToken?: string }).nextPageToken ? page([row(3)]) : page([row(1), row(2, {}, BREACHED)], 'more')),
    ...extra,
  });
}

const now = new Date();
const THIS_MONTH = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

describe('browser-side shaping', () => {
  it('builds Pareto bars from counts: largest first, cumulative share, a tail and the not-set bucket', () => {
    const label = (id: string): string => (id ? id.toUpperCase() : '未填');
    expect(
      paretoBars(
        [
          { key: 'b', count: 1 },
          { key: 'a', count: 5 },
          { key: '', count: 2 },
          { key: 'c', count: 2 },
          { key: 'z', count: 0 },
        ],
        label,
        '其他',
        2,
      ),
    ).toEqual([
      { name: 'A', count: 5, cumulative: 50 },
      { name: '未填', count: 2, cumulative: 70 },
      { name: '其他', count: 3, cumulative: 100 },
    ]);
  });

  it('falls back to the loaded page for the strip (open, overdue, at risk)', () => {
    expect(summarize([row(1, {}, BREACHED), row(2, { status: '已结案' }, { status: 'met' }), row(3, {}, { status: 'at-risk' })])).toEqual({ rows: 3, open: 2, overdue: 1, atRisk: 1 });
  });
});

describe('monthly report tab', () => {
  it('asks the server for this month, then for a whole year, and never reads every row', async () => {
    const invoke = open({
      'stats/report': (p) => {
        const { from, to } = p.range as { from: string; to: string };
        return from === to ? report(from, to, [month(from, 41_234, 39_870, 1_200)]) : report(from, to, [month(`${from.slice(0, 4)}-01`, 10, 8, 2), month(`${from.slice(0, 4)}-02`, 5, 4, 0)]);
      },
    });
    Object.assign(window, { print: jest.fn() });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('tab-report'));
    const row1 = await screen.findByTestId(`report-month-${THIS_MONTH}`);
    expect(within(row1).getByTestId('report-received').textContent).toBe('41234');
    expect(within(row1).getByTestId('report-closed-late').textContent).toBe('1200');
    expect(within(row1).getByTestId('report-compliance').textContent).toBe('97%');
    expect(screen.getByTestId('report-by-category').textContent).toContain('40000');
    expect(screen.getByTestId('report-by-category').textContent).toContain('未填');
    expect(screen.queryByText(/truncated|上限/)).toBeNull();

    fireEvent.change(screen.getByTestId('report-mode'), { target: { value: 'year' } });
    const total = await screen.findByTestId('report-total');
    expect(within(total).getByTestId('report-received').textContent).toBe('15');
    expect(within(total).getByTestId('report-compliance').textContent).toBe('83.3%');
    const asked = invoke.mock.calls.filter(([k]) => k === 'stats/report').map(([, p]) => (p as { range: unknown }).range);
    expect(asked).toEqual([
      { from: THIS_MONTH, to: THIS_MONTH },
      { from: `${THIS_MONTH.slice(0, 4)}-01`, to: `${THIS_MONTH.slice(0, 4)}-12` },
    ]);
    // Every figure came from the server's counts: the list was read one page, as displayed.
    expect(invoke.mock.calls.filter(([k, p]) => k === 'tracking/page' && (p as { query: { pageSize?: number } }).query.pageSize === 100)).toHaveLength(0);
  });

  it('says what failed and retries', async () => {
    let fail = true;
    open({ 'stats/report': () => (fail ? { ok: false, error: { code: 'internal', message: 'Jira answered 503' } } : report(THIS_MONTH, THIS_MONTH, [month(THIS_MONTH, 3, 1, 0)])) });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('tab-report'));
    expect((await screen.findByTestId('state-error')).textContent).toContain('Jira answered 503');
    fail = false;
    fireEvent.click(within(screen.getByTestId('state-error')).getByRole('button'));
    expect(within(await screen.findByTestId(`report-month-${THIS_MONTH}`)).getByTestId('report-received').textContent).toBe('3');
  });
});

describe('charts tab', () => {
  it('shows the Pareto by category or by cause from the server’s counts over the whole scope', async () => {
    const invoke = open({
      'stats/charts': () => ({
        total: 100_000,
        byCategory: [
          { key: 'quality', count: 60_000 },
          { key: 'delivery', count: 39_000 },
          { key: '', count: 1_000 },
        ],
        byCause: [{ key: 'design', count: 100_000 }],
        trend: [{ month: '2026-11', received: 1700, closed: 1600, breached: 30 }],
        calls: 57,
        from: '2025-12',
        to: '2026-11',
      }),
    });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('tab-charts'));
    expect((await screen.findByTestId('charts-note')).textContent).toContain('100000');
    const counts = screen.getByTestId('pareto-counts');
    expect(counts.textContent).toContain('60000 (60%)');
    expect(counts.textContent).toContain('未填: 1000 (100%)');
    fireEvent.change(screen.getByTestId('pareto-by'), { target: { value: 'cause' } });
    expect(screen.getByTestId('pareto-counts').textContent).toContain('100000 (100%)');
    expect(invoke.mock.calls.filter(([k]) => k === 'stats/charts')).toHaveLength(1);
    expect(invoke.mock.calls.filter(([k, p]) => k === 'tracking/page' && (p as { query: { pageSize?: number } }).query.pageSize === 100)).toHaveLength(0);
  });
});

describe('export progress', () => {
  it('shows a progress bar against the scope’s count and stops on Cancel without saving', async () => {
    let release: () => void = () => undefined;
    const second = new Promise<void>((r) => (release = r));
    const invoke = open({
      'tracking/count': () => ({ total: 300 }),
      'tracking/page': async (p) => {
        const q = p.query as { nextPageToken?: string; pageSize?: number };
        if (q.pageSize !== 100) return page([row(1)]);
        if (!q.nextPageToken) return page(Array.from({ length: 100 }, (_, i) => row(i + 1)), 'p2');
        await second;
        return page(Array.from({ length: 100 }, (_, i) => row(i + 101)), 'p3');
      },
    });
    const created = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-csv'));
    });
    const bar = (await screen.findByTestId('export-progress')) as HTMLProgressElement;
    await waitFor(() => expect(bar.getAttribute('value')).toBe('100'));
    expect(bar.getAttribute('max')).toBe('300');
    expect(screen.getByTestId('export-status').textContent).toBe('正在导出：100 / 300 条…');
    fireEvent.click(screen.getByTestId('export-cancel'));
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toContain('已取消导出'));
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect(created).not.toHaveBeenCalled();
    // Nothing was asked after the page in flight.
    expect(invoke.mock.calls.filter(([k, p]) => k === 'tracking/page' && (p as { query: { pageSize?: number } }).query.pageSize === 100)).toHaveLength(2);
  });
});
