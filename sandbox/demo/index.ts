/**
 * Deterministic demo data for the local Jira stand-in: complaints of two projects over the 23
 * months before "now" (default 2026-11-23T10:00+08:00: 2025-01-01 … now; the loader passes today).
 *
 * - QC: a bearing / auto-parts maker, policy `auto-abc` (A/B/C classes of 004).
 * - SV: a food company, policy `food` (000 篇一).
 *
 * How it is built:
 * 1. Plans: for each complaint a project, category, intended class, target status and a
 *    timeline of milestones (working minutes on the Chinese working calendar). Closed
 *    complaints run forward from the complaint date; open ones run backward from `now`, so
 *    their clocks are live at `now`. A few "scenario" complaints are placed by search so that
 *    every clock state (running, at-risk, met, breached) occurs at the default `now`.
 * 2. Details, in registration order per project: customer, part, batch, defect, texts; the
 *    class is what `classify` derives from the earlier complaints (so repeats of the same part
 *    and category become class A), and the fields are filled as far as the status has got.
 * 3. Complaint numbers (formatNumber, yearly sequence in registration order) and, for closed
 *    complaints, 未达成原因 where a clock was breached.
 */
import {
  MILESTONE_IDS,
  classify,
  dayToIso,
  evaluateClocks,
  formatInstant,
  formatNumber,
  parseInstant,
  presetPolicy,
  sequencePeriod,
  ymdOfDay,
  type ClockStatus,
  type Complaint,
  type HistoryEntry,
  type MilestoneId,
  type Milestones,
  type Policy,
  type StatusId,
} from '../../src/rules';
import {
  ABC_DEPARTMENTS,
  CAUSE_TEXTS,
  QC_CONTAINMENT,
  QC_CUSTOMERS,
  QC_DEFECTS,
  QC_FOLLOW_UP_BY,
  QC_LATE_REASONS,
  QC_NOTICE_CONTAINMENT,
  QC_REPLIES,
  type QcCustomer,
  type QcPart,
} from './catalog-qc';
import {
  SV_APPROVERS,
  SV_CONTAINMENT,
  SV_CUSTOMERS,
  SV_FOLLOW_UP_BY,
  SV_ISSUES,
  SV_LATE_REASONS,
  SV_PRODUCTS,
  type FoodCategory,
  type SvCustomer,
} from './catalog-sv';
import { Rng } from './prng';
import { WorkTime } from './worktime';

export type DemoProject = 'QC' | 'SV';
export type DemoReporter = 'qe@example.com' | 'sales@example.com' | 'admin@example.com';

export interface DemoComplaint {
  project: 'QC' | 'SV';
  policyId: 'auto-abc' | 'food';
  summary: string;
  status: StatusId;
  complaint: Complaint;
  milestones: Partial<Record<MilestoneId, string>>;
  reporter: DemoReporter;
  createdAt: string;
  pictures: number;
}

export interface DemoOptions {
  seed?: number;
  now?: string;
}

export const DEMO_DEFAULT_NOW = '2026-11-23T10:00:00+08:00';
export const DEMO_DEFAULT_SEED = 20251123;
/**
 * Complaint dates (投诉日期) fall in a range relative to `now`: from 691 days 10 hours before it
 * (2025-01-01 for the default now) up to `now` — the complaint date of a complaint registered
 * today is today, whatever day the demo is loaded on.
 */
export function demoRange(now: number): { from: number; to: number } {
  return { from: now - (691 * 24 + 10) * 3_600_000, to: now };
}
/** The range for the default now (2025-01-01 … 2026-11-23 10:00). */
export const DEMO_RANGE = { from: '2025-01-01T00:00:00+08:00', to: DEMO_DEFAULT_NOW } as const;

export const DEMO_POLICY_OF: Record<DemoProject, 'auto-abc' | 'food'> = { QC: 'auto-abc', SV: 'food' };

/** The statuses a complaint has passed through to reach `status` (in order, `status` last). */
export function reachedStatuses(status: StatusId): StatusId[] {
  const line: StatusId[] = ['registered', 'assigned', 'investigating', 'corrective-action', 'replied', 'follow-up'];
  if (status === 'closed' || status === 'reopened') return [...line, status];
  return line.slice(0, line.indexOf(status) + 1);
}

/**
 * The complaint as it stood when it entered `status`: in the auto-abc policy the intake
 * department (质量部 `qa`) holds the complaint until corrective action; from then on the
 * root-cause matrix decides. Other fields are kept (later fields do not break earlier rules).
 */
export function complaintAsOf(demo: DemoComplaint, status: StatusId): Complaint {
  if (demo.policyId === 'auto-abc' && (status === 'assigned' || status === 'investigating')) {
    return { ...demo.complaint, responsibleDepartment: 'qa' };
  }
  return demo.complaint;
}

// ---------------------------------------------------------------------------------------------
// Plans and timelines

type Intent = 'A-line' | 'A-loss' | 'A-batch' | 'A-repeat' | 'B' | 'C' | 'food';
type Times = Partial<Record<MilestoneId, number>>;

interface Plan {
  project: DemoProject;
  status: StatusId;
  category: string;
  intent: Intent;
  times: Times;
  complaintAt: number;
  scenario?: string;
}

