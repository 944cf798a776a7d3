/**
 * Transition screens (a setup step): each workflow transition whose rules need fields gets a
 * screen holding exactly those fields, so a refusal is mended in the same dialog (Jira's own
 * convention). The fields come from the policy (`transitionScreenFields`, the grid the validator
 * and the panel read). Idempotent: screens are found by the ids recorded at the first run (by
 * name only when none is recorded, so a rerun in another language creates nothing), fields
 * added and removed to match, the workflow updated only when a transition's screen (or a
 * transition) is missing — so rerunning setup after a policy change updates them.
 *
 * Jira puts transition screens on the workflow, which projects may share: the screen holds the
 * union of what the policies of the projects set up on it need; the per-project list (for the
 * shell's transition dialog) is stored with the project.
 *
 * REST (jira-platform-v3): GET/POST /screens, GET/POST /screens/{id}/tabs, GET/POST/DELETE
 * /screens/{id}/tabs/{tabId}/fields, POST /workflows (read), POST /workflows/update.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { moduleKeysOf, type FieldIds } from '../jira/fields';
import { jira, type Actor } from '../jira/port';
import { WORKFLOW_TRANSITIONS, statusIdFromName, transitionScreenFields, type Localized, type Policy, type StatusId } from '../rules';

/** What setup stored for one project: transition id → the app fields (module keys) of its screen. */
export interface TransitionScreenConfig {
  workflowId: string;
  /** Workflow transition id → module keys the project's rules need on it. */
  fields: Record<string, string[]>;
  /** Workflow transition id → Jira screen id. */
  screens: Record<string, string>;
}

const projectKeyOf = (projectKey: string): string => `transition-screens:project:${projectKey}`;
const workflowKeyOf = (workflowId: string): string => `transition-screens:workflow:${workflowId}`;
/** Workflow transition id → the Jira screen id setup made or found for it (a workflow's screens are shared by its projects). */
const workflowScreensKeyOf = (workflowId: string): string => `transition-screens:workflow-screens:${workflowId}`;

/** The stored transition-screen fields of a project (the shell's transition dialog reads them). */
export async function transitionScreenConfig(projectKey: string): Promise<TransitionScreenConfig | undefined> {
  return kvs.get<TransitionScreenConfig>(projectKeyOf(projectKey));
}

interface RuleConfig {
  id?: string;
  ruleKey: string;
  parameters?: Record<string, string>;
}
interface WorkflowTransition {
  id: string;
  name: string;
  description?: string;
  type: string;
  toStatusReference: string;
  links?: { fromStatusReference?: string | null; fromPort?: number; toPort?: number }[];
  validators?: RuleConfig[];
  conditions?: { operation?: string; conditions?: RuleConfig[]; conditionGroups?: unknown[] } | null;
  actions?: RuleConfig[];
  properties?: Record<string, string>;
  transitionScreen?: RuleConfig | null;
}
interface WorkflowRead {
  statuses: { id: string; name: string; statusCategory: string; statusReference: string }[];
  workflows: {
    id: string;
    name: string;
    version: { id: string; versionNumber: number };
    statuses: { statusReference: string; properties?: Record<string, string> }[];
    transitions: WorkflowTransition[];
  }[];
}

export interface ScreensStepResult {
  status: 'done' | 'unchanged';
  detail: string;
  config: TransitionScreenConfig;
}

/**
 * Finds or creates a screen with one tab; answers its id and tab id. The screen setup recorded
 * (`knownId`) is found by id, so a rerun in another language finds it although its name is in
 * the first run's language; only when none is recorded (or it was deleted) is it found by one of
 * its `names` (the first one is the name a new screen gets).
 */
async function ensureScreen(actor: Actor, names: string[], tabName: string, knownId?: string): Promise<{ screenId: string; tabId: string; created: boolean }> {
  let screen: { id: number; name: string } | undefined;
  if (knownId) {
    const byId = await jira<{ values: { id: number; name: string }[] }>(actor, route`/rest/api/3/screens?id=${knownId}&maxResults=1`);
    screen = byId.values.find((s) => String(s.id) === knownId);
  }
  for (const name of names) {
    if (screen) break;
    const found = await jira<{ values: { id: number; name: string }[] }>(actor, route`/rest/api/3/screens?queryString=${name}&maxResults=100`);
    screen = found.values.find((s) => s.name === name);
  }
  let created = false;
  if (!screen) {
    screen = await jira<{ id: number; name: string }>(actor, route`/rest/api/3/screens`, { method: 'POST', body: { name: names[0], description: 'Complaint app: fields the transition rules need' } });
    created = true;
  }
  const screenId = String(screen.id);
  const tabs = await jira<{ id: number; name: string }[]>(actor, route`/rest/api/3/screens/${screenId}/tabs`);
  const tab = tabs[0] ?? (await jira<{ id: number; name: string }>(actor, route`/rest/api/3/screens/${screenId}/tabs`, { method: 'POST', body: { name: tabName } }));
  return { screenId, tabId: String(tab.id), created };
}

