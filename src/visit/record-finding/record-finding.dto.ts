import { EnumField, IdField, MAX, PositiveIntegerField, TextField, TextListField } from '../../web/fields';
import { ASSESSMENTS } from '../visit';

export class RecordFindingDto {
  @IdField('mv-2026-04-f03', false) findingId?: string;
  @TextField(MAX.text, 'The quality of pathway plans is too variable.') text!: string;
  @EnumField(ASSESSMENTS) assessment!: string;
  @TextListField(['R09']) recommendationIds?: string[];
  @TextField(MAX.title, 'pathway planning', false) area?: string;
  @PositiveIntegerField(12, 'The number the report prints for the paragraph the finding is, when its paragraphs are numbered') paragraph?: number;
}
