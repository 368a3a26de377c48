import { parseSeedFile } from './seed-file';

const seedFile = (provenance: unknown, entry: Record<string, unknown> = {}) =>
  JSON.stringify({
    source: { file: '003_report.txt', title: 'Inspection report', publisher: 'Ofsted', publishedOn: '2024-07-01' },
    planId: 'halton',
    entries: [
      {
        kind: 'recommendation',
        recommendationId: 'R01',
        text: 'Partnership arrangements.',
        raisedOn: '2024-05-24',
        ...entry,
        ...(provenance === undefined ? {} : { provenance }),
      },
    ],
  });
const parse = (provenance: unknown, entry?: Record<string, unknown>) =>
  parseSeedFile('03-report.json', seedFile(provenance, entry));

describe('a seed entry’s provenance', () => {
  it('names the document, where in it, how it was read, and whose words they are', () => {
    const [entry] = parse({ location: '"What needs to improve?", item 1' }).entries;
    expect(entry!.provenance).toEqual({
      document: '003_report.txt',
      title: 'Inspection report',
      publisher: 'Ofsted',
      publishedOn: '2024-07-01',
      location: '"What needs to improve?", item 1',
      reading: 'printed',
      reason: null,
      original: null,
      author: 'Ofsted',
      inferred: [],
    });
  });

  it('lists the fields judged while transcribing, each with its reason', () => {
    const [entry] = parse({ location: 'item 1', inferred: [{ fields: ['raisedOn'], reason: 'No date is printed.' }] }).entries;
    expect(entry!.provenance.inferred).toEqual([{ fields: ['raisedOn'], reason: 'No date is printed.' }]);
  });

  it.each([
    [undefined, /entry 1 \(recommendation R01\): provenance is missing/],
    [{ reading: 'printed' }, /provenance\.location must be a non-empty text/],
    [{ location: 'item 1', reading: 'guessed' }, /provenance\.reading must be one of: printed, repaired, inferred, second-hand/],
    [{ location: 'item 1', reading: 'inferred' }, /provenance\.reason is needed: the fact is inferred, say why/],
    [{ location: 'item 1', reading: 'second-hand' }, /provenance\.reason is needed: the fact is second-hand/],
    [
      { location: 'item 1', reading: 'repaired', reason: 'Joined.' },
      /provenance\.original is needed: a repair keeps the text as extracted/,
    ],
    [{ location: 'item 1', inferred: [{ fields: ['colour'], reason: 'r' }] }, /names colour, which the entry does not have/],
    [{ location: 'item 1', inferred: [{ fields: ['raisedOn'] }] }, /inferred\[0\]\.reason must be a non-empty text/],
    [{ location: 'item 1', document: '004_other.txt' }, /"004_other\.txt" is not the source of any file of this seed/],
    [{ location: 'item 1', page: 3 }, /provenance has unknown fields: page/],
  ])('refuses %j, naming the file and the entry', (provenance, message) => {
    expect(() => parse(provenance)).toThrow(/^03-report\.json, entry 1/);
    expect(() => parse(provenance)).toThrow(message);
  });
});
