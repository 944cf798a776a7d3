/**
 * Field kinds: how the values of one kind of field are read from a stored issue, which
 * operators Jira allows on it, and how operands compare with those values.
 */
import { JqlError } from '../types';
import type { JqlContext, StoredIssue } from '../types';
import { evaluateFunction } from './functions';
import type { FunctionValue } from './functions';
import { msg } from './messages';
import type { ScalarOperand } from './parse';
import { parseAbsoluteDate, parseRelativePeriod, startOf } from './time';
import { plainText } from './text';

/** Operators evaluated here (WAS and CHANGED need history, which the stand-in does not keep). */
export type Op = '=' | '!=' | '~' | '!~' | '<' | '>' | '<=' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export interface Env {
  ctx: JqlContext;
  /** The field as the query names it, for messages. */
  label: string;
  collator: Intl.Collator;
  weekStart: 0 | 1;
}

export type AtomTest = (atom: unknown) => boolean;
export type SortKey = number | string | Array<number | string>;

export interface FieldKind {
  /** Operators Jira accepts on the field. */
  ops: ReadonlySet<Op>;
  /** The field's values on an issue; an empty list is EMPTY. */
  atoms(issue: StoredIssue): unknown[];
  /** Test for one operand of =, !=, IN, NOT IN; 'empty' when the value means EMPTY (resolution = Unresolved). */
  equals?(operand: ScalarOperand, env: Env): AtomTest | 'empty';
  /** For < <= > >=: sign of (atom − operand), undefined when not comparable. */
  compare?(operand: ScalarOperand, env: Env): (atom: unknown) => number | undefined;
  /** Text of an atom for ~ and !~. */
  text?(atom: unknown): string | undefined;
  /** Sort key of an atom (absent: the field cannot be sorted on). */
  sortKey?(atom: unknown, env: Env): SortKey | undefined;
  /**
   * Numbers and dates: the atom and the operand of < <= > >= as numbers, so that `compare` is
   * their difference's sign — what lets the index keep a field as a column of numbers.
   */
  numeric?: { atom(atom: unknown, env: Env): number | undefined; operand(operand: ScalarOperand, env: Env): number };
}

export type Getter = (issue: StoredIssue) => unknown;

const EQ: Op[] = ['=', '!=', 'in', 'not in'];
const IS: Op[] = ['is', 'is not'];
const CMP: Op[] = ['<', '>', '<=', '>='];
const LIKE: Op[] = ['~', '!~'];
const ops = (...groups: Op[][]): ReadonlySet<Op> => new Set(groups.flat());

// ---------------------------------------------------------------- helpers

/** Field value → list of atoms (arrays flattened; null, undefined and '' are no value). */
export function toAtoms(value: unknown): unknown[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(toAtoms);
  return [value];
}

