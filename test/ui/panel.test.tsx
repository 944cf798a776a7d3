/** @jest-environment jsdom */
/** The issue panel: clocks with their state, class and reasons, department, what the next transitions need. */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { PanelRoot } from '../../src/ui/panel/PanelRoot';
import type { PanelState } from '../../src/ui/shared/types';
import { bridge, context, preset, routeInvoke } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const policy = preset('auto-abc');

const STATE: PanelState = {
  issueKey: 'QC-7',
  status: 'investigating',
  complaintNumber: '260305007',
  clocks: [
    {
      id: 'abc.report-a',
      label: { 'zh-CN': 'A 类首次报告', en: 'First report, class A' },
      start: '2026-03-05T09:00:00+08:00',
      due: '2026-03-06T09:00:00+08:00',
      stoppedAt: null,
      status: 'breached',
      overdueMinutes: 1440 + 120,
      lateDays: 2,
      overdue: { amount: 26, unit: 'hours' },
      remainingMinutes: 0,
      provisional: false,
      escalate: false,
    },
    {
      id: 'abc.inform-a',
      label: { 'zh-CN': '重大信息传递', en: 'Major information passed on' },
      start: '2026-03-05T09:00:00+08:00',
      due: '2026-03-05T11:00:00+08:00',
      stoppedAt: '2026-03-05T10:00:00+08:00',
      status: 'met',
      overdueMinutes: 0,
      lateDays: 0,
      overdue: { amount: 0, unit: 'hours' },
      remainingMinutes: 0,
      provisional: false,
      escalate: false,
    },
  ],
  classification: { field: 'class', level: 'A', reasons: ['line-stop', 'loss>=5000'] },
  department: 'sales',
  allowedDepartments: [{ id: 'qa', label: { 'zh-CN': '质量部', en: 'QA' } }],
  next: [
    {
      to: 'corrective-action',
      name: { 'zh-CN': '对策实施', en: 'Corrective action' },
      ok: false,
      violations: [
        {
          field: 'containmentAt',
          rule: 'required',
          message: { 'zh-CN': '「3D 完成时间」为必填项（规则：required）', en: '3D completion is required (rule: required)' },
        },
      ],
    },
  ],
  milestones: { registered: '2026-03-05T09:00:00+08:00' },
  lateDays: 2,
};

function setup(locale: string, answer: unknown = STATE): void {
  bridge().view.getContext.mockResolvedValue(context({ issue: { id: '10007', key: 'QC-7' } }, locale));
  routeInvoke({ 'panel/state': () => answer, 'policy/get': () => ({ policy, version: 1 }) });
}

beforeEach(() => jest.clearAllMocks());

