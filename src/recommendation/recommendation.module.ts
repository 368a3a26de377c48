import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { CloseRecommendationController } from './close-recommendation/close-recommendation.controller';
import { CloseRecommendationHandler } from './close-recommendation/close-recommendation.command';
import { LinkMilestoneController } from './link-milestone/link-milestone.controller';
import { LinkMilestoneHandler } from './link-milestone/link-milestone.command';
import { RaiseRecommendationController } from './raise-recommendation/raise-recommendation.controller';
import { RaiseRecommendationHandler } from './raise-recommendation/raise-recommendation.command';
import { ReopenRecommendationController } from './reopen-recommendation/reopen-recommendation.controller';
import { ReopenRecommendationHandler } from './reopen-recommendation/reopen-recommendation.command';

@Module({
  imports: [PlanModule],
  controllers: [RaiseRecommendationController, LinkMilestoneController, CloseRecommendationController, ReopenRecommendationController],
  providers: [RaiseRecommendationHandler, LinkMilestoneHandler, CloseRecommendationHandler, ReopenRecommendationHandler],
})
export class RecommendationModule {}
