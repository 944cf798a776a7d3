import {
  DEMO_DEFAULT_NOW,
  DEMO_RANGE,
  complaintAsOf,
  generateDemoComplaints,
  reachedStatuses,
  type DemoComplaint,
} from '../../../sandbox/demo';
import {
  MILESTONE_IDS,
  STATUS_IDS,
  calendarFor,
  checkTransition,
  classify,
  evaluateClocks,
  parseComplaint,
  parseInstant,
  parseNumber,
  presetPolicy,
  toLocal,
  type ClockStatus,
  type HistoryEntry,
  type MilestoneId,
  type Policy,
  type StatusId,
} from '../../../src/rules';

const NOW = parseInstant(DEMO_DEFAULT_NOW)!;
const policies: Record<DemoComplaint['policyId'], Policy> = { 'auto-abc': presetPolicy('auto-abc'), food: presetPolicy('food') };
const ms = (s: string | null | undefined): number => parseInstant(s ?? '') ?? Number.NaN;

let demo: DemoComplaint[];
beforeAll(() => {
  demo = generateDemoComplaints();
});

/** The milestones each status must have (beyond which optional ones may appear). */
const REQUIRED: Record<StatusId, MilestoneId[]> = {
  registered: ['registered'],
  assigned: ['registered', 'assigned'],
  investigating: ['registered', 'assigned', 'first-response'],
  'corrective-action': ['registered', 'assigned', 'first-response', 'containment', 'investigated'],
  replied: ['registered', 'assigned', 'first-response', 'containment', 'investigated', 'solution-proposed', 'replied'],
  'follow-up': ['registered', 'assigned', 'first-response', 'containment', 'investigated', 'solution-proposed', 'resolved', 'replied'],
  reopened: ['registered', 'assigned', 'first-response', 'containment', 'investigated', 'solution-proposed', 'resolved', 'replied', 'follow-up'],
  closed: MILESTONE_IDS.filter((m) => m !== '8d-done'),
};
const ALLOWED_EXTRA: Partial<Record<StatusId, MilestoneId[]>> = {
  investigating: ['containment'],
  'corrective-action': ['solution-proposed'],
  replied: ['resolved'],
};

