import { Module } from '@nestjs/common';
import { BoardPackDownloadController } from './board-pack-files/board-pack-download.controller';
import { BoardPackFiles } from './board-pack-files/board-pack-files';
import { IssueBoardPackController } from './issue-board-pack/issue-board-pack.controller';
import { QuarterlyReportController } from './quarterly-report/quarterly-report.controller';
import { QuarterlyReports } from './quarterly-report/quarterly-reports';
import { QuarterlyReturnController } from './quarterly-return/quarterly-return.controller';
import { QuarterlyReturns } from './quarterly-return/quarterly-returns';
import { ReportRenderer } from './render/report-renderer';

/** Board packs and quarterly returns, built from the read side's queries. */
@Module({
  controllers: [QuarterlyReportController, QuarterlyReturnController, BoardPackDownloadController, IssueBoardPackController],
  providers: [QuarterlyReports, QuarterlyReturns, BoardPackFiles, ReportRenderer],
  // The web pages offer the same files, packs and returns.
  exports: [QuarterlyReports, QuarterlyReturns, BoardPackFiles, ReportRenderer],
})
export class ReportsModule {}
