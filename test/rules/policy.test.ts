/**
 * Policy validation: the presets validate; broken policies are refused with RulesError
 * 'invalid-policy' naming the field path and the rule.
 */
import { PRESET_IDS, RulesError, parsePolicy, presetPolicy, resolvePolicy, type Policy } from '../../src/rules';
import { presetCopy } from './helpers';

function refused(mutate: (p: Policy) => void, base: 'food' | 'auto-abc' | 'general' = 'food'): [string, string][] {
  const p = presetCopy(base);
  mutate(p);
  try {
    parsePolicy(p);
  } catch (e) {
    if (!(e instanceof RulesError)) throw e;
    expect(e.code).toBe('invalid-policy');
    for (const i of e.issues) {
      expect(i.message.en).toContain(`rule: ${i.rule}`);
      expect(i.message['zh-CN']).toContain(`规则：${i.rule}`);
    }
    return e.issues.map((i) => [i.field, i.rule]);
  }
  throw new Error('the policy was accepted');
}

describe('presets', () => {
  it.each(PRESET_IDS)('%s validates and resolves from its id', (id) => {
    const p = presetPolicy(id);
    expect(p.id).toBe(id);
    expect(parsePolicy(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(resolvePolicy(id)).toEqual(p);
  });

  it('each call gives a fresh copy', () => {
    const a = presetPolicy('food');
    a.categories[0]!.id = 'changed';
    expect(presetPolicy('food').categories[0]!.id).toBe('service');
  });

  it('an unknown preset id is refused', () => {
    expect(() => presetPolicy('bakery')).toThrow(expect.objectContaining({ code: 'unknown-preset' }));
  });

  it('ids of domain.md §3–§4', () => {
    const clocks = (id: 'food' | 'auto-abc' | 'general'): string[] => presetPolicy(id).clocks.map((c) => c.id);
    expect(clocks('food')).toEqual(['food.record', 'food.internal', 'food.packaging', 'food.follow-up-quality', 'food.follow-up-other']);
    expect(clocks('auto-abc')).toEqual(['abc.inform-a', 'abc.report-a', 'abc.report-b']);
    expect(clocks('general')).toEqual([
      'general.forward',
      'general.first-contact',
      'general.dept-answer',
      'general.reply',
      'general.resolve-quality',
      'general.follow-up',
      'general.escalate',
    ]);
    expect(presetPolicy('food').departments.map((d) => d.id)).toEqual(['sales', 'ecommerce', 'logistics', 'qa', 'production', 'vp']);
    expect(presetPolicy('auto-abc').severities.map((d) => d.id)).toEqual(['A', 'B', 'C']);
    expect(presetPolicy('general').matrix.byCategory).toEqual({
      quality: ['qa'],
      delivery: ['sales', 'production'],
      service: ['sales', 'commerce'],
      other: ['sales'],
    });
    for (const id of PRESET_IDS) {
      expect(presetPolicy(id).timeZone).toBe('Asia/Shanghai');
      expect(presetPolicy(id).atRiskShare).toBe(0.2);
    }
  });
});

describe('broken policies', () => {
  it('a matrix naming an unknown department', () => {
    expect(refused((p) => (p.matrix.byCategory.quality = ['qa', 'nobody']))).toEqual([['policy.matrix.byCategory.quality.1', 'reference']]);
    expect(refused((p) => (p.matrix.byRootCause.design = ['ghost']), 'auto-abc')).toEqual([['policy.matrix.byRootCause.design.0', 'reference']]);
  });

  it('a matrix naming an unknown category, and a category without a matrix row', () => {
    expect(refused((p) => (p.matrix.byCategory.bakery = ['qa']))).toEqual([['policy.matrix.byCategory.bakery', 'reference']]);
    expect(refused((p) => delete p.matrix.byCategory.other)).toEqual([['policy.matrix.byCategory', 'required']]);
  });

  it('duplicate ids', () => {
    expect(refused((p) => p.departments.push({ ...p.departments[0]! }))).toEqual([['policy.departments', 'unique']]);
    expect(refused((p) => p.categories.push({ ...p.categories[4]! }))).toEqual([['policy.categories', 'unique']]);
    expect(refused((p) => p.clocks.push({ ...p.clocks[0]! }))).toEqual([['policy.clocks', 'unique']]);
  });

  it('bad working hours', () => {
    expect(refused((p) => (p.workingHours = [{ start: '13:00', end: '12:00' }]))).toEqual([['policy.workingHours.0.end', 'range']]);
    expect(refused((p) => (p.workingHours = [{ start: '9:00', end: '25:00' }]))).toEqual([
      ['policy.workingHours.0.start', 'format'],
      ['policy.workingHours.0.end', 'format'],
    ]);
    expect(
      refused(
        (p) =>
          (p.workingHours = [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '18:00' },
          ]),
      ),
    ).toEqual([['policy.workingHours.1.start', 'range']]);
    expect(refused((p) => (p.workingHours = []))).toEqual([['policy.workingHours', 'range']]);
  });

  it('a bad numbering pattern', () => {
    expect(refused((p) => (p.numbering.pattern = '{YY}{MM}{DD}'))).toEqual([['policy.numbering.pattern', 'format']]);
  });

  it('a bad batch regex', () => {
    expect(refused((p) => (p.batchPattern = '([A-Z'))).toEqual([['policy.batchPattern', 'format']]);
  });

  it('an unknown time zone', () => {
    expect(refused((p) => (p.timeZone = 'Mars/Olympus_Mons'))).toEqual([['policy.timeZone', 'format']]);
  });

  it('more than one problem: every one is named', () => {
    expect(
      refused((p) => {
        p.timeZone = 'Nowhere/Land';
        p.batchPattern = '[';
        p.approval.approverDepartment = 'boss';
      }),
    ).toEqual([
      ['policy.timeZone', 'format'],
      ['policy.approval.approverDepartment', 'reference'],
      ['policy.batchPattern', 'format'],
    ]);
  });

  it('clock conditions and milestones', () => {
    expect(refused((p) => (p.clocks[0]!.appliesWhen = { categories: ['bakery'] }))).toEqual([
      ['policy.clocks.0.appliesWhen.categories.0', 'reference'],
    ]);
    expect(refused((p) => (p.clocks[0]!.stop = p.clocks[0]!.start))).toEqual([['policy.clocks.0.stop', 'format']]);
    expect(refused((p) => (p.clocks[0]!.duration = { amount: 1.5, unit: 'workingDays' }))).toEqual([
      ['policy.clocks.0.duration.amount', 'format'],
    ]);
  });

  it('wrong types are type errors, missing values are required', () => {
    expect(refused((p) => ((p as unknown as Record<string, unknown>).categories = 5))).toEqual([['policy.categories', 'type']]);
    expect(refused((p) => delete (p as Partial<Policy>).numbering)).toEqual([['policy.numbering', 'required']]);
  });

  it('auto-abc classes must exist; category severities must exist', () => {
    expect(refused((p) => (p.severities = p.severities.filter((s) => s.id !== 'C')), 'auto-abc')).toContainEqual(['policy.severities', 'required']);
    expect(refused((p) => delete p.categories[0]!.severity)).toEqual([['policy.categories.0.severity', 'required']]);
  });

  it('a shutdown that ends before it starts, a date that does not exist', () => {
    expect(refused((p) => (p.calendar.shutdowns = [{ from: '2026-02-10', to: '2026-02-01' }]))).toEqual([
      ['policy.calendar.shutdowns.0.to', 'range'],
    ]);
    expect(refused((p) => (p.calendar.extraHolidays = ['2026-02-30']))).toEqual([['policy.calendar.extraHolidays.0', 'format']]);
  });

  it('unknown fields', () => {
    expect(refused((p) => ((p as unknown as Record<string, unknown>).colour = 'red'))).toEqual([['policy', 'unknown']]);
  });
});
