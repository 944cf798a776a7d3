/**
 * Translated texts of the domain: field labels, status labels, units and the message templates
 * of every rule. Two locales ship: zh-CN and en. Everything user-facing in src/rules comes from
 * here, so a violation reads the same in the CLI, the validator and the issue panel.
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized = Record<Locale, string>;

/** Picks zh-CN for any Chinese locale (zh_CN, zh-TW…), English otherwise. */
export function pickLocale(raw: string | undefined | null): Locale {
  return raw && /^zh/i.test(raw) ? 'zh-CN' : 'en';
}

export const FIELD_LABELS: Record<string, Localized> = {
  complaintNumber: { 'zh-CN': '客诉单编号', en: 'Complaint number' },
  customer: { 'zh-CN': '客户名称', en: 'Customer' },
  channel: { 'zh-CN': '投诉方式', en: 'Channel' },
  contact: { 'zh-CN': '联系方式', en: 'Contact' },
  complaintAt: { 'zh-CN': '投诉日期', en: 'Complaint date' },
  registeredAt: { 'zh-CN': '立案日期', en: 'Registration date' },
  firstContactAt: { 'zh-CN': '首次联系时间', en: 'First contact' },
  orderNumber: { 'zh-CN': '订单号', en: 'Order number' },
  productionDate: { 'zh-CN': '生产/发货日期', en: 'Production / ship date' },
  complaintPlace: { 'zh-CN': '投诉地点', en: 'Complaint place' },
  customerRequest: { 'zh-CN': '客户诉求', en: "Customer's request" },
  requestedAmount: { 'zh-CN': '诉求金额', en: 'Amount asked (CNY)' },
  partNumber: { 'zh-CN': '料号', en: 'Part number' },
  partName: { 'zh-CN': '品名', en: 'Part name' },
  specification: { 'zh-CN': '产品规格/型号', en: 'Specification / model' },
  batch: { 'zh-CN': '产品批号', en: 'Batch number' },
  shippedQuantity: { 'zh-CN': '发货数量', en: 'Shipped quantity' },
  defectQuantity: { 'zh-CN': '不良数量', en: 'Defect quantity' },
  category: { 'zh-CN': '客诉分类', en: 'Category' },
  severity: { 'zh-CN': '严重程度', en: 'Severity' },
  class: { 'zh-CN': '信息等级', en: 'Class' },
  lossAmount: { 'zh-CN': '损失金额', en: 'Estimated loss (CNY)' },
  lineStop: { 'zh-CN': '主机厂停线', en: 'Line stop at customer' },
  batchProblem: { 'zh-CN': '批量质量问题', en: 'Batch quality problem' },
  rohsReach: { 'zh-CN': 'RoHS/REACH 不符合', en: 'RoHS/REACH nonconformity' },
  defect: { 'zh-CN': '不良质量异常现象', en: 'Defect phenomenon' },
  responsibleDepartment: { 'zh-CN': '责任单位', en: 'Responsible department' },
  approvedBy: { 'zh-CN': '审批人', en: 'Approved by' },
  rootCauseCategory: { 'zh-CN': '原因类别', en: 'Root-cause category' },
  productionUnit: { 'zh-CN': '生产单位', en: 'Production unit' },
  containment: { 'zh-CN': '围堵措施(3D)', en: 'Containment (3D)' },
  rootCauseOccurrence: { 'zh-CN': '原因简述(产生)', en: 'Root cause (occurrence)' },
  rootCauseOutflow: { 'zh-CN': '原因简述(流出)', en: 'Root cause (outflow)' },
  actionOccurrence: { 'zh-CN': '对策简述(产生)', en: 'Corrective action (occurrence)' },
  actionOutflow: { 'zh-CN': '对策简述(流出)', en: 'Corrective action (outflow)' },
  fmeaNumber: { 'zh-CN': 'FMEA 编号', en: 'FMEA number' },
  fmeaVersion: { 'zh-CN': '更新版本 DFMEA&PFMEA', en: 'DFMEA/PFMEA version' },
  similarParts: { 'zh-CN': '类似品水平展开料号', en: 'Similar parts expanded to' },
  requestedCompletion: { 'zh-CN': '要求完成日', en: 'Requested completion' },
  containmentAt: { 'zh-CN': '3D 完成时间', en: '3D completion' },
  eightDAt: { 'zh-CN': '8D 完成时间', en: '8D completion' },
  actualCompletion: { 'zh-CN': '实际完成日', en: 'Actual completion' },
  lateReason: { 'zh-CN': '未达成原因', en: 'Reason not accomplished on time' },
  disposition: { 'zh-CN': '处理结论', en: 'Disposition' },
  reply: { 'zh-CN': '回复内容', en: 'Reply to the customer' },
  followUpAt: { 'zh-CN': '回访时间', en: 'Follow-up date' },
  followUpBy: { 'zh-CN': '回访人', en: 'Follow-up by' },
  satisfaction: { 'zh-CN': '满意度', en: 'Customer satisfaction' },
  effectiveness: { 'zh-CN': '效果验证', en: 'Effectiveness check' },
  remarks: { 'zh-CN': '备注', en: 'Remarks' },
  closeReason: { 'zh-CN': '结案说明', en: 'Closing reason' },
};

