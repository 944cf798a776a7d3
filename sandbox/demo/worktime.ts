/**
 * Working-time arithmetic for building plausible timelines: forward and backward by working
 * minutes, on the policy's calendar (Chinese holidays and 调休 make-up days) and working hours.
 * Built on the rules' calendar so the demo agrees with the SLA computation.
 */
import { calendarFor, fromLocal, parseHhMm, toLocal, type Policy, type WorkingCalendar } from '../../src/rules';

export class WorkTime {
  private readonly cal: WorkingCalendar;
  private readonly intervals: [number, number][];
  private readonly zone: string;

  constructor(policy: Policy) {
    this.cal = calendarFor(policy);
    this.zone = policy.timeZone;
    this.intervals = policy.workingHours
      .map((w) => [parseHhMm(w.start) ?? 0, parseHhMm(w.end) ?? 0] as [number, number])
      .sort((a, b) => a[0] - b[0]);
  }

  isWorkingDay(day: number): boolean {
    return this.cal.isWorkingDay(day);
  }

  /** Inside working hours (start inclusive, end inclusive) on a working day. */
  isWorkingMoment(t: number): boolean {
    const { day, minute } = toLocal(t, this.zone);
    return this.cal.isWorkingDay(day) && this.intervals.some(([s, e]) => minute >= s && minute <= e);
  }

  /** The moment `minutes` working minutes after `t` (a start outside hours counts from the next working moment). */
  add(t: number, minutes: number): number {
    return this.cal.addWorkingMinutes(t, Math.max(1, Math.round(minutes))).due;
  }

  /** The moment `minutes` working minutes before `t`. */
  sub(t: number, minutes: number): number {
    let left = Math.max(1, Math.round(minutes));
    let { day, minute } = toLocal(t, this.zone);
    for (let guard = 0; guard < 5000; guard++) {
      if (this.cal.isWorkingDay(day)) {
        // Walk the day's intervals backwards from `minute`.
        for (let i = this.intervals.length - 1; i >= 0; i--) {
          const [s, e] = this.intervals[i]!;
          if (minute <= s) continue;
          const top = Math.min(minute, e);
          const available = top - s;
          if (left <= available) return fromLocal(day, top - left, this.zone);
          left -= available;
          minute = s;
        }
      }
      day -= 1;
      minute = 1440;
    }
    throw new RangeError('working time out of range');
  }

  /** The local date (epoch day) and minute of an instant. */
  local(t: number): { day: number; minute: number } {
    return toLocal(t, this.zone);
  }

  at(day: number, minute: number): number {
    return fromLocal(day, minute, this.zone);
  }
}
