/**
 * Export of the tracking list in the seed's layout (003 客诉追踪总览表): a title row, the §6
 * headers in Chinese and in English, one row per complaint, then the SLA state. CSV is built
 * here; the Excel workbook needs exceljs, which is loaded only when someone clicks export.
 */
import { TRACKING_COLUMNS, formatSpan } from '../../rules/tracking';
import type { Locale, TrackingRow } from '../shared/types';
import { slaText } from '../shared/sla';

const SLA_HEADERS = [
  { 'zh-CN': 'SLA 状态', en: 'SLA state' },
  { 'zh-CN': '当前时限', en: 'Clock' },
  { 'zh-CN': '到期时间', en: 'Due' },
  { 'zh-CN': '剩余/超期', en: 'Remaining / overdue' },
] as const;

export function headerRow(locale: Locale): string[] {
  return [...TRACKING_COLUMNS.map((c) => c.label[locale]), ...SLA_HEADERS.map((h) => h[locale])];
}

export function dataRow(row: TrackingRow, locale: Locale): string[] {
  const s = row.sla;
  const span = s.status === 'breached' ? `-${formatSpan(s.overdueMinutes, locale)}` : s.status === 'running' || s.status === 'at-risk' ? formatSpan(s.remainingMinutes, locale) : '';
  return [...TRACKING_COLUMNS.map((c) => row.cells[c.id] ?? ''), slaText(s, locale), s.label?.[locale] ?? '', s.due ?? '', span];
}

