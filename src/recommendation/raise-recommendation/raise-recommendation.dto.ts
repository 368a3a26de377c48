import { DateField, IdField, MAX, TextField } from '../../web/fields';

export class RaiseRecommendationDto {
  @IdField('R09') recommendationId!: string;
  @TextField(MAX.text, 'The quality of support, advice and guidance for care leavers…') text!: string;
  @DateField('2024-05-24', true, 'The day it was raised: normally the last day of the inspection; not after today') raisedOn!: string;
  @IdField('ilacs-2024-05', false) source?: string;
}
