import { Writer } from './writer';

/**
 * Written scenario 1: two quarters of ratings, then a backdated correction of the first.
 *
 *   recorded 2025-04-01  plan, priorities CYP P1 (P1.1, P1.2) and CYP P2 (P2.1, never rated)
 *   recorded 2025-07-20  2025-26 Q1, effective 2025-06-30: P1.1 green, P1.2 amber
 *   recorded 2025-10-20  2025-26 Q2, effective 2025-09-30: P1.1 amber, P1.2 green
 *   recorded 2025-11-05  correction of Q1, effective 2025-06-30: P1.1 red ("the evidence did not support green")
 */
export const RATINGS = {
  planId: 'testshire',
  asOf: { beforeQ1: '2025-06-01', betweenQ1AndQ2: '2025-08-15', afterQ2: '2025-10-15' },
  knownAt: {
    beforePlan: '2025-03-01T00:00:00Z',
    beforeQ1Recorded: '2025-07-01T00:00:00Z',
    beforeQ2Recorded: '2025-10-01T00:00:00Z',
    beforeCorrection: '2025-11-01T00:00:00Z',
    afterCorrection: '2025-11-06T00:00:00Z',
  },
  correctionReason: 'Internal audit found the Q1 evidence did not support green',
};

export async function recordRatingsWithBackdatedCorrection(w: Writer): Promise<number> {
  const { planId } = RATINGS;
  w.setClock('2025-04-01T09:00:00.000Z');
  await w.createPlan({ planId, localAuthority: 'Testshire County Council', title: "Children's services improvement plan" });
  await w.addPriority(planId, { priorityId: 'CYP P1', title: 'Early help' });
  await w.addPriority(planId, { priorityId: 'CYP P2', title: 'Placement sufficiency' });
  await w.addMilestone(planId, {
    milestoneId: 'P1.1',
    priorityId: 'CYP P1',
    title: 'Early help assessments within 45 days',
    owner: 'Early Help',
  });
  await w.addMilestone(planId, { milestoneId: 'P1.2', priorityId: 'CYP P1', title: 'Family hubs open in every locality' });
  await w.addMilestone(planId, { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Reduce placement moves' });

  w.setClock('2025-07-20T10:00:00.000Z');
  const q1 = { period: '2025-26 Q1', effectiveOn: '2025-06-30' };
  await w.updateMilestone(planId, 'P1.1', { ...q1, rag: 'green', commentary: 'Q1: 92% within 45 days', forecastRag: 'green' });
  await w.updateMilestone(planId, 'P1.2', { ...q1, rag: 'amber', commentary: 'Q1: two of five hubs open' });

  w.setClock('2025-10-20T10:00:00.000Z');
  const q2 = { period: '2025-26 Q2', effectiveOn: '2025-09-30' };
  await w.updateMilestone(planId, 'P1.1', { ...q2, rag: 'amber', commentary: 'Q2: 81% within 45 days' });
  await w.updateMilestone(planId, 'P1.2', { ...q2, rag: 'green', commentary: 'Q2: all five hubs open' });

  w.setClock('2025-11-05T10:00:00.000Z');
  const last = await w.updateMilestone(planId, 'P1.1', {
    ...q1,
    rag: 'red',
    commentary: 'Q1 corrected: 64% within 45 days once duplicates were removed',
    reason: RATINGS.correctionReason,
  });
  w.setClock(undefined);
  return last;
}

/**
 * Written scenario 2: a recommendation raised at an inspection, linked to milestones, visited twice
 * and then closed. P1.3 is not linked and R02 is another recommendation: neither may show in R01's history.
 *
 *   recorded 2024-05-28  ILACS 13–24 May 2024; R01 and R02 raised on 2024-05-24 by it
 *   recorded 2024-06-10  R01 linked to P1.1 and P1.2
 *   recorded 2024-10-15  2024-25 Q2 (eff. 2024-09-30): P1.1 amber; P1.3 red
 *   recorded 2025-01-20  monitoring visit 14–15 Jan 2025: a finding on R01, one on R02
 *   recorded 2025-04-20  2024-25 Q4 (eff. 2025-03-31): P1.1 green, P1.2 amber
 *   recorded 2025-04-22  monitoring visit 8–9 Apr 2025: a finding on R01
 *   recorded 2025-07-20  2025-26 Q1 (eff. 2025-06-30): P1.2 green
 *   recorded 2025-07-25  R01 closed, effective 2025-07-15, on evidence
 */
export const LIFE = {
  planId: 'riverside',
  ilacs: { visitId: 'ilacs-2024-05', kind: 'ilacs', startDate: '2024-05-13', endDate: '2024-05-24' },
  mv1: { visitId: 'mv-2025-01', kind: 'monitoring', startDate: '2025-01-14', endDate: '2025-01-15' },
  mv2: { visitId: 'mv-2025-04', kind: 'monitoring', startDate: '2025-04-08', endDate: '2025-04-09' },
  closure: {
    reason: 'Strategy meetings now held within 3 working days',
    evidence: ['Audit of 40 cases, June 2025', 'Monitoring visit letter, April 2025'],
    effectiveOn: '2025-07-15',
  },
};

export async function recordRecommendationLife(w: Writer): Promise<number> {
  const { planId, ilacs, mv1, mv2 } = LIFE;
  w.setClock('2024-05-28T09:00:00.000Z');
  await w.createPlan({ planId, localAuthority: 'Riverside Borough Council', title: 'Improvement plan' });
  await w.addPriority(planId, { priorityId: 'CYP P1', title: 'Responding to risk' });
  for (const [milestoneId, title] of [
    ['P1.1', 'Strategy meetings held on time'],
    ['P1.2', 'Multi-agency risk training'],
    ['P1.3', 'Case audit programme'],
  ]) {
    await w.addMilestone(planId, { milestoneId: milestoneId!, priorityId: 'CYP P1', title: title! });
  }
  await w.recordVisit(planId, { ...ilacs, inspectors: ['Lead inspector', 'Second inspector'], areas: [] });
  await w.recordJudgement(planId, ilacs.visitId, { area: 'overall-effectiveness', grade: 'inadequate', framework: 'ilacs-2023' });
  await w.raiseRecommendation(planId, {
    recommendationId: 'R01',
    text: 'The response to risk, including timely strategy meetings.',
    raisedOn: ilacs.endDate,
    source: ilacs.visitId,
  });
  await w.raiseRecommendation(planId, {
    recommendationId: 'R02',
    text: 'Support for care leavers.',
    raisedOn: ilacs.endDate,
    source: ilacs.visitId,
  });

  w.setClock('2024-06-10T09:00:00.000Z');
  await w.linkMilestone(planId, 'R01', { milestoneId: 'P1.1' });
  await w.linkMilestone(planId, 'R01', { milestoneId: 'P1.2' });

  w.setClock('2024-10-15T09:00:00.000Z');
  const q2 = { period: '2024-25 Q2', effectiveOn: '2024-09-30' };
  await w.updateMilestone(planId, 'P1.1', { ...q2, rag: 'amber', commentary: '60% of strategy meetings within 3 days' });
  await w.updateMilestone(planId, 'P1.3', { ...q2, rag: 'red', commentary: 'Audit programme not started' });

  w.setClock('2025-01-20T09:00:00.000Z');
  await w.recordVisit(planId, { ...mv1, areas: ['Response to risk', 'Care leavers'] });
  await w.recordFinding(planId, mv1.visitId, {
    findingId: 'mv1-f1',
    text: 'Strategy meetings are still too often delayed.',
    assessment: 'insufficient-progress',
    recommendationIds: ['R01'],
    area: 'Response to risk',
  });
  await w.recordFinding(planId, mv1.visitId, {
    findingId: 'mv1-f2',
    text: 'Pathway plans are improving.',
    assessment: 'progress',
    recommendationIds: ['R02'],
    area: 'Care leavers',
  });

  w.setClock('2025-04-20T09:00:00.000Z');
  const q4 = { period: '2024-25 Q4', effectiveOn: '2025-03-31' };
  await w.updateMilestone(planId, 'P1.1', { ...q4, rag: 'green', commentary: '88% of strategy meetings within 3 days' });
  await w.updateMilestone(planId, 'P1.2', { ...q4, rag: 'amber', commentary: 'Half of staff trained' });

  w.setClock('2025-04-22T09:00:00.000Z');
  await w.recordVisit(planId, { ...mv2, areas: ['Response to risk'] });
  await w.recordFinding(planId, mv2.visitId, {
    findingId: 'mv2-f1',
    text: 'Strategy meetings are now timely and well attended.',
    assessment: 'progress',
    recommendationIds: ['R01'],
  });

  w.setClock('2025-07-20T09:00:00.000Z');
  await w.updateMilestone(planId, 'P1.2', {
    period: '2025-26 Q1',
    effectiveOn: '2025-06-30',
    rag: 'green',
    commentary: 'All staff trained',
  });

  w.setClock('2025-07-25T09:00:00.000Z');
  const last = await w.closeRecommendation(planId, 'R01', LIFE.closure);
  w.setClock(undefined);
  return last;
}

/** Indicator values in three periods, one corrected later; used by the read-route and rebuild tests. */
export async function recordIndicators(w: Writer, planId: string): Promise<number> {
  w.setClock('2025-07-20T10:00:00.000Z');
  await w.defineIndicator(planId, {
    indicatorId: 'children-in-care',
    title: 'Children in care at the end of the period',
    unit: 'children',
  });
  await w.recordIndicatorValue(planId, 'children-in-care', { period: '2024-25', value: 370, effectiveOn: '2025-03-31' });
  await w.recordIndicatorValue(planId, 'children-in-care', { period: '2025-26 Q1', value: 380, effectiveOn: '2025-06-30' });
  w.setClock('2025-10-20T10:00:00.000Z');
  await w.recordIndicatorValue(planId, 'children-in-care', { period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' });
  w.setClock('2025-11-05T10:00:00.000Z');
  const last = await w.recordIndicatorValue(planId, 'children-in-care', {
    period: '2025-26 Q1',
    value: 379,
    effectiveOn: '2025-06-30',
    note: 'Corrected: one child counted twice',
  });
  w.setClock(undefined);
  return last;
}
