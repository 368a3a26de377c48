import { DateField, IdField, MAX, TextField } from '../../web/fields';

export class CreatePlanDto {
  @IdField('halton') planId!: string;
  @TextField(MAX.title, 'Halton Borough Council') localAuthority!: string;
  @TextField(MAX.title, "Children's services improvement plan") title!: string;
  @DateField('2024-05-24', false, 'The day the plan applies from (e.g. the inspection that called for it), not after today; today when left out')
  effectiveOn?: string;
}
