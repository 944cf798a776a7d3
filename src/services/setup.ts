/**
 * Project setup, run from the admin page: no manifest module creates issue types or workflows,
 * so the app does it through REST. Every step is idempotent (it looks before it creates) and
 * reports its result, so an admin can rerun setup after fixing whatever stopped it.
 *
 * Steps: the complaint issue type → added to the project's issue type scheme → the workflow of
 * domain.md §5 with the app's validator on every transition → mapped in the project's
 * workflow scheme (a scheme is created and assigned when the project is on Jira's Default
 * Workflow Scheme) → the app's fields on the default screen → the setup state saved per project.
 *
 * What setup chose (issue type, workflow, scheme, status ids) is remembered per project, from the
 * first step that creates something: a rerun reuses those ids whatever name field is left blank,
 * and a renamed issue type or workflow stays the complaint type/workflow.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { jira, jiraFailureOf, JiraError, type Actor } from '../jira/port';
import { STATUS_LABELS, WORKFLOW_STATUSES, WORKFLOW_TRANSITIONS, text, type Localized, type StatusId, type TextKey, type TextVars } from '../rules';
import { errorFields, logger } from './log';
import { isJiraAdmin } from './permissions';
import { activePolicy } from './policy-store';
import { appFieldIds } from './site';
import { ensureTransitionScreens } from './transition-screens';

export const VALIDATOR_MODULE_KEY = 'complaint-rules-validator';
/** The index of set-up projects (project id → key and complaint issue type id). */
export const SETUP_INDEX_KEY = 'setup:index';
/** Before setup was kept per project: one site-wide state (read, never written). */
export const LEGACY_SETUP_STATE_KEY = 'setup:state';
export const setupStateKey = (projectId: string): string => `setup:project:${projectId}`;
/**
 * Project property naming the project's complaint issue type ids: the issue trigger's
 * `filter.expression` reads it (`event.runtime.project.properties['complaint-app'].issueTypes`)
 * so events of other issue types and of projects never set up do not invoke the app.
 */
export const PROJECT_PROPERTY = 'complaint-app';

export interface SetupOptions {
  projectKey: string;
  issueTypeName?: string;
  workflowName?: string;
  /** Language of the status names the workflow is created with. */
  locale?: 'zh-CN' | 'en';
}

export type StepStatus = 'done' | 'unchanged' | 'failed' | 'skipped';

export interface SetupStep {
  id: 'permission' | 'project' | 'issue-type' | 'issue-type-scheme' | 'capabilities' | 'workflow' | 'workflow-scheme' | 'transition-screens' | 'screens' | 'state';
  status: StepStatus;
  /** What happened, in the caller's language (a failure's text comes from the dictionary, never from Jira). */
  detail: string;
  /** A failed step's stable code (`team-managed`, `workflow-refused`, `jira-refused`, `internal`, …). */
  code?: string;
}

export interface SetupState {
  projectId: string;
  projectKey: string;
  issueTypeId: string;
  issueTypeName: string;
  workflowId: string | null;
  workflowName?: string | null;
  /** The workflow scheme setup created for a project on the Default Workflow Scheme (null: none created). */
  workflowSchemeId?: string | null;
  /** Jira status id → complaint status id, for the validator (saves a REST call per run). */
  statuses: Record<string, StatusId>;
  /** False while a setup run has not reached its end (the ids chosen so far are kept). */
  complete?: boolean;
  at?: string;
}

export interface SetupIndex {
  projects: Record<string, { key: string; issueTypeId: string }>;
}

interface Project {
  id: string;
  key: string;
  name: string;
  style?: string;
}
interface IssueType {
  id: string;
  name: string;
  hierarchyLevel?: number;
}
interface JiraStatus {
  id: string;
  name: string;
  statusCategory?: string;
  statusReference?: string;
}
interface WorkflowSearch {
  values: { id: string; name: string; statuses?: { statusReference: string }[] }[];
  statuses?: JiraStatus[];
  isLast?: boolean;
}

