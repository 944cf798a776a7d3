/**
 * The resolver behind the Custom UI surfaces (gadget, admin page, issue panel). Every
 * definition validates its payload; admin-only writes check Jira admin rights on the server.
 */
import Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { jira } from '../jira/port';
import { FIXED_OPTION_FIELDS, POLICY_OPTION_FIELDS } from '../jira/fields';
import { pickLocale, RulesError, calendarFor } from '../rules';
import { isJiraAdmin } from '../services/permissions';
import { activePolicy, policyHistory, savePolicy } from '../services/policy-store';
import { panelState } from '../services/panel';
import { runSetup, setupState } from '../services/setup';
import { rememberLocale } from '../services/user-locale';
import { appFieldIds } from '../services/site';
import { listQuerySchema, trackingCount, trackingPage, trackingSummary } from '../services/tracking';
import { chartStats, monthlyReport, monthsBetween, resolveRange, scopeOptions, statsPayloadSchema } from '../services/stats';
import { COMPLAINT_TYPE_NAMES } from './lifecycle';
import { z } from 'zod';

/** The typed envelope every UI call answers with. */
export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; issues?: unknown } };


/** The user's language from Jira, remembered for the workflow validator. */
async function userLocale(accountId?: string): Promise<'zh-CN' | 'en'> {
  const r = await jira<{ locale?: string }>('user', route`/rest/api/3/mypreferences/locale`).catch(() => ({ locale: undefined }));
  const locale = pickLocale(r.locale);
  if (accountId && r.locale) await rememberLocale(accountId, locale);
  return locale;
}

function failure(e: unknown, locale: 'zh-CN' | 'en'): ResolverResult<never> {
  if (e instanceof RulesError) return { ok: false, error: { code: e.code, message: e.localized(locale), issues: e.issues } };
  return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
}

const resolver = new Resolver();

const accountIdOf = (context: { accountId?: unknown }): string | undefined => (typeof context.accountId === 'string' ? context.accountId : undefined);

const projectKeyPayload = z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/).nullish() });
const projectKeyOf = (payload: unknown): string | null => {
  const p = projectKeyPayload.safeParse(payload ?? {});
  return p.success ? (p.data.projectKey ?? null) : null;
};
const policyOf = async (projectKey: string | null) => (await activePolicy(projectKey)).policy;

resolver.define('policy/get', async ({ payload }): Promise<ResolverResult<unknown>> => {
  const { policy, version, scope } = await activePolicy(projectKeyOf(payload));
  return { ok: true, data: { policy, version, scope } };
});

const scopePayload = z.object({ projects: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/)).max(50).optional() });

/**
 * One policy whose option lists are the union of the policies governing a set of projects (the
 * gadget's filters across projects that run different presets). Without projects: the
 * projects the user may browse, asked of Jira as the user.
 */
resolver.define('policy/scope', async ({ payload }): Promise<ResolverResult<unknown>> => {
  const p = scopePayload.safeParse(payload ?? {});
  if (!p.success) return { ok: false, error: { code: 'invalid-input', message: 'projects: a list of project keys' } };
  let keys = p.data.projects ?? [];
  if (keys.length === 0) {
    const projects = await jira<{ key: string }[]>('user', route`/rest/api/3/project`).catch(() => []);
    keys = projects.map((x) => x.key).slice(0, 50);
  }
  const base = await activePolicy(null);
  const merged = structuredClone(base.policy);
  for (const key of keys) {
    const { policy } = await activePolicy(key);
    for (const list of ['categories', 'severities', 'departments', 'rootCauses'] as const) {
      const target = merged[list] as { id: string }[];
      for (const o of policy[list]) if (!target.some((x) => x.id === o.id)) target.push(structuredClone(o));
    }
  }
  return { ok: true, data: { policy: merged, version: base.version, scope: 'union' } };
});

resolver.define('policy/history', async ({ payload }): Promise<ResolverResult<unknown>> => {
  return { ok: true, data: await policyHistory(projectKeyOf(payload)) };
});

