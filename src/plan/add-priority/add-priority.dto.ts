import { DateField, IdField, MAX, TextField } from '../../web/fields';

export class AddPriorityDto {
  @IdField('CYP P2') priorityId!: string;
  @TextField(MAX.title, 'Improve placement sufficiency and stability') title!: string;
  @DateField('2025-07-01', false, 'The day the priority applies from, not after today; today when left out') effectiveOn?: string;
}
