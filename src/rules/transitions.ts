/**
 * Workflow rules (domain.md §5): what a transition into each status needs. Every violation
 * names the field, the rule id and — in zh-CN and en — a value that would pass.
 */
import { effectiveLevel, levelField, type HistoryEntry } from './classify';
import { DISPOSITION_LABELS, SATISFACTION_LABELS, complaintIssues, isEmpty, type Complaint, type ComplaintField } from './complaint';
import { STATUS_IDS, STATUS_LABELS, fieldLabel, joinList, type Locale, type Localized, type RuleId, type StatusId } from './messages';
import { optionLabel, type Policy, type Requirement } from './policy';
import { conditionHolds, evaluateClocks, type Milestones, type Pause } from './sla';
import { QUICK_CLOSE_FROM, WORKFLOW_TRANSITIONS } from './workflow';
import { formatInstant } from './time';

export interface Violation {
  field: string;
  rule: RuleId;
  message: Localized;
}

export interface TransitionResult {
  ok: boolean;
  violations: Violation[];
}

export interface TransitionContext {
  milestones?: Milestones;
  /** Epoch ms; defaults to the current time. */
  now?: number;
  history?: HistoryEntry[];
  pauses?: Pause[];
  /** The status the complaint leaves: closing from 登记/调查中 is the quick close. */
  from?: StatusId;
  /**
   * Rule families to run (the validator's configuration). All when omitted; `range` and
   * `format` checks of the values present always run.
   */
  families?: RuleId[];
}

const ORDER: Record<StatusId, number> = Object.fromEntries(STATUS_IDS.map((s, i) => [s, i])) as Record<StatusId, number>;

/** A value that would pass, for the "e.g." of a required-field message. */
function example(policy: Policy, field: ComplaintField, now: number, locale: Locale): string {
  switch (field) {
    case 'category':
      return policy.categories[0]?.label[locale] ?? '';
    case 'severity':
    case 'class':
      return policy.severities[0]?.label[locale] ?? '';
    case 'responsibleDepartment':
      return policy.departments[0]?.label[locale] ?? '';
    case 'rootCauseCategory':
      return policy.rootCauses[0]?.label[locale] ?? '';
    case 'disposition':
      return DISPOSITION_LABELS.exchange[locale];
    case 'satisfaction':
      return SATISFACTION_LABELS.satisfied[locale];
    case 'containmentAt':
    case 'eightDAt':
    case 'followUpAt':
    case 'actualCompletion':
      // As a person types it (the policy's zone): 2026-12-03 15:03, not the stored ISO form.
      return formatInstant(now, policy.timeZone).slice(0, 16).replace('T', ' ');
    case 'approvedBy':
      return locale === 'zh-CN' ? '审批人姓名' : "the approver's name";
    default:
      return locale === 'zh-CN' ? '任意非空说明' : 'any non-empty text';
  }
}

function requiredViolation(policy: Policy, field: ComplaintField, to: StatusId, now: number, why?: Localized): Violation {
  const msg = (l: Locale): string => {
    const reason = why ? (l === 'zh-CN' ? `（${why[l]}）` : ` (${why[l]})`) : '';
    return l === 'zh-CN'
      ? `「${fieldLabel(field, l)}」为必填项：转入「${STATUS_LABELS[to][l]}」前须填写${reason}，例如：${example(policy, field, now, l)}（规则：required）`
      : `${fieldLabel(field, l)} is required before moving to "${STATUS_LABELS[to][l]}"${reason}; e.g. ${example(policy, field, now, l)} (rule: required)`;
  };
  return { field, rule: 'required', message: { 'zh-CN': msg('zh-CN'), en: msg('en') } };
}

/** Which departments the matrix allows for a complaint entering `to`, and on what basis. */
export function allowedDepartments(
  policy: Policy,
  complaint: Complaint,
  to: StatusId,
  from?: StatusId | null,
): { ids: string[]; basis: 'category' | 'root-cause' | 'intake'; key: string | null } {
  const m = policy.matrix;
  // The root-cause matrix applies from `rootCauseFrom` on — and, once a root cause is known, to a
  // reopened complaint too, into and out of 重新处理 (it keeps the department the cause named;
  // 002 第七步), so the validator and the panel agree after closing.
  const pastFrom = m.rootCauseFrom !== null && to !== 'reopened' && ORDER[to] >= ORDER[m.rootCauseFrom];
  const known = !isEmpty(complaint.rootCauseCategory) && (to === 'reopened' || from === 'reopened');
  if (m.rootCauseFrom !== null && (pastFrom || known)) {
    const key = complaint.rootCauseCategory ?? null;
    return { ids: key && Object.hasOwn(m.byRootCause, key) ? (m.byRootCause[key] ?? []) : [], basis: 'root-cause', key };
  }
  if (m.rootCauseFrom !== null && m.intake.length > 0) return { ids: m.intake, basis: 'intake', key: null };
  const key = complaint.category ?? null;
  return { ids: key && Object.hasOwn(m.byCategory, key) ? (m.byCategory[key] ?? []) : [], basis: 'category', key };
}

