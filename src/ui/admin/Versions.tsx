/**
 * The Versions tab: the saved versions of one policy scope (the site default or a project's own
 * policy) from `policy/history`, newest first; a structured diff of a chosen version against
 * the current one (policy-diff.ts); and restoring a version, after a confirmation, by saving its
 * policy again with `policy/save` — it becomes the newest version, the history is kept.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { call, errorText, ResolverError } from '../shared/bridge';
import { text, useLocale, useT } from '../shared/i18n';
import { EmptyState, ErrorState, Loading } from '../shared/states';
import type { FieldIssue, Locale, Localized, Policy } from '../shared/types';
import { kindKey, sectionKey, settingName } from './history-text';
import { diffPolicies, groupBySection, type ChangeKind, type PolicyChange } from './policy-diff';

/** One entry of `policy/history` (services/policy-store PolicyVersion). */
export interface HistoryEntry {
  version: number;
  savedAt: string;
  savedBy: string;
  policy: Policy;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
const KIND_APPEARANCE: Record<ChangeKind, 'success' | 'removed' | 'moved'> = { added: 'success', removed: 'removed', changed: 'moved' };
const cell = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, borderBottom: `1px solid ${token('color.border', '#091E4224')}`, textAlign: 'left' as const, verticalAlign: 'top' as const };

function formatTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Option labels by id across both sides of a diff, to name matrix rows and columns. */
function labelIndex(policies: Policy[]): Map<string, Localized> {
  const m = new Map<string, Localized>();
  for (const p of policies) for (const list of [p.categories, p.severities, p.departments, p.rootCauses]) for (const o of list) if (!m.has(o.id)) m.set(o.id, o.label);
  return m;
}

/** What a change is about, in words: "质量问题 (quality)", "质量问题 × 品质部", "公司假日 2026-10-09"… */
function describeSubject(c: PolicyChange, locale: Locale, labels: Map<string, Localized>): string {
  const named = (id: string): string => {
    const l = labels.get(id);
    return l ? `${l[locale]} (${id})` : id;
  };
  if (c.label) return `${c.label[locale]} (${c.subject})`;
  switch (c.section) {
    case 'categories':
    case 'severities':
    case 'departments':
    case 'rootCauses':
    case 'clocks':
      return named(c.subject);
    case 'matrix': {
      const [matrix, row, dept] = c.subject.split(':');
      if ((matrix === 'byCategory' || matrix === 'byRootCause') && row !== undefined && dept !== undefined) return `${named(row)} × ${named(dept)}`;
      if (matrix === 'intake' && row !== undefined) return `${text(locale, 'matrix.intake')}: ${named(row)}`;
      return settingName(locale, c.subject);
    }
    case 'calendar':
    case 'classification': {
      const i = c.subject.indexOf(':');
      if (i < 0) return settingName(locale, c.subject);
      const prefix = `${c.section}.${c.subject.slice(0, i)}`;
      const rest = c.subject.slice(i + 1);
      const known = ['calendar.extraHolidays', 'calendar.extraWorkingDays', 'calendar.shutdowns', 'classification.noticeCategories'] as const;
      const key = known.find((k) => k === prefix);
      return key ? `${text(locale, key)}: ${c.section === 'classification' ? named(rest) : rest}` : c.subject;
    }
    case 'workingHours':
      return c.subject;
    default:
      return settingName(locale, c.subject);
  }
}

