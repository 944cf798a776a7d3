/**
 * JQL engine of the Jira Cloud stand-in: parses with Atlassian's grammar (@atlaskit/jql-ast) and
 * evaluates the supported subset against stored issues with Jira's semantics.
 *
 * Semantics kept from Jira:
 *  - `!=`, NOT IN, `!~` and the comparisons never match an issue whose field is empty; IS EMPTY does
 *    (and `= EMPTY`, `IN (…, EMPTY)`).
 *  - NOT is pushed down to the terminal clauses (De Morgan), so `NOT assignee = x` is `assignee != x`
 *    and does not match unassigned issues.
 *  - Multi-value fields (labels, multi-selects) match `=`/IN when any value matches; `!=`/NOT IN when
 *    the field has values and none matches.
 *  - ORDER BY: empty values sort last ascending (first descending); ties fall back to id descending.
 *    Without ORDER BY: created descending, then id descending.
 */
import { JqlError } from '../types';
import type { CompiledJql, JqlContext, StoredIssue } from '../types';
import { resolveField } from './fields';
import type { ResolvedField } from './fields';
import { weekStartOf } from './functions';
import type { Env, FieldKind, Op, SortKey } from './kinds';
import { msg } from './messages';
import { parseJql } from './parse';
import type { ClauseNode, OperandNode, OperatorText, OrderItem, ScalarOperand } from './parse';
import { likeMatcher } from './text';
import { assertTimeZone, parseAbsoluteDate } from './time';

export { JqlError };
export type { CompiledJql, JqlContext };

/** `i`: the issue's position in `ctx.universe`, when the caller scans it (lets a clause read cached values). */
type Predicate = (issue: StoredIssue, i?: number) => boolean;
type IndexedPredicate = (issue: StoredIssue, i: number) => boolean;

/**
 * The stand-in's index: per store revision (one `universe` array) and per clause — the clause's
 * text with everything its answer depends on (user, time zone, and the clock for clauses with a
 * function or a relative date) — one byte per issue: 0 not known yet, 1 no, 2 yes. A report's
 * hundred counts over 100,000 issues share their clauses (`issuetype = 客诉`, a month's bounds),
 * so each clause is evaluated once per issue, not once per query. A change to any issue makes
 * a new universe and drops the old index with it.
 */
const INDEX = new WeakMap<readonly StoredIssue[], Map<string, Uint8Array>>();
const INDEX_MAX_CLAUSES = 2000;

function clauseIndex(universe: readonly StoredIssue[], signature: string): Uint8Array {
  let byClause = INDEX.get(universe);
  if (!byClause) INDEX.set(universe, (byClause = new Map()));
  let bytes = byClause.get(signature);
  if (!bytes) {
    if (byClause.size >= INDEX_MAX_CLAUSES) byClause.clear();
    byClause.set(signature, (bytes = new Uint8Array(universe.length)));
  }
  return bytes;
}

/** What a clause's answer depends on beyond the issue. */
function clauseSignature(node: Extract<ClauseNode, { t: 'term' }>, negate: boolean, ctx: JqlContext): string {
  const operand = JSON.stringify(node.operand ?? null);
  const clock = /"t":"fn"|[-+]?\d+\s*[wdhm]\b/.test(operand) ? `@${ctx.now}` : '';
  return `${negate ? '!' : ''}${JSON.stringify(node.field)}|${node.op}|${operand}|${ctx.currentUser?.accountId ?? ''}|${ctx.timeZone}|${ctx.currentUser?.locale ?? ''}${clock}`;
}

const NEGATION: Record<Op, Op> = {
  '=': '!=',
  '!=': '=',
  in: 'not in',
  'not in': 'in',
  '~': '!~',
  '!~': '~',
  is: 'is not',
  'is not': 'is',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};

const HISTORY_OPERATORS: ReadonlySet<OperatorText> = new Set(['was', 'was not', 'was in', 'was not in', 'changed']);

interface Compiler {
  ctx: JqlContext;
  collator: Intl.Collator;
  weekStart: 0 | 1;
}

