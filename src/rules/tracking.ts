/**
 * The tracking list (客诉追踪总览表, domain.md §6): the columns in the seed's order and one row
 * per complaint, rendered for a locale. The gadget, the Excel/CSV export and the CLI share it.
 */
import type { Complaint } from './complaint';
import { STATUS_LABELS, type Locale, type Localized, type StatusId } from './messages';
import { optionLabel, type Policy } from './policy';
import { worstClock, type ClockState, type ClockStatus } from './sla';
import { formatInstant, isIsoDate, parseInstant } from './time';

export const TRACKING_COLUMNS = [
  { id: 'no', label: { 'zh-CN': '序号', en: 'No.' } },
  { id: 'complaintNumber', label: { 'zh-CN': '客诉单编号', en: 'Complaint number' } },
  { id: 'customer', label: { 'zh-CN': '客户名称', en: 'Customer' } },
  { id: 'complaintAt', label: { 'zh-CN': '投诉日期', en: 'Complaint date' } },
  { id: 'part', label: { 'zh-CN': '料号&品名', en: 'Part number & name' } },
  { id: 'defect', label: { 'zh-CN': '不良质量异常现象', en: 'Defect phenomenon' } },
  { id: 'quantity', label: { 'zh-CN': '不良数量&批量', en: 'Defects & lot size' } },
  { id: 'pictures', label: { 'zh-CN': '不良图片', en: 'Defect pictures' } },
  { id: 'rootCause', label: { 'zh-CN': '原因简述(产生/流出)', en: 'Root cause (occurrence / outflow)' } },
  { id: 'action', label: { 'zh-CN': '对策简述(产生/流出)', en: 'Corrective action (occurrence / outflow)' } },
  { id: 'status', label: { 'zh-CN': '处理进度', en: 'Status' } },
  { id: 'productionUnit', label: { 'zh-CN': '生产单位', en: 'Production unit' } },
  { id: 'responsibleDepartment', label: { 'zh-CN': '责任单位', en: 'Responsible department' } },
  { id: 'fmea', label: { 'zh-CN': 'FMEA 编号&类似品水平展开料号', en: 'FMEA no. & similar parts' } },
  { id: 'fmeaVersion', label: { 'zh-CN': '更新版本 DFMEA&PFMEA', en: 'DFMEA & PFMEA version' } },
  { id: 'closure', label: { 'zh-CN': '结案状况', en: 'Closure' } },
  { id: 'requestedCompletion', label: { 'zh-CN': '要求完成日', en: 'Requested completion' } },
  { id: 'containmentAt', label: { 'zh-CN': '3D 完成时间', en: '3D completion' } },
  { id: 'eightDAt', label: { 'zh-CN': '8D 完成时间', en: '8D completion' } },
  { id: 'actualCompletion', label: { 'zh-CN': '实际完成日', en: 'Actual completion' } },
  { id: 'lateReason', label: { 'zh-CN': '未达成原因', en: 'Reason not accomplished' } },
  { id: 'effectiveness1', label: { 'zh-CN': '效果验证(第1月)', en: 'Effectiveness month 1' } },
  { id: 'effectiveness2', label: { 'zh-CN': '效果验证(第2月)', en: 'Effectiveness month 2' } },
  { id: 'effectiveness3', label: { 'zh-CN': '效果验证(第3月)', en: 'Effectiveness month 3' } },
  { id: 'remarks', label: { 'zh-CN': '备注', en: 'Remarks' } },
] as const satisfies ReadonlyArray<{ id: string; label: Localized }>;

export type TrackingColumnId = (typeof TRACKING_COLUMNS)[number]['id'];
export const TRACKING_COLUMN_IDS: TrackingColumnId[] = TRACKING_COLUMNS.map((c) => c.id);

export interface TrackingInput {
  /** 1-based position in the list. */
  no: number;
  complaint: Complaint;
  status: StatusId;
  clocks: ClockState[];
  /** Number of attached defect pictures. */
  pictures?: number;
  /** Jira issue key, to open the issue from the row. */
  issueKey?: string;
}

export interface TrackingSla {
  status: ClockStatus | 'none';
  clockId: string | null;
  label: Localized | null;
  due: string | null;
  remainingMinutes: number;
  overdueMinutes: number;
  lateDays: number;
}

/** Option ids behind the row's display text, for charts and reports that group rows. */
export interface TrackingFacets {
  status: StatusId;
  category: string | null;
  /** Severity or class in force. */
  severity: string | null;
  department: string | null;
  rootCauseCategory: string | null;
  disposition: string | null;
  partNumber: string | null;
}

export interface TrackingRow {
  issueKey: string | null;
  cells: Record<TrackingColumnId, string>;
  sla: TrackingSla;
  facets?: Partial<TrackingFacets>;
}

