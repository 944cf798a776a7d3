/**
 * The mini Jira shell: what a person sees at the printed URL. A dashboard hosting the app's
 * gadget, an issue navigator with JQL, the issue view with the app's panel and the workflow's
 * transition buttons (a validator's refusal shown as Jira shows it), a create-complaint form,
 * the app's admin page, and a user switcher. Everything the shell shows of Jira it reads through
 * the REST API as the signed-in user, so permissions are Jira's.
 *
 * The app's Custom UI runs unchanged (real @forge/bridge) in frames; `host-bridge.js` is the
 * host side of that bridge, and `/__sandbox/invoke` runs resolvers as the session's user.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { ForgeHost } from '../forge/runtime';
import type { JiraServer } from '../jira';
import type { SandboxUser } from '../jira/types';
import { DEMO_USERS } from '../jira';
import { FIXED_OPTION_FIELDS, POLICY_OPTION_FIELDS } from '../../src/jira/fields';
import { Html, esc, html, page, t, type ShellLocale } from './html';

export interface ShellOptions {
  jira: JiraServer;
  host: ForgeHost;
  root: string;
}

const COOKIE = 'sandbox_user';
const SURFACES: Record<string, { moduleKey: string; type: string }> = {
  gadget: { moduleKey: 'complaint-tracking-gadget', type: 'jira:dashboardGadget' },
  admin: { moduleKey: 'complaint-admin', type: 'jira:adminPage' },
  panel: { moduleKey: 'complaint-panel', type: 'jira:issuePanel' },
  'validator-config': { moduleKey: 'complaint-rules-validator', type: 'jira:workflowValidator' },
};
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function allUsers(): SandboxUser[] {
  return Object.values(DEMO_USERS);
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 5 * 1024 * 1024) {
        fail(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * Why a state-changing request to the shell (`/__sandbox/invoke`, `/__sandbox/gadget-config`)
 * is refused, or null when it may run. On a Jira site only Atlassian's own page can call an
 * app's resolver, as the signed-in user; here the equivalent is a request that carries the
 * session cookie, has a JSON body and comes from the shell's own origin. A blind cross-site
 * request (an HTML form, a `text/plain` fetch, an <img>) has none of these: browsers send the
 * SameSite=Lax cookie on no cross-site POST, mark the request `Sec-Fetch-Site: cross-site`
 * with a foreign `Origin`, and cannot send `application/json` cross-site without a CORS
 * preflight this server never grants.
 */
export function writeRefusal(req: IncomingMessage, signedIn: boolean): { status: number; message: string } | null {
  if (!signedIn) return { status: 401, message: 'sign in first: this request needs the session cookie' };
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/json') return { status: 415, message: 'the body must be JSON (Content-Type: application/json)' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: `cross-site request refused (Sec-Fetch-Site: ${String(site)})` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return { status: 403, message: 'cross-site request refused (Origin)' };
  return null;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, ...extra });
  res.end();
}

const localeOf = (u: SandboxUser): ShellLocale => (/^zh/i.test(u.locale) ? 'zh-CN' : 'en');

interface RestAnswer<T> {
  status: number;
  body: T;
}