resolver.define('policy/save', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const locale = await userLocale(accountIdOf(context));
  if (!(await isJiraAdmin())) {
    return { ok: false, error: { code: 'forbidden', message: locale === 'zh-CN' ? '只有 Jira 管理员可以修改客诉方案' : 'Only Jira administrators can change the complaint policy' } };
  }
  try {
    const saved = await savePolicy((payload as { policy?: unknown }).policy, String(context.accountId ?? ''), projectKeyOf(payload));
    return { ok: true, data: { version: saved.version } };
  } catch (e) {
    return failure(e, locale);
  }
});

const fieldOptionsPayload = z.object({
  fieldKey: z.enum([...Object.keys(POLICY_OPTION_FIELDS), ...Object.keys(FIXED_OPTION_FIELDS)] as [string, ...string[]]),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/).nullish(),
  /** The field's current value, echoed back when it names one of the options. */
  value: z.string().max(100).nullish(),
});

/**
 * The options of an option-like field for its Custom UI editor (static/field-edit): the lists
 * of the policy that governs the project, or the fixed channel/disposition/satisfaction lists.
 * `projectKey` comes from the editor's extension context, which the browser can forge: that is
 * acceptable here because the answer is policy configuration only (option ids and labels, the
 * same lists every user of the app sees in the gadget's filters) and never Jira data, so naming
 * another project reveals nothing Jira protects; zod validation is the only check needed.
 */
