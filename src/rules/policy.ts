/**
 * The policy: everything a company configures — categories, severities or classes,
 * departments, the responsibility matrix, approval, SLA clocks, working hours, calendar
 * overrides, numbering and the batch-number pattern. Validated with zod; cross-references
 * (a matrix naming a department that does not exist…) are checked too, each error naming the
 * field and the rule.
 */
import { z } from 'zod';
import { RulesError, issuesFromZod, type CustomIssueParams } from './errors';
import { MILESTONE_IDS, STATUS_IDS, UNIT_IDS, type Localized, type StatusId } from './messages';
import { CHANNELS, CHANNEL_LABELS, DISPOSITIONS, REQUIRABLE_FIELDS, type RequirableField } from './options';
import { isIsoDate, isValidTimeZone, parseHhMm } from './time';
import { parsePattern } from './numbering-pattern';
import { compileBatchPattern } from './batch-pattern';

function custom(ctx: z.RefinementCtx, path: PropertyKey[], params: CustomIssueParams): void {
  ctx.addIssue({ code: 'custom', path, message: params.en, params });
}

/**
 * Names an option id may not take: the keys every JavaScript object already has
 * (`toString`, `constructor`, `valueOf`, `hasOwnProperty`, `__proto__`…). Option ids key the
 * policy's matrices (`matrix.byCategory`, `byRootCause`); an id shadowing a prototype key would
 * read a function where a list of departments belongs.
 */
export function isReservedOptionId(id: string): boolean {
  return id === '__proto__' || id === 'prototype' || id in Object.prototype;
}

export const optionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { message: 'letters, digits, - and _, at most 40' })
  .superRefine((id, ctx) => {
    if (isReservedOptionId(id)) {
      custom(ctx, [], {
        rule: 'reserved',
        'zh-CN': `编号 "${id}" 是保留字，请换一个，例如 "${id}-1"`,
        en: `the id "${id}" is reserved; choose another, e.g. "${id}-1"`,
      });
    }
  });

export const localizedSchema = z.strictObject({
  'zh-CN': z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
});

export const optionSchema = z.strictObject({
  id: optionIdSchema,
  label: localizedSchema,
  description: localizedSchema.optional(),
});

export const categorySchema = optionSchema.extend({
  /** The severity this category implies (food preset: severity follows the category). */
  severity: optionIdSchema.optional(),
  /** Quality categories need the 8D completion before closing. */
  quality: z.boolean().optional(),
});

export const durationSchema = z
  .strictObject({
    amount: z.number().positive().max(100_000),
    unit: z.enum(UNIT_IDS),
  })
  .superRefine((d, ctx) => {
    if ((d.unit === 'workingDays' || d.unit === 'calendarDays') && !Number.isInteger(d.amount)) {
      custom(ctx, ['amount'], {
        rule: 'format',
        'zh-CN': `以天计的时限须为整数，例如 ${Math.ceil(d.amount)}`,
        en: `a duration in days must be a whole number, e.g. ${Math.ceil(d.amount)}`,
      });
    }
  });
export type Duration = z.infer<typeof durationSchema>;

export const conditionSchema = z.strictObject({
  categories: z.array(optionIdSchema).optional(),
  notCategories: z.array(optionIdSchema).optional(),
  severities: z.array(optionIdSchema).optional(),
  classes: z.array(optionIdSchema).optional(),
});
export type ClockCondition = z.infer<typeof conditionSchema>;

export const clockSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,59}$/, { message: 'lower-case letters, digits, . and -' }),
  label: localizedSchema,
  start: z.enum(MILESTONE_IDS),
  stop: z.enum(MILESTONE_IDS),
  duration: durationSchema,
  appliesWhen: conditionSchema.optional(),
  /** A breach escalates the complaint (comment, notify, priority). */
  escalate: z.boolean().optional(),
});
export type ClockDefinition = z.infer<typeof clockSchema>;

export { REQUIRABLE_FIELDS, type RequirableField } from './options';

