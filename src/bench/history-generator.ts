import { PlanContext } from '../domain/plan-context';
import { financialYearLabel, parsePeriod } from '../domain/period';
import { Framework, frameworkInForceOn } from '../visit/visit';

/**
 * Synthetic but realistic national history: many councils, each with a plan of 10 priorities and 50
 * milestones, rated every quarter over years (some ratings corrected a quarter later, backdated),
 * an ILACS inspection with its judgements and recommendations, monitoring visits every three quarters
 * with findings, recommendations linked, closed on evidence and now and then reopened.
 * Deterministic for a given seed. Each step is one command (its `now` is the instant it is recorded at).
 */
export type Aggregate = 'plan' | 'milestone' | 'recommendation' | 'visit';

export interface Step {
  aggregate: Aggregate;
  planId: string;
  id: string;
  command: { type: string; data: Record<string, unknown> };
  recordedAt: Date;
}

export const MILESTONES_PER_PLAN = 50;
const PRIORITIES = 10;
const RECOMMENDATIONS = 12;
const RAGS = ['green', 'green', 'amber', 'amber', 'red', 'complete'] as const;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const planIdOf = (i: number) => `council-${String(i + 1).padStart(3, '0')}`;
export const milestoneIdOf = (m: number) => `P${Math.floor(m / 5) + 1}.${(m % 5) + 1}`;
export const priorityIdOf = (p: number) => `CYP P${p + 1}`;
export const recommendationIdOf = (r: number) => `R${String(r + 1).padStart(2, '0')}`;

const QUARTER_END = ['06-30', '09-30', '12-31', '03-31'];
export const FIRST_YEAR = 2018;

/** Quarter q (0-based from 2018-19 Q1): its label and last day. */
export function quarter(q: number): { period: string; end: string } {
  const year = FIRST_YEAR + Math.floor(q / 4);
  const n = q % 4;
  return { period: `${financialYearLabel(year)} Q${n + 1}`, end: `${n === 3 ? year + 1 : year}-${QUARTER_END[n]}` };
}

/**
 * What a board member can rate on `today` among the history's quarters: the latest that has begun (a small
 * history runs past today), dated on its last day once it has ended, else left to default to today.
 */
export function ratableQuarter(quarters: number, today: string): { period: string; effectiveOn?: string } {
  let q = quarters - 1;
  while (q > 0 && parsePeriod(quarter(q).period)!.start > today) q -= 1;
  const { period, end } = quarter(q);
  return end <= today ? { period, effectiveOn: end } : { period };
}

const addDays = (date: string, days: number): Date => new Date(Date.parse(`${date}T09:00:00Z`) + days * 86_400_000);

export function plansFor(events: number): number {
  return Math.max(1, Math.round(events / 1500));
}

