/**
 * Property tests (fast-check). Oracles come from the data package and naive day-by-day walks
 * in test/rules/helpers.ts, never from the implementation.
 */
import fc from 'fast-check';
import { runCli } from '../../src/cli/commands';
import { computeDue, formatInstant, presetPolicy } from '../../src/rules';
import { DEFAULT_INTERVALS, isChineseWorkingDate, localAt, ms, naiveAddWorkingMinutes, naiveNthWorkingDay, weekday } from './helpers';

const policy = presetPolicy('general');
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** Instants from 2024-01-01 to 2027-06-30 (into the year the data does not cover), whole seconds. */
const instantArb = fc
  .integer({ min: ms('2024-01-01T00:00:00+08:00') / 1000, max: ms('2027-06-30T23:59:59+08:00') / 1000 })
  .map((s) => s * 1000);
/** Instants inside the years the national data covers, so the oracle applies. */
const coveredArb = fc
  .integer({ min: ms('2024-01-01T00:00:00+08:00') / 1000, max: ms('2026-11-30T23:59:59+08:00') / 1000 })
  .map((s) => s * 1000);

function isWorkingDate(date: string): boolean {
  // 2027 is not in the data: weekends only.
  if (date >= '2027-01-01') return weekday(date) !== 0 && weekday(date) !== 6;
  return isChineseWorkingDate(date);
}

