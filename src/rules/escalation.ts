/**
 * What the SLA sweep and the lifecycle tell people when clocks change state: a breach is
 * announced once per clock (a comment, a notification, and — for clocks the policy marks
 * `escalate` — a raised priority), a clock entering its at-risk window is warned about once.
 * Pure: the caller passes what was already announced and records what this returns.
 */
import type { ClockState } from './sla';
import { formatSpan } from './tracking';

export interface Announced {
  escalated: string[];
  warned: string[];
}

export interface EscalationPlan {
  breached: ClockState[];
  atRisk: ClockState[];
  /** Some newly breached clock asks for escalation (priority raised). */
  raisePriority: boolean;
  /** Comment and notification texts (both languages in one text: comments are seen by everyone). */
  breachText: string | null;
  warnText: string | null;
  /** What is announced after this plan runs. */
  announced: Announced;
}

function due(c: ClockState): string {
  return `${c.due.slice(0, 10)} ${c.due.slice(11, 16)}`;
}

export function planEscalation(number: string | null, clocks: ClockState[], previous: Announced): EscalationPlan {
  const breached = clocks.filter((c) => c.status === 'breached' && !previous.escalated.includes(c.id));
  const atRisk = clocks.filter((c) => c.status === 'at-risk' && !previous.warned.includes(c.id));
  const n = number ?? '';
  const breachText =
    breached.length === 0
      ? null
      : [
          `【客诉超期】${n}`,
          ...breached.map((c) => `· ${c.label['zh-CN']}：应于 ${due(c)} 完成，已拖延 ${c.lateDays} 天${c.escalate ? '，已升级为重大质量事件' : ''}`),
          `[Complaint overdue] ${n}`,
          ...breached.map((c) => `· ${c.label.en}: due ${due(c)}, ${c.lateDays} day(s) late${c.escalate ? '; escalated as a major quality case' : ''}`),
        ].join('\n');
  const warnText =
    atRisk.length === 0
      ? null
      : [
          `【客诉即将超期】${n}`,
          ...atRisk.map((c) => `· ${c.label['zh-CN']}：${due(c)} 到期，剩余 ${formatSpan(c.remainingMinutes, 'zh-CN')}`),
          `[Complaint due soon] ${n}`,
          ...atRisk.map((c) => `· ${c.label.en}: due ${due(c)}, ${formatSpan(c.remainingMinutes, 'en')} left`),
        ].join('\n');
  return {
    breached,
    atRisk,
    raisePriority: breached.some((c) => c.escalate),
    breachText,
    warnText,
    announced: {
      escalated: [...previous.escalated, ...breached.map((c) => c.id)],
      warned: [...previous.warned, ...atRisk.map((c) => c.id)],
    },
  };
}
