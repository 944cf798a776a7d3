/**
 * What rules admins shape (issue 11): the required-fields grid, channels as policy options, the
 * quick close, the repeat window — and one source for the validator, the panel and the
 * transition screens (`transitionFields`).
 */
import {
  DEFAULT_REQUIRED_FIELDS,
  allowedDepartments,
  checkTransition,
  classify,
  complaintIssues,
  parseComplaintShape,
  parsePolicy,
  presetPolicy,
  recordStatusHistory,
  transitionFields,
  type Policy,
  type StatusId,
} from '../../src/rules';
import { RulesError } from '../../src/rules/errors';
import { ms, presetCopy } from './helpers';

const NOW = ms('2026-03-20T10:00:00+08:00');

function violations(policy: Policy, c: Record<string, unknown>, to: StatusId, from?: StatusId): [string, string][] {
  return checkTransition(policy, parseComplaintShape(c), to, { now: NOW, ...(from ? { from } : {}) }).violations.map((v) => [v.field, v.rule]);
}

describe('the required-fields grid', () => {
  it('is seeded from the rules of domain.md §5 and fills in a policy stored before it existed', () => {
    const stored = JSON.parse(JSON.stringify(presetPolicy('general'))) as Record<string, unknown>;
    delete stored.requiredFields;
    delete stored.channels;
    delete stored.quickClose;
    const p = parsePolicy(stored);
    expect(p.requiredFields).toEqual(DEFAULT_REQUIRED_FIELDS);
    expect(p.channels.map((c) => c.id)).toContain('wechat');
    expect(p.quickClose).toEqual([]);
    expect(p.classification.repeatWindowMonths).toBe(12);
  });

  it('a field an admin adds to a transition is required by the validator and on its screen', () => {
    const p = presetCopy('general');
    p.requiredFields.assigned = [...(p.requiredFields.assigned ?? []), { field: 'orderNumber' }];
    const c = { category: 'quality', severity: 'major', responsibleDepartment: 'qa' };
    expect(violations(p, c, 'assigned')).toEqual([['orderNumber', 'required']]);
    expect(violations(presetPolicy('general'), c, 'assigned')).toEqual([]);
    expect(transitionFields(p, 'assigned')).toContain('orderNumber');
  });

  it('a field an admin removes is no longer required', () => {
    const p = presetCopy('general');
    p.requiredFields.replied = [{ field: 'disposition' }];
    expect(violations(p, { disposition: 'exchange' }, 'replied')).toEqual([]);
    expect(violations(presetPolicy('general'), { disposition: 'exchange' }, 'replied')).toEqual([['reply', 'required']]);
    expect(transitionFields(p, 'replied')).toEqual(['disposition']);
  });

  it('conditional entries apply only where their condition holds (8D for quality categories)', () => {
    const food = presetPolicy('food');
    const closing = {
      rootCauseOccurrence: 'x', rootCauseOutflow: 'x', actionOccurrence: 'x', actionOutflow: 'x',
      followUpAt: '2026-03-15T10:00:00+08:00', satisfaction: 'satisfied',
    };
    expect(violations(food, { ...closing, category: 'quality' }, 'closed')).toEqual([['eightDAt', 'required']]);
    expect(violations(food, { ...closing, category: 'service' }, 'closed')).toEqual([]);
  });

  it('refuses a grid naming an unknown category, in both languages', () => {
    const p = presetCopy('general') as unknown as { requiredFields: Record<string, unknown[]> };
    p.requiredFields.closed = [{ field: 'eightDAt', when: { categories: ['nope'] } }];
    try {
      parsePolicy(p);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(RulesError);
      const issue = (e as RulesError).issues.find((i) => i.field.includes('requiredFields'));
      expect(issue?.message['zh-CN']).toContain('nope');
      expect(issue?.message.en).toContain('nope');
    }
  });

  it('the transition screens hold what the rules need: root cause with the department where the root-cause matrix applies', () => {
    const abc = presetPolicy('auto-abc');
    expect(transitionFields(abc, 'assigned')).toEqual(['category', 'class', 'responsibleDepartment']);
    expect(transitionFields(abc, 'corrective-action')).toEqual(['containment', 'containmentAt', 'rootCauseCategory', 'responsibleDepartment']);
    expect(transitionFields(presetPolicy('food'), 'assigned')).toEqual(['category', 'severity', 'responsibleDepartment', 'approvedBy']);
    expect(transitionFields(abc, 'closed', 'registered')).toEqual(['disposition', 'closeReason']);
  });
});

describe('the department after closing (validator and panel agree)', () => {
  it('a closed or reopened auto-abc complaint keeps the department its root cause named', () => {
    const abc = presetPolicy('auto-abc');
    const c = { category: 'quality', class: 'B', rootCauseCategory: 'manufacturing', responsibleDepartment: 'plant', containment: 'x', containmentAt: '2026-03-06T10:00:00+08:00' };
    expect(violations(abc, c, 'corrective-action')).toEqual([]);
    expect(violations(abc, c, 'investigating', 'reopened')).toEqual([]); // reopened → investigating
    // What the panel shows for a closed or reopened complaint: the department its root cause named.
    expect(allowedDepartments(abc, parseComplaintShape(c), 'closed').ids).toEqual(['plant']);
    expect(allowedDepartments(abc, parseComplaintShape(c), 'reopened').ids).toEqual(['plant']);
    // A first investigation stays with the intake department (质量部) even when a cause is noted early.
    expect(violations(abc, c, 'investigating', 'assigned')).toEqual([['responsibleDepartment', 'matrix']]);
    expect(violations(abc, { ...c, responsibleDepartment: 'qa' }, 'investigating', 'assigned')).toEqual([]);
  });
});