/** Compile JQL against a site context. Throws JqlError (Jira's 400 errorMessages) for syntax errors and unsupported constructs. */
export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  try {
    assertTimeZone(ctx.timeZone);
  } catch {
    throw new Error(`compileJql: unknown time zone '${ctx.timeZone}'`);
  }
  const parsed = parseJql(jql);
  const c: Compiler = { ctx, collator: collatorFor(ctx), weekStart: weekStartOf(ctx) };
  const matches: Predicate = parsed.where ? compileClause(parsed.where, false, c) : () => true;
  const universe = ctx.universe;
  const matchesAt: IndexedPredicate = parsed.where && universe ? indexed(parsed.where, false, c, universe) : (issue) => matches(issue);
  const sorter = parsed.orderBy ? compileOrderBy(parsed.orderBy, c) : defaultCompare(ctx, c.collator);
  return { matches, matchesAt, compare: sorter.compare, sort: sorter.sort, ordered: parsed.orderBy !== undefined };
}

function collatorFor(ctx: JqlContext): Intl.Collator {
  const locale = (ctx.currentUser?.locale ?? 'en_US').replace('_', '-');
  try {
    return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  } catch {
    return new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  }
}

// ---------------------------------------------------------------- WHERE

/**
 * Numbers and dates as columns: per universe and field (and time zone), the one value of each
 * issue as a number (NaN when empty; issues with several values are answered the usual way).
 * A range clause (`cf[date] >= "2026-11-01"`, `complaintLateDays > 0`) is then one comparison
 * per issue, whatever its bounds — a month's report asks for many different bounds.
 */
const COLUMNS = new WeakMap<readonly StoredIssue[], Map<string, { values: Float64Array; several: Uint8Array }>>();

function rangeOverColumn(node: Extract<ClauseNode, { t: 'term' }>, negate: boolean, c: Compiler, universe: readonly StoredIssue[]): IndexedPredicate | null {
  const written = node.op as Op;
  if (!['<', '<=', '>', '>='].includes(written) || node.hasPredicates || !node.operand || (node.operand.t !== 'value' && node.operand.t !== 'fn')) return null;
  const fields = resolveField(node.field, c.ctx);
  const field = fields[0];
  const numeric = field?.kind.numeric;
  if (fields.length !== 1 || !field || !numeric || !field.kind.ops.has(written)) return null;
  const env: Env = { ctx: c.ctx, label: field.label, collator: c.collator, weekStart: c.weekStart };
  const x = numeric.operand(node.operand, env);
  const op = negate ? NEGATION[written] : written;
  let byField = COLUMNS.get(universe);
  if (!byField) COLUMNS.set(universe, (byField = new Map()));
  const key = `${JSON.stringify(node.field)}|${c.ctx.timeZone}|${c.weekStart}`;
  let column = byField.get(key);
  if (!column) {
    const values = new Float64Array(universe.length);
    const several = new Uint8Array(universe.length);
    for (let i = 0; i < universe.length; i++) {
      const atoms = field.kind.atoms(universe[i]!);
      if (atoms.length > 1) several[i] = 1;
      values[i] = atoms.length === 1 ? (numeric.atom(atoms[0], env) ?? NaN) : NaN;
    }
    byField.set(key, (column = { values, several }));
  }
  const { values, several } = column;
  const test = op === '<' ? (v: number) => v < x : op === '<=' ? (v: number) => v <= x : op === '>' ? (v: number) => v > x : (v: number) => v >= x;
  const evaluate = compileTerm(node, negate, c);
  return (issue, i) => {
    if (universe[i] !== issue || several[i] === 1) return evaluate(issue);
    const v = values[i]!;
    return v === v && test(v); // NaN (empty) never matches a comparison, as in Jira
  };
}

/** The WHERE tree over the index: each clause answered from its bytes, or evaluated and kept. */
function indexed(node: ClauseNode, negate: boolean, c: Compiler, universe: readonly StoredIssue[]): IndexedPredicate {
  switch (node.t) {
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => indexed(item, negate, c, universe));
      const all = (node.t === 'and') !== negate;
      return all
        ? (issue, i) => {
            for (const p of parts) if (!p(issue, i)) return false;
            return true;
          }
        : (issue, i) => {
            for (const p of parts) if (p(issue, i)) return true;
            return false;
          };
    }
    case 'not':
      return indexed(node.item, !negate, c, universe);
    case 'term': {
      const evaluate = compileTerm(node, negate, c);
      const ranged = rangeOverColumn(node, negate, c, universe);
      if (ranged) return ranged;
      const bytes = clauseIndex(universe, clauseSignature(node, negate, c.ctx));
      return (issue, i) => {
        let v = bytes[i];
        if (v === 0 || universe[i] !== issue) {
          const yes = evaluate(issue, i);
          if (universe[i] !== issue) return yes;
          v = yes ? 2 : 1;
          bytes[i] = v;
        }
        return v === 2;
      };
    }
  }
}

