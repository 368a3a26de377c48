import { cutIntoSegments, VisitRef } from './segments';

const ilacs: VisitRef = { visitId: 'ilacs-2024-05', kind: 'ilacs', endDate: '2024-05-24' };
const mv1: VisitRef = { visitId: 'mv-2025-01', kind: 'monitoring', endDate: '2025-01-15' };
const mv2: VisitRef = { visitId: 'mv-2025-04', kind: 'monitoring', endDate: '2025-04-09' };
const older: VisitRef = { visitId: 'focused-2021-10', kind: 'focused', endDate: '2021-10-20' };

const entry = (name: string, effectiveOn: string, position: number, visitId?: string) => ({
  name,
  effectiveOn,
  position,
  ...(visitId ? { visitId } : {}),
});

describe('cutting a recommendation’s life at visits', () => {
  it('starts at the visit that raised it, cuts at each later visit and leaves the last segment open', () => {
    const segments = cutIntoSegments(
      ilacs,
      '2024-05-24',
      [mv2, older, ilacs, mv1],
      [
        entry('closed', '2025-07-15', 9),
        entry('raised', '2024-05-24', 1),
        entry('mv1 finding', '2025-01-15', 5, 'mv-2025-01'),
        entry('Q2 update', '2024-09-30', 3),
        entry('mv2 finding', '2025-04-09', 7, 'mv-2025-04'),
        entry('Q4 update', '2025-03-31', 6),
      ],
    );
    expect(segments.map((s) => [s.from?.visitId ?? null, s.to?.visitId ?? null, s.entries.map((e) => e.name)])).toEqual([
      ['ilacs-2024-05', 'mv-2025-01', ['raised', 'Q2 update', 'mv1 finding']],
      ['mv-2025-01', 'mv-2025-04', ['Q4 update', 'mv2 finding']],
      ['mv-2025-04', null, ['closed']],
    ]);
  });

  it('without a known origin starts at null and cuts at visits after the day it was raised', () => {
    const segments = cutIntoSegments(null, '2024-06-01', [ilacs, mv1], [entry('raised', '2024-06-01', 1)]);
    expect(segments.map((s) => [s.from?.visitId ?? null, s.to?.visitId ?? null, s.entries.length])).toEqual([
      [null, 'mv-2025-01', 1],
      ['mv-2025-01', null, 0],
    ]);
  });

  it('puts a finding with its own visit even when another visit ends the same day', () => {
    const twin: VisitRef = { visitId: 'focused-2025-01', kind: 'focused', endDate: '2025-01-15' };
    const segments = cutIntoSegments(
      ilacs,
      '2024-05-24',
      [mv1, twin],
      [entry('twin finding', '2025-01-15', 4, 'focused-2025-01')],
    );
    const withFinding = segments.find((s) => s.entries.length === 1)!;
    expect(withFinding.to?.visitId).toBe('focused-2025-01');
  });

  it('is one open segment when no visit has followed', () => {
    expect(cutIntoSegments(mv2, '2025-04-09', [mv2], [])).toEqual([{ from: mv2, to: null, entries: [] }]);
  });
});
