/**
 * A structured difference between two policies, for the Versions tab: what was added, removed
 * or changed in the categories, severities, departments, root causes, the responsibility matrix
 * (cell by cell), the clocks, the working hours, the calendar overrides, the numbering and the
 * general settings. Pure: no React, no bridge, no zod (the admin bundle imports it statically).
 */
import type { Localized } from '../../rules/messages';
import type { Policy } from '../../rules/policy';

export const DIFF_SECTIONS = [
  'general',
  'categories',
  'severities',
  'classification',
  'channels',
  'departments',
  'rootCauses',
  'matrix',
  'approval',
  'requiredFields',
  'quickClose',
  'clocks',
  'workingHours',
  'calendar',
  'numbering',
] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PolicyChange {
  section: DiffSection;
  kind: ChangeKind;
  /**
   * What changed, as ids: an option or clock id, a matrix cell `byCategory:quality:qa`, a date,
   * an interval `08:30-12:00`, or a setting's name (`timeZone`, `pattern`…).
   */
  subject: string;
  /** The option's or clock's label (from the newer side when it has one), for display. */
  label?: Localized;
  /** For `changed`: the property that changed (`label`, `severity`, `duration`…). */
  field?: string;
  /** Readable values (ids, `3 workingDays`, `中文 / English`); absent for an added or removed side. */
  before?: string;
  after?: string;
}

type Plain = null | undefined | string | number | boolean | Plain[] | { [k: string]: Plain };

function isLocalized(v: Plain): v is { 'zh-CN': string; en: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string' && Object.keys(v).length === 2;
}

/** A value as a short readable string: labels `中文 / English`, durations `3 workingDays`, lists joined. */
export function showValue(v: unknown): string {
  const p = v as Plain;
  if (p === undefined || p === null) return '—';
  if (typeof p === 'string') return p === '' ? '""' : p;
  if (typeof p === 'number' || typeof p === 'boolean') return String(p);
  if (Array.isArray(p)) return p.length ? p.map(showValue).join(', ') : '[]';
  if (isLocalized(p)) return p['zh-CN'] === p.en ? p.en : `${p['zh-CN']} / ${p.en}`;
  if (typeof p.amount === 'number' && typeof p.unit === 'string' && Object.keys(p).length === 2) return `${p.amount} ${p.unit}`;
  const parts = Object.keys(p)
    .sort()
    .filter((k) => p[k] !== undefined)
    .map((k) => `${k}: ${showValue(p[k])}`);
  return parts.length ? parts.join('; ') : '{}';
}

/** Deep equality of JSON values, ignoring key order and `undefined` members. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)].filter((k) => ao[k] !== undefined || bo[k] !== undefined));
  return [...keys].every((k) => sameValue(ao[k], bo[k]));
}

/** Property-by-property changes of one item present on both sides (its `id` excluded). */
function propertyChanges(section: DiffSection, subject: string, before: object, after: object, label?: Localized): PolicyChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'id');
  const out: PolicyChange[] = [];
  for (const field of keys) {
    if (sameValue(b[field], a[field])) continue;
    out.push({ section, kind: 'changed', subject, field, before: showValue(b[field]), after: showValue(a[field]), ...(label ? { label } : {}) });
  }
  return out;
}

/** Lists of items with ids (options, clocks): added, removed, and changed property by property. */
function idListChanges<T extends { id: string; label?: Localized }>(section: DiffSection, before: readonly T[], after: readonly T[]): PolicyChange[] {
  const out: PolicyChange[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const x of before) if (!now.has(x.id)) out.push({ section, kind: 'removed', subject: x.id, ...(x.label ? { label: x.label } : {}), before: x.label ? showValue(x.label) : x.id });
  for (const x of after) {
    const was = old.get(x.id);
    if (!was) out.push({ section, kind: 'added', subject: x.id, ...(x.label ? { label: x.label } : {}), after: x.label ? showValue(x.label) : x.id });
    else out.push(...propertyChanges(section, x.id, was, x, x.label));
  }
  return out;
}

/** Plain string lists (dates, intake departments, intervals): what appeared and what went. */
function setChanges(section: DiffSection, prefix: string, before: readonly string[], after: readonly string[]): PolicyChange[] {
  const out: PolicyChange[] = [];
  const b = new Set(before);
  const a = new Set(after);
  const subject = (x: string): string => (prefix ? `${prefix}:${x}` : x);
  for (const x of before) if (!a.has(x)) out.push({ section, kind: 'removed', subject: subject(x), before: x });
  for (const x of after) if (!b.has(x)) out.push({ section, kind: 'added', subject: subject(x), after: x });
  return out;
}

