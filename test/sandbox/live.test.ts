/**
 * Live, not demo-only (issue 11), through plain REST on the stand-in with the real manifest,
 * handlers and setup: setting 首次联系时间 stops the first-contact clock; the third class-B
 * complaint of one part number is class A with a repeat reason ("第 3 次"); impossible values
 * are refused at creation and nothing is stored; closing records 实际完成日; the quick close.
 */
import { useSandbox } from './site';
import { DEMO_USERS } from '../../sandbox/jira';
import { complaintFromFields, resolveFieldIds } from '../../src/jira/fields';
import { evaluateClocks, presetPolicy, type Milestones } from '../../src/rules';

jest.setTimeout(120_000);

const { sandbox, rest, fieldId } = useSandbox('kesu-live-', { demo: false });

interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties?: { complaint?: { class?: string; milestones?: Milestones } };
}

async function create(project: 'QC' | 'SV', extra: Record<string, unknown>): Promise<{ status: number; body: { key?: string; errorMessages?: string[]; errors?: Record<string, string> } }> {
  const r = await rest<{ key?: string; errorMessages?: string[] }>('qe@example.com', 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: project },
      issuetype: { name: '客诉' },
      summary: `测试客诉 ${Math.random().toString(36).slice(2, 8)}`,
      [fieldId('complaint-customer')]: '玉柴机器股份有限公司',
      ...extra,
    },
  });
  await sandbox.host.drain();
  return r;
}

async function get(key: string): Promise<Issue> {
  const r = await rest<Issue>('qe@example.com', 'GET', `/rest/api/3/issue/${key}?properties=complaint`);
  expect(r.status).toBe(200);
  return r.body;
}

async function count(jql: string): Promise<number> {
  return (await rest<{ count: number }>('admin@example.com', 'POST', '/rest/api/3/search/approximate-count', { jql })).body.count;
}

async function panel(key: string, call = 'panel/state'): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { message: string } }> {
  return (await sandbox.host.invokeResolver({
    moduleKey: 'complaint-panel',
    call,
    payload: {},
    accountId: DEMO_USERS.qe.accountId,
    extension: { issue: { key } },
  })) as { ok: boolean; data?: Record<string, unknown>; error?: { message: string } };
}

async function transition(key: string, statusName: string, fields: Record<string, unknown> = {}): Promise<{ status: number; body: { errorMessages?: string[] } | undefined }> {
  const tr = await rest<{ transitions: { id: string; name: string; to: { name: string } }[] }>('qe@example.com', 'GET', `/rest/api/3/issue/${key}/transitions`);
  const t = tr.body.transitions.find((x) => x.to.name === statusName || x.name === statusName);
  if (!t) throw new Error(`${key}: no transition to ${statusName}`);
  const r = await rest<{ errorMessages?: string[] }>('qe@example.com', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: t.id }, fields });
  await sandbox.host.drain();
  return r;
}

beforeAll(async () => {
  // SV runs the `general` preset here: its 24 h first-contact clock.
  const r = (await sandbox.host.invokeResolver({
    moduleKey: 'complaint-admin',
    call: 'policy/save',
    payload: { projectKey: 'SV', policy: presetPolicy('general') },
    accountId: DEMO_USERS.admin.accountId,
  })) as { ok: boolean };
  expect(r.ok).toBe(true);
});

