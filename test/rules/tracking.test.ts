/**
 * The tracking list (客诉追踪总览表, domain.md §6).
 */
import {
  TRACKING_COLUMNS,
  TRACKING_COLUMN_IDS,
  evaluateClocks,
  formatSpan,
  parseComplaint,
  presetPolicy,
  trackingRow,
  type Milestones,
} from '../../src/rules';
import { ms } from './helpers';
import { SECTION6 } from '../fixtures/section6';

const food = presetPolicy('food');

const complaint = parseComplaint(food, {
  complaintNumber: '260305001',
  customer: '上柴股份',
  complaintAt: '2026-03-04T16:30:00Z', // 5 Mar 00:30 in Shanghai
  partNumber: '3943450',
  partName: '轴承内圈',
  defect: '内径超差',
  shippedQuantity: 5000,
  defectQuantity: 12,
  category: 'quality',
  responsibleDepartment: 'production',
  productionUnit: '二分厂',
  rootCauseOccurrence: '磨床砂轮磨损',
  rootCauseOutflow: '终检漏检',
  actionOccurrence: '更换砂轮',
  fmeaNumber: 'PF-0231',
  similarParts: ['3943449', '3968074'],
  fmeaVersion: 'PFMEA C',
  requestedCompletion: '2026-03-20',
  containmentAt: '2026-03-06T02:15:00Z',
  effectiveness: [
    { month: 1, recurred: false },
    { month: 3, recurred: true, note: '4 月再发 2 件' },
  ],
  remarks: '客户要求 8D',
});

const late: Milestones = { assigned: '2026-03-09T10:00:00+08:00' };

describe('columns', () => {
  it('are in the seed order of domain.md §6', () => {
    expect(TRACKING_COLUMNS.map((c) => c.label['zh-CN'])).toEqual(SECTION6);
    for (const c of TRACKING_COLUMNS) expect(c.label.en).not.toBe('');
  });

  it('a row has exactly one cell per column, in column order', () => {
    const row = trackingRow(food, { no: 1, complaint, status: 'investigating', clocks: [] }, 'zh-CN');
    expect(Object.keys(row.cells)).toEqual(TRACKING_COLUMN_IDS);
  });
});

describe('cells', () => {
  const clocks = evaluateClocks(food, complaint, late, ms('2026-03-11T10:00:00+08:00'));
  const zh = trackingRow(food, { no: 3, complaint, status: 'investigating', clocks, pictures: 2, issueKey: 'KS-17' }, 'zh-CN');
  const en = trackingRow(food, { no: 3, complaint, status: 'investigating', clocks, pictures: 2, issueKey: 'KS-17' }, 'en');

  it('quantity reads `12 / 5000 PCS`', () => {
    expect(zh.cells.quantity).toBe('12 / 5000 PCS');
  });

  it('the texts of the record', () => {
    expect(zh.issueKey).toBe('KS-17');
    expect(zh.cells).toMatchObject({
      no: '3',
      complaintNumber: '260305001',
      customer: '上柴股份',
      complaintAt: '2026-03-05',
      part: '3943450 轴承内圈',
      defect: '内径超差',
      pictures: '2',
      rootCause: '磨床砂轮磨损 / 终检漏检',
      action: '更换砂轮 / —',
      status: '调查中',
      productionUnit: '二分厂',
      responsibleDepartment: '生产部',
      fmea: 'PF-0231 / 3943449, 3968074',
      fmeaVersion: 'PFMEA C',
      closure: '未结案',
      requestedCompletion: '2026-03-20',
      containmentAt: '2026-03-06 10:15',
      eightDAt: '',
      effectiveness1: '未再发',
      effectiveness2: '',
      effectiveness3: '再发: 4 月再发 2 件',
      remarks: '客户要求 8D',
    });
    expect(en.cells).toMatchObject({ status: 'Investigating', responsibleDepartment: 'Production', closure: 'Open', effectiveness1: 'No recurrence' });
  });

  it('the SLA summary is the worst clock', () => {
    // food.record / food.internal: due Thu 12 Mar 18:00; at Wed 11 Mar 10:00 15 of 31 working hours are left: running.
    expect(zh.sla).toMatchObject({ status: 'running', due: '2026-03-12T18:00:00+08:00', overdueMinutes: 0, lateDays: 0 });
    expect(zh.sla.remainingMinutes).toBe(32 * 60);
    const overdue = evaluateClocks(food, complaint, { ...late, investigated: '2026-03-10T10:00:00+08:00' }, ms('2026-03-13T10:00:00+08:00'));
    const row = trackingRow(food, { no: 1, complaint, status: 'investigating', clocks: overdue }, 'en');
    expect(row.sla).toMatchObject({ status: 'breached', clockId: 'food.internal', overdueMinutes: 16 * 60, lateDays: 1 });
    expect(row.sla.label?.en).toBe('Internal handling (product quality)');
  });

  it('no clock → status none', () => {
    const row = trackingRow(food, { no: 1, complaint, status: 'registered', clocks: [] }, 'en');
    expect(row.sla).toEqual({ status: 'none', clockId: null, label: null, due: null, remainingMinutes: 0, overdueMinutes: 0, lateDays: 0 });
  });
});

describe('closure status', () => {
  it('closed on time, closed late, open', () => {
    const onTime = evaluateClocks(
      food,
      complaint,
      { ...late, investigated: '2026-03-10T10:00:00+08:00', resolved: '2026-03-11T10:00:00+08:00', 'follow-up': '2026-03-12T10:00:00+08:00' },
      ms('2026-03-20T10:00:00+08:00'),
    );
    expect(trackingRow(food, { no: 1, complaint, status: 'closed', clocks: onTime }, 'zh-CN').cells.closure).toBe('已结案');
    const lateClocks = evaluateClocks(
      food,
      complaint,
      { ...late, investigated: '2026-03-10T10:00:00+08:00', resolved: '2026-03-16T10:00:00+08:00', 'follow-up': '2026-03-17T10:00:00+08:00' },
      ms('2026-03-20T10:00:00+08:00'),
    );
    expect(trackingRow(food, { no: 1, complaint, status: 'closed', clocks: lateClocks }, 'zh-CN').cells.closure).toBe('超期结案');
    expect(trackingRow(food, { no: 1, complaint, status: 'closed', clocks: lateClocks }, 'en').cells.closure).toBe('Closed late');
    expect(trackingRow(food, { no: 1, complaint, status: 'follow-up', clocks: onTime }, 'en').cells.closure).toBe('Open');
  });
});

describe('quantity edge cases and spans', () => {
  it('missing numbers show a dash; none at all shows nothing', () => {
    const only = parseComplaint(food, { shippedQuantity: 800 });
    expect(trackingRow(food, { no: 1, complaint: only, status: 'registered', clocks: [] }, 'en').cells.quantity).toBe('— / 800 PCS');
    const none = parseComplaint(food, {});
    expect(trackingRow(food, { no: 1, complaint: none, status: 'registered', clocks: [] }, 'en').cells.quantity).toBe('');
  });

  it('formats remaining / overdue spans', () => {
    expect(formatSpan(3 * 1440 + 125, 'zh-CN')).toBe('3 天 2 小时');
    expect(formatSpan(125, 'en')).toBe('2 h 5 min');
    expect(formatSpan(5, 'en')).toBe('5 min');
  });
});
