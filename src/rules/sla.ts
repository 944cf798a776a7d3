/**
 * SLA clocks (domain.md §4): due moments for every unit, which clocks apply to a complaint,
 * and the evaluation of each clock (running, paused, at-risk, met, breached) at a moment.
 */
import { WorkingCalendar } from './calendar';
import { effectiveLevel, levelField, type HistoryEntry } from './classify';
import type { Complaint } from './complaint';
import { RulesError, issue } from './errors';
import type { Localized, MilestoneId } from './messages';
import type { ClockCondition, ClockDefinition, Duration, Policy } from './policy';
import { MAX_YEAR, MIN_YEAR, MS_PER_DAY, MS_PER_MINUTE, formatInstant, fromLocal, parseInstant, toLocal, yearInRange, yearOfDay } from './time';

const calendars = new WeakMap<Policy, WorkingCalendar>();

/** The policy's working calendar, built once per policy object (years are computed lazily). */
export function calendarFor(policy: Policy): WorkingCalendar {
  let cal = calendars.get(policy);
  if (!cal) {
    cal = new WorkingCalendar(policy.calendar, policy.workingHours, policy.timeZone);
    calendars.set(policy, cal);
  }
  return cal;
}

export interface DueResult {
  due: number;
  provisional: boolean;
}

/** Refuses an instant whose local year (in `zone`) is outside MIN_YEAR–MAX_YEAR. */
export function requireInRange(field: string, ms: number, zone: string): number {
  if (!Number.isFinite(ms) || !yearInRange(yearOfDay(toLocal(ms, zone).day))) {
    throw new RulesError('out-of-range', [
      issue(field, 'range', {
        'zh-CN': `${field}：计算结果超出 ${MIN_YEAR}–${MAX_YEAR} 年的范围，请缩短时限或改用更早的开始时间（规则：range）`,
        en: `${field}: the result lies outside the years ${MIN_YEAR}–${MAX_YEAR}; shorten the duration or start earlier (rule: range)`,
      }),
    ]);
  }
  return ms;
}

/** The due moment of a duration started at `start` (epoch ms), in the policy's calendar. */
export function computeDue(policy: Policy, start: number, duration: Duration): DueResult {
  const r = computeDueUnchecked(policy, start, duration);
  requireInRange('due', r.due, policy.timeZone);
  return r;
}

function computeDueUnchecked(policy: Policy, start: number, duration: Duration): DueResult {
  const { amount, unit } = duration;
  switch (unit) {
    case 'minutes':
      return { due: start + amount * MS_PER_MINUTE, provisional: false };
    case 'hours':
      return { due: start + amount * 60 * MS_PER_MINUTE, provisional: false };
    case 'workingHours':
      return calendarFor(policy).addWorkingMinutes(start, Math.round(amount * 60));
    case 'workingDays':
      return calendarFor(policy).addWorkingDays(start, amount);
    case 'calendarDays': {
      const { day } = toLocal(start, policy.timeZone);
      // 23:59:59 local on the date start + N days.
      return { due: fromLocal(day + amount, 1439 + 59 / 60, policy.timeZone), provisional: false };
    }
  }
}

export type Milestones = Partial<Record<MilestoneId, string | null>>;

export interface Pause {
  from: string;
  to?: string | null;
}

export type ClockStatus = 'running' | 'paused' | 'at-risk' | 'met' | 'breached';

export interface ClockState {
  id: string;
  label: Localized;
  start: string;
  due: string;
  stoppedAt: string | null;
  status: ClockStatus;
  /** Wall-clock minutes past due (0 unless breached). */
  overdueMinutes: number;
  /** Started calendar days past due: ceil(overdueMinutes / 1440). */
  lateDays: number;
  /** Breach expressed in the clock's own unit (working days for a working-day clock…). */
  overdue: { amount: number; unit: Duration['unit'] };
  /** Wall-clock minutes left until due while running (0 once due or stopped). */
  remainingMinutes: number;
  provisional: boolean;
  escalate: boolean;
}

function holds(list: string[] | undefined, value: string | null | undefined): boolean {
  return list === undefined || (typeof value === 'string' && list.includes(value));
}

export function conditionHolds(policy: Policy, c: ClockCondition | undefined, complaint: Complaint, level: string | null): boolean {
  if (!c) return true;
  if (!holds(c.categories, complaint.category)) return false;
  if (c.notCategories && (!complaint.category || c.notCategories.includes(complaint.category))) return false;
  const severity = levelField(policy) === 'severity' ? level : complaint.severity;
  const klass = levelField(policy) === 'class' ? level : complaint.class;
  return holds(c.severities, severity) && holds(c.classes, klass);
}

