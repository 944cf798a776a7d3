/**
 * The policy editor: preset, categories, severities, departments, root causes, the
 * responsibility matrix as a grid, clocks, working hours, the calendar, numbering with a live
 * preview, JSON import/export. The server validates on save (`policy/save`) and its field
 * issues appear next to the section their path names.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { MILESTONE_IDS, MILESTONE_LABELS, UNIT_IDS, UNIT_LABELS } from '../../rules/messages';
import { formatNumber } from '../../rules/numbering';
import { call, errorText, ResolverError } from '../shared/bridge';
import { downloadBlob } from '../shared/download';
import { useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { ClockDefinition, FieldIssue, Locale, Policy, PolicyAnswer, PolicyOption } from '../shared/types';
import { Issues, issuesAt } from './issues';
import { MonthCalendar } from './MonthCalendar';

type OptionList = 'categories' | 'severities' | 'departments' | 'rootCauses';
const PRESETS = ['general', 'food', 'auto-abc'] as const;
const SECTIONS = [
  'policy.name',
  'policy.timeZone',
  'policy.categories',
  'policy.severities',
  'policy.classification',
  'policy.departments',
  'policy.rootCauses',
  'policy.matrix',
  'policy.approval',
  'policy.clocks',
  'policy.atRiskShare',
  'policy.workingHours',
  'policy.calendar',
  'policy.numbering',
  'policy.batchPattern',
];

const th = { padding: `${token('space.050', '4px')} ${token('space.075', '6px')}`, textAlign: 'left' as const, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') };
const td = { padding: `2px ${token('space.075', '6px')}`, verticalAlign: 'top' as const };
const selectStyle = {
  font: 'inherit',
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `1px solid ${token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: '4px',
};

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Splits "2026-10-09, 2026-10-10" into dates; keeps whatever was typed so the server can name bad ones. */
function dateList(s: string): string[] {
  return s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter((x) => x);
}

function Section({ id, title, issues, children }: { id: string; title: string; issues: FieldIssue[]; children: ReactNode }): JSX.Element {
  return (
    <section data-testid={`section-${id}`} aria-labelledby={`h-${id}`} style={{ marginTop: token('space.300', '24px') }}>
      <h3 id={`h-${id}`} style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.small', '600 16px/20px sans-serif') }}>
        {title}
      </h3>
      <Issues list={issues} testId={`issues-${id}`} />
      {children}
    </section>
  );
}

