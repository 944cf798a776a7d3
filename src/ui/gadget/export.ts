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

/** The workbook as bytes (xlsx). */
export async function toXlsx(rows: TrackingRow[], locale: Locale, title: string, now: Date = new Date()): Promise<ArrayBuffer> {
  const Excel = await loadExcel();
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
  const border = { style: 'thin' as const };
  const boxed = { top: border, left: border, bottom: border, right: border };
  for (const [i, header] of [zh, en].entries()) {
    const r = ws.addRow(header);
    r.font = { bold: i === 0, size: i === 0 ? 11 : 9 };
    r.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    r.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = boxed;
    });
  }
  for (const row of rows) {
    const r = ws.addRow(dataRow(row, locale));
    r.alignment = { wrapText: true, vertical: 'top' };
    r.eachCell((cell) => {
      cell.border = boxed;
    });
    if (row.sla.status === 'breached') r.getCell(width - 3).font = { color: { argb: 'FFC9372C' }, bold: true };
  }
  ws.columns.forEach((col, i) => {
    const longest = Math.max(...[zh[i] ?? '', en[i] ?? ''].map((s) => s.length));
    col.width = Math.min(40, Math.max(8, longest + 4));
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: width } };
  return wb.xlsx.writeBuffer();
}
