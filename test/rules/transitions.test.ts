/**
 * Workflow rules (domain.md §5): each target status with its rule ids, and messages that name
 * the field in both languages and say what would pass.
 */
import {
  FIELD_LABELS,
  checkTransition,
  complaintIssues,
  parseComplaint,
  parseComplaintShape,
  presetPolicy,
  type Complaint,
  type Milestones,
  type Policy,
  type StatusId,
  type TransitionContext,
  type Violation,
} from '../../src/rules';
import { ms, presetCopy } from './helpers';

const food = presetPolicy('food');
const abc = presetPolicy('auto-abc');
const general = presetPolicy('general');
const NOW = ms('2026-03-20T10:00:00+08:00');

function check(policy: Policy, complaint: Record<string, unknown>, to: StatusId, ctx: TransitionContext = {}): Violation[] {
  // Shape only: range and format problems are the validator's violations, not bad input.
  const c: Complaint = parseComplaintShape(complaint);
  const r = checkTransition(policy, c, to, { now: NOW, ...ctx });
  expect(r.ok).toBe(r.violations.length === 0);
  return r.violations;
}

function pairs(vs: Violation[]): [string, string][] {
  return vs.map((v) => [v.field, v.rule]);
}

/** A food complaint of product quality that has everything a closing needs. */
const foodDone = {
  complaintNumber: '260305001',
  customer: '华联超市',
  registeredAt: '2026-03-05T10:00:00+08:00',
  partNumber: '3943450',
  batch: 'L20260301',
  shippedQuantity: 5000,
  defectQuantity: 12,
  category: 'quality',
  responsibleDepartment: 'qa',
  approvedBy: '李副总',
  containment: '库存隔离，全检',
  containmentAt: '2026-03-06T10:00:00+08:00',
  rootCauseOccurrence: '封口温度偏低',
  rootCauseOutflow: '出货检验漏检',
  actionOccurrence: '调整封口温度',
  actionOutflow: '增加密封性抽检',
  eightDAt: '2026-03-12T10:00:00+08:00',
  disposition: 'exchange',
  reply: '已换货并致歉',
  followUpAt: '2026-03-15T10:00:00+08:00',
  followUpBy: '王五',
  satisfaction: 'satisfied',
};

function expectGoodMessage(v: Violation, field: string): void {
  const label = FIELD_LABELS[field];
  expect(label).toBeDefined();
  expect(v.message['zh-CN']).toContain(label!['zh-CN']);
  expect(v.message.en.toLowerCase()).toContain(label!.en.toLowerCase());
  // What would pass: "e.g." / "例如" or the allowed values.
  expect(v.message.en).toMatch(/e\.g\.|allowed:|must be/);
  expect(v.message['zh-CN']).toMatch(/例如|可选|须为/);
  expect(v.message['zh-CN']).toContain(`规则：${v.rule}`);
  expect(v.message.en).toContain(`rule: ${v.rule}`);
}

describe('a complaint that satisfies the rules passes', () => {
  it.each(['assigned', 'investigating', 'corrective-action', 'replied', 'follow-up', 'closed', 'reopened'] as StatusId[])(
    'food → %s',
    (to) => {
      expect(checkTransition(food, parseComplaint(food, foodDone), to, { now: NOW })).toEqual({ ok: true, violations: [] });
    },
  );
});

