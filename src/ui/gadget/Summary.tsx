/**
 * The summary strip above the list: open, overdue and at risk over the whole scope (three counts
 * by Jira on the server; the month's SLA compliance is in the monthly report).
 */
import { token } from '@atlaskit/tokens';
import { useT } from '../shared/i18n';
import type { ListSummary } from '../../services/tracking';
import type { TrackingRow } from '../shared/types';
import { summarize } from './stats';

function Stat({ id, label, value, tone }: { id: string; label: string; value: string; tone?: 'danger' | 'warning' }): JSX.Element {
  const color = tone === 'danger' ? token('color.text.danger', '#AE2E24') : tone === 'warning' ? token('color.text.warning', '#A54800') : token('color.text', '#172B4D');
  return (
    <div
      data-testid={`summary-${id}`}
      style={{
        padding: `${token('space.100', '8px')} ${token('space.200', '16px')}`,
        background: token('elevation.surface.sunken', '#F7F8F9'),
        borderRadius: token('radius.small', '4px'),
        minWidth: 110,
      }}
    >
      <div style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>{label}</div>
      <div data-testid={`summary-${id}-value`} style={{ font: token('font.heading.medium', '600 20px/24px sans-serif'), color }}>
        {value}
      </div>
    </div>
  );
}

export function SummaryStrip({ rows, totals }: { rows: TrackingRow[]; totals?: ListSummary | null }): JSX.Element {
  const t = useT();
  // The server's counts over the whole scope when we have them; the loaded page otherwise.
  const s = totals ? { rows: rows.length, open: totals.open, overdue: totals.overdue, atRisk: totals.atRisk } : summarize(rows);
  return (
    <section aria-label="summary" data-testid="summary">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px') }}>
        <Stat id="open" label={t('sumOpen')} value={String(s.open)} />
        <Stat id="overdue" label={t('sumOverdue')} value={String(s.overdue)} tone={s.overdue ? 'danger' : undefined} />
        <Stat id="at-risk" label={t('sumAtRisk')} value={String(s.atRisk)} tone={s.atRisk ? 'warning' : undefined} />
      </div>
      <p data-testid="summary-note" style={{ margin: `${token('space.050', '4px')} 0 0`, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>
        {totals ? t('sumScopeNote') : t('sumNote', { n: s.rows })}
      </p>
    </section>
  );
}
