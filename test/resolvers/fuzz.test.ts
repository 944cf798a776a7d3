/**
 * Generated payloads through every UI resolver definition, on the sandbox (the real runtime,
 * the Jira stand-in, the envelope of src/resolvers/define.ts): 10,000 calls in all, and not
 * one crash, not one `internal` error, not one answer outside the documented envelope
 * `{ ok: true, data } | { ok: false, error: { code, message, issues? } }`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { startSandbox, type Sandbox } from '../../sandbox/app';
import { getKvsBackend } from '../../sandbox/forge/kvs';
import { DEMO_USERS } from '../../sandbox/jira';
import { FIXED_OPTION_FIELDS, POLICY_OPTION_FIELDS } from '../../src/jira/fields';
import { definitions } from '../../src/resolvers/ui';
import { presetPolicy } from '../../src/rules';
import { setLogSink } from '../../src/services/log';

jest.setTimeout(600_000);

const RUNS_PER_DEFINITION = 1_000;
/** Codes the envelope documents; `internal` is among them but must never come from a payload. */
const CODES = new Set(['invalid-input', 'invalid-policy', 'forbidden', 'not-found', 'busy', 'unavailable', 'jira-refused']);

let sandbox: Sandbox;
let dir: string;
/** The resolvers' log lines at level error (an `internal` answer logs one). */
const errorLines: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink((level, line) => {
    if (level === 'error') errorLines.push(line);
  });
  dir = mkdtempSync(join(tmpdir(), 'kesu-fuzz-'));
  sandbox = await startSandbox({ port: 0, dataDir: dir, reset: true, demo: false, schedules: false, log: () => undefined });
});

afterAll(async () => {
  await sandbox?.close();
  await getKvsBackend().flush();
  rmSync(dir, { recursive: true, force: true });
  restoreLog();
});

/** Values that reach the interesting branches: near-valid strings and numbers, prototype names, odd JSON. */
const nasty = fc.oneof(
  fc.constantFrom('QC', 'SV', 'HR', 'qc', '', ' ', 'A'.repeat(21), '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'QC%2F..%2FSV', '1QC', 'Q C', 'zh-CN', 'en', '2026-13-40', '9999-12-31', '\u0000', '客诉'),
  fc.constantFrom(...Object.keys(POLICY_OPTION_FIELDS), ...Object.keys(FIXED_OPTION_FIELDS), 'complaint-number'),
  fc.constantFrom(0, -1, 1, 12, 13, 2000, 2100, 2101, 1_000_000, 1_000_001, 0.5, Number.MAX_SAFE_INTEGER, -0),
  fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);
const anyValue = fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }) });

/** A payload for one definition: mostly its own keys with generated values, sometimes anything at all. */
function payloads(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
  const ownKeys = shape.length
    ? fc.dictionary(fc.constantFrom(...shape), anyValue, { maxKeys: shape.length })
    : fc.constant({});
  const query = fc.record(
    {
      config: fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('projects', 'columns', 'pageSize', 'statuses'), anyValue, { maxKeys: 3 })),
      filters: fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('statuses', 'categories', 'from', 'to', 'overdueOnly'), anyValue, { maxKeys: 3 })),
      pageSize: anyValue,
    },
    { requiredKeys: [] },
  );
  const withQuery = shape.includes('query') ? fc.record({ query, offset: anyValue }, { requiredKeys: ['query'] }) : ownKeys;
  const withPolicy = shape.includes('policy') ? fc.record({ policy: fc.oneof(fc.constant(presetPolicy('food') as unknown), fc.anything({ maxDepth: 2 })), projectKey: anyValue }, { requiredKeys: ['policy'] }) : ownKeys;
  return fc.oneof(
    { weight: 4, arbitrary: ownKeys },
    { weight: 2, arbitrary: withQuery },
    { weight: 1, arbitrary: withPolicy },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 4 }) },
    { weight: 1, arbitrary: anyValue },
  );
}

function envelopeProblem(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return 'not an object';
  const a = answer as Record<string, unknown>;
  if (a.ok === true) return Object.keys(a).sort().join(',') === 'data,ok' ? null : `extra keys ${Object.keys(a).join(',')}`;
  if (a.ok !== false) return 'ok is not a boolean';
  if (Object.keys(a).sort().join(',') !== 'error,ok') return `extra keys ${Object.keys(a).join(',')}`;
  const e = a.error as Record<string, unknown> | undefined;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || e.message === '') return 'error without code and message';
  if (e.code === 'internal') return `internal: ${e.message}`;
  if (!CODES.has(e.code)) return `undocumented code ${e.code}`;
  if (e.issues !== undefined && !Array.isArray(e.issues)) return 'issues is not a list';
  if (Object.keys(e).some((k) => !['code', 'message', 'issues'].includes(k))) return `extra error keys ${Object.keys(e).join(',')}`;
  return null;
}

describe('fuzzing the resolvers through the envelope', () => {
  const seen = { total: 0, ok: 0, refused: 0 };

  afterAll(() => {
    // The suite's promise: 10,000 generated calls, some of which got past the payload check.
    expect(seen.total).toBeGreaterThanOrEqual(10_000);
    expect(seen.ok).toBeGreaterThan(0);
    expect(errorLines).toEqual([]);
  });

  it.each(definitions.map((d) => [d.key, d] as const))('%s', async (_key, d) => {
    await fc.assert(
      fc.asyncProperty(payloads(d.payloadSchema), fc.constantFrom('zh-CN', 'en-US', undefined), async (payload, locale) => {
        seen.total++;
        // Admin-only definitions are called as the admin so that their payload check runs;
        // the others as the sales clerk (who may browse SV only).
        const user = d.admin ? DEMO_USERS.admin : DEMO_USERS.sales;
        let answer: unknown;
        try {
          answer = await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call: d.key, payload, accountId: user.accountId, ...(locale ? { context: { locale } } : {}) });
        } catch (e) {
          throw new Error(`crash on ${JSON.stringify(payload)?.slice(0, 300)}: ${e instanceof Error ? e.message : String(e)}`);
        }
        const problem = envelopeProblem(answer);
        if (problem) throw new Error(`${problem} for ${JSON.stringify(payload)?.slice(0, 300)}`);
        if ((answer as { ok: boolean }).ok) seen.ok++;
        else seen.refused++;
      }),
      { numRuns: RUNS_PER_DEFINITION },
    );
  });
});
