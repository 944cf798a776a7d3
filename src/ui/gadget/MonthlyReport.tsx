/**
 * The monthly report (客户投诉处理月报表 / 客户投诉分析月报) for one month or a whole year: per
 * month the complaints received, closed and closed late, SLA compliance, and — over the period —
 * the breakdowns by category, cause and disposition. Counted exactly by Jira on the server
 * (`stats/report`) over every complaint in scope. Printable: print.css hides everything else.
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { useLocale, useT } from '../shared/i18n';
import type { Localized, Policy, PolicyOption } from '../shared/types';
import type { Count, MonthlyReport as Report } from '../../services/stats';
import { fetchReport, type QueryInput } from './data';
import { LoadedGate, useLoaded } from './Loaded';
import { percent } from './stats';

const cell = { border: `1px solid ${token('color.border', '#091E4224')}`, padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`, textAlign: 'left' as const };

function Breakdown({ title, counts, label, testId }: { title: string; counts: Count[]; label: (id: string) => string; testId: string }): JSX.Element {
  const t = useT();
  return (
    <div data-testid={testId} style={{ minWidth: 180, flex: '1 1 180px' }}>
      <h4 style={{ margin: `${token('space.100', '8px')} 0 ${token('space.050', '4px')}`, font: token('font.heading.xxsmall', '600 12px/16px sans-serif') }}>{title}</h4>
      {counts.length === 0 ? (
        <p style={{ margin: 0 }}>{t('reportNone')}</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <tbody>
            {counts.map((c) => (
              <tr key={c.key}>
                <td style={cell}>{label(c.key)}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function optionLabel(options: PolicyOption[] | undefined, id: string, locale: 'zh-CN' | 'en'): string {
  return options?.find((o) => o.id === id)?.label[locale] ?? id;
}

function ReportBody({ report, policy }: { report: Report; policy: Policy | null }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  // Disposition labels live in src/rules/options (with its zod schema): loaded with the report.
  const [dispositions, setDispositions] = useState<Record<string, Localized> | null>(null);
  useEffect(() => {
    void import('../../rules/options').then((m) => setDispositions(m.DISPOSITION_LABELS)).catch(() => undefined);
  }, []);
  const unknown = t('unknown');
  const rows = report.months.length > 1 ? [...report.months, report.total] : report.months;
  return (
    <>
      <table data-testid="report-months" style={{ borderCollapse: 'collapse', marginBottom: token('space.200', '16px') }}>
        <thead>
          <tr>
            <th style={cell}>{t('reportMonth')}</th>
            <th style={cell}>{t('received')}</th>
            <th style={cell}>{t('closed')}</th>
            <th style={cell}>{t('reportClosedLate')}</th>
            <th style={cell}>{t('reportCompliance')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
            <tr key={m.month} data-testid={i === report.months.length ? 'report-total' : `report-month-${m.month}`}>
              <td style={cell}>{i === report.months.length ? t('reportTotal') : m.month}</td>
              <td style={cell} data-testid="report-received">
                {m.received}
              </td>
              <td style={cell} data-testid="report-closed">
                {m.closed}
              </td>
              <td style={cell} data-testid="report-closed-late">
                {m.closedLate}
              </td>
              <td style={cell} data-testid="report-compliance">
                {percent(m.compliance)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200', '16px') }}>
        <Breakdown title={t('reportByCategory')} counts={report.byCategory} label={(id) => (id ? optionLabel(policy?.categories, id, locale) : unknown)} testId="report-by-category" />
        <Breakdown title={t('reportByCause')} counts={report.byCause} label={(id) => (id ? optionLabel(policy?.rootCauses, id, locale) : unknown)} testId="report-by-cause" />
        <Breakdown
          title={t('reportByDisposition')}
          counts={report.byDisposition}
          label={(id) => (id ? (dispositions?.[id]?.[locale] ?? id) : unknown)}
          testId="report-by-disposition"
        />
      </div>
    </>
  );
}

function thisMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export default function MonthlyReport({ query, reload, policy, title }: { query: QueryInput; reload: number; policy: Policy | null; title: string }): JSX.Element {
  const t = useT();
  const [mode, setMode] = useState<'month' | 'year'>('month');
  const [month, setMonth] = useState(thisMonth());
  const [year, setYear] = useState(thisMonth().slice(0, 4));
  const range = mode === 'month' ? { from: month, to: month } : { from: `${year}-01`, to: `${year}-12` };
  const [state, retry] = useLoaded(() => fetchReport(query, range), [query, reload, range.from, range.to]);
  return (
    <div className="kesu-report" data-testid="monthly-report" style={{ paddingTop: token('space.100', '8px'), width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
        <h3 style={{ margin: 0, flex: '1 1 auto', font: token('font.heading.small', '600 16px/20px sans-serif') }}>
          {t('reportTitle')} — {title}
        </h3>
        <span className="kesu-no-print" style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <label htmlFor="report-mode">{t('reportPeriod')}</label>
          <select id="report-mode" data-testid="report-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as 'month' | 'year')}>
            <option value="month">{t('reportOneMonth')}</option>
            <option value="year">{t('reportYear')}</option>
          </select>
          {mode === 'month' ? (
            <input type="month" data-testid="report-month" aria-label={t('reportMonth')} value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.currentTarget.value) && setMonth(e.currentTarget.value)} />
          ) : (
            <input
              type="number"
              data-testid="report-year"
              aria-label={t('reportYear')}
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => /^\d{4}$/.test(e.currentTarget.value) && setYear(e.currentTarget.value)}
            />
          )}
          <Button testId="report-print" onClick={() => window.print()}>
            {t('reportPrint')}
          </Button>
        </span>
      </div>
      <p style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>{t('reportNote')}</p>
      <LoadedGate state={state} onRetry={retry}>
        {(report) => <ReportBody report={report} policy={policy} />}
      </LoadedGate>
    </div>
  );
}