function matrixViolation(policy: Policy, complaint: Complaint, to: StatusId, from?: StatusId): Violation | null {
  const dept = complaint.responsibleDepartment;
  if (isEmpty(dept)) return null; // reported as `required`
  const allowed = allowedDepartments(policy, complaint, to, from);
  if (allowed.key === null && allowed.basis !== 'intake') return null; // the category / root cause is reported as required
  if (allowed.ids.includes(dept!)) return null;
  const labels = (l: Locale): string => joinList(allowed.ids.map((id) => optionLabel(policy.departments, id, l)), l);
  const basis = (l: Locale): string => {
    if (allowed.basis === 'intake') return l === 'zh-CN' ? '受理阶段' : 'at intake';
    if (allowed.basis === 'root-cause') {
      const rc = optionLabel(policy.rootCauses, allowed.key, l);
      return l === 'zh-CN' ? `原因类别「${rc}」` : `root cause "${rc}"`;
    }
    const cat = optionLabel(policy.categories, allowed.key, l);
    return l === 'zh-CN' ? `客诉分类「${cat}」` : `category "${cat}"`;
  };
  const current = (l: Locale): string => optionLabel(policy.departments, dept, l);
  return {
    field: 'responsibleDepartment',
    rule: 'matrix',
    message: {
      'zh-CN': `「责任单位」为「${current('zh-CN')}」，责任矩阵不允许（${basis('zh-CN')}）；可选：${labels('zh-CN') || '（矩阵未配置）'}（规则：matrix）`,
      en: `Responsible department "${current('en')}" is not allowed by the responsibility matrix for ${basis('en')}; allowed: ${labels('en') || '(none configured)'} (rule: matrix)`,
    },
  };
}

const QUALITY_TEXT: Localized = { 'zh-CN': '质量类客诉', en: 'quality complaints' };

/** The grid's requirements for a transition into `to`: the one source of what it needs. */
export function requirementsFor(policy: Policy, to: StatusId): Requirement[] {
  return Object.hasOwn(policy.requiredFields, to) ? (policy.requiredFields[to] ?? []) : [];
}

/** Whether a conditional requirement applies to the complaint (at its level). */
export function requirementApplies(policy: Policy, r: Requirement, complaint: Complaint, level: string | null): boolean {
  if (!r.when) return true;
  if (r.when.quality !== undefined) {
    const quality = policy.categories.find((c) => c.id === complaint.category)?.quality === true;
    if (quality !== r.when.quality) return false;
  }
  return conditionHolds(policy, r.when, complaint, level);
}

/** Why a conditional requirement applies, for its message. */
function requirementReason(policy: Policy, r: Requirement, complaint: Complaint, level: string | null, field: ComplaintField): Localized | undefined {
  if (!r.when) return undefined;
  if (r.when.quality) return QUALITY_TEXT;
  if ((r.when.classes || r.when.severities) && level) {
    const what = field === 'containmentAt' ? { 'zh-CN': '须记录 3D 完成时间', en: 'needs the 3D completion time' } : { 'zh-CN': '须填写', en: 'needs it' };
    return levelField(policy) === 'class'
      ? { 'zh-CN': `${level} 类${what['zh-CN']}`, en: `class ${level} ${what.en}` }
      : { 'zh-CN': `「${optionLabel(policy.severities, level, 'zh-CN')}」${what['zh-CN']}`, en: `"${optionLabel(policy.severities, level, 'en')}" ${what.en}` };
  }
  if (r.when.categories && complaint.category) {
    return { 'zh-CN': `客诉分类「${optionLabel(policy.categories, complaint.category, 'zh-CN')}」`, en: `category "${optionLabel(policy.categories, complaint.category, 'en')}"` };
  }
  return undefined;
}

/** True when a transition from `from` into `to` is the quick close (登记/调查中 → 已结案). */
export function isQuickClose(from: StatusId | null | undefined, to: StatusId): boolean {
  return to === 'closed' && !!from && QUICK_CLOSE_FROM.includes(from);
}

