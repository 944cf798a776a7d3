/**
 * Complaint numbers (domain.md §2): patterns, reset periods, prefixes, overflow, time zone.
 */
import {
  RulesError,
  formatNumber,
  maxSequence,
  parseNumber,
  parsePattern,
  parsePolicy,
  presetPolicy,
  sequencePeriod,
  type Policy,
} from '../../src/rules';
import { ms, presetCopy } from './helpers';

function withPattern(pattern: string, reset: 'year' | 'month'): Policy {
  const p = presetCopy('food');
  p.numbering = { pattern, reset };
  return parsePolicy(p);
}

function rulesError(fn: () => unknown): RulesError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RulesError) return e;
    throw e;
  }
  throw new Error('expected a RulesError');
}

describe('{YY}{MM}{DD}{SEQ:3}, yearly sequence (food)', () => {
  const food = presetPolicy('food');

  it('pads every part', () => {
    expect(formatNumber(food, ms('2026-03-05T10:00:00+08:00'), 1)).toBe('260305001');
    expect(formatNumber(food, ms('2026-12-31T10:00:00+08:00'), 42)).toBe('261231042');
    expect(maxSequence(food)).toBe(999);
  });

  it('the counter period is the year', () => {
    expect(sequencePeriod(food, ms('2026-01-18T10:00:00+08:00'))).toBe('2026');
    expect(sequencePeriod(food, ms('2026-12-31T10:00:00+08:00'))).toBe('2026');
  });

  it('refuses sequences outside 1..999', () => {
    for (const seq of [0, 1000, -1, 1.5]) {
      const e = rulesError(() => formatNumber(food, ms('2026-01-18T10:00:00+08:00'), seq));
      expect(e.code).toBe('sequence-overflow');
      expect(e.issues[0]?.rule).toBe('range');
    }
  });

  it('parses back what it formats', () => {
    const n = formatNumber(food, ms('2026-07-09T10:00:00+08:00'), 123);
    expect(parseNumber(food, n)).toEqual({ year: 2026, month: 7, day: 9, sequence: 123 });
  });

  it('refuses numbers that do not fit the pattern', () => {
    expect(parseNumber(food, '240229001')).toEqual({ year: 2024, month: 2, day: 29, sequence: 1 }); // leap day
    for (const bad of ['260230001', '250229001', '260431001', '26011800', '2601180071', '261318007', '260100007', '26011800x', '260118000', 'KS260118007']) {
      expect(rulesError(() => parseNumber(food, bad)).code).toBe('invalid-number');
    }
  });
});

describe('{YY}{MM}{SEQ:2}, monthly sequence (general)', () => {
  const general = presetPolicy('general');

  it('formats and parses without a day', () => {
    expect(formatNumber(general, ms('2026-03-05T10:00:00+08:00'), 7)).toBe('260307');
    expect(JSON.stringify(parseNumber(general, '260307'))).toBe('{"year":2026,"month":3,"sequence":7}');
  });

  it('the counter period is the month', () => {
    expect(sequencePeriod(general, ms('2026-03-05T10:00:00+08:00'))).toBe('2026-03');
    expect(sequencePeriod(general, ms('2026-12-31T23:00:00+08:00'))).toBe('2026-12');
  });

  it('99 fits, 100 overflows', () => {
    expect(formatNumber(general, ms('2026-03-05T10:00:00+08:00'), 99)).toBe('260399');
    expect(rulesError(() => formatNumber(general, ms('2026-03-05T10:00:00+08:00'), 100)).code).toBe('sequence-overflow');
  });
});

describe('prefix and four-digit year', () => {
  it('keeps a literal prefix and separators', () => {
    const p = withPattern('KS-{YYYY}{MM}-{SEQ:4}', 'month');
    expect(formatNumber(p, ms('2026-03-05T10:00:00+08:00'), 12)).toBe('KS-202603-0012');
    expect(parseNumber(p, 'KS-202603-0012')).toEqual({ year: 2026, month: 3, sequence: 12 });
    expect(rulesError(() => parseNumber(p, 'XX-202603-0012')).code).toBe('invalid-number');
    expect(rulesError(() => parseNumber(p, '202603-0012')).code).toBe('invalid-number');
  });
});

describe('the date part is taken in the policy time zone', () => {
  it('2026-01-17T20:00:00Z is 18 January in Shanghai', () => {
    const food = presetPolicy('food');
    expect(formatNumber(food, ms('2026-01-17T20:00:00Z'), 7)).toBe('260118007');
    expect(formatNumber(food, ms('2026-01-17T15:59:59Z'), 7)).toBe('260117007');
  });

  it('New Year in Shanghai starts a new yearly period while UTC is still in December', () => {
    const food = presetPolicy('food');
    expect(sequencePeriod(food, ms('2025-12-31T17:00:00Z'))).toBe('2026');
    expect(formatNumber(food, ms('2025-12-31T17:00:00Z'), 1)).toBe('260101001');
  });

  it('a New York policy keeps the New York date', () => {
    const p = presetCopy('food');
    p.timeZone = 'America/New_York';
    expect(formatNumber(parsePolicy(p), ms('2026-01-18T03:00:00Z'), 7)).toBe('260117007');
  });
});

describe('invalid patterns are rejected with rule ids', () => {
  it.each([
    ['{YY}{MM}{DD}', 'year', /exactly one \{SEQ:n\}/],
    ['{YY}{SEQ:3}{SEQ:2}', 'year', /exactly one/],
    ['{MM}{DD}{SEQ:3}', 'year', /year/],
    ['{YY}{SEQ:2}', 'month', /month/],
    ['{YY}{MM}{XX}{SEQ:3}', 'year', /unknown token/],
    ['{YY}{MM}{SEQ:0}', 'year', /width/],
    ['{YY}{MM}{SEQ:12}', 'year', /width/],
    ['K1-{YY}{SEQ:3}', 'year', /digits/],
    ['{YY}{YY}{SEQ:3}', 'year', /only once/],
  ] as const)('%s (reset %s)', (pattern, reset, message) => {
    const parsed = parsePattern(pattern, reset);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.rule).toBe('format');
      expect(parsed.error.en).toMatch(message);
      expect(parsed.error['zh-CN']).not.toBe('');
    }
    const p = presetCopy('food');
    p.numbering = { pattern, reset };
    const e = rulesError(() => parsePolicy(p));
    expect(e.code).toBe('invalid-policy');
    expect(e.issues.map((i) => [i.field, i.rule])).toContainEqual(['policy.numbering.pattern', 'format']);
  });

  it('accepts the documented patterns', () => {
    expect(parsePattern('{YY}{MM}{DD}{SEQ:3}', 'year').ok).toBe(true);
    expect(parsePattern('{YY}{MM}{SEQ:2}', 'month').ok).toBe(true);
    expect(parsePattern('KS-{YYYY}-{SEQ:5}', 'year').ok).toBe(true);
  });
});
