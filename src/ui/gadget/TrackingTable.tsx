/**
 * The 客诉追踪总览表 itself: the §6 columns in order (those the configuration shows), then the
 * SLA lozenge. Sorting and paging happen on the server; the table only reports clicks.
 */
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { router } from '@forge/bridge';
import { token } from '@atlaskit/tokens';
import { TRACKING_COLUMNS } from '../../rules/tracking';
import { useLocale, useT } from '../shared/i18n';
import { SlaLozenge } from '../shared/sla';
import { EmptyState } from '../shared/states';
import type { ListQuery, TrackingColumnId, TrackingRow } from '../shared/types';

export type SortBy = NonNullable<ListQuery['sort']>['by'];
export type Sort = NonNullable<ListQuery['sort']>;

/** Table column → the server's sort key. */
export const SORT_KEYS: Partial<Record<TrackingColumnId | 'sla', SortBy>> = {
  complaintNumber: 'complaintNumber',
  customer: 'customer',
  complaintAt: 'complaintAt',
  status: 'status',
  sla: 'nextDue',
};

/** Column widths in % of the table (the default column set adds up to about 100). */
const WIDE: Partial<Record<TrackingColumnId, number>> = {
  no: 3,
  complaintNumber: 8,
  customer: 11,
  complaintAt: 7,
  part: 11,
  defect: 11,
  quantity: 7,
  rootCause: 12,
  action: 12,
  status: 5,
  responsibleDepartment: 6,
  closure: 5,
  requestedCompletion: 7,
  actualCompletion: 6,
};

/**
 * Short values that read best on one line; longer text wraps inside its column. 不良数量&批量
 * ("550 / 5000 PCS") wraps at its spaces: on one line it overflowed its 7 % and was cut off.
 */
const NOWRAP = new Set<TrackingColumnId>(['no', 'complaintNumber', 'complaintAt', 'requestedCompletion', 'actualCompletion']);

export function openIssue(key: string): void {
  void router.open(`/browse/${key}`);
}

export function TrackingTable({
  rows,
  columns,
  sort,
  onSort,
  loading,
}: {
  rows: TrackingRow[];
  columns: TrackingColumnId[];
  sort: Sort | undefined;
  onSort: (s: Sort) => void;
  loading: boolean;
}): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const shown = TRACKING_COLUMNS.filter((c) => columns.includes(c.id));
  const sortColumn = sort ? (Object.entries(SORT_KEYS).find(([, v]) => v === sort.by)?.[0] ?? undefined) : undefined;

  const head: HeadType = {
    cells: [
      ...shown.map((c) => ({
        key: c.id,
        content: c.label[locale],
        isSortable: SORT_KEYS[c.id] !== undefined,
        width: WIDE[c.id],
        testId: `col-${c.id}`,
      })),
      { key: 'sla', content: t('sla'), isSortable: true, width: 12, testId: 'col-sla' },
    ],
  };

  // DynamicTable sorts the rows it is given by the cells' `key`. The server has sorted them
  // already, so each sortable cell's key is the row's server rank, signed so that the table's
  // own ASC/DESC pass leaves the order unchanged.
  const rank = (i: number): number => (sort?.dir === 'DESC' ? -i : i);
  const tableRows: RowType[] = rows.map((row, i) => {
    const key = row.issueKey ?? `row-${i}`;
    const open = row.issueKey ? () => openIssue(row.issueKey!) : undefined;
    return {
      key,
      testId: `tracking-row-${key}`,
      onClick: open,
      onKeyDown: open
        ? (e) => {
            if (e.key === 'Enter') open();
          }
        : undefined,
      tabIndex: open ? 0 : undefined,
      style: open ? { cursor: 'pointer' } : undefined,
      'aria-label': row.issueKey ? t('openIssue', { key: row.issueKey }) : undefined,
      cells: [
        ...shown.map((c) => ({
          key: SORT_KEYS[c.id] ? rank(i) : `${c.id}-${i}`,
          testId: `cell-${c.id}`,
          content:
            c.id === 'complaintNumber' && row.issueKey ? (
              <span style={{ color: token('color.link', '#0C66E4'), fontWeight: 600 }}>{row.cells.complaintNumber || row.issueKey}</span>
            ) : (
              <span style={{ whiteSpace: NOWRAP.has(c.id) ? 'nowrap' : 'normal', overflowWrap: 'anywhere' }}>{row.cells[c.id]}</span>
            ),
        })),
        { key: rank(i), testId: 'cell-sla', content: <SlaLozenge sla={row.sla} locale={locale} testId={`sla-${key}`} /> },
      ],
    };
  });

  return (
    // Wide lists scroll sideways instead of squeezing headers to one character a line.
    <div style={{ overflowX: 'auto' }}>
      <div style={{ minWidth: Math.max(720, head.cells.length * 96) }}>
      <DynamicTableStateless
        testId="tracking-table"
        isFixedSize
        label={t('gadgetTitle')}
        head={head}
        rows={tableRows}
        isLoading={loading}
        sortKey={sortColumn}
        sortOrder={sort?.dir}
        onSort={(data: { key: string; sortOrder: 'ASC' | 'DESC' }) => {
          const by = SORT_KEYS[data.key as TrackingColumnId | 'sla'];
          if (by) onSort({ by, dir: data.sortOrder });
        }}
        emptyView={<EmptyState title={t('empty')} hint={t('emptyHint')} />}
      />
      </div>
    </div>
  );
}
