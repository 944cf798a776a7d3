/**
 * Edits of a policy's option lists that keep its references whole: renaming a category renames
 * its row of the responsibility matrix and every clock condition naming it; removing a
 * department takes it out of every matrix cell, the intake list and the approver. Pure
 * functions (a new policy out, the input untouched), used by the policy editor.
 *
 * A policy field that names options of a list is declared once in OPTION_REFERENCES: add an
 * entry there when the schema gains such a field, and every rename and removal follows it.
 */
import type { Policy, PolicyOption } from './policy';

export type OptionList = 'channels' | 'categories' | 'severities' | 'departments' | 'rootCauses';
export const OPTION_LISTS: readonly OptionList[] = ['channels', 'categories', 'severities', 'departments', 'rootCauses'];

/** What happens to one id: its new id, or null when the option is gone. */
type IdMap = (id: string) => string | null;

/** One place in a policy that names options of a list; `apply` rewrites it in place. */
export interface OptionReference {
  /** For documentation and tests: where the ids are (`matrix.byCategory` keys…). */
  where: string;
  apply(policy: Policy, map: IdMap): void;
}

/** The keys of a record (`matrix.byCategory`: category id → departments). */
function recordKeys(where: string, get: (p: Policy) => Record<string, string[]> | undefined): OptionReference {
  return {
    where,
    apply(p, map) {
      const rec = get(p);
      if (!rec) return;
      for (const key of Object.keys(rec)) {
        const next = map(key);
        if (next === key) continue;
        const value = rec[key]!;
        delete rec[key];
        if (next !== null && !Object.hasOwn(rec, next)) rec[next] = value;
      }
    },
  };
}

/** Every array of ids that `get` yields (record values, lists, conditions). */
function idArrays(where: string, get: (p: Policy) => (string[] | undefined)[], set: (p: Policy, index: number, ids: string[]) => void): OptionReference {
  return {
    where,
    apply(p, map) {
      get(p).forEach((ids, i) => {
        if (!ids) return;
        const next = ids.map(map).filter((x): x is string => x !== null);
        set(p, i, [...new Set(next)]);
      });
    },
  };
}

/** A single optional id. */
function singleId(where: string, get: (p: Policy) => (string | null | undefined)[], set: (p: Policy, index: number, id: string | null) => void): OptionReference {
  return {
    where,
    apply(p, map) {
      get(p).forEach((id, i) => {
        if (id === null || id === undefined) return;
        const next = map(id);
        if (next !== id) set(p, i, next);
      });
    },
  };
}

type Condition = NonNullable<Policy['clocks'][number]['appliesWhen']>;
/** A clock condition's list of ids (categories, notCategories, severities, classes). */
function conditionIds(key: keyof Condition): OptionReference {
  return idArrays(
    `clocks[].appliesWhen.${key}`,
    (p) => p.clocks.map((c) => c.appliesWhen?.[key]),
    (p, i, ids) => {
      const w = p.clocks[i]!.appliesWhen;
      if (w) w[key] = ids;
    },
  );
}

type RequirementCondition = NonNullable<NonNullable<Policy['requiredFields'][keyof Policy['requiredFields']]>[number]['when']>;
/** The required-fields grid's conditions (categories, notCategories, severities, classes). */
function requirementIds(key: 'categories' | 'notCategories' | 'severities' | 'classes'): OptionReference {
  const entries = (p: Policy): { when?: RequirementCondition }[] => Object.values(p.requiredFields ?? {}).flatMap((l) => l ?? []);
  return idArrays(
    `requiredFields[][].when.${key}`,
    (p) => entries(p).map((r) => r.when?.[key]),
    (p, i, ids) => {
      const w = entries(p)[i]!.when;
      if (w) w[key] = ids;
    },
  );
}

/** The quick-close rules' conditions (categories; levels name severities or classes). */
function quickCloseIds(key: 'categories' | 'levels'): OptionReference {
  return idArrays(
    `quickClose[].when.${key}`,
    (p) => (p.quickClose ?? []).map((q) => q.when[key]),
    (p, i, ids) => void (p.quickClose[i]!.when[key] = ids),
  );
}

