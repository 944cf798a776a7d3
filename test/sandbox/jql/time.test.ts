/** Zone arithmetic behind date literals and startOf…() functions. */
import { addIncrement, endOf, parseAbsoluteDate, parseIncrement, parseRelativePeriod, startOf } from '../../../sandbox/jira/jql/time';

describe('parseAbsoluteDate', () => {
  test('REST forms with +0800, +08:00 and Z are the same instant', () => {
    const a = parseAbsoluteDate('2026-10-10T18:00:00.000+0800', 'UTC');
    expect(a).toBe(Date.parse('2026-10-10T10:00:00Z'));
    expect(parseAbsoluteDate('2026-10-10T18:00:00.000+08:00', 'UTC')).toBe(a);
    expect(parseAbsoluteDate('2026-10-10T10:00:00Z', 'Asia/Shanghai')).toBe(a);
  });
  test('JQL forms without an offset are read in the zone', () => {
    expect(parseAbsoluteDate('2026-10-10 18:00', 'Asia/Shanghai')).toBe(Date.parse('2026-10-10T10:00:00Z'));
    expect(parseAbsoluteDate('2026/10/10', 'America/New_York')).toBe(Date.parse('2026-10-10T04:00:00Z'));
  });
  test('rejects impossible dates and other text', () => {
    expect(parseAbsoluteDate('2026-02-29', 'UTC')).toBeUndefined();
    expect(parseAbsoluteDate('2026-10-10 24:00', 'UTC')).toBeUndefined();
    expect(parseAbsoluteDate('-7d', 'UTC')).toBeUndefined();
  });
});

describe('periods and increments', () => {
  test('relative periods', () => {
    expect(parseRelativePeriod('-7d')).toBe(-7 * 86_400_000);
    expect(parseRelativePeriod('4h')).toBe(4 * 3_600_000);
    expect(parseRelativePeriod('-1w 2d')).toBe(-9 * 86_400_000);
    expect(parseRelativePeriod('7')).toBeUndefined();
  });
  test('increments default to the function period', () => {
    expect(parseIncrement('-1', 'M')).toEqual({ n: -1, unit: 'M' });
    expect(parseIncrement('+2w', 'd')).toEqual({ n: 2, unit: 'w' });
    expect(parseIncrement('soon', 'd')).toBeUndefined();
  });
  test('month arithmetic clamps to the end of the month', () => {
    const jan31 = Date.parse('2026-01-31T00:00:00+08:00');
    expect(addIncrement(jan31, { n: 1, unit: 'M' }, 'Asia/Shanghai')).toBe(Date.parse('2026-02-28T00:00:00+08:00'));
  });
});

describe('start and end of periods across DST (America/New_York, 2026-11-01 has 25 hours)', () => {
  const tz = 'America/New_York';
  const noon = Date.parse('2026-11-01T12:00:00-05:00');
  test('startOf day is local midnight (still EDT)', () => {
    expect(startOf('day', noon, tz, 1)).toBe(Date.parse('2026-11-01T00:00:00-04:00'));
  });
  test('endOf day is 23:59:59.999 local (EST)', () => {
    expect(endOf('day', noon, tz, 1)).toBe(Date.parse('2026-11-01T23:59:59.999-05:00'));
  });
  test('adding a day keeps the wall clock', () => {
    const start = startOf('day', noon, tz, 1);
    expect(addIncrement(start, { n: 1, unit: 'd' }, tz)).toBe(Date.parse('2026-11-02T00:00:00-05:00'));
  });
  test('weeks start on Monday or Sunday', () => {
    expect(startOf('week', noon, tz, 1)).toBe(Date.parse('2026-10-26T00:00:00-04:00'));
    expect(startOf('week', noon, tz, 0)).toBe(Date.parse('2026-11-01T00:00:00-04:00'));
  });
});
