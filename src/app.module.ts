import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from './access/access.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { Clock } from './domain/clock';
import { EventStoreModule } from './event-store/event-store.module';
import { EventStore } from './event-store/event-store.port';
import { HealthModule } from './health/health.module';
import { IntegrityModule } from './integrity/integrity.module';
import { MetricsModule } from './metrics/metrics.module';
import { PagesModule } from './pages/pages.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReportsModule } from './reports/reports.module';
import { SeedingModule } from './seeding/seeding.module';
import { WRITE_MODULES } from './write.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, store: EventStore, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        EventStoreModule.forStore(store),
        CqrsModule.forRoot(),
        AccessModule,
        HealthModule,
        IntegrityModule,
        MetricsModule,
        ProjectionsModule,
        ...WRITE_MODULES,
        ReportsModule,
        SeedingModule.through(WRITE_MODULES),
        PagesModule,
      ],
    };
  }
}