describe('first contact', () => {
  it('setting 首次联系时间 through REST stops the first-contact clock', async () => {
    const r = await create('SV', { [fieldId('complaint-category')]: 'service', [fieldId('complaint-severity')]: 'normal' });
    expect(r.status).toBe(201);
    const key = r.body.key!;
    const before = await get(key);
    expect(before.properties?.complaint?.milestones?.['first-response']).toBeUndefined();

    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000).toISOString();
    expect((await rest('qe@example.com', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [fieldId('complaint-first-contact')]: at } })).status).toBe(204);
    await sandbox.host.drain();
    const after = await get(key);
    const milestones = after.properties?.complaint?.milestones ?? {};
    expect(Date.parse(milestones['first-response']!)).toBe(Date.parse(at));
    // Stored in the policy's zone like the other milestones, not in UTC as typed.
    expect(milestones['first-response']).toMatch(/\+08:00$/);
    expect(milestones.registered).toMatch(/\+08:00$/);
    const ids = resolveFieldIds(sandbox.jira.store.fields());
    const clock = evaluateClocks(presetPolicy('general'), complaintFromFields(after.fields, ids), milestones, Date.now()).find((c) => c.id === 'general.first-contact');
    expect(clock?.status).toBe('met');

    const state = await panel(key);
    const clocks = (state.data?.clocks ?? []) as { id: string; status: string }[];
    expect(clocks.find((c) => c.id === 'general.first-contact')?.status).toBe('met');
  });

  it('a 首次联系时间 typed to the minute of registration counts (Jira records the creation to the second)', async () => {
    const r = await create('SV', { [fieldId('complaint-category')]: 'service', [fieldId('complaint-severity')]: 'normal' });
    const key = r.body.key!;
    const created = Date.parse(String((await get(key)).fields.created));
    const typed = new Date(Math.floor(created / 60_000) * 60_000).toISOString();
    expect((await rest('qe@example.com', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [fieldId('complaint-first-contact')]: typed } })).status).toBe(204);
    await sandbox.host.drain();
    const milestones = (await get(key)).properties?.complaint?.milestones ?? {};
    // Not dropped as "before registration": kept, at the registration moment at the earliest.
    expect(milestones['first-response']).toBeDefined();
    expect(Date.parse(milestones['first-response']!)).toBeGreaterThanOrEqual(Math.floor(created / 1000) * 1000);
  });

  it('a complaint created with 首次联系时间 tomorrow is refused, naming the field', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const r = await create('SV', { [fieldId('complaint-category')]: 'service', [fieldId('complaint-severity')]: 'normal', [fieldId('complaint-first-contact')]: tomorrow });
    expect(r.status).toBe(400);
    const text = JSON.stringify(r.body);
    // In the user's language (qe is zh-CN); the English text is checked in test/rules/transitions.
    expect(text).toContain('首次联系时间');
    expect(text).toContain('不能晚于当前时间');
  });

  it('the panel\'s 记录首次联系 writes the field as the user, now, once', async () => {
    const r = await create('SV', { [fieldId('complaint-category')]: 'service', [fieldId('complaint-severity')]: 'normal' });
    const key = r.body.key!;
    const t0 = Date.now();
    const first = await panel(key, 'panel/first-contact');
    expect(first.ok).toBe(true);
    await sandbox.host.drain();
    const issue = await get(key);
    const stored = issue.fields[fieldId('complaint-first-contact')] as string;
    expect(Math.abs(Date.parse(stored) - t0)).toBeLessThan(60_000);
    expect(issue.properties?.complaint?.milestones?.['first-response']).toBeDefined();
    const again = await panel(key, 'panel/first-contact');
    expect((again.data as { recorded?: boolean }).recorded).toBe(false);
    expect((await get(key)).fields[fieldId('complaint-first-contact')]).toBe(stored);
  });
});

describe('the repeat rule (004), live', () => {
  it('the third class-B complaint of one part number and category is class A, "第 3 次"', async () => {
    const part = `39434${Math.floor(Math.random() * 90 + 10)}`;
    const b = { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-part-number')]: part, [fieldId('complaint-shipped-quantity')]: 5000, [fieldId('complaint-defect-quantity')]: 3 };
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Registration is kept to the second; complaints of the same second are not "earlier".
      if (i > 0) await new Promise((r) => setTimeout(r, 1100));
      const r = await create('QC', b);
      expect(r.status).toBe(201);
      keys.push(r.body.key!);
    }
    const classes = await Promise.all(keys.map(async (k) => (await get(k)).fields[fieldId('complaint-class')]));
    expect(classes).toEqual(['B', 'B', 'A']);
    expect(await count(`complaintClass = "A" AND key = ${keys[2]}`)).toBe(1);

    const state = await panel(keys[2]!);
    const c = state.data?.classification as { level: string; reasons: string[]; repeat?: { ordinal: number; earlier: { key: string }[] } };
    expect(c.level).toBe('A');
    expect(c.reasons).toEqual(['repeat>=3']);
    expect(c.repeat?.ordinal).toBe(3);
    expect(c.repeat?.earlier.map((e) => e.key)).toEqual(keys.slice(0, 2));
    // A different part number stays B.
    const other = await create('QC', { ...b, [fieldId('complaint-part-number')]: `${part}X` });
    expect((await get(other.body.key!)).fields[fieldId('complaint-class')]).toBe('B');
  });
});