describe('quick close', () => {
  const abc = presetPolicy('auto-abc');

  it('closes a C-class notice from 登记 with a reason, skipping cause and action', () => {
    expect(violations(abc, { category: 'notice', closeReason: '已电话告知' }, 'closed', 'registered')).toEqual([]);
    expect(violations(abc, { category: 'notice' }, 'closed', 'registered')).toEqual([['closeReason', 'required']]);
  });

  it('closes a complaint answered on the spot or unfounded', () => {
    expect(violations(abc, { category: 'quality', disposition: 'unfounded', closeReason: '经查为客户误用' }, 'closed', 'investigating')).toEqual([]);
    expect(violations(presetPolicy('food'), { category: 'service', disposition: 'answered-on-site', closeReason: '电话中已解释' }, 'closed', 'registered')).toEqual([]);
  });

  it('refuses a B-class complaint with the rules that would admit it, in both languages', () => {
    const r = checkTransition(abc, parseComplaintShape({ category: 'quality', closeReason: 'x' }), 'closed', { now: NOW, from: 'registered' });
    expect(r.violations.map((v) => [v.field, v.rule])).toEqual([['disposition', 'quick-close']]);
    expect(r.violations[0]!.message['zh-CN']).toContain('已当场答复');
    expect(r.violations[0]!.message['zh-CN']).toContain('B 类');
    expect(r.violations[0]!.message.en).toContain('Answered on the spot');
  });

  it('the normal close from 待回访 still needs cause and action', () => {
    expect(violations(abc, { category: 'notice', closeReason: 'x' }, 'closed', 'follow-up').map(([f]) => f)).toContain('rootCauseOccurrence');
  });
});

describe('channels and intake fields', () => {
  it('channels are policy options: 微信 is accepted, an unknown id is refused', () => {
    const p = presetPolicy('food');
    expect(complaintIssues(p, parseComplaintShape({ channel: 'wechat' }))).toEqual([]);
    const bad = complaintIssues(p, parseComplaintShape({ channel: 'fax' }));
    expect(bad.map((i) => i.rule)).toEqual(['option']);
    const custom = presetCopy('food');
    custom.channels = [{ id: 'fax', label: { 'zh-CN': '传真', en: 'Fax' } }];
    expect(complaintIssues(custom, parseComplaintShape({ channel: 'fax' }))).toEqual([]);
  });

  it('refuses impossible intake values: 2026-02-30, a negative amount, an unknown request', () => {
    expect(() => parseComplaintShape({ productionDate: '2026-02-30' })).toThrow(RulesError);
    expect(() => parseComplaintShape({ requestedAmount: -1 })).toThrow(RulesError);
    expect(() => parseComplaintShape({ customerRequest: 'gift' })).toThrow(RulesError);
    expect(parseComplaintShape({ productionDate: '2026-02-28', customerRequest: 'discount', requestedAmount: 200 }).customerRequest).toBe('discount');
  });
});

describe('the repeat rule within the policy window', () => {
  const abc = presetPolicy('auto-abc');
  const b = (at: string, key: string) => ({ key, partNumber: '3943450', category: 'quality', class: 'B', registeredAt: at });
  const me = { partNumber: '3943450', category: 'quality', registeredAt: '2026-03-20T10:00:00+08:00' };

  it('the third B in 12 months is class A, and says which time it is', () => {
    const r = classify(abc, parseComplaintShape(me), [b('2026-01-05T10:00:00+08:00', 'QC-1'), b('2026-02-05T10:00:00+08:00', 'QC-2')]);
    expect(r.level).toBe('A');
    expect(r.reasons).toEqual(['repeat>=3']);
    expect(r.repeat?.ordinal).toBe(3);
    expect(r.repeat?.earlier.map((e) => e.key)).toEqual(['QC-1', 'QC-2']);
  });

  it('an earlier complaint outside the window does not count', () => {
    const r = classify(abc, parseComplaintShape(me), [b('2025-01-05T10:00:00+08:00', 'QC-1'), b('2026-02-05T10:00:00+08:00', 'QC-2')]);
    expect(r.level).toBe('B');
    expect(r.repeat?.ordinal).toBe(2);
  });
});

describe('milestones from the status history', () => {
  it('records each status at the time it was entered, keeping first times, whatever the order of the history', () => {
    const m = recordStatusHistory(
      { registered: '2026-03-01T09:00:00+08:00' },
      [
        { status: '已回复', at: '2026-03-05T02:00:00.000+0000' },
        { status: '已分派', at: '2026-03-01T02:00:00.000+0000' },
        { status: 'Corrective action', at: '2026-03-03T02:00:00.000+0000' },
        { status: '已分派', at: '2026-03-06T02:00:00.000+0000' },
        { status: 'not ours', at: '2026-03-07T02:00:00.000+0000' },
      ],
      'Asia/Shanghai',
    );
    expect(m).toEqual({
      registered: '2026-03-01T09:00:00+08:00',
      assigned: '2026-03-01T10:00:00+08:00',
      investigated: '2026-03-03T10:00:00+08:00',
      'solution-proposed': '2026-03-03T10:00:00+08:00',
      resolved: '2026-03-05T10:00:00+08:00',
      replied: '2026-03-05T10:00:00+08:00',
    });
  });
});
