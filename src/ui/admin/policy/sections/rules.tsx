/**
 * The sections where rules admins shape the workflow rules (issue 11): the required-fields grid
 * (read by the validator, the panel and the transition screens alike), the intake matrix with the
 * repeat window, the channels, and the quick close.
 */
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { addOption, removeOption, renameOption, updateOption } from '../../../../rules/policy-edit';
import { FIELD_LABELS, STATUS_IDS, STATUS_LABELS, joinList } from '../../../../rules/messages';
import { DISPOSITIONS, DISPOSITION_LABELS, REQUIRABLE_FIELDS } from '../../../../rules/options';
import { useLocale, useT } from '../../../shared/i18n';
import type { Policy, StatusId } from '../../../shared/types';
import { OptionsTable, selectStyle, td, th } from '../widgets';
import type { SectionProps } from './types';

/** The statuses a transition can move into that have rules (登记 is the start). */
const TARGETS = STATUS_IDS.filter((s) => s !== 'registered');

type Requirement = NonNullable<Policy['requiredFields'][StatusId]>[number];

function conditionText(r: Requirement, policy: Policy, t: ReturnType<typeof useT>, locale: 'zh-CN' | 'en'): string | null {
  const w = r.when;
  if (!w) return null;
  const parts: string[] = [];
  if (w.quality) parts.push(t('polRequiredQuality'));
  const levels = [...(w.severities ?? []), ...(w.classes ?? [])];
  if (levels.length) parts.push(t('polRequiredLevel', { ids: joinList(levels.map((id) => policy.severities.find((s) => s.id === id)?.label[locale] ?? id), locale) }));
  if (w.categories?.length) parts.push(t('polRequiredCategory', { ids: joinList(w.categories.map((id) => policy.categories.find((c) => c.id === id)?.label[locale] ?? id), locale) }));
  return parts.length ? t('polRequiredOnly', { cond: parts.join(locale === 'zh-CN' ? '；' : '; ') }) : null;
}

