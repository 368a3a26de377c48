import { ArrayMinSize } from 'class-validator';
import { DateField, ExpectedRevisionField, MAX, TextField, TextListField } from '../../web/fields';

export class CloseRecommendationDto {
  @TextField(MAX.text, 'Audits over two quarters show pathway plans now good in 80% of cases') reason!: string;
  @TextListField(['Casefile audit Q3 2025-26', 'Monitoring visit letter, 2 June 2026'], true)
  @ArrayMinSize(1, { message: 'evidence must name at least one piece of evidence' })
  evidence!: string[];
  @DateField('2026-06-30', true, 'The day the closure takes effect: not after today') effectiveOn!: string;
  @ExpectedRevisionField() expectedRevision?: number;
}