/** The quick-close rules that admit the complaint (any of a rule's conditions). */
export function quickCloseMatches(policy: Policy, complaint: Complaint, level: string | null): Policy['quickClose'] {
  return policy.quickClose.filter((q) => {
    const w = q.when;
    return (
      (!!level && !!w.levels?.includes(level)) ||
      (!!complaint.category && !!w.categories?.includes(complaint.category)) ||
      (!!complaint.disposition && !!w.dispositions?.includes(complaint.disposition))
    );
  });
}

/**
 * Every complaint field the rules of a transition can ask for — what its transition screen holds
 * so a refusal can be mended in the same dialog. Read by setup (screens) and the shell's dialog.
 */
export function transitionFields(policy: Policy, to: StatusId, from?: StatusId | null): ComplaintField[] {
  const out: ComplaintField[] = [];
  const add = (f: ComplaintField): void => {
    if (!out.includes(f)) out.push(f);
  };
  if (isQuickClose(from, to)) {
    if (policy.quickClose.some((q) => q.when.dispositions?.length)) add('disposition');
    for (const q of policy.quickClose) q.requires.forEach(add);
    add('closeReason');
    return out;
  }
  const level = levelField(policy);
  for (const r of requirementsFor(policy, to)) {
    if (r.field === 'severity' || r.field === 'class') add(level);
    else if (r.field === 'responsibleDepartment') {
      const m = policy.matrix;
      if (m.rootCauseFrom !== null && policy.rootCauses.length > 0 && ORDER[to] >= ORDER[m.rootCauseFrom]) add('rootCauseCategory');
      add('responsibleDepartment');
    } else add(r.field);
  }
  if (to === 'assigned' && policy.approval.required) add('approvedBy');
  if (to === 'closed') add('lateReason');
  return out;
}

/**
 * Checks a transition of `complaint` into `to`. Runs the value checks (range, format) and the
 * rules of the target status.
 */
export function checkTransition(policy: Policy, complaint: Complaint, to: StatusId, ctx: TransitionContext = {}): TransitionResult {
  const now = ctx.now ?? Date.now();
  const on = (rule: RuleId): boolean => !ctx.families || ctx.families.includes(rule);
  const violations: Violation[] = [];
  for (const i of complaintIssues(policy, complaint, 'complaint', now)) {
    if (i.rule === 'range' || i.rule === 'format') {
      violations.push({ field: i.field.replace(/^complaint\./, ''), rule: i.rule, message: i.message });
    }
  }
  const need = (field: ComplaintField, why?: Localized): void => {
    if (on('required') && isEmpty(complaint[field])) violations.push(requiredViolation(policy, field, to, now, why));
  };
  const level = effectiveLevel(policy, complaint, ctx.history);
  const levelKey = levelField(policy);
  const departmentRules = (): void => {
    if (allowedDepartments(policy, complaint, to, ctx.from).basis === 'root-cause') need('rootCauseCategory');
    need('responsibleDepartment');
    if (on('matrix')) {
      const v = matrixViolation(policy, complaint, to, ctx.from);
      if (v) violations.push(v);
    }
  };

  if (isQuickClose(ctx.from, to)) {
    quickCloseRules(policy, complaint, level, ctx.from!, violations, on, need);
    return { ok: violations.length === 0, violations };
  }
  // The required-fields grid of the policy, in its order.
  for (const r of requirementsFor(policy, to)) {
    if (!requirementApplies(policy, r, complaint, level)) continue;
    if (r.field === 'severity' || r.field === 'class') {
      if (on('required') && level === null) violations.push(requiredViolation(policy, levelKey, to, now));
    } else if (r.field === 'responsibleDepartment') departmentRules();
    else need(r.field, requirementReason(policy, r, complaint, level, r.field));
  }

  switch (to) {
    case 'assigned':
      if (on('approval') && policy.approval.required && isEmpty(complaint.approvedBy)) {
        const approver = (l: Locale): string =>
          policy.approval.approverDepartment ? optionLabel(policy.departments, policy.approval.approverDepartment, l) : '';
        violations.push({
          field: 'approvedBy',
          rule: 'approval',
          message: {
            'zh-CN': `转交处理部门须经${approver('zh-CN') || '主管'}审批：请在「审批人」填写审批人，例如：${example(policy, 'approvedBy', now, 'zh-CN')}（规则：approval）`,
            en: `Assignment to a handling department needs the approval of the ${approver('en') || 'manager'}: fill in "Approved by", e.g. ${example(policy, 'approvedBy', now, 'en')} (rule: approval)`,
          },
        });
      }
      break;
    case 'closed': {
      if (on('satisfaction') && (complaint.satisfaction === 'unsatisfied' || complaint.satisfaction === 'very-unsatisfied')) {
        const s = SATISFACTION_LABELS[complaint.satisfaction];
        violations.push({
          field: 'satisfaction',
          rule: 'satisfaction',
          message: {
            'zh-CN': `回访满意度为「${s['zh-CN']}」，不能结案：须为「${SATISFACTION_LABELS.satisfied['zh-CN']}」或「${SATISFACTION_LABELS['very-satisfied']['zh-CN']}」，否则转入「${STATUS_LABELS.reopened['zh-CN']}」（规则：satisfaction）`,
            en: `Follow-up satisfaction is "${s.en}", so the complaint cannot close: it must be "${SATISFACTION_LABELS.satisfied.en}" or "${SATISFACTION_LABELS['very-satisfied'].en}"; otherwise move it to "${STATUS_LABELS.reopened.en}" (rule: satisfaction)`,
          },
        });
      }
      if (on('late-reason') && ctx.milestones && isEmpty(complaint.lateReason)) {
        const breached = evaluateClocks(policy, complaint, ctx.milestones, now, { history: ctx.history, pauses: ctx.pauses }).filter(
          (c) => c.status === 'breached',
        );
        if (breached.length > 0) {
          const names = (l: Locale): string => joinList(breached.map((c) => `${c.label[l]}（拖延 ${c.lateDays} 天）`), l);
          violations.push({
            field: 'lateReason',
            rule: 'late-reason',
            message: {
              'zh-CN': `时限已超期：${names('zh-CN')}；结案前须填写「${fieldLabel('lateReason', 'zh-CN')}」，例如：供应商来料延误（规则：late-reason）`,
              en: `Deadlines were missed: ${breached.map((c) => `${c.label.en} (${c.lateDays} day(s) late)`).join(', ')}; fill in "${fieldLabel('lateReason', 'en')}" before closing, e.g. supplier material arrived late (rule: late-reason)`,
            },
          });
        }
      }
      break;
    }
    default:
      break;
  }
  return { ok: violations.length === 0, violations };
}