/** Fields × target statuses as checkboxes; a conditional entry shows its condition. */
export function RequiredFieldsSection({ policy: p, edit }: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const grid = p.requiredFields ?? {};
  return (
    <>
      <p style={{ margin: `0 0 ${token('space.100', '8px')}`, color: token('color.text.subtle', '#44546F') }}>{t('polRequiredHint')}</p>
      <div style={{ overflowX: 'auto', maxHeight: 480, overflowY: 'auto' }}>
        <table data-testid="required-grid" style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={th} />
              {TARGETS.map((s) => (
                <th key={s} scope="col" style={{ ...th, textAlign: 'center' }}>
                  → {STATUS_LABELS[s][locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {REQUIRABLE_FIELDS.map((f) => (
              <tr key={f}>
                <th scope="row" style={th}>
                  {FIELD_LABELS[f]?.[locale] ?? f}
                </th>
                {TARGETS.map((s) => {
                  const entry = (grid[s] ?? []).find((r) => r.field === f);
                  const cond = entry ? conditionText(entry, p, t, locale) : null;
                  return (
                    <td key={s} style={{ ...td, textAlign: 'center' }}>
                      <input
                        type="checkbox"
                        data-testid={`required-${s}-${f}`}
                        aria-label={`${FIELD_LABELS[f]?.[locale] ?? f} → ${STATUS_LABELS[s][locale]}`}
                        checked={!!entry}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          edit((d) => {
                            const list = (d.requiredFields[s] ?? []).filter((r) => r.field !== f);
                            d.requiredFields[s] = on ? [...list, { field: f }] : list;
                          });
                        }}
                      />
                      {cond ? (
                        <div data-testid={`required-${s}-${f}-when`} style={{ font: token('font.body.small', '11px/14px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
                          {cond}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The intake matrix (departments that may take a complaint at assignment), when the root-cause matrix applies, and the repeat window. */
export function IntakeSection({ policy: p, edit }: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const intake = p.matrix?.intake ?? [];
  return (
    <>
      <p style={{ margin: `0 0 ${token('space.100', '8px')}`, color: token('color.text.subtle', '#44546F') }}>{t('polIntakeHint')}</p>
      <div data-testid="intake-departments" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px') }}>
        {p.departments.map((d) => (
          <label key={d.id} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
            <input
              type="checkbox"
              data-testid={`intake-${d.id}`}
              checked={intake.includes(d.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                edit((x) => {
                  const set = new Set(x.matrix.intake);
                  if (on) set.add(d.id);
                  else set.delete(d.id);
                  x.matrix.intake = x.departments.map((o) => o.id).filter((id) => set.has(id));
                });
              }}
            />
            {d.label[locale]}
          </label>
        ))}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200', '16px'), marginTop: token('space.100', '8px'), alignItems: 'center' }}>
        <label htmlFor="intake-from">{t('polIntakeFrom')}</label>
        <select
          id="intake-from"
          data-testid="intake-from"
          style={selectStyle}
          value={p.matrix?.rootCauseFrom ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((x) => {
              x.matrix.rootCauseFrom = v ? (v as StatusId) : null;
            });
          }}
        >
          <option value="">{t('polIntakeNever')}</option>
          {TARGETS.filter((s) => s !== 'reopened').map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s][locale]}
            </option>
          ))}
        </select>
        <label htmlFor="repeat-window">{t('polRepeatWindow')}</label>
        <input
          id="repeat-window"
          data-testid="repeat-window"
          type="number"
          min={1}
          max={120}
          style={{ ...selectStyle, width: 80 }}
          value={p.classification?.repeatWindowMonths ?? 12}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            edit((x) => {
              // The server checks the range (1–120 months) and names the field when it is off.
              x.classification.repeatWindowMonths = Number.isFinite(n) ? n : 12;
            });
          }}
        />
      </div>
    </>
  );
}

/** 投诉方式 as policy options (微信, 社交媒体, 店内 …). */
export function ChannelsSection({ policy, edit, issues }: SectionProps): JSX.Element {
  return (
    <OptionsTable
      list="channels"
      items={policy.channels ?? []}
      issues={issues}
      onRename={(i, to) => edit((d) => renameOption(d, 'channels', i, to))}
      onUpdate={(i, patch) => edit((d) => updateOption(d, 'channels', i, patch))}
      onRemove={(i) => edit((d) => removeOption(d, 'channels', i))}
      onAdd={() => edit((d) => addOption(d, 'channels'))}
    />
  );
}

function toggle<T extends string>(list: T[] | undefined, id: T, on: boolean): T[] {
  const set = new Set(list ?? []);
  if (on) set.add(id);
  else set.delete(id);
  return [...set];
}

/** The quick-close rules: any of levels, categories or dispositions admits; extra required fields. */
export function QuickCloseSection({ policy: p, edit }: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const rules = p.quickClose ?? [];
  const checks = <T extends string>(
    i: number,
    key: 'levels' | 'categories' | 'dispositions',
    options: { id: T; label: string }[],
  ): JSX.Element => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {options.map((o) => (
        <label key={o.id} style={{ display: 'inline-flex', gap: 2, alignItems: 'center' }}>
          <input
            type="checkbox"
            data-testid={`quick-${i}-${key}-${o.id}`}
            checked={((rules[i]?.when[key] ?? []) as string[]).includes(o.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              edit((d) => {
                const w = d.quickClose[i]!.when as Record<string, string[] | undefined>;
                const next = toggle(w[key], o.id, on);
                if (next.length) w[key] = next;
                else delete w[key];
              });
            }}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
  return (
    <>
      <p style={{ margin: `0 0 ${token('space.100', '8px')}`, color: token('color.text.subtle', '#44546F') }}>{t('polQuickCloseHint')}</p>
      <table data-testid="quick-close" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={th}>{t('polClockLabel')}</th>
            <th style={th}>{t('polQuickLevels')}</th>
            <th style={th}>{t('polQuickCategories')}</th>
            <th style={th}>{t('polQuickDispositions')}</th>
            <th style={th}>{t('polQuickRequires')}</th>
            <th style={th} />
          </tr>
        </thead>
        <tbody>
          {rules.map((q, i) => (
            <tr key={`${q.id}-${i}`} data-testid={`quick-${i}`}>
              <td style={td}>
                <input
                  data-testid={`quick-${i}-label`}
                  aria-label={`${t('polClockLabel')} ${q.id}`}
                  style={{ ...selectStyle, width: 180 }}
                  value={q.label[locale]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => {
                      d.quickClose[i]!.label[locale] = v;
                    });
                  }}
                />
              </td>
              <td style={td}>{checks(i, 'levels', p.severities.map((s) => ({ id: s.id, label: s.label[locale] })))}</td>
              <td style={td}>{checks(i, 'categories', p.categories.map((c) => ({ id: c.id, label: c.label[locale] })))}</td>
              <td style={td}>{checks(i, 'dispositions', DISPOSITIONS.map((d) => ({ id: d, label: DISPOSITION_LABELS[d][locale] })))}</td>
              <td style={td}>
                <select
                  multiple
                  data-testid={`quick-${i}-requires`}
                  aria-label={`${t('polQuickRequires')} ${q.id}`}
                  style={{ ...selectStyle, minWidth: 160, height: 80 }}
                  value={q.requires}
                  onChange={(e) => {
                    const chosen = Array.from(e.currentTarget.selectedOptions, (o) => o.value) as typeof q.requires;
                    edit((d) => {
                      d.quickClose[i]!.requires = chosen;
                    });
                  }}
                >
                  {REQUIRABLE_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABELS[f]?.[locale] ?? f}
                    </option>
                  ))}
                </select>
              </td>
              <td style={td}>
                <Button
                  testId={`quick-${i}-remove`}
                  appearance="subtle"
                  onClick={() =>
                    edit((d) => {
                      d.quickClose.splice(i, 1);
                    })
                  }
                >
                  {t('polRemove')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        testId="quick-add"
        onClick={() =>
          edit((d) => {
            const taken = new Set(d.quickClose.map((q) => q.id));
            let n = d.quickClose.length + 1;
            while (taken.has(`quick-${n}`)) n++;
            d.quickClose.push({ id: `quick-${n}`, label: { 'zh-CN': `快速结案 ${n}`, en: `Quick close ${n}` }, when: {}, requires: [] });
          })
        }
      >
        {t('polAdd')}
      </Button>
    </>
  );
}