function compileClause(node: ClauseNode, negate: boolean, c: Compiler): Predicate {
  switch (node.t) {
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => compileClause(item, negate, c));
      const all = (node.t === 'and') !== negate;
      return all ? (issue) => parts.every((p) => p(issue)) : (issue) => parts.some((p) => p(issue));
    }
    case 'not':
      return compileClause(node.item, !negate, c);
    case 'term':
      return compileTerm(node, negate, c);
  }
}

function compileTerm(node: Extract<ClauseNode, { t: 'term' }>, negate: boolean, c: Compiler): Predicate {
  if (HISTORY_OPERATORS.has(node.op) || node.hasPredicates) throw new JqlError([msg.operatorNotSupportedHere(node.op)]);
  const op = node.op as Op;
  const fields = resolveField(node.field, c.ctx);
  const preds = fields.map((field, n) => compileFieldTerm(field, op, node.operand, negate, c, n));
  const only = preds[0];
  if (preds.length === 1 && only) return only;
  return (issue, i) => preds.some((p) => p(issue, i));
}

function scalars(operand: OperandNode): { values: ScalarOperand[]; empty: boolean } {
  const values: ScalarOperand[] = [];
  let empty = false;
  const walk = (o: OperandNode): void => {
    if (o.t === 'empty') empty = true;
    else if (o.t === 'list') o.items.forEach(walk);
    else values.push(o);
  };
  walk(operand);
  return { values, empty };
}

/**
 * A field's values per issue, read once per universe: the values of the i-th issue are kept in
 * a column (per field as the query names it), so the dozen clauses of a report on one field
 * (`cf[…] = "quality"`, `= "delivery"`, …) read each issue's field once, not a dozen times.
 */
const ATOMS = new WeakMap<readonly StoredIssue[], Map<string, (unknown[] | undefined)[]>>();

function atomsReader(field: ResolvedField, nth: number, c: Compiler): (issue: StoredIssue, i?: number) => unknown[] {
  const universe = c.ctx.universe;
  const read = (issue: StoredIssue): unknown[] => field.kind.atoms(issue);
  if (!universe) return read;
  let byField = ATOMS.get(universe);
  if (!byField) ATOMS.set(universe, (byField = new Map()));
  const key = `${field.label}#${nth}`;
  let column = byField.get(key);
  if (!column) byField.set(key, (column = new Array<unknown[] | undefined>(universe.length)));
  const col = column;
  return (issue, i) => {
    if (i === undefined || universe[i] !== issue) return read(issue);
    let a = col[i];
    if (a === undefined) col[i] = a = read(issue);
    return a;
  };
}

