/**
 * The dashboard gadget's view: filters, summary strip, the tracking list with server-side
 * sorting and paging, exports, and the charts and monthly report (loaded on demand).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { call, errorText } from '../shared/bridge';
import { downloadBlob, stamp } from '../shared/download';
import { useLocale, useT } from '../shared/i18n';
import { ErrorState, Loading } from '../shared/states';
import type { GadgetConfig, ListPage, Policy, PolicyAnswer } from '../shared/types';
import { visibleColumns } from './config';
import { ALL_ROWS_LIMIT, fetchAllRows, fetchPage, fetchSummary, type QueryInput } from './data';
import type { ListSummary } from '../../services/tracking';
import { FilterBar, type Filters } from './Filters';
import type { AllRowsState } from './AllRows';
import { SummaryStrip } from './Summary';
import { TrackingTable, type Sort } from './TrackingTable';

const Charts = lazy(() => import('./Charts'));
const MonthlyReport = lazy(() => import('./MonthlyReport'));

export const PAGE_SIZE = 25;

type PageState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; page: ListPage };

export function Gadget({ config }: { config: GadgetConfig }): JSX.Element {
  const t = useT();
  const locale = useLocale();
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  /** Tokens that led to the pages after the first: the last one is the current page's. */
  const [tokens, setTokens] = useState<string[]>([]);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [loadingFlag, setLoadingFlag] = useState(true);
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [tab, setTab] = useState(0);
  const [all, setAll] = useState<AllRowsState>({ status: 'idle' });
  const [exportStatus, setExportStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [exporting, setExporting] = useState(false);

  const columns = visibleColumns(config);
  const title = config.title || t('gadgetTitle');
  const baseQuery = useMemo<QueryInput>(() => ({ config, filters, ...(sort ? { sort } : {}) }), [config, filters, sort]);
  const pageToken = tokens[tokens.length - 1];

  useEffect(() => {
    // The options of every policy in the gadget's scope (projects can run different presets).
    call('policy/scope', config.projects?.length ? { projects: config.projects } : {})
      .then((a) => setPolicy(a.policy))
      .catch(() => setPolicy(null)); // the filters by option then stay hidden; the list still works
  }, [config.projects]);

  // The summary strip counts the whole scope (config + filters), not just this page.
  const [totals, setTotals] = useState<ListSummary | null>(null);
  useEffect(() => {
    let alive = true;
    setTotals(null);
    fetchSummary({ config, filters })
      .then((s) => alive && setTotals(s))
      .catch(() => alive && setTotals(null)); // the strip then falls back to the loaded page
    return () => {
      alive = false;
    };
  }, [config, filters]);

  useEffect(() => {
    let alive = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    setLoadingFlag(true);
    fetchPage({ ...baseQuery, pageSize: PAGE_SIZE, ...(pageToken ? { nextPageToken: pageToken } : {}) }, tokens.length * PAGE_SIZE)
      .then((page) => alive && setState({ status: 'ready', page }))
      .catch((e: unknown) => alive && setState({ status: 'error', message: errorText(e) }))
      .finally(() => alive && setLoadingFlag(false));
    return () => {
      alive = false;
    };
    // tokens.length moves with pageToken: every query change resets the stack.
  }, [baseQuery, pageToken, reload]);

  // Charts and the report read every page, once per query; they reload when the query changes.
  const allFor = useRef<QueryInput | null>(null);
  const needAll = tab !== 0;
  useEffect(() => {
    allFor.current = null;
    setAll({ status: 'idle' });
  }, [baseQuery, reload]);
  useEffect(() => {
    if (!needAll || allFor.current === baseQuery) return;
    allFor.current = baseQuery;
    let alive = true;
    let finished = false;
    setAll({ status: 'loading', read: 0 });
    fetchAllRows(baseQuery, (n) => alive && setAll({ status: 'loading', read: n }))
      .then((r) => alive && setAll({ status: 'ready', ...r }))
      .catch((e: unknown) => alive && setAll({ status: 'error', message: errorText(e) }))
      .finally(() => {
        finished = true;
      });
    return () => {
      alive = false;
      if (!finished) allFor.current = null; // interrupted: read again next time
    };
  }, [needAll, baseQuery, reload]);

  const changeFilters = (f: Filters): void => {
    setFilters(f);
    setTokens([]);
  };
  const changeSort = (s: Sort): void => {
    setSort(s);
    setTokens([]);
  };

  const runExport = useCallback(
    async (kind: 'xlsx' | 'csv') => {
      setExporting(true);
      setExportStatus({ text: t('exporting', { n: 0 }) });
      try {
        const { rows, truncated } = await fetchAllRows(baseQuery, (n) => setExportStatus({ text: t('exporting', { n }) }));
        const name = `${locale === 'zh-CN' ? '客诉追踪总览表' : 'complaint-tracking'}-${stamp()}`;
        const mod = await import('./export');
        if (kind === 'csv') {
          downloadBlob(new Blob([mod.toCsv(rows, locale)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
        } else {
          const heading = `${title} ${locale === 'zh-CN' ? 'Complaint tracking list' : '客诉追踪总览表'}`;
          const bytes = await mod.toXlsx(rows, locale, heading);
          downloadBlob(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${name}.xlsx`);
        }
        setExportStatus({ text: truncated ? t('exportTruncated', { n: ALL_ROWS_LIMIT }) : t('exportDone', { n: rows.length }) });
      } catch (e) {
        setExportStatus({ text: errorText(e), error: true });
      } finally {
        setExporting(false);
      }
    },
    [baseQuery, locale, t, title],
  );

  const page = state.status === 'ready' ? state.page : null;
  const pageNo = tokens.length + 1;

  return (
    <div data-testid="gadget" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <header className="kesu-no-print" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
        <h2 data-testid="gadget-title" style={{ margin: 0, flex: '1 1 auto', font: token('font.heading.small', '600 16px/20px sans-serif') }}>
          {title}
        </h2>
        <Button testId="refresh" appearance="subtle" onClick={() => setReload((n) => n + 1)}>
          {t('refresh')}
        </Button>
        <Button testId="export-excel" isDisabled={exporting} onClick={() => void runExport('xlsx')}>
          {t('exportExcel')}
        </Button>
        <Button testId="export-csv" isDisabled={exporting} onClick={() => void runExport('csv')}>
          {t('exportCsv')}
        </Button>
      </header>
      <div
        data-testid="export-status"
        aria-live="polite"
        style={{ minHeight: 16, font: token('font.body.small', '12px/16px sans-serif'), color: exportStatus?.error ? token('color.text.danger', '#AE2E24') : token('color.text.subtle', '#44546F') }}
      >
        {exportStatus?.text ?? ''}
      </div>
      <Tabs id="gadget-tabs" testId="gadget-tabs" selected={tab} onChange={(i) => setTab(i)}>
        <TabList>
          <Tab testId="tab-list">{t('tabList')}</Tab>
          <Tab testId="tab-charts">{t('tabCharts')}</Tab>
          <Tab testId="tab-report">{t('tabReport')}</Tab>
        </TabList>
        <TabPanel>
          {tab === 0 ? (
            <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px'), width: '100%', paddingTop: token('space.100', '8px') }}>
              <FilterBar value={filters} onChange={changeFilters} policy={policy} />
              {state.status === 'error' ? (
                <ErrorState locale={locale} message={state.message} onRetry={() => setReload((n) => n + 1)} />
              ) : state.status === 'loading' ? (
                <Loading locale={locale} />
              ) : (
                <>
                  <SummaryStrip rows={state.page.rows} totals={totals} />
                  <TrackingTable rows={state.page.rows} columns={columns} sort={sort} onSort={changeSort} loading={loadingFlag} />
                  <nav aria-label="pagination" style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), justifyContent: 'flex-end' }}>
                    <Button testId="page-prev" isDisabled={tokens.length === 0 || loadingFlag} onClick={() => setTokens((s) => s.slice(0, -1))}>
                      {t('prev')}
                    </Button>
                    <span data-testid="page-number">{t('page', { n: pageNo })}</span>
                    <Button
                      testId="page-next"
                      isDisabled={!page?.nextPageToken || loadingFlag}
                      onClick={() => page?.nextPageToken && setTokens((s) => [...s, page.nextPageToken!])}
                    >
                      {t('next')}
                    </Button>
                  </nav>
                </>
              )}
            </div>
          ) : null}
        </TabPanel>
        <TabPanel>
          {tab === 1 ? (
            <Suspense fallback={<Loading locale={locale} />}>
              <Charts all={all} policy={policy} />
            </Suspense>
          ) : null}
        </TabPanel>
        <TabPanel>
          {tab === 2 ? (
            <Suspense fallback={<Loading locale={locale} />}>
              <MonthlyReport all={all} policy={policy} title={title} />
            </Suspense>
          ) : null}
        </TabPanel>
      </Tabs>
    </div>
  );
}
