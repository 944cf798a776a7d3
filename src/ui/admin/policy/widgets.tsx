/**
 * The pieces the policy editor's sections share: the section frame (title and the field
 * issues its paths name), the option table, the matrix grid and the small styles.
 */
import type { ReactNode } from 'react';
import Button from '@atlaskit/button';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { OptionList } from '../../../rules/policy-edit';
import { useLocale, useT } from '../../shared/i18n';
import type { FieldIssue, PolicyOption } from '../../shared/types';
import { Issues, issuesAt } from '../issues';

export const th = { padding: `${token('space.050', '4px')} ${token('space.075', '6px')}`, textAlign: 'left' as const, font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') };
export const td = { padding: `2px ${token('space.075', '6px')}`, verticalAlign: 'top' as const };
export const selectStyle = {
  font: 'inherit',
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `1px solid ${token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: '4px',
};

export function SectionFrame({ id, title, issues, children }: { id: string; title: string; issues: FieldIssue[]; children: ReactNode }): JSX.Element {
  return (
    <section data-testid={`section-${id}`} aria-labelledby={`h-${id}`} style={{ marginTop: token('space.300', '24px') }}>
      <h3 id={`h-${id}`} style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.small', '600 16px/20px sans-serif') }}>
        {title}
      </h3>
      <Issues list={issues} testId={`issues-${id}`} />
      {children}
    </section>
  );
}

/**
 * One option list as a table: id, both labels, optional extra columns, remove; and an add
 * button. Id changes go through `onRename` (the policy's references follow), everything else
 * through `onUpdate`.
 */
export function OptionsTable({
  list,
  items,
  issues,
  onRename,
  onUpdate,
  onRemove,
  onAdd,
  extra,
}: {
  list: OptionList;
  items: PolicyOption[];
  issues: FieldIssue[];
  onRename: (index: number, to: string) => void;
  onUpdate: (index: number, patch: (o: PolicyOption) => PolicyOption) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  extra?: { head: string[]; cells: (item: PolicyOption, i: number) => ReactNode[] };
}): JSX.Element {
  const t = useT();
  const bad = (i: number, field?: string): boolean => issuesAt(issues, `policy.${list}.${i}${field ? `.${field}` : ''}`).length > 0;
  return (
    <table data-testid={`table-${list}`} style={{ borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th style={th}>{t('polId')}</th>
          <th style={th}>{t('polLabelZh')}</th>
          <th style={th}>{t('polLabelEn')}</th>
          {extra?.head.map((h) => (
            <th key={h} style={th}>
              {h}
            </th>
          ))}
          <th style={th} />
        </tr>
      </thead>
      <tbody>
        {items.map((o, i) => (
          <tr key={i} data-testid={`${list}-row-${i}`}>
            <td style={td}>
              <Textfield
                isCompact
                width="small"
                testId={`${list}-${i}-id`}
                aria-label={`${t('polId')} ${i + 1}`}
                value={o.id}
                isInvalid={bad(i, 'id')}
                onChange={(e) => onRename(i, e.currentTarget.value)}
              />
            </td>
            {(['zh-CN', 'en'] as const).map((l) => (
              <td key={l} style={td}>
                <Textfield
                  isCompact
                  testId={`${list}-${i}-${l === 'zh-CN' ? 'zh' : 'en'}`}
                  aria-label={`${l === 'zh-CN' ? t('polLabelZh') : t('polLabelEn')} ${i + 1}`}
                  value={o.label[l]}
                  isInvalid={bad(i, 'label')}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    onUpdate(i, (x) => ({ ...x, label: { ...x.label, [l]: v } }));
                  }}
                />
              </td>
            ))}
            {extra?.cells(o, i).map((c, k) => (
              <td key={k} style={td}>
                {c}
              </td>
            ))}
            <td style={td}>
              <Button testId={`${list}-${i}-remove`} appearance="subtle" spacing="compact" onClick={() => onRemove(i)}>
                {t('polRemove')}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td style={td} colSpan={4}>
            <Button testId={`${list}-add`} spacing="compact" onClick={onAdd}>
              {t('polAdd')}
            </Button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Rows × departments as checkboxes (the responsibility matrix). */
export function MatrixGrid({
  id,
  rows,
  departments,
  matrix,
  onChange,
}: {
  id: string;
  rows: PolicyOption[];
  departments: PolicyOption[];
  matrix: Record<string, string[]>;
  onChange: (m: Record<string, string[]>) => void;
}): JSX.Element {
  const locale = useLocale();
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={`matrix-${id}`} style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={th} />
            {departments.map((d) => (
              <th key={d.id} style={{ ...th, textAlign: 'center' }} scope="col">
                {d.label[locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" style={th}>
                {r.label[locale]}
              </th>
              {departments.map((d) => {
                const on = matrix[r.id]?.includes(d.id) ?? false;
                return (
                  <td key={d.id} style={{ ...td, textAlign: 'center' }}>
                    <input
                      type="checkbox"
                      data-testid={`matrix-${id}-${r.id}-${d.id}`}
                      aria-label={`${r.label[locale]} × ${d.label[locale]}`}
                      checked={on}
                      onChange={(e) => {
                        const list = new Set(matrix[r.id] ?? []);
                        if (e.currentTarget.checked) list.add(d.id);
                        else list.delete(d.id);
                        onChange({ ...matrix, [r.id]: departments.map((x) => x.id).filter((x) => list.has(x)) });
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
