/** The Versions tab's structured policy diff (src/ui/admin/policy-diff.ts), a pure function. */
import { diffPolicies, groupBySection, sameValue, showValue, type PolicyChange } from '../../src/ui/admin/policy-diff';
import { presetPolicy } from '../../src/rules/presets';
import type { Policy } from '../../src/rules/policy';

const base = (): Policy => JSON.parse(JSON.stringify(presetPolicy('food'))) as Policy;
const pick = (changes: PolicyChange[], section: string): Omit<PolicyChange, 'label'>[] =>
  changes.filter((c) => c.section === section).map(({ label: _label, ...rest }) => rest);

describe('diffPolicies', () => {
  it('finds nothing between equal policies, whatever the key order', () => {
    const a = base();
    const b = JSON.parse(JSON.stringify(a, Object.keys(a).reverse())) as Policy;
    expect(diffPolicies(a, base())).toEqual([]);
    expect(diffPolicies(a, { ...b, ...a })).toEqual([]);
  });

  it('lists added, removed and changed categories, departments and root causes by id', () => {
    const before = base();
    const after = base();
    after.categories = after.categories.filter((c) => c.id !== 'suggestion');
    delete after.matrix.byCategory.suggestion;
    after.categories.push({ id: 'odour', label: { 'zh-CN': '异味问题', en: 'Odour' }, severity: after.severities[0]!.id });
    after.matrix.byCategory.odour = ['qa'];
    const quality = after.categories.find((c) => c.id === 'quality')!;
    quality.label = { 'zh-CN': '品质问题', en: 'Quality problem' };
    after.departments.push({ id: 'it-dept', label: { 'zh-CN': '信息部', en: 'IT' } });

    const changes = diffPolicies(before, after);
    const cats = pick(changes, 'categories');
    expect(cats).toContainEqual({ section: 'categories', kind: 'removed', subject: 'suggestion', before: expect.any(String) });
    expect(cats).toContainEqual({ section: 'categories', kind: 'added', subject: 'odour', after: '异味问题 / Odour' });
    expect(cats).toContainEqual({
      section: 'categories',
      kind: 'changed',
      subject: 'quality',
      field: 'label',
      before: showValue(before.categories.find((c) => c.id === 'quality')!.label),
      after: '品质问题 / Quality problem',
    });
    // The removed entry comes before the added one, and the label is the option's.
    expect(cats.findIndex((c) => c.kind === 'removed')).toBeLessThan(cats.findIndex((c) => c.kind === 'added'));
    expect(changes.find((c) => c.subject === 'odour')!.label).toEqual({ 'zh-CN': '异味问题', en: 'Odour' });
    expect(pick(changes, 'departments')).toEqual([{ section: 'departments', kind: 'added', subject: 'it-dept', after: '信息部 / IT' }]);
  });

  it('reports the responsibility matrix cell by cell, and the intake list', () => {
    const before = base();
    const after = base();
    after.matrix.byCategory.quality = ['production', 'sales'];
    after.matrix.intake = [...before.matrix.intake, 'production'].filter((d, i, a) => a.indexOf(d) === i);
    const changes = pick(diffPolicies(before, after), 'matrix');
    const removed = before.matrix.byCategory.quality!.filter((d) => !['production', 'sales'].includes(d));
    const added = ['production', 'sales'].filter((d) => !before.matrix.byCategory.quality!.includes(d));
    for (const d of removed) expect(changes).toContainEqual({ section: 'matrix', kind: 'removed', subject: `byCategory:quality:${d}`, before: d });
    for (const d of added) expect(changes).toContainEqual({ section: 'matrix', kind: 'added', subject: `byCategory:quality:${d}`, after: d });
    if (!before.matrix.intake.includes('production')) expect(changes).toContainEqual({ section: 'matrix', kind: 'added', subject: 'intake:production', after: 'production' });
    expect(changes.filter((c) => c.subject.startsWith('byCategory:') && !c.subject.startsWith('byCategory:quality:'))).toEqual([]);
  });

  it('reports clocks (duration, added, removed), working hours, calendar overrides and numbering', () => {
    const before = base();
    const after = base();
    const first = after.clocks[0]!;
    first.duration = { amount: first.duration.amount + 1, unit: first.duration.unit };
    const dropped = after.clocks.pop()!;
    after.clocks.push({ id: 'extra.clock', label: { 'zh-CN': '额外时限', en: 'Extra clock' }, start: first.start, stop: first.stop, duration: { amount: 2, unit: 'hours' } });
    after.workingHours = [{ start: '09:00', end: '17:00' }];
    after.calendar.extraHolidays = [...before.calendar.extraHolidays, '2026-10-09'];
    after.calendar.shutdowns = [{ from: '2026-02-01', to: '2026-02-05', label: '春节停产' }];
    after.numbering = { pattern: 'KS-{YYYY}-{SEQ:4}', reset: 'year' };
    after.timeZone = 'Asia/Tokyo';

    const changes = diffPolicies(before, after);
    expect(pick(changes, 'clocks')).toEqual([
      { section: 'clocks', kind: 'removed', subject: dropped.id, before: showValue(dropped.label) },
      {
        section: 'clocks',
        kind: 'changed',
        subject: first.id,
        field: 'duration',
        before: `${before.clocks[0]!.duration.amount} ${first.duration.unit}`,
        after: `${first.duration.amount} ${first.duration.unit}`,
      },
      { section: 'clocks', kind: 'added', subject: 'extra.clock', after: '额外时限 / Extra clock' },
    ]);
    const hours = pick(changes, 'workingHours');
    expect(hours.filter((c) => c.kind === 'added')).toEqual([{ section: 'workingHours', kind: 'added', subject: '09:00-17:00', after: '09:00-17:00' }]);
    expect(hours.filter((c) => c.kind === 'removed').map((c) => c.subject)).toEqual(before.workingHours.map((w) => `${w.start}-${w.end}`));
    expect(pick(changes, 'calendar')).toEqual(
      expect.arrayContaining([
        { section: 'calendar', kind: 'added', subject: 'extraHolidays:2026-10-09', after: '2026-10-09' },
        { section: 'calendar', kind: 'added', subject: 'shutdowns:2026-02-01..2026-02-05 春节停产', after: '2026-02-01..2026-02-05 春节停产' },
      ]),
    );
    const numbering = pick(changes, 'numbering');
    expect(numbering).toContainEqual({ section: 'numbering', kind: 'changed', subject: 'pattern', before: before.numbering.pattern, after: 'KS-{YYYY}-{SEQ:4}' });
    expect(pick(changes, 'general')).toEqual([{ section: 'general', kind: 'changed', subject: 'timeZone', before: before.timeZone, after: 'Asia/Tokyo' }]);
  });

  it('reports optional properties that appear or go (a category severity, the 8D flag)', () => {
    const before = base();
    const after = base();
    const cat = after.categories.find((c) => c.quality === true) ?? after.categories[0]!;
    const hadQuality = cat.quality === true;
    if (hadQuality) delete cat.quality;
    else cat.quality = true;
    const c = diffPolicies(before, after).find((x) => x.subject === cat.id && x.field === 'quality');
    expect(c).toMatchObject({ kind: 'changed', before: hadQuality ? 'true' : '—', after: hadQuality ? '—' : 'true' });
  });

  it('groups by section in a fixed order, leaving out sections without changes', () => {
    const before = base();
    const after = base();
    after.numbering.reset = after.numbering.reset === 'year' ? 'month' : 'year';
    after.departments.push({ id: 'it-x', label: { 'zh-CN': '信息部', en: 'IT' } });
    expect(groupBySection(diffPolicies(before, after)).map((g) => g.section)).toEqual(['departments', 'numbering']);
  });
});

