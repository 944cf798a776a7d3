/**
 * Which milestones a complaint reaches as it moves through the workflow (domain.md §4–§5), and
 * which come from its date fields. The lifecycle trigger records the first time each is reached.
 */
import type { Complaint } from './complaint';
import { STATUS_IDS, STATUS_LABELS, type MilestoneId, type StatusId } from './messages';
import type { Milestones } from './sla';
import { formatInstant, parseInstant } from './time';

const ON_ENTER: Record<StatusId, MilestoneId[]> = {
  registered: ['registered'],
  assigned: ['assigned'],
  investigating: [],
  'corrective-action': ['investigated', 'solution-proposed'],
  replied: ['resolved', 'replied'],
  'follow-up': [],
  closed: ['follow-up', 'closed'],
  reopened: [],
};

export function milestonesOnEnter(status: StatusId): MilestoneId[] {
  return ON_ENTER[status];
}

/** Milestones a complaint's own date fields record. */
export function milestonesFromFields(c: Complaint): Milestones {
  const m: Milestones = {};
  if (c.registeredAt) m.registered = c.registeredAt;
  if (c.firstContactAt) m['first-response'] = c.firstContactAt;
  if (c.containmentAt) m.containment = c.containmentAt;
  if (c.eightDAt) m['8d-done'] = c.eightDAt;
  if (c.followUpAt) m['follow-up'] = c.followUpAt;
  return m;
}

/**
 * Adds the milestones reached by entering `status` at `at`, keeping the first time each was
 * reached (events arrive more than once and late: recording is idempotent).
 */
export function recordMilestones(existing: Milestones, status: StatusId, at: string): Milestones {
  const out: Milestones = { ...existing };
  for (const id of milestonesOnEnter(status)) if (!out[id]) out[id] = at;
  return out;
}

/**
 * Adds the milestones of every status a complaint entered, at the time it entered it (from the
 * issue's changelog: `statusNames` are the changelog items' `toString`, `at` their `created`),
 * oldest first. An event that arrives late — or a history replayed at once — records the time
 * the status was entered, not the time the trigger ran.
 */
export function recordStatusHistory(existing: Milestones, entries: { status: string | null | undefined; at: string }[], zone: string): Milestones {
  let out: Milestones = { ...existing };
  const known = entries
    .map((e) => ({ id: statusIdFromName(e.status), ms: parseInstant(e.at) }))
    .filter((e): e is { id: StatusId; ms: number } => e.id !== null && e.ms !== null)
    .sort((a, b) => a.ms - b.ms);
  for (const e of known) out = recordMilestones(out, e.id, formatInstant(e.ms, zone));
  return out;
}

/** A workflow status name (either language, as setup creates them) → status id. */
export function statusIdFromName(name: string | null | undefined): StatusId | null {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  for (const id of STATUS_IDS) {
    const l = STATUS_LABELS[id];
    if (id === n || l['zh-CN'] === name.trim() || l.en.toLowerCase() === n) return id;
  }
  return null;
}
