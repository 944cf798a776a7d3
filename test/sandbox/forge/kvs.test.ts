import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  kvs,
  configureKvs,
  Filter,
  FilterConditions,
  WhereConditions,
  Sort,
  MetadataField,
  ForgeKvsAPIError,
  ForgeKvsError,
  KVS_ERROR_CODES,
  type EntityDecl,
} from '../../../sandbox/forge/kvs';

const entities: EntityDecl[] = [
  {
    name: 'cmp-counter',
    attributes: { seq: { type: 'integer' } },
  },
  {
    name: 'complaint',
    attributes: {
      number: { type: 'string' },
      severity: { type: 'string' },
      dept: { type: 'string' },
      qty: { type: 'integer' },
      score: { type: 'float' },
      closed: { type: 'boolean' },
      extra: { type: 'any' },
    },
    indexes: ['number', { name: 'by-dept-qty', partition: ['dept'], range: ['qty'] }, { name: 'by-severity', range: ['severity'] }],
  },
];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ForgeKvsAPIError) return e.code;
    if (e instanceof ForgeKvsError) return `ForgeKvsError:${e.message}`;
    throw e;
  }
  throw new Error('expected rejection');
}

/** The CAS increment from research §7.4 (approach A). */
async function nextNumber(key: string): Promise<number> {
  const counter = kvs.entity<{ seq: number }>('cmp-counter');
  for (let attempt = 0; attempt < 500; attempt++) {
    const cur = await counter.get(key);
    if (cur === undefined) {
      try {
        await counter.set(key, { seq: 0 }, { keyPolicy: 'FAIL_IF_EXISTS' });
      } catch (e) {
        if (!(e instanceof ForgeKvsAPIError && e.code === KVS_ERROR_CODES.KEY_CONFLICT)) throw e;
      }
      continue;
    }
    const n = cur.seq + 1;
    try {
      await kvs
        .transact()
        .set(key, { seq: n }, { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.equalTo(cur.seq)) })
        .execute();
      return n;
    } catch (e) {
      if (e instanceof ForgeKvsAPIError && e.code === KVS_ERROR_CODES.CONDITION_CHECK_FAILED) continue;
      throw e;
    }
  }
  throw new Error('too many retries');
}

