/** Functions, relative periods and date literals (in the context time zone). Now is 2026-10-12 10:30 Shanghai. */
import { ctx, keys, LI, NOW } from './fixtures';

describe('now()', () => {
  test('compares with the context instant', () => {
    expect(keys('承诺答复时间 > now()')).toEqual(['QC-1']);
    expect(keys('承诺答复时间 > now()', ctx({ now: Date.parse('2026-10-12T18:00:00+08:00') }))).toEqual([]);
  });
  test('function names are case-insensitive', () => {
    expect(keys('承诺答复时间 > NOW()')).toEqual(['QC-1']);
  });
});

describe('startOfDay()', () => {
  test('no argument: midnight today in the context zone', () => {
    expect(keys('created >= startOfDay()')).toEqual(['SV-1']); // 00:15 Shanghai = 16:15Z the day before
  });
  test('"-1d" and "-7d"', () => {
    expect(keys('created >= startOfDay("-1d")')).toEqual(['SV-1']);
    expect(keys('created >= startOfDay(-7d)')).toEqual(['QC-2', 'SV-1']);
  });
  test('"+2w" and a bare number (days)', () => {
    expect(keys('duedate < startOfDay("+2w")')).toEqual(['QC-1', 'QC-2']);
    expect(keys('duedate < startOfDay("+8")')).toEqual(['QC-1']);
  });
  test('follows the context time zone', () => {
    // Midnight in UTC is 08:00 in Shanghai: SV-1 (created 00:15 Shanghai) is before it.
    expect(keys('created >= startOfDay()', ctx({ timeZone: 'UTC' }))).toEqual([]);
  });
});

describe('endOfDay(), startOfWeek()', () => {
  test('endOfDay() is 23:59:59.999 today', () => {
    expect(keys('承诺答复时间 <= endOfDay()')).toEqual(['QC-1']);
    expect(keys('承诺答复时间 <= endOfDay("-1")')).toEqual([]);
  });
  test('startOfWeek() starts on Monday for zh_CN, Sunday for en_US', () => {
    expect(keys('created >= startOfWeek() AND created < startOfWeek("+1")')).toEqual(['SV-1']);
    const us = { ...LI, locale: 'en_US' };
    // Sunday 2026-10-11 00:00 → the week also starts before SV-1 but after QC-2.
    expect(keys('created >= startOfWeek()', ctx({ currentUser: us, now: NOW }))).toEqual(['SV-1']);
  });
});

describe('startOfMonth()', () => {
  test('no argument: first day of this month, 00:00 in the context zone', () => {
    expect(keys('created >= startOfMonth()')).toEqual(['QC-1', 'QC-2', 'SV-1']);
    expect(keys('created < startOfMonth()')).toEqual(['QC-10']);
  });
  test('"-1" is last month', () => {
    expect(keys('created >= startOfMonth(-1) AND created < startOfMonth()')).toEqual(['QC-10']);
  });
  test('"+4d" is the 5th of this month', () => {
    expect(keys('created >= startOfMonth("+4d")')).toEqual(['QC-2', 'SV-1']);
  });
});

describe('currentUser()', () => {
  test('matches the calling user', () => {
    expect(keys('reporter = currentUser()')).toEqual(['QC-2']);
    expect(keys('assignee = currentUser()', ctx({ currentUser: LI }))).toEqual(['QC-10']);
  });
  test('inside a list', () => {
    expect(keys('assignee in (currentUser(), acc-li)')).toEqual(['QC-1', 'QC-10']);
  });
  test('anonymous caller matches nobody; != currentUser() still needs a value', () => {
    expect(keys('assignee = currentUser()', ctx({ currentUser: null }))).toEqual([]);
    expect(keys('assignee != currentUser()')).toEqual(['QC-10', 'SV-1']);
  });
});

describe('relative periods', () => {
  test('"-7d"', () => expect(keys('created > -7d')).toEqual(['QC-2', 'SV-1']));
  test('"-2w"', () => expect(keys('created > "-2w"')).toEqual(['QC-1', 'QC-2', 'SV-1']));
  test('"4h" and "8h" ahead', () => {
    expect(keys('承诺答复时间 < 4h')).toEqual([]);
    expect(keys('承诺答复时间 < 8h')).toEqual(['QC-1']);
  });
  test('combined "-1w 2d"', () => expect(keys('created > "-1w 2d"')).toEqual(['QC-2', 'SV-1']));
  test('minutes "-30m"', () => expect(keys('updated >= "-30m"')).toEqual(['QC-10']));
});

describe('date literals', () => {
  test('date-only literal is the start of that day in the context zone', () => {
    expect(keys('created >= "2026-10-12"')).toEqual(['SV-1']);
    expect(keys('created >= "2026-10-12"', ctx({ timeZone: 'UTC' }))).toEqual([]);
  });
  test('yyyy/MM/dd and unquoted yyyy-MM-dd', () => {
    expect(keys('created < "2026/10/05"')).toEqual(['QC-1', 'QC-10']);
    expect(keys('created < 2026-10-05')).toEqual(['QC-1', 'QC-10']);
  });
  test('"yyyy-MM-dd HH:mm" is read in the context zone', () => {
    expect(keys('created = "2026-10-01 09:00"')).toEqual(['QC-1']);
    expect(keys('created = "2026-10-01 01:00"', ctx({ timeZone: 'UTC' }))).toEqual(['QC-1']);
  });
  test('stored values with +0800, +08:00 and Z offsets compare as instants', () => {
    expect(keys('updated >= "2026-10-12 08:00" AND updated <= "2026-10-12 10:00"')).toEqual(['QC-1', 'QC-10']);
  });
});