describe('assigned', () => {
  it('needs category, severity and department (required)', () => {
    expect(pairs(check(general, {}, 'assigned'))).toEqual([
      ['category', 'required'],
      ['severity', 'required'],
      ['responsibleDepartment', 'required'],
    ]);
    expect(check(general, { category: 'quality', severity: 'major', responsibleDepartment: 'qa' }, 'assigned')).toEqual([]);
  });

  it('the department must be one the matrix allows for the category (matrix)', () => {
    const vs = check(general, { category: 'delivery', severity: 'normal', responsibleDepartment: 'qa' }, 'assigned');
    expect(pairs(vs)).toEqual([['responsibleDepartment', 'matrix']]);
    expectGoodMessage(vs[0]!, 'responsibleDepartment');
    expect(vs[0]!.message['zh-CN']).toContain('销售部、生产部');
    expect(vs[0]!.message.en).toContain('Sales, Production');
    expect(check(general, { category: 'delivery', severity: 'normal', responsibleDepartment: 'production' }, 'assigned')).toEqual([]);
  });

  it('food: the 副总经理 approval is required (approval); severity follows the category', () => {
    const { approvedBy: _a, ...unapproved } = foodDone;
    const vs = check(food, unapproved, 'assigned');
    expect(pairs(vs)).toEqual([['approvedBy', 'approval']]);
    expectGoodMessage(vs[0]!, 'approvedBy');
    expect(vs[0]!.message['zh-CN']).toContain('副总经理');
    expect(vs[0]!.message.en).toContain('Deputy general manager');
    // A blank approver is no approval.
    expect(pairs(check(food, { ...foodDone, approvedBy: '  ' }, 'assigned'))).toEqual([['approvedBy', 'approval']]);
  });

  it('food: every category has its matrix', () => {
    const allowed: Record<string, string[]> = {
      service: ['sales', 'ecommerce'],
      packaging: ['logistics', 'qa'],
      quality: ['qa', 'production'],
      suggestion: ['vp', 'sales'],
      other: ['sales'],
    };
    for (const [category, ok] of Object.entries(allowed)) {
      for (const d of food.departments.map((x) => x.id)) {
        const vs = check(food, { category, responsibleDepartment: d, approvedBy: '李副总' }, 'assigned');
        expect([category, d, pairs(vs)]).toEqual([category, d, ok.includes(d) ? [] : [['responsibleDepartment', 'matrix']]]);
      }
    }
  });

  it('auto-abc: intake goes to qa at assignment; the root-cause matrix is not applied yet', () => {
    expect(check(abc, { category: 'quality', responsibleDepartment: 'qa' }, 'assigned')).toEqual([]);
    const vs = check(abc, { category: 'quality', responsibleDepartment: 'plant', rootCauseCategory: 'manufacturing' }, 'assigned');
    expect(pairs(vs)).toEqual([['responsibleDepartment', 'matrix']]);
    expect(vs[0]!.message['zh-CN']).toContain('质量部');
    expect(vs[0]!.message.en).toContain('Quality');
    expect(pairs(check(abc, { category: 'quality', responsibleDepartment: 'plant' }, 'investigating'))).toEqual([
      ['responsibleDepartment', 'matrix'],
    ]);
  });
});

describe('corrective-action (out of investigating / 3D)', () => {
  const ready = { category: 'quality', containment: '隔离在途品', containmentAt: '2026-03-06T10:00:00+08:00' };

  it('auto-abc: the root-cause matrix applies from corrective action on', () => {
    expect(check(abc, { ...ready, rootCauseCategory: 'manufacturing', responsibleDepartment: 'plant' }, 'corrective-action')).toEqual([]);
    const vs = check(abc, { ...ready, rootCauseCategory: 'manufacturing', responsibleDepartment: 'qa' }, 'corrective-action');
    expect(pairs(vs)).toEqual([['responsibleDepartment', 'matrix']]);
    expect(vs[0]!.message['zh-CN']).toContain('分厂');
    expect(vs[0]!.message['zh-CN']).toContain('制造');
    expect(vs[0]!.message.en).toContain('Plant');
    for (const [cause, depts] of Object.entries(abc.matrix.byRootCause)) {
      for (const d of depts) expect(check(abc, { ...ready, rootCauseCategory: cause, responsibleDepartment: d }, 'corrective-action')).toEqual([]);
    }
  });

  it('auto-abc: the root cause is required there', () => {
    expect(pairs(check(abc, { ...ready, responsibleDepartment: 'plant' }, 'corrective-action'))).toEqual([
      ['rootCauseCategory', 'required'],
    ]);
  });

  it('containment note always; class A/B need the 3D time, class C does not', () => {
    const vs = check(abc, { category: 'quality', rootCauseCategory: 'design', responsibleDepartment: 'engineering' }, 'corrective-action');
    expect(pairs(vs)).toEqual([
      ['containment', 'required'],
      ['containmentAt', 'required'],
    ]);
    expectGoodMessage(vs[1]!, 'containmentAt');
    // The example for a time is written the way the form takes it (local date and time in the policy zone).
    expect(vs[1]!.message.en).toContain('e.g. 2026-03-20 10:00 (');
    expect(
      pairs(check(abc, { category: 'notice', containment: '资料已发', rootCauseCategory: 'design', responsibleDepartment: 'engineering' }, 'corrective-action')),
    ).toEqual([]);
  });
});

