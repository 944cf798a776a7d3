/**
 * The app's one dictionary of keyed texts, zh-CN and en, with its one interpolator: the
 * screens (src/ui), the resolvers' error answers and the rules read their sentences from here.
 * Domain labels keyed by domain ids (fields, statuses, milestones, units, rules) live next to
 * their ids in messages.ts. A test (test/rules/dictionary.test.ts) checks that every key is
 * used somewhere in src/ and that every key used exists in both languages.
 */
import type { Locale, Localized } from './messages';

const TEXTS = {
  // Field problems found by a zod schema (src/rules/errors.ts issuesFromZod).
  zodCustom: { 'zh-CN': '{field}：{message}（规则：{rule}）', en: '{field}: {message} (rule: {rule})' },
  zodRequired: { 'zh-CN': '{field}：必填，应为 {expected}（规则：required）', en: '{field}: is required, expected {expected} (rule: required)' },
  zodType: { 'zh-CN': '{field}：应为 {expected} 类型（规则：type）', en: '{field}: must be of type {expected} (rule: type)' },
  zodRange: { 'zh-CN': '{field}：{size}须 {op} {limit}，例如 {limit}（规则：range）', en: '{field}: {size}must be {op} {limit}, e.g. {limit} (rule: range)' },
  zodFormat: { 'zh-CN': '{field}：格式不符（{format}{pattern}）（规则：format）', en: '{field}: does not match the {format} format{pattern} (rule: format)' },
  zodOption: { 'zh-CN': '{field}：取值须为 {values} 之一（规则：option）', en: '{field}: must be one of {values} (rule: option)' },
  zodUnknown: { 'zh-CN': '{field}：未知字段 {keys}（规则：unknown）', en: '{field}: unknown field(s) {keys} (rule: unknown)' },
  zodOther: { 'zh-CN': '{field}：{message}（规则：type）', en: '{field}: {message} (rule: type)' },

  // Resolver answers (src/resolvers/define.ts): what the browser shows when a call fails.
  errForbiddenAdmin: { 'zh-CN': '只有 Jira 管理员可以执行此操作', en: 'Only Jira administrators can do this' },
  errNoProjectAccess: { 'zh-CN': '您没有浏览项目 {project} 的权限', en: 'You do not have permission to browse project {project}' },
  errNotFound: { 'zh-CN': 'Jira 中找不到该内容，或您无权查看', en: 'Jira has no such item, or you may not see it' },
  errBusy: { 'zh-CN': 'Jira 当前繁忙，请稍后重试', en: 'Jira is busy right now; try again in a moment' },
  errUnavailable: { 'zh-CN': '暂时无法连接 Jira，请稍后重试', en: 'Jira could not be reached; try again in a moment' },
  errJiraRefused: { 'zh-CN': 'Jira 拒绝了该请求（HTTP {status}）', en: 'Jira refused the request (HTTP {status})' },
  errNoIssueContext: { 'zh-CN': '面板上下文中没有问题', en: 'There is no issue in the panel context' },
  errInternal: { 'zh-CN': '应用内部错误，已记录日志（编号 {ref}）', en: 'Internal error in the app; it has been logged (reference {ref})' },

  // Setup steps that failed (src/services/setup.ts): what the admin page shows, with the step's
  // code; Jira's own words go to the app log only.
  setupNotAdmin: { 'zh-CN': '只有 Jira 管理员可以运行设置。', en: 'Only Jira administrators can run setup.' },
  setupTeamManaged: { 'zh-CN': '{project} 是团队管理型项目，请选择公司管理型项目。', en: '{project} is team-managed; choose a company-managed project.' },
  setupNoIssueTypeScheme: { 'zh-CN': '找不到项目 {project} 的问题类型方案。', en: 'No issue type scheme found for {project}.' },
  setupNoValidator: {
    'zh-CN': 'Jira 的 /workflows/capabilities 没有提供应用的校验器 {module}，请确认应用已安装到此站点。',
    en: "Jira's /workflows/capabilities does not offer the app's validator {module}; check that the app is installed on this site.",
  },
  setupWorkflowRefused: {
    'zh-CN': 'Jira 拒绝创建工作流 {workflow}（{count} 个错误：{codes}，详情见应用日志）。请处理冲突（如同名状态）后重新运行设置。',
    en: 'Jira refuses to create the workflow {workflow} ({count} errors: {codes}; details in the app log). Resolve the conflict (a status name in use, …), then run setup again.',
  },
  setupWorkflowStatuses: { 'zh-CN': '工作流 {workflow} 缺少以下状态：{statuses}', en: 'The workflow {workflow} has no status for: {statuses}' },
  setupDefaultScheme: {
    'zh-CN': '{project} 使用 Jira 的默认工作流方案（Default Workflow Scheme），Jira 拒绝为其指定方案 {scheme}：Jira 只为没有问题的项目指定方案。请在 Jira 设置中将方案 {scheme} 关联到 {project}，然后重新运行设置。',
    en: '{project} uses the Default Workflow Scheme and Jira refused to assign scheme {scheme}; Jira assigns a scheme only to a project without issues: associate scheme {scheme} with {project} in Jira settings, then run setup again.',
  },
  setupSchemeUnreadable: { 'zh-CN': '无法读取工作流方案 {scheme}。', en: 'Workflow scheme {scheme} could not be read.' },
  setupStepFailed: { 'zh-CN': '{reason}（代码 {code}，详情见应用日志）。修正后请重新运行设置。', en: '{reason} (code {code}; details in the app log). Run setup again once it is fixed.' },

  // Screens (src/ui): shared, gadget, panel, admin.
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
  exportDone: { 'zh-CN': '已导出 {n} 条', en: '{n} rows exported' },
  exportingOf: { 'zh-CN': '正在导出：{n} / {total} 条…', en: 'Exporting: {n} of {total} rows…' },
  exportCancel: { 'zh-CN': '取消', en: 'Cancel' },
  exportCancelled: { 'zh-CN': '已取消导出（读取了 {n} 条，未保存）', en: 'Export cancelled ({n} rows read, nothing saved)' },
  exportProgress: { 'zh-CN': '导出进度', en: 'Export progress' },

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
    'zh-CN': '由 Jira 按您可查看的全部客诉计数（当前筛选）。受理按投诉日期（未填则按立案日期）归月，结案按 Jira 解决日期归月；达成率 = (结案 − 超期结案) / 结案；分类、原因、处理结论按所选期间受理的客诉。',
    en: 'Counted by Jira over every complaint you can see (current filters). Received by complaint date (registration date when none), closed by Jira resolution date; compliance = (closed − closed late) / closed; the breakdowns cover the complaints received in the period.',
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
  setupIssueTypeKeep: { 'zh-CN': '沿用已设置的类型', en: 'Keep the recorded type' },
  setupIssueTypeHint: {
    'zh-CN': '留空：沿用该项目首次设置时选定的问题类型（改名后仍有效）；新项目沿用站点已有的客诉类型。填写名称则使用或创建该名称的类型。',
    en: "Leave blank to keep the type chosen when this project was first set up (still valid after a rename); a new project uses the site's existing complaint type. A name uses or creates a type of that name.",
  },
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
  'step.transition-screens': { 'zh-CN': '流转屏幕（须填写的字段）', en: 'Transition screens (required fields)' },
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
  polNotPolicy: { 'zh-CN': '不是方案对象', en: 'not a policy object' },
  polRootCauses: { 'zh-CN': '原因类别', en: 'Root causes' },
  polRootCauseMatrix: { 'zh-CN': '原因类别 × 部门', en: 'Root cause × department' },
  polRequiredFields: { 'zh-CN': '各流转的必填字段', en: 'Required fields per transition' },
  polRequiredHint: {
    'zh-CN': '勾选转入该状态前必须填写的字段。校验器、问题面板的“下一步还需要”和流转屏幕都按这张表（修改后请重新运行设置以更新流转屏幕）。',
    en: "Tick the fields a complaint needs before it moves into a status. The validator, the panel's \"still needed\" and the transition screens all read this grid (rerun setup after a change to update the transition screens).",
  },
  polRequiredOnly: { 'zh-CN': '仅当：{cond}', en: 'only when: {cond}' },
  polRequiredQuality: { 'zh-CN': '质量类分类', en: 'a quality category' },
  polRequiredLevel: { 'zh-CN': '等级 {ids}', en: 'level {ids}' },
  polRequiredCategory: { 'zh-CN': '分类 {ids}', en: 'category {ids}' },
  polIntake: { 'zh-CN': '受理阶段（受理矩阵）', en: 'Intake (intake matrix)' },
  polIntakeHint: {
    'zh-CN': '原因类别矩阵生效前（分派时），可作为责任单位的受理部门；原因类别矩阵从所选状态起生效。',
    en: 'The departments that may take a complaint at assignment, before the root-cause matrix applies; the root-cause matrix applies from the chosen status on.',
  },
  polIntakeFrom: { 'zh-CN': '原因类别矩阵生效于', en: 'Root-cause matrix applies from' },
  polIntakeNever: { 'zh-CN': '不使用原因类别矩阵', en: 'No root-cause matrix' },
  polRepeatWindow: { 'zh-CN': '重复问题统计窗口（月）', en: 'Repeat-rule window (months)' },
  polChannels: { 'zh-CN': '投诉方式', en: 'Channels' },
  polQuickClose: { 'zh-CN': '快速结案', en: 'Quick close' },
  polQuickCloseHint: {
    'zh-CN': '登记/调查中 → 已结案，须填写结案说明，跳过原因与对策；仍编号、仍计入统计。满足任一条件（等级、分类或处理结论）即可。',
    en: 'Registered/Investigating → Closed with a closing reason, skipping cause and action; still numbered and counted. Any one condition (level, category or disposition) admits a complaint.',
  },
  polQuickLevels: { 'zh-CN': '等级', en: 'Levels' },
  polQuickCategories: { 'zh-CN': '分类', en: 'Categories' },
  polQuickDispositions: { 'zh-CN': '处理结论', en: 'Dispositions' },
  polQuickRequires: { 'zh-CN': '另须填写', en: 'Also requires' },
  polApprovalNeeded: { 'zh-CN': '分派须审批，审批部门：', en: 'Assignment needs approval by:' },
  polApprover: { 'zh-CN': '审批部门', en: 'Approving department' },
  polScopeOf: { 'zh-CN': '编辑的方案', en: 'Policy of' },
  polScopeHint: { 'zh-CN': '项目键，如 QC；留空为站点默认', en: 'project key, e.g. QC; empty for the site default' },
  polScopeBadKey: { 'zh-CN': '项目键格式不对，例如 QC', en: 'Not a project key, e.g. QC' },
  polScopeSwitch: { 'zh-CN': '切换', en: 'Switch' },
  polScopeOwn: { 'zh-CN': '项目 {key} 的方案', en: "Project {key}'s own policy" },
  polScopeInherited: { 'zh-CN': '项目 {key} 尚无自己的方案（显示站点默认，保存即为其创建）', en: 'Project {key} has no policy of its own yet (showing the site default; saving creates one)' },
  polScopeSite: { 'zh-CN': '站点默认方案', en: 'Site default policy' },
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
  'family.quick-close': { 'zh-CN': '快速结案的适用条件', en: 'Who may take the quick close' },
  'reason.repeatNth': {
    'zh-CN': '同料号同类 B 类问题第 {k} 次（第 {n} 次起为 A 类）',
    en: 'Same part and category as a class-B problem for the {k}th time (class A from the {n}th)',
  },
  panelEarlier: { 'zh-CN': '此前同料号同类客诉', en: 'Earlier complaints of this part and category' },
  panelFirstContact: { 'zh-CN': '首次联系时间', en: 'First contact' },
  panelRecordFirstContact: { 'zh-CN': '记录首次联系', en: 'Record first contact' },
  panelFirstContactMissing: { 'zh-CN': '尚未记录', en: 'not recorded yet' },
  langZh: { 'zh-CN': '中文', en: 'Chinese (中文)' },
  langEn: { 'zh-CN': '英文', en: 'English' },

  // Versions tab (src/ui/admin/Versions.tsx).
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
  'section.channels': { 'zh-CN': '投诉方式', en: 'Channels' },
  'section.requiredFields': { 'zh-CN': '各流转的必填字段', en: 'Required fields per transition' },
  'section.quickClose': { 'zh-CN': '快速结案', en: 'Quick close' },
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

  // Option field editor (src/ui/field-edit).
  fePlaceholder: { 'zh-CN': '请选择…', en: 'Choose…' },
  feUnknownValue: {
    'zh-CN': '当前值 "{value}" 不是本项目客诉方案中的选项，请重新选择。',
    en: 'The current value "{value}" is not an option of this project\'s complaint policy; choose another.',
  },
  feUnknownField: { 'zh-CN': '此字段没有可选项：{field}', en: 'This field has no options: {field}' },
  feNoProject: {
    'zh-CN': '无法确定问题所属项目，显示站点默认方案的选项。',
    en: "Could not tell the issue's project; showing the site default policy's options.",
  },
  feSubmitFailed: { 'zh-CN': '未能保存：{e}', en: 'Could not save: {e}' },

  // complaint-details editor (src/ui/details-edit).
  deUnset: { 'zh-CN': '未填', en: 'Not set' },
  deRecurred: { 'zh-CN': '再发', en: 'Recurred' },
  deNotRecurred: { 'zh-CN': '未再发', en: 'Did not recur' },
  deUnchecked: { 'zh-CN': '未验证', en: 'Not checked' },
  deMonth: { 'zh-CN': '第 {m} 月', en: 'Month {m}' },
  deNote: { 'zh-CN': '说明', en: 'Note' },
  deEffectiveness: { 'zh-CN': '效果验证', en: 'Effectiveness check' },
  deFix: { 'zh-CN': '请先修正标出的 {n} 处问题。', en: 'Mend the {n} problems marked below first.' },
  deLinesHint: { 'zh-CN': '每行一个料号', en: 'One part number a line' },
  deZone: { 'zh-CN': '时区：{z}', en: 'Time zone: {z}' },
  deDatePlaceholder: { 'zh-CN': '例如 2026-12-03', en: 'e.g. 2026-12-03' },
  deDateTimePlaceholder: { 'zh-CN': '例如 2026-12-03 15:03', en: 'e.g. 2026-12-03 15:03' },
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

/** Looks up a dynamic key (`step.<id>`, `kind.<kind>`…), falling back to the raw id. */
export function textOr(locale: Locale, key: string, fallback: string): string {
  return isTextKey(key) ? TEXTS[key][locale] : fallback;
}

/** One text in both languages, with values that differ by language (a field's label…). */
export function textsFor(key: TextKey, vars: (locale: Locale) => TextVars): Localized {
  return { 'zh-CN': text('zh-CN', key, vars('zh-CN')), en: text('en', key, vars('en')) };
}

/** Whether a string names a text (for keys that arrive as data, e.g. from the server). */
export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXTS, key);
}

/** Every key, for the dictionary's own test. */
export const TEXT_KEYS = Object.keys(TEXTS) as TextKey[];