describe('creation is checked', () => {
  it('refuses defect > shipped with the translated message, and stores nothing', async () => {
    const before = await count('project = QC');
    const r = await create('QC', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-shipped-quantity')]: 10, [fieldId('complaint-defect-quantity')]: 50 });
    expect(r.status).toBe(400);
    const text = JSON.stringify(r.body);
    expect(text).toContain('不良数量 50 不能大于发货数量 10');
    expect(text).toContain('规则：range');
    expect(await count('project = QC')).toBe(before);
  });

  it('refuses an unknown category id, a negative amount and 2026-02-30', async () => {
    const before = await count('project = QC');
    const unknown = await create('QC', { [fieldId('complaint-category')]: 'nonsense' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('nonsense');
    expect((await create('QC', { [fieldId('complaint-request-amount')]: -5 })).status).toBe(400);
    expect((await create('QC', { [fieldId('complaint-production-date')]: '2026-02-30' })).status).toBe(400);
    expect((await create('QC', { [fieldId('complaint-date')]: '2026-02-30T10:00:00.000+0800' })).status).toBe(400);
    expect(await count('project = QC')).toBe(before);
  });
});

describe('closing', () => {
  it('the quick close takes a C-class notice from 登记 to 已结案 with a reason, and records 实际完成日', async () => {
    const r = await create('QC', { [fieldId('complaint-category')]: 'notice' });
    const key = r.body.key!;
    expect((await get(key)).fields[fieldId('complaint-class')]).toBe('C');
    const refused = await transition(key, '快速结案');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('结案说明');
    const ok = await transition(key, '快速结案', { [fieldId('complaint-details')]: { closeReason: '已电话告知客户，无需书面回复' } });
    expect(ok.status).toBe(204);
    const issue = await get(key);
    expect((issue.fields.status as { name: string }).name).toBe('已结案');
    expect((issue.fields[fieldId('complaint-details')] as { actualCompletion?: string }).actualCompletion).toBeTruthy();
    expect(issue.fields[fieldId('complaint-number')]).toBeTruthy();
  });

  it('refuses the quick close for a B-class complaint, naming the rules that would admit it', async () => {
    const r = await create('QC', { [fieldId('complaint-category')]: 'quality' });
    const refused = await transition(r.body.key!, '快速结案', { [fieldId('complaint-details')]: { closeReason: '想直接结案' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('已当场答复');
  });
});

describe('transition screens', () => {
  interface Wf {
    workflows: { transitions: { id: string; name: string; transitionScreen?: { parameters?: { screenId?: string } } }[] }[];
  }
  async function screenFields(transitionId: string): Promise<string[]> {
    const wf = await rest<Wf>('admin@example.com', 'POST', '/rest/api/3/workflows', { workflowNames: ['客诉 workflow'] });
    const t = wf.body.workflows[0]!.transitions.find((x) => x.id === transitionId)!;
    const screenId = t.transitionScreen?.parameters?.screenId;
    if (!screenId) return [];
    const tabs = await rest<{ id: number }[]>('admin@example.com', 'GET', `/rest/api/3/screens/${screenId}/tabs`);
    const fields = await rest<{ id: string }[]>('admin@example.com', 'GET', `/rest/api/3/screens/${screenId}/tabs/${tabs.body[0]!.id}/fields`);
    return fields.body.map((f) => f.id);
  }

  it('setup puts on each transition a screen with the fields its rules need, and none where nothing is needed', async () => {
    expect(await screenFields('11')).toEqual(expect.arrayContaining([fieldId('complaint-category'), fieldId('complaint-class'), fieldId('complaint-department')]));
    expect(await screenFields('41')).toEqual(expect.arrayContaining([fieldId('complaint-disposition'), fieldId('complaint-details')]));
    expect(await screenFields('81')).toEqual(expect.arrayContaining([fieldId('complaint-disposition'), fieldId('complaint-details')]));
    expect(await screenFields('71')).toEqual([]); // reopening needs nothing
    expect(await screenFields('11')).not.toContain(fieldId('complaint-order-number'));
  });

  it('after a policy change, rerunning setup updates the screens, and a refusal is mended in the same dialog', async () => {
    const admin = async (call: string, payload: unknown): Promise<{ ok: boolean; data?: { ok?: boolean; steps?: { id: string; status: string }[] } }> =>
      (await sandbox.host.invokeResolver({ moduleKey: 'complaint-admin', call, payload, accountId: DEMO_USERS.admin.accountId })) as {
        ok: boolean;
        data?: { ok?: boolean; steps?: { id: string; status: string }[] };
      };
    const policy = presetPolicy('auto-abc');
    policy.requiredFields.assigned = [...(policy.requiredFields.assigned ?? []), { field: 'orderNumber' }];
    expect((await admin('policy/save', { projectKey: 'QC', policy })).ok).toBe(true);
    const rerun = await admin('setup/run', { projectKey: 'QC', locale: 'zh-CN' });
    expect(rerun.data?.ok).toBe(true);
    expect(rerun.data?.steps?.find((s) => s.id === 'transition-screens')?.status).toBe('done');
    expect(await screenFields('11')).toContain(fieldId('complaint-order-number'));

    const r = await create('QC', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-department')]: 'qa' });
    const refused = await transition(r.body.key!, '已分派');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('订单号');
    const mended = await transition(r.body.key!, '已分派', { [fieldId('complaint-order-number')]: 'PO-2026-1203' });
    expect(mended.status).toBe(204);

    // Back to the preset: the field leaves the screen again.
    expect((await admin('policy/save', { projectKey: 'QC', policy: presetPolicy('auto-abc') })).ok).toBe(true);
    await admin('setup/run', { projectKey: 'QC', locale: 'zh-CN' });
    expect(await screenFields('11')).not.toContain(fieldId('complaint-order-number'));
  });
});

describe('the panel and the quick close', () => {
  it('offers the quick close only to a complaint a rule admits, with what it still needs', async () => {
    const notice = await create('QC', { [fieldId('complaint-category')]: 'notice' });
    const quality = await create('QC', { [fieldId('complaint-category')]: 'quality', [fieldId('complaint-part-number')]: 'PANEL-1' });
    const nextOf = async (key: string): Promise<{ to: string; violations: { field: string }[] }[]> =>
      ((await panel(key)).data?.next ?? []) as { to: string; violations: { field: string }[] }[];
    const c = (await nextOf(notice.body.key!)).find((n) => n.to === 'closed');
    expect(c?.violations.map((v) => v.field)).toEqual(['closeReason']);
    expect((await nextOf(quality.body.key!)).map((n) => n.to)).toEqual(['assigned']);
  });
});
