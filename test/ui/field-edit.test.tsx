/** @jest-environment jsdom */
/** The option field editor (static/field-edit): options of the project's policy, preselection, submit and close. */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FieldEditRoot, fieldKeyOf, projectKeyOf } from '../../src/ui/field-edit/FieldEditRoot';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bridge, context, preset, routeInvoke } from './helpers';

jest.mock('@forge/bridge', () => jest.requireActual('./helpers').bridgeMock());
jest.mock('@atlaskit/tokens/set-global-theme', () => ({ setGlobalTheme: jest.fn(async () => () => undefined) }));

const food = preset('food');
const DEPARTMENTS = food.departments.map((d) => ({ id: d.id, label: d.label }));

function setup(extension: Record<string, unknown>, locale = 'zh-CN', moduleKey = 'complaint-department', answer?: (p: Record<string, unknown>) => unknown): jest.Mock {
  bridge().view.getContext.mockResolvedValue({ ...context(extension, locale), moduleKey });
  return routeInvoke({
    'field/options': answer ?? ((p) => ({ options: DEPARTMENTS, value: DEPARTMENTS.some((d) => d.id === p.value) ? p.value : null })),
  });
}

const input = (): HTMLInputElement => screen.getByRole('combobox') as HTMLInputElement;
const calls = (invoke: jest.Mock, key: string): Record<string, unknown>[] => invoke.mock.calls.filter(([k]) => k === key).map(([, p]) => p as Record<string, unknown>);

beforeEach(() => jest.clearAllMocks());

