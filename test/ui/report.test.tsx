/** @jest-environment jsdom */
/** The figures computed in the browser (summary, Pareto, trend, monthly report) and the report tab. */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { GadgetRoot } from '../../src/ui/gadget/GadgetRoot';
import { monthlyReport, monthlyTrend, pareto, summarize, type LoadedRow } from '../../src/ui/gadget/stats';
import { BREACHED, bridge, context, page, preset, routeInvoke, row } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const policy = preset('general');
const ROWS: LoadedRow[] = [
  row(1, { complaintAt: '2026-03-02', part: 'P1' }, BREACHED),
  row(2, { complaintAt: '2026-03-09', part: 'P1', status: '已结案', actualCompletion: '2026-04-01' }, { status: 'met' }),
  row(3, { complaintAt: '2026-04-03', part: 'P2', status: 'Closed', actualCompletion: '2026-04-20' }, { status: 'met' }),
  { ...row(4, { complaintAt: '2026-04-10', part: 'P3' }, { status: 'at-risk', remainingMinutes: 30 }), facets: { category: 'quality', rootCauseCategory: null, disposition: 'exchange' } },
];

describe('browser-side figures', () => {
  it('summarises open, overdue, at risk and this month’s compliance', () => {
    expect(summarize(ROWS, new Date(2026, 3, 15))).toEqual({ rows: 4, open: 2, overdue: 1, atRisk: 1, compliance: 1 });
    expect(summarize(ROWS, new Date(2026, 2, 15)).compliance).toBe(0.5);
  });

  it('builds a Pareto with cumulative shares and an “other” tail', () => {
    expect(pareto(['P1', 'P1', 'P2', 'P3', null], 'Other', 2)).toEqual([
      { name: 'P1', count: 2, cumulative: 50 },
      { name: 'P2', count: 1, cumulative: 75 },
      { name: 'Other', count: 1, cumulative: 100 },
    ]);
  });

  it('counts received, closed and breached per month', () => {
    expect(monthlyTrend(ROWS)).toEqual([
      { month: '2026-03', received: 2, closed: 0, breached: 1 },
      { month: '2026-04', received: 2, closed: 2, breached: 0 },
    ]);
  });

  it('reports per month, with breakdowns only when rows carry facets', () => {
    const [april, march] = monthlyReport(ROWS, policy, 'zh-CN', { unknown: '未填', disposition: (id) => id });
    expect(april).toMatchObject({ month: '2026-04', received: 2, closed: 2, compliance: 1 });
    expect(april!.byCategory).toHaveLength(2);
    expect(april!.byCategory).toEqual(
      expect.arrayContaining([
        { key: '', label: '未填', count: 1 },
        { key: 'quality', label: '产品质量', count: 1 },
      ]),
    );
    expect(march).toMatchObject({ month: '2026-03', received: 2, closed: 0, compliance: 0.5, byCategory: null });
  });
});

describe('monthly report tab', () => {
  it('reads every page and shows one section per month, printable', async () => {
    bridge().view.getContext.mockResolvedValue(context({ entryPoint: 'view' }, 'zh-CN'));
    const invoke = routeInvoke({
      'policy/get': () => ({ policy, version: 1 }),
      'policy/scope': () => ({ policy, version: 1, scope: 'union' }),
      'tracking/page': (p) => ((p.query as { nextPageToken?: string }).nextPageToken ? page(ROWS.slice(2)) : page(ROWS.slice(0, 2), 'more')),
    });
    const print = jest.fn();
    Object.assign(window, { print });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('tab-report'));
    const april = await screen.findByTestId('report-month-2026-04');
    expect(within(april).getByTestId('report-received').textContent).toBe('2');
    expect(within(april).getByTestId('report-closed').textContent).toBe('2');
    expect(within(april).getByTestId('report-by-category').textContent).toContain('产品质量');
    expect(within(screen.getByTestId('report-month-2026-03')).getByTestId('report-compliance').textContent).toBe('50%');
    const pages = invoke.mock.calls.filter(([k, p]) => k === 'tracking/page' && (p as { query: { pageSize?: number } }).query.pageSize === 100);
    expect(pages).toHaveLength(2);
    fireEvent.click(screen.getByTestId('report-print'));
    expect(print).toHaveBeenCalled();
  });
});
