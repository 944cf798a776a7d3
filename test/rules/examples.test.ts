/**
 * The worked examples of domain.md and cli.md, with their exact values.
 */
import { runCli } from '../../src/cli/commands';
import {
  checkTransition,
  classify,
  computeDue,
  evaluateClocks,
  formatInstant,
  formatNumber,
  parseComplaint,
  parseNumber,
  presetPolicy,
  RulesError,
} from '../../src/rules';
import { ms } from './helpers';

function cli(command: string, input: unknown): { exitCode: number; output: unknown } {
  return runCli(command, JSON.stringify(input));
}

describe('domain.md §4: 3 working days from Wed 2026-09-30 10:00', () => {
  it('lands on the make-up working day Sat 10 Oct at 18:00 +08:00 (library)', () => {
    const policy = presetPolicy('general');
    const r = computeDue(policy, ms('2026-09-30T10:00:00+08:00'), { amount: 3, unit: 'workingDays' });
    expect(formatInstant(r.due, policy.timeZone)).toBe('2026-10-10T18:00:00+08:00');
    expect(r.provisional).toBe(false);
  });

  it('cli due prints exactly the documented document', () => {
    const r = cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } });
    expect(r.exitCode).toBe(0);
    expect(JSON.stringify(r.output)).toBe('{"due":"2026-10-10T18:00:00+08:00","provisional":false}');
  });
});

describe('domain.md §2 / cli.md number', () => {
  it('formats the 7th complaint of 18 Jan 2026 as 260118007', () => {
    expect(formatNumber(presetPolicy('food'), ms('2026-01-18T10:00:00+08:00'), 7)).toBe('260118007');
    const r = cli('number', { policy: 'food', registeredAt: '2026-01-18T10:00:00+08:00', sequence: 7 });
    expect(r).toEqual({ exitCode: 0, output: { number: '260118007' } });
  });

  it('parses 160118007 into year, month, day, sequence in that key order', () => {
    expect(JSON.stringify(parseNumber(presetPolicy('food'), '160118007'))).toBe('{"year":2016,"month":1,"day":18,"sequence":7}');
    const r = cli('number', { parse: '160118007', policy: 'food' });
    expect(r.exitCode).toBe(0);
    expect(JSON.stringify(r.output)).toBe('{"year":2016,"month":1,"day":18,"sequence":7}');
  });

  it('reports a sequence that outgrows its width instead of wrapping (exit 2)', () => {
    expect(() => formatNumber(presetPolicy('food'), ms('2026-01-18T10:00:00+08:00'), 1000)).toThrow(RulesError);
    const r = cli('number', { policy: 'food', registeredAt: '2026-01-18T10:00:00+08:00', sequence: 1000 });
    expect(r.exitCode).toBe(2);
    const err = (r.output as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('sequence-overflow');
    expect(err.message).toMatch(/1000/);
    // The largest sequence that fits still works.
    expect(cli('number', { policy: 'food', registeredAt: '2026-01-18T10:00:00+08:00', sequence: 999 }).output).toEqual({
      number: '260118999',
    });
  });
});

describe('cli.md classify', () => {
  it('a loss of 5000 CNY makes class A with the reason loss>=5000', () => {
    const policy = presetPolicy('auto-abc');
    const c = parseComplaint(policy, { category: 'quality', partNumber: '3943450', lossAmount: 5000 });
    expect(classify(policy, c)).toMatchObject({ field: 'class', level: 'A', reasons: ['loss>=5000'] });
    const r = cli('classify', { policy: 'auto-abc', complaint: { category: 'quality', partNumber: '3943450', lossAmount: 5000 }, history: [] });
    expect(r).toEqual({ exitCode: 0, output: { class: 'A', reasons: ['loss>=5000'] } });
  });
});

describe('cli.md evaluate', () => {
  it('abc.report-a running 25 h after registration is breached by 60 minutes, 1 late day', () => {
    const input = {
      policy: 'auto-abc',
      complaint: { category: 'quality', partNumber: '3943450', lineStop: true },
      milestones: { registered: '2026-03-02T09:00:00+08:00', assigned: '2026-03-02T10:00:00+08:00' },
      now: '2026-03-03T10:00:00+08:00',
    };
    const r = cli('evaluate', input);
    expect(r.exitCode).toBe(0);
    const clocks = (r.output as { clocks: Record<string, unknown>[] }).clocks;
    expect(clocks.find((c) => c.id === 'abc.report-a')).toEqual({
      id: 'abc.report-a',
      start: '2026-03-02T09:00:00+08:00',
      due: '2026-03-03T09:00:00+08:00',
      stoppedAt: null,
      status: 'breached',
      overdueMinutes: 60,
      lateDays: 1,
    });
    // Library view of the same.
    const policy = presetPolicy('auto-abc');
    const lib = evaluateClocks(policy, parseComplaint(policy, input.complaint), input.milestones, ms(input.now));
    expect(lib.find((c) => c.id === 'abc.report-a')).toMatchObject({ status: 'breached', overdueMinutes: 60, lateDays: 1 });
  });
});

describe('cli.md check-transition', () => {
  it('a food complaint of category quality assigned to sales breaks the matrix, in zh-CN and en', () => {
    const input = {
      policy: 'food',
      complaint: { category: 'quality', responsibleDepartment: 'sales', approvedBy: '张副总' },
      milestones: { registered: '2026-03-02T09:00:00+08:00' },
      to: 'assigned',
      now: '2026-03-02T10:00:00+08:00',
    };
    const r = cli('check-transition', input);
    expect(r.exitCode).toBe(0);
    const out = r.output as { ok: boolean; violations: { field: string; rule: string; message: Record<string, string> }[] };
    expect(out.ok).toBe(false);
    expect(out.violations).toHaveLength(1);
    const v = out.violations[0]!;
    expect(v.field).toBe('responsibleDepartment');
    expect(v.rule).toBe('matrix');
    expect(Object.keys(v.message).sort()).toEqual(['en', 'zh-CN']);
    expect(v.message['zh-CN']).toContain('责任单位');
    expect(v.message['zh-CN']).toMatch(/品质部/);
    expect(v.message.en).toContain('Responsible department');
    expect(v.message.en).toMatch(/Quality/);

    const policy = presetPolicy('food');
    const lib = checkTransition(policy, parseComplaint(policy, input.complaint), 'assigned', { now: ms(input.now) });
    expect(lib.violations.map((x) => [x.field, x.rule])).toEqual([['responsibleDepartment', 'matrix']]);
  });
});
