/**
 * The one resolver envelope (src/resolvers/define.ts): what the browser gets back when the
 * payload is wrong, the caller is not an admin, Jira fails or the handler breaks — always
 * `{ ok, data } | { ok: false, error: { code, message } }`, translated, without Jira's text.
 */
import { z } from 'zod';
import { JiraError } from '../../src/jira/port';
import { setLogSink } from '../../src/services/log';

const jiraCalls: string[] = [];
let adminAnswer = false;
jest.mock('../../src/jira/port', () => {
  const actual = jest.requireActual('../../src/jira/port');
  return {
    ...actual,
    jira: jest.fn(async (_actor: string, path: { value: string }) => {
      jiraCalls.push(path.value);
      if (path.value.startsWith('/rest/api/3/mypermissions')) return { permissions: { ADMINISTER: { havePermission: adminAnswer } } };
      if (path.value.startsWith('/rest/api/3/mypreferences/locale')) return { locale: 'zh_CN' };
      throw new Error(`unexpected call ${path.value}`);
    }),
  };
});
jest.mock('../../src/services/user-locale', () => {
  const actual = jest.requireActual('../../src/services/user-locale');
  return { ...actual, rememberLocale: jest.fn(async () => undefined) };
});

// Imported after the mocks.
import { define } from '../../src/resolvers/define';

const lines: string[] = [];
let restore: () => void;
beforeEach(() => {
  jiraCalls.length = 0;
  lines.length = 0;
  adminAnswer = false;
  restore = setLogSink((_level, line) => lines.push(line));
});
afterEach(() => restore());

const echo = define('test/echo', z.strictObject({ n: z.number().int().min(1).max(9) }), async (p) => ({ twice: p.n * 2 }));

describe('define(): the resolver envelope', () => {
  it('answers data for a valid payload, without asking Jira anything', async () => {
    expect(await echo.run({ payload: { n: 4 }, context: { accountId: 'u1', locale: 'en-US' } })).toEqual({ ok: true, data: { twice: 8 } });
    expect(jiraCalls).toEqual([]);
  });

  it("refuses a bad payload with the field and rule, in the caller's language from the context (no REST call)", async () => {
    const zh = await echo.run({ payload: { n: 12 }, context: { accountId: 'u1', locale: 'zh-CN' } });
    expect(zh).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (zh.ok) throw new Error('expected a failure');
    expect(zh.error.message).toContain('payload.n');
    expect(zh.error.message).toContain('规则：range');
    expect(zh.error.issues?.[0]).toMatchObject({ field: 'payload.n', rule: 'range' });
    const en = await echo.run({ payload: { n: 'x', extra: 1 }, context: { accountId: 'u1', locale: 'en_GB' } });
    if (en.ok) throw new Error('expected a failure');
    expect(en.error.message).toMatch(/rule: (type|unknown)/);
    expect(jiraCalls).toEqual([]);
  });

  it("asks Jira for the user's language only when the context has none", async () => {
    const r = await echo.run({ payload: {}, context: { accountId: 'u1' } });
    if (r.ok) throw new Error('expected a failure');
    expect(r.error.message).toContain('必填');
    expect(jiraCalls).toEqual(['/rest/api/3/mypreferences/locale']);
  });

  it('runs an admin definition only for Jira administrators, asking Jira once', async () => {
    let ran = 0;
    const save = define('test/save', z.strictObject({}), async () => ++ran, { admin: true });
    const refused = await save.run({ payload: {}, context: { accountId: 'u1', locale: 'zh-CN' } });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: '只有 Jira 管理员可以执行此操作' } });
    expect(ran).toBe(0);
    // No account (an anonymous call) is never an admin, and Jira is not even asked.
    jiraCalls.length = 0;
    expect(await save.run({ payload: {}, context: { locale: 'en' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(jiraCalls).toEqual([]);
    adminAnswer = true;
    const admin = define('test/admin', z.strictObject({}), async (_p, caller) => caller.isAdmin(), { admin: true });
    expect(await admin.run({ payload: {}, context: { accountId: 'a1', locale: 'en' } })).toEqual({ ok: true, data: true });
    expect(jiraCalls.filter((c) => c.startsWith('/rest/api/3/mypermissions'))).toHaveLength(1);
  });

  it("maps Jira failures to translated codes and never passes Jira's text to the browser", async () => {
    const cases: [JiraError, string][] = [
      [new JiraError(404, ['Issue does not exist or you do not have permission to see it.'], {}, '/rest/api/3/issue/X-1'), 'not-found'],
      [new JiraError(403, ['secret internal detail'], {}, '/rest/api/3/x'), 'forbidden'],
      [new JiraError(429, ['rate limited'], {}, '/rest/api/3/x'), 'busy'],
      [new JiraError(503, ['upstream secret host db-7'], {}, '/rest/api/3/x'), 'unavailable'],
      [new JiraError(400, ['The value "13800138000" is invalid'], { customfield_1: 'bad' }, '/rest/api/3/x'), 'jira-refused'],
    ];
    for (const [e, code] of cases) {
      const r = await define('test/jira', z.strictObject({}), async () => {
        throw e;
      }).run({ payload: {}, context: { accountId: 'u1', locale: 'en' } });
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (r.ok) throw new Error('expected a failure');
      for (const m of e.errorMessages) expect(r.error.message).not.toContain(m);
    }
    // The logs keep the diagnosis, without the quoted value.
    expect(lines.join('\n')).toContain('"status":400');
    expect(lines.join('\n')).not.toContain('13800138000');
  });

  it('answers a programming error as `internal` with a log reference, never the exception text', async () => {
    const r = await define('test/bug', z.strictObject({}), async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id') at secret.ts:12");
    }).run({ payload: {}, context: { accountId: 'u1', locale: 'en' } });
    if (r.ok) throw new Error('expected a failure');
    expect(r.error.code).toBe('internal');
    expect(r.error.message).not.toContain('secret.ts');
    const ref = /reference (\w+)/.exec(r.error.message)?.[1];
    expect(ref).toBeTruthy();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'internal');
    expect(logged).toMatchObject({ level: 'error', module: 'resolver', functionKey: 'test/bug', ref, code: 'internal' });
  });
});
