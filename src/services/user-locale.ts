/**
 * Users' languages, remembered in storage: the workflow validator must answer in the language
 * of the user making the transition, but a validator run may make one Jira call (the issue
 * read). The UI resolvers and the issue trigger learn each user's locale as they go.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { jira } from '../jira/port';
import { pickLocale, type Locale } from '../rules';

const key = (accountId: string): string => `user-locale:${accountId.replace(/[^A-Za-z0-9:._-]/g, '_')}`;

export async function rememberLocale(accountId: string, locale: Locale): Promise<void> {
  if ((await kvs.get<Locale>(key(accountId))) !== locale) await kvs.set(key(accountId), locale);
}

export async function cachedLocale(accountId: string | null | undefined): Promise<Locale | null> {
  if (!accountId) return null;
  return (await kvs.get<Locale>(key(accountId))) ?? null;
}

/**
 * The user's locale, asking Jira (as the app) only when it is not known yet. Null when Jira
 * does not say (a user's privacy settings can hide it).
 */
export async function ensureLocale(accountId: string): Promise<Locale | null> {
  const known = await cachedLocale(accountId);
  if (known) return known;
  const user = await jira<{ locale?: string | null }>('app', route`/rest/api/3/user?accountId=${accountId}`, { retry: 'none' });
  if (!user.locale) return null;
  const locale = pickLocale(user.locale);
  await kvs.set(key(accountId), locale);
  return locale;
}

/**
 * The calling user's language for a UI resolver: the `locale` the Custom UI context carries
 * (Forge's view context has `locale`; the resolver context is "similar to" it — see
 * docs/unverified.md), else one asUser call to Jira's locale preference. Either way remembered
 * for the workflow validator.
 */
export async function callerLocale(contextLocale: unknown, accountId: string | null): Promise<Locale> {
  let raw = typeof contextLocale === 'string' && contextLocale.trim() !== '' ? contextLocale : undefined;
  if (!raw) {
    const r = await jira<{ locale?: string }>('user', route`/rest/api/3/mypreferences/locale`).catch(() => ({ locale: undefined }));
    raw = r.locale;
  }
  const locale = pickLocale(raw);
  if (accountId && raw) await rememberLocale(accountId, locale).catch(() => undefined);
  return locale;
}
