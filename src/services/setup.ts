/**
 * Project setup, run from the admin page: no manifest module creates issue types or workflows,
 * so the app does it through REST. Every step is idempotent (it looks before it creates) and
 * reports its result, so an admin can rerun setup after fixing whatever stopped it.
 *
 * Steps: the complaint issue type → added to the project's issue type scheme → the workflow of
 * domain.md §5 with the app's validator on every transition → mapped in the project's
 * workflow scheme → the app's fields on the default screen → the status map saved for the
 * validator.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { jira, JiraError, type Actor } from '../jira/port';
import { WORKFLOW_STATUSES, WORKFLOW_TRANSITIONS, type Localized, type StatusId } from '../rules';
import { isJiraAdmin } from './permissions';
import { activePolicy } from './policy-store';
import { appFieldIds } from './site';
import { ensureTransitionScreens } from './transition-screens';

export const VALIDATOR_MODULE_KEY = 'complaint-rules-validator';
export const SETUP_STATE_KEY = 'setup:state';

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
  detail: string;
}

export interface SetupState {
  projectId: string;
  projectKey: string;
  issueTypeId: string;
  issueTypeName: string;
  workflowId: string | null;
  /** Jira status id → complaint status id, for the validator (saves a REST call per run). */
  statuses: Record<string, StatusId>;
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

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs setup; stops at the first failed step, reporting the steps before it. */
export async function runSetup(options: SetupOptions, actor: Actor = 'app'): Promise<{ ok: boolean; steps: SetupStep[]; state?: SetupState }> {
  const steps: SetupStep[] = [];
  const step = (id: SetupStep['id'], status: StepStatus, detail: string): void => {
    steps.push({ id, status, detail });
  };
  const locale = options.locale ?? 'zh-CN';
  const issueTypeName = (options.issueTypeName ?? (locale === 'zh-CN' ? '客诉' : 'Complaint')).trim();
  const workflowName = (options.workflowName ?? `${issueTypeName} workflow`).trim();
  const label = (l: Localized): string => l[locale];
  try {
    // Permission: setup changes global configuration.
    if (!(await isJiraAdmin())) {
      step('permission', 'failed', 'Only Jira administrators can run setup.');
      return { ok: false, steps };
    }
    step('permission', 'done', 'Jira administrator');

    const project = await jira<Project>(actor, route`/rest/api/3/project/${options.projectKey}`);
    if (project.style && project.style !== 'classic') {
      step('project', 'failed', `${project.key} is team-managed; choose a company-managed project.`);
      return { ok: false, steps };
    }
    step('project', 'done', `${project.key} (${project.name})`);

    const types = await jira<IssueType[]>(actor, route`/rest/api/3/issuetype`);
    let issueType = types.find((t) => t.name === issueTypeName);
    if (issueType) step('issue-type', 'unchanged', `${issueType.name} (${issueType.id}) exists`);
    else {
      issueType = await jira<IssueType>(actor, route`/rest/api/3/issuetype`, {
        method: 'POST',
        body: { name: issueTypeName, description: locale === 'zh-CN' ? '客户投诉（由客诉应用管理）' : 'Customer complaint (managed by the complaint app)', hierarchyLevel: 0 },
      });
      step('issue-type', 'done', `created ${issueType.name} (${issueType.id})`);
    }

    const schemes = await jira<{ values: { issueTypeScheme: { id: string; name: string } }[] }>(
      actor,
      route`/rest/api/3/issuetypescheme/project?projectId=${project.id}`,
    );
    const scheme = schemes.values[0]?.issueTypeScheme;
    if (!scheme) {
      step('issue-type-scheme', 'failed', `no issue type scheme found for ${project.key}`);
      return { ok: false, steps };
    }
    const mapping = await jira<{ values: { issueTypeId: string }[] }>(actor, route`/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${scheme.id}`);
    if (mapping.values.some((m) => m.issueTypeId === issueType.id)) step('issue-type-scheme', 'unchanged', `${scheme.name} already has ${issueTypeName}`);
    else {
      await jira(actor, route`/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, { method: 'PUT', body: { issueTypeIds: [issueType.id] } });
      step('issue-type-scheme', 'done', `added ${issueTypeName} to ${scheme.name}`);
    }

    const caps = await jira<{ forgeRules?: { id?: string; ruleKey?: string; ruleType?: string; name?: string }[] }>(
      actor,
      route`/rest/api/3/workflows/capabilities?projectId=${project.id}&issueTypeId=${issueType.id}`,
    );
    const rule = (caps.forgeRules ?? []).find((r) => r.ruleType === 'Validator' && (r.id ?? '').endsWith(`/static/${VALIDATOR_MODULE_KEY}`));
    if (!rule?.id || !rule.ruleKey) {
      step('capabilities', 'failed', `the app's validator ${VALIDATOR_MODULE_KEY} is not offered by /workflows/capabilities`);
      return { ok: false, steps };
    }
    step('capabilities', 'done', `${rule.ruleKey} ${rule.id}`);

    const found = await jira<{ values: { id: string; name: string }[] }>(
      actor,
      route`/rest/api/3/workflows/search?queryString=${workflowName}&scope=GLOBAL`,
    );
    const existing = found.values.find((w) => w.name === workflowName);
    let workflowId: string;
    if (existing) {
      workflowId = existing.id;
      step('workflow', 'unchanged', `${workflowName} exists`);
    } else {
      const ref = (id: StatusId): string => `ref-${id}`;
      const validator = { ruleKey: rule.ruleKey, parameters: { key: rule.id, config: JSON.stringify({ locale }) } };
      const created = await jira<{ workflows: { id: string; name: string }[] }>(actor, route`/rest/api/3/workflows/create`, {
        method: 'POST',
        body: {
          scope: { type: 'GLOBAL' },
          statuses: WORKFLOW_STATUSES.map((s) => ({ name: label(s.name), statusCategory: s.category, statusReference: ref(s.id) })),
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
        },
      });
      const wf = created.workflows[0];
      if (!wf) throw new Error('workflows/create answered without a workflow');
      workflowId = wf.id;
      step('workflow', 'done', `created ${workflowName} (${wf.id}) with the validator on ${WORKFLOW_TRANSITIONS.length} transitions`);
    }

    const wfSchemes = await jira<{ values: { projectIds: string[]; workflowScheme: { id: number | string } }[] }>(
      actor,
      route`/rest/api/3/workflowscheme/project?projectId=${project.id}`,
    );
    const wsId = String(wfSchemes.values[0]?.workflowScheme.id ?? '');
    if (!wsId) {
      step('workflow-scheme', 'failed', `no workflow scheme for ${project.key}`);
      return { ok: false, steps };
    }
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
      step('workflow-scheme', 'failed', `workflow scheme ${wsId} could not be read`);
      return { ok: false, steps };
    }
    const mapped = ws.workflowsForIssueTypes.some((m) => m.workflow.id === workflowId && m.issueTypeIds.includes(issueType.id));
    if (mapped) step('workflow-scheme', 'unchanged', `${ws.name} maps ${issueTypeName} to ${workflowName}`);
    else {
      // Keep every other mapping; move this issue type to the complaint workflow.
      const others = ws.workflowsForIssueTypes
        .map((m) => ({ issueTypeIds: m.issueTypeIds.filter((id) => id !== issueType.id), workflowId: m.workflow.id }))
        .filter((m) => m.issueTypeIds.length > 0 && m.workflowId !== workflowId);
      await jira(actor, route`/rest/api/3/workflowscheme/update`, {
        method: 'POST',
        body: {
          id: ws.id,
          name: ws.name,
          description: ws.description ?? '',
          version: ws.version,
          ...(ws.defaultWorkflow ? { defaultWorkflowId: ws.defaultWorkflow.id } : {}),
          workflowsForIssueTypes: [...others, { issueTypeIds: [issueType.id], workflowId }],
        },
      });
      step('workflow-scheme', 'done', `${ws.name}: ${issueTypeName} → ${workflowName}`);
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

    const statuses = await jira<{ values: { id: string; name: string }[] }>(actor, route`/rest/api/3/statuses/search?projectId=${project.id}&maxResults=200`);
    const map: Record<string, StatusId> = {};
    for (const s of WORKFLOW_STATUSES) {
      const j = statuses.values.find((x) => x.name === label(s.name));
      if (j) map[j.id] = s.id;
    }
    const state: SetupState = { projectId: project.id, projectKey: project.key, issueTypeId: issueType.id, issueTypeName, workflowId, statuses: map };
    await kvs.set(SETUP_STATE_KEY, state);
    step('state', 'done', `${Object.keys(map).length} statuses mapped`);
    return { ok: true, steps, state };
  } catch (e) {
    const last = steps.length;
    const order: SetupStep['id'][] = ['permission', 'project', 'issue-type', 'issue-type-scheme', 'capabilities', 'workflow', 'workflow-scheme', 'transition-screens', 'screens', 'state'];
    step(order[last] ?? 'state', 'failed', errorText(e));
    return { ok: false, steps };
  }
}

export async function setupState(): Promise<SetupState | undefined> {
  return kvs.get<SetupState>(SETUP_STATE_KEY);
}
