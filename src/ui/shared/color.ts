/**
 * SVG attributes (recharts' `fill`, `stroke`) cannot hold `var(--ds-…)`: resolve a design token
 * to its current value, falling back to the token's fallback before the theme CSS is in.
 */
export function resolveToken(cssValue: string): string {
  const m = /^var\((--[\w-]+),\s*(.*)\)$/.exec(cssValue.trim());
  if (!m) return cssValue;
  const value = typeof document !== 'undefined' ? getComputedStyle(document.documentElement).getPropertyValue(m[1]!).trim() : '';
  return value || m[2]!.trim();
}
