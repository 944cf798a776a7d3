/**
 * The screens' language: the locale from the Jira context, and `t` bound to it. The texts are
 * the app's one dictionary (src/rules/dictionary.ts); domain labels (columns, statuses, fields,
 * rules) come from src/rules (tracking.ts, messages.ts) so the screens read like the CLI and
 * the validator.
 */
import { createContext, useContext } from 'react';
import { text, textOr, type TextKey, type TextVars } from '../../rules/dictionary';
import { pickLocale, type Locale, type Localized } from '../../rules/messages';

export { pickLocale, text, textOr };
export type { Locale, Localized, TextKey };

export const LocaleContext = createContext<Locale>('en');

export type T = (key: TextKey, vars?: TextVars) => string;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): T {
  const locale = useContext(LocaleContext);
  return (key, vars) => text(locale, key, vars);
}
