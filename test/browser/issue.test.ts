/**
 * The issue view, the issue panel and the admin page in Chromium, on the demo site: a matrix
 * change by the admin makes the workflow validator refuse (in Chinese, as Jira shows it) a
 * transition that passed before; the panel shows a breached clock; the admin page speaks
 * English or Chinese as asked.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { fieldId, invoke, openSite, poll, rest, search, shot, signIn, type Envelope, type Site, type UserPage } from './harness';

jest.setTimeout(60_000);

let site: Site;
let qe: UserPage;
let admin: UserPage;

beforeAll(async () => {
  site = await openSite();
  [qe, admin] = await Promise.all([signIn(site, 'qe@example.com'), signIn(site, 'admin@example.com')]);
}, 120_000);

afterAll(async () => {
  await site?.close();
});

afterEach(() => {
  expect(qe.errors).toEqual([]);
  expect(admin.errors).toEqual([]);
});

const panel = (page: Page): FrameLocator => page.frameLocator('[data-testid=panel-frame]');

async function openIssue(page: Page, key: string): Promise<FrameLocator> {
  await page.goto(`${site.url}/browse/${key}`);
  const p = panel(page);
  await p.locator('[data-testid=panel]').waitFor();
  return p;
}

/** A new SV (food policy) complaint in 登记, filled in so that 已分派 passes under the demo policy. */
async function createAssignableComplaint(summary: string): Promise<string> {
  const r = await rest<{ key: string }>(site, 'qe@example.com', 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'SV' },
      issuetype: { name: '客诉' },
      summary,
      [fieldId(site, 'complaint-customer')]: '杭州味全食品有限公司',
      [fieldId(site, 'complaint-part-number')]: 'FD-2024-118',
      [fieldId(site, 'complaint-shipped-quantity')]: 2000,
      [fieldId(site, 'complaint-defect-quantity')]: 6,
      [fieldId(site, 'complaint-category')]: 'quality', // 产品质量类: 品质部 or 生产部
      [fieldId(site, 'complaint-department')]: 'qa', // 品质部
      [fieldId(site, 'complaint-details')]: { approvedBy: '王副总' }, // 副总经理's approval
    },
  });
  expect(r.status).toBe(201);
  await site.sandbox.host.drain(); // the lifecycle trigger numbers and classifies it
  return r.body.key;
}

async function transitionId(key: string, toStatus: string): Promise<string> {
  const r = await rest<{ transitions: { id: string; to: { name: string } }[] }>(site, 'qe@example.com', 'GET', `/rest/api/3/issue/${key}/transitions`);
  const t = r.body.transitions.find((x) => x.to.name === toStatus);
  if (!t) throw new Error(`${key}: no transition to ${toStatus}`);
  return t.id;
}

async function statusOf(key: string): Promise<string> {
  const r = await rest<{ fields: { status: { name: string } } }>(site, 'qe@example.com', 'GET', `/rest/api/3/issue/${key}?fields=status`);
  return r.body.fields.status.name;
}

interface PolicyShape {
  matrix: { byCategory: Record<string, string[]> };
  [k: string]: unknown;
}

/** A resolver call from the admin's browser session (its cookie), as the admin page's frame makes it. */
async function adminInvoke<T>(functionKey: string, payload: unknown): Promise<Envelope<T>> {
  const r = await admin.context.request.post(`${site.url}/__sandbox/invoke`, {
    data: { functionKey, payload, context: { moduleKey: 'complaint-admin' } },
  });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { body: Envelope<T> }).body;
}

describe('the workflow validator in the issue view', () => {
  it('refuses, after the admin narrows the responsibility matrix, a transition that passed before — in Chinese', async () => {
    const key = await createAssignableComplaint('【杭州味全】FD-2024-118 酸奶胀包（6/2000 PCS）');
    const twin = await createAssignableComplaint('【杭州味全】FD-2024-118 酸奶胀包（孪生单，6/2000 PCS）');
    const toAssigned = await transitionId(key, '已分派');

    // Before: the panel says 已分派 is ready, and the twin really moves there from the issue view.
    let p = await openIssue(qe.page, key);
    await expect(p.locator('[data-testid=next-assigned]').getAttribute('data-ok')).resolves.toBe('true');
    const state = await invoke<{ next: { to: string; ok: boolean }[] }>(site, 'qe@example.com', 'complaint-panel', 'panel/state', {}, { type: 'jira:issuePanel', issue: { key } });
    expect(state.ok && state.data.next.find((n) => n.to === 'assigned')?.ok).toBe(true);
    await openIssue(qe.page, twin);
    await qe.page.locator(`[data-testid=transition-${await transitionId(twin, '已分派')}]`).click();
    // The transition's dialog (the fields the rules still ask for; none here), then confirm.
    await qe.page.locator('[data-testid=transition-submit]').click();
    await expect(poll(() => qe.page.locator('[data-testid=issue-status]').innerText(), (s) => s === '已分派')).resolves.toBe('已分派');
    expect(await statusOf(twin)).toBe('已分派');

    // The admin takes 品质部 out of 产品质量类 in SV's matrix. The admin page edits the site's
    // default policy only (it has no project choice), so SV's own policy is saved through the
    // admin page's resolver from the admin's browser session.
    const before = await adminInvoke<{ policy: PolicyShape; version: number; scope: string }>('policy/get', { projectKey: 'SV' });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.data.scope).not.toBe('default');
    expect(before.data.policy.matrix.byCategory.quality).toContain('qa');
    const changed: PolicyShape = JSON.parse(JSON.stringify(before.data.policy)) as PolicyShape;
    changed.matrix.byCategory.quality = ['production'];
    const saved = await adminInvoke<{ version: number }>('policy/save', { projectKey: 'SV', policy: changed });
    expect(saved).toEqual({ ok: true, data: { version: before.data.version + 1 } });
    try {
      p = await openIssue(qe.page, key);
      await qe.page.locator(`[data-testid=transition-${toAssigned}]`).click();
      await qe.page.locator('[data-testid=transition-submit]').click();
      // Refused in the transition dialog, which stays open to mend it.
      const banner = qe.page.locator('[data-testid=transition-dialog] [data-testid=transition-error]');
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('无法执行此转换');
      expect(text).toContain('责任矩阵');
      expect(text).toContain('生产部'); // what would pass
      await shot(qe.page, 'issue-validator-refusal-dialog');
      p = await openIssue(qe.page, key);
      await expect(qe.page.locator('[data-testid=issue-status]').innerText()).resolves.toBe('登记');
      expect(await statusOf(key)).toBe('登记');
      // The panel beside it now says why, with the same rule.
      await p.locator('[data-testid=next-assigned]').waitFor();
      await expect(p.locator('[data-testid=next-assigned]').getAttribute('data-ok')).resolves.toBe('false');
      const rules = await p.locator('[data-testid=next-assigned] [data-testid=violation]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
      expect(rules).toContain('matrix');
      await shot(qe.page, 'issue-validator-refusal');
    } finally {
      const restored = await adminInvoke('policy/save', { projectKey: 'SV', policy: before.data.policy });
      expect(restored.ok).toBe(true);
    }
  });
});

