/**
 * The app's one dictionary of keyed texts, zh-CN and en, with its one interpolator: the
 * screens (src/ui), the resolvers' error answers and the rules read their sentences from here.
 * Domain labels keyed by domain ids (fields, statuses, milestones, units, rules) live next to
 * their ids in messages.ts. A test (test/rules/dictionary.test.ts) checks that every key is
 * used somewhere in src/ and that every key used exists in both languages.
 */
import type { Locale, Localized } from './messages';

const TEXTS = {
  // Resolver answers (src/resolvers/define.ts): what the browser shows when a call fails.
  errInvalidInput: { 'zh-CN': '请求内容不正确：{detail}', en: 'The request is not valid: {detail}' },
  errForbiddenAdmin: { 'zh-CN': '只有 Jira 管理员可以执行此操作', en: 'Only Jira administrators can do this' },
  errNoProjectAccess: { 'zh-CN': '您没有浏览项目 {project} 的权限', en: 'You do not have permission to browse project {project}' },
  errNotFound: { 'zh-CN': 'Jira 中找不到该内容，或您无权查看', en: 'Jira has no such item, or you may not see it' },
  errBusy: { 'zh-CN': 'Jira 当前繁忙，请稍后重试', en: 'Jira is busy right now; try again in a moment' },
  errUnavailable: { 'zh-CN': '暂时无法连接 Jira，请稍后重试', en: 'Jira could not be reached; try again in a moment' },
  errJiraRefused: { 'zh-CN': 'Jira 拒绝了该请求（HTTP {status}）', en: 'Jira refused the request (HTTP {status})' },
  errNoIssueContext: { 'zh-CN': '面板上下文中没有问题', en: 'There is no issue in the panel context' },
  errInternal: { 'zh-CN': '应用内部错误，已记录日志（编号 {ref}）', en: 'Internal error in the app; it has been logged (reference {ref})' },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXTS;
export type TextVars = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays as written. */
export function interpolate(template: string, vars: TextVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));
}

/** One text in one language. */
export function text(locale: Locale, key: TextKey, vars: TextVars = {}): string {
  return interpolate(TEXTS[key][locale], vars);
}

/** One text in both languages (for errors that carry both, like FieldIssue messages). */
export function texts(key: TextKey, vars: TextVars = {}): Localized {
  return { 'zh-CN': text('zh-CN', key, vars), en: text('en', key, vars) };
}

/** Whether a string names a text (for keys that arrive as data, e.g. from the server). */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXTS, key);
}

/** Every key, for the dictionary's own test. */
export const TEXT_KEYS = Object.keys(TEXTS) as TextKey[];
