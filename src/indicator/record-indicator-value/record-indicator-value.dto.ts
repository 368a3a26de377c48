import { DateField, ExpectedRevisionField, MAX, NumberField, PERIOD_PATTERN, PeriodField, TextField } from '../../web/fields';

export class RecordIndicatorValueDto {
  @PeriodField(PERIOD_PATTERN, '2025-26 Q2', 'must be a quarter ("2025-26 Q2"), a financial year ("2025-26") or a month ("2025-09")')
  period!: string;
  @NumberField(384) value!: number;
  @DateField(
    '2025-09-30',
    false,
    'The date the value applies to, inside the period and not after today. Left out: the period’s last day once it has ended, else today',
  )
  effectiveOn?: string;
  @TextField(MAX.text, 'Provisional figure', false) note?: string;
  @ExpectedRevisionField() expectedRevision?: number;
}