/** When a required field applies: the clock conditions, plus `quality` (a quality category). */
export const requirementConditionSchema = conditionSchema.extend({ quality: z.boolean().optional() });
export const requirementSchema = z.strictObject({
  field: z.enum(REQUIRABLE_FIELDS),
  when: requirementConditionSchema.optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;
export type RequiredFieldsGrid = Partial<Record<StatusId, Requirement[]>>;

const R = (field: RequirableField, when?: Requirement['when']): Requirement => (when ? { field, when } : { field });
/**
 * Today's rules (domain.md §5) as a grid: seeds every preset and fills in the grid of a policy
 * stored before the grid existed. `severity` and `class` both mean "the level" (satisfied by a
 * derived class too); `containmentAt` applies to classes A/B only; `eightDAt` to quality categories.
 */
export const DEFAULT_REQUIRED_FIELDS: RequiredFieldsGrid = {
  assigned: [R('category'), R('severity'), R('responsibleDepartment')],
  investigating: [R('responsibleDepartment')],
  'corrective-action': [R('containment'), R('containmentAt', { classes: ['A', 'B'] }), R('responsibleDepartment')],
  replied: [R('disposition'), R('reply')],
  'follow-up': [R('disposition'), R('reply')],
  closed: [
    R('rootCauseOccurrence'), R('rootCauseOutflow'), R('actionOccurrence'), R('actionOutflow'), R('followUpAt'), R('satisfaction'),
    R('eightDAt', { quality: true }),
  ],
};

export const DEFAULT_CHANNEL_OPTIONS = CHANNELS.map((id) => ({ id, label: { ...CHANNEL_LABELS[id] } }));

/** A quick-close rule: which complaints may close from intake/investigation with a reason. */
export const quickCloseRuleSchema = z.strictObject({
  id: optionIdSchema,
  label: localizedSchema,
  /** Any of the listed conditions admits the complaint (an empty rule admits none). */
  when: z.strictObject({
    levels: z.array(optionIdSchema).optional(),
    categories: z.array(optionIdSchema).optional(),
    dispositions: z.array(z.enum(DISPOSITIONS)).optional(),
  }),
  /** Fields the quick close needs besides 结案说明 (closeReason). */
  requires: z.array(z.enum(REQUIRABLE_FIELDS)).max(20),
});
export type QuickCloseRule = z.infer<typeof quickCloseRuleSchema>;

const isoDateSchema = z.string().refine(isIsoDate, { message: 'a date YYYY-MM-DD' });
const hhmmSchema = z.string().refine((s) => parseHhMm(s) !== null, { message: 'a time HH:MM' });

export const policySchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: optionIdSchema,
    preset: z.enum(['food', 'auto-abc', 'general']).nullable(),
    name: localizedSchema,
    timeZone: z.string().refine(isValidTimeZone, { message: 'an IANA time zone such as Asia/Shanghai' }),
    categories: z.array(categorySchema).min(1).max(50),
    /** Severities (严重程度) — or, where `classification.mode` is `auto-abc`, the classes A/B/C. */
    severities: z.array(optionSchema).min(1).max(20),
    classification: z.strictObject({
      /** manual: the user picks; category: severity follows the category; auto-abc: 004 classes. */
      mode: z.enum(['manual', 'category', 'auto-abc']),
      lossThreshold: z.number().nonnegative().max(1e12),
      repeatThreshold: z.number().int().min(2).max(100),
      /** Categories classified C (notices, suggestions, document requests). */
      noticeCategories: z.array(optionIdSchema),
      /** Earlier complaints count towards the repeat rule within this many months (default 12). */
      repeatWindowMonths: z.number().int().min(1).max(120).default(12),
    }),
    departments: z.array(optionSchema).min(1).max(100),
    /** 投诉方式: the channels a complaint may come through (default: the fixed list of domain.md §1). */
    channels: z.array(optionSchema).min(1).max(50).default(() => structuredClone(DEFAULT_CHANNEL_OPTIONS)),
    rootCauses: z.array(optionSchema).max(50),
    matrix: z.strictObject({
      /** category id → the departments that may be responsible. */
      byCategory: z.record(z.string(), z.array(optionIdSchema).min(1)),
      /** root-cause id → departments; applies from `rootCauseFrom` on. */
      byRootCause: z.record(z.string(), z.array(optionIdSchema).min(1)),
      /** Departments that take a complaint at assignment when the root-cause matrix applies later. */
      intake: z.array(optionIdSchema),
      rootCauseFrom: z.enum(STATUS_IDS).nullable(),
    }),
    approval: z.strictObject({
      required: z.boolean(),
      /** The department whose head approves (food preset: 副总经理 `vp`). */
      approverDepartment: optionIdSchema.nullable(),
    }),
    /** Required fields per target status (the grid the validator, panel and transition screens read). */
    requiredFields: z.partialRecord(z.enum(STATUS_IDS), z.array(requirementSchema).max(60)).default(() => structuredClone(DEFAULT_REQUIRED_FIELDS)),
    /** Quick close (登记/调查中 → 已结案 with a reason): the rules that admit a complaint. */
    quickClose: z.array(quickCloseRuleSchema).max(20).default([]),
    clocks: z.array(clockSchema).max(50),
    atRiskShare: z.number().min(0).max(1),
    workingHours: z.array(z.strictObject({ start: hhmmSchema, end: hhmmSchema })).min(1).max(6),
    calendar: z.strictObject({
      country: z.enum(['CN', 'none']),
      extraHolidays: z.array(isoDateSchema).max(1000),
      extraWorkingDays: z.array(isoDateSchema).max(1000),
      shutdowns: z
        .array(z.strictObject({ from: isoDateSchema, to: isoDateSchema, label: z.string().max(120).optional() }))
        .max(200),
    }),
    numbering: z.strictObject({
      /** Tokens {YYYY} {YY} {MM} {DD} {SEQ:n}; other characters are literal (a prefix, say). */
      pattern: z.string().min(1).max(60),
      reset: z.enum(['year', 'month']),
    }),
    /** Regular expression a batch number must match (whole value). */
    batchPattern: z.string().min(1).max(200),
    /** Fine per late day for assessment reports (000 篇一 4.4: 50 CNY); reported only. */
    finePerLateDay: z.number().nonnegative().max(1e9),
    /**
     * The Jira priority (its name) a breach of an escalating clock raises the complaint to.
     * Absent: `High` (Jira's default scheme); a name the site lacks makes Jira refuse the update,
     * which the lifecycle logs (`complaint.priority-refused`) instead of retrying it every hour.
     */
    escalationPriority: z.string().trim().min(1).max(60).optional(),
  })
  .superRefine((p, ctx) => checkReferences(p, ctx));

