/** Operators and logic: = != IN, NOT IN, comparisons, ~ !~, IS [NOT] EMPTY, AND / OR / NOT, parentheses. */
import { compileJql } from '../../../sandbox/jira/jql';
import { ctx, ISSUES, keys } from './fixtures';

describe('equality', () => {
  test('= matches by name', () => {
    expect(keys('status = 调查中')).toEqual(['QC-1', 'SV-1']);
  });
  test('!= does not match issues whose field is empty', () => {
    expect(keys('status != 调查中')).toEqual(['QC-2', 'QC-10']);
    expect(keys('assignee != acc-wang')).toEqual(['QC-10', 'SV-1']); // QC-2 is unassigned
  });
  test('IN matches any listed value', () => {
    expect(keys('status in (待受理, Closed)')).toEqual(['QC-2', 'QC-10']);
  });
  test('NOT IN excludes listed values and empty fields', () => {
    expect(keys('status not in (待受理, Closed)')).toEqual(['QC-1', 'SV-1']);
    expect(keys('assignee not in (acc-li)')).toEqual(['QC-1', 'SV-1']);
  });
  test('IN with EMPTY in the list also matches empty fields', () => {
    expect(keys('assignee in (acc-li, EMPTY)')).toEqual(['QC-2', 'QC-10']);
  });
  test('NOT IN with EMPTY in the list excludes empty fields', () => {
    expect(keys('assignee not in (acc-li, EMPTY)')).toEqual(['QC-1', 'SV-1']);
  });
});

describe('comparisons', () => {
  test('>', () => expect(keys('cf[10021] > 0')).toEqual(['QC-1']));
  test('>=', () => expect(keys('cf[10021] >= 0')).toEqual(['QC-1', 'QC-2']));
  test('<', () => expect(keys('cf[10021] < 100')).toEqual(['QC-2']));
  test('<=', () => expect(keys('cf[10021] <= 120.5')).toEqual(['QC-1', 'QC-2']));
  test('comparisons never match empty values', () => {
    expect(keys('cf[10021] < 1000000')).toEqual(['QC-1', 'QC-2']);
  });
});

describe('text search', () => {
  test('~ is case-insensitive', () => expect(keys('summary ~ "broken"')).toEqual(['QC-1']));
  test('~ finds Chinese substrings', () => expect(keys('summary ~ 破损')).toEqual(['QC-1']));
  test('~ needs every term, in any order', () => {
    expect(keys('summary ~ "package broken"')).toEqual(['QC-1']);
    expect(keys('summary ~ "package nothing"')).toEqual([]);
  });
  test('~ with an inner quoted phrase matches the phrase only', () => {
    expect(keys('summary ~ "\\"Broken package\\""')).toEqual(['QC-1']);
    expect(keys('summary ~ "\\"package Broken\\""')).toEqual([]);
  });
  test('~ supports * wildcards', () => expect(keys('summary ~ "deliv*"')).toEqual(['QC-10']));
  test('~ searches ADF descriptions', () => expect(keys('description ~ 划痕')).toEqual(['QC-1']));
  test('!~ does not match empty fields', () => {
    expect(keys('summary !~ broken')).toEqual(['QC-2', 'QC-10', 'SV-1']);
    expect(keys('description !~ red')).toEqual(['QC-1']);
  });
});

describe('IS EMPTY', () => {
  test('IS EMPTY', () => expect(keys('assignee is empty')).toEqual(['QC-2']));
  test('IS NOT EMPTY', () => expect(keys('assignee is not empty')).toEqual(['QC-1', 'QC-10', 'SV-1']));
  test('IS NULL and IS NOT NULL', () => {
    expect(keys('assignee IS NULL')).toEqual(['QC-2']);
    expect(keys('assignee IS NOT NULL')).toEqual(['QC-1', 'QC-10', 'SV-1']);
  });
  test('= EMPTY and != EMPTY', () => {
    expect(keys('assignee = EMPTY')).toEqual(['QC-2']);
    expect(keys('assignee != EMPTY')).toEqual(['QC-1', 'QC-10', 'SV-1']);
  });
  test('empty lists and empty strings are empty', () => {
    expect(keys('labels is empty')).toEqual(['QC-2', 'SV-1']);
  });
});

describe('logic', () => {
  test('AND', () => expect(keys('project = QC AND status = 调查中')).toEqual(['QC-1']));
  test('OR', () => expect(keys('status = Closed OR assignee is empty')).toEqual(['QC-2', 'QC-10']));
  test('AND binds tighter than OR', () => {
    expect(keys('project = SV OR project = QC AND status = Closed')).toEqual(['QC-10', 'SV-1']);
  });
  test('parentheses', () => {
    expect(keys('(project = SV OR project = QC) AND status = 调查中')).toEqual(['QC-1', 'SV-1']);
  });
  test('NOT is pushed down: NOT assignee = x does not match unassigned issues', () => {
    expect(keys('NOT assignee = acc-wang')).toEqual(['QC-10', 'SV-1']);
    expect(keys('NOT assignee is empty')).toEqual(['QC-1', 'QC-10', 'SV-1']);
  });
  test('NOT over a group applies De Morgan', () => {
    expect(keys('NOT (project = QC AND status = Closed)')).toEqual(['QC-1', 'QC-2', 'SV-1']);
    expect(keys('NOT (status = Closed OR status = 待受理)')).toEqual(['QC-1', 'SV-1']);
  });
  test('! is NOT, and NOT NOT cancels', () => {
    expect(keys('! status = Closed')).toEqual(['QC-1', 'QC-2', 'SV-1']);
    expect(keys('NOT NOT status = Closed')).toEqual(['QC-10']);
  });
  test('NOT flips comparisons without matching empty values', () => {
    expect(keys('NOT cf[10021] > 100')).toEqual(['QC-2']);
  });
  test('empty query matches everything and is not ordered', () => {
    const q = compileJql('', ctx());
    expect(ISSUES.every((i) => q.matches(i))).toBe(true);
    expect(q.ordered).toBe(false);
  });
  test('operators and keywords are case-insensitive', () => {
    expect(keys('project = QC and STATUS In (closed) Or assignee IS empty')).toEqual(['QC-2', 'QC-10']);
  });
});