describe('showValue / sameValue', () => {
  it('shows labels, durations, lists and objects readably', () => {
    expect(showValue({ 'zh-CN': '质量', en: 'Quality' })).toBe('质量 / Quality');
    expect(showValue({ amount: 3, unit: 'workingDays' })).toBe('3 workingDays');
    expect(showValue(['a', 'b'])).toBe('a, b');
    expect(showValue([])).toBe('[]');
    expect(showValue(undefined)).toBe('—');
    expect(showValue({ severities: ['A'], categories: ['x', 'y'] })).toBe('categories: x, y; severities: A');
  });
  it('compares deeply, ignoring key order and undefined members', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});

describe('the rule settings of issue 11 in the history', () => {
  it('names a field ticked in the required-fields grid, a channel added, a quick-close rule removed and the repeat window', () => {
    const before = presetPolicy('auto-abc');
    const after = presetPolicy('auto-abc');
    after.requiredFields.assigned = [...(after.requiredFields.assigned ?? []), { field: 'orderNumber' }];
    after.channels = [...after.channels, { id: 'fax', label: { 'zh-CN': '传真', en: 'Fax' } }];
    after.quickClose = after.quickClose.filter((q) => q.id !== 'unfounded');
    after.classification.repeatWindowMonths = 6;
    const changes = diffPolicies(before, after).map((c) => `${c.section} ${c.kind} ${c.subject}`);
    expect(changes).toEqual(
      expect.arrayContaining(['requiredFields added assigned:orderNumber', 'channels added fax', 'quickClose removed unfounded', 'classification changed repeatWindowMonths']),
    );
  });
});
