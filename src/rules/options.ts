/**
 * The fixed option lists of the complaint record (domain.md §1) with their labels. No zod here:
 * the screens import this module directly and must stay small.
 */
export const CHANNELS = ['phone', 'visit', 'written', 'email', 'online', 'sales-rep', 'other'] as const;
export const DISPOSITIONS = [
  'return',
  'exchange',
  'compensation',
  'discount',
  'rework',
  'concession',
  'use-as-is',
  'not-our-fault',
  'other',
] as const;
export const SATISFACTIONS = ['very-satisfied', 'satisfied', 'unsatisfied', 'very-unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], { 'zh-CN': string; en: string }> = {
  phone: { 'zh-CN': '电话', en: 'Phone' },
  visit: { 'zh-CN': '面谈', en: 'Visit' },
  written: { 'zh-CN': '书面', en: 'Written' },
  email: { 'zh-CN': '邮件', en: 'E-mail' },
  online: { 'zh-CN': '在线', en: 'Online' },
  'sales-rep': { 'zh-CN': '业务人员', en: 'Sales rep' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
export const DISPOSITION_LABELS: Record<(typeof DISPOSITIONS)[number], { 'zh-CN': string; en: string }> = {
  return: { 'zh-CN': '退货', en: 'Return' },
  exchange: { 'zh-CN': '换货', en: 'Exchange' },
  compensation: { 'zh-CN': '赔偿', en: 'Compensation' },
  discount: { 'zh-CN': '折价', en: 'Discount' },
  rework: { 'zh-CN': '返工', en: 'Rework' },
  concession: { 'zh-CN': '让步接收', en: 'Concession' },
  'use-as-is': { 'zh-CN': '正常使用', en: 'Use as is' },
  'not-our-fault': { 'zh-CN': '非本公司责任', en: 'Not our responsibility' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
export const SATISFACTION_LABELS: Record<Satisfaction, { 'zh-CN': string; en: string }> = {
  'very-satisfied': { 'zh-CN': '非常满意', en: 'Very satisfied' },
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  unsatisfied: { 'zh-CN': '不满意', en: 'Unsatisfied' },
  'very-unsatisfied': { 'zh-CN': '很不满意', en: 'Very unsatisfied' },
};