export function fieldLabel(field: string, locale: Locale): string {
  return FIELD_LABELS[field]?.[locale] ?? field;
}

export const STATUS_IDS = [
  'registered',
  'assigned',
  'investigating',
  'corrective-action',
  'replied',
  'follow-up',
  'closed',
  'reopened',
] as const;
export type StatusId = (typeof STATUS_IDS)[number];

export const STATUS_LABELS: Record<StatusId, Localized> = {
  registered: { 'zh-CN': '登记', en: 'Registered' },
  assigned: { 'zh-CN': '已分派', en: 'Assigned' },
  investigating: { 'zh-CN': '调查中', en: 'Investigating' },
  'corrective-action': { 'zh-CN': '对策实施', en: 'Corrective action' },
  replied: { 'zh-CN': '已回复', en: 'Replied' },
  'follow-up': { 'zh-CN': '待回访', en: 'Awaiting follow-up' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  reopened: { 'zh-CN': '重新处理', en: 'Reopened' },
};

export const MILESTONE_IDS = [
  'registered',
  'assigned',
  'first-response',
  'containment',
  'investigated',
  'solution-proposed',
  'resolved',
  'replied',
  'follow-up',
  '8d-done',
  'closed',
] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export const MILESTONE_LABELS: Record<MilestoneId, Localized> = {
  registered: { 'zh-CN': '登记', en: 'Registered' },
  assigned: { 'zh-CN': '分派', en: 'Assigned' },
  'first-response': { 'zh-CN': '首次联系客户', en: 'First response' },
  containment: { 'zh-CN': '3D 完成', en: 'Containment (3D) done' },
  investigated: { 'zh-CN': '调查完成', en: 'Investigation done' },
  'solution-proposed': { 'zh-CN': '提出解决方案', en: 'Solution proposed' },
  resolved: { 'zh-CN': '对策完成', en: 'Resolved' },
  replied: { 'zh-CN': '已回复客户', en: 'Replied' },
  'follow-up': { 'zh-CN': '回访完成', en: 'Follow-up done' },
  '8d-done': { 'zh-CN': '8D 完成', en: '8D done' },
  closed: { 'zh-CN': '结案', en: 'Closed' },
};

export const UNIT_IDS = ['minutes', 'hours', 'workingHours', 'workingDays', 'calendarDays'] as const;
export type DurationUnit = (typeof UNIT_IDS)[number];

export const UNIT_LABELS: Record<DurationUnit, Localized> = {
  minutes: { 'zh-CN': '分钟', en: 'minutes' },
  hours: { 'zh-CN': '小时', en: 'hours' },
  workingHours: { 'zh-CN': '工作小时', en: 'working hours' },
  workingDays: { 'zh-CN': '个工作日', en: 'working days' },
  calendarDays: { 'zh-CN': '天', en: 'calendar days' },
};

export const RULE_IDS = ['required', 'matrix', 'approval', 'late-reason', 'satisfaction', 'range', 'format', 'quick-close'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULE_LABELS: Record<RuleId | 'type' | 'option' | 'reference' | 'unique', Localized> = {
  required: { 'zh-CN': '必填', en: 'required' },
  matrix: { 'zh-CN': '责任矩阵', en: 'responsibility matrix' },
  approval: { 'zh-CN': '审批', en: 'approval' },
  'late-reason': { 'zh-CN': '超期说明', en: 'late reason' },
  satisfaction: { 'zh-CN': '满意度', en: 'satisfaction' },
  range: { 'zh-CN': '取值范围', en: 'range' },
  format: { 'zh-CN': '格式', en: 'format' },
  'quick-close': { 'zh-CN': '快速结案', en: 'quick close' },
  type: { 'zh-CN': '类型', en: 'type' },
  option: { 'zh-CN': '可选值', en: 'allowed values' },
  reference: { 'zh-CN': '引用', en: 'reference' },
  unique: { 'zh-CN': '唯一', en: 'unique' },
};

/** Joins a list the way each language does: 品质部、生产部 / QA, Production. */
export function joinList(items: string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

export function both(make: (locale: Locale) => string): Localized {
  return { 'zh-CN': make('zh-CN'), en: make('en') };
}
