/**
 * Types the screens share with the server. Type-only imports: nothing from src/services or
 * zod reaches a browser bundle.
 */
export type { ResolverResult } from '../../resolvers/define';
export type { GadgetConfig, ListPage, ListQuery } from '../../services/tracking';
export type { PanelState } from '../../services/panel';
export type { SetupStep, StepStatus } from '../../services/setup';
export type { Policy, PolicyOption, ClockDefinition } from '../../rules/policy';
export type { DayInfo, DayKind } from '../../rules/calendar';
export type { TrackingRow, TrackingSla, TrackingColumnId } from '../../rules/tracking';
export type { ClockState, ClockStatus } from '../../rules/sla';
export type { Violation } from '../../rules/transitions';
export type { Locale, Localized, StatusId, RuleId } from '../../rules/messages';

/** `policy/get` answer. */
export interface PolicyAnswer {
  policy: import('../../rules/policy').Policy;
  version: number;
}

/** `setup/run` answer. */
export interface SetupAnswer {
  ok: boolean;
  steps: import('../../services/setup').SetupStep[];
}

/** A field problem as `policy/save` reports it in `error.issues` (RulesError's FieldIssue). */
export interface FieldIssue {
  field: string;
  rule: string;
  message: { 'zh-CN': string; en: string };
}
