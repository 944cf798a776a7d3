/**
 * The dashboard gadget in Chromium, on the demo site: what a quality engineer (zh-CN) sees in
 * the 客诉追踪总览表 — the §6 headers in order, server-side sorting, the overdue filter, paging,
 * the Excel export in the seed's bilingual layout, the dark theme — and that the sales clerk,
 * who may browse SV only, never sees a QC complaint.
 */
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { FrameLocator, Page } from 'playwright-core';
import { RESULTS, appFrame, approximateCount, invoke, openSite, poll, search, shot, signIn, type DemoEmail, type Site, type UserPage } from './harness';
import { SECTION6 } from '../fixtures/section6';

jest.setTimeout(60_000);

const SECTION6_EN_START = ['No.', 'Complaint number', 'Customer', 'Complaint date', 'Part number & name'];
const SLA_STATES = ['running', 'at-risk', 'met', 'breached', 'paused', 'none'];

let site: Site;
let qe: UserPage;

beforeAll(async () => {
  site = await openSite();
  qe = await signIn(site, 'qe@example.com');
}, 120_000);

afterAll(async () => {
  await site?.close();
});

afterEach(() => {
  // No script error in any frame while the test ran.
  expect(qe.errors).toEqual([]);
});

const gadget = (page: Page): FrameLocator => page.frameLocator('[data-testid=gadget-frame]');
const rows = (g: FrameLocator) => g.locator('[data-testid^=tracking-row-]');

