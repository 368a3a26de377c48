import { DateField, EnumField, IdField, MAX, TextField, TextListField } from '../../web/fields';
import { DATE_PRECISIONS, VISIT_KINDS } from '../visit';

export class RecordVisitDto {
  @IdField('mv-2026-04') visitId!: string;
  @EnumField(VISIT_KINDS) kind!: string;
  @DateField('2026-04-29') startDate!: string;
  @DateField('2026-04-30') endDate!: string;
  @TextListField(['Lisa Walsh', 'Gemma McNevin']) inspectors?: string[];
  @TextListField(['pathway planning', 'employment, education and training']) areas?: string[];
  @EnumField(DATE_PRECISIONS, false, '"month" when the source gives only the month: the dates then span it, first day to last, so findings take effect on its last day') datePrecision?: string;
  @TextField(MAX.text, 'The letter gives only "the beginning of November"', false) dateNote?: string;
}