resolver.define('field/options', async ({ payload }): Promise<ResolverResult<unknown>> => {
  const p = fieldOptionsPayload.safeParse(payload ?? {});
  if (!p.success) return { ok: false, error: { code: 'invalid-input', message: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  const { fieldKey, projectKey, value } = p.data;
  let options: { id: string; label: { 'zh-CN': string; en: string } }[];
  const fixed = FIXED_OPTION_FIELDS[fieldKey];
  if (fixed) {
    options = fixed.ids.map((id) => ({ id, label: { 'zh-CN': fixed.labels[id]?.['zh-CN'] ?? id, en: fixed.labels[id]?.en ?? id } }));
  } else {
    const { policy } = await activePolicy(projectKey ?? null);
    options = policy[POLICY_OPTION_FIELDS[fieldKey as keyof typeof POLICY_OPTION_FIELDS]].map((o) => ({ id: o.id, label: { 'zh-CN': o.label['zh-CN'], en: o.label.en } }));
  }
  return { ok: true, data: { options, value: value && options.some((o) => o.id === value) ? value : null } };
});

const monthPayload = z.object({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12), projectKey: z.string().nullish() });

resolver.define('calendar/month', async ({ payload }): Promise<ResolverResult<unknown>> => {
  const p = monthPayload.safeParse(payload);
  if (!p.success) return { ok: false, error: { code: 'invalid-input', message: 'year (2000–2100) and month (1–12) are required' } };
  const { policy } = await activePolicy(projectKeyOf(payload));
  return { ok: true, data: calendarFor(policy).month(p.data.year, p.data.month) };
});

resolver.define('tracking/page', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const locale = await userLocale(accountIdOf(context));
  const q = listQuerySchema.safeParse((payload as { query?: unknown }).query ?? {});
  if (!q.success) return { ok: false, error: { code: 'invalid-input', message: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const [ids, setup] = await Promise.all([appFieldIds(), setupState()]);
    const offset = z.number().int().min(0).max(1_000_000).catch(0).parse((payload as { offset?: unknown }).offset);
    const names = setup ? [setup.issueTypeName] : COMPLAINT_TYPE_NAMES;
    return { ok: true, data: await trackingPage(policyOf, ids, q.data, locale, names, offset) };
  } catch (e) {
    return failure(e, locale);
  }
});

resolver.define('tracking/summary', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const q = listQuerySchema.safeParse((payload as { query?: unknown }).query ?? {});
  if (!q.success) return { ok: false, error: { code: 'invalid-input', message: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const [ids, setup] = await Promise.all([appFieldIds(), setupState()]);
    return { ok: true, data: await trackingSummary(q.data, ids, setup ? [setup.issueTypeName] : COMPLAINT_TYPE_NAMES) };
  } catch (e) {
    return failure(e, await userLocale(accountIdOf(context)));
  }
});

/** How many complaints the scope holds (the export's progress bar). */
resolver.define('tracking/count', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const q = listQuerySchema.safeParse((payload as { query?: unknown }).query ?? {});
  if (!q.success) return { ok: false, error: { code: 'invalid-input', message: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const [ids, setup] = await Promise.all([appFieldIds(), setupState()]);
    return { ok: true, data: await trackingCount(q.data, ids, setup ? [setup.issueTypeName] : COMPLAINT_TYPE_NAMES) };
  } catch (e) {
    return failure(e, await userLocale(accountIdOf(context)));
  }
});

/** The charts tab: Pareto by category and by cause over the scope, and the monthly trend. */
resolver.define('stats/charts', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const q = listQuerySchema.safeParse((payload as { query?: unknown }).query ?? {});
  const r = statsPayloadSchema.safeParse(payload ?? {});
  if (!q.success || !r.success) return { ok: false, error: { code: 'invalid-input', message: [...(q.error?.issues ?? []), ...(r.error?.issues ?? [])].map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const [ids, setup, options] = await Promise.all([appFieldIds(), setupState(), scopeOptions(q.data.config.projects)]);
    const { from, to } = resolveRange(r.data.range, options.timeZone, 12);
    return { ok: true, data: { ...(await chartStats(q.data, ids, setup ? [setup.issueTypeName] : COMPLAINT_TYPE_NAMES, options, monthsBetween(from, to))), from, to } };
  } catch (e) {
    return failure(e, await userLocale(accountIdOf(context)));
  }
});

/** The monthly report (客户投诉处理月报表) for one month or a range of months. */
resolver.define('stats/report', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const q = listQuerySchema.safeParse((payload as { query?: unknown }).query ?? {});
  const r = statsPayloadSchema.safeParse(payload ?? {});
  if (!q.success || !r.success) return { ok: false, error: { code: 'invalid-input', message: [...(q.error?.issues ?? []), ...(r.error?.issues ?? [])].map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  try {
    const [ids, setup, options] = await Promise.all([appFieldIds(), setupState(), scopeOptions(q.data.config.projects)]);
    const { from, to } = resolveRange(r.data.range, options.timeZone, 1);
    return { ok: true, data: await monthlyReport(q.data, ids, setup ? [setup.issueTypeName] : COMPLAINT_TYPE_NAMES, options, from, to) };
  } catch (e) {
    return failure(e, await userLocale(accountIdOf(context)));
  }
});

resolver.define('panel/state', async ({ context }): Promise<ResolverResult<unknown>> => {
  const locale = await userLocale(accountIdOf(context));
  // The issue comes from the extension context, which the browser can forge: panelState reads
  // it as the user, so Jira decides whether they may see it.
  const ext = (context.extension ?? {}) as { issue?: { id?: unknown; key?: unknown } };
  const idOrKey = String(ext.issue?.id ?? ext.issue?.key ?? '');
  if (!/^[A-Z0-9_-]{1,40}$/i.test(idOrKey)) return { ok: false, error: { code: 'invalid-input', message: 'no issue in the panel context' } };
  try {
    return { ok: true, data: await panelState(policyOf, await appFieldIds(), idOrKey) };
  } catch (e) {
    return failure(e, locale);
  }
});

const setupPayload = z.strictObject({
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/),
  issueTypeName: z.string().trim().min(1).max(60).optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});

resolver.define('setup/run', async ({ payload, context }): Promise<ResolverResult<unknown>> => {
  const locale = await userLocale(accountIdOf(context));
  if (!(await isJiraAdmin())) {
    return { ok: false, error: { code: 'forbidden', message: locale === 'zh-CN' ? '只有 Jira 管理员可以运行设置' : 'Only Jira administrators can run setup' } };
  }
  const p = setupPayload.safeParse(payload);
  if (!p.success) return { ok: false, error: { code: 'invalid-input', message: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  return { ok: true, data: await runSetup({ ...p.data, locale: p.data.locale ?? locale }) };
});

export const uiResolver = resolver.getDefinitions();