/** Every field of a policy that names options, by the list whose ids it holds. */
export const OPTION_REFERENCES: Record<OptionList, OptionReference[]> = {
  categories: [
    recordKeys('matrix.byCategory', (p) => p.matrix.byCategory),
    idArrays(
      'classification.noticeCategories',
      (p) => [p.classification.noticeCategories],
      (p, _i, ids) => void (p.classification.noticeCategories = ids),
    ),
    conditionIds('categories'),
    conditionIds('notCategories'),
    requirementIds('categories'),
    requirementIds('notCategories'),
    quickCloseIds('categories'),
  ],
  severities: [
    singleId(
      'categories[].severity',
      (p) => p.categories.map((c) => c.severity),
      (p, i, id) => {
        const c = p.categories[i]!;
        if (id === null) delete c.severity;
        else c.severity = id;
      },
    ),
    conditionIds('severities'),
    conditionIds('classes'),
    requirementIds('severities'),
    requirementIds('classes'),
    quickCloseIds('levels'),
  ],
  departments: [
    idArrays(
      'matrix.byCategory values',
      (p) => Object.values(p.matrix.byCategory),
      (p, i, ids) => void (p.matrix.byCategory[Object.keys(p.matrix.byCategory)[i]!] = ids),
    ),
    idArrays(
      'matrix.byRootCause values',
      (p) => Object.values(p.matrix.byRootCause),
      (p, i, ids) => void (p.matrix.byRootCause[Object.keys(p.matrix.byRootCause)[i]!] = ids),
    ),
    idArrays(
      'matrix.intake',
      (p) => [p.matrix.intake],
      (p, _i, ids) => void (p.matrix.intake = ids),
    ),
    singleId(
      'approval.approverDepartment',
      (p) => [p.approval.approverDepartment],
      (p, _i, id) => void (p.approval.approverDepartment = id),
    ),
  ],
  rootCauses: [recordKeys('matrix.byRootCause', (p) => p.matrix.byRootCause)],
  channels: [],
};

/** A deep copy (a policy is JSON data; structuredClone is missing from some test DOMs). */
function copy(p: Policy): Policy {
  return JSON.parse(JSON.stringify(p)) as Policy;
}

function listOf(p: Policy, list: OptionList): PolicyOption[] {
  return p[list] as PolicyOption[];
}

function remap(p: Policy, list: OptionList, map: IdMap): void {
  for (const ref of OPTION_REFERENCES[list]) ref.apply(p, map);
}

/**
 * Changes the id of the option at `index` to `to`, and every reference to it. References
 * follow only when the rename is unambiguous: no other option has the old id, none already
 * has the new one (typing over an existing id must not merge two options' references).
 */
export function renameOption(policy: Policy, list: OptionList, index: number, to: string): Policy {
  const items = listOf(policy, list);
  const option = items[index];
  if (!option || option.id === to) return policy;
  const from = option.id;
  const next = copy(policy);
  listOf(next, list)[index]!.id = to;
  const others = items.filter((_, i) => i !== index);
  if (!others.some((o) => o.id === from) && !others.some((o) => o.id === to)) remap(next, list, (id) => (id === from ? to : id));
  return next;
}

/** Removes the option at `index`, and every reference to it (unless another option keeps the id). */
export function removeOption(policy: Policy, list: OptionList, index: number): Policy {
  const items = listOf(policy, list);
  const option = items[index];
  if (!option) return policy;
  const next = copy(policy);
  listOf(next, list).splice(index, 1);
  if (!items.some((o, i) => i !== index && o.id === option.id)) remap(next, list, (id) => (id === option.id ? null : id));
  return next;
}

/** An id of the form `new-<n>` that no option of the list has. */
export function freshOptionId(items: readonly { id: string }[]): string {
  const taken = new Set(items.map((o) => o.id));
  let n = items.length + 1;
  while (taken.has(`new-${n}`)) n++;
  return `new-${n}`;
}

/** Appends a new option with a fresh id and placeholder labels. */
export function addOption(policy: Policy, list: OptionList): Policy {
  const next = copy(policy);
  const items = listOf(next, list);
  const id = freshOptionId(items);
  const n = id.slice('new-'.length);
  items.push({ id, label: { 'zh-CN': `新项 ${n}`, en: `New ${n}` } });
  return next;
}

/** Replaces one option's fields other than its id (labels, description, category extras). */
export function updateOption<O extends PolicyOption>(policy: Policy, list: OptionList, index: number, patch: (option: O) => O): Policy {
  const items = listOf(policy, list);
  if (!items[index]) return policy;
  const next = copy(policy);
  const target = listOf(next, list);
  const id = target[index]!.id;
  target[index] = { ...patch(target[index] as O), id };
  return next;
}
