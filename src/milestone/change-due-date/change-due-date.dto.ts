import { DateField, ExpectedRevisionField, MAX, TextField } from '../../web/fields';

export class ChangeDueDateDto {
  @DateField('2026-06-30') dueOn!: string;
  @TextField(MAX.text, 'Recruitment to the edge-of-care team slipped a quarter') reason!: string;
  @ExpectedRevisionField() expectedRevision?: number;
}
