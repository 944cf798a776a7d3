/**
 * The three policies that ship with the app (domain.md §3–§4). Admins start from one and edit
 * it; the ids here are the contract the CLI, JQL and imports rely on.
 */
import { RulesError, issue } from './errors';
import {
  DEFAULT_CHANNEL_OPTIONS,
  DEFAULT_REQUIRED_FIELDS,
  parsePolicy,
  type ClockDefinition,
  type Policy,
  type PresetId,
  type QuickCloseRule,
  type RequiredFieldsGrid,
} from './policy';

const L = (zh: string, en: string): { 'zh-CN': string; en: string } => ({ 'zh-CN': zh, en });

const COMMON = {
  schemaVersion: 1 as const,
  timeZone: 'Asia/Shanghai',
  atRiskShare: 0.2,
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  calendar: { country: 'CN' as const, extraHolidays: [], extraWorkingDays: [], shutdowns: [] },
  batchPattern: '^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$',
  channels: DEFAULT_CHANNEL_OPTIONS,
  requiredFields: DEFAULT_REQUIRED_FIELDS,
};

/** Quick close for a complaint answered on the spot (000) or found unfounded (002). */
const QUICK_ANSWERED: QuickCloseRule = {
  id: 'answered-on-site',
  label: L('已当场答复', 'Answered on the spot'),
  when: { dispositions: ['answered-on-site'] },
  requires: ['disposition'],
};
const QUICK_UNFOUNDED: QuickCloseRule = {
  id: 'unfounded',
  label: L('投诉不属实', 'Unfounded complaint'),
  when: { dispositions: ['unfounded'] },
  requires: ['disposition'],
};
/** 004: a C-class notice needs no written reply. */
const QUICK_NOTICE: QuickCloseRule = {
  id: 'class-c',
  label: L('C 类通知/建议（不要求书面回复）', 'Class C notice (no written reply required)'),
  when: { levels: ['C'] },
  requires: [],
};

/** auto-abc: the level is the class (the grid's `severity` entry reads the same). */
const ABC_REQUIRED: RequiredFieldsGrid = {
  ...DEFAULT_REQUIRED_FIELDS,
  assigned: [{ field: 'category' }, { field: 'class' }, { field: 'responsibleDepartment' }],
};

function clock(
  id: string,
  label: [string, string],
  start: ClockDefinition['start'],
  stop: ClockDefinition['stop'],
  amount: number,
  unit: ClockDefinition['duration']['unit'],
  appliesWhen?: ClockDefinition['appliesWhen'],
  escalate?: boolean,
): ClockDefinition {
  return {
    id,
    label: L(label[0], label[1]),
    start,
    stop,
    duration: { amount, unit },
    ...(appliesWhen ? { appliesWhen } : {}),
    ...(escalate ? { escalate } : {}),
  };
}

const food: Policy = {
  ...COMMON,
  id: 'food',
  preset: 'food',
  name: L('食品企业客诉（篇一）', 'Food company complaints'),
  categories: [
    { id: 'service', label: L('服务质量类', 'Service quality'), severity: 'serious' },
    { id: 'packaging', label: L('外观包装类', 'Appearance / packaging'), severity: 'serious' },
    { id: 'quality', label: L('产品质量类', 'Product quality'), severity: 'serious', quality: true },
    { id: 'suggestion', label: L('建议类', 'Suggestion'), severity: 'minor' },
    { id: 'other', label: L('其他类', 'Other'), severity: 'minor' },
  ],
  severities: [
    { id: 'serious', label: L('严重投诉', 'Serious') },
    { id: 'minor', label: L('轻微投诉', 'Minor') },
  ],
  classification: { mode: 'category', lossThreshold: 5000, repeatThreshold: 3, noticeCategories: [], repeatWindowMonths: 12 },
  quickClose: [QUICK_ANSWERED, QUICK_UNFOUNDED],
  departments: [
    { id: 'sales', label: L('销售部', 'Sales') },
    { id: 'ecommerce', label: L('电子商务部', 'E-commerce') },
    { id: 'logistics', label: L('储运部', 'Storage & transport') },
    { id: 'qa', label: L('品质部', 'Quality') },
    { id: 'production', label: L('生产部', 'Production') },
    { id: 'vp', label: L('副总经理', 'Deputy general manager') },
  ],
  rootCauses: [],
  matrix: {
    byCategory: {
      service: ['sales', 'ecommerce'],
      packaging: ['logistics', 'qa'],
      quality: ['qa', 'production'],
      suggestion: ['vp', 'sales'],
      other: ['sales'],
    },
    byRootCause: {},
    intake: ['ecommerce', 'sales'],
    rootCauseFrom: null,
  },
  approval: { required: true, approverDepartment: 'vp' },
  clocks: [
    clock('food.record', ['客诉记录表完成（产品质量）', 'Record form complete (product quality)'], 'assigned', 'investigated', 3, 'workingDays', { categories: ['quality'] }),
    clock('food.internal', ['内部处理（产品质量）', 'Internal handling (product quality)'], 'assigned', 'resolved', 3, 'workingDays', { categories: ['quality'] }),
    clock('food.packaging', ['包装类处理意见', 'Packaging handling opinion'], 'assigned', 'resolved', 3, 'workingDays', { categories: ['packaging'] }),
    clock('food.follow-up-quality', ['回访（产品质量）', 'Follow-up (product quality)'], 'resolved', 'follow-up', 2, 'calendarDays', { categories: ['quality'] }),
    clock('food.follow-up-other', ['回访（其他类）', 'Follow-up (other categories)'], 'replied', 'follow-up', 15, 'calendarDays', { notCategories: ['quality'] }),
  ],
  numbering: { pattern: '{YY}{MM}{DD}{SEQ:3}', reset: 'year' },
  finePerLateDay: 50,
  escalationPriority: 'High',
};

