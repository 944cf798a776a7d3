/** The numbering pattern and its reset, with a live preview of today's seventh number. */
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { formatNumber } from '../../../../rules/numbering';
import { errorText } from '../../../shared/bridge';
import { useLocale, useT } from '../../../shared/i18n';
import type { FieldIssue, Policy } from '../../../shared/types';
import { selectStyle } from '../widgets';
import type { SectionProps } from './types';

function NumberPreview({ policy }: { policy: Policy }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  let preview: { ok: boolean; text: string };
  try {
    preview = { ok: true, text: formatNumber(policy, Date.now(), 7) };
  } catch (e) {
    const issues = (e as { issues?: FieldIssue[] }).issues;
    preview = { ok: false, text: issues?.length ? issues.map((i) => i.message[locale]).join('; ') : errorText(e) };
  }
  return (
    <div data-testid="numbering-preview" data-ok={preview.ok} style={{ marginTop: token('space.100', '8px'), color: preview.ok ? token('color.text', '#172B4D') : token('color.text.danger', '#AE2E24') }}>
      {preview.ok ? (
        <>
          {t('polPreview', { n: 7 })}: <code style={{ font: token('font.code', '14px monospace'), fontWeight: 600 }}>{preview.text}</code>
        </>
      ) : (
        preview.text
      )}
    </div>
  );
}

export function NumberingSection({ policy: p, edit, at }: SectionProps): JSX.Element {
  const t = useT();
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), alignItems: 'flex-end' }}>
        <div style={{ minWidth: 280 }}>
          <label htmlFor="numbering-pattern">{t('polPattern')}</label>
          <Textfield
            id="numbering-pattern"
            testId="numbering-pattern"
            isCompact
            value={p.numbering?.pattern ?? ''}
            isInvalid={at('policy.numbering.pattern').length > 0}
            onChange={(e) => {
              const v = e.currentTarget.value;
              edit((d) => {
                d.numbering.pattern = v;
              });
            }}
          />
        </div>
        <label>
          {t('polReset')}{' '}
          <select
            data-testid="numbering-reset"
            style={selectStyle}
            value={p.numbering?.reset ?? 'year'}
            onChange={(e) => {
              const v = e.currentTarget.value as 'year' | 'month';
              edit((d) => {
                d.numbering.reset = v;
              });
            }}
          >
            <option value="year">{t('polResetYear')}</option>
            <option value="month">{t('polResetMonth')}</option>
          </select>
        </label>
      </div>
      <NumberPreview policy={p} />
    </>
  );
}
