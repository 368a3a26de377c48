import { DateField, IdField, MAX, TextField } from '../../web/fields';

export class AddMilestoneDto {
  @IdField('P2.1') milestoneId!: string;
  @IdField('CYP P2') priorityId!: string;
  @TextField(MAX.title, 'Reduce the number of Children in Care who moved between placements') title!: string;
  @TextField(MAX.title, 'Children in Care', false) owner?: string;
  @DateField('2026-03-31', false) dueOn?: string;
  @DateField('2025-07-01', false, 'The day the milestone applies from (not its due date), not after today; today when left out') effectiveOn?: string;
}
