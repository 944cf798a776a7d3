/**
 * Setup wizard: choose a project, run `setup/run`, show each step's result and detail. Every
 * step is idempotent on the server, so "run again" after fixing a failed step is safe.
 */
import { useState } from 'react';
import Button from '@atlaskit/button';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { call, errorText, type CallPayload } from '../shared/bridge';
import { textOr, useLocale, useT } from '../shared/i18n';
import { ErrorState } from '../shared/states';
import type { SetupAnswer, StepStatus } from '../shared/types';

const STEP_APPEARANCE: Record<StepStatus, 'success' | 'default' | 'removed' | 'moved'> = {
  done: 'success',
  unchanged: 'default',
  failed: 'removed',
  skipped: 'moved',
};
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
const cell = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, borderBottom: `1px solid ${token('color.border', '#091E4224')}`, textAlign: 'left' as const, verticalAlign: 'top' as const };

export function SetupWizard(): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [projectKey, setProjectKey] = useState('');
  const [issueType, setIssueType] = useState('');
  const [keyError, setKeyError] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SetupAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    const key = projectKey.trim().toUpperCase();
    if (!PROJECT_KEY.test(key)) {
      setKeyError(true);
      return;
    }
    setKeyError(false);
    setRunning(true);
    setError(null);
    try {
      const payload: CallPayload<'setup/run'> = { projectKey: key, locale };
      if (issueType.trim()) payload.issueTypeName = issueType.trim();
      setResult(await call('setup/run', payload));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div data-testid="setup" style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px'), paddingTop: token('space.150', '12px'), maxWidth: 900 }}>
      <p style={{ margin: 0 }}>{t('setupIntro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), alignItems: 'flex-end' }}
      >
        <div>
          <label htmlFor="setup-project" style={{ display: 'block', fontWeight: 600 }}>
            {t('setupProject')}
          </label>
          <Textfield
            id="setup-project"
            testId="setup-project"
            width="small"
            value={projectKey}
            isInvalid={keyError}
            placeholder="QC"
            onChange={(e) => setProjectKey(e.currentTarget.value.toUpperCase())}
          />
        </div>
        <div>
          <label htmlFor="setup-issue-type" style={{ display: 'block', fontWeight: 600 }}>
            {t('setupIssueType')}
          </label>
          <Textfield
            id="setup-issue-type"
            testId="setup-issue-type"
            width="medium"
            value={issueType}
            placeholder={t('setupIssueTypeKeep')}
            aria-describedby="setup-issue-type-hint"
            onChange={(e) => setIssueType(e.currentTarget.value)}
          />
        </div>
        <Button testId="setup-run" type="submit" appearance="primary" isDisabled={running}>
          {running ? t('setupRunning') : result ? t('setupRerun') : t('setupRun')}
        </Button>
      </form>
      <p id="setup-issue-type-hint" data-testid="setup-issue-type-hint" style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
        {t('setupIssueTypeHint')}
      </p>
      {keyError ? (
        <div role="alert" data-testid="setup-project-error" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {t('setupKeyInvalid')}
        </div>
      ) : null}
      {error ? <ErrorState locale={locale} message={error} /> : null}
      {result ? (
        <>
          <div data-testid="setup-result" data-ok={result.ok}>
            <SectionMessage appearance={result.ok ? 'success' : 'warning'}>{result.ok ? t('setupOk') : t('setupFailed')}</SectionMessage>
          </div>
          <table data-testid="setup-steps" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th style={cell}>{t('step')}</th>
                <th style={cell}>{t('stepStatus')}</th>
                <th style={cell}>{t('stepDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {result.steps.map((s, i) => (
                <tr key={`${s.id}-${i}`} data-testid={`setup-step-${s.id}`} data-status={s.status}>
                  <td style={cell}>{textOr(locale, `step.${s.id}`, s.id)}</td>
                  <td style={cell}>
                    <Lozenge appearance={STEP_APPEARANCE[s.status] ?? 'default'}>{textOr(locale, `stepStatus.${s.status}`, s.status)}</Lozenge>
                  </td>
                  <td style={{ ...cell, whiteSpace: 'pre-wrap' }} data-testid="setup-step-detail">
                    {s.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