describe('replied', () => {
  it('needs disposition and reply', () => {
    const vs = check(general, { category: 'quality' }, 'replied');
    expect(pairs(vs)).toEqual([
      ['disposition', 'required'],
      ['reply', 'required'],
    ]);
    expectGoodMessage(vs[0]!, 'disposition');
    expect(vs[0]!.message['zh-CN']).toContain('换货');
    expect(check(general, { category: 'quality', disposition: 'return', reply: '同意退货' }, 'replied')).toEqual([]);
  });
});

describe('closed', () => {
  it('needs root causes, actions, follow-up and satisfaction; quality needs the 8D time', () => {
    const vs = check(food, { category: 'quality' }, 'closed');
    expect(pairs(vs)).toEqual([
      ['rootCauseOccurrence', 'required'],
      ['rootCauseOutflow', 'required'],
      ['actionOccurrence', 'required'],
      ['actionOutflow', 'required'],
      ['followUpAt', 'required'],
      ['satisfaction', 'required'],
      ['eightDAt', 'required'],
    ]);
    for (const v of vs) expectGoodMessage(v, v.field);
    // Not a quality category: no 8D needed.
    const { eightDAt: _e, ...no8d } = foodDone;
    expect(check(food, { ...no8d, category: 'service', responsibleDepartment: 'sales' }, 'closed')).toEqual([]);
    expect(pairs(check(food, no8d, 'closed'))).toEqual([['eightDAt', 'required']]);
  });

  it.each(['unsatisfied', 'very-unsatisfied'])('a %s follow-up cannot close (satisfaction)', (satisfaction) => {
    const vs = check(food, { ...foodDone, satisfaction }, 'closed');
    expect(pairs(vs)).toEqual([['satisfaction', 'satisfaction']]);
    expect(vs[0]!.message['zh-CN']).toContain('满意度');
    expect(vs[0]!.message.en.toLowerCase()).toContain('satisfaction');
    // What would pass.
    expect(vs[0]!.message['zh-CN']).toContain('「满意」');
    expect(vs[0]!.message.en).toContain('"Satisfied"');
    // The unsatisfied complaint may be reopened.
    expect(check(food, { ...foodDone, satisfaction }, 'reopened')).toEqual([]);
  });

  describe('a breached clock needs the reason not accomplished (late-reason)', () => {
    // food.internal: assigned Mon 9 Mar 10:00 → due Thu 12 Mar 18:00; resolved Fri 13 Mar 10:00.
    const late: Milestones = {
      registered: '2026-03-09T09:00:00+08:00',
      assigned: '2026-03-09T10:00:00+08:00',
      investigated: '2026-03-10T10:00:00+08:00',
      resolved: '2026-03-13T10:00:00+08:00',
      'follow-up': '2026-03-15T10:00:00+08:00',
    };

    it('without lateReason the close is refused', () => {
      const vs = check(food, foodDone, 'closed', { milestones: late });
      expect(pairs(vs)).toEqual([['lateReason', 'late-reason']]);
      expectGoodMessage(vs[0]!, 'lateReason');
      expect(vs[0]!.message.en).toContain('Internal handling');
      expect(vs[0]!.message.en).toContain('1 day(s) late');
      expect(vs[0]!.message['zh-CN']).toContain('内部处理（产品质量）');
      expect(vs[0]!.message['zh-CN']).toContain('1 天');
    });

    it('with lateReason it passes', () => {
      expect(check(food, { ...foodDone, lateReason: '供应商来料延误' }, 'closed', { milestones: late })).toEqual([]);
    });

    it('on-time milestones need no reason', () => {
      const onTime = { ...late, resolved: '2026-03-12T17:00:00+08:00', 'follow-up': '2026-03-14T10:00:00+08:00' };
      expect(check(food, foodDone, 'closed', { milestones: onTime })).toEqual([]);
    });

    it('a clock still running past due at `now` also counts', () => {
      const { 'follow-up': _f, ...open } = late;
      // follow-up-quality: resolved 13 Mar → due 15 Mar 23:59:59; now 20 Mar and no follow-up.
      const vs = check(food, { ...foodDone, lateReason: null }, 'closed', {
        milestones: { ...open, resolved: '2026-03-12T17:00:00+08:00' },
      });
      expect(pairs(vs)).toEqual([['lateReason', 'late-reason']]);
    });
  });
});