function DiffView({ from, to }: { from: HistoryEntry; to: HistoryEntry }): JSX.Element {
  const locale = useLocale();
  const h = useT();
  const changes = useMemo(() => diffPolicies(from.policy, to.policy), [from, to]);
  const labels = useMemo(() => labelIndex([to.policy, from.policy]), [from, to]);
  const groups = groupBySection(changes);
  return (
    <section data-testid="version-diff" data-from={from.version} data-to={to.version} aria-labelledby="version-diff-title" style={{ marginTop: token('space.200', '16px') }}>
      <h3 id="version-diff-title" style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.small', '600 16px/20px sans-serif') }}>
        {h('histDiffTitle', { from: from.version, to: to.version })}
      </h3>
      {changes.length === 0 ? (
        <p data-testid="version-diff-none">{h('histDiffNone')}</p>
      ) : (
        <>
          <p data-testid="version-diff-count" style={{ margin: `0 0 ${token('space.100', '8px')}`, color: token('color.text.subtle', '#44546F') }}>
            {h('histDiffCount', { n: changes.length })}
          </p>
          {groups.map((g) => (
            <div key={g.section} data-testid={`diff-section-${g.section}`} style={{ marginBottom: token('space.150', '12px') }}>
              <h4 style={{ margin: `0 0 ${token('space.050', '4px')}`, font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>{h(sectionKey(g.section))}</h4>
              <ul style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
                {g.changes.map((c, i) => (
                  <li key={`${c.subject}-${c.field ?? ''}-${i}`} data-testid="diff-change" data-kind={c.kind} data-subject={c.subject} data-field={c.field ?? ''} style={{ marginBottom: token('space.050', '4px') }}>
                    <Lozenge appearance={KIND_APPEARANCE[c.kind]}>{h(kindKey(c.kind))}</Lozenge> <strong>{describeSubject(c, locale, labels)}</strong>
                    {c.kind === 'changed' ? (
                      <>
                        {c.field ? ` · ${settingName(locale, c.field)}` : ''}:{' '}
                        <del aria-label={`${h('histBefore')}: ${c.before ?? ''}`} style={{ color: token('color.text.danger', '#AE2E24') }}>
                          {c.before}
                        </del>{' '}
                        →{' '}
                        <ins aria-label={`${h('histAfter')}: ${c.after ?? ''}`} style={{ color: token('color.text.success', '#216E4E'), textDecoration: 'none' }}>
                          {c.after}
                        </ins>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; versions: HistoryEntry[] };

export function Versions(): JSX.Element {
  const locale = useLocale();
  const h = useT();
  const t = useT();
  const [scopeKind, setScopeKind] = useState<'site' | 'project'>('site');
  const [keyInput, setKeyInput] = useState('');
  const [keyError, setKeyError] = useState(false);
  /** The scope shown: null = the site default. */
  const [projectKey, setProjectKey] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string; issues: FieldIssue[] } | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    setLoad({ status: 'loading' });
    call('policy/history', projectKey ? { projectKey } : {})
      .then((versions) => alive && setLoad({ status: 'ready', versions: Array.isArray(versions) ? versions : [] }))
      .catch((e: unknown) => alive && setLoad({ status: 'error', message: errorText(e) }));
    return () => {
      alive = false;
    };
  }, [projectKey, reload]);

  useEffect(() => {
    if (confirming !== null) confirmRef.current?.querySelector<HTMLButtonElement>('[data-testid="restore-confirm"]')?.focus();
  }, [confirming]);

  const showScope = (): void => {
    if (scopeKind === 'site') {
      setKeyError(false);
      choose(null);
      return;
    }
    const key = keyInput.trim().toUpperCase();
    if (!PROJECT_KEY.test(key)) {
      setKeyError(true);
      return;
    }
    setKeyError(false);
    choose(key);
  };
  const choose = (key: string | null): void => {
    setProjectKey(key);
    setChosen(null);
    setConfirming(null);
    setNotice(null);
    setReload((n) => n + 1);
  };

  const restore = async (entry: HistoryEntry): Promise<void> => {
    setRestoring(true);
    setNotice(null);
    try {
      const r = await call('policy/save', projectKey ? { policy: entry.policy, projectKey } : { policy: entry.policy });
      setNotice({ kind: 'success', text: h('histRestored', { v: entry.version, next: r.version }), issues: [] });
      setConfirming(null);
      setChosen(null);
      setReload((n) => n + 1);
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e), issues: e instanceof ResolverError ? e.issues : [] });
      setConfirming(null);
    } finally {
      setRestoring(false);
    }
  };

  const scopeName = projectKey ? h('histProject', { key: projectKey }) : h('histScopeSite');
  const versions = load.status === 'ready' ? load.versions : [];
  const current = versions[0];
  const chosenEntry = versions.find((v) => v.version === chosen);
  const confirmEntry = versions.find((v) => v.version === confirming);

  return (
    <div data-testid="versions" style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px'), paddingTop: token('space.150', '12px'), maxWidth: 1000 }}>
      <p style={{ margin: 0 }}>{h('histIntro')}</p>
      <form
        noValidate
        data-testid="versions-scope"
        onSubmit={(e) => {
          e.preventDefault();
          showScope();
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), alignItems: 'flex-end' }}
      >
        <fieldset style={{ border: 0, margin: 0, padding: 0, display: 'flex', gap: token('space.150', '12px'), alignItems: 'center' }}>
          <legend style={{ fontWeight: 600, padding: 0, marginBottom: token('space.050', '4px') }}>{h('histScope')}</legend>
          <label>
            <input type="radio" name="versions-scope" data-testid="scope-site" checked={scopeKind === 'site'} onChange={() => setScopeKind('site')} /> {h('histScopeSite')}
          </label>
          <label>
            <input type="radio" name="versions-scope" data-testid="scope-project" checked={scopeKind === 'project'} onChange={() => setScopeKind('project')} /> {h('histScopeProject')}
          </label>
        </fieldset>
        {scopeKind === 'project' ? (
          <div>
            <label htmlFor="versions-project" style={{ display: 'block', fontWeight: 600 }}>
              {h('histProjectKey')}
            </label>
            <Textfield
              id="versions-project"
              testId="versions-project"
              width="small"
              value={keyInput}
              isInvalid={keyError}
              placeholder="QC"
              aria-describedby={keyError ? 'versions-project-error' : undefined}
              onChange={(e) => setKeyInput(e.currentTarget.value.toUpperCase())}
            />
          </div>
        ) : null}
        <Button testId="versions-show" type="submit">
          {h('histShow')}
        </Button>
      </form>
      {keyError ? (
        <div role="alert" id="versions-project-error" data-testid="versions-project-error" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {h('histKeyInvalid')}
        </div>
      ) : null}
      <div data-testid="versions-showing" style={{ color: token('color.text.subtle', '#44546F') }}>
        {h('histShowing', { scope: scopeName })}
      </div>
      {notice ? (
        <div data-testid="restore-message" data-kind={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <SectionMessage appearance={notice.kind === 'success' ? 'success' : 'error'} title={notice.kind === 'error' ? h('histRestoreFailed') : undefined}>
            <p>{notice.text}</p>
            {notice.issues.length ? (
              <ul data-testid="restore-issues">
                {notice.issues.map((i, n) => (
                  <li key={`${i.field}-${n}`}>
                    {i.field}: {i.message[locale]}
                  </li>
                ))}
              </ul>
            ) : null}
          </SectionMessage>
        </div>
      ) : null}
      {load.status === 'loading' ? <Loading locale={locale} /> : null}
      {load.status === 'error' ? <ErrorState locale={locale} message={load.message} onRetry={() => setReload((n) => n + 1)} /> : null}
      {load.status === 'ready' && versions.length === 0 ? (
        <div data-testid="versions-empty">
          <EmptyState title={projectKey ? h('histEmptyProject', { key: projectKey }) : h('histEmptySite')} />
        </div>
      ) : null}
      {load.status === 'ready' && current ? (
        <table data-testid="versions-list" style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th scope="col" style={cell}>{h('histVersion')}</th>
              <th scope="col" style={cell}>{h('histSavedAt')}</th>
              <th scope="col" style={cell}>{h('histSavedBy')}</th>
              <th scope="col" style={cell}>{h('histName')}</th>
              <th scope="col" style={cell}>{h('histActions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const isCurrent = v.version === current.version;
              return (
                <tr key={v.version} data-testid={`version-${v.version}`} data-current={isCurrent} aria-selected={chosen === v.version ? true : undefined} style={chosen === v.version ? { background: token('color.background.selected', '#E9F2FF') } : undefined}>
                  <th scope="row" style={cell}>
                    {v.version} {isCurrent ? <Lozenge appearance="success">{h('histCurrent')}</Lozenge> : null}
                  </th>
                  <td style={cell}>
                    <time dateTime={v.savedAt}>{formatTime(v.savedAt, locale)}</time>
                  </td>
                  <td style={{ ...cell, wordBreak: 'break-all' }}>{v.savedBy || '—'}</td>
                  <td style={cell}>{v.policy?.name?.[locale] ?? '—'}</td>
                  <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                    {isCurrent ? null : (
                      <span style={{ display: 'inline-flex', gap: token('space.075', '6px') }}>
                        <Button testId={`compare-${v.version}`} aria-label={h('histCompareLabel', { v: v.version })} isSelected={chosen === v.version} onClick={() => setChosen(v.version)}>
                          {h('histCompare')}
                        </Button>
                        <Button
                          testId={`restore-${v.version}`}
                          aria-label={h('histRestoreLabel', { v: v.version })}
                          isDisabled={restoring}
                          onClick={() => {
                            setNotice(null);
                            setChosen(v.version);
                            setConfirming(v.version);
                          }}
                        >
                          {h('histRestore')}
                        </Button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {confirmEntry && current ? (
        <div ref={confirmRef} data-testid="restore-confirmation" role="alertdialog" aria-label={h('histConfirmTitle', { v: confirmEntry.version })} aria-describedby="restore-confirm-body">
          <SectionMessage appearance="warning" title={h('histConfirmTitle', { v: confirmEntry.version })}>
            <p id="restore-confirm-body">{h('histConfirmBody', { v: confirmEntry.version, next: current.version + 1 })}</p>
            <span style={{ display: 'inline-flex', gap: token('space.100', '8px') }}>
              <Button testId="restore-confirm" appearance="warning" isDisabled={restoring} onClick={() => void restore(confirmEntry)}>
                {restoring ? h('histRestoring') : h('histConfirm')}
              </Button>
              <Button testId="restore-cancel" appearance="subtle" isDisabled={restoring} onClick={() => setConfirming(null)}>
                {t('cancel')}
              </Button>
            </span>
          </SectionMessage>
        </div>
      ) : null}
      {chosenEntry && current && chosenEntry.version !== current.version ? <DiffView from={chosenEntry} to={current} /> : null}
    </div>
  );
}