/** Makes a screen tab hold exactly `fieldIds`; answers how many fields changed. */
async function syncTabFields(actor: Actor, screenId: string, tabId: string, fieldIds: string[]): Promise<number> {
  const present = await jira<{ id: string }[]>(actor, route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`);
  let changed = 0;
  for (const id of fieldIds) {
    if (present.some((f) => f.id === id)) continue;
    await jira(actor, route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`, { method: 'POST', body: { fieldId: id } });
    changed++;
  }
  for (const f of present) {
    if (fieldIds.includes(f.id)) continue;
    await jira(actor, route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields/${f.id}`, { method: 'DELETE' });
    changed++;
  }
  return changed;
}

/**
 * The setup step. `workflowId`/`workflowName`: the complaint workflow; `projectKey`: the project
 * being set up, whose `policy` governs it; `ids`: the app's field ids on this site.
 */
export async function ensureTransitionScreens(
  actor: Actor,
  opts: { workflowId: string; workflowName: string; projectKey: string; policy: Policy; ids: FieldIds; locale: 'zh-CN' | 'en' },
): Promise<ScreensStepResult> {
  const { workflowId, workflowName, projectKey, policy, ids, locale } = opts;
  const label = (l: Localized): string => l[locale];
  // This project's fields per transition; the screens hold the union over the workflow's projects.
  const mine: Record<string, string[]> = {};
  for (const [tid, props] of Object.entries(transitionScreenFields(policy))) mine[tid] = moduleKeysOf(props).filter((k) => !!ids[k]);
  const byProject = (await kvs.get<Record<string, Record<string, string[]>>>(workflowKeyOf(workflowId))) ?? {};
  byProject[projectKey] = mine;
  const union: Record<string, string[]> = {};
  for (const fields of Object.values(byProject)) {
    for (const [tid, keys] of Object.entries(fields)) union[tid] = [...new Set([...(union[tid] ?? []), ...keys])];
  }

  // The screen ids recorded at earlier runs (the workflow's, else this project's earlier config).
  const priorProject = await transitionScreenConfig(projectKey);
  const recorded: Record<string, string> = {
    ...(priorProject?.workflowId === workflowId ? priorProject.screens : {}),
    ...((await kvs.get<Record<string, string>>(workflowScreensKeyOf(workflowId))) ?? {}),
  };

  let changes = 0;
  const screens: Record<string, string> = {};
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  for (const t of WORKFLOW_TRANSITIONS) {
    const keys = union[t.id];
    if (!keys || keys.length === 0) continue;
    const names = [`${workflowName} · ${label(t.name)}`, `${workflowName} · ${t.name[other]}`];
    const s = await ensureScreen(actor, names, locale === 'zh-CN' ? '须填写' : 'Required', recorded[t.id]);
    if (s.created) changes++;
    changes += await syncTabFields(actor, s.screenId, s.tabId, keys.map((k) => ids[k]!));
    screens[t.id] = s.screenId;
  }

  // The workflow: each transition points at its screen (none where nothing is needed), the
  // app's validator is on every transition (creation included), and transitions added to the
  // app since the workflow was created (the quick close) are added.
  const read = await jira<WorkflowRead>(actor, route`/rest/api/3/workflows`, { method: 'POST', body: { workflowIds: [workflowId] } });
  const wf = read.workflows[0];
  if (!wf) throw new Error(`workflow ${workflowId} could not be read`);
  const refOf = new Map<StatusId, string>();
  for (const s of wf.statuses) {
    const st = read.statuses.find((x) => x.statusReference === s.statusReference || x.id === s.statusReference);
    const sid = statusIdFromName(st?.name);
    if (sid) refOf.set(sid, s.statusReference);
  }
  const validator = wf.transitions.flatMap((t) => t.validators ?? []).find((v) => /complaint-rules-validator$/.test(v.parameters?.key ?? ''));
  let workflowChanged = false;
  const transitions: WorkflowTransition[] = wf.transitions.map((t) => {
    const screenId = screens[t.id];
    const current = t.transitionScreen?.parameters?.screenId ?? null;
    const next = { ...t };
    if ((screenId ?? null) !== current) {
      workflowChanged = true;
      if (screenId) next.transitionScreen = { ruleKey: 'system:transition-screen', parameters: { screenId } };
      else delete next.transitionScreen;
    }
    if (validator && !(t.validators ?? []).some((v) => v.parameters?.key === validator.parameters?.key)) {
      workflowChanged = true;
      next.validators = [...(t.validators ?? []), { ruleKey: validator.ruleKey, parameters: { ...(validator.parameters ?? {}) } }];
    }
    return next;
  });
  for (const def of WORKFLOW_TRANSITIONS) {
    if (transitions.some((t) => t.id === def.id) || def.from.length === 0) continue;
    const to = refOf.get(def.to);
    const from = def.from.map((f) => refOf.get(f)).filter((r): r is string => !!r);
    if (!to || from.length === 0) continue;
    workflowChanged = true;
    transitions.push({
      id: def.id,
      name: label(def.name),
      type: 'DIRECTED',
      toStatusReference: to,
      links: from.map((f) => ({ fromStatusReference: f })),
      validators: validator ? [{ ruleKey: validator.ruleKey, parameters: { ...(validator.parameters ?? {}) } }] : [],
      properties: {},
      ...(screens[def.id] ? { transitionScreen: { ruleKey: 'system:transition-screen', parameters: { screenId: screens[def.id]! } } } : {}),
    });
  }
  if (workflowChanged) {
    await jira(actor, route`/rest/api/3/workflows/update`, {
      method: 'POST',
      body: {
        statuses: read.statuses.map((s) => ({ id: s.id, name: s.name, statusCategory: s.statusCategory, statusReference: s.statusReference })),
        workflows: [{ id: wf.id, version: wf.version, statuses: wf.statuses, transitions }],
      },
    });
    changes++;
  }

  const config: TransitionScreenConfig = { workflowId, fields: mine, screens };
  await kvs.set(workflowKeyOf(workflowId), byProject);
  await kvs.set(workflowScreensKeyOf(workflowId), { ...recorded, ...screens });
  await kvs.set(projectKeyOf(projectKey), config);
  const count = Object.keys(screens).length;
  return {
    status: changes > 0 ? 'done' : 'unchanged',
    detail: `${count} transition screens hold the fields their rules need${changes > 0 ? ` (${changes} changes)` : ''}`,
    config,
  };
}
