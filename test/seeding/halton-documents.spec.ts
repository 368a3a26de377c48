import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readSeed, SEEDS_DIR } from '../../src/seeding/seed-file';

/**
 * The Halton seed against the published documents it transcribes: every word it says was printed is in the
 * document, every repair keeps an original that is, and the ILACS report's numbered paragraphs are all there.
 * The documents sit beside the project (`../shared/seeds/`), or where SEED_DOCUMENTS_DIR says.
 */
function findDocuments(): string | undefined {
  const configured = process.env.SEED_DOCUMENTS_DIR;
  if (configured) return existsSync(configured) ? configured : undefined;
  for (let dir = dirname(SEEDS_DIR); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'seeds');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
  }
  return undefined;
}

const documents = findDocuments();
const ILACS = '003_9246ea2c0a89d0e3.txt';
/** Page headers of the quarterly report, and every run of spaces, tabs and line breaks, read as one space. */
const normalise = (text: string) =>
  text
    .replace(/^Children's Services Directorate Page \d+ of \d+$/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** An original keeps extraction's cell breaks as " | ". */
const asExtracted = (original: string) => normalise(original.replace(/ \| /g, ' '));

if (documents) {
  const text = new Map<string, string>();
  const documentText = (file: string) => {
    if (!text.has(file)) text.set(file, normalise(readFileSync(join(documents, file), 'utf8')));
    return text.get(file)!;
  };
  const entries = readSeed('halton').flatMap((file) => file.entries.map((entry) => ({ file: file.name, ...entry })));
  const words = (entry: (typeof entries)[number]): string[] => {
    const body = entry.body as Record<string, unknown>;
    switch (entry.kind) {
      case 'finding':
      case 'recommendation':
        return [body.text as string];
      case 'priority':
      case 'milestone':
        return [body.title as string];
      case 'milestoneUpdate':
        return [body.commentary as string];
      case 'visit':
        return [...((body.areas as string[]) ?? []), ...((body.inspectors as string[]) ?? [])];
      default:
        return [];
    }
  };

  describe('the Halton seed, read against its documents', () => {
    it('finds every word it says it copied (printed or second-hand) verbatim in the document', () => {
      const copied = entries
        .filter((e) => e.provenance.reading === 'printed' || e.provenance.reading === 'second-hand')
        .flatMap((e) => words(e).map((w) => ({ entry: e.key, document: e.provenance.document, w })));
      expect(copied.length).toBeGreaterThan(200);
      expect(copied.filter(({ document, w }) => !documentText(document).includes(normalise(w)))).toEqual([]);
    });

    it('keeps, for every repair, an original that is in the document as extracted', () => {
      const repairs = entries.filter((e) => e.provenance.original !== null);
      expect(repairs.length).toBeGreaterThan(0);
      for (const e of repairs) {
        expect({
          entry: e.key,
          found: documentText(e.provenance.document).includes(asExtracted(e.provenance.original!)),
        }).toEqual({
          entry: e.key,
          found: true,
        });
      }
    });

    it('holds the ILACS report’s 56 numbered paragraphs, each with its number and its text', () => {
      const report = readFileSync(join(documents, ILACS), 'utf8').split('\n');
      const numbers = report.flatMap((line) => /^(\d+)\. /.exec(line)?.[1] ?? []).map(Number);
      expect(numbers).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
      const findings = entries.filter(
        (e) => e.kind === 'finding' && e.path.visitId === 'ilacs-2024-05' && e.body.paragraph !== undefined,
      );
      expect(findings.map((f) => f.body.paragraph)).toEqual(numbers);
      const whole = documentText(ILACS);
      for (const f of findings) {
        const n = f.body.paragraph as number;
        const next = whole.indexOf(` ${n + 1}. `, whole.indexOf(`${n}. `));
        const paragraph = whole.slice(whole.indexOf(` ${n}. `) + ` ${n}. `.length, n === 56 ? undefined : next);
        expect(paragraph.startsWith(f.body.text as string)).toBe(true);
      }
    });
  });
} else {
  const reason = 'the source documents were found neither beside the project (../shared/seeds/) nor in SEED_DOCUMENTS_DIR';
  process.stderr.write(`\n*** SKIPPED: the Halton seed against its documents — ${reason}. ***\n\n`);
  describe('the Halton seed, read against its documents', () => {
    test.todo(`runs when the documents are at hand — skipped here: ${reason}`);
  });
}
