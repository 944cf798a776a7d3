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

const T = {
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  unset: { 'zh-CN': '未填', en: 'Not set' },
  recurred: { 'zh-CN': '再发', en: 'Recurred' },
  notRecurred: { 'zh-CN': '未再发', en: 'Did not recur' },
  unchecked: { 'zh-CN': '未验证', en: 'Not checked' },
  month: { 'zh-CN': '第 {m} 月', en: 'Month {m}' },
  note: { 'zh-CN': '说明', en: 'Note' },
  effectiveness: { 'zh-CN': '效果验证', en: 'Effectiveness check' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  fix: { 'zh-CN': '请先修正标出的 {n} 处问题。', en: 'Mend the {n} problems marked below first.' },
  linesHint: { 'zh-CN': '每行一个料号', en: 'One part number a line' },
  zone: { 'zh-CN': '时区：{z}', en: 'Time zone: {z}' },
  submitFailed: { 'zh-CN': '未能保存：{e}', en: 'Could not save: {e}' },
} as const;

export function DetailsEdit({ fieldValue, zone, renderContext }: DetailsEditProps): JSX.Element {
  const locale = useLocale();
  const t = (k: keyof typeof T, vars: Record<string, string | number> = {}): string => T[k][locale].replace(/\{(\w+)\}/g, (m, v: string) => (v in vars ? String(vars[v]) : m));
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
    else if (spec.kind === 'date') control = <input {...common} type="date" value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
    else if (spec.kind === 'datetime') control = <input {...common} type="datetime-local" value={value} onChange={(e) => change(spec.prop, e.target.value)} />;
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