export function* generateHistory(plans: number, seed = 7): Generator<Step> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const planContext: PlanContext = { exists: true, priorityIds: Array.from({ length: PRIORITIES }, (_, p) => priorityIdOf(p)) };
  const open = Array.from({ length: plans }, () => new Set<number>());
  const closedOn = Array.from({ length: plans }, () => new Map<number, string>());

  const start = addDays(quarter(0).end, -60);
  for (let p = 0; p < plans; p++) {
    const planId = planIdOf(p);
    const at = new Date(start.getTime() + p * 1000);
    yield { aggregate: 'plan', planId, id: planId, recordedAt: at, command: { type: 'CreatePlan', data: { planId, localAuthority: `Council ${p + 1}`, title: 'Improvement plan' } } };
    for (let i = 0; i < PRIORITIES; i++) {
      yield { aggregate: 'plan', planId, id: planId, recordedAt: at, command: { type: 'AddPriority', data: { planId, priorityId: priorityIdOf(i), title: `Priority ${i + 1}` } } };
    }
    for (let m = 0; m < MILESTONES_PER_PLAN; m++) {
      const data = { planId, milestoneId: milestoneIdOf(m), priorityId: priorityIdOf(Math.floor(m / 5)), title: `Milestone ${milestoneIdOf(m)}`, owner: 'Service', plan: planContext };
      yield { aggregate: 'milestone', planId, id: milestoneIdOf(m), recordedAt: at, command: { type: 'AddMilestone', data } };
    }
  }

  for (let q = 0; ; q++) {
    const { period, end } = quarter(q);
    for (let p = 0; p < plans; p++) {
      const planId = planIdOf(p);
      const recorded = addDays(end, 21 + (p % 30));
      const visitEvery = 3;
      if (q === 0) {
        const visitId = 'ilacs-1';
        const visitEnd = addDays(end, -10).toISOString().slice(0, 10);
        const visitStart = addDays(end, -21).toISOString().slice(0, 10);
        const framework: Framework = frameworkInForceOn(visitStart) ?? 'ilacs-2023';
        yield { aggregate: 'visit', planId, id: visitId, recordedAt: recorded, command: { type: 'RecordVisit', data: { planId, visitId, kind: 'ilacs', startDate: visitStart, endDate: visitEnd, inspectors: ['Lead inspector'], areas: [], plan: planContext } } };
        const areas = framework === 'ilacs-2018' ? ['overall-effectiveness', 'impact-of-leaders', 'help-and-protection', 'children-in-care-and-care-leavers'] : ['impact-of-leaders', 'help-and-protection', 'children-in-care', 'care-leavers'];
        for (const area of areas) {
          yield { aggregate: 'visit', planId, id: visitId, recordedAt: recorded, command: { type: 'RecordJudgement', data: { planId, visitId, area, grade: 'inadequate', framework } } };
        }
        for (let r = 0; r < RECOMMENDATIONS; r++) {
          const id = recommendationIdOf(r);
          yield { aggregate: 'recommendation', planId, id, recordedAt: recorded, command: { type: 'RaiseRecommendation', data: { planId, recommendationId: id, text: `What needs to improve ${r + 1}`, raisedOn: visitEnd, source: visitId, plan: planContext } } };
          for (const m of [r * 4 % MILESTONES_PER_PLAN, (r * 4 + 1) % MILESTONES_PER_PLAN]) {
            yield { aggregate: 'recommendation', planId, id, recordedAt: recorded, command: { type: 'LinkMilestone', data: { planId, recommendationId: id, milestoneId: milestoneIdOf(m), milestoneExists: true } } };
          }
          open[p]!.add(r);
        }
      }
      for (let m = 0; m < MILESTONES_PER_PLAN; m++) {
        const data = { planId, milestoneId: milestoneIdOf(m), period, rag: pick(RAGS), commentary: `Quarter ${period}: progress on ${milestoneIdOf(m)} as reported to the board.`, effectiveOn: end };
        yield { aggregate: 'milestone', planId, id: milestoneIdOf(m), recordedAt: recorded, command: { type: 'UpdateMilestone', data } };
        if (q > 0 && random() < 0.03) {
          const previous = quarter(q - 1);
          const correction = { planId, milestoneId: milestoneIdOf(m), period: previous.period, rag: pick(RAGS), commentary: `Corrected ${previous.period} rating.`, effectiveOn: previous.end, reason: 'Figures revised after the board meeting' };
          yield { aggregate: 'milestone', planId, id: milestoneIdOf(m), recordedAt: new Date(recorded.getTime() + 60_000), command: { type: 'UpdateMilestone', data: correction } };
        }
      }
      if (q > 0 && q % visitEvery === 0) {
        const visitId = `mv-${q}`;
        const visitEnd = addDays(end, -5).toISOString().slice(0, 10);
        yield { aggregate: 'visit', planId, id: visitId, recordedAt: recorded, command: { type: 'RecordVisit', data: { planId, visitId, kind: 'monitoring', startDate: addDays(end, -6).toISOString().slice(0, 10), endDate: visitEnd, inspectors: ['HMI one', 'HMI two'], areas: [], plan: planContext } } };
        for (let f = 0; f < 4; f++) {
          const r = Math.floor(random() * RECOMMENDATIONS);
          const data = { planId, visitId, findingId: `${visitId}-f${f + 1}`, text: `Finding ${f + 1} of visit ${q}`, assessment: pick(['progress', 'insufficient-progress', 'strength', 'area-for-improvement'] as const), recommendationIds: [recommendationIdOf(r)], knownRecommendationIds: [recommendationIdOf(r)] };
          yield { aggregate: 'visit', planId, id: visitId, recordedAt: recorded, command: { type: 'RecordVisitFinding', data } };
        }
        const candidates = [...open[p]!];
        if (candidates.length > 0 && random() < 0.5) {
          const r = pick(candidates);
          open[p]!.delete(r);
          closedOn[p]!.set(r, end);
          yield { aggregate: 'recommendation', planId, id: recommendationIdOf(r), recordedAt: recorded, command: { type: 'CloseRecommendation', data: { planId, recommendationId: recommendationIdOf(r), reason: 'Met on evidence', evidence: [`Audit ${period}`], effectiveOn: end } } };
        } else if (closedOn[p]!.size > 0 && random() < 0.3) {
          const [r] = closedOn[p]!.keys();
          closedOn[p]!.delete(r!);
          open[p]!.add(r!);
          yield { aggregate: 'recommendation', planId, id: recommendationIdOf(r!), recordedAt: recorded, command: { type: 'ReopenRecommendation', data: { planId, recommendationId: recommendationIdOf(r!), reason: 'Visit found it again', effectiveOn: end } } };
        }
      }
    }
  }
}
