/**
 * SLA clocks (domain.md §4): which clocks apply, their due moments and statuses, pauses,
 * overdue minutes and late days.
 */
import {
  applicableClocks,
  evaluateClocks,
  parseComplaint,
  presetPolicy,
  reconcileMilestones,
  worstClock,
  type ClockState,
  type Milestones,
  type Pause,
  type Policy,
} from '../../src/rules';
import { ms, presetCopy } from './helpers';

const food = presetPolicy('food');
const abc = presetPolicy('auto-abc');
const general = presetPolicy('general');

function ids(policy: Policy, complaint: unknown, history: Parameters<typeof applicableClocks>[2] = []): string[] {
  return applicableClocks(policy, parseComplaint(policy, complaint), history).map((c) => c.id);
}

function evaluate(
  policy: Policy,
  complaint: unknown,
  milestones: Milestones,
  now: string,
  pauses: Pause[] = [],
): Record<string, ClockState> {
  const list = evaluateClocks(policy, parseComplaint(policy, complaint), milestones, ms(now), { pauses });
  return Object.fromEntries(list.map((c) => [c.id, c]));
}

describe('which clocks apply', () => {
  it('food: quality, packaging and the other categories', () => {
    expect(ids(food, { category: 'quality' })).toEqual(['food.record', 'food.internal', 'food.follow-up-quality']);
    expect(ids(food, { category: 'packaging' })).toEqual(['food.packaging', 'food.follow-up-other']);
    for (const category of ['service', 'suggestion', 'other']) expect(ids(food, { category })).toEqual(['food.follow-up-other']);
    expect(ids(food, {})).toEqual([]);
  });

  it('auto-abc: the class is derived when `class` is absent', () => {
    expect(ids(abc, { category: 'quality', lineStop: true })).toEqual(['abc.inform-a', 'abc.report-a']);
    expect(ids(abc, { category: 'quality', lossAmount: 100 })).toEqual(['abc.report-b']);
    expect(ids(abc, { category: 'delivery' })).toEqual(['abc.report-b']);
    expect(ids(abc, { category: 'notice' })).toEqual([]);
    // A stated class (an admin's override) wins.
    expect(ids(abc, { category: 'quality', lineStop: true, class: 'B' })).toEqual(['abc.report-b']);
    expect(ids(abc, { category: 'quality', class: 'A' })).toEqual(['abc.inform-a', 'abc.report-a']);
  });

  it('auto-abc: the repeat rule of the history makes the A clocks apply', () => {
    const history = [
      { partNumber: '3943450', category: 'quality', class: 'B', registeredAt: '2026-01-05T10:00:00+08:00' },
      { partNumber: '3943450', category: 'quality', class: 'B', registeredAt: '2026-02-05T10:00:00+08:00' },
    ];
    const c = { category: 'quality', partNumber: '3943450', registeredAt: '2026-03-05T10:00:00+08:00' };
    expect(ids(abc, c, history)).toEqual(['abc.inform-a', 'abc.report-a']);
    expect(ids(abc, c, history.slice(1))).toEqual(['abc.report-b']);
  });

  it('general: the always-clocks, plus resolve-quality for quality only', () => {
    const always = ['general.forward', 'general.first-contact', 'general.dept-answer', 'general.reply', 'general.follow-up', 'general.escalate'];
    expect(ids(general, { category: 'delivery' })).toEqual(always);
    expect(ids(general, {})).toEqual(always);
    expect(ids(general, { category: 'quality' }).sort()).toEqual([...always, 'general.resolve-quality'].sort());
  });
});

describe('clocks whose start milestone has not happened are absent', () => {
  it('only the registered-started clocks run before assignment', () => {
    const states = evaluate(general, { category: 'quality' }, { registered: '2026-03-09T09:00:00+08:00' }, '2026-03-09T09:10:00+08:00');
    expect(Object.keys(states).sort()).toEqual(
      ['general.escalate', 'general.first-contact', 'general.forward', 'general.reply', 'general.resolve-quality'].sort(),
    );
    const later = evaluate(
      general,
      { category: 'quality' },
      { registered: '2026-03-09T09:00:00+08:00', assigned: '2026-03-09T09:20:00+08:00', resolved: '2026-03-12T09:00:00+08:00' },
      '2026-03-12T10:00:00+08:00',
    );
    expect(later['general.dept-answer']).toBeDefined();
    expect(later['general.follow-up']).toBeDefined();
  });

  it('no milestones → no clocks; a null milestone counts as not happened', () => {
    expect(evaluate(food, { category: 'quality' }, {}, '2026-03-09T09:00:00+08:00')).toEqual({});
    expect(evaluate(food, { category: 'quality' }, { assigned: null }, '2026-03-09T09:00:00+08:00')).toEqual({});
  });
});

