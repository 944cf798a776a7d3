/** Every row of the current query, for the charts and the monthly report: progress and errors. */
import { useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { LoadedRow } from './stats';

export type AllRowsState =
  | { status: 'idle' }
  | { status: 'loading'; read: number }
  | { status: 'error'; message: string }
  | { status: 'ready'; rows: LoadedRow[]; truncated: boolean };

export function AllRowsGate({ all, children }: { all: AllRowsState; children: (rows: LoadedRow[], truncated: boolean) => JSX.Element }): JSX.Element {
  const locale = useLocale();
  const t = useT();
  if (all.status === 'error') return <ErrorState locale={locale} message={all.message} />;
  if (all.status !== 'ready') return <Loading locale={locale} label={t('readingRows', { n: all.status === 'loading' ? all.read : 0 })} />;
  return children(all.rows, all.truncated);
}
