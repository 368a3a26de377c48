import { ConsoleLogger, INestApplication, Logger } from '@nestjs/common';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { EventStoreError, StoredEvent, StreamAppend } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { readSeed, SEEDS_DIR } from '../../src/seeding/seed-file';
import { SeedLoader } from '../../src/seeding/seed-loader';
import { startTestApp, TestApp } from '../support/test-app';

const ofType = (events: StoredEvent[], type: string) => events.filter((e) => e.type === type);
const dataOf = <T = any>(events: StoredEvent[], type: string, match: (d: any) => boolean): T =>
  ofType(events, type).find((e) => match(e.data))?.data as T;

describe('the Halton seed', () => {
  let t: TestApp;
  let events: StoredEvent[];
  beforeAll(async () => {
    t = await startTestApp({ TRACKER_SEED: 'halton' });
    events = await t.store.readAll();
  }, 60_000);
  afterAll(() => t.close());

  it('loads the plan with its 12 priorities, 51 milestones, 12 recommendations, 5 judgements and 4 monitoring visits', () => {
    expect(ofType(events, 'PlanCreated').map((e) => e.data)).toEqual([
      expect.objectContaining({ planId: 'halton', localAuthority: 'Halton Borough Council' }),
    ]);
    expect(ofType(events, 'PriorityAdded')).toHaveLength(12);
    expect(ofType(events, 'MilestoneAdded')).toHaveLength(51);
    expect(ofType(events, 'MilestoneUpdated')).toHaveLength(51);
    expect(ofType(events, 'RecommendationRaised')).toHaveLength(12);
    expect(ofType(events, 'JudgementRecorded')).toHaveLength(5);
    expect(ofType(events, 'VisitRecorded').filter((e) => (e.data as { kind: string }).kind === 'monitoring')).toHaveLength(4);
  });

  it('loads in one pass: every entry of every file is one event, in file order', () => {
    const entries = readSeed('halton').flatMap((file) =>
      file.entries.map((entry) => `seeds/halton/${file.name}#${entry.index + 1}`),
    );
    expect(events.map((e) => `${(e.metadata.source as any).seedFile}#${(e.metadata.source as any).entry}`)).toEqual(entries);
    const counts = Object.fromEntries([...new Set(events.map((e) => e.type))].map((type) => [type, ofType(events, type).length]));
    expect(counts).toEqual({
      PlanCreated: 1,
      VisitRecorded: 7,
      VisitFindingRecorded: 110,
      RecommendationRaised: 12,
      JudgementRecorded: 5,
      PriorityAdded: 12,
      MilestoneAdded: 51,
      MilestoneUpdated: 51,
      MilestoneLinked: 13,
      IndicatorDefined: 115,
      IndicatorValueRecorded: 168,
    });
  });

  it('keeps the ILACS inspection of May 2024: five inadequate judgements under the 2023 framework', () => {
    const ilacs = dataOf(events, 'VisitRecorded', (d) => d.kind === 'ilacs');
    expect(ilacs).toMatchObject({ startDate: '2024-05-13', endDate: '2024-05-24' });
    const judgements = ofType(events, 'JudgementRecorded').map(
      (e) => e.data as { area: string; grade: string; framework: string },
    );
    expect(judgements.every((j) => j.grade === 'inadequate' && j.framework === 'ilacs-2023')).toBe(true);
    expect(judgements.map((j) => j.area).sort()).toEqual([
      'care-leavers',
      'children-in-care',
      'help-and-protection',
      'impact-of-leaders',
      'overall-effectiveness',
    ]);
    const r09 = dataOf(events, 'RecommendationRaised', (d) => d.recommendationId === 'R09');
    expect(r09.text).toMatch(/care leavers/);
    expect(r09).toMatchObject({ raisedOn: '2024-05-24', source: 'ilacs-2024-05' });
  });

  it('keeps the quarterly report: symbols as ratings, lost symbols not rated with the printed text kept', () => {
    const p11 = dataOf(events, 'MilestoneUpdated', (d) => /Family Hub/.test(d.commentary));
    expect(p11).toMatchObject({ period: '2025-26 Q2', rag: 'green', effectiveOn: '2025-09-30' });
    expect(p11.commentary).toMatch(/12128/);
    const updates = ofType(events, 'MilestoneUpdated');
    const byMilestone = (id: string) =>
      updates.find((e) => e.streamId === `milestone-halton/${encodeURIComponent(id)}`)!.data as any;
    expect(byMilestone('P1.3').rag).toBe('amber');
    expect(byMilestone('P6.6')).toMatchObject({ rag: 'not-rated', note: expect.stringContaining('~') });
    expect(byMilestone('P7.6')).toMatchObject({ rag: 'not-rated', note: expect.stringContaining('Refer Comment') });
    const cic = ofType(events, 'IndicatorValueRecorded').filter((e) => e.streamId === 'indicator-halton/children-in-care');
    expect(cic.map((e) => e.data)).toContainEqual(expect.objectContaining({ period: '2025-26 Q2', value: 384 }));
  });

  it('keeps the monitoring visits: the 4th with its inspectors, the 3rd and earlier at month precision', () => {
    const fourth = dataOf(events, 'VisitRecorded', (d) => d.visitId === 'mv-2026-04');
    expect(fourth).toMatchObject({ startDate: '2026-04-29', endDate: '2026-04-30', inspectors: ['Lisa Walsh', 'Gemma McNevin'] });
    const third = dataOf(events, 'VisitRecorded', (d) => d.visitId === 'mv-2025-11');
    expect(third).toMatchObject({ startDate: '2025-11-01', endDate: '2025-11-30', datePrecision: 'month' });
    expect(third.areas).toContain('The experiences and progress of disabled children in care');
    const pathway = dataOf(events, 'VisitFindingRecorded', (d) => /quality of pathway plans is too variable/.test(d.text));
    expect(pathway.recommendationIds).toContain('R09');
    expect(['insufficient-progress', 'area-for-improvement']).toContain(pathway.assessment);
  });

  it('keeps the 2021 focused visit and the later follow-up from the news item', () => {
    expect(dataOf(events, 'VisitRecorded', (d) => d.visitId === 'focused-2021-10')).toMatchObject({
      kind: 'focused',
      datePrecision: 'month',
    });
    const followUp = ofType(events, 'VisitFindingRecorded').filter((e) => e.streamId === 'visit-halton/followup-2022-11');
    expect(followUp.map((e) => (e.data as { text: string }).text)).toContainEqual(
      expect.stringMatching(/quality and consistency of audit practice/),
    );
  });

  it('names the source document and the seed actor in every event', () => {
    for (const event of events) {
      expect(event.metadata.actor).toMatchObject({ id: 'seed-loader' });
      expect(event.metadata.source).toMatchObject({ seedFile: expect.stringMatching(/^seeds\/halton\//) });
    }
    const update = ofType(events, 'MilestoneUpdated')[0]!;
    expect(update.metadata.provenance).toMatchObject({
      document: '004_7b3801fce1d4e3bc.txt',
      publisher: 'Halton Borough Council',
    });
  });

  it('adds nothing when loaded a second time', async () => {
    const head = await t.store.headPosition();
    const report = await t.app.get(SeedLoader).load('halton');
    expect(report).toEqual({ entries: expect.any(Number), appended: 0 });
    expect(await t.store.headPosition()).toBe(head);
  }, 60_000);
});

/** As KurrentDB before 25.1, which cannot append to several streams at once. */
class SingleStreamStore extends SqliteEventStore {
  override appendMany(_requests: readonly StreamAppend[]): Promise<never> {
    return Promise.reject(new EventStoreError('Recording changes to several streams at once needs KurrentDB 25.1 or later'));
  }
}

describe('the server after rehearsing the seed', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('still logs what it logged before', async () => {
    Logger.overrideLogger(new ConsoleLogger());
    Logger.overrideLogger(['error', 'warn', 'log']);
    const written = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await t.app.get(SeedLoader).load('halton');
      written.mockClear();
      new Logger('Tracker').log('Listening');
      expect(written.mock.calls.map(([text]) => String(text)).join('')).toMatch(/\[Tracker\].*Listening/);
    } finally {
      written.mockRestore();
      Logger.overrideLogger(false);
    }
  }, 60_000);
});

describe('the Halton seed on a store that appends to one stream at a time', () => {
  it('is recorded entry by entry instead, with the same events in the same order', async () => {
    const store = new SingleStreamStore({ path: ':memory:' });
    const config = loadConfig({ EVENT_STORE_URL: 'sqlite::memory:', TRACKER_SEED: 'none' });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, store), { logger: false });
    try {
      const report = await app.get(SeedLoader).load('halton');
      const stored = await store.readAll();
      expect(report).toEqual({ entries: stored.length, appended: stored.length });
      const reference = await startTestApp({ TRACKER_SEED: 'halton' });
      try {
        const copied = await reference.store.readAll();
        expect(stored.map((e) => [e.eventId, e.streamId, e.revision])).toEqual(
          copied.map((e) => [e.eventId, e.streamId, e.revision]),
        );
      } finally {
        await reference.close();
      }
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('a seed file with a mistake', () => {
  let app: TestApp;
  let dir: string;
  beforeEach(async () => {
    app = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    cpSync(join(SEEDS_DIR, 'halton'), join(dir, 'halton'), { recursive: true });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const corrupt = (file: string, change: (entries: any[]) => void) => {
    const path = join(dir, 'halton', file);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    change(json.entries);
    writeFileSync(path, JSON.stringify(json));
  };
  const loadFails = (loader: INestApplication) => loader.get(SeedLoader).load('halton', { dir });

  it('stops on an unknown recommendation id, naming the file and the entry, and stores nothing', async () => {
    corrupt('05-monitoring-visit-2026-04.json', (entries) => {
      entries.find((e) => e.kind === 'finding').recommendationIds = ['R99'];
    });
    await expect(loadFails(app.app)).rejects.toThrow(/05-monitoring-visit-2026-04\.json, entry \d+ \(finding .*\): .*R99/);
    expect(await app.store.headPosition()).toBe(-1n);
  });

  it('stops on a bad rating, naming the file and the entry, and stores nothing', async () => {
    corrupt('06-quarterly-report-2025-26-q2.json', (entries) => {
      entries.find((e) => e.kind === 'milestoneUpdate' && e.milestoneId === 'P2.2').rag = 'orange';
    });
    await expect(loadFails(app.app)).rejects.toThrow(
      /06-quarterly-report-2025-26-q2\.json, entry \d+ \(milestoneUpdate P2\.2 2025-26 Q2\): rag must be one of/,
    );
    expect(await app.store.headPosition()).toBe(-1n);
  });
});
