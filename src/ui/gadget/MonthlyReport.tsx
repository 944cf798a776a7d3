/**
 * The monthly report (客户投诉处理月报表 / 客户投诉分析月报): per month the complaints received
 * and closed, the breakdowns by category, cause and disposition, and SLA compliance.
 * Printable: the print stylesheet (print.css) hides everything but the report.
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { useLocale, useT } from '../shared/i18n';
import type { Localized, Policy } from '../shared/types';
import { AllRowsGate, type AllRowsState } from './AllRows';
import { monthlyReport, percent, type Count, type LoadedRow } from './stats';

const cell = { border: `1px solid ${token('color.border', '#091E4224')}`, padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`, textAlign: 'left' as const };

function Breakdown({ title, counts, testId }: { title: string; counts: Count[] | null; testId: string }): JSX.Element {
  const t = useT();
  return (
    <div data-testid={testId} style={{ minWidth: 180, flex: '1 1 180px' }}>
      <h4 style={{ margin: `${token('space.100', '8px')} 0 ${token('space.050', '4px')}`, font: token('font.heading.xxsmall', '600 12px/16px sans-serif') }}>{title}</h4>
      {counts === null ? (
        <p style={{ margin: 0, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>{t('noFacets')}</p>
      ) : counts.length === 0 ? (
        <p style={{ margin: 0 }}>{t('reportNone')}</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <tbody>
            {counts.map((c) => (
              <tr key={c.key}>
                <td style={cell}>{c.label}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ReportBody({ rows, policy, title }: { rows: LoadedRow[]; policy: Policy | null; title: string }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  // Disposition labels live in src/rules/complaint (with its zod schema): load them only when
  // the rows carry dispositions at all.
  const [dispositions, setDispositions] = useState<Record<string, Localized> | null>(null);
  const needDispositions = rows.some((r) => r.facets?.disposition);
  useEffect(() => {
    if (!needDispositions) return;
    void import('../../rules/options').then((m) => setDispositions(m.DISPOSITION_LABELS)).catch(() => undefined);
  }, [needDispositions]);
  const months = monthlyReport(rows, policy, locale, {
    unknown: t('unknown'),
    disposition: (id) => dispositions?.[id]?.[locale] ?? id,
  });
  return (
    <div className="kesu-report" data-testid="monthly-report" style={{ paddingTop: token('space.100', '8px'), width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <h3 style={{ margin: 0, flex: '1 1 auto', font: token('font.heading.small', '600 16px/20px sans-serif') }}>
          {t('reportTitle')} — {title}
        </h3>
        <span className="kesu-no-print">
          <Button testId="report-print" onClick={() => window.print()}>
            {t('reportPrint')}
          </Button>
        </span>
      </div>
      <p style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>{t('reportNote', { n: rows.length })}</p>
      {months.length === 0 ? <p>{t('reportNone')}</p> : null}
      {months.map((m) => (
        <section key={m.month} data-testid={`report-month-${m.month}`} style={{ marginBottom: token('space.300', '24px'), breakInside: 'avoid' }}>
          <h4 style={{ margin: `${token('space.100', '8px')} 0`, font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>
            {t('reportMonth')} {m.month}
          </h4>
          <table style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={cell}>{t('received')}</th>
                <th style={cell}>{t('closed')}</th>
                <th style={cell}>{t('reportCompliance')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td style={cell} data-testid="report-received">
                  {m.received}
                </td>
                <td style={cell} data-testid="report-closed">
                  {m.closed}
                </td>
                <td style={cell} data-testid="report-compliance">
                  {percent(m.compliance)}
                </td>
              </tr>
            </tbody>
          </table>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200', '16px') }}>
            <Breakdown title={t('reportByCategory')} counts={m.byCategory} testId="report-by-category" />
            <Breakdown title={t('reportByCause')} counts={m.byCause} testId="report-by-cause" />
            <Breakdown title={t('reportByDisposition')} counts={m.byDisposition} testId="report-by-disposition" />
          </div>
        </section>
      ))}
    </div>
  );
}

export default function MonthlyReport({ all, policy, title }: { all: AllRowsState; policy: Policy | null; title: string }): JSX.Element {
  return <AllRowsGate all={all}>{(rows) => <ReportBody rows={rows} policy={policy} title={title} />}</AllRowsGate>;
}
