/**
 * Charts (a lazy chunk with recharts): the Pareto by category or by root cause over the whole
 * scope, and the monthly trend of received, closed and breached complaints for the last twelve
 * months. Every figure is counted by Jira on the server (`stats/charts`), as the user.
 */
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { token } from '@atlaskit/tokens';
import { resolveToken } from '../shared/color';
import { useLocale, useT } from '../shared/i18n';
import type { Policy } from '../shared/types';
import { fetchCharts, type ChartAnswer, type QueryInput } from './data';
import { LoadedGate, useLoaded } from './Loaded';
import { paretoBars } from './stats';

type ParetoBy = 'category' | 'cause';

function ChartsBody({ data, policy }: { data: ChartAnswer; policy: Policy | null }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [by, setBy] = useState<ParetoBy>('category');
  const options = by === 'category' ? policy?.categories : policy?.rootCauses;
  const label = (id: string): string => (id ? (options?.find((o) => o.id === id)?.label[locale] ?? id) : t('unknown'));
  const bars = paretoBars(by === 'category' ? data.byCategory : data.byCause, label, locale === 'zh-CN' ? '其他' : 'Other');
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
        {t('chartsNote', { n: data.total, from: data.from, to: data.to })}
      </p>
      <section aria-label={t('pareto')}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <h3 style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>{t('pareto')}</h3>
          <label htmlFor="pareto-by">{t('paretoBy')}</label>
          <select id="pareto-by" data-testid="pareto-by" value={by} onChange={(e) => setBy(e.currentTarget.value as ParetoBy)}>
            <option value="category">{t('byCategory')}</option>
            <option value="cause">{t('byCause')}</option>
          </select>
        </div>
        <ol data-testid="pareto-counts" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {bars.map((b) => (
            <li key={b.name}>
              {b.name}: {b.count} ({b.cumulative}%)
            </li>
          ))}
        </ol>
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
            <LineChart data={data.trend} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
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

export default function Charts({ query, reload, policy }: { query: QueryInput; reload: number; policy: Policy | null }): JSX.Element {
  const [state, retry] = useLoaded(() => fetchCharts(query), [query, reload]);
  return (
    <LoadedGate state={state} onRetry={retry}>
      {(data) => <ChartsBody data={data} policy={policy} />}
    </LoadedGate>
  );
}
