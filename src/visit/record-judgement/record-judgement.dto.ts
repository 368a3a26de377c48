import { EnumField } from '../../web/fields';
import { FRAMEWORKS, GRADES, JUDGEMENT_AREAS } from '../visit';

export class RecordJudgementDto {
  @EnumField(JUDGEMENT_AREAS, true, 'Must be an area of the framework version') area!: string;
  @EnumField(GRADES) grade!: string;
  @EnumField(FRAMEWORKS, true, 'ILACS version: 2018 (four areas), 2023 (five), 2026 (four, no overall effectiveness)') framework!: string;
}
