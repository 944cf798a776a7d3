/** @jest-environment jsdom */
/** The admin page: setup wizard steps, the policy editor with the server's inline field errors. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminRoot } from '../../src/ui/admin/AdminRoot';
import { bridge, context, preset, routeInvoke } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const policy = preset('food');
const STEPS = [
  { id: 'permission', status: 'done', detail: 'Jira administrator' },
  { id: 'project', status: 'done', detail: 'QC (company-managed)' },
  { id: 'issue-type', status: 'unchanged', detail: '客诉 exists (10050)' },
  { id: 'workflow', status: 'failed', detail: 'Jira answered 400: status name in use' },
];
const DAYS = [
  { date: '2026-10-01', working: false, kind: 'holiday', name: { 'zh-CN': '国庆节', en: 'National Day' }, provisional: false },
  { date: '2026-10-02', working: false, kind: 'holiday', name: { 'zh-CN': '国庆节', en: 'National Day' }, provisional: false },
  { date: '2026-10-10', working: true, kind: 'makeup-workday', name: { 'zh-CN': '国庆节', en: 'National Day' }, provisional: false },
  { date: '2026-10-12', working: true, kind: 'workday', provisional: false },
];

function setup(locale = 'zh-CN', extra: Record<string, (p: Record<string, unknown>) => unknown> = {}): jest.Mock {
  bridge().view.getContext.mockResolvedValue(context({}, locale));
  return routeInvoke({
    'policy/get': () => ({ policy, version: 4 }),
    'calendar/month': () => DAYS,
    'setup/run': () => ({ ok: false, steps: STEPS }),
    ...extra,
  });
}

beforeEach(() => jest.clearAllMocks());

describe('setup wizard', () => {
  it('runs setup for the project and shows each step with its status and detail', async () => {
    const invoke = setup();
    render(<AdminRoot />);
    fireEvent.change(await screen.findByTestId('setup-project'), { target: { value: 'qc' } });
    fireEvent.click(screen.getByTestId('setup-run'));
    const failed = await screen.findByTestId('setup-step-workflow');
    expect(invoke).toHaveBeenCalledWith('setup/run', { projectKey: 'QC', locale: 'zh-CN' });
    expect(failed.getAttribute('data-status')).toBe('failed');
    expect(within(failed).getByText('失败')).toBeTruthy();
    expect(within(failed).getByTestId('setup-step-detail').textContent).toBe('Jira answered 400: status name in use');
    expect(screen.getByTestId('setup-step-issue-type').textContent).toContain('无需更改');
    expect(screen.getByTestId('setup-result').getAttribute('data-ok')).toBe('false');
    expect(screen.getByTestId('setup-run').textContent).toBe('重新运行');

    fireEvent.click(screen.getByTestId('setup-run'));
    await waitFor(() => expect(invoke.mock.calls.filter(([k]) => k === 'setup/run')).toHaveLength(2));
  });

  it('refuses a bad project key without calling the server, and shows a server refusal', async () => {
    const invoke = setup('en', { 'setup/run': () => ({ ok: false, error: { code: 'forbidden', message: 'Only Jira administrators can run setup' } }) });
    render(<AdminRoot />);
    fireEvent.change(await screen.findByTestId('setup-project'), { target: { value: '1QC' } });
    fireEvent.click(screen.getByTestId('setup-run'));
    expect((await screen.findByTestId('setup-project-error')).textContent).toContain('capital letter');
    expect(invoke.mock.calls.filter(([k]) => k === 'setup/run')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('setup-project'), { target: { value: 'QC' } });
    fireEvent.click(screen.getByTestId('setup-run'));
    expect((await screen.findByTestId('state-error')).textContent).toContain('Only Jira administrators can run setup');
  });
});

describe('policy editor', () => {
  async function openPolicy(locale = 'zh-CN', extra: Record<string, (p: Record<string, unknown>) => unknown> = {}): Promise<jest.Mock> {
    const invoke = setup(locale, extra);
    render(<AdminRoot />);
    fireEvent.click(await screen.findByTestId('tab-policy'));
    await screen.findByTestId('policy-editor');
    return invoke;
  }

  it('shows the policy: matrix grid, clocks, calendar with holidays and 调休, numbering preview', async () => {
    await openPolicy();
    expect(screen.getByTestId('policy-version').textContent).toBe('当前版本 4');
    expect((screen.getByTestId('matrix-category-quality-qa') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('matrix-category-quality-sales') as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByTestId(/^clock-row-/)).toHaveLength(policy.clocks.length);
    const holiday = await screen.findByTestId('day-2026-10-01');
    expect(holiday.getAttribute('data-kind')).toBe('holiday');
    expect(holiday.textContent).toContain('国庆节');
    expect(screen.getByTestId('day-2026-10-10').getAttribute('data-kind')).toBe('makeup-workday');
    expect(screen.getByTestId('numbering-preview').textContent).toMatch(/^预览：今天登记的第 7 件: \d{6}007$/);
  });

  it('updates the numbering preview live and explains a bad pattern', async () => {
    await openPolicy('en');
    fireEvent.change(screen.getByTestId('numbering-pattern'), { target: { value: 'KS-{YYYY}{MM}-{SEQ:4}' } });
    expect(screen.getByTestId('numbering-preview').textContent).toMatch(/KS-\d{6}-0007$/);
    fireEvent.change(screen.getByTestId('numbering-pattern'), { target: { value: 'KS-{MM}{SEQ:3}' } });
    expect(screen.getByTestId('numbering-preview').getAttribute('data-ok')).toBe('false');
    expect(screen.getByTestId('numbering-preview').textContent).toContain('must contain the year');
  });

  it('sends the edited policy and shows policy/save issues next to their fields', async () => {
    const save = jest.fn(() => ({
      ok: false,
      error: {
        code: 'invalid-policy',
        message: '…',
        issues: [
          { field: 'policy.matrix.byCategory', rule: 'required', message: { 'zh-CN': '分类 "quality" 没有责任部门', en: 'category "quality" has no responsible department' } },
          { field: 'policy.clocks.0.duration.amount', rule: 'format', message: { 'zh-CN': '以天计的时限须为整数', en: 'a duration in days must be a whole number' } },
          { field: 'policy.finePerLateDay', rule: 'range', message: { 'zh-CN': '须 ≥ 0', en: 'must be ≥ 0' } },
        ],
      },
    }));
    const invoke = await openPolicy('zh-CN', { 'policy/save': save });
    fireEvent.click(screen.getByTestId('matrix-category-quality-qa'));
    fireEvent.click(screen.getByTestId('matrix-category-quality-production'));
    fireEvent.change(screen.getByTestId('clocks-0-amount'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('policy-save'));

    const matrixIssues = await screen.findByTestId('issues-matrix');
    expect(within(matrixIssues).getByText(/没有责任部门/)).toBeTruthy();
    expect(within(screen.getByTestId('issues-clocks')).getByTestId('policy-issue').getAttribute('data-field')).toBe('policy.clocks.0.duration.amount');
    expect(within(screen.getByTestId('issues-other')).getByText(/须 ≥ 0/)).toBeTruthy();
    expect(screen.getByTestId('policy-message').getAttribute('data-kind')).toBe('error');

    const sent = invoke.mock.calls.find(([k]) => k === 'policy/save')![1] as { policy: typeof policy };
    expect(sent.policy.matrix.byCategory.quality).toEqual([]);
    expect(sent.policy.clocks[0]!.duration.amount).toBe(2.5);
  });

  it('saves a valid policy and reports the new version', async () => {
    await openPolicy('en', { 'policy/save': () => ({ version: 5 }) });
    fireEvent.change(screen.getByTestId('departments-0-en'), { target: { value: 'Sales dept.' } });
    fireEvent.click(screen.getByTestId('policy-save'));
    expect((await screen.findByTestId('policy-message')).textContent).toBe('Saved as version 5');
    expect(screen.getByTestId('policy-version').textContent).toBe('Version 5');
  });

  it("edits a project's own policy: loads it with the project key and saves it there", async () => {
    const invoke = await openPolicy('en', {
      'policy/get': (p) => ({ policy, version: p.projectKey === 'SV' ? 2 : 4, scope: p.projectKey === 'SV' ? 'project-SV' : 'default' }),
      'policy/save': () => ({ version: 3 }),
    });
    fireEvent.change(screen.getByTestId('policy-scope'), { target: { value: 'sv' } });
    fireEvent.click(screen.getByTestId('policy-scope-apply'));
    expect((await screen.findByTestId('policy-scope-label')).textContent).toBe("Project SV's own policy");
    expect(invoke).toHaveBeenCalledWith('policy/get', { projectKey: 'SV' });
    fireEvent.click(await screen.findByTestId('policy-save'));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('policy/save', expect.objectContaining({ projectKey: 'SV' })));
  });

  it('renames a department everywhere the matrix uses it, and removes a category with its matrix row', async () => {
    const invoke = await openPolicy('en', { 'policy/save': () => ({ version: 5 }) });
    const qaIndex = policy.departments.findIndex((d) => d.id === 'qa');
    fireEvent.change(screen.getByTestId(`departments-${qaIndex}-id`), { target: { value: 'quality-dept' } });
    const suggestion = policy.categories.findIndex((c) => c.id === 'suggestion');
    fireEvent.click(screen.getByTestId(`categories-${suggestion}-remove`));
    fireEvent.click(screen.getByTestId('policy-save'));
    await screen.findByTestId('policy-message');
    const sent = (invoke.mock.calls.find(([k]) => k === 'policy/save')![1] as { policy: typeof policy }).policy;
    expect(sent.matrix.byCategory.quality).toEqual(['quality-dept', 'production']);
    expect(sent.matrix.byCategory).not.toHaveProperty('suggestion');
    expect(sent.categories.map((c) => c.id)).not.toContain('suggestion');
  });

  it('imports a policy from a JSON file', async () => {
    await openPolicy('en');
    const imported = { ...policy, name: { 'zh-CN': '导入方案', en: 'Imported policy' } };
    const file = new File([JSON.stringify({ policy: imported, version: 9 })], 'p.json', { type: 'application/json' });
    fireEvent.change(screen.getByTestId('policy-import'), { target: { files: [file] } });
    await waitFor(() => expect((screen.getByTestId('policy-name-en') as HTMLInputElement).value).toBe('Imported policy'));
    expect(screen.getByTestId('policy-message').textContent).toBe('Imported; review it and save');

    fireEvent.change(screen.getByTestId('policy-import'), { target: { files: [new File(['{oops'], 'bad.json')] } });
    await waitFor(() => expect(screen.getByTestId('policy-message').textContent).toMatch(/^The file is not valid JSON/));
  });
});
