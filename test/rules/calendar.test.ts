/**
 * The working calendar: 2026 调休 and holidays, company overrides, provisional years.
 */
import { WorkingCalendar, computeDue, dayFromYmd, formatInstant, presetPolicy, type CalendarConfig } from '../../src/rules';
import { ms, presetCopy } from './helpers';

const HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

function calendar(overrides: Partial<CalendarConfig> = {}, zone = 'Asia/Shanghai'): WorkingCalendar {
  return new WorkingCalendar({ country: 'CN', extraHolidays: [], extraWorkingDays: [], shutdowns: [], ...overrides }, HOURS, zone);
}

function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayFromYmd(y, m, d);
}

describe('2026 national calendar (chinese-days)', () => {
  const cal = calendar();

  it.each([
    ['2026-01-04', 'Sun'],
    ['2026-02-14', 'Sat'],
    ['2026-02-28', 'Sat'],
    ['2026-05-09', 'Sat'],
    ['2026-09-20', 'Sun'],
    ['2026-10-10', 'Sat'],
  ])('调休 make-up day %s (%s) is a working day', (date) => {
    expect(cal.isWorkingDay(day(date))).toBe(true);
    expect(cal.dayInfo(day(date))).toMatchObject({ date, working: true, kind: 'makeup-workday', provisional: false });
  });

  it('National Day 2026-10-01..07 are holidays, including the weekdays', () => {
    for (let d = 1; d <= 7; d++) {
      const date = `2026-10-0${d}`;
      expect(cal.isWorkingDay(day(date))).toBe(false);
      expect(cal.dayInfo(day(date)).kind).toBe('holiday');
    }
    expect(cal.dayInfo(day('2026-10-01')).name?.['zh-CN']).toMatch(/国庆/);
    expect(cal.isWorkingDay(day('2026-10-08'))).toBe(true);
  });

  it('Spring Festival 2026-02-15..23 are holidays', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(day(`2026-02-${d}`))).toBe(false);
    expect(cal.isWorkingDay(day('2026-02-13'))).toBe(true);
    expect(cal.isWorkingDay(day('2026-02-24'))).toBe(true);
  });

  it('an ordinary weekend rests and an ordinary weekday works', () => {
    expect(cal.isWorkingDay(day('2026-03-07'))).toBe(false); // Sat
    expect(cal.isWorkingDay(day('2026-03-08'))).toBe(false); // Sun
    expect(cal.isWorkingDay(day('2026-03-09'))).toBe(true); // Mon
    expect(cal.dayInfo(day('2026-03-07')).kind).toBe('weekend');
  });

  it('counts the days of a month the admin page shows', () => {
    const oct = cal.month(2026, 10);
    expect(oct).toHaveLength(31);
    expect(oct.filter((d) => d.working).map((d) => d.date)).toContain('2026-10-10');
    // Oct 2026: 22 weekdays, 5 of them (1,2,5,6,7) in the holiday, plus Sat 10 Oct.
    expect(oct.filter((d) => d.working)).toHaveLength(22 - 5 + 1);
  });
});

describe('company overrides', () => {
  it('extra holidays rest, extra working days work, shutdown ranges rest', () => {
    const cal = calendar({
      extraHolidays: ['2026-03-10'],
      extraWorkingDays: ['2026-03-14', '2026-10-05'],
      shutdowns: [{ from: '2026-07-27', to: '2026-08-02', label: '夏季停产' }],
    });
    expect(cal.isWorkingDay(day('2026-03-10'))).toBe(false);
    expect(cal.dayInfo(day('2026-03-10')).kind).toBe('company-holiday');
    expect(cal.isWorkingDay(day('2026-03-14'))).toBe(true); // a Saturday
    expect(cal.isWorkingDay(day('2026-10-05'))).toBe(true); // inside National Day
    for (const d of ['2026-07-27', '2026-07-29', '2026-07-31', '2026-08-02']) {
      expect(cal.isWorkingDay(day(d))).toBe(false);
      expect(cal.dayInfo(day(d)).kind).toBe('shutdown');
    }
    expect(cal.dayInfo(day('2026-07-28')).name).toEqual({ 'zh-CN': '夏季停产', en: '夏季停产' });
    expect(cal.isWorkingDay(day('2026-07-24'))).toBe(true);
    expect(cal.isWorkingDay(day('2026-08-03'))).toBe(true);
  });

  it('a shutdown also covers a 调休 make-up day', () => {
    const cal = calendar({ shutdowns: [{ from: '2026-10-08', to: '2026-10-10' }] });
    expect(cal.isWorkingDay(day('2026-10-10'))).toBe(false);
  });

  it('overrides move a due date (policy calendar)', () => {
    const base = presetPolicy('general');
    const start = ms('2026-03-09T10:00:00+08:00'); // Mon
    const plain = computeDue(base, start, { amount: 1, unit: 'workingDays' });
    expect(formatInstant(plain.due, base.timeZone)).toBe('2026-03-10T18:00:00+08:00');

    const withHoliday = presetCopy('general');
    withHoliday.calendar.extraHolidays = ['2026-03-10'];
    expect(formatInstant(computeDue(withHoliday, start, { amount: 1, unit: 'workingDays' }).due, 'Asia/Shanghai')).toBe(
      '2026-03-11T18:00:00+08:00',
    );

    const withShutdown = presetCopy('general');
    withShutdown.calendar.shutdowns = [{ from: '2026-03-10', to: '2026-03-13' }];
    // Tue–Fri shut, Sat–Sun weekend → Mon 16 Mar.
    expect(formatInstant(computeDue(withShutdown, start, { amount: 1, unit: 'workingDays' }).due, 'Asia/Shanghai')).toBe(
      '2026-03-16T18:00:00+08:00',
    );

    const withSaturday = presetCopy('general');
    withSaturday.calendar.extraWorkingDays = ['2026-03-14'];
    // Fri 13 Mar + 1 → the extra working Saturday.
    expect(
      formatInstant(computeDue(withSaturday, ms('2026-03-13T10:00:00+08:00'), { amount: 1, unit: 'workingDays' }).due, 'Asia/Shanghai'),
    ).toBe('2026-03-14T18:00:00+08:00');
  });

  it('country none ignores the national data (weekends only)', () => {
    const cal = calendar({ country: 'none' });
    expect(cal.isWorkingDay(day('2026-10-01'))).toBe(true); // a Thursday
    expect(cal.isWorkingDay(day('2026-10-10'))).toBe(false); // a Saturday
    expect(cal.dayInfo(day('2026-10-01')).provisional).toBe(false);
  });
});