describe('generateDemoComplaints', () => {
  it('produces at least 320 complaints in the two projects', () => {
    expect(demo.length).toBeGreaterThanOrEqual(320);
    const qc = demo.filter((d) => d.project === 'QC');
    const sv = demo.filter((d) => d.project === 'SV');
    expect(qc.length).toBeGreaterThan(150);
    expect(sv.length).toBeGreaterThan(130);
    expect(qc.every((d) => d.policyId === 'auto-abc')).toBe(true);
    expect(sv.every((d) => d.policyId === 'food')).toBe(true);
  });

  it('is deterministic: same seed and now, same output; another seed differs', () => {
    const again = generateDemoComplaints({ seed: undefined, now: DEMO_DEFAULT_NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    const other = generateDemoComplaints({ seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemoComplaints({ seed: 7 }))).toBe(JSON.stringify(other));
  });

  it('has every status many times, in both projects', () => {
    for (const status of STATUS_IDS) {
      for (const project of ['QC', 'SV'] as const) {
        const n = demo.filter((d) => d.project === project && d.status === status).length;
        expect({ project, status, n: n >= 6 }).toEqual({ project, status, n: true });
      }
    }
  });

  it('has every clock state (running, at-risk, met, breached) at now, for several clocks', () => {
    const byState = new Map<ClockStatus, Set<string>>();
    const counts = new Map<ClockStatus, number>();
    for (const d of demo) {
      for (const c of evaluateClocks(policies[d.policyId], d.complaint, d.milestones, NOW)) {
        if (!byState.has(c.status)) byState.set(c.status, new Set());
        byState.get(c.status)!.add(c.id);
        counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
      }
    }
    for (const state of ['running', 'at-risk', 'met', 'breached'] as const) {
      expect({ state, clocks: (byState.get(state)?.size ?? 0) >= (state === 'at-risk' ? 4 : 6) }).toEqual({ state, clocks: true });
      expect({ state, count: (counts.get(state) ?? 0) >= 4 }).toEqual({ state, count: true });
    }
    // Both policies contribute live clocks.
    expect([...byState.get('at-risk')!].some((id) => id.startsWith('abc.'))).toBe(true);
    expect([...byState.get('at-risk')!].some((id) => id.startsWith('food.'))).toBe(true);
  });

  it('every complaint parses and passes the transition check of each status it reached', () => {
    const failures: string[] = [];
    for (const d of demo) {
      const policy = policies[d.policyId];
      try {
        parseComplaint(policy, d.complaint);
      } catch (e) {
        failures.push(`${d.complaint.complaintNumber} parse: ${String(e)}`);
      }
      for (const status of reachedStatuses(d.status)) {
        const r = checkTransition(policy, complaintAsOf(d, status), status, { milestones: d.milestones, now: NOW });
        if (!r.ok) failures.push(`${d.complaint.complaintNumber} → ${status}: ${r.violations.map((v) => `${v.field}/${v.rule}`).join(', ')}`);
      }
      // The current status is checked with the complaint exactly as stored.
      const current = checkTransition(policy, d.complaint, d.status, { milestones: d.milestones, now: NOW });
      if (!current.ok) failures.push(`${d.complaint.complaintNumber} now ${d.status}: ${current.violations.map((v) => v.rule).join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('department rules: auto-abc intake at 质量部 until corrective action, root-cause matrix after; food has approval', () => {
    for (const d of demo) {
      const c = d.complaint;
      if (d.status === 'registered') {
        expect(c.responsibleDepartment ?? null).toBeNull();
        continue;
      }
      if (d.policyId === 'auto-abc') {
        if (d.status === 'assigned' || d.status === 'investigating') expect(c.responsibleDepartment).toBe('qa');
        else {
          expect(c.rootCauseCategory).toBeTruthy();
          expect(policies['auto-abc'].matrix.byRootCause[c.rootCauseCategory!]).toContain(c.responsibleDepartment);
        }
      } else {
        expect(c.approvedBy).toBeTruthy();
        expect(policies.food.matrix.byCategory[c.category!]).toContain(c.responsibleDepartment);
      }
    }
  });

  it('complaint numbers are unique and follow the yearly sequence in registration order', () => {
    const numbers = demo.map((d) => d.complaint.complaintNumber!);
    expect(new Set(numbers).size).toBe(demo.length);
    for (const project of ['QC', 'SV'] as const) {
      const mine = demo.filter((d) => d.project === project).sort((a, b) => ms(a.createdAt) - ms(b.createdAt));
      const policy = policies[mine[0]!.policyId];
      const last = new Map<number, number>();
      for (const d of mine) {
        const parts = parseNumber(policy, d.complaint.complaintNumber!);
        const reg = d.complaint.registeredAt!;
        expect(parts.year).toBe(Number(reg.slice(0, 4)));
        expect(parts.month).toBe(Number(reg.slice(5, 7)));
        expect(parts.day).toBe(Number(reg.slice(8, 10)));
        expect(parts.sequence).toBe((last.get(parts.year) ?? 0) + 1);
        last.set(parts.year, parts.sequence);
      }
      expect(last.get(2025)).toBeGreaterThan(30);
      expect(last.get(2026)).toBeGreaterThan(30);
    }
  });

  it('milestones match the status, increase in time and precede now; dates inside the demo range', () => {
    const from = ms(DEMO_RANGE.from);
    const to = ms(DEMO_RANGE.to);
    for (const d of demo) {
      const c = d.complaint;
      const have = MILESTONE_IDS.filter((m) => d.milestones[m] !== undefined);
      const quality = policies[d.policyId].categories.find((x) => x.id === c.category)?.quality === true;
      const required = d.status === 'closed' && quality ? [...MILESTONE_IDS] : REQUIRED[d.status];
      const allowed = new Set([...required, ...(ALLOWED_EXTRA[d.status] ?? [])]);
      for (const m of required) expect({ id: c.complaintNumber, m, has: have.includes(m) }).toEqual({ id: c.complaintNumber, m, has: true });
      for (const m of have) expect({ id: c.complaintNumber, m, allowed: allowed.has(m) }).toEqual({ id: c.complaintNumber, m, allowed: true });
      const times = have.map((m) => ms(d.milestones[m]));
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
      expect(times[times.length - 1]!).toBeLessThan(NOW);
      expect(d.createdAt).toBe(d.milestones.registered);
      expect(c.registeredAt).toBe(d.milestones.registered);
      expect(ms(c.registeredAt)).toBeGreaterThanOrEqual(ms(c.complaintAt));
      expect(ms(c.complaintAt)).toBeGreaterThanOrEqual(from);
      expect(ms(c.complaintAt)).toBeLessThanOrEqual(to);
      // The record's date fields mirror the milestones.
      expect(c.containmentAt ?? undefined).toBe(d.milestones.containment);
      expect(c.eightDAt ?? undefined).toBe(d.milestones['8d-done']);
      expect(c.followUpAt ?? undefined).toBe(d.milestones['follow-up']);
      expect(c.actualCompletion ?? undefined).toBe(d.milestones.closed);
    }
  });

  it('times fall mostly inside working hours on Chinese working days', () => {
    let total = 0;
    let inside = 0;
    for (const d of demo) {
      const policy = policies[d.policyId];
      const cal = calendarFor(policy);
      for (const m of MILESTONE_IDS) {
        const t = d.milestones[m];
        if (!t) continue;
        total++;
        const { day, minute } = toLocal(ms(t), policy.timeZone);
        if (cal.isWorkingDay(day) && ((minute >= 540 && minute <= 720) || (minute >= 780 && minute <= 1080))) inside++;
      }
    }
    expect(inside / total).toBeGreaterThan(0.95);
  });

  it('follow-up results: reopened ones were unsatisfied, closed ones satisfied, breached closed ones explain why', () => {
    for (const d of demo) {
      const c = d.complaint;
      if (d.status === 'reopened') expect(['unsatisfied', 'very-unsatisfied']).toContain(c.satisfaction);
      if (d.status === 'closed') {
        expect(['satisfied', 'very-satisfied']).toContain(c.satisfaction);
        const breached = evaluateClocks(policies[d.policyId], c, d.milestones, NOW).some((s) => s.status === 'breached');
        expect(Boolean(c.lateReason)).toBe(breached);
      }
    }
    const closedLate = demo.filter((d) => d.status === 'closed' && d.complaint.lateReason).length;
    expect(closedLate).toBeGreaterThan(5);
  });

  it('QC classes are what classify derives from the earlier complaints: A for each reason, B, C', () => {
    const policy = policies['auto-abc'];
    const qc = demo.filter((d) => d.project === 'QC').sort((a, b) => ms(a.createdAt) - ms(b.createdAt));
    const history: HistoryEntry[] = [];
    const reasons = new Map<string, number>();
    for (const d of qc) {
      const c = d.complaint;
      const derived = classify(policy, { ...c, class: null }, history);
      expect({ n: c.complaintNumber, cls: c.class }).toEqual({ n: c.complaintNumber, cls: derived.level });
      for (const r of derived.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      history.push({ partNumber: c.partNumber, category: c.category, class: c.class, registeredAt: c.registeredAt });
      expect(c.batch).toMatch(/^B20\d{6}-\d{2}$/);
      expect(c.shippedQuantity).toBeGreaterThanOrEqual(500);
      expect(c.shippedQuantity).toBeLessThanOrEqual(20000);
      expect(c.defectQuantity!).toBeLessThanOrEqual(c.shippedQuantity!);
    }
    for (const r of ['line-stop', 'batch', 'loss>=5000', 'repeat>=3', 'individual', 'notice']) {
      expect({ r, n: (reasons.get(r) ?? 0) >= 3 }).toEqual({ r, n: true });
    }
  });

  it('SV severity follows the category and every food category occurs', () => {
    const sv = demo.filter((d) => d.project === 'SV');
    for (const d of sv) {
      const cat = policies.food.categories.find((c) => c.id === d.complaint.category);
      expect(d.complaint.severity).toBe(cat?.severity);
    }
    for (const id of ['service', 'packaging', 'quality', 'suggestion', 'other']) {
      expect(sv.filter((d) => d.complaint.category === id).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('personal data is obviously fake; reporters and pictures are set', () => {
    for (const d of demo) {
      expect(d.complaint.contact).toMatch(/138-0000-\d{4}/);
      expect(['qe@example.com', 'sales@example.com', 'admin@example.com']).toContain(d.reporter);
      expect(d.pictures).toBeGreaterThanOrEqual(0);
      expect(d.summary.length).toBeGreaterThan(5);
    }
  });

  it('rejects a now that is not an instant', () => {
    expect(() => generateDemoComplaints({ now: '2026-11-23' })).toThrow(/now/);
  });
});