const CLOSURE: Record<'open' | 'closed' | 'closed-late', Localized> = {
  open: { 'zh-CN': '未结案', en: 'Open' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  'closed-late': { 'zh-CN': '超期结案', en: 'Closed late' },
};

const YES_NO: Record<'yes' | 'no', Localized> = {
  yes: { 'zh-CN': '再发', en: 'Recurred' },
  no: { 'zh-CN': '未再发', en: 'No recurrence' },
};

function dateText(value: string | null | undefined, zone: string, withTime: boolean): string {
  if (!value) return '';
  if (isIsoDate(value)) return value;
  const ms = parseInstant(value);
  if (ms === null) return value;
  const local = formatInstant(ms, zone);
  return withTime ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : local.slice(0, 10);
}

function pair(a: string | null | undefined, b: string | null | undefined): string {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  if (!x && !y) return '';
  return `${x || '—'} / ${y || '—'}`;
}

export function trackingRow(policy: Policy, input: TrackingInput, locale: Locale): TrackingRow {
  const c = input.complaint;
  const zone = policy.timeZone;
  const worst = worstClock(input.clocks);
  const anyBreached = input.clocks.some((k) => k.status === 'breached');
  const closure = input.status === 'closed' ? (anyBreached ? 'closed-late' : 'closed') : 'open';
  const effectiveness = (month: number): string => {
    const e = c.effectiveness?.find((x) => x.month === month);
    if (!e) return '';
    const word = YES_NO[e.recurred ? 'yes' : 'no'][locale];
    return e.note ? `${word}: ${e.note}` : word;
  };
  const quantity =
    typeof c.defectQuantity === 'number' || typeof c.shippedQuantity === 'number'
      ? `${c.defectQuantity ?? '—'} / ${c.shippedQuantity ?? '—'} PCS`
      : '';
  const part = [c.partNumber, c.partName].filter((x) => x && x.trim()).join(' ');
  const fmea = [c.fmeaNumber ?? '', (c.similarParts ?? []).join(', ')].filter((x) => x).join(' / ');
  const cells: Record<TrackingColumnId, string> = {
    no: String(input.no),
    complaintNumber: c.complaintNumber ?? '',
    customer: c.customer ?? '',
    complaintAt: dateText(c.complaintAt, zone, false),
    part,
    defect: c.defect ?? '',
    quantity,
    pictures: input.pictures ? String(input.pictures) : '',
    rootCause: pair(c.rootCauseOccurrence, c.rootCauseOutflow),
    action: pair(c.actionOccurrence, c.actionOutflow),
    status: STATUS_LABELS[input.status][locale],
    productionUnit: c.productionUnit ?? '',
    responsibleDepartment: optionLabel(policy.departments, c.responsibleDepartment, locale),
    fmea,
    fmeaVersion: c.fmeaVersion ?? '',
    closure: CLOSURE[closure][locale],
    requestedCompletion: dateText(c.requestedCompletion, zone, false),
    containmentAt: dateText(c.containmentAt, zone, true),
    eightDAt: dateText(c.eightDAt, zone, true),
    actualCompletion: dateText(c.actualCompletion, zone, false),
    lateReason: c.lateReason ?? '',
    effectiveness1: effectiveness(1),
    effectiveness2: effectiveness(2),
    effectiveness3: effectiveness(3),
    remarks: c.remarks ?? '',
  };
  const sla: TrackingSla = worst
    ? {
        status: worst.status,
        clockId: worst.id,
        label: worst.label,
        due: worst.due,
        remainingMinutes: worst.remainingMinutes,
        overdueMinutes: worst.overdueMinutes,
        lateDays: worst.lateDays,
      }
    : { status: 'none', clockId: null, label: null, due: null, remainingMinutes: 0, overdueMinutes: 0, lateDays: 0 };
  const facets: TrackingFacets = {
    status: input.status,
    category: c.category ?? null,
    severity: c.class ?? c.severity ?? null,
    department: c.responsibleDepartment ?? null,
    rootCauseCategory: c.rootCauseCategory ?? null,
    disposition: c.disposition ?? null,
    partNumber: c.partNumber ?? null,
  };
  return { issueKey: input.issueKey ?? null, cells, sla, facets };
}

/** "2 天 3 小时" / "2 d 3 h" — remaining or overdue time for a lozenge. */
export function formatSpan(minutes: number, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (locale === 'zh-CN') {
    if (d > 0) return `${d} 天 ${h} 小时`;
    if (h > 0) return `${h} 小时 ${mm} 分`;
    return `${mm} 分钟`;
  }
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${mm} min`;
  return `${mm} min`;
}
