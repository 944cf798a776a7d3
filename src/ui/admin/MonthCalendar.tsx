/**
 * A month of the working calendar as the server computes it (`calendar/month`): national
 * holidays, 调休 make-up working days, company holidays, working days and shutdowns. It shows
 * the saved policy's calendar, not unsaved edits.
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { call, errorText } from '../shared/bridge';
import { text, textOr, useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { DayInfo, DayKind } from '../shared/types';

const KIND_STYLE: Record<DayKind, { bg: string; fg: string }> = {
  workday: { bg: token('elevation.surface', '#FFFFFF'), fg: token('color.text', '#172B4D') },
  weekend: { bg: token('elevation.surface.sunken', '#F7F8F9'), fg: token('color.text.subtlest', '#626F86') },
  holiday: { bg: token('color.background.danger', '#FFECEB'), fg: token('color.text.danger', '#AE2E24') },
  'makeup-workday': { bg: token('color.background.warning', '#FFF7D6'), fg: token('color.text.warning', '#A54800') },
  'company-holiday': { bg: token('color.background.discovery', '#F3F0FF'), fg: token('color.text.discovery', '#5E4DB2') },
  'company-workday': { bg: token('color.background.success', '#DCFFF1'), fg: token('color.text.success', '#216E4E') },
  shutdown: { bg: token('color.background.neutral', '#091E420F'), fg: token('color.text.subtle', '#44546F') },
};

export function MonthCalendar({ initial = new Date(), projectKey = null }: { initial?: Date; projectKey?: string | null }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [ym, setYm] = useState({ year: initial.getFullYear(), month: initial.getMonth() + 1 });
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; days: DayInfo[] }>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let alive = true;
    setState({ status: 'loading' });
    call('calendar/month', { year: ym.year, month: ym.month, ...(projectKey ? { projectKey } : {}) })
      .then((days) => alive && setState({ status: 'ready', days }))
      .catch((e: unknown) => alive && setState({ status: 'error', message: errorText(e) }));
    return () => {
      alive = false;
    };
  }, [ym, reload, projectKey]);

  const shift = (delta: number): void =>
    setYm(({ year, month }) => {
      const m = month - 1 + delta;
      return { year: year + Math.floor(m / 12), month: ((m % 12) + 12) % 12 + 1 };
    });
  const weekdays = text(locale, 'weekdays').split(',');
  const title = locale === 'zh-CN' ? `${ym.year} 年 ${ym.month} 月` : `${ym.year}-${String(ym.month).padStart(2, '0')}`;

  let body: JSX.Element;
  if (state.status === 'loading') body = <Loading locale={locale} />;
  else if (state.status === 'error') body = <ErrorState locale={locale} message={state.message} onRetry={() => setReload((n) => n + 1)} />;
  else {
    const first = state.days[0];
    // Monday-first grid: blanks before the 1st.
    const lead = first ? (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7 : 0;
    body = (
      <>
        {state.days.some((d) => d.provisional) ? (
          <p data-testid="calendar-provisional" style={{ color: token('color.text.warning', '#A54800') }}>
            {t('calProvisional')}
          </p>
        ) : null}
        <div role="grid" aria-label={title} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(72px, 1fr))', gap: 2 }}>
          {weekdays.map((w) => (
            <div key={w} role="columnheader" style={{ textAlign: 'center', fontWeight: 600, color: token('color.text.subtle', '#44546F') }}>
              {w}
            </div>
          ))}
          {Array.from({ length: lead }, (_, i) => (
            <div key={`lead-${i}`} />
          ))}
          {state.days.map((d) => {
            const s = KIND_STYLE[d.kind] ?? KIND_STYLE.workday;
            const kind = textOr(locale, `kind.${d.kind}`, d.kind);
            return (
              <div
                key={d.date}
                role="gridcell"
                data-testid={`day-${d.date}`}
                data-kind={d.kind}
                data-working={d.working}
                title={`${d.date} ${kind}${d.name ? ` · ${d.name[locale]}` : ''}`}
                style={{ background: s.bg, color: s.fg, border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.small', '3px'), padding: 4, minHeight: 48 }}
              >
                <div style={{ fontWeight: 600 }}>{Number(d.date.slice(8, 10))}</div>
                {d.kind !== 'workday' && d.kind !== 'weekend' ? <div style={{ fontSize: 11 }}>{d.name?.[locale] ?? kind}</div> : null}
              </div>
            );
          })}
        </div>
        <ul style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), listStyle: 'none', padding: 0, fontSize: 12 }}>
          {(Object.keys(KIND_STYLE) as DayKind[]).map((k) => (
            <li key={k} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <span style={{ width: 12, height: 12, background: KIND_STYLE[k].bg, border: `1px solid ${token('color.border', '#091E4224')}`, display: 'inline-block' }} />
              {textOr(locale, `kind.${k}`, k)}
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <div data-testid="month-calendar">
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
        <Button testId="calendar-prev" spacing="compact" onClick={() => shift(-1)}>
          {t('calPrev')}
        </Button>
        <strong data-testid="calendar-title">{title}</strong>
        <Button testId="calendar-next" spacing="compact" onClick={() => shift(1)}>
          {t('calNext')}
        </Button>
      </div>
      {body}
    </div>
  );
}
