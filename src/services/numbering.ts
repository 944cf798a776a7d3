/**
 * Complaint numbers: a counter per period in the KVS entity store and a claim per issue,
 * written in ONE transaction — the counter advances from n to n+1 only if it still reads n, and
 * only if the issue has no claim yet. So an issue keeps its number however often (and however
 * concurrently) its event arrives, and numbers are unique and gap-free.
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';
import { formatNumber, sequencePeriod, type Policy } from '../rules';
import { errorFields, logger } from './log';

const log = logger('numbering');

const COUNTER = 'counter';
const CLAIM = 'number-claim';

interface CounterRow {
  seq: number;
  period: string;
}
interface ClaimRow {
  number: string;
}

/**
 * A failed transaction condition: another complaint took the sequence, or another delivery of
 * this event claimed the issue. Forge answers a conditional write that does not hold with
 * HTTP 409 (the sandbox's code is CONDITION_CHECK_FAILED; the real code is in
 * docs/unverified.md). Everything else — a 5xx, a rate limit, a bad request — is not
 * contention and is not retried here: it reaches the trigger, which retries it later.
 */
export function isTransactionConflict(e: unknown): boolean {
  if (!(e instanceof ForgeKvsAPIError)) return false;
  return e.responseDetails.status === 409 || e.code === 'CONDITION_CHECK_FAILED' || e.code === 'CONFLICT';
}

/** The number the app claimed for this issue, if any (the only source of a complaint's number). */
export async function claimedNumber(issueId: string): Promise<string | undefined> {
  return (await kvs.entity<ClaimRow>(CLAIM).get(`issue-${issueId}`))?.number;
}

/** The counter a complaint registered at `registeredAt` under `policy` draws from. */
export function counterKeyFor(policy: Policy, registeredAt: number): string {
  return `${policy.numbering.pattern}:${sequencePeriod(policy, registeredAt)}`.replace(/[{}]/g, '_');
}

/** The issue's number: the one it already has, or the next of its period. */
export async function numberFor(policy: Policy, issueId: string, registeredAt: number): Promise<string> {
  const claimKey = `issue-${issueId}`;
  const period = sequencePeriod(policy, registeredAt);
  const counterKey = counterKeyFor(policy, registeredAt);
  // Many complaints created at once contend for the same counter: keep trying with jittered,
  // growing waits until a deadline well inside the trigger's time limit.
  const deadline = Date.now() + 20_000;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const claimed = await kvs.entity<ClaimRow>(CLAIM).get(claimKey);
    if (claimed) return claimed.number;
    const current = await kvs.entity<CounterRow>(COUNTER).get(counterKey);
    const next = (current?.seq ?? 0) + 1;
    const number = formatNumber(policy, registeredAt, next); // throws on overflow before anything is written
    try {
      await kvs
        .transact()
        .set(counterKey, { seq: next, period }, {
          entityName: COUNTER,
          conditions: current ? new Filter<CounterRow>().and('seq', FilterConditions.equalTo(current.seq)) : new Filter<CounterRow>().and('seq', FilterConditions.notExists()),
        })
        .set(claimKey, { number }, { entityName: CLAIM, conditions: new Filter<ClaimRow>().and('number', FilterConditions.notExists()) })
        .execute();
      return number;
    } catch (e) {
      if (!isTransactionConflict(e)) {
        log.warn('numbering.storage-failed', { issueId, ...errorFields(e) });
        throw e;
      }
      // Another complaint took this sequence, or another delivery of this event numbered the
      // issue: read again after a jittered wait that grows with the contention seen.
      const cap = Math.min(250, 4 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * cap)));
    }
  }
  log.error('numbering.contention-timeout', { issueId, code: 'contention' });
  throw Object.assign(new Error('could not allocate a complaint number within 20 s (storage contention)'), { code: 'contention' });
}