export type Policy = z.infer<typeof policySchema>;
export type PolicyOption = z.infer<typeof optionSchema>;
export type PresetId = 'food' | 'auto-abc' | 'general';

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

function checkReferences(p: Omit<Policy, never>, ctx: z.RefinementCtx): void {
  const cats = new Set(p.categories.map((c) => c.id));
  const sevs = new Set(p.severities.map((s) => s.id));
  const depts = new Set(p.departments.map((d) => d.id));
  const causes = new Set(p.rootCauses.map((r) => r.id));
  const list = (s: Set<string>): string => [...s].join(', ') || '—';

  for (const [key, ids] of [
    ['categories', p.categories.map((c) => c.id)],
    ['severities', p.severities.map((s) => s.id)],
    ['departments', p.departments.map((d) => d.id)],
    ['rootCauses', p.rootCauses.map((r) => r.id)],
    ['clocks', p.clocks.map((c) => c.id)],
    ['channels', p.channels.map((c) => c.id)],
    ['quickClose', p.quickClose.map((q) => q.id)],
  ] as const) {
    for (const d of duplicates(ids)) {
      custom(ctx, [key], { rule: 'unique', 'zh-CN': `编号 "${d}" 重复`, en: `id "${d}" appears more than once` });
    }
  }
  const ref = (path: PropertyKey[], id: string, set: Set<string>, what: Localized): void => {
    if (!set.has(id)) {
      custom(ctx, path, {
        rule: 'reference',
        'zh-CN': `"${id}" 不是已定义的${what['zh-CN']}，可选：${list(set)}`,
        en: `"${id}" is not a defined ${what.en}; defined: ${list(set)}`,
      });
    }
  };
  const CAT = { 'zh-CN': '分类', en: 'category' };
  const SEV = { 'zh-CN': '严重程度/等级', en: 'severity or class' };
  const DEP = { 'zh-CN': '部门', en: 'department' };
  const RC = { 'zh-CN': '原因类别', en: 'root cause' };

  p.categories.forEach((c, i) => c.severity !== undefined && ref(['categories', i, 'severity'], c.severity, sevs, SEV));
  if (p.classification.mode === 'category') {
    p.categories.forEach((c, i) => {
      if (c.severity === undefined) {
        custom(ctx, ['categories', i, 'severity'], {
          rule: 'required',
          'zh-CN': `严重程度随分类确定时，每个分类都须指定严重程度，例如 "${p.severities[0]?.id ?? ''}"`,
          en: `when severity follows the category, every category needs a severity, e.g. "${p.severities[0]?.id ?? ''}"`,
        });
      }
    });
  }
  p.classification.noticeCategories.forEach((c, i) => ref(['classification', 'noticeCategories', i], c, cats, CAT));
  if (p.classification.mode === 'auto-abc') {
    for (const cls of ['A', 'B', 'C']) {
      if (!sevs.has(cls)) {
        custom(ctx, ['severities'], {
          rule: 'required',
          'zh-CN': `自动 A/B/C 分级需要等级 "${cls}"`,
          en: `automatic A/B/C classification needs the class "${cls}"`,
        });
      }
    }
  }
  for (const [cat, ds] of Object.entries(p.matrix.byCategory)) {
    ref(['matrix', 'byCategory', cat], cat, cats, CAT);
    ds.forEach((d, i) => ref(['matrix', 'byCategory', cat, i], d, depts, DEP));
  }
  for (const c of p.categories) {
    if (!Object.hasOwn(p.matrix.byCategory, c.id)) {
      custom(ctx, ['matrix', 'byCategory'], {
        rule: 'required',
        'zh-CN': `分类 "${c.id}" 没有责任部门，例如 ["${p.departments[0]?.id ?? ''}"]`,
        en: `category "${c.id}" has no responsible department, e.g. ["${p.departments[0]?.id ?? ''}"]`,
      });
    }
  }
  for (const [rc, ds] of Object.entries(p.matrix.byRootCause)) {
    ref(['matrix', 'byRootCause', rc], rc, causes, RC);
    ds.forEach((d, i) => ref(['matrix', 'byRootCause', rc, i], d, depts, DEP));
  }
  p.matrix.intake.forEach((d, i) => ref(['matrix', 'intake', i], d, depts, DEP));
  if (p.approval.approverDepartment !== null) {
    ref(['approval', 'approverDepartment'], p.approval.approverDepartment, depts, DEP);
  }
  p.clocks.forEach((c, i) => {
    if (c.start === c.stop) {
      custom(ctx, ['clocks', i, 'stop'], {
        rule: 'format',
        'zh-CN': `结束节点不能与开始节点相同（"${c.start}"）`,
        en: `the stop milestone must differ from the start milestone ("${c.start}")`,
      });
    }
    const w = c.appliesWhen;
    w?.categories?.forEach((x, j) => ref(['clocks', i, 'appliesWhen', 'categories', j], x, cats, CAT));
    w?.notCategories?.forEach((x, j) => ref(['clocks', i, 'appliesWhen', 'notCategories', j], x, cats, CAT));
    w?.severities?.forEach((x, j) => ref(['clocks', i, 'appliesWhen', 'severities', j], x, sevs, SEV));
    w?.classes?.forEach((x, j) => ref(['clocks', i, 'appliesWhen', 'classes', j], x, sevs, SEV));
  });
  for (const [status, list] of Object.entries(p.requiredFields)) {
    list?.forEach((r, i) => {
      r.when?.categories?.forEach((x, j) => ref(['requiredFields', status, i, 'when', 'categories', j], x, cats, CAT));
      r.when?.notCategories?.forEach((x, j) => ref(['requiredFields', status, i, 'when', 'notCategories', j], x, cats, CAT));
      r.when?.severities?.forEach((x, j) => ref(['requiredFields', status, i, 'when', 'severities', j], x, sevs, SEV));
      if (r.field === 'rootCauseCategory' && causes.size === 0) {
        custom(ctx, ['requiredFields', status, i, 'field'], {
          rule: 'reference',
          'zh-CN': '方案未定义原因类别，不能要求填写「原因类别」',
          en: 'the policy defines no root causes, so the root-cause category cannot be required',
        });
      }
    });
  }
  p.quickClose.forEach((q, i) => {
    q.when.levels?.forEach((x, j) => ref(['quickClose', i, 'when', 'levels', j], x, sevs, SEV));
    q.when.categories?.forEach((x, j) => ref(['quickClose', i, 'when', 'categories', j], x, cats, CAT));
  });
  // Working hours: each interval non-empty, in order, not overlapping.
  let previousEnd = -1;
  p.workingHours.forEach((w, i) => {
    const s = parseHhMm(w.start);
    const e = parseHhMm(w.end);
    if (s === null || e === null) return;
    if (e <= s) {
      custom(ctx, ['workingHours', i, 'end'], {
        rule: 'range',
        'zh-CN': `结束时间须晚于开始时间 ${w.start}，例如 18:00`,
        en: `the end must be after the start ${w.start}, e.g. 18:00`,
      });
    }
    if (s < previousEnd) {
      custom(ctx, ['workingHours', i, 'start'], {
        rule: 'range',
        'zh-CN': '工作时段须按时间顺序排列且互不重叠',
        en: 'working-hour intervals must be in order and must not overlap',
      });
    }
    previousEnd = Math.max(previousEnd, e ?? -1);
  });
  p.calendar.shutdowns.forEach((s, i) => {
    if (isIsoDate(s.from) && isIsoDate(s.to) && s.to < s.from) {
      custom(ctx, ['calendar', 'shutdowns', i, 'to'], {
        rule: 'range',
        'zh-CN': `停产结束日须不早于开始日 ${s.from}`,
        en: `the shutdown's end must not be before its start ${s.from}`,
      });
    }
  });
  const pattern = parsePattern(p.numbering.pattern, p.numbering.reset);
  if (!pattern.ok) custom(ctx, ['numbering', 'pattern'], pattern.error);
  // Batch numbers are matched with RE2 (linear time, batch-pattern.ts): a pattern RE2 does not
  // accept (look-around, back-references, bad syntax) is refused here, at save.
  if (compileBatchPattern(p.batchPattern) === null) {
    custom(ctx, ['batchPattern'], {
      rule: 'format',
      'zh-CN': '不是有效的正则表达式（不支持前后断言和反向引用），例如 ^[A-Z0-9-]{4,20}$',
      en: 'not a valid regular expression (look-around and back-references are not supported), e.g. ^[A-Z0-9-]{4,20}$',
    });
  }
}

/** Validates a policy object; throws RulesError('invalid-policy') naming each field and rule. */
export function parsePolicy(input: unknown): Policy {
  const result = policySchema.safeParse(input);
  if (!result.success) throw new RulesError('invalid-policy', issuesFromZod(result.error, 'policy'));
  return result.data;
}

export function optionLabel(options: PolicyOption[], id: string | undefined | null, locale: 'zh-CN' | 'en'): string {
  if (id === undefined || id === null) return '';
  return options.find((o) => o.id === id)?.label[locale] ?? id;
}
