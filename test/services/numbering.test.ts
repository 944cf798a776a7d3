/**
 * Complaint numbering against the sandbox's KVS (the real @forge/kvs client on the shim's
 * backend): duplicate and concurrent deliveries for the same issue give it one number, and
 * numbers stay unique and gap-free.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configureKvs, resetKvs } from '../../sandbox/forge/kvs';
import type { EntityDecl } from '../../sandbox/forge/kvs-backend';
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { isTransactionConflict, numberFor } from '../../src/services/numbering';
import { parseInstant, presetPolicy } from '../../src/rules';

// The entities as the manifest declares them (what `forge deploy` creates).
const manifest = parse(readFileSync(join(__dirname, '..', '..', 'manifest.yml'), 'utf8')) as { app: { storage: { entities: EntityDecl[] } } };
const entities = manifest.app.storage.entities;

beforeEach(() => {
  resetKvs();
  configureKvs({ entities });
});

describe('numberFor', () => {
  const policy = presetPolicy('food');
  const at = parseInstant('2026-01-18T10:00:00+08:00')!;

  it('numbers the first complaint of the year 001 in the policy pattern', async () => {
    await expect(numberFor(policy, '10001', at)).resolves.toBe('260118001');
  });

  it('gives an issue the same number however often, and however concurrently, it is asked', async () => {
    const issues = Array.from({ length: 15 }, (_, i) => String(20000 + i));
    // Every issue is asked for three times at once (duplicate and late events).
    const asks = issues.flatMap((id) => [id, id, id]).sort(() => 0.5 - Math.random());
    const answers = await Promise.all(asks.map(async (id) => ({ id, number: await numberFor(policy, id, at) })));
    const byIssue = new Map<string, Set<string>>();
    for (const a of answers) byIssue.set(a.id, (byIssue.get(a.id) ?? new Set()).add(a.number));
    for (const set of byIssue.values()) expect(set.size).toBe(1);
    const numbers = [...byIssue.values()].map((s) => [...s][0]!).sort();
    expect(new Set(numbers).size).toBe(15);
    expect(numbers[0]).toBe('260118001');
    expect(numbers[14]).toBe('260118015');
  });

  it('restarts the sequence in a new year and refuses to wrap past the pattern width', async () => {
    const next = parseInstant('2027-01-02T10:00:00+08:00')!;
    await expect(numberFor(policy, 'a', at)).resolves.toBe('260118001');
    await expect(numberFor(policy, 'b', next)).resolves.toBe('270102001');
    const narrow = { ...policy, numbering: { pattern: 'KS{YY}{SEQ:1}', reset: 'year' as const } };
    for (let i = 1; i <= 9; i++) await numberFor(narrow, `n${i}`, at);
    await expect(numberFor(narrow, 'n10', at)).rejects.toMatchObject({ code: 'sequence-overflow' });
  });

  it('retries a transaction conflict but not any other storage error', async () => {
    const failing = (status: number, code: string) => new ForgeKvsAPIError({ status, statusText: 'Error' }, { code, message: 'x' });
    expect(isTransactionConflict(failing(409, 'CONDITION_CHECK_FAILED'))).toBe(true);
    expect(isTransactionConflict(failing(500, 'INTERNAL_SERVER_ERROR'))).toBe(false);
    expect(isTransactionConflict(new Error('x'))).toBe(false);
    const real = kvs.transact.bind(kvs);
    let calls = 0;
    const spy = jest.spyOn(kvs, 'transact').mockImplementation(() => {
      const t = real();
      const execute = t.execute.bind(t);
      t.execute = async () => {
        calls++;
        if (calls === 1) throw failing(409, 'CONDITION_CHECK_FAILED'); // contention: tried again
        if (calls === 2) throw failing(503, 'SERVICE_UNAVAILABLE'); // not contention: surfaced at once
        return execute();
      };
      return t;
    });
    try {
      const started = Date.now();
      await expect(numberFor(policy, 'storage-1', at)).rejects.toMatchObject({ responseDetails: { status: 503 } });
      expect(calls).toBe(2);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(numberFor(policy, 'storage-1', at)).resolves.toBe('260118001');
    } finally {
      spy.mockRestore();
    }
  });
});
