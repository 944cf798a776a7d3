/**
 * The screens' own texts in zh-CN and en. Domain labels (columns, statuses, fields, rules) come
 * from src/rules (tracking.ts, messages.ts) so the screens read like the CLI and the validator.
 */
import { createContext, useContext } from 'react';
import { pickLocale, type Locale, type Localized } from '../../rules/messages';

export { pickLocale };
export type { Locale, Localized };

const S = {
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  errorTitle: { 'zh-CN': '出错了', en: 'Something went wrong' },
  contextError: { 'zh-CN': '无法读取 Jira 上下文', en: 'Could not read the Jira context' },
  save: { 'zh-CN': '保存', en: 'Save' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  none: { 'zh-CN': '无', en: 'None' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },

  // gadget — list
  gadgetTitle: { 'zh-CN': '客诉追踪总览表', en: 'Complaint tracking list' },
  tabList: { 'zh-CN': '追踪表', en: 'List' },
  tabCharts: { 'zh-CN': '图表', en: 'Charts' },
  tabReport: { 'zh-CN': '月报', en: 'Monthly report' },
  sla: { 'zh-CN': 'SLA', en: 'SLA' },
  slaNone: { 'zh-CN': '无时限', en: 'No clock' },
  slaRunning: { 'zh-CN': '剩余 {span}', en: '{span} left' },
  slaAtRisk: { 'zh-CN': '将超期 · 剩余 {span}', en: 'At risk · {span} left' },
  slaBreached: { 'zh-CN': '超期 {span}', en: 'Overdue {span}' },
  slaMet: { 'zh-CN': '按时完成', en: 'Met' },
  slaPaused: { 'zh-CN': '暂停', en: 'Paused' },
  empty: { 'zh-CN': '没有符合条件的客诉', en: 'No complaints match' },
  emptyHint: { 'zh-CN': '调整筛选条件或小工具配置的范围。', en: 'Change the filters or the scope in the gadget configuration.' },
  prev: { 'zh-CN': '上一页', en: 'Previous' },
  next: { 'zh-CN': '下一页', en: 'Next' },
  page: { 'zh-CN': '第 {n} 页', en: 'Page {n}' },
  refresh: { 'zh-CN': '刷新', en: 'Refresh' },
  openIssue: { 'zh-CN': '打开 {key}', en: 'Open {key}' },

  // filters
  filters: { 'zh-CN': '筛选', en: 'Filters' },
  fStatus: { 'zh-CN': '处理进度', en: 'Status' },
  fCategory: { 'zh-CN': '客诉分类', en: 'Category' },
  fSeverity: { 'zh-CN': '严重程度/等级', en: 'Severity / class' },
  fDepartment: { 'zh-CN': '责任单位', en: 'Responsible department' },
  fFrom: { 'zh-CN': '投诉日期从', en: 'Complaint date from' },
  fTo: { 'zh-CN': '至', en: 'to' },
  fOverdue: { 'zh-CN': '只看超期', en: 'Overdue only' },
  fClear: { 'zh-CN': '清除筛选', en: 'Clear filters' },
  fAny: { 'zh-CN': '全部', en: 'Any' },
  fNoOptions: { 'zh-CN': '无匹配选项', en: 'No options' },
  fRemove: { 'zh-CN': '移除 {label}', en: 'Remove {label}' },
  fClearField: { 'zh-CN': '清除“{field}”', en: 'Clear {field}' },
  fDateInvalid: { 'zh-CN': '起始日期不能晚于结束日期', en: 'The start date must not be after the end date' },

  // summary
  sumOpen: { 'zh-CN': '未结案', en: 'Open' },
  sumOverdue: { 'zh-CN': '已超期', en: 'Overdue' },
  sumAtRisk: { 'zh-CN': '将超期', en: 'At risk' },
  sumNote: {
    'zh-CN': '统计基于当前已加载的 {n} 条记录（本页），不是全部客诉。',
    en: 'Computed from the {n} rows loaded (this page), not from every complaint.',
  },
  sumScopeNote: {
    'zh-CN': '统计范围：当前筛选下您可查看的全部客诉（Jira 计数）；本月 SLA 达成率见“月报”。',
    en: "Covers every complaint you can see under the current filters (counted by Jira); this month's SLA compliance is in the monthly report.",
  },

  // export
  exportExcel: { 'zh-CN': '导出 Excel', en: 'Export to Excel' },
  exportCsv: { 'zh-CN': '导出 CSV', en: 'Export to CSV' },
  exporting: { 'zh-CN': '正在导出（已读取 {n} 条）…', en: 'Exporting ({n} rows read)…' },
  readingRows: { 'zh-CN': '正在读取客诉（已读取 {n} 条）…', en: 'Reading complaints ({n} read)…' },
  exportDone: { 'zh-CN': '已导出 {n} 条', en: '{n} rows exported' },
  exportingOf: { 'zh-CN': '正在导出：{n} / {total} 条…', en: 'Exporting: {n} of {total} rows…' },
  exportCancel: { 'zh-CN': '取消', en: 'Cancel' },
  exportCancelled: { 'zh-CN': '已取消导出（读取了 {n} 条，未保存）', en: 'Export cancelled ({n} rows read, nothing saved)' },
  exportProgress: { 'zh-CN': '导出进度', en: 'Export progress' },
  exportTitleSuffix: { 'zh-CN': '客诉追踪总览表', en: 'Complaint tracking list' },

  // charts
  chartsNote: {
    'zh-CN': '由 Jira 按您可查看的全部 {n} 条客诉计数（当前筛选）；趋势为 {from} 至 {to}。',
    en: 'Counted by Jira over all {n} complaints you can see (current filters); trend from {from} to {to}.',
  },
  pareto: { 'zh-CN': '不良柏拉图', en: 'Defect Pareto' },
  paretoBy: { 'zh-CN': '按', en: 'By' },
  byCategory: { 'zh-CN': '客诉分类', en: 'Category' },
  byCause: { 'zh-CN': '原因类别', en: 'Root cause' },
  count: { 'zh-CN': '件数', en: 'Complaints' },
  cumulative: { 'zh-CN': '累计 %', en: 'Cumulative %' },
  trend: { 'zh-CN': '月度趋势', en: 'Monthly trend' },
  received: { 'zh-CN': '受理', en: 'Received' },
  closed: { 'zh-CN': '结案', en: 'Closed' },
  breached: { 'zh-CN': '超期', en: 'Breached' },
  chartsLoadError: { 'zh-CN': '图表组件加载失败', en: 'Could not load the chart library' },

  // monthly report
  reportTitle: { 'zh-CN': '客户投诉处理月报表', en: 'Monthly complaint report' },
  reportMonth: { 'zh-CN': '月份', en: 'Month' },
  reportPrint: { 'zh-CN': '打印', en: 'Print' },
  reportCompliance: { 'zh-CN': 'SLA 达成率', en: 'SLA compliance' },
  reportByCategory: { 'zh-CN': '按分类', en: 'By category' },
  reportByCause: { 'zh-CN': '按原因类别', en: 'By cause' },
  reportByDisposition: { 'zh-CN': '按处理结论', en: 'By disposition' },
  reportNone: { 'zh-CN': '（无数据）', en: '(no data)' },
  reportNote: {
    'zh-CN': '由 Jira 按您可查看的全部客诉计数（当前筛选）。受理按投诉日期归月，结案按 Jira 解决日期归月；达成率 = (结案 − 超期结案) / 结案；分类、原因、处理结论按所选期间受理的客诉。',
    en: 'Counted by Jira over every complaint you can see (current filters). Received by complaint date, closed by Jira resolution date; compliance = (closed − closed late) / closed; the breakdowns cover the complaints received in the period.',
  },
  reportPeriod: { 'zh-CN': '期间', en: 'Period' },
  reportOneMonth: { 'zh-CN': '单月', en: 'One month' },
  reportYear: { 'zh-CN': '全年', en: 'A year' },
  reportClosedLate: { 'zh-CN': '超期结案', en: 'Closed late' },
  reportTotal: { 'zh-CN': '合计', en: 'Total' },
  unknown: { 'zh-CN': '未填', en: 'Not set' },

  // gadget config
  cfgTitle: { 'zh-CN': '标题', en: 'Title' },
  cfgScope: { 'zh-CN': '范围', en: 'Scope' },
  cfgScopeProjects: { 'zh-CN': '项目', en: 'Projects' },
  cfgScopeJql: { 'zh-CN': 'JQL 筛选', en: 'JQL filter' },
  cfgProjects: { 'zh-CN': '项目键（逗号分隔，例如 QC, SV）', en: 'Project keys (comma separated, e.g. QC, SV)' },
  cfgJql: { 'zh-CN': 'JQL（不含 ORDER BY）', en: 'JQL (without ORDER BY)' },
  cfgColumns: { 'zh-CN': '显示的列', en: 'Columns' },
  cfgRefresh: { 'zh-CN': '自动刷新（分钟，0 = 不刷新）', en: 'Auto refresh (minutes, 0 = off)' },
  cfgErrTitle: { 'zh-CN': '标题最多 100 个字符', en: 'The title may have at most 100 characters' },
  cfgErrProject: { 'zh-CN': '"{v}" 不是项目键，例如 QC', en: '"{v}" is not a project key such as QC' },
  cfgErrProjectsMax: { 'zh-CN': '最多 50 个项目', en: 'At most 50 projects' },
  cfgErrJql: { 'zh-CN': '筛选不能包含 ORDER BY（列表自行排序）', en: 'The filter must not contain ORDER BY (the list sorts itself)' },
  cfgErrJqlLong: { 'zh-CN': 'JQL 最多 2000 个字符', en: 'The JQL may have at most 2000 characters' },
  cfgErrJqlEmpty: { 'zh-CN': '请填写 JQL，或改选按项目', en: 'Enter a JQL filter, or choose projects' },
  cfgErrColumns: { 'zh-CN': '至少选择一列', en: 'Choose at least one column' },
  cfgErrRefresh: { 'zh-CN': '请输入 0 到 1440 的整数', en: 'Enter a whole number from 0 to 1440' },
  cfgInvalid: { 'zh-CN': '配置有误，请修改标出的字段', en: 'The configuration has errors; fix the marked fields' },

  // panel
  panelClocks: { 'zh-CN': '时限', en: 'Deadlines' },
  panelDue: { 'zh-CN': '到期', en: 'Due' },
  panelState: { 'zh-CN': '状态', en: 'State' },
  panelNoClocks: { 'zh-CN': '尚无已开始的时限', en: 'No clock has started yet' },
  panelClass: { 'zh-CN': '等级', en: 'Class' },
  panelSeverity: { 'zh-CN': '严重程度', en: 'Severity' },
  panelReasons: { 'zh-CN': '依据', en: 'Reasons' },
  panelDepartment: { 'zh-CN': '责任单位', en: 'Responsible department' },
  panelAllowed: { 'zh-CN': '责任矩阵允许', en: 'The matrix allows' },
  panelNotAllowed: { 'zh-CN': '不在责任矩阵允许的部门之内', en: 'is not one the matrix allows' },
  panelNext: { 'zh-CN': '下一步还需要', en: 'What the next transitions need' },
  panelReady: { 'zh-CN': '条件已满足', en: 'Ready' },
  panelLateDays: { 'zh-CN': '拖延天数', en: 'Late days' },
  panelNumber: { 'zh-CN': '客诉单编号', en: 'Complaint number' },
  panelNoNext: { 'zh-CN': '没有后续流转', en: 'No further transitions' },
  'reason.line-stop': { 'zh-CN': '主机厂停线', en: 'Line stop at the customer' },
  'reason.batch': { 'zh-CN': '批量质量问题', en: 'Batch quality problem' },
  'reason.loss': { 'zh-CN': '损失金额 ≥ {n} 元', en: 'Loss ≥ {n} CNY' },
  'reason.rohs-reach': { 'zh-CN': 'RoHS/REACH 不符合', en: 'RoHS/REACH nonconformity' },
  'reason.repeat': { 'zh-CN': '同料号同类问题第 {n} 次及以上', en: 'Same part and category for the {n}th time or more' },
  'reason.individual': { 'zh-CN': '个别、非批量问题', en: 'Individual, non-batch problem' },
  'reason.notice': { 'zh-CN': '通知/建议/资料类', en: 'Notice, suggestion or document request' },
  'reason.category': { 'zh-CN': '由客诉分类确定', en: 'Follows from the category' },
  'reason.manual': { 'zh-CN': '人工指定', en: 'Set by hand' },
  panelEscalated: { 'zh-CN': '有超期的时限需要升级处理（按重大质量案件）', en: 'A breached clock escalates this complaint (major quality case)' },
  panelStatus: { 'zh-CN': '处理进度', en: 'Status' },
  panelRemaining: { 'zh-CN': '剩余/超期', en: 'Remaining / overdue' },
  panelProvisional: { 'zh-CN': '（假日数据未覆盖，按周末计算）', en: '(no holiday data for that year; weekends only)' },
  notSet: { 'zh-CN': '未设置', en: 'Not set' },

  // admin
  adminTitle: { 'zh-CN': '客诉设置', en: 'Complaint settings' },
  tabSetup: { 'zh-CN': '设置向导', en: 'Setup wizard' },
  tabPolicy: { 'zh-CN': '客诉方案', en: 'Policy' },
  tabHistory: { 'zh-CN': '版本', en: 'Versions' },
  setupIntro: {
    'zh-CN': '为一个公司管理型项目创建客诉问题类型、工作流（含校验器）、字段和屏幕。每一步都可重复运行。',
    en: 'Creates the complaint issue type, the workflow with its validator, the fields and the screen for a company-managed project. Every step can be rerun.',
  },
  setupProject: { 'zh-CN': '项目键', en: 'Project key' },
  setupIssueType: { 'zh-CN': '问题类型名称（可选）', en: 'Issue type name (optional)' },
  setupRun: { 'zh-CN': '运行设置', en: 'Run setup' },
  setupRerun: { 'zh-CN': '重新运行', en: 'Run again' },
  setupRunning: { 'zh-CN': '正在设置…', en: 'Running setup…' },
  setupOk: { 'zh-CN': '设置完成', en: 'Setup finished' },
  setupFailed: { 'zh-CN': '设置未完成：请处理失败的步骤后重新运行', en: 'Setup stopped: fix the failed step and run it again' },
  setupKeyInvalid: { 'zh-CN': '项目键须以大写字母开头，例如 QC', en: 'A project key starts with a capital letter, e.g. QC' },
  stepStatus: { 'zh-CN': '结果', en: 'Result' },
  stepDetail: { 'zh-CN': '说明', en: 'Detail' },
  step: { 'zh-CN': '步骤', en: 'Step' },
  'step.permission': { 'zh-CN': '权限', en: 'Permission' },
  'step.project': { 'zh-CN': '项目', en: 'Project' },
  'step.issue-type': { 'zh-CN': '问题类型', en: 'Issue type' },
  'step.issue-type-scheme': { 'zh-CN': '问题类型方案', en: 'Issue type scheme' },
  'step.capabilities': { 'zh-CN': '能力检查', en: 'Capabilities' },
  'step.workflow': { 'zh-CN': '工作流', en: 'Workflow' },
  'step.workflow-scheme': { 'zh-CN': '工作流方案', en: 'Workflow scheme' },
  'step.screens': { 'zh-CN': '屏幕', en: 'Screens' },
  'step.state': { 'zh-CN': '保存状态映射', en: 'Status map' },
  'stepStatus.done': { 'zh-CN': '完成', en: 'Done' },
  'stepStatus.unchanged': { 'zh-CN': '无需更改', en: 'Unchanged' },
  'stepStatus.failed': { 'zh-CN': '失败', en: 'Failed' },
  'stepStatus.skipped': { 'zh-CN': '跳过', en: 'Skipped' },

  polVersion: { 'zh-CN': '当前版本 {v}', en: 'Version {v}' },
  polPreset: { 'zh-CN': '从预设开始', en: 'Start from a preset' },
  polPresetApply: { 'zh-CN': '载入预设', en: 'Load preset' },
  polPresetWarn: { 'zh-CN': '载入预设会替换未保存的修改', en: 'Loading a preset replaces unsaved changes' },
  polName: { 'zh-CN': '方案名称', en: 'Policy name' },
  polTimeZone: { 'zh-CN': '时区', en: 'Time zone' },
  polCategories: { 'zh-CN': '客诉分类', en: 'Categories' },
  polSeverities: { 'zh-CN': '严重程度 / 等级', en: 'Severities / classes' },
  polDepartments: { 'zh-CN': '部门', en: 'Departments' },
  polMatrix: { 'zh-CN': '责任矩阵（分类 × 部门）', en: 'Responsibility matrix (category × department)' },
  polClocks: { 'zh-CN': '时限', en: 'Clocks' },
  polWorkingHours: { 'zh-CN': '工作时间', en: 'Working hours' },
  polCalendar: { 'zh-CN': '工作日历', en: 'Working calendar' },
  polNumbering: { 'zh-CN': '编号规则', en: 'Numbering' },
  polPattern: { 'zh-CN': '编号格式（{YYYY} {YY} {MM} {DD} {SEQ:n}）', en: 'Pattern ({YYYY} {YY} {MM} {DD} {SEQ:n})' },
  polReset: { 'zh-CN': '流水号重置', en: 'Sequence resets' },
  polResetYear: { 'zh-CN': '每年', en: 'yearly' },
  polResetMonth: { 'zh-CN': '每月', en: 'monthly' },
  polPreview: { 'zh-CN': '预览：今天登记的第 {n} 件', en: 'Preview: complaint no. {n} registered today' },
  polAdd: { 'zh-CN': '添加', en: 'Add' },
  polRemove: { 'zh-CN': '删除', en: 'Remove' },
  polId: { 'zh-CN': '编号', en: 'Id' },
  polLabelZh: { 'zh-CN': '中文名称', en: 'Chinese label' },
  polLabelEn: { 'zh-CN': '英文名称', en: 'English label' },
  polClockLabel: { 'zh-CN': '名称', en: 'Label' },
  polStart: { 'zh-CN': '开始', en: 'Start' },
  polStop: { 'zh-CN': '结束', en: 'Stop' },
  polDuration: { 'zh-CN': '时长', en: 'Duration' },
  polUnit: { 'zh-CN': '单位', en: 'Unit' },
  polApplies: { 'zh-CN': '适用', en: 'Applies when' },
  polAlways: { 'zh-CN': '总是', en: 'always' },
  polFrom: { 'zh-CN': '开始', en: 'From' },
  polTo: { 'zh-CN': '结束', en: 'To' },
  polSave: { 'zh-CN': '保存方案', en: 'Save policy' },
  polSaving: { 'zh-CN': '正在保存…', en: 'Saving…' },
  polSaved: { 'zh-CN': '已保存为版本 {v}', en: 'Saved as version {v}' },
  polInvalid: { 'zh-CN': '方案未保存：请修改标出的字段', en: 'The policy was not saved: fix the marked fields' },
  polExport: { 'zh-CN': '导出 JSON', en: 'Export JSON' },
  polImport: { 'zh-CN': '导入 JSON', en: 'Import JSON' },
  polImportBad: { 'zh-CN': '文件不是有效的 JSON：{e}', en: 'The file is not valid JSON: {e}' },
  polImported: { 'zh-CN': '已导入，检查后保存', en: 'Imported; review it and save' },
  polOtherIssues: { 'zh-CN': '其他问题', en: 'Other problems' },
  polExtraHolidays: { 'zh-CN': '公司额外假日（YYYY-MM-DD，逗号分隔）', en: 'Company holidays (YYYY-MM-DD, comma separated)' },
  polExtraWorkdays: { 'zh-CN': '公司额外工作日（YYYY-MM-DD，逗号分隔）', en: 'Company working days (YYYY-MM-DD, comma separated)' },
  polCountry: { 'zh-CN': '国家日历', en: 'National calendar' },
  polCountryCN: { 'zh-CN': '中国（含调休）', en: 'China (with 调休 make-up days)' },
  polCountryNone: { 'zh-CN': '无（仅周末）', en: 'None (weekends only)' },
  calPrev: { 'zh-CN': '上个月', en: 'Previous month' },
  calNext: { 'zh-CN': '下个月', en: 'Next month' },
  calProvisional: {
    'zh-CN': '该年份没有国家假日数据：只按周末计算',
    en: 'No national holiday data for this year: weekends only',
  },
  'kind.workday': { 'zh-CN': '工作日', en: 'Working day' },
  'kind.weekend': { 'zh-CN': '周末', en: 'Weekend' },
  'kind.holiday': { 'zh-CN': '法定假日', en: 'Public holiday' },
  'kind.makeup-workday': { 'zh-CN': '调休上班', en: 'Make-up working day (调休)' },
  'kind.company-holiday': { 'zh-CN': '公司假日', en: 'Company holiday' },
  'kind.company-workday': { 'zh-CN': '公司工作日', en: 'Company working day' },
  'kind.shutdown': { 'zh-CN': '停产', en: 'Shutdown' },
  weekdays: { 'zh-CN': '一,二,三,四,五,六,日', en: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun' },

  // validator config
  vcTitle: { 'zh-CN': '客诉规则校验', en: 'Complaint rule checks' },
  vcFamilies: { 'zh-CN': '检查的规则', en: 'Rules to check' },
  vcLocale: { 'zh-CN': '提示信息语言', en: 'Message language' },
  vcErrNone: { 'zh-CN': '至少选择一类规则', en: 'Choose at least one rule' },
  vcAlways: {
    'zh-CN': '取值范围与格式检查（range、format）始终运行。',
    en: 'Range and format checks of the values present always run.',
  },
  'family.required': { 'zh-CN': '必填字段', en: 'Required fields' },
  'family.matrix': { 'zh-CN': '责任矩阵', en: 'Responsibility matrix' },
  'family.approval': { 'zh-CN': '审批', en: 'Approval' },
  'family.late-reason': { 'zh-CN': '超期须填写未达成原因', en: 'Late reason when a clock is breached' },
  'family.satisfaction': { 'zh-CN': '不满意的回访不能结案', en: 'An unsatisfied follow-up cannot close' },
  langZh: { 'zh-CN': '中文', en: 'Chinese (中文)' },
  langEn: { 'zh-CN': '英文', en: 'English' },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof S;

export function text(locale: Locale, key: TextKey, vars: Record<string, string | number> = {}): string {
  return S[key][locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Looks up a dynamic key (`step.<id>`, `kind.<kind>`…), falling back to the raw id. */
export function textOr(locale: Locale, key: string, fallback: string): string {
  const entry = (S as Record<string, Localized>)[key];
  return entry ? entry[locale] : fallback;
}

export const LocaleContext = createContext<Locale>('en');

export type T = (key: TextKey, vars?: Record<string, string | number>) => string;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): T {
  const locale = useContext(LocaleContext);
  return (key, vars) => text(locale, key, vars);
}
