/**
 * The Jira port's handling of Jira's rate limits: one short retry honouring Retry-After or
 * X-RateLimit-Reset in interactive calls, JiraRateLimited with the wait for triggers, and
 * Jira's error shape turned into a JiraError naming the fields.
 */
import { JiraError, JiraRateLimited, JiraTransient, isTransient, jira, retryAfterSeconds } from '../../src/jira/port';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
const answers: Answer[] = [];
const calls: { path: string; method: string }[] = [];

function response(a: Answer) {
  const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status: a.status,
    ok: a.status >= 200 && a.status < 300,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)),
  };
}

jest.mock('@forge/api', () => {
  const requestJira = async (path: { value: string }, init: { method: string }) => {
    calls.push({ path: path.value, method: init.method });
    const next = answers.shift();
    if (!next) throw new Error('no answer queued');
    if (next.status === 0) throw new TypeError('fetch failed'); // no answer at all
    return response(next);
  };
  return {
    asUser: () => ({ requestJira }),
    asApp: () => ({ requestJira }),
    route: (strings: TemplateStringsArray, ...values: unknown[]) => ({
      value: strings.reduce((acc, s, i) => acc + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), ''),
    }),
  };
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { route } = require('@forge/api') as { route: (s: TemplateStringsArray, ...v: unknown[]) => never };

beforeEach(() => {
  answers.length = 0;
  calls.length = 0;
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
});
afterEach(() => jest.useRealTimers());

describe('retryAfterSeconds', () => {
  const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });
  it('prefers Retry-After seconds', () => {
    expect(retryAfterSeconds(h({ 'retry-after': '3', 'x-ratelimit-reset': '2099-01-01T00:00:00Z' }))).toBe(3);
  });
  it('falls back to X-RateLimit-Reset as an ISO date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterSeconds(h({ 'x-ratelimit-reset': '2026-11-23T10:00:07Z' }), now)).toBe(7);
  });
  it('defaults to 5 s without either header', () => {
    expect(retryAfterSeconds(h({}))).toBe(5);
  });
});

describe('jira()', () => {
  it('retries once after Retry-After in interactive calls', async () => {
    answers.push({ status: 429, headers: { 'Retry-After': '2' } }, { status: 200, body: { id: '10001' } });
    const p = jira<{ id: string }>('user', route`/rest/api/3/issue/${'QC-1'}`);
    await jest.advanceTimersByTimeAsync(2000);
    await expect(p).resolves.toEqual({ id: '10001' });
    expect(calls).toHaveLength(2);
  });

  it('retries once after X-RateLimit-Reset when Retry-After is missing', async () => {
    jest.setSystemTime(Date.parse('2026-11-23T10:00:00Z'));
    answers.push({ status: 429, headers: { 'X-RateLimit-Reset': '2026-11-23T10:00:01Z' } }, { status: 200, body: {} });
    const p = jira('app', route`/rest/api/3/myself`);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(p).resolves.toEqual({});
    expect(calls).toHaveLength(2);
  });

  it('gives up after the second 429 with the wait to report', async () => {
    answers.push({ status: 429, headers: { 'Retry-After': '1' } }, { status: 429, headers: { 'Retry-After': '30' } });
    const p = jira('app', route`/rest/api/3/myself`);
    const settled = p.catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(1000);
    const e = await settled;
    expect(e).toBeInstanceOf(JiraRateLimited);
    expect((e as JiraRateLimited).retryAfter).toBe(30);
  });

  it('does not retry in triggers (retry: none): the platform retries later', async () => {
    answers.push({ status: 429, headers: { 'Retry-After': '120' } });
    await expect(jira('app', route`/rest/api/3/myself`, { retry: 'none' })).rejects.toMatchObject({ retryAfter: 120 });
    expect(calls).toHaveLength(1);
  });

  it("turns Jira's error shape into a JiraError naming the fields", async () => {
    answers.push({ status: 400, body: { errorMessages: [], errors: { summary: 'You must specify a summary.' } } });
    const e = await jira('user', route`/rest/api/3/issue`, { method: 'POST', body: {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JiraError);
    expect((e as JiraError).errors).toEqual({ summary: 'You must specify a summary.' });
    expect((e as JiraError).message).toContain('summary: You must specify a summary.');
  });

  it.each([500, 502, 503, 504])('turns a %i into a transient failure (retried later by triggers), not a plain error', async (status) => {
    answers.push({ status, headers: status === 503 ? { 'Retry-After': '7' } : {}, body: { errorMessages: ['Internal server error.'], errors: {} } });
    const e = await jira('app', route`/rest/api/3/issue/${'10001'}`, { retry: 'none' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JiraTransient);
    expect(isTransient(e)).toBe(true);
    expect((e as JiraTransient).code).toBe(`jira-${status}`);
    expect((e as JiraTransient).retryAfter).toBe(status === 503 ? 7 : 5);
    expect(calls).toHaveLength(1);
  });

  it('turns a request without an answer (network) into a transient failure', async () => {
    answers.push({ status: 0 });
    const e = await jira('app', route`/rest/api/3/myself`, { retry: 'none' }).catch((x: unknown) => x);
    expect(isTransient(e)).toBe(true);
    expect((e as JiraTransient).code).toBe('jira-network');
  });

  it('keeps a 429 a rate limit and a 4xx a permanent error', async () => {
    answers.push({ status: 429, headers: { 'Retry-After': '3' } }, { status: 404, body: { errorMessages: ['Issue does not exist'], errors: {} } });
    expect(isTransient(await jira('app', route`/rest/api/3/myself`, { retry: 'none' }).catch((x: unknown) => x))).toBe(true);
    const e = await jira('app', route`/rest/api/3/issue/${'1'}`, { retry: 'none' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JiraError);
    expect(isTransient(e)).toBe(false);
  });
});
