import { Module } from '@nestjs/common';
import { QuarterlyReportController } from './quarterly-report/quarterly-report.controller';
import { QuarterlyReports } from './quarterly-report/quarterly-reports';

/** Board packs and quarterly returns, built from the read side's queries. */
@Module({
  controllers: [QuarterlyReportController],
  providers: [QuarterlyReports],
  exports: [QuarterlyReports],
})
export class ReportsModule {}
