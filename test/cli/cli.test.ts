/**
 * The rules CLI (shared/spec/cli.md): most cases in-process through `runCli`, a few through the
 * real command `npm run --silent cli -- <command>` with standard input.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/commands';
import { presetPolicy } from '../../src/rules';

const ROOT = join(__dirname, '..', '..');

interface ErrorOutput {
  error: { code: string; message: string };
}

function cli(command: string | undefined, input: unknown): { exitCode: number; output: unknown } {
  return runCli(command, typeof input === 'string' ? input : JSON.stringify(input));
}

function expectError(r: { exitCode: number; output: unknown }, code: string, message?: RegExp): void {
  expect(r.exitCode).toBe(2);
  expect(Object.keys(r.output as object)).toEqual(['error']);
  const e = (r.output as ErrorOutput).error;
  expect(Object.keys(e)).toEqual(['code', 'message']);
  expect(e.code).toBe(code);
  expect(e.message).not.toBe('');
  if (message) expect(e.message).toMatch(message);
  // English, no stack trace.
  expect(e.message).not.toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).not.toMatch(/\n\s+at /);
}

const INSTANT_OUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

describe('commands and input', () => {
  it('an unknown or missing command is exit 2', () => {
    expectError(cli('deadline', {}), 'unknown-command', /due, number, classify, evaluate, check-transition/);
    expectError(cli(undefined, {}), 'unknown-command');
  });

  it('input that is not one JSON document is exit 2 invalid-json', () => {
    expectError(cli('due', '{"policy":'), 'invalid-json');
    expectError(cli('due', ''), 'invalid-json');
    expectError(cli('due', '{} {}'), 'invalid-json');
  });

  it('wrong shapes are exit 2 invalid-input naming the field', () => {
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00' }), 'invalid-input', /duration/);
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00', duration: { amount: 1, unit: 'hours' } }), 'invalid-input', /start/);
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00', duration: { amount: 1, unit: 'weeks' } }), 'invalid-input', /unit/);
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00', duration: { amount: 0, unit: 'hours' } }), 'invalid-input', /amount/);
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00', duration: { amount: 1.5, unit: 'workingDays' } }), 'invalid-input', /whole number/);
    expectError(cli('due', { policy: 'general', start: '2026-09-30T10:00:00+08:00', duration: { amount: 1, unit: 'hours' }, extra: 1 }), 'invalid-input', /extra/);
    expectError(cli('evaluate', [1, 2]), 'invalid-input');
  });

  it('a wrong type is reported as a type error, not as a missing value', () => {
    const r = cli('classify', { policy: 'auto-abc', complaint: { category: 'quality', shippedQuantity: '12' } });
    expectError(r, 'invalid-input', /shippedQuantity/);
    expect((r.output as ErrorOutput).error.message).toMatch(/type number/);
    expect((r.output as ErrorOutput).error.message).not.toMatch(/required/);
  });
});

describe('policy in the input', () => {
  it('an unknown preset id is exit 2', () => {
    expectError(cli('due', { policy: 'bakery', start: '2026-09-30T10:00:00+08:00', duration: { amount: 1, unit: 'hours' } }), 'unknown-preset', /bakery/);
  });

  it('a whole policy object is validated and used', () => {
    const policy = JSON.parse(JSON.stringify(presetPolicy('general'))) as Record<string, unknown>;
    policy.workingHours = [{ start: '08:00', end: '16:00' }];
    const r = cli('due', { policy, start: '2026-09-30T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } });
    expect(r).toEqual({ exitCode: 0, output: { due: '2026-10-10T16:00:00+08:00', provisional: false } });
    policy.timeZone = 'Mars/Olympus';
    expectError(cli('due', { policy, start: '2026-09-30T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } }), 'invalid-policy', /policy\.timeZone/);
  });

  it('a policy in another zone prints that zone\'s offset', () => {
    const policy = JSON.parse(JSON.stringify(presetPolicy('general'))) as Record<string, unknown>;
    policy.timeZone = 'Europe/Berlin';
    const r = cli('due', { policy, start: '2026-03-27T10:00:00+01:00', duration: { amount: 48, unit: 'hours' } });
    expect(r.output).toEqual({ due: '2026-03-29T11:00:00+02:00', provisional: false });
  });
});

describe('due', () => {
  it.each([
    ['minutes', 30, '2026-03-09T10:00:00Z', '2026-03-09T18:30:00+08:00'],
    ['hours', 24, '2026-09-30T20:00:00+08:00', '2026-10-01T20:00:00+08:00'],
    ['workingHours', 8, '2026-09-30T10:00:00+08:00', '2026-10-08T10:00:00+08:00'],
    ['workingDays', 3, '2026-09-30T10:00:00+08:00', '2026-10-10T18:00:00+08:00'],
    ['calendarDays', 2, '2026-09-30T10:00:00+08:00', '2026-10-02T23:59:59+08:00'],
  ])('%s', (unit, amount, start, expected) => {
    const r = cli('due', { policy: 'general', start, duration: { amount, unit } });
    expect(r).toEqual({ exitCode: 0, output: { due: expected, provisional: false } });
  });

  it('provisional when the data does not cover the year', () => {
    const r = cli('due', { policy: 'general', start: '2026-12-30T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } });
    // Thu 31 Dec 2026, then 2027 weekdays Fri 1 Jan, Mon 4 Jan.
    expect(r.output).toEqual({ due: '2027-01-04T18:00:00+08:00', provisional: true });
  });
});

describe('number', () => {
  it('formats and parses with each preset pattern', () => {
    expect(cli('number', { policy: 'general', registeredAt: '2026-03-05T10:00:00+08:00', sequence: 7 }).output).toEqual({ number: '260307' });
    expect(JSON.stringify(cli('number', { policy: 'general', parse: '260307' }).output)).toBe('{"year":2026,"month":3,"sequence":7}');
  });

  it('the date part is in the policy time zone', () => {
    expect(cli('number', { policy: 'food', registeredAt: '2026-01-17T20:00:00Z', sequence: 7 }).output).toEqual({ number: '260118007' });
  });

  it('bad numbers and bad sequences are exit 2 with the field named', () => {
    expectError(cli('number', { policy: 'food', parse: '16011800' }), 'invalid-number', /160118/);
    expectError(cli('number', { policy: 'general', registeredAt: '2026-03-05T10:00:00+08:00', sequence: 100 }), 'sequence-overflow');
    expectError(cli('number', { policy: 'food', registeredAt: '2026-01-18T10:00:00+08:00', sequence: 7.5 }), 'invalid-input', /sequence/);
    expectError(cli('number', { policy: 'food', parse: 160118007 }), 'invalid-input', /parse/);
  });
});

describe('classify', () => {
  it('class A reasons, B individual, C notice', () => {
    expect(cli('classify', { policy: 'auto-abc', complaint: { category: 'quality', lineStop: true, rohsReach: true } }).output).toEqual({
      class: 'A',
      reasons: ['line-stop', 'rohs-reach'],
    });
    expect(cli('classify', { policy: 'auto-abc', complaint: { category: 'delivery' } }).output).toEqual({ class: 'B', reasons: ['individual'] });
    expect(cli('classify', { policy: 'auto-abc', complaint: { category: 'notice' } }).output).toEqual({ class: 'C', reasons: ['notice'] });
  });

  it('repeat>=3 from the history', () => {
    const entry = (d: string): Record<string, string> => ({ partNumber: '3943450', category: 'quality', defect: '内径超差', class: 'B', registeredAt: d });
    const complaint = { category: 'quality', partNumber: '3943450', registeredAt: '2026-03-05T10:00:00+08:00' };
    const history = [entry('2026-01-05T10:00:00+08:00'), entry('2026-02-05T10:00:00+08:00')];
    expect(cli('classify', { policy: 'auto-abc', complaint, history }).output).toEqual({ class: 'A', reasons: ['repeat>=3'] });
    const withLater = [entry('2026-01-05T10:00:00+08:00'), entry('2026-04-05T10:00:00+08:00')];
    expect(cli('classify', { policy: 'auto-abc', complaint, history: withLater }).output).toEqual({ class: 'B', reasons: ['individual'] });
  });

  it('food: severity follows the category', () => {
    expect(cli('classify', { policy: 'food', complaint: { category: 'suggestion' } }).output).toEqual({ severity: 'minor', reasons: ['category'] });
  });

  it('an option id the policy does not have is exit 2', () => {
    expectError(cli('classify', { policy: 'auto-abc', complaint: { category: 'packaging' } }), 'invalid-input', /packaging/);
  });
});

describe('evaluate', () => {
  it('lists only the clocks that apply and whose start has happened, with policy-offset instants', () => {
    const r = cli('evaluate', {
      policy: 'food',
      complaint: { category: 'packaging' },
      milestones: { registered: '2026-03-09T01:00:00Z', assigned: '2026-03-09T02:00:00Z' },
      now: '2026-03-09T03:00:00Z',
    });
    expect(r.exitCode).toBe(0);
    expect(r.output).toEqual({
      clocks: [
        {
          id: 'food.packaging',
          start: '2026-03-09T10:00:00+08:00',
          due: '2026-03-12T18:00:00+08:00',
          stoppedAt: null,
          status: 'running',
          overdueMinutes: 0,
          lateDays: 0,
        },
      ],
    });
  });

  it('classifies an auto-abc complaint without class first (optional history)', () => {
    const base = {
      policy: 'auto-abc',
      complaint: { category: 'quality', partNumber: '3943450', registeredAt: '2026-03-05T10:00:00+08:00' },
      milestones: { registered: '2026-03-05T10:00:00+08:00' },
      now: '2026-03-05T11:00:00+08:00',
    };
    const ids = (r: { output: unknown }): string[] => (r.output as { clocks: { id: string }[] }).clocks.map((c) => c.id);
    expect(ids(cli('evaluate', base))).toEqual(['abc.report-b']);
    const history = ['2026-01-05T10:00:00+08:00', '2026-02-05T10:00:00+08:00'].map((d) => ({ partNumber: '3943450', category: 'quality', class: 'B', registeredAt: d }));
    expect(ids(cli('evaluate', { ...base, history }))).toEqual(['abc.inform-a', 'abc.report-a']);
  });

  it('met, breached-after-stop, paused', () => {
    const r = cli('evaluate', {
      policy: 'general',
      complaint: { category: 'delivery' },
      milestones: { registered: '2026-03-09T10:00:00+08:00', assigned: '2026-03-09T10:20:00+08:00', 'first-response': '2026-03-10T12:00:00+08:00' },
      now: '2026-03-10T13:00:00+08:00',
      pauses: [{ from: '2026-03-10T12:30:00+08:00' }],
    });
    const byId = Object.fromEntries((r.output as { clocks: { id: string; start: string; due: string }[] }).clocks.map((c) => [c.id, c]));
    expect(byId['general.forward']).toMatchObject({ status: 'met', stoppedAt: '2026-03-09T10:20:00+08:00' });
    expect(byId['general.first-contact']).toMatchObject({ status: 'breached', overdueMinutes: 120, lateDays: 1 });
    expect(byId['general.reply']).toMatchObject({ status: 'paused' });
    for (const c of Object.values(byId)) {
      expect(c.start).toMatch(INSTANT_OUT);
      expect(c.due).toMatch(INSTANT_OUT);
    }
  });

  it('bad milestone ids and instants are exit 2', () => {
    expectError(cli('evaluate', { policy: 'general', complaint: {}, milestones: { started: '2026-03-09T10:00:00+08:00' }, now: '2026-03-09T10:00:00+08:00' }), 'invalid-input');
    expectError(cli('evaluate', { policy: 'general', complaint: {}, milestones: { registered: 'yesterday' }, now: '2026-03-09T10:00:00+08:00' }), 'invalid-input', /registered/);
  });
});

describe('check-transition', () => {
  it('ok: true with no violations when the rules pass', () => {
    const r = cli('check-transition', {
      policy: 'general',
      complaint: { category: 'quality', severity: 'major', responsibleDepartment: 'qa' },
      to: 'assigned',
    });
    expect(r).toEqual({ exitCode: 0, output: { ok: true, violations: [] } });
  });

  it('violations carry field, rule and both messages', () => {
    const r = cli('check-transition', {
      policy: 'food',
      complaint: { category: 'quality', satisfaction: 'unsatisfied', shippedQuantity: 10, defectQuantity: 11 },
      to: 'closed',
    });
    expect(r.exitCode).toBe(0);
    const out = r.output as { ok: boolean; violations: { field: string; rule: string; message: { 'zh-CN': string; en: string } }[] };
    expect(out.ok).toBe(false);
    expect(out.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'defectQuantity:range',
      'rootCauseOccurrence:required',
      'rootCauseOutflow:required',
      'actionOccurrence:required',
      'actionOutflow:required',
      'followUpAt:required',
      'eightDAt:required',
      'satisfaction:satisfaction',
    ]);
    for (const v of out.violations) {
      expect(Object.keys(v)).toEqual(['field', 'rule', 'message']);
      expect(v.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(v.message.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('milestones let the check see breached clocks', () => {
    const complaint = {
      category: 'delivery',
      rootCauseOccurrence: '排产冲突',
      rootCauseOutflow: '未预警',
      actionOccurrence: '调整排产',
      actionOutflow: '交期预警',
      followUpAt: '2026-03-25T10:00:00+08:00',
      satisfaction: 'satisfied',
    };
    const milestones = {
      registered: '2026-03-09T10:00:00+08:00',
      assigned: '2026-03-09T10:10:00+08:00',
      'first-response': '2026-03-09T11:00:00+08:00',
      'solution-proposed': '2026-03-10T10:00:00+08:00',
      replied: '2026-03-11T10:00:00+08:00',
      resolved: '2026-03-12T10:00:00+08:00',
      'follow-up': '2026-03-25T10:00:00+08:00',
    };
    const now = '2026-03-25T11:00:00+08:00';
    // general.follow-up: resolved Thu 12 Mar → 5 working days → Thu 19 Mar 18:00; done 25 Mar → breached.
    const r = cli('check-transition', { policy: 'general', complaint, milestones, to: 'closed', now });
    const out = r.output as { ok: boolean; violations: { field: string; rule: string }[] };
    expect(out.violations.map((v) => [v.field, v.rule])).toEqual([['lateReason', 'late-reason']]);
    expect(cli('check-transition', { policy: 'general', complaint: { ...complaint, lateReason: '客户出差' }, milestones, to: 'closed', now }).output).toEqual({
      ok: true,
      violations: [],
    });
    expect(cli('check-transition', { policy: 'general', complaint, to: 'closed', now }).output).toEqual({ ok: true, violations: [] });
  });

  it('an unknown target status or option id is bad input', () => {
    expectError(cli('check-transition', { policy: 'food', complaint: {}, to: 'archived' }), 'invalid-input', /to/);
    expectError(cli('check-transition', { policy: 'food', complaint: { responsibleDepartment: 'hr' }, to: 'assigned' }), 'invalid-input', /hr/);
  });
});

// ---------------------------------------------------------------------------------------------
// The real command. Each spawn costs about a second: keep these few.

function spawnCli(command: string, stdin: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', command], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/RulesError|ZodError|SyntaxError/);
}

describe('the real command (npm run --silent cli)', () => {
  jest.setTimeout(60_000);

  it('due: the worked example on stdout, exit 0', () => {
    const r = spawnCli('due', '{"policy":"general","start":"2026-09-30T10:00:00+08:00","duration":{"amount":3,"unit":"workingDays"}}');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ due: '2026-10-10T18:00:00+08:00', provisional: false });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('bad JSON: exit 2, {"error":{"code","message"}} and no stack trace anywhere', () => {
    const r = spawnCli('due', '{"policy": "general", ');
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as ErrorOutput;
    expect(Object.keys(out)).toEqual(['error']);
    expect(Object.keys(out.error)).toEqual(['code', 'message']);
    expect(out.error.code).toBe('invalid-json');
    noStack(r.stdout);
    noStack(r.stderr);
  });

  it('number: parse keeps the key order', () => {
    const r = spawnCli('number', '{"parse":"160118007","policy":"food"}');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('{"year":2016,"month":1,"day":18,"sequence":7}');
  });

  it('number: a sequence overflow is exit 2', () => {
    const r = spawnCli('number', '{"policy":"food","registeredAt":"2026-01-18T10:00:00+08:00","sequence":1000}');
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as ErrorOutput).error.code).toBe('sequence-overflow');
    noStack(r.stderr);
  });

  it('evaluate: the abc.report-a example', () => {
    const r = spawnCli(
      'evaluate',
      JSON.stringify({
        policy: 'auto-abc',
        complaint: { category: 'quality', lossAmount: 8000 },
        milestones: { registered: '2026-03-02T01:00:00Z' },
        now: '2026-03-03T02:00:00Z',
      }),
    );
    expect(r.status).toBe(0);
    const clocks = (JSON.parse(r.stdout) as { clocks: { id: string }[] }).clocks;
    expect(clocks.find((c) => c.id === 'abc.report-a')).toEqual({
      id: 'abc.report-a',
      start: '2026-03-02T09:00:00+08:00',
      due: '2026-03-03T09:00:00+08:00',
      stoppedAt: null,
      status: 'breached',
      overdueMinutes: 60,
      lateDays: 1,
    });
  });

  it('check-transition: a matrix violation in both languages (UTF-8 intact)', () => {
    const r = spawnCli(
      'check-transition',
      JSON.stringify({ policy: 'food', complaint: { category: 'quality', responsibleDepartment: 'sales', approvedBy: '李副总' }, to: 'assigned' }),
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; violations: { field: string; rule: string; message: Record<string, string> }[] };
    expect(out.ok).toBe(false);
    expect(out.violations.map((v) => [v.field, v.rule])).toEqual([['responsibleDepartment', 'matrix']]);
    expect(out.violations[0]!.message['zh-CN']).toContain('责任单位');
    expect(out.violations[0]!.message.en).toContain('Responsible department');
  });

  it('an unknown command and an invalid policy are exit 2 without a stack trace', () => {
    const unknown = spawnCli('deadline', '{}');
    expect(unknown.status).toBe(2);
    expect((JSON.parse(unknown.stdout) as ErrorOutput).error.code).toBe('unknown-command');
    const policy = spawnCli('due', JSON.stringify({ policy: { id: 'x' }, start: '2026-09-30T10:00:00+08:00', duration: { amount: 1, unit: 'hours' } }));
    expect(policy.status).toBe(2);
    expect((JSON.parse(policy.stdout) as ErrorOutput).error.code).toBe('invalid-policy');
    noStack(policy.stdout);
    noStack(policy.stderr);
  });
});

describe('bounded input (issue 12)', () => {
  const timed = <T>(f: () => T): { value: T; ms: number } => {
    const t = Date.now();
    const value = f();
    return { value, ms: Date.now() - t };
  };

  it('refuses years before 1000 instead of reading 0050 as 1950', () => {
    expectError(cli('number', { policy: 'food', registeredAt: '0050-01-18T10:00:00+08:00', sequence: 7 }), 'invalid-input', /registeredAt/);
    expectError(cli('due', { policy: 'general', start: '0999-12-31T10:00:00+08:00', duration: { amount: 1, unit: 'hours' } }), 'invalid-input', /start/);
    expect(cli('number', { policy: 'food', registeredAt: '1000-01-18T10:00:00+08:00', sequence: 7 }).output).toEqual({ number: '000118007' });
  });

  it('refuses a due date after 9999 instead of printing year 10000', () => {
    expectError(cli('due', { policy: 'general', start: '9999-12-31T10:00:00+08:00', duration: { amount: 1, unit: 'calendarDays' } }), 'out-of-range', /9999/);
    expectError(cli('due', { policy: 'general', start: '9999-12-30T10:00:00+08:00', duration: { amount: 100_000, unit: 'hours' } }), 'out-of-range');
  });

  it('refuses milestones before their clock starts instead of calling the clock met', () => {
    const r = cli('evaluate', {
      policy: 'general',
      complaint: { category: 'quality', severity: 'major' },
      milestones: { registered: '2026-03-09T10:00:00+08:00', assigned: '2026-03-01T10:00:00+08:00' },
      now: '2026-03-10T10:00:00+08:00',
    });
    expectError(r, 'invalid-input', /milestones\.assigned.*before the start milestone registered/);
  });

  it('answers a shutdown to 9999-12-31 at once', () => {
    const policy = { ...presetPolicy('general'), calendar: { ...presetPolicy('general').calendar, shutdowns: [{ from: '2026-10-01', to: '9999-12-31' }] } };
    const { value, ms } = timed(() => cli('due', { policy, start: '2026-09-30T10:00:00+08:00', duration: { amount: 3, unit: 'workingDays' } }));
    expect(ms).toBeLessThan(1000);
    expectError(value, 'out-of-range', /100 years/);
  });

  it('answers one working minute a day and 100,000 working hours at once, with a translated error', () => {
    const policy = { ...presetPolicy('general'), workingHours: [{ start: '09:00', end: '09:01' }] };
    const { value, ms } = timed(() => cli('due', { policy, start: '2026-09-30T10:00:00+08:00', duration: { amount: 100_000, unit: 'workingHours' } }));
    expect(ms).toBeLessThan(1000);
    expectError(value, 'out-of-range', /spans more than 100 years/);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('refuses the option id %s at policy validation', (id) => {
    const general = presetPolicy('general');
    const policy = JSON.parse(JSON.stringify(general)) as typeof general;
    policy.categories = [...policy.categories, { id, label: { 'zh-CN': '保留', en: 'Reserved' } }];
    policy.matrix.byCategory = { ...policy.matrix.byCategory };
    Object.defineProperty(policy.matrix.byCategory, id, { value: ['qa'], enumerable: true, configurable: true, writable: true });
    const r = cli('check-transition', { policy, complaint: { category: id, severity: 'major', responsibleDepartment: 'qa' }, to: 'assigned' });
    expectError(r, 'invalid-policy', /reserved/);
  });

  it('a complaint category named like a prototype key is an unknown option, not a crash', () => {
    const r = cli('check-transition', { policy: 'general', complaint: { category: 'toString', severity: 'major', responsibleDepartment: 'qa' }, to: 'assigned' });
    expectError(r, 'invalid-input', /Category: "toString" is not an option/);
  });

  it('the ReDoS batch pattern answers a 28-character and a 100 KB batch in under 100 ms', () => {
    const policy = { ...presetPolicy('general'), batchPattern: '^([A-Z0-9]+-?)+$' };
    for (const batch of ['A'.repeat(27) + '!', 'AB-'.repeat(34_000) + '!']) {
      const run = () => timed(() => cli('check-transition', { policy, complaint: { category: 'quality', severity: 'major', responsibleDepartment: 'qa', batch }, to: 'assigned' }));
      // The best of three: the machine running the suite is shared; a backtracking engine would
      // take seconds to minutes on every run.
      const runs = [run(), run(), run()];
      const { value } = runs[0]!;
      expect(Math.min(...runs.map((r) => r.ms))).toBeLessThan(100);
      // Refused: a violation of the batch format (28 chars) or bad input (100 KB is over 100 characters).
      if (value.exitCode === 0) expect((value.output as { violations: { field: string }[] }).violations.map((v) => v.field)).toContain('batch');
      else expectError(value, 'invalid-input', /batch/i);
    }
  });
});
