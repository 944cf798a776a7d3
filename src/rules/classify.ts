/**
 * Classification: the 004 A/B/C classes with their reasons, severity from the category (food
 * preset), and repeat detection from a complaint history.
 */
import type { Complaint } from './complaint';
import type { Policy } from './policy';
import { parseInstant } from './time';

export interface HistoryEntry {
  /** The issue key and complaint number, for the panel's list of earlier complaints. */
  key?: string | null;
  number?: string | null;
  partNumber?: string | null;
  category?: string | null;
  defect?: string | null;
  class?: string | null;
  registeredAt?: string | null;
}

export interface Classification {
  /** Which complaint field the level belongs in: `class` (auto-abc) or `severity`. */
  field: 'class' | 'severity';
  /** The level's option id, or null when it cannot be derived yet. */
  level: string | null;
  /** Reason ids: line-stop, batch, loss>=5000, rohs-reach, repeat>=3, individual, notice, category, manual. */
  reasons: string[];
  /** The repeat rule: this complaint is the `ordinal`-th class-B one of its part and category. */
  repeat?: { ordinal: number; earlier: HistoryEntry[] };
}

export function levelField(policy: Policy): 'class' | 'severity' {
  return policy.classification.mode === 'auto-abc' ? 'class' : 'severity';
}

/** Normalised key of a repeat group: same part number and same category. */
export function repeatKey(partNumber: string | null | undefined, category: string | null | undefined): string | null {
  const part = (partNumber ?? '').trim().toUpperCase();
  const cat = (category ?? '').trim();
  return part && cat ? `${part}|${cat}` : null;
}

/** The start of the repeat window: `months` calendar months before `at` (UTC date arithmetic). */
export function repeatWindowStart(at: number, months: number): number {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/**
 * Earlier class-B complaints with the same part number and category, registered before this one
 * and — when `windowMonths` is given — within that many months before it.
 */
export function earlierBComplaints(complaint: Complaint, history: HistoryEntry[], windowMonths?: number): HistoryEntry[] {
  const key = repeatKey(complaint.partNumber, complaint.category);
  if (!key) return [];
  const at = complaint.registeredAt ? parseInstant(complaint.registeredAt) : null;
  const from = at !== null && windowMonths !== undefined ? repeatWindowStart(at, windowMonths) : null;
  return history.filter((h) => {
    if (h.class !== 'B' || repeatKey(h.partNumber, h.category) !== key) return false;
    if (complaint.complaintNumber && h.number === complaint.complaintNumber) return false;
    const hAt = h.registeredAt ? parseInstant(h.registeredAt) : null;
    if (at !== null && hAt !== null && hAt >= at) return false; // only earlier complaints count
    if (from !== null && hAt !== null && hAt < from) return false; // outside the policy window
    return true;
  });
}

/** How many earlier class-B complaints share the part number and category. */
export function earlierBCount(complaint: Complaint, history: HistoryEntry[], windowMonths?: number): number {
  return earlierBComplaints(complaint, history, windowMonths).length;
}

export function classify(policy: Policy, complaint: Complaint, history: HistoryEntry[] = []): Classification {
  const field = levelField(policy);
  const mode = policy.classification.mode;
  if (mode === 'category') {
    const cat = policy.categories.find((c) => c.id === complaint.category);
    return cat?.severity ? { field, level: cat.severity, reasons: ['category'] } : { field, level: null, reasons: [] };
  }
  if (mode === 'manual') {
    return complaint.severity ? { field, level: complaint.severity, reasons: ['manual'] } : { field, level: null, reasons: [] };
  }
  // auto-abc (004)
  if (complaint.category && policy.classification.noticeCategories.includes(complaint.category)) {
    return { field, level: 'C', reasons: ['notice'] };
  }
  const { lossThreshold, repeatThreshold } = policy.classification;
  const reasons: string[] = [];
  if (complaint.lineStop) reasons.push('line-stop');
  if (complaint.batchProblem) reasons.push('batch');
  if (typeof complaint.lossAmount === 'number' && complaint.lossAmount >= lossThreshold) reasons.push(`loss>=${lossThreshold}`);
  if (complaint.rohsReach) reasons.push('rohs-reach');
  const earlier = earlierBComplaints(complaint, history, policy.classification.repeatWindowMonths);
  const repeat = earlier.length > 0 ? { ordinal: earlier.length + 1, earlier } : undefined;
  if (earlier.length + 1 >= repeatThreshold) reasons.push(`repeat>=${repeatThreshold}`);
  if (reasons.length > 0) return { field, level: 'A', reasons, ...(repeat ? { repeat } : {}) };
  return { field, level: 'B', reasons: ['individual'], ...(repeat ? { repeat } : {}) };
}

/**
 * The level the clocks and rules use: what the complaint says (an admin override), else what
 * classification derives.
 */
export function effectiveLevel(policy: Policy, complaint: Complaint, history: HistoryEntry[] = []): string | null {
  const field = levelField(policy);
  const stated = complaint[field];
  if (stated) return stated;
  return classify(policy, complaint, history).level;
}

export interface RepeatGroup {
  partNumber: string;
  category: string;
  count: number;
}

/** Part-number and category pairs that occur `threshold` times or more (the 004 repeat rule). */
export function repeatGroups(entries: HistoryEntry[], threshold: number): RepeatGroup[] {
  const groups = new Map<string, RepeatGroup>();
  for (const e of entries) {
    const key = repeatKey(e.partNumber, e.category);
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { partNumber: (e.partNumber ?? '').trim().toUpperCase(), category: (e.category ?? '').trim(), count: 1 });
  }
  return [...groups.values()].filter((g) => g.count >= threshold).sort((a, b) => b.count - a.count);
}
