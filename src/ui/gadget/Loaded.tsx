/** Figures the charts and the report ask of the server: loading, error (with retry) and ready. */
import { useEffect, useState, type DependencyList } from 'react';
import { errorText } from '../shared/bridge';
import { useLocale } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

/** Runs `load` whenever `deps` change (and on retry); an answer to an older request is dropped. */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    setState({ status: 'loading' });
    load()
      .then((data) => alive && setState({ status: 'ready', data }))
      .catch((e: unknown) => alive && setState({ status: 'error', message: errorText(e) }));
    return () => {
      alive = false;
    };
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

export function LoadedGate<T>({ state, onRetry, children }: { state: Loaded<T>; onRetry: () => void; children: (data: T) => JSX.Element }): JSX.Element {
  const locale = useLocale();
  if (state.status === 'error') return <ErrorState locale={locale} message={state.message} onRetry={onRetry} />;
  if (state.status === 'loading') return <Loading locale={locale} />;
  return children(state.data);
}
