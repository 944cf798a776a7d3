/** The list's filters: status, category, severity/class, department, complaint period, overdue only. */
import Textfield from '@atlaskit/textfield';
import { Checkbox } from '@atlaskit/checkbox';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import { STATUS_IDS, STATUS_LABELS } from '../../rules/messages';
import { useLocale, useT } from '../shared/i18n';
import type { ListQuery, Policy, PolicyOption } from '../shared/types';
import { MultiSelect, type MultiOption } from './MultiSelect';

export type Filters = ListQuery['filters'];
type ListKey = 'statuses' | 'categories' | 'severities' | 'departments';
type Option = MultiOption;

function Field({ label, htmlFor, children, width = 200 }: { label: string; htmlFor: string; children: ReactNode; width?: number }): JSX.Element {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px'), minWidth: width, flex: `1 1 ${width}px` }}>
      <label htmlFor={htmlFor} style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
        {label}
      </label>
      {children}
    </div>
  );
}

export function FilterBar({ value, onChange, policy }: { value: Filters; onChange: (f: Filters) => void; policy: Policy | null }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [from, setFrom] = useState(value.from ?? '');
  const [to, setTo] = useState(value.to ?? '');
  const dateError = from && to && from > to ? t('fDateInvalid') : null;

  const opts = (list: PolicyOption[] | undefined): Option[] => (list ?? []).map((o) => ({ value: o.id, label: o.label[locale] }));
  const statusOptions: Option[] = STATUS_IDS.map((id) => ({ value: id, label: STATUS_LABELS[id][locale] }));

  const setList = (key: ListKey, ids: string[]): void => {
    const next: Filters = { ...value };
    if (ids.length) next[key] = ids;
    else delete next[key];
    onChange(next);
  };
  const setDates = (f: string, tt: string): void => {
    setFrom(f);
    setTo(tt);
    if (f && tt && f > tt) return; // shown as an error; the query keeps the last valid period
    const next: Filters = { ...value };
    if (f) next.from = f;
    else delete next.from;
    if (tt) next.to = tt;
    else delete next.to;
    onChange(next);
  };

  const multi = (key: ListKey, id: string, label: string, options: Option[]): JSX.Element => (
    <Field label={label} htmlFor={`${id}-input`}>
      <MultiSelect
        inputId={`${id}-input`}
        testId={id}
        fieldLabel={label}
        options={options}
        value={value[key] ?? []}
        onChange={(ids) => setList(key, ids)}
        placeholder={t('fAny')}
      />
    </Field>
  );

  const any = Object.keys(value).length > 0 || from || to;
  return (
    <div data-testid="filters" role="search" aria-label={t('filters')} style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), alignItems: 'flex-end' }}>
      {multi('statuses', 'filter-status', t('fStatus'), statusOptions)}
      {policy ? multi('categories', 'filter-category', t('fCategory'), opts(policy.categories)) : null}
      {policy ? multi('severities', 'filter-severity', t('fSeverity'), opts(policy.severities)) : null}
      {policy ? multi('departments', 'filter-department', t('fDepartment'), opts(policy.departments)) : null}
      <Field label={t('fFrom')} htmlFor="filter-from" width={140}>
        <Textfield id="filter-from" testId="filter-from" type="date" isCompact value={from} isInvalid={!!dateError} onChange={(e) => setDates(e.currentTarget.value, to)} />
      </Field>
      <Field label={t('fTo')} htmlFor="filter-to" width={140}>
        <Textfield id="filter-to" testId="filter-to" type="date" isCompact value={to} isInvalid={!!dateError} onChange={(e) => setDates(from, e.currentTarget.value)} />
      </Field>
      <div style={{ paddingBottom: token('space.050', '4px') }}>
        <Checkbox
          testId="filter-overdue"
          label={t('fOverdue')}
          isChecked={value.overdueOnly === true}
          onChange={(e) => {
            const next: Filters = { ...value };
            if (e.currentTarget.checked) next.overdueOnly = true;
            else delete next.overdueOnly;
            onChange(next);
          }}
        />
      </div>
      {any ? (
        <Button
          testId="filter-clear"
          appearance="subtle"
          onClick={() => {
            setFrom('');
            setTo('');
            onChange({});
          }}
        >
          {t('fClear')}
        </Button>
      ) : null}
      {dateError ? (
        <div role="alert" data-testid="filter-date-error" style={{ color: token('color.text.danger', '#AE2E24'), flexBasis: '100%' }}>
          {dateError}
        </div>
      ) : null}
    </div>
  );
}
