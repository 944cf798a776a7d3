/**
 * A Jira-expression subset for the stand-in: enough to run the app's `jira:customField`
 * formatters (`view.formatter.expression`) the way Jira does when it shows a field in the issue
 * view, the navigator, list views and notifications (docs: manifest-reference/modules/
 * jira-custom-field#formatter; cloud/jira/platform/jira-expressions). No eval, no prototype
 * access.
 *
 * Supported: `let x = …;` bindings; the context variables given; literals (strings, numbers,
 * true/false/null, lists `[…]`); `.name`, `?.name`, `[expr]`; calls of a fixed set of methods
 * (`get`, `filter`, `map`, `join`, `includes`, `slice`, `indexOf`, `startsWith`, `endsWith`,
 * `toLowerCase`, `toUpperCase`, `trim`, `length`); arrow functions `x => …`; `? :`; `== !=
 * < <= > >=`; `&& || !`; `+ - * / %`. Anything else is a parse error; the caller then shows the
 * raw value, as Jira does when a formatter fails.
 */

export class JiraExpressionError extends Error {}

type Tok = { t: 'str' | 'num' | 'id' | 'op'; v: string };

const OPS = ['?.', '=>', '==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '(', ')', '[', ']', '.', ',', '?', ':', ';', '=', '+', '-', '*', '/', '%'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw new JiraExpressionError('Unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
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
    // `?.` followed by a digit is the ternary operator and a number, as in JavaScript.
    const op = OPS.find((o) => src.startsWith(o, i) && !(o === '?.' && /\d/.test(src[i + 2] ?? '')));
    if (!op) throw new JiraExpressionError(`Unsupported character '${c}' at ${i}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'var'; name: string }
  | { k: 'list'; items: Node[] }
  | { k: 'get'; obj: Node; key: Node; optional: boolean }
  | { k: 'call'; obj: Node; name: string; args: Node[]; optional: boolean }
  | { k: 'fn'; param: string; body: Node }
  | { k: 'let'; name: string; value: Node; body: Node }
  | { k: 'if'; c: Node; a: Node; b: Node }
  | { k: 'not'; e: Node }
  | { k: 'neg'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node };

const METHODS = new Set(['get', 'filter', 'map', 'join', 'includes', 'slice', 'indexOf', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim']);

function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = (o = 0): Tok | undefined => toks[p + o];
  const isOp = (v: string, o = 0): boolean => peek(o)?.t === 'op' && peek(o)?.v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw new JiraExpressionError(`Expected '${v}'`);
    p++;
  };
  const program = (): Node => {
    if (peek()?.t === 'id' && peek()?.v === 'let') {
      p++;
      const name = peek();
      if (name?.t !== 'id') throw new JiraExpressionError('Expected a name after let');
      p++;
      expect('=');
      const value = expr();
      expect(';');
      return { k: 'let', name: name.v, value, body: program() };
    }
    return expr();
  };
  const expr = (): Node => {
    if (peek()?.t === 'id' && isOp('=>', 1)) {
      const param = peek()!.v;
      p += 2;
      return { k: 'fn', param, body: expr() };
    }
    const c = binary(0);
    if (!isOp('?')) return c;
    p++;
    const a = expr();
    expect(':');
    return { k: 'if', c, a, b: expr() };
  };
  const LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): Node => {
    if (level === LEVELS.length) return unary();
    let l = binary(level + 1);
    while (peek()?.t === 'op' && LEVELS[level]!.includes(peek()!.v)) {
      const op = peek()!.v;
      p++;
      l = { k: 'bin', op, l, r: binary(level + 1) };
    }
    return l;
  };
  const unary = (): Node => {
    if (isOp('!')) {
      p++;
      return { k: 'not', e: unary() };
    }
    if (isOp('-')) {
      p++;
      return { k: 'neg', e: unary() };
    }
    return postfix(primary());
  };
  const args = (): Node[] => {
    const out: Node[] = [];
    expect('(');
    while (!isOp(')')) {
      out.push(expr());
      if (!isOp(')')) expect(',');
    }
    p++;
    return out;
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) throw new JiraExpressionError('Unexpected end of expression');
    p++;
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      return { k: 'var', name: t.v };
    }
    if (t.v === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (t.v === '[') {
      const items: Node[] = [];
      while (!isOp(']')) {
        items.push(expr());
        if (!isOp(']')) expect(',');
      }
      p++;
      return { k: 'list', items };
    }
    throw new JiraExpressionError(`Unexpected '${t.v}'`);
  };
  const postfix = (base: Node): Node => {
    let n = base;
    for (;;) {
      if (isOp('.') || isOp('?.')) {
        const optional = peek()!.v === '?.';
        p++;
        if (optional && isOp('[')) {
          p++;
          const key = expr();
          expect(']');
          n = { k: 'get', obj: n, key, optional };
          continue;
        }
        const id = peek();
        if (id?.t !== 'id') throw new JiraExpressionError('Expected a property name');
        p++;
        if (isOp('(')) {
          if (!METHODS.has(id.v)) throw new JiraExpressionError(`Unsupported method '${id.v}'`);
          n = { k: 'call', obj: n, name: id.v, args: args(), optional };
        } else n = { k: 'get', obj: n, key: { k: 'lit', v: id.v }, optional };
      } else if (isOp('[')) {
        p++;
        const key = expr();
        expect(']');
        n = { k: 'get', obj: n, key, optional: false };
      } else return n;
    }
  };
  const ast = program();
  if (p !== toks.length) throw new JiraExpressionError(`Unexpected '${toks[p]?.v ?? ''}'`);
  return ast;
}

type Scope = Record<string, unknown>;

const norm = (v: unknown): unknown => (v === undefined ? null : v);

function member(o: unknown, key: unknown): unknown {
  if (typeof o === 'string' || Array.isArray(o)) {
    if (key === 'length') return o.length;
    if (typeof key === 'number') return norm(o[key]);
    return null;
  }
  if (typeof o === 'object' && o !== null && (typeof key === 'string' || typeof key === 'number')) {
    return Object.prototype.hasOwnProperty.call(o, key) ? norm((o as Record<string, unknown>)[key]) : null;
  }
  return null;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function evaluate(n: Node, scope: Scope): unknown {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'var':
      if (!Object.prototype.hasOwnProperty.call(scope, n.name)) throw new JiraExpressionError(`Unknown variable '${n.name}'`);
      return norm(scope[n.name]);
    case 'list':
      return n.items.map((i) => evaluate(i, scope));
    case 'let':
      return evaluate(n.body, { ...scope, [n.name]: evaluate(n.value, scope) });
    case 'fn':
      return (x: unknown): unknown => evaluate(n.body, { ...scope, [n.param]: x });
    case 'if':
      return truthy(evaluate(n.c, scope)) ? evaluate(n.a, scope) : evaluate(n.b, scope);
    case 'not':
      return !truthy(evaluate(n.e, scope));
    case 'neg':
      return -Number(evaluate(n.e, scope));
    case 'get': {
      const o = evaluate(n.obj, scope);
      if (o === null) {
        if (n.optional) return null;
        throw new JiraExpressionError('Cannot read a property of null');
      }
      return member(o, evaluate(n.key, scope));
    }
    case 'call': {
      const o = evaluate(n.obj, scope);
      if (o === null) {
        if (n.optional) return null;
        throw new JiraExpressionError(`Cannot call ${n.name} on null`);
      }
      const a = n.args.map((x) => evaluate(x, scope));
      return call(o, n.name, a);
    }
    case 'bin': {
      if (n.op === '&&') return truthy(evaluate(n.l, scope)) && truthy(evaluate(n.r, scope));
      if (n.op === '||') return truthy(evaluate(n.l, scope)) || truthy(evaluate(n.r, scope));
      const l = evaluate(n.l, scope);
      const r = evaluate(n.r, scope);
      switch (n.op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '+':
          return typeof l === 'number' && typeof r === 'number' ? l + r : text(l) + text(r);
        case '-':
          return Number(l) - Number(r);
        case '*':
          return Number(l) * Number(r);
        case '/':
          return Number(l) / Number(r);
        case '%':
          return Number(l) % Number(r);
        default: {
          if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) {
            throw new JiraExpressionError(`Cannot compare ${typeof l} with ${typeof r}`);
          }
          if (n.op === '<') return l < r;
          if (n.op === '<=') return l <= r;
          if (n.op === '>') return l > r;
          return l >= r;
        }
      }
    }
  }
}

function truthy(v: unknown): boolean {
  if (typeof v !== 'boolean') throw new JiraExpressionError('Expected a boolean');
  return v;
}

function call(o: unknown, name: string, a: unknown[]): unknown {
  const fn = (x: unknown): ((v: unknown) => unknown) => {
    if (typeof x !== 'function') throw new JiraExpressionError(`${name}() needs a function`);
    return x as (v: unknown) => unknown;
  };
  if (Array.isArray(o)) {
    if (name === 'filter') return o.filter((x) => truthy(fn(a[0])(x)));
    if (name === 'map') return o.map((x) => fn(a[0])(x));
    if (name === 'join') return o.map((x) => (typeof x === 'string' ? x : text(x))).join(typeof a[0] === 'string' ? a[0] : ',');
    if (name === 'includes') return o.includes(a[0]);
    if (name === 'indexOf') return o.indexOf(a[0]);
    if (name === 'slice') return o.slice(Number(a[0] ?? 0), a[1] === undefined ? undefined : Number(a[1]));
    if (name === 'get') return norm(o[Number(a[0])]);
  } else if (typeof o === 'string') {
    const s = typeof a[0] === 'string' ? a[0] : '';
    if (name === 'slice') return o.slice(Number(a[0] ?? 0), a[1] === undefined ? undefined : Number(a[1]));
    if (name === 'includes') return o.includes(s);
    if (name === 'indexOf') return o.indexOf(s);
    if (name === 'startsWith') return o.startsWith(s);
    if (name === 'endsWith') return o.endsWith(s);
    if (name === 'toLowerCase') return o.toLowerCase();
    if (name === 'toUpperCase') return o.toUpperCase();
    if (name === 'trim') return o.trim();
  } else if (typeof o === 'object' && o !== null && name === 'get') {
    // Map.get and EntityProperties.get (`project.properties.get('key')`).
    return member(o, a[0]);
  }
  throw new JiraExpressionError(`${name}() is not available on ${Array.isArray(o) ? 'a list' : typeof o}`);
}

const cache = new Map<string, Node>();

/** Evaluates an expression in a context (`value`, `user`, `issue`, `project`, `fieldId`…). */
export function evaluateJiraExpression(src: string, context: Scope): unknown {
  let ast = cache.get(src);
  if (!ast) {
    ast = parse(src);
    cache.set(src, ast);
  }
  return evaluate(ast, context);
}
