/**
 * The `complaint-rules-validator` workflow validator: runs the transition rules of src/rules on
 * the issue as it will be after the transition (stored values overlaid with `modifiedFields`),
 * with at most one issue read. Answers in the language the validator is configured for.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { complaintFromFields } from '../jira/fields';
import { jira } from '../jira/port';
import { RULE_IDS, checkTransition, type Locale, type Milestones } from '../rules';
import { activePolicy } from '../services/policy-store';
import { setupState } from '../services/setup';
import { cachedLocale } from '../services/user-locale';
import { appFieldIds } from '../services/site';

const payloadSchema = z.object({
  issue: z.object({ key: z.string().min(1) }),
  configuration: z
    .object({ families: z.array(z.enum(RULE_IDS)).optional(), locale: z.enum(['zh-CN', 'en']).optional() })
    .partial()
    .nullish(),
  transition: z.object({
    to: z.object({ id: z.string() }),
    modifiedFields: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

interface IssueAnswer {
  fields: Record<string, unknown>;
  properties?: { complaint?: { milestones?: Milestones } };
}

const contextSchema = z.object({ principal: z.object({ accountId: z.string() }).partial().nullish(), accountId: z.string().nullish() }).partial();

export async function validateTransition(event: unknown, context?: unknown): Promise<ValidatorResult> {
  const parsed = payloadSchema.safeParse(event);
  if (!parsed.success) return { result: false, errorMessage: `Invalid validator payload: ${parsed.error.issues[0]?.message ?? ''}` };
  const { issue, configuration, transition } = parsed.data;
  const ctx = contextSchema.safeParse(context ?? {});
  const accountId = ctx.success ? (ctx.data.principal?.accountId ?? ctx.data.accountId ?? null) : null;
  // The transitioning user's language when known; else the configured one; else both.
  const locale: Locale | 'both' = (await cachedLocale(accountId)) ?? configuration?.locale ?? 'both';
  const projectKey = issue.key.split('-')[0] ?? null;
  const [{ policy }, ids, setup] = await Promise.all([activePolicy(projectKey), appFieldIds(), setupState()]);
  // The status map saved by setup spares a REST call: the validator makes one issue read.
  const to = setup?.statuses[transition.to.id] ?? null;
  if (!to) return { result: true }; // not one of the complaint workflow's statuses
  const answer = await jira<IssueAnswer>('app', route`/rest/api/3/issue/${issue.key}?fields=${Object.values(ids).join(',')}&properties=complaint`);
  const fields = { ...answer.fields, ...(transition.modifiedFields ?? {}) };
  const complaint = complaintFromFields(fields, ids);
  const result = checkTransition(policy, complaint, to, {
    milestones: answer.properties?.complaint?.milestones ?? {},
    families: configuration?.families,
  });
  if (result.ok) return { result: true };
  const text = (v: (typeof result.violations)[number]): string => (locale === 'both' ? `${v.message['zh-CN']}\n${v.message.en}` : v.message[locale]);
  return { result: false, errorMessage: result.violations.map(text).join('\n') };
}
