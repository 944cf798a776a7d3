/** The SLA state of a complaint or a clock as a coloured lozenge with the time left or overdue. */
import Lozenge from '@atlaskit/lozenge';
import { formatSpan } from '../../rules/tracking';
import { text, type Locale } from './i18n';
import type { ClockStatus } from './types';

type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export interface SlaLike {
  status: ClockStatus | 'none';
  remainingMinutes: number;
  overdueMinutes: number;
}

export const SLA_APPEARANCE: Record<ClockStatus | 'none', Appearance> = {
  breached: 'removed',
  'at-risk': 'moved',
  running: 'inprogress',
  met: 'success',
  paused: 'default',
  none: 'default',
};

export function slaText(s: SlaLike, locale: Locale): string {
  switch (s.status) {
    case 'breached':
      return text(locale, 'slaBreached', { span: formatSpan(s.overdueMinutes, locale) });
    case 'at-risk':
      return text(locale, 'slaAtRisk', { span: formatSpan(s.remainingMinutes, locale) });
    case 'running':
      return text(locale, 'slaRunning', { span: formatSpan(s.remainingMinutes, locale) });
    case 'met':
      return text(locale, 'slaMet');
    case 'paused':
      return text(locale, 'slaPaused');
    default:
      return text(locale, 'slaNone');
  }
}

export function SlaLozenge({ sla, locale, testId = 'sla-lozenge' }: { sla: SlaLike; locale: Locale; testId?: string }): JSX.Element {
  return (
    <span data-testid={testId} data-sla-status={sla.status}>
      <Lozenge appearance={SLA_APPEARANCE[sla.status]} isBold={sla.status === 'breached'} maxWidth={220}>
        {slaText(sla, locale)}
      </Lozenge>
    </span>
  );
}