describe('issue panel', () => {
  it('shows a breached clock in red with its overdue time, and the violations in Chinese', async () => {
    setup('zh-CN');
    render(<PanelRoot />);
    const breached = await screen.findByTestId('clock-abc.report-a');
    expect(breached.getAttribute('data-clock-status')).toBe('breached');
    expect(within(breached).getByTestId('clock-lozenge-abc.report-a').getAttribute('data-sla-status')).toBe('breached');
    expect(within(breached).getByTestId('clock-lozenge-abc.report-a').textContent).toBe('超期 1 天 2 小时');
    expect(within(breached).getByText('2026-03-06 09:00')).toBeTruthy();
    expect(screen.getByTestId('clock-lozenge-abc.inform-a').textContent).toBe('按时完成');

    const next = screen.getByTestId('next-corrective-action');
    expect(next.getAttribute('data-ok')).toBe('false');
    expect(within(next).getByTestId('violation').textContent).toBe('「3D 完成时间」为必填项（规则：required）');
    expect(screen.getByTestId('reason-line-stop').textContent).toBe('主机厂停线');
    expect(screen.getByTestId('reason-loss>=5000').textContent).toBe('损失金额 ≥ 5000 元');
    expect(screen.getByTestId('panel-department').textContent).toContain('不在责任矩阵允许的部门之内');
    expect(screen.getByTestId('panel-allowed').textContent).toContain('质量部');
    expect(screen.getByTestId('panel-late-days-value').textContent).toBe('2');
    expect(bridge().invoke).toHaveBeenCalledWith('panel/state', undefined);
  });

  it('speaks English for an English user', async () => {
    setup('en-GB');
    render(<PanelRoot />);
    expect((await screen.findByTestId('clock-lozenge-abc.report-a')).textContent).toBe('Overdue 1 d 2 h');
    expect(screen.getByTestId('violation').textContent).toBe('3D completion is required (rule: required)');
    expect(screen.getByTestId('panel-status').textContent).toBe('Investigating');
  });

  it('shows the error with a retry', async () => {
    setup('zh-CN', { ok: false, error: { code: 'invalid-input', message: 'no issue in the panel context' } });
    render(<PanelRoot />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('no issue in the panel context');
    routeInvoke({ 'panel/state': () => STATE, 'policy/get': () => ({ policy, version: 1 }) });
    fireEvent.click(screen.getByTestId('state-error-retry'));
    expect(await screen.findByTestId('panel')).toBeTruthy();
  });

  it('shows 3D and 8D progress, and that a quality complaint still needs its 8D', async () => {
    setup('zh-CN', { ok: true, data: { ...STATE, progress: { containmentAt: '2026-11-20T15:30:00+08:00', eightDAt: null, actualCompletion: null, needs8D: true } } });
    render(<PanelRoot />);
    expect((await screen.findByTestId('progress-3d')).textContent).toBe('3D: 2026-11-20 15:30');
    expect(screen.getByTestId('progress-8d').textContent).toContain('未完成');
  });
});

describe('issue panel: repeat rule and first contact (issue 11)', () => {
  const repeat: PanelState = {
    ...STATE,
    classification: {
      field: 'class',
      level: 'A',
      reasons: ['repeat>=3'],
      repeat: {
        ordinal: 3,
        earlier: [
          { key: 'QC-1', number: '260105001', registeredAt: '2026-01-05T10:00:00+08:00', class: 'B' },
          { key: 'QC-4', number: '260203004', registeredAt: '2026-02-03T10:00:00+08:00', class: 'B' },
        ],
      },
    },
    firstContactAt: null,
  };

  it('says which time the problem repeats and lists the earlier complaints', async () => {
    setup('zh-CN', repeat);
    render(<PanelRoot />);
    expect((await screen.findByTestId('reason-repeat>=3')).textContent).toBe('同料号同类 B 类问题第 3 次（第 3 次起为 A 类）');
    const earlier = screen.getAllByTestId('earlier-complaint').map((e) => e.textContent);
    expect(earlier).toEqual(['260105001 (2026-01-05)', '、260203004 (2026-02-03)']);
  });

  it('records the first contact with one click, then shows it instead of the button', async () => {
    bridge().view.getContext.mockResolvedValue(context({ issue: { id: '10007', key: 'QC-7' } }, 'zh-CN'));
    let recorded: string | null = null;
    const invoke = routeInvoke({
      'panel/state': () => ({ ...repeat, firstContactAt: recorded }),
      'policy/get': () => ({ policy, version: 1 }),
      'panel/first-contact': () => {
        recorded = '2026-03-05T10:15:00+08:00';
        return { issueId: '10007', firstContactAt: recorded, recorded: true };
      },
    });
    render(<PanelRoot />);
    expect((await screen.findByTestId('panel-first-contact')).textContent).toContain('尚未记录');
    fireEvent.click(screen.getByTestId('panel-record-first-contact'));
    await screen.findByText('2026-03-05 10:15');
    expect(invoke).toHaveBeenCalledWith('panel/first-contact', undefined);
    expect(screen.queryByTestId('panel-record-first-contact')).toBeNull();
  });
});
