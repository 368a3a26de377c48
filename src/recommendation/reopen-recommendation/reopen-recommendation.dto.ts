import { DateField, ExpectedRevisionField, MAX, TextField } from '../../web/fields';

export class ReopenRecommendationDto {
  @TextField(MAX.text, 'The April 2026 monitoring visit found pathway plans still too variable') reason!: string;
  @DateField('2026-04-30', true, 'The day the reopening takes effect: not after today') effectiveOn!: string;
  @ExpectedRevisionField() expectedRevision?: number;
}
