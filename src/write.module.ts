import { CommandPipelineModule } from './command-pipeline/command-pipeline.module';
import { IndicatorModule } from './indicator/indicator.module';
import { MilestoneModule } from './milestone/milestone.module';
import { PlanModule } from './plan/plan.module';
import { RecommendationModule } from './recommendation/recommendation.module';
import { VisitModule } from './visit/visit.module';

/** The modules that record facts: every write use case and the pipeline they share. */
export const WRITE_MODULES = [CommandPipelineModule, PlanModule, MilestoneModule, RecommendationModule, VisitModule, IndicatorModule];