const log = logger('setup');
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const DEFAULT_TYPE_NAMES: Localized = { 'zh-CN': '客诉', en: 'Complaint' };

// ───────────────────────────── state ─────────────────────────────

async function legacyState(): Promise<SetupState | undefined> {
  return kvs.get<SetupState>(LEGACY_SETUP_STATE_KEY);
}

/** The projects set up so far (a site set up before per-project state counts its one project). */
export async function setupIndex(): Promise<SetupIndex> {
  const index = (await kvs.get<SetupIndex>(SETUP_INDEX_KEY)) ?? { projects: {} };
  const legacy = await legacyState();
  if (legacy && !index.projects[legacy.projectId]) index.projects[legacy.projectId] = { key: legacy.projectKey, issueTypeId: legacy.issueTypeId };
  return index;
}

/** The setup state of one project, by id or key (undefined: never set up). */
export async function setupStateFor(projectIdOrKey: string): Promise<SetupState | undefined> {
  const index = await setupIndex();
  const wanted = projectIdOrKey.toUpperCase();
  const id = index.projects[projectIdOrKey] ? projectIdOrKey : Object.entries(index.projects).find(([, p]) => p.key === wanted)?.[0];
  if (!id) return undefined;
  const state = await kvs.get<SetupState>(setupStateKey(id));
  if (state) return state;
  const legacy = await legacyState();
  return legacy?.projectId === id ? legacy : undefined;
}

/**
 * The issue type ids setup recorded as complaint types, over every set-up project: the trigger,
 * the gadget's scope and the validator find complaints by these ids, so a renamed type still counts.
 */
export async function complaintTypeIds(): Promise<string[]> {
  const index = await setupIndex();
  return [...new Set(Object.values(index.projects).map((p) => p.issueTypeId))].sort();
}

/** JQL for "a complaint": the recorded complaint issue type ids (none recorded: matches nothing). */
export async function complaintTypesJql(): Promise<string> {
  const ids = (await complaintTypeIds()).filter((id) => /^\d+$/.test(id));
  return ids.length ? `issuetype in (${ids.join(', ')})` : 'issuetype IS EMPTY';
}

/** Whether an issue type id is one setup recorded as a complaint type (a renamed type still is). */
export async function isComplaintType(issueTypeId: string | null | undefined): Promise<boolean> {
  return !!issueTypeId && (await complaintTypeIds()).includes(issueTypeId);
}

async function saveState(state: SetupState): Promise<void> {
  await kvs.set(setupStateKey(state.projectId), { ...state, at: new Date().toISOString() });
  const index = (await kvs.get<SetupIndex>(SETUP_INDEX_KEY)) ?? { projects: {} };
  index.projects[state.projectId] = { key: state.projectKey, issueTypeId: state.issueTypeId };
  await kvs.set(SETUP_INDEX_KEY, index);
}

// ───────────────────────────── helpers ─────────────────────────────

/** Every status of the site (company-managed statuses are global), paged. */
async function siteStatuses(actor: Actor): Promise<JiraStatus[]> {
  const out: JiraStatus[] = [];
  for (let startAt = 0, page = 0; page < 20; page++) {
    const r = await jira<{ values: JiraStatus[]; isLast?: boolean }>(actor, route`/rest/api/3/statuses/search?startAt=${startAt}&maxResults=200`);
    out.push(...r.values);
    if (r.isLast !== false || r.values.length === 0) break;
    startAt += r.values.length;
  }
  return out;
}

