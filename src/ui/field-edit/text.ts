/** The option field editor's texts (zh-CN / en) and the fields it edits. */
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
} satisfies Record<string, Localized>;
export type OptionFieldKey = keyof typeof OPTION_FIELDS;

export function isOptionField(key: unknown): key is OptionFieldKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(OPTION_FIELDS, key);
}

const F = {
  placeholder: { 'zh-CN': '请选择…', en: 'Choose…' },
  noOptions: { 'zh-CN': '无匹配选项', en: 'No options' },
  clear: { 'zh-CN': '清除“{field}”', en: 'Clear {field}' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  unknownValue: {
    'zh-CN': '当前值 "{value}" 不是本项目客诉方案中的选项，请重新选择。',
    en: 'The current value "{value}" is not an option of this project\'s complaint policy; choose another.',
  },
  unknownField: { 'zh-CN': '此字段没有可选项：{field}', en: 'This field has no options: {field}' },
  noProject: {
    'zh-CN': '无法确定问题所属项目，显示站点默认方案的选项。',
    en: "Could not tell the issue's project; showing the site default policy's options.",
  },
  submitFailed: { 'zh-CN': '未能保存：{e}', en: 'Could not save: {e}' },
} satisfies Record<string, Localized>;

export type FieldTextKey = keyof typeof F;

export function fieldText(locale: Locale, key: FieldTextKey, vars: Record<string, string | number> = {}): string {
  return F[key][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function useFieldT(): (key: FieldTextKey, vars?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (key, vars) => fieldText(locale, key, vars);
}