/** A matrix (`key → departments`): each cell that was ticked or cleared. */
function matrixChanges(name: 'byCategory' | 'byRootCause', before: Record<string, string[]>, after: Record<string, string[]>): PolicyChange[] {
  const out: PolicyChange[] = [];
  const rows = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const row of rows) out.push(...setChanges('matrix', `${name}:${row}`, before[row] ?? [], after[row] ?? []));
  return out;
}

/** Scalar settings of a section, named by key. */
function settingChanges<T extends object>(section: DiffSection, before: T, after: T, keys: readonly (keyof T & string)[]): PolicyChange[] {
  const out: PolicyChange[] = [];
  for (const k of keys) {
    if (sameValue(before[k], after[k])) continue;
    out.push({ section, kind: 'changed', subject: k, before: showValue(before[k]), after: showValue(after[k]) });
  }
  return out;
}

const interval = (w: { start: string; end: string }): string => `${w.start}-${w.end}`;
const shutdown = (s: { from: string; to: string; label?: string | undefined }): string => `${s.from}..${s.to}${s.label ? ` ${s.label}` : ''}`;

/**
 * What changed from `before` to `after`, section by section in DIFF_SECTIONS order (removed
 * before added within a list). Equal policies give an empty list.
 */
export function diffPolicies(before: Policy, after: Policy): PolicyChange[] {
  const out: PolicyChange[] = [];
  out.push(...settingChanges('general', before, after, ['id', 'name', 'preset', 'timeZone', 'atRiskShare', 'batchPattern', 'finePerLateDay']));
  out.push(...idListChanges('categories', before.categories, after.categories));
  out.push(...idListChanges('severities', before.severities, after.severities));
  out.push(...settingChanges('classification', before.classification, after.classification, ['mode', 'lossThreshold', 'repeatThreshold', 'repeatWindowMonths']));
  out.push(...setChanges('classification', 'noticeCategories', before.classification.noticeCategories, after.classification.noticeCategories));
  out.push(...idListChanges('channels', before.channels ?? [], after.channels ?? []));
  out.push(...idListChanges('departments', before.departments, after.departments));
  out.push(...idListChanges('rootCauses', before.rootCauses, after.rootCauses));
  out.push(...matrixChanges('byCategory', before.matrix.byCategory, after.matrix.byCategory));
  out.push(...matrixChanges('byRootCause', before.matrix.byRootCause, after.matrix.byRootCause));
  out.push(...setChanges('matrix', 'intake', before.matrix.intake, after.matrix.intake));
  out.push(...settingChanges('matrix', before.matrix, after.matrix, ['rootCauseFrom']));
  out.push(...settingChanges('approval', before.approval, after.approval, ['required', 'approverDepartment']));
  // The required-fields grid, status by status: each field (with its condition) ticked or cleared.
  const grid = (p: Policy): Record<string, string[]> =>
    Object.fromEntries(Object.entries(p.requiredFields ?? {}).map(([s, l]) => [s, (l ?? []).map((r) => (r.when ? `${r.field} (${showValue(r.when)})` : r.field))]));
  const [gb, ga] = [grid(before), grid(after)];
  for (const status of [...new Set([...Object.keys(gb), ...Object.keys(ga)])]) out.push(...setChanges('requiredFields', status, gb[status] ?? [], ga[status] ?? []));
  out.push(...idListChanges('quickClose', before.quickClose ?? [], after.quickClose ?? []));
  out.push(...idListChanges('clocks', before.clocks, after.clocks));
  out.push(...setChanges('workingHours', '', before.workingHours.map(interval), after.workingHours.map(interval)));
  out.push(...settingChanges('calendar', before.calendar, after.calendar, ['country']));
  out.push(...setChanges('calendar', 'extraHolidays', before.calendar.extraHolidays, after.calendar.extraHolidays));
  out.push(...setChanges('calendar', 'extraWorkingDays', before.calendar.extraWorkingDays, after.calendar.extraWorkingDays));
  out.push(...setChanges('calendar', 'shutdowns', before.calendar.shutdowns.map(shutdown), after.calendar.shutdowns.map(shutdown)));
  out.push(...settingChanges('numbering', before.numbering, after.numbering, ['pattern', 'reset']));
  return out;
}

/** The changes grouped by section, sections in DIFF_SECTIONS order, empty sections left out. */
export function groupBySection(changes: readonly PolicyChange[]): { section: DiffSection; changes: PolicyChange[] }[] {
  return DIFF_SECTIONS.map((section) => ({ section, changes: changes.filter((c) => c.section === section) })).filter((g) => g.changes.length > 0);
}
