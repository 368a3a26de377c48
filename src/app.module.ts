import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { EventStoreModule } from './event-store/event-store.module';
import { EventStore } from './event-store/event-store.port';
import { HealthModule } from './health/health.module';
import { CommandPipelineModule } from './command-pipeline/command-pipeline.module';
import { IndicatorModule } from './indicator/indicator.module';
import { MilestoneModule } from './milestone/milestone.module';
import { PlanModule } from './plan/plan.module';
import { RecommendationModule } from './recommendation/recommendation.module';
import { VisitModule } from './visit/visit.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, store: EventStore): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventStoreModule.forStore(store),
        CqrsModule.forRoot(),
        CommandPipelineModule,
        HealthModule,
        PlanModule,
        MilestoneModule,
        RecommendationModule,
        VisitModule,
        IndicatorModule,
      ],
    };
  }
}
