/**
 * The complaint workflow of domain.md §5: statuses (default names in both languages, with the
 * Jira status category) and transitions. Setup creates it in Jira from this definition, and
 * the validator is attached to every transition except the initial one.
 */
import { STATUS_LABELS, type Localized, type StatusId } from './messages';

export interface WorkflowStatusDef {
  id: StatusId;
  name: Localized;
  category: 'TODO' | 'IN_PROGRESS' | 'DONE';
}

export interface WorkflowTransitionDef {
  /** Stable id inside the workflow (Jira transition ids are numbers as strings). */
  id: string;
  name: Localized;
  from: StatusId[]; // empty: the initial transition
  to: StatusId;
}

export const WORKFLOW_STATUSES: WorkflowStatusDef[] = [
  { id: 'registered', name: STATUS_LABELS.registered, category: 'TODO' },
  { id: 'assigned', name: STATUS_LABELS.assigned, category: 'TODO' },
  { id: 'investigating', name: STATUS_LABELS.investigating, category: 'IN_PROGRESS' },
  { id: 'corrective-action', name: STATUS_LABELS['corrective-action'], category: 'IN_PROGRESS' },
  { id: 'replied', name: STATUS_LABELS.replied, category: 'IN_PROGRESS' },
  { id: 'follow-up', name: STATUS_LABELS['follow-up'], category: 'IN_PROGRESS' },
  { id: 'closed', name: STATUS_LABELS.closed, category: 'DONE' },
  { id: 'reopened', name: STATUS_LABELS.reopened, category: 'IN_PROGRESS' },
];

const T = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export const WORKFLOW_TRANSITIONS: WorkflowTransitionDef[] = [
  { id: '1', name: T('创建', 'Create'), from: [], to: 'registered' },
  { id: '11', name: T('分派', 'Assign'), from: ['registered'], to: 'assigned' },
  { id: '21', name: T('开始调查', 'Start investigation'), from: ['assigned', 'reopened'], to: 'investigating' },
  { id: '31', name: T('实施对策', 'Implement corrective action'), from: ['investigating'], to: 'corrective-action' },
  { id: '41', name: T('回复客户', 'Reply to customer'), from: ['corrective-action'], to: 'replied' },
  { id: '51', name: T('等待回访', 'Await follow-up'), from: ['replied'], to: 'follow-up' },
  { id: '61', name: T('结案', 'Close'), from: ['follow-up'], to: 'closed' },
  { id: '71', name: T('重新处理', 'Reopen'), from: ['follow-up', 'closed'], to: 'reopened' },
  { id: '81', name: T('快速结案', 'Quick close'), from: ['registered', 'investigating'], to: 'closed' },
];

/** Statuses the quick close leaves from (登记/调查中 → 已结案, skipping cause and action). */
export const QUICK_CLOSE_FROM: StatusId[] = ['registered', 'investigating'];

/** The transitions available from a status. */
export function transitionsFrom(status: StatusId): WorkflowTransitionDef[] {
  return WORKFLOW_TRANSITIONS.filter((t) => t.from.includes(status));
}
