/**
 * The resolver behind the Custom UI surfaces (gadget, admin page, issue panel, field editor).
 * Every definition goes through the one envelope (`define`, ./define.ts): payload schema,
 * admin guard, translated error codes, structured logs. Work happens in src/services; this
 * file only says which key runs what with which payload. The `UiApi` type below is what the
 * UI's `call` accepts, so key, payload and answer are checked at compile time.
 */
import { z } from 'zod';
import { FIXED_OPTION_FIELDS, POLICY_OPTION_FIELDS } from '../jira/fields';
import { RulesError, calendarFor, issue, texts, type Policy } from '../rules';
import { activePolicy, savePolicy } from '../services/policy-store';
import { republishAfterSave } from '../services/field-labels';
import { errorFields, logger } from '../services/log';
import { historyWithNames, scopePolicy } from '../services/policy-read';
import { panelState, recordFirstContact } from '../services/panel';
import { complaintTypeIds, runSetup } from '../services/setup';
import { appFieldIds } from '../services/site';
import { listQuerySchema, trackingCount, trackingPage, trackingSummary } from '../services/tracking';
import { chartStats, monthlyReport, monthsBetween, rangeSchema, resolveRange, scopeOptions } from '../services/stats';

const log = logger('ui');
import { define, readableProject, resolverOf, type ApiOf } from './define';
import { processComplaint } from './lifecycle';

export type { ResolverResult } from './define';

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/);
const projectPayload = z.strictObject({ projectKey: projectKey.nullish() });
const policyOf = async (key: string | null): Promise<Policy> => (await activePolicy(key)).policy;
/** The complaint issue type ids recorded at setup (the gadget's scope: a renamed type still counts). */
const issueTypeNames = complaintTypeIds;

const fieldKeys = [...Object.keys(POLICY_OPTION_FIELDS), ...Object.keys(FIXED_OPTION_FIELDS)] as [string, ...string[]];

