/**
 * The UI's `call` is typed by the resolver's definitions (UiApi): a wrong key, a wrong payload
 * or a wrong use of the answer is a compile error. `npm run typecheck` checks the
 * `@ts-expect-error` lines below (each must be an error, or the check fails); jest checks that
 * the keys the screens may call are exactly the resolver's.
 */
import type { CallAnswer, CallKey, CallPayload } from '../../src/ui/shared/bridge';
import { call } from '../../src/ui/shared/bridge';
import { definitions } from '../../src/resolvers/ui';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn() }));

/** Never run: only compiled. */
export async function compileOnly(): Promise<void> {
  const month = await call('calendar/month', { year: 2026, month: 10 });
  month.map((d) => d.date);
  // @ts-expect-error a key the resolver does not define
  await call('policy/delete', {});
  // @ts-expect-error year must be a number
  await call('calendar/month', { year: '2026', month: 10 });
  // @ts-expect-error month is required
  await call('calendar/month', { year: 2026 });
  // @ts-expect-error no such payload field
  await call('policy/get', { project: 'QC' });
  // @ts-expect-error setup needs a project key
  await call('setup/run');
  const saved = await call('policy/save', { policy: (await call('policy/get')).policy });
  // @ts-expect-error the answer has a version, not a policy
  void saved.policy;
  const history: CallAnswer<'policy/history'> = await call('policy/history', { projectKey: 'QC' });
  history.map((h) => h.savedBy.toUpperCase());
  const payload: CallPayload<'field/options'> = { fieldKey: 'complaint-category' };
  void payload;
}

describe('the UI ↔ resolver contract', () => {
  it('lets the screens call exactly the keys the resolver defines', () => {
    const keys: CallKey[] = definitions.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['policy/get', 'policy/save', 'tracking/page', 'panel/state', 'setup/run']));
  });
});
