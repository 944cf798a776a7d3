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
import type { GadgetConfig, ListPage, Policy } from '../shared/types';
import { visibleColumns } from './config';
import { fetchCount, fetchPage, fetchSummary, pagesOf, type QueryInput } from './data';
import type { ListSummary } from '../../services/tracking';
import { FilterBar, type Filters } from './Filters';
import { ExportProgress, type ExportState } from './ExportProgress';
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
  const [exportState, setExportState] = useState<ExportState>({ status: 'idle' });
  const exportSignal = useRef<{ cancelled: boolean } | null>(null);
  const exporting = exportState.status === 'running';

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

  const changeFilters = (f: Filters): void => {
    setFilters(f);
    setTokens([]);
  };
  const changeSort = (s: Sort): void => {
    setSort(s);
    setTokens([]);
  };

  // The export reads the list page by page into a writer that keeps at most one workbook part
  // (Excel) or one page (CSV) in memory; the progress bar counts against Jira's count of the
  // scope, and Cancel stops after the page in flight.
  const runExport = useCallback(
    async (kind: 'xlsx' | 'csv') => {
      const signal = { cancelled: false };
      exportSignal.current = signal;
      setExportState({ status: 'running', done: 0, total: null });
      try {
        const total = await fetchCount(baseQuery).catch(() => null);
        setExportState({ status: 'running', done: 0, total });
        const name = `${locale === 'zh-CN' ? '客诉追踪总览表' : 'complaint-tracking'}-${stamp()}`;
        const mod = await import('./export');
        const heading = `${title} ${locale === 'zh-CN' ? 'Complaint tracking list' : '客诉追踪总览表'}`;
        const writer =
          kind === 'csv'
            ? mod.csvWriter(locale, (blob) => downloadBlob(blob, `${name}.csv`))
            : await mod.xlsxWriter(
                locale,
                heading,
                (bytes, part, parts) =>
                  downloadBlob(
                    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
                    parts === 1 ? `${name}.xlsx` : `${name}-${part}${parts ? `-of-${parts}` : ''}.xlsx`,
                  ),
                total,
              );
        let done = 0;
        for await (const rows of pagesOf(baseQuery, signal)) {
          await writer.add(rows);
          done += rows.length;
          if (!signal.cancelled) setExportState({ status: 'running', done, total });
        }
        if (signal.cancelled) {
          writer.discard();
          setExportState({ status: 'cancelled', done });
          return;
        }
        setExportState({ status: 'done', done: await writer.finish() });
      } catch (e) {
        setExportState({ status: 'error', message: errorText(e) });
      } finally {
        if (exportSignal.current === signal) exportSignal.current = null;
      }
    },
    [baseQuery, locale, title],
  );
  const cancelExport = (): void => {
    if (exportSignal.current) exportSignal.current.cancelled = true;
  };

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
      <ExportProgress state={exportState} onCancel={cancelExport} />
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
              <Charts query={baseQuery} reload={reload} policy={policy} />
            </Suspense>
          ) : null}
        </TabPanel>
        <TabPanel>
          {tab === 2 ? (
            <Suspense fallback={<Loading locale={locale} />}>
              <MonthlyReport query={baseQuery} reload={reload} policy={policy} title={title} />
            </Suspense>
          ) : null}
        </TabPanel>
      </Tabs>
    </div>
  );
}
