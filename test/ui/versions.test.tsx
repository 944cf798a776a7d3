/** @jest-environment jsdom */
/** The admin page's Versions tab: the history list, the diff against the current version, restoring a version. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminRoot } from '../../src/ui/admin/AdminRoot';
import type { Policy } from '../../src/rules/policy';
import { bridge, context, preset, routeInvoke } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

interface Entry {
  version: number;
  savedAt: string;
  savedBy: string;
  policy: Policy;
}

const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Three versions of the food policy: v1 the preset, v2 a renamed department, v3 (current) a matrix change and a new holiday. */
function history(): Entry[] {
  const v1 = clone(preset('food'));
  const v2 = clone(v1);
  v2.departments = v2.departments.map((d) => (d.id === 'qa' ? { ...d, label: { 'zh-CN': '质量保证部', en: 'Quality assurance' } } : d));
  const v3 = clone(v2);
  v3.matrix.byCategory.quality = [...v3.matrix.byCategory.quality!.filter((d) => d !== 'qa'), 'sales'].filter((d, i, a) => a.indexOf(d) === i);
  v3.calendar.extraHolidays = [...v3.calendar.extraHolidays, '2026-10-09'];
  v3.name = { 'zh-CN': '食品方案（修订）', en: 'Food policy (revised)' };
  return [
    { version: 3, savedAt: '2026-03-05T02:00:00.000Z', savedBy: 'acc-3', policy: v3 },
    { version: 2, savedAt: '2026-02-01T02:00:00.000Z', savedBy: 'acc-2', policy: v2 },
    { version: 1, savedAt: '2026-01-01T02:00:00.000Z', savedBy: 'acc-1', policy: v1 },
  ];
}

function setup(locale: string, handlers: Record<string, (p: Record<string, unknown>) => unknown>): jest.Mock {
  bridge().view.getContext.mockResolvedValue(context({}, locale));
  return routeInvoke({ 'policy/get': () => ({ policy: preset('food'), version: 3 }), ...handlers });
}

async function openVersions(): Promise<void> {
  render(<AdminRoot />);
  fireEvent.click(await screen.findByTestId('tab-versions'));
  await screen.findByTestId('versions');
}

const calls = (invoke: jest.Mock, key: string): Record<string, unknown>[] => invoke.mock.calls.filter(([k]) => k === key).map(([, p]) => p as Record<string, unknown>);

beforeEach(() => jest.clearAllMocks());

describe('versions list', () => {
  it('lists the site default versions from policy/history, newest first, the current one marked', async () => {
    const invoke = setup('en', { 'policy/history': () => history() });
    await openVersions();
    const list = await screen.findByTestId('versions-list');
    expect(calls(invoke, 'policy/history')).toEqual([{}]);
    const rows = within(list).getAllByTestId(/^version-\d+$/);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['version-3', 'version-2', 'version-1']);
    expect(rows[0]!.getAttribute('data-current')).toBe('true');
    expect(rows[0]!.textContent).toContain('Current');
    expect(rows[0]!.textContent).toContain('Food policy (revised)');
    expect(rows[0]!.textContent).toContain('acc-3');
    expect(within(rows[0]!).queryByTestId('restore-3')).toBeNull();
    expect(within(rows[1]!).getByRole('button', { name: 'Restore version 2' })).toBeTruthy();
    expect(within(rows[2]!).getByRole('button', { name: 'Compare version 1 with the current version' })).toBeTruthy();
    expect(screen.getByTestId('versions-showing').textContent).toBe('Showing: Site default');
  });

  it("shows a project's history, and says when a project has no policy of its own", async () => {
    const invoke = setup('zh-CN', { 'policy/history': (p) => (p.projectKey === 'QC' ? [] : history()) });
    await openVersions();
    await screen.findByTestId('versions-list');
    fireEvent.click(screen.getByTestId('scope-project'));
    fireEvent.change(screen.getByTestId('versions-project'), { target: { value: '1qc' } });
    fireEvent.click(screen.getByTestId('versions-show'));
    expect((await screen.findByTestId('versions-project-error')).textContent).toContain('大写字母');
    expect(calls(invoke, 'policy/history')).toHaveLength(1);

    fireEvent.change(screen.getByTestId('versions-project'), { target: { value: 'qc' } });
    fireEvent.click(screen.getByTestId('versions-show'));
    expect((await screen.findByTestId('versions-empty')).textContent).toContain('项目 QC 没有自己的方案');
    expect(calls(invoke, 'policy/history').at(-1)).toEqual({ projectKey: 'QC' });
    expect(screen.getByTestId('versions-showing').textContent).toBe('正在显示：项目 QC');
  });

  it('shows the server error with a retry', async () => {
    let fail = true;
    setup('en', { 'policy/history': () => (fail ? { ok: false, error: { code: 'internal', message: 'storage unavailable' } } : history()) });
    await openVersions();
    expect((await screen.findByTestId('state-error')).textContent).toContain('storage unavailable');
    fail = false;
    fireEvent.click(screen.getByTestId('state-error-retry'));
    await screen.findByTestId('versions-list');
  });
});

