import { IdField } from '../../web/fields';

export class LinkMilestoneDto {
  @IdField('P9.1') milestoneId!: string;
}
