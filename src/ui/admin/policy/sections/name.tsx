/** The policy's name in both languages and its time zone. */
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useT } from '../../../shared/i18n';
import type { SectionProps } from './types';

export function NameSection({ policy: p, edit, at }: SectionProps): JSX.Element {
  const t = useT();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px') }}>
      {(['zh-CN', 'en'] as const).map((l) => (
        <div key={l} style={{ minWidth: 220 }}>
          <label htmlFor={`policy-name-${l}`}>{l === 'zh-CN' ? t('polLabelZh') : t('polLabelEn')}</label>
          <Textfield
            id={`policy-name-${l}`}
            testId={`policy-name-${l}`}
            isCompact
            value={p.name?.[l] ?? ''}
            isInvalid={at(`policy.name.${l}`).length > 0}
            onChange={(e) => {
              const v = e.currentTarget.value;
              edit((d) => {
                d.name = { ...d.name, [l]: v };
              });
            }}
          />
        </div>
      ))}
      <div style={{ minWidth: 220 }}>
        <label htmlFor="policy-timezone">{t('polTimeZone')}</label>
        <Textfield
          id="policy-timezone"
          testId="policy-timezone"
          isCompact
          value={p.timeZone ?? ''}
          isInvalid={at('policy.timeZone').length > 0}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((d) => {
              d.timeZone = v;
            });
          }}
        />
      </div>
    </div>
  );
}
