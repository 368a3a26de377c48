export interface VisitRef {
  visitId: string;
  kind: string;
  endDate: string;
}

export interface Dated {
  effectiveOn: string;
  position: number;
  /** Set on a visit's findings: they belong to the segment that ends at their visit. */
  visitId?: string;
}

export interface Segment<E> {
  from: VisitRef | null;
  to: VisitRef | null;
  entries: E[];
}

/**
 * Cuts a recommendation's life at each visit after its origin (the visit that raised it, else the day
 * it was raised). An entry belongs to the first segment ending on or after its effective date, so
 * what a visit found closes the segment it reviewed; the last segment, still open, has `to: null`.
 */
export function cutIntoSegments<E extends Dated>(
  origin: VisitRef | null,
  raisedOn: string,
  visits: readonly VisitRef[],
  entries: readonly E[],
): Segment<E>[] {
  const after = origin?.endDate ?? raisedOn;
  const cuts = [...visits]
    .filter((v) => v.endDate > after && v.visitId !== origin?.visitId)
    .sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0));
  const segments: Segment<E>[] = [...cuts, null].map((to, i) => ({ from: i === 0 ? origin : cuts[i - 1]!, to, entries: [] }));
  const ordered = [...entries].sort((a, b) =>
    a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : a.position - b.position,
  );
  for (const entry of ordered) {
    const atVisit = entry.visitId === undefined ? -1 : cuts.findIndex((c) => c.visitId === entry.visitId);
    const byDate = cuts.findIndex((c) => entry.effectiveOn <= c.endDate);
    segments[atVisit >= 0 ? atVisit : byDate >= 0 ? byDate : cuts.length]!.entries.push(entry);
  }
  return segments;
}