function rec(atom: unknown): Record<string, unknown> {
  return atom !== null && typeof atom === 'object' ? (atom as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

const lower = (s: string): string => s.toLowerCase();

function fieldGetter(id: string): Getter {
  return (issue) => issue.fields[id];
}

/** Evaluates a function operand and requires the given result type. */
function functionOf(operand: { name: string; args: string[] }, type: FunctionValue['type'], env: Env): FunctionValue {
  const value = evaluateFunction(operand.name, operand.args, env.ctx);
  if (value.type !== type) throw new JqlError([msg.functionWrongField(operand.name, env.label)]);
  return value;
}

/** Operand that must be a plain value (functions are evaluated for their errors, then refused). */
function plainValue(operand: ScalarOperand, env: Env): string {
  if (operand.t === 'value') return operand.value;
  evaluateFunction(operand.name, operand.args, env.ctx);
  throw new JqlError([msg.functionWrongField(operand.name, env.label)]);
}

/** A date operand: function (now(), startOfDay()…), absolute date in the context zone, or relative period. */
export function dateOperand(operand: ScalarOperand, env: Env): number {
  if (operand.t === 'fn') {
    const v = functionOf(operand, 'instant', env);
    return v.type === 'instant' ? v.ms : 0;
  }
  const abs = parseAbsoluteDate(operand.value, env.ctx.timeZone);
  if (abs !== undefined) return abs;
  const rel = parseRelativePeriod(operand.value);
  if (rel !== undefined) return env.ctx.now + rel;
  throw new JqlError([msg.invalidDate(operand.value, env.label)]);
}

function numberOperand(operand: ScalarOperand, env: Env): number {
  const text = plainValue(operand, env).trim();
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) throw new JqlError([msg.invalidNumber(text, env.label)]);
  return n;
}

function numberAtom(atom: unknown): number | undefined {
  if (typeof atom === 'number') return Number.isFinite(atom) ? atom : undefined;
  if (typeof atom === 'string' && atom.trim() !== '') {
    const n = Number(atom);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const sign = (d: number): number => (d < 0 ? -1 : d > 0 ? 1 : 0);

// ---------------------------------------------------------------- named objects (project, issuetype, priority, resolution, component, version)

/** Jira's default priorities (id = rank, 1 is the highest). */
const DEFAULT_PRIORITIES: Record<string, number> = { highest: 1, high: 2, medium: 3, low: 4, lowest: 5, 最高: 1, 高: 2, 中: 3, 低: 4, 最低: 5 };

function priorityLevel(atom: unknown): number | undefined {
  const r = rec(atom);
  const id = numberAtom(r['id']);
  if (id !== undefined) return -id;
  const name = str(r['name']) ?? str(atom);
  const byName = name === undefined ? undefined : DEFAULT_PRIORITIES[lower(name)];
  return byName === undefined ? undefined : -byName;
}

function nameOf(atom: unknown): string | undefined {
  return str(rec(atom)['name']) ?? str(rec(atom)['value']) ?? str(atom);
}

export interface NamedOptions {
  /** Match project keys too. */
  keys?: boolean;
  /** Priority: < > <= >= by rank. */
  priority?: boolean;
  /** Resolution: the value "Unresolved" means EMPTY. */
  resolution?: boolean;
  /** Sort key (defaults to the name). */
  sortKey?: (atom: unknown, env: Env) => SortKey | undefined;
}

/** A field whose values are {id, name[, key]} objects: compared by id, name or key (names case-insensitive). */
export function namedKind(get: Getter, opts: NamedOptions = {}): FieldKind {
  const equals = (operand: ScalarOperand, env: Env): AtomTest | 'empty' => {
    const value = plainValue(operand, env);
    const l = lower(value);
    if (opts.resolution && l === 'unresolved') return 'empty';
    return (atom) => {
      if (typeof atom === 'string') return lower(atom) === l;
      const r = rec(atom);
      return (
        str(r['id']) === value ||
        lower(str(r['name']) ?? '\u0000') === l ||
        (opts.keys === true && lower(str(r['key']) ?? '\u0000') === l)
      );
    };
  };
  const kind: FieldKind = {
    ops: opts.priority ? ops(EQ, IS, CMP) : ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals,
    sortKey:
      opts.sortKey ??
      ((atom) => {
        const name = nameOf(atom);
        return name === undefined ? undefined : name;
      }),
  };
  if (opts.priority) {
    kind.compare = (operand, env) => {
      const value = plainValue(operand, env);
      const n = numberAtom(value);
      const level = n !== undefined ? -n : priorityLevel({ name: value });
      if (level === undefined) throw new JqlError([msg.valueMissing(value, env.label)]);
      return (atom) => {
        const a = priorityLevel(atom);
        return a === undefined ? undefined : sign(a - level);
      };
    };
    kind.sortKey = (atom) => priorityLevel(atom);
  }
  return kind;
}

// ---------------------------------------------------------------- status and status category

const CATEGORIES: Array<{ key: string; id: string; order: number; names: string[] }> = [
  { key: 'undefined', id: '1', order: 0, names: ['no category'] },
  { key: 'new', id: '2', order: 1, names: ['to do', '待办', '要做'] },
  { key: 'indeterminate', id: '4', order: 2, names: ['in progress', '进行中', '处理中'] },
  { key: 'done', id: '3', order: 3, names: ['done', '完成', '已完成'] },
];

function categoryOf(atom: unknown): (typeof CATEGORIES)[number] | undefined {
  const r = rec(atom);
  const key = str(r['key']);
  const id = str(r['id']);
  const name = str(r['name']);
  return CATEGORIES.find(
    (c) => c.key === key || (key === undefined && id !== undefined && c.id === id) || (key === undefined && id === undefined && name !== undefined && c.names.includes(lower(name))),
  );
}

export function statusKind(get: Getter): FieldKind {
  return namedKind(get, {
    sortKey: (atom) => {
      const cat = categoryOf(rec(atom)['statusCategory']);
      return [cat?.order ?? 0, nameOf(atom) ?? ''];
    },
  });
}

export function statusCategoryKind(get: Getter): FieldKind {
  return {
    ops: ops(EQ, IS),
    atoms: (issue) => toAtoms(rec(get(issue))['statusCategory']),
    equals: (operand, env) => {
      const value = plainValue(operand, env);
      const l = lower(value);
      const cat = CATEGORIES.find((c) => c.key === l || c.id === l || c.names.includes(l));
      if (!cat) throw new JqlError([msg.valueMissing(value, env.label)]);
      return (atom) => categoryOf(atom)?.key === cat.key || lower(str(rec(atom)['name']) ?? '\u0000') === l;
    },
    sortKey: (atom) => categoryOf(atom)?.order,
  };
}

// ---------------------------------------------------------------- users

function accountIdOf(atom: unknown): string | undefined {
  return str(atom) ?? str(rec(atom)['accountId']);
}

/** Users compared by accountId; operands may be an accountId, an e-mail address, a display name or currentUser(). */
export function userKind(get: Getter): FieldKind {
  return {
    ops: ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      if (operand.t === 'fn') {
        const v = functionOf(operand, 'user', env);
        const id = v.type === 'user' ? v.accountId : null;
        return (atom) => id !== null && accountIdOf(atom) === id;
      }
      const value = operand.value;
      const l = lower(value);
      const ids = new Set(
        env.ctx.users
          .filter((u) => u.accountId === value || lower(u.emailAddress) === l || lower(u.displayName) === l)
          .map((u) => u.accountId),
      );
      if (ids.size === 0) throw new JqlError([msg.valueMissing(value, env.label)]);
      return (atom) => {
        const id = accountIdOf(atom);
        return id !== undefined && ids.has(id);
      };
    },
    sortKey: (atom, env) => {
      const id = accountIdOf(atom);
      const user = env.ctx.users.find((u) => u.accountId === id);
      return user?.displayName ?? str(rec(atom)['displayName']) ?? id;
    },
  };
}

// ---------------------------------------------------------------- text

/** Free text (summary, description, environment, Jira text custom fields): ~ !~ IS only. */
export function textKind(get: Getter, opts: { sortable: boolean; allowed?: Op[] }): FieldKind {
  const kind: FieldKind = {
    ops: ops(opts.allowed ?? [...LIKE, ...IS]),
    atoms: (issue) =>
      toAtoms(get(issue))
        .map(plainText)
        .filter((t): t is string => t !== undefined && t.trim() !== ''),
    text: (atom) => plainText(atom),
  };
  if (opts.sortable) kind.sortKey = (atom) => plainText(atom);
  return kind;
}

/** A string value compared exactly by = (Forge string custom fields, string entity properties) and by contains for ~. */
export function exactStringKind(get: Getter, like: boolean): FieldKind {
  return {
    ops: like ? ops(EQ, IS, LIKE) : ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      const value = plainValue(operand, env);
      return (atom) => (str(atom) ?? str(rec(atom)['value'])) === value;
    },
    text: (atom) => plainText(atom) ?? str(rec(atom)['value']),
    sortKey: (atom) => str(atom) ?? str(rec(atom)['value']),
  };
}

/** Labels: a list of strings, matched case-insensitively (Jira ≥ 7.10 and Cloud). */
export function labelsKind(get: Getter): FieldKind {
  return {
    ops: ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      const l = lower(plainValue(operand, env));
      return (atom) => lower(str(atom) ?? '\u0000') === l;
    },
    sortKey: (atom) => str(atom),
  };
}

