/**
 * The computed state of a complaint that the app writes where JQL can see it (the read-only
 * fields and the `complaint` issue property): SLA state, next due, breached clocks, class,
 * department, late days. One function, used by the lifecycle trigger, the SLA sweep and the
 * sandbox's demo loader alike.
 */
import { classify, effectiveLevel, repeatKey, type HistoryEntry } from './classify';
import type { Complaint } from './complaint';
import type { StatusId } from './messages';
import type { Policy } from './policy';
import { evaluateClocks, nextDue, worstClock, type ClockState, type ClockStatus, type Milestones, type Pause } from './sla';

export interface ComplaintState {
  number: string | null;
  status: StatusId;
  /** Worst clock state, or `none` when no clock has started. */
  slaState: ClockStatus | 'none';
  nextDue: string | null;
  /** Ids of breached clocks. */
  breached: string[];
  class: string | null;
  classReasons: string[];
  department: string | null;
  /** Sum of late days over breached clocks (the assessment figure of 000 篇一 4.4). */
  lateDays: number;
  repeatKey: string | null;
  clocks: ClockState[];
}

export function complaintState(
  policy: Policy,
  complaint: Complaint,
  status: StatusId,
  milestones: Milestones,
  now: number,
  options: { history?: HistoryEntry[]; pauses?: Pause[] } = {},
): ComplaintState {
  const clocks = evaluateClocks(policy, complaint, milestones, now, options);
  const worst = worstClock(clocks);
  const breached = clocks.filter((c) => c.status === 'breached');
  const c = classify(policy, complaint, options.history);
  return {
    number: complaint.complaintNumber ?? null,
    status,
    slaState: worst ? worst.status : 'none',
    nextDue: nextDue(clocks),
    breached: breached.map((b) => b.id),
    class: effectiveLevel(policy, complaint, options.history),
    classReasons: c.reasons,
    department: complaint.responsibleDepartment ?? null,
    lateDays: breached.reduce((sum, b) => sum + b.lateDays, 0),
    repeatKey: repeatKey(complaint.partNumber, complaint.category),
    clocks,
  };
}

/**
 * The state part of the `complaint` issue property, the one shape the lifecycle trigger
 * (src/services/lifecycle.ts) and the sandbox's demo loader write (the manifest's entity property
 * indexes it for JQL: complaintStatus, complaintNextDue, …). The writer adds what has been
 * announced (`escalated`, `warned`, and `pending` while announcing).
 */
export function complaintStateProperty(state: ComplaintState, milestones: Milestones): Record<string, unknown> {
  return {
    number: state.number,
    status: state.status,
    slaState: state.slaState,
    nextDue: state.nextDue,
    breached: state.breached,
    class: state.class,
    department: state.department,
    lateDays: state.lateDays,
    repeatKey: state.repeatKey,
    milestones,
  };
}
