/**
 * The app's one dictionary (src/rules/dictionary.ts): every text in both languages with the
 * same placeholders, every key used somewhere in src/, every key the code uses defined — and
 * no other keyed dictionary or interpolator in src/.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEXT_KEYS, interpolate, text, textOr, texts } from '../../src/rules/dictionary';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const DICTIONARY = join(SRC, 'rules', 'dictionary.ts');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}
const sources = files(SRC)
  .filter((f) => f !== DICTIONARY)
  .map((f) => ({ file: relative(ROOT, f), code: readFileSync(f, 'utf8') }));
const allCode = sources.map((s) => s.code).join('\n');

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the dictionary', () => {
  it('has every text in zh-CN and en, with the same placeholders', () => {
    for (const key of TEXT_KEYS) {
      const both = texts(key);
      expect([key, both['zh-CN'].trim().length > 0, both.en.trim().length > 0]).toEqual([key, true, true]);
      // `texts` interpolates nothing without vars, so the placeholders are still there.
      expect([key, placeholders(both['zh-CN'])]).toEqual([key, placeholders(both.en)]);
    }
  });

  it('uses every key somewhere in src/ (a literal key, or a dynamic `prefix.${…}` key)', () => {
    const dynamicPrefixes = [...allCode.matchAll(/`([A-Za-z]+)\.\$\{/g)].map((m) => `${m[1]!}.`);
    const unused = TEXT_KEYS.filter((key) => {
      if (new RegExp(`['"\`]${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(allCode)) return false;
      return !dynamicPrefixes.some((p) => key.startsWith(p));
    });
    expect(unused).toEqual([]);
  });

  it('defines every key the code asks for', () => {
    const keys = new Set<string>(TEXT_KEYS);
    const asked = new Set<string>();
    const patterns = [
      // t('key'), h('key'), f('key') — the screens' bound translators
      /\b[thf]\(\s*'([A-Za-z][\w.-]*)'/g,
      // text(locale, 'key'), texts('key'), textOr(locale, 'key', …)
      /\btexts?\(\s*(?:[\w.]+,\s*)?'([A-Za-z][\w.-]*)'/g,
      /\btextOr\(\s*[\w.]+,\s*'([A-Za-z][\w.-]*)'/g,
      // new Refusal(code, 'key')
      /new Refusal\(\s*'[^']*',\s*'([A-Za-z][\w.-]*)'/g,
    ];
    // A component may call the dictionary through its own short names: a map
    // `{ name: 'dictionaryKey' } as const satisfies Record<string, TextKey>` (field-edit/text.ts,
    // details-edit). Its right sides are asked of the dictionary; its left sides are the
    // component's own names, which its translator (`f`, `t`) maps.
    const own = new Set<string>();
    for (const { code } of sources) {
      for (const block of code.matchAll(/=\s*\{([^{}]*)\}\s*as const satisfies Record<string, TextKey>/g)) {
        for (const m of block[1]!.matchAll(/(\w+):\s*'([^']+)'/g)) {
          own.add(m[1]!);
          asked.add(m[2]!);
        }
      }
    }
    for (const { code } of sources) for (const re of patterns) for (const m of code.matchAll(re)) if (!own.has(m[1]!)) asked.add(m[1]!);
    const missing = [...asked].filter((k) => !keys.has(k));
    expect(asked.size).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it('has the only keyed text tables and the only interpolator of src/', () => {
    const interpolators = sources.filter((s) => /\.replace\(\/\\\{\(\\w\+\)\\\}\/g/.test(s.code)).map((s) => s.file);
    expect(interpolators).toEqual([]);
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones as written', () => {
    expect(interpolate('第 {n} 页 / {missing}', { n: 3 })).toBe('第 3 页 / {missing}');
    expect(text('en', 'page', { n: 2 })).toBe('Page 2');
    expect(text('zh-CN', 'page', { n: 2 })).toBe('第 2 页');
    // Prototype names are not values.
    expect(interpolate('{constructor}{toString}', {})).toBe('{constructor}{toString}');
    expect(textOr('en', 'no-such-key', 'raw-id')).toBe('raw-id');
  });
});