const autoAbc: Policy = {
  ...COMMON,
  id: 'auto-abc',
  preset: 'auto-abc',
  name: L('汽车零部件 A/B/C 信息分级', 'Auto parts A/B/C classes'),
  categories: [
    { id: 'quality', label: L('质量问题', 'Quality problem'), quality: true },
    { id: 'delivery', label: L('交货问题', 'Delivery problem') },
    { id: 'notice', label: L('通知/建议/资料', 'Notice / suggestion / documents') },
  ],
  severities: [
    { id: 'A', label: L('A 类（重大）', 'Class A (major)') },
    { id: 'B', label: L('B 类（一般）', 'Class B (individual)') },
    { id: 'C', label: L('C 类（通知/建议）', 'Class C (notice)') },
  ],
  classification: { mode: 'auto-abc', lossThreshold: 5000, repeatThreshold: 3, noticeCategories: ['notice'], repeatWindowMonths: 12 },
  requiredFields: ABC_REQUIRED,
  quickClose: [QUICK_NOTICE, QUICK_ANSWERED, QUICK_UNFOUNDED],
  departments: [
    { id: 'qa', label: L('质量部', 'Quality') },
    { id: 'engineering', label: L('技术部', 'Engineering') },
    { id: 'plant', label: L('分厂', 'Plant') },
    { id: 'sales', label: L('销售部', 'Sales') },
    { id: 'materials', label: L('资材部', 'Materials') },
    { id: 'warehouse', label: L('成品库', 'Finished-goods warehouse') },
    { id: 'planning', label: L('生产部', 'Production planning') },
  ],
  rootCauses: [
    { id: 'design', label: L('图纸/设计/包装设计/技术变更', 'Drawing / design / packaging design / technical change') },
    { id: 'manufacturing', label: L('制造', 'Manufacturing') },
    { id: 'transport', label: L('运输/搬运', 'Transport / handling') },
    { id: 'sales-circulation', label: L('销售流通', 'Sales circulation') },
    { id: 'customer-misuse', label: L('客户使用不当', 'Customer misuse') },
    { id: 'raw-material', label: L('原材料', 'Raw material') },
    { id: 'wrong-part', label: L('错件/数量错误/混料', 'Wrong part / quantity / mixed parts') },
    { id: 'line-stop', label: L('停线', 'Line stop') },
  ],
  matrix: {
    byCategory: { quality: ['qa'], delivery: ['qa'], notice: ['qa'] },
    byRootCause: {
      design: ['engineering'],
      manufacturing: ['plant'],
      transport: ['sales'],
      'sales-circulation': ['sales'],
      'customer-misuse': ['sales'],
      'raw-material': ['materials'],
      'wrong-part': ['warehouse', 'plant'],
      'line-stop': ['planning', 'plant'],
    },
    intake: ['qa'],
    rootCauseFrom: 'corrective-action',
  },
  approval: { required: false, approverDepartment: null },
  clocks: [
    clock('abc.inform-a', ['重大信息传递（A 类）', 'Major information passed on (A)'], 'registered', 'assigned', 2, 'hours', { classes: ['A'] }),
    clock('abc.report-a', ['首次报告（A 类）', 'First report, class A'], 'registered', 'containment', 24, 'hours', { classes: ['A'] }),
    clock('abc.report-b', ['首次报告（B 类）', 'First report, class B'], 'registered', 'containment', 48, 'hours', { classes: ['B'] }),
  ],
  numbering: { pattern: '{YY}{MM}{DD}{SEQ:3}', reset: 'year' },
  finePerLateDay: 0,
  escalationPriority: 'High',
};