function compileFieldTerm(
  field: ResolvedField,
  written: Op,
  operand: OperandNode | undefined,
  negate: boolean,
  c: Compiler,
  nth = 0,
): Predicate {
  const { kind, label } = field;
  const env: Env = { ctx: c.ctx, label, collator: c.collator, weekStart: c.weekStart };
  if (!kind.ops.has(written)) throw new JqlError([msg.operatorNotSupportedByField(written.toUpperCase(), label)]);
  if (!operand) throw new JqlError([`Error in the JQL Query: Expecting a value after '${written}' for field '${label}'.`]);

  // Shape of the operand for the operator as written.
  if (operand.t === 'list' && written !== 'in' && written !== 'not in') {
    throw new JqlError([msg.listNotSupported(written.toUpperCase(), label)]);
  }
  if (operand.t === 'empty' && (['<', '>', '<=', '>=', '~', '!~'] as Op[]).includes(written)) {
    throw new JqlError([msg.emptyNotSupported(written, label)]);
  }
  if (operand.t === 'fn' && (written === '~' || written === '!~')) {
    throw new JqlError([msg.functionNotAllowed(operand.name, written, label)]);
  }

  let op: Op = negate ? NEGATION[written] : written;
  // `= EMPTY` is IS EMPTY, `!= EMPTY` is IS NOT EMPTY.
  if (operand.t === 'empty' && (op === '=' || op === 'in')) op = 'is';
  if (operand.t === 'empty' && (op === '!=' || op === 'not in')) op = 'is not';

  const atoms = atomsReader(field, nth, c);

  switch (op) {
    case 'is':
      return (issue, i) => atoms(issue, i).length === 0;
    case 'is not':
      return (issue, i) => atoms(issue, i).length > 0;
    case '=':
    case 'in':
    case '!=':
    case 'not in': {
      const { test, matchesEmpty } = equalityTest(kind, operand, env);
      if (op === '=' || op === 'in') {
        return (issue, i) => {
          const as = atoms(issue, i);
          return as.length === 0 ? matchesEmpty : as.some(test);
        };
      }
      return (issue, i) => {
        const as = atoms(issue, i);
        return as.length > 0 && !as.some(test);
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!kind.compare || operand.t !== 'value' && operand.t !== 'fn') {
        throw new JqlError([msg.operatorNotSupportedByField(written, label)]);
      }
      const cmp = kind.compare(operand, env);
      const ok =
        op === '<' ? (s: number) => s < 0 : op === '<=' ? (s: number) => s <= 0 : op === '>' ? (s: number) => s > 0 : (s: number) => s >= 0;
      return (issue, i) =>
        atoms(issue, i).some((a) => {
          const s = cmp(a);
          return s !== undefined && ok(s);
        });
    }
    case '~':
    case '!~': {
      const text = kind.text;
      if (!text || operand.t !== 'value') throw new JqlError([msg.operatorNotSupportedByField(written, label)]);
      const like = likeMatcher(operand.value);
      if (!like) throw new JqlError([msg.emptyText(label)]);
      const test = (a: unknown): boolean => {
        const t = text(a);
        return t !== undefined && like(t);
      };
      if (op === '~') return (issue, i) => atoms(issue, i).some(test);
      return (issue, i) => {
        const as = atoms(issue, i);
        return as.length > 0 && !as.some(test);
      };
    }
  }
}

function equalityTest(kind: FieldKind, operand: OperandNode, env: Env): { test: (atom: unknown) => boolean; matchesEmpty: boolean } {
  const { values, empty } = scalars(operand);
  let matchesEmpty = empty;
  const tests: Array<(atom: unknown) => boolean> = [];
  for (const value of values) {
    if (kind.equals) {
      const t = kind.equals(value, env);
      if (t === 'empty') matchesEmpty = true;
      else tests.push(t);
    } else if (kind.compare) {
      const cmp = kind.compare(value, env);
      tests.push((a) => cmp(a) === 0);
    } else {
      throw new JqlError([msg.operatorNotSupportedByField('=', env.label)]);
    }
  }
  return { test: (a) => tests.some((t) => t(a)), matchesEmpty };
}

// ---------------------------------------------------------------- ORDER BY

