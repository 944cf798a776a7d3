/** ORDER BY and the default order. */
import { compileJql } from '../../../sandbox/jira/jql';
import { ctx, sorted } from './fixtures';

describe('ORDER BY', () => {
  test('without ORDER BY: created descending, not ordered', () => {
    expect(sorted('')).toEqual(['SV-1', 'QC-2', 'QC-1', 'QC-10']);
    expect(compileJql('project = QC', ctx()).ordered).toBe(false);
  });
  test('default order falls back to id descending on equal created', () => {
    const a = { id: '5', key: 'X-5', fields: { created: '2026-10-01T00:00:00.000Z' }, properties: {} };
    const b = { id: '6', key: 'X-6', fields: { created: '2026-10-01T08:00:00.000+0800' }, properties: {} };
    expect(sorted('', ctx(), [a, b])).toEqual(['X-6', 'X-5']);
  });
  test('ASC and ordered flag', () => {
    expect(sorted('order by created asc')).toEqual(['QC-10', 'QC-1', 'QC-2', 'SV-1']);
    expect(compileJql('order by created', ctx()).ordered).toBe(true);
  });
  test('DESC', () => expect(sorted('ORDER BY created DESC')).toEqual(['SV-1', 'QC-2', 'QC-1', 'QC-10']));
  test('empty values sort last ascending, first descending', () => {
    expect(sorted('project = QC ORDER BY duedate ASC')).toEqual(['QC-1', 'QC-2', 'QC-10']);
    expect(sorted('project = QC ORDER BY duedate DESC')).toEqual(['QC-10', 'QC-2', 'QC-1']);
  });
  test('several fields', () => {
    expect(sorted('ORDER BY status ASC, key DESC')).toEqual(['QC-2', 'SV-1', 'QC-1', 'QC-10']);
  });
  test('key sorts by project then number', () => {
    expect(sorted('order by key')).toEqual(['QC-1', 'QC-2', 'QC-10', 'SV-1']);
  });
  test('priority DESC puts the highest first (empty first when descending)', () => {
    expect(sorted('order by priority desc')).toEqual(['SV-1', 'QC-1', 'QC-2', 'QC-10']);
  });
  test('users sort by display name (pinyin for zh_CN)', () => {
    expect(sorted('project = QC order by assignee')).toEqual(['QC-10', 'QC-1', 'QC-2']);
  });
  test('custom field by Chinese name; ties fall back to id descending', () => {
    expect(sorted('order by "赔付金额" desc')).toEqual(['SV-1', 'QC-10', 'QC-1', 'QC-2']);
  });
  test('cf[N] option field', () => {
    expect(sorted('order by cf[10022]')).toEqual(['QC-1', 'QC-2', 'SV-1', 'QC-10']);
  });
  test('property alias', () => {
    expect(sorted('order by complaintNextDue')).toEqual(['QC-1', 'QC-2', 'SV-1', 'QC-10']);
  });
  test('issue.property path', () => {
    expect(sorted('order by issue.property[kesu-sla].overdueHours desc, key')).toEqual(['QC-10', 'SV-1', 'QC-1', 'QC-2']);
  });
  test('untyped custom field sorts by its string value', () => {
    expect(sorted('project = QC order by Rank')).toEqual(['QC-2', 'QC-1', 'QC-10']);
  });
  test('equal keys fall back to id descending', () => {
    expect(sorted('project = QC order by issuetype')).toEqual(['QC-10', 'QC-2', 'QC-1']);
  });
});
