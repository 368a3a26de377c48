import { notFound } from './domain-error';

/**
 * What a command about a plan's milestones, recommendations, visits or indicators needs to know of
 * the plan itself. The command handler reads it from the plan stream, so deciders stay pure.
 */
export interface PlanContext {
  exists: boolean;
  priorityIds: string[];
}

export const requirePlan = (plan: PlanContext, planId: string): void => {
  if (!plan.exists) throw notFound(`There is no plan "${planId}"; create the plan first.`, 'planId');
};
