/**
 * Which failures the triggers retry and how long they wait: Jira's 429 (its Retry-After), 5xx
 * and no answer, a storage 5xx; never a 4xx or a bug. The wait grows per attempt, at most 900 s
 * (Forge's ceiling for `retryAfter`).
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { JiraError, JiraRateLimited, JiraTransient } from '../../src/jira/port';
import { retryDelaySeconds, transientCode } from '../../src/services/retry';

describe('transientCode', () => {
  it('names the transient failures', () => {
    expect(transientCode(new JiraTransient(503, 5, '/rest/api/3/issue/1'))).toBe('jira-503');
    expect(transientCode(new JiraTransient(0, 5, '/rest/api/3/issue/1'))).toBe('jira-network');
    expect(transientCode(new JiraRateLimited(30, '/rest/api/3/search/jql'))).toBe('jira-429');
    expect(transientCode(new ForgeKvsAPIError({ status: 503, statusText: 'Error' }, { code: 'SERVICE_UNAVAILABLE', message: 'x' }))).toBe('storage-503');
  });

  it('does not retry a refusal or a bug', () => {
    expect(transientCode(new JiraError(400, ['bad'], {}, '/rest/api/3/issue/1'))).toBeNull();
    expect(transientCode(new JiraError(404, ['gone'], {}, '/rest/api/3/issue/1'))).toBeNull();
    expect(transientCode(new ForgeKvsAPIError({ status: 400, statusText: 'Error' }, { code: 'INVALID_KEY', message: 'x' }))).toBeNull();
    expect(transientCode(new TypeError('x is undefined'))).toBeNull();
  });
});

describe('retryDelaySeconds', () => {
  it('backs off exponentially per attempt, with jitter, at most 900 s', () => {
    const e = new JiraTransient(500, 5, '/x');
    const waits = [0, 1, 2, 3].map((n) => retryDelaySeconds(e, n));
    [5, 10, 20, 40].forEach((base, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(base);
      expect(waits[i]).toBeLessThan(base * 1.25 + 1);
    });
    expect(retryDelaySeconds(e, 20)).toBeLessThanOrEqual(900);
  });

  it("waits at least as long as Jira's Retry-After on a 429", () => {
    expect(retryDelaySeconds(new JiraRateLimited(120, '/x'), 0)).toBeGreaterThanOrEqual(120);
    expect(retryDelaySeconds(new JiraRateLimited(5000, '/x'), 0)).toBe(900);
  });
});