describe('version diff', () => {
  it('shows what changed from the chosen version to the current one, section by section, with labels', async () => {
    setup('en', { 'policy/history': () => history() });
    await openVersions();
    fireEvent.click(await screen.findByTestId('compare-1'));
    const diff = await screen.findByTestId('version-diff');
    expect(diff.getAttribute('data-from')).toBe('1');
    expect(diff.getAttribute('data-to')).toBe('3');
    expect(within(diff).getByRole('heading', { name: 'Changes from version 1 to the current version 3' })).toBeTruthy();

    const dept = within(within(diff).getByTestId('diff-section-departments')).getByTestId('diff-change');
    expect(dept.getAttribute('data-kind')).toBe('changed');
    expect(dept.getAttribute('data-field')).toBe('label');
    expect(dept.textContent).toContain('Quality assurance (qa)');
    expect(within(dept).getByLabelText(/^After: 质量保证部 \/ Quality assurance$/)).toBeTruthy();

    const matrix = within(within(diff).getByTestId('diff-section-matrix')).getAllByTestId('diff-change');
    const removedQa = matrix.find((c) => c.getAttribute('data-subject') === 'byCategory:quality:qa')!;
    expect(removedQa.getAttribute('data-kind')).toBe('removed');
    expect(removedQa.textContent).toMatch(/Removed.*\(quality\) × Quality assurance \(qa\)/);

    const holiday = within(within(diff).getByTestId('diff-section-calendar')).getByTestId('diff-change');
    expect(holiday.textContent).toBe('Added Company holiday: 2026-10-09');
    expect(within(diff).getByTestId('diff-section-general').textContent).toContain('Policy name');
    expect(within(diff).queryByTestId('diff-section-clocks')).toBeNull();
    expect(screen.getByTestId('version-1').getAttribute('aria-selected')).toBe('true');
  });

  it('says so when a version has the same content as the current one', async () => {
    const h = history();
    h[1]!.policy = clone(h[0]!.policy);
    setup('zh-CN', { 'policy/history': () => h });
    await openVersions();
    fireEvent.click(await screen.findByTestId('compare-2'));
    expect((await screen.findByTestId('version-diff-none')).textContent).toBe('与当前版本内容相同');
  });
});

describe('restore', () => {
  it('asks for confirmation, saves the chosen version as the newest, and reloads the history', async () => {
    let entries = history();
    const save = jest.fn((p: Record<string, unknown>) => {
      const next = entries[0]!.version + 1;
      entries = [{ version: next, savedAt: '2026-03-06T02:00:00.000Z', savedBy: 'me', policy: p.policy as Policy }, ...entries];
      return { version: next };
    });
    const invoke = setup('en', { 'policy/history': () => entries, 'policy/save': save });
    await openVersions();
    fireEvent.click(await screen.findByTestId('restore-2'));

    const confirm = await screen.findByRole('alertdialog', { name: 'Restore version 2?' });
    expect(confirm.textContent).toContain('saved as the new version 4');
    expect(save).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByTestId('restore-confirm')));
    // The diff of the version about to be restored shows under the confirmation.
    expect(screen.getByTestId('version-diff').getAttribute('data-from')).toBe('2');

    fireEvent.click(within(confirm).getByTestId('restore-confirm'));
    expect((await screen.findByTestId('restore-message')).textContent).toContain('Version 2 restored as version 4');
    expect(calls(invoke, 'policy/save')).toEqual([{ policy: history()[1]!.policy }]);
    await waitFor(() => expect(screen.getByTestId('version-4').getAttribute('data-current')).toBe('true'));
    expect(calls(invoke, 'policy/history')).toHaveLength(2);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('does nothing when cancelled', async () => {
    const invoke = setup('en', { 'policy/history': () => history(), 'policy/save': () => ({ version: 4 }) });
    await openVersions();
    fireEvent.click(await screen.findByTestId('restore-1'));
    fireEvent.click(await screen.findByTestId('restore-cancel'));
    expect(screen.queryByTestId('restore-confirmation')).toBeNull();
    expect(calls(invoke, 'policy/save')).toEqual([]);
  });

  it("restores a project's version into that project, and shows a refusal with its field issues", async () => {
    const invoke = setup('zh-CN', {
      'policy/history': () => history(),
      'policy/save': () => ({
        ok: false,
        error: { code: 'invalid-policy', message: '方案无效', issues: [{ field: 'policy.timeZone', rule: 'format', message: { 'zh-CN': '不是有效的时区', en: 'not a time zone' } }] },
      }),
    });
    await openVersions();
    await screen.findByTestId('versions-list');
    fireEvent.click(screen.getByTestId('scope-project'));
    fireEvent.change(screen.getByTestId('versions-project'), { target: { value: 'SV' } });
    fireEvent.click(screen.getByTestId('versions-show'));
    await waitFor(() => expect(screen.getByTestId('versions-showing').textContent).toBe('正在显示：项目 SV'));
    fireEvent.click(await screen.findByTestId('restore-1'));
    fireEvent.click(await screen.findByTestId('restore-confirm'));
    const message = await screen.findByTestId('restore-message');
    expect(message.getAttribute('data-kind')).toBe('error');
    expect(message.textContent).toContain('恢复失败');
    expect(within(message).getByTestId('restore-issues').textContent).toBe('policy.timeZone: 不是有效的时区');
    expect(calls(invoke, 'policy/save')).toEqual([{ policy: history()[2]!.policy, projectKey: 'SV' }]);
  });
});
