/** @jest-environment jsdom */
/**
 * The dashboard gadget: the tracking list from `tracking/page`, server-side sorting and paging,
 * filters, SLA lozenges, the edit view, zh-CN / en.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TRACKING_COLUMNS } from '../../src/rules/tracking';
import { GadgetRoot } from '../../src/ui/gadget/GadgetRoot';
import { BREACHED, bridge, context, page, preset, routeInvoke, row } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const ALL_COLUMNS = TRACKING_COLUMNS.map((c) => c.id);
const policy = preset('general');

function trackingCalls(): { query: Record<string, unknown>; offset: number }[] {
  return bridge()
    .invoke.mock.calls.filter(([key]) => key === 'tracking/page')
    .map(([, payload]) => payload as { query: Record<string, unknown>; offset: number });
}
const lastQuery = (): Record<string, unknown> => trackingCalls().at(-1)!.query;

function setup(
  extension: Record<string, unknown> = {},
  locale = 'zh-CN',
  pages?: Record<string, ReturnType<typeof page>>,
  extra: Record<string, (p: Record<string, unknown>) => unknown> = {},
): void {
  bridge().view.getContext.mockResolvedValue(context({ entryPoint: 'view', ...extension }, locale));
  routeInvoke({
    ...extra,
    'policy/get': () => ({ policy, version: 3 }),
    'policy/scope': () => ({ policy, version: 3, scope: 'union' }),
    'tracking/page': (p) => {
      const token = (p.query as { nextPageToken?: string }).nextPageToken ?? 'first';
      return pages?.[token] ?? page([row(1), row(2, { status: '已结案', closure: '已结案' }, { status: 'met' }), row(3, {}, BREACHED)], 'tok-2');
    },
  });
}

beforeEach(() => jest.clearAllMocks());

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(blob);
  });
}

describe('gadget list', () => {
  it('renders the rows of tracking/page under the §6 headers, in order', async () => {
    setup({ gadgetConfiguration: { columns: ALL_COLUMNS } });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    const headers = within(screen.getByTestId('tracking-table--head')).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(headers).toEqual([...TRACKING_COLUMNS.map((c) => c.label['zh-CN']), 'SLA']);
    expect(screen.getAllByTestId(/^tracking-row-/)).toHaveLength(3);
    expect(within(screen.getByTestId('tracking-row-QC-1')).getByTestId('cell-quantity').textContent).toBe('12 / 5000 PCS');
    expect(lastQuery()).toEqual({ config: { columns: ALL_COLUMNS }, filters: {}, pageSize: 25 });
  });

  it('shows the default column set when the configuration names none', async () => {
    setup();
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    const headers = within(screen.getByTestId('tracking-table--head')).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(headers.slice(0, 4)).toEqual(['序号', '客诉单编号', '客户名称', '投诉日期']);
    expect(headers).not.toContain('FMEA 编号&类似品水平展开料号');
  });

  it('shows an overdue row as a red (removed) lozenge with the overdue time', async () => {
    setup();
    render(<GadgetRoot />);
    const lozenge = await screen.findByTestId('sla-QC-3');
    expect(lozenge.getAttribute('data-sla-status')).toBe('breached');
    expect(lozenge.textContent).toBe('超期 2 天 3 小时');
    expect(screen.getByTestId('sla-QC-2').textContent).toBe('按时完成');
  });

  it('summarises the loaded rows: open, overdue, and says it is this page only', async () => {
    setup();
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    expect(screen.getByTestId('summary-open-value').textContent).toBe('2');
    expect(screen.getByTestId('summary-overdue-value').textContent).toBe('1');
    expect(screen.getByTestId('summary-note').textContent).toContain('3');
  });

  it('summarises the whole scope when the server counts it, and says so', async () => {
    const totals = { open: 57, overdue: 12, atRisk: 4 };
    setup({}, 'zh-CN', undefined, { 'tracking/summary': () => totals });
    render(<GadgetRoot />);
    await waitFor(() => expect(screen.getByTestId('summary-open-value').textContent).toBe('57'));
    expect(screen.getByTestId('summary-overdue-value').textContent).toBe('12');
    expect(screen.getByTestId('summary-at-risk-value').textContent).toBe('4');
    expect(screen.queryByTestId('summary-compliance')).toBeNull(); // the month's compliance is in the monthly report
    expect(screen.getByTestId('summary-note').textContent).toContain('全部客诉');
  });

  it('asks the server to sort when a sortable header is clicked', async () => {
    setup();
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(within(screen.getByTestId('tracking-table--head')).getByText('客诉单编号'));
    await waitFor(() => expect(lastQuery().sort).toEqual({ by: 'complaintNumber', dir: 'ASC' }));
    fireEvent.click(within(screen.getByTestId('tracking-table--head')).getByText('客诉单编号'));
    await waitFor(() => expect(lastQuery().sort).toEqual({ by: 'complaintNumber', dir: 'DESC' }));
    fireEvent.click(within(screen.getByTestId('tracking-table--head')).getByText('SLA'));
    await waitFor(() => expect(lastQuery().sort).toEqual({ by: 'nextDue', dir: 'ASC' }));
  });

  it('pages with nextPageToken and goes back with the token stack', async () => {
    setup({}, 'zh-CN', {
      first: page([row(1)], 'tok-2'),
      'tok-2': page([row(26, {}, {}, 'QC-26')], 'tok-3'),
      'tok-3': page([row(51, {}, {}, 'QC-51')], null),
    });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('page-next'));
    await screen.findByTestId('tracking-row-QC-26');
    expect(trackingCalls().at(-1)).toEqual({ query: expect.objectContaining({ nextPageToken: 'tok-2' }), offset: 25 });
    fireEvent.click(screen.getByTestId('page-next'));
    await screen.findByTestId('tracking-row-QC-51');
    expect(trackingCalls().at(-1)).toEqual({ query: expect.objectContaining({ nextPageToken: 'tok-3' }), offset: 50 });
    expect((screen.getByTestId('page-next') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('page-prev'));
    await screen.findByTestId('tracking-row-QC-26');
    expect(trackingCalls().at(-1)!.query.nextPageToken).toBe('tok-2');
    fireEvent.click(screen.getByTestId('page-prev'));
    await screen.findByTestId('tracking-row-QC-1');
    expect(trackingCalls().at(-1)!.query).not.toHaveProperty('nextPageToken');
    expect((screen.getByTestId('page-prev') as HTMLButtonElement).disabled).toBe(true);
  });

  it('changes the query when filters change, and starts again from the first page', async () => {
    setup();
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(lastQuery().nextPageToken).toBe('tok-2'));

    fireEvent.click(screen.getByTestId('filter-overdue--hidden-checkbox'));
    await waitFor(() => expect(lastQuery().filters).toEqual({ overdueOnly: true }));
    expect(lastQuery()).not.toHaveProperty('nextPageToken');

    const status = screen.getByLabelText('处理进度');
    fireEvent.keyDown(status, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('对策实施'));
    await waitFor(() => expect(lastQuery().filters).toEqual({ overdueOnly: true, statuses: ['corrective-action'] }));

    const dept = screen.getByLabelText('责任单位');
    fireEvent.keyDown(dept, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('技术部'));
    await waitFor(() => expect(lastQuery().filters).toMatchObject({ departments: ['engineering'] }));

    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-03-01' } });
    await waitFor(() => expect(lastQuery().filters).toMatchObject({ from: '2026-03-01' }));
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-02-01' } });
    expect(await screen.findByTestId('filter-date-error')).toBeTruthy();
    expect(lastQuery().filters).not.toHaveProperty('to');
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-03-31' } });
    await waitFor(() => expect(lastQuery().filters).toMatchObject({ from: '2026-03-01', to: '2026-03-31' }));

    fireEvent.click(screen.getByTestId('filter-clear'));
    await waitFor(() => expect(lastQuery().filters).toEqual({}));
  });

  it('opens the issue when a row is clicked', async () => {
    setup();
    render(<GadgetRoot />);
    fireEvent.click(await screen.findByTestId('tracking-row-QC-3'));
    expect(bridge().router.open).toHaveBeenCalledWith('/browse/QC-3');
  });

  it('shows the empty state, and the error state with a retry', async () => {
    setup({}, 'en', { first: page([]) });
    render(<GadgetRoot />);
    expect((await screen.findByTestId('state-empty')).textContent).toContain('No complaints match');

    bridge().invoke.mockImplementation(async (key: string) =>
      key === 'tracking/page' ? { ok: false, error: { code: 'jira', message: 'JQL 错误' } } : { ok: true, data: { policy, version: 1 } },
    );
    fireEvent.click(screen.getByTestId('refresh'));
    expect((await screen.findByTestId('state-error')).textContent).toContain('JQL 错误');
  });

  it('speaks English for an en-US user', async () => {
    setup({ gadgetConfiguration: { columns: ['no', 'complaintNumber', 'status'] } }, 'en-US', { first: page([row(1, { status: 'Investigating' }, BREACHED)]) });
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    const headers = within(screen.getByTestId('tracking-table--head')).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(headers).toEqual(['No.', 'Complaint number', 'Status', 'SLA']);
    expect(screen.getByTestId('sla-QC-1').textContent).toBe('Overdue 2 d 3 h');
    expect(screen.getByTestId('export-excel').textContent).toBe('Export to Excel');
    expect(screen.getByTestId('gadget-title').textContent).toBe('Complaint tracking list');
  });
});

describe('export', () => {
  it('fetches every page and downloads a CSV with both header rows', async () => {
    setup({}, 'zh-CN', { first: page([row(1)], 'tok-2'), 'tok-2': page([row(2, {}, BREACHED)], null) });
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: jest.fn((b: Blob) => (blobs.push(b), 'blob:x')), revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<GadgetRoot />);
    await screen.findByTestId('tracking-row-QC-1');
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-csv'));
    });
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('已导出 2 条'));
    const exportCalls = trackingCalls().filter((c) => (c.query as { pageSize?: number }).pageSize === 100);
    expect(exportCalls.map((c) => (c.query as { nextPageToken?: string }).nextPageToken)).toEqual([undefined, 'tok-2']);
    const csv = await readBlob(blobs[0]!);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.startsWith('序号,客诉单编号,客户名称,投诉日期')).toBe(true);
    expect(lines[1]!.startsWith('No.,Complaint number,Customer')).toBe(true);
    expect(lines[3]).toContain('超期 2 天 3 小时');
    expect(click).toHaveBeenCalled();
  });
});

describe('gadget configuration (edit view)', () => {
  it('submits a valid configuration', async () => {
    setup({ entryPoint: 'edit', gadgetConfiguration: { title: '二分厂客诉', projects: ['QC'] } });
    render(<GadgetRoot />);
    const title = (await screen.findByTestId('cfg-title')) as HTMLInputElement;
    expect(title.value).toBe('二分厂客诉');
    fireEvent.change(screen.getByTestId('cfg-projects'), { target: { value: 'qc, sv' } });
    fireEvent.click(screen.getByTestId('cfg-col-fmea--hidden-checkbox'));
    fireEvent.change(screen.getByTestId('cfg-refresh'), { target: { value: '15' } });
    fireEvent.click(screen.getByTestId('cfg-save'));
    await waitFor(() => expect(bridge().view.submit).toHaveBeenCalledTimes(1));
    const submitted = bridge().view.submit.mock.calls[0]![0] as Record<string, unknown>;
    expect(submitted).toEqual({
      title: '二分厂客诉',
      projects: ['QC', 'SV'],
      columns: ['no', 'complaintNumber', 'customer', 'complaintAt', 'part', 'defect', 'quantity', 'status', 'responsibleDepartment', 'fmea', 'closure', 'requestedCompletion', 'actualCompletion'],
      refresh: 15,
    });
  });

  it('refuses a bad configuration and says why, next to each field', async () => {
    setup({ entryPoint: 'edit' });
    render(<GadgetRoot />);
    await screen.findByTestId('cfg-title');
    fireEvent.change(screen.getByTestId('cfg-projects'), { target: { value: 'QC, 1X' } });
    fireEvent.change(screen.getByTestId('cfg-refresh'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByTestId('cfg-save'));
    expect((await screen.findByTestId('cfg-projects-error')).textContent).toContain('"1X" 不是项目键');
    expect(screen.getByTestId('cfg-refresh-error')).toBeTruthy();
    expect(screen.getByTestId('cfg-invalid')).toBeTruthy();

    fireEvent.click(screen.getByTestId('cfg-scope-jql'));
    fireEvent.change(screen.getByTestId('cfg-jql'), { target: { value: 'project = QC ORDER BY created' } });
    fireEvent.click(screen.getByTestId('cfg-save'));
    expect((await screen.findByTestId('cfg-jql-error')).textContent).toContain('ORDER BY');
    expect(bridge().view.submit).not.toHaveBeenCalled();
  });

  it('refuses a configuration without columns', async () => {
    setup({ entryPoint: 'edit', gadgetConfiguration: { columns: ['no'] } }, 'en');
    render(<GadgetRoot />);
    fireEvent.click(await screen.findByTestId('cfg-col-no--hidden-checkbox'));
    fireEvent.click(screen.getByTestId('cfg-save'));
    expect((await screen.findByTestId('cfg-columns-error')).textContent).toBe('Choose at least one column');
    expect(bridge().view.submit).not.toHaveBeenCalled();
  });
});
