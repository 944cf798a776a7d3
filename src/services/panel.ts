/**
 * What the issue panel shows for one complaint: its clocks, class and reasons, the department
 * and what the matrix allows, and what each next transition still needs. The issue is read as
 * the user: an id from the browser is only trusted after Jira says the user may see it.
 */
import { route } from '@forge/api';
import { complaintFromFields, fieldsFromComplaint, type FieldIds } from '../jira/fields';
import { jira } from '../jira/port';
import {
  allowedDepartments,
  checkTransition,
  classify,
  effectiveLevel,
  evaluateClocks,
  isQuickClose,
  quickCloseMatches,
  formatInstant,
  levelField,
  statusIdFromName,
  transitionsFrom,
  type ClockState,
  type Localized,
  type Milestones,
  type Policy,
  type StatusId,
  type Violation,
} from '../rules';
import { repeatHistory } from './repeat-history';

export interface PanelState {
  issueKey: string;
  /** The policy governing the issue's project, for the panel's labels. */
  policy?: Policy;
  status: StatusId;
  complaintNumber: string | null;
  clocks: ClockState[];
  classification: {
    field: 'class' | 'severity';
    level: string | null;
    reasons: string[];
    /** The repeat rule: "第 N 次" and the earlier complaints of the same part and category. */
    repeat?: { ordinal: number; earlier: { key: string | null; number: string | null; registeredAt: string | null; class: string | null }[] };
  };
  /** 首次联系时间, when recorded (the panel offers "记录首次联系" while it is empty). */
  firstContactAt?: string | null;
  department: string | null;
  allowedDepartments: { id: string; label: Localized }[];
  next: { to: StatusId; name: Localized; ok: boolean; violations: Violation[] }[];
  milestones: Milestones;
  lateDays: number;
  /** 3D (containment) and 8D progress: done when, and whether the policy needs the 8D. */
  progress?: { containmentAt: string | null; eightDAt: string | null; actualCompletion: string | null; needs8D: boolean };
}

export async function panelState(
  policyOf: (projectKey: string | null) => Promise<Policy>,
  ids: FieldIds,
  issueIdOrKey: string,
  now: number = Date.now(),
): Promise<PanelState> {
  const fields = ['status', 'project', ...Object.values(ids)].join(',');
  const issue = await jira<{
    key: string;
    fields: Record<string, unknown> & { status?: { name?: string }; project?: { key?: string } };
    properties?: { complaint?: { milestones?: Milestones } };
  }>('user', route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields}&properties=complaint`);
  const policy = await policyOf(issue.fields.project?.key ?? null);
  const complaint = complaintFromFields(issue.fields, ids);
  const status = statusIdFromName(issue.fields.status?.name) ?? 'registered';
  const milestones = issue.properties?.complaint?.milestones ?? {};
  // The repeat history, searched as the user (they see only complaints they may browse).
  const history = policy.classification.mode === 'auto-abc' ? await repeatHistory(policy, complaint, issue.key, 'user', now, ids) : [];
  const clocks = evaluateClocks(policy, complaint, milestones, now, { history });
  // The same rules as the validator, from the same grid, for the same from-status.
  // The quick close is offered only to a complaint one of the policy's rules admits (else every
  // new complaint would list it as refused).
  const level = effectiveLevel(policy, complaint, history);
  const next = transitionsFrom(status)
    .filter((t) => !isQuickClose(status, t.to) || quickCloseMatches(policy, complaint, level).length > 0)
    .map((t) => {
      const r = checkTransition(policy, complaint, t.to, { milestones, now, from: status, history });
      return { to: t.to, name: t.name, ok: r.ok, violations: r.violations };
    });
  // The department as the rules of the current status see it (after closing: the root-cause
  // matrix that the validator applied, not the intake list of a later reopening).
  const allowed = allowedDepartments(policy, complaint, status === 'registered' ? 'assigned' : status);
  const derived = classify(policy, complaint, history);
  const stated = complaint[levelField(policy)] ?? null;
  const classification = stated && stated !== derived.level ? { ...derived, level: stated, reasons: ['manual'] } : derived;
  return {
    issueKey: issue.key,
    policy,
    status,
    complaintNumber: complaint.complaintNumber ?? null,
    clocks,
    classification: {
      field: classification.field,
      level: classification.level,
      reasons: classification.reasons,
      ...(classification.repeat
        ? {
            repeat: {
              ordinal: classification.repeat.ordinal,
              earlier: classification.repeat.earlier.map((e) => ({ key: e.key ?? null, number: e.number ?? null, registeredAt: e.registeredAt ?? null, class: e.class ?? null })),
            },
          }
        : {}),
    },
    firstContactAt: complaint.firstContactAt ?? null,
    department: complaint.responsibleDepartment ?? null,
    allowedDepartments: allowed.ids.map((id) => ({ id, label: policy.departments.find((d) => d.id === id)?.label ?? { 'zh-CN': id, en: id } })),
    next,
    milestones,
    lateDays: clocks.filter((c) => c.status === 'breached').reduce((s, c) => s + c.lateDays, 0),
    progress: {
      containmentAt: complaint.containmentAt ?? null,
      eightDAt: complaint.eightDAt ?? null,
      actualCompletion: complaint.actualCompletion ?? null,
      needs8D: policy.categories.find((c) => c.id === complaint.category)?.quality === true,
    },
  };
}

/**
 * "记录首次联系": writes 首次联系时间 = now on the issue as the user (Jira checks their edit
 * permission; the field's own validation runs). Idempotent: an existing value is kept.
 */
export async function recordFirstContact(
  policyOf: (projectKey: string | null) => Promise<Policy>,
  ids: FieldIds,
  issueIdOrKey: string,
  now: number = Date.now(),
): Promise<{ issueId: string; firstContactAt: string; recorded: boolean }> {
  const fieldId = ids['complaint-first-contact'];
  if (!fieldId) throw new Error('the First contact field is not installed');
  const issue = await jira<{ id: string; key: string; fields: Record<string, unknown> & { project?: { key?: string } } }>(
    'user',
    route`/rest/api/3/issue/${issueIdOrKey}?fields=project,${fieldId}`,
  );
  const existing = complaintFromFields(issue.fields, ids).firstContactAt;
  if (existing) return { issueId: issue.id, firstContactAt: existing, recorded: false };
  const policy = await policyOf(issue.fields.project?.key ?? null);
  // Stored to the second, rounded up: never before the registration of a complaint contacted at once.
  const at = formatInstant(Math.ceil(now / 1000) * 1000, policy.timeZone);
  await jira('user', route`/rest/api/3/issue/${issue.key}`, { method: 'PUT', body: { fields: fieldsFromComplaint({ firstContactAt: at }, ids) } });
  return { issueId: issue.id, firstContactAt: at, recorded: true };
}
