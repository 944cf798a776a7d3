/**
 * The Excel export: numbers and dates are Excel numbers and dates (not text), the defects & lot
 * cell sums as a number, and a large export is written in parts of bounded size.
 */
import ExcelJS from 'exceljs';
import { TRACKING_COLUMNS } from '../../src/rules/tracking';
import { EXPORT_FILE_ROWS, excelDate, typedRow, xlsxWriter } from '../../src/ui/gadget/export';
import { BREACHED, row } from './helpers';

const col = (id: string): number => TRACKING_COLUMNS.findIndex((c) => c.id === id) + 1;

describe('typed cells', () => {
  it('turns the list’s dates, date-times, counts and quantities into Excel values', () => {
    const cells = typedRow(row(7, { containmentAt: '2026-03-06 14:30', pictures: '3', actualCompletion: '' }, BREACHED), 'zh-CN');
    expect(cells[col('no') - 1]).toEqual({ value: 7 });
    expect(cells[col('complaintAt') - 1]).toEqual({ value: new Date(Date.UTC(2026, 2, 5)), numFmt: 'yyyy-mm-dd' });
    expect(cells[col('containmentAt') - 1]).toEqual({ value: new Date(Date.UTC(2026, 2, 6, 14, 30)), numFmt: 'yyyy-mm-dd hh:mm' });
    expect(cells[col('pictures') - 1]).toEqual({ value: 3 });
    expect(cells[col('quantity') - 1]).toEqual({ value: 12, numFmt: '0" / 5000 PCS"' });
    expect(cells[col('actualCompletion') - 1]).toEqual({ value: null });
    expect(cells[col('customer') - 1]).toEqual({ value: '上柴股份' });
    // The SLA due time (the third SLA column) is a date-time too, in the policy's wall clock.
    expect(cells[TRACKING_COLUMNS.length + 2]).toEqual({ value: new Date(Date.UTC(2026, 2, 12, 18, 0)), numFmt: 'yyyy-mm-dd hh:mm' });
    expect(excelDate('not a date')).toBeNull();
  });
});

describe('xlsxWriter', () => {
  it('writes parts of at most fileRows rows whose cells read back as numbers and dates', async () => {
    const saved: { bytes: ArrayBuffer; part: number; parts: number | null }[] = [];
    const writer = await xlsxWriter('zh-CN', '客诉追踪总览表', (bytes, part, parts) => saved.push({ bytes, part, parts }), 3, 2);
    await writer.add([row(1), row(2, {}, BREACHED)]);
    expect(saved).toHaveLength(1); // the first part is saved as soon as it is full
    await writer.add([row(3, { complaintAt: '2026-04-01' })]);
    expect(await writer.finish()).toBe(3);
    expect(saved.map((s) => [s.part, s.parts])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saved[0]!.bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3 + 2); // title, two header rows, two complaints
    const first = ws.getRow(4);
    expect(first.getCell(col('no')).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(col('complaintAt')).type).toBe(ExcelJS.ValueType.Date);
    expect((first.getCell(col('complaintAt')).value as Date).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(first.getCell(col('complaintAt')).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(col('quantity')).value).toBe(12);
    expect(first.getCell(col('customer')).type).toBe(ExcelJS.ValueType.String);
    const second = new ExcelJS.Workbook();
    await second.xlsx.load(saved[1]!.bytes);
    expect(second.worksheets[0]!.rowCount).toBe(3 + 1);
  });

  it('writes one file without a part number when everything fits, and nothing on discard', async () => {
    const saved: number[] = [];
    const writer = await xlsxWriter('en', 'Complaint tracking list', (_b, part, parts) => saved.push(part * 10 + (parts ?? 0)), 1);
    await writer.add([row(1)]);
    expect(await writer.finish()).toBe(1);
    expect(saved).toEqual([11]);
    const dropped: number[] = [];
    const other = await xlsxWriter('en', 'x', (_b, part) => dropped.push(part), null);
    await other.add([row(1)]);
    other.discard();
    expect(dropped).toEqual([]);
    expect(EXPORT_FILE_ROWS).toBe(10_000);
  });
});