async function rowKeys(g: FrameLocator): Promise<string[]> {
  return (await rows(g).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((t) => t.replace('tracking-row-', ''));
}

async function numbers(g: FrameLocator): Promise<string[]> {
  return g.locator('[data-testid=cell-complaintNumber]').allInnerTexts();
}

/** Opens the dashboard and waits for the list's first page. */
async function openDashboard(page: Page, query = ''): Promise<FrameLocator> {
  await page.goto(`${site.url}/${query}`);
  const g = gadget(page);
  await rows(g).first().waitFor();
  return g;
}

/** Waits until the list shows other rows than `before` and is not loading. */
async function waitForOtherRows(g: FrameLocator, before: string[]): Promise<string[]> {
  const after = await poll(
    () => rowKeys(g),
    (keys) => keys.length > 0 && keys.join(',') !== before.join(','),
  );
  expect(after.join(',')).not.toBe(before.join(','));
  return after;
}

/** The list's JQL and its total for a user, as the gadget's resolver builds it. */
async function gadgetScope(email: DemoEmail, filters: Record<string, unknown> = {}): Promise<{ jql: string; total: number }> {
  const r = await invoke<{ jql: string }>(site, email, 'complaint-tracking-gadget', 'tracking/page', { query: { config: {}, filters, pageSize: 1 }, offset: 0 });
  if (!r.ok) throw new Error(r.error.message);
  const jql = r.data.jql.replace(/\s+ORDER BY .*$/i, '');
  return { jql, total: await approximateCount(site, email, jql) };
}

describe('the tracking list gadget (quality engineer, zh-CN)', () => {
  it('renders the demo complaints under the §6 headers, in order, with an SLA lozenge per row', async () => {
    const g = await openDashboard(qe.page);
    await expect(g.locator('[data-testid=gadget-title]').innerText()).resolves.toBe('客诉追踪总览表');
    const headers = (await g.locator('[data-testid=tracking-table--head] th').allInnerTexts()).map((h) => h.replace(/\s+/g, ''));
    // The default configuration shows a subset of §6, in §6 order, then the SLA state.
    expect(headers[headers.length - 1]).toBe('SLA');
    const columns = headers.slice(0, -1);
    expect(columns.slice(0, 4)).toEqual(['序号', '客诉单编号', '客户名称', '投诉日期']);
    expect(columns.length).toBeGreaterThanOrEqual(8);
    const positions = columns.map((h) => SECTION6.findIndex((s) => s.replace(/\s+/g, '') === h));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    expect(await rows(g).count()).toBe(25);
    expect(await g.locator('[data-testid=cell-no]').allInnerTexts()).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    for (const n of await numbers(g)) expect(n).toMatch(/^\d{9}$/);
    const states = await g.locator('[data-testid^=sla-][data-sla-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sla-status') ?? ''));
    expect(states).toHaveLength(25);
    for (const s of states) expect(SLA_STATES).toContain(s);
    await expect(g.locator('[data-testid=page-number]').innerText()).resolves.toBe('第 1 页');
    await shot(qe.page, 'gadget-zh-CN');
  });

  it('sorts by a column on the server, not just the rows on the page', async () => {
    const g = await openDashboard(qe.page);
    const before = await rowKeys(g);
    const head = g.locator('[data-testid=col-complaintNumber--head--cell]');
    await head.click();
    const asc = await waitForOtherRows(g, before);
    await expect(head.getAttribute('aria-sort')).resolves.toBe('ascending');
    const ascNumbers = await numbers(g);
    expect([...ascNumbers].sort()).toEqual(ascNumbers);
    // The first row is the lowest number of every complaint the user may see — not one of the
    // rows the page showed before, so the server sorted.
    const lowest = await search(site, 'qe@example.com', 'issuetype = "客诉" ORDER BY complaintNumber ASC', 1);
    expect(asc[0]).toBe(lowest[0]?.key);
    expect(before).not.toContain(asc[0]);

    await head.click();
    const desc = await waitForOtherRows(g, asc);
    await expect(head.getAttribute('aria-sort')).resolves.toBe('descending');
    const descNumbers = await numbers(g);
    expect([...descNumbers].sort().reverse()).toEqual(descNumbers);
    const highest = await search(site, 'qe@example.com', 'issuetype = "客诉" ORDER BY complaintNumber DESC', 1);
    expect(desc[0]).toBe(highest[0]?.key);
    await shot(qe.page, 'gadget-sorted');
  });

  it('narrows the rows to the overdue complaints with the overdue-only filter', async () => {
    const g = await openDashboard(qe.page);
    const before = await rowKeys(g);
    await g.locator('[data-testid=filter-overdue--checkbox-label]').click();
    const after = await waitForOtherRows(g, before);
    const { total } = await gadgetScope('qe@example.com', { overdueOnly: true });
    const { total: all } = await gadgetScope('qe@example.com');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    expect(after).toHaveLength(Math.min(25, total));
    const states = await g.locator('[data-testid^=sla-][data-sla-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sla-status')));
    expect(states).toHaveLength(after.length);
    expect(new Set(states)).toEqual(new Set(['breached']));
    // The lozenge says so in words too.
    for (const text of await g.locator('[data-testid^=sla-]').allInnerTexts()) expect(text).toMatch(/^超期/);
    // The summary counts the whole filtered scope on the server: the open ones among them.
    const { jql } = await gadgetScope('qe@example.com', { overdueOnly: true });
    const openOverdue = await approximateCount(site, 'qe@example.com', `${jql} AND statusCategory != Done`);
    await expect(g.locator('[data-testid=summary-overdue-value]').innerText()).resolves.toBe(String(openOverdue));
    await shot(qe.page, 'gadget-overdue');
  });

  it('pages forward and back with next and previous', async () => {
    const g = await openDashboard(qe.page);
    const first = await rowKeys(g);
    await expect(g.locator('[data-testid=page-prev]').isDisabled()).resolves.toBe(true);
    await g.locator('[data-testid=page-next]').click();
    const second = await waitForOtherRows(g, first);
    await expect(g.locator('[data-testid=page-number]').innerText()).resolves.toBe('第 2 页');
    expect(second).toHaveLength(25);
    expect(second.filter((k) => first.includes(k))).toEqual([]);
    expect((await g.locator('[data-testid=cell-no]').allInnerTexts())[0]).toBe('26');
    await g.locator('[data-testid=page-prev]').click();
    const back = await waitForOtherRows(g, second);
    expect(back).toEqual(first);
    await expect(g.locator('[data-testid=page-number]').innerText()).resolves.toBe('第 1 页');
  });

  it('exports the list to Excel in the seed layout: bilingual headers and one row per complaint in scope', async () => {
    const g = await openDashboard(qe.page);
    const firstNumber = (await numbers(g))[0];
    const [download] = await Promise.all([qe.page.waitForEvent('download', { timeout: 30_000 }), g.locator('[data-testid=export-excel]').click()]);
    expect(download.suggestedFilename()).toMatch(/^客诉追踪总览表-\d{8}-\d{4}\.xlsx$/);
    const file = join(RESULTS, 'export.xlsx');
    await download.saveAs(file);
    const { total } = await gadgetScope('qe@example.com');
    await expect(g.locator('[data-testid=export-status]').innerText()).resolves.toBe(`已导出 ${total} 条`);
    await shot(qe.page, 'gadget-exported');

    const wb = new Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('the workbook has no sheet');
    expect(ws.name).toBe('客诉追踪总览表');
    const values = (r: number): string[] => {
      const v = ws.getRow(r).values;
      return (Array.isArray(v) ? v.slice(1) : []).map((x) => (x === null || x === undefined ? '' : String(x)));
    };
    expect(values(1)[0]).toContain('客诉追踪总览表');
    expect(values(2).slice(0, SECTION6.length)).toEqual(SECTION6);
    expect(values(3).slice(0, SECTION6_EN_START.length)).toEqual(SECTION6_EN_START);
    const data = Array.from({ length: ws.rowCount - 3 }, (_, i) => values(i + 4));
    expect(data).toHaveLength(total);
    const numbersInFile = data.map((r) => r[1] ?? '');
    expect(new Set(numbersInFile).size).toBe(total);
    for (const n of numbersInFile) expect(n).toMatch(/^\d{9}$/);
    expect(numbersInFile[0]).toBe(firstNumber);
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
  });

  it('renders on a dark background with ?theme=dark', async () => {
    const luminance = (rgb: string): number => {
      const [r = 0, gg = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * gg + 0.0722 * b) / 255;
    };
    const style = async (): Promise<{ background: string; color: string; mode: string | null }> =>
      appFrame(qe.page, 'gadget').evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        color: getComputedStyle(document.body).color,
        mode: document.documentElement.getAttribute('data-color-mode'),
      }));
    await openDashboard(qe.page);
    const light = await style();
    expect(light.mode).toBe('light');
    expect(luminance(light.background)).toBeGreaterThan(0.8);

    await openDashboard(qe.page, '?theme=dark');
    // The theme's CSS arrives after the first rows: wait for the background to turn.
    const dark = await poll(style, (s) => luminance(s.background) < 0.2, 10_000);
    expect(luminance(dark.background)).toBeLessThan(0.2);
    expect(dark.mode).toBe('dark');
    expect(luminance(dark.color)).toBeGreaterThan(0.6);
    await shot(qe.page, 'gadget-dark');
  });
});