describe('the issue panel', () => {
  it('shows a breached clock of a complaint JQL finds breached', async () => {
    const breached = await search(site, 'qe@example.com', 'complaintSlaState = breached ORDER BY created DESC', 5);
    expect(breached.length).toBeGreaterThan(0);
    const key = breached[0]!.key;
    const p = await openIssue(qe.page, key);
    await p.locator('[data-testid=panel-clocks]').waitFor();
    const clock = p.locator('[data-testid^=clock-][data-clock-status=breached]').first();
    await clock.waitFor();
    const id = ((await clock.getAttribute('data-testid')) ?? '').replace(/^clock-/, '');
    const lozenge = p.locator(`[data-testid="clock-lozenge-${id}"]`);
    await expect(lozenge.getAttribute('data-sla-status')).resolves.toBe('breached');
    await expect(lozenge.innerText()).resolves.toMatch(/^超期 \d/);
    await expect(clock.locator('[data-testid=clock-span]').innerText()).resolves.toMatch(/^-\d/);
    await expect(p.locator('[data-testid=panel-number]').innerText()).resolves.toMatch(/^\d{9}$/);
    await shot(qe.page, 'panel-breached-clock');
  });

  it('is as tall as its content: the 刷新 button under a long 下一步还需要 list shows without scrolling inside the frame', async () => {
    // A bare complaint: nearly every field the next status asks for is still missing.
    const made = await rest<{ key: string }>(site, 'qe@example.com', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SV' }, issuetype: { name: '客诉' }, summary: '包装破损（空白登记）' },
    });
    expect(made.status).toBe(201);
    await site.sandbox.host.drain();
    const p = await openIssue(qe.page, made.body.key);
    const refresh = p.locator('[data-testid=panel-refresh]');
    await refresh.waitFor();
    const measure = (): Promise<{ inner: number; scroll: number; refreshBottom: number }> =>
      refresh.evaluate((el) => ({
        inner: window.innerHeight,
        scroll: document.documentElement.scrollHeight,
        refreshBottom: el.getBoundingClientRect().bottom,
      }));
    const m = await poll(measure, (v) => v.scroll <= v.inner && v.refreshBottom <= v.inner);
    expect(m.scroll).toBeLessThanOrEqual(m.inner);
    expect(m.refreshBottom).toBeLessThanOrEqual(m.inner);
    // The frame on the page is as tall as the document inside it (not the fixed 640 px it started at).
    const box = await qe.page.locator('[data-testid=panel-frame]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(m.scroll);
    await shot(qe.page, 'panel-autosized');
  });
});

describe('the admin page', () => {
  it.each([
    ['en', 'Complaint settings', ['Setup wizard', 'Policy', 'Versions'], 'Run setup', 'Save policy'],
    ['zh-CN', '客诉设置', ['设置向导', '客诉方案', '版本'], '运行设置', '保存方案'],
  ] as const)('speaks the requested locale (%s)', async (locale, title, tabs, run, save) => {
    await admin.page.goto(`${site.url}/admin?locale=${locale}`);
    const a = admin.page.frameLocator('[data-testid=admin-frame]');
    await a.locator('[data-testid=setup]').waitFor();
    await expect(a.locator('[data-testid=admin] h2').innerText()).resolves.toBe(title);
    await expect(a.locator('[data-testid=admin-tabs] [role=tab]').allInnerTexts()).resolves.toEqual([...tabs]);
    await expect(a.locator('[data-testid=setup-run]').innerText()).resolves.toBe(run);
    await shot(admin.page, `admin-setup-${locale}`);
    // The policy tab: the responsibility matrix the validator enforces.
    await a.locator('[data-testid=tab-policy]').click();
    await a.locator('[data-testid=policy-editor]').waitFor();
    await expect(a.locator('[data-testid=policy-save]').innerText()).resolves.toBe(save);
    await a.locator('[data-testid^=matrix-]').first().scrollIntoViewIfNeeded();
    await shot(admin.page, `admin-policy-${locale}`);
  });
});
