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
import { APP_FIELDS, DETAILS_FIELD_KEY, DETAILS_PROPS } from '../../src/jira/fields';
import { FIELD_LABELS, STATUS_LABELS, type StatusId } from '../../src/rules/messages';
import { fromInputValue, toInputValue, viewerZone } from '../../src/ui/shared/datetime';
import { displayValue, localeOf, shellFields, type CustomFieldModule, type ShellField } from './fields';
import { Html, esc, html, jiraMessage, page, t, type ShellLocale } from './html';

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
  // Field edit resources: the module key is the field's (each frame says which).
  'field-edit': { moduleKey: '', type: 'jira:customField' },
  'details-edit': { moduleKey: '', type: 'jira:customField' },
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

/** The user the session cookie names, or null without a (known) session. */
function signedInUser(req: IncomingMessage): SandboxUser | null {
  const email = cookies(req)[COOKIE];
  return allUsers().find((u) => u.emailAddress === email) ?? null;
}

/**
 * The state-changing requests the sandbox serves besides Jira's REST API: the bridge
 * (`/__sandbox/invoke`), the gadget configuration, scheduled triggers on demand, and the shell's
 * create, edit, transition and inline-field posts. `refuseForeignWrite` checks every
 * POST/PUT/PATCH/DELETE to one of them, once, before any route runs.
 */
const GUARDED_WRITES = /^\/(?:__sandbox\/(?:invoke|gadget-config|schedules\/.*)|create|browse\/.*)$/;
/** Of those, the ones whose body is JSON (the others are the shell's own HTML form posts). */
const JSON_WRITES = /^\/(?:__sandbox\/(?:invoke|gadget-config)|browse\/[^/]+\/field)$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a state-changing request is refused, or null when it may run. On a Jira site only
 * Atlassian's own page can call an app's resolver or change an issue, as the signed-in user;
 * here the equivalent is a request that carries the session cookie and comes from the sandbox's
 * own origin (and, for the JSON endpoints, has a JSON body). A blind cross-site request (an HTML
 * form, a `text/plain` fetch, an <img>) has none of these: browsers send the SameSite=Lax cookie
 * on no cross-site POST, mark the request `Sec-Fetch-Site: cross-site` with a foreign `Origin`,
 * and cannot send `application/json` cross-site without a CORS preflight this server never grants.
 */
