/**
 * Tiny HTML helpers for the mini Jira shell: escaping by default, and the page frame (top bar
 * with navigation and the user switcher).
 */
import { MSG } from '../jira/errors';
import type { SandboxUser } from '../jira/types';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** A trusted fragment (already escaped). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolations are escaped unless they are Html (or arrays of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = '';
  strings.forEach((s, i) => {
    out += s;
    if (i < values.length) {
      const v = values[i];
      if (v instanceof Html) out += v.value;
      else if (Array.isArray(v)) out += v.map((x) => (x instanceof Html ? x.value : esc(x))).join('');
      else if (v !== undefined && v !== null && v !== false) out += esc(v);
    }
  });
  return new Html(out);
}

export type ShellLocale = 'zh-CN' | 'en';

export function t(locale: ShellLocale, zh: string, en: string): string {
  return locale === 'zh-CN' ? zh : en;
}

/**
 * Jira's screens show its own refusals in the viewer's language, while the stand-in's REST API
 * answers them in English (sandbox/jira/errors.ts MSG). The shell, standing in for those screens,
 * translates the fixed ones it shows; any other message is shown as Jira sent it.
 */
const JIRA_MESSAGES: Record<string, [zh: string, en: string]> = {
  [MSG.issueNotFound]: ['问题不存在，或您没有查看它的权限。', MSG.issueNotFound],
  [MSG.unauthenticated]: ['您尚未登录。执行此操作需要身份验证。', MSG.unauthenticated],
  [MSG.adminOnly]: ['您没有执行此操作的权限，需要“管理 Jira”全局权限。', MSG.adminOnly],
  [MSG.unbounded]: ['此处不允许没有限制条件的 JQL 查询，请为查询添加搜索条件。', MSG.unbounded],
};

export function jiraMessage(locale: ShellLocale, message: string): string {
  const known = JIRA_MESSAGES[message];
  return known ? t(locale, ...known) : message;
}

const STYLE = `
:root { color-scheme: light dark; --bg:#fff; --fg:#172b4d; --muted:#626f86; --line:#dcdfe4; --bar:#0c66e4; --card:#f7f8f9; --err:#ae2e24; --errbg:#ffeceb; --ok:#216e4e; }
@media (prefers-color-scheme: dark) { :root { --bg:#1d2125; --fg:#b6c2cf; --muted:#8c9bab; --line:#38414a; --bar:#1c2b41; --card:#22272b; --err:#fd9891; --errbg:#42221f; --ok:#7ee2b8; } }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--fg); }
header { display:flex; align-items:center; gap:16px; padding:8px 16px; background: var(--bar); color:#fff; }
header a { color:#fff; text-decoration:none; font-weight:600; }
header .spacer { flex:1; }
header select { font: inherit; }
main { padding: 16px 24px; max-width: 1400px; }
h1 { font-size: 20px; margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.error { background: var(--errbg); color: var(--err); border-radius: 6px; padding: 10px 14px; margin: 12px 0; white-space: pre-line; }
.lozenge { display:inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 700; text-transform: uppercase; background: var(--line); }
.cols { display:grid; grid-template-columns: 2fr 1fr; gap: 24px; }
iframe { width: 100%; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
form.inline { display:inline; }
button { font: inherit; padding: 4px 12px; border-radius: 3px; border: 1px solid var(--line); background: var(--card); color: var(--fg); cursor: pointer; }
button.primary { background: #0c66e4; color: #fff; border-color: #0c66e4; }
label { display:block; margin: 8px 0 2px; font-weight: 600; }
input, select, textarea { font: inherit; padding: 4px 6px; width: 100%; max-width: 480px; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 3px; }
dl.fields { display:grid; grid-template-columns: 200px 1fr; gap: 4px 12px; }
dl.fields dt { color: var(--muted); }
a.button { display:inline-block; padding: 4px 12px; border-radius: 3px; border: 1px solid var(--line); background: var(--card); color: var(--fg); text-decoration: none; }
a.edit-link { text-decoration: none; color: var(--muted); }
.dialog { max-width: 760px; border: 1px solid var(--line); border-radius: 8px; padding: 8px 20px 16px; box-shadow: 0 8px 24px rgba(9,30,66,.15); }
.field-frame iframe { border: none; min-height: 40px; }
`;

export interface PageFrame {
  title: string;
  user: SandboxUser;
  users: SandboxUser[];
  locale: ShellLocale;
  path: string;
  body: Html;
}

export function page(f: PageFrame): string {
  const L = (zh: string, en: string): string => t(f.locale, zh, en);
  const options = f.users.map((u) => html`<option value="${u.emailAddress}" ${new Html(u.accountId === f.user.accountId ? 'selected' : '')}>${u.displayName} (${u.emailAddress})</option>`);
  return `<!doctype html>
<html lang="${f.locale}"><head><meta charset="utf-8"><title>${esc(f.title)} — 客诉 sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<header>
  <a href="/" data-testid="nav-dashboard">${esc(L('仪表板', 'Dashboard'))}</a>
  <a href="/issues" data-testid="nav-issues">${esc(L('问题', 'Issues'))}</a>
  <a href="/create" data-testid="nav-create">${esc(L('新建客诉', 'Create complaint'))}</a>
  ${f.user.admin ? `<a href="/admin" data-testid="nav-admin">${esc(L('应用管理', 'Apps admin'))}</a>` : ''}
  <span class="spacer"></span>
  <form method="get" action="/__sandbox/login" class="inline">
    <input type="hidden" name="next" value="${esc(f.path)}">
    <select name="as" data-testid="user-switcher" onchange="this.form.submit()">${options.map((o) => o.value).join('')}</select>
  </form>
</header>
<main>${f.body.value}</main>
<script>
// Frames of the app post view.submit / flags here (the host side of the bridge).
window.addEventListener('message', function (e) {
  if (e.origin !== window.location.origin || !e.data || typeof e.data.type !== 'string') return;
  if (e.data.type === 'forge-sandbox:submit' && window.onForgeSubmit) window.onForgeSubmit(e.data.payload, e.source);
  if (e.data.type === 'forge-sandbox:close' && window.onForgeClose) window.onForgeClose(e.data.payload, e.source);
  if (e.data.type === 'forge-sandbox:resize') autosize(e.data.payload, e.source);
});
// Each app frame marked data-autosize takes the height its content reports (host-bridge.js).
function autosize(payload, source) {
  if (!payload || typeof payload.height !== 'number') return;
  var frames = document.querySelectorAll('iframe[data-autosize]');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === source) frames[i].style.height = Math.min(3000, Math.max(40, Math.ceil(payload.height) + 4)) + 'px';
  }
}
</script>
</body></html>`;
}
