import { BoardPackModule } from './board-pack/board-pack.module';
import { IndicatorModule } from './indicator/indicator.module';
import { MilestoneModule } from './milestone/milestone.module';
import { PlanModule } from './plan/plan.module';
import { RecommendationModule } from './recommendation/recommendation.module';
import { VisitModule } from './visit/visit.module';
import { WriteSideModule } from './write-side/write-side.module';

/** The modules that record facts: every write use case and the write side they share. */
export const WRITE_MODULES = [WriteSideModule, PlanModule, MilestoneModule, RecommendationModule, VisitModule, IndicatorModule, BoardPackModule];
