import { DateField, IdField } from '../../web/fields';

export class LinkMilestoneDto {
  @IdField('P9.1') milestoneId!: string;
  @DateField('2025-07-01', false, 'The day the milestone starts to work towards the recommendation, not after today; today when left out')
  effectiveOn?: string;
}
