/**
 * Classification: the 004 A/B/C classes with their reasons, severity from the category (food
 * preset), and repeat detection from a complaint history.
 */
import type { Complaint } from './complaint';
import type { Policy } from './policy';
import { parseInstant } from './time';

export interface HistoryEntry {
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

/** Earlier class-B complaints with the same part number and category. */
export function earlierBCount(complaint: Complaint, history: HistoryEntry[]): number {
  const key = repeatKey(complaint.partNumber, complaint.category);
  if (!key) return 0;
  const at = complaint.registeredAt ? parseInstant(complaint.registeredAt) : null;
  let count = 0;
  for (const h of history) {
    if (h.class !== 'B' || repeatKey(h.partNumber, h.category) !== key) continue;
    const hAt = h.registeredAt ? parseInstant(h.registeredAt) : null;
    if (at !== null && hAt !== null && hAt >= at) continue; // only earlier complaints count
    count++;
  }
  return count;
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
  if (earlierBCount(complaint, history) + 1 >= repeatThreshold) reasons.push(`repeat>=${repeatThreshold}`);
  if (reasons.length > 0) return { field, level: 'A', reasons };
  return { field, level: 'B', reasons: ['individual'] };
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
