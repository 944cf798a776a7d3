/** The working calendar: the national calendar, company holidays and working days, and a month view. */
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useT } from '../../../shared/i18n';
import { MonthCalendar } from '../../MonthCalendar';
import { selectStyle } from '../widgets';
import type { SectionProps } from './types';

/** Splits "2026-10-09, 2026-10-10" into dates; keeps whatever was typed so the server can name bad ones. */
function dateList(s: string): string[] {
  return s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter((x) => x);
}

export function CalendarSection({ policy: p, edit, at, projectKey }: SectionProps): JSX.Element {
  const t = useT();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), maxWidth: 640 }}>
      <label>
        {t('polCountry')}{' '}
        <select
          data-testid="calendar-country"
          style={selectStyle}
          value={p.calendar?.country ?? 'CN'}
          onChange={(e) => {
            const v = e.currentTarget.value as 'CN' | 'none';
            edit((d) => {
              d.calendar.country = v;
            });
          }}
        >
          <option value="CN">{t('polCountryCN')}</option>
          <option value="none">{t('polCountryNone')}</option>
        </select>
      </label>
      {(['extraHolidays', 'extraWorkingDays'] as const).map((k) => (
        <div key={k}>
          <label htmlFor={`calendar-${k}`}>{k === 'extraHolidays' ? t('polExtraHolidays') : t('polExtraWorkdays')}</label>
          <Textfield
            id={`calendar-${k}`}
            testId={`calendar-${k}`}
            isCompact
            isInvalid={at(`policy.calendar.${k}`).length > 0}
            defaultValue={(p.calendar?.[k] ?? []).join(', ')}
            key={`${k}-${(p.calendar?.[k] ?? []).join(',')}`}
            onBlur={(e) => {
              const v = dateList(e.currentTarget.value);
              edit((d) => {
                d.calendar[k] = v;
              });
            }}
          />
        </div>
      ))}
      <MonthCalendar projectKey={projectKey} />
    </div>
  );
}