/** The clocks of the policy that apply to this complaint (classifying it first where needed). */
export function applicableClocks(policy: Policy, complaint: Complaint, history: HistoryEntry[] = []): ClockDefinition[] {
  const level = effectiveLevel(policy, complaint, history);
  return policy.clocks.filter((clock) => conditionHolds(policy, clock.appliesWhen, complaint, level));
}

function instantOf(field: string, value: string): number {
  const ms = parseInstant(value);
  if (ms === null) {
    throw new RulesError('invalid-input', [
      issue(field, 'format', {
        'zh-CN': `${field}：「${value}」不是 ${MIN_YEAR}–${MAX_YEAR} 年间带时区的 ISO-8601 时间，例如 2026-09-30T10:00:00+08:00（规则：format）`,
        en: `${field}: "${value}" is not an ISO-8601 instant with an offset in the years ${MIN_YEAR}–${MAX_YEAR}, e.g. 2026-09-30T10:00:00+08:00 (rule: format)`,
      }),
    ]);
  }
  return ms;
}

const WORKING_UNITS = new Set<Duration['unit']>(['workingHours', 'workingDays']);

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export interface EvaluateOptions {
  history?: HistoryEntry[];
  pauses?: Pause[];
}

/** Evaluates one clock definition; null when its start milestone has not happened. */
export function evaluateClock(
  policy: Policy,
  clock: ClockDefinition,
  milestones: Milestones,
  now: number,
  pauses: { from: number; to: number | null }[] = [],
): ClockState | null {
  const startText = milestones[clock.start];
  if (!startText) return null;
  const start = instantOf(`milestones.${clock.start}`, startText);
  const stopText = milestones[clock.stop] ?? null;
  const stoppedAt = stopText ? instantOf(`milestones.${clock.stop}`, stopText) : null;
  if (stoppedAt !== null && stoppedAt < start) {
    // A clock cannot stop before it started: `met` with a stop before the start is a data error.
    const field = `milestones.${clock.stop}`;
    throw new RulesError('invalid-input', [
      issue(field, 'range', {
        'zh-CN': `${field}：${stopText} 早于时限「${clock.label['zh-CN']}」的开始节点 ${clock.start}（${startText}），结束不能早于开始（规则：range）`,
        en: `${field}: ${stopText} is before the start milestone ${clock.start} (${startText}) of the clock "${clock.label.en}"; a clock cannot stop before it starts (rule: range)`,
      }),
    ]);
  }
  const end = stoppedAt ?? now;
  const working = WORKING_UNITS.has(clock.duration.unit);
  const cal = working ? calendarFor(policy) : null;

  let { due, provisional } = computeDue(policy, start, clock.duration);
  // Paused time (waiting for the customer…) does not count: it pushes the due moment out.
  let pausedNow = false;
  let pausedAmount = 0;
  for (const p of pauses) {
    const from = Math.max(p.from, start);
    const to = Math.min(p.to ?? end, end);
    if (p.to === null && stoppedAt === null && p.from <= now) pausedNow = true;
    if (to <= from) continue;
    pausedAmount += cal ? cal.workingMinutesBetween(from, to) : to - from;
  }
  if (pausedAmount > 0) {
    if (cal) {
      const shifted = cal.addWorkingMinutes(due, pausedAmount);
      due = shifted.due;
      provisional ||= shifted.provisional;
    } else {
      due += pausedAmount;
    }
  }
  requireInRange('due', due, policy.timeZone);

  const overdueMs = Math.max(0, end - due);
  const overdueMinutes = Math.ceil(overdueMs / MS_PER_MINUTE);
  let status: ClockStatus;
  if (stoppedAt !== null) status = stoppedAt <= due ? 'met' : 'breached';
  else if (now > due) status = 'breached';
  else if (pausedNow) status = 'paused';
  else {
    // The clock's own duration: paused time pushed `due` out but is not part of the allotment.
    const total = (cal ? cal.workingMinutesBetween(start, due) : due - start) - pausedAmount;
    const left = cal ? cal.workingMinutesBetween(now, due) : due - now;
    status = total > 0 && left < policy.atRiskShare * total ? 'at-risk' : 'running';
  }

  let overdueAmount = 0;
  if (overdueMs > 0) {
    switch (clock.duration.unit) {
      case 'minutes':
        overdueAmount = overdueMinutes;
        break;
      case 'hours':
        overdueAmount = round2(overdueMs / 3_600_000);
        break;
      case 'workingHours':
        overdueAmount = round2(cal!.workingMinutesBetween(due, end) / 60);
        break;
      case 'workingDays':
        overdueAmount = round2(cal!.workingMinutesBetween(due, end) / cal!.dayMinutes);
        break;
      case 'calendarDays':
        overdueAmount = Math.ceil(overdueMs / MS_PER_DAY);
        break;
    }
  }
  const zone = policy.timeZone;
  return {
    id: clock.id,
    label: clock.label,
    start: formatInstant(start, zone),
    due: formatInstant(due, zone),
    stoppedAt: stoppedAt === null ? null : formatInstant(stoppedAt, zone),
    status,
    overdueMinutes,
    lateDays: Math.ceil(overdueMinutes / 1440),
    overdue: { amount: overdueAmount, unit: clock.duration.unit },
    remainingMinutes: stoppedAt === null ? Math.max(0, Math.floor((due - now) / MS_PER_MINUTE)) : 0,
    provisional,
    escalate: clock.escalate === true,
  };
}