describe('years the data does not cover', () => {
  const cal = calendar();

  it('2027 is provisional: weekends rest, no holidays assumed', () => {
    expect(cal.dayInfo(day('2027-10-01'))).toMatchObject({ working: true, kind: 'workday', provisional: true }); // Fri
    expect(cal.dayInfo(day('2027-01-01'))).toMatchObject({ working: true, provisional: true }); // Fri
    expect(cal.dayInfo(day('2027-10-02'))).toMatchObject({ working: false, kind: 'weekend', provisional: true }); // Sat
    expect(cal.dayInfo(day('2026-12-31')).provisional).toBe(false);
  });

  it('a due inside 2027 says provisional: true', () => {
    const policy = presetPolicy('general');
    const r = computeDue(policy, ms('2027-03-05T10:00:00+08:00'), { amount: 1, unit: 'workingDays' }); // Fri
    expect(formatInstant(r.due, policy.timeZone)).toBe('2027-03-08T18:00:00+08:00');
    expect(r.provisional).toBe(true);
  });

  it('a due that crosses from 2026 into 2027 says provisional: true', () => {
    const policy = presetPolicy('general');
    const r = computeDue(policy, ms('2026-12-31T10:00:00+08:00'), { amount: 1, unit: 'workingDays' });
    expect(formatInstant(r.due, policy.timeZone)).toBe('2027-01-01T18:00:00+08:00');
    expect(r.provisional).toBe(true);
    const inside = computeDue(policy, ms('2026-12-28T10:00:00+08:00'), { amount: 1, unit: 'workingDays' });
    expect(inside.provisional).toBe(false);
  });
});

describe('working hours', () => {
  it('default 09:00–12:00 and 13:00–18:00: 8 working hours a day', () => {
    const cal = calendar();
    expect(cal.dayMinutes).toBe(480);
    expect(cal.endOfDayMinute).toBe(18 * 60);
    // Mon 09:00 → Mon 18:00 is one working day; lunch does not count.
    expect(cal.workingMinutesBetween(ms('2026-03-09T09:00:00+08:00'), ms('2026-03-09T18:00:00+08:00'))).toBe(480);
    expect(cal.workingMinutesBetween(ms('2026-03-09T11:30:00+08:00'), ms('2026-03-09T13:30:00+08:00'))).toBe(60);
    // Fri 17:00 → Mon 10:00: 1 h + 1 h.
    expect(cal.workingMinutesBetween(ms('2026-03-13T17:00:00+08:00'), ms('2026-03-16T10:00:00+08:00'))).toBe(120);
    expect(cal.workingMinutesBetween(ms('2026-03-16T10:00:00+08:00'), ms('2026-03-13T17:00:00+08:00'))).toBe(0);
  });

  it('custom working hours set the end of a working day', () => {
    const p = presetCopy('general');
    p.workingHours = [
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ];
    const r = computeDue(p, ms('2026-03-09T10:00:00+08:00'), { amount: 2, unit: 'workingDays' });
    expect(formatInstant(r.due, p.timeZone)).toBe('2026-03-11T17:30:00+08:00');
    const h = computeDue(p, ms('2026-03-09T11:00:00+08:00'), { amount: 2, unit: 'workingHours' });
    expect(formatInstant(h.due, p.timeZone)).toBe('2026-03-09T14:30:00+08:00');
  });
});