export function createShell(opts: ShellOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const { jira, host, root } = opts;
  const stateDir = resolve(jira.store.dataDir, '..', 'shell');
  mkdirSync(stateDir, { recursive: true });
  const gadgetFile = join(stateDir, 'gadgets.json');
  const hostBridge = readFileSync(join(__dirname, 'host-bridge.js'), 'utf8');

  const gadgetConfigs = (): Record<string, unknown> => (existsSync(gadgetFile) ? (JSON.parse(readFileSync(gadgetFile, 'utf8')) as Record<string, unknown>) : {});
  const saveGadgetConfig = (id: string, config: unknown): void => {
    const all = gadgetConfigs();
    all[id] = config;
    // Atomic: a crash leaves the old file or the new one, never half of one.
    writeFileSync(`${gadgetFile}.tmp`, JSON.stringify(all, null, 2));
    renameSync(`${gadgetFile}.tmp`, gadgetFile);
  };

  /** The user the session cookie names, or null without a (known) session. */
  function signedInUser(req: IncomingMessage): SandboxUser | null {
    const email = cookies(req)[COOKIE];
    return allUsers().find((u) => u.emailAddress === email) ?? null;
  }

  /** Who the pages are shown to: the signed-in user, else the site admin (see `signInDefault`). */
  function sessionUser(req: IncomingMessage): SandboxUser {
    return signedInUser(req) ?? DEMO_USERS.admin;
  }

  async function rest<T>(user: SandboxUser, method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
    const r = await fetch(`${jira.url}${path}`, {
      method,
      headers: {
        Authorization: `Basic ${Buffer.from(`${user.emailAddress}:sandbox`).toString('base64')}`,
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  const errorText = (b: unknown): string => {
    const e = (b ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
    return [...(e.errorMessages ?? []), ...Object.entries(e.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\n');
  };

  function frame(surface: string, query: Record<string, string>, height: number, testid: string): Html {
    const qs = new URLSearchParams({ moduleKey: SURFACES[surface]?.moduleKey ?? surface, ...query }).toString();
    return html`<iframe data-testid="${testid}" src="/ui/${surface}/index.html?${qs}" style="height:${String(height)}px" title="${surface}"></iframe>`;
  }

  const built = (surface: string): boolean => existsSync(join(root, 'static', surface, 'assets'));

  function notBuilt(locale: ShellLocale): Html {
    return html`<div class="card">${t(locale, '界面尚未构建：运行 npm run build:ui（npm start 会自动构建）。', 'The screens are not built yet: run npm run build:ui (npm start does it for you).')}</div>`;
  }

  // ── pages ──────────────────────────────────────────────────────────────────────────────────

  function dashboard(user: SandboxUser, url: URL): string {
    const locale = localeOf(user);
    const edit = url.searchParams.get('edit') === '1';
    const theme = url.searchParams.get('theme') ?? '';
    const lang = url.searchParams.get('locale') ?? '';
    const q: Record<string, string> = { gadgetId: '1', ...(edit ? { entryPoint: 'edit' } : {}), ...(theme ? { theme } : {}), ...(lang ? { locale: lang } : {}) };
    const body = html`<h1>${t(locale, '客诉仪表板', 'Complaint dashboard')}</h1>
      <p><a href="/?edit=${edit ? '0' : '1'}" data-testid="gadget-edit-toggle">${edit ? t(locale, '完成', 'Done') : t(locale, '配置小工具', 'Configure gadget')}</a></p>
      ${built('gadget') ? frame('gadget', q, 900, 'gadget-frame') : notBuilt(locale)}
      <script>window.onForgeSubmit = function (config) {
        fetch('/__sandbox/gadget-config?gadgetId=1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) })
          .then(function () { window.location.href = '/'; });
      };</script>`;
    return page({ title: t(locale, '仪表板', 'Dashboard'), user, users: allUsers(), locale, path: url.pathname + url.search, body });
  }

  async function issues(user: SandboxUser, url: URL): Promise<string> {
    const locale = localeOf(user);
    const jql = url.searchParams.get('jql') ?? 'issuetype = "客诉" ORDER BY created DESC';
    const r = await rest<{ issues?: { key: string; fields: Record<string, unknown>; properties?: Record<string, unknown> }[]; nextPageToken?: string } & Record<string, unknown>>(
      user,
      'POST',
      '/rest/api/3/search/jql',
      { jql, maxResults: 100, fields: ['summary', 'status', 'project', 'created'], properties: ['complaint'], ...(url.searchParams.get('next') ? { nextPageToken: url.searchParams.get('next') } : {}) },
    );
    const rows =
      r.status === 200
        ? (r.body.issues ?? []).map((i) => {
            const c = (i.properties?.complaint ?? {}) as { number?: string; slaState?: string; nextDue?: string };
            const status = (i.fields.status as { name?: string } | undefined)?.name ?? '';
            return html`<tr data-testid="issue-row"><td><a href="/browse/${i.key}">${i.key}</a></td><td>${c.number ?? ''}</td><td>${String(i.fields.summary ?? '')}</td><td>${status}</td><td><span class="lozenge">${c.slaState ?? ''}</span></td><td>${c.nextDue ?? ''}</td></tr>`;
          })
        : [];
    const next = r.status === 200 && r.body.nextPageToken ? html`<p><a href="/issues?${new URLSearchParams({ jql, next: r.body.nextPageToken }).toString()}">${t(locale, '下一页', 'Next page')}</a></p>` : html``;
    const body = html`<h1>${t(locale, '搜索问题', 'Search issues')}</h1>
      <form method="get" action="/issues"><label for="jql">JQL</label><textarea id="jql" name="jql" rows="2" data-testid="jql-input">${jql}</textarea>
      <p><button class="primary" type="submit">${t(locale, '搜索', 'Search')}</button></p></form>
      ${r.status === 200 ? html`` : html`<div class="error" data-testid="jql-error">${errorText(r.body)}</div>`}
      <table><thead><tr><th>Key</th><th>${t(locale, '客诉单编号', 'Number')}</th><th>${t(locale, '摘要', 'Summary')}</th><th>${t(locale, '状态', 'Status')}</th><th>SLA</th><th>${t(locale, '下一到期', 'Next due')}</th></tr></thead>
      <tbody>${rows}</tbody></table>${next}`;
    return page({ title: 'Issues', user, users: allUsers(), locale, path: url.pathname + url.search, body });
  }

  interface IssueAnswer {
    id: string;
    key: string;
    fields: Record<string, unknown>;
    names?: Record<string, string>;
    properties?: Record<string, unknown>;
  }

  function display(value: unknown): string {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.displayName === 'string') return v.displayName;
      if (typeof v.name === 'string') return v.name;
      if (typeof v.value === 'string') return v.value;
      return Object.entries(v)
        .filter(([, x]) => x !== null && x !== undefined && x !== '')
        .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
        .join('\n');
    }
    return String(value);
  }

  async function issueView(user: SandboxUser, key: string, url: URL, flash?: { error?: string; ok?: string }): Promise<{ status: number; html: string }> {
    const locale = localeOf(user);
    const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}?expand=names&properties=complaint`);
    if (r.status !== 200) {
      const body = html`<h1>${key}</h1><div class="error" data-testid="issue-error">${errorText(r.body)}</div>`;
      return { status: r.status, html: page({ title: key, user, users: allUsers(), locale, path: url.pathname, body }) };
    }
    const issue = r.body;
    const tr = await rest<{ transitions: { id: string; name: string; to: { name: string } }[] }>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`);
    const transitions = tr.status === 200 ? tr.body.transitions : [];
    const names = issue.names ?? {};
    const appFields = jira.store
      .fields()
      .filter((f) => f.schema.custom?.startsWith('ari:cloud:ecosystem::extension/'))
      .map((f) => f.id);
    // Option fields store the policy's ids; show them with the labels of the project's policy,
    // as the app's field formatter does on a Jira site.
    const labels = await optionLabels(user, String((issue.fields.project as { key?: string } | undefined)?.key ?? ''), locale);
    const shown = (id: string): string => {
      const raw = display(issue.fields[id]);
      const moduleKey = (jira.store.field(id)?.schema.custom ?? '').split('/static/')[1] ?? '';
      const label = labels[moduleKey]?.[raw];
      return label ? `${label} (${raw})` : raw;
    };
    const rows = appFields
      .filter((id) => display(issue.fields[id]) !== '')
      .map((id) => html`<dt>${names[id] ?? id}</dt><dd data-testid="field-${id}" style="white-space:pre-line;margin:0">${shown(id)}</dd>`);
    const status = (issue.fields.status as { name?: string } | undefined)?.name ?? '';
    const buttons = transitions.map(
      (t2) => html`<form method="post" action="/browse/${issue.key}/transition" class="inline"><input type="hidden" name="id" value="${t2.id}"><button type="submit" data-testid="transition-${t2.id}">${t2.name}</button></form> `,
    );
    const errorBox = flash?.error
      ? html`<div class="error" role="alert" data-testid="transition-error"><strong>${t(locale, '无法执行此转换', "You can't make this transition")}</strong>\n${flash.error}</div>`
      : html``;
    const body = html`<p class="muted">${String((issue.fields.project as { name?: string } | undefined)?.name ?? '')} / ${issue.key}</p>
      <h1 data-testid="issue-summary">${String(issue.fields.summary ?? '')}</h1>
      ${errorBox}
      <p><span class="lozenge" data-testid="issue-status">${status}</span> ${buttons} <a href="/browse/${issue.key}/edit" data-testid="edit-issue">${t(locale, '编辑', 'Edit')}</a></p>
      <div class="cols"><div><div class="card"><dl class="fields">${rows}</dl></div></div>
      <div>${built('panel') ? frame('panel', { issueKey: issue.key, issueId: issue.id, ...(url.searchParams.get('theme') ? { theme: url.searchParams.get('theme') ?? '' } : {}) }, 640, 'panel-frame') : notBuilt(locale)}</div></div>`;
    return { status: 200, html: page({ title: `${issue.key} ${String(issue.fields.summary ?? '')}`, user, users: allUsers(), locale, path: url.pathname, body }) };
  }

  /** module key → option id → label, from the policy governing the project (asked of the app). */
  async function optionLabels(user: SandboxUser, projectKey: string, locale: ShellLocale): Promise<Record<string, Record<string, string>>> {
    const answer = (await host
      .invokeResolver({ moduleKey: SURFACES.panel!.moduleKey, call: 'policy/get', payload: projectKey ? { projectKey } : {}, accountId: user.accountId })
      .catch(() => null)) as { ok?: boolean; data?: { policy?: Record<string, { id: string; label: Record<ShellLocale, string> }[]> } } | null;
    const policy = answer?.ok ? answer.data?.policy : undefined;
    const out: Record<string, Record<string, string>> = {};
    for (const [field, list] of Object.entries(POLICY_OPTION_FIELDS)) {
      out[field] = Object.fromEntries((policy?.[list] ?? []).map((o) => [o.id, o.label[locale]]));
    }
    for (const [field, fixed] of Object.entries(FIXED_OPTION_FIELDS)) {
      out[field] = Object.fromEntries(fixed.ids.map((id) => [id, fixed.labels[id]?.[locale] ?? id]));
    }
    return out;
  }

  /** Editable complaint fields of the shell's forms: module key → input kind. */
  const FORM_FIELDS: { key: string; kind: 'text' | 'number' | 'datetime' | 'textarea' | 'details' }[] = [
    { key: 'complaint-customer', kind: 'text' },
    { key: 'complaint-channel', kind: 'text' },
    { key: 'complaint-date', kind: 'datetime' },
    { key: 'complaint-part-number', kind: 'text' },
    { key: 'complaint-part-name', kind: 'text' },
    { key: 'complaint-batch', kind: 'text' },
    { key: 'complaint-shipped-quantity', kind: 'number' },
    { key: 'complaint-defect-quantity', kind: 'number' },
    { key: 'complaint-category', kind: 'text' },
    { key: 'complaint-severity', kind: 'text' },
    { key: 'complaint-class', kind: 'text' },
    { key: 'complaint-loss', kind: 'number' },
    { key: 'complaint-department', kind: 'text' },
    { key: 'complaint-root-cause', kind: 'text' },
    { key: 'complaint-containment-at', kind: 'datetime' },
    { key: 'complaint-8d-at', kind: 'datetime' },
    { key: 'complaint-disposition', kind: 'text' },
    { key: 'complaint-satisfaction', kind: 'text' },
  ];

  function fieldIdOf(moduleKey: string): string | undefined {
    return jira.store.fields().find((f) => f.schema.custom?.endsWith(`/static/${moduleKey}`))?.id;
  }

  function formInputs(values: Record<string, unknown>): Html[] {
    return FORM_FIELDS.map((f) => {
      const id = fieldIdOf(f.key);
      if (!id) return html``;
      const name = jira.store.field(id)?.name ?? f.key;
      const v = values[id];
      const shown = f.kind === 'datetime' && typeof v === 'string' ? v.slice(0, 16) : v === null || v === undefined ? '' : String(v);
      const type = f.kind === 'number' ? 'number' : f.kind === 'datetime' ? 'datetime-local' : 'text';
      return html`<label for="${id}">${name} <span class="muted">(${f.key})</span></label><input id="${id}" name="${id}" type="${type}" value="${shown}" data-testid="input-${f.key}" ${new Html(f.kind === 'number' ? 'step="any"' : '')}>`;
    });
  }

  function valuesFromForm(form: URLSearchParams): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of FORM_FIELDS) {
      const id = fieldIdOf(f.key);
      if (!id || !form.has(id)) continue;
      const raw = (form.get(id) ?? '').trim();
      if (raw === '') out[id] = null;
      else if (f.kind === 'number') out[id] = Number(raw);
      else if (f.kind === 'datetime') out[id] = raw.length === 16 ? `${raw}:00.000+0800` : raw;
      else out[id] = raw;
    }
    return out;
  }

  async function editView(user: SandboxUser, key: string, url: URL, error?: string): Promise<string> {
    const locale = localeOf(user);
    const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}`);
    const fields = r.status === 200 ? r.body.fields : {};
    const detailsId = fieldIdOf('complaint-details');
    const details = detailsId ? JSON.stringify(fields[detailsId] ?? {}, null, 2) : '';
    const body = html`<h1>${t(locale, '编辑', 'Edit')} ${key}</h1>
      ${error ? html`<div class="error" data-testid="edit-error">${error}</div>` : html``}
      <form method="post" action="/browse/${key}/edit">${formInputs(fields)}
      ${detailsId ? html`<label for="${detailsId}">${jira.store.field(detailsId)?.name ?? ''} (JSON)</label><textarea id="${detailsId}" name="${detailsId}" rows="12" data-testid="input-complaint-details">${details}</textarea>` : html``}
      <p><button class="primary" type="submit" data-testid="save-issue">${t(locale, '保存', 'Save')}</button> <a href="/browse/${key}">${t(locale, '取消', 'Cancel')}</a></p></form>`;
    return page({ title: key, user, users: allUsers(), locale, path: url.pathname, body });
  }

  async function createView(user: SandboxUser, url: URL, error?: string, values: Record<string, unknown> = {}): Promise<string> {
    const locale = localeOf(user);
    const projects = await rest<{ key: string; name: string }[]>(user, 'GET', '/rest/api/3/project');
    const list = projects.status === 200 ? projects.body : [];
    const chosen = String(values.project ?? url.searchParams.get('project') ?? list[0]?.key ?? '');
    const body = html`<h1>${t(locale, '新建客诉', 'Create complaint')}</h1>
      ${error ? html`<div class="error" data-testid="create-error">${error}</div>` : html``}
      <form method="post" action="/create">
      <label for="project">${t(locale, '项目', 'Project')}</label><select id="project" name="project" data-testid="input-project">${list.map((p) => html`<option value="${p.key}" ${new Html(p.key === chosen ? 'selected' : '')}>${p.key} — ${p.name}</option>`)}</select>
      <label for="summary">${t(locale, '摘要', 'Summary')}</label><input id="summary" name="summary" value="${String(values.summary ?? '')}" data-testid="input-summary">
      ${formInputs(values)}
      <p><button class="primary" type="submit" data-testid="create-submit">${t(locale, '创建', 'Create')}</button></p></form>`;
    return page({ title: t(locale, '新建客诉', 'Create complaint'), user, users: allUsers(), locale, path: url.pathname, body });
  }

  function adminView(user: SandboxUser, url: URL): string {
    const locale = localeOf(user);
    const lang = url.searchParams.get('locale') ?? '';
    const body = user.admin
      ? html`<h1>${t(locale, '客诉管理', 'Complaint administration')}</h1>${built('admin') ? frame('admin', lang ? { locale: lang } : {}, 1200, 'admin-frame') : notBuilt(locale)}`
      : html`<div class="error">${t(locale, '只有 Jira 管理员可以打开此页面。', 'Only Jira administrators can open this page.')}</div>`;
    return page({ title: 'Admin', user, users: allUsers(), locale, path: url.pathname, body });
  }

  // ── frame context for the Custom UI ────────────────────────────────────────────────────────

  async function frameContext(user: SandboxUser, url: URL): Promise<unknown> {
    const q = url.searchParams;
    const moduleKey = q.get('moduleKey') ?? '';
    const surface = Object.entries(SURFACES).find(([, s]) => s.moduleKey === moduleKey);
    const type = surface?.[1].type ?? 'unknown';
    const lang = q.get('locale');
    const locale = lang === 'en' || lang === 'en-US' ? 'en-US' : lang === 'zh-CN' ? 'zh-CN' : /^zh/i.test(user.locale) ? 'zh-CN' : 'en-US';
    const extension: Record<string, unknown> = { type };
    if (type === 'jira:dashboardGadget') {
      const gadgetId = q.get('gadgetId') ?? '1';
      extension.gadget = { id: gadgetId };
      extension.dashboard = { id: '10000' };
      extension.gadgetConfiguration = gadgetConfigs()[gadgetId] ?? {};
      if (q.get('entryPoint') === 'edit') extension.entryPoint = 'edit';
    }
    if (type === 'jira:issuePanel') {
      const key = q.get('issueKey') ?? '';
      // The frame says which issue; the resolver re-reads it as the user (asUser) anyway.
      const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}?fields=project,issuetype`);
      if (r.status === 200) {
        extension.issue = { id: r.body.id, key: r.body.key, type: (r.body.fields.issuetype as { name?: string } | undefined)?.name };
        extension.project = r.body.fields.project;
      }
    }
    if (type === 'jira:workflowValidator') {
      extension.validatorConfig = q.get('config') ?? undefined;
      if (q.get('entryPoint')) extension.entryPoint = q.get('entryPoint');
    }
    return {
      accountId: user.accountId,
      cloudId: 'sandbox-cloud',
      environmentId: 'sandbox-env-0000',
      environmentType: 'DEVELOPMENT',
      localId: `ari:cloud:ecosystem::extension/sandbox/${moduleKey}`,
      locale,
      moduleKey,
      siteUrl: jira.url,
      timezone: user.timeZone,
      theme: { colorMode: q.get('theme') === 'dark' ? 'dark' : 'light' },
      extension,
    };
  }

  function translations(): unknown {
    const read = (f: string): unknown => JSON.parse(readFileSync(join(root, 'locales', f), 'utf8'));
    return { resources: { 'en-US': read('en-US.json'), 'zh-CN': read('zh-CN.json') }, fallback: { default: 'en-US' } };
  }

  function serveStatic(res: ServerResponse, surface: string, rest2: string): boolean {
    const base = resolve(root, 'static', surface);
    const file = normalize(join(base, rest2 || 'index.html'));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) return false;
    if (extname(file) === '.html') {
      // The host side of the bridge goes in first, as Jira's page provides it to real frames.
      const text = readFileSync(file, 'utf8').replace('<head>', '<head><script src="/__sandbox/host-bridge.js"></script>');
      send(res, 200, text);
    } else {
      send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream');
    }
    return true;
  }

  // ── the handler ────────────────────────────────────────────────────────────────────────────

  return async (req, res, url) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const user = sessionUser(req);

    if (path.startsWith('/rest/')) {
      // A browser session (the shell, the app's frames) calls Jira as its user.
      const h = req.headers;
      if (!h.authorization && !h['x-sandbox-app'] && !h['x-sandbox-account-id'] && cookies(req)[COOKIE] !== undefined) {
        h.authorization = `Basic ${Buffer.from(`${user.emailAddress}:session`).toString('base64')}`;
      }
      return false;
    }
    if (path === '/favicon.ico') {
      send(res, 204, '');
      return true;
    }
    if (path === '/__sandbox/login') {
      const as = url.searchParams.get('as') ?? '';
      const next = url.searchParams.get('next') ?? '/';
      const known = allUsers().find((u) => u.emailAddress === as);
      redirect(res, next.startsWith('/') && !next.startsWith('//') ? next : '/', known ? { 'Set-Cookie': `${COOKIE}=${encodeURIComponent(as)}; Path=/; SameSite=Lax` } : {});
      return true;
    }
    if (path === '/__sandbox/host-bridge.js') {
      send(res, 200, hostBridge, MIME['.js']);
      return true;
    }
    if (path === '/__sandbox/context' && method === 'GET') {
      send(res, 200, JSON.stringify(await frameContext(user, url)), MIME['.json']);
      return true;
    }
    if (path === '/__sandbox/translations' && method === 'GET') {
      send(res, 200, JSON.stringify(translations()), MIME['.json']);
      return true;
    }
    if ((path === '/__sandbox/invoke' || path === '/__sandbox/gadget-config') && method === 'POST') {
      const refusal = writeRefusal(req, signedInUser(req) !== null);
      if (refusal) {
        send(res, refusal.status, JSON.stringify({ message: refusal.message }), MIME['.json']);
        return true;
      }
    }
    if (path === '/__sandbox/invoke' && method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        send(res, 400, JSON.stringify({ message: 'body must be JSON' }), MIME['.json']);
        return true;
      }
      // The user is the session's, never what the browser claims.
      const r = await host.handleBridgeInvoke(body, user.accountId);
      send(res, r.status, JSON.stringify(r.body), MIME['.json']);
      return true;
    }
    if (path === '/__sandbox/gadget-config' && method === 'POST') {
      let config: unknown;
      try {
        config = JSON.parse(await readBody(req));
      } catch {
        send(res, 400, JSON.stringify({ message: 'body must be JSON' }), MIME['.json']);
        return true;
      }
      saveGadgetConfig(url.searchParams.get('gadgetId') ?? '1', config);
      send(res, 204, '');
      return true;
    }
    const ui = /^\/ui\/([a-z-]+)\/(.*)$/.exec(path);
    if (ui && method === 'GET' && SURFACES[ui[1] ?? '']) return serveStatic(res, ui[1]!, ui[2] ?? '');

    // A visitor without a session sees the site as its admin and is signed in as such, so the
    // app's frames (whose calls need the session cookie) work from the first page.
    if (method === 'GET' && signedInUser(req) === null) res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(user.emailAddress)}; Path=/; SameSite=Lax`);

    if (path === '/' && method === 'GET') {
      send(res, 200, dashboard(user, url));
      return true;
    }
    if (path === '/issues' && method === 'GET') {
      send(res, 200, await issues(user, url));
      return true;
    }
    if (path === '/admin' && method === 'GET') {
      send(res, user.admin ? 200 : 403, adminView(user, url));
      return true;
    }
    if (path === '/create') {
      if (method === 'GET') {
        send(res, 200, await createView(user, url));
        return true;
      }
      const form = new URLSearchParams(await readBody(req));
      const fields: Record<string, unknown> = {
        project: { key: form.get('project') ?? '' },
        issuetype: { name: '客诉' },
        summary: form.get('summary') ?? '',
        ...Object.fromEntries(Object.entries(valuesFromForm(form)).filter(([, v]) => v !== null)),
      };
      const r = await rest<{ key?: string }>(user, 'POST', '/rest/api/3/issue', { fields });
      if (r.status === 201 && r.body.key) {
        redirect(res, `/browse/${r.body.key}`);
      } else {
        send(res, 400, await createView(user, url, errorText(r.body), { ...Object.fromEntries(form.entries()), project: form.get('project') }));
      }
      return true;
    }
    const browse = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)(\/transition|\/edit)?$/.exec(path);
    if (browse) {
      const key = browse[1]!;
      const action = browse[2];
      if (!action && method === 'GET') {
        const v = await issueView(user, key, url);
        send(res, v.status, v.html);
        return true;
      }
      if (action === '/transition' && method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const r = await rest<unknown>(user, 'POST', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, { transition: { id: form.get('id') ?? '' } });
        if (r.status === 204) {
          await host.drain();
          redirect(res, `/browse/${key}`);
        } else {
          const v = await issueView(user, key, url, { error: errorText(r.body) });
          send(res, 400, v.html);
        }
        return true;
      }
      if (action === '/edit') {
        if (method === 'GET') {
          send(res, 200, await editView(user, key, url));
          return true;
        }
        const form = new URLSearchParams(await readBody(req));
        const fields = valuesFromForm(form);
        const detailsId = fieldIdOf('complaint-details');
        if (detailsId && form.has(detailsId)) {
          try {
            fields[detailsId] = JSON.parse(form.get(detailsId) || '{}');
          } catch {
            send(res, 400, await editView(user, key, url, `${jira.store.field(detailsId)?.name ?? ''}: JSON`));
            return true;
          }
        }
        const r = await rest<unknown>(user, 'PUT', `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields });
        if (r.status === 204 || r.status === 200) {
          await host.drain();
          redirect(res, `/browse/${key}`);
        } else {
          send(res, 400, await editView(user, key, url, errorText(r.body)));
        }
        return true;
      }
    }
    return false;
  };
}

export { esc };
