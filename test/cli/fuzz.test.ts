/**
 * 10,000 generated inputs through the CLI's commands, in-process (`runCli`, what `npm run cli`
 * runs): junk JSON, near-valid inputs with hostile values (years 0000 and 9999, huge amounts,
 * working hours of one minute, shutdowns to 9999, ReDoS batch patterns, option ids named like
 * prototype keys, milestones out of order) — 0 crashes, 0 `internal` errors, and every answer
 * in a shape shared/spec/cli.md documents.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { COMMANDS, runCli } from '../../src/cli/commands';
import { MILESTONE_IDS, STATUS_IDS, presetPolicy } from '../../src/rules';

jest.setTimeout(600_000);

const INSTANT_OUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const instantOut = z.string().regex(INSTANT_OUT);
const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/** The documented answers (exit 0) per command. */
const answers: Record<string, z.ZodType> = {
  due: z.strictObject({ due: instantOut, provisional: z.boolean() }),
  number: z.union([
    z.strictObject({ number: z.string().min(1) }),
    z.strictObject({ year: z.number().int().min(1000).max(9999), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), sequence: z.number().int().min(0) }),
  ]),
  classify: z.union([
    z.strictObject({ class: z.string().nullable(), reasons: z.array(z.string()) }),
    z.strictObject({ severity: z.string().nullable(), reasons: z.array(z.string()) }),
  ]),
  evaluate: z.strictObject({
    clocks: z.array(
      z.strictObject({
        id: z.string(),
        start: instantOut,
        due: instantOut,
        stoppedAt: instantOut.nullable(),
        status: z.enum(['running', 'at-risk', 'met', 'breached', 'paused']),
        overdueMinutes: z.number().int().min(0),
        lateDays: z.number().int().min(0),
      }),
    ),
  }),
  'check-transition': z.strictObject({ ok: z.boolean(), violations: z.array(z.strictObject({ field: z.string(), rule: z.string(), message: localized })) }),
};
const errorAnswer = z.strictObject({ error: z.strictObject({ code: z.string().regex(/^[a-z][a-z-]*$/), message: z.string().min(1) }) });

// ----- generators ---------------------------------------------------------------------------
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 99, 999, 1000, 2026, 9998, 9999));
const offset = fc.constantFrom('Z', '+08:00', '-05:00', '+14:00', '-12:00', '+0800', '+23:59');
const anyInstant = fc.tuple(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), offset).map(
  ([y, mo, d, h, mi, off]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${off}`,
);
const plausibleInstant = fc
  .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([y, mo, d, h, mi]) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+08:00`);
const instant = fc.oneof(
  { weight: 6, arbitrary: plausibleInstant },
  { weight: 2, arbitrary: anyInstant },
  { weight: 1, arbitrary: fc.constantFrom('2026-09-30T10:00:00+08:00', '9999-12-31T23:59:59+08:00', '1000-01-01T00:00:00Z', 'yesterday', '2026-02-29T10:00:00Z', '') },
);
const duration = fc.record(
  {
    amount: fc.oneof(fc.integer({ min: -5, max: 100_001 }), fc.double({ noNaN: false }), fc.constantFrom(0.5, 1, 3, 100_000)),
    unit: fc.oneof(fc.constantFrom('minutes', 'hours', 'workingHours', 'workingDays', 'calendarDays'), fc.string({ maxLength: 8 })),
  },
  { requiredKeys: [] },
);
const hostileId = fc.constantFrom('toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'quality', 'qa', 'A', 'B', 'serious', 'major', 'nope');
/** Mostly an id some preset has, sometimes a hostile one. */
const optionId = (...valid: string[]): fc.Arbitrary<string> => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: hostileId });
const presetId = fc.constantFrom('food', 'auto-abc', 'general');
/** A preset with a few hostile edits (what an admin could try to save). */
const policyObject = fc
  .record(
    {
      preset: presetId,
      batchPattern: fc.constantFrom('^([A-Z0-9]+-?)+$', '(?=a)', '^(a)\\1$', '[', '.*', '^[A-Z]{2}\\d{6}$'),
      workingHours: fc.constantFrom([{ start: '09:00', end: '09:01' }], [{ start: '08:00', end: '17:00' }], [{ start: '18:00', end: '09:00' }], []),
      shutdowns: fc.constantFrom([], [{ from: '2026-10-01', to: '9999-12-31' }], [{ from: '1000-01-01', to: '2026-12-31' }], [{ from: '0050-01-01', to: '0060-01-01' }]),
      extraId: hostileId,
      timeZone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Mars/Olympus', 'UTC'),
    },
    { requiredKeys: ['preset'] },
  )
  .map((r) => {
    const p = JSON.parse(JSON.stringify(presetPolicy(r.preset as 'food'))) as Record<string, unknown> & {
      calendar: Record<string, unknown>;
      departments: { id: string; label: { 'zh-CN': string; en: string } }[];
    };
    if (r.batchPattern !== undefined) p.batchPattern = r.batchPattern;
    if (r.workingHours !== undefined) p.workingHours = r.workingHours;
    if (r.shutdowns !== undefined) p.calendar.shutdowns = r.shutdowns;
    if (r.extraId !== undefined) p.departments.push({ id: r.extraId, label: { 'zh-CN': '部门', en: 'Dept' } });
    if (r.timeZone !== undefined) p.timeZone = r.timeZone;
    return p;
  });
