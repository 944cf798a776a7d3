/** Field references: system names, custom field names (Chinese), clause names, cf[N], issue.property, aliases. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { objectSearchAliases, type SchemaProperty } from '../../../sandbox/jira/jql/fields';
import type { FieldDefinition, StoredIssue } from '../../../sandbox/jira/types';
import { ctx, FIELDS, ISSUES, keys, LI, WANG } from './fixtures';

describe('system fields', () => {
  test('project by key, id or name (case-insensitive)', () => {
    expect(keys('project = QC')).toEqual(['QC-1', 'QC-2', 'QC-10']);
    expect(keys('project = qc')).toEqual(['QC-1', 'QC-2', 'QC-10']);
    expect(keys('project = 10001')).toEqual(['SV-1']);
    expect(keys('project = "service"')).toEqual(['SV-1']);
    expect(keys('project = 质量客诉')).toEqual(['QC-1', 'QC-2', 'QC-10']);
  });
  test('issuetype and its alias type, by name or id', () => {
    expect(keys('issuetype = Task')).toEqual(['SV-1']);
    expect(keys('type = 客诉')).toEqual(['QC-1', 'QC-2', 'QC-10']);
    expect(keys('issuetype = 10101')).toEqual(['SV-1']);
  });
  test('status by name (case-insensitive) or id', () => {
    expect(keys('status = closed')).toEqual(['QC-10']);
    expect(keys('status = 10000')).toEqual(['QC-2']);
  });
  test('statusCategory by key, name, id or Chinese name', () => {
    expect(keys('statusCategory = "In Progress"')).toEqual(['QC-1', 'SV-1']);
    expect(keys('statusCategory = done')).toEqual(['QC-10']);
    expect(keys('statusCategory in (new, 3)')).toEqual(['QC-2', 'QC-10']);
    expect(keys('statusCategory = 进行中')).toEqual(['QC-1', 'SV-1']);
    expect(keys('statusCategory != done')).toEqual(['QC-1', 'QC-2', 'SV-1']);
  });
  test('summary and text (summary, description, environment and text custom fields)', () => {
    expect(keys('summary ~ customer')).toEqual(['SV-1']);
    expect(keys('text ~ customer')).toEqual(['QC-10', 'SV-1']);
    expect(keys('text ~ 照片')).toEqual(['QC-1']); // 处理备注 textarea custom field
  });
  test('created / updated / resolved as instants', () => {
    expect(keys('created >= "2026-10-05 14:30"')).toEqual(['QC-2', 'SV-1']);
    expect(keys('created > "2026-10-05 14:30"')).toEqual(['SV-1']);
    expect(keys('updated >= startOfDay()')).toEqual(['QC-1', 'QC-10', 'SV-1']);
    expect(keys('resolved >= startOfDay()')).toEqual(['QC-10']);
    expect(keys('resolutiondate is empty')).toEqual(['QC-1', 'QC-2', 'SV-1']);
  });
  test('duedate compares by calendar day: due today is not before now()', () => {
    expect(keys('duedate < now()')).toEqual(['QC-1']);
    expect(keys('duedate <= "2026-10-11"')).toEqual(['QC-1']);
    expect(keys('due = 2026-10-20')).toEqual(['QC-2']);
    expect(keys('duedate is empty')).toEqual(['QC-10', 'SV-1']);
  });
  test('assignee and reporter by accountId, e-mail or display name', () => {
    expect(keys('assignee = acc-wang')).toEqual(['QC-1']);
    expect(keys('assignee = "WANG@example.com"')).toEqual(['QC-1']);
    expect(keys('assignee = "zhao min"')).toEqual(['SV-1']);
    expect(keys('reporter = 李雷')).toEqual(['QC-1', 'QC-10']);
  });
  test('priority by name or id, and compared by rank', () => {
    expect(keys('priority = High')).toEqual(['QC-1']);
    expect(keys('priority = 3')).toEqual(['QC-2']);
    expect(keys('priority >= Medium')).toEqual(['QC-1', 'QC-2']);
    expect(keys('priority < medium')).toEqual(['QC-10']);
    expect(keys('priority is empty')).toEqual(['SV-1']);
  });
  test('labels: any element matches, case-insensitively', () => {
    expect(keys('labels = vip')).toEqual(['QC-1', 'QC-10']);
    expect(keys('labels in (logistics)')).toEqual(['QC-1']);
    expect(keys('labels != logistics')).toEqual(['QC-10']);
    expect(keys('labels != vip')).toEqual([]);
  });
  test('key / issuekey / id', () => {
    expect(keys('key = QC-1')).toEqual(['QC-1']);
    expect(keys('issuekey = qc-10')).toEqual(['QC-10']);
    expect(keys('key in (QC-2, SV-1)')).toEqual(['QC-2', 'SV-1']);
    expect(keys('id = 10003')).toEqual(['QC-10']);
    expect(keys('issue != QC-1 AND project = QC')).toEqual(['QC-2', 'QC-10']);
  });
  test('key comparisons stay inside the project and compare numbers', () => {
    expect(keys('key > QC-1')).toEqual(['QC-2', 'QC-10']);
    expect(keys('key <= QC-2')).toEqual(['QC-1', 'QC-2']);
  });
  test('resolution: Unresolved means EMPTY', () => {
    expect(keys('resolution = Unresolved')).toEqual(['QC-1', 'QC-2', 'SV-1']);
    expect(keys('resolution = Done')).toEqual(['QC-10']);
    expect(keys('resolution is not empty')).toEqual(['QC-10']);
  });
});

describe('custom fields', () => {
  test('by quoted Chinese name: string custom field matches exactly', () => {
    expect(keys('"客诉分类" = quality')).toEqual(['QC-1', 'QC-10']);
    expect(keys('客诉分类 = Quality')).toEqual([]);
    expect(keys('"客诉分类" != quality')).toEqual(['QC-2']);
  });
  test('string custom field: ~ is contains', () => {
    expect(keys('cf[10020] ~ qual')).toEqual(['QC-1', 'QC-10']);
  });
  test('by cf[N]', () => {
    expect(keys('cf[10020] = service')).toEqual(['QC-2']);
    expect(keys('CF[10020] in (service, quality) AND project = QC')).toEqual(['QC-1', 'QC-2', 'QC-10']);
  });
  test('by any clause name', () => {
    const fields = FIELDS.map((f) => (f.id === 'customfield_10021' ? { ...f, clauseNames: [...f.clauseNames, 'compensation'] } : f));
    expect(keys('compensation > 100', ctx({ fields }))).toEqual(['QC-1']);
  });
  test('field names are case-insensitive', () => {
    expect(keys('rank is not empty')).toEqual(['QC-1', 'QC-2']);
  });
  test('number custom field compares numerically', () => {
    expect(keys('"赔付金额" > 100')).toEqual(['QC-1']);
    expect(keys('赔付金额 = 120.50')).toEqual(['QC-1']);
    expect(keys('赔付金额 = 0')).toEqual(['QC-2']);
  });
  test('single select: option value (case-insensitive) or id', () => {
    expect(keys('客户等级 = 金卡')).toEqual(['QC-1']);
    expect(keys('cf[10022] = 20002')).toEqual(['QC-2']);
    expect(keys('cf[10022] is empty')).toEqual(['QC-10', 'SV-1']);
  });
  test('multi select: any option matches', () => {
    expect(keys('涉及渠道 = 微信')).toEqual(['QC-1']);
    expect(keys('涉及渠道 in (电话)')).toEqual(['QC-1', 'QC-2']);
    expect(keys('涉及渠道 not in (微信)')).toEqual(['QC-2']);
  });
  test('datetime custom field', () => {
    expect(keys('承诺答复时间 > now()')).toEqual(['QC-1']);
    expect(keys('承诺答复时间 <= "2026-10-12 17:59"')).toEqual([]);
  });
  test('user custom field', () => {
    expect(keys('质检员 = "zhao@example.com"')).toEqual(['QC-1']);
  });
  test('Jira text custom field is full-text', () => {
    expect(keys('处理备注 ~ 照片')).toEqual(['QC-1']);
    expect(keys('处理备注 is empty')).toEqual(['QC-2', 'QC-10', 'SV-1']);
  });
});

describe('entity properties', () => {
  test('issue.property[key].path = value', () => {
    expect(keys('issue.property[kesu-sla].state = breached')).toEqual(['QC-1']);
    expect(keys('issue.property["kesu-sla"].state != breached')).toEqual(['QC-2']);
  });
  test('issue.property uses the type of a declared alias for the same path', () => {
    expect(keys('issue.property[kesu-sla].overdueHours > 10')).toEqual(['QC-1']);
    expect(keys('issue.property[kesu-sla].nextDue < now()')).toEqual(['QC-1']);
  });
  test('undeclared paths: numbers numerically, arrays element-wise', () => {
    expect(keys('issue.property[kesu-sla].history.step = 3')).toEqual(['QC-1']);
    expect(keys('issue.property[kesu-sla].history.step > 2')).toEqual(['QC-1']);
    expect(keys('issue.property[kesu-sla].history.step is empty')).toEqual(['QC-2', 'QC-10', 'SV-1']);
  });
  test('alias of type string', () => {
    expect(keys('complaintSlaState = breached')).toEqual(['QC-1']);
    expect(keys('complaintSlaState != breached')).toEqual(['QC-2']);
    expect(keys('complaintSlaState is empty')).toEqual(['QC-10', 'SV-1']);
  });
  test('alias of type date', () => {
    expect(keys('complaintNextDue < now()')).toEqual(['QC-1']);
    expect(keys('complaintNextDue < endOfDay("+1d")')).toEqual(['QC-1', 'QC-2']);
  });
  test('alias of type number', () => {
    expect(keys('complaintOverdueHours > 0')).toEqual(['QC-1']);
    expect(keys('complaintOverdueHours = 0')).toEqual(['QC-2']);
  });
  test('alias of type user', () => {
    expect(keys('complaintOwner = currentUser()')).toEqual(['QC-1']);
    expect(keys('complaintOwner = "li@example.com"', ctx({ currentUser: LI }))).toEqual(['QC-2']);
  });
  test('alias of type text', () => {
    expect(keys('complaintNote ~ 区域')).toEqual(['QC-1']);
  });
  test('alias names are case-insensitive', () => {
    expect(keys('COMPLAINTSLASTATE = breached', ctx({ currentUser: WANG }))).toEqual(['QC-1']);
  });
});

describe('object field search aliases (<field>.<alias>)', () => {
  const details: FieldDefinition = {
    id: 'customfield_10030',
    key: 'customfield_10030',
    name: '客诉详情',
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: ['cf[10030]', '客诉详情', 'Complaint details'],
    schema: { type: 'any', custom: 'ari:cloud:ecosystem::extension/app-id/env-id/static/complaint-details', customId: 10030 },
    searchAliases: objectSearchAliases({
      properties: {
        rootCauseOccurrence: { type: 'string', searchAlias: 'rootCauseOccurrence', searchType: 'text' },
        fmeaNumber: { type: 'string', searchAlias: 'fmeaNumber' },
        followUpAt: { type: 'string', searchAlias: 'followUpAt', searchType: 'date' },
        lineStop: { type: 'boolean', searchAlias: 'lineStop' },
        contact: { type: 'string' },
      },
    }),
  };
  const values: Record<string, unknown>[] = [
    { rootCauseOccurrence: '夹具定位面磨损', fmeaNumber: 'PF-0321', followUpAt: '2026-10-10T10:00:00+08:00', lineStop: true, contact: '孙工' },
    { rootCauseOccurrence: '封口温度偏低', fmeaNumber: 'PF-0400', followUpAt: '2026-09-01T10:00:00+08:00', lineStop: false },
  ];
  const issues: StoredIssue[] = ISSUES.map((i, n) => ({ ...i, fields: { ...i.fields, customfield_10030: values[n] ?? null } }));
  const c = ctx({ fields: [...FIELDS, details] });
  const run = (jql: string): string[] => keys(jql, c, issues);

  test('text, exact, date and boolean aliases, by Chinese name, English name or cf[N] inside the name', () => {
    expect(run('客诉详情.rootCauseOccurrence ~ 磨损')).toEqual([issues[0]!.key]);
    expect(run('"Complaint details.fmeaNumber" = "PF-0400"')).toEqual([issues[1]!.key]);
    expect(run('客诉详情.followUpAt >= "2026-10-01"')).toEqual([issues[0]!.key]);
    expect(run('客诉详情.lineStop = "true"')).toEqual([issues[0]!.key]);
    expect(run('"cf[10030].fmeaNumber" = "PF-0321"')).toEqual([issues[0]!.key]);
  });
  test('a property without searchAlias, or an unknown alias, is not a field', () => {
    expect(() => run('客诉详情.contact = 孙工')).toThrow("Field '客诉详情.contact' does not exist");
    expect(() => run('客诉详情.nothing = x')).toThrow('does not exist');
  });
  test("the manifest's complaint-details aliases get the documented JQL types", () => {
    const manifest = parse(readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8')) as {
      modules: { 'jira:customField': { key: string; schema?: { properties?: Record<string, SchemaProperty> } }[] };
    };
    const field = manifest.modules['jira:customField'].find((f) => f.key === 'complaint-details');
    const aliases = objectSearchAliases(field?.schema);
    expect(aliases).toEqual(expect.arrayContaining([
      { alias: 'rootCauseOccurrence', path: 'rootCauseOccurrence', type: 'text' },
      { alias: 'followUpAt', path: 'followUpAt', type: 'date' },
      { alias: 'fmeaNumber', path: 'fmeaNumber', type: 'string' },
      { alias: 'lineStop', path: 'lineStop', type: 'string' },
      { alias: 'similarParts', path: 'similarParts', type: 'string' },
    ]));
    expect(aliases.map((a) => a.alias)).not.toContain('contact');
  });
});
