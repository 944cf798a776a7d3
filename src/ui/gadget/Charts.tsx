/**
 * Charts (a lazy chunk with recharts): the defect Pareto by category, part or defect, and the
 * monthly trend of received, closed and breached complaints.
 */
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { token } from '@atlaskit/tokens';
import { resolveToken } from '../shared/color';
import { useLocale, useT } from '../shared/i18n';
import type { Policy } from '../shared/types';
import { AllRowsGate, type AllRowsState } from './AllRows';
import { ALL_ROWS_LIMIT } from './data';
import { monthlyTrend, pareto, type LoadedRow } from './stats';

type ParetoBy = 'part' | 'defect' | 'category';

function ChartsBody({ rows, truncated, policy }: { rows: LoadedRow[]; truncated: boolean; policy: Policy | null }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const hasFacets = rows.some((r) => r.facets?.category);
  const [by, setBy] = useState<ParetoBy>(hasFacets ? 'category' : 'part');
  const other = locale === 'zh-CN' ? '其他' : 'Other';
  const keys = rows.map((r) => {
    if (by === 'category') {
      const id = r.facets?.category;
      return id ? (policy?.categories.find((c) => c.id === id)?.label[locale] ?? id) : null;
    }
    return by === 'part' ? r.cells.part || null : r.cells.defect || null;
  });
  const bars = pareto(keys, other);
  const trend = monthlyTrend(rows);
  const c = {
    bar: resolveToken(token('color.chart.blue.bold', '#388BFF')),
    line: resolveToken(token('color.chart.orange.bold', '#F38A3F')),
    received: resolveToken(token('color.chart.blue.bold', '#388BFF')),
    closed: resolveToken(token('color.chart.green.bold', '#22A06B')),
    breached: resolveToken(token('color.chart.danger', '#F15B50')),
    grid: resolveToken(token('color.border', '#091E4224')),
    text: resolveToken(token('color.text.subtle', '#44546F')),
  };
  const tick = { fill: c.text, fontSize: 11 };
  return (
    <div data-testid="charts" style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px'), paddingTop: token('space.100', '8px'), width: '100%' }}>
      <p data-testid="charts-note" style={{ margin: 0, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>
        {t('chartsNote', { n: rows.length, max: ALL_ROWS_LIMIT })}
        {truncated ? ` ${t('exportTruncated', { n: ALL_ROWS_LIMIT })}` : ''}
      </p>
      <section aria-label={t('pareto')}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <h3 style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>{t('pareto')}</h3>
          <label htmlFor="pareto-by">{t('paretoBy')}</label>
          <select id="pareto-by" data-testid="pareto-by" value={by} onChange={(e) => setBy(e.currentTarget.value as ParetoBy)}>
            <option value="category" disabled={!hasFacets}>
              {t('byCategory')}
            </option>
            <option value="part">{t('byPart')}</option>
            <option value="defect">{t('byDefect')}</option>
          </select>
        </div>
        {!hasFacets ? <p style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtlest', '#626F86') }}>{t('noFacets')}</p> : null}
        <div style={{ width: '100%', height: 280 }}>
          <ResponsiveContainer>
            <ComposedChart data={bars} margin={{ top: 8, right: 16, bottom: 32, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="name" tick={tick} interval={0} angle={-20} textAnchor="end" height={60} />
              <YAxis yAxisId="count" allowDecimals={false} tick={tick} />
              <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} unit="%" tick={tick} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="count" dataKey="count" name={t('count')} fill={c.bar} isAnimationActive={false} />
              <Line yAxisId="pct" dataKey="cumulative" name={t('cumulative')} stroke={c.line} strokeWidth={2} dot isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section aria-label={t('trend')}>
        <h3 style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>{t('trend')}</h3>
        <div style={{ width: '100%', height: 260 }}>
          <ResponsiveContainer>
            <LineChart data={trend} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="month" tick={tick} />
              <YAxis allowDecimals={false} tick={tick} />
              <Tooltip />
              <Legend />
              <Line dataKey="received" name={t('received')} stroke={c.received} strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="closed" name={t('closed')} stroke={c.closed} strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="breached" name={t('breached')} stroke={c.breached} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </section>
    </div>
  );
}

export default function Charts({ all, policy }: { all: AllRowsState; policy: Policy | null }): JSX.Element {
  return <AllRowsGate all={all}>{(rows, truncated) => <ChartsBody rows={rows} truncated={truncated} policy={policy} />}</AllRowsGate>;
}
