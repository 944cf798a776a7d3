/**
 * The `field/options` resolver definition behind the option field editor, on the sandbox's KVS:
 * the options of the policy governing the project (its own, else the site default), the fixed
 * channel/disposition/satisfaction lists, the current value echoed only when it is an option,
 * and refused input.
 */
import { configureKvs, resetKvs } from '../../sandbox/forge/kvs';

// Jira's answer to "may this user browse the project?" (the resolver asks before reading a
// project's lists): this user may browse QC and SV, not HR.
jest.mock('../../src/services/permissions', () => ({
  canBrowseProject: jest.fn(async (key: string) => key !== 'HR'),
  isJiraAdmin: jest.fn(async () => false),
}));
import { uiResolver } from '../../src/resolvers/ui';
import { savePolicy } from '../../src/services/policy-store';
import { CHANNELS, CHANNEL_LABELS, SATISFACTIONS, presetPolicy } from '../../src/rules';

type Answer = { ok: true; data: { options: { id: string; label: { 'zh-CN': string; en: string } }[]; value: string | null } } | { ok: false; error: { code: string; message: string } };

async function options(payload: unknown): Promise<Answer> {
  return (await uiResolver({ call: { functionKey: 'field/options', payload }, context: { accountId: 'u1', extension: {} } })) as Answer;
}
const ids = (a: Answer): string[] => (a.ok ? a.data.options.map((o) => o.id) : []);

beforeEach(async () => {
  resetKvs();
  configureKvs({});
  await savePolicy(presetPolicy('food'), 'admin', null);
  await savePolicy(presetPolicy('auto-abc'), 'admin', 'QC');
});

describe('field/options', () => {
  it("answers the options of the project's own policy, else the site default, with both labels", async () => {
    const qc = await options({ fieldKey: 'complaint-class', projectKey: 'QC' });
    expect(ids(qc)).toEqual(presetPolicy('auto-abc').severities.map((s) => s.id));
    const sv = await options({ fieldKey: 'complaint-department', projectKey: 'SV' });
    expect(ids(sv)).toEqual(presetPolicy('food').departments.map((d) => d.id));
    const site = await options({ fieldKey: 'complaint-category' });
    expect(ids(site)).toEqual(presetPolicy('food').categories.map((c) => c.id));
    if (!site.ok) throw new Error('expected ok');
    // Options only: id and label, nothing else of the policy.
    for (const o of site.data.options) expect(Object.keys(o).sort()).toEqual(['id', 'label']);
    const rc = await options({ fieldKey: 'complaint-root-cause', projectKey: 'QC' });
    expect(ids(rc)).toEqual(presetPolicy('auto-abc').rootCauses.map((r) => r.id));
  });

  it('answers the fixed lists for channel, disposition and satisfaction', async () => {
    const channel = await options({ fieldKey: 'complaint-channel', projectKey: 'QC' });
    expect(ids(channel)).toEqual([...CHANNELS]);
    expect(channel.ok && channel.data.options[0]!.label).toEqual(CHANNEL_LABELS.phone);
    expect(ids(await options({ fieldKey: 'complaint-satisfaction' }))).toEqual([...SATISFACTIONS]);
    expect(ids(await options({ fieldKey: 'complaint-disposition' }))).toContain('not-our-fault');
  });

  it('echoes the current value only when it is one of the options', async () => {
    const dept = presetPolicy('food').departments[0]!.id;
    expect(await options({ fieldKey: 'complaint-department', value: dept })).toMatchObject({ ok: true, data: { value: dept } });
    expect(await options({ fieldKey: 'complaint-department', value: 'gone' })).toMatchObject({ ok: true, data: { value: null } });
    expect(await options({ fieldKey: 'complaint-channel', value: null })).toMatchObject({ ok: true, data: { value: null } });
  });

  it("refuses a project's lists to a user who may not browse the project", async () => {
    expect(await options({ fieldKey: 'complaint-department', projectKey: 'HR' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses unknown fields and malformed project keys', async () => {
    for (const payload of [{ fieldKey: 'complaint-number' }, { fieldKey: 'complaint-category', projectKey: 'qc; DROP' }, {}, { fieldKey: 'complaint-category', value: 'x'.repeat(101) }]) {
      expect(await options(payload)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});
