/**
 * The policy editor's list edits (src/rules/policy-edit.ts): renaming or removing an option
 * carries into every field that names it, so a saved policy never points at a missing option.
 */
import { parsePolicy } from '../../src/rules';
import { OPTION_REFERENCES, addOption, freshOptionId, removeOption, renameOption, updateOption } from '../../src/rules/policy-edit';
import { presetCopy } from './helpers';

const index = (items: { id: string }[], id: string): number => {
  const i = items.findIndex((o) => o.id === id);
  if (i < 0) throw new Error(`no ${id}`);
  return i;
};

describe('renameOption', () => {
  it('renames a category in the matrix row and in every clock condition, and the result still validates', () => {
    const food = presetCopy('food');
    const before = JSON.stringify(food);
    const next = renameOption(food, 'categories', index(food.categories, 'quality'), 'product-quality');
    expect(next.categories.map((c) => c.id)).toContain('product-quality');
    expect(next.matrix.byCategory['product-quality']).toEqual(['qa', 'production']);
    expect(next.matrix.byCategory).not.toHaveProperty('quality');
    expect(next.clocks.find((c) => c.id === 'food.record')!.appliesWhen).toEqual({ categories: ['product-quality'] });
    expect(next.clocks.find((c) => c.id === 'food.follow-up-other')!.appliesWhen).toEqual({ notCategories: ['product-quality'] });
    expect(() => parsePolicy(next)).not.toThrow();
    // Pure: the input is untouched.
    expect(JSON.stringify(food)).toBe(before);
  });

  it('renames a department in every matrix cell, the intake list and the approver', () => {
    const food = presetCopy('food');
    const next = renameOption(food, 'departments', index(food.departments, 'vp'), 'gm');
    expect(next.matrix.byCategory.suggestion).toEqual(['gm', 'sales']);
    expect(next.approval.approverDepartment).toBe('gm');
    const sales = renameOption(food, 'departments', index(food.departments, 'sales'), 'sales-cn');
    expect(sales.matrix.intake).toEqual(['ecommerce', 'sales-cn']);
    expect(sales.matrix.byCategory.other).toEqual(['sales-cn']);
    expect(() => parsePolicy(sales)).not.toThrow();
  });

  it("renames a severity in the categories that imply it and a class in clocks' conditions", () => {
    const food = presetCopy('food');
    const next = renameOption(food, 'severities', index(food.severities, 'serious'), 'major');
    expect(next.categories.filter((c) => c.severity === 'major').map((c) => c.id)).toEqual(['service', 'packaging', 'quality']);
    expect(() => parsePolicy(next)).not.toThrow();
    const abc = presetCopy('auto-abc');
    const renamed = renameOption(abc, 'severities', index(abc.severities, 'B'), 'BB');
    expect(renamed.clocks.find((c) => c.id === 'abc.report-b')!.appliesWhen).toEqual({ classes: ['BB'] });
  });

  it('renames a root cause in its matrix row', () => {
    const p = presetCopy('auto-abc');
    const rc = p.rootCauses[0]!.id;
    p.matrix.byRootCause = { [rc]: [p.departments[0]!.id] };
    const next = renameOption(p, 'rootCauses', 0, 'design');
    expect(next.matrix.byRootCause).toEqual({ design: [p.departments[0]!.id] });
  });

  it('does not merge references into an option that already has the new id', () => {
    const food = presetCopy('food');
    // Typing "sales" over "vp": two options named sales for a moment; vp's cells stay vp.
    const next = renameOption(food, 'departments', index(food.departments, 'vp'), 'sales');
    expect(next.matrix.byCategory.suggestion).toEqual(['vp', 'sales']);
    expect(next.approval.approverDepartment).toBe('vp');
  });

  it('keeps the references of an id another option still has', () => {
    const food = presetCopy('food');
    food.departments.push({ id: 'qa', label: { 'zh-CN': '品管二', en: 'QA 2' } });
    const next = renameOption(food, 'departments', food.departments.length - 1, 'qa2');
    expect(next.matrix.byCategory.quality).toEqual(['qa', 'production']);
  });
});

describe('removeOption', () => {
  it('removes a department from every cell, the intake list and the approver', () => {
    const food = presetCopy('food');
    const next = removeOption(food, 'departments', index(food.departments, 'sales'));
    expect(next.departments.map((d) => d.id)).not.toContain('sales');
    expect(next.matrix.byCategory.service).toEqual(['ecommerce']);
    expect(next.matrix.byCategory.suggestion).toEqual(['vp']);
    expect(next.matrix.intake).toEqual(['ecommerce']);
    const noVp = removeOption(food, 'departments', index(food.departments, 'vp'));
    expect(noVp.approval.approverDepartment).toBeNull();
  });

  it("removes a category's matrix row and its clock conditions, and a severity from the categories implying it", () => {
    const food = presetCopy('food');
    const next = removeOption(food, 'categories', index(food.categories, 'packaging'));
    expect(next.matrix.byCategory).not.toHaveProperty('packaging');
    expect(next.clocks.find((c) => c.id === 'food.packaging')!.appliesWhen).toEqual({ categories: [] });
    const sev = removeOption(food, 'severities', index(food.severities, 'minor'));
    expect(sev.categories.find((c) => c.id === 'other')).not.toHaveProperty('severity');
  });

  it('ignores an index that is not there', () => {
    const food = presetCopy('food');
    expect(removeOption(food, 'departments', 99)).toBe(food);
    expect(renameOption(food, 'departments', 99, 'x')).toBe(food);
  });
});

describe('addOption / updateOption', () => {
  it('adds an option with an id no other option has', () => {
    const food = presetCopy('food');
    const once = addOption(food, 'rootCauses');
    expect(once.rootCauses).toEqual([{ id: 'new-1', label: { 'zh-CN': '新项 1', en: 'New 1' } }]);
    expect(freshOptionId([{ id: 'new-2' }, { id: 'new-3' }])).toBe('new-4');
    expect(freshOptionId([{ id: 'new-2' }])).toBe('new-3');
  });

  it('changes labels but never the id', () => {
    const food = presetCopy('food');
    const next = updateOption(food, 'departments', 0, (o) => ({ ...o, id: 'hijack', label: { ...o.label, en: 'Sales (CN)' } }));
    expect(next.departments[0]).toMatchObject({ id: 'sales', label: { en: 'Sales (CN)' } });
  });
});

describe('OPTION_REFERENCES', () => {
  it('lists every option-naming field of the policy schema (the validator names each one)', () => {
    const where = Object.values(OPTION_REFERENCES).flatMap((refs) => refs.map((r) => r.where));
    expect(where).toEqual(
      expect.arrayContaining([
        'matrix.byCategory',
        'matrix.byRootCause',
        'matrix.intake',
        'approval.approverDepartment',
        'categories[].severity',
        'classification.noticeCategories',
        'clocks[].appliesWhen.categories',
        'clocks[].appliesWhen.classes',
      ]),
    );
  });
});