function OptionsTable({
  list,
  items,
  issues,
  onChange,
  onRename,
  extra,
}: {
  list: OptionList;
  items: PolicyOption[];
  issues: FieldIssue[];
  onChange: (items: PolicyOption[]) => void;
  onRename: (from: string, to: string) => void;
  extra?: { head: string[]; cells: (item: PolicyOption, i: number) => ReactNode[] };
}): JSX.Element {
  const t = useT();
  const set = (i: number, patch: (o: PolicyOption) => PolicyOption): void => onChange(items.map((o, j) => (j === i ? patch(clone(o)) : o)));
  const bad = (i: number, field?: string): boolean => issuesAt(issues, `policy.${list}.${i}${field ? `.${field}` : ''}`).length > 0;
  return (
    <table data-testid={`table-${list}`} style={{ borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th style={th}>{t('polId')}</th>
          <th style={th}>{t('polLabelZh')}</th>
          <th style={th}>{t('polLabelEn')}</th>
          {extra?.head.map((h) => (
            <th key={h} style={th}>
              {h}
            </th>
          ))}
          <th style={th} />
        </tr>
      </thead>
      <tbody>
        {items.map((o, i) => (
          <tr key={i} data-testid={`${list}-row-${i}`}>
            <td style={td}>
              <Textfield
                isCompact
                width="small"
                testId={`${list}-${i}-id`}
                aria-label={`${t('polId')} ${i + 1}`}
                value={o.id}
                isInvalid={bad(i, 'id')}
                onChange={(e) => {
                  const next = e.currentTarget.value;
                  onRename(o.id, next);
                  set(i, (x) => ({ ...x, id: next }));
                }}
              />
            </td>
            <td style={td}>
              <Textfield
                isCompact
                testId={`${list}-${i}-zh`}
                aria-label={`${t('polLabelZh')} ${i + 1}`}
                value={o.label['zh-CN']}
                isInvalid={bad(i, 'label')}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  set(i, (x) => ({ ...x, label: { ...x.label, 'zh-CN': v } }));
                }}
              />
            </td>
            <td style={td}>
              <Textfield
                isCompact
                testId={`${list}-${i}-en`}
                aria-label={`${t('polLabelEn')} ${i + 1}`}
                value={o.label.en}
                isInvalid={bad(i, 'label')}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  set(i, (x) => ({ ...x, label: { ...x.label, en: v } }));
                }}
              />
            </td>
            {extra?.cells(o, i).map((c, k) => (
              <td key={k} style={td}>
                {c}
              </td>
            ))}
            <td style={td}>
              <Button testId={`${list}-${i}-remove`} appearance="subtle" spacing="compact" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                {t('polRemove')}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td style={td} colSpan={4}>
            <Button
              testId={`${list}-add`}
              spacing="compact"
              onClick={() => {
                let n = items.length + 1;
                while (items.some((o) => o.id === `new-${n}`)) n++;
                onChange([...items, { id: `new-${n}`, label: { 'zh-CN': `新项 ${n}`, en: `New ${n}` } }]);
              }}
            >
              {t('polAdd')}
            </Button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function MatrixGrid({
  id,
  rows,
  departments,
  matrix,
  onChange,
}: {
  id: string;
  rows: PolicyOption[];
  departments: PolicyOption[];
  matrix: Record<string, string[]>;
  onChange: (m: Record<string, string[]>) => void;
}): JSX.Element {
  const locale = useLocale();
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={`matrix-${id}`} style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={th} />
            {departments.map((d) => (
              <th key={d.id} style={{ ...th, textAlign: 'center' }} scope="col">
                {d.label[locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" style={th}>
                {r.label[locale]}
              </th>
              {departments.map((d) => {
                const on = matrix[r.id]?.includes(d.id) ?? false;
                return (
                  <td key={d.id} style={{ ...td, textAlign: 'center' }}>
                    <input
                      type="checkbox"
                      data-testid={`matrix-${id}-${r.id}-${d.id}`}
                      aria-label={`${r.label[locale]} × ${d.label[locale]}`}
                      checked={on}
                      onChange={(e) => {
                        const next = clone(matrix);
                        const list = new Set(next[r.id] ?? []);
                        if (e.currentTarget.checked) list.add(d.id);
                        else list.delete(d.id);
                        next[r.id] = departments.map((x) => x.id).filter((x) => list.has(x));
                        onChange(next);
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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

function ClocksTable({ policy, issues, onChange }: { policy: Policy; issues: FieldIssue[]; onChange: (clocks: ClockDefinition[]) => void }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const clocks = policy.clocks;
  const set = (i: number, patch: (c: ClockDefinition) => ClockDefinition): void => onChange(clocks.map((c, j) => (j === i ? patch(clone(c)) : c)));
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
                <Textfield isCompact width="medium" testId={`clocks-${i}-id`} aria-label={`${t('polId')} ${i + 1}`} value={c.id} isInvalid={bad(i, 'id')} onChange={(e) => { const v = e.currentTarget.value; set(i, (x) => ({ ...x, id: v })); }} />
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
                <Button testId={`clocks-${i}-remove`} appearance="subtle" spacing="compact" onClick={() => onChange(clocks.filter((_, j) => j !== i))}>
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
          onChange([
            ...clocks,
            { id: `custom.clock-${clocks.length + 1}`, label: { 'zh-CN': '新时限', en: 'New clock' }, start: 'registered', stop: 'resolved', duration: { amount: 5, unit: 'workingDays' } },
          ])
        }
      >
        {t('polAdd')}
      </Button>
    </div>
  );
}

function NumberPreview({ policy }: { policy: Policy }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  let preview: { ok: true; text: string } | { ok: false; text: string };
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

export function PolicyEditor(): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [load, setLoad] = useState<{ status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' }>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [preset, setPreset] = useState<(typeof PRESETS)[number]>('general');
  const [reload, setReload] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  /** Which policy is edited: the site default (null) or a project's own. */
  const [projectKey, setProjectKey] = useState<string | null>(null);
  const [scopeInput, setScopeInput] = useState('');
  /** Whether the project already has a policy of its own (else saving creates one from the draft). */
  const [ownPolicy, setOwnPolicy] = useState(true);
  const zh = locale === 'zh-CN';

  useEffect(() => {
    setLoad({ status: 'loading' });
    call('policy/get', projectKey ? { projectKey } : {})
      .then((a) => {
        setDraft(a.policy);
        setVersion(projectKey && a.scope !== `project-${projectKey}` ? 0 : a.version);
        setOwnPolicy(!projectKey || a.scope === `project-${projectKey}`);
        setLoad({ status: 'ready' });
      })
      .catch((e: unknown) => setLoad({ status: 'error', message: errorText(e) }));
  }, [reload, projectKey]);

  const scopeBar = (
    <div data-testid="policy-scope-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center', marginBottom: token('space.100', '8px') }}>
      <label htmlFor="policy-scope">{zh ? '编辑的方案' : 'Policy of'}</label>
      <input
        id="policy-scope"
        data-testid="policy-scope"
        placeholder={zh ? '项目键，如 QC；留空为站点默认' : 'project key, e.g. QC; empty for the site default'}
        value={scopeInput}
        onChange={(e) => setScopeInput(e.currentTarget.value.toUpperCase())}
        style={{ ...selectStyle, width: 260 }}
      />
      <Button
        testId="policy-scope-apply"
        onClick={() => {
          const key = scopeInput.trim();
          if (key && !/^[A-Z][A-Z0-9_]{0,19}$/.test(key)) {
            setMessage({ kind: 'error', text: zh ? '项目键格式不对，例如 QC' : 'Not a project key, e.g. QC' });
            return;
          }
          setMessage(null);
          setIssues([]);
          setProjectKey(key || null);
        }}
      >
        {zh ? '切换' : 'Switch'}
      </Button>
      <span data-testid="policy-scope-label">
        {projectKey
          ? ownPolicy
            ? zh
              ? `项目 ${projectKey} 的方案`
              : `Project ${projectKey}'s own policy`
            : zh
              ? `项目 ${projectKey} 尚无自己的方案（显示站点默认，保存即为其创建）`
              : `Project ${projectKey} has no policy of its own yet (showing the site default; saving creates one)`
          : zh
            ? '站点默认方案'
            : 'Site default policy'}
      </span>
    </div>
  );

  const other = useMemo(() => issues.filter((i) => !SECTIONS.some((s) => i.field === s || i.field.startsWith(`${s}.`))), [issues]);

  if (load.status === 'loading') return <Loading locale={locale} />;
  if (load.status === 'error' || !draft) return <ErrorState locale={locale} message={load.status === 'error' ? load.message : ''} onRetry={() => setReload((n) => n + 1)} />;
  const p = draft;

  const edit = (mut: (p: Policy) => void): void =>
    setDraft((d) => {
      if (!d) return d;
      const c = clone(d);
      mut(c);
      return c;
    });
  const at = (path: string): FieldIssue[] => issuesAt(issues, path);
  const renameKey = (m: Record<string, string[]>, from: string, to: string): void => {
    if (from === to || !(from in m)) return;
    m[to] = m[from]!;
    delete m[from];
  };
  const renameIn = (m: Record<string, string[]>, from: string, to: string): void => {
    for (const k of Object.keys(m)) m[k] = m[k]!.map((x) => (x === from ? to : x));
  };
  const setList = (list: OptionList) => (items: PolicyOption[]) =>
    edit((d) => {
      const removed = d[list].map((o) => o.id).filter((id) => !items.some((o) => o.id === id));
      (d as Record<OptionList, PolicyOption[]>)[list] = items;
      for (const id of removed) {
        if (list === 'categories') delete d.matrix.byCategory[id];
        if (list === 'rootCauses') delete d.matrix.byRootCause[id];
        if (list === 'departments') {
          for (const m of [d.matrix.byCategory, d.matrix.byRootCause]) for (const k of Object.keys(m)) m[k] = m[k]!.filter((x) => x !== id);
          d.matrix.intake = d.matrix.intake.filter((x) => x !== id);
        }
      }
    });
  const rename = (list: OptionList) => (from: string, to: string) =>
    edit((d) => {
      if (list === 'categories') renameKey(d.matrix.byCategory, from, to);
      if (list === 'rootCauses') renameKey(d.matrix.byRootCause, from, to);
      if (list === 'departments') {
        renameIn(d.matrix.byCategory, from, to);
        renameIn(d.matrix.byRootCause, from, to);
        d.matrix.intake = d.matrix.intake.map((x) => (x === from ? to : x));
        if (d.approval.approverDepartment === from) d.approval.approverDepartment = to;
      }
    });

  const save = async (): Promise<void> => {
    setSaving(true);
    setMessage(null);
    try {
      const r = await call('policy/save', projectKey ? { policy: draft, projectKey } : { policy: draft });
      setOwnPolicy(true);
      setVersion(r.version);
      setIssues([]);
      setMessage({ kind: 'success', text: t('polSaved', { v: r.version }) });
    } catch (e) {
      if (e instanceof ResolverError && e.issues.length) {
        setIssues(e.issues);
        setMessage({ kind: 'error', text: t('polInvalid') });
      } else {
        setIssues([]);
        setMessage({ kind: 'error', text: errorText(e) });
      }
    } finally {
      setSaving(false);
    }
  };

  const loadPreset = async (): Promise<void> => {
    try {
      // The presets are validated with zod: a lazy chunk, loaded only when someone asks.
      const { presetPolicy } = await import('../../rules/presets');
      setDraft(presetPolicy(preset));
      setIssues([]);
      setMessage({ kind: 'info', text: t('polImported') });
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };

  const importFile = (file: File): void => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        const parsed = JSON.parse(String(reader.result)) as unknown;
        const obj = parsed && typeof parsed === 'object' && 'policy' in parsed ? (parsed as { policy: unknown }).policy : parsed;
        if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(locale === 'zh-CN' ? '不是方案对象' : 'not a policy object');
        // The server validates it on save; until then the form shows what the file holds.
        setDraft(obj as Policy);
        setIssues([]);
        setMessage({ kind: 'info', text: t('polImported') });
      } catch (e) {
        setMessage({ kind: 'error', text: t('polImportBad', { e: errorText(e) }) });
      }
    };
    reader.readAsText(file);
  };

  const categoryExtra = {
    head: [t('polSeverities'), '8D'],
    cells: (o: PolicyOption, i: number): ReactNode[] => {
      const cat = p.categories[i]!;
      return [
        <select
          key="sev"
          data-testid={`categories-${i}-severity`}
          aria-label={`${t('polSeverities')} ${o.id}`}
          style={selectStyle}
          value={cat.severity ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((d) => {
              const c = d.categories[i]!;
              if (v) c.severity = v;
              else delete c.severity;
            });
          }}
        >
          <option value="">—</option>
          {p.severities.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label[locale]}
            </option>
          ))}
        </select>,
        <input
          key="q"
          type="checkbox"
          data-testid={`categories-${i}-quality`}
          aria-label={`8D ${o.id}`}
          checked={cat.quality === true}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            edit((d) => {
              const c = d.categories[i]!;
              if (on) c.quality = true;
              else delete c.quality;
            });
          }}
        />,
      ];
    },
  };

  return (
    <div data-testid="policy-editor" style={{ paddingTop: token('space.150', '12px'), maxWidth: 1100 }}>
      {scopeBar}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center' }}>
        <strong data-testid="policy-version">{t('polVersion', { v: version })}</strong>
        <span style={{ flex: '1 1 auto' }} />
        <label htmlFor="policy-preset">{t('polPreset')}</label>
        <select id="policy-preset" data-testid="policy-preset" style={selectStyle} value={preset} onChange={(e) => setPreset(e.currentTarget.value as (typeof PRESETS)[number])}>
          {PRESETS.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <Button testId="policy-preset-load" title={t('polPresetWarn')} onClick={() => void loadPreset()}>
          {t('polPresetApply')}
        </Button>
        <Button testId="policy-export" onClick={() => downloadBlob(new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' }), `complaint-policy-v${version}.json`)}>
          {t('polExport')}
        </Button>
        <Button testId="policy-import-button" onClick={() => fileInput.current?.click()}>
          {t('polImport')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          data-testid="policy-import"
          aria-label={t('polImport')}
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) importFile(f);
            e.currentTarget.value = '';
          }}
        />
        <Button testId="policy-save" appearance="primary" isDisabled={saving} onClick={() => void save()}>
          {saving ? t('polSaving') : t('polSave')}
        </Button>
      </div>
      {message ? (
        <div data-testid="policy-message" data-kind={message.kind} style={{ marginTop: token('space.100', '8px') }}>
          <SectionMessage appearance={message.kind === 'success' ? 'success' : message.kind === 'error' ? 'error' : 'information'}>{message.text}</SectionMessage>
        </div>
      ) : null}
      {other.length ? (
        <div style={{ marginTop: token('space.100', '8px') }}>
          <strong>{t('polOtherIssues')}</strong>
          <Issues list={other} testId="issues-other" />
        </div>
      ) : null}

      <Section id="name" title={t('polName')} issues={[...at('policy.name'), ...at('policy.timeZone')]}>
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
      </Section>

      <Section id="categories" title={t('polCategories')} issues={at('policy.categories')}>
        <OptionsTable list="categories" items={p.categories ?? []} issues={issues} onChange={setList('categories')} onRename={rename('categories')} extra={categoryExtra} />
      </Section>
      <Section id="severities" title={t('polSeverities')} issues={[...at('policy.severities'), ...at('policy.classification')]}>
        <OptionsTable list="severities" items={p.severities ?? []} issues={issues} onChange={setList('severities')} onRename={rename('severities')} />
      </Section>
      <Section id="departments" title={t('polDepartments')} issues={[...at('policy.departments'), ...at('policy.approval')]}>
        <OptionsTable list="departments" items={p.departments ?? []} issues={issues} onChange={setList('departments')} onRename={rename('departments')} />
        <div style={{ marginTop: token('space.100', '8px') }}>
          <Checkbox
            testId="policy-approval"
            label={locale === 'zh-CN' ? '分派须审批，审批部门：' : 'Assignment needs approval by:'}
            isChecked={p.approval?.required === true}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              edit((d) => {
                d.approval = { ...d.approval, required: on };
              });
            }}
          />
          <select
            data-testid="policy-approver"
            aria-label="approver"
            style={selectStyle}
            value={p.approval?.approverDepartment ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              edit((d) => {
                d.approval = { ...d.approval, approverDepartment: v || null };
              });
            }}
          >
            <option value="">—</option>
            {(p.departments ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.label[locale]}
              </option>
            ))}
          </select>
        </div>
      </Section>
      <Section id="root-causes" title={locale === 'zh-CN' ? '原因类别' : 'Root causes'} issues={at('policy.rootCauses')}>
        <OptionsTable list="rootCauses" items={p.rootCauses ?? []} issues={issues} onChange={setList('rootCauses')} onRename={rename('rootCauses')} />
      </Section>

      <Section id="matrix" title={t('polMatrix')} issues={at('policy.matrix')}>
        <MatrixGrid
          id="category"
          rows={p.categories ?? []}
          departments={p.departments ?? []}
          matrix={p.matrix?.byCategory ?? {}}
          onChange={(m) =>
            edit((d) => {
              d.matrix.byCategory = m;
            })
          }
        />
        {(p.rootCauses ?? []).length ? (
          <>
            <h4 style={{ margin: `${token('space.150', '12px')} 0 ${token('space.050', '4px')}` }}>{locale === 'zh-CN' ? '原因类别 × 部门' : 'Root cause × department'}</h4>
            <MatrixGrid
              id="root-cause"
              rows={p.rootCauses}
              departments={p.departments ?? []}
              matrix={p.matrix?.byRootCause ?? {}}
              onChange={(m) =>
                edit((d) => {
                  d.matrix.byRootCause = m;
                })
              }
            />
          </>
        ) : null}
      </Section>

      <Section id="clocks" title={t('polClocks')} issues={[...at('policy.clocks'), ...at('policy.atRiskShare')]}>
        <ClocksTable
          policy={p}
          issues={issues}
          onChange={(clocks) =>
            edit((d) => {
              d.clocks = clocks;
            })
          }
        />
      </Section>

      <Section id="working-hours" title={t('polWorkingHours')} issues={at('policy.workingHours')}>
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
      </Section>

      <Section id="calendar" title={t('polCalendar')} issues={at('policy.calendar')}>
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
      </Section>

      <Section id="numbering" title={t('polNumbering')} issues={[...at('policy.numbering'), ...at('policy.batchPattern')]}>
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
      </Section>
    </div>
  );
}
