/**
 * Classification (domain.md §3): the 004 A/B/C classes with every reason id, the repeat rule,
 * notices, and the food preset's severity-follows-category.
 */
import { classify, effectiveLevel, parseComplaint, presetPolicy, repeatGroups, type HistoryEntry, type Policy } from '../../src/rules';
import { presetCopy } from './helpers';

const abc = presetPolicy('auto-abc');

function run(complaint: unknown, history: HistoryEntry[] = [], policy: Policy = abc): { level: string | null; reasons: string[] } {
  const c = classify(policy, parseComplaint(policy, complaint), history);
  return { level: c.level, reasons: c.reasons };
}

const base = { category: 'quality', partNumber: '3943450', registeredAt: '2026-03-05T10:00:00+08:00' };
const earlierB = (date: string, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  partNumber: '3943450',
  category: 'quality',
  defect: '内径超差',
  class: 'B',
  registeredAt: `${date}T10:00:00+08:00`,
  ...over,
});

describe('auto-abc class A reasons', () => {
  it.each([
    [{ lineStop: true }, 'line-stop'],
    [{ batchProblem: true }, 'batch'],
    [{ lossAmount: 5000 }, 'loss>=5000'],
    [{ lossAmount: 120000 }, 'loss>=5000'],
    [{ rohsReach: true }, 'rohs-reach'],
  ])('%j → A (%s)', (extra, reason) => {
    expect(run({ ...base, ...extra })).toEqual({ level: 'A', reasons: [reason] });
  });

  it('lists every reason that applies', () => {
    expect(run({ ...base, lineStop: true, batchProblem: true, lossAmount: 9000, rohsReach: true })).toEqual({
      level: 'A',
      reasons: ['line-stop', 'batch', 'loss>=5000', 'rohs-reach'],
    });
  });

  it('a loss just under 5000 and false flags stay B (individual)', () => {
    expect(run({ ...base, lossAmount: 4999.99, lineStop: false, batchProblem: false, rohsReach: false })).toEqual({
      level: 'B',
      reasons: ['individual'],
    });
    expect(run({ category: 'delivery' })).toEqual({ level: 'B', reasons: ['individual'] });
  });

  it('the loss threshold is configurable and named in the reason', () => {
    const p = presetCopy('auto-abc');
    p.classification.lossThreshold = 10000;
    expect(run({ ...base, lossAmount: 5000 }, [], p)).toEqual({ level: 'B', reasons: ['individual'] });
    expect(run({ ...base, lossAmount: 10000 }, [], p)).toEqual({ level: 'A', reasons: ['loss>=10000'] });
  });
});

describe('repeat>=3', () => {
  it('the 3rd B problem with the same part number and category is A', () => {
    const history = [earlierB('2026-01-10'), earlierB('2026-02-10')];
    expect(run(base, history)).toEqual({ level: 'A', reasons: ['repeat>=3'] });
    // The 2nd is still B.
    expect(run(base, history.slice(0, 1))).toEqual({ level: 'B', reasons: ['individual'] });
  });

  it('only earlier history counts', () => {
    const history = [earlierB('2026-01-10'), earlierB('2026-04-10')];
    expect(run(base, history).level).toBe('B');
    // The same moment is not earlier.
    expect(run(base, [earlierB('2026-01-10'), earlierB('2026-03-05')]).level).toBe('B');
  });

  it('a different part number, category or class does not count', () => {
    expect(run(base, [earlierB('2026-01-10'), earlierB('2026-02-10', { partNumber: '3943449' })]).level).toBe('B');
    expect(run(base, [earlierB('2026-01-10'), earlierB('2026-02-10', { category: 'delivery' })]).level).toBe('B');
    expect(run(base, [earlierB('2026-01-10'), earlierB('2026-02-10', { class: 'A' })]).level).toBe('B');
    expect(run(base, [earlierB('2026-01-10'), earlierB('2026-02-10', { class: 'C' })]).level).toBe('B');
  });

  it('part numbers compare without case and surrounding spaces', () => {
    const c = { ...base, partNumber: 'ab-100' };
    const history = [earlierB('2026-01-10', { partNumber: ' AB-100 ' }), earlierB('2026-02-10', { partNumber: 'Ab-100' })];
    expect(run(c, history).reasons).toEqual(['repeat>=3']);
  });

  it('without a part number there is no repeat', () => {
    const { partNumber: _omit, ...noPart } = base;
    expect(run(noPart, [earlierB('2026-01-10'), earlierB('2026-02-10')]).level).toBe('B');
  });

  it('repeat groups for the management view', () => {
    const groups = repeatGroups([earlierB('2026-01-10'), earlierB('2026-02-10'), earlierB('2026-03-10'), earlierB('2026-01-01', { partNumber: 'X' })], 3);
    expect(groups).toEqual([{ partNumber: '3943450', category: 'quality', count: 3 }]);
  });
});

describe('class C and overrides', () => {
  it('category notice is C, whatever else', () => {
    expect(run({ category: 'notice' })).toEqual({ level: 'C', reasons: ['notice'] });
    expect(run({ category: 'notice', lossAmount: 90000 }).level).toBe('C');
  });

  it('a stated class wins over the derived one (admin override)', () => {
    const c = parseComplaint(abc, { ...base, lineStop: true, class: 'B' });
    expect(effectiveLevel(abc, c)).toBe('B');
    expect(classify(abc, c).level).toBe('A');
  });
});

describe('severity follows the category (food)', () => {
  const food = presetPolicy('food');
  it.each([
    ['service', 'serious'],
    ['packaging', 'serious'],
    ['quality', 'serious'],
    ['suggestion', 'minor'],
    ['other', 'minor'],
  ])('%s → %s', (category, severity) => {
    const c = classify(food, parseComplaint(food, { category }));
    expect(c).toEqual({ field: 'severity', level: severity, reasons: ['category'] });
  });

  it('no category, no severity', () => {
    expect(classify(food, parseComplaint(food, {})).level).toBeNull();
  });
});

describe('manual severities (general)', () => {
  const general = presetPolicy('general');
  it('takes what the user picked', () => {
    expect(classify(general, parseComplaint(general, { category: 'quality', severity: 'major' }))).toMatchObject({ level: 'major' });
    expect(classify(general, parseComplaint(general, { category: 'quality' })).level).toBeNull();
  });
});
