/**
 * The option-list sections (categories, severities, departments, root causes): one table each,
 * with renames and removals carried into the rest of the policy (src/rules/policy-edit.ts).
 */
import type { ReactNode } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { token } from '@atlaskit/tokens';
import { addOption, removeOption, renameOption, updateOption, type OptionList } from '../../../../rules/policy-edit';
import { useLocale, useT } from '../../../shared/i18n';
import type { PolicyOption } from '../../../shared/types';
import { OptionsTable, selectStyle } from '../widgets';
import type { SectionProps } from './types';

function ListTable({ list, props, extra }: { list: OptionList; props: SectionProps; extra?: { head: string[]; cells: (item: PolicyOption, i: number) => ReactNode[] } }): JSX.Element {
  const { policy, edit, issues } = props;
  return (
    <OptionsTable
      list={list}
      items={policy[list] ?? []}
      issues={issues}
      onRename={(i, to) => edit((d) => renameOption(d, list, i, to))}
      onUpdate={(i, patch) => edit((d) => updateOption(d, list, i, patch))}
      onRemove={(i) => edit((d) => removeOption(d, list, i))}
      onAdd={() => edit((d) => addOption(d, list))}
      {...(extra ? { extra } : {})}
    />
  );
}

export function CategoriesSection(props: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const { policy: p, edit } = props;
  const extra = {
    head: [t('polSeverities'), '8D'],
    cells: (o: PolicyOption, i: number): ReactNode[] => {
      const cat = p.categories[i]!;
      return [
        <select
          key="sev"
          data-testid={`categories-${i}-severity`}
          aria-label={`${t('polSeverities')} ${o.id}`}
          style={selectStyle}
          value={cat.severity ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((d) => {
              const c = d.categories[i]!;
              if (v) c.severity = v;
              else delete c.severity;
            });
          }}
        >
          <option value="">—</option>
          {p.severities.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label[locale]}
            </option>
          ))}
        </select>,
        <input
          key="q"
          type="checkbox"
          data-testid={`categories-${i}-quality`}
          aria-label={`8D ${o.id}`}
          checked={cat.quality === true}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            edit((d) => {
              const c = d.categories[i]!;
              if (on) c.quality = true;
              else delete c.quality;
            });
          }}
        />,
      ];
    },
  };
  return <ListTable list="categories" props={props} extra={extra} />;
}

export function SeveritiesSection(props: SectionProps): JSX.Element {
  return <ListTable list="severities" props={props} />;
}

export function DepartmentsSection(props: SectionProps): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const { policy: p, edit } = props;
  return (
    <>
      <ListTable list="departments" props={props} />
      <div style={{ marginTop: token('space.100', '8px') }}>
        <Checkbox
          testId="policy-approval"
          label={t('polApprovalNeeded')}
          isChecked={p.approval?.required === true}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            edit((d) => {
              d.approval = { ...d.approval, required: on };
            });
          }}
        />
        <select
          data-testid="policy-approver"
          aria-label={t('polApprover')}
          style={selectStyle}
          value={p.approval?.approverDepartment ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((d) => {
              d.approval = { ...d.approval, approverDepartment: v || null };
            });
          }}
        >
          <option value="">—</option>
          {(p.departments ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.label[locale]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

export function RootCausesSection(props: SectionProps): JSX.Element {
  return <ListTable list="rootCauses" props={props} />;
}
