import { IdField, MAX, TextField } from '../../web/fields';

export class CreatePlanDto {
  @IdField('halton') planId!: string;
  @TextField(MAX.title, 'Halton Borough Council') localAuthority!: string;
  @TextField(MAX.title, "Children's services improvement plan") title!: string;
}
