import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ReportRenderer } from '../render/report-renderer';
import { ApiReportFile, sendFile } from '../render/send-file';
import { QuarterlyReportQuery } from './quarterly-report.query';
import { QuarterlyReports } from './quarterly-reports';

@ApiTags('reports')
@Access('read')
@Controller('api/plans/:planId/reports/quarterly')
export class QuarterlyReportController {
  constructor(
    private readonly reports: QuarterlyReports,
    private readonly renderer: ReportRenderer,
  ) {}

  @Get()
  @ApiReportFile(
    'The quarterly report of a plan, as DOCX, XLSX, CSV or HTML',
    'Cover, RAG summary per priority with the chart of totals per quarter, each priority’s milestones (symbol and word, commentary, ' +
      'change since the previous quarter), the milestones that declined, ratings changed after a board pack, recommendations, ' +
      'visits since the last report and indicators. asOf defaults to the end of the period (today, if it has not ended). ' +
      'Without knownAt the report shows the plan as known at its last recorded fact and names that instant and its log position: ' +
      'the same period, asOf and knownAt give the same bytes, every time.',
    'no such plan, or not yet recorded at knownAt',
  )
  async report(@Param() { planId }: PlanParams, @Query() query: QuarterlyReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const report = await this.reports.generate(planId, query);
    return sendFile(reply, await this.renderer.render(report, query.format ?? 'html'), report.moment);
  }
}