describe('the tracking list gadget (sales clerk, SV only)', () => {
  it('never shows a QC complaint, whatever the sort order', async () => {
    const sales = await signIn(site, 'sales@example.com');
    const g = await openDashboard(sales.page);
    const seen = new Set(await rowKeys(g));
    const head = g.locator('[data-testid=col-complaintNumber--head--cell]');
    let last = [...seen];
    for (const expected of ['ascending', 'descending']) {
      await head.click();
      await expect(head.getAttribute('aria-sort')).resolves.toBe(expected);
      last = await waitForOtherRows(g, last);
      for (const k of last) seen.add(k);
    }
    await g.locator('[data-testid=page-next]').click();
    last = await waitForOtherRows(g, last);
    for (const k of last) seen.add(k);

    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].filter((k) => !k.startsWith('SV-'))).toEqual([]);
    expect(await g.locator('[data-testid^=tracking-row-QC-]').count()).toBe(0);
    // The list's scope as the clerk is exactly project SV's complaints, though QC has more.
    const { total } = await gadgetScope('sales@example.com');
    expect(total).toBe(await approximateCount(site, 'admin@example.com', 'project = SV AND issuetype = "客诉"'));
    expect(await approximateCount(site, 'admin@example.com', 'project = QC AND issuetype = "客诉"')).toBeGreaterThan(0);
    await shot(sales.page, 'gadget-sales');
    expect(sales.errors).toEqual([]);
  });
});
