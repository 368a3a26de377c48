import { Module } from '@nestjs/common';
import { AddPriorityController } from './add-priority/add-priority.controller';
import { AddPriorityHandler } from './add-priority/add-priority.command';
import { CreatePlanController } from './create-plan/create-plan.controller';
import { CreatePlanHandler } from './create-plan/create-plan.command';
import { PlanReader } from './plan-reader';

@Module({
  controllers: [CreatePlanController, AddPriorityController],
  providers: [CreatePlanHandler, AddPriorityHandler, PlanReader],
  exports: [PlanReader],
})
export class PlanModule {}
