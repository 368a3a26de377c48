import { DateField, IdField, MAX, TextField } from '../../web/fields';

export class DefineIndicatorDto {
  @IdField('children-in-care') indicatorId!: string;
  @TextField(MAX.title, 'Children in care at the end of the period') title!: string;
  @TextField(100, 'children') unit!: string;
  @DateField('2025-07-01', false, 'The day the indicator applies from, not after today; today when left out') effectiveOn?: string;
}
