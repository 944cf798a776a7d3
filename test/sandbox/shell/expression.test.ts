/** The stand-in's Jira-expression subset runs the app's field formatters as a site would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JiraExpressionError, evaluateJiraExpression } from '../../../sandbox/jira/expression';
import { LABELS_PROPERTY, fieldLabelMap } from '../../../src/jira/fields';
import { presetPolicy } from '../../../src/rules/presets';

const manifest = parse(readFileSync(join(__dirname, '..', '..', '..', 'manifest.yml'), 'utf8')) as {
  modules: { 'jira:customField': { key: string; view?: { formatter?: { expression: string } } }[] };
};
const formatter = (key: string): string => manifest.modules['jira:customField'].find((m) => m.key === key)!.view!.formatter!.expression;
const project = { key: 'QC', properties: { [LABELS_PROPERTY]: fieldLabelMap(presetPolicy('auto-abc')) } };

describe('option field formatters', () => {
  it('show the label of the stored id in the viewer\'s language', () => {
    const zh = { locale: 'zh_CN' };
    const en = { locale: 'en_US' };
    expect(evaluateJiraExpression(formatter('complaint-department'), { value: 'plant', user: zh, project, fieldId: 'cf' })).toBe('分厂');
    expect(evaluateJiraExpression(formatter('complaint-department'), { value: 'plant', user: en, project, fieldId: 'cf' })).toBe('Plant');
    expect(evaluateJiraExpression(formatter('complaint-sla-state'), { value: 'at-risk', user: zh, project, fieldId: 'cf' })).toBe('即将超期');
    expect(evaluateJiraExpression(formatter('complaint-channel'), { value: 'email', user: zh, project, fieldId: 'cf' })).toBe('邮件');
  });

  it('fall back to the stored value when the project has no label for it', () => {
    expect(evaluateJiraExpression(formatter('complaint-category'), { value: 'gone', user: { locale: 'zh_CN' }, project, fieldId: 'cf' })).toBe('gone');
    expect(evaluateJiraExpression(formatter('complaint-category'), { value: 'quality', user: null, project: { key: 'X', properties: {} }, fieldId: 'cf' })).toBe('quality');
  });

  it('runs the details formatter: defect, root cause and action joined', () => {
    const value = { defect: '划伤', rootCauseOccurrence: '磕碰', actionOccurrence: null, reply: 'x' };
    expect(evaluateJiraExpression(formatter('complaint-details'), { value, user: null, project, fieldId: 'cf' })).toBe('划伤 / 磕碰');
  });

  it('refuses what it does not support instead of guessing', () => {
    expect(() => evaluateJiraExpression('value.constructor("x")', { value: {} })).toThrow(JiraExpressionError);
    expect(() => evaluateJiraExpression('nothing', {})).toThrow(JiraExpressionError);
    expect(evaluateJiraExpression("value?.a?.get('b') == null ? 'none' : 'some'", { value: null })).toBe('none');
  });
});
