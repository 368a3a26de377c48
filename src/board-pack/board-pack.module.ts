import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { IssueBoardPackHandler } from './issue-board-pack/issue-board-pack.command';

/** Recording that a pack went to the board (its files are made by the reports, which send the command). */
@Module({
  imports: [PlanModule],
  providers: [IssueBoardPackHandler],
})
export class BoardPackModule {}