// ---------------------------------------------------------------- options

/** Select lists: {value, id} options (cascading: the parent option), matched by value (case-insensitive) or id. */
export function optionKind(get: Getter): FieldKind {
  return {
    ops: ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      const value = plainValue(operand, env);
      const l = lower(value);
      return (atom) => {
        if (typeof atom === 'string') return lower(atom) === l;
        const r = rec(atom);
        return str(r['id']) === value || lower(str(r['value']) ?? str(r['name']) ?? '\u0000') === l;
      };
    },
    sortKey: (atom) => str(atom) ?? str(rec(atom)['value']) ?? str(rec(atom)['name']),
  };
}

// ---------------------------------------------------------------- numbers and dates

export function numberKind(get: Getter): FieldKind {
  return {
    ops: ops(EQ, IS, CMP),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      const n = numberOperand(operand, env);
      return (atom) => numberAtom(atom) === n;
    },
    compare: (operand, env) => {
      const n = numberOperand(operand, env);
      return (atom) => {
        const a = numberAtom(atom);
        return a === undefined ? undefined : sign(a - n);
      };
    },
    sortKey: (atom) => numberAtom(atom),
    numeric: { atom: (atom) => numberAtom(atom), operand: (operand, env) => numberOperand(operand, env) },
  };
}

