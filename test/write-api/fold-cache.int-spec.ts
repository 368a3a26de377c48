import { newContext } from '../../src/write-side/command-context';
import { FoldCache } from '../../src/write-side/fold-cache';
import { CommandPipeline } from '../../src/write-side/pipeline';
import { DomainError } from '../../src/domain/domain-error';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { MilestoneCommand, milestoneDecider, streamId } from '../../src/milestone/milestone';

/**
 * The folds kept between commands are bounded by their size, not their number: milestones with a
 * paragraph of commentary a quarter must not take the server past its memory, and a stream that has
 * left the cache is decided on exactly as before.
 */
describe('folded states kept between commands', () => {
  const LIMIT = 256 * 1024;
  const paragraph = (n: number) => `Quarter ${n}: ${'The service has recruited and retained permanent social workers. '.repeat(30)}`;
  const periods = ['2024-25 Q1', '2024-25 Q2', '2024-25 Q3', '2024-25 Q4', '2025-26 Q1', '2025-26 Q2'];
  const ends = ['2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31', '2025-06-30', '2025-09-30'];
  let store: SqliteEventStore;
  let pipeline: CommandPipeline;

  const now = '2025-10-20T09:00:00.000Z';
  const run = (milestoneId: string, command: MilestoneCommand) =>
    pipeline.run(milestoneDecider, streamId('council-001', milestoneId), command, newContext({ actor: { id: 'board', name: 'Board member', role: 'board' } }));
  const add = (milestoneId: string) =>
    run(milestoneId, {
      type: 'AddMilestone',
      data: { planId: 'council-001', plan: { exists: true, priorityIds: ['P1'] }, milestoneId, priorityId: 'P1', title: `Milestone ${milestoneId}` },
      now,
    });
  const rate = (milestoneId: string, quarter: number, commentary = paragraph(quarter)) =>
    run(milestoneId, {
      type: 'UpdateMilestone',
      data: { planId: 'council-001', milestoneId, period: periods[quarter]!, rag: 'amber', commentary, effectiveOn: ends[quarter]! },
      now,
    });

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    pipeline = new CommandPipeline(store, new FoldCache(LIMIT));
  });
  afterEach(() => store.close());

  it('keeps their estimated size under the limit, however many streams are written', async () => {
    const milestones = Array.from({ length: 40 }, (_, i) => `P1.${i + 1}`);
    for (const id of milestones) {
      await add(id);
      for (let q = 0; q < periods.length; q++) await rate(id, q);
    }
    const { streams, bytes } = pipeline.folds.usage();
    // 40 milestones of six ~2 KB ratings each are about 500 KB: only the most recent fit.
    expect(bytes).toBeLessThanOrEqual(LIMIT);
    expect(bytes).toBeGreaterThan(LIMIT / 2);
    expect(streams).toBeGreaterThan(0);
    expect(streams).toBeLessThan(milestones.length);
  });

  it('decides on a stream read again once it has left the cache, as on the cached one', async () => {
    await add('P1.1');
    await rate('P1.1', 0, 'Recruitment is on track.');
    // Push P1.1 out with other milestones' long ratings.
    for (let i = 2; i <= 40; i++) {
      await add(`P1.${i}`);
      for (let q = 0; q < periods.length; q++) await rate(`P1.${i}`, q);
    }
    expect(pipeline.folds.usage().streams).toBeLessThan(40);
    // The same rating again changes nothing and is refused, as when it was cached; a correction needs a reason.
    await expect(rate('P1.1', 0, 'Recruitment is on track.')).rejects.toThrow(/already has exactly this rating/);
    await expect(rate('P1.1', 0, 'Recruitment has slipped.')).rejects.toMatchObject({ field: 'reason' } satisfies Partial<DomainError>);
    const next = await rate('P1.1', 1, 'Second quarter.');
    expect(next.revision).toBe(2);
  });
});
