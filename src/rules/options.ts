/**
 * The fixed option lists of the complaint record (domain.md §1) with their labels. No zod here:
 * the screens import this module directly and must stay small.
 */
/**
 * The default channels (投诉方式). Channels are policy options (`policy.channels`): admins add
 * their own; these seed the presets and any stored policy saved before channels were editable.
 */
export const CHANNELS = ['phone', 'visit', 'written', 'email', 'online', 'sales-rep', 'wechat', 'social-media', 'in-store', 'other'] as const;
export const DISPOSITIONS = [
  'return',
  'exchange',
  'compensation',
  'discount',
  'rework',
  'concession',
  'use-as-is',
  'not-our-fault',
  /** 000: 能立即答复的投诉…应立即给投诉人解答 — answered on the spot (a quick-close disposition). */
  'answered-on-site',
  /** 002: 如果投訴不屬實 — the complaint proved unfounded (a quick-close disposition). */
  'unfounded',
  'other',
] as const;
/** What the customer asks for at intake (客户诉求, 000 form): 退货/换货/折价/赔偿. */
export const CUSTOMER_REQUESTS = ['return', 'exchange', 'discount', 'compensation'] as const;
export const SATISFACTIONS = ['very-satisfied', 'satisfied', 'unsatisfied', 'very-unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], { 'zh-CN': string; en: string }> = {
  phone: { 'zh-CN': '电话', en: 'Phone' },
  visit: { 'zh-CN': '面谈', en: 'Visit' },
  written: { 'zh-CN': '书面', en: 'Written' },
  email: { 'zh-CN': '邮件', en: 'E-mail' },
  online: { 'zh-CN': '在线', en: 'Online' },
  'sales-rep': { 'zh-CN': '业务人员', en: 'Sales rep' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  'social-media': { 'zh-CN': '社交媒体', en: 'Social media' },
  'in-store': { 'zh-CN': '店内', en: 'In store' },
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
  'answered-on-site': { 'zh-CN': '已当场答复', en: 'Answered on the spot' },
  unfounded: { 'zh-CN': '不属实', en: 'Unfounded' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
export const CUSTOMER_REQUEST_LABELS: Record<(typeof CUSTOMER_REQUESTS)[number], { 'zh-CN': string; en: string }> = {
  return: { 'zh-CN': '退货', en: 'Return' },
  exchange: { 'zh-CN': '换货', en: 'Exchange' },
  discount: { 'zh-CN': '折价', en: 'Discount' },
  compensation: { 'zh-CN': '赔偿', en: 'Compensation' },
};
export const SATISFACTION_LABELS: Record<Satisfaction, { 'zh-CN': string; en: string }> = {
  'very-satisfied': { 'zh-CN': '非常满意', en: 'Very satisfied' },
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  unsatisfied: { 'zh-CN': '不满意', en: 'Unsatisfied' },
  'very-unsatisfied': { 'zh-CN': '很不满意', en: 'Very unsatisfied' },
};


/**
 * Fields an admin can require on a transition (the required-fields grid). Option, text and
 * date fields of the complaint record; computed fields (number, registration) are not listed.
 */
export const REQUIRABLE_FIELDS = [
  'customer', 'channel', 'contact', 'complaintAt', 'firstContactAt', 'orderNumber', 'productionDate', 'complaintPlace',
  'customerRequest', 'requestedAmount', 'partNumber', 'partName', 'specification', 'batch', 'shippedQuantity',
  'defectQuantity', 'category', 'severity', 'class', 'lossAmount', 'defect', 'responsibleDepartment', 'rootCauseCategory',
  'productionUnit', 'containment', 'containmentAt', 'rootCauseOccurrence', 'rootCauseOutflow', 'actionOccurrence',
  'actionOutflow', 'fmeaNumber', 'fmeaVersion', 'similarParts', 'requestedCompletion', 'eightDAt', 'actualCompletion',
  'disposition', 'reply', 'followUpAt', 'followUpBy', 'satisfaction', 'remarks',
] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];