interface Ctx {
  rng: Rng;
  now: number;
  rangeStart: number;
  rangeEnd: number;
  policies: Record<DemoProject, Policy>;
  work: Record<DemoProject, WorkTime>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Both presets call their quality category `quality` (the one that needs an 8D). */
function isQualityCategory(policy: Policy, category: string): boolean {
  return policy.categories.find((c) => c.id === category)?.quality === true;
}

function upTo(last: MilestoneId): MilestoneId[] {
  return MILESTONE_IDS.slice(0, MILESTONE_IDS.indexOf(last) + 1);
}

interface ShapeOptions {
  containment?: boolean;
  solution?: boolean;
  resolved?: boolean;
}

/** The milestones a complaint in `status` has reached. */
function milestoneIds(status: StatusId, quality: boolean, o: ShapeOptions): MilestoneId[] {
  switch (status) {
    case 'registered':
      return ['registered'];
    case 'assigned':
      return ['registered', 'assigned'];
    case 'investigating':
      return o.containment ? upTo('containment') : upTo('first-response');
    case 'corrective-action':
      return o.solution ? upTo('solution-proposed') : upTo('investigated');
    case 'replied':
      return [...upTo('solution-proposed'), ...(o.resolved ? (['resolved'] as const) : []), 'replied'];
    case 'follow-up':
      return upTo('replied');
    case 'reopened':
      return upTo('follow-up');
    case 'closed':
      return MILESTONE_IDS.filter((id) => quality || id !== '8d-done');
  }
}

function levelOfIntent(intent: Intent): 'A' | 'B' | 'C' | null {
  if (intent === 'food') return null;
  if (intent === 'C') return 'C';
  return intent === 'B' ? 'B' : 'A';
}

/** Working minutes from the previous milestone to `to`. */
function stepMinutes(rng: Rng, project: DemoProject, intent: Intent, category: string, to: MilestoneId): number {
  const r = (a: number, b: number): number => rng.int(a, b);
  if (project === 'QC') {
    const cls = levelOfIntent(intent);
    switch (to) {
      case 'assigned':
        if (cls === 'A') return rng.chance(0.12) ? r(130, 400) : r(15, 100);
        return cls === 'B' ? r(30, 300) : r(60, 1440);
      case 'first-response':
        return cls === 'A' ? r(15, 120) : r(20, 180);
      case 'containment':
        if (cls === 'A') return rng.chance(0.12) ? r(500, 1500) : r(60, 300);
        return cls === 'B' ? (rng.chance(0.12) ? r(1000, 2500) : r(120, 420)) : r(240, 1440);
      case 'investigated':
        return r(480, 2400);
      case 'solution-proposed':
        return r(120, 960);
      case 'resolved':
        return cls === 'C' ? r(240, 960) : r(960, 4800);
      case 'replied':
        return r(60, 960);
      case 'follow-up':
        return r(1440, 7200);
      case '8d-done':
        return r(480, 4800);
      case 'closed':
        return r(60, 1440);
      default:
        return r(30, 240);
    }
  }
  const quality = category === 'quality';
  switch (to) {
    case 'assigned':
      return r(30, 480);
    case 'first-response':
      return r(15, 120);
    case 'containment':
      return r(30, 240);
    case 'investigated':
      return quality ? (rng.chance(0.1) ? r(1500, 3000) : r(180, 720)) : r(60, 480);
    case 'solution-proposed':
      return r(60, 240);
    case 'resolved':
      return quality || category === 'packaging' ? (rng.chance(0.1) ? r(1200, 2400) : r(60, 360)) : r(60, 960);
    case 'replied':
      return r(30, 180);
    case 'follow-up':
      if (quality) return rng.chance(0.12) ? r(1000, 2000) : r(120, 420);
      return rng.chance(0.1) ? r(5200, 7000) : r(2880, 4600);
    case '8d-done':
      return r(480, 2400);
    case 'closed':
      return r(30, 480);
    default:
      return r(30, 240);
  }
}

/** How long an open complaint has been waiting in its status (working minutes before now). */
function ageMinutes(rng: Rng, status: StatusId): number {
  switch (status) {
    case 'registered':
      return rng.chance(0.7) ? rng.int(10, 420) : rng.int(480, 4800);
    case 'assigned':
      return rng.chance(0.7) ? rng.int(30, 960) : rng.int(960, 7200);
    case 'investigating':
      return rng.int(60, 4800);
    case 'corrective-action':
      return rng.chance(0.6) ? rng.int(480, 7200) : rng.int(7200, 19200);
    case 'replied':
      return rng.chance(0.6) ? rng.int(120, 4800) : rng.int(4800, 12000);
    case 'follow-up':
      return rng.chance(0.6) ? rng.int(240, 4800) : rng.int(4800, 12000);
    default:
      return rng.int(480, 24000);
  }
}

function floorMinute(t: number): number {
  return Math.floor(t / MINUTE) * MINUTE;
}

/**
 * Places `ids` around the anchor: earlier milestones backward by working minutes, later ones
 * forward (wall-clock steps when the anchor lies outside working hours — the on-duty case),
 * squeezed before `now` when they would pass it. Null when they cannot fit.
 */
function buildTimes(
  work: WorkTime,
  ids: MilestoneId[],
  steps: number[],
  anchorIndex: number,
  anchor: number,
  now: number,
): Times | null {
  const t: number[] = ids.map(() => 0);
  t[anchorIndex] = floorMinute(anchor);
  for (let i = anchorIndex - 1; i >= 0; i--) t[i] = work.sub(t[i + 1]!, steps[i]!);
  const limit = now - MINUTE;
  const onDuty = !work.isWorkingMoment(anchor);
  for (let i = anchorIndex + 1; i < ids.length; i++) {
    t[i] = onDuty ? t[i - 1]! + Math.min(steps[i - 1]!, 90) * MINUTE : work.add(t[i - 1]!, steps[i - 1]!);
  }
  const later = ids.length - 1 - anchorIndex;
  if (later > 0 && t[ids.length - 1]! > limit) {
    const room = limit - t[anchorIndex]!;
    if (room < later * 3 * MINUTE) return null;
    for (let k = 1; k <= later; k++) t[anchorIndex + k] = floorMinute(t[anchorIndex]! + (room * k) / (later + 1));
  }
  const out: Times = {};
  ids.forEach((id, i) => (out[id] = t[i]!));
  return out;
}

/** When the customer complained, given the registration (mostly earlier the same working day). */
function complaintTime(ctx: Ctx, work: WorkTime, registered: number): number {
  const { rng } = ctx;
  let at = rng.chance(0.85) ? work.sub(registered, rng.int(5, 240)) : registered - rng.int(2 * 60, 30 * 60) * MINUTE;
  if (at > ctx.rangeEnd) at = ctx.rangeEnd - rng.int(30, 480) * MINUTE;
  if (at < ctx.rangeStart) at = ctx.rangeStart + rng.int(9 * 60, 17 * 60) * MINUTE;
  return floorMinute(Math.min(at, registered));
}

function shapeOptions(rng: Rng): ShapeOptions {
  return { containment: rng.chance(0.4), solution: rng.chance(0.6), resolved: rng.chance(0.5) };
}

function drawSteps(ctx: Ctx, project: DemoProject, intent: Intent, category: string, ids: MilestoneId[], slow: number): number[] {
  return ids.slice(1).map((to) => Math.round(stepMinutes(ctx.rng, project, intent, category, to) * slow));
}

function planOpen(ctx: Ctx, project: DemoProject, status: StatusId, category: string, intent: Intent): Plan {
  const work = ctx.work[project];
  const ids = milestoneIds(status, isQualityCategory(ctx.policies[project], category), shapeOptions(ctx.rng));
  const steps = drawSteps(ctx, project, intent, category, ids, 1);
  const anchor = work.sub(ctx.now, ageMinutes(ctx.rng, status));
  const times = buildTimes(work, ids, steps, ids.length - 1, anchor, ctx.now)!;
  return { project, status, category, intent, times, complaintAt: complaintTime(ctx, work, times.registered!) };
}

function planClosed(ctx: Ctx, project: DemoProject, category: string, intent: Intent): Plan {
  const { rng } = ctx;
  const work = ctx.work[project];
  const ids = milestoneIds('closed', isQualityCategory(ctx.policies[project], category), {});
  const slow = rng.chance(0.12) ? 1.5 + rng.next() * 1.5 : 1;
  const steps = drawSteps(ctx, project, intent, category, ids, slow);
  const latest = ctx.now - 45 * DAY;
  let until = latest;
  for (let attempt = 0; ; attempt++) {
    let complaintAt = floorMinute(ctx.rangeStart + DAY + rng.next() * Math.max(DAY, until - ctx.rangeStart - DAY));
    if (!work.isWorkingMoment(complaintAt) && rng.chance(0.85)) complaintAt = work.add(complaintAt, rng.int(1, 120));
    const registered = work.add(complaintAt, rng.int(5, 240));
    const times = buildTimes(work, ids, steps, 0, registered, ctx.now);
    if (times && times.closed! < ctx.now - DAY && complaintAt <= ctx.rangeEnd) {
      return { project, status: 'closed', category, intent, times, complaintAt };
    }
    if (attempt > 20) throw new Error('demo: cannot place a closed complaint');
    until = Math.max(ctx.rangeStart + 2 * DAY, until - 20 * DAY);
  }
}

interface ScenarioSpec {
  project: DemoProject;
  category: string;
  intent: Intent;
  status: StatusId;
  shape: ShapeOptions;
  anchor: MilestoneId;
  clock: string;
  state: ClockStatus;
  note: string;
}

/** Scenarios that make every clock state occur at `now` (found by search, so any `now` works). */
const SCENARIOS: ScenarioSpec[] = [
  { project: 'QC', category: 'quality', intent: 'A-line', status: 'registered', shape: {}, anchor: 'registered', clock: 'abc.inform-a', state: 'at-risk', note: '主机厂夜班停线，早班到岗即登记' },
  { project: 'QC', category: 'delivery', intent: 'A-line', status: 'registered', shape: {}, anchor: 'registered', clock: 'abc.inform-a', state: 'running', note: '客户来电：线边断料停线' },
  { project: 'QC', category: 'quality', intent: 'A-loss', status: 'investigating', shape: {}, anchor: 'registered', clock: 'abc.report-a', state: 'at-risk', note: '值班 QE 接报登记，3D 进行中' },
  { project: 'QC', category: 'quality', intent: 'A-batch', status: 'investigating', shape: {}, anchor: 'registered', clock: 'abc.report-a', state: 'running', note: '批量问题，现场挑选中' },
  { project: 'QC', category: 'quality', intent: 'B', status: 'investigating', shape: {}, anchor: 'registered', clock: 'abc.report-b', state: 'at-risk', note: '客户周末来料检验发现' },
  { project: 'QC', category: 'quality', intent: 'B', status: 'assigned', shape: {}, anchor: 'registered', clock: 'abc.report-b', state: 'running', note: '' },
  { project: 'QC', category: 'delivery', intent: 'B', status: 'investigating', shape: {}, anchor: 'registered', clock: 'abc.report-b', state: 'running', note: '' },
  { project: 'SV', category: 'service', intent: 'food', status: 'replied', shape: { resolved: true }, anchor: 'replied', clock: 'food.follow-up-other', state: 'at-risk', note: '' },
  { project: 'SV', category: 'packaging', intent: 'food', status: 'follow-up', shape: {}, anchor: 'replied', clock: 'food.follow-up-other', state: 'at-risk', note: '' },
  { project: 'SV', category: 'other', intent: 'food', status: 'replied', shape: { resolved: false }, anchor: 'replied', clock: 'food.follow-up-other', state: 'running', note: '' },
  { project: 'SV', category: 'quality', intent: 'food', status: 'assigned', shape: {}, anchor: 'assigned', clock: 'food.record', state: 'running', note: '' },
  { project: 'SV', category: 'quality', intent: 'food', status: 'investigating', shape: { containment: true }, anchor: 'assigned', clock: 'food.internal', state: 'running', note: '' },
  { project: 'SV', category: 'packaging', intent: 'food', status: 'investigating', shape: { containment: false }, anchor: 'assigned', clock: 'food.packaging', state: 'running', note: '' },
  { project: 'SV', category: 'quality', intent: 'food', status: 'follow-up', shape: {}, anchor: 'resolved', clock: 'food.follow-up-quality', state: 'running', note: '' },
  { project: 'SV', category: 'suggestion', intent: 'food', status: 'follow-up', shape: {}, anchor: 'replied', clock: 'food.follow-up-other', state: 'running', note: '' },
];

function msMilestones(policy: Policy, times: Times): Milestones {
  const out: Milestones = {};
  for (const id of MILESTONE_IDS) {
    const t = times[id];
    if (t !== undefined) out[id] = formatInstant(t, policy.timeZone);
  }
  return out;
}

function planScenario(ctx: Ctx, spec: ScenarioSpec): Plan | null {
  const policy = ctx.policies[spec.project];
  const work = ctx.work[spec.project];
  const ids = milestoneIds(spec.status, isQualityCategory(policy, spec.category), spec.shape);
  const steps = drawSteps(ctx, spec.project, spec.intent, spec.category, ids, 1);
  const anchorIndex = ids.indexOf(spec.anchor);
  const level = levelOfIntent(spec.intent);
  const probe: Complaint =
    spec.project === 'QC' ? { category: spec.category, class: level } : { category: spec.category, severity: null };
  const tryAt = (anchor: number): Times | null => {
    const times = buildTimes(work, ids, steps, anchorIndex, anchor, ctx.now);
    if (!times) return null;
    const clock = evaluateClocks(policy, probe, msMilestones(policy, times), ctx.now).find((c) => c.id === spec.clock);
    return clock?.status === spec.state ? times : null;
  };
  const start = floorMinute(ctx.now) - 5 * MINUTE;
  // First inside working hours (up to 40 days back), then any 5-minute slot of the last 3 days.
  for (let t = start; t > start - 40 * DAY; t -= 10 * MINUTE) {
    if (!work.isWorkingMoment(t)) continue;
    const times = tryAt(t);
    if (times) return finishScenario(ctx, spec, times);
  }
  for (let t = start; t > start - 3 * DAY; t -= 5 * MINUTE) {
    const times = tryAt(t);
    if (times) return finishScenario(ctx, spec, times);
  }
  return null;
}

function finishScenario(ctx: Ctx, spec: ScenarioSpec, times: Times): Plan {
  const work = ctx.work[spec.project];
  const offHours = !work.isWorkingMoment(times.registered!);
  const note = [spec.note, offHours ? '非工作时间值班登记' : ''].filter((s) => s !== '').join('；');
  return {
    project: spec.project,
    status: spec.status,
    category: spec.category,
    intent: spec.intent,
    times,
    complaintAt: complaintTime(ctx, work, times.registered!),
    ...(note ? { scenario: note } : {}),
  };
}

const QC_STATUS_COUNTS: [StatusId, number][] = [
  ['registered', 8],
  ['assigned', 9],
  ['investigating', 10],
  ['corrective-action', 14],
  ['replied', 12],
  ['follow-up', 12],
  ['reopened', 9],
  ['closed', 122],
];
const SV_STATUS_COUNTS: [StatusId, number][] = [
  ['registered', 8],
  ['assigned', 8],
  ['investigating', 8],
  ['corrective-action', 10],
  ['replied', 10],
  ['follow-up', 12],
  ['reopened', 8],
  ['closed', 100],
];

function qcCategoryAndIntent(rng: Rng, status: StatusId): { category: string; intent: Intent } {
  const category =
    status === 'reopened'
      ? rng.weighted([['quality', 3], ['delivery', 1]] as const)
      : rng.weighted([['quality', 55], ['delivery', 30], ['notice', 15]] as const);
  if (category === 'notice') return { category, intent: 'C' };
  const intent =
    category === 'quality'
      ? rng.weighted<Intent>([['A-line', 3], ['A-loss', 6], ['A-batch', 7], ['A-repeat', 9], ['B', 75]])
      : rng.weighted<Intent>([['A-line', 9], ['A-loss', 4], ['A-batch', 2], ['A-repeat', 6], ['B', 79]]);
  return { category, intent };
}

function svCategory(rng: Rng, status: StatusId): FoodCategory {
  if (status === 'reopened') return rng.weighted<FoodCategory>([['quality', 3], ['packaging', 2], ['service', 2]]);
  return rng.weighted<FoodCategory>([['packaging', 25], ['quality', 35], ['service', 20], ['suggestion', 10], ['other', 10]]);
}

// ---------------------------------------------------------------------------------------------
// Details

interface Built {
  plan: Plan;
  complaint: Complaint;
  summary: string;
  reporter: DemoReporter;
  pictures: number;
}

function reachedSet(plan: Plan): Set<MilestoneId> {
  return new Set(MILESTONE_IDS.filter((id) => plan.times[id] !== undefined));
}

const AT_OR_AFTER_CORRECTIVE = new Set<StatusId>(['corrective-action', 'replied', 'follow-up', 'closed', 'reopened']);

function dateAfter(work: WorkTime, t: number, days: number): string {
  return dayToIso(work.local(t).day + days);
}

function effectiveness(rng: Rng, closed: number, now: number): Complaint['effectiveness'] {
  const months = Math.min(3, Math.floor((now - closed) / (30 * DAY)));
  if (months <= 0) return null;
  return Array.from({ length: months }, (_, i) => {
    const recurred = rng.chance(0.04);
    return { month: i + 1, recurred, note: recurred ? '客户来料检验再次发现 1 件，已追加对策' : '未再发生' };
  });
}

function satisfactionFor(rng: Rng, status: StatusId): Complaint['satisfaction'] {
  if (status === 'reopened') return rng.chance(0.7) ? 'unsatisfied' : 'very-unsatisfied';
  return rng.chance(0.65) ? 'satisfied' : 'very-satisfied';
}

function ymd(work: WorkTime, t: number): { y: number; m: number; d: number } {
  const { year, month, date } = ymdOfDay(work.local(t).day);
  return { y: year, m: month, d: date };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function buildQc(ctx: Ctx, plans: Plan[]): Built[] {
  const { rng, now } = ctx;
  const policy = ctx.policies.QC;
  const work = ctx.work.QC;
  const allParts: { customer: QcCustomer; part: QcPart; unit: string }[] = QC_CUSTOMERS.flatMap((customer, ci) =>
    customer.parts.map((part, pi) => ({ customer, part, unit: ['一分厂', '二分厂', '三分厂'][(ci + pi) % 3]! })),
  );
  const bCount = new Map<string, number>();
  const history: HistoryEntry[] = [];
  const out: Built[] = [];
  const sorted = [...plans].sort((a, b) => a.times.registered! - b.times.registered!);
  for (const plan of sorted) {
    const reached = reachedSet(plan);
    let intent = plan.intent;
    const key = (p: QcPart): string => `${p.number}|${plan.category}`;
    let candidates = allParts;
    if (intent === 'A-repeat') {
      candidates = allParts.filter((x) => (bCount.get(key(x.part)) ?? 0) >= 2);
      if (candidates.length === 0) {
        intent = 'A-batch';
        candidates = allParts;
      }
    } else if (intent === 'B') {
      const fresh = allParts.filter((x) => (bCount.get(key(x.part)) ?? 0) < 2);
      if (fresh.length > 0) candidates = fresh;
    }
    const { customer, part, unit } = rng.pick(candidates);
    const siblings = customer.parts.filter((p) => p.number !== part.number);
    const other = rng.pick(siblings);
    const defects = QC_DEFECTS.filter((d) => d.category === plan.category);
    const defectType = rng.pick(intent === 'A-line' && plan.category === 'delivery' ? defects.filter((d) => d.id === 'late') : defects);
    const cause = rng.weighted(defectType.causes);
    const texts = rng.pick(CAUSE_TEXTS[cause]);
    const registered = plan.times.registered!;
    const production = ymd(work, plan.complaintAt - rng.int(7, 90) * DAY);
    const batch = `B${production.y}${p2(production.m)}${p2(production.d)}-${p2(rng.int(1, 12))}`;
    const shipped = rng.pick([500, 800, 1000, 1200, 1500, 2000, 2400, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000]);
    const notice = plan.category === 'notice';
    const lineStop = intent === 'A-line';
    const batchProblem = intent === 'A-batch';
    const defectQty = notice ? 0 : batchProblem ? Math.max(30, Math.round((shipped * rng.int(3, 15)) / 100)) : rng.int(1, Math.min(48, Math.max(2, Math.floor(shipped / 100))));
    const loss = notice
      ? 0
      : intent === 'A-loss'
        ? rng.int(50, 800) * 100
        : lineStop
          ? rng.int(20, 300) * 100
          : batchProblem
            ? rng.int(10, 200) * 100
            : rng.chance(0.5)
              ? 0
              : rng.int(2, 48) * 100;
    let defect = defectType.describe(rng, part, other, defectQty);
    if (lineStop) defect += `，导致主机厂装配线停线 ${rng.int(20, 180)} 分钟`;
    if (batchProblem) defect += `，同批次抽检 ${rng.int(20, 50)} 件不良率 ${rng.int(3, 15)}%，判定批量问题`;
    const status = plan.status;
    const dept = AT_OR_AFTER_CORRECTIVE.has(status) ? rng.pick(ABC_DEPARTMENTS[cause]) : 'qa';
    const c: Complaint = {
      customer: customer.name,
      channel: rng.weighted([['email', 4], ['sales-rep', 2], ['phone', 2], ['visit', 1], ['written', 1]] as const),
      contact: customer.contact,
      complaintAt: formatInstant(plan.complaintAt, policy.timeZone),
      registeredAt: formatInstant(registered, policy.timeZone),
      partNumber: part.number,
      partName: part.name,
      specification: part.spec,
      batch,
      shippedQuantity: shipped,
      defectQuantity: defectQty,
      category: plan.category,
      lossAmount: loss,
      lineStop,
      batchProblem,
      rohsReach: false,
      defect,
      productionUnit: unit,
      requestedCompletion: dateAfter(work, registered, notice ? 30 : intent === 'B' ? 14 : 7),
    };
    if (reached.has('assigned')) c.responsibleDepartment = dept;
    if (AT_OR_AFTER_CORRECTIVE.has(status)) c.rootCauseCategory = cause;
    if (reached.has('containment')) {
      c.containment = notice ? rng.pick(QC_NOTICE_CONTAINMENT) : `${rng.pick(QC_CONTAINMENT)}（批号 ${batch}）`;
      c.containmentAt = formatInstant(plan.times.containment!, policy.timeZone);
    }
    if (reached.has('investigated')) {
      c.rootCauseOccurrence = texts.occur;
      c.rootCauseOutflow = texts.outflow;
      if (!notice) c.fmeaNumber = `PFMEA-${part.number}`;
    }
    if (reached.has('solution-proposed')) {
      c.actionOccurrence = texts.actOccur;
      c.actionOutflow = texts.actOutflow;
    }
    if (reached.has('resolved') && !notice) {
      c.fmeaVersion = `DFMEA A${rng.int(1, 4)} / PFMEA C${rng.int(2, 9)}`;
      const similar = siblings.filter((s) => s.name.slice(0, 2) === part.name.slice(0, 2)).map((s) => s.number).slice(0, 3);
      if (similar.length > 0) c.similarParts = similar;
    }
    if (reached.has('replied')) {
      c.disposition = rng.pick(defectType.dispositions);
      c.reply = notice ? '已书面回复客户，按要求时间提交资料/完成切换' : rng.pick(QC_REPLIES);
    }
    if (reached.has('follow-up')) {
      c.followUpAt = formatInstant(plan.times['follow-up']!, policy.timeZone);
      c.followUpBy = rng.pick(QC_FOLLOW_UP_BY);
      c.satisfaction = satisfactionFor(rng, status);
    }
    if (reached.has('8d-done')) c.eightDAt = formatInstant(plan.times['8d-done']!, policy.timeZone);
    if (reached.has('closed')) {
      c.actualCompletion = formatInstant(plan.times.closed!, policy.timeZone);
      c.effectiveness = effectiveness(rng, plan.times.closed!, now);
    }
    const remarks: string[] = [];
    if (plan.scenario) remarks.push(plan.scenario);
    if (status === 'reopened') remarks.push('回访客户不满意：要求提供第三方检测报告，退回重新调查（002 第七步）');

    const derived = classify(policy, c, history);
    c.class = derived.level;
    if (derived.reasons.some((r) => r.startsWith('repeat'))) remarks.push('同料号同类问题第 3 次及以上发生，升级为 A 类');
    if (remarks.length > 0) c.remarks = remarks.join('；');
    if (derived.level === 'B') bCount.set(key(part), (bCount.get(key(part)) ?? 0) + 1);
    history.push({ partNumber: part.number, category: plan.category, class: derived.level, registeredAt: c.registeredAt });

    const qtyText = notice ? '' : `（${defectQty}/${shipped} PCS）`;
    out.push({
      plan,
      complaint: c,
      summary: notice
        ? `【${customer.short}】${defectType.word}：${part.number} ${part.name}`
        : `【${customer.short}】${part.number} ${part.name} ${defectType.word}${qtyText}`,
      reporter: rng.chance(0.1) ? 'admin@example.com' : plan.category === 'delivery' && rng.chance(0.3) ? 'sales@example.com' : 'qe@example.com',
      pictures: notice ? 0 : plan.category === 'quality' ? rng.int(1, 6) : rng.int(0, 3),
    });
  }
  return out;
}

const SV_DEPARTMENTS: Record<FoodCategory, string[]> = {
  service: ['sales', 'ecommerce'],
  packaging: ['logistics', 'logistics', 'qa'],
  quality: ['qa', 'qa', 'production'],
  suggestion: ['vp', 'sales'],
  other: ['sales'],
};

function buildSv(ctx: Ctx, plans: Plan[]): Built[] {
  const { rng, now } = ctx;
  const policy = ctx.policies.SV;
  const work = ctx.work.SV;
  const out: Built[] = [];
  const sorted = [...plans].sort((a, b) => a.times.registered! - b.times.registered!);
  for (const plan of sorted) {
    const reached = reachedSet(plan);
    const category = plan.category as FoodCategory;
    const issueType = rng.pick(SV_ISSUES.filter((i) => i.category === category));
    const product = rng.pick(SV_PRODUCTS);
    const customer: SvCustomer = rng.pick(
      category === 'suggestion' ? SV_CUSTOMERS.filter((c) => c.kind !== 'ecommerce') : SV_CUSTOMERS,
    );
    const registered = plan.times.registered!;
    const production = ymd(work, plan.complaintAt - rng.int(5, 120) * DAY);
    const batch = `L${p2(production.y % 100)}${p2(production.m)}${p2(production.d)}-${rng.pick(['A', 'B'])}${rng.int(1, 3)}`;
    const shipped =
      customer.kind === 'ecommerce' ? rng.int(1, 12) : customer.kind === 'supermarket' ? rng.int(20, 300) : rng.int(50, 800);
    const withDefects = category === 'quality' || category === 'packaging' || category === 'service';
    const defectQty = withDefects ? rng.int(1, Math.min(shipped, category === 'quality' ? 10 : 15)) : 0;
    const severity = policy.categories.find((c) => c.id === category)?.severity ?? null;
    const deptChoices = category === 'service' ? [customer.kind === 'ecommerce' ? 'ecommerce' : 'sales'] : SV_DEPARTMENTS[category];
    const status = plan.status;
    const c: Complaint = {
      customer: customer.name,
      channel:
        customer.kind === 'ecommerce'
          ? 'online'
          : rng.weighted([['phone', 4], ['sales-rep', 3], ['written', 1], ['visit', 1]] as const),
      contact: customer.contact,
      complaintAt: formatInstant(plan.complaintAt, policy.timeZone),
      registeredAt: formatInstant(registered, policy.timeZone),
      partNumber: product.code,
      partName: product.name,
      specification: product.spec,
      batch,
      shippedQuantity: shipped,
      defectQuantity: defectQty,
      category,
      severity,
      lossAmount:
        category === 'packaging'
          ? Math.min(rng.int(1, 30) * 100, defectQty * 120)
          : category === 'quality' && rng.chance(0.4)
            ? Math.min(rng.int(1, 20) * 100, defectQty * 200)
            : 0,
      defect: issueType.describe(rng, product, defectQty),
      productionUnit: product.line,
      requestedCompletion: dateAfter(work, registered, category === 'quality' || category === 'packaging' ? 5 : 15),
    };
    if (reached.has('assigned')) {
      c.responsibleDepartment = rng.pick(deptChoices);
      c.approvedBy = rng.pick(SV_APPROVERS);
    }
    if (reached.has('containment')) {
      c.containment = rng.pick(SV_CONTAINMENT[category]);
      c.containmentAt = formatInstant(plan.times.containment!, policy.timeZone);
    }
    if (reached.has('investigated')) {
      c.rootCauseOccurrence = issueType.cause.occur;
      c.rootCauseOutflow = issueType.cause.outflow;
    }
    if (reached.has('solution-proposed')) {
      c.actionOccurrence = issueType.cause.actOccur;
      c.actionOutflow = issueType.cause.actOutflow;
    }
    if (reached.has('resolved') && category === 'quality') {
      c.similarParts = SV_PRODUCTS.filter((p) => p.line === product.line && p.code !== product.code).map((p) => p.code);
    }
    if (reached.has('replied')) {
      c.disposition = rng.pick(issueType.dispositions);
      c.reply =
        category === 'suggestion' || category === 'other'
          ? '已向客户说明公司政策并致谢，建议已提交副总经理评估'
          : `已向客户致歉并说明处理结果：${c.disposition === 'compensation' ? '按协议赔偿' : '安排退换货'}`;
    }
    if (reached.has('follow-up')) {
      c.followUpAt = formatInstant(plan.times['follow-up']!, policy.timeZone);
      c.followUpBy = rng.pick(SV_FOLLOW_UP_BY);
      c.satisfaction = satisfactionFor(rng, status);
    }
    if (reached.has('8d-done')) c.eightDAt = formatInstant(plan.times['8d-done']!, policy.timeZone);
    if (reached.has('closed')) {
      c.actualCompletion = formatInstant(plan.times.closed!, policy.timeZone);
      if (category === 'quality') c.effectiveness = effectiveness(rng, plan.times.closed!, now);
    }
    const remarks: string[] = [];
    if (plan.scenario) remarks.push(plan.scenario);
    if (status === 'reopened') remarks.push('回访客户不满意，退回重新处理');
    if (remarks.length > 0) c.remarks = remarks.join('；');
    out.push({
      plan,
      complaint: c,
      summary: `【${customer.name.replace(/（.*）/, '')}】${product.name} ${issueType.word}`,
      reporter: rng.chance(0.1) ? 'admin@example.com' : 'sales@example.com',
      pictures: category === 'quality' || category === 'packaging' ? rng.int(1, 5) : rng.int(0, 1),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Assigns complaint numbers: per project, a yearly sequence in registration order. */
function assignNumbers(policies: Record<DemoProject, Policy>, built: Built[]): void {
  for (const project of ['QC', 'SV'] as const) {
    const policy = policies[project];
    const counters = new Map<string, number>();
    const mine = built.filter((b) => b.plan.project === project).sort((a, b) => a.plan.times.registered! - b.plan.times.registered!);
    for (const b of mine) {
      const registered = b.plan.times.registered!;
      const period = sequencePeriod(policy, registered);
      const seq = (counters.get(period) ?? 0) + 1;
      counters.set(period, seq);
      b.complaint.complaintNumber = formatNumber(policy, registered, seq);
    }
  }
}

/**
 * Both presets number `{YY}{MM}{DD}{SEQ:3}`, so two projects with their own counters can
 * produce the same number on the same day. The demo keeps numbers unique on the site: on a
 * clash it leaves out a closed SV complaint (the food policy has no history-dependent
 * classification, so nothing else changes) and numbers again.
 */
function numberUniquely(policies: Record<DemoProject, Policy>, built: Built[]): Built[] {
  let list = built;
  for (let round = 0; round < 200; round++) {
    assignNumbers(policies, list);
    const qcNumbers = new Set(list.filter((b) => b.plan.project === 'QC').map((b) => b.complaint.complaintNumber));
    const clash = list
      .filter((b) => b.plan.project === 'SV' && qcNumbers.has(b.complaint.complaintNumber))
      .sort((a, b) => a.plan.times.registered! - b.plan.times.registered!)[0];
    if (!clash) return list;
    // Drop the clashing one if closed, else the latest closed SV complaint registered before it.
    const victim =
      clash.plan.status === 'closed'
        ? clash
        : list
            .filter((b) => b.plan.project === 'SV' && b.plan.status === 'closed' && b.plan.times.registered! < clash.plan.times.registered!)
            .sort((a, b) => b.plan.times.registered! - a.plan.times.registered!)[0];
    if (!victim) throw new Error('demo: cannot make complaint numbers unique');
    list = list.filter((b) => b !== victim);
  }
  throw new Error('demo: cannot make complaint numbers unique');
}

function instantOption(name: string, text: string): number {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`${name}: not an ISO-8601 instant with an offset: ${text}`);
  return ms;
}

/** The demo complaints, sorted by creation (registration); same seed and now → same output. */
export function generateDemoComplaints(options: DemoOptions = {}): DemoComplaint[] {
  const now = floorMinute(instantOption('now', options.now ?? DEMO_DEFAULT_NOW));
  const policies: Record<DemoProject, Policy> = { QC: presetPolicy('auto-abc'), SV: presetPolicy('food') };
  const ctx: Ctx = {
    rng: new Rng(options.seed ?? DEMO_DEFAULT_SEED),
    now,
    rangeStart: demoRange(now).from,
    rangeEnd: demoRange(now).to,
    policies,
    work: { QC: new WorkTime(policies.QC), SV: new WorkTime(policies.SV) },
  };
  const { rng } = ctx;
  const plans: Plan[] = [];
  for (const [status, count] of QC_STATUS_COUNTS) {
    for (let i = 0; i < count; i++) {
      const { category, intent } = qcCategoryAndIntent(rng, status);
      plans.push(status === 'closed' ? planClosed(ctx, 'QC', category, intent) : planOpen(ctx, 'QC', status, category, intent));
    }
  }
  for (const [status, count] of SV_STATUS_COUNTS) {
    for (let i = 0; i < count; i++) {
      const category = svCategory(rng, status);
      plans.push(status === 'closed' ? planClosed(ctx, 'SV', category, 'food') : planOpen(ctx, 'SV', status, category, 'food'));
    }
  }
  for (const spec of SCENARIOS) {
    const plan = planScenario(ctx, spec);
    if (plan) plans.push(plan);
  }

  let built = [
    ...buildQc(ctx, plans.filter((p) => p.project === 'QC')),
    ...buildSv(ctx, plans.filter((p) => p.project === 'SV')),
  ];
  built = numberUniquely(policies, built);

  const result: DemoComplaint[] = [];
  for (const b of built) {
    const project = b.plan.project;
    const policy = policies[project];
    const milestones = msMilestones(policy, b.plan.times) as Partial<Record<MilestoneId, string>>;
    if (b.plan.status === 'closed') {
      const breached = evaluateClocks(policy, b.complaint, milestones, now).some((s) => s.status === 'breached');
      if (breached) b.complaint.lateReason = rng.pick(project === 'QC' ? QC_LATE_REASONS : SV_LATE_REASONS);
    }
    result.push({
      project,
      policyId: DEMO_POLICY_OF[project],
      summary: b.summary,
      status: b.plan.status,
      complaint: b.complaint,
      milestones,
      reporter: b.reporter,
      createdAt: milestones.registered!,
      pictures: b.pictures,
    });
  }
  return result.sort((a, b) => (parseInstant(a.createdAt)! - parseInstant(b.createdAt)!) || a.project.localeCompare(b.project));
}