describe('option field editor', () => {
  it("asks field/options for the issue's project and shows the options in the user's language, the current value chosen", async () => {
    const qa = DEPARTMENTS.find((d) => d.id === 'qa')!;
    const invoke = setup({ fieldValue: 'qa', renderContext: 'issue-view', issue: { key: 'QC-12', id: '10012' }, project: { key: 'QC', id: '10000' } });
    render(<FieldEditRoot />);
    const form = await screen.findByTestId('field-edit');
    expect(calls(invoke, 'field/options')).toEqual([{ fieldKey: 'complaint-department', projectKey: 'QC', value: 'qa' }]);
    expect(form.getAttribute('data-mode')).toBe('save-cancel');
    // The combobox is labelled by the field's name and described by the chosen value.
    const box = screen.getByRole('combobox', { name: '责任单位' });
    expect(screen.getByTestId('field-edit-select--single-value').textContent).toBe(qa.label['zh-CN']);
    expect(box.getAttribute('aria-describedby')).toBe('field-edit-select-value');
    await waitFor(() => expect(document.activeElement).toBe(box));

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const list = screen.getByRole('listbox');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(DEPARTMENTS.map((d) => d.label['zh-CN']));
    expect(options.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.getAttribute('data-value'))).toEqual(['qa']);
    // The list opens on the chosen option.
    expect(box.getAttribute('aria-activedescendant')).toBe(options[DEPARTMENTS.indexOf(qa)]!.id);
  });

  it('submits the chosen option id on Save and closes on Cancel', async () => {
    setup({ fieldValue: null, renderContext: 'issue-view', project: { key: 'QC' } }, 'en');
    render(<FieldEditRoot />);
    await screen.findByTestId('field-edit');
    expect(screen.getByTestId('field-edit-select--placeholder').textContent).toBe('Choose…');
    const target = DEPARTMENTS[1]!;
    fireEvent.change(input(), { target: { value: target.label.en.slice(0, 4) } });
    fireEvent.click(within(screen.getByRole('listbox')).getByText(target.label.en));
    expect(screen.getByTestId('field-edit-select--single-value').textContent).toBe(target.label.en);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(bridge().view.submit).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('field-edit-save'));
    await waitFor(() => expect(bridge().view.submit).toHaveBeenCalledWith(target.id));

    fireEvent.click(screen.getByTestId('field-edit-cancel'));
    expect(bridge().view.close).toHaveBeenCalledTimes(1);
  });

  it('works from the keyboard: type to filter, arrows, Enter to choose, the form submits to save, Esc to cancel', async () => {
    setup({ fieldValue: '', renderContext: 'issue-view', project: { key: 'QC' } }, 'en');
    render(<FieldEditRoot />);
    await screen.findByTestId('field-edit');
    const box = input();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(box, { key: 'End' });
    fireEvent.keyDown(box, { key: 'Enter' });
    const last = DEPARTMENTS.at(-1)!;
    expect(screen.getByTestId('field-edit-select--single-value').textContent).toBe(last.label.en);

    fireEvent.change(box, { target: { value: 'zzz-nothing' } });
    expect(screen.getByTestId('field-edit-select--no-options').textContent).toBe('No options');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.value).toBe('');
    expect(bridge().view.close).not.toHaveBeenCalled();

    fireEvent.submit(screen.getByTestId('field-edit'));
    await waitFor(() => expect(bridge().view.submit).toHaveBeenCalledWith(last.id));
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(bridge().view.close).toHaveBeenCalledTimes(1);
  });

  it('clears the value and submits null', async () => {
    setup({ fieldValue: 'qa', renderContext: 'issue-view', project: { key: 'QC' } }, 'en');
    render(<FieldEditRoot />);
    await screen.findByTestId('field-edit');
    fireEvent.click(screen.getByRole('button', { name: 'Clear Responsible department' }));
    expect(screen.queryByTestId('field-edit-select--single-value')).toBeNull();
    fireEvent.click(screen.getByTestId('field-edit-save'));
    await waitFor(() => expect(bridge().view.submit).toHaveBeenCalledWith(null));
  });

  it('in the create dialog submits every choice at once and shows no buttons; the project comes from the issue key when missing', async () => {
    const invoke = setup({ renderContext: 'issue-create', issue: { key: 'SV-3' } }, 'en', 'complaint-channel', () => ({
      options: [
        { id: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
        { id: 'email', label: { 'zh-CN': '邮件', en: 'E-mail' } },
      ],
      value: null,
    }));
    render(<FieldEditRoot />);
    const form = await screen.findByTestId('field-edit');
    expect(form.getAttribute('data-mode')).toBe('submit-on-change');
    expect(screen.queryByTestId('field-edit-save')).toBeNull();
    expect(calls(invoke, 'field/options')).toEqual([{ fieldKey: 'complaint-channel', projectKey: 'SV' }]);
    expect(screen.getByRole('combobox', { name: 'Complaint channel' })).toBeTruthy();
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.click(screen.getByText('E-mail'));
    await waitFor(() => expect(bridge().view.submit).toHaveBeenCalledWith('email'));
  });

  it('warns when the stored value is not an option of the policy any more', async () => {
    setup({ fieldValue: 'old-dept', renderContext: 'issue-view', project: { key: 'QC' } }, 'en');
    render(<FieldEditRoot />);
    const warning = await screen.findByTestId('field-edit-unknown');
    expect(warning.textContent).toContain('"old-dept" is not an option');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toContain('field-edit-unknown');
  });

  it('shows a submit failure, and a resolver error with a retry', async () => {
    bridge().view.submit.mockRejectedValueOnce(new Error('field is locked'));
    let fail = true;
    setup({ fieldValue: 'qa', renderContext: 'issue-view', project: { key: 'QC' } }, 'en', 'complaint-department', () =>
      fail ? { ok: false, error: { code: 'internal', message: 'boom' } } : { options: DEPARTMENTS, value: 'qa' },
    );
    render(<FieldEditRoot />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('boom');
    fail = false;
    fireEvent.click(screen.getByTestId('state-error-retry'));
    await screen.findByTestId('field-edit');
    await act(async () => {
      fireEvent.click(screen.getByTestId('field-edit-save'));
    });
    expect((await screen.findByTestId('field-edit-error')).textContent).toBe('Could not save: field is locked');
  });

  it('refuses a field it does not edit', async () => {
    const invoke = setup({ renderContext: 'issue-view' }, 'en', 'complaint-number');
    render(<FieldEditRoot />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('This field has no options: complaint-number');
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('context readers', () => {
  it('finds the field module key from moduleKey, the field type ARI or the field key', () => {
    expect(fieldKeyOf({ moduleKey: 'complaint-class', extension: {} } as never)).toBe('complaint-class');
    expect(fieldKeyOf({ moduleKey: 'x', extension: { fieldType: 'ari:cloud:ecosystem::extension/app/env/static/complaint-root-cause' } } as never)).toBe('complaint-root-cause');
    expect(fieldKeyOf({ moduleKey: 'x', extension: { fieldKey: 'app__DEVELOPMENT__complaint-satisfaction' } } as never)).toBe('complaint-satisfaction');
    expect(fieldKeyOf({ moduleKey: 'complaint-loss', extension: {} } as never)).toBeNull();
  });
  it('knows every field the manifest gives this editor (else Jira shows "此字段没有可选项" in its place)', () => {
    const manifest = parse(readFileSync(join(__dirname, '../../manifest.yml'), 'utf8')) as {
      modules: { 'jira:customField': { key: string; edit?: { resource?: string } }[] };
    };
    const edited = manifest.modules['jira:customField'].filter((f) => f.edit?.resource === 'field-edit').map((f) => f.key);
    expect(edited).toContain('complaint-request');
    expect(edited.filter((key) => fieldKeyOf({ moduleKey: key, extension: {} } as never) !== key)).toEqual([]);
  });
  it('takes the project key from the project, else the issue key, and ignores malformed ones', () => {
    expect(projectKeyOf({ project: { key: 'QC' }, issue: { key: 'SV-1' } })).toBe('QC');
    expect(projectKeyOf({ project: { key: 'qc<script>' }, issue: { key: 'SV_2-41' } })).toBe('SV_2');
    expect(projectKeyOf({ issue: { key: 'not a key' } })).toBeNull();
    expect(projectKeyOf(undefined)).toBeNull();
  });
});
