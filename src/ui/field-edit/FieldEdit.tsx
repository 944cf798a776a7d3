/**
 * The editor of the option-like complaint fields (category, severity, class, department, root
 * cause, channel, disposition, satisfaction): a single select of the options of the policy that
 * governs the project (`field/options`), labelled in the user's language, the current
 * value preselected. The field stores the option id.
 *
 * On the issue view the editor has its own Save (`view.submit(id)`) and Cancel (`view.close()`).
 * In the create and transition dialogs Jira renders the editor inline and creates the issue with
 * whatever was last submitted, so there every choice is submitted at once and no buttons show.
 */
import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { view } from '@forge/bridge';
import { call, errorText, type CallPayload } from '../shared/bridge';
import { useLocale } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { Localized } from '../shared/types';
import { SingleSelect } from './SingleSelect';
import { OPTION_FIELDS, useFieldT, type OptionFieldKey } from './text';

/** `field/options` answer. */
export interface FieldOptionsAnswer {
  options: { id: string; label: Localized }[];
  /** The current value when it names one of the options, else null. */
  value: string | null;
}

export interface FieldEditProps {
  fieldKey: OptionFieldKey;
  /** The project (from the extension context); null: the site default policy. */
  projectKey: string | null;
  /** `extension.fieldValue`: the stored option id, or nothing. */
  fieldValue: unknown;
  /** `extension.renderContext`: issue-view, issue-create, issue-transition… */
  renderContext?: string | undefined;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; answer: FieldOptionsAnswer };

const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

/** Render contexts where Jira shows Save/Cancel of its own or none: the editor submits every change. */
const SUBMIT_ON_CHANGE = new Set(['issue-create', 'issue-transition', 'portal-request']);

export function FieldEdit({ fieldKey, projectKey, fieldValue, renderContext }: FieldEditProps): JSX.Element {
  const locale = useLocale();
  const f = useFieldT();
  const [reload, setReload] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [value, setValue] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const current = typeof fieldValue === 'string' && fieldValue.trim() !== '' ? fieldValue : null;
  const onChangeMode = renderContext !== undefined && SUBMIT_ON_CHANGE.has(renderContext);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    const payload: CallPayload<'field/options'> = { fieldKey };
    if (projectKey) payload.projectKey = projectKey;
    if (current) payload.value = current.slice(0, 100);
    call('field/options', payload)
      .then((answer) => {
        if (!live) return;
        setValue(answer.value);
        setLoad({ status: 'ready', answer });
      })
      .catch((e: unknown) => live && setLoad({ status: 'error', message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [fieldKey, projectKey, current, reload]);

  const fieldName = OPTION_FIELDS[fieldKey][locale];

  const submit = async (v: string | null): Promise<void> => {
    setSubmitError(null);
    setSaving(true);
    try {
      await view.submit(v);
    } catch (e) {
      if (alive.current) setSubmitError(f('submitFailed', { e: errorText(e) }));
    } finally {
      if (alive.current) setSaving(false);
    }
  };
  const cancel = (): void => {
    void view.close().catch(() => undefined);
  };

  if (load.status === 'loading') return <Loading locale={locale} />;
  if (load.status === 'error') return <ErrorState locale={locale} message={load.message} onRetry={() => setReload((n) => n + 1)} />;
  const { answer } = load;
  const unknown = current !== null && answer.value === null;
  const options = answer.options.map((o) => ({ value: o.id, label: o.label[locale] }));

  return (
    <form
      data-testid="field-edit"
      data-field={fieldKey}
      data-mode={onChangeMode ? 'submit-on-change' : 'save-cancel'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!onChangeMode && !saving) void submit(value);
      }}
      onKeyDown={(e) => {
        // Esc with the list closed cancels the edit, as Jira's own inline editors do.
        if (e.key === 'Escape' && !e.defaultPrevented && !onChangeMode) cancel();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), padding: token('space.050', '4px'), color: token('color.text', '#172B4D') }}
    >
      {/* Jira shows the field's name beside the editor; the label stays for screen readers only. */}
      <label htmlFor="field-edit-select" style={VISUALLY_HIDDEN}>
        {fieldName}
      </label>
      <SingleSelect
        inputId="field-edit-select"
        testId="field-edit"
        options={options}
        value={value}
        onChange={(v) => {
          setValue(v);
          if (onChangeMode) void submit(v);
        }}
        placeholder={f('placeholder')}
        noOptions={f('noOptions')}
        clearLabel={f('clear', { field: fieldName })}
        describedBy={unknown ? 'field-edit-unknown' : undefined}
        invalid={unknown && value === null}
        autoFocus={!onChangeMode}
      />
      {projectKey ? null : (
        <p data-testid="field-edit-no-project" style={{ margin: 0, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
          {f('noProject')}
        </p>
      )}
      {unknown ? (
        <div id="field-edit-unknown" data-testid="field-edit-unknown">
          <SectionMessage appearance="warning">{f('unknownValue', { value: current ?? '' })}</SectionMessage>
        </div>
      ) : null}
      {submitError ? (
        <div role="alert" data-testid="field-edit-error" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {submitError}
        </div>
      ) : null}
      {onChangeMode ? null : (
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: token('space.100', '8px') }}>
          <Button testId="field-edit-cancel" appearance="subtle" onClick={cancel} isDisabled={saving}>
            {f('cancel')}
          </Button>
          <Button testId="field-edit-save" type="submit" appearance="primary" isDisabled={saving}>
            {saving ? f('saving') : f('save')}
          </Button>
        </div>
      )}
    </form>
  );
}
