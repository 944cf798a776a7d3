/** `policy/save`'s field issues, shown next to the part of the form their path names. */
import { token } from '@atlaskit/tokens';
import { useLocale } from '../shared/i18n';
import type { FieldIssue } from '../shared/types';

/** Issues at `path` or below it (`policy.categories` matches `policy.categories.2.id`). */
export function issuesAt(issues: FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((i) => i.field === path || i.field.startsWith(`${path}.`));
}

export function Issues({ list, testId = 'policy-issues' }: { list: FieldIssue[]; testId?: string }): JSX.Element | null {
  const locale = useLocale();
  if (!list.length) return null;
  return (
    <ul data-testid={testId} role="alert" style={{ margin: `${token('space.050', '4px')} 0`, paddingLeft: token('space.250', '20px'), color: token('color.text.danger', '#AE2E24') }}>
      {list.map((i, n) => (
        <li key={`${i.field}-${n}`} data-testid="policy-issue" data-field={i.field} data-rule={i.rule}>
          <code style={{ font: token('font.code', '12px monospace') }}>{i.field}</code> — {i.message[locale]}
        </li>
      ))}
    </ul>
  );
}
