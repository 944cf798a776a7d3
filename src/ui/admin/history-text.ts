/**
 * The Versions tab's labels: the dictionary keys of a change kind and of a diff section, and
 * the names of the policy's settings. Its sentences are in the one dictionary
 * (src/rules/dictionary.ts, keys `hist…`, `kind.…`, `section.…`).
 */
import type { TextKey } from '../shared/i18n';
import type { Locale, Localized } from '../shared/types';
import type { ChangeKind, DiffSection } from './policy-diff';

export const kindKey = (k: ChangeKind): TextKey => `kind.${k}`;
export const sectionKey = (s: DiffSection): TextKey => `section.${s}`;

const NAMES: Record<string, Localized> = {
  id: { 'zh-CN': '方案编号', en: 'Policy id' },
  name: { 'zh-CN': '方案名称', en: 'Policy name' },
  preset: { 'zh-CN': '预设', en: 'Preset' },
  timeZone: { 'zh-CN': '时区', en: 'Time zone' },
  atRiskShare: { 'zh-CN': '将超期比例', en: 'At-risk share' },
  batchPattern: { 'zh-CN': '批号格式', en: 'Batch number pattern' },
  finePerLateDay: { 'zh-CN': '每拖延一天罚款', en: 'Fine per late day' },
  mode: { 'zh-CN': '分级方式', en: 'Classification mode' },
  lossThreshold: { 'zh-CN': '损失金额阈值', en: 'Loss threshold' },
  repeatThreshold: { 'zh-CN': '重复次数阈值', en: 'Repeat threshold' },
  rootCauseFrom: { 'zh-CN': '原因矩阵适用自', en: 'Root-cause matrix applies from' },
  required: { 'zh-CN': '需要审批', en: 'Approval required' },
  approverDepartment: { 'zh-CN': '审批部门', en: 'Approving department' },
  country: { 'zh-CN': '国家日历', en: 'National calendar' },
  pattern: { 'zh-CN': '编号格式', en: 'Pattern' },
  reset: { 'zh-CN': '流水号重置', en: 'Sequence resets' },
  label: { 'zh-CN': '名称', en: 'Label' },
  description: { 'zh-CN': '说明', en: 'Description' },
  severity: { 'zh-CN': '严重程度', en: 'Severity' },
  quality: { 'zh-CN': '需要 8D', en: '8D required' },
  start: { 'zh-CN': '开始', en: 'Start' },
  stop: { 'zh-CN': '结束', en: 'Stop' },
  duration: { 'zh-CN': '时长', en: 'Duration' },
  appliesWhen: { 'zh-CN': '适用条件', en: 'Applies when' },
  escalate: { 'zh-CN': '超期升级', en: 'Escalate on breach' },
};

/** A setting's or property's name in the user's language, else the key itself. */
export function settingName(locale: Locale, key: string): string {
  return NAMES[key]?.[locale] ?? key;
}
