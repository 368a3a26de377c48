import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkAfter, canonicalOf } from '../../src/event-store/chain';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { runExportCli } from '../../src/cli/export.cli';
import { runImportCli } from '../../src/cli/import.cli';
import { runVerifyCli } from '../../src/cli/verify.cli';
import { openReadModelDb } from '../../src/projections/engine/read-model-db';
import { readModelsOn } from '../../src/projections/all-projections';
import { dumpTables } from '../projections/support/tables';
import { capture, haltonStore } from './support/halton-store';

type Cli = (args: string[], env: Record<string, string | undefined>, io: ReturnType<typeof capture>) => Promise<number>;
const run = async (cli: Cli, store: string, args: string[]) => {
  const io = capture();
  const code = await cli(args, { EVENT_STORE_URL: `sqlite:${store}` }, io);
  return { code, out: io.lines, err: io.errors() };
};

/** The read models' rows in a store's file, and those a rebuild from its events gives. */
const readModelsOf = async (path: string) => {
  const store = new SqliteEventStore({ path });
  const tables = readModelsOn(openReadModelDb(path, store).db).tables;
  const rows = dumpTables(store.db, tables);
  const rebuilt = readModelsOn(new Database(':memory:'));
  rebuilt.apply(await store.readAll());
  await store.close();
  return { rows, rebuilt: dumpTables(rebuilt.db, tables) };
};

const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

