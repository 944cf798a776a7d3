/**
 * The stand-in's JQL index (answers kept per clause and issue, numbers and dates as columns,
 * sorted results kept for their next pages) answers exactly what a fresh evaluation does, and
 * forgets what it kept as soon as an issue changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJiraServer, type JiraServer } from '../../../sandbox/jira/server';

let jira: JiraServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kesu-jql-index-'));
  jira = await startJiraServer({ port: 0, dataDir: dir, reset: true });
});

afterAll(async () => {
  await jira?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${jira.url}${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from('admin@example.com:x').toString('base64')}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const count = async (jql: string): Promise<number> => (await rest<{ count: number }>('POST', '/rest/api/3/search/approximate-count', { jql })).count;
const keys = async (jql: string, maxResults = 50, nextPageToken?: string): Promise<{ keys: string[]; next?: string }> => {
  const a = await rest<{ issues: { key: string }[]; nextPageToken?: string }>('POST', '/rest/api/3/search/jql', { jql, maxResults, fields: ['summary'], ...(nextPageToken ? { nextPageToken } : {}) });
  return { keys: a.issues.map((i) => i.key), next: a.nextPageToken };
};

it('sees an edit at the next count, and a new issue at the next search', async () => {
  const created: string[] = [];
  for (let i = 0; i < 5; i++) {
    const issue = await rest<{ key: string }>('POST', '/rest/api/3/issue', { fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, summary: `bearing ${i}`, labels: i % 2 ? ['odd'] : [] } });
    created.push(issue.key);
  }
  expect(await count('project = QC AND labels = odd')).toBe(2);
  expect(await count('project = QC AND labels = odd')).toBe(2); // answered from the index
  await rest('PUT', `/rest/api/3/issue/${created[0]}`, { fields: { labels: ['odd'] } });
  expect(await count('project = QC AND labels = odd')).toBe(3);
  expect(await count('project = QC AND NOT labels = odd')).toBe(0); // NOT never matches an empty field
  expect(await count('project = QC AND labels IS EMPTY')).toBe(2);
});

it('compares dates through the column exactly as a clause-by-clause evaluation does', async () => {
  const all = await count('project = QC');
  const before = await count('project = QC AND created < "2000-01-01"');
  const after = await count('project = QC AND created >= "2000-01-01"');
  expect(before + after).toBe(all);
  expect(await count('project = QC AND NOT created < "2000-01-01"')).toBe(after);
  expect(await count('project = QC AND created >= now()')).toBe(0);
  expect(await count('project = QC AND created <= now()')).toBe(all);
});

it('pages a sorted result without repeating or losing an issue, and starts again after a change', async () => {
  const jql = 'project = QC ORDER BY created DESC';
  const first = await keys(jql, 2);
  const second = await keys(jql, 2, first.next);
  const whole = await keys(jql, 50);
  expect([...first.keys, ...second.keys]).toEqual(whole.keys.slice(0, 4));
  const issue = await rest<{ key: string }>('POST', '/rest/api/3/issue', { fields: { project: { key: 'QC' }, issuetype: { name: 'Task' }, summary: 'newest' } });
  expect((await keys(jql, 1)).keys).toEqual([issue.key]);
});