describe('sandbox @forge/kvs', () => {
  beforeEach(() => {
    configureKvs({ entities });
  });

  describe('plain KVS', () => {
    it('get/set/delete with JSON semantics', async () => {
      expect(await kvs.get('missing')).toBeUndefined();
      await kvs.set('a:1', { hello: '世界', n: 1, skip: undefined });
      expect(await kvs.get('a:1')).toEqual({ hello: '世界', n: 1 });
      await kvs.set('a:1', 'str');
      expect(await kvs.get('a:1')).toBe('str');
      await kvs.delete('a:1');
      await kvs.delete('a:1'); // deleting a missing key succeeds
      expect(await kvs.get('a:1')).toBeUndefined();
    });

    it('stored values are copies', async () => {
      const v = { list: [1, 2] };
      await kvs.set('copy', v);
      v.list.push(3);
      const got = await kvs.get<{ list: number[] }>('copy');
      expect(got?.list).toEqual([1, 2]);
    });

    it('metadata fields on get', async () => {
      await kvs.set('m', 1, { ttl: { unit: 'HOURS', value: 1 } });
      const r = await kvs.get<number>('m', { metadataFields: [MetadataField.CREATED_AT, MetadataField.EXPIRE_TIME] });
      expect(r?.value).toBe(1);
      expect(typeof r?.createdAt).toBe('number');
      expect(r?.updatedAt).toBeUndefined();
      expect(typeof r?.expireTime).toBe('string');
    });

    it('TTL expiry hides the value', async () => {
      let now = 1_000_000;
      configureKvs({ entities, now: () => now });
      await kvs.set('t', 'x', { ttl: { unit: 'SECONDS', value: 10 } });
      expect(await kvs.get('t')).toBe('x');
      now += 11_000;
      expect(await kvs.get('t')).toBeUndefined();
      expect(await codeOf(kvs.set('t', 'x', { ttl: { unit: 'DAYS', value: 366 } }))).toBe(KVS_ERROR_CODES.INVALID_TTL);
    });

    it('keyPolicy FAIL_IF_EXISTS and returnValue PREVIOUS/LATEST', async () => {
      await kvs.set('k', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
      const code = await codeOf(kvs.set('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' }));
      expect(code).toBe(KVS_ERROR_CODES.KEY_CONFLICT);
      expect(await kvs.get('k')).toBe(1);
      const prev = await kvs.set<number>('k', 3, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
      expect(prev).toEqual({ key: 'k', value: 1 });
      const latest = await kvs.set<number>('k', 4, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.UPDATED_AT] });
      expect(latest?.value).toBe(4);
      expect(typeof latest?.updatedAt).toBe('number');
      expect(await kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    });

    it('FAIL_IF_EXISTS: exactly one of many concurrent writers wins', async () => {
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => kvs.set('lock', i, { keyPolicy: 'FAIL_IF_EXISTS' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as ForgeKvsAPIError).code).toBe(KVS_ERROR_CODES.KEY_CONFLICT);
    });

    it('enforces key and value limits', async () => {
      expect(await codeOf(kvs.set('x'.repeat(501), 1))).toBe(KVS_ERROR_CODES.KEY_TOO_LONG);
      await kvs.set('x'.repeat(500), 1);
      expect(await codeOf(kvs.set('bad/key', 1))).toBe(KVS_ERROR_CODES.INVALID_KEY);
      expect(await codeOf(kvs.set('中文', 1))).toBe(KVS_ERROR_CODES.INVALID_KEY);
      expect(await codeOf(kvs.set('   ', 1))).toBe(KVS_ERROR_CODES.INVALID_KEY);
      expect(await codeOf(kvs.set('', 1))).toBe(KVS_ERROR_CODES.KEY_TOO_SHORT);
      await kvs.set('ok key:with.all_chars-#1', 1);
      const big = 'x'.repeat(240 * 1024); // JSON adds 2 quote bytes → over the limit
      expect(await codeOf(kvs.set('big', big))).toBe(KVS_ERROR_CODES.MAX_SIZE);
      await kvs.set('big', 'x'.repeat(240 * 1024 - 2));
      let deep: unknown = 1;
      for (let i = 0; i < 32; i++) deep = { d: deep };
      expect(await codeOf(kvs.set('deep', deep))).toBe(KVS_ERROR_CODES.MAX_DEPTH);
      const err = await kvs.set('bad/key', 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ForgeKvsAPIError);
      expect((err as ForgeKvsAPIError).responseDetails.status).toBe(400);
    });

    it('query with beginsWith, limit and cursor', async () => {
      for (let i = 0; i < 25; i++) await kvs.set(`cmp:${String(i).padStart(3, '0')}`, i);
      await kvs.set('other', 'x');
      await kvs.setSecret('cmp:secret', 's');
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        let q = kvs.query().where('key', WhereConditions.beginsWith('cmp:')).limit(10);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany<number>();
        seen.push(...page.results.map((r) => r.value));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
      const def = await kvs.query().getMany();
      expect(def.results).toHaveLength(10); // default limit
      expect(await codeOf(kvs.query().limit(101).getMany())).toBe(KVS_ERROR_CODES.LIST_QUERY_LIMIT_EXCEEDED);
      expect((await kvs.query().where('key', WhereConditions.beginsWith('oth')).getOne())?.value).toBe('x');
    });

    it('secrets are separate from plain keys', async () => {
      await kvs.setSecret('token', { t: 'abc' });
      expect(await kvs.get('token')).toBeUndefined();
      expect(await kvs.getSecret('token')).toEqual({ t: 'abc' });
      await kvs.deleteSecret('token');
      expect(await kvs.getSecret('token')).toBeUndefined();
    });

    it('batchSet/batchGet/batchDelete', async () => {
      const r = await kvs.batchSet<unknown>([
        { key: 'b1', value: 1 },
        { key: 'b2', value: { x: 1 } },
        { key: 'c1', value: { seq: 1 }, entityName: 'cmp-counter' },
        { key: 'bad/key', value: 1 },
      ]);
      expect(r.successfulKeys.map((k) => k.key)).toEqual(['b1', 'b2', 'c1']);
      expect(r.failedKeys).toEqual([{ key: 'bad/key', error: expect.objectContaining({ code: KVS_ERROR_CODES.INVALID_KEY }) }]);
      const g = await kvs.batchGet<unknown>([{ key: 'b1' }, { key: 'c1', entityName: 'cmp-counter' }, { key: 'nope' }]);
      expect(g.successfulKeys.map((k) => [k.key, k.value])).toEqual([
        ['b1', 1],
        ['c1', { seq: 1 }],
      ]);
      expect(g.failedKeys.map((k) => k.key)).toEqual(['nope']);
      await kvs.batchDelete([{ key: 'b1' }, { key: 'c1', entityName: 'cmp-counter' }]);
      expect(await kvs.get('b1')).toBeUndefined();
      expect(await codeOf(kvs.batchSet(Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }))))).toBe(KVS_ERROR_CODES.INVALID_BATCH);
      expect(await codeOf(kvs.batchGet([{ key: 'a' }, { key: 'a' }]))).toBe(KVS_ERROR_CODES.INVALID_BATCH);
    });
  });

  describe('custom entities', () => {
    it('enforces declared attribute types', async () => {
      const c = kvs.entity<Record<string, unknown>>('complaint');
      await c.set('c1', { number: 'KS-1', qty: 3, score: 1.5, closed: false, extra: { any: ['thing'] } });
      expect(await c.get('c1')).toEqual({ number: 'KS-1', qty: 3, score: 1.5, closed: false, extra: { any: ['thing'] } });
      expect(await codeOf(c.set('c2', { qty: 1.5 }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(c.set('c2', { qty: 2 ** 31 }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(c.set('c2', { number: 12 }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(c.set('c2', { number: '  ' }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(c.set('c2', { closed: 'yes' }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(c.set('c2', { undeclared: 1 }))).toBe(KVS_ERROR_CODES.INVALID_ENTITY_VALUE);
      expect(await codeOf(kvs.entity('not-declared').set('x', {}))).toBe(KVS_ERROR_CODES.ENTITY_NOT_FOUND);
      expect(await c.get('c2')).toBeUndefined();
      // entity keys are a separate namespace from plain KVS
      expect(await kvs.get('c1')).toBeUndefined();
    });

    it('index queries: partition + where + filters + sort + cursor', async () => {
      const c = kvs.entity<{ number?: string; severity?: string; dept?: string; qty?: number; closed?: boolean }>('complaint');
      const rows = [
        ['k01', 'QA', 5, 'high', false],
        ['k02', 'QA', 1, 'low', true],
        ['k03', 'QA', 9, 'high', false],
        ['k04', 'QA', 3, 'medium', false],
        ['k05', 'PROD', 7, 'high', false],
        ['k06', 'QA', 7, 'low', false],
      ] as const;
      for (const [k, dept, qty, severity, closed] of rows) await c.set(k, { number: `KS-${k}`, dept, qty, severity, closed });
      await c.set('k07', { number: 'KS-k07' }); // no dept/qty: not in by-dept-qty

      const qa = await c.query().index('by-dept-qty', { partition: ['QA'] }).getMany();
      expect(qa.results.map((r) => r.key)).toEqual(['k02', 'k04', 'k01', 'k06', 'k03']);

      const ranged = await c.query().index('by-dept-qty', { partition: ['QA'] }).where(WhereConditions.between(3, 7)).sort(Sort.DESC).getMany();
      expect(ranged.results.map((r) => r.value.qty)).toEqual([7, 5, 3]);

      const filtered = await c
        .query()
        .index('by-dept-qty', { partition: ['QA'] })
        .where(WhereConditions.greaterThan(1))
        .filters(new Filter<{ severity?: string; closed?: boolean }>().and('severity', FilterConditions.equalTo('high')).and('closed', FilterConditions.equalTo(false)))
        .getMany();
      expect(filtered.results.map((r) => r.key)).toEqual(['k01', 'k03']);

      const ored = await c
        .query()
        .index('by-severity')
        .filters(new Filter<{ severity?: string }>().or('severity', FilterConditions.beginsWith('me')).or('severity', FilterConditions.equalTo('low')))
        .getMany();
      expect(ored.results.map((r) => r.key)).toEqual(['k02', 'k06', 'k04']);

      // paging through the index with a cursor
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        let q = c.query().index('by-dept-qty', { partition: ['QA'] }).limit(2);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany();
        keys.push(...page.results.map((r) => r.key));
        cursor = page.nextCursor;
      } while (cursor);
      expect(keys).toEqual(['k02', 'k04', 'k01', 'k06', 'k03']);

      // simple index and the implicit by-key index
      expect((await c.query().index('number').where(WhereConditions.beginsWith('KS-k07')).getOne())?.key).toBe('k07');
      expect((await c.query().index('by-key').where(WhereConditions.beginsWith('k0')).limit(100).getMany()).results).toHaveLength(7);

      expect(await codeOf(c.query().index('by-dept-qty').getMany())).toBe(KVS_ERROR_CODES.INVALID_PARTITION);
      expect(await codeOf(c.query().index('nope').getMany())).toBe(KVS_ERROR_CODES.INVALID_ENTITY_INDEX);
      expect(await codeOf(c.query().index('number').limit(101).getMany())).toBe(KVS_ERROR_CODES.COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE);
    });
  });

  describe('transactions', () => {
    it('all-or-nothing with conditions, check and delete', async () => {
      const counter = kvs.entity<{ seq: number }>('cmp-counter');
      await counter.set('a', { seq: 1 });
      await counter.set('b', { seq: 5 });
      const failing = kvs
        .transact()
        .set('plain', 'x')
        .set('a', { seq: 2 }, { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.equalTo(1)) })
        .check('b', { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.greaterThan(10)) })
        .execute();
      expect(await codeOf(failing)).toBe(KVS_ERROR_CODES.CONDITION_CHECK_FAILED);
      expect(await kvs.get('plain')).toBeUndefined();
      expect(await counter.get('a')).toEqual({ seq: 1 });

      await kvs
        .transact()
        .set('plain', 'x', undefined, { ttl: { unit: 'MINUTES', value: 5 } })
        .set('a', { seq: 2 }, { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.equalTo(1)) })
        .check('b', { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.between(1, 10)) })
        .delete('c', { entityName: 'cmp-counter' })
        .execute();
      expect(await kvs.get('plain')).toBe('x');
      expect(await counter.get('a')).toEqual({ seq: 2 });

      // notExists on a missing item passes (create-if-absent inside a transaction)
      await kvs
        .transact()
        .set('new', { seq: 0 }, { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.notExists()) })
        .execute();
      expect(await counter.get('new')).toEqual({ seq: 0 });
      expect(
        await codeOf(
          kvs
            .transact()
            .set('new', { seq: 9 }, { entityName: 'cmp-counter', conditions: new Filter<{ seq: number }>().and('seq', FilterConditions.notExists()) })
            .execute(),
        ),
      ).toBe(KVS_ERROR_CODES.CONDITION_CHECK_FAILED);
    });

    it('limits: 25 ops, unique keys, conditions only on entities, validation failures abort everything', async () => {
      let t = kvs.transact();
      for (let i = 0; i < 26; i++) t = t.set(`k${i}`, i);
      expect(await codeOf(t.execute())).toBe(KVS_ERROR_CODES.INVALID_TRANSACTION);
      let ok = kvs.transact();
      for (let i = 0; i < 25; i++) ok = ok.set(`k${i}`, i);
      await ok.execute();
      expect(await kvs.get('k24')).toBe(24);

      expect(await codeOf(kvs.transact().set('dup', 1).delete('dup').execute())).toBe(KVS_ERROR_CODES.INVALID_TRANSACTION);
      expect(await codeOf(kvs.transact().set('x1', 1).set('x2', { seq: 1.5 }, { entityName: 'cmp-counter' }).execute())).toBe(
        KVS_ERROR_CODES.INVALID_ENTITY_VALUE,
      );
      expect(await kvs.get('x1')).toBeUndefined();
      // the real client rejects an empty Filter before sending
      expect(await codeOf(kvs.transact().set('e', { seq: 1 }, { entityName: 'cmp-counter', conditions: new Filter() }).execute())).toMatch(/^ForgeKvsError:/);
    });

    it('compare-and-set counter: 50 concurrent increments are unique and gap-free', async () => {
      configureKvs({ entities, latencyMs: 1 });
      const results = await Promise.all(Array.from({ length: 50 }, () => nextNumber('cn:2026')));
      const sorted = [...results].sort((a, b) => a - b);
      expect(sorted).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await kvs.entity<{ seq: number }>('cmp-counter').get('cn:2026')).toEqual({ seq: 50 });
    });
  });

  describe('persistence', () => {
    it('writes a JSON file atomically and reloads it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kvs-'));
      const backend = configureKvs({ entities, dataDir: dir });
      await kvs.set('persist', { a: 1 });
      await kvs.entity('cmp-counter').set('n', { seq: 7 });
      await backend.flush();
      const file = join(dir, 'kvs.json');
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
      configureKvs({ entities, dataDir: dir });
      expect(await kvs.get('persist')).toEqual({ a: 1 });
      expect(await kvs.entity('cmp-counter').get('n')).toEqual({ seq: 7 });
    });
  });
});