function csvCell(v: string): string {
  // Quote everything that could break a line or a cell; neutralise formula injection.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 BOM (so Excel reads the Chinese), both header rows, CRLF line ends. */
export function toCsv(rows: TrackingRow[], locale: Locale): string {
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const lines = [headerRow(locale), headerRow(other), ...rows.map((r) => dataRow(r, locale))];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

type ExcelModule = typeof import('exceljs');

async function loadExcel(): Promise<ExcelModule> {
  const mod = await import('exceljs');
  // exceljs is CommonJS: depending on the bundler its API is the namespace or its default export.
  return (mod as ExcelModule & { default?: ExcelModule }).default ?? mod;
}

/** Columns whose cells are dates ('YYYY-MM-DD') or date-times ('YYYY-MM-DD HH:mm') in the list. */
const DATE_COLUMNS = new Set<string>(['complaintAt', 'requestedCompletion', 'actualCompletion']);
const DATETIME_COLUMNS = new Set<string>(['containmentAt', 'eightDAt']);
const NUMBER_COLUMNS = new Set<string>(['no', 'pictures']);
const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * A wall-clock date as Excel holds it: exceljs writes a Date as its UTC serial, so the UTC
 * fields carry the local date and time the list shows (the policy's zone, as on screen).
 */
export function excelDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface TypedCell {
  value: string | number | Date | null;
  numFmt?: string;
}

/**
 * One row's cells as Excel values: numbers as numbers, dates as dates (with a date format);
 * the defects & lot cell ("12 / 5000 PCS") holds the defect count as a number shown with its
 * lot size by the cell's format, so the column sums; text stays text.
 */
export function typedRow(row: TrackingRow, locale: Locale): TypedCell[] {
  const texts = dataRow(row, locale);
  return texts.map((text, i) => {
    const id = TRACKING_COLUMNS[i]?.id ?? (i === TRACKING_COLUMNS.length + 2 ? 'due' : '');
    if (text === '') return { value: null };
    if (NUMBER_COLUMNS.has(id) && /^\d+$/.test(text)) return { value: Number(text) };
    if (DATE_COLUMNS.has(id)) {
      const d = excelDate(text);
      return d ? { value: d, numFmt: DATE_FORMAT } : { value: text };
    }
    if (DATETIME_COLUMNS.has(id) || id === 'due') {
      const d = excelDate(text);
      return d ? { value: d, numFmt: DATETIME_FORMAT } : { value: text };
    }
    if (id === 'quantity') {
      const q = /^(\d+) \/ (\d+|—) PCS$/.exec(text);
      if (q) return { value: Number(q[1]), numFmt: `0" / ${q[2]} PCS"` };
    }
    return { value: text };
  });
}

/** Rows per workbook: a larger export is written as several files, each built and saved in turn. */
export const EXPORT_FILE_ROWS = 10_000;

type Workbook = InstanceType<ExcelModule['Workbook']>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

function newSheet(Excel: ExcelModule, locale: Locale, title: string, now: Date): { wb: Workbook; ws: Worksheet } {
  const wb = new Excel.Workbook();
  wb.creator = 'kesu-complaints';
  wb.created = now;
  const ws = wb.addWorksheet(locale === 'zh-CN' ? '客诉追踪总览表' : 'Complaint tracking list', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const zh = headerRow('zh-CN');
  const en = headerRow('en');
  const width = zh.length;
  const titleRow = ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  titleRow.font = { bold: true, size: 14 };
  titleRow.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 24;
  for (const [i, header] of [zh, en].entries()) {
    const r = ws.addRow(header);
    r.font = { bold: i === 0, size: i === 0 ? 11 : 9 };
    r.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    r.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = BOXED;
    });
  }
  ws.columns.forEach((col, i) => {
    const longest = Math.max(...[zh[i] ?? '', en[i] ?? ''].map((s) => s.length));
    col.width = Math.min(40, Math.max(8, longest + 4));
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: width } };
  return { wb, ws };
}

const BORDER = { style: 'thin' as const };
const BOXED = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

function addRows(ws: Worksheet, rows: TrackingRow[], locale: Locale): void {
  const width = headerRow(locale).length;
  for (const row of rows) {
    const cells = typedRow(row, locale);
    const r = ws.addRow(cells.map((c) => c.value));
    r.alignment = { wrapText: true, vertical: 'top' };
    cells.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      cell.border = BOXED;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
    if (row.sla.status === 'breached') r.getCell(width - 3).font = { color: { argb: 'FFC9372C' }, bold: true };
  }
}

/** The workbook as bytes (xlsx), all rows in one sheet. */
export async function toXlsx(rows: TrackingRow[], locale: Locale, title: string, now: Date = new Date()): Promise<ArrayBuffer> {
  const Excel = await loadExcel();
  const { wb, ws } = newSheet(Excel, locale, title, now);
  addRows(ws, rows, locale);
  return wb.xlsx.writeBuffer();
}

/** Receives the list a page at a time; `finish` saves what is left, `discard` drops it. */
export interface ExportWriter {
  add(rows: TrackingRow[]): Promise<void>;
  finish(): Promise<number>;
  discard(): void;
}

/**
 * Excel export with bounded memory: rows go into a workbook of at most EXPORT_FILE_ROWS rows;
 * a full one is written and handed to `save` (part 1, 2, …) before the next is started, so the
 * browser never holds more than one part. exceljs's streaming writer needs Node streams and
 * the file system; in the browser the workbook is built in memory, hence the parts.
 */
export async function xlsxWriter(
  locale: Locale,
  title: string,
  save: (bytes: ArrayBuffer, part: number, parts: number | null) => void,
  total: number | null,
  fileRows: number = EXPORT_FILE_ROWS,
  now: Date = new Date(),
): Promise<ExportWriter> {
  const Excel = await loadExcel();
  const parts = total === null ? null : Math.max(1, Math.ceil(total / fileRows));
  let part = 1;
  let current: { wb: Workbook; ws: Worksheet; rows: number } | null = null;
  let written = 0;
  const flush = async (): Promise<void> => {
    if (!current) return;
    const bytes = await current.wb.xlsx.writeBuffer();
    save(bytes, part++, parts);
    current = null;
  };
  return {
    async add(rows) {
      let rest = rows;
      while (rest.length) {
        current ??= { ...newSheet(Excel, locale, title, now), rows: 0 };
        const take = rest.slice(0, fileRows - current.rows);
        addRows(current.ws, take, locale);
        current.rows += take.length;
        written += take.length;
        rest = rest.slice(take.length);
        if (current.rows >= fileRows) await flush();
      }
    },
    async finish() {
      if (current || part === 1) {
        current ??= { ...newSheet(Excel, locale, title, now), rows: 0 };
        await flush();
      }
      return written;
    },
    discard() {
      current = null;
    },
  };
}

/** CSV export: each page becomes a Blob part at once, so the JavaScript heap holds one page. */
export function csvWriter(locale: Locale, save: (blob: Blob) => void): ExportWriter {
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const line = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;
  let parts: Blob[] = [new Blob(['\uFEFF' + line(headerRow(locale)) + line(headerRow(other))])];
  let written = 0;
  return {
    async add(rows) {
      parts.push(new Blob([rows.map((r) => line(dataRow(r, locale))).join('')]));
      written += rows.length;
    },
    async finish() {
      save(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      parts = [];
      return written;
    },
    discard() {
      parts = [];
    },
  };
}
