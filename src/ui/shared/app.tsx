/**
 * The shell every surface runs in: reads the Forge context (locale, theme, extension), turns on
 * the host's light/dark theme, and renders the surface with its locale — or a loading or error
 * state while that is not possible.
 */
import { Component, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { view, type FullContext } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { LocaleContext, pickLocale, text, type Locale } from './i18n';
import { ErrorState, Loading } from './states';

export interface SurfaceProps {
  context: FullContext;
  locale: Locale;
}

/** Turns on theming: the host's colour mode via the bridge, and the token CSS for it. */
export async function enableTheme(context: FullContext | null): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Outside Jira (a plain browser, the sandbox without theming) there is no host theme.
  }
  const mode = context?.theme?.colorMode;
  try {
    await setGlobalTheme({ colorMode: mode === 'dark' || mode === 'light' ? mode : 'auto' });
  } catch {
    // No matchMedia (tests) or the theme chunk failed to load: tokens fall back to their defaults.
  }
}

function browserLocale(): Locale {
  return pickLocale(typeof navigator !== 'undefined' ? navigator.language : undefined);
}

class ErrorBoundary extends Component<{ locale: Locale; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }
  override render(): ReactNode {
    if (this.state.error) return <ErrorState locale={this.props.locale} message={this.state.error.message} />;
    return this.props.children;
  }
}

/** Loads the context and renders `render(context, locale)`. Exported for the component tests. */
export function Surface({ render }: { render: (props: SurfaceProps) => ReactNode }): JSX.Element {
  const [state, setState] = useState<{ context: FullContext | null; error: string | null }>({ context: null, error: null });
  useEffect(() => {
    let alive = true;
    view
      .getContext()
      .then((context) => {
        if (!alive) return;
        setState({ context, error: null });
        void enableTheme(context);
      })
      .catch((e: unknown) => alive && setState({ context: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      alive = false;
    };
  }, []);
  const locale = state.context ? pickLocale(state.context.locale) : browserLocale();
  if (state.error) return <ErrorState locale={locale} title={text(locale, 'contextError')} message={state.error} />;
  if (!state.context) return <Loading locale={locale} />;
  const context = state.context;
  return (
    <LocaleContext.Provider value={locale}>
      <ErrorBoundary locale={locale}>{render({ context, locale })}</ErrorBoundary>
    </LocaleContext.Provider>
  );
}

/** Entry point of a surface's bundle: renders its root element into #root. */
export function mount(root: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root is missing from index.html');
  createRoot(el).render(root);
}