describe('npm run export and npm run import', () => {
  let dir: string;
  let source: string;
  let events: number;
  const at = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-export-'));
    source = at('halton.db');
    events = await haltonStore(source);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('export, import into an empty store, export again: the same bytes, and read models equal to a rebuild of the original', async () => {
    const first = await run(runExportCli, source, ['--out', at('halton.jsonl')]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(new RegExp(`^exported ${events} events to .*halton.jsonl, head ${events} [0-9a-f]{64}$`));
    expect(first.err).toContain('100.0%');
    const lines = linesOf(at('halton.jsonl'));
    expect(lines).toHaveLength(events);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['eventId', 'streamId', 'revision', 'type', 'recordedAt', 'data', 'metadata', 'previous', 'chain']);

    const imported = await run(runImportCli, at('moved.db'), ['--in', at('halton.jsonl')]);
    expect(imported.code).toBe(0);
    expect(imported.out).toEqual([first.out[0]!.replace(/^exported (\d+) events to .*halton.jsonl/, 'imported $1 events from ' + at('halton.jsonl')), expect.stringContaining(`built the read models in ${at('moved.db')} from ${events} events`)]);

    const again = await run(runExportCli, at('moved.db'), ['--out', at('again.jsonl')]);
    expect(again.code).toBe(0);
    expect(readFileSync(at('again.jsonl')).equals(readFileSync(at('halton.jsonl')))).toBe(true);
    const moved = await readModelsOf(at('moved.db'));
    expect(moved.rows).toEqual(moved.rebuilt);
    expect(moved.rows).toEqual((await readModelsOf(source)).rebuilt);
    expect((await run(runVerifyCli, at('moved.db'), [])).out).toEqual([first.out[0]!.replace(/^exported (\d+) events to .*halton.jsonl/, 'verified $1 events')]);
  });

  it('refuses to import into a store that holds events, and writes nothing there', async () => {
    const refused = await run(runImportCli, source, ['--in', at('halton.jsonl')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`The store ${source} already holds events (its last is at position ${events}): an import goes into an empty store only`);
    const db = new Database(source, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: events });
    db.close();
  });

  it('refuses a file whose chain is broken, naming the line, and leaves the store empty', async () => {
    const lines = linesOf(at('halton.jsonl'));
    const k = lines.findIndex((l) => /"rag":"(amber|red|green)"/.test(l));
    const edited = lines.map((l, i) => (i === k ? l.replace(/"rag":"(amber|red|green)"/, '"rag":"complete"') : l));
    expect(edited[k]).not.toBe(lines[k]);
    const removed = lines.filter((_, i) => i !== k);
    // A forger who also recomputes the edited line's own link still breaks the next line's.
    const relinked = lines.map((l, i) => {
      if (i !== k) return l;
      const event = { ...JSON.parse(edited[k]!) };
      event.chain = linkAfter(event.previous, canonicalOf(event));
      return JSON.stringify(event);
    });
    const cases: Array<[string, string[], string]> = [
      ['edited.jsonl', edited, `line ${k + 1}: the event (milestone-halton/`],
      ['removed.jsonl', removed, `line ${k + 1}: the event does not follow the line before it in the chain`],
      ['relinked.jsonl', relinked, `line ${k + 2}: the event does not follow the line before it in the chain`],
      ['garbled.jsonl', lines.map((l, i) => (i === 2 ? l.slice(0, 30) : l)), 'line 3: is not JSON'],
    ];
    for (const [name, content, why] of cases) {
      writeFileSync(at(name), `${content.join('\n')}\n`);
      const target = at(`into-${name}.db`);
      const refused = await run(runImportCli, target, ['--in', at(name)]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`${at(name)} ${why}`);
      const store = new SqliteEventStore({ path: target });
      expect(await store.headPosition()).toBe(-1n);
      await store.close();
    }
  });

  it('exports one plan’s events with their links in the whole log; the file verifies against the store, and is refused as an import', async () => {
    const plan = await run(runExportCli, source, ['--out', at('plan.jsonl'), '--plan', 'halton']);
    expect(plan.code).toBe(0);
    const lines = linesOf(at('plan.jsonl'));
    expect(plan.out[0]).toMatch(new RegExp(`^exported ${lines.length} events of plan halton \\(of ${events} in the log\\) to `));
    expect(lines.length).toBeLessThan(events);
    expect(lines.every((l) => /"streamId":"[a-z]+-halton[/"]/.test(l))).toBe(true);
    const whole = new Set(linesOf(at('halton.jsonl')));
    expect(lines.every((l) => whole.has(l))).toBe(true);

    const checked = await run(runVerifyCli, source, ['--in', at('plan.jsonl')]);
    expect(checked.code).toBe(0);
    expect(checked.out[0]).toMatch(new RegExp(`^verified ${lines.length} events of halton in .*plan.jsonl against the store's log, through position \\d+ [0-9a-f]{64}$`));

    const k = lines.findIndex((l) => /"rag":"(amber|red|green)"/.test(l));
    const relinked = lines.map((l, i) => {
      if (i !== k) return l;
      const event = JSON.parse(l.replace(/"rag":"(amber|red|green)"/, '"rag":"complete"'));
      event.chain = linkAfter(event.previous, canonicalOf(event));
      return JSON.stringify(event);
    });
    writeFileSync(at('plan-edited.jsonl'), `${relinked.join('\n')}\n`);
    const caught = await run(runVerifyCli, source, ['--in', at('plan-edited.jsonl')]);
    expect(caught.code).toBe(1);
    expect(caught.err).toContain(`plan-edited.jsonl line ${k + 1}: its link is not the one the store`);

    writeFileSync(at('plan-short.jsonl'), `${lines.filter((_, i) => i !== k).join('\n')}\n`);
    const short = await run(runVerifyCli, source, ['--in', at('plan-short.jsonl')]);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(new RegExp(`plan-short.jsonl lacks the store's event at position \\d+ \\(milestone-halton/.+ revision \\d+\\), before line ${k + 1}`));

    const refused = await run(runImportCli, at('from-plan.db'), ['--in', at('plan.jsonl')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the event does not follow the line before it in the chain: lines were removed, added or moved, or the file is one plan’s export. Only a whole log can be imported');
  });

  it('verifies a whole exported file on its own', async () => {
    const checked = await run(runVerifyCli, at('nowhere.db'), ['--in', at('halton.jsonl')]);
    expect(checked.code).toBe(0);
    expect(checked.out[0]).toMatch(new RegExp(`^verified ${events} events of a whole log in .*halton.jsonl, head [0-9a-f]{64}$`));
  });

  it('refuses to overwrite a file, and to export a plan the log does not have', async () => {
    const existing = await run(runExportCli, source, ['--out', at('halton.jsonl')]);
    expect(existing.code).toBe(1);
    expect(existing.err).toContain(`${at('halton.jsonl')} already exists`);
    const none = await run(runExportCli, source, ['--out', at('knowsley.jsonl'), '--plan', 'knowsley']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('The log holds no events of plan "knowsley"');
    expect(() => readFileSync(at('knowsley.jsonl'))).toThrow();
  });
});
