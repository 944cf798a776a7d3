/** The option field editor's texts (zh-CN / en) and the fields it edits. */
import { text, type TextKey, type TextVars } from '../../rules/dictionary';
import { useLocale } from '../shared/i18n';
import type { Locale, Localized } from '../shared/types';

/** The option-like fields (manifest `jira:customField` keys) with their names, as in locales/*.json. */
export const OPTION_FIELDS = {
  'complaint-category': { 'zh-CN': '客诉分类', en: 'Complaint category' },
  'complaint-severity': { 'zh-CN': '严重程度', en: 'Severity' },
  'complaint-class': { 'zh-CN': '信息等级', en: 'Information class' },
  'complaint-department': { 'zh-CN': '责任单位', en: 'Responsible department' },
  'complaint-root-cause': { 'zh-CN': '原因类别', en: 'Root-cause category' },
  'complaint-channel': { 'zh-CN': '投诉方式', en: 'Complaint channel' },
  'complaint-disposition': { 'zh-CN': '处理结论', en: 'Disposition' },
  'complaint-satisfaction': { 'zh-CN': '满意度', en: 'Customer satisfaction' },
  'complaint-request': { 'zh-CN': '客户诉求', en: "Customer's request" },
} satisfies Record<string, Localized>;
export type OptionFieldKey = keyof typeof OPTION_FIELDS;

export function isOptionField(key: unknown): key is OptionFieldKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(OPTION_FIELDS, key);
}

/** The editor's texts by the names it uses: keys of the app's one dictionary (src/rules/dictionary.ts). */
const KEYS = {
  placeholder: 'fePlaceholder',
  noOptions: 'fNoOptions',
  clear: 'fClearField',
  save: 'save',
  saving: 'polSaving',
  cancel: 'cancel',
  unknownValue: 'feUnknownValue',
  unknownField: 'feUnknownField',
  noProject: 'feNoProject',
  submitFailed: 'feSubmitFailed',
} as const satisfies Record<string, TextKey>;

export type FieldTextKey = keyof typeof KEYS;

export function fieldText(locale: Locale, key: FieldTextKey, vars: TextVars = {}): string {
  return text(locale, KEYS[key], vars);
}

export function useFieldT(): (key: FieldTextKey, vars?: TextVars) => string {
  const locale = useLocale();
  return (key, vars) => fieldText(locale, key, vars);
}
