/**
 * The rules CLI (shared/spec/cli.md) as a pure function: a command name and the parsed JSON
 * input in, an exit code and a JSON document out. `main.ts` does the I/O.
 */
import { z } from 'zod';
import {
  MILESTONE_IDS,
  RulesError,
  STATUS_IDS,
  durationSchema,
  checkTransition,
  classify,
  computeDue,
  evaluateClocks,
  formatInstant,
  formatNumber,
  issuesFromZod,
  parseComplaint,
  parseComplaintShape,
  parseInstant,
  parseNumber,
  resolvePolicy,
  type Policy,
} from '../rules';

export interface CliResult {
  exitCode: 0 | 2;
  output: unknown;
}

export const COMMANDS = ['due', 'number', 'classify', 'evaluate', 'check-transition'] as const;

const instant = z.string().refine((s) => parseInstant(s) !== null, {
  message: 'an ISO-8601 instant with an offset or Z in the years 1000–9999, e.g. 2026-09-30T10:00:00+08:00',
});
const policyInput = z.union([z.string(), z.record(z.string(), z.unknown())]);
const milestones = z.partialRecord(z.enum(MILESTONE_IDS), instant.nullable());
const history = z
  .array(
    z.object({
      partNumber: z.string().nullish(),
      category: z.string().nullish(),
      defect: z.string().nullish(),
      class: z.string().nullish(),
      registeredAt: instant.nullish(),
    }),
  )
  .max(100_000);
const pauses = z.array(z.strictObject({ from: instant, to: instant.nullish() })).max(1000);

const schemas = {
  due: z.strictObject({
    policy: policyInput,
    start: instant,
    duration: durationSchema,
  }),
  number: z.union([
    z.strictObject({ policy: policyInput, registeredAt: instant, sequence: z.number().int() }),
    z.strictObject({ policy: policyInput, parse: z.string().min(1).max(100) }),
  ]),
  classify: z.strictObject({ policy: policyInput, complaint: z.unknown(), history: history.optional() }),
  evaluate: z.strictObject({
    policy: policyInput,
    complaint: z.unknown(),
    milestones: milestones,
    now: instant,
    history: history.optional(),
    pauses: pauses.optional(),
  }),
  'check-transition': z.strictObject({
    policy: policyInput,
    complaint: z.unknown(),
    milestones: milestones.optional(),
    to: z.enum(STATUS_IDS),
    now: instant.optional(),
    history: history.optional(),
    pauses: pauses.optional(),
  }),
};

function fail(code: string, message: string): CliResult {
  return { exitCode: 2, output: { error: { code, message } } };
}

function parseInput<K extends keyof typeof schemas>(command: K, input: unknown): z.infer<(typeof schemas)[K]> {
  // For the two shapes of `number`, report the issues of the shape the input was aiming at.
  const aimed =
    command === 'number' && typeof input === 'object' && input !== null && !Array.isArray(input)
      ? schemas.number.options['parse' in input ? 1 : 0]
      : schemas[command];
  const result = aimed.safeParse(input);
  if (!result.success) {
    throw new RulesError('invalid-input', issuesFromZod(result.error, ''));
  }
  return result.data as z.infer<(typeof schemas)[K]>;
}

function ms(text: string): number {
  return parseInstant(text)!;
}

function run(command: (typeof COMMANDS)[number], input: unknown): unknown {
  switch (command) {
    case 'due': {
      const i = parseInput('due', input);
      const policy: Policy = resolvePolicy(i.policy);
      const r = computeDue(policy, ms(i.start), i.duration);
      return { due: formatInstant(r.due, policy.timeZone), provisional: r.provisional };
    }
    case 'number': {
      const i = parseInput('number', input);
      const policy = resolvePolicy(i.policy);
      if ('parse' in i) return parseNumber(policy, i.parse);
      return { number: formatNumber(policy, ms(i.registeredAt), i.sequence) };
    }
    case 'classify': {
      const i = parseInput('classify', input);
      const policy = resolvePolicy(i.policy);
      const complaint = parseComplaint(policy, i.complaint);
      const c = classify(policy, complaint, i.history ?? []);
      return { [c.field]: c.level, reasons: c.reasons };
    }
    case 'evaluate': {
      const i = parseInput('evaluate', input);
      const policy = resolvePolicy(i.policy);
      const complaint = parseComplaint(policy, i.complaint);
      const clocks = evaluateClocks(policy, complaint, i.milestones, ms(i.now), { history: i.history, pauses: i.pauses ?? [] });
      return {
        clocks: clocks.map((c) => ({
          id: c.id,
          start: c.start,
          due: c.due,
          stoppedAt: c.stoppedAt,
          status: c.status,
          overdueMinutes: c.overdueMinutes,
          lateDays: c.lateDays,
        })),
      };
    }
    case 'check-transition': {
      const i = parseInput('check-transition', input);
      const policy = resolvePolicy(i.policy);
      // Shape errors are bad input; policy-level value problems (range, format) are violations.
      const complaint = parseComplaintShape(i.complaint);
      const optionProblems = parseOptionIssues(policy, complaint);
      if (optionProblems) throw optionProblems;
      return checkTransition(policy, complaint, i.to, {
        milestones: i.milestones,
        now: i.now ? ms(i.now) : undefined,
        history: i.history,
        pauses: i.pauses,
      });
    }
  }
}

/** Option ids the policy does not know are bad input, not violations. */
function parseOptionIssues(policy: Policy, complaint: unknown): RulesError | null {
  try {
    parseComplaint(policy, complaint);
    return null;
  } catch (e) {
    if (!(e instanceof RulesError)) throw e;
    const options = e.issues.filter((x) => x.rule === 'option');
    return options.length > 0 ? new RulesError('invalid-input', options) : null;
  }
}

export function runCli(command: string | undefined, rawInput: string): CliResult {
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    return fail('unknown-command', `unknown command "${command ?? ''}"; use one of ${COMMANDS.join(', ')}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(rawInput);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('invalid-json', `standard input is not one JSON document: ${detail}`);
  }
  try {
    return { exitCode: 0, output: run(command as (typeof COMMANDS)[number], input) };
  } catch (e) {
    if (e instanceof RulesError) return fail(e.code, e.issues.map((x) => x.message.en).join('; ') || e.message);
    // Anything else is a bug; still no stack trace on stdout.
    const detail = e instanceof Error ? e.message : String(e);
    return fail('internal', `internal error: ${detail}`);
  }
}