describe('due moments of the preset clocks', () => {
  it('food: 3 working days, calendar day 2, 15 calendar days', () => {
    const s = evaluate(
      food,
      { category: 'quality' },
      { assigned: '2026-09-30T10:00:00+08:00', resolved: '2026-10-09T16:00:00+08:00' },
      '2026-10-09T17:00:00+08:00',
    );
    expect(s['food.record']!.due).toBe('2026-10-10T18:00:00+08:00');
    expect(s['food.internal']!.due).toBe('2026-10-10T18:00:00+08:00');
    expect(s['food.follow-up-quality']!.due).toBe('2026-10-11T23:59:59+08:00');
    const o = evaluate(food, { category: 'service' }, { replied: '2026-03-09T10:00:00+08:00' }, '2026-03-09T11:00:00+08:00');
    expect(o['food.follow-up-other']!.due).toBe('2026-03-24T23:59:59+08:00');
  });

  it('auto-abc: 2 h, 24 h, 48 h wall-clock', () => {
    const a = evaluate(abc, { category: 'quality', lineStop: true }, { registered: '2026-03-06T17:00:00+08:00' }, '2026-03-06T17:10:00+08:00');
    expect(a['abc.inform-a']!.due).toBe('2026-03-06T19:00:00+08:00');
    expect(a['abc.report-a']!.due).toBe('2026-03-07T17:00:00+08:00');
    const b = evaluate(abc, { category: 'quality' }, { registered: '2026-03-06T17:00:00+08:00' }, '2026-03-06T17:10:00+08:00');
    expect(b['abc.report-b']!.due).toBe('2026-03-08T17:00:00+08:00');
  });

  it('general: 30 min, 24 h, 5 / 7 working days, 7 calendar days', () => {
    const g = evaluate(general, { category: 'quality' }, { registered: '2026-03-09T10:00:00+08:00' }, '2026-03-09T10:05:00+08:00');
    expect(g['general.forward']!.due).toBe('2026-03-09T10:30:00+08:00');
    expect(g['general.first-contact']!.due).toBe('2026-03-10T10:00:00+08:00');
    expect(g['general.reply']!.due).toBe('2026-03-16T18:00:00+08:00');
    expect(g['general.resolve-quality']!.due).toBe('2026-03-18T18:00:00+08:00');
    expect(g['general.escalate']!.due).toBe('2026-03-16T23:59:59+08:00');
    expect(g['general.escalate']!.escalate).toBe(true);
    expect(g['general.reply']!.escalate).toBe(false);
  });
});

