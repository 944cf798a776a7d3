/**
 * Every rules call has bounded cost and bounded output (issue 12): batch patterns run in linear
 * time, option ids cannot shadow prototype keys, years stay within 1000–9999, working-time
 * walks are limited, and a milestone cannot stop a clock before it started.
 */
import {
  RulesError,
  batchMatches,
  computeDue,
  daysInMonth,
  evaluateClocks,
  parseInstant,
  parseIsoDate,
  parsePolicy,
  utcMs,
} from '../../src/rules';
import { ms, presetCopy } from './helpers';

function rulesError(f: () => unknown): RulesError {
  try {
    f();
  } catch (e) {
    if (e instanceof RulesError) return e;
    throw e;
  }
  throw new Error('expected a RulesError');
}

describe('years', () => {
  it('builds dates of years 0–99 as themselves, not as 1900–1999', () => {
    expect(new Date(utcMs(50, 1, 18)).getUTCFullYear()).toBe(50);
    expect(new Date(utcMs(0, 2, 29)).toISOString().slice(0, 10)).toBe('0000-02-29'); // year 0 is a leap year
    expect(daysInMonth(100, 2)).toBe(28);
    expect(utcMs(2026, 3, 1, 10, 30)).toBe(Date.UTC(2026, 2, 1, 10, 30));
  });

  it('refuses instants and dates before year 1000', () => {
    expect(parseInstant('0999-12-31T23:59:59Z')).toBeNull();
    expect(parseInstant('0050-01-18T10:00:00+08:00')).toBeNull();
    expect(parseIsoDate('0099-01-01')).toBeNull();
    expect(parseInstant('1000-01-01T00:00:00Z')).toBe(utcMs(1000, 1, 1));
  });

  it('refuses a due date after 9999', () => {
    const e = rulesError(() => computeDue(presetCopy('general'), ms('9999-12-31T10:00:00+08:00'), { amount: 1, unit: 'calendarDays' }));
    expect(e.code).toBe('out-of-range');
    expect(e.issues[0]!.message['zh-CN']).toContain('9999');
  });
});

describe('working-time walks', () => {
  it('a shutdown to 9999-12-31 answers within milliseconds', () => {
    const policy = presetCopy('general');
    policy.calendar.shutdowns = [{ from: '2026-10-01', to: '9999-12-31' }];
    const started = Date.now();
    const e = rulesError(() => computeDue(policy, ms('2026-09-30T10:00:00+08:00'), { amount: 3, unit: 'workingDays' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e.code).toBe('out-of-range');
    expect(e.issues[0]!.rule).toBe('range');
  });

  it('one working minute a day and 100,000 working hours is refused, not an internal error', () => {
    const policy = presetCopy('general');
    policy.workingHours = [{ start: '09:00', end: '09:01' }];
    const e = rulesError(() => computeDue(policy, ms('2026-09-30T10:00:00+08:00'), { amount: 100_000, unit: 'workingHours' }));
    expect(e.code).toBe('out-of-range');
    expect(e.issues[0]!.message.en).toMatch(/100 years/);
  });
});

describe('milestones', () => {
  it('a stop milestone before its clock starts is invalid input naming the milestone', () => {
    const policy = presetCopy('general');
    const e = rulesError(() =>
      evaluateClocks(policy, { category: 'quality', severity: 'major' }, { registered: '2026-03-09T10:00:00+08:00', assigned: '2026-03-01T10:00:00+08:00' }, ms('2026-03-10T10:00:00+08:00')),
    );
    expect(e.code).toBe('invalid-input');
    expect(e.issues[0]!.field).toBe('milestones.assigned');
    expect(e.issues[0]!.message['zh-CN']).toMatch(/早于/);
  });
});

describe('batch patterns (RE2)', () => {
  const redos = '^([A-Z0-9]+-?)+$';

  it('matches a ReDoS pattern against a 28-character and a 100 KB batch in under 100 ms', () => {
    for (const batch of ['A'.repeat(27) + '!', 'AB-'.repeat(34_000) + '!', 'AB-'.repeat(34_000) + 'A']) {
      const times = [0, 1, 2].map(() => {
        const started = Date.now();
        batchMatches(redos, batch);
        return Date.now() - started;
      });
      expect(Math.min(...times)).toBeLessThan(100); // best of three on a shared machine
      const matched = batchMatches(redos, batch);
      expect(matched).toBe(!batch.endsWith('!'));
    }
  });

  it('a pattern RE2 cannot run (look-ahead, back-reference) is refused at policy validation', () => {
    for (const batchPattern of ['^(?=B)[A-Z0-9]+$', '^(a)\\1$', '^([A-Z]+$']) {
      const policy = { ...presetCopy('general'), batchPattern };
      const e = rulesError(() => parsePolicy(policy));
      expect(e.issues.map((i) => [i.field, i.rule])).toEqual([['policy.batchPattern', 'format']]);
    }
    expect(() => parsePolicy({ ...presetCopy('general'), batchPattern: redos })).not.toThrow();
  });
});

describe('option ids', () => {
  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'prototype'])('refuses %s as an option id', (id) => {
    const policy = presetCopy('general');
    policy.departments.push({ id, label: { 'zh-CN': '部门', en: 'Department' } });
    const e = rulesError(() => parsePolicy(policy));
    expect(e.issues.some((i) => i.rule === 'reserved' && i.field.startsWith('policy.departments'))).toBe(true);
  });
});
