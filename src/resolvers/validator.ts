/**
 * The `complaint-rules-validator` workflow validator: runs the transition rules of src/rules on
 * the issue as it will be after the transition (stored values overlaid with `modifiedFields`),
 * with at most one issue read. Answers in the user's language when known, else the configured one, else both.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { complaintFromFields, invalidFieldValues, propsOfFields } from '../jira/fields';
import { jira } from '../jira/port';
import { RULE_IDS, checkTransition, classify, levelField, type Locale, type Localized, type Milestones } from '../rules';
import { activePolicy } from '../services/policy-store';
import { repeatHistory } from '../services/repeat-history';
import { setupStateFor } from '../services/setup';
import { cachedLocale } from '../services/user-locale';
import { appFieldIds } from '../services/site';

const payloadSchema = z.object({
  // On the create (initial) transition the issue does not exist yet: no key (docs/unverified.md).
  issue: z.object({ key: z.string().nullish() }).partial().nullish(),
  configuration: z
    .object({ families: z.array(z.enum(RULE_IDS)).optional(), locale: z.enum(['zh-CN', 'en']).optional() })
    .partial()
    .nullish(),
  transition: z.object({
    from: z.object({ id: z.string().nullish() }).partial().nullish(),
    to: z.object({ id: z.string() }),
    modifiedFields: z.record(z.string(), z.unknown()).nullish(),
  }),
});

const noStatusMap = (project: string): Localized => ({
  'zh-CN': `客诉应用尚未为项目 ${project} 完成设置（没有状态映射），因此不能校验此流转。请 Jira 管理员在客诉应用管理页为 ${project} 运行“设置”。`,
  en: `The complaint app has not been set up for project ${project} (no status map), so it cannot check this transition. Ask a Jira administrator to run Setup for ${project} on the complaint app's admin page.`,
});
const unknownStatus = (project: string, statusId: string): Localized => ({
  'zh-CN': `目标状态 ${statusId} 不在项目 ${project} 设置时记录的客诉流程状态中，因此不能校验此流转。请 Jira 管理员重新运行设置。`,
  en: `Target status ${statusId} is not one of the complaint workflow statuses recorded when ${project} was set up, so this transition cannot be checked. Ask a Jira administrator to run setup again.`,
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
  const modified = transition.modifiedFields ?? {};
  const projectKey = issue?.key ? (issue.key.split('-')[0] ?? null) : projectOfFields(modified);
  const [{ policy }, ids, setup] = await Promise.all([activePolicy(projectKey), appFieldIds(), projectKey ? setupStateFor(projectKey) : Promise.resolve(undefined)]);
  const say = (m: Localized): string => (locale === 'both' ? `${m['zh-CN']}\n${m.en}` : m[locale]);
  const refuse = (messages: Localized[]): ValidatorResult => ({ result: false, errorMessage: messages.map(say).join('\n') });

  // Creation (the initial transition): nothing impossible is stored.
  const fromId = transition.from?.id ?? null;
  if (!issue?.key || !fromId) {
    const problems = invalidFieldValues(policy, modified, ids, undefined, Date.now());
    return problems.length === 0 ? { result: true } : refuse(problems.map((p) => p.message));
  }
  // The status map setup saved for the issue's project spares a REST call. Without it the
  // validator cannot tell which rules apply, so it refuses (fails closed) rather than let
  // every transition through.
  if (!setup || Object.keys(setup.statuses).length === 0) return { result: false, errorMessage: say(noStatusMap(projectKey ?? issue.key)) };
  const to = setup.statuses[transition.to.id] ?? null;
  if (!to) return { result: false, errorMessage: say(unknownStatus(projectKey ?? issue.key, transition.to.id)) };
  const from = setup.statuses[fromId] ?? undefined;
  const answer = await jira<IssueAnswer>('app', route`/rest/api/3/issue/${issue.key}?fields=${Object.values(ids).join(',')}&properties=complaint`);
  const fields = { ...answer.fields, ...modified };
  const complaint = complaintFromFields(fields, ids);
  // Values typed in the transition dialog are checked like values at creation.
  const typed = invalidFieldValues(policy, modified, ids, propsOfFields(Object.keys(modified), ids));
  // The repeat rule needs the history only for a class still to be derived that would be B.
  const history =
    policy.classification.mode === 'auto-abc' && !complaint[levelField(policy)] && classify(policy, complaint).level === 'B'
      ? await repeatHistory(policy, complaint, issue.key)
      : undefined;
  const result = checkTransition(policy, complaint, to, {
    milestones: answer.properties?.complaint?.milestones ?? {},
    families: configuration?.families,
    ...(from ? { from } : {}),
    ...(history ? { history } : {}),
  });
  const messages = [...typed.map((p) => p.message), ...result.violations.map((v) => v.message)];
  return messages.length === 0 ? { result: true } : refuse(messages);
}

/** The project of a create request (`modifiedFields.project`), when the issue has no key yet. */
function projectOfFields(modified: Record<string, unknown>): string | null {
  const p = modified.project;
  return p && typeof p === 'object' && typeof (p as { key?: unknown }).key === 'string' ? (p as { key: string }).key : null;
}