export function writeRefusal(req: IncomingMessage, signedIn: boolean, json = true): { status: number; message: string } | null {
  if (!signedIn) return { status: 401, message: 'sign in first: this request needs the session cookie' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: `cross-site request refused (Sec-Fetch-Site: ${String(site)})` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return { status: 403, message: 'cross-site request refused (Origin)' };
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (json && type !== 'application/json') return { status: 415, message: 'the body must be JSON (Content-Type: application/json)' };
  return null;
}

/**
 * The one gate for the sandbox's own writes (see GUARDED_WRITES): answers the refusal and
 * returns true, or returns false and lets the request go on to its route. The sandbox's front
 * end (sandbox/app.ts) calls it before the scheduled-trigger route and the shell.
 */
export function refuseForeignWrite(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  if (!WRITE_METHODS.has(method) || !GUARDED_WRITES.test(path)) return false;
  const refusal = writeRefusal(req, signedInUser(req) !== null, JSON_WRITES.test(path));
  if (!refusal) return false;
  if (path.startsWith('/__sandbox/')) send(res, refusal.status, JSON.stringify({ message: refusal.message }), MIME['.json']);
  else send(res, refusal.status, refusal.message, 'text/plain; charset=utf-8');
  return true;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, ...extra });
  res.end();
}


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

  /** Jira's error body with field ids replaced by the fields' names (as Jira's screens show them). */
  const namedErrors = (b: unknown, user?: SandboxUser): string => {
    const e = (b ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
    const named = user ? fieldModules(user) : [];
    const name = (id: string): string => named.find((f) => f.id === id)?.name ?? jira.store.field(id)?.name ?? id;
    const locale = user ? localeOf(user) : 'en';
    return [...(e.errorMessages ?? []).map((m) => jiraMessage(locale, m)), ...Object.entries(e.errors ?? {}).map(([k, v]) => (v.includes(name(k)) ? v : `${name(k)}：${v}`))].join('\n');
  };

  const errorText = (b: unknown, locale: ShellLocale): string => {
    const e = (b ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
    return [...(e.errorMessages ?? []).map((m) => jiraMessage(locale, m)), ...Object.entries(e.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\n');
  };

  function frame(surface: string, query: Record<string, string>, height: number, testid: string): Html {
    const qs = new URLSearchParams({ moduleKey: SURFACES[surface]?.moduleKey ?? surface, ...query }).toString();
    // `height` until the frame reports its content's (data-autosize, see html.ts `page`).
    return html`<iframe data-testid="${testid}" data-autosize="1" src="/ui/${surface}/index.html?${qs}" style="height:${String(height)}px" title="${surface}"></iframe>`;
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

  // The app's fields as manifest.yml declares them (formatters, edit resources).
  const locales = {
    'zh-CN': JSON.parse(readFileSync(join(root, 'locales', 'zh-CN.json'), 'utf8')) as Record<string, string>,
    en: JSON.parse(readFileSync(join(root, 'locales', 'en-US.json'), 'utf8')) as Record<string, string>,
  };
  /** The app's fields; named in `user`'s language when given. */
  const fieldModules = (user?: SandboxUser): ShellField[] =>
    shellFields(jira, host.modulesOf('jira:customField') as unknown as CustomFieldModule[], user ? (k) => locales[localeOf(user)][k] : undefined);
  const FRAMED = new Set(['field-edit', 'details-edit']);
  const framed = (f: ShellField, experience: string): boolean => !!f.editResource && FRAMED.has(f.editResource) && f.editExperiences.includes(experience);

  async function issues(user: SandboxUser, url: URL): Promise<string> {
    const locale = localeOf(user);
    const jql = url.searchParams.get('jql') ?? 'issuetype = "客诉" ORDER BY created DESC';
    const fs = fieldModules(user);
    const col = (key: string): ShellField | undefined => fs.find((f) => f.moduleKey === key);
    const cols = ['complaint-number', 'complaint-sla-state', 'complaint-next-due'].map(col);
    const r = await rest<{ issues?: { id: string; key: string; fields: Record<string, unknown> }[]; nextPageToken?: string } & Record<string, unknown>>(
      user,
      'POST',
      '/rest/api/3/search/jql',
      { jql, maxResults: 100, fields: ['summary', 'status', 'project', ...cols.flatMap((c) => (c ? [c.id] : []))], ...(url.searchParams.get('next') ? { nextPageToken: url.searchParams.get('next') } : {}) },
    );
    const cell = (f: ShellField | undefined, i: { id: string; key: string; fields: Record<string, unknown> }): string =>
      f ? displayValue(f, i.fields[f.id], { jira, user, issue: { id: i.id, key: i.key, projectKey: String((i.fields.project as { key?: string } | undefined)?.key ?? '') } }) : '';
    const rows =
      r.status === 200
        ? (r.body.issues ?? []).map((i) => {
            const status = (i.fields.status as { name?: string } | undefined)?.name ?? '';
            return html`<tr data-testid="issue-row"><td><a href="/browse/${i.key}">${i.key}</a></td><td>${cell(cols[0], i)}</td><td>${String(i.fields.summary ?? '')}</td><td>${status}</td><td><span class="lozenge">${cell(cols[1], i)}</span></td><td>${cell(cols[2], i)}</td></tr>`;
          })
        : [];
    const next = r.status === 200 && r.body.nextPageToken ? html`<p><a href="/issues?${new URLSearchParams({ jql, next: r.body.nextPageToken }).toString()}">${t(locale, '下一页', 'Next page')}</a></p>` : html``;
    const body = html`<h1>${t(locale, '搜索问题', 'Search issues')}</h1>
      <form method="get" action="/issues"><label for="jql">JQL</label><textarea id="jql" name="jql" rows="2" data-testid="jql-input">${jql}</textarea>
      <p><button class="primary" type="submit">${t(locale, '搜索', 'Search')}</button></p></form>
      ${r.status === 200 ? html`` : html`<div class="error" data-testid="jql-error">${errorText(r.body, locale)}</div>`}
      <table><thead><tr><th>${t(locale, '键', 'Key')}</th><th>${cols[0]?.name ?? ''}</th><th>${t(locale, '摘要', 'Summary')}</th><th>${t(locale, '状态', 'Status')}</th><th>${cols[1]?.name ?? ''}</th><th>${cols[2]?.name ?? ''}</th></tr></thead>
      <tbody>${rows}</tbody></table>${next}`;
    return page({ title: t(locale, '问题', 'Issues'), user, users: allUsers(), locale, path: url.pathname + url.search, body });
  }

  interface IssueAnswer {
    id: string;
    key: string;
    fields: Record<string, unknown>;
    names?: Record<string, string>;
    properties?: Record<string, unknown>;
  }

  /**
   * A frame hosting a field's edit resource, and the hidden input the resource's `view.submit`
   * fills (the page script below). `inline`: the issue view's editor, which saves on submit.
   */
  function editFrame(f: ShellField, renderContext: string, where: { issueKey?: string; projectKey: string; value?: unknown }, inline = false): Html {
    const q: Record<string, string> = { moduleKey: f.moduleKey, fieldId: f.id, renderContext, projectKey: where.projectKey };
    if (where.issueKey) q.issueKey = where.issueKey;
    if (where.value !== undefined && where.value !== null) q.value = JSON.stringify(where.value);
    const src = `/ui/${f.editResource ?? ''}/index.html?${new URLSearchParams(q).toString()}`;
    const start = where.value === undefined || where.value === null ? '' : JSON.stringify(where.value);
    return html`<div class="field-frame"><iframe data-testid="edit-frame-${f.moduleKey}" data-field-id="${f.id}" data-autosize="1" ${new Html(inline ? 'data-inline="1"' : '')} src="${src}" style="height:${f.editResource === 'details-edit' ? '900' : '48'}px" title="${f.name}"></iframe>
      <input type="hidden" name="${f.id}" data-frame-value="${f.id}" value="${start}"></div>`;
  }

  /** Jira's default editor for a plain field (text, number, datetime in the user's zone). */
  function plainInput(f: ShellField, value: unknown, user: SandboxUser): Html {
    const zone = viewerZone(user.timeZone);
    const shown = f.type === 'datetime' ? toInputValue(typeof value === 'string' ? value : null, zone) || (typeof value === 'string' ? value : '') : value === null || value === undefined ? '' : String(value);
    const type = f.type === 'number' ? 'number' : 'text';
    // Date-times are typed as people write them (2026-12-03 15:03), in the user's zone.
    const extra = f.type === 'number' ? 'step="any"' : f.type === 'datetime' ? `inputmode="numeric" placeholder="${esc(t(localeOf(user), '例如 2026-12-03 15:03', 'e.g. 2026-12-03 15:03'))}" data-kind="datetime"` : '';
    return html`<input id="${f.id}" name="${f.id}" type="${type}" value="${shown}" data-testid="input-${f.moduleKey}" ${new Html(extra)}>`;
  }

  /** The inputs of a screen: plain inputs and hosted edit resources, labelled with the field names. */
  function screenInputs(fs: ShellField[], experience: string, values: Record<string, unknown>, user: SandboxUser, where: { issueKey?: string; projectKey: string }): Html[] {
    return fs.map((f) =>
      framed(f, experience)
        ? html`<label>${f.name}</label>${editFrame(f, experience, { ...where, value: values[f.id] })}`
        : html`<label for="${f.id}">${f.name}</label>${plainInput(f, values[f.id], user)}`,
    );
  }

  /** Form values → REST field values, and what the user has to mend first. */
  function valuesFromForm(fs: ShellField[], form: URLSearchParams, user: SandboxUser, locale: ShellLocale): { fields: Record<string, unknown>; errors: string[] } {
    const zone = viewerZone(user.timeZone);
    const fields: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const f of fs) {
      if (!form.has(f.id)) continue;
      const raw = (form.get(f.id) ?? '').trim();
      if (f.editResource && FRAMED.has(f.editResource)) {
        // What the field's edit resource submitted (view.submit), carried by the hidden input.
        try {
          fields[f.id] = raw === '' ? null : (JSON.parse(raw) as unknown);
        } catch {
          errors.push(t(locale, `「${f.name}」：编辑器提交的值无法读取，请重新填写`, `${f.name}: the editor's value could not be read; enter it again`));
        }
        continue;
      }
      if (raw === '') fields[f.id] = null;
      else if (f.type === 'number') {
        const n = Number(raw);
        if (Number.isFinite(n)) fields[f.id] = n;
        else errors.push(t(locale, `「${f.name}」须为数字，例如 10`, `${f.name} must be a number, e.g. 10`));
      } else if (f.type === 'datetime') {
        const iso = fromInputValue(raw, zone);
        if (iso) fields[f.id] = iso;
        else errors.push(t(locale, `「${f.name}」：「${raw}」不是有效的日期时间，例如 2026-12-03 15:03`, `${f.name}: "${raw}" is not a valid date and time, e.g. 2026-12-03 15:03`));
      } else fields[f.id] = raw;
    }
    return { fields, errors };
  }

  async function issueView(user: SandboxUser, key: string, url: URL, flash?: { error?: string; ok?: string }): Promise<{ status: number; html: string }> {
    const locale = localeOf(user);
    const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}?expand=names`);
    if (r.status !== 200) {
      const body = html`<h1>${key}</h1><div class="error" data-testid="issue-error">${errorText(r.body, locale)}</div>`;
      return { status: r.status, html: page({ title: key, user, users: allUsers(), locale, path: url.pathname, body }) };
    }
    const issue = r.body;
    const projectKey = String((issue.fields.project as { key?: string } | undefined)?.key ?? '');
    const tr = await rest<{ transitions: { id: string; name: string; to: { name: string } }[] }>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`);
    const transitions = tr.status === 200 ? tr.body.transitions : [];
    const fs = fieldModules(user);
    const editing = url.searchParams.get('editField');
    const ctx = { jira, user, issue: { id: issue.id, key: issue.key, projectKey } };
    const rows = fs
      .filter((f) => displayValue(f, issue.fields[f.id], ctx) !== '' || (!f.readOnly && framed(f, 'issue-view')))
      .map((f) => {
        const shown = displayValue(f, issue.fields[f.id], ctx);
        const canEdit = !f.readOnly && framed(f, 'issue-view');
        const value =
          editing === f.moduleKey && canEdit
            ? editFrame(f, 'issue-view', { issueKey: issue.key, projectKey, value: issue.fields[f.id] }, true)
            : html`<span>${shown || t(locale, '无', 'None')}</span>${canEdit ? html` <a class="edit-link" href="/browse/${issue.key}?editField=${f.moduleKey}" data-testid="edit-field-${f.moduleKey}" title="${t(locale, '编辑', 'Edit')} ${f.name}">✎</a>` : html``}`;
        return html`<dt>${f.name}</dt><dd data-testid="field-${f.id}" data-field="${f.moduleKey}" style="white-space:pre-line;margin:0">${value}</dd>`;
      });
    const status = (issue.fields.status as { name?: string } | undefined)?.name ?? '';
    const buttons = transitions.map((t2) => html`<a class="button" href="/browse/${issue.key}/transition?id=${t2.id}" data-testid="transition-${t2.id}" data-to="${t2.to.name}">${t2.name}</a> `);
    const errorBox = flash?.error
      ? html`<div class="error" role="alert" data-testid="transition-error"><strong>${t(locale, '无法执行此转换', "You can't make this transition")}</strong>\n${flash.error}</div>`
      : html``;
    const body = html`<p class="muted">${String((issue.fields.project as { name?: string } | undefined)?.name ?? '')} / ${issue.key}</p>
      <h1 data-testid="issue-summary">${String(issue.fields.summary ?? '')}</h1>
      ${errorBox}
      <div class="error" role="alert" data-testid="field-save-error" hidden></div>
      <p><span class="lozenge" data-testid="issue-status">${status}</span> ${buttons} <a href="/browse/${issue.key}/edit" data-testid="edit-issue">${t(locale, '编辑', 'Edit')}</a></p>
      <div class="cols"><div><div class="card"><dl class="fields">${rows}</dl></div></div>
      <div>${built('panel') ? frame('panel', { issueKey: issue.key, issueId: issue.id, ...(url.searchParams.get('theme') ? { theme: url.searchParams.get('theme') ?? '' } : {}) }, 640, 'panel-frame') : notBuilt(locale)}</div></div>
      ${frameScript(`/browse/${issue.key}`)}`;
    return { status: 200, html: page({ title: `${issue.key} ${String(issue.fields.summary ?? '')}`, user, users: allUsers(), locale, path: url.pathname, body }) };
  }

  /**
   * The host side of hosted edit resources: `view.submit(value)` fills the field's hidden input;
   * on the issue view (inline) it saves the field at once, as Jira's inline edit does, and
   * `view.close()` leaves the editor. (Frames ask for their height: `page`'s autosize, html.ts.)
   */
  function frameScript(issuePath: string): Html {
    return new Html(`<script>
(function () {
  function frameOf(source) {
    var frames = document.querySelectorAll('iframe[data-field-id]');
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }
  window.onForgeSubmit = function (payload, source) {
    var f = frameOf(source);
    if (!f) return;
    var id = f.getAttribute('data-field-id');
    var input = document.querySelector('input[data-frame-value="' + id + '"]');
    var text = payload === null || payload === undefined ? '' : JSON.stringify(payload);
    if (input) input.value = text;
    if (f.getAttribute('data-inline') === '1') {
      fetch(${JSON.stringify(issuePath)} + '/field', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fieldId: id, value: payload === undefined ? null : payload }) })
        .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
        .then(function (r) {
          if (r.ok) { window.location.href = ${JSON.stringify(issuePath)}; return; }
          var box = document.querySelector('[data-testid=field-save-error]');
          if (box) { box.textContent = r.text; box.hidden = false; }
        });
    }
  };
  window.onForgeClose = function (payload, source) {
    var f = frameOf(source);
    if (f && f.getAttribute('data-inline') === '1') window.location.href = ${JSON.stringify(issuePath)};
  };
})();
</script>`);
  }

  async function editView(user: SandboxUser, key: string, url: URL, error?: string): Promise<string> {
    const locale = localeOf(user);
    const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}`);
    const fields = r.status === 200 ? r.body.fields : {};
    // Jira's edit screen with its default editors; fields with an edit resource are edited in
    // place on the issue view (their resources declare the issue-view experience).
    const fs = fieldModules(user).filter((f) => !f.readOnly && !framed(f, 'issue-view'));
    const body = html`<h1>${t(locale, '编辑', 'Edit')} ${key}</h1>
      ${error ? html`<div class="error" data-testid="edit-error">${error}</div>` : html``}
      <form method="post" action="/browse/${key}/edit">${fs.map((f) => html`<label for="${f.id}">${f.name}</label>${plainInput(f, fields[f.id], user)}`)}
      <p><button class="primary" type="submit" data-testid="save-issue">${t(locale, '保存', 'Save')}</button> <a href="/browse/${key}">${t(locale, '取消', 'Cancel')}</a></p></form>`;
    return page({ title: key, user, users: allUsers(), locale, path: url.pathname, body });
  }

  async function createView(user: SandboxUser, url: URL, error?: string, values: Record<string, unknown> = {}, summary = '', chosenProject?: string): Promise<string> {
    const locale = localeOf(user);
    const projects = await rest<{ key: string; name: string }[]>(user, 'GET', '/rest/api/3/project');
    const list = projects.status === 200 ? projects.body : [];
    const chosen = String(chosenProject ?? url.searchParams.get('project') ?? list[0]?.key ?? '');
    const fs = fieldModules(user).filter((f) => !f.readOnly);
    const body = html`<h1>${t(locale, '新建客诉', 'Create complaint')}</h1>
      ${error ? html`<div class="error" role="alert" data-testid="create-error">${error}</div>` : html``}
      <form method="get" action="/create" class="inline"><label for="project">${t(locale, '项目', 'Project')}</label><select id="project" name="project" data-testid="input-project" onchange="this.form.submit()">${list.map((p) => html`<option value="${p.key}" ${new Html(p.key === chosen ? 'selected' : '')}>${p.name} (${p.key})</option>`)}</select></form>
      <form method="post" action="/create"><input type="hidden" name="project" value="${chosen}">
      <label for="summary">${t(locale, '摘要', 'Summary')}</label><input id="summary" name="summary" value="${summary}" data-testid="input-summary">
      ${screenInputs(fs, 'issue-create', values, user, { projectKey: chosen })}
      <p><button class="primary" type="submit" data-testid="create-submit">${t(locale, '创建', 'Create')}</button></p></form>
      ${frameScript('')}`;
    return page({ title: t(locale, '新建客诉', 'Create complaint'), user, users: allUsers(), locale, path: url.pathname + url.search, body });
  }

  /**
   * The fields a transition's dialog shows: the transition screen's (Jira's convention), or,
   * while a transition has no screen, the fields the app's rules still ask for to enter the
   * target status (the panel's "下一步还需要", the same source the validator uses).
   */
  async function transitionFields(user: SandboxUser, key: string, transitionId: string, refusal?: string): Promise<{ name: string; to: string; fields: ShellField[]; onScreen: boolean } | null> {
    const tr = await rest<{ transitions: { id: string; name: string; hasScreen?: boolean; to: { name: string }; fields?: Record<string, unknown> }[] }>(
      user,
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}/transitions?expand=transitions.fields&transitionId=${encodeURIComponent(transitionId)}`,
    );
    const tx = tr.status === 200 ? tr.body.transitions.find((x) => x.id === transitionId) : undefined;
    if (!tx) return null;
    const fs = fieldModules(user).filter((f) => !f.readOnly);
    if (tx.hasScreen && tx.fields) {
      const ids = new Set(Object.keys(tx.fields));
      return { name: tx.name, to: tx.to.name, fields: fs.filter((f) => ids.has(f.id)), onScreen: true };
    }
    const needed = await neededFields(user, key, tx.to.name, tx.name);
    // A refusal names the fields it wants (「责任单位」…): those belong in the dialog too.
    for (const [prop, label] of Object.entries(FIELD_LABELS)) {
      if (!refusal || !(refusal.includes(`「${label['zh-CN']}」`) || refusal.includes(label.en))) continue;
      needed.add(APP_FIELDS.find((f) => f.prop === prop)?.moduleKey ?? (DETAILS_PROPS.includes(prop as (typeof DETAILS_PROPS)[number]) ? DETAILS_FIELD_KEY : ''));
    }
    return { name: tx.name, to: tx.to.name, fields: fs.filter((f) => needed.has(f.moduleKey)), onScreen: false };
  }

  /** Module keys of the fields the rules still ask for before entering `toName` (asked of the app as the user). */
  async function neededFields(user: SandboxUser, key: string, toName: string, transitionName: string): Promise<Set<string>> {
    const r = await rest<{ id: string; fields: { project?: { key?: string; id?: string } } }>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}?fields=project`);
    if (r.status !== 200) return new Set();
    const answer = (await host
      .invokeResolver({ moduleKey: SURFACES.panel!.moduleKey, call: 'panel/state', payload: {}, accountId: user.accountId, extension: { type: 'jira:issuePanel', issue: { id: r.body.id, key } } })
      .catch(() => null)) as { ok?: boolean; data?: { next?: { to: string; name?: Record<string, string>; violations: { field: string }[] }[] } } | null;
    const next = answer?.ok ? (answer.data?.next ?? []) : [];
    // The panel's entry for this transition (by its name: 快速结案 and 结案 both enter 已结案), else for its status.
    const step =
      next.find((n) => Object.values(n.name ?? {}).includes(transitionName)) ?? next.find((n) => Object.values(STATUS_LABELS[n.to as StatusId] ?? {}).includes(toName));
    const out = new Set<string>();
    for (const v of step?.violations ?? []) {
      const prop = v.field.replace(/^complaint\./, '').split('.')[0] ?? '';
      out.add(APP_FIELDS.find((f) => f.prop === prop)?.moduleKey ?? (DETAILS_PROPS.includes(prop as (typeof DETAILS_PROPS)[number]) ? DETAILS_FIELD_KEY : ''));
    }
    out.delete('');
    return out;
  }

  async function transitionView(user: SandboxUser, key: string, transitionId: string, url: URL, error?: string, typed: Record<string, unknown> = {}): Promise<{ status: number; html: string }> {
    const locale = localeOf(user);
    const spec = await transitionFields(user, key, transitionId, error);
    if (!spec) return issueView(user, key, url, { error: t(locale, '此转换当前不可用。', 'This transition is not available now.') });
    const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}`);
    const values = { ...(r.status === 200 ? r.body.fields : {}), ...typed };
    const projectKey = String((values.project as { key?: string } | undefined)?.key ?? '');
    const body = html`<p class="muted"><a href="/browse/${key}">${key}</a> · ${String(values.summary ?? '')}</p>
      <div class="dialog" role="dialog" aria-labelledby="transition-title" data-testid="transition-dialog">
      <h1 id="transition-title">${spec.name} → ${spec.to}</h1>
      ${error ? html`<div class="error" role="alert" data-testid="transition-error"><strong>${t(locale, '无法执行此转换', "You can't make this transition")}</strong>\n${error}</div>` : html``}
      <form method="post" action="/browse/${key}/transition"><input type="hidden" name="id" value="${transitionId}">
      ${spec.fields.length > 0 ? screenInputs(spec.fields, 'issue-transition', values, user, { issueKey: key, projectKey }) : html`<p class="muted" data-testid="transition-no-fields">${t(locale, '此转换不需要再填写字段。', 'This transition needs no further fields.')}</p>`}
      <p><button class="primary" type="submit" data-testid="transition-submit">${spec.name}</button> <a href="/browse/${key}" data-testid="transition-cancel">${t(locale, '取消', 'Cancel')}</a></p></form></div>
      ${frameScript('')}`;
    return { status: error ? 400 : 200, html: page({ title: `${key} ${spec.name}`, user, users: allUsers(), locale, path: url.pathname + url.search, body }) };
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
    const type = q.get('fieldId') ? 'jira:customField' : (surface?.[1].type ?? 'unknown');
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
    if (type === 'jira:customField') {
      // A hosted edit resource (docs: jira-custom-field, Rendering → Edit mode: the value is
      // `extension.fieldValue`; `renderContext` says which screen).
      const f = fieldModules().find((x) => x.moduleKey === moduleKey && x.id === q.get('fieldId'));
      if (f) {
        extension.fieldId = f.id;
        extension.fieldType = jira.store.field(f.id)?.schema.custom;
        extension.renderContext = q.get('renderContext') ?? 'issue-view';
        const key = q.get('issueKey');
        const projectKey = q.get('projectKey') ?? '';
        const project = jira.store.project(projectKey);
        if (project) extension.project = { id: project.id, key: project.key, type: project.projectTypeKey };
        if (key) {
          const r = await rest<IssueAnswer>(user, 'GET', `/rest/api/3/issue/${encodeURIComponent(key)}?fields=${f.id},project,issuetype`);
          if (r.status === 200) {
            extension.issue = { id: r.body.id, key: r.body.key, type: (r.body.fields.issuetype as { name?: string } | undefined)?.name };
            extension.project = r.body.fields.project;
            extension.fieldValue = r.body.fields[f.id] ?? null;
          }
        }
        const given = q.get('value');
        if (given !== null) {
          try {
            extension.fieldValue = JSON.parse(given) as unknown;
          } catch {
            // Not a value the shell wrote: the resource starts empty.
          }
        }
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
    // Writes reach the routes below only past `refuseForeignWrite` (sandbox/app.ts calls it first).
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
      const locale = localeOf(user);
      const fs = fieldModules(user).filter((f) => !f.readOnly);
      const { fields: values, errors } = valuesFromForm(fs, form, user, locale);
      const summary = form.get('summary') ?? '';
      const projectKey = form.get('project') ?? '';
      if (errors.length > 0) {
        send(res, 400, await createView(user, url, errors.join('\n'), values, summary, projectKey));
        return true;
      }
      const fields: Record<string, unknown> = {
        project: { key: projectKey },
        issuetype: { name: '客诉' },
        summary,
        ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)),
      };
      const r = await rest<{ key?: string }>(user, 'POST', '/rest/api/3/issue', { fields });
      if (r.status === 201 && r.body.key) {
        await host.drain();
        redirect(res, `/browse/${r.body.key}`);
      } else {
        send(res, 400, await createView(user, url, namedErrors(r.body, user), values, summary, projectKey));
      }
      return true;
    }
    const browse = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)(\/transition|\/edit|\/field)?$/.exec(path);
    if (browse) {
      const key = browse[1]!;
      const action = browse[2];
      if (!action && method === 'GET') {
        const v = await issueView(user, key, url);
        send(res, v.status, v.html);
        return true;
      }
      if (action === '/transition' && method === 'GET') {
        const v = await transitionView(user, key, url.searchParams.get('id') ?? '', url);
        send(res, v.status, v.html);
        return true;
      }
      if (action === '/transition' && method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const id = form.get('id') ?? '';
        const locale = localeOf(user);
        const spec = await transitionFields(user, key, id);
        const { fields, errors } = valuesFromForm(spec?.fields ?? [], form, user, locale);
        const again = async (error: string): Promise<void> => {
          const v = await transitionView(user, key, id, url, error, fields);
          send(res, 400, v.html);
        };
        if (errors.length > 0) {
          await again(errors.join('\n'));
          return true;
        }
        // Without a transition screen Jira takes no fields with the transition: the dialog saves
        // them first (as an edit), then transitions.
        if (spec && !spec.onScreen && Object.keys(fields).length > 0) {
          const put = await rest<unknown>(user, 'PUT', `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields });
          if (put.status !== 204 && put.status !== 200) {
            await again(namedErrors(put.body, user));
            return true;
          }
          await host.drain();
        }
        const body = spec?.onScreen && Object.keys(fields).length > 0 ? { transition: { id }, fields } : { transition: { id } };
        const r = await rest<unknown>(user, 'POST', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, body);
        if (r.status === 204) {
          await host.drain();
          redirect(res, `/browse/${key}`);
        } else {
          await again(namedErrors(r.body, user));
        }
        return true;
      }
      if (action === '/field' && method === 'POST') {
        // The issue view's inline editor saved one field (its resource's view.submit): a JSON
        // write from the shell's own page (checked by `refuseForeignWrite` like every write).
        let b: { fieldId?: unknown; value?: unknown };
        try {
          b = JSON.parse(await readBody(req)) as { fieldId?: unknown; value?: unknown };
        } catch {
          send(res, 400, 'body must be JSON', 'text/plain; charset=utf-8');
          return true;
        }
        const f = fieldModules().find((x) => x.id === b.fieldId && !x.readOnly);
        if (!f) {
          send(res, 400, 'unknown field', 'text/plain; charset=utf-8');
          return true;
        }
        const r = await rest<unknown>(user, 'PUT', `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields: { [f.id]: b.value ?? null } });
        if (r.status === 204 || r.status === 200) {
          await host.drain();
          send(res, 204, '');
        } else send(res, 400, namedErrors(r.body, user), 'text/plain; charset=utf-8');
        return true;
      }
      if (action === '/edit') {
        if (method === 'GET') {
          send(res, 200, await editView(user, key, url));
          return true;
        }
        const form = new URLSearchParams(await readBody(req));
        const fs = fieldModules(user).filter((f) => !f.readOnly && !framed(f, 'issue-view'));
        const { fields, errors } = valuesFromForm(fs, form, user, localeOf(user));
        if (errors.length > 0) {
          send(res, 400, await editView(user, key, url, errors.join('\n')));
          return true;
        }
        const r = await rest<unknown>(user, 'PUT', `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields });
        if (r.status === 204 || r.status === 200) {
          await host.drain();
          redirect(res, `/browse/${key}`);
        } else {
          send(res, 400, await editView(user, key, url, namedErrors(r.body, user)));
        }
        return true;
      }
    }
    return false;
  };
}

export { esc };
