/** Small site + issues for the JQL engine tests. */
import { compileJql } from '../../../sandbox/jira/jql';
import type { FieldDefinition, JqlContext, PropertyAlias, SandboxUser, StoredIssue } from '../../../sandbox/jira/types';

export const user = (accountId: string, displayName: string, emailAddress: string): SandboxUser => ({
  accountId,
  displayName,
  emailAddress,
  locale: 'zh_CN',
  timeZone: 'Asia/Shanghai',
  admin: false,
  browse: '*',
  active: true,
});

export const WANG = user('acc-wang', '王芳', 'wang@example.com');
export const LI = user('acc-li', '李雷', 'li@example.com');
export const ZHAO = user('acc-zhao', 'Zhao Min', 'zhao@example.com');

const custom = (
  n: number,
  name: string,
  schema: Omit<FieldDefinition['schema'], 'customId'>,
): FieldDefinition => ({
  id: `customfield_${n}`,
  key: `customfield_${n}`,
  name,
  custom: true,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: [`cf[${n}]`, name],
  schema: { ...schema, customId: n },
});

const FORGE = 'ari:cloud:ecosystem::extension/app-id/env-id/static/';

export const FIELDS: FieldDefinition[] = [
  custom(10020, '客诉分类', { type: 'string', custom: `${FORGE}complaint-category` }),
  custom(10021, '赔付金额', { type: 'number', custom: `${FORGE}compensation` }),
  custom(10022, '客户等级', { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' }),
  custom(10023, '涉及渠道', { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect' }),
  custom(10024, '承诺答复时间', { type: 'datetime', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime' }),
  custom(10025, '质检员', { type: 'user', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker' }),
  custom(10026, '处理备注', { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' }),
  custom(10027, 'Rank', { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank' }),
  custom(10028, 'Comments page', { type: 'comments-page' }),
];

export const ALIASES: PropertyAlias[] = [
  { alias: 'complaintSlaState', propertyKey: 'kesu-sla', path: 'state', type: 'string' },
  { alias: 'complaintNextDue', propertyKey: 'kesu-sla', path: 'nextDue', type: 'date' },
  { alias: 'complaintOverdueHours', propertyKey: 'kesu-sla', path: 'overdueHours', type: 'number' },
  { alias: 'complaintOwner', propertyKey: 'kesu-sla', path: 'owner', type: 'user' },
  { alias: 'complaintNote', propertyKey: 'kesu-sla', path: 'note', type: 'text' },
];

/** 2026-10-12 10:30 in Shanghai (Monday). */
export const NOW = Date.parse('2026-10-12T10:30:00+08:00');

export function ctx(overrides: Partial<JqlContext> = {}): JqlContext {
  return {
    fields: FIELDS,
    propertyAliases: ALIASES,
    currentUser: WANG,
    users: [WANG, LI, ZHAO],
    now: NOW,
    timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}

const QC = { id: '10000', key: 'QC', name: '质量客诉' };
const SV = { id: '10001', key: 'SV', name: 'Service' };
const OPEN = { id: '10001', name: '调查中', statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' } };
const TODO = { id: '10000', name: '待受理', statusCategory: { id: 2, key: 'new', name: 'To Do' } };
const DONE = { id: '10002', name: 'Closed', statusCategory: { id: 3, key: 'done', name: 'Done' } };
const COMPLAINT = { id: '10100', name: '客诉' };
const TASK = { id: '10101', name: 'Task' };
const HIGH = { id: '2', name: 'High' };
const MEDIUM = { id: '3', name: 'Medium' };
const LOW = { id: '4', name: 'Low' };
const ref = (u: { accountId: string; displayName: string }) => ({ accountId: u.accountId, displayName: u.displayName });
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function issue(id: string, key: string, fields: Record<string, unknown>, properties: Record<string, unknown> = {}): StoredIssue {
  return { id, key, fields, properties };
}

export const ISSUES: StoredIssue[] = [
  issue(
    '10001',
    'QC-1',
    {
      project: QC,
      issuetype: COMPLAINT,
      status: OPEN,
      priority: HIGH,
      summary: '包装破损 Broken package',
      description: adf('客户收到的快递外箱破损，内件有划痕'),
      created: '2026-10-01T09:00:00.000+0800',
      updated: '2026-10-12T08:00:00.000+0800',
      duedate: '2026-10-11',
      assignee: ref(WANG),
      reporter: ref(LI),
      labels: ['VIP', 'logistics'],
      resolution: null,
      customfield_10020: 'quality',
      customfield_10021: 120.5,
      customfield_10022: { id: '20001', value: '金卡' },
      customfield_10023: [
        { id: '20011', value: '电话' },
        { id: '20012', value: '微信' },
      ],
      customfield_10024: '2026-10-12T18:00:00.000+08:00',
      customfield_10025: ref(ZHAO),
      customfield_10026: '已联系客户，等待照片',
      customfield_10027: '0|i0000b:',
    },
    { 'kesu-sla': { state: 'breached', nextDue: '2026-10-11T18:00:00.000+0800', overdueHours: 16.5, owner: 'acc-wang', note: 'Escalated to 区域经理', history: [{ step: 1 }, { step: 3 }] } },
  ),
  issue(
    '10002',
    'QC-2',
    {
      project: QC,
      issuetype: COMPLAINT,
      status: TODO,
      priority: MEDIUM,
      summary: '退款未到账',
      description: null,
      created: '2026-10-05T14:30:00.000+0800',
      updated: '2026-10-05T14:30:00.000+0800',
      duedate: '2026-10-20',
      assignee: null,
      reporter: ref(WANG),
      labels: [],
      resolution: null,
      customfield_10020: 'service',
      customfield_10021: 0,
      customfield_10022: { id: '20002', value: '普通' },
      customfield_10023: [{ id: '20011', value: '电话' }],
      customfield_10024: null,
      customfield_10025: null,
      customfield_10027: '0|i0000a:',
    },
    { 'kesu-sla': { state: 'running', nextDue: '2026-10-13T12:00:00.000+08:00', overdueHours: 0, owner: 'acc-li' } },
  ),
  issue('10003', 'QC-10', {
    project: QC,
    issuetype: COMPLAINT,
    status: DONE,
    priority: LOW,
    summary: 'Wrong colour delivered',
    description: adf('The customer ordered red, got blue.'),
    created: '2026-09-20T08:00:00.000+0800',
    updated: '2026-10-12T02:00:00.000Z',
    resolutiondate: '2026-10-12T02:00:00.000Z',
    duedate: null,
    assignee: ref(LI),
    reporter: ref(LI),
    labels: ['vip'],
    resolution: { id: '10000', name: 'Done' },
    customfield_10020: 'quality',
    customfield_10022: null,
  }),
  issue('20001', 'SV-1', {
    project: SV,
    issuetype: TASK,
    status: OPEN,
    priority: null,
    summary: 'Call back the customer',
    created: '2026-10-12T00:15:00.000+0800',
    updated: '2026-10-12T00:15:00.000+0800',
    assignee: ref(ZHAO),
    reporter: ref(ZHAO),
    labels: null,
    resolution: null,
  }),
];

/** Keys of the fixture issues that match, in fixture order. */
export function keys(jql: string, c: JqlContext = ctx(), issues: StoredIssue[] = ISSUES): string[] {
  const q = compileJql(jql, c);
  return issues.filter((i) => q.matches(i)).map((i) => i.key);
}

/** Keys of all matching issues in the query's order. */
export function sorted(jql: string, c: JqlContext = ctx(), issues: StoredIssue[] = ISSUES): string[] {
  const q = compileJql(jql, c);
  return issues
    .filter((i) => q.matches(i))
    .sort((a, b) => q.compare(a, b))
    .map((i) => i.key);
}

/** The errorMessages of the JqlError the query throws (fails if it does not throw one). */
export function errorOf(jql: string, c: JqlContext = ctx()): string[] {
  try {
    compileJql(jql, c);
  } catch (e) {
    if (e instanceof Error && e.name === 'JqlError') return (e as Error & { errorMessages: string[] }).errorMessages;
    throw e;
  }
  throw new Error(`expected a JqlError for: ${jql}`);
}
