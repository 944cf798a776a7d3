/** The complaint-details editor's model: sections, local times, the complaint schema's translated errors. */
import { DETAILS_PROPS } from '../../src/jira/fields';
import { complaintSchema } from '../../src/rules/complaint';
import { FORM_PROPS, fromForm, toForm } from '../../src/ui/details-edit/form';
import { displayDateTime, fromInputValue, toInputValue } from '../../src/ui/shared/datetime';

const zone = 'Asia/Shanghai';

describe('details form', () => {
  it('edits every property of the details object, and only complaint properties', () => {
    expect(DETAILS_PROPS.filter((p) => !FORM_PROPS.includes(p))).toEqual([]);
    expect(FORM_PROPS.filter((p) => !(p in complaintSchema.shape))).toEqual([]);
  });

  it('shows stored instants in the user\'s zone and stores what was typed with the offset, unchanged by a round trip', () => {
    const stored = { followUpAt: '2026-12-03T07:03:00.000+0000', defect: '划伤', lineStop: false, similarParts: ['A1', 'B2'], effectiveness: [{ month: 2, recurred: false, note: '良好' }] };
    const form = toForm(stored, zone);
    expect(form.followUpAt).toBe('2026-12-03 15:03');
    expect(form.lineStop).toBe('no');
    expect(form.similarParts).toBe('A1\nB2');
    const back = fromForm(form, zone, 'zh-CN');
    expect(back.errors).toEqual({});
    expect(back.value).toEqual({ followUpAt: '2026-12-03T15:03:00+08:00', defect: '划伤', lineStop: false, similarParts: ['A1', 'B2'], effectiveness: [{ month: 2, recurred: false, note: '良好' }] });
    expect(toForm(back.value, zone).followUpAt).toBe('2026-12-03 15:03');
  });

  it('names each problem under its input, in the user\'s language, and submits nothing', () => {
    const form = toForm({}, zone);
    form.followUpAt = '2026-02-30 10:00';
    form['effectiveness.1.note'] = '再发一次';
    form.fmeaNumber = 'x'.repeat(101);
    const zh = fromForm(form, zone, 'zh-CN');
    expect(zh.value).toBeNull();
    expect(zh.errors.followUpAt).toContain('回访时间');
    expect(zh.errors['effectiveness.1.recurred']).toContain('第 1 月');
    expect(zh.errors.fmeaNumber).toContain('FMEA');
    const en = fromForm(form, zone, 'en');
    expect(en.errors.followUpAt).toContain('Follow-up date');
  });
});

describe('dates for people', () => {
  it('show zh-CN as 2026-12-03 15:03 and en as 3 Dec 2026, 15:03 in the viewer\'s zone', () => {
    expect(displayDateTime('2026-12-03T07:03:00.000+0000', zone, 'zh-CN')).toBe('2026-12-03 15:03');
    expect(displayDateTime('2026-12-03T07:03:00.000+0000', zone, 'en')).toBe('3 Dec 2026, 15:03');
    expect(displayDateTime('2026-12-03T07:03:00Z', 'Europe/Berlin', 'zh-CN')).toBe('2026-12-03 08:03');
  });

  it('keep a typed time across save and edit (no 8-hour drift) and refuse impossible dates', () => {
    const iso = fromInputValue('2026-12-03T15:03', zone)!;
    expect(iso).toBe('2026-12-03T15:03:00+08:00');
    expect(toInputValue(iso, zone)).toBe('2026-12-03 15:03');
    expect(fromInputValue('2026-12-03 15:03', zone)).toBe(iso);
    expect(fromInputValue('2026-02-30T10:00', zone)).toBeNull();
  });
});
