/** The clocks (时限): id, label, start and stop milestones, duration and unit, and when each applies. */
import Button from '@atlaskit/button';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { MILESTONE_IDS, MILESTONE_LABELS, UNIT_IDS, UNIT_LABELS } from '../../../../rules/messages';
import { useLocale, useT } from '../../../shared/i18n';
import type { ClockDefinition, Locale, Policy, PolicyOption } from '../../../shared/types';
import { issuesAt } from '../../issues';
import { selectStyle, td, th } from '../widgets';
import type { SectionProps } from './types';

function appliesText(c: ClockDefinition, policy: Policy, locale: Locale, always: string): string {
  const w = c.appliesWhen;
  if (!w) return always;
  const label = (list: PolicyOption[], id: string): string => list.find((o) => o.id === id)?.label[locale] ?? id;
  const parts: string[] = [];
  if (w.categories?.length) parts.push(w.categories.map((x) => label(policy.categories, x)).join('/'));
  if (w.notCategories?.length) parts.push(`≠ ${w.notCategories.map((x) => label(policy.categories, x)).join('/')}`);
  if (w.severities?.length) parts.push(w.severities.map((x) => label(policy.severities, x)).join('/'));
  if (w.classes?.length) parts.push(w.classes.map((x) => label(policy.severities, x)).join('/'));
  return parts.join('; ') || always;
}

export function ClocksSection({ policy, edit, issues }: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const clocks = policy.clocks;
  const set = (i: number, patch: (c: ClockDefinition) => ClockDefinition): void =>
    edit((d) => {
      d.clocks[i] = patch(d.clocks[i]!);
    });
  const bad = (i: number, f: string): boolean => issuesAt(issues, `policy.clocks.${i}.${f}`).length > 0;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid="table-clocks" style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            {[t('polId'), t('polClockLabel'), t('polStart'), t('polStop'), t('polDuration'), t('polUnit'), t('polApplies'), ''].map((h, i) => (
              <th key={i} style={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {clocks.map((c, i) => (
            <tr key={i} data-testid={`clock-row-${i}`}>
              <td style={td}>
                <Textfield
                  isCompact
                  width="medium"
                  testId={`clocks-${i}-id`}
                  aria-label={`${t('polId')} ${i + 1}`}
                  value={c.id}
                  isInvalid={bad(i, 'id')}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    set(i, (x) => ({ ...x, id: v }));
                  }}
                />
              </td>
              <td style={td}>
                <Textfield
                  isCompact
                  testId={`clocks-${i}-label`}
                  aria-label={`${t('polClockLabel')} ${i + 1}`}
                  value={c.label[locale]}
                  isInvalid={bad(i, 'label')}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    set(i, (x) => ({ ...x, label: { ...x.label, [locale]: v } }));
                  }}
                />
              </td>
              {(['start', 'stop'] as const).map((k) => (
                <td key={k} style={td}>
                  <select
                    data-testid={`clocks-${i}-${k}`}
                    aria-label={`${k === 'start' ? t('polStart') : t('polStop')} ${i + 1}`}
                    aria-invalid={bad(i, k)}
                    style={{ ...selectStyle, borderColor: bad(i, k) ? token('color.border.danger', '#E2483D') : selectStyle.border }}
                    value={c[k]}
                    onChange={(e) => {
                      const v = e.currentTarget.value as ClockDefinition['start'];
                      set(i, (x) => ({ ...x, [k]: v }));
                    }}
                  >
                    {MILESTONE_IDS.map((m) => (
                      <option key={m} value={m}>
                        {MILESTONE_LABELS[m][locale]}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
              <td style={td}>
                <Textfield
                  isCompact
                  width="xsmall"
                  type="number"
                  testId={`clocks-${i}-amount`}
                  aria-label={`${t('polDuration')} ${i + 1}`}
                  value={String(c.duration.amount)}
                  isInvalid={bad(i, 'duration')}
                  onChange={(e) => {
                    const v = Number(e.currentTarget.value);
                    set(i, (x) => ({ ...x, duration: { ...x.duration, amount: v } }));
                  }}
                />
              </td>
              <td style={td}>
                <select
                  data-testid={`clocks-${i}-unit`}
                  aria-label={`${t('polUnit')} ${i + 1}`}
                  style={selectStyle}
                  value={c.duration.unit}
                  onChange={(e) => {
                    const v = e.currentTarget.value as ClockDefinition['duration']['unit'];
                    set(i, (x) => ({ ...x, duration: { ...x.duration, unit: v } }));
                  }}
                >
                  {UNIT_IDS.map((u) => (
                    <option key={u} value={u}>
                      {UNIT_LABELS[u][locale]}
                    </option>
                  ))}
                </select>
              </td>
              <td style={{ ...td, fontSize: 12 }}>{appliesText(c, policy, locale, t('polAlways'))}</td>
              <td style={td}>
                <Button testId={`clocks-${i}-remove`} appearance="subtle" spacing="compact" onClick={() => edit((d) => void d.clocks.splice(i, 1))}>
                  {t('polRemove')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        testId="clocks-add"
        spacing="compact"
        onClick={() =>
          edit((d) => {
            d.clocks.push({ id: `custom.clock-${d.clocks.length + 1}`, label: { 'zh-CN': '新时限', en: 'New clock' }, start: 'registered', stop: 'resolved', duration: { amount: 5, unit: 'workingDays' } });
          })
        }
      >
        {t('polAdd')}
      </Button>
    </div>
  );
}
