/**
 * The complaint record (domain.md §1) as JSON, camelCase. The structural schema is the same
 * for every company; `complaintIssues` adds what depends on the policy: option ids, the batch
 * pattern, defect ≤ shipped.
 */
import { batchMatches } from './batch-pattern';
import { z } from 'zod';
import { RulesError, issue, issuesFromZod, type FieldIssue } from './errors';
import { both, fieldLabel, joinList, type Locale } from './messages';
import type { Policy, PolicyOption } from './policy';
import { isIsoDate, parseInstant } from './time';

import { CUSTOMER_REQUESTS, DISPOSITIONS, SATISFACTIONS } from './options';
export * from './options';

const instant = z.string().refine((s) => parseInstant(s) !== null, {
  message: 'an ISO-8601 instant with an offset, e.g. 2026-09-30T10:00:00+08:00',
  params: {
    rule: 'format',
    'zh-CN': '须为带时区的真实日期时间，例如 2026-09-30T10:00:00+08:00',
    en: 'must be a real date and time with an offset, e.g. 2026-09-30T10:00:00+08:00',
  },
});
const isoDate = z.string().refine(isIsoDate, {
  message: 'a date YYYY-MM-DD, e.g. 2026-02-28',
  params: { rule: 'format', 'zh-CN': '须为真实日期 YYYY-MM-DD，例如 2026-02-28', en: 'must be a real date YYYY-MM-DD, e.g. 2026-02-28' },
});
const dateOrInstant = z.string().refine((s) => isIsoDate(s) || parseInstant(s) !== null, {
  message: 'a date YYYY-MM-DD or an ISO-8601 instant with an offset',
  params: { rule: 'format', 'zh-CN': '须为真实日期 YYYY-MM-DD 或带时区的日期时间，例如 2026-02-28', en: 'must be a real date YYYY-MM-DD or a date-time with an offset, e.g. 2026-02-28' },
});
const text = (max: number): z.ZodOptional<z.ZodNullable<z.ZodString>> => z.string().max(max).nullable().optional();
const optId = z.string().max(40).nullable().optional();

export const complaintSchema = z.object({
  complaintNumber: text(40),
  customer: text(200),
  /** A channel id of the policy (`policy.channels`). */
  channel: optId,
  contact: text(500),
  complaintAt: instant.nullable().optional(),
  registeredAt: instant.nullable().optional(),
  /** 首次联系时间: when the customer was first contacted (stops the first-contact clock). */
  firstContactAt: instant.nullable().optional(),
  /** Intake fields of the seeds' complaint forms (000): 订单号, 生产/发货日期, 投诉地点, 客户诉求 + 金额. */
  orderNumber: text(100),
  productionDate: isoDate.nullable().optional(),
  complaintPlace: text(200),
  customerRequest: z.enum(CUSTOMER_REQUESTS).nullable().optional(),
  requestedAmount: z.number().min(0).max(1e15).nullable().optional(),
  partNumber: text(100),
  partName: text(200),
  specification: text(200),
  batch: text(100),
  shippedQuantity: z.number().int().min(1).max(1e12).nullable().optional(),
  defectQuantity: z.number().int().min(0).max(1e12).nullable().optional(),
  category: optId,
  severity: optId,
  class: optId,
  lossAmount: z.number().min(0).max(1e15).nullable().optional(),
  lineStop: z.boolean().nullable().optional(),
  batchProblem: z.boolean().nullable().optional(),
  rohsReach: z.boolean().nullable().optional(),
  defect: text(5000),
  responsibleDepartment: optId,
  approvedBy: text(200),
  rootCauseCategory: optId,
  productionUnit: text(200),
  containment: text(5000),
  rootCauseOccurrence: text(5000),
  rootCauseOutflow: text(5000),
  actionOccurrence: text(5000),
  actionOutflow: text(5000),
  fmeaNumber: text(100),
  fmeaVersion: text(100),
  similarParts: z.array(z.string().max(100)).max(200).nullable().optional(),
  requestedCompletion: dateOrInstant.nullable().optional(),
  containmentAt: instant.nullable().optional(),
  eightDAt: instant.nullable().optional(),
  actualCompletion: instant.nullable().optional(),
  lateReason: text(5000),
  disposition: z.enum(DISPOSITIONS).nullable().optional(),
  reply: text(5000),
  followUpAt: instant.nullable().optional(),
  followUpBy: text(200),
  satisfaction: z.enum(SATISFACTIONS).nullable().optional(),
  effectiveness: z
    .array(z.strictObject({ month: z.number().int().min(1).max(3), recurred: z.boolean(), note: z.string().max(2000).optional() }))
    .max(3)
    .nullable()
    .optional(),
  remarks: text(5000),
  /** 结案说明: why a complaint was closed on the quick path. */
  closeReason: text(5000),
});
export type Complaint = z.infer<typeof complaintSchema>;
export type ComplaintField = keyof Complaint;

/** True when a field holds no value (missing, null, blank text, empty list). */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * The options as a reader names them: the label in the reader's language, with the id in
 * brackets because the id is what a JSON input (CLI, REST) and a JQL query must spell.
 */
