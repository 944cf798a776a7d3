/**
 * Complaint numbers: a counter per period in the KVS entity store, advanced by compare-and-set,
 * and a claim per issue so that an issue keeps its number however often its event arrives.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { formatNumber, sequencePeriod, type Policy } from '../rules';

const COUNTER = 'counter';

interface CounterRow {
  seq: number;
  period: string;
}

/** The issue's number: the one it already has, or the next of its period. */
export async function numberFor(policy: Policy, issueId: string, registeredAt: number): Promise<string> {
  const claimKey = `number:issue:${issueId}`;
  const claimed = await kvs.get<string>(claimKey);
  if (claimed) return claimed;
  const period = sequencePeriod(policy, registeredAt);
  const key = `${policy.numbering.pattern}:${period}`.replace(/[{}]/g, '_');
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await kvs.entity<CounterRow>(COUNTER).get(key);
    const next = (current?.seq ?? 0) + 1;
    const number = formatNumber(policy, registeredAt, next); // throws on overflow before anything is written
    try {
      const tx = kvs.transact();
      if (current) {
        tx.set(key, { seq: next, period }, { entityName: COUNTER, conditions: new Filter<CounterRow>().and('seq', FilterConditions.equalTo(current.seq)) });
      } else {
        tx.set(key, { seq: next, period }, { entityName: COUNTER, conditions: new Filter<CounterRow>().and('seq', FilterConditions.notExists()) });
      }
      await tx.execute();
    } catch {
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20)));
      continue; // somebody else took this sequence: read again
    }
    // The claim is written after the counter: a crash in between skips a number, never repeats one.
    await kvs.set(claimKey, number);
    return number;
  }
  throw new Error('could not allocate a complaint number after 50 attempts');
}
