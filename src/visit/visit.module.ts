import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { RecordFindingController } from './record-finding/record-finding.controller';
import { RecordFindingHandler } from './record-finding/record-finding.command';
import { RecordJudgementController } from './record-judgement/record-judgement.controller';
import { RecordJudgementHandler } from './record-judgement/record-judgement.command';
import { RecordVisitController } from './record-visit/record-visit.controller';
import { RecordVisitHandler } from './record-visit/record-visit.command';

@Module({
  imports: [PlanModule],
  controllers: [RecordVisitController, RecordFindingController, RecordJudgementController],
  providers: [RecordVisitHandler, RecordFindingHandler, RecordJudgementHandler],
})
export class VisitModule {}
