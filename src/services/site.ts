/**
 * Site facts the app resolves once and caches: the ids of its own custom fields.
 */
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { jira } from '../jira/port';
import { resolveFieldIds, type FieldIds } from '../jira/fields';

const FIELD_IDS = 'site:field-ids';

export async function appFieldIds(refresh = false): Promise<FieldIds> {
  if (!refresh) {
    const cached = await kvs.get<FieldIds>(FIELD_IDS);
    if (cached && Object.keys(cached).length > 0) return cached;
  }
  const defs = await jira<{ id: string; schema?: { custom?: string } }[]>('app', route`/rest/api/3/field`);
  const ids = resolveFieldIds(defs);
  await kvs.set(FIELD_IDS, ids);
  return ids;
}
