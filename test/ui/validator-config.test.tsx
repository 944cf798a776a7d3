/** @jest-environment jsdom */
/** The validator's configuration: rule families and message language, returned from onConfigure. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ValidatorConfigRoot } from '../../src/ui/validator-config/ValidatorConfigRoot';
import { readSettings } from '../../src/ui/validator-config/ValidatorConfig';
import { bridge, context } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));
// @forge/jira-bridge has only a `browser` entry, which jest's node resolution does not see: mock it as virtual.
jest.mock('@forge/jira-bridge', () => ({ workflowRules: { onConfigure: jest.fn(async () => undefined) } }), { virtual: true });

interface JiraBridgeMock {
  workflowRules: { onConfigure: jest.Mock };
}
const jiraBridge = (): JiraBridgeMock => jest.requireMock('@forge/jira-bridge') as JiraBridgeMock;
async function configure(): Promise<string> {
  const fn = jiraBridge().workflowRules.onConfigure.mock.calls.at(-1)![0] as () => Promise<string>;
  return fn();
}

beforeEach(() => jest.clearAllMocks());

describe('validator configuration', () => {
  it('returns the chosen families and language as a JSON string from onConfigure', async () => {
    bridge().view.getContext.mockResolvedValue(context({ validatorConfig: JSON.stringify({ families: ['required', 'matrix'], locale: 'zh-CN' }) }, 'zh-CN'));
    render(<ValidatorConfigRoot />);
    const matrix = (await screen.findByTestId('family-matrix--hidden-checkbox')) as HTMLInputElement;
    expect(matrix.checked).toBe(true);
    expect((screen.getByTestId('family-approval--hidden-checkbox') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('责任矩阵 (责任矩阵)')).toBeTruthy();
    expect(await configure()).toBe('{"families":["required","matrix"],"locale":"zh-CN"}');

    fireEvent.click(screen.getByTestId('family-satisfaction--hidden-checkbox'));
    fireEvent.click(matrix);
    fireEvent.click(screen.getByTestId('locale-en'));
    expect(JSON.parse(await configure())).toEqual({ families: ['required', 'satisfaction'], locale: 'en' });
  });

  it('defaults to every family in the user language, and refuses an empty choice', async () => {
    bridge().view.getContext.mockResolvedValue(context({}, 'en-US'));
    render(<ValidatorConfigRoot />);
    await screen.findByTestId('validator-config');
    expect(JSON.parse(await configure())).toEqual({ families: ['required', 'matrix', 'approval', 'late-reason', 'satisfaction'], locale: 'en' });
    for (const f of ['required', 'matrix', 'approval', 'late-reason', 'satisfaction']) fireEvent.click(screen.getByTestId(`family-${f}--hidden-checkbox`));
    await act(async () => {
      await expect(configure()).rejects.toThrow('Choose at least one rule');
    });
    expect(screen.getByTestId('validator-error').textContent).toBe('Choose at least one rule');
  });

  it('reads a stored object or string and ignores unknown families', () => {
    expect(readSettings({ families: ['matrix', 'bogus'], locale: 'en' }, 'zh-CN')).toEqual({ families: ['matrix'], locale: 'en' });
    expect(readSettings('not json', 'zh-CN')).toEqual({ families: ['required', 'matrix', 'approval', 'late-reason', 'satisfaction'], locale: 'zh-CN' });
  });

  it('shows a read-only summary in the view entry point', async () => {
    bridge().view.getContext.mockResolvedValue(context({ entryPoint: 'view', validatorConfig: { families: ['late-reason'], locale: 'en' } }, 'zh-CN'));
    render(<ValidatorConfigRoot />);
    expect((await screen.findByTestId('validator-summary')).textContent).toBe('检查的规则: 超期须填写未达成原因 · 提示信息语言: 英文');
    expect(jiraBridge().workflowRules.onConfigure).not.toHaveBeenCalled();
  });
});