const policy = fc.oneof({ weight: 4, arbitrary: presetId }, { weight: 2, arbitrary: policyObject }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const complaint = fc.oneof(
  { weight: 5, arbitrary: fc.record(
    {
      category: optionId('quality', 'delivery', 'service', 'other', 'notice', 'packaging'),
      severity: optionId('major', 'minor', 'serious', 'general'),
      class: optionId('A', 'B', 'C'),
      responsibleDepartment: optionId('qa', 'production', 'sales', 'logistics'),
      rootCauseCategory: optionId('man', 'machine', 'material', 'method'),
      batch: fc.oneof(fc.constantFrom('A'.repeat(27) + '!', 'AB-'.repeat(34_000) + '!', 'B2026-001'), fc.string({ maxLength: 30 })),
      lossAmount: fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.double()),
      shippedQuantity: fc.integer({ min: -1, max: 1e7 }),
      defectQuantity: fc.integer({ min: -1, max: 1e7 }),
      lineStop: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
      registeredAt: instant,
      partNumber: fc.string({ maxLength: 12 }),
      satisfaction: fc.constantFrom('satisfied', 'unsatisfied', 'toString'),
      effectiveness: fc.array(fc.record({ month: fc.integer({ min: -1, max: 13 }), recurred: fc.boolean() }), { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const milestonesOf = (at: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...MILESTONE_IDS), at, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('toString', '__proto__', 'started', 'registered'), at, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
/** Milestones in the workflow's order (what the app records): the success paths. */
const orderedMilestones = fc.dictionary(fc.constantFrom(...MILESTONE_IDS), fc.integer({ min: 0, max: 400 * 86_400 }), { maxKeys: 5 }).map((m) => {
  const ids = MILESTONE_IDS.filter((id) => id in m);
  const offsets = ids.map((id) => m[id]!).sort((a, b) => a - b);
  const base = Date.parse('2025-06-01T08:00:00+08:00');
  return Object.fromEntries(ids.map((id, i) => [id, new Date(base + offsets[i]! * 1000).toISOString()]));
});
const historyOf = (at: fc.Arbitrary<string>) =>
  fc.array(fc.record({ partNumber: fc.constantFrom('3943450', 'x'), category: hostileId, class: hostileId, registeredAt: at }, { requiredKeys: [] }), { maxLength: 5 });
const pausesOf = (at: fc.Arbitrary<string>) => fc.array(fc.record({ from: at, to: fc.oneof(at, fc.constant(null)) }, { requiredKeys: ['from'] }), { maxLength: 3 });
/** A complaint whose values fit the presets (option ids from §4), for the success paths. */
const plausibleComplaint = fc.record(
  {
    category: fc.constantFrom('quality', 'delivery', 'service', 'other'),
    severity: fc.constantFrom('major', 'minor'),
    responsibleDepartment: fc.constantFrom('qa', 'production', 'sales'),
    lossAmount: fc.integer({ min: 0, max: 20_000 }),
    lineStop: fc.boolean(),
    partNumber: fc.constantFrom('3943450', '3968074'),
    batch: fc.constantFrom('B2026-001', 'A'.repeat(27) + '!', 'LOT-20260918'),
  },
  { requiredKeys: [] },
);

const hostileInputs: Record<string, fc.Arbitrary<unknown>> = {
  due: fc.record({ policy, start: instant, duration }, { requiredKeys: [] }),
  number: fc.oneof(
    fc.record({ policy, registeredAt: instant, sequence: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.double()) }, { requiredKeys: [] }),
    fc.record({ policy, parse: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('260118007', '000000000', '991301001')) }, { requiredKeys: [] }),
  ),
  classify: fc.record({ policy, complaint, history: historyOf(instant) }, { requiredKeys: ['policy'] }),
  evaluate: fc.record({ policy, complaint, milestones: milestonesOf(instant), now: instant, history: historyOf(instant), pauses: pausesOf(instant) }, { requiredKeys: ['policy', 'milestones', 'now'] }),
  'check-transition': fc.record(
    { policy, complaint, milestones: milestonesOf(instant), to: fc.oneof(fc.constantFrom(...STATUS_IDS), fc.constantFrom('toString', 'done')), now: instant, history: historyOf(instant), pauses: pausesOf(instant) },
    { requiredKeys: ['policy', 'to'] },
  ),
};
const plausiblePolicy = fc.oneof({ weight: 3, arbitrary: presetId }, { weight: 1, arbitrary: policyObject });
const plausibleInputs: Record<string, fc.Arbitrary<unknown>> = {
  due: fc.record({ policy: plausiblePolicy, start: plausibleInstant, duration }),
  number: fc.record({ policy: plausiblePolicy, registeredAt: plausibleInstant, sequence: fc.integer({ min: 0, max: 1200 }) }),
  classify: fc.record({ policy: presetId, complaint: plausibleComplaint, history: historyOf(plausibleInstant) }, { requiredKeys: ['policy', 'complaint'] }),
  evaluate: fc.record({ policy: plausiblePolicy, complaint: plausibleComplaint, milestones: orderedMilestones, now: plausibleInstant, pauses: pausesOf(plausibleInstant) }, { requiredKeys: ['policy', 'complaint', 'milestones', 'now'] }),
  'check-transition': fc.record(
    { policy: plausiblePolicy, complaint: plausibleComplaint, milestones: orderedMilestones, to: fc.constantFrom(...STATUS_IDS), now: plausibleInstant },
    { requiredKeys: ['policy', 'complaint', 'to'] },
  ),
};

const call = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...COMMANDS).chain((command) => hostileInputs[command]!.map((input) => ({ command, raw: JSON.stringify(input) }))) },
  { weight: 6, arbitrary: fc.constantFrom(...COMMANDS).chain((command) => plausibleInputs[command]!.map((input) => ({ command, raw: JSON.stringify(input) }))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.jsonValue()).map(([command, v]) => ({ command, raw: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS, 'deadline', ''), fc.string({ maxLength: 40 })).map(([command, raw]) => ({ command, raw })) },
);

it('10,000 generated inputs: no crash, no internal error, only documented answers', () => {
  const seen: Record<string, number> = {};
  fc.assert(
    fc.property(call, ({ command, raw }) => {
      const r = runCli(command, raw); // a throw fails the property: a crash
      const key = `${command}:${r.exitCode}`;
      seen[key] = (seen[key] ?? 0) + 1;
      if (r.exitCode === 0) {
        const shape = answers[command]!.safeParse(r.output);
        if (!shape.success) throw new Error(`undocumented answer to ${command}: ${JSON.stringify(r.output).slice(0, 300)}`);
        return;
      }
      expect(r.exitCode).toBe(2);
      const e = errorAnswer.safeParse(r.output);
      if (!e.success) throw new Error(`undocumented error shape: ${JSON.stringify(r.output).slice(0, 300)}`);
      if (e.data.error.code === 'internal') throw new Error(`internal error for ${command} ${raw.slice(0, 300)}: ${e.data.error.message}`);
      expect(e.data.error.message).not.toMatch(/\n\s+at /);
    }),
    { numRuns: 10_000, seed: 12 },
  );
  // The generators reach every command's success path, not only its refusals.
  for (const command of COMMANDS) expect(seen[`${command}:0`] ?? 0).toBeGreaterThan(20);
});