describe('value checks on any transition', () => {
  it('defect quantity above shipped quantity (range) names both fields and the bound, without a pointless example', () => {
    const vs = check(food, { ...foodDone, defectQuantity: 6000 }, 'replied');
    expect(pairs(vs)).toEqual([['defectQuantity', 'range']]);
    const m = vs[0]!.message;
    expect(m['zh-CN']).toBe('不良数量 6000 不能大于发货数量 5000：请填写不超过 5000 的数量，或更正发货数量（规则：range）');
    expect(m.en).toBe('Defect quantity 6000 must not exceed the shipped quantity 5000: enter at most 5000, or correct the shipped quantity (rule: range)');
    // "例如 5000" next to "不能大于 5000" told the user nothing; no example is given for a comparison of two fields.
    expect(m['zh-CN']).not.toContain('例如');
    expect(m.en).not.toContain('e.g.');
  });

  it('an unknown category (option) lists the options by label in the reader\'s language, with the id to type', () => {
    const bad = complaintIssues(food, parseComplaintShape({ category: 'weather' }));
    expect(bad.map((i) => [i.field, i.rule])).toEqual([['complaint.category', 'option']]);
    const [first, second] = food.categories;
    const zh = bad[0]!.message['zh-CN'];
    const en = bad[0]!.message.en;
    expect(zh).toContain('客诉分类：「weather」不是当前方案的选项，可选：');
    expect(zh).toContain(`「${first!.label['zh-CN']}」（${first!.id}）、「${second!.label['zh-CN']}」（${second!.id}）`);
    expect(zh).toContain('（规则：option）');
    expect(en).toContain(`Category: "weather" is not an option of the active policy; use one of "${first!.label.en}" (${first!.id}), "${second!.label.en}" (${second!.id})`);
    expect(en).toContain('(rule: option)');
    // No bare id list (quality、delivery…) in the Chinese text.
    expect(zh).not.toContain(`可选：${first!.id}`);
  });

  it('a batch number not of the pattern (format)', () => {
    const vs = check(food, { ...foodDone, batch: 'L 2026' }, 'assigned');
    expect(pairs(vs)).toEqual([['batch', 'format']]);
    expect(vs[0]!.message['zh-CN']).toContain('产品批号');
    expect(vs[0]!.message.en).toContain('Batch number');
    expect(vs[0]!.message.en).toContain(food.batchPattern);
  });

  it('the batch pattern must match the whole value, even without anchors', () => {
    const p = presetCopy('food');
    p.batchPattern = 'L\\d{8}';
    expect(check(p, { ...foodDone, batch: 'L20260301' }, 'replied')).toEqual([]);
    expect(pairs(check(p, { ...foodDone, batch: 'XL20260301' }, 'replied'))).toEqual([['batch', 'format']]);
    expect(pairs(check(p, { ...foodDone, batch: 'L20260301-2' }, 'replied'))).toEqual([['batch', 'format']]);
  });
});

describe('rule families can be switched off', () => {
  it('only the configured families run', () => {
    const vs = check(general, { category: 'delivery', responsibleDepartment: 'qa' }, 'assigned', { families: ['matrix'] });
    expect(pairs(vs)).toEqual([['responsibleDepartment', 'matrix']]);
  });
});

describe('首次联系时间 in the future', () => {
  it('is refused, naming the field in both languages; one in the past passes', () => {
    const base = { category: 'service', severity: 'normal' };
    const future = check(general, { ...base, firstContactAt: '2026-03-21T10:00:00+08:00' }, 'assigned').filter((v) => v.field === 'firstContactAt');
    expect(pairs(future)).toEqual([['firstContactAt', 'range']]);
    expect(future[0]!.message['zh-CN']).toContain('首次联系时间');
    expect(future[0]!.message['zh-CN']).toContain('不能晚于当前时间');
    expect(future[0]!.message.en).toContain('First contact');
    expect(future[0]!.message.en).toContain('must not be in the future');
    const past = check(general, { ...base, firstContactAt: '2026-03-20T09:00:00+08:00' }, 'assigned').filter((v) => v.field === 'firstContactAt');
    expect(past).toEqual([]);
  });
});