describe('statuses', () => {
  const reg = { registered: '2026-03-09T10:00:00+08:00' };

  it('running, then at-risk with less than 20 % left, then breached (wall-clock)', () => {
    // general.forward: 30 minutes, due 10:30.
    expect(evaluate(general, {}, reg, '2026-03-09T10:20:00+08:00')['general.forward']!.status).toBe('running');
    expect(evaluate(general, {}, reg, '2026-03-09T10:24:00+08:00')['general.forward']!.status).toBe('running'); // 6 min = 20 % left
    expect(evaluate(general, {}, reg, '2026-03-09T10:25:00+08:00')['general.forward']!.status).toBe('at-risk');
    expect(evaluate(general, {}, reg, '2026-03-09T10:30:00+08:00')['general.forward']!.status).toBe('at-risk'); // exactly due
    const late = evaluate(general, {}, reg, '2026-03-09T10:31:00+08:00')['general.forward']!;
    expect(late).toMatchObject({ status: 'breached', overdueMinutes: 1, lateDays: 1, stoppedAt: null });
  });

  it('at-risk of a working-day clock is measured in working minutes', () => {
    // general.reply from Mon 09:00: 5 working days → Mon 16 Mar 18:00 = 5×8 h + the 9 h… of Mon itself.
    const start = { registered: '2026-03-09T09:00:00+08:00' };
    // Working minutes start→due: Mon (480) + Tue–Fri + Mon (5×480) = 2880; 20 % = 576.
    // Fri 13 Mar 18:00 leaves Mon 16 Mar only = 480 working minutes (< 576) although
    // almost 3 wall-clock days (of 7.4) are left: at-risk.
    expect(evaluate(general, {}, start, '2026-03-13T18:00:00+08:00')['general.reply']!.status).toBe('at-risk');
    // Fri 13 Mar 16:00 leaves 2 + 8 = 10 h = 600 working minutes: still running.
    expect(evaluate(general, {}, start, '2026-03-13T16:00:00+08:00')['general.reply']!.status).toBe('running');
    // Fri 13 Mar 16:30 leaves 570 working minutes: at-risk.
    expect(evaluate(general, {}, start, '2026-03-13T16:30:00+08:00')['general.reply']!.status).toBe('at-risk');
  });

  it('the at-risk share is configurable', () => {
    const p = presetCopy('general');
    p.atRiskShare = 0.5;
    expect(evaluate(p, {}, reg, '2026-03-09T10:16:00+08:00')['general.forward']!.status).toBe('at-risk');
    expect(evaluate(p, {}, reg, '2026-03-09T10:14:00+08:00')['general.forward']!.status).toBe('running');
  });

  it('met when stopped on or before due, whatever the time of evaluation', () => {
    const onTime = evaluate(general, {}, { ...reg, assigned: '2026-03-09T10:30:00+08:00' }, '2026-04-01T10:00:00+08:00');
    expect(onTime['general.forward']).toMatchObject({
      status: 'met',
      stoppedAt: '2026-03-09T10:30:00+08:00',
      overdueMinutes: 0,
      lateDays: 0,
    });
  });

  it('breached when stopped after due; overdue counted to the stop, not to now', () => {
    const s = evaluate(general, {}, { ...reg, assigned: '2026-03-09T11:30:00+08:00' }, '2026-04-01T10:00:00+08:00');
    expect(s['general.forward']).toMatchObject({ status: 'breached', overdueMinutes: 60, lateDays: 1 });
  });

  it('breached when running past due; late days are started days (ceil of minutes / 1440)', () => {
    const at = (now: string): ClockState => evaluate(general, {}, reg, now)['general.forward']!;
    expect(at('2026-03-10T10:30:00+08:00')).toMatchObject({ overdueMinutes: 1440, lateDays: 1 });
    expect(at('2026-03-10T10:31:00+08:00')).toMatchObject({ overdueMinutes: 1441, lateDays: 2 });
    expect(at('2026-03-09T10:30:30+08:00')).toMatchObject({ status: 'breached', overdueMinutes: 1, lateDays: 1 });
    expect(at('2026-03-12T10:30:00+08:00')).toMatchObject({ overdueMinutes: 3 * 1440, lateDays: 3 });
  });

  it('a working-day clock breached reports its overdue in working days too', () => {
    const s = evaluate(general, {}, { registered: '2026-03-09T09:00:00+08:00' }, '2026-03-17T18:00:00+08:00')['general.reply']!;
    expect(s.status).toBe('breached');
    expect(s.overdueMinutes).toBe(24 * 60);
    expect(s.lateDays).toBe(1);
    expect(s.overdue).toEqual({ amount: 1, unit: 'workingDays' });
  });
});

