import { IdField } from './fields';

/** Path parameters, validated like any other input: an over-long or malformed id is a 400 naming it. */
export class PlanParams {
  @IdField('halton') planId!: string;
}
export class MilestoneParams extends PlanParams {
  @IdField('P2.1') milestoneId!: string;
}
export class RecommendationParams extends PlanParams {
  @IdField('R01') recommendationId!: string;
}
export class VisitParams extends PlanParams {
  @IdField('mv-2025-11') visitId!: string;
}
export class IndicatorParams extends PlanParams {
  @IdField('children-in-care') indicatorId!: string;
}