/**
 * Date-time and date fields. Values are REST strings ('2026-10-10T18:00:00.000+0800', '2026-10-10').
 * Date-only fields (duedate) compare by calendar day in the context zone: the operand is cut to the start of its day,
 * so `duedate < now()` means "due before today", as in Jira.
 */
export function dateKind(get: Getter, dateOnly: boolean): FieldKind {
  const atomMs = (atom: unknown, env: Env): number | undefined => {
    const s = str(atom);
    if (s === undefined) return undefined;
    const ms = parseAbsoluteDate(s, env.ctx.timeZone);
    if (ms === undefined) return undefined;
    return dateOnly ? startOf('day', ms, env.ctx.timeZone, env.weekStart) : ms;
  };
  const operandMs = (operand: ScalarOperand, env: Env): number => {
    const ms = dateOperand(operand, env);
    return dateOnly ? startOf('day', ms, env.ctx.timeZone, env.weekStart) : ms;
  };
  return {
    ops: ops(EQ, IS, CMP),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      const ms = operandMs(operand, env);
      return (atom) => atomMs(atom, env) === ms;
    },
    compare: (operand, env) => {
      const ms = operandMs(operand, env);
      return (atom) => {
        const a = atomMs(atom, env);
        return a === undefined ? undefined : sign(a - ms);
      };
    },
    sortKey: (atom, env) => atomMs(atom, env),
    numeric: { atom: atomMs, operand: operandMs },
  };
}

// ---------------------------------------------------------------- issue keys

const KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

function keyParts(key: string): { project: string; num: number } | undefined {
  const m = KEY.exec(key.trim());
  return m ? { project: (m[1] ?? '').toUpperCase(), num: Number(m[2]) } : undefined;
}

