import { Global, Module } from '@nestjs/common';
import { COMMAND_OBSERVER } from '../write-side/observed-executor';
import { MetricsController } from './metrics.controller';
import { TrackerMetrics } from './tracker-metrics';

/** GET /metrics, and the counters the command pipeline and the HTTP server add to. Global: the pipeline is told of commands. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    TrackerMetrics,
    { provide: COMMAND_OBSERVER, useExisting: TrackerMetrics },
  ],
  exports: [TrackerMetrics, COMMAND_OBSERVER],
})
export class MetricsModule {}