function optionList(options: PolicyOption[], locale: Locale): string {
  const quote = (s: string): string => (locale === 'zh-CN' ? `「${s}」` : `"${s}"`);
  return joinList(
    options.map((o) => (o.label[locale] === o.id ? quote(o.id) : `${quote(o.label[locale])}${locale === 'zh-CN' ? `（${o.id}）` : ` (${o.id})`}`)),
    locale,
  );
}

function optionIssue(field: ComplaintField, value: string, options: PolicyOption[], root: string): FieldIssue {
  return issue(`${root}.${field}`, 'option', {
    'zh-CN': `${fieldLabel(field, 'zh-CN')}：「${value}」不是当前方案的选项，可选：${optionList(options, 'zh-CN')}（规则：option）`,
    en: `${fieldLabel(field, 'en')}: "${value}" is not an option of the active policy; use one of ${optionList(options, 'en')} (rule: option)`,
  });
}

/** How far ahead of the server's clock a first contact may be (the clocks of browsers and Jira differ a little). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks that depend on the policy. `range` and `format` issues are what a workflow validator
 * reports as violations; `option` issues mean the input names ids the policy does not have.
 * With `now` (epoch ms), a first contact later than now is a `range` issue.
 */
export function complaintIssues(policy: Policy, c: Complaint, root = 'complaint', now?: number): FieldIssue[] {
  const out: FieldIssue[] = [];
  const contact = typeof c.firstContactAt === 'string' ? parseInstant(c.firstContactAt) : null;
  if (now !== undefined && contact !== null && contact > now + FUTURE_TOLERANCE_MS) {
    out.push(
      issue(`${root}.firstContactAt`, 'range', both((l) =>
        l === 'zh-CN'
          ? `${fieldLabel('firstContactAt', l)}「${c.firstContactAt}」不能晚于当前时间，请填写已联系客户的时间（规则：range）`
          : `${fieldLabel('firstContactAt', l)} "${c.firstContactAt}" must not be in the future; enter when the customer was contacted (rule: range)`,
      )),
    );
  }
  const checkOption = (field: ComplaintField, options: PolicyOption[]): void => {
    const v = c[field];
    if (typeof v === 'string' && v !== '' && !options.some((o) => o.id === v)) out.push(optionIssue(field, v, options, root));
  };
  checkOption('channel', policy.channels);
  checkOption('category', policy.categories);
  checkOption('severity', policy.severities);
  checkOption('class', policy.severities);
  checkOption('responsibleDepartment', policy.departments);
  if (policy.rootCauses.length > 0) checkOption('rootCauseCategory', policy.rootCauses);

  if (typeof c.shippedQuantity === 'number' && typeof c.defectQuantity === 'number' && c.defectQuantity > c.shippedQuantity) {
    out.push(
      issue(`${root}.defectQuantity`, 'range', both((l) =>
        l === 'zh-CN'
          ? `${fieldLabel('defectQuantity', l)} ${c.defectQuantity} 不能大于${fieldLabel('shippedQuantity', l)} ${c.shippedQuantity}：请填写不超过 ${c.shippedQuantity} 的数量，或更正${fieldLabel('shippedQuantity', l)}（规则：range）`
          : `${fieldLabel('defectQuantity', l)} ${c.defectQuantity} must not exceed the ${fieldLabel('shippedQuantity', l).toLowerCase()} ${c.shippedQuantity}: enter at most ${c.shippedQuantity}, or correct the ${fieldLabel('shippedQuantity', l).toLowerCase()} (rule: range)`,
      )),
    );
  }
  if (typeof c.batch === 'string' && c.batch !== '' && !batchMatches(policy.batchPattern, c.batch)) {
    out.push(
      issue(`${root}.batch`, 'format', both((l) =>
        l === 'zh-CN'
          ? `产品批号「${c.batch}」不符合格式 ${policy.batchPattern}（规则：format）`
          : `Batch number "${c.batch}" does not match the pattern ${policy.batchPattern} (rule: format)`,
      )),
    );
  }
  const seenMonths = new Set<number>();
  c.effectiveness?.forEach((e, i) => {
    if (seenMonths.has(e.month)) {
      out.push(
        issue(`${root}.effectiveness.${i}.month`, 'unique', both((l) =>
          l === 'zh-CN' ? `效果验证第 ${e.month} 月重复（规则：unique）` : `effectiveness month ${e.month} appears twice (rule: unique)`,
        )),
      );
    }
    seenMonths.add(e.month);
  });
  return out;
}

/** Structural validation only (types, bounds); throws RulesError('invalid-input'). */
export function parseComplaintShape(input: unknown, root = 'complaint'): Complaint {
  const result = complaintSchema.safeParse(input);
  if (!result.success) throw new RulesError('invalid-input', issuesFromZod(result.error, root));
  return result.data;
}

/** Full validation against a policy; throws RulesError('invalid-input') naming every problem. */
export function parseComplaint(policy: Policy, input: unknown, root = 'complaint'): Complaint {
  const complaint = parseComplaintShape(input, root);
  const problems = complaintIssues(policy, complaint, root);
  if (problems.length > 0) throw new RulesError('invalid-input', problems);
  return complaint;
}
