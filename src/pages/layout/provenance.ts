import { ProvenanceDto } from '../../projections/shared/provenance.dto';

const READING_TAGS: Record<string, { text: string; classes: string }> = {
  repaired: { text: 'Text repaired', classes: 'govuk-tag--yellow' },
  inferred: { text: 'Inferred', classes: 'govuk-tag--pink' },
  'second-hand': { text: 'Second-hand', classes: 'govuk-tag--turquoise' },
};

export interface SourceNote {
  /** "Children's Services Directorate quarterly monitoring report, 2025-26 Q2 …, Appendix 1, row P1.1". */
  source: string;
  /** Set when the fact was not read as printed, or some of its fields were judged: the page marks it. */
  mark: { text: string; classes: string; reason: string } | null;
}

/**
 * Where a fact transcribed from a published document came from, as the pages say it; anything not read
 * exactly as printed is marked with why. Facts people record directly have none.
 */
export function sourceNote(provenance: ProvenanceDto | null | undefined): SourceNote | null {
  if (!provenance) return null;
  const tag = READING_TAGS[provenance.reading];
  const judged = provenance.inferred.map((i) => `Judged while transcribing (${i.fields.join(', ')}): ${i.reason}`);
  const reasons = [...(provenance.reason ? [provenance.reason] : []), ...judged];
  const mark = tag
    ? { ...tag, reason: reasons.join(' ') }
    : judged.length > 0
      ? { text: 'Partly inferred', classes: 'govuk-tag--pink', reason: judged.join(' ') }
      : null;
  return { source: `${provenance.title}, ${provenance.location}`, mark };
}
