/** The responsibility matrix: category × department, and root cause × department when there are root causes. */
import { token } from '@atlaskit/tokens';
import { useT } from '../../../shared/i18n';
import { MatrixGrid } from '../widgets';
import type { SectionProps } from './types';

export function MatrixSection({ policy: p, edit }: SectionProps): JSX.Element {
  const t = useT();
  return (
    <>
      <MatrixGrid
        id="category"
        rows={p.categories ?? []}
        departments={p.departments ?? []}
        matrix={p.matrix?.byCategory ?? {}}
        onChange={(m) =>
          edit((d) => {
            d.matrix.byCategory = m;
          })
        }
      />
      {(p.rootCauses ?? []).length ? (
        <>
          <h4 style={{ margin: `${token('space.150', '12px')} 0 ${token('space.050', '4px')}` }}>{t('polRootCauseMatrix')}</h4>
          <MatrixGrid
            id="root-cause"
            rows={p.rootCauses}
            departments={p.departments ?? []}
            matrix={p.matrix?.byRootCause ?? {}}
            onChange={(m) =>
              edit((d) => {
                d.matrix.byRootCause = m;
              })
            }
          />
        </>
      ) : null}
    </>
  );
}
