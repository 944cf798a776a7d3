/** The export's progress: a bar against the scope's count, the rows read, and Cancel. */
import Button from '@atlaskit/button';
import { token } from '@atlaskit/tokens';
import { useT } from '../shared/i18n';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number | null }
  | { status: 'done'; done: number }
  | { status: 'cancelled'; done: number }
  | { status: 'error'; message: string };

export function ExportProgress({ state, onCancel }: { state: ExportState; onCancel: () => void }): JSX.Element {
  const t = useT();
  const text =
    state.status === 'running'
      ? state.total !== null
        ? t('exportingOf', { n: state.done, total: state.total })
        : t('exporting', { n: state.done })
      : state.status === 'done'
        ? t('exportDone', { n: state.done })
        : state.status === 'cancelled'
          ? t('exportCancelled', { n: state.done })
          : state.status === 'error'
            ? state.message
            : '';
  return (
    <div className="kesu-no-print" style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), minHeight: 16 }}>
      {state.status === 'running' ? (
        <>
          <progress
            data-testid="export-progress"
            aria-label={t('exportProgress')}
            max={state.total ?? undefined}
            value={state.total !== null ? Math.min(state.done, state.total) : undefined}
            style={{ flex: '0 1 240px' }}
          />
          <Button testId="export-cancel" appearance="subtle" spacing="compact" onClick={onCancel}>
            {t('exportCancel')}
          </Button>
        </>
      ) : null}
      <div
        data-testid="export-status"
        aria-live="polite"
        style={{ font: token('font.body.small', '12px/16px sans-serif'), color: state.status === 'error' ? token('color.text.danger', '#AE2E24') : token('color.text.subtle', '#44546F') }}
      >
        {text}
      </div>
    </div>
  );
}
