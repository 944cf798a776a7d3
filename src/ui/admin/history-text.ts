/** The Versions tab's own texts (zh-CN / en), kept next to it. */
import { useLocale } from '../shared/i18n';
import type { Locale, Localized } from '../shared/types';
import type { ChangeKind, DiffSection } from './policy-diff';

const H = {
  histIntro: {
    'zh-CN': '已保存的方案版本，最新的在前。选择一个版本查看它与当前版本的差异，或恢复它。',
    en: 'Saved policy versions, newest first. Choose a version to see how it differs from the current one, or restore it.',
  },
  histScope: { 'zh-CN': '方案范围', en: 'Policy scope' },
  histScopeSite: { 'zh-CN': '站点默认方案', en: 'Site default' },
  histScopeProject: { 'zh-CN': '项目方案', en: 'Project policy' },
  histProjectKey: { 'zh-CN': '项目键', en: 'Project key' },
  histShow: { 'zh-CN': '显示', en: 'Show' },
  histKeyInvalid: { 'zh-CN': '项目键须以大写字母开头，例如 QC', en: 'A project key starts with a capital letter, e.g. QC' },
  histShowing: { 'zh-CN': '正在显示：{scope}', en: 'Showing: {scope}' },
  histProject: { 'zh-CN': '项目 {key}', en: 'project {key}' },
  histEmptySite: { 'zh-CN': '尚未保存，使用默认方案 general', en: 'Never saved; the general preset is in use' },
  histEmptyProject: {
    'zh-CN': '项目 {key} 没有自己的方案，使用站点默认方案',
    en: 'Project {key} has no policy of its own; the site default governs it',
  },
  histVersion: { 'zh-CN': '版本', en: 'Version' },
  histSavedAt: { 'zh-CN': '保存时间', en: 'Saved' },
  histSavedBy: { 'zh-CN': '保存人', en: 'Saved by' },
  histName: { 'zh-CN': '方案名称', en: 'Policy name' },
  histActions: { 'zh-CN': '操作', en: 'Actions' },
  histCurrent: { 'zh-CN': '当前', en: 'Current' },
  histCompare: { 'zh-CN': '与当前比较', en: 'Compare with current' },
  histCompareLabel: { 'zh-CN': '比较版本 {v} 与当前版本', en: 'Compare version {v} with the current version' },
  histRestore: { 'zh-CN': '恢复', en: 'Restore' },
  histRestoreLabel: { 'zh-CN': '恢复版本 {v}', en: 'Restore version {v}' },
  histDiffTitle: { 'zh-CN': '版本 {from} → 当前版本 {to} 的变化', en: 'Changes from version {from} to the current version {to}' },
  histDiffNone: { 'zh-CN': '与当前版本内容相同', en: 'Same content as the current version' },
  histDiffCount: { 'zh-CN': '共 {n} 处变化', en: '{n} changes' },
  histConfirmTitle: { 'zh-CN': '恢复版本 {v}？', en: 'Restore version {v}?' },
  histConfirmBody: {
    'zh-CN': '版本 {v} 的方案将保存为新的版本 {next}，成为当前方案；之前的版本仍保留在历史中。',
    en: "Version {v}'s policy will be saved as the new version {next} and become the current policy; earlier versions stay in the history.",
  },
  histConfirm: { 'zh-CN': '确认恢复', en: 'Restore' },
  histRestoring: { 'zh-CN': '正在恢复…', en: 'Restoring…' },
  histRestored: { 'zh-CN': '已将版本 {v} 恢复为版本 {next}', en: 'Version {v} restored as version {next}' },
  histRestoreFailed: { 'zh-CN': '恢复失败', en: 'Could not restore' },
  histBefore: { 'zh-CN': '原值', en: 'Before' },
  histAfter: { 'zh-CN': '现值', en: 'After' },
  'kind.added': { 'zh-CN': '新增', en: 'Added' },
  'kind.removed': { 'zh-CN': '删除', en: 'Removed' },
  'kind.changed': { 'zh-CN': '修改', en: 'Changed' },
  'section.general': { 'zh-CN': '基本设置', en: 'General' },
  'section.categories': { 'zh-CN': '客诉分类', en: 'Categories' },
  'section.severities': { 'zh-CN': '严重程度 / 等级', en: 'Severities / classes' },
  'section.classification': { 'zh-CN': '分级规则', en: 'Classification' },
  'section.departments': { 'zh-CN': '部门', en: 'Departments' },
  'section.rootCauses': { 'zh-CN': '原因类别', en: 'Root causes' },
  'section.matrix': { 'zh-CN': '责任矩阵', en: 'Responsibility matrix' },
  'section.approval': { 'zh-CN': '审批', en: 'Approval' },
  'section.clocks': { 'zh-CN': '时限', en: 'Clocks' },
  'section.workingHours': { 'zh-CN': '工作时间', en: 'Working hours' },
  'section.calendar': { 'zh-CN': '工作日历', en: 'Working calendar' },
  'section.numbering': { 'zh-CN': '编号规则', en: 'Numbering' },
  'matrix.intake': { 'zh-CN': '受理部门', en: 'Intake department' },
  'calendar.extraHolidays': { 'zh-CN': '公司假日', en: 'Company holiday' },
  'calendar.extraWorkingDays': { 'zh-CN': '公司工作日', en: 'Company working day' },
  'calendar.shutdowns': { 'zh-CN': '停产', en: 'Shutdown' },
  'classification.noticeCategories': { 'zh-CN': '通知类分类', en: 'Notice category' },
} satisfies Record<string, Localized>;

export type HistKey = keyof typeof H;

export function histText(locale: Locale, key: HistKey, vars: Record<string, string | number> = {}): string {
  return H[key][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function useHistT(): (key: HistKey, vars?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (key, vars) => histText(locale, key, vars);
}

export const kindKey = (k: ChangeKind): HistKey => `kind.${k}`;
export const sectionKey = (s: DiffSection): HistKey => `section.${s}`;

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
