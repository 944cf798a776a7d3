/** @jest-environment jsdom */
/**
 * The admin page's rule sections (issue 11): required fields per transition, the intake matrix,
 * channels, the quick close — what an admin ticks is what the policy saves.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { AdminRoot } from '../../src/ui/admin/AdminRoot';
import type { Policy } from '../../src/rules';
import { bridge, context, preset, routeInvoke } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

beforeEach(() => jest.clearAllMocks());

async function open(policy: Policy, locale = 'zh-CN'): Promise<jest.Mock> {
  bridge().view.getContext.mockResolvedValue(context({}, locale));
  const invoke = routeInvoke({ 'policy/get': () => ({ policy, version: 2 }), 'calendar/month': () => [], 'policy/save': () => ({ version: 3 }) });
  render(<AdminRoot />);
  fireEvent.click(await screen.findByTestId('tab-policy'));
  await screen.findByTestId('policy-editor');
  return invoke;
}

async function saved(invoke: jest.Mock): Promise<Policy> {
  fireEvent.click(screen.getByTestId('policy-save'));
  await screen.findByTestId('policy-message');
  return (invoke.mock.calls.find(([k]) => k === 'policy/save')![1] as { policy: Policy }).policy;
}

describe('required fields per transition', () => {
  it('shows the seeded grid, with conditions, in Chinese', async () => {
    await open(preset('auto-abc'));
    const grid = screen.getByTestId('required-grid');
    expect(within(grid).getByText('→ 已分派')).toBeTruthy();
    expect((screen.getByTestId('required-closed-rootCauseOccurrence') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('required-assigned-orderNumber') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('required-closed-eightDAt-when').textContent).toBe('仅当：质量类分类');
    expect(screen.getByTestId('required-corrective-action-containmentAt-when').textContent).toContain('A 类（重大）');
  });

  it('saves a field ticked for a transition and drops one unticked', async () => {
    const invoke = await open(preset('general'), 'en');
    fireEvent.click(screen.getByTestId('required-assigned-orderNumber'));
    fireEvent.click(screen.getByTestId('required-replied-reply'));
    const p = await saved(invoke);
    expect(p.requiredFields.assigned?.map((r) => r.field)).toContain('orderNumber');
    expect(p.requiredFields.replied?.map((r) => r.field)).toEqual(['disposition']);
  });
});

describe('intake, channels, quick close', () => {
  it('edits the intake departments, where the root-cause matrix starts and the repeat window', async () => {
    const invoke = await open(preset('auto-abc'));
    fireEvent.click(screen.getByTestId('intake-sales'));
    fireEvent.change(screen.getByTestId('intake-from'), { target: { value: 'investigating' } });
    fireEvent.change(screen.getByTestId('repeat-window'), { target: { value: '6' } });
    const p = await saved(invoke);
    expect(p.matrix.intake).toEqual(['qa', 'sales']);
    expect(p.matrix.rootCauseFrom).toBe('investigating');
    expect(p.classification.repeatWindowMonths).toBe(6);
  });

  it('lists 微信, 社交媒体 and 店内 among the channels and adds one', async () => {
    const invoke = await open(preset('food'));
    const section = screen.getByTestId('section-channels');
    for (const label of ['微信', '社交媒体', '店内']) expect(within(section).getAllByDisplayValue(label).length).toBe(1);
    fireEvent.click(within(section).getByText('添加'));
    const p = await saved(invoke);
    expect(p.channels.length).toBe(preset('food').channels.length + 1);
  });

  it('edits the quick-close rules: C class, 已当场答复 and 不属实 are seeded; a level and a rule can be added', async () => {
    const invoke = await open(preset('auto-abc'));
    expect((screen.getByTestId('quick-0-levels-C') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('quick-1-dispositions-answered-on-site') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('quick-2-dispositions-unfounded') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('quick-add'));
    fireEvent.click(screen.getByTestId('quick-3-categories-notice'));
    fireEvent.click(screen.getByTestId('quick-0-remove'));
    const p = await saved(invoke);
    expect(p.quickClose.map((q) => q.id)).toEqual(['answered-on-site', 'unfounded', 'quick-4']);
    expect(p.quickClose[2]!.when).toEqual({ categories: ['notice'] });
  });
});
