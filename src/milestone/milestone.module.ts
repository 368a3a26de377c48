import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { AddMilestoneController } from './add-milestone/add-milestone.controller';
import { AddMilestoneHandler } from './add-milestone/add-milestone.command';
import { ChangeDueDateController } from './change-due-date/change-due-date.controller';
import { ChangeDueDateHandler } from './change-due-date/change-due-date.command';
import { RecordQuarterlyUpdateController } from './record-quarterly-update/record-quarterly-update.controller';
import { RecordQuarterlyUpdateHandler } from './record-quarterly-update/record-quarterly-update.command';
import { UpdateMilestoneController } from './update-milestone/update-milestone.controller';
import { UpdateMilestoneHandler } from './update-milestone/update-milestone.command';

@Module({
  imports: [PlanModule],
  controllers: [AddMilestoneController, UpdateMilestoneController, ChangeDueDateController, RecordQuarterlyUpdateController],
  providers: [AddMilestoneHandler, UpdateMilestoneHandler, ChangeDueDateHandler, RecordQuarterlyUpdateHandler],
})
export class MilestoneModule {}
