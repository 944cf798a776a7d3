/** The working hours: one or more intervals of a working day. */
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { useT } from '../../../shared/i18n';
import { selectStyle } from '../widgets';
import type { SectionProps } from './types';

export function WorkingHoursSection({ policy: p, edit, at }: SectionProps): JSX.Element {
  const t = useT();
  return (
    <>
      {(p.workingHours ?? []).map((w, i) => (
        <div key={i} data-testid={`working-hours-${i}`} style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center', marginBottom: 4 }}>
          {(['start', 'end'] as const).map((k) => (
            <input
              key={k}
              type="time"
              data-testid={`working-hours-${i}-${k}`}
              aria-label={`${k === 'start' ? t('polFrom') : t('polTo')} ${i + 1}`}
              aria-invalid={at(`policy.workingHours.${i}.${k}`).length > 0}
              style={selectStyle}
              value={w[k]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                edit((d) => {
                  d.workingHours[i]![k] = v;
                });
              }}
            />
          ))}
          <Button testId={`working-hours-${i}-remove`} appearance="subtle" spacing="compact" onClick={() => edit((d) => void d.workingHours.splice(i, 1))}>
            {t('polRemove')}
          </Button>
        </div>
      ))}
      <Button testId="working-hours-add" spacing="compact" onClick={() => edit((d) => void d.workingHours.push({ start: '19:00', end: '21:00' }))}>
        {t('polAdd')}
      </Button>
    </>
  );
}