const general: Policy = {
  ...COMMON,
  id: 'general',
  preset: 'general',
  name: L('通用客诉处理', 'General complaint handling'),
  categories: [
    { id: 'quality', label: L('产品质量', 'Product quality'), quality: true },
    { id: 'delivery', label: L('交付延迟', 'Late delivery') },
    { id: 'service', label: L('服务态度', 'Service attitude') },
    { id: 'other', label: L('其他', 'Other') },
  ],
  severities: [
    { id: 'major', label: L('重大', 'Major') },
    { id: 'normal', label: L('一般', 'Normal') },
  ],
  classification: { mode: 'manual', lossThreshold: 5000, repeatThreshold: 3, noticeCategories: [], repeatWindowMonths: 12 },
  quickClose: [QUICK_ANSWERED, QUICK_UNFOUNDED],
  departments: [
    { id: 'qa', label: L('质量部', 'Quality') },
    { id: 'engineering', label: L('技术部', 'Engineering') },
    { id: 'production', label: L('生产部', 'Production') },
    { id: 'sales', label: L('销售部', 'Sales') },
    { id: 'commerce', label: L('商务', 'Commerce') },
  ],
  rootCauses: [],
  matrix: {
    byCategory: { quality: ['qa'], delivery: ['sales', 'production'], service: ['sales', 'commerce'], other: ['sales'] },
    byRootCause: {},
    intake: [],
    rootCauseFrom: null,
  },
  approval: { required: false, approverDepartment: null },
  clocks: [
    clock('general.forward', ['转交处理部门', 'Forward to the handling department'], 'registered', 'assigned', 30, 'minutes'),
    clock('general.first-contact', ['首次联系客户', 'First contact with the customer'], 'registered', 'first-response', 24, 'hours'),
    clock('general.dept-answer', ['责任部门答复', "Responsible department's answer"], 'assigned', 'solution-proposed', 3, 'workingDays'),
    clock('general.reply', ['答复客户', 'Reply to the customer'], 'registered', 'replied', 5, 'workingDays'),
    clock('general.resolve-quality', ['质量投诉处理完毕', 'Resolution of a quality complaint'], 'registered', 'resolved', 7, 'workingDays', { categories: ['quality'] }),
    clock('general.follow-up', ['回访', 'Follow-up visit'], 'resolved', 'follow-up', 5, 'workingDays'),
    clock('general.escalate', ['升级为重大质量事件', 'Escalate as a major quality case'], 'registered', 'resolved', 7, 'calendarDays', undefined, true),
  ],
  numbering: { pattern: '{YY}{MM}{SEQ:2}', reset: 'month' },
  finePerLateDay: 0,
  escalationPriority: 'High',
};

export const PRESET_IDS: PresetId[] = ['food', 'auto-abc', 'general'];

const PRESETS: Record<PresetId, Policy> = { food, 'auto-abc': autoAbc, general };

/** A fresh, validated copy of a preset policy. */
export function presetPolicy(id: string): Policy {
  if (!(PRESET_IDS as string[]).includes(id)) {
    throw new RulesError('unknown-preset', [
      issue('policy', 'option', {
        'zh-CN': `未知的预置方案 "${id}"，可选：${PRESET_IDS.join('、')}`,
        en: `unknown preset "${id}"; use one of ${PRESET_IDS.join(', ')}`,
      }),
    ]);
  }
  return parsePolicy(structuredClone(PRESETS[id as PresetId]));
}

/** A policy from its JSON form: a preset id or a whole policy object. */
export function resolvePolicy(input: unknown): Policy {
  if (typeof input === 'string') return presetPolicy(input);
  return parsePolicy(input);
}
