/** JqlError (Jira's 400 errorMessages) for syntax errors and constructs the stand-in does not support. */
import { compileJql, JqlError } from '../../../sandbox/jira/jql';
import { ctx, errorOf } from './fixtures';

describe('syntax errors', () => {
  test('are JqlError instances with Jira-style messages', () => {
    expect(() => compileJql('project = ', ctx())).toThrow(JqlError);
    const [message] = errorOf('project = ');
    expect(message).toMatch(/^Error in the JQL Query: .* \(line 1, character \d+\)$/);
  });
  test('dangling AND, missing operator, unterminated string, stray words', () => {
    for (const jql of ['project = QC AND', 'project QC', 'summary ~ "unterminated', 'project = QC status = x', 'status = (a, b)']) {
      expect(errorOf(jql)[0]).toMatch(/^Error in the JQL Query:/);
    }
  });
  test('values with reserved characters need quotes, as in Jira', () => {
    expect(errorOf('assignee = wang@example.com')[0]).toMatch(/^Error in the JQL Query:/);
  });
});

describe('fields', () => {
  test('unknown field', () => {
    expect(errorOf('foo = 1')).toEqual(["Field 'foo' does not exist or you do not have permission to view it."]);
  });
  test('unknown cf[N]', () => {
    expect(errorOf('cf[99999] = 1')).toEqual(["Field 'cf[99999]' does not exist or you do not have permission to view it."]);
  });
  test('Jira fields the stand-in does not search', () => {
    expect(errorOf('comment ~ x')).toEqual(["Field 'comment' is not supported by this Jira stand-in."]);
    expect(errorOf('"Comments page" = x')).toEqual(["Field 'Comments page' is not supported by this Jira stand-in."]);
    expect(errorOf('project.property[a].b = 1')).toEqual(["Field 'project.property' is not supported by this Jira stand-in."]);
  });
  test('unknown field in ORDER BY', () => {
    expect(errorOf('order by foo')).toEqual(["Field 'foo' does not exist or you do not have permission to view it."]);
  });
  test('fields that cannot be sorted', () => {
    expect(errorOf('order by text')).toEqual(["Field 'text' does not support sorting."]);
    expect(errorOf('order by description')).toEqual(["Field 'description' does not support sorting."]);
  });
});

describe('operators', () => {
  test('WAS, WAS IN, WAS NOT and CHANGED need history', () => {
    for (const jql of ['status was 调查中', 'status was in (a) by "acc-li"', 'status was not Closed', 'status changed']) {
      expect(errorOf(jql)[0]).toMatch(/^The operator '(was|was in|was not|changed)' is not supported by this Jira stand-in/);
    }
  });
  test('operator the field does not support', () => {
    expect(errorOf('summary = foo')).toEqual(["The operator '=' is not supported by the 'summary' field."]);
    expect(errorOf('status > 1')).toEqual(["The operator '>' is not supported by the 'status' field."]);
    expect(errorOf('labels ~ vip')).toEqual(["The operator '~' is not supported by the 'labels' field."]);
    expect(errorOf('text !~ x')).toEqual(["The operator '!~' is not supported by the 'text' field."]);
    expect(errorOf('key is empty')).toEqual(["The operator 'IS' is not supported by the 'key' field."]);
    expect(errorOf('complaintSlaState ~ x')).toEqual(["The operator '~' is not supported by the 'complaintSlaState' field."]);
  });
  test('~ EMPTY and ~ with a function', () => {
    expect(errorOf('summary ~ EMPTY')[0]).toMatch(/does not support searching for EMPTY/);
    expect(errorOf('summary ~ now()')[0]).toMatch(/function 'now' is not supported with the operator '~'/);
  });
  test('~ with an empty string', () => {
    expect(errorOf('summary ~ ""')).toEqual(["The field 'summary' does not support searching for an empty string."]);
  });
});

describe('functions', () => {
  test('Jira function the stand-in does not evaluate', () => {
    expect(errorOf('assignee in membersOf("jira-users")')).toEqual(["The function 'membersOf' is not supported by this Jira stand-in."]);
    expect(errorOf('issue in linkedIssues(QC-1)')).toEqual(["The function 'linkedIssues' is not supported by this Jira stand-in."]);
  });
  test('unknown function', () => {
    expect(errorOf('created > yesterday()')).toEqual(["Unable to find JQL function 'yesterday()'."]);
  });
  test('wrong number of arguments or a bad increment', () => {
    expect(errorOf('created > now("x")')).toEqual(["Function 'now' expected '0' arguments but received '1'."]);
    expect(errorOf('created > startOfDay("soon")')[0]).toMatch(/^The argument 'soon' of the function 'startOfDay' is invalid/);
  });
  test('function of the wrong type for the field', () => {
    expect(errorOf('status = now()')).toEqual(["A value provided by the function 'now' is invalid for the field 'status'."]);
    expect(errorOf('created > currentUser()')).toEqual(["A value provided by the function 'currentUser' is invalid for the field 'created'."]);
  });
});

describe('values', () => {
  test('invalid date', () => {
    expect(errorOf('created > yesterday')[0]).toMatch(/^Date value 'yesterday' for field 'created' is invalid\. Valid formats include/);
    expect(errorOf('created > "2026-02-30"')[0]).toMatch(/^Date value '2026-02-30'/);
  });
  test('invalid number', () => {
    expect(errorOf('赔付金额 = abc')).toEqual(["Value 'abc' is invalid for the '赔付金额' field."]);
  });
  test('unknown user', () => {
    expect(errorOf('assignee = "nobody@example.com"')).toEqual(["The value 'nobody@example.com' does not exist for the field 'assignee'."]);
  });
  test('unknown status category and priority', () => {
    expect(errorOf('statusCategory = foo')).toEqual(["The value 'foo' does not exist for the field 'statusCategory'."]);
    expect(errorOf('priority > Urgent')).toEqual(["The value 'Urgent' does not exist for the field 'priority'."]);
  });
  test('invalid issue key', () => {
    expect(errorOf('key = "not a key"')).toEqual(["The issue key 'not a key' for field 'key' is invalid."]);
  });
});