describe('pauses', () => {
  const reg = { registered: '2026-03-09T10:00:00+08:00' };

  it('an open pause shows as paused', () => {
    const s = evaluate(general, {}, reg, '2026-03-09T10:10:00+08:00', [{ from: '2026-03-09T10:05:00+08:00' }]);
    expect(s['general.forward']!.status).toBe('paused');
  });

  it('a closed pause pushes a wall-clock due out by its length', () => {
    const pause = [{ from: '2026-03-09T10:10:00+08:00', to: '2026-03-09T10:30:00+08:00' }];
    const s = evaluate(general, {}, reg, '2026-03-09T10:40:00+08:00', pause);
    expect(s['general.forward']).toMatchObject({ due: '2026-03-09T10:50:00+08:00', status: 'running' });
    const without = evaluate(general, {}, reg, '2026-03-09T10:40:00+08:00');
    expect(without['general.forward']!.status).toBe('breached');
    // At-risk is a share of the clock's 30 minutes, not of the 50 minutes the pause stretched it to:
    // 8 minutes left (27 %) runs, 5 minutes left (17 %) is at risk.
    expect(evaluate(general, {}, reg, '2026-03-09T10:42:00+08:00', pause)['general.forward']!.status).toBe('running');
    expect(evaluate(general, {}, reg, '2026-03-09T10:45:00+08:00', pause)['general.forward']!.status).toBe('at-risk');
    expect(evaluate(general, {}, reg, '2026-03-09T10:51:00+08:00', pause)['general.forward']).toMatchObject({
      status: 'breached',
      overdueMinutes: 1,
    });
  });

  it('a pause pushes a working-day due out by the working time it covered', () => {
    // general.reply from Mon 9 Mar: due Mon 16 Mar 18:00. Paused Tue 10:00 → Tue 12:00 (2 working hours).
    const s = evaluate(general, {}, reg, '2026-03-11T10:00:00+08:00', [
      { from: '2026-03-10T10:00:00+08:00', to: '2026-03-10T12:00:00+08:00' },
    ]);
    expect(s['general.reply']!.due).toBe('2026-03-17T11:00:00+08:00');
    // A pause over a weekend covers no working time and changes nothing.
    const weekend = evaluate(general, {}, reg, '2026-03-16T10:00:00+08:00', [
      { from: '2026-03-14T08:00:00+08:00', to: '2026-03-15T20:00:00+08:00' },
    ]);
    expect(weekend['general.reply']!.due).toBe('2026-03-16T18:00:00+08:00');
  });

  it('a pause that ends after the stop counts only up to the stop', () => {
    const s = evaluate(general, {}, { ...reg, assigned: '2026-03-09T10:45:00+08:00' }, '2026-03-09T12:00:00+08:00', [
      { from: '2026-03-09T10:20:00+08:00', to: '2026-03-09T11:30:00+08:00' },
    ]);
    // 25 minutes paused before the stop: due 10:55, stopped 10:45 → met.
    expect(s['general.forward']).toMatchObject({ status: 'met', due: '2026-03-09T10:55:00+08:00' });
  });
});

describe('worst clock', () => {
  it('breached beats at-risk beats running beats met', () => {
    const s = Object.values(
      evaluate(
        general,
        { category: 'quality' },
        { registered: '2026-03-09T10:00:00+08:00', assigned: '2026-03-09T10:20:00+08:00' },
        '2026-03-10T10:30:00+08:00',
      ),
    );
    // forward met, first-contact breached by 30 min, the rest running.
    expect(worstClock(s)?.id).toBe('general.first-contact');
    expect(worstClock([])).toBeNull();
  });
});

describe('reconcileMilestones (typed stops against recorded starts)', () => {
  const replied = '2026-03-02T10:15:42+08:00';
  it('a follow-up typed to the minute within the minute of the reply counts as met at the reply', () => {
    const r = reconcileMilestones(food, { registered: '2026-03-02T09:00:00+08:00', replied, 'follow-up': '2026-03-02T10:15:00+08:00' }, new Set(['follow-up']));
    expect(r.milestones['follow-up']).toBe(replied);
    expect(r.dropped).toEqual([]);
    // …and the clocks evaluate instead of refusing the data.
    const clocks = evaluateClocks(food, parseComplaint(food, { category: 'service' }), r.milestones, ms('2026-03-03T09:00:00+08:00'));
    expect(clocks.find((c) => c.id === 'food.follow-up-other')?.status).toBe('met');
  });
  it('a follow-up typed a day before the reply is not kept; a recorded one is never changed', () => {
    const typed = reconcileMilestones(food, { replied, 'follow-up': '2026-03-01T10:00:00+08:00' }, new Set(['follow-up']));
    expect(typed.milestones['follow-up']).toBeUndefined();
    expect(typed.dropped).toEqual(['follow-up']);
    const recorded = reconcileMilestones(food, { replied, 'follow-up': '2026-03-01T10:00:00+08:00' }, new Set());
    expect(recorded.milestones['follow-up']).toBe('2026-03-01T10:00:00+08:00');
  });
});