/** The quick close: one of the policy's rules admits the complaint, and 结案说明 says why. */
function quickCloseRules(
  policy: Policy,
  complaint: Complaint,
  level: string | null,
  from: StatusId,
  violations: Violation[],
  on: (rule: RuleId) => boolean,
  need: (field: ComplaintField, why?: Localized) => void,
): void {
  const matches = quickCloseMatches(policy, complaint, level);
  if (matches.length === 0 && on('quick-close')) {
    const names = (l: Locale): string => joinList(policy.quickClose.map((q) => q.label[l]), l);
    const levelText = (l: Locale): string => (level ? optionLabel(policy.severities, level, l) : l === 'zh-CN' ? '未定' : 'none');
    const disp = (l: Locale): string => (complaint.disposition ? DISPOSITION_LABELS[complaint.disposition][l] : l === 'zh-CN' ? '未填' : 'empty');
    violations.push({
      field: 'disposition',
      rule: 'quick-close',
      message: {
        'zh-CN': `「${STATUS_LABELS[from]['zh-CN']}」→「${STATUS_LABELS.closed['zh-CN']}」的快速结案只适用于：${names('zh-CN') || '（方案未配置）'}；本客诉等级为「${levelText('zh-CN')}」、处理结论为「${disp('zh-CN')}」，例如处理结论填「${DISPOSITION_LABELS['answered-on-site']['zh-CN']}」，或按正常流程处理（规则：quick-close）`,
        en: `Quick close from "${STATUS_LABELS[from].en}" to "${STATUS_LABELS.closed.en}" applies only to: ${names('en') || '(none configured)'}; this complaint's level is "${levelText('en')}" and its disposition "${disp('en')}", e.g. set the disposition to "${DISPOSITION_LABELS['answered-on-site'].en}", or follow the full workflow (rule: quick-close)`,
      },
    });
  }
  const why: Localized = { 'zh-CN': '快速结案', en: 'quick close' };
  for (const f of matches[0]?.requires ?? []) need(f, why);
  need('closeReason', why);
}

/**
 * The fields of each workflow transition's screen (WORKFLOW_TRANSITIONS ids → complaint fields),
 * for setup's transition screens and the shell's transition dialog. Transitions whose rules
 * need nothing are absent.
 */
export function transitionScreenFields(policy: Policy): Record<string, ComplaintField[]> {
  const out: Record<string, ComplaintField[]> = {};
  for (const t of WORKFLOW_TRANSITIONS) {
    if (t.from.length === 0) continue;
    const fields = transitionFields(policy, t.to, t.from[0]);
    if (fields.length > 0) out[t.id] = fields;
  }
  return out;
}

export function isStatusId(value: unknown): value is StatusId {
  return typeof value === 'string' && (STATUS_IDS as readonly string[]).includes(value);
}