/**
 * Every applicable clock whose start milestone has happened, evaluated at `now` (epoch ms).
 */
export function evaluateClocks(
  policy: Policy,
  complaint: Complaint,
  milestones: Milestones,
  now: number,
  options: EvaluateOptions = {},
): ClockState[] {
  const pauses = (options.pauses ?? []).map((p, i) => ({
    from: instantOf(`pauses.${i}.from`, p.from),
    to: p.to ? instantOf(`pauses.${i}.to`, p.to) : null,
  }));
  const out: ClockState[] = [];
  for (const clock of applicableClocks(policy, complaint, options.history)) {
    const state = evaluateClock(policy, clock, milestones, now, pauses);
    if (state) out.push(state);
  }
  return out;
}

const SEVERITY_ORDER: Record<ClockStatus, number> = { breached: 4, 'at-risk': 3, running: 2, paused: 1, met: 0 };

/** The state the tracking list shows for a complaint: its worst clock. */
export function worstClock(clocks: ClockState[]): ClockState | null {
  let worst: ClockState | null = null;
  for (const c of clocks) {
    if (!worst) worst = c;
    else if (SEVERITY_ORDER[c.status] > SEVERITY_ORDER[worst.status]) worst = c;
    else if (SEVERITY_ORDER[c.status] === SEVERITY_ORDER[worst.status] && c.due < worst.due) worst = c;
  }
  return worst;
}

/**
 * The next deadline still ahead: the earliest due moment among running clocks that have not
 * breached yet (null when none). The SLA sweep looks only at complaints whose next due is
 * near, so its cost follows the deadlines that can still change state.
 */
export function nextDue(clocks: ClockState[]): string | null {
  const ahead = clocks.filter((c) => c.stoppedAt === null && c.status !== 'breached').map((c) => c.due);
  if (ahead.length === 0) return null;
  return ahead.reduce((a, b) => (parseInstant(a)! <= parseInstant(b)! ? a : b));
}

/**
 * Milestones typed into date fields can disagree with those the workflow recorded: a
 * follow-up typed to the minute within the minute the reply was recorded (to the second), or a
 * typing error days earlier. A stored complaint must never hold a clock that stops before it
 * starts (evaluateClock refuses it), so the fields' milestones are reconciled before they are
 * kept: a stop within the same minute as its start becomes the start (the clock was met at
 * once); a stop earlier than that is not kept. Answers the milestones to store and the ids of
 * those not kept. `fromFields` names the milestones a user typed (only those are changed).
 */
export function reconcileMilestones(
  policy: Policy,
  milestones: Milestones,
  fromFields: ReadonlySet<string>,
): { milestones: Milestones; dropped: MilestoneId[] } {
  const out: Milestones = { ...milestones };
  const dropped: MilestoneId[] = [];
  for (const clock of policy.clocks) {
    const startText = out[clock.start];
    const stopText = out[clock.stop];
    if (!startText || !stopText || !fromFields.has(clock.stop)) continue;
    const start = parseInstant(startText);
    const stop = parseInstant(stopText);
    if (start === null || stop === null || stop >= start) continue;
    if (start - stop < 60_000) out[clock.stop] = startText;
    else {
      delete out[clock.stop];
      dropped.push(clock.stop);
    }
  }
  return { milestones: out, dropped };
}
