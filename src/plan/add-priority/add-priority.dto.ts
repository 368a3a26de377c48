import { IdField, MAX, TextField } from '../../web/fields';

export class AddPriorityDto {
  @IdField('CYP P2') priorityId!: string;
  @TextField(MAX.title, 'Improve placement sufficiency and stability') title!: string;
}
