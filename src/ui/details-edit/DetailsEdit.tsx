/**
 * The editor of the `complaint-details` object field (jira:customField `edit` resource): a
 * sectioned form — intake (with 不良质量异常现象), containment (3D), causes and actions
 * (occurrence / outflow), FMEA and similar parts, reply, follow-up, effectiveness months 1–3 —
 * validated with the complaint schema before anything is submitted; each problem is shown
 * under its input in the user's language. Dates are typed and shown in the user's time zone
 * and stored as ISO instants with the offset.
 *
 * On the issue view the form has Save / Cancel (`view.submit`, `view.close`); on the create
 * and transition screens Jira keeps whatever was last submitted, so every valid change is
 * submitted at once and no buttons show (as the option field editor does).
 */
import { useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { view } from '@forge/bridge';
import { errorText } from '../shared/bridge';
import { text, type TextKey, type TextVars } from '../../rules/dictionary';
import { useLocale } from '../shared/i18n';
import { MONTHS, SECTIONS, effKey, fromForm, labelOf, toForm, type FormState, type InputSpec } from './form';
import './details-edit.css';

export interface DetailsEditProps {
  fieldValue: unknown;
  /** The user's time zone (context.timezone). */
  zone: string;
  renderContext?: string | undefined;
}

const SUBMIT_ON_CHANGE = new Set(['issue-create', 'issue-transition', 'portal-request']);

/** The form's texts by the names it uses: keys of the app's one dictionary (src/rules/dictionary.ts). */
const T = {
  yes: 'yes',
  no: 'no',
  unset: 'deUnset',
  recurred: 'deRecurred',
  notRecurred: 'deNotRecurred',
  unchecked: 'deUnchecked',
  month: 'deMonth',
  note: 'deNote',
  effectiveness: 'deEffectiveness',
  save: 'save',
  saving: 'polSaving',
  cancel: 'cancel',
  fix: 'deFix',
  linesHint: 'deLinesHint',
  datePlaceholder: 'deDatePlaceholder',
  dateTimePlaceholder: 'deDateTimePlaceholder',
  zone: 'deZone',
  submitFailed: 'feSubmitFailed',
} as const satisfies Record<string, TextKey>;

export function DetailsEdit({ fieldValue, zone, renderContext }: DetailsEditProps): JSX.Element {
  const locale = useLocale();
  const t = (k: keyof typeof T, vars: TextVars = {}): string => text(locale, T[k], vars);
  const initial = useMemo(() => toForm(fieldValue, zone), [fieldValue, zone]);
  const [form, setForm] = useState<FormState>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const onChangeMode = renderContext !== undefined && SUBMIT_ON_CHANGE.has(renderContext);
  const built = fromForm(form, zone, locale);
  const lastSubmitted = useRef<string>(JSON.stringify(fromForm(initial, zone, locale).value));

  const submit = async (value: Record<string, unknown>): Promise<void> => {
    setSubmitError(null);
    setSaving(true);
    try {
      await view.submit(value);
      lastSubmitted.current = JSON.stringify(value);
    } catch (e) {
      setSubmitError(t('submitFailed', { e: errorText(e) }));
    } finally {
      setSaving(false);
    }
  };

  const change = (key: string, value: string): void => {
    const next = { ...form, [key]: value };
    setForm(next);
    setTouched((s) => new Set(s).add(key));
    if (onChangeMode) {
      const b = fromForm(next, zone, locale);
      if (b.value && JSON.stringify(b.value) !== lastSubmitted.current) void submit(b.value);
    }
  };

  const errorFor = (key: string): string | undefined => (showAll || touched.has(key) ? built.errors[key] : undefined);

  const input = (spec: InputSpec): JSX.Element => {
    const id = `details-${spec.prop}`;
    const err = errorFor(spec.prop);
    const common = {
      id,
      'data-testid': `details-${spec.prop}`,
      'aria-invalid': err ? true : undefined,
      'aria-describedby': err ? `${id}-error` : undefined,
      className: `kesu-de-input${err ? ' kesu-de-invalid' : ''}`,
    };
    const value = form[spec.prop] ?? '';
    let control: JSX.Element;
    if (spec.kind === 'textarea') control = <textarea {...common} rows={3} value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    else if (spec.kind === 'lines')
      control = <textarea {...common} rows={3} placeholder={t('linesHint')} value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    else if (spec.kind === 'bool')
      control = (
        <select {...common} value={value} onChange={(e) => change(spec.prop, e.target.value)}>
          <option value="">{t('unset')}</option>
          <option value="yes">{t('yes')}</option>
          <option value="no">{t('no')}</option>
        </select>
      );
    else if (spec.kind === 'date')
      control = <input {...common} type="text" inputMode="numeric" placeholder={t('datePlaceholder')} value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    else if (spec.kind === 'datetime')
      control = <input {...common} type="text" inputMode="numeric" placeholder={t('dateTimePlaceholder')} value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    else control = <input {...common} type="text" value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    return (
      <div key={spec.prop} className="kesu-de-row">
        <label htmlFor={id}>{labelOf(spec.prop, locale)}</label>
        {control}
        {err ? (
          <div id={`${id}-error`} role="alert" className="kesu-de-error" data-testid={`details-error-${spec.prop}`}>
            {err}
          </div>
        ) : null}
      </div>
    );
  };

  const problems = Object.keys(built.errors).length;

  return (
    <form
      data-testid="details-edit"
      data-mode={onChangeMode ? 'submit-on-change' : 'save-cancel'}
      noValidate
      className="kesu-de"
      onSubmit={(e) => {
        e.preventDefault();
        setShowAll(true);
        if (!onChangeMode && built.value && !saving) void submit(built.value);
      }}
      style={{ color: token('color.text', '#172B4D') }}
    >
      {SECTIONS.map((s) => (
        <fieldset key={s.id} className="kesu-de-section" data-testid={`details-section-${s.id}`}>
          <legend>{s.title[locale]}</legend>
          {s.inputs.map(input)}
        </fieldset>
      ))}
      <fieldset className="kesu-de-section" data-testid="details-section-effectiveness">
        <legend>{t('effectiveness')}</legend>
        {MONTHS.map((m) => {
          const rk = effKey(m, 'recurred');
          const nk = effKey(m, 'note');
          const err = errorFor(rk) ?? errorFor(nk);
          return (
            <div key={m} className="kesu-de-month">
              <label htmlFor={`details-eff-${m}`}>{t('month', { m })}</label>
              <select id={`details-eff-${m}`} data-testid={`details-eff-${m}`} className="kesu-de-input" value={form[rk] ?? ''} onChange={(e) => change(rk, e.target.value)} aria-invalid={err ? true : undefined}>
                <option value="">{t('unchecked')}</option>
                <option value="no">{t('notRecurred')}</option>
                <option value="yes">{t('recurred')}</option>
              </select>
              <input
                type="text"
                aria-label={`${t('month', { m })} ${t('note')}`}
                placeholder={t('note')}
                data-testid={`details-eff-${m}-note`}
                className="kesu-de-input"
                value={form[nk] ?? ''}
                onChange={(e) => change(nk, e.target.value)}
              />
              {err ? (
                <div role="alert" className="kesu-de-error" data-testid={`details-error-eff-${m}`}>
                  {err}
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <p className="kesu-de-hint">{t('zone', { z: zone })}</p>
      {showAll && problems > 0 ? (
        <div role="alert" className="kesu-de-error" data-testid="details-problems">
          {t('fix', { n: problems })}
        </div>
      ) : null}
      {submitError ? (
        <div role="alert" className="kesu-de-error" data-testid="details-submit-error">
          {submitError}
        </div>
      ) : null}
      {onChangeMode ? null : (
        <div className="kesu-de-actions">
          <Button testId="details-cancel" appearance="subtle" onClick={() => void view.close().catch(() => undefined)} isDisabled={saving}>
            {t('cancel')}
          </Button>
          <Button testId="details-save" type="submit" appearance="primary" isDisabled={saving}>
            {saving ? t('saving') : t('save')}
          </Button>
        </div>
      )}
    </form>
  );
}
