/**
 * What the issue panel shows for one complaint: its clocks, class and reasons, the department
 * and what the matrix allows, and what each next transition still needs. The issue is read as
 * the user: an id from the browser is only trusted after Jira says the user may see it.
 */
import { route } from '@forge/api';
import { complaintFromFields, type FieldIds } from '../jira/fields';
import { jira } from '../jira/port';
import {
  allowedDepartments,
  checkTransition,
  classify,
  evaluateClocks,
  statusIdFromName,
  transitionsFrom,
  type ClockState,
  type Localized,
  type Milestones,
  type Policy,
  type StatusId,
  type Violation,
} from '../rules';

export interface PanelState {
  issueKey: string;
  /** The policy governing the issue's project, for the panel's labels. */
  policy?: Policy;
  status: StatusId;
  complaintNumber: string | null;
  clocks: ClockState[];
  classification: { field: 'class' | 'severity'; level: string | null; reasons: string[] };
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
  const clocks = evaluateClocks(policy, complaint, milestones, now);
  const next = transitionsFrom(status).map((t) => {
    const r = checkTransition(policy, complaint, t.to, { milestones, now });
    return { to: t.to, name: t.name, ok: r.ok, violations: r.violations };
  });
  const allowed = allowedDepartments(policy, complaint, next[0]?.to ?? status);
  return {
    issueKey: issue.key,
    policy,
    status,
    complaintNumber: complaint.complaintNumber ?? null,
    clocks,
    classification: classify(policy, complaint),
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