/** issuekey / key / id / issue: by key (case-insensitive) or numeric id; < > within one project by key number. */
export function issueKeyKind(): FieldKind {
  const operandOf = (operand: ScalarOperand, env: Env): { id?: string; key?: { project: string; num: number } } => {
    const value = plainValue(operand, env).trim();
    if (/^\d+$/.test(value)) return { id: value };
    const key = keyParts(value);
    if (!key) throw new JqlError([msg.invalidIssueKey(value, env.label)]);
    return { key };
  };
  return {
    ops: ops(EQ, CMP),
    atoms: (issue) => [{ id: issue.id, key: issue.key }],
    equals: (operand, env) => {
      const o = operandOf(operand, env);
      return (atom) => {
        const r = rec(atom);
        if (o.id !== undefined) return str(r['id']) === o.id;
        const k = keyParts(str(r['key']) ?? '');
        return k !== undefined && o.key !== undefined && k.project === o.key.project && k.num === o.key.num;
      };
    },
    compare: (operand, env) => {
      const o = operandOf(operand, env);
      return (atom) => {
        const r = rec(atom);
        if (o.id !== undefined) {
          const id = numberAtom(r['id']);
          return id === undefined ? undefined : sign(id - Number(o.id));
        }
        const k = keyParts(str(r['key']) ?? '');
        if (!k || !o.key || k.project !== o.key.project) return undefined;
        return sign(k.num - o.key.num);
      };
    },
    sortKey: (atom) => {
      const k = keyParts(str(rec(atom)['key']) ?? '');
      return k ? [k.project, k.num] : str(rec(atom)['key']);
    },
  };
}

/** parent: the parent issue ({id, key}) by key or id. */
export function parentKind(get: Getter): FieldKind {
  const base = issueKeyKind();
  return {
    ops: ops(EQ, IS),
    atoms: (issue) => toAtoms(get(issue)),
    equals: base.equals,
    sortKey: base.sortKey,
  };
}

// ---------------------------------------------------------------- untyped values ('any' custom fields, issue.property without a declared alias)

/** Values of unknown shape: strings exactly, numbers numerically, dates as instants, objects by value/name/key/id/accountId. */
export function genericKind(get: Getter): FieldKind {
  const scalarOf = (atom: unknown): unknown => {
    if (atom !== null && typeof atom === 'object' && !Array.isArray(atom)) {
      const r = rec(atom);
      return r['value'] ?? r['name'] ?? r['key'] ?? r['accountId'] ?? r['id'];
    }
    return atom;
  };
  return {
    ops: ops(EQ, IS, CMP, LIKE),
    atoms: (issue) => toAtoms(get(issue)),
    equals: (operand, env) => {
      if (operand.t === 'fn') {
        const v = evaluateFunction(operand.name, operand.args, env.ctx);
        if (v.type === 'user') return (atom) => v.accountId !== null && accountIdOf(atom) === v.accountId;
        return (atom) => {
          const s = str(scalarOf(atom));
          return s !== undefined && parseAbsoluteDate(s, env.ctx.timeZone) === v.ms;
        };
      }
      const value = operand.value;
      const n = numberAtom(value);
      return (atom) => {
        const a = scalarOf(atom);
        if (typeof a === 'number') return n !== undefined && a === n;
        if (typeof a === 'boolean') return String(a) === lower(value);
        if (typeof a === 'string') return a === value || str(rec(atom)['id']) === value;
        return false;
      };
    },
    compare: (operand, env) => {
      const n = operand.t === 'value' ? numberAtom(operand.value) : undefined;
      let ms: number | undefined;
      if (n === undefined) ms = dateOperand(operand, env);
      return (atom) => {
        const a = scalarOf(atom);
        if (n !== undefined) {
          const an = numberAtom(a);
          return an === undefined ? undefined : sign(an - n);
        }
        const s = str(a);
        const am = s === undefined ? undefined : parseAbsoluteDate(s, env.ctx.timeZone);
        return am === undefined || ms === undefined ? undefined : sign(am - ms);
      };
    },
    text: (atom) => plainText(scalarOf(atom)) ?? plainText(atom),
    sortKey: (atom) => {
      const a = scalarOf(atom);
      return typeof a === 'number' ? a : str(a);
    },
  };
}

export { fieldGetter };
