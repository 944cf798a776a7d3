/**
 * Complaint numbers: a counter per period in the KVS entity store and a claim per issue,
 * written in ONE transaction — the counter advances from n to n+1 only if it still reads n, and
 * only if the issue has no claim yet. So an issue keeps its number however often (and however
 * concurrently) its event arrives, and numbers are unique and gap-free.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { formatNumber, sequencePeriod, type Policy } from '../rules';

const COUNTER = 'counter';
const CLAIM = 'number-claim';

interface CounterRow {
  seq: number;
  period: string;
}
interface ClaimRow {
  number: string;
}

/** The issue's number: the one it already has, or the next of its period. */
export async function numberFor(policy: Policy, issueId: string, registeredAt: number): Promise<string> {
  const claimKey = `issue-${issueId}`;
  const period = sequencePeriod(policy, registeredAt);
  const counterKey = `${policy.numbering.pattern}:${period}`.replace(/[{}]/g, '_');
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
    } catch {
      // Another complaint took this sequence, or another delivery of this event numbered the
      // issue: read again after a jittered wait that grows with the contention seen.
      const cap = Math.min(250, 4 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * cap)));
    }
  }
  throw new Error('could not allocate a complaint number within 20 s (storage contention)');
}
