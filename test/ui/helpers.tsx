/**
 * Shared fixtures of the screen tests: tracking rows, a fake resolver behind the mocked
 * `invoke`, and the Forge context. Each test file mocks @forge/bridge itself (jest.mock is
 * hoisted per file) with `bridgeMock()`.
 */
import { configure } from '@testing-library/react';
import { TRACKING_COLUMN_IDS } from '../../src/rules/tracking';
import { presetPolicy } from '../../src/rules/presets';
import type { ListPage, TrackingRow, TrackingSla } from '../../src/ui/shared/types';

// The first render of a suite loads the Atlaskit modules; give async queries room for that.
configure({ asyncUtilTimeout: 4000 });

export interface BridgeMock {
  invoke: jest.Mock;
  view: { getContext: jest.Mock; submit: jest.Mock; close: jest.Mock; theme: { enable: jest.Mock } };
  router: { open: jest.Mock };
}

/** The factory for `jest.mock('@forge/bridge', () => require('./helpers').bridgeMock())`. */
export function bridgeMock(): BridgeMock {
  return {
    invoke: jest.fn(),
    view: { getContext: jest.fn(), submit: jest.fn(async () => undefined), close: jest.fn(async () => undefined), theme: { enable: jest.fn(async () => undefined) } },
    router: { open: jest.fn(async () => undefined) },
  };
}

export function bridge(): BridgeMock {
  return jest.requireMock('@forge/bridge') as BridgeMock;
}

export function context(extension: Record<string, unknown>, locale = 'zh-CN'): Record<string, unknown> {
  return { locale, timezone: 'Asia/Shanghai', theme: { colorMode: 'light' }, extension, moduleKey: 'm', localId: 'l', environmentId: 'e', environmentType: 'DEVELOPMENT', siteUrl: 'https://x.atlassian.net' };
}

type Handler = (payload: Record<string, unknown>) => unknown;

/** Routes `invoke(key, payload)` to handlers; each answer is wrapped in `{ok:true,data}` unless it already is an envelope. */
export function routeInvoke(handlers: Record<string, Handler>): jest.Mock {
  const invoke = bridge().invoke;
  invoke.mockImplementation(async (key: string, payload: Record<string, unknown> = {}) => {
    const h = handlers[key];
    if (!h) return { ok: false, error: { code: 'not-found', message: `no handler for ${key}` } };
    const answer = await h(payload);
    const envelope = answer && typeof answer === 'object' && 'ok' in answer && ('data' in answer || 'error' in answer);
    return envelope ? answer : { ok: true, data: answer };
  });
  return invoke;
}

/** A preset policy (jsdom has no structuredClone, which presetPolicy uses). */
export function preset(id: 'general' | 'food' | 'auto-abc' = 'general'): ReturnType<typeof presetPolicy> {
  globalThis.structuredClone ??= <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return presetPolicy(id);
}

const NO_SLA: TrackingSla = { status: 'none', clockId: null, label: null, due: null, remainingMinutes: 0, overdueMinutes: 0, lateDays: 0 };

export function row(no: number, over: Partial<TrackingRow['cells']> = {}, sla: Partial<TrackingSla> = {}, key = `QC-${no}`): TrackingRow {
  const cells = Object.fromEntries(TRACKING_COLUMN_IDS.map((id) => [id, ''])) as TrackingRow['cells'];
  Object.assign(cells, {
    no: String(no),
    complaintNumber: `2603050${String(no).padStart(2, '0')}`,
    customer: '上柴股份',
    complaintAt: '2026-03-05',
    part: '3943450 轴承内圈',
    defect: '内径超差',
    quantity: '12 / 5000 PCS',
    status: '调查中',
    responsibleDepartment: '质量部',
    closure: '未结案',
    ...over,
  });
  return { issueKey: key, cells, sla: { ...NO_SLA, ...sla } };
}

export const BREACHED: Partial<TrackingSla> = {
  status: 'breached',
  clockId: 'general.reply',
  label: { 'zh-CN': '回复客户', en: 'Reply to the customer' },
  due: '2026-03-12T18:00:00+08:00',
  overdueMinutes: 2 * 1440 + 3 * 60,
  lateDays: 3,
};

export function page(rows: TrackingRow[], nextPageToken: string | null = null): ListPage {
  return { rows, nextPageToken, jql: 'issuetype = 客诉' };
}
