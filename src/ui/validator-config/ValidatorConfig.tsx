/**
 * Configuration of the complaint rules validator on a workflow transition: which rule families
 * it runs and the language of its messages. Jira asks for the configuration through
 * `workflowRules.onConfigure`; the answer is the JSON string `{families, locale}` that the
 * validator (src/resolvers/validator.ts) reads.
 */
import { useEffect, useRef, useState } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { token } from '@atlaskit/tokens';
import { workflowRules } from '@forge/jira-bridge';
import { RULE_LABELS } from '../../rules/messages';
import { textOr, useLocale, useT } from '../shared/i18n';
import type { Locale } from '../shared/types';

export const FAMILIES = ['required', 'matrix', 'approval', 'late-reason', 'satisfaction'] as const;
export type Family = (typeof FAMILIES)[number];

export interface ValidatorSettings {
  families: Family[];
  locale: Locale;
}

function isFamily(x: unknown): x is Family {
  return typeof x === 'string' && (FAMILIES as readonly string[]).includes(x);
}

/** Reads `extension.validatorConfig` (a JSON string or an object); defaults: every family, the user's language. */
export function readSettings(raw: unknown, fallbackLocale: Locale): ValidatorSettings {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = null;
    }
  }
  const o = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const families = Array.isArray(o.families) ? FAMILIES.filter((f) => (o.families as unknown[]).filter(isFamily).includes(f)) : [...FAMILIES];
  const locale = o.locale === 'zh-CN' || o.locale === 'en' ? o.locale : fallbackLocale;
  return { families, locale };
}

export function ValidatorConfig({ initial, readOnly = false }: { initial: ValidatorSettings; readOnly?: boolean }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [settings, setSettings] = useState<ValidatorSettings>(initial);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(settings);
  latest.current = settings;

  useEffect(() => {
    if (readOnly) return;
    void workflowRules
      .onConfigure(async () => {
        const s = latest.current;
        if (s.families.length === 0) {
          const message = textOr(locale, 'vcErrNone', 'Choose at least one rule');
          setError(message);
          throw new Error(message);
        }
        return JSON.stringify({ families: s.families, locale: s.locale });
      })
      .catch(() => undefined); // outside the workflow editor there is nothing to register with
  }, [readOnly, locale]);

  const toggle = (f: Family, on: boolean): void => {
    setError(null);
    setSettings((s) => ({ ...s, families: FAMILIES.filter((x) => (x === f ? on : s.families.includes(x))) }));
  };

  if (readOnly) {
    return (
      <p data-testid="validator-summary" style={{ margin: 0, color: token('color.text', '#172B4D') }}>
        {t('vcFamilies')}: {settings.families.map((f) => textOr(locale, `family.${f}`, f)).join(locale === 'zh-CN' ? '、' : ', ') || '—'} · {t('vcLocale')}:{' '}
        {settings.locale === 'zh-CN' ? t('langZh') : t('langEn')}
      </p>
    );
  }

  return (
    <div data-testid="validator-config" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: token('space.050', '4px') }}>{t('vcFamilies')}</legend>
        {FAMILIES.map((f) => (
          <Checkbox
            key={f}
            testId={`family-${f}`}
            label={`${textOr(locale, `family.${f}`, f)} (${RULE_LABELS[f][locale]})`}
            isChecked={settings.families.includes(f)}
            isInvalid={error !== null}
            onChange={(e) => toggle(f, e.currentTarget.checked)}
          />
        ))}
        {error ? (
          <div role="alert" data-testid="validator-error" style={{ color: token('color.text.danger', '#AE2E24') }}>
            {error}
          </div>
        ) : null}
        <p style={{ color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>{t('vcAlways')}</p>
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: token('space.050', '4px') }}>{t('vcLocale')}</legend>
        {(['zh-CN', 'en'] as const).map((l) => (
          <label key={l} style={{ marginRight: token('space.200', '16px') }}>
            <input
              type="radio"
              name="validator-locale"
              data-testid={`locale-${l}`}
              checked={settings.locale === l}
              onChange={() => setSettings((s) => ({ ...s, locale: l }))}
            />{' '}
            {l === 'zh-CN' ? t('langZh') : t('langEn')}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
