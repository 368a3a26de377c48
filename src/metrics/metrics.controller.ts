import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MetricsScrape } from '../access/access.decorator';
import { TrackerMetrics } from './tracker-metrics';

@ApiTags('operations')
@MetricsScrape()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: TrackerMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics: commands by name, refusals by status, request latency by route, read-model lag, the process',
    description: 'For the metrics token (METRICS_TOKEN), or an admin. It shows how the service is used, so it is not public.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The Prometheus text format, version 0.0.4' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('content-type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
