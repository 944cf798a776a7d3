/**
 * A small, safe evaluator for trigger `filter.expression` (a Jira-expression subset). No eval, no prototype access.
 *
 * Supported: the root variable `event`; property access `.name`, optional `?.name`, `['name']`; literals (strings in
 * '' or "", numbers, true/false/null); `== != > >= < <=`; `&& || !`; parentheses; `.includes(x)` on strings and
 * arrays; `.length`. Anything else is a parse error — the host then ignores the expression (documented) or throws.
 * Runtime errors (e.g. `.` on null) are reported as evaluation errors, handled by the trigger's `onError`.
 */
type Tok = { t: 'str' | 'num' | 'id' | 'op'; v: string };

export class ExpressionParseError extends Error {}
export class ExpressionEvalError extends Error {}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ExpressionParseError('Unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || out.length === 0 || out[out.length - 1]?.t === 'op')) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = ['?.', '==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '(', ')', '[', ']', '.', ','].find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionParseError(`Unsupported character '${c}' at ${i}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

/** Whether a property access chain starts at `event.runtime`. */
function underRuntime(n: Node): boolean {
  let cur: Node = n;
  while (cur.k === 'get') {
    if (cur.name === 'runtime' && cur.obj.k === 'root') return true;
    cur = cur.obj;
  }
  return false;
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'root' }
  | { k: 'get'; obj: Node; name: string; optional: boolean }
  | { k: 'call'; obj: Node; name: 'includes'; arg: Node; optional: boolean }
  | { k: 'not'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node };

export type CompiledExpression = (vars: { event: unknown }) => unknown;

export function compileFilterExpression(src: string): CompiledExpression {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()?.v === v;
  const expectOp = (v: string): void => {
    if (!isOp(v)) throw new ExpressionParseError(`Expected '${v}'`);
    p++;
  };

  const parseOr = (): Node => {
    let l = parseAnd();
    while (isOp('||')) {
      p++;
      l = { k: 'bin', op: '||', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): Node => {
    let l = parseCmp();
    while (isOp('&&')) {
      p++;
      l = { k: 'bin', op: '&&', l, r: parseCmp() };
    }
    return l;
  };
  const parseCmp = (): Node => {
    const l = parseUnary();
    const t = peek();
    if (t?.t === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(t.v)) {
      p++;
      return { k: 'bin', op: t.v, l, r: parseUnary() };
    }
    return l;
  };
  const parseUnary = (): Node => {
    if (isOp('!')) {
      p++;
      return { k: 'not', e: parseUnary() };
    }
    return parsePostfix(parsePrimary());
  };
  const parsePrimary = (): Node => {
    const t = peek();
    if (!t) throw new ExpressionParseError('Unexpected end of expression');
    p++;
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (t.v === 'event') return { k: 'root' };
      throw new ExpressionParseError(`Unsupported identifier '${t.v}' (only 'event' is available)`);
    }
    if (t.v === '(') {
      const e = parseOr();
      expectOp(')');
      return e;
    }
    throw new ExpressionParseError(`Unexpected '${t.v}'`);
  };
  const parsePostfix = (base: Node): Node => {
    let n = base;
    for (;;) {
      if (isOp('.') || isOp('?.')) {
        const optional = peek()?.v === '?.';
        p++;
        const id = peek();
        if (id?.t !== 'id') throw new ExpressionParseError('Expected a property name');
        p++;
        if (isOp('(')) {
          if (id.v !== 'includes') throw new ExpressionParseError(`Unsupported method '${id.v}'`);
          p++;
          const arg = parseOr();
          expectOp(')');
          n = { k: 'call', obj: n, name: 'includes', arg, optional };
        } else n = { k: 'get', obj: n, name: id.v, optional };
      } else if (isOp('[')) {
        p++;
        const key = peek();
        if (key?.t !== 'str' && key?.t !== 'num') throw new ExpressionParseError('Only literal indexes are supported');
        p++;
        expectOp(']');
        n = { k: 'get', obj: n, name: key.v, optional: false };
      } else return n;
    }
  };

  const ast = parseOr();
  if (p !== toks.length) throw new ExpressionParseError(`Unexpected '${toks[p]?.v ?? ''}'`);

  const own = (o: unknown, name: string): unknown => {
    if (typeof o === 'string' && name === 'length') return o.length;
    if (Array.isArray(o)) {
      if (name === 'length') return o.length;
      return /^\d+$/.test(name) ? (o[Number(name)] ?? null) : undefined;
    }
    if (typeof o === 'object' && o !== null) return Object.prototype.hasOwnProperty.call(o, name) ? (o as Record<string, unknown>)[name] : null;
    return undefined;
  };
  const ev = (n: Node, root: unknown): unknown => {
    switch (n.k) {
      case 'lit':
        return n.v;
      case 'root':
        return root;
      case 'get': {
        const o = ev(n.obj, root);
        if (o === null || o === undefined) {
          // An entity-property path (`event.runtime.…`) that cannot be resolved is null as a
          // whole (events-reference/product_events, "Filtering by entity properties": "A
          // property that cannot be resolved at runtime will have its value set to null").
          if (n.optional || underRuntime(n.obj)) return null;
          throw new ExpressionEvalError(`Cannot read '${n.name}' of null`);
        }
        const v = own(o, n.name);
        return v === undefined ? null : v;
      }
      case 'call': {
        const o = ev(n.obj, root);
        if (o === null || o === undefined) {
          if (n.optional) return null;
          throw new ExpressionEvalError(`Cannot call includes on null`);
        }
        const a = ev(n.arg, root);
        if (typeof o === 'string') return o.includes(String(a));
        if (Array.isArray(o)) return o.includes(a);
        throw new ExpressionEvalError('includes() needs a string or a list');
      }
      case 'not':
        return !truthy(ev(n.e, root));
      case 'bin': {
        if (n.op === '&&') return truthy(ev(n.l, root)) && truthy(ev(n.r, root));
        if (n.op === '||') return truthy(ev(n.l, root)) || truthy(ev(n.r, root));
        const l = ev(n.l, root);
        const r = ev(n.r, root);
        if (n.op === '==') return l === r;
        if (n.op === '!=') return l !== r;
        if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) {
          throw new ExpressionEvalError(`Cannot compare ${typeof l} with ${typeof r}`);
        }
        if (n.op === '>') return l > r;
        if (n.op === '>=') return l >= r;
        if (n.op === '<') return l < r;
        return l <= r;
      }
    }
  };
  const truthy = (v: unknown): boolean => {
    if (typeof v !== 'boolean') throw new ExpressionEvalError('Expected a boolean');
    return v;
  };
  return (vars) => ev(ast, vars.event);
}
