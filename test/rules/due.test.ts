/**
 * Due moments for every duration unit (domain.md §4), output offsets, and a policy in a zone
 * with daylight saving time.
 */
import { computeDue, formatInstant, presetPolicy, type Duration, type Policy } from '../../src/rules';
import { ms, presetCopy } from './helpers';

const general = presetPolicy('general');

function due(start: string, amount: number, unit: Duration['unit'], policy: Policy = general): string {
  return formatInstant(computeDue(policy, ms(start), { amount, unit }).due, policy.timeZone);
}

describe('workingDays', () => {
  it('never counts the start date, whatever the hour', () => {
    expect(due('2026-03-09T00:00:00+08:00', 1, 'workingDays')).toBe('2026-03-10T18:00:00+08:00');
    expect(due('2026-03-09T08:59:00+08:00', 1, 'workingDays')).toBe('2026-03-10T18:00:00+08:00');
    expect(due('2026-03-09T23:59:59+08:00', 1, 'workingDays')).toBe('2026-03-10T18:00:00+08:00');
  });

  it('from a weekend or holiday counts the next working days', () => {
    expect(due('2026-03-07T10:00:00+08:00', 1, 'workingDays')).toBe('2026-03-09T18:00:00+08:00'); // Sat → Mon
    expect(due('2026-10-03T10:00:00+08:00', 2, 'workingDays')).toBe('2026-10-09T18:00:00+08:00'); // holiday → 8, 9 Oct
  });

  it('uses the local date in the policy zone, not the instant\'s own offset', () => {
    // 2026-03-08T17:00Z is Mon 9 Mar 01:00 in Shanghai: Tue 10 Mar is the first working day after.
    expect(due('2026-03-08T17:00:00Z', 1, 'workingDays')).toBe('2026-03-10T18:00:00+08:00');
    // 2026-03-09T15:59Z is still Mon 9 Mar 23:59 in Shanghai.
    expect(due('2026-03-09T15:59:00Z', 1, 'workingDays')).toBe('2026-03-10T18:00:00+08:00');
    expect(due('2026-03-09T16:00:00Z', 1, 'workingDays')).toBe('2026-03-11T18:00:00+08:00');
  });

  it('the general preset\'s 5-day reply over Spring Festival', () => {
    // Thu 12 Feb 2026 → Fri 13, Sat 14 (调休), Tue 24, Wed 25, Thu 26.
    expect(due('2026-02-12T15:00:00+08:00', 5, 'workingDays')).toBe('2026-02-26T18:00:00+08:00');
  });
});

describe('workingHours', () => {
  it('counts inside working hours and skips the lunch break', () => {
    expect(due('2026-03-09T10:00:00+08:00', 1, 'workingHours')).toBe('2026-03-09T11:00:00+08:00');
    expect(due('2026-03-09T11:30:00+08:00', 1, 'workingHours')).toBe('2026-03-09T13:30:00+08:00');
    expect(due('2026-03-09T10:00:00+08:00', 8, 'workingHours')).toBe('2026-03-10T10:00:00+08:00');
  });

  it('a start outside working hours counts from the next working moment', () => {
    expect(due('2026-03-09T07:00:00+08:00', 1, 'workingHours')).toBe('2026-03-09T10:00:00+08:00');
    expect(due('2026-03-09T12:20:00+08:00', 1, 'workingHours')).toBe('2026-03-09T14:00:00+08:00');
    expect(due('2026-03-09T19:30:00+08:00', 1, 'workingHours')).toBe('2026-03-10T10:00:00+08:00');
    expect(due('2026-03-07T10:00:00+08:00', 2, 'workingHours')).toBe('2026-03-09T11:00:00+08:00'); // Sat
    expect(due('2026-09-30T19:30:00+08:00', 1, 'workingHours')).toBe('2026-10-08T10:00:00+08:00'); // National Day
  });

  it('lands exactly on the end of an interval rather than the start of the next', () => {
    expect(due('2026-03-09T09:00:00+08:00', 3, 'workingHours')).toBe('2026-03-09T12:00:00+08:00');
    expect(due('2026-03-09T09:00:00+08:00', 8, 'workingHours')).toBe('2026-03-09T18:00:00+08:00');
    expect(due('2026-03-09T09:00:00+08:00', 16, 'workingHours')).toBe('2026-03-10T18:00:00+08:00');
    expect(due('2026-03-09T13:00:00+08:00', 5, 'workingHours')).toBe('2026-03-09T18:00:00+08:00');
  });

  it('fractional hours count minutes', () => {
    expect(due('2026-03-09T11:45:00+08:00', 0.5, 'workingHours')).toBe('2026-03-09T13:15:00+08:00');
  });
});

