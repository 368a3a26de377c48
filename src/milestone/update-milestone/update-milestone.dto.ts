import { DateField, ExpectedRevisionField, MAX, PeriodField, QUARTER_PATTERN, TextField, TypedChoiceField } from '../../web/fields';
import { RAGS } from '../milestone';

export class UpdateMilestoneDto {
  @PeriodField(QUARTER_PATTERN, '2025-26 Q2', 'must be a financial-year quarter such as "2025-26 Q2"') period!: string;
  @TypedChoiceField(RAGS, true, 'green ✓ on course, amber U uncertain, red × unlikely, complete, or not-rated') rag!: string;
  @TextField(MAX.commentary, 'Placement stability improved to 10.4% with 3+ moves.') commentary!: string;
  @DateField(
    '2025-09-30',
    false,
    'The date the rating applies to, inside the period and not after today. Left out: the period’s last day once it has ended, ' +
      'else today (a rating made during its own quarter counts from the day it is recorded)',
  )
  effectiveOn?: string;
  @TypedChoiceField(RAGS, false, 'Where the milestone is expected to end up') forecastRag?: string;
  @TextField(MAX.text, 'Correction: the Q2 figure was revised by the performance team', false) reason?: string;
  @TextField(MAX.text, 'Progress column printed: "Refer Comment"', false) note?: string;
  @ExpectedRevisionField() expectedRevision?: number;
}