/** A workflow by id: looked up by its recorded name first, then among all global workflows. */
async function findWorkflow(actor: Actor, id: string, name: string | null | undefined): Promise<{ workflow: WorkflowSearch['values'][number]; statuses: JiraStatus[] } | undefined> {
  if (name) {
    const r = await jira<WorkflowSearch>(actor, route`/rest/api/3/workflows/search?queryString=${name}&scope=GLOBAL`);
    const w = r.values.find((x) => x.id === id);
    if (w) return { workflow: w, statuses: r.statuses ?? [] };
  }
  for (let startAt = 0, page = 0; page < 10; page++) {
    const r = await jira<WorkflowSearch>(actor, route`/rest/api/3/workflows/search?scope=GLOBAL&startAt=${startAt}&maxResults=200`);
    const w = r.values.find((x) => x.id === id);
    if (w) return { workflow: w, statuses: r.statuses ?? [] };
    if (r.isLast !== false || r.values.length === 0) return undefined;
    startAt += r.values.length;
  }
  return undefined;
}

/** Jira status id → complaint status for an existing workflow, by the statuses' names (either language). */
function statusMapOf(workflow: WorkflowSearch['values'][number], statuses: JiraStatus[]): Record<string, StatusId> {
  const map: Record<string, StatusId> = {};
  for (const ref of workflow.statuses ?? []) {
    const s = statuses.find((x) => x.id === ref.statusReference || x.statusReference === ref.statusReference);
    if (!s) continue;
    const def = WORKFLOW_STATUSES.find((d) => sameName(STATUS_LABELS[d.id]['zh-CN'], s.name) || sameName(STATUS_LABELS[d.id].en, s.name));
    if (def) map[s.id] = def.id;
  }
  return map;
}

// ───────────────────────────── setup ─────────────────────────────