describe('workingDays', () => {
  it('always lands on a working day at 18:00 local (+08:00)', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const r = computeDue(policy, start, { amount: n, unit: 'workingDays' });
        const text = formatInstant(r.due, policy.timeZone);
        expect(text).toMatch(/T18:00:00\+08:00$/);
        const { date, minute } = localAt(r.due);
        expect(minute).toBe(18 * 60);
        expect(isWorkingDate(date)).toBe(true);
        expect(date > localAt(start).date).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('is the N-th working day after the start date, counted naively', () => {
    fc.assert(
      fc.property(coveredArb, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const r = computeDue(policy, start, { amount: n, unit: 'workingDays' });
        expect(localAt(r.due).date).toBe(naiveNthWorkingDay(localAt(start).date, n));
        expect(r.provisional).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 20 * 86_400 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 }), (start, shiftS, n, extra) => {
        const a = computeDue(policy, start, { amount: n, unit: 'workingDays' }).due;
        const more = computeDue(policy, start, { amount: n + extra, unit: 'workingDays' }).due;
        const later = computeDue(policy, start + shiftS * 1000, { amount: n, unit: 'workingDays' }).due;
        expect(more).toBeGreaterThanOrEqual(a);
        if (extra > 0) expect(more).toBeGreaterThan(a);
        expect(later).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('workingHours', () => {
  it('due is within working hours of a working day', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 8 * 60 * 15 }), (start, minutes) => {
        const r = computeDue(policy, start, { amount: minutes / 60, unit: 'workingHours' });
        const { date, minute } = localAt(r.due);
        expect(isWorkingDate(date)).toBe(true);
        // Inside an interval; a due exactly on an interval end is allowed, on its start is not.
        expect(DEFAULT_INTERVALS.some(([s, e]) => minute > s && minute <= e)).toBe(true);
        expect(r.due).toBeGreaterThan(start);
      }),
      { numRuns: RUNS },
    );
  });

  it('matches a naive interval-by-interval walk', () => {
    fc.assert(
      fc.property(coveredArb, fc.integer({ min: 1, max: 8 * 60 * 15 }), (start, minutes) => {
        const r = computeDue(policy, start, { amount: minutes / 60, unit: 'workingHours' });
        expect(new Date(r.due).toISOString()).toBe(new Date(naiveAddWorkingMinutes(start, minutes)).toISOString());
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 5 * 86_400 }), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 600 }), (start, shiftS, m, extra) => {
        const a = computeDue(policy, start, { amount: m / 60, unit: 'workingHours' }).due;
        expect(computeDue(policy, start, { amount: (m + extra) / 60, unit: 'workingHours' }).due).toBeGreaterThanOrEqual(a);
        expect(computeDue(policy, start + shiftS * 1000, { amount: m / 60, unit: 'workingHours' }).due).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('calendarDays', () => {
  it('is 23:59:59 local of the start date + N', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const due = computeDue(policy, start, { amount: n, unit: 'calendarDays' }).due;
        const startDate = localAt(start).date;
        expect(formatInstant(due, policy.timeZone)).toBe(`${new Date(ms(`${startDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)}T23:59:59+08:00`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('runCli evaluate never throws', () => {
  function expectStructured(raw: string): void {
    const r = runCli('evaluate', raw);
    if (r.exitCode === 0) {
      expect(Array.isArray((r.output as { clocks: unknown[] }).clocks)).toBe(true);
    } else {
      expect(r.exitCode).toBe(2);
      const err = (r.output as { error: { code: unknown; message: unknown } }).error;
      expect(Object.keys(r.output as object)).toEqual(['error']);
      expect(typeof err.code).toBe('string');
      expect(typeof err.message).toBe('string');
      expect(err.code).not.toBe('internal');
      expect(err.message).not.toMatch(/\n\s+at /);
    }
  }

  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectStructured(JSON.stringify(value) ?? 'null');
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => expectStructured(s)),
      { numRuns: RUNS },
    );
  });

  it('near-valid inputs with random fields', () => {
    const iso = fc.oneof(
      instantArb.map((t) => new Date(t).toISOString()),
      instantArb.map((t) => formatInstant(t, 'Asia/Shanghai')),
      fc.string(),
      fc.constant(null),
    );
    const complaint = fc.record(
      {
        category: fc.constantFrom('quality', 'packaging', 'service', 'delivery', 'notice', 'other', 'nope', ''),
        class: fc.constantFrom('A', 'B', 'C', 'Z'),
        severity: fc.constantFrom('serious', 'minor', 'major', 'normal'),
        lossAmount: fc.oneof(fc.double(), fc.integer()),
        lineStop: fc.oneof(fc.boolean(), fc.string()),
        shippedQuantity: fc.integer({ min: -5, max: 10_000 }),
        defectQuantity: fc.integer({ min: -5, max: 10_000 }),
        partNumber: fc.string(),
        batch: fc.string(),
        registeredAt: iso,
      },
      { requiredKeys: [] },
    );
    const milestones = fc.dictionary(
      fc.constantFrom('registered', 'assigned', 'first-response', 'containment', 'investigated', 'solution-proposed', 'resolved', 'replied', 'follow-up', '8d-done', 'closed', 'bogus'),
      iso,
    );
    const input = fc.record(
      {
        policy: fc.oneof(fc.constantFrom('food', 'auto-abc', 'general', 'bakery'), fc.constant({})),
        complaint: fc.oneof(complaint, fc.anything()),
        milestones,
        now: iso,
        history: fc.array(fc.record({ partNumber: fc.string(), category: fc.string(), class: fc.constantFrom('A', 'B'), registeredAt: iso }), { maxLength: 4 }),
        pauses: fc.array(fc.record({ from: iso, to: iso }, { requiredKeys: ['from'] }), { maxLength: 3 }),
      },
      { requiredKeys: ['policy', 'complaint', 'milestones', 'now'] },
    );
    fc.assert(
      fc.property(input, (value) => expectStructured(JSON.stringify(value))),
      { numRuns: RUNS },
    );
  });

  it('valid inputs always succeed with well-formed clocks', () => {
    const categories = { food: ['service', 'packaging', 'quality', 'suggestion', 'other'], 'auto-abc': ['quality', 'delivery', 'notice'], general: ['quality', 'delivery', 'service', 'other'] };
    const milestoneIds = ['registered', 'assigned', 'first-response', 'containment', 'investigated', 'solution-proposed', 'resolved', 'replied', 'follow-up'];
    const input = fc.constantFrom('food', 'auto-abc', 'general').chain((policy) =>
      fc.record({
        policy: fc.constant(policy),
        complaint: fc.record(
          {
            category: fc.constantFrom(...categories[policy as keyof typeof categories]),
            lossAmount: fc.integer({ min: 0, max: 20_000 }),
            lineStop: fc.boolean(),
            partNumber: fc.constantFrom('3943450', '3968074'),
          },
          { requiredKeys: [] },
        ),
        // Valid milestones follow the workflow's order (a clock cannot stop before it starts).
        milestones: fc
          .dictionary(fc.constantFrom(...milestoneIds), instantArb)
          .map((m) => {
            const ids = milestoneIds.filter((id) => id in m);
            const times = ids.map((id) => m[id]!).sort((a, b) => a - b);
            return Object.fromEntries(ids.map((id, i) => [id, new Date(times[i]!).toISOString()]));
          }),
        now: instantArb.map((t) => formatInstant(t, 'Asia/Shanghai')),
        pauses: fc.array(
          fc.tuple(instantArb, fc.integer({ min: 0, max: 5 * 86_400 })).map(([t, len]) => ({
            from: new Date(t).toISOString(),
            to: new Date(t + len * 1000).toISOString(),
          })),
          { maxLength: 2 },
        ),
      }),
    );
    fc.assert(
      fc.property(input, (value) => {
        const r = runCli('evaluate', JSON.stringify(value));
        expect(r.exitCode).toBe(0);
        const clocks = (r.output as { clocks: Record<string, unknown>[] }).clocks;
        for (const c of clocks) {
          expect(['running', 'at-risk', 'met', 'breached', 'paused']).toContain(c.status);
          expect(c.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
          expect(c.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
          expect(ms(c.due as string)).toBeGreaterThan(ms(c.start as string));
          const overdue = c.overdueMinutes as number;
          expect(c.lateDays).toBe(Math.ceil(overdue / 1440));
          expect(overdue > 0).toBe(c.status === 'breached');
          if (c.status === 'met') expect(c.stoppedAt).not.toBeNull();
          if (c.status === 'running' || c.status === 'at-risk' || c.status === 'paused') expect(c.stoppedAt).toBeNull();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
