/** JQL functions evaluated at compile time (the context fixes now, the zone and the caller). */
import { JqlError } from '../types';
import type { JqlContext } from '../types';
import { msg } from './messages';
import { addIncrement, endOf, parseIncrement, startOf } from './time';
import type { Period, PeriodUnit } from './time';

export type FunctionValue = { type: 'instant'; ms: number } | { type: 'user'; accountId: string | null };

/** Jira Cloud functions this stand-in does not evaluate (answered with a clear message, not "unknown"). */
const JIRA_FUNCTIONS_NOT_HERE = [
  'approved', 'approver', 'breached', 'cascadeOption', 'choiceOption', 'closedSprints', 'completed',
  'componentsLeadByUser', 'currentLogin', 'currentOrganization', 'earliestUnreleasedVersion', 'elapsed',
  'everBreached', 'futureSprints', 'issueHistory', 'issuesWithRemoteLinksByGlobalId', 'lastLogin',
  'latestReleasedVersion', 'linkedIssues', 'linkedIssuesOf', 'membersOf', 'myApproval', 'myPending',
  'openSprints', 'organizationMembers', 'parentEpic', 'paused', 'pending', 'pendingBy', 'projectsLeadByUser',
  'projectsWhereUserHasPermission', 'projectsWhereUserHasRole', 'releasedVersions', 'remaining', 'running',
  'standardIssueTypes', 'subtaskIssueTypes', 'unreleasedVersions', 'updatedBy', 'votedIssues',
  'watchedIssues', 'withinCalendarHours', 'userAttribute', 'attributeValue', 'issuesInAttributeSet',
].map((n) => n.toLowerCase());

const PERIODS: Record<string, { period: Period; unit: PeriodUnit; end: boolean }> = {
  startofday: { period: 'day', unit: 'd', end: false },
  endofday: { period: 'day', unit: 'd', end: true },
  startofweek: { period: 'week', unit: 'w', end: false },
  endofweek: { period: 'week', unit: 'w', end: true },
  startofmonth: { period: 'month', unit: 'M', end: false },
  endofmonth: { period: 'month', unit: 'M', end: true },
  startofyear: { period: 'year', unit: 'y', end: false },
  endofyear: { period: 'year', unit: 'y', end: true },
};

/** Weeks start on Sunday for US English, on Monday elsewhere (zh_CN included). */
export function weekStartOf(ctx: JqlContext): 0 | 1 {
  return ctx.currentUser?.locale === 'en_US' ? 0 : 1;
}

/** Evaluate a function operand. Function names are case-insensitive, as in Jira. */
export function evaluateFunction(name: string, args: string[], ctx: JqlContext): FunctionValue {
  const lower = name.toLowerCase();
  if (lower === 'now') {
    if (args.length > 0) throw new JqlError([msg.functionArity(name, '0', args.length)]);
    return { type: 'instant', ms: ctx.now };
  }
  if (lower === 'currentuser') {
    if (args.length > 0) throw new JqlError([msg.functionArity(name, '0', args.length)]);
    return { type: 'user', accountId: ctx.currentUser?.accountId ?? null };
  }
  const spec = PERIODS[lower];
  if (spec) {
    if (args.length > 1) throw new JqlError([msg.functionArity(name, '0 or 1', args.length)]);
    const arg = args[0];
    const inc = arg === undefined ? undefined : parseIncrement(arg, spec.unit);
    if (arg !== undefined && !inc) throw new JqlError([msg.functionBadArgument(name, arg)]);
    const weekStart = weekStartOf(ctx);
    const tz = ctx.timeZone;
    if (!spec.end) {
      const start = startOf(spec.period, ctx.now, tz, weekStart);
      return { type: 'instant', ms: inc ? addIncrement(start, inc, tz) : start };
    }
    if (!inc) return { type: 'instant', ms: endOf(spec.period, ctx.now, tz, weekStart) };
    // endOfMonth("-1") is the end of last month: move by whole periods from the start, then take the end.
    const whole = (inc.unit === 'M' || inc.unit === 'y') && (spec.period === 'month' || spec.period === 'year');
    const ms = whole
      ? endOf(spec.period, addIncrement(startOf(spec.period, ctx.now, tz, weekStart), inc, tz), tz, weekStart)
      : addIncrement(endOf(spec.period, ctx.now, tz, weekStart), inc, tz);
    return { type: 'instant', ms };
  }
  if (JIRA_FUNCTIONS_NOT_HERE.includes(lower)) throw new JqlError([msg.functionNotSupportedHere(name)]);
  throw new JqlError([msg.functionUnknown(name)]);
}