function compareKeys(a: SortKey, b: SortKey, collator: Intl.Collator): number {
  if (Array.isArray(a) || Array.isArray(b)) {
    const aa = Array.isArray(a) ? a : [a];
    const bb = Array.isArray(b) ? b : [b];
    for (let i = 0; i < Math.min(aa.length, bb.length); i++) {
      const x = aa[i];
      const y = bb[i];
      if (x === undefined || y === undefined) break;
      const d = compareKeys(x, y, collator);
      if (d !== 0) return d;
    }
    return aa.length - bb.length;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numbers before strings
  if (typeof b === 'number') return 1;
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function compareIds(a: StoredIssue, b: StoredIssue): number {
  const x = Number(a.id);
  const y = Number(b.id);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Sorter = { compare: (a: StoredIssue, b: StoredIssue) => number; sort: (issues: StoredIssue[]) => StoredIssue[] };

/**
 * Sorting a whole result: each issue's keys computed once into arrays, then positions sorted by
 * those arrays (no per-comparison lookups) — 100,000 issues sort in a fraction of a second.
 */
function decoratedSort(keyOfs: ((issue: StoredIssue) => SortKey | undefined)[], dirs: number[], collator: Intl.Collator): (issues: StoredIssue[]) => StoredIssue[] {
  return (issues) => {
    const cols = keyOfs.map((keyOf) => issues.map(keyOf));
    const ids = issues.map((i) => Number(i.id));
    const order = issues.map((_, i) => i);
    order.sort((a, b) => {
      for (let j = 0; j < cols.length; j++) {
        const ka = cols[j]![a];
        const kb = cols[j]![b];
        const dir = dirs[j]!;
        if (ka === undefined && kb === undefined) continue;
        if (ka === undefined) return dir;
        if (kb === undefined) return -dir;
        const d = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : compareKeys(ka, kb, collator);
        if (d !== 0) return d * dir;
      }
      const x = ids[a]!;
      const y = ids[b]!;
      return x === y || Number.isNaN(x) || Number.isNaN(y) ? -compareIds(issues[a]!, issues[b]!) : y - x;
    });
    return order.map((i) => issues[i]!);
  };
}

function compileOrderBy(items: OrderItem[], c: Compiler): Sorter {
  const keys = items.map((item) => {
    const field = resolveField(item.field, c.ctx)[0];
    if (!field) throw new JqlError([msg.fieldMissing(item.field.name)]);
    const sortKey = field.kind.sortKey;
    if (!sortKey) throw new JqlError([msg.notSortable(field.label)]);
    const env: Env = { ctx: c.ctx, label: field.label, collator: c.collator, weekStart: c.weekStart };
    const dir = item.direction === 'DESC' ? -1 : 1;
    // Sort keys are computed once per issue and search (a sort compares each issue log n times).
    const memo = new Map<StoredIssue, SortKey | undefined>();
    const keyOf = (issue: StoredIssue): SortKey | undefined => {
      if (memo.has(issue)) return memo.get(issue);
      const k = keyOfOnce(issue);
      memo.set(issue, k);
      return k;
    };
    const keyOfOnce = (issue: StoredIssue): SortKey | undefined => {
      let best: SortKey | undefined;
      for (const atom of field.kind.atoms(issue)) {
        const k = sortKey(atom, env);
        if (k === undefined) continue;
        // Multi-value fields sort by their lowest value ascending, their highest descending.
        if (best === undefined || compareKeys(k, best, c.collator) * dir < 0) best = k;
      }
      return best;
    };
    return { keyOf, keyOfOnce, dir };
  });
  const compare = (a: StoredIssue, b: StoredIssue): number => {
    for (const { keyOf, dir } of keys) {
      const ka = keyOf(a);
      const kb = keyOf(b);
      if (ka === undefined && kb === undefined) continue;
      if (ka === undefined) return dir; // empty: last ascending, first descending
      if (kb === undefined) return -dir;
      const d = compareKeys(ka, kb, c.collator);
      if (d !== 0) return d * dir;
    }
    return -compareIds(a, b);
  };
  return { compare, sort: decoratedSort(keys.map((k) => k.keyOfOnce), keys.map((k) => k.dir), c.collator) };
}

function defaultCompare(ctx: JqlContext, collator: Intl.Collator): Sorter {
  const createdOf = (issue: StoredIssue): number => {
    const v = issue.fields['created'];
    return (typeof v === 'string' ? parseAbsoluteDate(v, ctx.timeZone) : undefined) ?? Number.NEGATIVE_INFINITY;
  };
  const memo = new Map<StoredIssue, number>();
  const created = (issue: StoredIssue): number => {
    let ms = memo.get(issue);
    if (ms === undefined) memo.set(issue, (ms = createdOf(issue)));
    return ms;
  };
  const compare = (a: StoredIssue, b: StoredIssue): number => {
    const d = created(b) - created(a);
    if (d !== 0 && !Number.isNaN(d)) return d;
    return -compareIds(a, b);
  };
  // Created descending; an issue without a date sorts last, as the comparison above does.
  const key = (i: StoredIssue): number => {
    const ms = createdOf(i);
    return Number.isFinite(ms) ? ms : -Number.MAX_VALUE;
  };
  return { compare, sort: decoratedSort([key], [-1], collator) };
}