describe('calendarDays', () => {
  it('is due at 23:59:59 local of the start date + N', () => {
    expect(due('2026-03-09T10:00:00+08:00', 2, 'calendarDays')).toBe('2026-03-11T23:59:59+08:00');
    expect(due('2026-03-09T00:00:00+08:00', 15, 'calendarDays')).toBe('2026-03-24T23:59:59+08:00');
    // Holidays do not matter.
    expect(due('2026-09-30T10:00:00+08:00', 7, 'calendarDays')).toBe('2026-10-07T23:59:59+08:00');
    // Month end.
    expect(due('2026-01-30T10:00:00+08:00', 2, 'calendarDays')).toBe('2026-02-01T23:59:59+08:00');
  });

  it('takes the start date in the policy zone', () => {
    // 2026-03-09T20:00Z is 10 Mar 04:00 in Shanghai.
    expect(due('2026-03-09T20:00:00Z', 1, 'calendarDays')).toBe('2026-03-11T23:59:59+08:00');
  });
});

describe('minutes and hours are wall-clock', () => {
  it('adds N minutes / hours regardless of working time', () => {
    expect(due('2026-03-09T10:00:00+08:00', 30, 'minutes')).toBe('2026-03-09T10:30:00+08:00');
    expect(due('2026-03-07T23:45:00+08:00', 30, 'minutes')).toBe('2026-03-08T00:15:00+08:00');
    expect(due('2026-09-30T20:00:00+08:00', 24, 'hours')).toBe('2026-10-01T20:00:00+08:00');
    expect(due('2026-03-09T10:00:00+08:00', 2, 'hours')).toBe('2026-03-09T12:00:00+08:00');
  });
});

describe('offsets on output', () => {
  it('instants given in Z or another offset come out with +08:00, seconds, no milliseconds', () => {
    expect(due('2026-03-09T02:00:00Z', 30, 'minutes')).toBe('2026-03-09T10:30:00+08:00');
    expect(due('2026-03-09T04:00:00+02:00', 30, 'minutes')).toBe('2026-03-09T10:30:00+08:00');
    expect(due('2026-03-09T02:00:00.750Z', 30, 'minutes')).toBe('2026-03-09T10:30:00+08:00');
    expect(due('2026-03-08T21:00:00-05:00', 1, 'hours')).toBe('2026-03-09T11:00:00+08:00');
  });
});

describe('a policy in America/New_York across the DST change', () => {
  const ny = presetCopy('general');
  ny.timeZone = 'America/New_York';
  ny.calendar.country = 'none';

  it('workingDays end at 18:00 local with the new offset', () => {
    // Fri 6 Mar 2026 (EST, -05:00) + 1 working day → Mon 9 Mar, DST began on Sun 8 Mar.
    expect(due('2026-03-06T10:00:00-05:00', 1, 'workingDays', ny)).toBe('2026-03-09T18:00:00-04:00');
    // Fri 30 Oct (EDT) + 1 → Mon 2 Nov (EST).
    expect(due('2026-10-30T10:00:00-04:00', 1, 'workingDays', ny)).toBe('2026-11-02T18:00:00-05:00');
  });

  it('calendarDays end at 23:59:59 local', () => {
    expect(due('2026-03-07T12:00:00-05:00', 1, 'calendarDays', ny)).toBe('2026-03-08T23:59:59-04:00');
    expect(due('2026-10-31T12:00:00-04:00', 1, 'calendarDays', ny)).toBe('2026-11-01T23:59:59-05:00');
  });

  it('hours are elapsed time: 24 h over the spring change is 13:00 the next day', () => {
    expect(due('2026-03-07T12:00:00-05:00', 24, 'hours', ny)).toBe('2026-03-08T13:00:00-04:00');
  });

  it('workingHours continue at 09:00 local after the change', () => {
    expect(due('2026-03-06T17:00:00-05:00', 2, 'workingHours', ny)).toBe('2026-03-09T10:00:00-04:00');
    expect(due('2026-10-30T17:00:00-04:00', 2, 'workingHours', ny)).toBe('2026-11-02T10:00:00-05:00');
  });

  it('the local date of the start is taken in New York, not in UTC', () => {
    // 2026-03-10T02:00Z is Mon 9 Mar 22:00 in New York → 1 working day → Tue 10 Mar.
    expect(due('2026-03-10T02:00:00Z', 1, 'workingDays', ny)).toBe('2026-03-10T18:00:00-04:00');
  });
});
