/**
 * The issue panel: the complaint's clocks, its class or severity with the reasons, the
 * responsible department against what the matrix allows, what each next transition still
 * needs (the validator's own messages, in the user's language) and the late days.
 */
import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { STATUS_LABELS } from '../../rules/messages';
import { formatSpan } from '../../rules/tracking';
import { call, errorText } from '../shared/bridge';
import { textOr, useLocale, useT } from '../shared/i18n';
import { displayDateTime, viewerZone } from '../shared/datetime';
import { SlaLozenge } from '../shared/sla';
import { ErrorState, Loading } from '../shared/states';
import type { ClockState, Locale, PanelState, Policy } from '../shared/types';

export function reasonText(reason: string, locale: Locale, ordinal?: number): string {
  const m = /^(loss|repeat)>=(\d+(?:\.\d+)?)$/.exec(reason);
  if (m && m[1] === 'repeat' && ordinal !== undefined) return textOr(locale, 'reason.repeatNth', reason).replace('{k}', String(ordinal)).replace('{n}', m[2]!);
  if (m) return textOr(locale, `reason.${m[1]}`, reason).replace('{n}', m[2]!);
  return textOr(locale, `reason.${reason}`, reason);
}


const h3 = { margin: `${token('space.200', '16px')} 0 ${token('space.075', '6px')}`, font: token('font.heading.xsmall', '600 14px/16px sans-serif') } as const;
const cell = { padding: `${token('space.050', '4px')} ${token('space.100', '8px')} ${token('space.050', '4px')} 0`, textAlign: 'left' as const, verticalAlign: 'top' as const };
const subtle = { color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') } as const;

function Clocks({ clocks, localTime }: { clocks: ClockState[]; localTime: (iso: string) => string }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  if (!clocks.length) return <p style={subtle}>{t('panelNoClocks')}</p>;
  return (
    <table data-testid="panel-clocks" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr style={subtle}>
          <th style={cell}>{t('polClockLabel')}</th>
          <th style={cell}>{t('panelDue')}</th>
          <th style={cell}>{t('panelRemaining')}</th>
          <th style={cell}>{t('panelState')}</th>
        </tr>
      </thead>
      <tbody>
        {clocks.map((c) => (
          <tr key={c.id} data-testid={`clock-${c.id}`} data-clock-status={c.status}>
            <td style={cell}>{c.label[locale]}</td>
            <td style={cell}>
              {localTime(c.due)}
              {c.provisional ? <span style={subtle}> {t('panelProvisional')}</span> : null}
            </td>
            <td style={{ ...cell, color: c.status === 'breached' ? token('color.text.danger', '#AE2E24') : undefined }} data-testid="clock-span">
              {c.status === 'breached' ? `-${formatSpan(c.overdueMinutes, locale)}` : c.status === 'running' || c.status === 'at-risk' ? formatSpan(c.remainingMinutes, locale) : '—'}
            </td>
            <td style={cell}>
              <SlaLozenge sla={c} locale={locale} testId={`clock-lozenge-${c.id}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * `zone`: the viewer's time zone (context.timezone); instants show in it, in the viewer's
 * language (zh-CN `2026-12-03 15:03`). Default: the policy's zone.
 */
export function PanelView({
  state,
  policy,
  zone,
  onFirstContact,
  busy,
}: {
  state: PanelState;
  policy: Policy | null;
  zone?: string;
  /** "记录首次联系": records now as the first contact (absent: the button is not offered). */
  onFirstContact?: () => void;
  busy?: boolean;
}): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const levelLabel = (id: string | null): string => (id ? (policy?.severities.find((s) => s.id === id)?.label[locale] ?? id) : t('notSet'));
  const deptLabel = (id: string | null): string =>
    id ? (state.allowedDepartments.find((d) => d.id === id)?.label[locale] ?? policy?.departments.find((d) => d.id === id)?.label[locale] ?? id) : t('notSet');
  const deptOutsideMatrix = state.department !== null && state.allowedDepartments.length > 0 && !state.allowedDepartments.some((d) => d.id === state.department);
  const c = state.classification;
  const localTime = (iso: string): string => displayDateTime(iso, viewerZone(zone, policy?.timeZone ?? 'Asia/Shanghai'), locale);

  return (
    <div data-testid="panel" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center' }}>
        <strong data-testid="panel-number">{state.complaintNumber ?? state.issueKey}</strong>
        <Lozenge appearance={state.status === 'closed' ? 'success' : 'inprogress'} testId="panel-status">
          {STATUS_LABELS[state.status][locale]}
        </Lozenge>
        {state.lateDays > 0 ? (
          <span data-testid="panel-late-days">
            <Lozenge appearance="removed" isBold>
              {t('panelLateDays')} {state.lateDays}
            </Lozenge>
          </span>
        ) : null}
      </div>

      <h3 style={h3}>{t('panelClocks')}</h3>
      <Clocks clocks={state.clocks} localTime={localTime} />

      <h3 style={h3}>{c.field === 'class' ? t('panelClass') : t('panelSeverity')}</h3>
      <div data-testid="panel-class">
        <strong>{levelLabel(c.level)}</strong>
        {c.reasons.length ? (
          <ul style={{ margin: `${token('space.050', '4px')} 0`, paddingLeft: token('space.250', '20px') }} aria-label={t('panelReasons')}>
            {c.reasons.map((r) => (
              <li key={r} data-testid={`reason-${r}`}>
                {reasonText(r, locale, c.repeat?.ordinal)}
              </li>
            ))}
          </ul>
        ) : null}
        {c.repeat && c.repeat.earlier.length ? (
          <div data-testid="panel-earlier" style={subtle}>
            {t('panelEarlier')}:{' '}
            {c.repeat.earlier.map((e, i) => (
              <span key={e.key ?? i} data-testid="earlier-complaint">
                {i > 0 ? (locale === 'zh-CN' ? '、' : ', ') : ''}
                {e.number ?? e.key}
                {e.registeredAt ? ` (${localTime(e.registeredAt).slice(0, 10)})` : ''}
              </span>
            ))}
          </div>
        ) : null}
      </div>

      <h3 style={h3}>{t('panelFirstContact')}</h3>
      <div data-testid="panel-first-contact" style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center' }}>
        <span>{state.firstContactAt ? localTime(state.firstContactAt) : t('panelFirstContactMissing')}</span>
        {!state.firstContactAt && onFirstContact ? (
          <Button testId="panel-record-first-contact" appearance="primary" spacing="compact" isDisabled={busy} onClick={onFirstContact}>
            {t('panelRecordFirstContact')}
          </Button>
        ) : null}
      </div>

      <h3 style={h3}>{t('panelDepartment')}</h3>
      <div data-testid="panel-department">
        <strong>{deptLabel(state.department)}</strong>
        {deptOutsideMatrix ? <span style={{ color: token('color.text.danger', '#AE2E24') }}> — {t('panelNotAllowed')}</span> : null}
        <div style={subtle} data-testid="panel-allowed">
          {t('panelAllowed')}: {state.allowedDepartments.map((d) => d.label[locale]).join(locale === 'zh-CN' ? '、' : ', ') || '—'}
        </div>
      </div>

      <h3 style={h3}>{t('panelNext')}</h3>
      {state.next.length === 0 ? <p style={subtle}>{t('panelNoNext')}</p> : null}
      {state.next.map((n) => (
        <div key={n.to} data-testid={`next-${n.to}`} data-ok={n.ok} style={{ marginBottom: token('space.100', '8px') }}>
          <div style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center' }}>
            <span>→ {n.name[locale]}</span>
            {n.ok ? <Lozenge appearance="success">{t('panelReady')}</Lozenge> : null}
          </div>
          {n.violations.length ? (
            <ul style={{ margin: `${token('space.050', '4px')} 0`, paddingLeft: token('space.250', '20px') }}>
              {n.violations.map((v, i) => (
                <li key={`${v.field}-${v.rule}-${i}`} data-testid="violation" data-rule={v.rule} data-field={v.field} style={{ color: token('color.text.danger', '#AE2E24') }}>
                  {v.message[locale]}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}

      {state.progress ? (
        <>
          <h3 style={h3}>{locale === 'zh-CN' ? '3D / 8D 进度' : '3D / 8D progress'}</h3>
          <ul data-testid="panel-progress" style={{ margin: 0, paddingLeft: token('space.200', '16px') }}>
            <li data-testid="progress-3d">
              3D: {state.progress.containmentAt ? localTime(state.progress.containmentAt) : locale === 'zh-CN' ? '未完成' : 'not done'}
            </li>
            <li data-testid="progress-8d">
              8D:{' '}
              {state.progress.eightDAt
                ? localTime(state.progress.eightDAt)
                : state.progress.needs8D
                  ? locale === 'zh-CN'
                    ? '未完成（质量类客诉结案前须完成）'
                    : 'not done (needed before a quality complaint closes)'
                  : locale === 'zh-CN'
                    ? '不要求'
                    : 'not required'}
            </li>
          </ul>
        </>
      ) : null}

      <h3 style={h3}>{t('panelLateDays')}</h3>
      <div data-testid="panel-late-days-value">{state.lateDays}</div>
    </div>
  );
}

export function Panel({ zone }: { zone?: string } = {}): JSX.Element {
  const locale = useLocale();
  const t = useT();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string; code?: string } | { status: 'ready'; data: PanelState }>({ status: 'loading' });
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const load = useCallback(() => {
    setState({ status: 'loading' });
    call('panel/state')
      .then((data) => setState({ status: 'ready', data }))
      .catch((e: unknown) => setState({ status: 'error', message: errorText(e) }));
  }, []);
  useEffect(() => {
    load();
    call('policy/get')
      .then((a) => setPolicy(a.policy))
      .catch(() => setPolicy(null)); // labels then fall back to ids
  }, [load]);
  if (state.status === 'loading') return <Loading locale={locale} />;
  if (state.status === 'error') return <ErrorState locale={locale} message={state.message} onRetry={load} />;
  return (
    <>
      <PanelView
        state={state.data}
        policy={state.data.policy ?? policy}
        {...(zone ? { zone } : {})}
        busy={busy}
        onFirstContact={() => {
          setBusy(true);
          setActionError(null);
          call('panel/first-contact')
            .then(() => load())
            .catch((e: unknown) => setActionError(errorText(e)))
            .finally(() => setBusy(false));
        }}
      />
      {actionError ? (
        <div data-testid="panel-action-error" style={{ padding: token('space.100', '8px') }}>
          <SectionMessage appearance="error">{actionError}</SectionMessage>
        </div>
      ) : null}
      <div style={{ padding: `0 ${token('space.100', '8px')}` }}>
        <Button testId="panel-refresh" appearance="subtle" spacing="compact" onClick={load}>
          {t('refresh')}
        </Button>
      </div>
      {state.data.clocks.some((c) => c.escalate && c.status === 'breached') ? (
        <div data-testid="panel-escalated" style={{ padding: token('space.100', '8px') }}>
          <SectionMessage appearance="warning">{t('panelEscalated')}</SectionMessage>
        </div>
      ) : null}
    </>
  );
}