export const definitions = [
  define('policy/get', projectPayload, async (p, caller) => {
    const { policy, version, scope } = await activePolicy(await readableProject(caller, p.projectKey));
    return { policy, version, scope };
  }),

  /**
   * One policy whose option lists are the union of the policies governing a set of projects
   * (the gadget's filters across projects that run different presets). Without projects: the
   * projects the user may browse, asked of Jira as the user.
   */
  define('policy/scope', z.strictObject({ projects: z.array(projectKey).max(50).optional() }), async (p) => scopePolicy(p.projects ?? [])),

  /** Every saved version with who saved it (display names): Jira administrators only. */
  define('policy/history', projectPayload, async (p) => historyWithNames(p.projectKey ?? null), { admin: true }),

  define(
    'policy/save',
    z.strictObject({ policy: z.custom<Policy>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)), projectKey: projectKey.nullish() }),
    async (p, caller) => {
      // savePolicy validates the whole policy (translated field issues on failure).
      const saved = await savePolicy(p.policy, caller.accountId ?? '', p.projectKey ?? null);
      // A project's own policy: its fields show the new labels at once (not at its next event).
      // The fields of the projects this policy governs show its labels at once. A failure leaves
      // the old labels until a project's next event republishes them.
      await republishAfterSave(p.projectKey ?? null).catch((e: unknown) => log.warn('labels.publish-failed', { projectKey: p.projectKey ?? null, ...errorFields(e) }));
      return { version: saved.version };
    },
    { admin: true },
  ),

  /**
   * The options of an option-like field for its Custom UI editor (static/field-edit): the lists
   * of the policy that governs the project, or the fixed channel/disposition/satisfaction lists,
   * and the field's current value echoed back when it names one of them. `projectKey` comes
   * from the editor's extension context, which the browser can forge: a project's lists answer
   * only to users Jira lets browse it.
   */
  define(
    'field/options',
    z.strictObject({ fieldKey: z.enum(fieldKeys), projectKey: projectKey.nullish(), value: z.string().max(100).nullish() }),
    async ({ fieldKey, projectKey: key, value }, caller) => {
      let options: { id: string; label: { 'zh-CN': string; en: string } }[];
      const fixed = FIXED_OPTION_FIELDS[fieldKey];
      if (fixed) {
        options = fixed.ids.map((id) => ({ id, label: { 'zh-CN': fixed.labels[id]?.['zh-CN'] ?? id, en: fixed.labels[id]?.en ?? id } }));
      } else {
        const policy = await policyOf(await readableProject(caller, key));
        options = policy[POLICY_OPTION_FIELDS[fieldKey as keyof typeof POLICY_OPTION_FIELDS]].map((o) => ({ id: o.id, label: { 'zh-CN': o.label['zh-CN'], en: o.label.en } }));
      }
      return { options, value: value && options.some((o) => o.id === value) ? value : null };
    },
  ),

  define(
    'calendar/month',
    z.strictObject({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12), projectKey: projectKey.nullish() }),
    async (p, caller) => calendarFor(await policyOf(await readableProject(caller, p.projectKey))).month(p.year, p.month),
  ),

  define('tracking/page', z.strictObject({ query: listQuerySchema.prefault({}), offset: z.number().int().min(0).max(1_000_000).optional() }), async (p, caller) => {
    const [ids, names, locale] = await Promise.all([appFieldIds(), issueTypeNames(), caller.locale()]);
    return trackingPage(policyOf, ids, p.query, locale, names, p.offset ?? 0);
  }),

  define('tracking/summary', z.strictObject({ query: listQuerySchema.prefault({}) }), async (p) => {
    const [ids, names] = await Promise.all([appFieldIds(), issueTypeNames()]);
    return trackingSummary(p.query, ids, names);
  }),

  /** How many complaints the scope holds (the export's progress bar): one count as the user. */
  define('tracking/count', z.strictObject({ query: listQuerySchema.prefault({}) }), async (p) => {
    const [ids, names] = await Promise.all([appFieldIds(), issueTypeNames()]);
    return trackingCount(p.query, ids, names);
  }),

  /**
   * The charts tab over the whole scope: Pareto by category and by cause, and the monthly trend
   * (default: the twelve months up to this one). One count per bucket, as the user.
   */
  define('stats/charts', z.strictObject({ query: listQuerySchema.prefault({}), range: rangeSchema.prefault({}) }), async (p) => {
    const [ids, names, options] = await Promise.all([appFieldIds(), issueTypeNames(), scopeOptions(p.query.config.projects)]);
    const { from, to } = resolveRange(p.range, options.timeZone, 12);
    return { ...(await chartStats(p.query, ids, names, options, monthsBetween(from, to))), from, to };
  }),

  /** The monthly report (客户投诉处理月报表) for one month (default: this one) or a range. */
  define('stats/report', z.strictObject({ query: listQuerySchema.prefault({}), range: rangeSchema.prefault({}) }), async (p) => {
    const [ids, names, options] = await Promise.all([appFieldIds(), issueTypeNames(), scopeOptions(p.query.config.projects)]);
    const { from, to } = resolveRange(p.range, options.timeZone, 1);
    return monthlyReport(p.query, ids, names, options, from, to);
  }),

  define('panel/state', z.strictObject({}), async (_p, caller) => {
    // The issue comes from the extension context, which the browser can forge: panelState reads
    // it as the user, so Jira decides whether they may see it.
    const ext = caller.extension as { issue?: { id?: unknown; key?: unknown } };
    const idOrKey = String(ext.issue?.id ?? ext.issue?.key ?? '');
    if (!/^[A-Z0-9_-]{1,40}$/i.test(idOrKey)) throw new RulesError('invalid-input', [issue('context.extension.issue', 'required', texts('errNoIssueContext'))]);
    return panelState(policyOf, await appFieldIds(), idOrKey);
  }),

  /**
   * "记录首次联系": 首次联系时间 = now, written as the user (the browser sends no time), then the
   * complaint processed as the trigger would (it ignores the app's own writes: ignoreSelf).
   */
  define('panel/first-contact', z.strictObject({}), async (_p, caller) => {
    const ext = caller.extension as { issue?: { id?: unknown; key?: unknown } };
    const idOrKey = String(ext.issue?.id ?? ext.issue?.key ?? '');
    if (!/^[A-Z0-9_-]{1,40}$/i.test(idOrKey)) throw new RulesError('invalid-input', [issue('context.extension.issue', 'required', texts('errNoIssueContext'))]);
    const done = await recordFirstContact(policyOf, await appFieldIds(), idOrKey);
    if (done.recorded) await processComplaint(done.issueId);
    return done;
  }),

  define(
    'setup/run',
    z.strictObject({
      projectKey,
      issueTypeName: z.string().trim().min(1).max(60).optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
    }),
    async (p, caller) => runSetup({ ...p, locale: p.locale ?? (await caller.locale()) }),
    { admin: true },
  ),
] as const;

/** key → { payload, answer } of every definition above: the UI's `call` is typed by it. */
export type UiApi = ApiOf<typeof definitions>;

export const uiResolver = resolverOf(definitions);