/** Runs setup; stops at the first failed step, reporting the steps before it. */
export async function runSetup(options: SetupOptions, actor: Actor = 'app'): Promise<{ ok: boolean; steps: SetupStep[]; state?: SetupState }> {
  const steps: SetupStep[] = [];
  const step = (id: SetupStep['id'], status: StepStatus, detail: string): void => {
    steps.push({ id, status, detail });
  };
  const locale = options.locale ?? 'zh-CN';
  /** A failed step: a code and a translated text; what Jira said is logged, not answered. */
  const fail = (id: SetupStep['id'], code: string, key: TextKey, vars: TextVars = {}, logged: Record<string, unknown> = {}): void => {
    log.warn('step-failed', { step: id, code, projectKey: options.projectKey, ...logged });
    steps.push({ id, status: 'failed', detail: text(locale, key, vars), code });
  };
  const givenTypeName = options.issueTypeName?.trim() || null;
  const givenWorkflowName = options.workflowName?.trim() || null;
  const label = (l: Localized): string => l[locale];
  try {
    // Permission: setup changes global configuration.
    if (!(await isJiraAdmin())) {
      fail('permission', 'forbidden', 'setupNotAdmin');
      return { ok: false, steps };
    }
    step('permission', 'done', 'Jira administrator');

    const project = await jira<Project>(actor, route`/rest/api/3/project/${options.projectKey}`);
    if (project.style && project.style !== 'classic') {
      fail('project', 'team-managed', 'setupTeamManaged', { project: project.key });
      return { ok: false, steps };
    }
    step('project', 'done', `${project.key} (${project.name})`);

    const index = await setupIndex();
    const prior = await setupStateFor(project.id);
    const others = (await Promise.all(Object.keys(index.projects).filter((id) => id !== project.id).map((id) => setupStateFor(id)))).filter((s): s is SetupState => !!s);

    // ── issue type: the name typed in, else the type recorded for this project, else the
    // site's complaint type recorded for another project, else the default name.
    const types = await jira<IssueType[]>(actor, route`/rest/api/3/issuetype`);
    const recorded = [prior?.issueTypeId, ...others.map((o) => o.issueTypeId)].filter((id): id is string => !!id);
    let issueType: IssueType | undefined = givenTypeName
      ? types.find((t) => sameName(t.name, givenTypeName))
      : (recorded.map((id) => types.find((t) => t.id === id)).find((t) => !!t) ??
        types.find((t) => sameName(t.name, DEFAULT_TYPE_NAMES[locale])) ??
        types.find((t) => sameName(t.name, DEFAULT_TYPE_NAMES['zh-CN']) || sameName(t.name, DEFAULT_TYPE_NAMES.en)));
    if (issueType) step('issue-type', 'unchanged', `${issueType.name} (${issueType.id}) exists`);
    else {
      issueType = await jira<IssueType>(actor, route`/rest/api/3/issuetype`, {
        method: 'POST',
        body: { name: givenTypeName ?? DEFAULT_TYPE_NAMES[locale], description: locale === 'zh-CN' ? '客户投诉（由客诉应用管理）' : 'Customer complaint (managed by the complaint app)', hierarchyLevel: 0 },
      });
      step('issue-type', 'done', `created ${issueType.name} (${issueType.id})`);
    }
    const typeId = issueType.id;
    const sameType = prior?.issueTypeId === typeId ? prior : undefined;
    let state: SetupState = {
      projectId: project.id,
      projectKey: project.key,
      issueTypeId: typeId,
      issueTypeName: issueType.name,
      workflowId: sameType?.workflowId ?? null,
      workflowName: sameType?.workflowName ?? null,
      workflowSchemeId: prior?.workflowSchemeId ?? null,
      statuses: sameType?.statuses ?? {},
      complete: false,
    };
    // Remember the choice at once: a rerun after a later failure finds it.
    if (!prior || prior.issueTypeId !== typeId) await saveState({ ...state, complete: prior?.complete ?? false });

    const schemes = await jira<{ values: { issueTypeScheme: { id: string; name: string } }[] }>(
      actor,
      route`/rest/api/3/issuetypescheme/project?projectId=${project.id}`,
    );
    const scheme = schemes.values[0]?.issueTypeScheme;
    if (!scheme) {
      fail('issue-type-scheme', 'no-issue-type-scheme', 'setupNoIssueTypeScheme', { project: project.key });
      return { ok: false, steps };
    }
    const mapping = await jira<{ values: { issueTypeId: string }[] }>(actor, route`/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${scheme.id}`);
    if (mapping.values.some((m) => m.issueTypeId === typeId)) step('issue-type-scheme', 'unchanged', `${scheme.name} already has ${issueType.name}`);
    else {
      await jira(actor, route`/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, { method: 'PUT', body: { issueTypeIds: [typeId] } });
      step('issue-type-scheme', 'done', `added ${issueType.name} to ${scheme.name}`);
    }

    const caps = await jira<{ forgeRules?: { id?: string; ruleKey?: string; ruleType?: string; name?: string }[] }>(
      actor,
      route`/rest/api/3/workflows/capabilities?projectId=${project.id}&issueTypeId=${typeId}`,
    );
    const rule = (caps.forgeRules ?? []).find((r) => r.ruleType === 'Validator' && (r.id ?? '').endsWith(`/static/${VALIDATOR_MODULE_KEY}`));
    if (!rule?.id || !rule.ruleKey) {
      fail('capabilities', 'no-validator', 'setupNoValidator', { module: VALIDATOR_MODULE_KEY });
      return { ok: false, steps };
    }
    step('capabilities', 'done', `${rule.ruleKey} ${rule.id}`);

    // ── workflow: the one recorded for this type (this project's, else another project's), else
    // one with the name typed in (or the default name), else a new one.
    const recordedWf = [sameType, ...others.filter((o) => o.issueTypeId === typeId)].find((s) => s?.workflowId && (!givenWorkflowName || sameName(s.workflowName ?? '', givenWorkflowName)));
    let found = recordedWf?.workflowId ? await findWorkflow(actor, recordedWf.workflowId, recordedWf.workflowName) : undefined;
    const workflowName = found?.workflow.name ?? givenWorkflowName ?? `${issueType.name} workflow`;
    if (!found) {
      const r = await jira<WorkflowSearch>(actor, route`/rest/api/3/workflows/search?queryString=${workflowName}&scope=GLOBAL`);
      const w = r.values.find((x) => x.name === workflowName);
      if (w) found = { workflow: w, statuses: r.statuses ?? [] };
    }
    let statusMap: Record<string, StatusId>;
    let workflowId: string;
    if (found) {
      workflowId = found.workflow.id;
      const fromRecord = recordedWf?.workflowId === workflowId && Object.keys(recordedWf.statuses).length > 0 ? recordedWf.statuses : null;
      statusMap = fromRecord ?? statusMapOf(found.workflow, found.statuses);
      step('workflow', 'unchanged', `${found.workflow.name} (${workflowId}) exists`);
    } else {
      // Statuses of company-managed workflows are global and their names unique: reuse a status
      // that exists (e.g. Closed) by its id, create the others.
      const existing = await siteStatuses(actor);
      const ref = (id: StatusId): string => `ref-${id}`;
      const validator = { ruleKey: rule.ruleKey, parameters: { key: rule.id, config: JSON.stringify({ locale }) } };
      const payload = {
        scope: { type: 'GLOBAL' },
        statuses: WORKFLOW_STATUSES.map((s) => {
          const same = existing.find((x) => sameName(x.name, label(s.name)));
          return same
            ? { id: same.id, name: same.name, statusCategory: same.statusCategory ?? s.category, statusReference: ref(s.id) }
            : { name: label(s.name), statusCategory: s.category, statusReference: ref(s.id) };
        }),
        workflows: [
          {
            name: workflowName,
            description: locale === 'zh-CN' ? '客诉处理流程（登记→分派→调查→对策→回复→回访→结案）' : 'Complaint handling workflow',
            statuses: WORKFLOW_STATUSES.map((s) => ({ statusReference: ref(s.id), properties: {} })),
            transitions: WORKFLOW_TRANSITIONS.map((t) => ({
              id: t.id,
              name: label(t.name),
              type: t.from.length === 0 ? 'INITIAL' : 'DIRECTED',
              toStatusReference: ref(t.to),
              links: t.from.map((f) => ({ fromStatusReference: ref(f) })),
              // On the create transition too: impossible values are refused before they are stored.
              validators: [validator],
              properties: {},
            })),
          },
        ],
      };
      // Dry run first: Jira's own validation names what would fail (a status name in use, …).
      const check = await jira<{ errors?: { code?: string; level?: string; message?: string; type?: string }[] }>(actor, route`/rest/api/3/workflows/create/validation`, {
        method: 'POST',
        body: { payload, validationOptions: { levels: ['ERROR', 'WARNING'] } },
      });
      const problems = check.errors ?? [];
      const errors = problems.filter((e) => e.level !== 'WARNING');
      if (errors.length > 0) {
        // Jira's error codes are identifiers (NON_UNIQUE_STATUS_NAME, …); its messages go to the log.
        const codes = [...new Set(errors.map((e) => e.code ?? e.type ?? 'ERROR').filter((c) => /^[A-Z0-9_]{1,60}$/.test(c)))].join(', ') || 'ERROR';
        fail('workflow', 'workflow-refused', 'setupWorkflowRefused', { workflow: workflowName, count: errors.length, codes }, { jiraErrors: errors.map((e) => `${e.code ?? e.type ?? 'ERROR'}: ${e.message ?? ''}`) });
        return { ok: false, steps };
      }
      const created = await jira<{ workflows: { id: string; name: string }[]; statuses?: JiraStatus[] }>(actor, route`/rest/api/3/workflows/create`, { method: 'POST', body: payload });
      const wf = created.workflows[0];
      if (!wf) throw new Error('workflows/create answered without a workflow');
      workflowId = wf.id;
      // Status ids from the answer: by our reference, else by name (Jira may answer with ids as references).
      statusMap = {};
      for (const s of WORKFLOW_STATUSES) {
        const j = (created.statuses ?? []).find((x) => x.statusReference === ref(s.id)) ?? (created.statuses ?? []).find((x) => sameName(x.name, label(s.name)));
        if (j) statusMap[j.id] = s.id;
      }
      const reused = payload.statuses.filter((s) => 'id' in s).length;
      if (problems.length) log.info('workflow-warnings', { projectKey: project.key, jiraWarnings: problems.map((e) => `${e.code ?? e.type ?? 'WARNING'}: ${e.message ?? ''}`) });
      const warnings = problems.length ? `; ${problems.length} warnings (in the app log)` : '';
      step('workflow', 'done', `created ${workflowName} (${wf.id}) with the validator on ${WORKFLOW_TRANSITIONS.length} transitions; ${reused} existing statuses reused${warnings}`);
    }
    const mappedStatuses = new Set(Object.values(statusMap));
    const missing = WORKFLOW_STATUSES.filter((s) => !mappedStatuses.has(s.id)).map((s) => label(s.name));
    if (missing.length > 0) {
      fail('workflow', 'workflow-statuses-missing', 'setupWorkflowStatuses', { workflow: workflowName, statuses: missing.join(locale === 'zh-CN' ? '、' : ', ') });
      return { ok: false, steps };
    }
    state = { ...state, workflowId, workflowName, statuses: statusMap };
    await saveState(state);

    // ── workflow scheme
    const assoc = await jira<{ values: { projectIds: string[]; workflowScheme: { id?: number | string; name?: string; defaultWorkflow?: string } }[] }>(
      actor,
      route`/rest/api/3/workflowscheme/project?projectId=${project.id}`,
    );
    const current = assoc.values.find((v) => v.projectIds.includes(project.id))?.workflowScheme ?? assoc.values[0]?.workflowScheme;
    const wsId = current?.id !== undefined && current.id !== null ? String(current.id) : '';
    if (!wsId) {
      // "If the project is associated with the `Default Workflow Scheme` no ID is returned"
      // (GET /rest/api/3/workflowscheme/project): the default scheme cannot be edited, so the
      // project gets a scheme of its own — the one setup created before, else a new one.
      let schemeId = state.workflowSchemeId ?? null;
      let created = false;
      if (schemeId) {
        // The scheme created on an earlier run: still there? (an admin may have deleted it)
        const still = await jira<{ id: string }[]>(actor, route`/rest/api/3/workflowscheme/read`, { method: 'POST', body: { workflowSchemeIds: [schemeId] } }).catch(() => []);
        if (!still.some((x) => String(x.id) === schemeId)) schemeId = null;
      }
      if (!schemeId) {
        const ws = await jira<{ id: number | string; name: string }>(actor, route`/rest/api/3/workflowscheme`, {
          method: 'POST',
          body: {
            name: `${project.key}: ${issueType.name} workflow scheme`,
            description: locale === 'zh-CN' ? `${project.key} 的工作流方案（客诉应用创建）` : `Workflow scheme of ${project.key} (created by the complaint app)`,
            ...(current?.defaultWorkflow ? { defaultWorkflow: current.defaultWorkflow } : {}),
            issueTypeMappings: { [typeId]: workflowName },
          },
        });
        schemeId = String(ws.id);
        created = true;
        state = { ...state, workflowSchemeId: schemeId };
        await saveState(state);
      }
      try {
        await jira(actor, route`/rest/api/3/workflowscheme/project`, { method: 'PUT', body: { projectId: project.id, workflowSchemeId: schemeId } });
      } catch (e) {
        if (e instanceof JiraError && e.status === 400) {
          fail('workflow-scheme', 'default-scheme-refused', 'setupDefaultScheme', { project: project.key, scheme: schemeId }, errorFields(e));
          return { ok: false, steps };
        }
        throw e;
      }
      step('workflow-scheme', 'done', `${project.key} was on the Default Workflow Scheme: ${created ? 'created' : 'reused'} scheme ${schemeId} (${issueType.name} → ${workflowName}) and assigned it`);
    } else {
      const read = await jira<
        {
          id: string;
          name: string;
          description?: string | null;
          version: { id: string; versionNumber: number };
          workflowsForIssueTypes: { issueTypeIds: string[]; workflow: { id: string } }[];
          defaultWorkflow?: { id: string };
        }[]
      >(actor, route`/rest/api/3/workflowscheme/read`, { method: 'POST', body: { workflowSchemeIds: [wsId] } });
      const ws = read[0];
      if (!ws) {
        fail('workflow-scheme', 'scheme-unreadable', 'setupSchemeUnreadable', { scheme: wsId });
        return { ok: false, steps };
      }
      const mapped = ws.workflowsForIssueTypes.some((m) => m.workflow.id === workflowId && m.issueTypeIds.includes(typeId));
      if (mapped) step('workflow-scheme', 'unchanged', `${ws.name} maps ${issueType.name} to ${workflowName}`);
      else {
        // Keep every other mapping; move this issue type to the complaint workflow.
        const kept = ws.workflowsForIssueTypes
          .map((m) => ({ issueTypeIds: m.issueTypeIds.filter((id) => id !== typeId), workflowId: m.workflow.id }))
          .filter((m) => m.issueTypeIds.length > 0 && m.workflowId !== workflowId);
        const same = ws.workflowsForIssueTypes.find((m) => m.workflow.id === workflowId)?.issueTypeIds.filter((id) => id !== typeId) ?? [];
        await jira(actor, route`/rest/api/3/workflowscheme/update`, {
          method: 'POST',
          body: {
            id: ws.id,
            name: ws.name,
            description: ws.description ?? '',
            version: ws.version,
            ...(ws.defaultWorkflow ? { defaultWorkflowId: ws.defaultWorkflow.id } : {}),
            workflowsForIssueTypes: [...kept, { issueTypeIds: [...same, typeId], workflowId }],
          },
        });
        step('workflow-scheme', 'done', `${ws.name}: ${issueType.name} → ${workflowName}`);
      }
    }

    const ids = await appFieldIds(true);
    // Transition screens from the project's policy (rerun setup after a policy change).
    const screensStep = await ensureTransitionScreens(actor, { workflowId, workflowName, projectKey: project.key, policy: (await activePolicy(project.key)).policy, ids, locale });
    step('transition-screens', screensStep.status, screensStep.detail);

    let added = 0;
    for (const fieldId of Object.values(ids)) {
      try {
        await jira(actor, route`/rest/api/3/screens/addToDefault/${fieldId}`, { method: 'POST' });
        added++;
      } catch (e) {
        // Jira answers 404 "not found or already present" (the field was just read from /field,
        // so it exists: it is already on the screen); anything else is a real failure.
        if (!(e instanceof JiraError) || e.status !== 404) throw e;
      }
    }
    step('screens', added > 0 ? 'done' : 'unchanged', `${added} of ${Object.keys(ids).length} fields added to the default screen`);

    // What the trigger's filter reads: no invocation for issues that are not complaints.
    await jira(actor, route`/rest/api/3/project/${project.id}/properties/${PROJECT_PROPERTY}`, { method: 'PUT', body: { issueTypes: [typeId] } });

    state = { ...state, complete: true };
    await saveState(state);
    step('state', 'done', `${Object.keys(statusMap).length} statuses mapped; ${project.key} recorded with issue type ${typeId}`);
    return { ok: true, steps, state };
  } catch (e) {
    const last = steps.length;
    const order: SetupStep['id'][] = ['permission', 'project', 'issue-type', 'issue-type-scheme', 'capabilities', 'workflow', 'workflow-scheme', 'transition-screens', 'screens', 'state'];
    const known = jiraFailureOf(e);
    const code = known?.code ?? 'internal';
    const ref = Math.random().toString(36).slice(2, 10);
    const reason = known ? text(locale, known.key, known.vars) : text(locale, 'errInternal', { ref });
    fail(order[last] ?? 'state', code, 'setupStepFailed', { reason, code }, { ...errorFields(e), code, ...(known ? {} : { ref }) });
    return { ok: false, steps };
  }
}
