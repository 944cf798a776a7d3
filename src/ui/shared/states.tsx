/** Loading, empty and error states, the same on every surface. */
import Spinner from '@atlaskit/spinner';
import SectionMessage from '@atlaskit/section-message';
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { text, type Locale } from './i18n';

export function Loading({ locale, label }: { locale: Locale; label?: string }): JSX.Element {
  return (
    <div data-testid="state-loading" role="status" style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center', padding: token('space.200', '16px') }}>
      <Spinner size="medium" label={label ?? text(locale, 'loading')} />
      <span style={{ color: token('color.text.subtle', '#44546F') }}>{label ?? text(locale, 'loading')}</span>
    </div>
  );
}

export function ErrorState({ locale, title, message, onRetry }: { locale: Locale; title?: string; message: string; onRetry?: () => void }): JSX.Element {
  return (
    <div data-testid="state-error" style={{ padding: token('space.100', '8px') }}>
      <SectionMessage appearance="error" title={title ?? text(locale, 'errorTitle')}>
        <p>{message}</p>
        {onRetry ? (
          <Button testId="state-error-retry" onClick={onRetry}>
            {text(locale, 'retry')}
          </Button>
        ) : null}
      </SectionMessage>
    </div>
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }): JSX.Element {
  return (
    <div data-testid="state-empty" style={{ padding: token('space.300', '24px'), textAlign: 'center', color: token('color.text.subtle', '#44546F') }}>
      <strong>{title}</strong>
      {hint ? <p>{hint}</p> : null}
    </div>
  );
}
