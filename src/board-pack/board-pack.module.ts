import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { IssueBoardPackController } from './issue-board-pack/issue-board-pack.controller';
import { IssueBoardPackHandler } from './issue-board-pack/issue-board-pack.command';

/** Issuing a pack needs its files generated first, so this module sits on the reports. */
@Module({
  imports: [ReportsModule],
  controllers: [IssueBoardPackController],
  providers: [IssueBoardPackHandler],
})
export class BoardPackModule {}
