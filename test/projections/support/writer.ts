/**
 * What the scenarios record, whichever way it is recorded: through the HTTP API (e2e) or through the
 * command pipeline on a store (int). Each call answers the position of its write.
 */
export interface Writer {
  setClock(at: string | undefined): void;
  createPlan(body: { planId: string; localAuthority: string; title: string }): Promise<number>;
  addPriority(planId: string, body: { priorityId: string; title: string }): Promise<number>;
  addMilestone(
    planId: string,
    body: { milestoneId: string; priorityId: string; title: string; owner?: string; dueOn?: string },
  ): Promise<number>;
  updateMilestone(
    planId: string,
    milestoneId: string,
    body: { period: string; rag: string; commentary: string; effectiveOn: string; forecastRag?: string; reason?: string },
  ): Promise<number>;
  changeDueDate(planId: string, milestoneId: string, body: { dueOn: string; reason: string }): Promise<number>;
  raiseRecommendation(
    planId: string,
    body: { recommendationId: string; text: string; raisedOn: string; source?: string },
  ): Promise<number>;
  linkMilestone(planId: string, recommendationId: string, body: { milestoneId: string }): Promise<number>;
  closeRecommendation(
    planId: string,
    recommendationId: string,
    body: { reason: string; evidence: string[]; effectiveOn: string },
  ): Promise<number>;
  reopenRecommendation(planId: string, recommendationId: string, body: { reason: string; effectiveOn: string }): Promise<number>;
  recordVisit(
    planId: string,
    body: { visitId: string; kind: string; startDate: string; endDate: string; inspectors?: string[]; areas?: string[] },
  ): Promise<number>;
  recordFinding(
    planId: string,
    visitId: string,
    body: { findingId?: string; text: string; assessment: string; recommendationIds?: string[]; area?: string },
  ): Promise<number>;
  recordJudgement(planId: string, visitId: string, body: { area: string; grade: string; framework: string }): Promise<number>;
  defineIndicator(planId: string, body: { indicatorId: string; title: string; unit: string }): Promise<number>;
  recordIndicatorValue(
    planId: string,
    indicatorId: string,
    body: { period: string; value: number; effectiveOn: string; note?: string },
  ): Promise<number>;
}
