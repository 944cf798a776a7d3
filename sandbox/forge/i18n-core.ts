/**
 * Translation lookup shared by the backend (@forge/api `i18n`) and the Custom UI bridge shim: pure, no Node APIs.
 * Forge translation files are JSON with nested objects or dotted keys; a dotted key wins over the nested path.
 */
export type TranslationResourceContent = { [key: string]: string | TranslationResourceContent };

export interface TranslationsConfig {
  /** locale → translation file content, e.g. { 'en-US': {...}, 'zh-CN': {...} } */
  resources: Record<string, TranslationResourceContent>;
  /** manifest translations.fallback: { default: 'en-US', 'zh-TW': ['zh-CN'] } */
  fallback?: { default?: string; [locale: string]: string | string[] | undefined };
}

export function lookupTranslation(content: TranslationResourceContent | undefined, key: string): string | undefined {
  if (!content) return undefined;
  const direct = content[key];
  if (typeof direct === 'string') return direct;
  let node: string | TranslationResourceContent | undefined = content;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Normalise 'zh_CN' / 'zh-cn' → 'zh-CN'. */
export function normaliseLocale(locale: string): string {
  const [lang, region] = locale.replace('_', '-').split('-');
  return region ? `${(lang ?? '').toLowerCase()}-${region.toUpperCase()}` : (lang ?? '').toLowerCase();
}

/** The locales to try, in order: the locale, its explicit fallbacks, then the default. */
export function localeLookupOrder(config: TranslationsConfig, locale: string): string[] {
  const l = normaliseLocale(locale);
  const order = [l];
  const extra = config.fallback?.[l];
  if (Array.isArray(extra)) order.push(...extra);
  else if (typeof extra === 'string') order.push(extra);
  if (config.fallback?.default) order.push(config.fallback.default);
  return [...new Set(order)];
}

export function translate(config: TranslationsConfig, locale: string, key: string, defaultValue?: string): string {
  for (const l of localeLookupOrder(config, locale)) {
    const v = lookupTranslation(config.resources[l], key);
    if (v !== undefined) return v;
  }
  return defaultValue ?? key;
}

/** Result of getTranslations: the first locale in lookup order that has a resource. */
export function pickTranslations(
  config: TranslationsConfig,
  locale: string,
  fallback = true,
): { locale: string; translations: TranslationResourceContent | null } {
  const order = fallback ? localeLookupOrder(config, locale) : [normaliseLocale(locale)];
  for (const l of order) {
    const t = config.resources[l];
    if (t) return { locale: l, translations: t };
  }
  return { locale: normaliseLocale(locale), translations: null };
}
