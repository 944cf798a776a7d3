/**
 * The gadget's edit view (`extension.entryPoint === 'edit'`): title, scope (projects or a JQL
 * filter), columns, refresh interval. Validated here, then saved with `view.submit(config)`;
 * the resolver validates it again.
 */
import { useState } from 'react';
import Button from '@atlaskit/button';
import Textfield from '@atlaskit/textfield';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { view } from '@forge/bridge';
import { TRACKING_COLUMNS } from '../../rules/tracking';
import { errorText } from '../shared/bridge';
import { useLocale, useT } from '../shared/i18n';
import type { GadgetConfig } from '../shared/types';
import { draftFrom, validateDraft, type ConfigDraft, type DraftErrors } from './config';

function FieldError({ id, error }: { id: string; error: DraftErrors[keyof DraftErrors] }): JSX.Element | null {
  const t = useT();
  if (!error) return null;
  return (
    <div id={id} role="alert" data-testid={id} style={{ color: token('color.text.danger', '#AE2E24'), font: token('font.body.small', '12px/16px sans-serif') }}>
      {t(error.key, error.vars)}
    </div>
  );
}

const labelStyle = { display: 'block', fontWeight: 600, margin: `${token('space.150', '12px')} 0 ${token('space.050', '4px')}` } as const;

export function ConfigForm({ config }: { config: GadgetConfig }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [draft, setDraft] = useState<ConfigDraft>(() => draftFrom(config));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof ConfigDraft>(k: K, v: ConfigDraft[K]): void => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async (): Promise<void> => {
    const r = validateDraft(draft);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await view.submit(r.config);
    } catch (e) {
      setSubmitError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const invalid = Object.keys(errors).length > 0;

  return (
    <form
      data-testid="gadget-config"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ padding: token('space.200', '16px'), maxWidth: 720, color: token('color.text', '#172B4D') }}
    >
      {invalid ? (
        <div data-testid="cfg-invalid">
          <SectionMessage appearance="error">{t('cfgInvalid')}</SectionMessage>
        </div>
      ) : null}
      {submitError ? (
        <SectionMessage appearance="error" title={t('errorTitle')}>
          {submitError}
        </SectionMessage>
      ) : null}
      <label htmlFor="cfg-title" style={labelStyle}>
        {t('cfgTitle')}
      </label>
      <Textfield
        id="cfg-title"
        testId="cfg-title"
        value={draft.title}
        placeholder={t('gadgetTitle')}
        isInvalid={!!errors.title}
        aria-describedby={errors.title ? 'cfg-title-error' : undefined}
        onChange={(e) => set('title', e.currentTarget.value)}
      />
      <FieldError id="cfg-title-error" error={errors.title} />

      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={labelStyle}>{t('cfgScope')}</legend>
        <label style={{ marginRight: token('space.200', '16px') }}>
          <input type="radio" name="scope" data-testid="cfg-scope-projects" checked={draft.scope === 'projects'} onChange={() => set('scope', 'projects')} /> {t('cfgScopeProjects')}
        </label>
        <label>
          <input type="radio" name="scope" data-testid="cfg-scope-jql" checked={draft.scope === 'jql'} onChange={() => set('scope', 'jql')} /> {t('cfgScopeJql')}
        </label>
        {draft.scope === 'projects' ? (
          <>
            <label htmlFor="cfg-projects" style={labelStyle}>
              {t('cfgProjects')}
            </label>
            <Textfield
              id="cfg-projects"
              testId="cfg-projects"
              value={draft.projects}
              isInvalid={!!errors.projects}
              aria-describedby={errors.projects ? 'cfg-projects-error' : undefined}
              onChange={(e) => set('projects', e.currentTarget.value.toUpperCase())}
            />
            <FieldError id="cfg-projects-error" error={errors.projects} />
          </>
        ) : (
          <>
            <label htmlFor="cfg-jql" style={labelStyle}>
              {t('cfgJql')}
            </label>
            <textarea
              id="cfg-jql"
              data-testid="cfg-jql"
              rows={3}
              value={draft.jql}
              aria-invalid={!!errors.jql}
              aria-describedby={errors.jql ? 'cfg-jql-error' : undefined}
              onChange={(e) => set('jql', e.currentTarget.value)}
              style={{
                width: '100%',
                boxSizing: 'border-box',
                font: token('font.code', '12px monospace'),
                color: token('color.text', '#172B4D'),
                background: token('color.background.input', '#FFFFFF'),
                border: `${token('border.width', '1px')} solid ${errors.jql ? token('color.border.danger', '#E2483D') : token('color.border.input', '#8590A2')}`,
                borderRadius: token('radius.small', '4px'),
                padding: token('space.075', '6px'),
              }}
            />
            <FieldError id="cfg-jql-error" error={errors.jql} />
          </>
        )}
      </fieldset>

      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={labelStyle}>{t('cfgColumns')}</legend>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: `0 ${token('space.200', '16px')}` }}>
          {TRACKING_COLUMNS.map((c) => (
            <Checkbox
              key={c.id}
              testId={`cfg-col-${c.id}`}
              label={c.label[locale]}
              isChecked={draft.columns.includes(c.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                set('columns', on ? [...draft.columns, c.id] : draft.columns.filter((x) => x !== c.id));
              }}
            />
          ))}
        </div>
        <FieldError id="cfg-columns-error" error={errors.columns} />
      </fieldset>

      <label htmlFor="cfg-refresh" style={labelStyle}>
        {t('cfgRefresh')}
      </label>
      <Textfield
        id="cfg-refresh"
        testId="cfg-refresh"
        width="small"
        inputMode="numeric"
        value={draft.refresh}
        isInvalid={!!errors.refresh}
        aria-describedby={errors.refresh ? 'cfg-refresh-error' : undefined}
        onChange={(e) => set('refresh', e.currentTarget.value)}
      />
      <FieldError id="cfg-refresh-error" error={errors.refresh} />

      <div style={{ display: 'flex', gap: token('space.100', '8px'), marginTop: token('space.200', '16px') }}>
        <Button testId="cfg-save" type="submit" appearance="primary" isDisabled={saving}>
          {t('save')}
        </Button>
        <Button testId="cfg-cancel" appearance="subtle" onClick={() => void view.close().catch(() => undefined)}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
