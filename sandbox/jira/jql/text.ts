/** Text search (`~`) and text extraction from REST values (plain strings or ADF documents). */

/** Plain text of a REST value: a string, or an Atlassian Document Format node tree. */
export function plainText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return undefined;
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as { text?: unknown; content?: unknown; attrs?: { text?: unknown } };
    if (typeof n.text === 'string') out.push(n.text);
    else if (n.attrs && typeof n.attrs.text === 'string') out.push(n.attrs.text); // mention, emoji
    if (n.content !== undefined) walk(n.content);
  };
  walk(value);
  const text = out.join(' ');
  return text === '' ? undefined : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termRegExp(term: string): RegExp {
  const source = term
    .split('')
    .map((ch) => (ch === '*' ? '.*?' : ch === '?' ? '.' : escapeRegExp(ch)))
    .join('');
  return new RegExp(source, 'iu');
}

/**
 * Compile a `~` query into a test over text. Case-insensitive substring matching per term
 * (which also covers CJK text, where Jira's analyser tokenises per character):
 *   - `"exact phrase"` (quotes inside the value) matches the phrase as a whole;
 *   - otherwise every whitespace-separated term must occur (Jira's default AND);
 *   - `*` and `?` are wildcards, a leading `-` excludes a term, a leading `+` is ignored.
 * Returns undefined for an empty query.
 */
export function likeMatcher(query: string): ((text: string) => boolean) | undefined {
  const q = query.trim();
  const phrase = /^"(.*)"$/su.exec(q);
  if (phrase) {
    const inner = (phrase[1] ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
    if (inner === '') return undefined;
    return (text) => text.replace(/\s+/g, ' ').toLowerCase().includes(inner);
  }
  const must: RegExp[] = [];
  const mustNot: RegExp[] = [];
  for (const raw of q.split(/\s+/)) {
    if (raw === '' || raw === '+' || raw === '-') continue;
    if (raw.startsWith('-')) mustNot.push(termRegExp(raw.slice(1)));
    else must.push(termRegExp(raw.startsWith('+') ? raw.slice(1) : raw));
  }
  if (must.length === 0 && mustNot.length === 0) return undefined;
  return (text) => must.every((r) => r.test(text)) && !mustNot.some((r) => r.test(text));
}
